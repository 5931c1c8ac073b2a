//! The Italian legal calendar: holidays, patron saints, term counting, office calendars.
//!
//! Two views of a day, after `procedure-law.md` §1.2 and §7:
//!
//! | view | closed on | used for |
//! |---|---|---|
//! | [`View::Legal`] | Sundays, the national holidays of L. 260/1949 as amended ([`national`]), Saturdays only if the [`TermPolicy`] says so | moving a deadline that falls on a *giorno festivo* (art. 2963 c.3 c.c., art. 155 c.4 c.p.c.) |
//! | [`View::Office`] | the legal view, plus the patron saint of the seat ([`PatronDay`]) and, per chamber setting, Saturdays | when the counter's office is open: "giornata lavorativa successiva" rules, availability |
//!
//! A patron-saint day closes the office but does **not** move legal deadlines: festivity is set by
//! L. 260/1949, which ignores local patrons (Cass. Lav. 17079/2007).
//!
//! Years 1950-2100 are supported ([`FIRST_YEAR`], [`LAST_YEAR`]); any other year is a
//! [`CalendarError::YearOutOfRange`], never a guess.
//!
//! ```
//! use chrono::NaiveDate;
//! use sportello::calendar::Calendar;
//!
//! let milano = Calendar::for_province(&"MI".parse()?)?;
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // Received Sat 2 Mar 2013: day 30 is Easter Monday, so the term ends on Tuesday.
//! assert_eq!(milano.deadline(d(2013, 3, 2), 30)?, d(2013, 4, 2));
//! // Sant'Ambrogio closes the Milan office but is not a legal holiday.
//! assert!(milano.is_office_closed(d(2013, 12, 7))?);
//! assert!(!milano.is_legal_holiday(d(2013, 12, 7))?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Rome;

mod easter;
mod error;
pub mod national;
mod office;
mod patron;
mod terms;

pub use easter::easter_sunday;
pub use error::CalendarError;
pub use national::{national_holiday, national_holidays, DateRule, NationalRule, NATIONAL_RULES};
pub use office::{Calendar, Holiday, HolidayKind, SaturdayRule, TermPolicy, View};
pub use patron::{PatronDay, PatronSaints};
pub use terms::{add_days, days_between};

/// The first year the calendar knows (Easter Monday became a holiday with L. 260/1949, from 1950).
pub const FIRST_YEAR: i32 = 1950;
/// The last year the calendar knows.
pub const LAST_YEAR: i32 = 2100;

/// Checks that `year` is inside [`FIRST_YEAR`]..=[`LAST_YEAR`], naming `field` otherwise.
pub(crate) fn check_year(field: &'static str, year: i32) -> Result<(), CalendarError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(CalendarError::YearOutOfRange { field, year })
    }
}

/// The calendar date in Italy (Europe/Rome, with summer time) at an instant.
///
/// Terms and deadlines are counted on Italian dates: a request received at 23:30 UTC on 31 March
/// arrives on 1 April in Rome.
///
/// ```
/// use chrono::{TimeZone, Utc, NaiveDate};
/// use sportello::calendar::italian_date;
/// let late = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
/// assert_eq!(italian_date(late), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
/// ```
pub fn italian_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Rome).date_naive()
}
