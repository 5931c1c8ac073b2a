//! Kotlin surface of the counter's dossiers (`sportello::sportello`, `sportello::dossier`): the
//! `Sportello` object, a settable clock, actors, dossier views and a host-implemented store
//! (`HostDossierStore`, a foreign trait). Converts types and errors; decides nothing.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use sportello::chamber::ChamberCode;
use sportello::dossier::{
    Attachment, Dossier, DossierError, DossierEvent, Outcome, PaymentPurpose, PaymentStatus, ProcedureRules,
    RequestedPayment, StoreError, SuspensionCause, TermStatus,
};
use sportello::memory::ManualClock as CoreClock;
use sportello::payments::{NoticeNumber, PositionError};
use sportello::ports::{DossierStore, PortError};
use sportello::protocol::{Correspondent, ProtocolEntry, ProtocolNumber, RegisterPreservation};
use sportello::sportello::{Charge, Command, Sportello as Core};
use sportello::sportello::{DueEntry, TermRun};

use crate::calendar::Calendar;
use crate::fees::{CopyQuote, FeeConfig};
use crate::payments::{PaymentPosition, Receipt};
use crate::profile::Actor;
use crate::registry::{HostPecDirectory, PecDirectoryHost};
use crate::SportelloError;

fn snake(debug: impl std::fmt::Debug) -> String {
    let s = format!("{debug:?}");
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl From<DossierError> for SportelloError {
    fn from(e: DossierError) -> Self {
        let reason = e.to_string();
        match e {
            DossierError::Conflict { dossier_id, expected, actual } => {
                SportelloError::DossierConflict { dossier_id, expected, actual, reason }
            }
            DossierError::NotAuthorized(n) => n.into(),
            DossierError::NotAllowedFor { action, actor_kind } => SportelloError::NotAuthorized {
                action: snake(action),
                rule: format!("{}_not_by_{}", snake(action), snake(actor_kind)),
                reason,
            },
            DossierError::InvalidTransition { action, state, .. } => SportelloError::InvalidTransition {
                action: snake(action),
                state: state.map(|s| s.as_str().to_string()),
                reason,
            },
            DossierError::Term(t) => SportelloError::TermError {
                rule: t.rule().into(),
                date: t.date(),
                article: t.article().into(),
                reason,
            },
            DossierError::Chain(c) => {
                let rule = serde_json::to_value(&c)
                    .ok()
                    .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_string)))
                    .unwrap_or_default();
                SportelloError::ChainBroken { rule, reason }
            }
            DossierError::GuardFailed { rule, .. } => {
                SportelloError::DossierRefused { rule, field: "rules".into(), reason }
            }
            DossierError::MissingField { field } => {
                SportelloError::DossierRefused { rule: "required".into(), field, reason }
            }
            DossierError::InvalidField { field, rule } => {
                SportelloError::DossierRefused { rule, field, reason }
            }
            DossierError::UnknownService { .. } => SportelloError::DossierRefused {
                rule: "unknown_service".into(),
                field: "service_id".into(),
                reason,
            },
            DossierError::NotFound { .. } => {
                SportelloError::DossierRefused { rule: "not_found".into(), field: "id".into(), reason }
            }
            DossierError::Protocol(p) => {
                SportelloError::ProtocolRefused { rule: p.rule().into(), field: p.field().into(), reason }
            }
            DossierError::Archive(_) => {
                SportelloError::DossierRefused { rule: "archive".into(), field: "archive".into(), reason }
            }
            DossierError::Port(_) => {
                SportelloError::DossierRefused { rule: "port".into(), field: "port".into(), reason }
            }
            DossierError::Position(p) => {
                let (expected, found) = match &p {
                    PositionError::AmountMismatch { expected, found } => {
                        (Some(expected.amount()), Some(found.amount()))
                    }
                    _ => (None, None),
                };
                SportelloError::PaymentRefused {
                    rule: p.rule().into(),
                    field: p.field().into(),
                    expected,
                    found,
                    reason,
                }
            }
            DossierError::Fee(f) => f.into(),
        }
    }
}

fn to_utc(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(t)
}

/// A settable clock: the counter reads time only from it.
#[derive(uniffi::Object)]
pub struct ManualClock {
    inner: CoreClock,
}

#[uniffi::export]
impl ManualClock {
    /// A clock showing `now`.
    #[uniffi::constructor]
    pub fn new(now: SystemTime) -> Arc<Self> {
        Arc::new(ManualClock { inner: CoreClock::new(to_utc(now)) })
    }
    /// The instant shown.
    pub fn now(&self) -> SystemTime {
        sportello::ports::Clock::now(&self.inner).into()
    }
    /// Shows `now` from here on.
    pub fn set(&self, now: SystemTime) {
        self.inner.set(to_utc(now));
    }
    /// Moves forward by `days`.
    pub fn advance_days(&self, days: i64) {
        self.inner.advance(Duration::days(days));
    }
}

/// A document given to the counter.
#[derive(uniffi::Record)]
pub struct AttachmentInput {
    pub name: String,
    pub mime_type: String,
    pub content: Vec<u8>,
}

/// The legal term of a dossier.
#[derive(uniffi::Record)]
pub struct TermView {
    pub start: NaiveDate,
    pub due_date: NaiveDate,
    pub days_left: i64,
    pub overdue: bool,
    pub suspended: bool,
    /// The suspension in progress: `information`, `counterparties`, `refusal_notice`,
    /// `awaiting_correction`.
    pub suspended_for: Option<String>,
    pub suspended_days: i64,
    pub substitute_due: Option<NaiveDate>,
}

