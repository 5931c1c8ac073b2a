//! The [`Calendar`] a chamber configures: its seat's patron, its Saturday rules, and the two views.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::national::{national_holiday, national_holidays};
use super::{check_year, CalendarError, PatronDay, PatronSaints};
use crate::chamber::ProvinceCode;

/// Whether a deadline falling on a Saturday moves to the next working day.
///
/// Art. 155 c.5 c.p.c. (L. 263/2005) moves Saturday deadlines only for "atti processuali svolti
/// fuori dell'udienza"; c.6 says that otherwise Saturday "ad ogni effetto è considerata
/// lavorativa", and art. 52 c.5 c.p.a. does the same for administrative trials. Whether the
/// Saturday rule reaches the terms of an administrative *procedure* is an open point
/// (`procedure-law.md` §9 item 3), so it is a per-chamber policy; the default follows the strict
/// reading: Saturday is a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaturdayRule {
    /// Saturday is a working day: a deadline on Saturday stays there (art. 155 c.6 c.p.c.).
    #[default]
    WorkingDay,
    /// A deadline on Saturday moves like one on a holiday (art. 155 c.5 c.p.c. extended by analogy).
    MovesDeadline,
}

/// How deadlines are counted: art. 2963 c.c. and art. 155 c.p.c., with the Saturday rule chosen.
///
/// The start day is excluded, days are calendar days (holidays inside the term count), months
/// and years follow the calendar, and a deadline on a legal holiday moves to the next day that
/// is not one; the policy says only what a Saturday does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TermPolicy {
    /// What a Saturday deadline does.
    pub saturday: SaturdayRule,
}

impl TermPolicy {
    /// The strict reading (the default): only Sundays and national holidays move a deadline.
    pub const STRICT: TermPolicy = TermPolicy { saturday: SaturdayRule::WorkingDay };
    /// Saturdays move deadlines too (art. 155 c.5 c.p.c. applied to procedures; also the rule of
    /// tax payments, which a fee deadline may follow).
    pub const SATURDAY_MOVES: TermPolicy = TermPolicy { saturday: SaturdayRule::MovesDeadline };
}

/// Which notion of "closed day" a question uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The days that move a legal deadline: Sundays, national holidays, and Saturdays if the
    /// [`TermPolicy`] says so (art. 2963 c.3 c.c., art. 155 c.4-5 c.p.c.).
    Legal,
    /// The days the office is closed: the legal view, plus the seat's patron day and, if the
    /// chamber closes then, Saturdays.
    Office,
}

/// Why a day is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national holiday of L. 260/1949 as amended (including the one-off days).
    National,
    /// A Sunday (L. 260/1949 art. 2).
    Sunday,
    /// A Saturday, closed by the chamber's setting or by the term policy.
    Saturday,
    /// The patron saint of the seat's city: closes the office, does not move deadlines.
    PatronSaint,
}

impl View {
    /// The snake_case name (`"legal"`, `"office"`).
    pub fn as_str(self) -> &'static str {
        match self {
            View::Legal => "legal",
            View::Office => "office",
        }
    }
}

impl std::str::FromStr for View {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [View::Legal, View::Office]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| CalendarError::UnknownView { text: s.to_string() })
    }
}

impl HolidayKind {
    /// The snake_case name (`"national"`, `"sunday"`, `"saturday"`, `"patron_saint"`).
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::National => "national",
            HolidayKind::Sunday => "sunday",
            HolidayKind::Saturday => "saturday",
            HolidayKind::PatronSaint => "patron_saint",
        }
    }
}

/// A named day off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its Italian name (`"Lunedì dell'Angelo"`, `"Sant'Ambrogio"`, `"Domenica"`).
    pub name: String,
    /// Why it is a day off.
    pub kind: HolidayKind,
}

