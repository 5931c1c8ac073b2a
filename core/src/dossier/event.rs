//! Dossier events: what happened, who did it, when and why, chained by digest.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::canonical::event_digest;
use super::payment::{DeterminedAmount, FeeComputation, PaymentNotice};
use super::rules::IntegrationEffect;
use super::state::{Action, ActorKind};
use crate::archive::{Digest, PreservationReceipt};
use crate::chamber::ChamberCode;
use crate::identity::LevelOfAssurance;
use crate::money::Euro;
use crate::notify::{PecAddress, PecReceipt};
use crate::payments::NoticeNumber;
use crate::protocol::{Correspondent, Direction, ProtocolNumber};

/// Who did something: the kind and a stable id (the applicant's codice fiscale, the officer's id,
/// `"system"`). Events record this reference, not the whole actor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    /// Applicant, officer or the counter itself.
    pub kind: ActorKind,
    /// Stable id.
    pub id: String,
}

impl ActorRef {
    /// The counter itself.
    pub fn system() -> Self {
        ActorRef { kind: ActorKind::System, id: "system".into() }
    }
}

/// Bytes of a document, serialized as base64 (RFC 4648) in JSON. Immutable and shared: cloning an
/// attachment, an event or a dossier does not copy the content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytes(pub Arc<[u8]>);

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes(bytes.into())
    }
}

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&crate::archive::Base64(&self.0))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        decode_base64(&s).map(Bytes::from).ok_or_else(|| serde::de::Error::custom("invalid base64"))
    }
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for chunk in b.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad { 0 } else { val(c)? };
            n = (n << 6) | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// A document attached to a dossier, with its SHA-256 digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime_type: String,
    /// SHA-256 of the content.
    pub digest: Digest,
    /// The content.
    pub content: Bytes,
}

impl Attachment {
    /// An attachment whose digest is computed from `content`.
    pub fn new(name: impl Into<String>, mime_type: impl Into<String>, content: Vec<u8>) -> Self {
        let digest = Digest::of(&content);
        Attachment { name: name.into(), mime_type: mime_type.into(), digest, content: content.into() }
    }
}

/// The company the applicant acts for, as shown at submission.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompanyRef {
    /// Codice fiscale of the company.
    pub tax_code: String,
    /// Name.
    pub name: String,
}

/// The applicant as identified at submission, frozen in the dossier (later changes to the
/// identity or the registry do not alter it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantSnapshot {
    /// Codice fiscale of the person.
    pub tax_code: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// The company acted for, if any.
    pub on_behalf_of: Option<CompanyRef>,
    /// The digital domicile for communications (CAD art. 3-bis; elected in the application,
    /// art. 65 c.1), if any.
    pub digital_domicile: Option<PecAddress>,
    /// How the applicant was identified (`spid`, `cie`, `cns`).
    pub identified_with: String,
    /// The level of assurance of that identification.
    pub level_of_assurance: LevelOfAssurance,
}

impl ApplicantSnapshot {
    /// Whose dossier it is: the company acted for, else the applicant in person. `None` if the
    /// stored codice fiscale does not parse (a snapshot only a tampered store could hold).
    pub fn party(&self) -> Option<crate::authz::Party> {
        use crate::authz::Party;
        match &self.on_behalf_of {
            Some(c) => c.tax_code.parse().ok().map(Party::Company),
            None => self.tax_code.parse().ok().map(Party::Person),
        }
    }
}

/// A cause of suspension of the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionCause {
    /// To acquire information or certificates not already held (L. 241/1990 art. 2 c.7): once,
    /// at most 30 days.
    Information,
    /// Counter-interested parties notified: they may oppose within 10 days (DPR 184/2006 art. 3;
    /// D.Lgs. 33/2013 art. 5 c.5: "sospeso fino all'eventuale opposizione").
    Counterparties,
}

/// The outcome of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Accepted.
    Accepted,
    /// Rejected.
    Rejected,
}

