//! The national public holidays (*festività nazionali*), as a table of rules.
//!
//! L. 260/1949 art. 2 as amended by L. 54/1977, DPR 792/1985, L. 336/2000 and L. 151/2025
//! (`procedure-law.md` §7.1). Every rule carries its years of validity and its legal basis, so a
//! chamber or a test can enumerate them ([`NATIONAL_RULES`]). Sundays are holidays too (L. 260/1949
//! art. 2) but are not listed here: every view treats them separately.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use super::easter::computus;
use super::{check_year, CalendarError};

/// How a national holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateRule {
    /// The same day every year.
    Fixed {
        /// Month, 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// A number of days after Easter Sunday (0 = Easter itself, 1 = Easter Monday).
    AfterEaster {
        /// Days after Easter Sunday.
        days: u32,
    },
    /// The first Sunday of a month (the "movable" celebrations of L. 54/1977).
    FirstSunday {
        /// Month, 1-12.
        month: u32,
    },
}

/// One national holiday rule: a name, a date rule, the years it applied, and its legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NationalRule {
    /// The Italian name (`"Lunedì dell'Angelo"`).
    pub name: &'static str,
    /// How the date is found.
    pub date: DateRule,
    /// First year the rule applies.
    pub from: i32,
    /// Last year the rule applies.
    pub to: i32,
    /// The act that sets it.
    pub basis: &'static str,
}

const fn fixed(
    name: &'static str,
    month: u32,
    day: u32,
    from: i32,
    to: i32,
    basis: &'static str,
) -> NationalRule {
    NationalRule { name, date: DateRule::Fixed { month, day }, from, to, basis }
}

const fn easter(name: &'static str, days: u32, from: i32, to: i32, basis: &'static str) -> NationalRule {
    NationalRule { name, date: DateRule::AfterEaster { days }, from, to, basis }
}

const fn first_sunday(
    name: &'static str,
    month: u32,
    from: i32,
    to: i32,
    basis: &'static str,
) -> NationalRule {
    NationalRule { name, date: DateRule::FirstSunday { month }, from, to, basis }
}

const L260: &str = "L. 260/1949 art. 2";
const L54: &str = "L. 260/1949 art. 2; abolished by L. 54/1977 art. 1";
const END: i32 = super::LAST_YEAR;
const START: i32 = super::FIRST_YEAR;

/// Every national holiday rule for 1950-2100, in calendar order.
///
/// The days abolished by L. 54/1977 (San Giuseppe, Ascensione, Corpus Domini, Santi Pietro e
/// Paolo) are holidays up to 1976; Epiphany up to 1977 (6 January 1977 came before the law of
/// 5 March) and again from 1986 (DPR 792/1985). Festa della Repubblica and the Giorno dell'Unità
/// nazionale were moved to the first Sunday of June and November by L. 54/1977; 2 June is fixed
/// again from 2001 (L. 336/2000). 4 October is a holiday from 2026 (L. 151/2025). The one-off days
/// are 17 March 1961 and 17 March 2011 (anniversaries of the Unity of Italy).
pub const NATIONAL_RULES: &[NationalRule] = &[
    fixed("Capodanno", 1, 1, START, END, L260),
    fixed("Epifania", 1, 6, START, 1977, L54),
    fixed("Epifania", 1, 6, 1986, END, "DPR 792/1985 (restored)"),
    fixed("San Giuseppe", 3, 19, START, 1976, L54),
    fixed(
        "Centenario dell'Unità d'Italia",
        3,
        17,
        1961,
        1961,
        "one-off (as in vacanza/holidays; act not read)",
    ),
    fixed("150° anniversario dell'Unità d'Italia", 3, 17, 2011, 2011, "one-off (DL 5/2011)"),
    easter("Pasqua", 0, START, END, L260),
    easter("Lunedì dell'Angelo", 1, START, END, L260),
    fixed("Anniversario della Liberazione", 4, 25, START, END, L260),
    fixed("Festa del Lavoro", 5, 1, START, END, L260),
    easter("Ascensione", 39, START, 1976, L54),
    fixed("Festa della Repubblica", 6, 2, START, 1976, "L. 260/1949 art. 1"),
    first_sunday("Festa della Repubblica", 6, 1977, 2000, "L. 54/1977 art. 1 (first Sunday of June)"),
    fixed("Festa della Repubblica", 6, 2, 2001, END, "L. 336/2000 (fixed again on 2 June)"),
    easter("Corpus Domini", 60, START, 1976, L54),
    fixed("Santi Pietro e Paolo", 6, 29, START, 1976, L54),
    fixed("Assunzione", 8, 15, START, END, L260),
    fixed("Festa nazionale di San Francesco d'Assisi", 10, 4, 2026, END, "L. 151/2025"),
    fixed("Ognissanti", 11, 1, START, END, L260),
    fixed("Giorno dell'Unità nazionale", 11, 4, START, 1976, L260),
    first_sunday(
        "Giorno dell'Unità nazionale",
        11,
        1977,
        END,
        "L. 54/1977 art. 1 (first Sunday of November)",
    ),
    fixed("Immacolata Concezione", 12, 8, START, END, L260),
    fixed("Natale", 12, 25, START, END, L260),
    fixed("Santo Stefano", 12, 26, START, END, L260),
];

