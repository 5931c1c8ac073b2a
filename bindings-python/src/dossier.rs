//! Python surface of `sportello::dossier`, `sportello::protocol` and `sportello::sportello`: the
//! counter (`Sportello`), its dossiers, terms, a settable clock and host-implemented stores.
//! Converts types and errors; decides nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use rust_decimal::Decimal;
use sportello::chamber::ChamberCode;
use sportello::dossier::{
    Attachment, Dossier as CoreDossier, DossierError, DossierEvent, FeeComputation as CoreComputation,
    Outcome, PaymentPurpose, PaymentStatus, ProcedureRules, RequestedPayment, StoreError, SuspensionCause,
    TermStatus as CoreTerm,
};
use sportello::fees::CopyQuote as CoreQuote;
use sportello::memory::ManualClock as CoreClock;
use sportello::payments::{PositionError, Receipt};
use sportello::ports::{DossierStore, PortError};
use sportello::protocol::{
    Correspondent, DailyRegister as CoreDaily, ProtocolEntry as CoreEntry, ProtocolNumber,
    RegisterPreservation as CorePreservation,
};
use sportello::sportello::{Charge, Command, Sportello as Core};
use sportello::sportello::{DueEntry as CoreDueEntry, TermRun as CoreTermRun};

use crate::calendar::Calendar;
use crate::convert::{date_arg, euro_arg};
use crate::errors::{new_error, SportelloError};
use crate::fees::{fee_err, FeeConfig};
use crate::payments::{datetime_arg, notice_arg, PaymentPosition};
use crate::profile::{denial, Actor, NotAuthorized};
use crate::registry::directory_arg;

pyo3::create_exception!(
    sportello,
    DossierRefused,
    SportelloError,
    "A dossier use case refused by a rule (attributes: rule, field)."
);
pyo3::create_exception!(
    sportello,
    Conflict,
    DossierRefused,
    "The dossier changed since it was read (attributes: dossier_id, expected, actual)."
);
pyo3::create_exception!(
    sportello,
    InvalidTransition,
    DossierRefused,
    "The transition table does not allow the action in the current state (attributes: action, state)."
);
pyo3::create_exception!(sportello, TermError, DossierRefused, "A legal-term rule refused (attribute: rule).");
pyo3::create_exception!(
    sportello,
    ProtocolRefused,
    DossierRefused,
    "A protocol rule refused: an annulment without reason or authorisation, an unknown or already \
     annulled number, a daily register not due or already preserved (attributes: rule, field)."
);
pyo3::create_exception!(
    sportello,
    ChainBroken,
    DossierRefused,
    "The dossier's event chain was altered, truncated or reordered (attributes: rule, seq)."
);

pyo3::create_exception!(
    sportello,
    PaymentRefused,
    DossierRefused,
    "A payment on a dossier does not match its pagoPA position, or the gateway refused it \
     (attributes: rule, field, expected, found)."
);

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

fn err(py: Python<'_>, e: DossierError) -> PyErr {
    let msg = e.to_string();
    match e {
        DossierError::Conflict { dossier_id, expected, actual } => new_error::<Conflict>(py, msg, |x| {
            x.setattr("rule", "expected_version")?;
            x.setattr("field", "expected_version")?;
            x.setattr("dossier_id", dossier_id)?;
            x.setattr("expected", expected)?;
            x.setattr("actual", actual)
        }),
        DossierError::NotAuthorized(n) => denial(py, n),
        DossierError::NotAllowedFor { action, actor_kind } => new_error::<NotAuthorized>(py, msg, |x| {
            x.setattr("rule", format!("{}_not_by_{}", snake(action), snake(actor_kind)))?;
            x.setattr("action", snake(action))?;
            x.setattr("field", "actor")
        }),
        DossierError::InvalidTransition { action, state, .. } => {
            new_error::<InvalidTransition>(py, msg, |x| {
                x.setattr("rule", "transition_table")?;
                x.setattr("field", "state")?;
                x.setattr("action", snake(action))?;
                x.setattr("state", state.map(|s| s.as_str()))
            })
        }
        DossierError::Term(t) => new_error::<TermError>(py, msg, |x| {
            x.setattr("rule", t.rule())?;
            x.setattr("field", "term")?;
            x.setattr("date", t.date())?;
            x.setattr("article", t.article())
        }),
        DossierError::Chain(c) => {
            let v = serde_json::to_value(&c).unwrap_or_default();
            let rule = v.get("kind").and_then(|k| k.as_str()).unwrap_or_default().to_string();
            let seq = v.get("seq").or_else(|| v.get("found")).and_then(serde_json::Value::as_u64);
            new_error::<ChainBroken>(py, msg, |x| {
                x.setattr("rule", rule)?;
                x.setattr("field", "events")?;
                x.setattr("seq", seq)
            })
        }
        DossierError::GuardFailed { rule, article } => new_error::<DossierRefused>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", "rules")?;
            x.setattr("article", article)
        }),
        DossierError::MissingField { field } => new_error::<DossierRefused>(py, msg, |x| {
            x.setattr("rule", "required")?;
            x.setattr("field", field)
        }),
        DossierError::InvalidField { field, rule } => new_error::<DossierRefused>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)
        }),
        DossierError::UnknownService { service_id } => new_error::<DossierRefused>(py, msg, |x| {
            x.setattr("rule", "unknown_service")?;
            x.setattr("field", "service_id")?;
            x.setattr("service_id", service_id)
        }),
        DossierError::NotFound { id } => new_error::<DossierRefused>(py, msg, |x| {
            x.setattr("rule", "not_found")?;
            x.setattr("field", "id")?;
            x.setattr("dossier_id", id)
        }),
        DossierError::Protocol(p) => new_error::<ProtocolRefused>(py, msg, |x| {
            x.setattr("rule", p.rule())?;
            x.setattr("field", p.field())
        }),
        DossierError::Position(p) => {
            let (expected, found) = match &p {
                PositionError::AmountMismatch { expected, found } => {
                    (Some(expected.amount()), Some(found.amount()))
                }
                _ => (None, None),
            };
            new_error::<PaymentRefused>(py, msg, |x| {
                x.setattr("rule", p.rule())?;
                x.setattr("field", p.field())?;
                x.setattr("expected", expected)?;
                x.setattr("found", found)
            })
        }
        DossierError::Fee(f) => fee_err(py, f),
        other => {
            let rule = match &other {
                DossierError::Archive(_) => "archive",
                _ => "port",
            };
            new_error::<DossierRefused>(py, msg, |x| {
                x.setattr("rule", rule)?;
                x.setattr("field", rule)
            })
        }
    }
}

/// A settable clock: the counter reads time only from it, so every scenario is reproducible.
#[pyclass(module = "sportello", frozen)]
pub struct ManualClock {
    inner: CoreClock,
}

#[pymethods]
impl ManualClock {
    /// A clock showing `now` (a timezone-aware `datetime`).
    #[new]
    fn new(now: DateTime<Utc>) -> Self {
        ManualClock { inner: CoreClock::new(now) }
    }
    /// The instant shown (UTC).
    fn now(&self) -> DateTime<Utc> {
        sportello::ports::Clock::now(&self.inner)
    }
    /// Shows `now` from here on.
    fn set(&self, now: DateTime<Utc>) {
        self.inner.set(now);
    }
    /// Moves forward by days, hours and minutes.
    #[pyo3(signature = (days = 0, hours = 0, minutes = 0))]
    fn advance(&self, days: i64, hours: i64, minutes: i64) {
        self.inner.advance(Duration::days(days) + Duration::hours(hours) + Duration::minutes(minutes));
    }
    fn __repr__(&self) -> String {
        format!("ManualClock({})", sportello::ports::Clock::now(&self.inner).to_rfc3339())
    }
}

