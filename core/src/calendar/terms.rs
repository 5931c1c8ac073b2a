//! Counting legal terms: art. 2963 c.c. and art. 155 c.p.c.
//!
//! - the day of the start event is not counted (art. 2963 c.2 c.c., art. 155 c.1 c.p.c.);
//! - days are calendar days, holidays inside the term count (art. 155 c.3 c.p.c.);
//! - a month term ends on the day of the same number in the final month, or on that month's last
//!   day when it has no such day (art. 2963 c.4-5 c.c.; art. 155 c.2 c.p.c.);
//! - a deadline on a legal holiday is extended to the next day that is not one (art. 2963 c.3
//!   c.c., art. 155 c.4 c.p.c.), a Saturday only under [`super::SaturdayRule::MovesDeadline`].
//!
//! A patron day never extends a term (Cass. Lav. 17079/2007): terms use [`View::Legal`].

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{check_year, Calendar, CalendarError, View};

/// `date` plus `days` calendar days (negative to go back), inside the supported years.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::add_days;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_days(d(2024, 2, 28), 2)?, d(2024, 3, 1));
/// assert_eq!(add_days(d(2024, 3, 1), -1)?, d(2024, 2, 29));
/// assert!(add_days(d(2100, 12, 31), 1).is_err());
/// # Ok::<(), sportello::calendar::CalendarError>(())
/// ```
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate, CalendarError> {
    check_year("date", date.year())?;
    let out_of_range = CalendarError::TermOutOfRange { field: "days", amount: days, unit: "days" };
    let magnitude = Days::new(days.unsigned_abs());
    let result = if days >= 0 { date.checked_add_days(magnitude) } else { date.checked_sub_days(magnitude) }
        .ok_or(out_of_range)?;
    check_year("deadline", result.year())?;
    Ok(result)
}

/// The number of days from `from` to `to` (negative if `to` comes first): the length of the term
/// that starts on `from` and ends on `to`, start day excluded.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::days_between;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(days_between(d(2013, 3, 2), d(2013, 4, 1)), 30);
/// ```
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

