//! Kotlin surface of `sportello::calendar`: the `Calendar` object, `Holiday`, the two views and
//! the day arithmetic. Converts types and errors; every rule lives in core.

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::calendar::{self as core, CalendarError as CoreError, HolidayKind, TermPolicy, View};
use sportello::chamber::ProvinceCode;

use crate::SportelloError;

impl From<CoreError> for SportelloError {
    fn from(e: CoreError) -> Self {
        match &e {
            CoreError::UnknownProvince { province } => SportelloError::UnknownProvince {
                province: province.clone(),
                rule: e.rule().into(),
                reason: e.to_string(),
            },
            _ => SportelloError::CalendarError {
                field: e.field().into(),
                rule: e.rule().into(),
                reason: e.to_string(),
            },
        }
    }
}

/// A malformed province sigla: `UnknownProvince` with core's rule (`province_format`). Every
/// area that takes a province converts with `?`.
impl From<sportello::chamber::ProvinceCodeError> for SportelloError {
    fn from(e: sportello::chamber::ProvinceCodeError) -> Self {
        SportelloError::UnknownProvince {
            rule: e.rule().into(),
            reason: format!("{}: {e}", e.field()),
            province: e.text,
        }
    }
}

/// Reads a province sigla, raising `UnknownProvince` (rule `province_format`) if malformed.
pub(crate) fn province_arg(text: &str) -> Result<ProvinceCode, SportelloError> {
    Ok(text.parse::<ProvinceCode>()?)
}

/// Which notion of "closed day" a question uses (mirrors `sportello::calendar::View`).
#[uniffi::remote(Enum)]
pub enum View {
    /// Sundays, national holidays, Saturdays if the term policy says so: the days that move
    /// a legal deadline.
    Legal,
    /// The legal view plus the seat's patron day and, by setting, Saturdays.
    Office,
}

/// Why a day is off (mirrors `sportello::calendar::HolidayKind`).
#[uniffi::remote(Enum)]
pub enum HolidayKind {
    National,
    Sunday,
    Saturday,
    PatronSaint,
}

/// A named day off.
#[derive(uniffi::Record)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub kind: HolidayKind,
}

impl From<core::Holiday> for Holiday {
    fn from(h: core::Holiday) -> Self {
        Holiday { date: h.date, name: h.name, kind: h.kind }
    }
}

/// The Italian legal calendar of one office (see `sportello::calendar::Calendar`).
#[derive(uniffi::Object)]
pub struct Calendar {
    pub(crate) inner: core::Calendar,
}

#[uniffi::export]
impl Calendar {
    /// `province` (a sigla) adds its capital's patron saint to the office view;
    /// `saturdayIsHoliday` moves Saturday deadlines (and closes the office on Saturdays);
    /// `officeClosedOnSaturday` closes the office on Saturdays without moving deadlines.
    #[uniffi::constructor(default(province = None, saturday_is_holiday = false, office_closed_on_saturday = false))]
    pub fn new(
        province: Option<String>,
        saturday_is_holiday: bool,
        office_closed_on_saturday: bool,
    ) -> Result<Arc<Self>, SportelloError> {
        let base = match province {
            None => core::Calendar::national(),
            Some(p) => core::Calendar::for_province(&province_arg(&p)?)?,
        };
        let policy = if saturday_is_holiday { TermPolicy::SATURDAY_MOVES } else { TermPolicy::STRICT };
        Ok(Arc::new(Calendar {
            inner: base.with_policy(policy).with_office_closed_on_saturday(office_closed_on_saturday),
        }))
    }

    /// The province whose patron the office view adds.
    pub fn province(&self) -> Option<String> {
        self.inner.patron().map(|p| p.province.to_string())
    }

    /// The patron saint of the seat.
    pub fn patron_saint(&self) -> Option<String> {
        self.inner.patron().map(|p| p.saint.clone())
    }

    /// Whether Saturday deadlines move to the next working day.
    pub fn saturday_is_holiday(&self) -> bool {
        self.inner.policy() == TermPolicy::SATURDAY_MOVES
    }