fn number_arg(py: Python<'_>, text: &str) -> PyResult<ProtocolNumber> {
    text.parse().map_err(|e: sportello::protocol::ProtocolError| err(py, DossierError::Protocol(e)))
}

fn chamber_arg(py: Python<'_>, text: &str) -> PyResult<ChamberCode> {
    text.parse().map_err(|e: sportello::chamber::ChamberCodeError| {
        new_error::<DossierRefused>(py, e.to_string(), |x| {
            x.setattr("rule", "chamber_code")?;
            x.setattr("field", "chamber")
        })
    })
}

/// The legal term of a dossier: start, due date, days left, overdue, suspension, substitute.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct TermStatus {
    start: NaiveDate,
    term_days: u32,
    suspended_days: i64,
    suspended: bool,
    suspended_for: Option<String>,
    due_date: NaiveDate,
    days_left: i64,
    overdue: bool,
    substitute_due: Option<NaiveDate>,
}

impl From<CoreTerm> for TermStatus {
    fn from(t: CoreTerm) -> Self {
        TermStatus {
            start: t.start,
            term_days: t.term_days,
            suspended_days: t.suspended_days,
            suspended: t.suspended,
            suspended_for: t.suspended_for.map(snake),
            due_date: t.due_date,
            days_left: t.days_left,
            overdue: t.overdue,
            substitute_due: t.substitute_due,
        }
    }
}

#[pymethods]
impl TermStatus {
    fn __repr__(&self) -> String {
        format!(
            "TermStatus(due_date={}, days_left={}, overdue={})",
            self.due_date, self.days_left, self.overdue
        )
    }
}

/// One step of a dossier's history.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct HistoryEntry {
    seq: u64,
    at: DateTime<Utc>,
    actor_kind: String,
    actor_id: String,
    action: String,
    from_state: Option<String>,
    to_state: String,
    reason: Option<String>,
}

#[pymethods]
impl HistoryEntry {
    fn __repr__(&self) -> String {
        format!("HistoryEntry({} {} by {} -> {})", self.seq, self.action, self.actor_id, self.to_state)
    }
}

/// A payment asked on a dossier: its pagoPA notice (number, IUV, amount, due date, QR payload)
/// and where it stands (`pending`, `paid`, `cancelled`).
#[pyclass(module = "sportello", frozen)]
pub struct PaymentRequest(RequestedPayment);

#[pymethods]
impl PaymentRequest {
    /// `copies` or `annual_fee`.
    #[getter]
    fn purpose(&self) -> &'static str {
        self.0.notice.purpose.as_str()
    }
    /// The 18-digit notice number.
    #[getter]
    fn notice(&self) -> String {
        self.0.notice.notice.to_string()
    }
    /// The IUV.
    #[getter]
    fn iuv(&self) -> String {
        self.0.notice.iuv().to_string()
    }
    /// The creditor's codice fiscale.
    #[getter]
    fn creditor_cf(&self) -> String {
        self.0.notice.creditor.to_string()
    }
    /// The amount to pay.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.notice.amount.amount()
    }
    /// The last day to pay.
    #[getter]
    fn due_date(&self) -> NaiveDate {
        self.0.notice.due_date
    }
    /// The description shown to the payer.
    #[getter]
    fn description(&self) -> String {
        self.0.notice.description.clone()
    }
    /// The payload of the notice's QR code (`PAGOPA|002|...`).
    #[getter]
    fn qr_payload(&self, py: Python<'_>) -> PyResult<String> {
        self.0.notice.qr_payload().map(|q| q.to_string()).map_err(|e| {
            err(py, DossierError::InvalidField { field: "qr_payload".into(), rule: e.rule().into() })
        })
    }
    /// When it was asked.
    #[getter]
    fn requested_at(&self) -> DateTime<Utc> {
        self.0.requested_at
    }
    /// `pending`, `paid` or `cancelled`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }
    /// The PSP's receipt id, once paid.
    #[getter]
    fn receipt_id(&self) -> Option<String> {
        match &self.0.status {
            PaymentStatus::Paid { receipt_id, .. } => Some(receipt_id.clone()),
            _ => None,
        }
    }
    /// When the payer paid, once paid.
    #[getter]
    fn paid_at(&self) -> Option<DateTime<Utc>> {
        match &self.0.status {
            PaymentStatus::Paid { paid_at, .. } => Some(*paid_at),
            _ => None,
        }
    }
    /// Why it was cancelled.
    #[getter]
    fn cancel_reason(&self) -> Option<String> {
        match &self.0.status {
            PaymentStatus::Cancelled { reason } => Some(reason.clone()),
            _ => None,
        }
    }
    /// The copy quote, for copies.
    #[getter]
    fn copy_quote(&self) -> Option<CopyQuote> {
        match &self.0.notice.purpose {
            PaymentPurpose::Copies { quote } => Some(quote.clone().into()),
            PaymentPurpose::AnnualFee { .. } => None,
        }
    }
    /// The fee year, for the annual fee.
    #[getter]
    fn year(&self) -> Option<i32> {
        match &self.0.notice.purpose {
            PaymentPurpose::AnnualFee { year, .. } => Some(*year),
            PaymentPurpose::Copies { .. } => None,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "PaymentRequest(purpose={:?}, notice={:?}, amount=Decimal('{}'), due_date={}, status={:?})",
            self.purpose(),
            self.notice(),
            self.0.notice.amount,
            self.0.notice.due_date,
            self.status()
        )
    }
}

/// What copies cost: the secretarial fee (fixed part plus pages) and, for a certified copy, the
/// stamp duty (one stamp on the request and one per foglio of four pages).
#[pyclass(module = "sportello", frozen, get_all)]
pub struct CopyQuote {
    /// Pages.
    pages: u32,
    /// Whether certified.
    certified: bool,
    /// Fixed part plus pages.
    secretarial: Decimal,
    /// Stamps of EUR 16.00.
    stamps: u32,
    /// The stamp duty.
    stamp_duty: Decimal,
    /// Everything.
    total: Decimal,
}

impl From<CoreQuote> for CopyQuote {
    fn from(q: CoreQuote) -> Self {
        CopyQuote {
            pages: q.pages,
            certified: q.certified,
            secretarial: q.secretarial.amount(),
            stamps: q.stamps,
            stamp_duty: q.stamp_duty.amount(),
            total: q.total.amount(),
        }
    }
}

