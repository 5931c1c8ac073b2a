//! The dossier aggregate: state and views derived from events, and the guards on new events.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::event::{
    ActorRef, ApplicantSnapshot, Attachment, DossierEvent, EventKind, Outcome, SuspensionCause,
};
use super::payment::{DeterminedAmount, FeeComputation, PaymentPurpose, PaymentStatus, RequestedPayment};
use super::requests::{form_amount, RequestEffect};
use super::rules::{Counterparties, IntegrationEffect, ProcedureRules, Silence};
use super::state::{next_state, transition, Action, ActorKind, DossierState};
use super::terms::{
    Suspension, SuspensionKind, TermError, TermFacts, AFTER_OBSERVATIONS_DAYS, OBSERVATIONS_WINDOW_DAYS,
};
use super::DossierError;
use crate::archive::{Digest, PreservationReceipt};
use crate::calendar::italian_date;
use crate::chamber::ChamberCode;
use crate::money::Euro;
use crate::notify::PecReceipt;
use crate::payments::{NoticeNumber, PositionError};
use crate::protocol::Correspondent;
use crate::protocol::ProtocolNumber;

fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_signed(Duration::days(i64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// One line of the history a user or officer sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The event number.
    pub seq: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: ActorRef,
    /// What.
    pub action: Action,
    /// State before.
    pub from: Option<DossierState>,
    /// State after.
    pub to: DossierState,
    /// Why.
    pub reason: Option<String>,
}

/// A message between officer and applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// When.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub from: ActorRef,
    /// The text.
    pub text: String,
}

/// A PEC receipt kept on the dossier, with what the message was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptRecord {
    /// The receipt.
    pub receipt: PecReceipt,
    /// The recipient.
    pub to: String,
    /// What the message was.
    pub purpose: String,
}

/// The certified outcome: the decision and the digest of the outcome document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    /// Accepted or rejected.
    pub outcome: Outcome,
    /// Whether it formed by silence.
    pub by_silence: bool,
    /// The reasons.
    pub reasons: String,
    /// The outcome document, if an express decision.
    pub document: Option<Attachment>,
    /// The date.
    pub on: NaiveDate,
}

/// A protocol number of the dossier that was annulled (DPR 445/2000 art. 54): the number stays
/// listed in [`Dossier::protocol_numbers`], with this mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolAnnulment {
    /// The number.
    pub number: ProtocolNumber,
    /// Why it was annulled.
    pub reason: String,
    /// The references of the authorising act.
    pub authorisation: String,
    /// Who authorised and recorded it (the head of the protocol service).
    pub by: String,
    /// The day (Italian date).
    pub on: NaiveDate,
}

/// An open integration request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationRequest {
    /// What is missing.
    pub request: String,
    /// Asked on.
    pub asked_on: NaiveDate,
    /// The last day to reply: `asked_on + reply_within_days` in calendar days, not moved off
    /// holidays (the counter takes replies online every day; a chamber wanting more gives more
    /// days). The day after, the request lapses ([`crate::sportello::Sportello::run_terms`]) and
    /// a reply is refused ([`TermError::ReplyWindowClosed`]).
    pub reply_by: NaiveDate,
}

/// A counter-interested party's opposition, as recorded on the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opposition {
    /// Who opposed.
    pub counterparty: Correspondent,
    /// The reasons given.
    pub text: String,
    /// The day it was recorded.
    pub received_on: NaiveDate,
    /// Its documents.
    pub attachments: Vec<Attachment>,
}

/// An administrative dossier (*pratica* / *fascicolo*), derived from its events.
///
/// Cloning is cheap: copies share their state until one of them applies an event (copy on
/// write), so the counter can keep the dossiers it touched last and still hand out copies. The
/// JSON shape is that of the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier(Arc<DossierData>);

