//! Python surface of `sportello::calendar`: `Calendar`, `Holiday`, the day arithmetic, and the
//! `CalendarError` exception. Converts types and errors; every rule lives in core.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use pyo3::prelude::*;
use sportello::calendar::{self as core, CalendarError as CoreError, HolidayKind, TermPolicy, View};
use sportello::chamber::ProvinceCode;

use crate::chamber::{province_arg, UnknownProvince};
use crate::convert::date_arg;
use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    CalendarError,
    SportelloError,
    "A calendar question that cannot be answered: a year outside 1950-2100, a term that leaves \
     the calendar, a view that does not exist. Attributes: rule, field."
);

/// Raises the core calendar error as `CalendarError` (or `UnknownProvince`), with `rule`/`field`.
pub(crate) fn calendar_err(py: Python<'_>, e: CoreError) -> PyErr {
    let (rule, field) = (e.rule(), e.field());
    match &e {
        CoreError::UnknownProvince { province } => {
            let province = province.clone();
            new_error::<UnknownProvince>(py, e.to_string(), |x| {
                x.setattr("rule", rule)?;
                x.setattr("field", field)?;
                x.setattr("province", province)
            })
        }
        _ => new_error::<CalendarError>(py, e.to_string(), |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)
        }),
    }
}

fn view_arg(py: Python<'_>, view: &str) -> PyResult<View> {
    view.parse().map_err(|e| calendar_err(py, e))
}

/// Reads a term length (a non-negative int) as `u32`, raising `CalendarError` (rule
/// `term_range`) for a negative or huge one and (rule `type`) for anything but an int.
fn count_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    let py = obj.py();
    let is_int = obj.is_instance_of::<pyo3::types::PyInt>() && !obj.is_instance_of::<pyo3::types::PyBool>();
    if is_int {
        if let Ok(n) = obj.extract::<u32>() {
            return Ok(n);
        }
        return Err(new_error::<CalendarError>(
            py,
            format!("{field}: {} is not a term length (0 to 4294967295)", obj.str()?),
            |x| {
                x.setattr("rule", "term_range")?;
                x.setattr("field", field)
            },
        ));
    }
    Err(new_error::<CalendarError>(
        py,
        format!("{field}: expected int, got {}", obj.get_type().name()?),
        |x| {
            x.setattr("rule", "type")?;
            x.setattr("field", field)
        },
    ))
}

/// A named day off: `date`, `name` (Italian), `kind` (`national`, `sunday`, `saturday`,
/// `patron_saint`).
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Holiday {
    #[pyo3(get)]
    date: NaiveDate,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    kind: &'static str,
}

#[pymethods]
impl Holiday {
    fn __repr__(&self) -> String {
        format!(
            "Holiday(date=datetime.date({}, {}, {}), name={}, kind={})",
            self.date.year(),
            self.date.month(),
            self.date.day(),
            crate::chamber::py_str(&self.name),
            crate::chamber::py_str(self.kind)
        )
    }
}

impl From<core::Holiday> for Holiday {
    fn from(h: core::Holiday) -> Self {
        Holiday { date: h.date, name: h.name, kind: h.kind.as_str() }
    }
}

/// The Italian legal calendar of one office.
///
/// `province` (a sigla such as ``"MI"``) adds the patron saint of its capital to the office view;
/// `saturday_is_holiday` makes Saturday deadlines move (art. 155 c.5 c.p.c. read broadly; the
/// default follows art. 155 c.6: Saturday is a working day) and closes the office on Saturdays;
/// `office_closed_on_saturday` closes the office on Saturdays without moving deadlines.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Calendar {
    pub(crate) inner: core::Calendar,
}

impl Calendar {
    fn date(&self, d: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
        date_arg(d, field)
    }
}

#[pymethods]
impl Calendar {
    #[new]
    #[pyo3(signature = (province = None, saturday_is_holiday = false, *, office_closed_on_saturday = false))]
    fn new(
        py: Python<'_>,
        province: Option<&str>,
        saturday_is_holiday: bool,
        office_closed_on_saturday: bool,
    ) -> PyResult<Self> {
        let base = match province {
            None => core::Calendar::national(),
            Some(p) => {
                let code: ProvinceCode = province_arg(py, p)?;
                core::Calendar::for_province(&code).map_err(|e| calendar_err(py, e))?
            }
        };
        let policy = if saturday_is_holiday { TermPolicy::SATURDAY_MOVES } else { TermPolicy::STRICT };
        Ok(Calendar {
            inner: base.with_policy(policy).with_office_closed_on_saturday(office_closed_on_saturday),
        })
    }

