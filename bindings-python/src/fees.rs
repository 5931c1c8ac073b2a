//! Python surface of `sportello::fees`: the annual fee with its steps, the batch, deadlines, late
//! payment, F24 rows, copies. Converts types and errors; every rule lives in core.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use sportello::chamber::ChamberCode;
use sportello::fees::{
    self as core, AnnualFeeRequest, BatchCalculator, FeeCalculator, FeeConfig as CoreConfig,
    FeeError as CoreError, Occasion, ServiceFee, SubjectKind,
};
use sportello::money::RoundingMode;

use crate::convert::{date_arg, decimal_arg, euro_arg};
use crate::errors::new_error;

pyo3::create_exception!(
    sportello,
    FeeError,
    crate::errors::SportelloError,
    "A fee rule refused the input; `rule` and `field` say which (`index` for a batch row)."
);
pyo3::create_exception!(
    sportello,
    InvalidSubject,
    FeeError,
    "A subject kind that is not one of SubjectKind."
);
pyo3::create_exception!(
    sportello,
    MissingFeeInput,
    FeeError,
    "An input the subject needs is missing: turnover, sede_chamber or local units."
);
pyo3::create_exception!(
    sportello,
    SurchargeError,
    FeeError,
    "No surcharge is known for a chamber and year (pass it in surcharges), or it is out of range."
);
pyo3::create_exception!(
    sportello,
    FeeYearNotSupported,
    FeeError,
    "A year outside the fee tables, or without a legal interest rate."
);
pyo3::create_exception!(
    sportello,
    RavvedimentoExpired,
    FeeError,
    "Ravvedimento is only possible within one year of the deadline (DM 54/2005 art. 6)."
);
pyo3::create_exception!(
    sportello,
    TariffError,
    FeeError,
    "No tariff, no tariff item or no pages for a copy."
);

/// Raises the core error as the matching Python exception, with `rule`, `field` and `index`.
pub fn fee_err(py: Python<'_>, e: CoreError) -> PyErr {
    let index = match &e {
        CoreError::InRow { index, .. } => Some(*index),
        _ => None,
    };
    let inner = match &e {
        CoreError::InRow { error, .. } => error.as_ref(),
        other => other,
    };
    let (rule, field, msg) = (e.rule(), e.field(), e.to_string());
    let fill = |x: &Bound<'_, PyAny>| -> PyResult<()> {
        x.setattr("rule", rule)?;
        x.setattr("field", field)?;
        x.setattr("index", index)
    };
    match inner {
        CoreError::UnknownSubjectKind { .. } | CoreError::SubjectNotDetermined { .. } => {
            new_error::<InvalidSubject>(py, msg, fill)
        }
        CoreError::MissingTurnover { .. }
        | CoreError::MissingSedeChamber { .. }
        | CoreError::NoLocalUnits { .. } => new_error::<MissingFeeInput>(py, msg, fill),
        CoreError::SurchargeUnknown { .. } | CoreError::SurchargeOutOfRange { .. } => {
            new_error::<SurchargeError>(py, msg, fill)
        }
        CoreError::YearNotSupported { .. } | CoreError::NoLegalRate { .. } => {
            new_error::<FeeYearNotSupported>(py, msg, fill)
        }
        CoreError::RavvedimentoExpired { .. } => new_error::<RavvedimentoExpired>(py, msg, fill),
        CoreError::NoTariff { .. } | CoreError::UnknownTariffItem { .. } | CoreError::NoPages => {
            new_error::<TariffError>(py, msg, fill)
        }
        _ => new_error::<FeeError>(py, msg, fill),
    }
}

fn subject_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<SubjectKind> {
    let text = obj.cast::<PyString>().map_err(|_| {
        fee_err(
            py,
            CoreError::UnknownSubjectKind { text: obj.repr().map(|r| r.to_string()).unwrap_or_default() },
        )
    })?;
    text.to_cow()?.parse::<SubjectKind>().map_err(|e| fee_err(py, e))
}

fn chamber_arg(py: Python<'_>, text: &str, field: &'static str) -> PyResult<ChamberCode> {
    text.parse().map_err(|_| fee_err(py, CoreError::InvalidChamber { field, text: text.to_string() }))
}