/// The calendar of one office: national holidays and Sundays (for everyone), the patron day of the
/// seat's city, the chamber's Saturday settings.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::{Calendar, TermPolicy, View};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let bergamo = Calendar::for_province(&"BG".parse()?)?;
/// assert!(bergamo.is_office_closed(d(2026, 8, 26))?); // Sant'Alessandro, a Wednesday
/// assert!(!bergamo.is_legal_holiday(d(2026, 8, 26))?);
///
/// // Received Thu 7 Mar 2013: day 30 is Saturday 6 April.
/// assert_eq!(bergamo.deadline(d(2013, 3, 7), 30)?, d(2013, 4, 6));
/// let lenient = bergamo.with_policy(TermPolicy::SATURDAY_MOVES);
/// assert_eq!(lenient.deadline(d(2013, 3, 7), 30)?, d(2013, 4, 8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Calendar {
    patron: Option<PatronDay>,
    policy: TermPolicy,
    office_closed_on_saturday: bool,
}

impl Calendar {
    /// National holidays and Sundays only: no patron, strict Saturday rule, office open Saturdays.
    pub fn national() -> Self {
        Calendar::default()
    }

    /// The calendar of an office in the capital of `province`, with its patron day from the
    /// embedded table ([`PatronSaints::embedded`]).
    pub fn for_province(province: &ProvinceCode) -> Result<Self, CalendarError> {
        let table = PatronSaints::embedded()?;
        Ok(Calendar::national().with_patron(Some(table.for_province(province)?.clone())))
    }

    /// The same calendar with another patron day (or none).
    pub fn with_patron(mut self, patron: Option<PatronDay>) -> Self {
        self.patron = patron;
        self
    }

    /// The same calendar with another term policy.
    pub fn with_policy(mut self, policy: TermPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The same calendar with the office closed (or open) on Saturdays.
    pub fn with_office_closed_on_saturday(mut self, closed: bool) -> Self {
        self.office_closed_on_saturday = closed;
        self
    }

    /// The patron day of the seat, if any.
    pub fn patron(&self) -> Option<&PatronDay> {
        self.patron.as_ref()
    }

    /// The term policy.
    pub fn policy(&self) -> TermPolicy {
        self.policy
    }

    /// Whether the office closes on Saturdays (a chamber setting).
    pub fn office_closed_on_saturday(&self) -> bool {
        self.office_closed_on_saturday
    }

    /// Whether `date` is a legal holiday: a Sunday or a national holiday (L. 260/1949 art. 2).
    /// Saturdays and patron days never are.
    pub fn is_legal_holiday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        check_year("date", date.year())?;
        Ok(date.weekday() == Weekday::Sun || national_holiday(date)?.is_some())
    }

    /// Whether the office is closed on `date` ([`View::Office`]).
    pub fn is_office_closed(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.is_closed(date, View::Office)
    }

    /// Whether `date` is a day off in `view`.
    pub fn is_closed(&self, date: NaiveDate, view: View) -> Result<bool, CalendarError> {
        Ok(self.day_off(date, view)?.is_some())
    }

    /// Why `date` is a day off in `view`, or `None` if it is a working day there.
    ///
    /// When several reasons hold, the strongest is given: a national holiday, then Sunday, then
    /// the patron day, then Saturday.
    pub fn day_off(&self, date: NaiveDate, view: View) -> Result<Option<Holiday>, CalendarError> {
        let named = |name: &str, kind| Some(Holiday { date, name: name.to_string(), kind });
        if let Some(rule) = national_holiday(date)? {
            return Ok(named(rule.name, HolidayKind::National));
        }
        let weekday = date.weekday();
        if weekday == Weekday::Sun {
            return Ok(named("Domenica", HolidayKind::Sunday));
        }
        if view == View::Office {
            if let Some(p) = self.patron.as_ref().filter(|p| p.falls_on(date)) {
                return Ok(named(&p.saint, HolidayKind::PatronSaint));
            }
        }
        let saturday_off = self.policy.saturday == SaturdayRule::MovesDeadline
            || (view == View::Office && self.office_closed_on_saturday);
        if weekday == Weekday::Sat && saturday_off {
            return Ok(named("Sabato", HolidayKind::Saturday));
        }
        Ok(None)
    }