/// The state of a [`Dossier`] (reached through it; not nameable outside the crate).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierData {
    id: String,
    service_id: String,
    chamber: ChamberCode,
    applicant: ApplicantSnapshot,
    form: BTreeMap<String, String>,
    attachments: Vec<Attachment>,
    state: DossierState,
    version: u64,
    head: Digest,
    opened_at: DateTime<Utc>,
    officer: Option<String>,
    history: Vec<HistoryEntry>,
    protocol_numbers: Vec<ProtocolNumber>,
    #[serde(default)]
    annulled_protocols: Vec<ProtocolAnnulment>,
    messages: Vec<Message>,
    receipts: Vec<ReceiptRecord>,
    payments: Vec<(Euro, String)>,
    integration: Option<IntegrationRequest>,
    outcome: Option<OutcomeRecord>,
    preservation: Option<PreservationReceipt>,
    terms: TermFacts,
    pending_effect: IntegrationEffect,
    #[serde(default)]
    requested_payments: Vec<RequestedPayment>,
    #[serde(default)]
    fee_computations: Vec<FeeComputation>,
    #[serde(default)]
    determined: Option<DeterminedAmount>,
    #[serde(default)]
    lapsed_reply_by: Option<NaiveDate>,
    #[serde(default)]
    oppositions: Vec<Opposition>,
    #[serde(default)]
    released_on: Option<NaiveDate>,
}

impl Deref for Dossier {
    type Target = DossierData;
    fn deref(&self) -> &DossierData {
        &self.0
    }
}

/// Writing to a dossier shared with copies gives it its own state first.
impl DerefMut for Dossier {
    fn deref_mut(&mut self) -> &mut DossierData {
        Arc::make_mut(&mut self.0)
    }
}

impl Serialize for Dossier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Dossier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        DossierData::deserialize(d).map(|data| Dossier(Arc::new(data)))
    }
}

impl Dossier {
    /// Replays `events` (in order) into a dossier. Fails on an event the table forbids in the
    /// state reached, or on a chain that does not start with `Opened`.
    pub fn replay(events: &[DossierEvent]) -> Result<Dossier, DossierError> {
        let (first, rest) =
            events.split_first().ok_or_else(|| DossierError::NotFound { id: String::new() })?;
        let mut d = Dossier::open(first)?;
        for e in rest {
            d.apply(e)?;
        }
        Ok(d)
    }

    fn open(e: &DossierEvent) -> Result<Dossier, DossierError> {
        let EventKind::Opened { service_id, chamber, applicant, form, attachments } = &e.kind else {
            return Err(DossierError::InvalidTransition {
                action: e.kind.action(),
                state: None,
                dossier_id: e.dossier_id.clone(),
            });
        };
        let state = next_state(None, Action::Open).ok_or_else(|| DossierError::InvalidTransition {
            action: Action::Open,
            state: None,
            dossier_id: e.dossier_id.clone(),
        })?;
        Ok(Dossier(Arc::new(DossierData {
            id: e.dossier_id.clone(),
            service_id: service_id.clone(),
            chamber: chamber.clone(),
            applicant: applicant.clone(),
            form: form.clone(),
            attachments: attachments.clone(),
            state,
            version: e.seq,
            head: e.digest,
            opened_at: e.at,
            officer: None,
            history: {
                // room for a whole ordinary procedure without growing
                let mut history = Vec::with_capacity(16);
                history.push(HistoryEntry {
                    seq: e.seq,
                    at: e.at,
                    actor: e.actor.clone(),
                    action: Action::Open,
                    from: None,
                    to: state,
                    reason: e.reason.clone(),
                });
                history
            },
            protocol_numbers: vec![],
            annulled_protocols: vec![],
            messages: vec![],
            receipts: vec![],
            payments: vec![],
            integration: None,
            outcome: None,
            preservation: None,
            terms: TermFacts::default(),
            pending_effect: IntegrationEffect::None,
            requested_payments: vec![],
            fee_computations: vec![],
            determined: None,
            lapsed_reply_by: None,
            oppositions: vec![],
            released_on: None,
        })))
    }