fn mode_arg(py: Python<'_>, mode: &str) -> PyResult<RoundingMode> {
    mode.parse().map_err(|e: sportello::money::MoneyError| {
        new_error::<FeeError>(py, e.to_string(), |x| {
            x.setattr("field", "step_mode")?;
            x.setattr("rule", e.rule())?;
            x.setattr("index", py.None())
        })
    })
}

/// Every configurable choice of the fee rules (see `FeeConfig` in the stub).
#[pyclass(module = "sportello", frozen)]
#[derive(Clone, Default)]
pub struct FeeConfig {
    pub(crate) inner: CoreConfig,
}

#[pymethods]
impl FeeConfig {
    /// The shipped configuration.
    #[staticmethod]
    fn default() -> Self {
        FeeConfig { inner: CoreConfig::default() }
    }

    /// A configuration from JSON; fields left out keep the shipped value.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        CoreConfig::from_json(text).map(|inner| FeeConfig { inner }).map_err(|e| fee_err(py, e))
    }

    /// The configuration as JSON, every field included.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        "FeeConfig(...)".to_string()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<FeeConfig>().map(|o| o.get().inner == self.inner).unwrap_or(false)
    }
}

/// The configuration passed, or the shipped one.
fn config_of(config: Option<&Bound<'_, FeeConfig>>) -> CoreConfig {
    config.map(|c| c.get().inner.clone()).unwrap_or_default()
}

/// The configuration with the step rounding overridden when `step_mode` is given.
fn config_with_mode(
    py: Python<'_>,
    config: Option<&Bound<'_, FeeConfig>>,
    step_mode: Option<&str>,
) -> PyResult<CoreConfig> {
    let mut cfg = config_of(config);
    if let Some(mode) = step_mode {
        cfg.tables = cfg.tables.with_step_mode(mode_arg(py, mode)?);
    }
    Ok(cfg)
}

fn calculator(cfg: &CoreConfig) -> FeeCalculator {
    cfg.calculator()
}

/// The fee due to one chamber, with every intermediate figure (5 decimals).
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct ChamberFee {
    /// The chamber code.
    chamber: String,
    /// Whether the seat pays here.
    has_sede: bool,
    /// Local units paid here.
    local_units: u32,
    /// Seat base (0 when the seat is elsewhere).
    sede_base: Decimal,
    /// Base of each local unit.
    unit_base: Decimal,
    /// local_units x unit_base.
    units_base: Decimal,
    /// sede_base + units_base.
    total_base: Decimal,
    /// Reduction of the year (fraction).
    reduction: Decimal,
    /// total_base x (1 - reduction).
    reduced: Decimal,
    /// Surcharge (fraction).
    surcharge: Decimal,
    /// "table" or "override".
    surcharge_source: String,
    /// reduced x (1 + surcharge).
    increased: Decimal,
    /// increased rounded to the cent.
    due_cents: Decimal,
    /// The amount due, whole euros.
    due: Decimal,
}

#[pymethods]
impl ChamberFee {
    fn __repr__(&self) -> String {
        format!(
            "ChamberFee(chamber={:?}, total_base={}, reduced={}, increased={}, due={})",
            self.chamber, self.total_base, self.reduced, self.increased, self.due
        )
    }
}

impl From<&core::ChamberFee> for ChamberFee {
    fn from(c: &core::ChamberFee) -> Self {
        ChamberFee {
            chamber: c.chamber.to_string(),
            has_sede: c.has_sede,
            local_units: c.local_units,
            sede_base: c.sede_base.amount(),
            unit_base: c.unit_base.amount(),
            units_base: c.units_base.amount(),
            total_base: c.total_base.amount(),
            reduction: c.reduction.value(),
            reduced: c.reduced.amount(),
            surcharge: c.surcharge.value(),
            surcharge_source: c.surcharge_source.as_str().into(),
            increased: c.increased.amount(),
            due_cents: c.due_cents.amount(),
            due: c.due.amount(),
        }
    }
}

/// The annual fee of a subject: one ChamberFee per chamber and their total.
#[pyclass(module = "sportello", frozen)]
pub struct AnnualFee {
    inner: core::AnnualFee,
}

