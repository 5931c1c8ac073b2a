//! The chamber surcharge (maggiorazione) by chamber and year, as data.
//!
//! Art. 18 c.10 L. 580/1993 lets the Minister authorise a chamber to raise the fee by up to 20 %
//! (applied after the DL 90/2014 reduction); DM 28/02/2023 authorised up to 50 % for chambers with
//! structural deficits. [`SurchargeTable::shipped`] holds what `reference/annual-fee.md` §4.3
//! confirms for the Lombardy chambers (plus the few other chambers whose published examples the
//! tests reproduce). Where the reference says **UNCONFIRMED** there is no row: the engine then
//! refuses with [`FeeError::SurchargeUnknown`] instead of guessing, and the caller passes the rate.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;

use super::error::FeeError;

/// One row: the rate a set of chambers applies over a range of years, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurchargeRule {
    /// The chambers (codes of the current chamber and, for merged chambers, of the provinces
    /// they absorbed, so either code finds the rate).
    pub chambers: Vec<ChamberCode>,
    /// First year (included).
    pub from_year: i32,
    /// Last year (included).
    pub to_year: i32,
    /// The surcharge, as a fraction (`0.20`); `0` records that the chamber applied none.
    #[serde(with = "super::decimal_str")]
    pub rate: Decimal,
    /// The act or page that states it.
    pub source: String,
}

/// Where the surcharge of a chamber fee came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SurchargeSource {
    /// A row of the surcharge table, with its source.
    Table {
        /// The act or page.
        source: String,
    },
    /// Given by the caller, overriding the table.
    Override,
}

impl SurchargeSource {
    /// The snake_case name of the source, as in its JSON `kind`: `table` or `override`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SurchargeSource::Table { .. } => "table",
            SurchargeSource::Override => "override",
        }
    }
}

/// Surcharges by chamber and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurchargeTable {
    /// The rows; the first row matching a chamber and year wins.
    pub rules: Vec<SurchargeRule>,
    /// The largest rate accepted, from the table or from a caller.
    #[serde(with = "super::decimal_str")]
    pub max_rate: Decimal,
}

/// The 12 Lombardy chambers of 2013 (ref `procedure-law.md` §8.1).
pub const LOMBARDY_2013: [&str; 12] =
    ["BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"];

fn codes(list: &[&str]) -> Vec<ChamberCode> {
    list.iter().filter_map(|c| c.parse().ok()).collect()
}

impl SurchargeTable {
    /// An empty table: every chamber must be given by the caller.
    pub fn empty() -> Self {
        SurchargeTable { rules: Vec::new(), max_rate: Decimal::new(50, 2) }
    }

    /// The rows confirmed by `reference/annual-fee.md` §4.3 (Lombardy) and §8 (the chambers of
    /// the published worked examples).
    pub fn shipped() -> Self {
        let twenty = Decimal::new(20, 2);
        let row = |chambers: &[&str], from_year, to_year, rate, source: &str| SurchargeRule {
            chambers: codes(chambers),
            from_year,
            to_year,
            rate,
            source: source.to_string(),
        };
        let milano = ["MIMBLO", "MI", "MB", "LO"];
        let como_lecco = ["COLC", "CO", "LC"];
        SurchargeTable {
            rules: vec![
                row(
                    &LOMBARDY_2013,
                    2011,
                    2016,
                    Decimal::ZERO,
                    "no increase found for the Lombardy chambers before DM 22/05/2017 (ref §4.3; Varese \
                     2010-2011 explicitly none [S12])",
                ),
                row(
                    &["MI", "MIMBLO"],
                    2017,
                    2019,
                    twenty,
                    "DM 22/05/2017; CCIAA Milano 2017 and 2019 pages [S5][S4]",
                ),
                row(
                    &["MB", "LO"],
                    2018,
                    2019,
                    twenty,
                    "DM 22/05/2017; merged into Milano Monza Brianza Lodi [S4]",
                ),
                row(&["BG"], 2017, 2017, twenty, "DM 22/05/2017; CCIAA Bergamo conguaglio 2017 [S78]"),
                row(&milano, 2020, 2022, twenty, "DM 12/03/2020, Allegato A [S30][S31]"),
                row(&como_lecco, 2020, 2022, twenty, "DM 12/03/2020, Allegato A [S30][S31]"),
                row(
                    &["BG", "BS", "CR", "MN", "PV", "SO", "VA"],
                    2020,
                    2022,
                    twenty,
                    "DM 12/03/2020, Allegato A [S30][S31]",
                ),
                row(
                    &milano,
                    2023,
                    2025,
                    twenty,
                    "DM 23/02/2023; CCIAA Milano Monza Brianza Lodi 2023-2024 pages [S3][S2]",
                ),
                row(&["BG"], 2023, 2025, twenty, "DM 23/02/2023; CCIAA Bergamo 2024 [S16][S79]"),
                row(&["BS"], 2024, 2024, twenty, "DM 23/02/2023; CCIAA Brescia new registrations 2024 [S19]"),
                // Outside Lombardy: the chambers of the published worked examples.
                row(&["RM"], 2019, 2020, twenty, "CCIAA Roma, calcolo del dovuto 2019 and 2020 [S1][S26]"),
                row(&["PG"], 2020, 2022, Decimal::new(10, 2), "DM 12/03/2020: Perugia 10 % [S30][S31]"),
            ],
            max_rate: Decimal::new(50, 2),
        }
    }