/// What happened, with its data. The JSON shape is `{"type": "...", ...fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The dossier was created.
    Opened {
        /// The service (`accesso-atti`, ...).
        service_id: String,
        /// The competent chamber.
        chamber: ChamberCode,
        /// The applicant, frozen.
        applicant: ApplicantSnapshot,
        /// The form fields.
        form: BTreeMap<String, String>,
        /// The attachments.
        attachments: Vec<Attachment>,
    },
    /// Submitted; the term runs from `received_on` (Italian date).
    Submitted {
        /// Date of receipt.
        #[serde(serialize_with = "super::canonical::date")]
        received_on: NaiveDate,
    },
    /// The application was protocolled.
    Registered {
        /// Its protocol number.
        protocol: ProtocolNumber,
    },
    /// Taken in charge by `officer`.
    TakenInCharge {
        /// The officer (*responsabile del procedimento*).
        officer: String,
    },
    /// Integration requested.
    IntegrationRequested {
        /// What is missing.
        request: String,
        /// Reply window in days.
        reply_within_days: u32,
        /// What the request does to the term (fixed when the request is made, from the service
        /// rules: a second c.7 suspension is never applied).
        term_effect: IntegrationEffect,
    },
    /// Integration supplied.
    IntegrationReplied {
        /// The applicant's text.
        text: String,
        /// New documents.
        attachments: Vec<Attachment>,
    },
    /// Term suspended.
    Suspended {
        /// Why.
        cause: SuspensionCause,
        /// For how many days at most.
        days: u32,
    },
    /// Term resumed.
    Resumed,
    /// Notice of refusal with its reasons (art. 10-bis).
    RefusalNotified {
        /// The reasons against acceptance.
        reasons: String,
    },
    /// Observations on the notice of refusal.
    ObservationsSubmitted {
        /// The text.
        text: String,
    },
    /// The decision, with the outcome document whose digest certifies it.
    Decided {
        /// Accepted or rejected.
        outcome: Outcome,
        /// The reasons (*motivazione*).
        reasons: String,
        /// The outcome document.
        document: Attachment,
    },
    /// Silence formed (art. 25 c.4 rejection, art. 20 assent).
    SilenceFormed {
        /// Accepted (assent) or rejected.
        outcome: Outcome,
        /// The due date that passed.
        due_date: NaiveDate,
    },
    /// The outcome was sent by PEC.
    Communicated {
        /// The PEC message id.
        message_id: String,
    },
    /// Closed.
    Closed,
    /// Preserved, with the receipt of the preservation system.
    Preserved {
        /// The *rapporto di versamento*.
        receipt: PreservationReceipt,
    },
    /// Withdrawn by the applicant.
    Withdrawn,
    /// Reopened by an officer.
    Reopened,
    /// A message.
    MessagePosted {
        /// The text.
        text: String,
    },
    /// A PEC receipt, kept as legal evidence.
    ReceiptRecorded {
        /// The receipt.
        receipt: PecReceipt,
        /// The recipient's address.
        to: PecAddress,
        /// What the message was (`receipt`, `integration_request`, `refusal_notice`, `outcome`).
        purpose: String,
    },
    /// A payment (pagoPA receipt) recorded.
    PaymentRecorded {
        /// The amount.
        amount: Euro,
        /// The payment reference (IUV or receipt id).
        reference: String,
    },
    /// A further document protocolled.
    Protocolled {
        /// Its number.
        protocol: ProtocolNumber,
        /// Incoming or outgoing.
        direction: Direction,
        /// What it is (`integration_reply`, `integration_request`, `refusal_notice`, `outcome`).
        document: String,
    },
    /// The substitute was activated (art. 2 c.9-bis/9-ter).
    SubstituteActivated,
    /// A protocol registration of the dossier was annulled (DPR 445/2000 art. 54), by the head of
    /// the protocol service (art. 61 c.3 lett. g, the event's actor): the number stays on the
    /// dossier, marked annulled.
    ProtocolAnnulled {
        /// The number annulled.
        protocol: ProtocolNumber,
        /// Why.
        reason: String,
        /// The references of the authorising act (*estremi del provvedimento*).
        authorisation: String,
    },
    /// A payment asked: a pagoPA position opened for the applicant to pay.
    PaymentRequested {
        /// The notice (number, IUV, amount, due date, purpose).
        payment: PaymentNotice,
    },
    /// A requested payment paid: the gateway's position is paid with this receipt, for exactly the
    /// amount asked.
    PositionPaid {
        /// The notice paid.
        notice: NoticeNumber,
        /// Its IUV.
        iuv: String,
        /// The PSP's receipt id (IUR).
        receipt_id: String,
        /// The amount paid.
        amount: Euro,
        /// When the payer paid.
        paid_at: DateTime<Utc>,
    },
    /// A requested payment withdrawn: its position cancelled on the gateway.
    PaymentCancelled {
        /// The notice.
        notice: NoticeNumber,
        /// Why.
        reason: String,
    },
    /// The counter computed a fee and attached the computation.
    FeeComputed {
        /// The computation.
        computation: FeeComputation,
    },
    /// The officer determined the amount a refund or correction decision states.
    AmountDetermined {
        /// The amount, with the kind of request.
        determined: DeterminedAmount,
    },
    /// The reply window of the integration request passed without a reply (recorded by the
    /// counter the day after `reply_by`).
    IntegrationLapsed {
        /// The last day a reply was accepted.
        reply_by: NaiveDate,
    },
    /// A counter-interested party's opposition, received and recorded by an officer
    /// (D.Lgs. 33/2013 art. 5 c.5; DPR 184/2006 art. 3: "motivata opposizione").
    OppositionRecorded {
        /// Who opposed (the sender in the protocol register).
        counterparty: Correspondent,
        /// The reasons given.
        text: String,
        /// The opposition's documents.
        attachments: Vec<Attachment>,
    },
    /// The data or documents of the granted access were released to the applicant.
    Released,
}