impl NationalRule {
    /// Whether the rule applies in `year`.
    pub fn applies_in(&self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// The date of this holiday in `year`, if the rule applies that year.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if !self.applies_in(year) {
            return None;
        }
        match self.date {
            DateRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            DateRule::AfterEaster { days } => {
                let (m, d) = computus(year);
                NaiveDate::from_ymd_opt(year, m, d)?.checked_add_days(Days::new(u64::from(days)))
            }
            DateRule::FirstSunday { month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let offset = (7 - first.weekday().num_days_from_sunday()) % 7;
                first.checked_add_days(Days::new(u64::from(offset)))
            }
        }
    }

    /// Whether `date` (month, day, ordinal, weekday given) is this holiday; `easter_ordinal` is
    /// the day of the year of that year's Easter Sunday.
    fn falls_on(
        &self,
        year: i32,
        month: u32,
        day: u32,
        ordinal: u32,
        sunday: bool,
        easter_ordinal: u32,
    ) -> bool {
        if year < self.from || year > self.to {
            return false;
        }
        match self.date {
            DateRule::Fixed { month: m, day: d } => month == m && day == d,
            DateRule::AfterEaster { days } => ordinal == easter_ordinal + days,
            DateRule::FirstSunday { month: m } => month == m && day <= 7 && sunday,
        }
    }
}

/// The national holiday falling on `date`, if any (Sundays that are not named holidays give
/// `None`: see [`super::Calendar::is_legal_holiday`]).
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::national_holiday;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(national_holiday(d(2026, 10, 4))?.map(|r| r.basis), Some("L. 151/2025"));
/// assert_eq!(national_holiday(d(2025, 10, 4))?, None);
/// # Ok::<(), sportello::calendar::CalendarError>(())
/// ```
pub fn national_holiday(date: NaiveDate) -> Result<Option<&'static NationalRule>, CalendarError> {
    let year = date.year();
    check_year("date", year)?;
    let (em, ed) = computus(year);
    // Easter is in March or April: its ordinal is 31 + (29 if leap else 28) + ... as below.
    let leap = u32::from(NaiveDate::from_ymd_opt(year, 2, 29).is_some());
    let easter_ordinal = if em == 3 { 31 + 28 + leap + ed } else { 31 + 28 + leap + 31 + ed };
    let (month, day, ordinal) = (date.month(), date.day(), date.ordinal());
    let sunday = date.weekday() == Weekday::Sun;
    Ok(NATIONAL_RULES.iter().find(|r| r.falls_on(year, month, day, ordinal, sunday, easter_ordinal)))
}