    /// The province whose patron the office view adds, or None.
    #[getter]
    fn province(&self) -> Option<String> {
        self.inner.patron().map(|p| p.province.to_string())
    }

    /// The patron saint of the seat, or None.
    #[getter]
    fn patron_saint(&self) -> Option<String> {
        self.inner.patron().map(|p| p.saint.clone())
    }

    /// Whether Saturday deadlines move to the next working day.
    #[getter]
    fn saturday_is_holiday(&self) -> bool {
        self.inner.policy() == TermPolicy::SATURDAY_MOVES
    }

    /// Whether the office is closed on Saturdays.
    #[getter]
    fn office_closed_on_saturday(&self) -> bool {
        self.inner.office_closed_on_saturday()
    }

    /// Whether `d` is a Sunday or a national holiday (patron days and Saturdays never are).
    fn is_legal_holiday(&self, py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.inner.is_legal_holiday(self.date(d, "d")?).map_err(|e| calendar_err(py, e))
    }

    /// Whether the office is closed on `d` (legal holidays, the patron day, Saturdays if closed).
    fn is_office_closed(&self, py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.inner.is_office_closed(self.date(d, "d")?).map_err(|e| calendar_err(py, e))
    }

    /// Why `d` is a day off in `view` ("legal" or "office"), or None on a working day.
    #[pyo3(signature = (d, view = "office"))]
    fn day_off(&self, py: Python<'_>, d: &Bound<'_, PyAny>, view: &str) -> PyResult<Option<Holiday>> {
        let v = view_arg(py, view)?;
        Ok(self.inner.day_off(self.date(d, "d")?, v).map_err(|e| calendar_err(py, e))?.map(Holiday::from))
    }

    /// The named holidays of `year` as (date, name), in date order: the national ones and the
    /// patron day (Sundays not listed).
    fn holidays(&self, py: Python<'_>, year: i32) -> PyResult<Vec<(NaiveDate, String)>> {
        let list = self.inner.holidays(year).map_err(|e| calendar_err(py, e))?;
        Ok(list.into_iter().map(|h| (h.date, h.name)).collect())
    }

    /// The named holidays of `year` as `Holiday` records (with their kind), in date order.
    fn holiday_list(&self, py: Python<'_>, year: i32) -> PyResult<Vec<Holiday>> {
        let list = self.inner.holidays(year).map_err(|e| calendar_err(py, e))?;
        Ok(list.into_iter().map(Holiday::from).collect())
    }

    /// The deadline of a term of `days` calendar days from `start` (start day excluded), moved
    /// past legal holidays (art. 2963 c.c.; art. 155 c.p.c.).
    fn deadline(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        days: &Bound<'_, PyAny>,
    ) -> PyResult<NaiveDate> {
        self.inner
            .deadline(self.date(start, "start")?, count_arg(days, "days")?)
            .map_err(|e| calendar_err(py, e))
    }

    /// The deadline of a term of `months` months: same day number or the month's last day
    /// (art. 2963 c.c.), moved past legal holidays.
    fn deadline_months(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        months: &Bound<'_, PyAny>,
    ) -> PyResult<NaiveDate> {
        self.inner
            .deadline_months(self.date(start, "start")?, count_arg(months, "months")?)
            .map_err(|e| calendar_err(py, e))
    }

    /// The deadline of a term of `years` years, moved past legal holidays.
    fn deadline_years(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        years: &Bound<'_, PyAny>,
    ) -> PyResult<NaiveDate> {
        self.inner
            .deadline_years(self.date(start, "start")?, count_arg(years, "years")?)
            .map_err(|e| calendar_err(py, e))
    }

