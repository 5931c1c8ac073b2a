//! The Italian legal calendar: holidays, patron saints, term counting, office calendars.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Rome;

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