impl From<TermStatus> for TermView {
    fn from(t: TermStatus) -> Self {
        TermView {
            start: t.start,
            due_date: t.due_date,
            days_left: t.days_left,
            overdue: t.overdue,
            suspended: t.suspended,
            suspended_for: t.suspended_for.map(snake),
            suspended_days: t.suspended_days,
            substitute_due: t.substitute_due,
        }
    }
}

/// One step of the history.
#[derive(uniffi::Record)]
pub struct HistoryItem {
    pub seq: u64,
    pub at: SystemTime,
    pub actor_id: String,
    pub action: String,
    pub to_state: String,
    pub reason: Option<String>,
}

/// A protocol number of a dossier that was annulled (DPR 445/2000 art. 54).
#[derive(uniffi::Record)]
pub struct AnnulledProtocolView {
    pub number: String,
    pub reason: String,
    /// The references of the authorising act.
    pub authorisation: String,
    /// The head of the protocol service who authorised it.
    pub by: String,
    pub on: NaiveDate,
}

/// The annulment of a registration: date, operator, authorising officer and act, reason.
#[derive(uniffi::Record)]
pub struct AnnulmentView {
    pub at: SystemTime,
    pub on: NaiveDate,
    pub operator: String,
    pub authorised_by: String,
    pub authorisation: String,
    pub reason: String,
}

/// A protocol registration, annulled or not: its original data stay readable.
#[derive(uniffi::Record)]
pub struct ProtocolEntryView {
    /// `2026/0000001`.
    pub number: String,
    pub register: String,
    pub date: NaiveDate,
    pub registered_at: SystemTime,
    /// `incoming`, `outgoing` or `internal`.
    pub direction: String,
    pub sender: String,
    pub recipients: Vec<String>,
    pub subject: String,
    pub classification: String,
    /// The dossier the registration belongs to.
    pub folder: Option<String>,
    pub file_name: String,
    /// SHA-256 of the primary document, hex.
    pub digest: String,
    pub attachments_count: u64,
    pub annulled: bool,
    pub annulment: Option<AnnulmentView>,
}

fn entry_view(e: &ProtocolEntry) -> ProtocolEntryView {
    ProtocolEntryView {
        number: e.number().to_string(),
        register: e.register().register.clone(),
        date: e.date(),
        registered_at: e.registered_at().into(),
        direction: snake(e.direction()),
        sender: e.sender().display_name(),
        recipients: e.recipients().iter().map(|c| c.display_name()).collect(),
        subject: e.subject().into(),
        classification: e.classification().code.clone(),
        folder: e.folder().map(|f| f.code.clone()),
        file_name: e.primary().file_name.clone(),
        digest: e.primary().digest.to_hex(),
        attachments_count: e.attachments_count() as u64,
        annulled: e.is_annulled(),
        annulment: e.annulment().map(|a| AnnulmentView {
            at: a.at.into(),
            on: sportello::calendar::italian_date(a.at),
            operator: a.operator.clone(),
            authorised_by: a.authorised_by.clone(),
            authorisation: a.authorisation.clone(),
            reason: a.reason.clone(),
        }),
    }
}

/// The daily protocol register of one day, as the day saw it, with its digest.
#[derive(uniffi::Record)]
pub struct DailyRegisterView {
    pub date: NaiveDate,
    /// `cciaa_mi-AOO_MI-PG-20260302`.
    pub identifier: String,
    /// SHA-256 of `content`, hex.
    pub digest: String,
    /// The registrations of the day (annulment marks recorded that day).
    pub entries: Vec<ProtocolEntryView>,
    /// Registrations of earlier days annulled on this day.
    pub annulments: Vec<ProtocolEntryView>,
    pub first_number: Option<String>,
    pub last_number: Option<String>,
    /// The document sent to preservation (canonical JSON, UTF-8).
    pub content: Vec<u8>,
}

/// A day whose daily register is still to be sent to preservation.
#[derive(uniffi::Record)]
pub struct PendingRegisterView {
    pub date: NaiveDate,
    /// The next working day of the office after `date`.
    pub due_date: NaiveDate,
    pub overdue: bool,
    pub registrations: u64,
    pub annulments: u64,
}

/// A daily register sent to preservation, with the receipt (*rapporto di versamento*).
#[derive(uniffi::Record)]
pub struct RegisterPreservationView {
    pub date: NaiveDate,
    pub register_digest: String,
    pub registrations: u64,
    pub annulments: u64,
    pub sent_at: SystemTime,
    /// An officer's codice fiscale, or `system` for the daily job.
    pub sent_by: String,
    pub due_date: NaiveDate,
    pub late: bool,
    pub receipt_id: String,
    pub receipt_at: SystemTime,
    pub package_id: String,
    pub package_digest: String,
}

impl From<RegisterPreservation> for RegisterPreservationView {
    fn from(p: RegisterPreservation) -> Self {
        RegisterPreservationView {
            late: p.late(),
            date: p.date,
            register_digest: p.register_digest.to_hex(),
            registrations: p.registrations as u64,
            annulments: p.annulments as u64,
            sent_at: p.sent_at.into(),
            sent_by: p.sent_by,
            due_date: p.due_date,
            receipt_id: p.receipt.id,
            receipt_at: p.receipt.at.into(),
            package_id: p.receipt.package_id,
            package_digest: p.receipt.package_digest.to_hex(),
        }
    }
}