#[pymethods]
impl CopyQuote {
    fn __repr__(&self) -> String {
        format!(
            "CopyQuote(pages={}, certified={}, total=Decimal('{}'))",
            self.pages,
            py_bool(self.certified),
            self.total
        )
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The annual fee the counter computed on a dossier, with the computation document.
#[pyclass(module = "sportello", frozen)]
pub struct FeeComputation(CoreComputation);

#[pymethods]
impl FeeComputation {
    /// The fee year.
    #[getter]
    fn year(&self) -> i32 {
        self.0.year
    }
    /// The company's codice fiscale.
    #[getter]
    fn company(&self) -> String {
        self.0.company.clone()
    }
    /// The subject kind (`turnover_based`, ...).
    #[getter]
    fn subject(&self) -> &'static str {
        self.0.subject.as_str()
    }
    /// `annual` or `new_registration`.
    #[getter]
    fn occasion(&self) -> &'static str {
        self.0.occasion.as_str()
    }
    /// The desk's chamber as it collects the fee.
    #[getter]
    fn chamber(&self) -> String {
        self.0.chamber.to_string()
    }
    /// The amount due to that chamber (None: nothing due there).
    #[getter]
    fn amount_due(&self) -> Option<Decimal> {
        self.0.amount_due.map(|a| a.amount())
    }
    /// The total due to every chamber.
    #[getter]
    fn total_due(&self) -> Decimal {
        self.0.total_due.amount()
    }
    /// The last day to pay without increase.
    #[getter]
    fn due_by(&self) -> NaiveDate {
        self.0.due_by
    }
    /// The document's file name.
    #[getter]
    fn document_name(&self) -> String {
        self.0.document.name.clone()
    }
    /// The document's SHA-256, hex.
    #[getter]
    fn document_digest(&self) -> String {
        self.0.document.digest.to_hex()
    }
    /// The document (JSON, every intermediate figure).
    #[getter]
    fn document(&self) -> String {
        String::from_utf8_lossy(&self.0.document.content.0).into_owned()
    }
    fn __repr__(&self) -> String {
        format!(
            "FeeComputation(year={}, company={:?}, chamber={:?}, amount_due={:?}, total_due=Decimal('{}'))",
            self.0.year,
            self.0.company,
            self.0.chamber.as_str(),
            self.0.amount_due.map(|a| a.to_string()),
            self.0.total_due
        )
    }
}

/// An administrative dossier as its applicant or an officer sees it.
#[pyclass(module = "sportello", frozen)]
pub struct Dossier {
    inner: CoreDossier,
    term: Option<TermStatus>,
    release_not_before: Option<NaiveDate>,
}

#[pymethods]
impl Dossier {
    /// The dossier id (`MI-2026-000001`).
    #[getter]
    fn id(&self) -> String {
        self.inner.id().into()
    }
    /// The service id.
    #[getter]
    fn service_id(&self) -> String {
        self.inner.service_id().into()
    }
    /// The chamber code.
    #[getter]
    fn chamber(&self) -> String {
        self.inner.chamber().to_string()
    }
    /// The state (`registered`, `in_charge`, ...).
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.state().as_str()
    }
    /// The version (number of events).
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }
    /// The term, if the application was received.
    #[getter]
    fn term(&self) -> Option<TermStatus> {
        self.term.clone()
    }
    /// The due date, if the application was received.
    #[getter]
    fn due_date(&self) -> Option<NaiveDate> {
        self.term.as_ref().map(|t| t.due_date)
    }
    /// The history, oldest first.
    #[getter]
    fn history(&self) -> Vec<HistoryEntry> {
        self.inner
            .history()
            .iter()
            .map(|h| HistoryEntry {
                seq: h.seq,
                at: h.at,
                actor_kind: snake(h.actor.kind),
                actor_id: h.actor.id.clone(),
                action: snake(h.action),
                from_state: h.from.map(|s| s.as_str().to_string()),
                to_state: h.to.as_str().to_string(),
                reason: h.reason.clone(),
            })
            .collect()
    }
    /// Protocol numbers (`2026/0000001`), in order.
    #[getter]
    fn protocol_numbers(&self) -> Vec<String> {
        self.inner.protocol_numbers().iter().map(ToString::to_string).collect()
    }
    /// Annulled protocol numbers as (number, reason, authorising act, by, date).
    #[getter]
    fn annulled_protocols(&self) -> Vec<(String, String, String, String, NaiveDate)> {
        self.inner
            .annulled_protocols()
            .iter()
            .map(|a| (a.number.to_string(), a.reason.clone(), a.authorisation.clone(), a.by.clone(), a.on))
            .collect()
    }
    /// Messages as (author id, text).
    #[getter]
    fn messages(&self) -> Vec<(String, String)> {
        self.inner.messages().iter().map(|m| (m.from.id.clone(), m.text.clone())).collect()
    }
    /// PEC receipts as (purpose, kind, instant, detail).
    #[getter]
    fn receipts(&self) -> Vec<(String, String, DateTime<Utc>, Option<String>)> {
        self.inner
            .receipts()
            .iter()
            .map(|r| (r.purpose.clone(), snake(r.receipt.kind), r.receipt.at, r.receipt.detail.clone()))
            .collect()
    }
    /// Documents of the applicant as (name, SHA-256 hex).
    #[getter]
    fn attachments(&self) -> Vec<(String, String)> {
        self.inner.attachments().iter().map(|a| (a.name.clone(), a.digest.to_hex())).collect()
    }
    /// The outcome (`accepted`/`rejected`), if any.
    #[getter]
    fn outcome(&self) -> Option<String> {
        self.inner.outcome().map(|o| snake(o.outcome))
    }
    /// SHA-256 hex of the outcome document, which certifies the outcome.
    #[getter]
    fn outcome_digest(&self) -> Option<String> {
        self.inner.outcome().and_then(|o| o.document.as_ref()).map(|a| a.digest.to_hex())
    }
    /// The preservation receipt id, once preserved.
    #[getter]
    fn preservation_receipt(&self) -> Option<String> {
        self.inner.preservation().map(|r| r.id.clone())
    }
    /// The applicant's codice fiscale, as frozen at submission.
    /// Payments recorded: `(amount, reference)` (the IUV for pagoPA payments).
    #[getter]
    fn payments(&self) -> Vec<(Decimal, String)> {
        self.inner.payments().iter().map(|(a, r)| (a.amount(), r.clone())).collect()
    }

    /// Every payment asked on the dossier, in order.
    #[getter]
    fn payment_requests(&self) -> Vec<PaymentRequest> {
        self.inner.requested_payments().iter().cloned().map(PaymentRequest).collect()
    }

    /// The payments asked and not paid yet.
    #[getter]
    fn pending_payments(&self) -> Vec<PaymentRequest> {
        self.inner.pending_payments().cloned().map(PaymentRequest).collect()
    }

    /// The last fee computed on the dossier, if any.
    #[getter]
    fn fee_computation(&self) -> Option<FeeComputation> {
        self.inner.fee_computations().last().cloned().map(FeeComputation)
    }

    /// The amount a refund or correction decision states, once determined.
    #[getter]
    fn determined_amount(&self) -> Option<Decimal> {
        self.inner.determined_amount().map(|a| a.amount.amount())
    }

    #[getter]
    fn applicant_tax_code(&self) -> String {
        self.inner.applicant().tax_code.clone()
    }
    /// The last day to reply to the open integration request, if one is open.
    #[getter]
    fn reply_by(&self) -> Option<NaiveDate> {
        self.inner.integration().map(|i| i.reply_by)
    }
    /// The first day the data or documents may be released, when an access was granted despite
    /// a counter-interested party's opposition (D.Lgs. 33/2013 art. 5 c.6); ``None`` otherwise.
    #[getter]
    fn release_not_before(&self) -> Option<NaiveDate> {
        self.release_not_before
    }
    /// The day the data or documents were released, if they were.
    #[getter]
    fn released_on(&self) -> Option<NaiveDate> {
        self.inner.released_on()
    }
    /// Counter-interested parties' oppositions as (text, day recorded).
    #[getter]
    fn oppositions(&self) -> Vec<(String, NaiveDate)> {
        self.inner.oppositions().iter().map(|o| (o.text.clone(), o.received_on)).collect()
    }
    /// The whole dossier as JSON.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        format!(
            "Dossier({:?}, status={:?}, version={})",
            self.inner.id(),
            self.inner.state().as_str(),
            self.inner.version()
        )
    }
}

