//! The one error type of the Kotlin surface: `SportelloException`, a sealed class whose subclasses
//! a caller catches by kind (`catch (e: SportelloException.InvalidCodiceFiscale)`).
//!
//! Every variant carries `reason` (the readable sentence from core) and the fields that say which
//! rule failed. Conversions from the core error enums live next to the area that uses them.

/// Every failure the Kotlin surface can raise.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SportelloError {
    /// An amount or a rounding mode that breaks a money rule.
    #[error("{reason}")]
    InvalidAmount { field: String, rule: String, reason: String },
    /// A date outside the supported range or otherwise unusable.
    #[error("{reason}")]
    InvalidDate { field: String, rule: String, reason: String },
    // -- identifiers ------------------------------------------------------------------------
    /// A text that is not a codice fiscale. `rule`: `length`, `character`, `month`, `day`,
    /// `calendar_date`, `birthplace`, `check_character`, `office_code`, `matricola`,
    /// `no_birth_date`; `position` is 1-based, separators excluded.
    #[error("{reason}")]
    InvalidCodiceFiscale {
        rule: String,
        position: Option<i32>,
        expected: Option<String>,
        found: Option<String>,
        reason: String,
    },
    /// A text that is not a partita IVA. `rule`: `length`, `character`, `matricola`,
    /// `office_code`, `check_digit`.
    #[error("{reason}")]
    InvalidPartitaIva {
        rule: String,
        position: Option<i32>,
        expected: Option<String>,
        found: Option<String>,
        reason: String,
    },
    // -- calendar and chambers --------------------------------------------------------------
    /// A calendar question that cannot be answered: a year outside 1950-2100, a term that leaves
    /// the calendar (`rule`: `year_range`, `term_range`, `invalid_data`).
    #[error("{reason}")]
    CalendarError { field: String, rule: String, reason: String },
    /// A province sigla that is malformed (`rule` = `province_format`) or unknown to the data
    /// (`unknown_province`).
    #[error("{reason}")]
    UnknownProvince { province: String, rule: String, reason: String },
    /// A chamber code that is malformed (`code_format`) or unknown (`unknown_chamber`).
    #[error("{reason}")]
    UnknownChamber { code: String, rule: String, reason: String },
    /// No chamber served the province on that date (the data covers `coversFrom` onwards).
    #[error("{reason}")]
    NoChamber { province: String, on: chrono::NaiveDate, covers_from: chrono::NaiveDate, reason: String },
    /// The chamber data breaks a rule (`field` names it).
    #[error("{reason}")]
    ChamberDataError { field: String, rule: String, reason: String },
    // -- identity, registry, profiles, authorization -----------------------------------------

    // -- catalog ------------------------------------------------------------------------------

    // -- fees and payments --------------------------------------------------------------------

    // -- allocation and satisfaction ----------------------------------------------------------

    // -- dossiers, protocol, PEC, preservation -----------------------------------------------
}

impl From<sportello::money::MoneyError> for SportelloError {
    fn from(e: sportello::money::MoneyError) -> Self {
        use sportello::money::MoneyError as M;
        let (field, rule) = match &e {
            M::NotADecimal { .. } => ("amount", "decimal"),
            M::TooManyDecimals { .. } => ("amount", "decimals"),
            M::Overflow { .. } => ("amount", "range"),
            M::UnknownRoundingMode { .. } => ("mode", "rounding_mode"),
            M::Negative { field, .. } => (*field, "non_negative"),
        };
        SportelloError::InvalidAmount { field: field.into(), rule: rule.into(), reason: e.to_string() }
    }
}
