//! The table of chambers over time and the questions it answers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Chamber, ChamberCode, ChamberError, ProvinceCode};

/// The embedded chamber directory (`core/data/chambers.json`): the one source of chamber names,
/// provinces and seats.
pub const CHAMBERS_JSON: &str = include_str!("../../data/chambers.json");

/// A validated table of chambers over time: "which chamber serves province P on date D".
///
/// The embedded data ([`Chambers::embedded`], `core/data/chambers.json`) has the Lombardy
/// chambers from 2013: the 12 provincial chambers and the three of the mergers under D.Lgs.
/// 219/2016 (Milano Monza Brianza Lodi from 2017-09-18, Como-Lecco from 2019-03-28,
/// Cremona-Mantova-Pavia from 2024-11-18). Another region is added as entries of the same file,
/// or a host passes its own to [`Chambers::from_json`].
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::chamber::Chambers;
///
/// let chambers = Chambers::embedded()?;
/// let lodi = "LO".parse()?;
/// let before = chambers.for_province(&lodi, NaiveDate::from_ymd_opt(2017, 9, 17).unwrap())?;
/// let after = chambers.for_province(&lodi, NaiveDate::from_ymd_opt(2017, 9, 18).unwrap())?;
/// assert_eq!((before.code.as_str(), after.code.as_str()), ("LO", "MIMBLO"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chambers {
    covers_from: NaiveDate,
    chambers: Vec<Chamber>,
}

#[derive(Deserialize)]
struct File {
    covers_from: NaiveDate,
    chambers: Vec<serde_json::Value>,
}

impl Chambers {
    /// The embedded table (`core/data/chambers.json`).
    pub fn embedded() -> Result<Self, ChamberError> {
        Self::from_json(CHAMBERS_JSON)
    }

    /// Reads and validates a table shaped like the embedded file:
    /// `{"covers_from": "2013-01-01", "chambers": [{"code": .., "name": .., "region": ..,
    /// "provinces": [..], "seat": {"city": .., "province": ..}, "valid_from"?, "valid_to"?,
    /// "predecessors"?, "successor"?, "secondary_seats"?, "ipa_code"?, "aoo_code"?, "pec"?,
    /// "branding"?, "calendar"?}]}`.
    ///
    /// Refuses, naming the entry and the field: a malformed entry, a code given twice, an empty
    /// name or province list, a seat outside the provinces, a period that ends before it starts, a
    /// successor or predecessor that does not exist or does not link back, a successor that does
    /// not start the day after, or does not take over every province, and two chambers serving a
    /// province on the same day or none serving it for a while.
    pub fn from_json(text: &str) -> Result<Self, ChamberError> {
        let file: File = serde_json::from_str(text).map_err(|e| ChamberError::InvalidData {
            entry: usize::MAX,
            code: "?".into(),
            field: "chambers",
            reason: e.to_string(),
        })?;
        let mut chambers = Vec::with_capacity(file.chambers.len());
        for (entry, value) in file.chambers.into_iter().enumerate() {
            let code = value.get("code").and_then(|c| c.as_str()).unwrap_or("?").to_string();
            let chamber: Chamber = serde_json::from_value(value).map_err(|e| ChamberError::InvalidData {
                entry,
                code,
                field: "entry",
                reason: e.to_string(),
            })?;
            chambers.push(chamber);
        }
        let table = Chambers { covers_from: file.covers_from, chambers };
        table.validate()?;
        Ok(table)
    }