/// The annulment of a protocol registration (DPR 445/2000 art. 54): date, operator, authorising
/// officer and act, reason.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Annulment {
    at: DateTime<Utc>,
    on: NaiveDate,
    operator: String,
    authorised_by: String,
    authorisation: String,
    reason: String,
}

#[pymethods]
impl Annulment {
    fn __repr__(&self) -> String {
        format!("Annulment(on={}, by={:?}, reason={:?})", self.on, self.authorised_by, self.reason)
    }
}

/// A protocol registration, annulled or not: its original data stay readable.
#[pyclass(module = "sportello", frozen)]
#[derive(Clone)]
pub struct ProtocolEntry {
    inner: CoreEntry,
}

fn entry_of(e: &CoreEntry) -> ProtocolEntry {
    ProtocolEntry { inner: e.clone() }
}

#[pymethods]
impl ProtocolEntry {
    /// The number, `2026/0000001`.
    #[getter]
    fn number(&self) -> String {
        self.inner.number().to_string()
    }
    /// The register code (`CodiceRegistro`).
    #[getter]
    fn register(&self) -> String {
        self.inner.register().register.clone()
    }
    /// The date of registration (Italian time).
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date()
    }
    /// The instant of registration (UTC).
    #[getter]
    fn registered_at(&self) -> DateTime<Utc> {
        self.inner.registered_at()
    }
    /// `incoming`, `outgoing` or `internal`.
    #[getter]
    fn direction(&self) -> String {
        snake(self.inner.direction())
    }
    /// The sender's name.
    #[getter]
    fn sender(&self) -> String {
        self.inner.sender().display_name()
    }
    /// The recipients' names.
    #[getter]
    fn recipients(&self) -> Vec<String> {
        self.inner.recipients().iter().map(|c| c.display_name()).collect()
    }
    /// The subject (*oggetto*).
    #[getter]
    fn subject(&self) -> String {
        self.inner.subject().into()
    }
    /// The classification code.
    #[getter]
    fn classification(&self) -> String {
        self.inner.classification().code.clone()
    }
    /// The folder (dossier id), if any.
    #[getter]
    fn folder(&self) -> Option<String> {
        self.inner.folder().map(|f| f.code.clone())
    }
    /// The primary document's file name.
    #[getter]
    fn file_name(&self) -> String {
        self.inner.primary().file_name.clone()
    }
    /// The primary document's SHA-256, hex (*impronta*).
    #[getter]
    fn digest(&self) -> String {
        self.inner.primary().digest.to_hex()
    }
    /// How many attachments.
    #[getter]
    fn attachments_count(&self) -> usize {
        self.inner.attachments_count()
    }
    /// Whether the registration was annulled.
    #[getter]
    fn annulled(&self) -> bool {
        self.inner.is_annulled()
    }
    /// The annulment, if any.
    #[getter]
    fn annulment(&self) -> Option<Annulment> {
        self.inner.annulment().map(|a| Annulment {
            at: a.at,
            on: sportello::calendar::italian_date(a.at),
            operator: a.operator.clone(),
            authorised_by: a.authorised_by.clone(),
            authorisation: a.authorisation.clone(),
            reason: a.reason.clone(),
        })
    }
    /// The whole entry as JSON.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        let mark = if self.inner.is_annulled() { ", annulled" } else { "" };
        format!("ProtocolEntry({}{mark})", self.inner.number())
    }
}

/// The daily protocol register of one day, as the day saw it, with its digest.
#[pyclass(module = "sportello", frozen)]
pub struct DailyRegister {
    inner: CoreDaily,
}

#[pymethods]
impl DailyRegister {
    /// The day.
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    /// The identifier, `cciaa_mi-AOO_MI-PG-20260302`.
    #[getter]
    fn identifier(&self) -> String {
        self.inner.identifier()
    }
    /// SHA-256 of the register's content, hex.
    #[getter]
    fn digest(&self) -> String {
        self.inner.digest.to_hex()
    }
    /// The registrations of the day (annulment marks recorded that day).
    #[getter]
    fn entries(&self) -> Vec<ProtocolEntry> {
        self.inner.entries.iter().map(entry_of).collect()
    }
    /// Registrations of earlier days annulled on this day.
    #[getter]
    fn annulments(&self) -> Vec<ProtocolEntry> {
        self.inner.annulments.iter().map(entry_of).collect()
    }
    /// The first number of the day, if any.
    #[getter]
    fn first_number(&self) -> Option<String> {
        self.inner.first_number().map(|n| n.to_string())
    }
    /// The last number of the day, if any.
    #[getter]
    fn last_number(&self) -> Option<String> {
        self.inner.last_number().map(|n| n.to_string())
    }
    /// Whether nothing was registered or annulled on the day.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    /// The document sent to preservation (canonical JSON, UTF-8): its SHA-256 is `digest`.
    fn content<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.content())
    }
    /// Whether the digest still matches the content.
    fn verify(&self) -> bool {
        self.inner.verify()
    }
    fn __repr__(&self) -> String {
        format!("DailyRegister({}, {} entries)", self.inner.date, self.inner.entries.len())
    }
}

/// A day whose daily register is still to be sent to preservation.
#[pyclass(module = "sportello", frozen, get_all)]
pub struct PendingRegister {
    date: NaiveDate,
    due_date: NaiveDate,
    overdue: bool,
    registrations: usize,
    annulments: usize,
}

#[pymethods]
impl PendingRegister {
    fn __repr__(&self) -> String {
        format!("PendingRegister({}, due {}, overdue={})", self.date, self.due_date, self.overdue)
    }
}

/// A daily register sent to preservation, with the receipt (*rapporto di versamento*).
#[pyclass(module = "sportello", frozen, get_all)]
pub struct RegisterPreservation {
    date: NaiveDate,
    register_digest: String,
    registrations: usize,
    annulments: usize,
    sent_at: DateTime<Utc>,
    sent_by: String,
    due_date: NaiveDate,
    late: bool,
    receipt_id: String,
    receipt_at: DateTime<Utc>,
    package_id: String,
    package_digest: String,
}

impl From<CorePreservation> for RegisterPreservation {
    fn from(p: CorePreservation) -> Self {
        RegisterPreservation {
            late: p.late(),
            date: p.date,
            register_digest: p.register_digest.to_hex(),
            registrations: p.registrations,
            annulments: p.annulments,
            sent_at: p.sent_at,
            sent_by: p.sent_by,
            due_date: p.due_date,
            receipt_id: p.receipt.id,
            receipt_at: p.receipt.at,
            package_id: p.receipt.package_id,
            package_digest: p.receipt.package_digest.to_hex(),
        }
    }
}