/// A payment asked on a dossier: its pagoPA notice and where it stands (`pending`, `paid`,
/// `cancelled`).
#[derive(uniffi::Record)]
pub struct PaymentRequestView {
    /// `copies` or `annual_fee`.
    pub purpose: String,
    /// The 18-digit notice number.
    pub notice: String,
    pub iuv: String,
    pub creditor_cf: String,
    pub amount: Decimal,
    pub due_date: NaiveDate,
    pub description: String,
    /// `PAGOPA|002|notice|creditor|cents`.
    pub qr_payload: String,
    pub requested_at: SystemTime,
    pub status: String,
    pub receipt_id: Option<String>,
    pub paid_at: Option<SystemTime>,
    pub cancel_reason: Option<String>,
    /// For copies: pages, stamps and amounts.
    pub copy_quote: Option<CopyQuote>,
    /// For the annual fee: its year.
    pub year: Option<i32>,
}

fn copy_quote_view(q: &sportello::fees::CopyQuote) -> CopyQuote {
    CopyQuote {
        secretarial: q.secretarial.amount(),
        stamps: q.stamps,
        stamp_duty: q.stamp_duty.amount(),
        total: q.total.amount(),
    }
}

impl TryFrom<&RequestedPayment> for PaymentRequestView {
    type Error = SportelloError;
    fn try_from(p: &RequestedPayment) -> Result<Self, SportelloError> {
        let n = &p.notice;
        let (receipt_id, paid_at, cancel_reason) = match &p.status {
            PaymentStatus::Paid { receipt_id, paid_at } => {
                (Some(receipt_id.clone()), Some((*paid_at).into()), None)
            }
            PaymentStatus::Cancelled { reason } => (None, None, Some(reason.clone())),
            PaymentStatus::Pending => (None, None, None),
        };
        let (copy_quote, year) = match &n.purpose {
            PaymentPurpose::Copies { quote } => (Some(copy_quote_view(quote)), None),
            PaymentPurpose::AnnualFee { year, .. } => (None, Some(*year)),
        };
        Ok(PaymentRequestView {
            purpose: n.purpose.as_str().into(),
            notice: n.notice.to_string(),
            iuv: n.iuv().into(),
            creditor_cf: n.creditor.to_string(),
            amount: n.amount.amount(),
            due_date: n.due_date,
            description: n.description.clone(),
            qr_payload: n.qr_payload()?.to_string(),
            requested_at: p.requested_at.into(),
            status: p.status.as_str().into(),
            receipt_id,
            paid_at,
            cancel_reason,
            copy_quote,
            year,
        })
    }
}

/// The annual fee the counter computed on a dossier, with its computation document (JSON).
#[derive(uniffi::Record)]
pub struct FeeComputationView {
    pub year: i32,
    pub company: String,
    pub subject: String,
    pub occasion: String,
    /// The desk's chamber as it collects the fee (merged chambers resolved).
    pub chamber: String,
    /// Due to that chamber; null when the company owes it nothing.
    pub amount_due: Option<Decimal>,
    pub total_due: Decimal,
    pub due_by: NaiveDate,
    pub document_name: String,
    /// SHA-256 of the document, hex.
    pub document_digest: String,
    pub document: String,
}

/// A payment recorded on a dossier: amount and reference (the IUV for pagoPA payments).
#[derive(uniffi::Record)]
pub struct RecordedPayment {
    pub amount: Decimal,
    pub reference: String,
}

/// A dossier as its applicant or an officer sees it.
#[derive(uniffi::Record)]
pub struct DossierView {
    pub id: String,
    pub service_id: String,
    pub chamber: String,
    pub status: String,
    pub version: u64,
    pub term: Option<TermView>,
    pub protocol_numbers: Vec<String>,
    /// The protocol numbers annulled, with reason and authorising act.
    pub annulled_protocols: Vec<AnnulledProtocolView>,
    pub history: Vec<HistoryItem>,
    /// PEC receipts as `purpose:kind`.
    pub receipts: Vec<String>,
    pub messages: Vec<String>,
    pub outcome: Option<String>,
    pub outcome_digest: Option<String>,
    pub preservation_receipt: Option<String>,
    /// Payments recorded.
    pub payments: Vec<RecordedPayment>,
    /// Every payment asked, in order.
    pub payment_requests: Vec<PaymentRequestView>,
    /// The last fee computed on the dossier.
    pub fee_computation: Option<FeeComputationView>,
    /// The amount a refund or correction decision states, once determined.
    pub determined_amount: Option<Decimal>,
    /// The last day to reply to the open integration request.
    pub reply_by: Option<NaiveDate>,
    /// The first day the data may be released after an access granted despite an opposition
    /// (D.Lgs. 33/2013 art. 5 c.6).
    pub release_not_before: Option<NaiveDate>,
    /// The day the data or documents were released.
    pub released_on: Option<NaiveDate>,
    /// Counter-interested parties' oppositions, their texts.
    pub oppositions: Vec<String>,
}

/// One system action of a daily run: `action` (`lapse_integration`, `resume`, `silent_reject`,
/// `silent_assent`) for the `date` that passed.
#[derive(uniffi::Record)]
pub struct TermActionView {
    pub dossier_id: String,
    pub action: String,
    pub date: NaiveDate,
}

/// A dossier a daily run could not handle (retried by the next run).
#[derive(uniffi::Record)]
pub struct TermFailureView {
    pub dossier_id: String,
    pub reason: String,
}

/// What one daily run did.
#[derive(uniffi::Record)]
pub struct TermRunView {
    pub on: Option<NaiveDate>,
    pub actions: Vec<TermActionView>,
    pub failures: Vec<TermFailureView>,
}