    /// The table with one more row in front (it wins over the shipped rows).
    pub fn with_rule(mut self, rule: SurchargeRule) -> Self {
        self.rules.insert(0, rule);
        self
    }

    /// The row that applies to `chamber` in `year`, if any.
    pub fn lookup(&self, chamber: &ChamberCode, year: i32) -> Option<&SurchargeRule> {
        self.rules
            .iter()
            .find(|r| r.from_year <= year && year <= r.to_year && r.chambers.iter().any(|c| c == chamber))
    }

    /// The rate of `chamber` in `year`: the caller's override if given, else the table's row, else
    /// [`FeeError::SurchargeUnknown`]. The rate must lie in `0..=max_rate`.
    pub fn resolve(
        &self,
        chamber: &ChamberCode,
        year: i32,
        override_rate: Option<Decimal>,
    ) -> Result<(Decimal, SurchargeSource), FeeError> {
        let (rate, source) = match override_rate {
            Some(r) => (r, SurchargeSource::Override),
            None => match self.lookup(chamber, year) {
                Some(rule) => (rule.rate, SurchargeSource::Table { source: rule.source.clone() }),
                None => return Err(FeeError::SurchargeUnknown { chamber: chamber.clone(), year }),
            },
        };
        self.check(chamber.as_str(), rate)?;
        Ok((rate, source))
    }

    /// Checks that a rate lies in `0..=max_rate`.
    pub fn check(&self, chamber: &str, rate: Decimal) -> Result<(), FeeError> {
        if rate.is_sign_negative() && !rate.is_zero() || rate > self.max_rate {
            return Err(FeeError::SurchargeOutOfRange {
                chamber: chamber.to_string(),
                rate,
                max: self.max_rate,
            });
        }
        Ok(())
    }
}

impl Default for SurchargeTable {
    fn default() -> Self {
        SurchargeTable::shipped()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> ChamberCode {
        s.parse().unwrap()
    }

    #[test]
    fn every_shipped_code_is_a_valid_chamber_code() {
        let t = SurchargeTable::shipped();
        let declared: usize = [12, 2, 2, 1, 4, 3, 7, 4, 1, 1, 1, 1].iter().sum();
        assert_eq!(t.rules.iter().map(|r| r.chambers.len()).sum::<usize>(), declared);
    }

    #[test]
    fn milano_pays_twenty_percent_from_2017_to_2025_under_either_code() {
        let t = SurchargeTable::shipped();
        for year in 2017..=2025 {
            assert_eq!(t.resolve(&cc("MIMBLO"), year, None).unwrap().0, Decimal::new(20, 2), "{year}");
            assert_eq!(t.resolve(&cc("MI"), year, None).unwrap().0, Decimal::new(20, 2), "{year}");
        }
    }

    #[test]
    fn lombardy_2020_to_2022_all_apply_twenty_percent() {
        let t = SurchargeTable::shipped();
        for code in LOMBARDY_2013.iter().chain(["MIMBLO", "COLC"].iter()) {
            for year in 2020..=2022 {
                assert_eq!(t.resolve(&cc(code), year, None).unwrap().0, Decimal::new(20, 2), "{code} {year}");
            }
        }
    }

    #[test]
    fn unconfirmed_chamber_year_is_refused_not_guessed() {
        let t = SurchargeTable::shipped();
        assert_eq!(
            t.resolve(&cc("VA"), 2024, None),
            Err(FeeError::SurchargeUnknown { chamber: cc("VA"), year: 2024 })
        );
        assert_eq!(t.resolve(&cc("CRMNPV"), 2026, None).unwrap_err().rule(), "surcharge_known");
    }

    #[test]
    fn override_wins_and_is_recorded() {
        let t = SurchargeTable::shipped();
        let (rate, source) = t.resolve(&cc("VA"), 2024, Some(Decimal::new(15, 2))).unwrap();
        assert_eq!(rate, Decimal::new(15, 2));
        assert_eq!(source, SurchargeSource::Override);
    }

    #[test]
    fn surcharge_beyond_the_maximum_is_refused() {
        let t = SurchargeTable::shipped();
        let err = t.resolve(&cc("VA"), 2024, Some(Decimal::new(51, 2))).unwrap_err();
        assert_eq!(err.rule(), "surcharge_range");
        assert!(t.resolve(&cc("VA"), 2024, Some(Decimal::new(-1, 2))).is_err());
    }
}
