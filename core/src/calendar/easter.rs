//! Easter Sunday in the Gregorian calendar.

use chrono::NaiveDate;

use super::{check_year, CalendarError};

/// Easter Sunday of `year` (Gregorian computus, the "anonymous" algorithm of Meeus/Jones/Butcher,
/// the one `procedure-law.md` §1.2 used: 31 March 2013).
///
/// Easter Monday, the *Lunedì dell'Angelo*, is a national holiday (L. 260/1949 art. 2).
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::easter_sunday;
/// assert_eq!(easter_sunday(2013)?, NaiveDate::from_ymd_opt(2013, 3, 31).unwrap());
/// assert_eq!(easter_sunday(2026)?, NaiveDate::from_ymd_opt(2026, 4, 5).unwrap());
/// assert!(easter_sunday(1949).is_err());
/// # Ok::<(), sportello::calendar::CalendarError>(())
/// ```
pub fn easter_sunday(year: i32) -> Result<NaiveDate, CalendarError> {
    check_year("year", year)?;
    let (month, day) = computus(year);
    NaiveDate::from_ymd_opt(year, month, day).ok_or(CalendarError::YearOutOfRange { field: "year", year })
}

/// The month and day of Easter Sunday; valid for any Gregorian year.
pub(crate) fn computus(year: i32) -> (u32, u32) {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 for every year: the casts cannot lose anything.
    (month.unsigned_abs(), day.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_reference_years() {
        // procedure-law.md §7.1: Easter Monday 2013-04-01, 2014-04-21, 2026-04-06.
        assert_eq!(easter_sunday(2013).unwrap(), d(2013, 3, 31));
        assert_eq!(easter_sunday(2014).unwrap(), d(2014, 4, 20));
        assert_eq!(easter_sunday(2026).unwrap(), d(2026, 4, 5));
        // Extremes of the Gregorian range inside 1950-2100.
        assert_eq!(easter_sunday(2008).unwrap(), d(2008, 3, 23));
        assert_eq!(easter_sunday(2038).unwrap(), d(2038, 4, 25));
        assert_eq!(easter_sunday(2000).unwrap(), d(2000, 4, 23));
    }

    #[test]
    fn easter_outside_1950_2100_is_a_typed_error() {
        assert_eq!(easter_sunday(2101), Err(CalendarError::YearOutOfRange { field: "year", year: 2101 }));
        assert!(easter_sunday(1949).is_err());
    }

    proptest! {
        #[test]
        fn easter_is_always_a_sunday_between_22_march_and_25_april(year in 1950i32..=2100) {
            let e = easter_sunday(year).unwrap();
            prop_assert_eq!(e.weekday(), Weekday::Sun);
            prop_assert!(e >= d(year, 3, 22) && e <= d(year, 4, 25));
        }
    }
}