impl From<TermRun> for TermRunView {
    fn from(r: TermRun) -> Self {
        TermRunView {
            on: r.on,
            actions: r
                .actions
                .into_iter()
                .map(|a| TermActionView { dossier_id: a.dossier_id, action: snake(a.action), date: a.date })
                .collect(),
            failures: r
                .failures
                .into_iter()
                .map(|f| TermFailureView { dossier_id: f.dossier_id, reason: f.error.to_string() })
                .collect(),
        }
    }
}

/// An open dossier in an officer's list, with its term.
#[derive(uniffi::Record)]
pub struct DueEntryView {
    pub dossier_id: String,
    pub service_id: String,
    pub status: String,
    pub officer: Option<String>,
    pub term: TermView,
}

impl From<DueEntry> for DueEntryView {
    fn from(e: DueEntry) -> Self {
        DueEntryView {
            dossier_id: e.dossier_id,
            service_id: e.service_id,
            status: e.state.as_str().into(),
            officer: e.officer,
            term: e.term.into(),
        }
    }
}

/// Who opposed: a company (or other legal person) or a natural person.
#[derive(uniffi::Enum)]
pub enum CounterpartyInput {
    Company { name: String, tax_code: String },
    Person { given_name: String, family_name: String, tax_code: Option<String> },
}

impl From<CounterpartyInput> for Correspondent {
    fn from(c: CounterpartyInput) -> Self {
        match c {
            CounterpartyInput::Company { name, tax_code } => Correspondent::LegalPerson { name, tax_code },
            CounterpartyInput::Person { given_name, family_name, tax_code } => {
                Correspondent::NaturalPerson { given_name, family_name, tax_code }
            }
        }
    }
}

/// A dossier store implemented by the host. Events cross as JSON strings; `append` must throw
/// `SportelloException.DossierConflict` when the stored version differs from `expectedVersion`.
#[uniffi::export(foreign)]
pub trait HostDossierStore: Send + Sync {
    /// Appends after `expected_version`; returns the new version.
    fn append(
        &self,
        dossier_id: String,
        expected_version: u64,
        events: Vec<String>,
    ) -> Result<u64, SportelloError>;
    /// Every event of the dossier, in order.
    fn load(&self, dossier_id: String) -> Result<Vec<String>, SportelloError>;
    /// Every dossier id, in creation order.
    fn dossier_ids(&self) -> Result<Vec<String>, SportelloError>;
    /// A fresh number for a dossier id.
    fn next_sequence(&self) -> Result<u64, SportelloError>;
}

struct HostStore(Arc<dyn HostDossierStore>);

fn port(e: SportelloError) -> StoreError {
    StoreError::Port(PortError::new("dossier_store", e.to_string()))
}

impl DossierStore for HostStore {
    fn append(
        &self,
        dossier_id: &str,
        expected_version: u64,
        events: &[DossierEvent],
    ) -> Result<u64, StoreError> {
        let json = events.iter().map(|e| serde_json::to_string(e).unwrap_or_default()).collect();
        match self.0.append(dossier_id.into(), expected_version, json) {
            Ok(v) => Ok(v),
            Err(SportelloError::DossierConflict { actual, .. }) => Err(StoreError::Conflict {
                dossier_id: dossier_id.into(),
                expected: expected_version,
                actual,
            }),
            Err(e) => Err(port(e)),
        }
    }
    fn load(&self, dossier_id: &str) -> Result<Vec<DossierEvent>, StoreError> {
        self.0
            .load(dossier_id.into())
            .map_err(port)?
            .iter()
            .map(|s| {
                serde_json::from_str(s).map_err(|e| {
                    StoreError::Port(PortError::new("dossier_store", format!("bad event JSON: {e}")))
                })
            })
            .collect()
    }
    fn dossier_ids(&self) -> Result<Vec<String>, StoreError> {
        self.0.dossier_ids().map_err(port)
    }
    fn next_sequence(&self) -> Result<u64, StoreError> {
        self.0.next_sequence().map_err(port)
    }
}

/// The counter.
#[derive(uniffi::Object)]
pub struct Sportello {
    inner: Core,
}

impl Sportello {
    fn view(&self, d: Dossier) -> Result<DossierView, SportelloError> {
        let term = match self.inner.term_of(&d) {
            Ok(t) => Some(t.into()),
            Err(DossierError::Term(sportello::dossier::TermError::NotStarted)) => None,
            Err(e) => return Err(e.into()),
        };
        let release_not_before = self.inner.release_not_before(&d)?;
        Ok(DossierView {
            release_not_before,
            reply_by: d.integration().map(|i| i.reply_by),
            released_on: d.released_on(),
            oppositions: d.oppositions().iter().map(|o| o.text.clone()).collect(),
            id: d.id().into(),
            service_id: d.service_id().into(),
            chamber: d.chamber().to_string(),
            status: d.state().as_str().into(),
            version: d.version(),
            term,
            protocol_numbers: d.protocol_numbers().iter().map(ToString::to_string).collect(),
            annulled_protocols: d
                .annulled_protocols()
                .iter()
                .map(|a| AnnulledProtocolView {
                    number: a.number.to_string(),
                    reason: a.reason.clone(),
                    authorisation: a.authorisation.clone(),
                    by: a.by.clone(),
                    on: a.on,
                })
                .collect(),
            history: d
                .history()
                .iter()
                .map(|h| HistoryItem {
                    seq: h.seq,
                    at: h.at.into(),
                    actor_id: h.actor.id.clone(),
                    action: snake(h.action),
                    to_state: h.to.as_str().into(),
                    reason: h.reason.clone(),
                })
                .collect(),
            receipts: d
                .receipts()
                .iter()
                .map(|r| format!("{}:{}", r.purpose, snake(r.receipt.kind)))
                .collect(),
            messages: d.messages().iter().map(|m| m.text.clone()).collect(),
            outcome: d.outcome().map(|o| snake(o.outcome)),
            outcome_digest: d.outcome().and_then(|o| o.document.as_ref()).map(|a| a.digest.to_hex()),
            preservation_receipt: d.preservation().map(|r| r.id.clone()),
            payments: d
                .payments()
                .iter()
                .map(|(a, r)| RecordedPayment { amount: a.amount(), reference: r.clone() })
                .collect(),
            payment_requests: d
                .requested_payments()
                .iter()
                .map(PaymentRequestView::try_from)
                .collect::<Result<_, _>>()?,
            fee_computation: d.fee_computations().last().map(|c| FeeComputationView {
                year: c.year,
                company: c.company.clone(),
                subject: c.subject.as_str().into(),
                occasion: c.occasion.as_str().into(),
                chamber: c.chamber.to_string(),
                amount_due: c.amount_due.map(|a| a.amount()),
                total_due: c.total_due.amount(),
                due_by: c.due_by,
                document_name: c.document.name.clone(),
                document_digest: c.document.digest.to_hex(),
                document: String::from_utf8_lossy(&c.document.content.0).into_owned(),
            }),
            determined_amount: d.determined_amount().map(|a| a.amount.amount()),
        })
    }