#[pymethods]
impl AnnualFee {
    /// The fee year.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year
    }

    /// The subject kind, as its string value.
    #[getter]
    fn subject(&self) -> &'static str {
        self.inner.subject.as_str()
    }

    /// "annual", "new_registration" or "new_local_units".
    #[getter]
    fn occasion(&self) -> &'static str {
        self.inner.occasion.as_str()
    }

    /// The seat's chamber, if the seat pays in Italy.
    #[getter]
    fn sede_chamber(&self) -> Option<String> {
        self.inner.sede_chamber.as_ref().map(|c| c.to_string())
    }

    /// Each chamber's fee.
    #[getter]
    fn by_chamber(&self) -> BTreeMap<String, ChamberFee> {
        self.inner.by_chamber.iter().map(|(c, f)| (c.to_string(), ChamberFee::from(f))).collect()
    }

    /// The sum due to every chamber (whole euros).
    #[getter]
    fn total_due(&self) -> Decimal {
        self.inner.total_due.amount()
    }

    /// The stable JSON shape of the fee, with every figure and the basis used.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        let parts: Vec<String> =
            self.inner.by_chamber.iter().map(|(c, f)| format!("{c}: {}", f.due)).collect();
        format!(
            "AnnualFee(year={}, subject={:?}, total_due={}, by_chamber={{{}}})",
            self.inner.year,
            self.inner.subject.as_str(),
            self.inner.total_due,
            parts.join(", ")
        )
    }
}

/// The annual fee of a subject in `year` (see the stub for the arguments).
#[pyfunction]
#[pyo3(signature = (year, subject, *, turnover=None, sede_chamber=None, local_units=None, surcharges=None,
                    occasion=None, new_registration=false, new_local_units=false, step_mode=None,
                    config=None))]
#[allow(clippy::too_many_arguments)]
fn annual_fee(
    py: Python<'_>,
    year: i32,
    subject: &Bound<'_, PyAny>,
    turnover: Option<&Bound<'_, PyAny>>,
    sede_chamber: Option<&str>,
    local_units: Option<HashMap<String, u32>>,
    surcharges: Option<&Bound<'_, PyDict>>,
    occasion: Option<&str>,
    new_registration: bool,
    new_local_units: bool,
    step_mode: Option<&str>,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<AnnualFee> {
    let mut req = AnnualFeeRequest::new(year, subject_arg(py, subject)?);
    if let Some(t) = turnover {
        if !t.is_none() {
            req = req.turnover(euro_arg(t, "turnover")?);
        }
    }
    if let Some(c) = sede_chamber {
        req = req.sede(chamber_arg(py, c, "sede_chamber")?);
    }
    let units = local_units.unwrap_or_default();
    req = req.units_from(units.iter().map(|(c, n)| (c.as_str(), *n))).map_err(|e| fee_err(py, e))?;
    let mut rates = Vec::new();
    if let Some(s) = surcharges {
        for (c, rate) in s.iter() {
            rates.push((c.extract::<String>()?, decimal_arg(&rate, "surcharges")?));
        }
    }
    req = req.surcharges_from(rates.iter().map(|(c, r)| (c.as_str(), *r))).map_err(|e| fee_err(py, e))?;
    req.occasion = Occasion::from_name_or_flags(occasion, new_registration, new_local_units)
        .map_err(|e| fee_err(py, e))?;
    let cfg = config_with_mode(py, config, step_mode)?;
    let inner = calculator(&cfg).annual_fee(&req).map_err(|e| fee_err(py, e))?;
    Ok(AnnualFee { inner })
}

/// Python's `decimal.Decimal`, imported once.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn turnover_item(
    py: Python<'_>,
    index: usize,
    obj: &Bound<'_, PyAny>,
    decimal: &Bound<'_, PyType>,
) -> PyResult<Option<Decimal>> {
    if obj.is_none() {
        return Ok(None);
    }
    if obj.is_exact_instance_of::<PyInt>() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Some(Decimal::from(v)));
        }
    }
    if obj.is_exact_instance(decimal) {
        let text = obj.str()?;
        let text = text.to_cow()?;
        if let Ok(d) = Decimal::from_str_exact(&text) {
            return Ok(Some(d));
        }
    }
    // Anything else (str, numpy integers, NaN...) through the strict reader; a refusal keeps the
    // row's index.
    decimal_arg(obj, "turnovers").map(Some).map_err(|e| {
        let error = CoreError::Malformed { field: "turnovers", reason: e.value(py).to_string() };
        fee_err(py, CoreError::InRow { index, error: Box::new(error) })
    })
}