#[pymethods]
impl RegisterPreservation {
    fn __repr__(&self) -> String {
        format!("RegisterPreservation({}, receipt {})", self.date, self.receipt_id)
    }
}

/// A dossier store implemented by the host: any object with `append(dossier_id, expected_version,
/// events) -> int` (events as JSON strings; raise `Conflict` on a version mismatch),
/// `load(dossier_id) -> list[str]`, `dossier_ids() -> list[str]` and `next_sequence() -> int`.
struct HostStore {
    obj: Py<PyAny>,
}

fn port(py: Python<'_>, e: PyErr) -> StoreError {
    let _ = py;
    StoreError::Port(PortError::new("dossier_store", e.to_string()))
}

impl DossierStore for HostStore {
    fn append(
        &self,
        dossier_id: &str,
        expected_version: u64,
        events: &[DossierEvent],
    ) -> Result<u64, StoreError> {
        Python::attach(|py| {
            let json: Vec<String> =
                events.iter().map(|e| serde_json::to_string(e).unwrap_or_default()).collect();
            match self.obj.call_method1(py, "append", (dossier_id, expected_version, json)) {
                Ok(v) => v.extract::<u64>(py).map_err(|e| port(py, e)),
                Err(e) if e.is_instance_of::<Conflict>(py) => {
                    let actual =
                        e.value(py).getattr("actual").and_then(|a| a.extract::<u64>()).unwrap_or(u64::MAX);
                    Err(StoreError::Conflict {
                        dossier_id: dossier_id.into(),
                        expected: expected_version,
                        actual,
                    })
                }
                Err(e) => Err(port(py, e)),
            }
        })
    }

    fn load(&self, dossier_id: &str) -> Result<Vec<DossierEvent>, StoreError> {
        Python::attach(|py| {
            let list: Vec<String> = self
                .obj
                .call_method1(py, "load", (dossier_id,))
                .and_then(|v| v.extract(py))
                .map_err(|e| port(py, e))?;
            list.iter()
                .map(|s| {
                    serde_json::from_str(s).map_err(|e| {
                        StoreError::Port(PortError::new("dossier_store", format!("bad event JSON: {e}")))
                    })
                })
                .collect()
        })
    }

    fn dossier_ids(&self) -> Result<Vec<String>, StoreError> {
        Python::attach(|py| {
            self.obj.call_method0(py, "dossier_ids").and_then(|v| v.extract(py)).map_err(|e| port(py, e))
        })
    }

    fn next_sequence(&self) -> Result<u64, StoreError> {
        Python::attach(|py| {
            self.obj.call_method0(py, "next_sequence").and_then(|v| v.extract(py)).map_err(|e| port(py, e))
        })
    }
}

/// One system action of a daily run: `action` (``lapse_integration``, ``resume``,
/// ``silent_reject``, ``silent_assent``) on `dossier_id`, for the `date` that passed.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct TermAction {
    dossier_id: String,
    action: String,
    date: NaiveDate,
}

#[pymethods]
impl TermAction {
    fn __repr__(&self) -> String {
        format!("TermAction({:?}, {}, {})", self.dossier_id, self.action, self.date)
    }
}

/// What one daily run did: its date, the actions applied, and the dossiers that failed as
/// ``(dossier_id, message)`` (retried by the next run).
#[pyclass(module = "sportello", frozen, get_all)]
pub struct TermRun {
    on: Option<NaiveDate>,
    actions: Vec<TermAction>,
    failures: Vec<(String, String)>,
}

impl From<CoreTermRun> for TermRun {
    fn from(r: CoreTermRun) -> Self {
        TermRun {
            on: r.on,
            actions: r
                .actions
                .into_iter()
                .map(|a| TermAction { dossier_id: a.dossier_id, action: snake(a.action), date: a.date })
                .collect(),
            failures: r.failures.into_iter().map(|f| (f.dossier_id, f.error.to_string())).collect(),
        }
    }
}

#[pymethods]
impl TermRun {
    fn __repr__(&self) -> String {
        format!("TermRun(on={:?}, actions={}, failures={})", self.on, self.actions.len(), self.failures.len())
    }
}

/// An open dossier in an officer's list, with its term.
#[pyclass(module = "sportello", frozen, get_all)]
pub struct DueEntry {
    dossier_id: String,
    service_id: String,
    status: String,
    officer: Option<String>,
    term: TermStatus,
}

impl From<CoreDueEntry> for DueEntry {
    fn from(e: CoreDueEntry) -> Self {
        DueEntry {
            dossier_id: e.dossier_id,
            service_id: e.service_id,
            status: e.state.as_str().into(),
            officer: e.officer,
            term: e.term.into(),
        }
    }
}

#[pymethods]
impl DueEntry {
    fn __repr__(&self) -> String {
        format!(
            "DueEntry({:?}, due_date={}, days_left={})",
            self.dossier_id, self.term.due_date, self.term.days_left
        )
    }
}

/// The counter: submission, handling, terms, protocol, PEC and preservation of dossiers.
#[pyclass(module = "sportello", frozen)]
pub struct Sportello {
    inner: Core,
}

fn attachments_arg(items: Option<&Bound<'_, PyList>>) -> PyResult<Vec<Attachment>> {
    let mut out = Vec::new();
    if let Some(list) = items {
        for item in list.iter() {
            let (name, mime, content): (String, String, Vec<u8>) = item.extract()?;
            out.push(Attachment::new(name, mime, content));
        }
    }
    Ok(out)
}

impl Sportello {
    fn chamber_or_default(&self, py: Python<'_>, chamber: Option<&str>) -> PyResult<ChamberCode> {
        match chamber {
            Some(c) => chamber_arg(py, c),
            None => self.inner.default_chamber().map_err(|e| err(py, e)),
        }
    }

    fn wrap(&self, py: Python<'_>, d: CoreDossier) -> PyResult<Dossier> {
        let term = match self.inner.term_of(&d) {
            Ok(t) => Some(t.into()),
            Err(DossierError::Term(sportello::dossier::TermError::NotStarted)) => None,
            Err(e) => return Err(err(py, e)),
        };
        let release_not_before = self.inner.release_not_before(&d).map_err(|e| err(py, e))?;
        Ok(Dossier { inner: d, term, release_not_before })
    }

    fn run(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        command: Command,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        let d =
            self.inner.execute(&actor.0, id, command, reason, expected_version).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }
}

