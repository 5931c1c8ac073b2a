//! Patron saints of the cities that seat a chamber office (*santo patrono*).
//!
//! The patron day closes the offices of the city (CCNL clauses, `procedure-law.md` §7.2) but is
//! not a *festivo* under L. 260/1949, so it never moves a legal deadline (Cass. Lav. 17079/2007).
//! The data is `core/data/patron_saints.json` (the 12 Lombardy capitals, dates as in
//! `vacanza/holidays`, not checked against municipal statutes); another region is added by
//! adding entries, or a host passes its own file to [`PatronSaints::from_json`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::CalendarError;
use crate::chamber::ProvinceCode;

const EMBEDDED: &str = include_str!("../../data/patron_saints.json");

/// The patron-saint day of a city, by the sigla of its province.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PatronDay {
    /// The province whose capital (or seat city) celebrates.
    pub province: ProvinceCode,
    /// The city (`"Milano"`).
    pub city: String,
    /// The saint (`"Sant'Ambrogio"`).
    pub saint: String,
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month (never 29 February: the day must exist every year).
    pub day: u32,
}

impl PatronDay {
    /// The patron day in `year`.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    /// Whether `date` is the patron day.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        date.month() == self.month && date.day() == self.day
    }
}

/// A validated table of patron days, one per province.
///
/// ```
/// use sportello::calendar::PatronSaints;
/// let table = PatronSaints::embedded()?;
/// assert_eq!(table.len(), 12);
/// let bg = table.for_province(&"BG".parse()?)?;
/// assert_eq!((bg.saint.as_str(), bg.month, bg.day), ("Sant'Alessandro di Bergamo", 8, 26));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatronSaints {
    patrons: Vec<PatronDay>,
}

#[derive(Deserialize)]
struct File {
    patrons: Vec<serde_json::Value>,
}

impl PatronSaints {
    /// The embedded table (`core/data/patron_saints.json`: the 12 Lombardy capitals).
    pub fn embedded() -> Result<Self, CalendarError> {
        Self::from_json(EMBEDDED)
    }

    /// Reads and validates a table shaped like the embedded file: `{"patrons": [{"province":
    /// "MI", "city": "Milano", "saint": "Sant'Ambrogio", "month": 12, "day": 7}, ...]}`.
    ///
    /// Refuses, naming the entry and the field: a malformed entry, an empty city or saint, a
    /// month/day that is not a date every year (29 February included), a province given twice.
    pub fn from_json(text: &str) -> Result<Self, CalendarError> {
        let file: File = serde_json::from_str(text).map_err(|e| CalendarError::InvalidData {
            entry: usize::MAX,
            field: "patrons",
            reason: e.to_string(),
        })?;
        let mut patrons: Vec<PatronDay> = Vec::with_capacity(file.patrons.len());
        for (entry, value) in file.patrons.into_iter().enumerate() {
            let bad =
                |field: &'static str, reason: String| CalendarError::InvalidData { entry, field, reason };
            let p: PatronDay = serde_json::from_value(value).map_err(|e| bad("entry", e.to_string()))?;
            if p.city.trim().is_empty() {
                return Err(bad("city", "must not be empty".into()));
            }
            if p.saint.trim().is_empty() {
                return Err(bad("saint", "must not be empty".into()));
            }
            if !(1..=12).contains(&p.month) {
                return Err(bad("month", format!("{} is not a month 1-12", p.month)));
            }
            // 2001 is not a leap year: a day valid then is valid every year.
            if NaiveDate::from_ymd_opt(2001, p.month, p.day).is_none() {
                return Err(bad("day", format!("{}/{} is not a day of every year", p.day, p.month)));
            }
            if patrons.iter().any(|q| q.province == p.province) {
                return Err(bad("province", format!("{} is given twice", p.province)));
            }
            patrons.push(p);
        }
        Ok(PatronSaints { patrons })
    }

    /// The patron day of the capital of `province`, if known.
    pub fn get(&self, province: &ProvinceCode) -> Option<&PatronDay> {
        self.patrons.iter().find(|p| p.province == *province)
    }

    /// The patron day of the capital of `province`, or [`CalendarError::UnknownProvince`].
    pub fn for_province(&self, province: &ProvinceCode) -> Result<&PatronDay, CalendarError> {
        self.get(province).ok_or_else(|| CalendarError::UnknownProvince { province: province.to_string() })
    }

    /// Every entry, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &PatronDay> {
        self.patrons.iter()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.patrons.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.patrons.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_has_the_twelve_lombardy_capitals() {
        let t = PatronSaints::embedded().unwrap();
        let mut codes: Vec<String> = t.iter().map(|p| p.province.to_string()).collect();
        codes.sort();
        assert_eq!(codes, ["BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"]);
        let mi = t.for_province(&"MI".parse().unwrap()).unwrap();
        assert_eq!((mi.saint.as_str(), mi.month, mi.day), ("Sant'Ambrogio", 12, 7));
    }

    #[test]
    fn a_province_without_data_is_a_typed_error() {
        let t = PatronSaints::embedded().unwrap();
        assert_eq!(
            t.for_province(&"RM".parse().unwrap()),
            Err(CalendarError::UnknownProvince { province: "RM".into() })
        );
    }

    #[test]
    fn bad_entries_are_refused_naming_entry_and_field() {
        let entry = |s: &str| format!("{{\"patrons\": [{s}]}}");
        let ok = r#"{"province":"MI","city":"Milano","saint":"Sant'Ambrogio","month":12,"day":7}"#;
        let leap = r#"{"province":"XX","city":"X","saint":"S","month":2,"day":29}"#;
        let month = r#"{"province":"XX","city":"X","saint":"S","month":13,"day":1}"#;
        let empty = r#"{"province":"XX","city":" ","saint":"S","month":1,"day":1}"#;
        let sigla = r#"{"province":"X1","city":"X","saint":"S","month":1,"day":1}"#;
        let field = |text: String| match PatronSaints::from_json(&text) {
            Err(CalendarError::InvalidData { entry, field, .. }) => (entry, field),
            other => panic!("accepted: {other:?}"),
        };
        assert_eq!(field(entry(&format!("{ok},{leap}"))), (1, "day"));
        assert_eq!(field(entry(month)), (0, "month"));
        assert_eq!(field(entry(empty)), (0, "city"));
        assert_eq!(field(entry(sigla)), (0, "entry"));
        assert_eq!(field(entry(&format!("{ok},{ok}"))), (1, "province"));
        assert_eq!(field("[]".into()), (usize::MAX, "patrons"));
    }
}