/// Calls `f` on each item of a list, a tuple or any iterable, with its index.
fn for_each_item(
    obj: &Bound<'_, PyAny>,
    mut f: impl FnMut(usize, &Bound<'_, PyAny>) -> PyResult<()>,
) -> PyResult<()> {
    if let Ok(list) = obj.cast::<PyList>() {
        for (i, item) in list.iter().enumerate() {
            f(i, &item)?;
        }
        return Ok(());
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        for (i, item) in tuple.iter().enumerate() {
            f(i, &item)?;
        }
        return Ok(());
    }
    for (i, item) in obj.try_iter()?.enumerate() {
        f(i, &item?)?;
    }
    Ok(())
}

/// Fees of many companies at once (seat and units in one chamber, one surcharge: the one given,
/// the chamber's from the table with `chamber=`, or none — `Decimal(0)` — when neither is given).
#[pyfunction]
#[pyo3(signature = (year, subjects, turnovers, local_units, surcharge=None, *, chamber=None, step_mode=None,
                    config=None))]
#[allow(clippy::too_many_arguments)]
fn annual_fees_batch(
    py: Python<'_>,
    year: i32,
    subjects: &Bound<'_, PyAny>,
    turnovers: &Bound<'_, PyAny>,
    local_units: &Bound<'_, PyAny>,
    surcharge: Option<&Bound<'_, PyAny>>,
    chamber: Option<&str>,
    step_mode: Option<&str>,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<Py<PyList>> {
    let rate = match surcharge {
        Some(s) if !s.is_none() => Some(decimal_arg(s, "surcharge")?),
        _ => None,
    };
    let code = chamber.map(|c| chamber_arg(py, c, "chamber")).transpose()?;
    // The published signature is `surcharge=Decimal(0)`: with neither a rate nor a chamber the
    // caller asked for no surcharge; an explicit rate overrides the chamber's table.
    let rate = match (&rate, &code) {
        (None, None) => Some(rust_decimal::Decimal::ZERO),
        _ => rate,
    };
    let cfg = config_with_mode(py, config, step_mode)?;
    let calc = BatchCalculator::for_chamber(year, code.as_ref(), rate, &cfg).map_err(|e| fee_err(py, e))?;

    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    let mut kinds = Vec::new();
    // Rows repeat the same few string objects: remember the last ones read, by identity. Only for
    // a list or a tuple, which holds every item for the whole call (an iterator may free an item
    // and hand out its address again).
    let stable = subjects.cast::<PyList>().is_ok() || subjects.cast::<PyTuple>().is_ok();
    let mut seen: Vec<(*mut pyo3::ffi::PyObject, SubjectKind)> = Vec::with_capacity(16);
    for_each_item(subjects, |index, s| {
        let ptr = s.as_ptr();
        let kind = match seen.iter().find(|(p, _)| *p == ptr) {
            Some((_, k)) => *k,
            None => {
                let k = subject_arg(py, s).map_err(|e| with_index(py, e, index))?;
                if stable && seen.len() < 16 {
                    seen.push((ptr, k));
                }
                k
            }
        };
        kinds.push(kind);
        Ok(())
    })?;
    let mut amounts = Vec::with_capacity(kinds.len());
    for_each_item(turnovers, |index, t| {
        amounts.push(turnover_item(py, index, t, decimal)?);
        Ok(())
    })?;
    let mut units = Vec::with_capacity(kinds.len());
    for_each_item(local_units, |index, u| {
        let bad = || {
            new_error::<FeeError>(
                py,
                format!("local_units[{index}]: expected an int from 0 to 2**32-1"),
                |x| {
                    x.setattr("rule", "unit_count")?;
                    x.setattr("field", "local_units")?;
                    x.setattr("index", index)
                },
            )
        };
        if u.is_instance_of::<pyo3::types::PyBool>() {
            return Err(bad());
        }
        units.push(u.extract::<u32>().map_err(|_| bad())?);
        Ok(())
    })?;
    let mut out = Vec::new();
    py.detach(|| calc.fees_columns(&kinds, &amounts, &units, &mut out)).map_err(|e| fee_err(py, e))?;

    // Few distinct amounts: build each Decimal once (they are immutable); amounts below 2^16
    // (every fee but the largest companies') are cached by index, the rest in a map.
    const SMALL: usize = 1 << 16;
    let mut small: Vec<Option<Bound<'_, PyAny>>> = Vec::new();
    let mut large: HashMap<i64, Bound<'_, PyAny>> = HashMap::new();
    let mut make = |v: i64| -> PyResult<Bound<'_, PyAny>> {
        if let Ok(i) = usize::try_from(v) {
            if i < SMALL {
                if small.len() <= i {
                    small.resize(i + 1, None);
                }
                if let Some(o) = &small[i] {
                    return Ok(o.clone());
                }
                let o = decimal.call1((v,))?;
                small[i] = Some(o.clone());
                return Ok(o);
            }
        }
        if let Some(o) = large.get(&v) {
            return Ok(o.clone());
        }
        let o = decimal.call1((v,))?;
        large.insert(v, o.clone());
        Ok(o)
    };
    let list = PyList::empty(py);
    for v in out {
        list.append(make(v)?)?;
    }
    Ok(list.unbind())
}

