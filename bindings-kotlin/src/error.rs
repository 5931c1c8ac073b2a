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
    // payments (conversions in payments.rs)
    /// A notice number that is not valid; `part` names the wrong part.
    #[error("{reason}")]
    InvalidNoticeNumber { part: String, rule: String, reason: String },
    /// An ISO 11649 RF reference that cannot be made.
    #[error("{reason}")]
    InvalidCreditorReference { rule: String, reason: String },
    /// A creditor codice fiscale that is not 11 valid digits.
    #[error("{reason}")]
    InvalidCreditorCode { rule: String, reason: String },
    /// A QR payload that cannot be built or read; `field` names the field.
    #[error("{reason}")]
    InvalidQrPayload { field: String, rule: String, reason: String },
    /// A payment position the gateway cannot open, find, pay or cancel.
    #[error("{reason}")]
    PositionRefused { rule: String, reason: String },
    /// A charge or payout larger than the prepaid balance.
    #[error("{reason}")]
    InsufficientBalance { balance: rust_decimal::Decimal, requested: rust_decimal::Decimal, reason: String },
    /// A prepaid-account operation refused by another ledger rule.
    #[error("{reason}")]
    AccountRefused { field: String, rule: String, reason: String },
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
