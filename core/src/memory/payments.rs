//! An in-memory pagoPA gateway.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::payments::{
    CreditorCode, NoticeNumber, PaymentPosition, PositionError, PositionRequest, Receipt, ReceiptOutcome,
    SegregationCode,
};
use crate::ports::{Clock, PaymentGateway};

#[derive(Debug, Default)]
struct State {
    /// Per creditor: its segregation code and the last IUV sequence issued.
    creditors: BTreeMap<CreditorCode, (SegregationCode, u64)>,
    positions: BTreeMap<(CreditorCode, NoticeNumber), PaymentPosition>,
}

/// A [`PaymentGateway`] kept in memory: deterministic and thread-safe.
///
/// Each creditor is configured with its segregation code; notice numbers are issued from a
/// counter per creditor (IUV base `0000000000001`, `0000000000002`, ...), so a scenario always
/// produces the same notices. Time comes from the [`Clock`] port: positions past their due date
/// show as expired.
///
/// ```
/// use std::sync::Arc;
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use sportello::memory::{InMemoryPaymentGateway, ManualClock};
/// use sportello::payments::{PositionRequest, SegregationCode, Receipt, PositionState};
/// use sportello::ports::PaymentGateway;
///
/// let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
/// let creditor = "80014930327".parse()?;
/// let gateway = InMemoryPaymentGateway::new(Arc::new(clock))
///     .with_creditor(&creditor, SegregationCode::new(12)?);
/// let position = gateway.open_position(PositionRequest {
///     creditor: creditor.clone(),
///     amount: "18.00".parse()?,
///     description: "Diritti di segreteria: certificato".into(),
///     debtor: None,
///     due_date: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
///     payable_after_due_date: false,
/// })?;
/// assert_eq!(position.notice.as_str(), "312000000000000119");
/// let receipt = Receipt {
///     receipt_id: "R-1".into(),
///     amount: "18.00".parse()?,
///     paid_at: Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap(),
/// };
/// let first = gateway.record_receipt(&creditor, &position.notice, receipt.clone())?;
/// let again = gateway.record_receipt(&creditor, &position.notice, receipt)?;
/// assert!(!first.repeated && again.repeated);
/// assert_eq!(again.position.state(), PositionState::Paid);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct InMemoryPaymentGateway {
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

impl std::fmt::Debug for InMemoryPaymentGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InMemoryPaymentGateway").finish_non_exhaustive()
    }
}

impl InMemoryPaymentGateway {
    /// An empty gateway reading time from `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        InMemoryPaymentGateway { clock, state: Mutex::new(State::default()) }
    }

    /// The gateway with `creditor` configured to issue notices under `segregation_code`.
    pub fn with_creditor(self, creditor: &CreditorCode, segregation_code: SegregationCode) -> Self {
        self.add_creditor(creditor, segregation_code);
        self
    }

    /// Configures `creditor` to issue notices under `segregation_code` (its counter is kept if it
    /// was configured before).
    pub fn add_creditor(&self, creditor: &CreditorCode, segregation_code: SegregationCode) {
        let mut state = self.lock();
        let entry = state.creditors.entry(creditor.clone()).or_insert((segregation_code, 0));
        entry.0 = segregation_code;
    }

    /// Every position, in creditor and notice order, as it stands now.
    pub fn positions(&self) -> Vec<PaymentPosition> {
        let now = self.clock.now();
        let mut state = self.lock();
        state
            .positions
            .values_mut()
            .map(|p| {
                p.expire_if_due(now);
                p.clone()
            })
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn with_position<T>(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
        act: impl FnOnce(&mut PaymentPosition) -> Result<T, PositionError>,
    ) -> Result<T, PositionError> {
        let now = self.clock.now();
        let mut state = self.lock();
        let position = state.positions.get_mut(&(creditor.clone(), notice.clone())).ok_or_else(|| {
            PositionError::UnknownPosition { creditor: creditor.to_string(), notice: notice.to_string() }
        })?;
        position.expire_if_due(now);
        // Act on a copy, so a refusal leaves the stored position untouched.
        let mut copy = position.clone();
        let out = act(&mut copy)?;
        *position = copy;
        Ok(out)
    }
}

impl PaymentGateway for InMemoryPaymentGateway {
    fn open_position(&self, request: PositionRequest) -> Result<PaymentPosition, PositionError> {
        let now = self.clock.now();
        PaymentPosition::check_request(&request, now)?;
        let mut state = self.lock();
        let creditor = request.creditor.clone();
        let (segregation_code, last) = *state
            .creditors
            .get(&creditor)
            .ok_or_else(|| PositionError::UnknownCreditor { creditor: creditor.to_string() })?;
        let sequence = last + 1;
        let notice = NoticeNumber::from_sequence(segregation_code, sequence)
            .map_err(|_| PositionError::IuvSpaceExhausted { creditor: creditor.to_string() })?;
        let position = PaymentPosition::open(request, notice.clone(), now)?;
        state.creditors.insert(creditor.clone(), (segregation_code, sequence));
        state.positions.insert((creditor, notice), position.clone());
        Ok(position)
    }

    fn position(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
    ) -> Result<PaymentPosition, PositionError> {
        self.with_position(creditor, notice, |p| Ok(p.clone()))
    }

    fn record_receipt(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
        receipt: Receipt,
    ) -> Result<ReceiptOutcome, PositionError> {
        self.with_position(creditor, notice, |p| {
            let repeated = p.record_receipt(receipt)?;
            Ok(ReceiptOutcome { position: p.clone(), repeated })
        })
    }

    fn cancel_position(
        &self,
        creditor: &CreditorCode,
        notice: &NoticeNumber,
        reason: &str,
    ) -> Result<PaymentPosition, PositionError> {
        let now = self.clock.now();
        self.with_position(creditor, notice, |p| {
            p.cancel(reason, now)?;
            Ok(p.clone())
        })
    }
}