fn with_index(py: Python<'_>, e: PyErr, index: usize) -> PyErr {
    let value = e.value(py);
    if value.hasattr("index").unwrap_or(false) {
        let _ = value.setattr("index", index);
    }
    e
}

/// A deadline and the end of the +0.40 % window after it.
#[pyclass(module = "sportello", frozen, name = "FeeDeadline")]
#[derive(Clone)]
pub struct Deadline {
    inner: core::Deadline,
}

#[pymethods]
impl Deadline {
    #[new]
    #[pyo3(signature = (due_by, window_until=None))]
    fn new(due_by: &Bound<'_, PyAny>, window_until: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let window_until = match window_until {
            Some(w) if !w.is_none() => Some(date_arg(w, "window_until")?),
            _ => None,
        };
        let py = due_by.py();
        let inner =
            core::Deadline::new(date_arg(due_by, "due_by")?, window_until).map_err(|e| fee_err(py, e))?;
        Ok(Deadline { inner })
    }

    /// Last day to pay without increase.
    #[getter]
    fn due_by(&self) -> NaiveDate {
        self.inner.due_by()
    }

    /// Last day to pay with +0.40 % (None for new registrations).
    #[getter]
    fn window_until(&self) -> Option<NaiveDate> {
        self.inner.window_until()
    }

    fn __repr__(&self) -> String {
        match self.inner.window_until() {
            Some(w) => format!("FeeDeadline(due_by={}, window_until={w})", self.inner.due_by()),
            None => format!("FeeDeadline(due_by={}, window_until=None)", self.inner.due_by()),
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Deadline>().map(|o| o.get().inner == self.inner).unwrap_or(false)
    }

    fn __hash__(&self) -> u64 {
        let w = self.inner.window_until().map_or(0, |d| d.to_epoch_days() as i64);
        (self.inner.due_by().to_epoch_days() as i64 as u64).wrapping_mul(31).wrapping_add(w as u64)
    }
}

