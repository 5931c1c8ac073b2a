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

    // -- calendar and chambers --------------------------------------------------------------

    // -- identity, registry, profiles, authorization -----------------------------------------

    // -- catalog ------------------------------------------------------------------------------

    // -- fees and payments --------------------------------------------------------------------
    /// A fee rule refused the input (`field`, `rule`; `row` for a batch row).
    #[error("{reason}")]
    FeeRefused { field: String, rule: String, row: Option<u64>, reason: String },
    /// No surcharge is known for a chamber and year: pass it in `surcharges`.
    #[error("{reason}")]
    FeeSurchargeUnknown { chamber: String, year: i32, reason: String },
    /// Ravvedimento is only possible within one year of the deadline (DM 54/2005 art. 6).
    #[error("{reason}")]
    FeeRavvedimentoExpired {
        deadline: chrono::NaiveDate,
        paid_on: chrono::NaiveDate,
        last_day: chrono::NaiveDate,
        reason: String,
    },
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