    /// Applies one recorded event.
    pub fn apply(&mut self, e: &DossierEvent) -> Result<(), DossierError> {
        let action = e.kind.action();
        let to = next_state(Some(self.state), action).ok_or_else(|| DossierError::InvalidTransition {
            action,
            state: Some(self.state),
            dossier_id: self.id.clone(),
        })?;
        let on = italian_date(e.at);
        match &e.kind {
            EventKind::Opened { .. } => {}
            EventKind::Submitted { received_on } => self.terms.received_on = Some(*received_on),
            EventKind::Registered { protocol } | EventKind::Protocolled { protocol, .. } => {
                self.protocol_numbers.push(*protocol)
            }
            EventKind::TakenInCharge { officer } => self.officer = Some(officer.clone()),
            EventKind::IntegrationRequested { request, reply_within_days, term_effect } => {
                self.integration = Some(IntegrationRequest {
                    request: request.clone(),
                    asked_on: on,
                    reply_by: add_days(on, *reply_within_days),
                });
                self.pending_effect = *term_effect;
                self.lapsed_reply_by = None;
                match term_effect {
                    IntegrationEffect::Suspend => self.terms.suspensions.push(Suspension {
                        kind: SuspensionKind::Information,
                        from: on,
                        until: None,
                        max_days: 30,
                    }),
                    // DPR 184/2006 art. 6 c.5: the term does not run while the corrected request is
                    // awaited; at most until the reply window ends
                    IntegrationEffect::Restart => self.terms.suspensions.push(Suspension {
                        kind: SuspensionKind::AwaitingCorrection,
                        from: on,
                        until: None,
                        max_days: *reply_within_days,
                    }),
                    IntegrationEffect::None => {}
                }
            }
            EventKind::IntegrationReplied { attachments, .. } => {
                self.attachments.extend(attachments.iter().cloned());
                self.integration = None;
                match self.pending_effect {
                    IntegrationEffect::Suspend => {
                        if let Some(s) = self.terms.open_suspension_mut() {
                            s.until = Some(on);
                        }
                    }
                    // DPR 184/2006 art. 6 c.5: the term restarts from the corrected request
                    IntegrationEffect::Restart => {
                        if let Some(s) = self.terms.open_suspension_mut() {
                            s.until = Some(on);
                        }
                        self.terms.restarted_on = Some(on);
                    }
                    IntegrationEffect::None => {}
                }
                self.pending_effect = IntegrationEffect::None;
            }
            EventKind::Suspended { cause, days } => {
                let kind = match cause {
                    SuspensionCause::Information => SuspensionKind::Information,
                    SuspensionCause::Counterparties => SuspensionKind::Counterparties,
                };
                self.terms.suspensions.push(Suspension { kind, from: on, until: None, max_days: *days });
            }
            EventKind::Resumed => {
                if let Some(s) = self.terms.open_suspension_mut() {
                    s.until = Some(on);
                }
            }
            // L. 241/1990 art. 10-bis: without observations the term runs again when the window ends
            EventKind::RefusalNotified { .. } => self.terms.suspensions.push(Suspension {
                kind: SuspensionKind::RefusalNotice,
                from: on,
                until: Some(add_days(on, OBSERVATIONS_WINDOW_DAYS)),
                // observations come within the 10-day window, the term restarts 10 days later
                max_days: OBSERVATIONS_WINDOW_DAYS + AFTER_OBSERVATIONS_DAYS,
            }),
            EventKind::ObservationsSubmitted { .. } => {
                // L. 241/1990 art. 10-bis: the term runs again ten days after the observations
                if let Some(s) =
                    self.terms.suspensions.iter_mut().rev().find(|s| s.kind == SuspensionKind::RefusalNotice)
                {
                    s.until = Some(add_days(on, AFTER_OBSERVATIONS_DAYS));
                }
            }
            EventKind::Decided { outcome, reasons, document } => {
                self.terms.concluded_on = Some(on);
                self.outcome = Some(OutcomeRecord {
                    outcome: *outcome,
                    by_silence: false,
                    reasons: reasons.clone(),
                    document: Some(document.clone()),
                    on,
                });
            }
            EventKind::SilenceFormed { outcome, due_date } => {
                self.terms.concluded_on = Some(*due_date);
                self.outcome = Some(OutcomeRecord {
                    outcome: *outcome,
                    by_silence: true,
                    reasons: String::new(),
                    document: None,
                    on: *due_date,
                });
            }
            EventKind::Reopened => {
                self.terms.concluded_on = None;
                self.outcome = None;
            }
            EventKind::Preserved { receipt } => self.preservation = Some(receipt.clone()),
            EventKind::MessagePosted { text } => {
                self.messages.push(Message { at: e.at, from: e.actor.clone(), text: text.clone() })
            }
            EventKind::ReceiptRecorded { receipt, to, purpose } => self.receipts.push(ReceiptRecord {
                receipt: receipt.clone(),
                to: to.to_string(),
                purpose: purpose.clone(),
            }),
            EventKind::PaymentRecorded { amount, reference } => {
                self.payments.push((*amount, reference.clone()))
            }
            EventKind::SubstituteActivated => self.terms.substitute_on = Some(on),
            EventKind::ProtocolAnnulled { protocol, reason, authorisation } => {
                self.annulled_protocols.push(ProtocolAnnulment {
                    number: *protocol,
                    reason: reason.clone(),
                    authorisation: authorisation.clone(),
                    by: e.actor.id.clone(),
                    on,
                })
            }
            EventKind::PaymentRequested { payment } => self.requested_payments.push(RequestedPayment {
                notice: payment.clone(),
                requested_at: e.at,
                status: PaymentStatus::Pending,
            }),
            EventKind::PositionPaid { notice, iuv, receipt_id, amount, paid_at } => {
                if let Some(p) = self.requested_payments.iter_mut().find(|p| p.notice.notice == *notice) {
                    p.status = PaymentStatus::Paid { receipt_id: receipt_id.clone(), paid_at: *paid_at };
                }
                self.payments.push((*amount, iuv.clone()))
            }
            EventKind::PaymentCancelled { notice, reason } => {
                if let Some(p) = self.requested_payments.iter_mut().find(|p| p.notice.notice == *notice) {
                    p.status = PaymentStatus::Cancelled { reason: reason.clone() };
                }
            }
            EventKind::FeeComputed { computation } => self.fee_computations.push(computation.clone()),
            EventKind::AmountDetermined { determined } => self.determined = Some(*determined),
            EventKind::IntegrationLapsed { reply_by } => {
                self.integration = None;
                self.lapsed_reply_by = Some(*reply_by);
                // c.7: the term runs again at the earlier of the window's end and the 30-day cap
                // (the cap is the suspension's own); access: the wait counts up to the window's end
                if self.pending_effect != IntegrationEffect::None {
                    if let Some(s) = self.terms.open_suspension_mut() {
                        s.until = Some(*reply_by);
                    }
                }
                self.pending_effect = IntegrationEffect::None;
            }
            EventKind::OppositionRecorded { counterparty, text, attachments } => {
                // D.Lgs. 33/2013 art. 5 c.5: "sospeso fino all'eventuale opposizione"
                if let Some(s) = self.terms.open_suspension_mut() {
                    if s.kind == SuspensionKind::Counterparties {
                        s.until = Some(on);
                    }
                }
                self.oppositions.push(Opposition {
                    counterparty: counterparty.clone(),
                    text: text.clone(),
                    received_on: on,
                    attachments: attachments.clone(),
                });
            }
            EventKind::Released => self.released_on = Some(on),
            EventKind::Communicated { .. } | EventKind::Closed | EventKind::Withdrawn => {}
        }
        let from = Some(self.state);
        self.history.push(HistoryEntry {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone(),
            action,
            from,
            to,
            reason: e.reason.clone(),
        });
        self.state = to;
        self.version = e.seq;
        self.head = e.digest;
        Ok(())
    }

