//! Kotlin surface of `sportello::payments`: notice numbers, RF, QR payloads, payment positions on
//! the in-memory gateway, and the prepaid account. Converts types and errors; decides nothing.
//! Instants cross as `java.time.Instant` (UniFFI's `SystemTime`).

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sportello::memory::{InMemoryPaymentGateway as CoreGateway, ManualClock};
use sportello::payments::{
    self as core, AccountError, CreditorCode, CreditorCodeError, CreditorReference, NoticeError,
    NoticeReading, Operation, OperationId, OperationKind, PositionError, PositionRequest, PositionState,
    PositionStatus, QrError, RfError, SegregationCode,
};
use sportello::ports::PaymentGateway;

use crate::types::euro_arg;
use crate::SportelloError;

// -- errors ----------------------------------------------------------------------------------------

impl From<NoticeError> for SportelloError {
    fn from(e: NoticeError) -> Self {
        SportelloError::InvalidNoticeNumber {
            part: e.part().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

impl From<RfError> for SportelloError {
    fn from(e: RfError) -> Self {
        SportelloError::InvalidCreditorReference { rule: e.rule().into(), reason: e.to_string() }
    }
}

impl From<CreditorCodeError> for SportelloError {
    fn from(e: CreditorCodeError) -> Self {
        SportelloError::InvalidCreditorCode { rule: e.rule().into(), reason: e.to_string() }
    }
}

impl From<QrError> for SportelloError {
    fn from(e: QrError) -> Self {
        SportelloError::InvalidQrPayload {
            field: e.field().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

impl From<PositionError> for SportelloError {
    fn from(e: PositionError) -> Self {
        SportelloError::PositionRefused { rule: e.rule().into(), reason: e.to_string() }
    }
}

impl From<AccountError> for SportelloError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::InsufficientBalance { balance, requested } => SportelloError::InsufficientBalance {
                balance: balance.amount(),
                requested: requested.amount(),
                reason: e.to_string(),
            },
            _ => SportelloError::AccountRefused {
                field: e.field().into(),
                rule: e.rule().into(),
                reason: e.to_string(),
            },
        }
    }
}

fn instant(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(t)
}

fn creditor(text: &str) -> Result<CreditorCode, SportelloError> {
    Ok(CreditorCode::parse(text)?)
}

fn notice(text: &str) -> Result<core::NoticeNumber, SportelloError> {
    Ok(core::NoticeNumber::parse(text)?)
}

// -- notice numbers --------------------------------------------------------------------------------

/// An 18-digit pagoPA notice number (numero avviso), valid by construction.
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct NoticeNumber(core::NoticeNumber);

impl fmt::Display for NoticeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[uniffi::export]
impl NoticeNumber {
    /// A current (aux 3) notice number from a segregation code (0-99) and a 13-digit IUV base;
    /// the mod-93 check digits are computed.
    #[uniffi::constructor]
    pub fn new(segregation_code: u8, iuv_base: String) -> Result<Arc<Self>, SportelloError> {
        let seg = SegregationCode::new(segregation_code)?;
        Ok(Arc::new(NoticeNumber(core::NoticeNumber::new(seg, &iuv_base)?)))
    }

    /// Reads a notice number (blanks between groups ignored); legacy aux 0/1/2 are read unless
    /// `currentOnly`.
    #[uniffi::constructor(default(current_only = false))]
    pub fn parse(text: String, current_only: bool) -> Result<Arc<Self>, SportelloError> {
        let reading = if current_only { NoticeReading::CurrentOnly } else { NoticeReading::AcceptLegacy };
        Ok(Arc::new(NoticeNumber(core::NoticeNumber::parse_with(&text, reading)?)))
    }

    /// A current (aux 3) notice number from its 17-digit IUV.
    #[uniffi::constructor]
    pub fn from_iuv(iuv: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(NoticeNumber(core::NoticeNumber::from_iuv(&iuv)?)))
    }

    /// The 18 digits.
    pub fn value(&self) -> String {
        self.0.as_str().to_string()
    }

    /// The IUV (17 digits; 15 for aux 0).
    pub fn iuv(&self) -> String {
        self.0.iuv().to_string()
    }

    /// The IUV base, without segregation code and check digits.
    pub fn iuv_base(&self) -> String {
        self.0.iuv_base().to_string()
    }

    /// The aux digit, 0-3.
    pub fn aux_digit(&self) -> u8 {
        self.0.aux_digit()
    }

    /// The segregation code as two digits (aux 3 only).
    pub fn segregation_code(&self) -> Option<String> {
        self.0.segregation_code().map(|s| s.to_string())
    }

    /// The application code as two digits (aux 0 only).
    pub fn application_code(&self) -> Option<String> {
        self.0.application_code().map(|c| format!("{c:02}"))
    }

    /// The check digits as two digits (none for aux 1).
    pub fn check_digits(&self) -> Option<String> {
        self.0.check_digits().map(|c| format!("{c:02}"))
    }

    /// Whether the layout is a legacy one (aux 0, 1, 2).
    pub fn is_legacy(&self) -> bool {
        self.0.is_legacy()
    }

    /// The printed form, groups of four digits.
    pub fn grouped(&self) -> String {
        self.0.grouped()
    }
}

// -- RF and QR -------------------------------------------------------------------------------------

/// The ISO 11649 creditor reference `RF<check><reference>` (upper case).
#[uniffi::export]
pub fn rf_create(reference: String) -> Result<String, SportelloError> {
    Ok(CreditorReference::create(&reference)?.as_str().to_string())
}

/// Whether `text` is a valid ISO 11649 creditor reference.
#[uniffi::export]
pub fn rf_validate(text: String) -> bool {
    core::rf_validate(&text)
}

/// What the QR code of a pagoPA notice says.
#[derive(Debug, uniffi::Record)]
pub struct QrPayload {
    pub notice: Arc<NoticeNumber>,
    pub creditor_cf: String,
    pub amount: Decimal,
    pub amount_cents: i64,
}

/// The payload `PAGOPA|002|<notice>|<creditor>|<cents>`.
#[uniffi::export]
pub fn qr_payload(
    notice: Arc<NoticeNumber>,
    creditor_cf: String,
    amount: Decimal,
) -> Result<String, SportelloError> {
    let payload =
        core::QrPayload::new(notice.0.clone(), creditor(&creditor_cf)?, euro_arg(amount, "amount")?)
            .map_err(QrError::Amount)?;
    Ok(payload.to_string())
}

/// Reads a QR payload (lenient on the amount's zero padding).
#[uniffi::export]
pub fn parse_qr_payload(text: String) -> Result<QrPayload, SportelloError> {
    let p = core::QrPayload::parse(&text)?;
    Ok(QrPayload {
        amount_cents: p.amount_cents(),
        notice: Arc::new(NoticeNumber(p.notice)),
        creditor_cf: p.creditor.to_string(),
        amount: p.amount.amount(),
    })
}

// -- positions and the gateway ---------------------------------------------------------------------

/// The state of a payment position (mirrors `sportello::payments::PositionState`).
#[uniffi::remote(Enum)]
pub enum PositionState {
    Open,
    Paid,
    Expired,
    Cancelled,
}

/// The PSP's proof of payment (ricevuta telematica).
#[derive(Debug, Clone, uniffi::Record)]
pub struct Receipt {
    pub receipt_id: String,
    pub amount: Decimal,
    pub paid_at: SystemTime,
}

impl From<core::Receipt> for Receipt {
    fn from(r: core::Receipt) -> Self {
        Receipt { receipt_id: r.receipt_id, amount: r.amount.amount(), paid_at: r.paid_at.into() }
    }
}

impl TryFrom<Receipt> for core::Receipt {
    type Error = SportelloError;
    fn try_from(r: Receipt) -> Result<Self, SportelloError> {
        let amount = euro_arg(r.amount, "receipt.amount")?;
        Ok(core::Receipt { receipt_id: r.receipt_id, amount, paid_at: instant(r.paid_at) })
    }
}

/// A payment position: a notice to pay, its amount and due date, and its state.
#[derive(Debug, uniffi::Record)]
pub struct PaymentPosition {
    pub creditor_cf: String,
    pub notice: String,
    pub amount: Decimal,
    pub description: String,
    pub debtor: Option<String>,
    pub due_date: NaiveDate,
    pub payable_after_due_date: bool,
    pub created_at: SystemTime,
    pub status: PositionState,
    pub receipt: Option<Receipt>,
    pub cancel_reason: Option<String>,
    /// The QR payload of the printed notice.
    pub qr_payload: String,
}

impl TryFrom<core::PaymentPosition> for PaymentPosition {
    type Error = SportelloError;
    fn try_from(p: core::PaymentPosition) -> Result<Self, SportelloError> {
        let qr_payload = p.qr_payload()?.to_string();
        let status = p.state();
        let (receipt, cancel_reason) = match p.status {
            PositionStatus::Paid { receipt } => (Some(receipt.into()), None),
            PositionStatus::Cancelled { reason, .. } => (None, Some(reason)),
            PositionStatus::Open | PositionStatus::Expired => (None, None),
        };
        Ok(PaymentPosition {
            creditor_cf: p.creditor.to_string(),
            notice: p.notice.to_string(),
            amount: p.amount.amount(),
            description: p.description,
            debtor: p.debtor,
            due_date: p.due_date,
            payable_after_due_date: p.payable_after_due_date,
            created_at: p.created_at.into(),
            status,
            receipt,
            cancel_reason,
            qr_payload,
        })
    }
}

/// The result of recording a receipt: `repeated` is true if nothing changed.
#[derive(Debug, uniffi::Record)]
pub struct ReceiptOutcome {
    pub position: PaymentPosition,
    pub repeated: bool,
}

/// The in-memory pagoPA gateway, with its own settable clock.
#[derive(uniffi::Object)]
pub struct InMemoryPaymentGateway {
    clock: ManualClock,
    gateway: CoreGateway,
}

#[uniffi::export]
impl InMemoryPaymentGateway {
    /// An empty gateway whose clock shows `now`.
    #[uniffi::constructor]
    pub fn new(now: SystemTime) -> Arc<Self> {
        let clock = ManualClock::new(instant(now));
        let gateway = CoreGateway::new(Arc::new(clock.clone()));
        Arc::new(InMemoryPaymentGateway { clock, gateway })
    }

    /// Sets the gateway's clock.
    pub fn set_now(&self, now: SystemTime) {
        self.clock.set(instant(now));
    }

    /// Configures a creditor to issue notices under a segregation code (0-99).
    pub fn add_creditor(&self, creditor_cf: String, segregation_code: u8) -> Result<(), SportelloError> {
        self.gateway.add_creditor(&creditor(&creditor_cf)?, SegregationCode::new(segregation_code)?);
        Ok(())
    }

    /// Opens a position and issues its notice number.
    #[uniffi::method(default(debtor = None, payable_after_due_date = false))]
    pub fn open_position(
        &self,
        creditor_cf: String,
        amount: Decimal,
        description: String,
        due_date: NaiveDate,
        debtor: Option<String>,
        payable_after_due_date: bool,
    ) -> Result<PaymentPosition, SportelloError> {
        let request = PositionRequest {
            creditor: creditor(&creditor_cf)?,
            amount: euro_arg(amount, "amount")?,
            description,
            debtor,
            due_date,
            payable_after_due_date,
        };
        self.gateway.open_position(request)?.try_into()
    }

    /// The position as it stands now.
    pub fn position(
        &self,
        creditor_cf: String,
        notice_number: String,
    ) -> Result<PaymentPosition, SportelloError> {
        self.gateway.position(&creditor(&creditor_cf)?, &notice(&notice_number)?)?.try_into()
    }

    /// Records the PSP's receipt; a repeated receipt changes nothing (`repeated` is true).
    pub fn record_receipt(
        &self,
        creditor_cf: String,
        notice_number: String,
        receipt: Receipt,
    ) -> Result<ReceiptOutcome, SportelloError> {
        let out = self.gateway.record_receipt(
            &creditor(&creditor_cf)?,
            &notice(&notice_number)?,
            receipt.try_into()?,
        )?;
        Ok(ReceiptOutcome { position: out.position.try_into()?, repeated: out.repeated })
    }

    /// Cancels a position that is not paid; cancelling twice changes nothing.
    pub fn cancel_position(
        &self,
        creditor_cf: String,
        notice_number: String,
        reason: String,
    ) -> Result<PaymentPosition, SportelloError> {
        self.gateway.cancel_position(&creditor(&creditor_cf)?, &notice(&notice_number)?, &reason)?.try_into()
    }

    /// Every position, as it stands now.
    pub fn positions(&self) -> Result<Vec<PaymentPosition>, SportelloError> {
        self.gateway.positions().into_iter().map(PaymentPosition::try_from).collect()
    }
}

// -- prepaid account -------------------------------------------------------------------------------

/// The kind of a ledger operation (mirrors `sportello::payments::OperationKind`).
#[uniffi::remote(Enum)]
pub enum OperationKind {
    TopUp,
    Charge,
    Refund,
    Payout,
}

/// One line of a prepaid account's ledger.
#[derive(Debug, Clone, uniffi::Record)]
pub struct LedgerEntry {
    pub sequence: u64,
    pub operation_id: String,
    pub kind: OperationKind,
    /// The amount moved (positive).
    pub amount: Decimal,
    /// The signed change to the balance.
    pub change: Decimal,
    pub balance_after: Decimal,
    pub at: SystemTime,
    /// The reference of a top-up or payout, the service of a charge, the charge of a refund.
    pub reference: String,
}

impl From<core::LedgerEntry> for LedgerEntry {
    fn from(e: core::LedgerEntry) -> Self {
        let reference = match &e.operation {
            Operation::TopUp { reference, .. } | Operation::Payout { reference, .. } => reference.clone(),
            Operation::Charge { service, .. } => service.clone(),
            Operation::Refund { charge, .. } => charge.to_string(),
        };
        LedgerEntry {
            sequence: e.sequence,
            operation_id: e.operation_id.to_string(),
            kind: e.operation.kind(),
            amount: e.operation.amount().amount(),
            change: e.change.amount(),
            balance_after: e.balance_after.amount(),
            at: e.at.into(),
            reference,
        }
    }
}

/// The result of an account operation: `replayed` is true if it had been recorded before.
#[derive(Debug, uniffi::Record)]
pub struct Posting {
    pub entry: LedgerEntry,
    pub replayed: bool,
}

/// A prepaid customer account: a ledger with no overdraft, idempotent by operation id.
#[derive(uniffi::Object)]
pub struct PrepaidAccount(Mutex<core::PrepaidAccount>);

impl PrepaidAccount {
    fn post(
        &self,
        operation_id: String,
        operation: Operation,
        at: SystemTime,
    ) -> Result<Posting, SportelloError> {
        let id: OperationId = operation_id.parse()?;
        let mut account = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let posting = account.apply(id, operation, instant(at))?;
        Ok(Posting { entry: posting.entry.into(), replayed: posting.replayed })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, core::PrepaidAccount> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl PrepaidAccount {
    /// A new, empty account.
    #[uniffi::constructor]
    pub fn new(account_id: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(PrepaidAccount(Mutex::new(core::PrepaidAccount::open(account_id.parse()?)))))
    }

    /// Reads an account from its JSON form; refuses a history that does not add up.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, SportelloError> {
        let account: core::PrepaidAccount =
            serde_json::from_str(&text).map_err(|e| SportelloError::AccountRefused {
                field: "entries".into(),
                rule: "corrupt_history".into(),
                reason: e.to_string(),
            })?;
        Ok(Arc::new(PrepaidAccount(Mutex::new(account))))
    }

    /// The account's JSON form: `{"id": ..., "entries": [...]}`.
    pub fn to_json(&self) -> Result<String, SportelloError> {
        serde_json::to_string(&*self.lock()).map_err(|e| SportelloError::AccountRefused {
            field: "entries".into(),
            rule: "serialization".into(),
            reason: e.to_string(),
        })
    }

    /// The account id.
    pub fn account_id(&self) -> String {
        self.lock().id().to_string()
    }

    /// The balance: the sum of all entries.
    pub fn balance(&self) -> Decimal {
        self.lock().balance().amount()
    }

    /// Every entry, oldest first.
    pub fn history(&self) -> Vec<LedgerEntry> {
        self.lock().history().iter().cloned().map(LedgerEntry::from).collect()
    }

    /// What is left to refund of a charge.
    pub fn refundable(&self, charge: String) -> Result<Decimal, SportelloError> {
        let id: OperationId = charge.parse()?;
        Ok(self.lock().refundable(&id)?.amount())
    }

    /// Loads credit.
    pub fn top_up(
        &self,
        operation_id: String,
        amount: Decimal,
        reference: String,
        at: SystemTime,
    ) -> Result<Posting, SportelloError> {
        self.post(operation_id, Operation::TopUp { amount: euro_arg(amount, "amount")?, reference }, at)
    }

    /// Pays a service from the account; `InsufficientBalance` if it does not cover it.
    pub fn charge(
        &self,
        operation_id: String,
        amount: Decimal,
        service: String,
        at: SystemTime,
    ) -> Result<Posting, SportelloError> {
        self.post(operation_id, Operation::Charge { amount: euro_arg(amount, "amount")?, service }, at)
    }

    /// Gives back (part of) an earlier charge.
    pub fn refund(
        &self,
        operation_id: String,
        charge: String,
        amount: Decimal,
        at: SystemTime,
    ) -> Result<Posting, SportelloError> {
        let charge: OperationId = charge.parse()?;
        self.post(operation_id, Operation::Refund { charge, amount: euro_arg(amount, "amount")? }, at)
    }

    /// Returns residual credit to the customer; `InsufficientBalance` if it exceeds it.
    pub fn payout(
        &self,
        operation_id: String,
        amount: Decimal,
        reference: String,
        at: SystemTime,
    ) -> Result<Posting, SportelloError> {
        self.post(operation_id, Operation::Payout { amount: euro_arg(amount, "amount")?, reference }, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insufficient_balance_carries_the_amounts() {
        let account = PrepaidAccount::new("A".into()).unwrap();
        let e =
            account.charge("op".into(), Decimal::ONE, "visura".into(), SystemTime::UNIX_EPOCH).unwrap_err();
        assert!(
            matches!(e, SportelloError::InsufficientBalance { requested, .. } if requested == Decimal::ONE)
        );
    }

    #[test]
    fn notice_errors_name_the_part() {
        let e = NoticeNumber::parse("397123456789012344".into(), false).unwrap_err();
        assert!(matches!(e, SportelloError::InvalidNoticeNumber { ref part, .. } if part == "check_digits"));
    }
}
