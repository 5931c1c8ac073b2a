//! Python surface of `sportello::payments`: notice numbers, RF, QR payloads, payment positions
//! with the in-memory gateway, and the prepaid account. Converts types and errors; decides nothing.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyInt, PyString};
use rust_decimal::Decimal;
use sportello::memory::{InMemoryPaymentGateway as CoreGateway, ManualClock};
use sportello::payments::{
    self as core, AccountError, CreditorCode, CreditorReference, NoticeError, NoticeReading, Operation,
    OperationId, PositionError, PositionRequest, PositionStatus, QrError, SegregationCode,
};
use sportello::ports::PaymentGateway;

use crate::convert::{date_arg, euro_arg};
use crate::errors::{new_error, InvalidDate, SportelloError};

pyo3::create_exception!(
    sportello,
    PaymentError,
    SportelloError,
    "Root of the payments errors; `rule` names the failed rule and `field` the input."
);
pyo3::create_exception!(
    sportello,
    InvalidNoticeNumber,
    PaymentError,
    "A notice number (numero avviso) that is not valid; `part` names the wrong part."
);
pyo3::create_exception!(
    sportello,
    InvalidCreditorReference,
    PaymentError,
    "An ISO 11649 RF reference that cannot be made."
);
pyo3::create_exception!(
    sportello,
    InvalidCreditorCode,
    PaymentError,
    "A creditor codice fiscale that is not 11 valid digits."
);
pyo3::create_exception!(
    sportello,
    InvalidQrPayload,
    PaymentError,
    "A pagoPA QR payload that cannot be built or read."
);
pyo3::create_exception!(
    sportello,
    PositionRefused,
    PaymentError,
    "A payment position the gateway cannot open, find, pay or cancel."
);
pyo3::create_exception!(
    sportello,
    AccountRefused,
    PaymentError,
    "A prepaid-account operation refused by a ledger rule."
);
pyo3::create_exception!(
    sportello,
    InsufficientBalance,
    AccountRefused,
    "A charge or payout larger than the balance: `balance` and `requested` say by how much."
);

// -- errors ----------------------------------------------------------------------------------------

fn notice_err(py: Python<'_>, e: &NoticeError) -> PyErr {
    new_error::<InvalidNoticeNumber>(py, e.to_string(), |x| {
        x.setattr("part", e.part())?;
        x.setattr("rule", e.rule())?;
        x.setattr("field", "notice")
    })
}

fn creditor_err(py: Python<'_>, e: &core::CreditorCodeError) -> PyErr {
    new_error::<InvalidCreditorCode>(py, e.to_string(), |x| {
        x.setattr("rule", e.rule())?;
        x.setattr("field", "creditor_cf")
    })
}

fn qr_err(py: Python<'_>, e: &QrError) -> PyErr {
    new_error::<InvalidQrPayload>(py, e.to_string(), |x| {
        x.setattr("rule", e.rule())?;
        x.setattr("field", e.field())
    })
}

fn position_err(py: Python<'_>, e: &PositionError) -> PyErr {
    new_error::<PositionRefused>(py, e.to_string(), |x| {
        x.setattr("rule", e.rule())?;
        x.setattr("field", "position")
    })
}

fn account_err(py: Python<'_>, e: &AccountError) -> PyErr {
    let fill = |x: &Bound<'_, PyAny>| {
        x.setattr("rule", e.rule())?;
        x.setattr("field", e.field())
    };
    match e {
        AccountError::InsufficientBalance { balance, requested } => {
            new_error::<InsufficientBalance>(py, e.to_string(), |x| {
                fill(x)?;
                x.setattr("balance", balance.amount())?;
                x.setattr("requested", requested.amount())
            })
        }
        _ => new_error::<AccountRefused>(py, e.to_string(), fill),
    }
}

// -- argument conversions --------------------------------------------------------------------------

/// Reads an aware `datetime.datetime` as UTC; naive datetimes and dates are refused.
pub(crate) fn datetime_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    let refuse = |rule: &str, msg: String| {
        new_error::<InvalidDate>(py, msg, |e| {
            e.setattr("field", field)?;
            e.setattr("rule", rule)
        })
    };
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(refuse(
            "type",
            format!("{field}: expected datetime.datetime, got {}", obj.get_type().name()?),
        ));
    }
    if obj.getattr("tzinfo")?.is_none() {
        return Err(refuse("aware", format!("{field}: the datetime must carry a timezone (tzinfo)")));
    }
    let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
    obj.call_method1("astimezone", (utc,))?.extract::<DateTime<Utc>>()
}

