//! Every integration of the counter as a trait: the seams at a glance.
//!
//! The core never performs I/O; a host plugs its real systems (business register, PEC directory and
//! mailer, protocol system, payments, preservation, storage, clock) by implementing these traits, in
//! Rust or, through the bindings, in Python and Kotlin. [`crate::memory`] has an in-memory
//! implementation of each: the embedded default that examples and tests run on.
//!
//! Ports return [`PortError`] for failures of the integration itself (unreachable, refused); domain
//! refusals are the domain's own error types.

use chrono::{DateTime, Utc};

/// A failure of an integration (the host's system), as opposed to a refusal by a domain rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{port} failed: {reason}")]
pub struct PortError {
    /// Which port failed (`"business_registry"`, `"pec_mailer"`, ...).
    pub port: String,
    /// What the integration reported.
    pub reason: String,
}

impl PortError {
    /// A failure of `port` with `reason`.
    pub fn new(port: impl Into<String>, reason: impl Into<String>) -> Self {
        PortError { port: port.into(), reason: reason.into() }
    }
}

// -- clock ---------------------------------------------------------------------------------------

/// The source of the current instant. The core never reads the system clock: every use case asks
/// this port, so any scenario can be replayed with a settable clock
/// ([`crate::memory::ManualClock`]).
pub trait Clock: Send + Sync {
    /// The current instant, in UTC. Legal dates are derived from it in Italian time
    /// ([`crate::calendar::italian_date`]).
    fn now(&self) -> DateTime<Utc>;
}

// -- identity, registry, PEC directory -----------------------------------------------------------

/// The Registro Imprese, as the chamber's registry client sees it (InfoCamere services in
/// production; [`crate::memory::InMemoryRegistry`] in tests and examples).
///
/// Adapters return records that pass [`Company::check`](crate::registry::Company::check); "not
/// found" is `Ok(None)` / an empty list, never an error.
pub trait BusinessRegistry: Send + Sync {
    /// The company whose codice fiscale (Registro Imprese number) is `codice_fiscale`.
    fn company(
        &self,
        codice_fiscale: &crate::identifiers::CodiceFiscale,
    ) -> Result<Option<crate::registry::Company>, PortError>;

    /// The company with REA number `rea`, for its seat or for a local unit in another province.
    fn company_by_rea(
        &self,
        rea: &crate::registry::Rea,
    ) -> Result<Option<crate::registry::Company>, PortError>;

    /// Every role (current or past) that the person with `codice_fiscale` holds or held in a company.
    fn roles_of(
        &self,
        person: &crate::identifiers::CodiceFiscale,
    ) -> Result<Vec<crate::registry::Role>, PortError>;
}

/// The directory of digital domiciles (INI-PEC, DM 19/03/2013 art. 6): a company's or a
/// professional's PEC looked up by codice fiscale. A user's digital domicile is read here, never
/// typed in.
pub trait PecDirectory: Send + Sync {
    /// The digital domicile of `codice_fiscale`, if the directory has one.
    fn domicile_of(
        &self,
        codice_fiscale: &crate::identifiers::CodiceFiscale,
    ) -> Result<Option<crate::registry::DigitalDomicile>, PortError>;
}

// -- payments ------------------------------------------------------------------------------------

use crate::payments::{
    CreditorCode, NoticeNumber, PaymentPosition, PositionError, PositionRequest, Receipt, ReceiptOutcome,
};

/// The pagoPA side of the counter: opens payment positions with their notice numbers, tells their
/// state, records the PSP's receipts and cancels them. A real adapter talks to the chamber's
/// pagoPA intermediary (GPD, GovPay); [`crate::memory::InMemoryPaymentGateway`] is the embedded
/// default.
///
/// Domain refusals are [`PositionError`] variants; a failure of the integration itself is
/// [`PositionError::Port`]. Implementations keep the rules of
/// [`PaymentPosition`]: a repeated receipt is reported with `repeated: true` and changes nothing.
pub trait PaymentGateway: Send + Sync {
    /// Opens a position for the request and issues its notice number.
    fn open_position(&self, request: PositionRequest) -> Result<PaymentPosition, PositionError>;

    /// The position as it stands now (an open position past its due date shows as expired).
    fn position(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
    ) -> Result<PaymentPosition, PositionError>;

    /// Records the PSP's receipt for a position.
    fn record_receipt(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
        receipt: Receipt,
    ) -> Result<ReceiptOutcome, PositionError>;

    /// Cancels a position that is not paid; cancelling twice changes nothing.
    fn cancel_position(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
        reason: &str,
    ) -> Result<PaymentPosition, PositionError>;
}

// -- protocol, PEC mailer, preservation, dossier store ------------------------------------------