    /// Checks that `actor_kind` may perform `kind` now under `rules`: the table, then the rules'
    /// guards (withdrawal after payment, the single c.7 suspension, notice of refusal before a
    /// rejection, categories). Returns the state the event leads to.
    pub fn check(
        &self,
        kind: &EventKind,
        actor_kind: ActorKind,
        rules: &ProcedureRules,
    ) -> Result<DossierState, DossierError> {
        let to = self.may(kind.action(), actor_kind)?;
        let guard = |rule: &str, article: &str| DossierError::GuardFailed {
            rule: rule.into(),
            article: article.into(),
        };
        match kind {
            EventKind::Withdrawn => {
                if !rules.allow_withdrawal {
                    return Err(guard("withdrawal_not_allowed", "service rules"));
                }
                if !self.payments.is_empty() {
                    return Err(guard("no_withdrawal_after_payment", "service rules (OpenCity practice)"));
                }
            }
            EventKind::Reopened if !rules.allow_reopening => {
                return Err(guard("reopening_not_allowed", "service rules"));
            }
            EventKind::Reopened if self.preservation.is_some() => {
                return Err(guard("preserved_dossier_is_final", "LG §4.7"));
            }
            EventKind::Suspended { cause: SuspensionCause::Information, days } => {
                if self.terms.information_suspension_used() {
                    return Err(TermError::SuspensionAlreadyUsed.into());
                }
                if *days == 0 || *days > 30 {
                    return Err(TermError::SuspensionTooLong {
                        days: *days,
                        max: 30,
                        article: "L. 241/1990 art. 2 c.7".into(),
                    }
                    .into());
                }
            }
            EventKind::Suspended { cause: SuspensionCause::Counterparties, days } => match rules
                .counterparties
            {
                Counterparties::NotApplicable => {
                    return Err(TermError::NoCounterparties { service_id: rules.service_id.clone() }.into())
                }
                Counterparties::Suspend { window_days } if *days > window_days => {
                    return Err(TermError::SuspensionTooLong {
                        days: *days,
                        max: window_days,
                        article: "DPR 184/2006 art. 3; D.Lgs. 33/2013 art. 5 c.5".into(),
                    }
                    .into())
                }
                Counterparties::NoticeOnly => {
                    return Err(guard("counterparties_do_not_suspend", "service rules"))
                }
                Counterparties::Suspend { .. } => {}
            },
            EventKind::RefusalNotified { reasons } => {
                if !rules.refusal_notice {
                    return Err(guard("refusal_notice_not_applicable", "L. 241/1990 art. 10-bis"));
                }
                if reasons.trim().is_empty() {
                    return Err(DossierError::MissingField { field: "reasons".into() });
                }
            }
            EventKind::Decided { outcome: Outcome::Accepted, .. }
                if rules.request_effect(&self.form).needs_amount() && self.determined.is_none() =>
            {
                return Err(guard("amount_determined_first", "service rules (refund or correction request)"));
            }
            EventKind::PaymentRequested { payment } => {
                self.check_payment_request(&payment.purpose, payment.amount)?
            }
            EventKind::PositionPaid { notice, receipt_id, amount, .. } => {
                self.check_position_paid(notice, receipt_id, *amount)?
            }
            EventKind::PaymentCancelled { notice, .. } => match self.requested_payment(notice) {
                Some(p) if p.is_pending() => {}
                Some(_) => {
                    return Err(guard("payment_not_pending", "pagoPA: only an unpaid position is cancelled"))
                }
                None => return Err(Self::unknown_notice(notice)),
            },
            EventKind::FeeComputed { .. }
                if rules.request_effect(&self.form) != RequestEffect::ComputeAnnualFee =>
            {
                return Err(guard("no_fee_computation", "service rules (request kind)"));
            }
            EventKind::AmountDetermined { determined } => {
                let effect = rules.request_effect(&self.form);
                if !effect.needs_amount() || determined.effect != effect {
                    return Err(guard("no_amount_to_determine", "service rules (request kind)"));
                }
                if determined.amount.is_negative() || determined.amount.to_cents().is_none() {
                    return Err(DossierError::InvalidField { field: "amount".into(), rule: "amount".into() });
                }
                let paid = form_amount(&self.form, "amount_paid")?;
                if effect == RequestEffect::Refund {
                    if determined.amount.is_zero() {
                        return Err(DossierError::InvalidField {
                            field: "amount".into(),
                            rule: "positive".into(),
                        });
                    }
                    if paid.is_some_and(|p| determined.amount > p) {
                        return Err(DossierError::InvalidField {
                            field: "amount".into(),
                            rule: "at_most_amount_paid".into(),
                        });
                    }
                }
            }
            EventKind::Decided { outcome: Outcome::Rejected, reasons, .. } => {
                if rules.refusal_notice && self.state != DossierState::RefusalNoticed {
                    return Err(guard("refusal_notice_first", "L. 241/1990 art. 10-bis"));
                }
                if reasons.trim().is_empty() {
                    return Err(DossierError::MissingField { field: "reasons".into() });
                }
            }
            EventKind::OppositionRecorded { counterparty, text, .. } => {
                if text.trim().is_empty() {
                    return Err(DossierError::MissingField { field: "text".into() });
                }
                counterparty.check()?;
            }
            EventKind::Released => {
                if rules.counterparties == Counterparties::NotApplicable {
                    return Err(guard(
                        "release_not_applicable",
                        "D.Lgs. 33/2013 art. 5; DPR 184/2006 art. 7",
                    ));
                }
                if self.released_on.is_some() {
                    return Err(guard("already_released", "D.Lgs. 33/2013 art. 5 c.6"));
                }
            }
            EventKind::SilenceFormed { outcome, .. } => {
                let expected = match rules.silence {
                    Silence::Rejection => Outcome::Rejected,
                    Silence::Assent => Outcome::Accepted,
                    Silence::None => {
                        return Err(TermError::SilenceNotFormed {
                            rule: "no_silence_rule".into(),
                            due_date: None,
                        }
                        .into())
                    }
                };
                if *outcome != expected {
                    return Err(TermError::SilenceNotFormed {
                        rule: "silence_meaning".into(),
                        due_date: None,
                    }
                    .into());
                }
            }
            _ => {}
        }
        Ok(to)
    }