#[pymethods]
impl Sportello {
    /// A counter on in-memory adapters (example desk `MI`, the first services), dated by `clock`;
    /// `store` may be a host-implemented dossier store; digital domiciles are read from
    /// `pec_directory` (``InMemoryPecDirectory`` or any object with ``domicile_of``; default: the
    /// directory of the registry fixtures); `fee_config` gives the desk's fee rules (default: the
    /// shipped ``FeeConfig``). `calendar` sets the desk's legal calendar (Saturday policy, patron
    /// day); `rules` configures services of the desk, each the JSON of a service's procedure rules
    /// (see ``procedure_rules``), replacing the one with the same ``service_id``.
    #[staticmethod]
    #[pyo3(signature = (clock, store = None, *, pec_directory = None, fee_config = None, calendar = None, rules = None))]
    fn with_memory_adapters(
        py: Python<'_>,
        clock: &ManualClock,
        store: Option<Py<PyAny>>,
        pec_directory: Option<&Bound<'_, PyAny>>,
        fee_config: Option<&Bound<'_, FeeConfig>>,
        calendar: Option<&Calendar>,
        rules: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let clock = Arc::new(clock.inner.clone());
        let mut inner = match store {
            Some(obj) => Core::with_store(clock, Arc::new(HostStore { obj })),
            None => Core::with_memory_adapters(clock),
        }
        .map_err(|e| err(py, e))?;
        if let Some(d) = pec_directory {
            inner.set_directory(directory_arg(d));
        }
        if let Some(cfg) = fee_config {
            let chamber = inner.default_chamber().map_err(|e| err(py, e))?;
            inner.set_fee_config(&chamber, cfg.get().inner.clone()).map_err(|e| err(py, e))?;
        }
        let chamber = inner.default_chamber().map_err(|e| err(py, e))?;
        if let Some(c) = calendar {
            inner.set_calendar(&chamber, c.inner.clone()).map_err(|e| err(py, e))?;
        }
        for json in rules.unwrap_or_default() {
            let r = ProcedureRules::from_json(&json).map_err(|e| err(py, e))?;
            inner.set_procedure_rules(&chamber, r).map_err(|e| err(py, e))?;
        }
        Ok(Sportello { inner })
    }

    /// The procedure rules of `service_id` at `chamber` (default desk), as JSON: term, silence,
    /// integration effect, counter-interested parties, the incomplete-request notice days, the
    /// release delay after an opposition...
    #[pyo3(signature = (service_id, chamber = None))]
    fn procedure_rules(&self, py: Python<'_>, service_id: &str, chamber: Option<&str>) -> PyResult<String> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        let rules = self.inner.procedure_rules(&chamber, service_id).map_err(|e| err(py, e))?;
        Ok(serde_json::to_string(rules).unwrap_or_default())
    }