/// The deadline of the annual fee of `year` (ISA extension with `isa=True`).
#[pyfunction]
#[pyo3(signature = (year, *, isa=false, config=None))]
fn annual_deadline(
    py: Python<'_>,
    year: i32,
    isa: bool,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<Deadline> {
    config_of(config).deadlines.annual(year, isa).map(|inner| Deadline { inner }).map_err(|e| fee_err(py, e))
}

/// The deadline of a new registration filed on `filed_on` (30 days, no window).
#[pyfunction]
#[pyo3(signature = (filed_on, *, config=None))]
fn new_registration_deadline(
    filed_on: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<Deadline> {
    let py = filed_on.py();
    config_of(config)
        .deadlines
        .new_registration(date_arg(filed_on, "filed_on")?)
        .map(|inner| Deadline { inner })
        .map_err(|e| fee_err(py, e))
}

/// Legal interest of one calendar year.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct InterestPeriod {
    /// The year.
    year: i32,
    /// Days counted in it.
    days: i64,
    /// Legal rate, percent.
    percent: Decimal,
    /// Interest, 5 decimals.
    amount: Decimal,
}

#[pymethods]
impl InterestPeriod {
    fn __repr__(&self) -> String {
        format!(
            "InterestPeriod(year={}, days={}, percent={}, amount={})",
            self.year, self.days, self.percent, self.amount
        )
    }
}

/// What paying on a given day adds to the fee.
#[pyclass(module = "sportello", frozen)]
pub struct LatePayment {
    inner: core::LatePayment,
}

#[pymethods]
impl LatePayment {
    /// "on_time", "window", "ravvedimento_short", "ravvedimento_year", "after_ravvedimento".
    #[getter]
    fn kind(&self) -> PyResult<String> {
        Ok(serde_json::to_value(self.inner.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default())
    }
    /// The fee due.
    #[getter]
    fn due(&self) -> Decimal {
        self.inner.due.amount()
    }
    /// The deadline that applied.
    #[getter]
    fn deadline(&self) -> Deadline {
        Deadline { inner: self.inner.deadline }
    }
    /// The payment day.
    #[getter]
    fn paid_on(&self) -> NaiveDate {
        self.inner.paid_on
    }
    /// Days after the deadline.
    #[getter]
    fn days_late(&self) -> i64 {
        self.inner.days_late
    }
    /// The +0.40 %, in cents.
    #[getter]
    fn window_increase(&self) -> Decimal {
        self.inner.window_increase.amount()
    }
    /// Amount of code 3850.
    #[getter]
    fn fee_amount(&self) -> Decimal {
        self.inner.fee_amount.amount()
    }
    /// Sanction rate.
    #[getter]
    fn sanction_rate(&self) -> Decimal {
        self.inner.sanction_rate.value()
    }
    /// Amount of code 3852.
    #[getter]
    fn sanction(&self) -> Decimal {
        self.inner.sanction.amount()
    }
    /// Amount of code 3851.
    #[getter]
    fn interest(&self) -> Decimal {
        self.inner.interest.amount()
    }
    /// Interest by year.
    #[getter]
    fn interest_periods(&self) -> Vec<InterestPeriod> {
        self.inner
            .interest_periods
            .iter()
            .map(|p| InterestPeriod {
                year: p.year,
                days: p.days,
                percent: p.percent.value(),
                amount: p.amount.amount(),
            })
            .collect()
    }
    /// Everything to pay.
    #[getter]
    fn total(&self) -> Decimal {
        self.inner.total.amount()
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "LatePayment(kind={:?}, days_late={}, fee_amount={}, interest={}, sanction={}, total={})",
            self.kind()?,
            self.inner.days_late,
            self.inner.fee_amount,
            self.inner.interest,
            self.inner.sanction,
            self.inner.total
        ))
    }
}

/// What paying `due` on `paid_on` costs against `deadline`.
#[pyfunction]
#[pyo3(signature = (due, deadline, paid_on, *, config=None))]
fn late_payment(
    due: &Bound<'_, PyAny>,
    deadline: &Bound<'_, Deadline>,
    paid_on: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<LatePayment> {
    let py = due.py();
    let cfg = config_of(config);
    let inner = core::late_payment(
        euro_arg(due, "due")?,
        &deadline.get().inner,
        date_arg(paid_on, "paid_on")?,
        &cfg.late,
        &cfg.legal_rates,
    )
    .map_err(|e| fee_err(py, e))?;
    Ok(LatePayment { inner })
}

/// One F24 row.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct F24Row {
    /// The chamber paid.
    chamber: String,
    /// Codice ente (province code).
    codice_ente: String,
    /// Codice tributo: "3850", "3851" or "3852".
    tax_code: String,
    /// Anno di riferimento.
    year: i32,
    /// Importo a debito, cents.
    amount: Decimal,
    /// The row as printed.
    line: String,
}

#[pymethods]
impl F24Row {
    fn __repr__(&self) -> String {
        format!(
            "F24Row(codice_ente={:?}, tax_code={:?}, year={}, amount={})",
            self.codice_ente, self.tax_code, self.year, self.amount
        )
    }
}

/// The F24 rows of `fee`, paid on `paid_on` against `deadline` (both or neither).
#[pyfunction]
#[pyo3(signature = (fee, *, paid_on=None, deadline=None, config=None))]
fn f24_rows(
    py: Python<'_>,
    fee: &Bound<'_, AnnualFee>,
    paid_on: Option<&Bound<'_, PyAny>>,
    deadline: Option<&Bound<'_, Deadline>>,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<Vec<F24Row>> {
    let fee = &fee.get().inner;
    let cfg = config_of(config);
    let paid_on = paid_on.map(|p| date_arg(p, "paid_on")).transpose()?;
    let deadline = deadline.map(|d| d.get().inner);
    let rows = core::f24_rows_paid(fee, paid_on, deadline.as_ref(), &cfg).map_err(|e| fee_err(py, e))?;
    Ok(rows
        .iter()
        .map(|r| F24Row {
            chamber: r.chamber.to_string(),
            codice_ente: r.codice_ente.clone(),
            tax_code: r.tax_code.code().to_string(),
            year: r.year,
            amount: r.amount.amount(),
            line: r.line(),
        })
        .collect())
}