    /// The dossier id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The service.
    pub fn service_id(&self) -> &str {
        &self.service_id
    }
    /// The competent chamber.
    pub fn chamber(&self) -> &ChamberCode {
        &self.chamber
    }
    /// The applicant, frozen at submission.
    pub fn applicant(&self) -> &ApplicantSnapshot {
        &self.applicant
    }
    /// The form.
    pub fn form(&self) -> &BTreeMap<String, String> {
        &self.form
    }
    /// The documents supplied by the applicant.
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }
    /// The current state.
    pub fn state(&self) -> DossierState {
        self.state
    }
    /// The version: the number of events.
    pub fn version(&self) -> u64 {
        self.version
    }
    /// The digest of the last event.
    pub fn head(&self) -> Digest {
        self.head
    }
    /// When the dossier was opened.
    pub fn opened_at(&self) -> DateTime<Utc> {
        self.opened_at
    }
    /// The officer in charge.
    pub fn officer(&self) -> Option<&str> {
        self.officer.as_deref()
    }
    /// The history.
    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }
    /// Every protocol number of the dossier, in order.
    pub fn protocol_numbers(&self) -> &[ProtocolNumber] {
        &self.protocol_numbers
    }
    /// The protocol numbers of the dossier that were annulled, with reason and authorising act.
    pub fn annulled_protocols(&self) -> &[ProtocolAnnulment] {
        &self.annulled_protocols
    }
    /// The annulment of protocol number `number`, if it was annulled.
    pub fn protocol_annulment(&self, number: ProtocolNumber) -> Option<&ProtocolAnnulment> {
        self.annulled_protocols.iter().find(|a| a.number == number)
    }
    /// Messages.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
    /// PEC receipts.
    pub fn receipts(&self) -> &[ReceiptRecord] {
        &self.receipts
    }
    /// Payments (amount, reference).
    pub fn payments(&self) -> &[(Euro, String)] {
        &self.payments
    }
    /// The open integration request.
    pub fn integration(&self) -> Option<&IntegrationRequest> {
        self.integration.as_ref()
    }
    /// The outcome.
    pub fn outcome(&self) -> Option<&OutcomeRecord> {
        self.outcome.as_ref()
    }
    /// The preservation receipt.
    pub fn preservation(&self) -> Option<&PreservationReceipt> {
        self.preservation.as_ref()
    }
    /// The facts terms depend on.
    pub fn term_facts(&self) -> &TermFacts {
        &self.terms
    }
    /// The last day of the integration request that lapsed without a reply, if the latest one did.
    pub fn lapsed_reply_by(&self) -> Option<NaiveDate> {
        self.lapsed_reply_by
    }
    /// Counter-interested parties' oppositions, in order.
    pub fn oppositions(&self) -> &[Opposition] {
        &self.oppositions
    }
    /// The day the data or documents were released, if they were.
    pub fn released_on(&self) -> Option<NaiveDate> {
        self.released_on
    }

    /// The first day the data or documents of an access granted despite an opposition may be
    /// released: D.Lgs. 33/2013 art. 5 c.6, "non prima di quindici giorni dalla ricezione" of the
    /// notice of acceptance by the counter-interested party, which goes with the decision (see
    /// [`ProcedureRules::release_after_opposition_days`]). `None` when no wait applies: no
    /// opposition, no express acceptance, or a service without the rule.
    ///
    /// ```
    /// use sportello::dossier::ProcedureRules;
    /// assert_eq!(ProcedureRules::civic_access().release_after_opposition_days, Some(15));
    /// assert_eq!(ProcedureRules::access_to_records().release_after_opposition_days, None);
    /// ```
    pub fn release_not_before(&self, rules: &ProcedureRules) -> Option<NaiveDate> {
        let days = rules.release_after_opposition_days?;
        let outcome = self.outcome.as_ref()?;
        if outcome.outcome != Outcome::Accepted || outcome.by_silence || self.oppositions.is_empty() {
            return None;
        }
        Some(add_days(outcome.on, days))
    }

    /// The payments asked on the dossier (pagoPA notices), in order, with where each stands.
    pub fn requested_payments(&self) -> &[RequestedPayment] {
        &self.requested_payments
    }
    /// The payments asked and not paid yet: what the applicant has to pay.
    pub fn pending_payments(&self) -> impl Iterator<Item = &RequestedPayment> {
        self.requested_payments.iter().filter(|p| p.is_pending())
    }
    /// The requested payment with notice number `notice`.
    pub fn requested_payment(&self, notice: &NoticeNumber) -> Option<&RequestedPayment> {
        self.requested_payments.iter().find(|p| p.notice.notice == *notice)
    }
    /// The fees the counter computed on the dossier, in order (the last one counts).
    pub fn fee_computations(&self) -> &[FeeComputation] {
        &self.fee_computations
    }
    /// The amount a refund or correction decision states, once determined.
    pub fn determined_amount(&self) -> Option<&DeterminedAmount> {
        self.determined.as_ref()
    }

    /// The refusal of a notice number this dossier did not ask.
    pub(crate) fn unknown_notice(notice: &NoticeNumber) -> DossierError {
        DossierError::InvalidField {
            field: "notice".into(),
            rule: format!("asked on this dossier ({notice})"),
        }
    }

    /// Whether the table lets `actor_kind` perform `action` in the current state (the first
    /// checks of [`Dossier::check`], for a use case that must know before it acts elsewhere).
    pub(crate) fn may(&self, action: Action, actor_kind: ActorKind) -> Result<DossierState, DossierError> {
        let row = transition(action).ok_or_else(|| DossierError::InvalidTransition {
            action,
            state: Some(self.state),
            dossier_id: self.id.clone(),
        })?;
        if !row.by.contains(&actor_kind) {
            return Err(DossierError::NotAllowedFor { action, actor_kind });
        }
        next_state(Some(self.state), action).ok_or_else(|| DossierError::InvalidTransition {
            action,
            state: Some(self.state),
            dossier_id: self.id.clone(),
        })
    }

    /// A new payment: payable through pagoPA, and not the same charge as one still pending (one
    /// position per copy request at a time) nor the annual fee of a year already asked.
    pub(crate) fn check_payment_request(
        &self,
        purpose: &PaymentPurpose,
        amount: Euro,
    ) -> Result<(), DossierError> {
        crate::payments::payable_cents(amount).map_err(PositionError::from)?;
        let same_kind = |p: &&RequestedPayment| match (&p.notice.purpose, purpose) {
            (PaymentPurpose::Copies { .. }, PaymentPurpose::Copies { .. }) => p.is_pending(),
            (PaymentPurpose::AnnualFee { year: a, .. }, PaymentPurpose::AnnualFee { year: b, .. }) => {
                a == b && !matches!(p.status, PaymentStatus::Cancelled { .. })
            }
            _ => false,
        };
        if self.requested_payments.iter().any(|p| same_kind(&p)) {
            return Err(DossierError::GuardFailed {
                rule: "payment_already_requested".into(),
                article: "one pagoPA position per charge (cancel the pending one first)".into(),
            });
        }
        Ok(())
    }

    /// A payment recorded from the gateway: for a notice asked here, still pending, for exactly
    /// the amount asked.
    fn check_position_paid(
        &self,
        notice: &NoticeNumber,
        receipt_id: &str,
        amount: Euro,
    ) -> Result<(), DossierError> {
        let p = self.requested_payment(notice).ok_or_else(|| Self::unknown_notice(notice))?;
        match &p.status {
            PaymentStatus::Pending => {}
            PaymentStatus::Paid { receipt_id: recorded, .. } => {
                return Err(PositionError::ConflictingReceipt {
                    recorded: recorded.clone(),
                    offered: receipt_id.into(),
                }
                .into())
            }
            PaymentStatus::Cancelled { .. } => {
                return Err(DossierError::GuardFailed {
                    rule: "payment_cancelled".into(),
                    article: "pagoPA: a cancelled position is not payable".into(),
                })
            }
        }
        if receipt_id.trim().is_empty() {
            return Err(PositionError::EmptyReceiptId.into());
        }
        if amount != p.notice.amount {
            return Err(PositionError::AmountMismatch { expected: p.notice.amount, found: amount }.into());
        }
        Ok(())
    }
}