impl Calendar {
    /// The day a deadline falling on `date` actually expires in `view`: `date` itself, or the next
    /// day that is not closed (art. 2963 c.3 c.c.; art. 155 c.4 c.p.c. with [`View::Legal`]).
    ///
    /// This is the "moved to the next working day" of a fixed due date: the annual fee's 30 June
    /// of 2024, a Sunday, is paid by Monday 1 July.
    pub fn roll_forward(&self, date: NaiveDate, view: View) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        loop {
            check_year("deadline", day.year())?;
            if !self.is_closed(day, view)? {
                return Ok(day);
            }
            day = day
                .succ_opt()
                .ok_or(CalendarError::YearOutOfRange { field: "deadline", year: day.year() })?;
        }
    }

    /// The first day after `date` (never `date` itself) that is not closed in `view`: the
    /// "giornata lavorativa successiva".
    pub fn next_working_day(&self, date: NaiveDate, view: View) -> Result<NaiveDate, CalendarError> {
        check_year("date", date.year())?;
        let next =
            date.succ_opt().ok_or(CalendarError::YearOutOfRange { field: "date", year: date.year() })?;
        self.roll_forward(next, view)
    }

    /// The deadline of a term of `days` calendar days that starts on `start` (the start day is not
    /// counted), extended past legal holidays (art. 2963 c.c.; art. 155 c.p.c.).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sportello::calendar::Calendar;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // procedure-law.md §1.2: received Fri 8 Nov 2013, day 30 is Sun 8 Dec (also Immacolata).
    /// assert_eq!(Calendar::national().deadline(d(2013, 11, 8), 30)?, d(2013, 12, 9));
    /// # Ok::<(), sportello::calendar::CalendarError>(())
    /// ```
    pub fn deadline(&self, start: NaiveDate, days: u32) -> Result<NaiveDate, CalendarError> {
        check_year("start", start.year())?;
        let end = add_days(start, i64::from(days))?;
        self.roll_forward(end, View::Legal)
    }

    /// The deadline of a term of `months` months from `start`: the day with the same number in
    /// the final month, or its last day (art. 2963 c.4-5 c.c.), extended past legal holidays.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use sportello::calendar::Calendar;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // 31 Jan 2025 + 1 month: February has no 31st, so 28 Feb (a Friday).
    /// assert_eq!(Calendar::national().deadline_months(d(2025, 1, 31), 1)?, d(2025, 2, 28));
    /// # Ok::<(), sportello::calendar::CalendarError>(())
    /// ```
    pub fn deadline_months(&self, start: NaiveDate, months: u32) -> Result<NaiveDate, CalendarError> {
        check_year("start", start.year())?;
        let end = start.checked_add_months(Months::new(months)).ok_or(CalendarError::TermOutOfRange {
            field: "months",
            amount: i64::from(months),
            unit: "months",
        })?;
        self.roll_forward(end, View::Legal)
    }

    /// The deadline of a term of `years` years from `start` (art. 155 c.2 c.p.c.: years follow the
    /// calendar; 29 February ends on 28 February), extended past legal holidays.
    pub fn deadline_years(&self, start: NaiveDate, years: u32) -> Result<NaiveDate, CalendarError> {
        let months = years.checked_mul(12).ok_or(CalendarError::TermOutOfRange {
            field: "years",
            amount: i64::from(years),
            unit: "years",
        })?;
        self.deadline_months(start, months)
    }

    /// The days after `from`, up to and including `to`, that are not closed in `view`
    /// (0 when `to` is not after `from`).
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        view: View,
    ) -> Result<u32, CalendarError> {
        check_year("from", from.year())?;
        check_year("to", to.year())?;
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = day.succ_opt().ok_or(CalendarError::YearOutOfRange { field: "to", year: to.year() })?;
            if !self.is_closed(day, view)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::TermPolicy;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn milano() -> Calendar {
        Calendar::for_province(&"MI".parse().unwrap()).unwrap()
    }

    // The worked examples of procedure-law.md §1.2 (2013 calendar, 30 calendar days).

    #[test]
    fn deadline_on_saturday_stays_under_the_strict_reading() {
        assert_eq!(milano().deadline(d(2013, 3, 7), 30).unwrap(), d(2013, 4, 6));
    }

    #[test]
    fn deadline_on_saturday_moves_to_monday_when_the_policy_says_so() {
        let c = milano().with_policy(TermPolicy::SATURDAY_MOVES);
        assert_eq!(c.deadline(d(2013, 3, 7), 30).unwrap(), d(2013, 4, 8));
    }

    #[test]
    fn deadline_falling_on_easter_monday_moves_to_tuesday() {
        assert_eq!(milano().deadline(d(2013, 3, 2), 30).unwrap(), d(2013, 4, 2));
    }

    #[test]
    fn deadline_on_a_sunday_that_is_also_immacolata_moves_to_monday() {
        assert_eq!(milano().deadline(d(2013, 11, 8), 30).unwrap(), d(2013, 12, 9));
    }

    #[test]
    fn deadline_on_the_patron_day_is_not_extended() {
        // Sat 7 Dec 2013 is Sant'Ambrogio: strict reading keeps it...
        assert_eq!(milano().deadline(d(2013, 11, 7), 30).unwrap(), d(2013, 12, 7));
        // ...the Saturday policy moves it past Sunday 8 (Immacolata) to Monday 9.
        let c = milano().with_policy(TermPolicy::SATURDAY_MOVES);
        assert_eq!(c.deadline(d(2013, 11, 7), 30).unwrap(), d(2013, 12, 9));
    }

    #[test]
    fn deadline_on_4_october_2026_moves_to_monday_5() {
        // 4 Oct 2026 is a Sunday and the new national day; 30 days from 4 Sep 2026.
        assert_eq!(Calendar::national().deadline(d(2026, 9, 4), 30).unwrap(), d(2026, 10, 5));
    }

    #[test]
    fn deadline_on_4_october_2025_was_not_a_holiday() {
        // Sat 4 Oct 2025: not yet a holiday, strict Saturday rule: stays.
        assert_eq!(Calendar::national().deadline(d(2025, 9, 4), 30).unwrap(), d(2025, 10, 4));
    }

    #[test]
    fn holidays_inside_the_term_are_counted() {
        // 30 days from 1 Apr 2026 cross Easter Monday 6 Apr and 25 Apr, which count; day 30 is
        // Fri 1 May (Festa del Lavoro), which moves to Sat 2 May (a working day).
        assert_eq!(Calendar::national().deadline(d(2026, 4, 1), 30).unwrap(), d(2026, 5, 2));
    }

    #[test]
    fn a_month_term_ends_on_the_last_day_of_a_shorter_month() {
        let c = Calendar::national();
        assert_eq!(c.deadline_months(d(2024, 1, 31), 1).unwrap(), d(2024, 2, 29));
        // 30 Apr 2023 is Sunday: 31 Mar + 1 month = 30 Apr -> Mon 1 May is a holiday -> Tue 2 May.
        assert_eq!(c.deadline_months(d(2023, 3, 31), 1).unwrap(), d(2023, 5, 2));
        assert_eq!(c.deadline_months(d(2026, 1, 15), 2).unwrap(), d(2026, 3, 16));
        // 15 Mar is Sunday
    }

    #[test]
    fn a_year_term_from_29_february_ends_on_28_february() {
        assert_eq!(Calendar::national().deadline_years(d(2024, 2, 29), 1).unwrap(), d(2025, 2, 28));
    }

    #[test]
    fn the_annual_fee_due_date_rolls_to_the_next_working_day() {
        // annual-fee.md: 30 June 2024 is a Sunday, paid by 1 July.
        let c = Calendar::national();
        assert_eq!(c.roll_forward(d(2024, 6, 30), View::Legal).unwrap(), d(2024, 7, 1));
        assert_eq!(c.roll_forward(d(2025, 6, 30), View::Legal).unwrap(), d(2025, 6, 30));
    }

    #[test]
    fn next_working_day_skips_the_patron_day_in_the_office_view() {
        let c = milano();
        // Fri 6 Dec 2024 -> Sat 7 (Sant'Ambrogio) -> Sun 8 -> Mon 9.
        assert_eq!(c.next_working_day(d(2024, 12, 6), View::Office).unwrap(), d(2024, 12, 9));
        assert_eq!(c.next_working_day(d(2024, 12, 6), View::Legal).unwrap(), d(2024, 12, 7));
    }

    #[test]
    fn working_days_between_counts_open_days_after_the_start() {
        let c = Calendar::national().with_office_closed_on_saturday(true);
        // Mon 30 Mar 2026 .. Fri 10 Apr 2026: 31 Mar-3 Apr (4), 7-10 Apr (4); Easter Monday 6 Apr off.
        assert_eq!(c.working_days_between(d(2026, 3, 30), d(2026, 4, 10), View::Office).unwrap(), 8);
        assert_eq!(c.working_days_between(d(2026, 4, 10), d(2026, 3, 30), View::Office).unwrap(), 0);
    }

    #[test]
    fn a_deadline_past_2100_is_a_typed_error() {
        let c = Calendar::national();
        assert_eq!(
            c.deadline(d(2100, 12, 1), 31),
            Err(CalendarError::YearOutOfRange { field: "deadline", year: 2101 })
        );
        assert_eq!(
            c.deadline(d(1949, 12, 1), 31),
            Err(CalendarError::YearOutOfRange { field: "start", year: 1949 })
        );
        assert!(c.deadline_months(d(2000, 1, 1), u32::MAX).is_err());
        assert!(c.deadline_years(d(2000, 1, 1), u32::MAX).is_err());
        assert!(c.deadline(d(2000, 1, 1), u32::MAX).is_err());
    }

    /// 1950 to 2089, so that a term of up to 10 years stays inside the calendar.
    fn date_in_range() -> impl Strategy<Value = NaiveDate> {
        (0i64..(140 * 365)).prop_map(|n| d(1950, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_deadline_is_never_a_legal_holiday_nor_before_start_plus_days(
            start in date_in_range(), days in 0u32..400, saturday in any::<bool>(),
        ) {
            let policy = if saturday { TermPolicy::SATURDAY_MOVES } else { TermPolicy::STRICT };
            let c = milano().with_policy(policy);
            let end = c.deadline(start, days).unwrap();
            prop_assert!(!c.is_legal_holiday(end).unwrap());
            prop_assert!(!(saturday && end.weekday() == Weekday::Sat));
            let nominal = add_days(start, i64::from(days)).unwrap();
            prop_assert!(end >= nominal);
            // Every day skipped was closed in the legal view.
            let mut day = nominal;
            while day < end {
                prop_assert!(c.is_closed(day, View::Legal).unwrap());
                day = day.succ_opt().unwrap();
            }
        }

        #[test]
        fn a_month_term_never_overflows_its_final_month(start in date_in_range(), months in 0u32..120) {
            let nominal = start.checked_add_months(Months::new(months)).unwrap();
            let expected_month0 = (start.month0() + months) % 12;
            prop_assert_eq!(nominal.month0(), expected_month0);
            prop_assert!(nominal.day() <= start.day());
            if nominal.day() < start.day() {
                // Clamped: it is the last day of the month.
                prop_assert_eq!(nominal.succ_opt().unwrap().day(), 1);
            }
            let end = Calendar::national().deadline_months(start, months).unwrap();
            prop_assert!(end >= nominal && days_between(nominal, end) <= 4);
        }
    }
}
