//! An in-memory PEC mailer whose delivery outcome is scriptable.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::Duration;

use crate::notify::{PecAddress, PecMessage, PecReceipt, ReceiptKind};
use crate::ports::{Clock, PecMailer, PortError};

#[derive(Default)]
struct State {
    sent: Vec<PecMessage>,
    undeliverable: BTreeMap<PecAddress, String>,
    refuse_all: Option<String>,
}

/// Records every message and answers with an acceptance receipt and, one minute later, a delivery
/// receipt; addresses marked with [`MemoryPecMailer::fail_delivery_to`] get a non-delivery notice
/// instead, and [`MemoryPecMailer::refuse_all`] makes the provider itself fail.
#[derive(Clone)]
pub struct MemoryPecMailer {
    state: Arc<Mutex<State>>,
    clock: Arc<dyn Clock>,
}

impl MemoryPecMailer {
    /// A mailer dating receipts with `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        MemoryPecMailer { state: Arc::new(Mutex::new(State::default())), clock }
    }

    /// Messages to `address` will not be delivered, with `reason`.
    pub fn fail_delivery_to(&self, address: PecAddress, reason: impl Into<String>) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .undeliverable
            .insert(address, reason.into());
    }

    /// Every send fails as a port error with `reason` (`None` restores normal service).
    pub fn refuse_all(&self, reason: Option<String>) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).refuse_all = reason;
    }

    /// The messages sent so far.
    pub fn sent(&self) -> Vec<PecMessage> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).sent.clone()
    }
}

impl PecMailer for MemoryPecMailer {
    fn send(&self, message: PecMessage) -> Result<Vec<PecReceipt>, PortError> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(reason) = &st.refuse_all {
            return Err(PortError::new("pec_mailer", reason.clone()));
        }
        let now = self.clock.now();
        let accepted = PecReceipt {
            message_id: message.id.clone(),
            kind: ReceiptKind::Acceptance,
            at: now,
            detail: None,
        };
        let second = match st.undeliverable.get(&message.to) {
            Some(reason) => PecReceipt {
                message_id: message.id.clone(),
                kind: ReceiptKind::NonDelivery,
                at: now + Duration::minutes(1),
                detail: Some(reason.clone()),
            },
            None => PecReceipt {
                message_id: message.id.clone(),
                kind: ReceiptKind::Delivery,
                at: now + Duration::minutes(1),
                detail: None,
            },
        };
        st.sent.push(message);
        Ok(vec![accepted, second])
    }
}
