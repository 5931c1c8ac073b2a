//! When the annual fee is due: the ordinary deadline, the 30-day window with +0.40 %, and the 30
//! days of a new registration (`reference/annual-fee.md` §9).
//!
//! The ordinary deadline is the first income-tax instalment's (art. 17 c.1 DPR 435/2001; DM
//! 359/2001 art. 8 c.2): 16 June until 2019, 30 June from 2020, moved to the next working day when
//! it falls on a Saturday, a Sunday or a national legal holiday (art. 7 c.2 lett. l DL 70/2011;
//! holidays from [`crate::calendar::national_holiday`]). Years with a statutory extension for ISA
//! taxpayers are data ([`DeadlineRules::isa_extensions`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use sportello::fees::DeadlineRules;
//! // 30 June 2024 was a Sunday: the fee was due on Monday 1 July, or by 31 July with +0.40 %.
//! let d = DeadlineRules::default().annual(2024, false)?;
//! assert_eq!(d.due_by(), NaiveDate::from_ymd_opt(2024, 7, 1).unwrap());
//! assert_eq!(d.window_until(), NaiveDate::from_ymd_opt(2024, 7, 31));
//! # Ok::<(), sportello::fees::FeeError>(())
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, TermPolicy, View};

use super::error::FeeError;

/// A deadline and the end of the 30-day window that follows it. Built with [`Deadline::new`],
/// which refuses a window ending before the deadline (the fields are read-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    due_by: NaiveDate,
    window_until: Option<NaiveDate>,
}

impl Deadline {
    /// A deadline `due_by` with its window (`None` when no window applies, as for new
    /// registrations); a window ending before `due_by` is [`FeeError::WindowBeforeDeadline`].
    pub fn new(due_by: NaiveDate, window_until: Option<NaiveDate>) -> Result<Deadline, FeeError> {
        match window_until {
            Some(w) if w < due_by => Err(FeeError::WindowBeforeDeadline { due_by, window_until: w }),
            _ => Ok(Deadline { due_by, window_until }),
        }
    }

    /// Last day to pay without any increase.
    pub fn due_by(&self) -> NaiveDate {
        self.due_by
    }

    /// Last day to pay with the +0.40 % (art. 17 c.2 DPR 435/2001); `None` when no window applies
    /// (new registrations).
    pub fn window_until(&self) -> Option<NaiveDate> {
        self.window_until
    }
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            due_by: NaiveDate,
            window_until: Option<NaiveDate>,
        }
        let raw = Raw::deserialize(d)?;
        Deadline::new(raw.due_by, raw.window_until).map_err(serde::de::Error::custom)
    }
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
            .filter_map(|(y, m, d, source)| {
                Some(IsaExtension { year: y, due_by: ymd(y, m, d)?, source: source.to_string() })
            })
            .collect(),
            window_days: 30,
            new_registration_days: 30,
        }
    }
}

/// The calendar of tax payments: Saturdays, Sundays and national legal holidays move a due date
/// to the next working day (art. 7 c.2 lett. l DL 70/2011, through
/// [`crate::calendar::Calendar::roll_forward`] with [`TermPolicy::SATURDAY_MOVES`]).
pub fn payment_calendar() -> Calendar {
    Calendar::national().with_policy(TermPolicy::SATURDAY_MOVES)
}

/// `date`, or the next working day for payments of `calendar` if it is not one.
fn roll_forward(calendar: &Calendar, date: NaiveDate, field: &'static str) -> Result<NaiveDate, FeeError> {
    calendar.roll_forward(date, View::Legal).map_err(|_| FeeError::DateOutOfRange { field, date })
}

impl DeadlineRules {
    /// The deadline of the annual fee of `year` for a subject registered at 1 January; `isa`
    /// selects the ISA extension where the year has one.
    pub fn annual(&self, year: i32, isa: bool) -> Result<Deadline, FeeError> {
        self.annual_with(year, isa, &payment_calendar())
    }

    /// As [`DeadlineRules::annual`], with the closed days of another calendar.
    pub fn annual_with(&self, year: i32, isa: bool, calendar: &Calendar) -> Result<Deadline, FeeError> {
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
                ymd(year, o.month, o.day)
                    .ok_or(FeeError::YearNotSupported { year, first: self.first_year() })?
            }
        };
        let due_by = roll_forward(calendar, nominal, "deadline")?;
        let window = due_by
            .checked_add_days(Days::new(self.window_days))
            .ok_or(FeeError::DateOutOfRange { field: "deadline", date: due_by })?;
        Deadline::new(due_by, Some(roll_forward(calendar, window, "deadline")?))
    }

    /// The deadline of a new registration filed on `filed_on` (or of local units opened then):
    /// within 30 days, no +0.40 % window.
    pub fn new_registration(&self, filed_on: NaiveDate) -> Result<Deadline, FeeError> {
        self.new_registration_with(filed_on, &payment_calendar())
    }

    /// As [`DeadlineRules::new_registration`], with the closed days of another calendar.
    pub fn new_registration_with(
        &self,
        filed_on: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Deadline, FeeError> {
        let nominal = filed_on
            .checked_add_days(Days::new(self.new_registration_days))
            .ok_or(FeeError::DateOutOfRange { field: "filed_on", date: filed_on })?;
        Deadline::new(roll_forward(calendar, nominal, "filed_on")?, None)
    }

    fn first_year(&self) -> i32 {
        self.ordinary.iter().map(|o| o.from_year).min().unwrap_or(i32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadline_falling_on_sunday_moves_to_monday() {
        assert_eq!(DeadlineRules::default().annual(2024, false).unwrap().due_by, d(2024, 7, 1));
    }

    #[test]
    fn before_2020_the_ordinary_date_was_16_june() {
        // 16 June 2016 was a Thursday.
        assert_eq!(DeadlineRules::default().annual(2016, false).unwrap().due_by, d(2016, 6, 16));
    }

    #[test]
    fn window_ending_on_a_holiday_moves_past_it() {
        // A nominal 16 July deadline + 30 days lands on 15 August (Ferragosto, a Thursday in 2024).
        let mut rules = DeadlineRules::default();
        rules.ordinary.push(OrdinaryDate { from_year: 2024, month: 7, day: 16 });
        let dl = rules.annual(2024, false).unwrap();
        assert_eq!(dl.window_until, Some(d(2024, 8, 16)));
    }

    #[test]
    fn isa_flag_without_an_extension_keeps_the_ordinary_date() {
        assert_eq!(DeadlineRules::default().annual(2026, true).unwrap().due_by, d(2026, 6, 30));
    }

    #[test]
    fn new_registration_pays_within_thirty_days_without_window() {
        // Filed 2 May 2024 -> 1 June 2024 is a Saturday, 2 June a Sunday and a holiday -> 3 June.
        let dl = DeadlineRules::default().new_registration(d(2024, 5, 2)).unwrap();
        assert_eq!(dl, Deadline::new(d(2024, 6, 3), None).unwrap());
    }

    #[test]
    fn year_before_the_tables_is_refused() {
        assert_eq!(DeadlineRules::default().annual(2005, false).unwrap_err().rule(), "year_supported");
    }

    #[test]
    fn a_window_ending_before_the_deadline_is_refused() {
        let err = Deadline::new(d(2024, 7, 1), Some(d(2024, 6, 30))).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("window_until", "window_after_deadline"));
        assert!(Deadline::new(d(2024, 7, 1), Some(d(2024, 7, 1))).is_ok());
        let json = r#"{"due_by":"2024-07-01","window_until":"2024-06-30"}"#;
        assert!(serde_json::from_str::<Deadline>(json).is_err());
    }
}