    /// The named holidays of `year` in date order: the national ones and, if the calendar has
    /// one, the patron day (Sundays and Saturdays are not listed).
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        let mut days: Vec<Holiday> = national_holidays(year)?
            .into_iter()
            .map(|(date, r)| Holiday { date, name: r.name.to_string(), kind: HolidayKind::National })
            .collect();
        if let Some(p) = &self.patron {
            if let Some(date) = p.date_in(year) {
                days.push(Holiday { date, name: p.saint.clone(), kind: HolidayKind::PatronSaint });
            }
        }
        days.sort_by_key(|h| h.date);
        Ok(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal(p: &str) -> Calendar {
        Calendar::for_province(&p.parse().unwrap()).unwrap()
    }

    #[test]
    fn sundays_and_national_days_are_legal_holidays_patron_days_are_not() {
        let mi = cal("MI");
        assert!(mi.is_legal_holiday(d(2026, 3, 1)).unwrap()); // a Sunday
        assert!(mi.is_legal_holiday(d(2026, 4, 6)).unwrap()); // Easter Monday
        assert!(!mi.is_legal_holiday(d(2026, 12, 7)).unwrap()); // Sant'Ambrogio, Monday
        assert!(!mi.is_legal_holiday(d(2026, 3, 7)).unwrap()); // a Saturday
    }

    #[test]
    fn the_office_view_adds_the_patron_of_the_seat() {
        let mi = cal("MI");
        let h = mi.day_off(d(2026, 12, 7), View::Office).unwrap().unwrap();
        assert_eq!((h.name.as_str(), h.kind), ("Sant'Ambrogio", HolidayKind::PatronSaint));
        assert_eq!(mi.day_off(d(2026, 12, 7), View::Legal).unwrap(), None);
        // Monza's patron does not close the Milan office.
        assert!(!mi.is_office_closed(d(2026, 6, 24)).unwrap());
        assert!(cal("MB").is_office_closed(d(2026, 6, 24)).unwrap());
    }

    #[test]
    fn saturday_closes_the_office_only_by_chamber_setting() {
        let sat = d(2026, 3, 7);
        assert!(!cal("VA").is_office_closed(sat).unwrap());
        let closed = cal("VA").with_office_closed_on_saturday(true);
        assert!(closed.is_office_closed(sat).unwrap());
        assert!(!closed.is_closed(sat, View::Legal).unwrap());
    }

    #[test]
    fn a_saturday_that_moves_deadlines_also_closes_the_office() {
        let c = Calendar::national().with_policy(TermPolicy::SATURDAY_MOVES);
        assert!(c.is_closed(d(2026, 3, 7), View::Legal).unwrap());
        assert!(c.is_office_closed(d(2026, 3, 7)).unwrap());
        assert!(!c.is_legal_holiday(d(2026, 3, 7)).unwrap());
    }

    #[test]
    fn holidays_list_the_national_days_and_the_patron_in_date_order() {
        let list = cal("BS").holidays(2026).unwrap();
        let names: Vec<&str> = list.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names[0..3], ["Capodanno", "Epifania", "Santi Faustino e Giovita"]);
        assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(list.iter().any(|h| h.date == d(2026, 10, 4)));
        assert_eq!(Calendar::national().holidays(2026).unwrap().len(), list.len() - 1);
    }

    #[test]
    fn a_date_outside_the_supported_years_is_an_error_not_a_guess() {
        assert_eq!(
            cal("MI").is_office_closed(d(2101, 1, 1)),
            Err(CalendarError::YearOutOfRange { field: "date", year: 2101 })
        );
        assert!(cal("MI").holidays(1900).is_err());
    }

    #[test]
    fn an_unknown_province_is_refused() {
        assert_eq!(
            Calendar::for_province(&"NA".parse().unwrap()),
            Err(CalendarError::UnknownProvince { province: "NA".into() })
        );
    }

    #[test]
    fn the_calendar_serializes_with_a_stable_shape() {
        let c = cal("LO").with_policy(TermPolicy::SATURDAY_MOVES);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["patron"]["province"], "LO");
        assert_eq!(json["policy"]["saturday"], "moves_deadline");
        assert_eq!(json["office_closed_on_saturday"], false);
        assert_eq!(serde_json::from_value::<Calendar>(json).unwrap(), c);
    }
}