fn creditor_arg(py: Python<'_>, text: &str) -> PyResult<CreditorCode> {
    CreditorCode::parse(text).map_err(|e| creditor_err(py, &e))
}

fn segregation_arg(obj: &Bound<'_, PyAny>) -> PyResult<SegregationCode> {
    let py = obj.py();
    let parsed = if obj.is_instance_of::<PyString>() {
        obj.extract::<String>()?.parse::<SegregationCode>()
    } else if obj.is_instance_of::<PyInt>() {
        match obj.extract::<u8>() {
            Ok(v) => SegregationCode::new(v),
            Err(_) => Err(NoticeError::SegregationCode { found: obj.str()?.to_string() }),
        }
    } else {
        Err(NoticeError::SegregationCode { found: obj.get_type().name()?.to_string() })
    };
    parsed.map_err(|e| notice_err(py, &e))
}

/// A notice given as `NoticeNumber` or as text.
pub(crate) fn notice_arg(obj: &Bound<'_, PyAny>) -> PyResult<core::NoticeNumber> {
    if let Ok(n) = obj.cast::<NoticeNumber>() {
        return Ok(n.get().0.clone());
    }
    let text: String = obj.extract()?;
    core::NoticeNumber::parse(&text).map_err(|e| notice_err(obj.py(), &e))
}

fn operation_id(py: Python<'_>, text: &str) -> PyResult<OperationId> {
    text.parse().map_err(|e| account_err(py, &e))
}

// -- notice numbers --------------------------------------------------------------------------------

/// An 18-digit pagoPA notice number (numero avviso), valid by construction.
#[pyclass(module = "sportello", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NoticeNumber(core::NoticeNumber);

#[pymethods]
impl NoticeNumber {
    /// Reads a notice number (blanks between groups ignored). Legacy layouts (aux 0, 1, 2) are
    /// read unless `current_only`. Raises `InvalidNoticeNumber` naming the wrong `part`.
    #[staticmethod]
    #[pyo3(signature = (text, *, current_only = false))]
    fn parse(py: Python<'_>, text: &str, current_only: bool) -> PyResult<Self> {
        let reading = if current_only { NoticeReading::CurrentOnly } else { NoticeReading::AcceptLegacy };
        core::NoticeNumber::parse_with(text, reading).map(NoticeNumber).map_err(|e| notice_err(py, &e))
    }

    /// A current (aux 3) notice number from a segregation code (`int` 0-99 or two-digit `str`) and
    /// a 13-digit IUV base; the mod-93 check digits are computed.
    #[staticmethod]
    fn new(segregation_code: &Bound<'_, PyAny>, iuv_base: &str) -> PyResult<Self> {
        let seg = segregation_arg(segregation_code)?;
        core::NoticeNumber::new(seg, iuv_base)
            .map(NoticeNumber)
            .map_err(|e| notice_err(segregation_code.py(), &e))
    }

    /// A current (aux 3) notice number from its 17-digit IUV.
    #[staticmethod]
    fn from_iuv(py: Python<'_>, iuv: &str) -> PyResult<Self> {
        core::NoticeNumber::from_iuv(iuv).map(NoticeNumber).map_err(|e| notice_err(py, &e))
    }

    /// The 18 digits.
    #[getter]
    fn value(&self) -> &str {
        self.0.as_str()
    }

    /// The IUV (17 digits; 15 for aux 0).
    #[getter]
    fn iuv(&self) -> &str {
        self.0.iuv()
    }

    /// The IUV base (without segregation code and check digits).
    #[getter]
    fn iuv_base(&self) -> &str {
        self.0.iuv_base()
    }

    /// The aux digit, 0-3.
    #[getter]
    fn aux_digit(&self) -> u8 {
        self.0.aux_digit()
    }

    /// The segregation code as two digits (aux 3 only).
    #[getter]
    fn segregation_code(&self) -> Option<String> {
        self.0.segregation_code().map(|s| s.to_string())
    }

    /// The application code as two digits (aux 0 only).
    #[getter]
    fn application_code(&self) -> Option<String> {
        self.0.application_code().map(|c| format!("{c:02}"))
    }

    /// The check digits as two digits (none for aux 1).
    #[getter]
    fn check_digits(&self) -> Option<String> {
        self.0.check_digits().map(|c| format!("{c:02}"))
    }

    /// Whether the layout is a legacy one (aux 0, 1, 2).
    #[getter]
    fn is_legacy(&self) -> bool {
        self.0.is_legacy()
    }