impl EventKind {
    /// The action of the transition table this event performs.
    pub fn action(&self) -> Action {
        match self {
            EventKind::Opened { .. } => Action::Open,
            EventKind::Submitted { .. } => Action::Submit,
            EventKind::Registered { .. } => Action::Register,
            EventKind::TakenInCharge { .. } => Action::TakeCharge,
            EventKind::IntegrationRequested { .. } => Action::RequestIntegration,
            EventKind::IntegrationReplied { .. } => Action::ReplyIntegration,
            EventKind::Suspended { .. } => Action::Suspend,
            EventKind::Resumed => Action::Resume,
            EventKind::RefusalNotified { .. } => Action::NotifyRefusal,
            EventKind::ObservationsSubmitted { .. } => Action::SubmitObservations,
            EventKind::Decided { outcome: Outcome::Accepted, .. } => Action::Accept,
            EventKind::Decided { outcome: Outcome::Rejected, .. } => Action::Reject,
            EventKind::SilenceFormed { outcome: Outcome::Accepted, .. } => Action::SilentAssent,
            EventKind::SilenceFormed { outcome: Outcome::Rejected, .. } => Action::SilentReject,
            EventKind::Communicated { .. } => Action::Communicate,
            EventKind::Closed => Action::Close,
            EventKind::Preserved { .. } => Action::Preserve,
            EventKind::Withdrawn => Action::Withdraw,
            EventKind::Reopened => Action::Reopen,
            EventKind::MessagePosted { .. } => Action::PostMessage,
            EventKind::ReceiptRecorded { .. } => Action::RecordReceipt,
            EventKind::PaymentRecorded { .. } => Action::RecordPayment,
            EventKind::Protocolled { .. } => Action::RecordProtocol,
            EventKind::SubstituteActivated => Action::ActivateSubstitute,
            EventKind::ProtocolAnnulled { .. } => Action::AnnulProtocol,
            EventKind::PaymentRequested { .. } => Action::RequestPayment,
            EventKind::PositionPaid { .. } => Action::RecordPayment,
            EventKind::PaymentCancelled { .. } => Action::CancelPayment,
            EventKind::FeeComputed { .. } => Action::ComputeFee,
            EventKind::AmountDetermined { .. } => Action::DetermineAmount,
            EventKind::IntegrationLapsed { .. } => Action::LapseIntegration,
            EventKind::OppositionRecorded { .. } => Action::RecordOpposition,
            EventKind::Released => Action::Release,
        }
    }
}

/// A recorded event: sequence number (the dossier version after it), instant, actor, reason,
/// what happened, and the digest chaining it to the previous event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierEvent {
    /// The dossier.
    pub dossier_id: String,
    /// 1 for the first event, then +1.
    pub seq: u64,
    /// When (from the `Clock` port).
    #[serde(serialize_with = "super::canonical::utc")]
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: ActorRef,
    /// Why, in words (required for some actions).
    pub reason: Option<String>,
    /// What.
    pub kind: EventKind,
    /// Digest of the previous event ([`Digest::ZERO`] for the first).
    pub prev: Digest,
    /// SHA-256 over `prev` and the canonical JSON of the fields above (the canonical form is
    /// documented in `dossier/canonical.rs`).
    pub digest: Digest,
}

impl DossierEvent {
    /// Whose dossier, read from an `Opened` event (see [`ApplicantSnapshot::party`]); `None` for
    /// any other event.
    pub fn party(&self) -> Option<crate::authz::Party> {
        match &self.kind {
            EventKind::Opened { applicant, .. } => applicant.party(),
            _ => None,
        }
    }

    /// Seals a new event after `prev` (the last event's digest, or [`Digest::ZERO`]).
    pub fn seal(
        dossier_id: &str,
        seq: u64,
        at: DateTime<Utc>,
        actor: ActorRef,
        reason: Option<String>,
        kind: EventKind,
        prev: Digest,
    ) -> Self {
        let digest = event_digest(&prev, dossier_id, seq, &at, &actor, &reason, &kind);
        DossierEvent { dossier_id: dossier_id.into(), seq, at, actor, reason, kind, prev, digest }
    }

    /// Whether the digest matches the content.
    pub fn digest_matches(&self) -> bool {
        event_digest(&self.prev, &self.dossier_id, self.seq, &self.at, &self.actor, &self.reason, &self.kind)
            == self.digest
    }
}