/// The national holidays of `year`, in date order (Sundays not listed).
pub fn national_holidays(year: i32) -> Result<Vec<(NaiveDate, &'static NationalRule)>, CalendarError> {
    check_year("year", year)?;
    let mut days: Vec<_> = NATIONAL_RULES.iter().filter_map(|r| r.date_in(year).map(|d| (d, r))).collect();
    days.sort_by_key(|(d, _)| *d);
    Ok(days)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn name_on(date: NaiveDate) -> Option<&'static str> {
        national_holiday(date).unwrap().map(|r| r.name)
    }

    #[test]
    fn the_2013_calendar_has_the_twelve_named_days_plus_easter_and_the_november_sunday() {
        let days: Vec<NaiveDate> = national_holidays(2013).unwrap().into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            days,
            vec![
                d(2013, 1, 1),
                d(2013, 1, 6),
                d(2013, 3, 31),
                d(2013, 4, 1),
                d(2013, 4, 25),
                d(2013, 5, 1),
                d(2013, 6, 2),
                d(2013, 8, 15),
                d(2013, 11, 1),
                d(2013, 11, 3),
                d(2013, 12, 8),
                d(2013, 12, 25),
                d(2013, 12, 26),
            ]
        );
    }

    #[test]
    fn san_francesco_on_4_october_is_a_holiday_from_2026_only() {
        assert_eq!(name_on(d(2025, 10, 4)), None);
        assert_eq!(name_on(d(2026, 10, 4)), Some("Festa nazionale di San Francesco d'Assisi"));
        assert_eq!(name_on(d(2100, 10, 4)), Some("Festa nazionale di San Francesco d'Assisi"));
    }

    #[test]
    fn seventeen_march_2011_is_a_one_off_holiday() {
        assert_eq!(name_on(d(2011, 3, 17)), Some("150° anniversario dell'Unità d'Italia"));
        assert_eq!(name_on(d(2012, 3, 17)), None);
        assert_eq!(name_on(d(2010, 3, 17)), None);
    }

    #[test]
    fn easter_monday_is_the_day_after_easter() {
        assert_eq!(name_on(d(2013, 4, 1)), Some("Lunedì dell'Angelo"));
        assert_eq!(name_on(d(2014, 4, 21)), Some("Lunedì dell'Angelo"));
        assert_eq!(name_on(d(2026, 4, 6)), Some("Lunedì dell'Angelo"));
        assert_eq!(name_on(d(2026, 4, 7)), None);
    }

    #[test]
    fn epiphany_was_not_a_holiday_from_1978_to_1985() {
        assert!(name_on(d(1977, 1, 6)).is_some());
        assert_eq!(name_on(d(1978, 1, 6)), None);
        assert_eq!(name_on(d(1985, 1, 6)), None);
        assert!(name_on(d(1986, 1, 6)).is_some());
    }

    #[test]
    fn republic_day_moved_to_the_first_sunday_of_june_from_1977_to_2000() {
        assert_eq!(name_on(d(1976, 6, 2)), Some("Festa della Repubblica"));
        assert_eq!(name_on(d(1990, 6, 2)), None); // a Saturday
        assert_eq!(name_on(d(1990, 6, 3)), Some("Festa della Repubblica"));
        assert_eq!(name_on(d(2001, 6, 2)), Some("Festa della Repubblica"));
    }

    #[test]
    fn the_days_abolished_in_1977_are_holidays_up_to_1976() {
        // Easter 1976: 18 April; Ascension 27 May, Corpus Domini 17 June.
        assert_eq!(name_on(d(1976, 3, 19)), Some("San Giuseppe"));
        assert_eq!(name_on(d(1976, 5, 27)), Some("Ascensione"));
        assert_eq!(name_on(d(1976, 6, 17)), Some("Corpus Domini"));
        assert_eq!(name_on(d(1976, 6, 29)), Some("Santi Pietro e Paolo"));
        assert_eq!(name_on(d(1976, 11, 4)), Some("Giorno dell'Unità nazionale"));
        assert_eq!(name_on(d(1977, 3, 19)), None);
        assert_eq!(name_on(d(1977, 6, 29)), None);
        assert_eq!(name_on(d(2013, 11, 4)), None);
    }

    #[test]
    fn years_outside_1950_2100_are_refused() {
        assert_eq!(
            national_holiday(d(1949, 12, 25)),
            Err(CalendarError::YearOutOfRange { field: "date", year: 1949 })
        );
        assert_eq!(national_holidays(2101), Err(CalendarError::YearOutOfRange { field: "year", year: 2101 }));
    }

    #[test]
    fn every_rule_gives_a_real_date_in_each_year_it_applies() {
        for r in NATIONAL_RULES {
            assert!(r.from <= r.to, "{}", r.name);
            for y in r.from..=r.to {
                let date = r.date_in(y).unwrap();
                assert_eq!(date.year(), y);
                // Another rule may share the day (Easter Monday was 25 April in 2011).
                assert!(national_holiday(date).unwrap().is_some(), "{} {y}", r.name);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_lookup_agrees_with_the_yearly_list(n in 0i64..(151 * 365)) {
            let date = d(1950, 1, 1) + chrono::Duration::days(n);
            let listed = national_holidays(date.year()).unwrap().iter().any(|(x, _)| *x == date);
            prop_assert_eq!(national_holiday(date).unwrap().is_some(), listed, "{}", date);
        }
    }
}