    /// The printed form: groups of four digits.
    #[getter]
    fn grouped(&self) -> String {
        self.0.grouped()
    }

    fn __str__(&self) -> &str {
        self.0.as_str()
    }

    fn __repr__(&self) -> String {
        format!("NoticeNumber('{}')", self.0)
    }
}

// -- RF and QR -------------------------------------------------------------------------------------

/// The ISO 11649 creditor reference `RF<check><reference>` for 1-21 letters or digits.
#[pyfunction]
fn rf_create(py: Python<'_>, reference: &str) -> PyResult<String> {
    CreditorReference::create(reference).map(|r| r.as_str().to_string()).map_err(|e| {
        new_error::<InvalidCreditorReference>(py, e.to_string(), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", "reference")
        })
    })
}

/// Whether `text` is a valid ISO 11649 creditor reference (blanks and case ignored).
#[pyfunction]
fn rf_validate(text: &str) -> bool {
    core::rf_validate(text)
}

/// What the QR code of a pagoPA notice says.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct QrPayload(core::QrPayload);

#[pymethods]
impl QrPayload {
    /// The notice number.
    #[getter]
    fn notice(&self) -> NoticeNumber {
        NoticeNumber(self.0.notice.clone())
    }

    /// The creditor's 11-digit codice fiscale.
    #[getter]
    fn creditor_cf(&self) -> &str {
        self.0.creditor.as_str()
    }

    /// The amount in euros.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }

    /// The amount in cents.
    #[getter]
    fn amount_cents(&self) -> i64 {
        self.0.amount_cents()
    }

    /// The canonical payload text.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("QrPayload('{}')", self.0)
    }
}

/// The payload `PAGOPA|002|<notice>|<creditor>|<cents>` for a notice (a `NoticeNumber` or its
/// text), a creditor's 11-digit codice fiscale and an amount (`Decimal`, `int` or `str`).
#[pyfunction]
fn qr_payload(notice: &Bound<'_, PyAny>, creditor_cf: &str, amount: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = notice.py();
    let notice = notice_arg(notice)?;
    let creditor = creditor_arg(py, creditor_cf)?;
    let amount = euro_arg(amount, "amount")?;
    core::QrPayload::new(notice, creditor, amount)
        .map(|q| q.to_string())
        .map_err(|e| qr_err(py, &QrError::Amount(e)))
}

/// Reads a QR payload (lenient on the amount's zero padding).
#[pyfunction]
fn parse_qr_payload(py: Python<'_>, text: &str) -> PyResult<QrPayload> {
    core::QrPayload::parse(text).map(QrPayload).map_err(|e| qr_err(py, &e))
}

// -- positions and the gateway ---------------------------------------------------------------------

/// The PSP's proof of payment (ricevuta telematica).
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt(core::Receipt);

#[pymethods]
impl Receipt {
    /// A receipt: its id, the amount paid, and when it was paid (an aware datetime).
    #[new]
    fn py_new(receipt_id: String, amount: &Bound<'_, PyAny>, paid_at: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Receipt(core::Receipt {
            receipt_id,
            amount: euro_arg(amount, "amount")?,
            paid_at: datetime_arg(paid_at, "paid_at")?,
        }))
    }

    /// The PSP's receipt id.
    #[getter]
    fn receipt_id(&self) -> &str {
        &self.0.receipt_id
    }

    /// The amount paid.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }

    /// When it was paid (UTC).
    #[getter]
    fn paid_at(&self) -> DateTime<Utc> {
        self.0.paid_at
    }

    fn __repr__(&self) -> String {
        format!("Receipt('{}', {}, {})", self.0.receipt_id, self.0.amount, self.0.paid_at.to_rfc3339())
    }
}

/// A payment position: a notice to pay, its amount and due date, and its state.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct PaymentPosition(pub(crate) core::PaymentPosition);

#[pymethods]
impl PaymentPosition {
    /// The creditor's codice fiscale.
    #[getter]
    fn creditor_cf(&self) -> &str {
        self.0.creditor.as_str()
    }

    /// The notice number.
    #[getter]
    fn notice(&self) -> NoticeNumber {
        NoticeNumber(self.0.notice.clone())
    }

    /// The amount to pay.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }

    /// The description shown to the payer (causale).
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }

    /// The payer, if known.
    #[getter]
    fn debtor(&self) -> Option<&str> {
        self.0.debtor.as_deref()
    }

    /// The last day to pay (Italian time).
    #[getter]
    fn due_date(&self) -> NaiveDate {
        self.0.due_date
    }

    /// Whether it stays payable after the due date.
    #[getter]
    fn payable_after_due_date(&self) -> bool {
        self.0.payable_after_due_date
    }

    /// When it was opened (UTC).
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// `open`, `paid`, `expired` or `cancelled`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.state().as_str()
    }

    /// The receipt, once paid.
    #[getter]
    fn receipt(&self) -> Option<Receipt> {
        match &self.0.status {
            PositionStatus::Paid { receipt } => Some(Receipt(receipt.clone())),
            _ => None,
        }
    }

    /// Why it was cancelled, once cancelled.
    #[getter]
    fn cancel_reason(&self) -> Option<&str> {
        match &self.0.status {
            PositionStatus::Cancelled { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The QR payload of the printed notice.
    fn qr_payload(&self, py: Python<'_>) -> PyResult<String> {
        self.0.qr_payload().map(|q| q.to_string()).map_err(|e| position_err(py, &e))
    }

    /// The position as JSON (the core's stable shape).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!(
            "PaymentPosition(notice='{}', amount={}, due_date={}, status='{}')",
            self.0.notice,
            self.0.amount,
            self.0.due_date,
            self.0.state().as_str()
        )
    }
}

/// The result of recording a receipt.
#[pyclass(module = "sportello", frozen)]
pub struct ReceiptOutcome {
    #[pyo3(get)]
    position: Py<PaymentPosition>,
    #[pyo3(get)]
    repeated: bool,
}