/// The cost of a copy at `chamber` (shipped tariffs; certified copies add stamp duty).
#[pyfunction]
#[pyo3(signature = (chamber, pages, *, certified=false, config=None))]
fn copy_quote(
    py: Python<'_>,
    chamber: &str,
    pages: u32,
    certified: bool,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<BTreeMap<String, Decimal>> {
    let code = chamber_arg(py, chamber, "chamber")?;
    let q = config_of(config).tariffs.copy_quote(&code, pages, certified).map_err(|e| fee_err(py, e))?;
    Ok(BTreeMap::from([
        ("secretarial".to_string(), q.secretarial.amount()),
        ("stamps".to_string(), Decimal::from(q.stamps)),
        ("stamp_duty".to_string(), q.stamp_duty.amount()),
        ("total".to_string(), q.total.amount()),
    ]))
}

/// What the service fee declared in JSON (`{"kind": "fixed", ...}`) costs at `chamber`.
#[pyfunction]
#[pyo3(signature = (service_fee, chamber, *, pages=0, config=None))]
fn service_fee_quote(
    py: Python<'_>,
    service_fee: &str,
    chamber: &str,
    pages: u32,
    config: Option<&Bound<'_, FeeConfig>>,
) -> PyResult<BTreeMap<String, Decimal>> {
    let code = chamber_arg(py, chamber, "chamber")?;
    let fee = ServiceFee::from_json(service_fee).map_err(|e| fee_err(py, e))?;
    let q = fee.quote(&config_of(config).tariffs, &code, pages).map_err(|e| fee_err(py, e))?;
    Ok(BTreeMap::from([
        ("secretarial".to_string(), q.secretarial.amount()),
        ("stamp_duty".to_string(), q.stamp_duty.amount()),
        ("total".to_string(), q.total.amount()),
    ]))
}

/// The subject kinds, as their string values (for `SubjectKind`).
#[pyfunction]
fn subject_kinds() -> Vec<&'static str> {
    SubjectKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The occasions of payment, as their string values (for `Occasion`).
#[pyfunction]
fn occasions() -> Vec<&'static str> {
    Occasion::ALL.iter().map(|o| o.as_str()).collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FeeError", py.get_type::<FeeError>())?;
    m.add("InvalidSubject", py.get_type::<InvalidSubject>())?;
    m.add("MissingFeeInput", py.get_type::<MissingFeeInput>())?;
    m.add("SurchargeError", py.get_type::<SurchargeError>())?;
    m.add("FeeYearNotSupported", py.get_type::<FeeYearNotSupported>())?;
    m.add("RavvedimentoExpired", py.get_type::<RavvedimentoExpired>())?;
    m.add("TariffError", py.get_type::<TariffError>())?;
    m.add("STAMP_DUTY", core::STAMP_DUTY.amount())?;
    m.add_class::<FeeConfig>()?;
    m.add_class::<ChamberFee>()?;
    m.add_class::<AnnualFee>()?;
    m.add_class::<Deadline>()?;
    m.add_class::<InterestPeriod>()?;
    m.add_class::<LatePayment>()?;
    m.add_class::<F24Row>()?;
    m.add_function(wrap_pyfunction!(annual_fee, m)?)?;
    m.add_function(wrap_pyfunction!(annual_fees_batch, m)?)?;
    m.add_function(wrap_pyfunction!(annual_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(new_registration_deadline, m)?)?;
    m.add_function(wrap_pyfunction!(late_payment, m)?)?;
    m.add_function(wrap_pyfunction!(f24_rows, m)?)?;
    m.add_function(wrap_pyfunction!(copy_quote, m)?)?;
    m.add_function(wrap_pyfunction!(subject_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(occasions, m)?)?;
    m.add_function(wrap_pyfunction!(service_fee_quote, m)?)?;
    Ok(())
}