/// The effect an integration request made on `on` would have on the term of `dossier` under
/// `rules`: the c.7 suspension is used at most once (L. 241/1990 art. 2 c.7), so a later request
/// under [`IntegrationEffect::Suspend`] leaves the term running; under
/// [`IntegrationEffect::Restart`] the term restarts only if the office asks within
/// [`ProcedureRules::incomplete_request_within_days`] of receipt (or of the last restart), DPR
/// 184/2006 art. 6 c.5 "entro dieci giorni": a later request leaves the term running too.
pub fn integration_effect(dossier: &Dossier, rules: &ProcedureRules, on: NaiveDate) -> IntegrationEffect {
    match rules.integration {
        IntegrationEffect::Suspend if dossier.terms.information_suspension_used() => IntegrationEffect::None,
        IntegrationEffect::Restart => {
            let start = dossier.terms.restarted_on.or(dossier.terms.received_on);
            match start {
                Some(s) if (on - s).num_days() <= i64::from(rules.incomplete_request_within_days) => {
                    IntegrationEffect::Restart
                }
                _ => IntegrationEffect::None,
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifecycle_events() -> Vec<DossierEvent> {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../../testdata/dossier/chain_vectors.json")).unwrap();
        serde_json::from_value(doc["chains"][0]["events"].clone()).unwrap()
    }

    /// Copies share their state until one applies an event: the other keeps what it had, and
    /// each is what replaying its own events gives.
    #[test]
    fn a_copy_keeps_its_state_when_the_other_applies_events() {
        let events = lifecycle_events();
        let (first, rest) = events.split_at(6);
        let mut a = Dossier::replay(first).unwrap();
        let b = a.clone();
        for e in rest {
            a.apply(e).unwrap();
        }
        assert_eq!(b, Dossier::replay(first).unwrap());
        assert_eq!(b.version(), 6);
        assert_eq!(a, Dossier::replay(&events).unwrap());
        assert_eq!(a.state(), DossierState::Preserved);
        assert_eq!(a.history().len(), events.len());
        // the JSON shape is the state's, and reads back
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["version"], 13);
        assert_eq!(serde_json::from_value::<Dossier>(json).unwrap(), a);
    }
}