    /// Whether the office is closed on Saturdays.
    pub fn office_closed_on_saturday(&self) -> bool {
        self.inner.office_closed_on_saturday()
    }

    /// Whether `date` is a Sunday or a national holiday.
    pub fn is_legal_holiday(&self, date: NaiveDate) -> Result<bool, SportelloError> {
        Ok(self.inner.is_legal_holiday(date)?)
    }

    /// Whether the office is closed on `date`.
    pub fn is_office_closed(&self, date: NaiveDate) -> Result<bool, SportelloError> {
        Ok(self.inner.is_office_closed(date)?)
    }

    /// Why `date` is a day off in `view`, or null on a working day.
    pub fn day_off(&self, date: NaiveDate, view: View) -> Result<Option<Holiday>, SportelloError> {
        Ok(self.inner.day_off(date, view)?.map(Holiday::from))
    }

    /// The named holidays of `year` in date order (national ones and the patron day).
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, SportelloError> {
        Ok(self.inner.holidays(year)?.into_iter().map(Holiday::from).collect())
    }

    /// Deadline of a term of `days` calendar days from `start` (start excluded), moved past
    /// legal holidays (art. 2963 c.c.; art. 155 c.p.c.).
    pub fn deadline(&self, start: NaiveDate, days: u32) -> Result<NaiveDate, SportelloError> {
        Ok(self.inner.deadline(start, days)?)
    }

    /// Deadline of a term of `months` months (same day or the month's last), moved past holidays.
    pub fn deadline_months(&self, start: NaiveDate, months: u32) -> Result<NaiveDate, SportelloError> {
        Ok(self.inner.deadline_months(start, months)?)
    }

    /// Deadline of a term of `years` years, moved past holidays.
    pub fn deadline_years(&self, start: NaiveDate, years: u32) -> Result<NaiveDate, SportelloError> {
        Ok(self.inner.deadline_years(start, years)?)
    }

    /// `date` itself, or the next day not closed in `view`.
    pub fn roll_forward(&self, date: NaiveDate, view: View) -> Result<NaiveDate, SportelloError> {
        Ok(self.inner.roll_forward(date, view)?)
    }

    /// The first day after `date` not closed in `view`.
    pub fn next_working_day(&self, date: NaiveDate, view: View) -> Result<NaiveDate, SportelloError> {
        Ok(self.inner.next_working_day(date, view)?)
    }

    /// The days after `start` up to and including `end` not closed in `view`.
    pub fn working_days_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        view: View,
    ) -> Result<u32, SportelloError> {
        Ok(self.inner.working_days_between(start, end, view)?)
    }
}

/// `date` plus `days` calendar days (negative to go back), inside 1950-2100.
#[uniffi::export]
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate, SportelloError> {
    Ok(core::add_days(date, days)?)
}

/// Days from `start` to `end` (negative if `end` comes first).
#[uniffi::export]
pub fn days_between(start: NaiveDate, end: NaiveDate) -> i64 {
    core::days_between(start, end)
}

/// Easter Sunday of `year` (1950-2100).
#[uniffi::export]
pub fn easter_sunday(year: i32) -> Result<NaiveDate, SportelloError> {
    Ok(core::easter_sunday(year)?)
}

/// The national holidays of `year` (L. 260/1949 as amended), in date order, Sundays not listed.
#[uniffi::export]
pub fn national_holidays(year: i32) -> Result<Vec<Holiday>, SportelloError> {
    Ok(core::national_holidays(year)?
        .into_iter()
        .map(|(date, rule)| Holiday { date, name: rule.name.to_string(), kind: HolidayKind::National })
        .collect())
}

/// The calendar date in Italy (Europe/Rome) at `instant`.
#[uniffi::export]
pub fn italian_date(instant: std::time::SystemTime) -> NaiveDate {
    core::italian_date(chrono::DateTime::<chrono::Utc>::from(instant))
}
