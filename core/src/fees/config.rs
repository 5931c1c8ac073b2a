//! [`FeeConfig`]: every configurable choice of the fee rules in one value, readable from JSON so
//! the Python and Kotlin surfaces accept the same configuration as Rust.
//!
//! [`FeeConfig::default`] is what ships: DM 21/04/2011 tables ([`FeeTables::dm_2011`]), the
//! confirmed surcharges ([`SurchargeTable::shipped`]), the late-payment choices of the reference
//! ([`LatePolicy::default`]), legal rates 2014-2026 ([`LegalRates::shipped`]), the F24 codici ente
//! ([`EnteCodes::default`]), the deadlines ([`DeadlineRules::default`]), the published copy
//! tariffs ([`TariffTable::shipped`]) and chambers read at 1 January ([`ChamberDate`]). Several of
//! these are marked UNCONFIRMED in `reference/annual-fee.md` (turnover cents, the codice ente of
//! MIMBLO and CRMNPV, the 3.75 % tier against the 0.40 % window, a flat sanction after the year,
//! legal rates after 2026) and differ by chamber and year: a chamber replaces any part of them,
//! and a JSON object names only the parts it changes.
//!
//! ```
//! use sportello::fees::FeeConfig;
//! let cfg = FeeConfig::from_json(r#"{"late": {"window_rate": "0.0040", "short_tier_rate": "0.0375",
//!     "short_tier_days": 30, "short_tier_overlaps_window": true, "year_tier_rate": "0.06",
//!     "after_year_rate": "0.30"}}"#)?;
//! assert!(cfg.late.short_tier_overlaps_window);
//! assert_eq!(cfg.tables, FeeConfig::default().tables);
//! # Ok::<(), sportello::fees::FeeError>(())
//! ```

use serde::{Deserialize, Serialize};

use super::annual::{ChamberDate, FeeCalculator};
use super::deadline::DeadlineRules;
use super::error::FeeError;
use super::f24::EnteCodes;
use super::late::{LatePolicy, LegalRates};
use super::surcharge::SurchargeTable;
use super::tables::FeeTables;
use super::tariff::TariffTable;

/// The configurable choices of the fee rules (see the module docs); missing JSON fields keep the
/// shipped value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeeConfig {
    /// Base amounts, brackets, reductions, rounding of the steps, turnover cents.
    pub tables: FeeTables,
    /// Surcharges by chamber and year.
    pub surcharges: SurchargeTable,
    /// Window, ravvedimento tiers, sanction after the year.
    pub late: LatePolicy,
    /// Legal interest rates by year (art. 1284 c.c.).
    pub legal_rates: LegalRates,
    /// F24 codice ente of merged chambers.
    pub ente_codes: EnteCodes,
    /// Ordinary dates, ISA extensions, window and new-registration days.
    pub deadlines: DeadlineRules,
    /// Secretarial fees and copies by chamber.
    pub tariffs: TariffTable,
    /// On which day chamber codes are resolved to the chamber that collects the fee.
    pub chamber_date: ChamberDate,
}

impl Default for FeeConfig {
    fn default() -> Self {
        FeeConfig {
            tables: FeeTables::dm_2011(),
            surcharges: SurchargeTable::shipped(),
            late: LatePolicy::default(),
            legal_rates: LegalRates::shipped(),
            ente_codes: EnteCodes::default(),
            deadlines: DeadlineRules::default(),
            tariffs: TariffTable::shipped(),
            chamber_date: ChamberDate::default(),
        }
    }
}

impl FeeConfig {
    /// Reads a configuration; fields left out keep the shipped value, unknown fields are refused
    /// ([`FeeError::InvalidConfig`]).
    pub fn from_json(text: &str) -> Result<FeeConfig, FeeError> {
        serde_json::from_str(text).map_err(|e| FeeError::InvalidConfig { reason: e.to_string() })
    }

    /// The configuration as JSON (every field, so it documents the shipped choices).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The annual-fee calculator of this configuration.
    pub fn calculator(&self) -> FeeCalculator {
        FeeCalculator::new(self.tables.clone(), self.surcharges.clone()).with_chamber_date(self.chamber_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_round_trips_through_json() {
        let cfg = FeeConfig::default();
        assert_eq!(FeeConfig::from_json(&cfg.to_json()).unwrap(), cfg);
        assert_eq!(FeeConfig::from_json("{}").unwrap(), cfg);
    }

    #[test]
    fn a_chamber_changes_the_codice_ente_of_a_merged_chamber() {
        let cfg = FeeConfig::from_json(r#"{"ente_codes": {"codes": {"CRMNPV": "CR"}}}"#).unwrap();
        assert_eq!(cfg.ente_codes.codice_ente(&"CRMNPV".parse().unwrap()).unwrap(), "CR");
    }

    #[test]
    fn unknown_fields_and_bad_json_are_refused() {
        for text in [r#"{"tabels": {}}"#, "[", r#"{"chamber_date": {"kind": "june"}}"#] {
            let err = FeeConfig::from_json(text).unwrap_err();
            assert_eq!((err.field(), err.rule()), ("config", "config_format"), "{text}");
        }
    }
}