    fn chamber_or_default(&self, chamber: Option<String>) -> Result<ChamberCode, SportelloError> {
        match chamber {
            Some(c) => {
                c.parse().map_err(|e: sportello::chamber::ChamberCodeError| SportelloError::DossierRefused {
                    rule: "chamber_code".into(),
                    field: "chamber".into(),
                    reason: e.to_string(),
                })
            }
            None => Ok(self.inner.default_chamber()?),
        }
    }

    fn number(text: &str) -> Result<ProtocolNumber, SportelloError> {
        text.parse().map_err(|e| SportelloError::from(DossierError::Protocol(e)))
    }

    fn run(
        &self,
        actor: &Actor,
        id: &str,
        command: Command,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        let d = self.inner.execute(&actor.0, id, command, reason, expected_version)?;
        self.view(d)
    }
}

#[uniffi::export]
impl Sportello {
    /// In-memory adapters (example desk `MI`, the first services, the embedded pagoPA gateway and
    /// the registry fixtures); `store` may be the host's; digital domiciles come from
    /// `pecDirectory` (default: the registry fixtures' directory); `feeConfig` is the desk's fee
    /// rules (default: the shipped `FeeConfig`); `calendar` sets the desk's legal calendar; `rules`
    /// configures services of the desk, each the JSON of a service's procedure rules (see
    /// `procedureRules`).
    #[uniffi::constructor(default(store = None, pec_directory = None, fee_config = None, calendar = None, rules = None))]
    pub fn with_memory_adapters(
        clock: Arc<ManualClock>,
        store: Option<Arc<dyn HostDossierStore>>,
        pec_directory: Option<Arc<dyn PecDirectoryHost>>,
        fee_config: Option<Arc<FeeConfig>>,
        calendar: Option<Arc<Calendar>>,
        rules: Option<Vec<String>>,
    ) -> Result<Arc<Self>, SportelloError> {
        let c = Arc::new(clock.inner.clone());
        let mut inner = match store {
            Some(s) => Core::with_store(c, Arc::new(HostStore(s)))?,
            None => Core::with_memory_adapters(c)?,
        };
        if let Some(d) = pec_directory {
            inner.set_directory(Arc::new(HostPecDirectory(d)));
        }
        if let Some(cfg) = fee_config {
            let chamber = inner.default_chamber()?;
            inner.set_fee_config(&chamber, cfg.inner.clone())?;
        }
        let chamber = inner.default_chamber()?;
        if let Some(c) = calendar {
            inner.set_calendar(&chamber, c.inner.clone())?;
        }
        for json in rules.unwrap_or_default() {
            inner.set_procedure_rules(&chamber, ProcedureRules::from_json(&json)?)?;
        }
        Ok(Arc::new(Sportello { inner }))
    }

    /// The procedure rules of `service_id` at the default desk, as JSON (term_days, silence,
    /// integration, counterparties, incomplete_request_within_days,
    /// release_after_opposition_days, ...).
    pub fn procedure_rules(&self, service_id: String) -> Result<String, SportelloError> {
        let chamber = self.inner.default_chamber()?;
        Ok(serde_json::to_string(self.inner.procedure_rules(&chamber, &service_id)?).unwrap_or_default())
    }

    /// Submits an application for the party `actor` acts for (an `Actor` from `Profiler.actAs`);
    /// the PEC address is the party's digital domicile in the PEC directory.
    pub fn submit(
        &self,
        actor: Arc<Actor>,
        service_id: String,
        form: HashMap<String, String>,
        attachments: Vec<AttachmentInput>,
    ) -> Result<DossierView, SportelloError> {
        let attachments =
            attachments.into_iter().map(|a| Attachment::new(a.name, a.mime_type, a.content)).collect();
        let d = self.inner.submit(&actor.0, &service_id, form.into_iter().collect(), attachments)?;
        self.view(d)
    }

    /// The dossier `id`, if `actor` may see it.
    pub fn dossier(&self, actor: Arc<Actor>, id: String) -> Result<DossierView, SportelloError> {
        let d = self.inner.dossier(&actor.0, &id)?;
        self.view(d)
    }