    fn validate(&self) -> Result<(), ChamberError> {
        for (entry, c) in self.chambers.iter().enumerate() {
            let bad = |field: &'static str, reason: String| ChamberError::InvalidData {
                entry,
                code: c.code.to_string(),
                field,
                reason,
            };
            if self.chambers[..entry].iter().any(|o| o.code == c.code) {
                return Err(bad("code", "given twice".into()));
            }
            if c.name.trim().is_empty() {
                return Err(bad("name", "must not be empty".into()));
            }
            if c.provinces.is_empty() {
                return Err(bad("provinces", "must list at least one province".into()));
            }
            for (i, p) in c.provinces.iter().enumerate() {
                if c.provinces[..i].contains(p) {
                    return Err(bad("provinces", format!("{p} is given twice")));
                }
                if !super::is_italian_province(*p) {
                    return Err(bad("provinces", format!("{p} is not an Italian province")));
                }
            }
            if let Some(s) = c.seats().find(|s| !c.serves(&s.province)) {
                return Err(bad(
                    "seat",
                    format!("{} ({}) is outside the chamber's provinces", s.city, s.province),
                ));
            }
            if let (Some(from), Some(to)) = (c.valid_from, c.valid_to) {
                if to < from {
                    return Err(bad("valid_to", format!("{to} is before valid_from {from}")));
                }
            }
            if let Some(next_code) = &c.successor {
                let next = self
                    .find(next_code)
                    .ok_or_else(|| bad("successor", format!("{next_code} does not exist")))?;
                let Some(to) = c.valid_to else {
                    return Err(bad("valid_to", "a chamber with a successor must have an end".into()));
                };
                if next.valid_from != to.succ_opt() {
                    return Err(bad("successor", format!("{next_code} does not start the day after {to}")));
                }
                if !next.predecessors.contains(&c.code) {
                    return Err(bad(
                        "successor",
                        format!("{next_code} does not list {} as predecessor", c.code),
                    ));
                }
                if let Some(p) = c.provinces.iter().find(|p| !next.serves(p)) {
                    return Err(bad("successor", format!("{next_code} does not take over province {p}")));
                }
            }
            for prev_code in &c.predecessors {
                let prev = self
                    .find(prev_code)
                    .ok_or_else(|| bad("predecessors", format!("{prev_code} does not exist")))?;
                if prev.successor.as_ref() != Some(&c.code) {
                    return Err(bad(
                        "predecessors",
                        format!("{prev_code} does not name {} as successor", c.code),
                    ));
                }
            }
        }
        self.validate_coverage()
    }

    /// For each province: the periods of the chambers serving it neither overlap nor leave a gap.
    fn validate_coverage(&self) -> Result<(), ChamberError> {
        for province in self.provinces() {
            let mut serving: Vec<(usize, &Chamber)> =
                self.chambers.iter().enumerate().filter(|(_, c)| c.serves(&province)).collect();
            serving.sort_by_key(|(_, c)| c.valid_from);
            if let Some((entry, first)) = serving.first() {
                if first.valid_from.is_some_and(|f| f > self.covers_from) {
                    return Err(ChamberError::InvalidData {
                        entry: *entry,
                        code: first.code.to_string(),
                        field: "valid_from",
                        reason: format!(
                            "province {province} has no chamber from {} (covers_from) to {:?}",
                            self.covers_from, first.valid_from
                        ),
                    });
                }
            }
            for pair in serving.windows(2) {
                let ((_, a), (entry, b)) = (pair[0], pair[1]);
                let expected = a.valid_to.and_then(|t| t.succ_opt());
                if expected.is_none() || b.valid_from != expected {
                    return Err(ChamberError::InvalidData {
                        entry,
                        code: b.code.to_string(),
                        field: "valid_from",
                        reason: format!(
                            "province {province}: {} serves until {:?}, {} starts on {:?} (overlap or gap)",
                            a.code, a.valid_to, b.code, b.valid_from
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn find(&self, code: &ChamberCode) -> Option<&Chamber> {
        self.chambers.iter().find(|c| c.code == *code)
    }

    /// The first day the data covers: asking about an earlier day is [`ChamberError::NoChamber`].
    pub fn covers_from(&self) -> NaiveDate {
        self.covers_from
    }

    /// The chamber with `code` (active or not).
    pub fn by_code(&self, code: &ChamberCode) -> Result<&Chamber, ChamberError> {
        self.find(code).ok_or_else(|| ChamberError::UnknownChamber { code: code.to_string() })
    }

    /// The chamber serving `province` on `on`.
    pub fn for_province(&self, province: &ProvinceCode, on: NaiveDate) -> Result<&Chamber, ChamberError> {
        let mut serving = self.chambers.iter().filter(|c| c.serves(province)).peekable();
        if serving.peek().is_none() {
            return Err(ChamberError::UnknownProvince { province: province.to_string() });
        }
        let no_chamber =
            || ChamberError::NoChamber { province: province.to_string(), on, covers_from: self.covers_from };
        if on < self.covers_from {
            return Err(no_chamber());
        }
        serving.find(|c| c.is_active_on(on)).ok_or_else(no_chamber)
    }

    /// Every chamber active on `on`, in table order.
    pub fn active_on(&self, on: NaiveDate) -> Vec<&Chamber> {
        if on < self.covers_from {
            return Vec::new();
        }
        self.chambers.iter().filter(|c| c.is_active_on(on)).collect()
    }

    /// The chamber that carries on `code` on `on`: the chamber itself while active, else its
    /// successor (followed through later mergers). `None` before the chamber existed.
    pub fn heir_on(&self, code: &ChamberCode, on: NaiveDate) -> Result<Option<&Chamber>, ChamberError> {
        let mut current = self.by_code(code)?;
        // Each step moves strictly later in time, so the walk ends; the bound guards bad data.
        for _ in 0..=self.chambers.len() {
            if current.valid_from.is_some_and(|f| on < f) {
                return Ok(None);
            }
            if current.is_active_on(on) {
                return Ok(Some(current));
            }
            match &current.successor {
                Some(next) => current = self.by_code(next)?,
                None => return Ok(None),
            }
        }
        Ok(None)
    }

    /// Every province served by some chamber, sorted.
    pub fn provinces(&self) -> Vec<ProvinceCode> {
        let mut all: Vec<ProvinceCode> =
            self.chambers.iter().flat_map(|c| c.provinces.iter().copied()).collect();
        all.sort();
        all.dedup();
        all
    }

    /// Every chamber, in table order.
    pub fn iter(&self) -> impl Iterator<Item = &Chamber> {
        self.chambers.iter()
    }

    /// Number of chambers (over all time).
    pub fn len(&self) -> usize {
        self.chambers.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.chambers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::PatronSaints;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn code_for(p: &str, on: NaiveDate) -> String {
        Chambers::embedded().unwrap().for_province(&p.parse().unwrap(), on).unwrap().code.to_string()
    }

    fn codes(list: Vec<&Chamber>) -> Vec<&str> {
        let mut v: Vec<&str> = list.iter().map(|c| c.code.as_str()).collect();
        v.sort();
        v
    }

    #[test]
    fn in_2013_lombardy_had_twelve_chambers() {
        let t = Chambers::embedded().unwrap();
        assert_eq!(
            codes(t.active_on(d(2013, 6, 1))),
            ["BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"]
        );
    }

    #[test]
    fn after_the_2024_merger_lombardy_has_seven_chambers() {
        let t = Chambers::embedded().unwrap();
        assert_eq!(codes(t.active_on(d(2024, 11, 18))), ["BG", "BS", "COLC", "CRMNPV", "MIMBLO", "SO", "VA"]);
        assert_eq!(t.active_on(d(2024, 11, 17)).len(), 9);
    }

    #[test]
    fn monza_is_served_by_milano_monza_brianza_lodi_from_18_september_2017() {
        assert_eq!(code_for("MB", d(2017, 9, 17)), "MB");
        assert_eq!(code_for("MB", d(2017, 9, 18)), "MIMBLO");
    }

    #[test]
    fn lecco_is_served_by_como_lecco_from_28_march_2019() {
        assert_eq!(code_for("LC", d(2019, 3, 27)), "LC");
        assert_eq!(code_for("LC", d(2019, 3, 28)), "COLC");
    }

    #[test]
    fn pavia_is_served_by_cremona_mantova_pavia_from_18_november_2024() {
        assert_eq!(code_for("PV", d(2024, 11, 17)), "PV");
        assert_eq!(code_for("PV", d(2024, 11, 18)), "CRMNPV");
    }

    #[test]
    fn the_unmerged_chambers_serve_throughout() {
        for p in ["BG", "BS", "SO", "VA"] {
            assert_eq!(code_for(p, d(2013, 1, 1)), p);
            assert_eq!(code_for(p, d(2030, 1, 1)), p);
        }
    }

    #[test]
    fn the_merged_chambers_have_their_seats_and_links() {
        let t = Chambers::embedded().unwrap();
        let cmp = t.by_code(&"CRMNPV".parse().unwrap()).unwrap();
        assert_eq!(cmp.seat.city, "Mantova");
        let secondary: Vec<&str> = cmp.secondary_seats.iter().map(|s| s.city.as_str()).collect();
        assert_eq!(secondary, ["Cremona", "Pavia"]);
        assert_eq!(cmp.predecessors.len(), 3);
        let colc = t.by_code(&"COLC".parse().unwrap()).unwrap();
        assert_eq!((colc.seat.city.as_str(), colc.secondary_seats[0].city.as_str()), ("Como", "Lecco"));
        assert_eq!(t.by_code(&"MI".parse().unwrap()).unwrap().successor.as_ref().unwrap().as_str(), "MIMBLO");
    }

    #[test]
    fn a_former_chamber_is_carried_on_by_its_successor() {
        let t = Chambers::embedded().unwrap();
        let heir = |c: &str, on| t.heir_on(&c.parse().unwrap(), on).unwrap().map(|c| c.code.to_string());
        assert_eq!(heir("PV", d(2020, 1, 1)).as_deref(), Some("PV"));
        assert_eq!(heir("PV", d(2025, 1, 1)).as_deref(), Some("CRMNPV"));
        assert_eq!(heir("CRMNPV", d(2020, 1, 1)), None);
    }

    #[test]
    fn lookups_that_cannot_be_answered_are_typed_errors() {
        let t = Chambers::embedded().unwrap();
        assert_eq!(
            t.for_province(&"RM".parse().unwrap(), d(2020, 1, 1)),
            Err(ChamberError::UnknownProvince { province: "RM".into() })
        );
        assert_eq!(
            t.for_province(&"MI".parse().unwrap(), d(2012, 12, 31)),
            Err(ChamberError::NoChamber {
                province: "MI".into(),
                on: d(2012, 12, 31),
                covers_from: d(2013, 1, 1)
            })
        );
        assert_eq!(
            t.by_code(&"TO".parse().unwrap()),
            Err(ChamberError::UnknownChamber { code: "TO".into() })
        );
    }

    #[test]
    fn every_seat_has_an_office_calendar_with_its_patron() {
        let t = Chambers::embedded().unwrap();
        let patrons = PatronSaints::embedded().unwrap();
        for c in t.iter() {
            for seat in c.seats() {
                let cal = c.calendar_for_seat(seat, &patrons).unwrap();
                assert_eq!(cal.patron().unwrap().province, seat.province);
            }
        }
        let pavia = t.by_code(&"CRMNPV".parse().unwrap()).unwrap();
        let cal = pavia.calendar_for_seat(&pavia.secondary_seats[1], &patrons).unwrap();
        assert!(cal.is_office_closed(d(2025, 12, 9)).unwrap()); // San Siro, a Tuesday
    }

    #[test]
    fn the_chamber_serializes_with_a_stable_shape() {
        let t = Chambers::embedded().unwrap();
        let c = t.by_code(&"COLC".parse().unwrap()).unwrap();
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["code"], "COLC");
        assert_eq!(json["provinces"], serde_json::json!(["CO", "LC"]));
        assert_eq!(json["valid_from"], "2019-03-28");
        assert!(json.get("valid_to").is_none());
        assert_eq!(json["calendar"]["saturday"], "working_day");
        assert_eq!(&serde_json::from_value::<Chamber>(json).unwrap(), c);
    }

    fn with_chamber_edit(
        code: &str,
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> Result<Chambers, ChamberError> {
        let mut file: serde_json::Value = serde_json::from_str(CHAMBERS_JSON).unwrap();
        let list = file["chambers"].as_array_mut().unwrap();
        let entry = list.iter_mut().find(|c| c["code"] == code).unwrap();
        edit(entry);
        Chambers::from_json(&file.to_string())
    }

    fn failed_field(r: Result<Chambers, ChamberError>) -> (String, &'static str) {
        match r {
            Err(ChamberError::InvalidData { code, field, .. }) => (code, field),
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn bad_chamber_data_is_refused_naming_entry_and_field() {
        let f = |code: &str, edit: fn(&mut serde_json::Value)| failed_field(with_chamber_edit(code, edit));
        assert_eq!(f("MI", |c| c["valid_to"] = "2017-09-16".into()), ("MI".into(), "successor"));
        assert_eq!(f("MI", |c| c["successor"] = "XX".into()), ("MI".into(), "successor"));
        assert_eq!(f("BG", |c| c["name"] = " ".into()), ("BG".into(), "name"));
        assert_eq!(f("BG", |c| c["provinces"] = serde_json::json!([])), ("BG".into(), "provinces"));
        assert_eq!(f("BG", |c| c["seat"]["province"] = "BS".into()), ("BG".into(), "seat"));
        assert_eq!(f("BG", |c| c["provinces"] = serde_json::json!(["B9"])), ("BG".into(), "entry"));
        assert_eq!(f("BG", |c| c["provinces"] = serde_json::json!(["XX"])), ("BG".into(), "provinces"));
        assert_eq!(f("BS", |c| c["code"] = "BG".into()), ("BG".into(), "code"));
        assert_eq!(f("COLC", |c| c["predecessors"] = serde_json::json!(["CO"])), ("LC".into(), "successor"));
        // Sondrio also claiming Varese: two chambers for VA at once.
        assert_eq!(f("SO", |c| c["provinces"] = serde_json::json!(["SO", "VA"])).1, "valid_from");
        assert_eq!(f("VA", |c| c["valid_from"] = "2014-01-01".into()).1, "valid_from");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn every_province_resolves_to_exactly_one_chamber_from_2013_on(days in 0i64..(40 * 366)) {
            let t = Chambers::embedded().unwrap();
            let on = d(2013, 1, 1) + chrono::Duration::days(days);
            for p in t.provinces() {
                let serving: Vec<&Chamber> = t.iter().filter(|c| c.serves(&p) && c.is_active_on(on)).collect();
                prop_assert_eq!(serving.len(), 1, "{} on {}", p, on);
                prop_assert_eq!(&t.for_province(&p, on).unwrap().code, &serving[0].code);
            }
        }
    }
}