/// A break found in a chain of events.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainError {
    /// An event's content does not match its digest (altered).
    #[error("event {seq} of dossier {dossier_id} was altered: its digest does not match its content")]
    Altered {
        /// The dossier.
        dossier_id: String,
        /// The event.
        seq: u64,
    },
    /// An event's sequence number is not the next one (removed or reordered).
    #[error("dossier {dossier_id}: expected event {expected}, found {found} (removed or reordered)")]
    OutOfSequence {
        /// The dossier.
        dossier_id: String,
        /// The sequence number expected.
        expected: u64,
        /// The one found.
        found: u64,
    },
    /// An event does not link to the digest of the one before it (removed or reordered).
    #[error("dossier {dossier_id}: event {seq} does not link to the previous event")]
    BrokenLink {
        /// The dossier.
        dossier_id: String,
        /// The event.
        seq: u64,
    },
    /// An event of another dossier.
    #[error("event {seq} belongs to dossier {found}, not {dossier_id}")]
    WrongDossier {
        /// The dossier verified.
        dossier_id: String,
        /// The event.
        seq: u64,
        /// The dossier it names.
        found: String,
    },
}

/// Checks a dossier's chain: sequence 1..n, each event linked to the previous digest, each digest
/// matching its content. Returns the head digest (anchor it elsewhere, e.g. in the preservation
/// package, to detect a rewritten chain).
pub fn verify_chain(dossier_id: &str, events: &[DossierEvent]) -> Result<Digest, ChainError> {
    let mut prev = Digest::ZERO;
    for (i, e) in events.iter().enumerate() {
        check_link(dossier_id, i, e, &prev)?;
        if !e.digest_matches() {
            return Err(ChainError::Altered { dossier_id: dossier_id.into(), seq: e.seq });
        }
        prev = e.digest;
    }
    Ok(prev)
}

/// The place of the `i`-th event in the chain of `dossier_id` after `prev`: its dossier, its
/// sequence number, its link.
fn check_link(dossier_id: &str, i: usize, e: &DossierEvent, prev: &Digest) -> Result<(), ChainError> {
    let expected = i as u64 + 1;
    if e.dossier_id != dossier_id {
        return Err(ChainError::WrongDossier {
            dossier_id: dossier_id.into(),
            seq: e.seq,
            found: e.dossier_id.clone(),
        });
    }
    if e.seq != expected {
        return Err(ChainError::OutOfSequence { dossier_id: dossier_id.into(), expected, found: e.seq });
    }
    if e.prev != *prev {
        return Err(ChainError::BrokenLink { dossier_id: dossier_id.into(), seq: e.seq });
    }
    Ok(())
}

/// The event log of a dossier as JSON (exactly the bytes `serde_json::to_vec(events)` gives),
/// verified on the way with the same checks as [`verify_chain`]: the canonical body of each event
/// is written once, hashed for the check and kept as the beginning of the event's own JSON, which
/// only adds `prev` and `digest`. Returns the log and the head digest. What preservation packages.
pub(crate) fn verified_log(
    dossier_id: &str,
    events: &[DossierEvent],
) -> Result<(Vec<u8>, Digest), ChainError> {
    let mut out = Vec::with_capacity(events.len() * 640 + 2);
    out.push(b'[');
    let mut prev = Digest::ZERO;
    for (i, e) in events.iter().enumerate() {
        check_link(dossier_id, i, e, &prev)?;
        if i > 0 {
            out.push(b',');
        }
        let start = out.len();
        super::canonical::write_body(&mut out, e);
        if Digest::of_parts(&[prev.as_bytes(), &out[start..]]) != e.digest {
            return Err(ChainError::Altered { dossier_id: dossier_id.into(), seq: e.seq });
        }
        // `{...body}` becomes `{...body,"prev":"<hex>","digest":"<hex>"}`: the event's field order
        out.pop();
        out.extend_from_slice(b",\"prev\":\"");
        out.extend_from_slice(&e.prev.hex_bytes());
        out.extend_from_slice(b"\",\"digest\":\"");
        out.extend_from_slice(&e.digest.hex_bytes());
        out.extend_from_slice(b"\"}");
        prev = e.digest;
    }
    out.push(b']');
    Ok((out, prev))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_bytes_round_trip() {
        for len in 0..10 {
            let v: Vec<u8> = (0..len).map(|i| (i * 37 + 5) as u8).collect();
            let json = serde_json::to_string(&Bytes::from(v.clone())).unwrap();
            assert_eq!(json, format!("\"{}\"", crate::archive::Base64(&v)));
            let back: Bytes = serde_json::from_str(&json).unwrap();
            assert_eq!(*back.0, *v);
        }
        assert!(serde_json::from_str::<Bytes>("\"abc\"").is_err());
    }
}