    /// Submits an application for the party `actor` acts for (an ``Actor`` from
    /// ``Profiler.act_as``); `attachments` are `(name, mime_type, content)` tuples. The PEC
    /// address for communications is the party's digital domicile in the PEC directory.
    #[pyo3(signature = (actor, service_id, form, attachments = None))]
    fn submit(
        &self,
        py: Python<'_>,
        actor: &Actor,
        service_id: &str,
        form: BTreeMap<String, String>,
        attachments: Option<&Bound<'_, PyList>>,
    ) -> PyResult<Dossier> {
        let attachments = attachments_arg(attachments)?;
        let d = self.inner.submit(&actor.0, service_id, form, attachments).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// The dossier `id`, if `actor` may see it.
    fn dossier(&self, py: Python<'_>, actor: &Actor, id: &str) -> PyResult<Dossier> {
        let d = self.inner.dossier(&actor.0, id).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// The dossiers `actor` may see.
    fn my_dossiers(&self, py: Python<'_>, actor: &Actor) -> PyResult<Vec<Dossier>> {
        let ds = self.inner.my_dossiers(&actor.0).map_err(|e| err(py, e))?;
        ds.into_iter().map(|d| self.wrap(py, d)).collect()
    }

    /// The term of dossier `id`.
    fn status(&self, py: Python<'_>, actor: &Actor, id: &str) -> PyResult<TermStatus> {
        self.inner.status(&actor.0, id).map(Into::into).map_err(|e| err(py, e))
    }

    /// Takes the dossier in charge.
    #[pyo3(signature = (actor, id, *, reason = None, expected_version = None))]
    fn take_charge(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::TakeCharge, reason, expected_version)
    }

    /// Asks the applicant for an integration within `reply_within_days`.
    #[pyo3(signature = (actor, id, request, *, reply_within_days = 10, reason = None, expected_version = None))]
    #[allow(clippy::too_many_arguments)]
    fn request_integration(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        request: String,
        reply_within_days: u32,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(
            py,
            actor,
            id,
            Command::RequestIntegration { request, reply_within_days },
            reason,
            expected_version,
        )
    }

    /// The applicant's integration.
    #[pyo3(signature = (actor, id, text, attachments = None, *, expected_version = None))]
    fn reply_integration(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        text: String,
        attachments: Option<&Bound<'_, PyList>>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        let attachments = attachments_arg(attachments)?;
        self.run(py, actor, id, Command::ReplyIntegration { text, attachments }, None, expected_version)
    }

    /// Suspends the term: `cause` is `information` (art. 2 c.7, once, <= 30 days) or
    /// `counterparties` (opposition window).
    #[pyo3(signature = (actor, id, cause, days, *, reason = None, expected_version = None))]
    #[allow(clippy::too_many_arguments)]
    fn suspend(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        cause: &str,
        days: u32,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        let cause = match cause {
            "information" => SuspensionCause::Information,
            "counterparties" => SuspensionCause::Counterparties,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "cause: {cause:?} is not information or counterparties"
                )))
            }
        };
        self.run(py, actor, id, Command::Suspend { cause, days }, reason, expected_version)
    }

    /// Resumes the term.
    #[pyo3(signature = (actor, id, *, reason = None, expected_version = None))]
    fn resume(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::Resume, reason, expected_version)
    }

    /// Notice of refusal (art. 10-bis L. 241/1990).
    #[pyo3(signature = (actor, id, reasons, *, expected_version = None))]
    fn notify_refusal(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reasons: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::NotifyRefusal { reasons }, None, expected_version)
    }

    /// The applicant's observations on a notice of refusal.
    #[pyo3(signature = (actor, id, text, *, expected_version = None))]
    fn submit_observations(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        text: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::SubmitObservations { text }, None, expected_version)
    }

    /// Decides: `outcome` is `accepted` or `rejected`.
    #[pyo3(signature = (actor, id, outcome, reasons, *, expected_version = None))]
    fn decide(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        outcome: &str,
        reasons: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        let outcome = match outcome {
            "accepted" => Outcome::Accepted,
            "rejected" => Outcome::Rejected,
            _ => {
                return Err(PyTypeError::new_err(format!("outcome: {outcome:?} is not accepted or rejected")))
            }
        };
        self.run(py, actor, id, Command::Decide { outcome, reasons }, None, expected_version)
    }

    /// The applicant withdraws (a reason is required; refused once a payment exists).
    #[pyo3(signature = (actor, id, reason, *, expected_version = None))]
    fn withdraw(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::Withdraw, Some(reason), expected_version)
    }

    /// An officer reopens a closed or withdrawn dossier (a reason is required).
    #[pyo3(signature = (actor, id, reason, *, expected_version = None))]
    fn reopen(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::Reopen, Some(reason), expected_version)
    }

    /// Posts a message on the dossier.
    #[pyo3(signature = (actor, id, text, *, expected_version = None))]
    fn post_message(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        text: String,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::PostMessage { text }, None, expected_version)
    }

    /// Activates the substitute once the term has passed (art. 2 c.9-ter).
    #[pyo3(signature = (actor, id, *, expected_version = None))]
    fn activate_substitute(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::ActivateSubstitute, None, expected_version)
    }

    /// Closes the dossier.
    #[pyo3(signature = (actor, id, *, reason = None, expected_version = None))]
    fn close(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::Close, reason, expected_version)
    }

    /// Sends a closed dossier to preservation and records the receipt.
    fn preserve(&self, py: Python<'_>, actor: &Actor, id: &str) -> PyResult<Dossier> {
        let d = self.inner.preserve(&actor.0, id).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// Records a payment (amount as Decimal, int or str).
    fn record_payment(
        &self,
        py: Python<'_>,
        id: &str,
        amount: &Bound<'_, PyAny>,
        reference: &str,
    ) -> PyResult<Dossier> {
        let amount = euro_arg(amount, "amount")?;
        let d = self.inner.record_payment(id, amount, reference).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// An officer asks the applicant to pay the copies of `pages` pages (the service's copy tariff;
    /// `certified` adds the stamp duty): a pagoPA notice is opened, recorded on the dossier and
    /// sent by PEC.
    #[pyo3(signature = (actor, id, pages, *, certified = false))]
    fn request_copy_payment(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        pages: u32,
        certified: bool,
    ) -> PyResult<Dossier> {
        let d = self
            .inner
            .request_payment(&actor.0, id, Charge::Copies { pages, certified })
            .map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// Asks the annual fee computed on the dossier (``compute_fee``) through pagoPA; the applicant
    /// or an officer may ask it.
    fn request_annual_fee_payment(&self, py: Python<'_>, actor: &Actor, id: &str) -> PyResult<Dossier> {
        let d = self.inner.request_payment(&actor.0, id, Charge::AnnualFee).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// Records the payment of `notice` (str or NoticeNumber) from the gateway's position: paid,
    /// for exactly the amount asked; the same receipt again changes nothing.
    fn record_position_payment(
        &self,
        py: Python<'_>,
        id: &str,
        notice: &Bound<'_, PyAny>,
    ) -> PyResult<Dossier> {
        let notice = notice_arg(notice)?;
        let d = self.inner.record_position_payment(id, &notice).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// The PSP's receipt for `notice` reaches the counter: recorded on the position, then on the
    /// dossier. `amount` as Decimal, int or str; `paid_at` an aware datetime.
    fn receive_receipt(
        &self,
        py: Python<'_>,
        id: &str,
        notice: &Bound<'_, PyAny>,
        receipt_id: String,
        amount: &Bound<'_, PyAny>,
        paid_at: &Bound<'_, PyAny>,
    ) -> PyResult<Dossier> {
        let notice = notice_arg(notice)?;
        let receipt = Receipt {
            receipt_id,
            amount: euro_arg(amount, "amount")?,
            paid_at: datetime_arg(paid_at, "paid_at")?,
        };
        let d = self.inner.receive_receipt(id, &notice, receipt).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// An officer withdraws a payment asked and not paid (its position is cancelled).
    fn cancel_payment(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        notice: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<Dossier> {
        let notice = notice_arg(notice)?;
        let d = self.inner.cancel_payment(&actor.0, id, &notice, reason).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// The pagoPA position of `notice` as the gateway has it now.
    fn payment_position(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        notice: &Bound<'_, PyAny>,
    ) -> PyResult<PaymentPosition> {
        let notice = notice_arg(notice)?;
        self.inner.payment_position(&actor.0, id, &notice).map(PaymentPosition).map_err(|e| err(py, e))
    }

    /// What `pages` pages of copies of `service_id` cost (`certified` adds the stamp duty).
    #[pyo3(signature = (service_id, pages, *, certified = false, chamber = None))]
    fn copy_quote(
        &self,
        py: Python<'_>,
        service_id: &str,
        pages: u32,
        certified: bool,
        chamber: Option<&str>,
    ) -> PyResult<CopyQuote> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        self.inner.copy_quote(&chamber, service_id, pages, certified).map(Into::into).map_err(|e| err(py, e))
    }

    /// Computes the annual fee a `calcolo` request asks for (the applicant's company, the form's
    /// year and turnover) and attaches the computation to the dossier.
    fn compute_fee(&self, py: Python<'_>, actor: &Actor, id: &str) -> PyResult<Dossier> {
        let d = self.inner.compute_fee(&actor.0, id).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// An officer determines the amount a refund or correction decision states.
    #[pyo3(signature = (actor, id, amount, *, reason = None))]
    fn determine_amount(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        amount: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> PyResult<Dossier> {
        let amount = euro_arg(amount, "amount")?;
        let d = self.inner.determine_amount(&actor.0, id, amount, reason).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// Records the silence outcome where the service gives silence a meaning, once overdue.
    fn apply_silence(&self, py: Python<'_>, id: &str) -> PyResult<Dossier> {
        let d = self.inner.apply_silence(id).map_err(|e| err(py, e))?;
        self.wrap(py, d)
    }

    /// The daily run a host schedules: lapses integration requests whose reply window passed,
    /// closes suspensions that reached their longest, forms silence where the service gives it a
    /// meaning (the day after the due date). Idempotent.
    fn run_terms(&self, py: Python<'_>) -> PyResult<TermRun> {
        self.inner.run_terms().map(Into::into).map_err(|e| err(py, e))
    }

    /// The open dossiers of `chamber` (default desk) due within `within_days`, earliest first;
    /// for the chamber's case handlers only.
    #[pyo3(signature = (actor, within_days, chamber = None))]
    fn due_soon(
        &self,
        py: Python<'_>,
        actor: &Actor,
        within_days: u32,
        chamber: Option<&str>,
    ) -> PyResult<Vec<DueEntry>> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        let list = self.inner.due_soon(&actor.0, &chamber, within_days).map_err(|e| err(py, e))?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// The open dossiers of `chamber` (default desk) past their due date; for the chamber's case
    /// handlers only.
    #[pyo3(signature = (actor, chamber = None))]
    fn overdue(&self, py: Python<'_>, actor: &Actor, chamber: Option<&str>) -> PyResult<Vec<DueEntry>> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        let list = self.inner.overdue(&actor.0, &chamber).map_err(|e| err(py, e))?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Records a counter-interested party's opposition received within the window: the
    /// suspension ends and the opposition is protocolled. `counterparty` is ``(name, tax_code)``
    /// for a company or ``(given_name, family_name, tax_code_or_None)`` for a person.
    #[pyo3(signature = (actor, id, text, counterparty, attachments = None, *, reason = None, expected_version = None))]
    #[allow(clippy::too_many_arguments)]
    fn record_opposition(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        text: String,
        counterparty: &Bound<'_, PyAny>,
        attachments: Option<&Bound<'_, PyList>>,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        let counterparty = if let Ok((name, tax_code)) = counterparty.extract::<(String, String)>() {
            Correspondent::LegalPerson { name, tax_code }
        } else if let Ok((given_name, family_name, tax_code)) =
            counterparty.extract::<(String, String, Option<String>)>()
        {
            Correspondent::NaturalPerson { given_name, family_name, tax_code }
        } else {
            return Err(PyTypeError::new_err(
                "counterparty: (name, tax_code) or (given_name, family_name, tax_code | None)",
            ));
        };
        let attachments = attachments_arg(attachments)?;
        let command = Command::RecordOpposition { counterparty, text, attachments };
        self.run(py, actor, id, command, reason, expected_version)
    }

    /// Releases the data or documents of a granted access; after an opposition not before
    /// ``Dossier.release_not_before`` (``TermError`` with rule ``release_not_before``).
    #[pyo3(signature = (actor, id, *, reason = None, expected_version = None))]
    fn release(
        &self,
        py: Python<'_>,
        actor: &Actor,
        id: &str,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> PyResult<Dossier> {
        self.run(py, actor, id, Command::Release, reason, expected_version)
    }

    /// Verifies the event chain of dossier `id`; returns the head digest (hex).
    fn verify_dossier(&self, py: Python<'_>, id: &str) -> PyResult<String> {
        self.inner.verify_dossier(id).map(|d| d.to_hex()).map_err(|e| err(py, e))
    }

    /// The segnatura XML of protocol number `number` (`2026/0000001`) of `chamber` (default desk).
    #[pyo3(signature = (number, chamber = None))]
    fn segnatura(&self, py: Python<'_>, number: &str, chamber: Option<&str>) -> PyResult<String> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        let number: ProtocolNumber = number
            .parse()
            .map_err(|e: sportello::protocol::ProtocolError| err(py, DossierError::Protocol(e)))?;
        self.inner.segnatura(&chamber, number).map_err(|e| err(py, e))
    }

    /// The protocol entry `number` (`2026/0000001`) of `chamber` (default desk), annulled or not.
    #[pyo3(signature = (number, chamber = None))]
    fn protocol_entry(&self, py: Python<'_>, number: &str, chamber: Option<&str>) -> PyResult<ProtocolEntry> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let number = number_arg(py, number)?;
        self.inner.protocol_entry(&chamber, number).map(|e| entry_of(&e)).map_err(|e| err(py, e))
    }

    /// The daily protocol register of `day` (a `datetime.date`) of `chamber`, as the day saw it.
    #[pyo3(signature = (day, chamber = None))]
    fn daily_register(
        &self,
        py: Python<'_>,
        day: &Bound<'_, PyAny>,
        chamber: Option<&str>,
    ) -> PyResult<DailyRegister> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let day = date_arg(day, "day")?;
        self.inner.daily_register(&chamber, day).map(|inner| DailyRegister { inner }).map_err(|e| err(py, e))
    }

    /// Annuls protocol registration `number` (DPR 445/2000 art. 54): `actor` must be the head of
    /// the protocol service of the chamber (art. 61 c.3 lett. g); `reason` and `authorisation`
    /// (the references of the authorising act) are required. The entry stays readable with the
    /// annulment; the dossier it belongs to records it.
    #[pyo3(signature = (actor, number, reason, authorisation, chamber = None))]
    fn annul_registration(
        &self,
        py: Python<'_>,
        actor: &Actor,
        number: &str,
        reason: &str,
        authorisation: &str,
        chamber: Option<&str>,
    ) -> PyResult<ProtocolEntry> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let number = number_arg(py, number)?;
        self.inner
            .annul_registration(&actor.0, &chamber, number, reason, authorisation)
            .map(|e| entry_of(&e))
            .map_err(|e| err(py, e))
    }

    /// The days whose daily register is still to be sent to preservation (up to yesterday), with
    /// the due date (next working day of the office) and whether it is overdue.
    #[pyo3(signature = (chamber = None))]
    fn pending_daily_registers(
        &self,
        py: Python<'_>,
        chamber: Option<&str>,
    ) -> PyResult<Vec<PendingRegister>> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let pending = self.inner.pending_daily_registers(&chamber).map_err(|e| err(py, e))?;
        Ok(pending
            .into_iter()
            .map(|p| PendingRegister {
                date: p.date,
                due_date: p.due_date,
                overdue: p.overdue,
                registrations: p.registrations,
                annulments: p.annulments,
            })
            .collect())
    }

    /// Sends the daily register of `day` to preservation (a protocol officer or the head of the
    /// protocol service) and returns the record with the receipt.
    #[pyo3(signature = (actor, day, chamber = None))]
    fn preserve_daily_register(
        &self,
        py: Python<'_>,
        actor: &Actor,
        day: &Bound<'_, PyAny>,
        chamber: Option<&str>,
    ) -> PyResult<RegisterPreservation> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let day = date_arg(day, "day")?;
        self.inner.preserve_daily_register(&actor.0, &chamber, day).map(Into::into).map_err(|e| err(py, e))
    }

    /// The daily job: sends every daily register still to be sent, up to yesterday; returns those
    /// sent by this call (none on a second call the same day).
    #[pyo3(signature = (chamber = None))]
    fn preserve_pending_registers(
        &self,
        py: Python<'_>,
        chamber: Option<&str>,
    ) -> PyResult<Vec<RegisterPreservation>> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let sent = self.inner.preserve_pending_registers(&chamber).map_err(|e| err(py, e))?;
        Ok(sent.into_iter().map(Into::into).collect())
    }

    /// Every daily register sent to preservation, by day.
    #[pyo3(signature = (chamber = None))]
    fn register_preservations(
        &self,
        py: Python<'_>,
        chamber: Option<&str>,
    ) -> PyResult<Vec<RegisterPreservation>> {
        let chamber = self.chamber_or_default(py, chamber)?;
        let all = self.inner.register_preservations(&chamber).map_err(|e| err(py, e))?;
        Ok(all.into_iter().map(Into::into).collect())
    }

    /// The copy fee of `service_id` for `pages` pages.
    #[pyo3(signature = (service_id, pages, chamber = None))]
    fn copy_fee(
        &self,
        py: Python<'_>,
        service_id: &str,
        pages: u32,
        chamber: Option<&str>,
    ) -> PyResult<Decimal> {
        let chamber = match chamber {
            Some(c) => chamber_arg(py, c)?,
            None => self.inner.default_chamber().map_err(|e| err(py, e))?,
        };
        self.inner.copy_fee(&chamber, service_id, pages).map(|e| e.amount()).map_err(|e| err(py, e))
    }

    fn __repr__(&self) -> String {
        "Sportello(...)".into()
    }
}

/// The SHA-256 of `content`, hex (the digest the counter records for documents).
#[pyfunction]
fn sha256_hex(content: &Bound<'_, PyBytes>) -> String {
    sportello::archive::Digest::of(content.as_bytes()).to_hex()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("DossierRefused", py.get_type::<DossierRefused>())?;
    m.add("Conflict", py.get_type::<Conflict>())?;
    m.add("InvalidTransition", py.get_type::<InvalidTransition>())?;
    m.add("TermError", py.get_type::<TermError>())?;
    m.add("ChainBroken", py.get_type::<ChainBroken>())?;
    m.add("ProtocolRefused", py.get_type::<ProtocolRefused>())?;
    m.add("PaymentRefused", py.get_type::<PaymentRefused>())?;
    m.add_class::<ManualClock>()?;
    m.add_class::<TermStatus>()?;
    m.add_class::<TermAction>()?;
    m.add_class::<TermRun>()?;
    m.add_class::<DueEntry>()?;
    m.add_class::<HistoryEntry>()?;
    m.add_class::<Dossier>()?;
    m.add_class::<Sportello>()?;
    m.add_class::<Annulment>()?;
    m.add_class::<ProtocolEntry>()?;
    m.add_class::<DailyRegister>()?;
    m.add_class::<PendingRegister>()?;
    m.add_class::<RegisterPreservation>()?;
    m.add_class::<PaymentRequest>()?;
    m.add_class::<CopyQuote>()?;
    m.add_class::<FeeComputation>()?;
    m.add_function(wrap_pyfunction!(sha256_hex, m)?)?;
    Ok(())
}