    /// `d` itself, or the next day that is not closed in `view` (a due date that falls on a
    /// holiday: the annual fee's 30 June).
    #[pyo3(signature = (d, view = "legal"))]
    fn roll_forward(&self, py: Python<'_>, d: &Bound<'_, PyAny>, view: &str) -> PyResult<NaiveDate> {
        let v = view_arg(py, view)?;
        self.inner.roll_forward(self.date(d, "d")?, v).map_err(|e| calendar_err(py, e))
    }

    /// The first day after `d` that is not closed in `view` (the "giornata lavorativa successiva").
    #[pyo3(signature = (d, view = "office"))]
    fn next_working_day(&self, py: Python<'_>, d: &Bound<'_, PyAny>, view: &str) -> PyResult<NaiveDate> {
        let v = view_arg(py, view)?;
        self.inner.next_working_day(self.date(d, "d")?, v).map_err(|e| calendar_err(py, e))
    }

    /// The days after `start`, up to and including `end`, that are not closed in `view`.
    #[pyo3(signature = (start, end, view = "office"))]
    fn working_days_between(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        view: &str,
    ) -> PyResult<u32> {
        let v = view_arg(py, view)?;
        self.inner
            .working_days_between(self.date(start, "start")?, self.date(end, "end")?, v)
            .map_err(|e| calendar_err(py, e))
    }

    fn __repr__(&self) -> String {
        let province = self.province().map(|p| crate::chamber::py_str(&p)).unwrap_or_else(|| "None".into());
        let title = |b: bool| if b { "True" } else { "False" };
        format!(
            "Calendar(province={province}, saturday_is_holiday={}, office_closed_on_saturday={})",
            title(self.saturday_is_holiday()),
            title(self.office_closed_on_saturday())
        )
    }
}

/// `d` plus `days` calendar days (negative to go back), inside 1950-2100.
#[pyfunction]
fn add_days(py: Python<'_>, d: &Bound<'_, PyAny>, days: i64) -> PyResult<NaiveDate> {
    core::add_days(date_arg(d, "d")?, days).map_err(|e| calendar_err(py, e))
}

/// Days from `start` to `end` (negative if `end` comes first).
#[pyfunction]
fn days_between(start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<i64> {
    Ok(core::days_between(date_arg(start, "start")?, date_arg(end, "end")?))
}

/// Easter Sunday of `year` (1950-2100).
#[pyfunction]
fn easter_sunday(py: Python<'_>, year: i32) -> PyResult<NaiveDate> {
    core::easter_sunday(year).map_err(|e| calendar_err(py, e))
}

/// The national holidays of `year` (L. 260/1949 as amended), in date order, Sundays not listed.
#[pyfunction]
fn national_holidays(py: Python<'_>, year: i32) -> PyResult<Vec<Holiday>> {
    let list = core::national_holidays(year).map_err(|e| calendar_err(py, e))?;
    Ok(list
        .into_iter()
        .map(|(date, rule)| Holiday {
            date,
            name: rule.name.to_string(),
            kind: HolidayKind::National.as_str(),
        })
        .collect())
}

/// The calendar date in Italy (Europe/Rome) at `instant`, a timezone-aware `datetime`.
#[pyfunction]
fn italian_date(py: Python<'_>, instant: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    let aware = instant.is_instance_of::<pyo3::types::PyDateTime>()
        && !instant.getattr("tzinfo")?.is_none()
        && !instant.call_method0("utcoffset")?.is_none();
    if !aware {
        return Err(new_error::<crate::errors::InvalidDate>(
            py,
            format!("instant: expected a timezone-aware datetime.datetime, got {}", instant.repr()?),
            |x| {
                x.setattr("field", "instant")?;
                x.setattr("rule", "aware_datetime")
            },
        ));
    }
    let t: DateTime<FixedOffset> = instant.extract()?;
    Ok(core::italian_date(t.with_timezone(&Utc)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CalendarError", py.get_type::<CalendarError>())?;
    m.add_class::<Calendar>()?;
    m.add_class::<Holiday>()?;
    m.add_function(wrap_pyfunction!(add_days, m)?)?;
    m.add_function(wrap_pyfunction!(days_between, m)?)?;
    m.add_function(wrap_pyfunction!(easter_sunday, m)?)?;
    m.add_function(wrap_pyfunction!(national_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(italian_date, m)?)?;
    Ok(())
}
