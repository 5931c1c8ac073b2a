//! When the annual fee is due: the ordinary deadline, the 30-day window with +0.40 %, and the 30
//! days of a new registration (`reference/annual-fee.md` §9).
//!
//! The ordinary deadline is the first income-tax instalment's (art. 17 c.1 DPR 435/2001; DM
//! 359/2001 art. 8 c.2): 16 June until 2019, 30 June from 2020, moved to the next working day when
//! it falls on a Saturday, a Sunday or a legal holiday (art. 7 c.2 lett. l DL 70/2011). Years with
//! a statutory extension for ISA taxpayers are data ([`DeadlineRules::isa_extensions`]).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::error::FeeError;

/// A deadline and the end of the 30-day window that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Last day to pay without any increase.
    pub due_by: NaiveDate,
    /// Last day to pay with the +0.40 % (art. 17 c.2 DPR 435/2001); `None` when no window applies
    /// (new registrations).
    pub window_until: Option<NaiveDate>,
}

/// The ordinary date from a given year on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrdinaryDate {
    /// First year (included).
    pub from_year: i32,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
}

/// A statutory extension of a year for ISA taxpayers (already a working day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsaExtension {
    /// The fee year.
    pub year: i32,
    /// The extended deadline.
    pub due_by: NaiveDate,
    /// The act.
    pub source: String,
}

/// The deadline rules, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRules {
    /// Ordinary dates, latest `from_year` wins.
    pub ordinary: Vec<OrdinaryDate>,
    /// Extensions for ISA taxpayers (and forfettari, partners of transparent entities).
    pub isa_extensions: Vec<IsaExtension>,
    /// Days after the deadline during which payment is accepted with +0.40 %.
    pub window_days: u64,
    /// Days after filing within which a new registration (or a unit opened) pays.
    pub new_registration_days: u64,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            ordinary: vec![
                OrdinaryDate { from_year: 2011, month: 6, day: 16 },
                OrdinaryDate { from_year: 2020, month: 6, day: 30 },
            ],
            isa_extensions: [
                (2017, 7, 20, "2017 extension for studi di settore subjects, ref §9 [S5]"),
                (2024, 7, 31, "D.Lgs. 13/2024 art. 37; MIMIT circ. 3353 del 13/06/2024"),
                (2025, 7, 21, "DL 84/2025 art. 13"),
            ]
            .into_iter()
            .filter_map(|(y, m, d, source)| Some(IsaExtension { year: y, due_by: ymd(y, m, d)?, source: source.to_string() }))
            .collect(),
            window_days: 30,
            new_registration_days: 30,
        }
    }
}

/// Whether a day is a working day for tax payments: not a Saturday, a Sunday or a day the
/// `is_holiday` predicate names (national legal holidays).
pub fn is_payment_working_day(date: NaiveDate, is_holiday: &impl Fn(NaiveDate) -> bool) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(date)
}

/// `date`, or the next working day for payments if it is not one.
pub fn next_working_day(date: NaiveDate, is_holiday: &impl Fn(NaiveDate) -> bool) -> Result<NaiveDate, FeeError> {
    let mut d = date;
    while !is_payment_working_day(d, is_holiday) {
        d = d.succ_opt().ok_or(FeeError::DateOutOfRange { field: "deadline", date })?;
    }
    Ok(d)
}

impl DeadlineRules {
    /// The deadline of the annual fee of `year` for a subject registered at 1 January; `isa`
    /// selects the ISA extension where the year has one. Legal holidays come from `is_holiday`.
    pub fn annual(&self, year: i32, isa: bool, is_holiday: &impl Fn(NaiveDate) -> bool) -> Result<Deadline, FeeError> {
        let extension = if isa { self.isa_extensions.iter().find(|e| e.year == year) } else { None };
        let nominal = match extension {
            Some(e) => e.due_by,
            None => {
                let o = self
                    .ordinary
                    .iter()
                    .filter(|o| o.from_year <= year)
                    .max_by_key(|o| o.from_year)
                    .ok_or(FeeError::YearNotSupported { year, first: self.first_year() })?;
                ymd(year, o.month, o.day).ok_or(FeeError::YearNotSupported { year, first: self.first_year() })?
            }
        };
        let due_by = next_working_day(nominal, is_holiday)?;
        let window = due_by
            .checked_add_days(Days::new(self.window_days))
            .ok_or(FeeError::DateOutOfRange { field: "deadline", date: due_by })?;
        Ok(Deadline { due_by, window_until: Some(next_working_day(window, is_holiday)?) })
    }

    /// The deadline of a new registration filed on `filed_on` (or of local units opened then):
    /// within 30 days, no +0.40 % window.
    pub fn new_registration(&self, filed_on: NaiveDate, is_holiday: &impl Fn(NaiveDate) -> bool) -> Result<Deadline, FeeError> {
        let nominal = filed_on
            .checked_add_days(Days::new(self.new_registration_days))
            .ok_or(FeeError::DateOutOfRange { field: "filed_on", date: filed_on })?;
        Ok(Deadline { due_by: next_working_day(nominal, is_holiday)?, window_until: None })
    }

    fn first_year(&self) -> i32 {
        self.ordinary.iter().map(|o| o.from_year).min().unwrap_or(i32::MAX)
    }
}
