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
    /// `no_birth_date`, `first_year_range`; `position` is 1-based, separators excluded.
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
    /// An identity assertion refused on the way in (`attribute` as received).
    #[error("{reason}")]
    InvalidAssertion { attribute: String, rule: String, reason: String },
    /// Registry data (a company, a REA number, a record from a host registry) that breaks a rule.
    #[error("{reason}")]
    InvalidRegistryData { field: String, rule: String, reason: String },
    /// A refusal: the actor may not do `action`, under `rule`.
    #[error("{reason}")]
    NotAuthorized { action: String, rule: String, reason: String },
    /// A delegation or intermediary refused by a rule of the book (`field` at fault).
    #[error("{reason}")]
    InvalidDelegation { field: String, rule: String, reason: String },
    /// A profile choice that is bad input: unknown kind, company missing or not expected.
    #[error("{reason}")]
    InvalidProfileChoice { field: String, rule: String, reason: String },
    /// A port failed (host registry, PEC directory, store...): also what a host implementation
    /// throws to report its own failure. Shared by every host-implemented port.
    #[error("{reason}")]
    PortFailure { port: String, reason: String },
    // -- catalog ------------------------------------------------------------------------------
    /// A catalogue error: bad data (with the `entry`), an unknown service, chamber, category,
    /// profile, channel or code; `field` and `rule` say which.
    #[error("{reason}")]
    Catalog { entry: Option<String>, field: String, rule: String, reason: String },
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
    /// The bands cannot cover a pool (`maximums` is null when some share is unbounded).
    #[error("{reason}")]
    AllocationInfeasible {
        pool: String,
        amount: rust_decimal::Decimal,
        minimums: rust_decimal::Decimal,
        maximums: Option<rust_decimal::Decimal>,
        reason: String,
    },
    /// An allocation plan that breaks a rule, or a lookup of an unknown pool or chamber.
    #[error("{reason}")]
    InvalidAllocation { rule: String, field: String, reason: String },
    /// The user has already rated this dossier: one rating per dossier per user.
    #[error("{reason}")]
    AlreadyRated { dossier: String, reason: String },
    /// A rating or a query that breaks a rule of the questionnaire.
    #[error("{reason}")]
    InvalidRating { rule: String, field: String, reason: String },
    // -- dossiers, protocol, PEC, preservation -----------------------------------------------
    /// A dossier use case refused by a rule (guard, required field, unknown service...).
    #[error("{reason}")]
    DossierRefused { rule: String, field: String, reason: String },
    /// The dossier changed since it was read; a host store throws it on a version mismatch.
    #[error("{reason}")]
    DossierConflict { dossier_id: String, expected: u64, actual: u64, reason: String },
    /// The transition table does not allow the action in the current state.
    #[error("{reason}")]
    InvalidTransition { action: String, state: Option<String>, reason: String },
    /// A legal-term rule refused (`rule`: `suspension_already_used`, `reply_window_closed`,
    /// `observations_window_closed`, `opposition_window_closed`, `release_not_before`, ...);
    /// `date` is the date the rule turns on (last day of a window, first release day, due date),
    /// `article` where the rule comes from.
    #[error("{reason}")]
    TermError { rule: String, date: Option<chrono::NaiveDate>, article: String, reason: String },
    /// The event chain was altered, truncated or reordered.
    #[error("{reason}")]
    ChainBroken { rule: String, reason: String },
    /// A protocol rule refused: `rule` `required` (`field` `reason`, `authorisation`), `not_found`
    /// or `already_annulled` (`number`), `day_not_over`, `already_preserved` or `empty_register`
    /// (`date`)...
    #[error("{reason}")]
    ProtocolRefused { rule: String, field: String, reason: String },
    /// A payment on a dossier does not match its pagoPA position, or the gateway refused it;
    /// `expected` and `found` are set for an amount mismatch.
    #[error("{reason}")]
    PaymentRefused {
        rule: String,
        field: String,
        expected: Option<rust_decimal::Decimal>,
        found: Option<rust_decimal::Decimal>,
        reason: String,
    },
}

impl From<sportello::money::MoneyError> for SportelloError {
    fn from(e: sportello::money::MoneyError) -> Self {
        SportelloError::InvalidAmount {
            field: e.field().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

/// An exception thrown by a host implementation of a port that is not a `SportelloException`
/// (shared by every foreign trait).
impl From<uniffi::UnexpectedUniFFICallbackError> for SportelloError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SportelloError::PortFailure { port: "host".into(), reason: e.reason }
    }
}
