//! The administrative dossier (*pratica*, *procedimento amministrativo informatico*): states and
//! transitions as data ([`TRANSITIONS`]), events with actor, time and reason chained by digest,
//! state derived from events ([`Dossier::replay`]), guards from the service's
//! [`ProcedureRules`], and legal terms ([`term_status`]).
//!
//! The use cases that tie dossiers to protocol, PEC, preservation and the store are in
//! [`crate::sportello`].

mod aggregate;
mod canonical;
mod event;
mod payment;
mod requests;
mod rules;
mod state;
mod terms;

pub use aggregate::{
    integration_effect, Dossier, HistoryEntry, IntegrationRequest, Message, Opposition, OutcomeRecord,
    ProtocolAnnulment, ReceiptRecord,
};
pub(crate) use canonical::{
    date as serialize_date, opt_date as serialize_opt_date, utc as serialize_utc, Rfc3339,
};
pub(crate) use event::verified_log;
pub use event::{
    verify_chain, ActorRef, ApplicantSnapshot, Attachment, Bytes, ChainError, CompanyRef, DossierEvent,
    EventKind, Outcome, SuspensionCause,
};
pub use payment::{
    DeterminedAmount, FeeComputation, PaymentNotice, PaymentPurpose, PaymentStatus, RequestedPayment,
};
pub use requests::{form_amount, form_year, FieldKind, FieldRule, RequestEffect, RequestRule};
pub use rules::{CopyTariff, Counterparties, IntegrationEffect, PecFallback, ProcedureRules, Silence};
pub use state::{next_state, transition, Action, ActorKind, DossierState, Target, Transition, TRANSITIONS};
pub use terms::{
    term_status, Suspension, SuspensionKind, TermError, TermFacts, TermStatus, AFTER_OBSERVATIONS_DAYS,
    OBSERVATIONS_WINDOW_DAYS,
};

use crate::archive::ArchiveError;
use crate::fees::FeeError;
use crate::payments::PositionError;
use crate::ports::PortError;
use crate::protocol::ProtocolError;

/// A use case on a dossier refused, naming the rule that refused it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierError {
    /// No dossier with this id.
    #[error("no dossier {id}")]
    NotFound {
        /// The id.
        id: String,
    },
    /// The transition table does not allow `action` in `state`.
    #[error("dossier {dossier_id}: {action:?} is not allowed in state {state:?}")]
    InvalidTransition {
        /// The action.
        action: Action,
        /// The state (`None` before opening).
        state: Option<DossierState>,
        /// The dossier.
        dossier_id: String,
    },
    /// The table does not let this kind of actor perform the action.
    #[error("{action:?} cannot be performed by {actor_kind:?}")]
    NotAllowedFor {
        /// The action.
        action: Action,
        /// The kind of actor.
        actor_kind: ActorKind,
    },
    /// A rule of the service or of the law refused the action.
    #[error("refused by rule {rule} ({article})")]
    GuardFailed {
        /// The rule (`no_withdrawal_after_payment`, `refusal_notice_first`...).
        rule: String,
        /// Where it comes from.
        article: String,
    },
    /// The actor may not act on this dossier (the one decision point,
    /// [`crate::authz::authorize`], refused). A user asking for a dossier that is not theirs gets
    /// the same refusal as for a dossier that does not exist.
    #[error(transparent)]
    NotAuthorized(#[from] crate::authz::NotAuthorized),
    /// A required field is missing or empty.
    #[error("{field} is required")]
    MissingField {
        /// The field.
        field: String,
    },
    /// A field breaks a rule.
    #[error("{field}: {rule}")]
    InvalidField {
        /// The field.
        field: String,
        /// The rule.
        rule: String,
    },
    /// The service is not offered by the chamber.
    #[error("service {service_id} is not offered")]
    UnknownService {
        /// The service id.
        service_id: String,
    },
    /// A term rule refused.
    #[error(transparent)]
    Term(#[from] TermError),
    /// Another writer appended first: reload and retry.
    #[error("dossier {dossier_id} changed: expected version {expected}, found {actual}")]
    Conflict {
        /// The dossier.
        dossier_id: String,
        /// The version the writer read.
        expected: u64,
        /// The version in the store.
        actual: u64,
    },
    /// The event chain is broken.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// The protocol register refused.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// The preservation package was refused.
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    /// A port failed.
    #[error(transparent)]
    Port(#[from] PortError),
    /// A payment does not match its pagoPA position, or the gateway refused it (amount, receipt,
    /// notice, due date: [`PositionError::rule`] names the rule).
    #[error(transparent)]
    Position(#[from] PositionError),
    /// The fee rules refused a computation ([`FeeError::field`] and [`FeeError::rule`] say which).
    #[error(transparent)]
    Fee(#[from] FeeError),
}

/// A store refusal: a version conflict, or the store itself failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The stored version is not the expected one.
    #[error("dossier {dossier_id}: expected version {expected}, found {actual}")]
    Conflict {
        /// The dossier.
        dossier_id: String,
        /// Expected.
        expected: u64,
        /// Found.
        actual: u64,
    },
    /// The store failed.
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<StoreError> for DossierError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { dossier_id, expected, actual } => {
                DossierError::Conflict { dossier_id, expected, actual }
            }
            StoreError::Port(p) => DossierError::Port(p),
        }
    }
}