    /// The dossiers `actor` may see.
    pub fn my_dossiers(&self, actor: Arc<Actor>) -> Result<Vec<DossierView>, SportelloError> {
        self.inner.my_dossiers(&actor.0)?.into_iter().map(|d| self.view(d)).collect()
    }

    /// The term of dossier `id`.
    pub fn status(&self, actor: Arc<Actor>, id: String) -> Result<TermView, SportelloError> {
        Ok(self.inner.status(&actor.0, &id)?.into())
    }

    /// Takes the dossier in charge.
    #[uniffi::method(default(expected_version = None))]
    pub fn take_charge(
        &self,
        actor: Arc<Actor>,
        id: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::TakeCharge, None, expected_version)
    }

    /// Asks for an integration within `reply_within_days`.
    #[uniffi::method(default(expected_version = None))]
    pub fn request_integration(
        &self,
        actor: Arc<Actor>,
        id: String,
        request: String,
        reply_within_days: u32,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(
            &actor,
            &id,
            Command::RequestIntegration { request, reply_within_days },
            None,
            expected_version,
        )
    }

    /// The applicant's integration.
    #[uniffi::method(default(expected_version = None))]
    pub fn reply_integration(
        &self,
        actor: Arc<Actor>,
        id: String,
        text: String,
        attachments: Vec<AttachmentInput>,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        let attachments =
            attachments.into_iter().map(|a| Attachment::new(a.name, a.mime_type, a.content)).collect();
        self.run(&actor, &id, Command::ReplyIntegration { text, attachments }, None, expected_version)
    }

    /// Suspends the term: `cause` is `information` or `counterparties`.
    #[uniffi::method(default(expected_version = None))]
    pub fn suspend(
        &self,
        actor: Arc<Actor>,
        id: String,
        cause: String,
        days: u32,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        let cause = match cause.as_str() {
            "information" => SuspensionCause::Information,
            "counterparties" => SuspensionCause::Counterparties,
            _ => {
                return Err(SportelloError::DossierRefused {
                    rule: "suspension_cause".into(),
                    field: "cause".into(),
                    reason: format!("{cause:?} is not information or counterparties"),
                })
            }
        };
        self.run(&actor, &id, Command::Suspend { cause, days }, None, expected_version)
    }

    /// Resumes the term.
    #[uniffi::method(default(expected_version = None))]
    pub fn resume(
        &self,
        actor: Arc<Actor>,
        id: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::Resume, None, expected_version)
    }

    /// Notice of refusal (art. 10-bis L. 241/1990).
    #[uniffi::method(default(expected_version = None))]
    pub fn notify_refusal(
        &self,
        actor: Arc<Actor>,
        id: String,
        reasons: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::NotifyRefusal { reasons }, None, expected_version)
    }

    /// The applicant's observations.
    #[uniffi::method(default(expected_version = None))]
    pub fn submit_observations(
        &self,
        actor: Arc<Actor>,
        id: String,
        text: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::SubmitObservations { text }, None, expected_version)
    }

    /// Decides: `accepted` or `rejected`.
    #[uniffi::method(default(expected_version = None))]
    pub fn decide(
        &self,
        actor: Arc<Actor>,
        id: String,
        outcome: String,
        reasons: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        let outcome = match outcome.as_str() {
            "accepted" => Outcome::Accepted,
            "rejected" => Outcome::Rejected,
            _ => {
                return Err(SportelloError::DossierRefused {
                    rule: "outcome".into(),
                    field: "outcome".into(),
                    reason: format!("{outcome:?} is not accepted or rejected"),
                })
            }
        };
        self.run(&actor, &id, Command::Decide { outcome, reasons }, None, expected_version)
    }

    /// The applicant withdraws (refused once a payment exists).
    #[uniffi::method(default(expected_version = None))]
    pub fn withdraw(
        &self,
        actor: Arc<Actor>,
        id: String,
        reason: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::Withdraw, Some(reason), expected_version)
    }

    /// An officer reopens.
    #[uniffi::method(default(expected_version = None))]
    pub fn reopen(
        &self,
        actor: Arc<Actor>,
        id: String,
        reason: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::Reopen, Some(reason), expected_version)
    }

    /// Posts a message.
    #[uniffi::method(default(expected_version = None))]
    pub fn post_message(
        &self,
        actor: Arc<Actor>,
        id: String,
        text: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::PostMessage { text }, None, expected_version)
    }

    /// Activates the substitute once the term has passed (L. 241/1990 art. 2 c.9-bis/ter): an
    /// officer holding the substitute power, or the applicant asking for it.
    #[uniffi::method(default(expected_version = None))]
    pub fn activate_substitute(
        &self,
        actor: Arc<Actor>,
        id: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::ActivateSubstitute, None, expected_version)
    }

    /// Closes.
    #[uniffi::method(default(expected_version = None))]
    pub fn close(
        &self,
        actor: Arc<Actor>,
        id: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::Close, None, expected_version)
    }

    /// Sends a closed dossier to preservation.
    pub fn preserve(&self, actor: Arc<Actor>, id: String) -> Result<DossierView, SportelloError> {
        let d = self.inner.preserve(&actor.0, &id)?;
        self.view(d)
    }

    /// Records a payment.
    pub fn record_payment(
        &self,
        id: String,
        amount: Decimal,
        reference: String,
    ) -> Result<DossierView, SportelloError> {
        let d = self.inner.record_payment(&id, sportello::money::Euro::new(amount), &reference)?;
        self.view(d)
    }

    /// An officer asks the copy fee of `pages` pages (the service's copy tariff; `certified` adds
    /// the stamp duty): a pagoPA notice is opened, recorded on the dossier and sent by PEC.
    #[uniffi::method(default(certified = false))]
    pub fn request_copy_payment(
        &self,
        actor: Arc<Actor>,
        id: String,
        pages: u32,
        certified: bool,
    ) -> Result<DossierView, SportelloError> {
        let d = self.inner.request_payment(&actor.0, &id, Charge::Copies { pages, certified })?;
        self.view(d)
    }

    /// Asks, through pagoPA, the annual fee computed on the dossier (`computeFee`).
    pub fn request_annual_fee_payment(
        &self,
        actor: Arc<Actor>,
        id: String,
    ) -> Result<DossierView, SportelloError> {
        let d = self.inner.request_payment(&actor.0, &id, Charge::AnnualFee)?;
        self.view(d)
    }

    /// Records the payment of `notice` from the gateway's position: paid, exactly the amount asked;
    /// the same receipt again changes nothing.
    pub fn record_position_payment(&self, id: String, notice: String) -> Result<DossierView, SportelloError> {
        let notice = NoticeNumber::parse(&notice)?;
        let d = self.inner.record_position_payment(&id, &notice)?;
        self.view(d)
    }

    /// The PSP's receipt for `notice` reaches the counter: recorded on the position, then on the
    /// dossier.
    pub fn receive_receipt(
        &self,
        id: String,
        notice: String,
        receipt: Receipt,
    ) -> Result<DossierView, SportelloError> {
        let notice = NoticeNumber::parse(&notice)?;
        let d = self.inner.receive_receipt(&id, &notice, receipt.try_into()?)?;
        self.view(d)
    }

    /// An officer withdraws a payment asked and not paid.
    pub fn cancel_payment(
        &self,
        actor: Arc<Actor>,
        id: String,
        notice: String,
        reason: String,
    ) -> Result<DossierView, SportelloError> {
        let notice = NoticeNumber::parse(&notice)?;
        let d = self.inner.cancel_payment(&actor.0, &id, &notice, &reason)?;
        self.view(d)
    }

    /// The pagoPA position of `notice` as the gateway has it now.
    pub fn payment_position(
        &self,
        actor: Arc<Actor>,
        id: String,
        notice: String,
    ) -> Result<PaymentPosition, SportelloError> {
        let notice = NoticeNumber::parse(&notice)?;
        self.inner.payment_position(&actor.0, &id, &notice)?.try_into()
    }

    /// What `pages` pages of copies of `service_id` cost at the default desk.
    #[uniffi::method(default(certified = false))]
    pub fn copy_quote(
        &self,
        service_id: String,
        pages: u32,
        certified: bool,
    ) -> Result<CopyQuote, SportelloError> {
        let chamber = self.inner.default_chamber()?;
        Ok(copy_quote_view(&self.inner.copy_quote(&chamber, &service_id, pages, certified)?))
    }

    /// Computes the annual fee a `calcolo` request asks for and attaches the computation.
    pub fn compute_fee(&self, actor: Arc<Actor>, id: String) -> Result<DossierView, SportelloError> {
        let d = self.inner.compute_fee(&actor.0, &id)?;
        self.view(d)
    }

    /// An officer determines the amount a refund or correction decision states.
    #[uniffi::method(default(reason = None))]
    pub fn determine_amount(
        &self,
        actor: Arc<Actor>,
        id: String,
        amount: Decimal,
        reason: Option<String>,
    ) -> Result<DossierView, SportelloError> {
        let d =
            self.inner.determine_amount(&actor.0, &id, crate::types::euro_arg(amount, "amount")?, reason)?;
        self.view(d)
    }

    /// Records the silence outcome once overdue, where the service gives silence a meaning.
    pub fn apply_silence(&self, id: String) -> Result<DossierView, SportelloError> {
        let d = self.inner.apply_silence(&id)?;
        self.view(d)
    }

    /// The daily run a host schedules: lapses integration requests whose reply window passed,
    /// closes suspensions that reached their longest, forms silence the day after the due date
    /// where the service gives it a meaning. Idempotent.
    pub fn run_terms(&self) -> Result<TermRunView, SportelloError> {
        Ok(self.inner.run_terms()?.into())
    }

    /// The open dossiers of `chamber` (default desk) due within `withinDays`, earliest first;
    /// for the chamber's case handlers only.
    #[uniffi::method(default(chamber = None))]
    pub fn due_soon(
        &self,
        actor: Arc<Actor>,
        within_days: u32,
        chamber: Option<String>,
    ) -> Result<Vec<DueEntryView>, SportelloError> {
        let chamber = match chamber {
            Some(c) => c.parse()?,
            None => self.inner.default_chamber()?,
        };
        Ok(self.inner.due_soon(&actor.0, &chamber, within_days)?.into_iter().map(Into::into).collect())
    }

    /// The open dossiers of `chamber` (default desk) past their due date; for the chamber's case
    /// handlers only.
    #[uniffi::method(default(chamber = None))]
    pub fn overdue(
        &self,
        actor: Arc<Actor>,
        chamber: Option<String>,
    ) -> Result<Vec<DueEntryView>, SportelloError> {
        let chamber = match chamber {
            Some(c) => c.parse()?,
            None => self.inner.default_chamber()?,
        };
        Ok(self.inner.overdue(&actor.0, &chamber)?.into_iter().map(Into::into).collect())
    }

    /// Records a counter-interested party's opposition within its window: the suspension ends
    /// and the opposition is protocolled (`TermError` `opposition_window_closed` otherwise).
    #[uniffi::method(default(expected_version = None))]
    pub fn record_opposition(
        &self,
        actor: Arc<Actor>,
        id: String,
        text: String,
        counterparty: CounterpartyInput,
        attachments: Vec<AttachmentInput>,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        let attachments =
            attachments.into_iter().map(|a| Attachment::new(a.name, a.mime_type, a.content)).collect();
        let command = Command::RecordOpposition { counterparty: counterparty.into(), text, attachments };
        self.run(&actor, &id, command, None, expected_version)
    }

    /// Releases the data of a granted access; refused before `releaseNotBefore`.
    #[uniffi::method(default(expected_version = None))]
    pub fn release(
        &self,
        actor: Arc<Actor>,
        id: String,
        expected_version: Option<u64>,
    ) -> Result<DossierView, SportelloError> {
        self.run(&actor, &id, Command::Release, None, expected_version)
    }

    /// Verifies the event chain; returns the head digest (hex).
    pub fn verify_dossier(&self, id: String) -> Result<String, SportelloError> {
        Ok(self.inner.verify_dossier(&id)?.to_hex())
    }

    /// The segnatura XML of protocol number `number` (`2026/0000001`) of the default desk.
    pub fn segnatura(&self, number: String) -> Result<String, SportelloError> {
        let chamber = self.inner.default_chamber()?;
        let n = number.parse().map_err(|e| SportelloError::from(DossierError::Protocol(e)))?;
        Ok(self.inner.segnatura(&chamber, n)?)
    }

    /// The protocol entry `number` (`2026/0000001`) of `chamber` (default desk), annulled or not.
    #[uniffi::method(default(chamber = None))]
    pub fn protocol_entry(
        &self,
        number: String,
        chamber: Option<String>,
    ) -> Result<ProtocolEntryView, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        Ok(entry_view(&self.inner.protocol_entry(&chamber, Self::number(&number)?)?))
    }

    /// The daily protocol register of `day` of `chamber`, as the day saw it.
    #[uniffi::method(default(chamber = None))]
    pub fn daily_register(
        &self,
        day: NaiveDate,
        chamber: Option<String>,
    ) -> Result<DailyRegisterView, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        let r = self.inner.daily_register(&chamber, day)?;
        Ok(DailyRegisterView {
            date: r.date,
            identifier: r.identifier(),
            digest: r.digest.to_hex(),
            entries: r.entries.iter().map(entry_view).collect(),
            annulments: r.annulments.iter().map(entry_view).collect(),
            first_number: r.first_number().map(|n| n.to_string()),
            last_number: r.last_number().map(|n| n.to_string()),
            content: r.content(),
        })
    }

    /// Annuls protocol registration `number` (DPR 445/2000 art. 54): only the head of the protocol
    /// service of the chamber (art. 61 c.3 lett. g); `reason` and `authorisation` (the references
    /// of the authorising act) are required. The dossier it belongs to records it.
    #[uniffi::method(default(chamber = None))]
    pub fn annul_registration(
        &self,
        actor: Arc<Actor>,
        number: String,
        reason: String,
        authorisation: String,
        chamber: Option<String>,
    ) -> Result<ProtocolEntryView, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        let n = Self::number(&number)?;
        Ok(entry_view(&self.inner.annul_registration(&actor.0, &chamber, n, &reason, &authorisation)?))
    }

    /// The daily registers still to be sent to preservation (up to yesterday), with the due date
    /// (next working day of the office) and whether it is overdue.
    #[uniffi::method(default(chamber = None))]
    pub fn pending_daily_registers(
        &self,
        chamber: Option<String>,
    ) -> Result<Vec<PendingRegisterView>, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        Ok(self
            .inner
            .pending_daily_registers(&chamber)?
            .into_iter()
            .map(|p| PendingRegisterView {
                date: p.date,
                due_date: p.due_date,
                overdue: p.overdue,
                registrations: p.registrations as u64,
                annulments: p.annulments as u64,
            })
            .collect())
    }

    /// Sends the daily register of `day` to preservation (a protocol officer or the head of the
    /// protocol service); returns the record with the receipt.
    #[uniffi::method(default(chamber = None))]
    pub fn preserve_daily_register(
        &self,
        actor: Arc<Actor>,
        day: NaiveDate,
        chamber: Option<String>,
    ) -> Result<RegisterPreservationView, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        Ok(self.inner.preserve_daily_register(&actor.0, &chamber, day)?.into())
    }

    /// The daily job: sends every daily register still to be sent, up to yesterday; returns those
    /// sent by this call (none on a second call the same day).
    #[uniffi::method(default(chamber = None))]
    pub fn preserve_pending_registers(
        &self,
        chamber: Option<String>,
    ) -> Result<Vec<RegisterPreservationView>, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        Ok(self.inner.preserve_pending_registers(&chamber)?.into_iter().map(Into::into).collect())
    }

    /// Every daily register sent to preservation, by day.
    #[uniffi::method(default(chamber = None))]
    pub fn register_preservations(
        &self,
        chamber: Option<String>,
    ) -> Result<Vec<RegisterPreservationView>, SportelloError> {
        let chamber = self.chamber_or_default(chamber)?;
        Ok(self.inner.register_preservations(&chamber)?.into_iter().map(Into::into).collect())
    }

    /// The copy fee of `service_id` for `pages` pages at the default desk.
    pub fn copy_fee(&self, service_id: String, pages: u32) -> Result<Decimal, SportelloError> {
        let chamber = self.inner.default_chamber()?;
        Ok(self.inner.copy_fee(&chamber, &service_id, pages)?.amount())
    }
}