#[pymethods]
impl ReceiptOutcome {
    fn __repr__(&self) -> String {
        format!(
            "ReceiptOutcome(position={}, repeated={})",
            self.position.get().__repr__(),
            py_bool(self.repeated)
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

/// The in-memory pagoPA gateway, with its own settable clock.
#[pyclass(module = "sportello", frozen)]
pub struct InMemoryPaymentGateway {
    clock: ManualClock,
    gateway: CoreGateway,
}

#[pymethods]
impl InMemoryPaymentGateway {
    /// An empty gateway whose clock shows `now` (an aware datetime).
    #[new]
    fn py_new(now: &Bound<'_, PyAny>) -> PyResult<Self> {
        let clock = ManualClock::new(datetime_arg(now, "now")?);
        let gateway = CoreGateway::new(Arc::new(clock.clone()));
        Ok(InMemoryPaymentGateway { clock, gateway })
    }

    /// Sets the gateway's clock.
    fn set_now(&self, now: &Bound<'_, PyAny>) -> PyResult<()> {
        self.clock.set(datetime_arg(now, "now")?);
        Ok(())
    }

    /// Configures a creditor to issue notices under a segregation code.
    fn add_creditor(&self, creditor_cf: &str, segregation_code: &Bound<'_, PyAny>) -> PyResult<()> {
        let creditor = creditor_arg(segregation_code.py(), creditor_cf)?;
        self.gateway.add_creditor(&creditor, segregation_arg(segregation_code)?);
        Ok(())
    }

    /// Opens a position and issues its notice number.
    #[pyo3(signature = (creditor_cf, amount, description, due_date, *, debtor = None, payable_after_due_date = false))]
    fn open_position(
        &self,
        creditor_cf: &str,
        amount: &Bound<'_, PyAny>,
        description: String,
        due_date: &Bound<'_, PyAny>,
        debtor: Option<String>,
        payable_after_due_date: bool,
    ) -> PyResult<PaymentPosition> {
        let py = amount.py();
        let request = PositionRequest {
            creditor: creditor_arg(py, creditor_cf)?,
            amount: euro_arg(amount, "amount")?,
            description,
            debtor,
            due_date: date_arg(due_date, "due_date")?,
            payable_after_due_date,
        };
        self.gateway.open_position(request).map(PaymentPosition).map_err(|e| position_err(py, &e))
    }

    /// The position as it stands now.
    fn position(&self, creditor_cf: &str, notice: &Bound<'_, PyAny>) -> PyResult<PaymentPosition> {
        let py = notice.py();
        let creditor = creditor_arg(py, creditor_cf)?;
        let notice = notice_arg(notice)?;
        self.gateway.position(&creditor, &notice).map(PaymentPosition).map_err(|e| position_err(py, &e))
    }

    /// Records the PSP's receipt; a repeated receipt changes nothing (`repeated` is True).
    fn record_receipt(
        &self,
        creditor_cf: &str,
        notice: &Bound<'_, PyAny>,
        receipt: &Receipt,
    ) -> PyResult<ReceiptOutcome> {
        let py = notice.py();
        let creditor = creditor_arg(py, creditor_cf)?;
        let notice = notice_arg(notice)?;
        let out = self
            .gateway
            .record_receipt(&creditor, &notice, receipt.0.clone())
            .map_err(|e| position_err(py, &e))?;
        Ok(ReceiptOutcome { position: Py::new(py, PaymentPosition(out.position))?, repeated: out.repeated })
    }

    /// Cancels a position that is not paid; cancelling twice changes nothing.
    fn cancel_position(
        &self,
        creditor_cf: &str,
        notice: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<PaymentPosition> {
        let py = notice.py();
        let creditor = creditor_arg(py, creditor_cf)?;
        let notice = notice_arg(notice)?;
        self.gateway
            .cancel_position(&creditor, &notice, reason)
            .map(PaymentPosition)
            .map_err(|e| position_err(py, &e))
    }

    /// Every position, as it stands now.
    fn positions(&self) -> Vec<PaymentPosition> {
        self.gateway.positions().into_iter().map(PaymentPosition).collect()
    }

    fn __repr__(&self) -> String {
        format!("InMemoryPaymentGateway(positions={})", self.gateway.positions().len())
    }
}

// -- prepaid account -------------------------------------------------------------------------------

/// One line of a prepaid account's ledger.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct LedgerEntry(core::LedgerEntry);

#[pymethods]
impl LedgerEntry {
    /// Position in the ledger, from 1.
    #[getter]
    fn sequence(&self) -> u64 {
        self.0.sequence
    }

    /// The caller's operation id.
    #[getter]
    fn operation_id(&self) -> &str {
        self.0.operation_id.as_str()
    }

    /// `top_up`, `charge`, `refund` or `payout`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.operation.kind().as_str()
    }

    /// The amount moved (positive).
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.operation.amount().amount()
    }

    /// The signed change to the balance.
    #[getter]
    fn change(&self) -> Decimal {
        self.0.change.amount()
    }

    /// The balance after this entry.
    #[getter]
    fn balance_after(&self) -> Decimal {
        self.0.balance_after.amount()
    }

    /// When it was recorded (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// The reference of a top-up or payout, the service of a charge, the charge of a refund.
    #[getter]
    fn reference(&self) -> &str {
        match &self.0.operation {
            Operation::TopUp { reference, .. } | Operation::Payout { reference, .. } => reference,
            Operation::Charge { service, .. } => service,
            Operation::Refund { charge, .. } => charge.as_str(),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "LedgerEntry({}, '{}', {}, change={}, balance_after={})",
            self.0.sequence,
            self.0.operation_id,
            self.0.operation.kind().as_str(),
            self.0.change,
            self.0.balance_after
        )
    }
}

/// The result of an account operation: the entry, and whether it had been recorded before.
#[pyclass(module = "sportello", frozen)]
pub struct Posting {
    #[pyo3(get)]
    entry: Py<LedgerEntry>,
    #[pyo3(get)]
    replayed: bool,
}

#[pymethods]
impl Posting {
    fn __repr__(&self) -> String {
        format!("Posting({}, replayed={})", self.entry.get().__repr__(), py_bool(self.replayed))
    }
}

/// A prepaid customer account: a ledger with no overdraft, idempotent by operation id.
#[pyclass(module = "sportello", frozen)]
pub struct PrepaidAccount(Mutex<core::PrepaidAccount>);

impl PrepaidAccount {
    fn lock(&self) -> std::sync::MutexGuard<'_, core::PrepaidAccount> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn post(
        &self,
        py: Python<'_>,
        operation_id: &str,
        operation: Operation,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Posting> {
        let id = self::operation_id(py, operation_id)?;
        let at = datetime_arg(at, "at")?;
        let posting = self.lock().apply(id, operation, at).map_err(|e| account_err(py, &e))?;
        Ok(Posting { entry: Py::new(py, LedgerEntry(posting.entry))?, replayed: posting.replayed })
    }
}

#[pymethods]
impl PrepaidAccount {
    /// A new, empty account.
    #[new]
    fn py_new(py: Python<'_>, account_id: &str) -> PyResult<Self> {
        let id = account_id.parse().map_err(|e| account_err(py, &e))?;
        Ok(PrepaidAccount(Mutex::new(core::PrepaidAccount::open(id))))
    }

    /// Reads an account from its JSON form; refuses a history that does not add up.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        serde_json::from_str::<core::PrepaidAccount>(text).map(|a| PrepaidAccount(Mutex::new(a))).map_err(
            |e| {
                new_error::<AccountRefused>(py, e.to_string(), |x| {
                    x.setattr("rule", "corrupt_history")?;
                    x.setattr("field", "entries")
                })
            },
        )
    }

