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

/// The protocol system of the chamber's AOO (DPR 445/2000 artt. 53-57). It assigns number and date
/// together, atomically (art. 53 c.3); [`crate::memory::MemoryProtocol`] is the embedded default.
pub trait ProtocolSystem: Send + Sync {
    /// Registers a document; number and date are assigned by the system.
    fn register(
        &self,
        request: crate::protocol::RegistrationRequest,
    ) -> Result<crate::protocol::ProtocolEntry, crate::protocol::ProtocolError>;
    /// Annuls a registration (art. 54), keeping it readable.
    fn annul(
        &self,
        number: crate::protocol::ProtocolNumber,
        operator: String,
        authorised_by: String,
        authorisation: String,
        reason: String,
    ) -> Result<crate::protocol::ProtocolEntry, crate::protocol::ProtocolError>;
    /// The entry with `number`.
    fn entry(
        &self,
        number: crate::protocol::ProtocolNumber,
    ) -> Result<Option<crate::protocol::ProtocolEntry>, crate::protocol::ProtocolError>;
    /// The daily register of `date` (art. 53 c.2), as the day saw it: the day's registrations
    /// (an annulment mark only if recorded that day) and the annulments recorded that day of
    /// earlier registrations, so that it never changes once the day is over
    /// ([`crate::protocol::daily`]).
    fn daily_register(
        &self,
        date: chrono::NaiveDate,
    ) -> Result<crate::protocol::DailyRegister, crate::protocol::ProtocolError>;
    /// The days up to `until` (inclusive) with a registration or an annulment, in order.
    fn active_days(
        &self,
        until: chrono::NaiveDate,
    ) -> Result<Vec<chrono::NaiveDate>, crate::protocol::ProtocolError>;
    /// Records that the daily register of `record.date` was sent to preservation, with its receipt.
    /// The protocol system is the owner of which daily registers were preserved: one record per
    /// day, a second refused with [`crate::protocol::ProtocolError::AlreadyPreserved`], a record
    /// whose digest is not the day's register with
    /// [`crate::protocol::ProtocolError::RegisterChanged`].
    fn record_preservation(
        &self,
        record: crate::protocol::RegisterPreservation,
    ) -> Result<(), crate::protocol::ProtocolError>;
    /// Every daily register sent to preservation, by day.
    fn preservations(
        &self,
    ) -> Result<Vec<crate::protocol::RegisterPreservation>, crate::protocol::ProtocolError>;
}

/// Sends PEC messages. Returns the receipts the provider has issued so far (acceptance, then
/// delivery or non-delivery); a real provider may deliver later receipts asynchronously, which the
/// host records through the counter.
pub trait PecMailer: Send + Sync {
    /// Sends `message`.
    fn send(&self, message: crate::notify::PecMessage) -> Result<Vec<crate::notify::PecReceipt>, PortError>;
}

/// The chamber's preservation system (AgID Linee guida §4.7).
pub trait Preserver: Send + Sync {
    /// Submits a package; returns the *rapporto di versamento*.
    fn submit(
        &self,
        package: &crate::archive::SubmissionPackage,
    ) -> Result<crate::archive::PreservationReceipt, PortError>;
}

/// Append-only storage of dossier events. `append` must be atomic: it succeeds only if the stored
/// version (number of events) equals `expected_version`, otherwise it returns
/// [`crate::dossier::StoreError::Conflict`] and stores nothing.
pub trait DossierStore: Send + Sync {
    /// Appends `events` after `expected_version`; returns the new version.
    fn append(
        &self,
        dossier_id: &str,
        expected_version: u64,
        events: &[crate::dossier::DossierEvent],
    ) -> Result<u64, crate::dossier::StoreError>;
    /// Every event of the dossier, in order (empty if unknown).
    fn load(&self, dossier_id: &str)
        -> Result<Vec<crate::dossier::DossierEvent>, crate::dossier::StoreError>;
    /// The events after the first `version` ones (a store may answer without reading the whole
    /// stream; the default reads it all).
    fn load_after(
        &self,
        dossier_id: &str,
        version: u64,
    ) -> Result<Vec<crate::dossier::DossierEvent>, crate::dossier::StoreError> {
        let events = self.load(dossier_id)?;
        Ok(events.into_iter().skip(usize::try_from(version).unwrap_or(usize::MAX)).collect())
    }
    /// The ids of every stored dossier, in creation order.
    fn dossier_ids(&self) -> Result<Vec<String>, crate::dossier::StoreError>;
    /// The ids of the dossiers of `party` (the company the applicant acted for, else the applicant
    /// in person), in creation order. The default reads the first event of every dossier; a store
    /// should answer from an index (the in-memory store keeps one).
    fn dossier_ids_of(&self, party: &crate::authz::Party) -> Result<Vec<String>, crate::dossier::StoreError> {
        let mut out = Vec::new();
        for id in self.dossier_ids()? {
            let events = self.load(&id)?;
            if events.first().and_then(crate::dossier::DossierEvent::party).as_ref() == Some(party) {
                out.push(id);
            }
        }
        Ok(out)
    }
    /// A new number for a dossier id, never returned twice.
    fn next_sequence(&self) -> Result<u64, crate::dossier::StoreError>;
}
