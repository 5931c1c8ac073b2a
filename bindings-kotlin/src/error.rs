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

    // -- allocation and satisfaction ----------------------------------------------------------

    // -- dossiers, protocol, PEC, preservation -----------------------------------------------
    /// A dossier use case refused by a rule (guard, required field, unknown service...).
    #[error("{reason}")]
    DossierRefused { rule: String, field: String, reason: String },
    /// The dossier changed since it was read; a host store throws it on a version mismatch.
    #[error("{reason}")]
    DossierConflict { dossier_id: String, expected: u64, actual: u64, reason: String },
    /// The actor may not act on the dossier.
    #[error("{reason}")]
    DossierNotAuthorized { rule: String, reason: String },
    /// The transition table does not allow the action in the current state.
    #[error("{reason}")]
    InvalidTransition { action: String, state: Option<String>, reason: String },
    /// A legal-term rule refused.
    #[error("{reason}")]
    TermError { rule: String, reason: String },
    /// The event chain was altered, truncated or reordered.
    #[error("{reason}")]
    ChainBroken { rule: String, reason: String },
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