    /// The account's JSON form: `{"id": ..., "entries": [...]}`.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.lock())
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    /// The account id.
    #[getter]
    fn account_id(&self) -> String {
        self.lock().id().to_string()
    }

    /// The balance: the sum of all entries.
    #[getter]
    fn balance(&self) -> Decimal {
        self.lock().balance().amount()
    }

    /// Every entry, oldest first.
    fn history(&self) -> Vec<LedgerEntry> {
        self.lock().history().iter().cloned().map(LedgerEntry).collect()
    }

    /// What is left to refund of a charge.
    fn refundable(&self, py: Python<'_>, charge: &str) -> PyResult<Decimal> {
        let id = operation_id(py, charge)?;
        self.lock().refundable(&id).map(|e| e.amount()).map_err(|e| account_err(py, &e))
    }

    /// Loads credit.
    #[pyo3(signature = (operation_id, amount, reference, *, at))]
    fn top_up(
        &self,
        operation_id: &str,
        amount: &Bound<'_, PyAny>,
        reference: String,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Posting> {
        let amount = euro_arg(amount, "amount")?;
        self.post(at.py(), operation_id, Operation::TopUp { amount, reference }, at)
    }

    /// Pays a service from the account; raises `InsufficientBalance` if it does not cover it.
    #[pyo3(signature = (operation_id, amount, service, *, at))]
    fn charge(
        &self,
        operation_id: &str,
        amount: &Bound<'_, PyAny>,
        service: String,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Posting> {
        let amount = euro_arg(amount, "amount")?;
        self.post(at.py(), operation_id, Operation::Charge { amount, service }, at)
    }

    /// Gives back (part of) an earlier charge.
    #[pyo3(signature = (operation_id, charge, amount, *, at))]
    fn refund(
        &self,
        operation_id: &str,
        charge: &str,
        amount: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Posting> {
        let py = at.py();
        let amount = euro_arg(amount, "amount")?;
        let charge = self::operation_id(py, charge)?;
        self.post(py, operation_id, Operation::Refund { charge, amount }, at)
    }

    /// Returns residual credit to the customer; raises `InsufficientBalance` if it exceeds it.
    #[pyo3(signature = (operation_id, amount, reference, *, at))]
    fn payout(
        &self,
        operation_id: &str,
        amount: &Bound<'_, PyAny>,
        reference: String,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Posting> {
        let amount = euro_arg(amount, "amount")?;
        self.post(at.py(), operation_id, Operation::Payout { amount, reference }, at)
    }

    fn __repr__(&self) -> String {
        let a = self.lock();
        format!("PrepaidAccount('{}', balance={}, entries={})", a.id(), a.balance(), a.history().len())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("PaymentError", py.get_type::<PaymentError>())?;
    m.add("InvalidNoticeNumber", py.get_type::<InvalidNoticeNumber>())?;
    m.add("InvalidCreditorReference", py.get_type::<InvalidCreditorReference>())?;
    m.add("InvalidCreditorCode", py.get_type::<InvalidCreditorCode>())?;
    m.add("InvalidQrPayload", py.get_type::<InvalidQrPayload>())?;
    m.add("PositionRefused", py.get_type::<PositionRefused>())?;
    m.add("AccountRefused", py.get_type::<AccountRefused>())?;
    m.add("InsufficientBalance", py.get_type::<InsufficientBalance>())?;
    m.add_class::<NoticeNumber>()?;
    m.add_class::<QrPayload>()?;
    m.add_class::<Receipt>()?;
    m.add_class::<PaymentPosition>()?;
    m.add_class::<ReceiptOutcome>()?;
    m.add_class::<InMemoryPaymentGateway>()?;
    m.add_class::<LedgerEntry>()?;
    m.add_class::<Posting>()?;
    m.add_class::<PrepaidAccount>()?;
    m.add_function(wrap_pyfunction!(rf_create, m)?)?;
    m.add_function(wrap_pyfunction!(rf_validate, m)?)?;
    m.add_function(wrap_pyfunction!(qr_payload, m)?)?;
    m.add_function(wrap_pyfunction!(parse_qr_payload, m)?)?;
    Ok(())
}
