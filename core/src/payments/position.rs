//! Payment positions (*posizioni debitorie*): what a creditor asks a payer to pay through pagoPA.
//!
//! A position is opened with a notice number, an amount and a due date, and then is paid (with
//! the PSP's receipt), expires, or is cancelled. The allowed moves are data
//! ([`POSITION_TRANSITIONS`]); the methods below follow that table and nothing else.
//!
//! Rules (pagoPA GPD model, GovPay *pendenze*; `reference/peers.md` §4.4):
//! - a repeated receipt (same receipt id, amount and instant) changes nothing and says so;
//!   a different receipt for a paid position is a conflict, never an overwrite;
//! - a receipt must carry the position's amount exactly;
//! - a position expires the day after its due date (Italian time) unless it was opened as
//!   payable after the due date (GPD's `switchToExpired = false`); a receipt for a payment made
//!   by the due date is accepted even when it arrives after the position expired, because
//!   receipts can arrive late (GovPay #311, #305).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::creditor::CreditorCode;
use super::notice::NoticeNumber;
use super::qr::QrPayload;
use super::{payable_cents, PayableAmountError};
use crate::calendar::italian_date;
use crate::money::Euro;
use crate::ports::PortError;

/// Most characters of a position's description (pagoPA *causale*, `remittanceInformation`).
pub const MAX_DESCRIPTION_CHARS: usize = 140;

/// What a creditor asks the gateway to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRequest {
    /// The creditor body.
    pub creditor: CreditorCode,
    /// The amount to pay.
    pub amount: Euro,
    /// The description shown to the payer (*causale*), 1-140 characters.
    pub description: String,
    /// The payer's codice fiscale or partita IVA, if known (free text: the gateway does not
    /// validate it).
    pub debtor: Option<String>,
    /// The last day to pay, in Italian time.
    pub due_date: NaiveDate,
    /// Whether the position stays payable after the due date (GPD `switchToExpired = false`).
    pub payable_after_due_date: bool,
}

/// The proof of payment sent by the PSP (*ricevuta telematica*).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Receipt {
    /// The receipt identifier assigned by the PSP (`receiptId`, IUR).
    pub receipt_id: String,
    /// The amount paid.
    pub amount: Euro,
    /// When the payer paid.
    pub paid_at: DateTime<Utc>,
}

/// The state of a position, without its data: the vocabulary of [`POSITION_TRANSITIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionState {
    /// Created and payable.
    Open,
    /// Paid, with a receipt.
    Paid,
    /// Past its due date and no longer payable.
    Expired,
    /// Withdrawn by the creditor.
    Cancelled,
}

impl PositionState {
    /// The state's stable name (`open`, `paid`, `expired`, `cancelled`).
    pub fn as_str(self) -> &'static str {
        match self {
            PositionState::Open => "open",
            PositionState::Paid => "paid",
            PositionState::Expired => "expired",
            PositionState::Cancelled => "cancelled",
        }
    }
}

/// What can happen to a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionEvent {
    /// A receipt for a payment made by the due date (or any time, if payable after it).
    ReceiptInTime,
    /// The due date has passed and the position does not stay payable.
    DueDatePassed,
    /// The creditor cancels.
    Cancel,
}

/// Every allowed move `(from, event, to)`. A move not listed is refused with
/// [`PositionError::NotAllowed`]; a repeated receipt or cancellation is recognised before the
/// table is consulted and changes nothing.
pub const POSITION_TRANSITIONS: [(PositionState, PositionEvent, PositionState); 5] = [
    (PositionState::Open, PositionEvent::ReceiptInTime, PositionState::Paid),
    (PositionState::Open, PositionEvent::DueDatePassed, PositionState::Expired),
    (PositionState::Open, PositionEvent::Cancel, PositionState::Cancelled),
    (PositionState::Expired, PositionEvent::ReceiptInTime, PositionState::Paid),
    (PositionState::Expired, PositionEvent::Cancel, PositionState::Cancelled),
];

fn transition(from: PositionState, event: PositionEvent) -> Option<PositionState> {
    POSITION_TRANSITIONS.iter().find(|(f, e, _)| *f == from && *e == event).map(|(_, _, to)| *to)
}

/// The state of a position with its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PositionStatus {
    /// Created and payable.
    Open,
    /// Paid, with the receipt that proves it.
    Paid {
        /// The PSP's receipt.
        receipt: Receipt,
    },
    /// Past its due date and no longer payable.
    Expired,
    /// Withdrawn by the creditor.
    Cancelled {
        /// When it was cancelled.
        at: DateTime<Utc>,
        /// Why.
        reason: String,
    },
}

impl PositionStatus {
    /// The state without its data.
    pub fn state(&self) -> PositionState {
        match self {
            PositionStatus::Open => PositionState::Open,
            PositionStatus::Paid { .. } => PositionState::Paid,
            PositionStatus::Expired => PositionState::Expired,
            PositionStatus::Cancelled { .. } => PositionState::Cancelled,
        }
    }
}

/// Whether a receipt changed the position or repeated one already recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptOutcome {
    /// The position after the receipt.
    pub position: PaymentPosition,
    /// True if the same receipt had already been recorded (nothing changed).
    pub repeated: bool,
}

/// Why a position cannot be opened, found, paid or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PositionError {
    /// The amount cannot be paid through pagoPA.
    #[error("position amount: {0}")]
    Amount(#[from] PayableAmountError),
    /// An empty description.
    #[error("position description must not be empty")]
    EmptyDescription,
    /// A description longer than 140 characters (pagoPA `remittanceInformation`).
    #[error("position description has {found} characters; at most {max} are allowed")]
    DescriptionTooLong {
        /// Characters found.
        found: usize,
        /// Characters allowed.
        max: usize,
    },
    /// A due date before today.
    #[error("due date {due_date} is before today ({today})")]
    DueDateInPast {
        /// The due date asked.
        due_date: NaiveDate,
        /// Today, in Italian time.
        today: NaiveDate,
    },
    /// A receipt without an identifier.
    #[error("receipt id must not be empty")]
    EmptyReceiptId,
    /// A receipt whose amount differs from the position's.
    #[error("receipt amount {found} differs from the position amount {expected}")]
    AmountMismatch {
        /// The position's amount.
        expected: Euro,
        /// The receipt's amount.
        found: Euro,
    },
    /// A paid position received a different receipt.
    #[error("position already paid with receipt {recorded:?}; receipt {offered:?} conflicts with it")]
    ConflictingReceipt {
        /// The receipt id recorded.
        recorded: String,
        /// The receipt id offered.
        offered: String,
    },
    /// A receipt for a payment made after the due date of a position that expires.
    #[error("payment on {paid_on} is after the due date {due_date}")]
    PaidAfterDueDate {
        /// The position's due date.
        due_date: NaiveDate,
        /// The payment's date, in Italian time.
        paid_on: NaiveDate,
    },
    /// A move the transition table does not allow.
    #[error("a {state} position cannot take {event:?}")]
    NotAllowed {
        /// The position's state.
        state: &'static str,
        /// What was attempted.
        event: PositionEvent,
    },
    /// The gateway does not know the creditor.
    #[error("creditor {creditor} is not configured on the gateway")]
    UnknownCreditor {
        /// The creditor's codice fiscale.
        creditor: String,
    },
    /// The gateway has no such position.
    #[error("no position for creditor {creditor} and notice {notice}")]
    UnknownPosition {
        /// The creditor's codice fiscale.
        creditor: String,
        /// The notice number.
        notice: String,
    },
    /// The creditor's 13-digit IUV counter is exhausted.
    #[error("IUV counter of creditor {creditor} is exhausted")]
    IuvSpaceExhausted {
        /// The creditor's codice fiscale.
        creditor: String,
    },
    /// The integration itself failed.
    #[error(transparent)]
    Port(#[from] PortError),
}

impl PositionError {
    /// The input the rule is about: `amount`, `description`, `due_date`, `receipt_id`, `paid_at`,
    /// `status`, `creditor`, `notice` or `gateway`.
    pub fn field(&self) -> &'static str {
        match self {
            PositionError::Amount(_) | PositionError::AmountMismatch { .. } => "amount",
            PositionError::EmptyDescription | PositionError::DescriptionTooLong { .. } => "description",
            PositionError::DueDateInPast { .. } => "due_date",
            PositionError::EmptyReceiptId | PositionError::ConflictingReceipt { .. } => "receipt_id",
            PositionError::PaidAfterDueDate { .. } => "paid_at",
            PositionError::NotAllowed { .. } => "status",
            PositionError::UnknownCreditor { .. } => "creditor",
            PositionError::UnknownPosition { .. } | PositionError::IuvSpaceExhausted { .. } => "notice",
            PositionError::Port(_) => "gateway",
        }
    }

    /// The failed rule as a stable name.
    pub fn rule(&self) -> &'static str {
        match self {
            PositionError::Amount(e) => e.rule(),
            PositionError::EmptyDescription => "empty_description",
            PositionError::DescriptionTooLong { .. } => "description_length",
            PositionError::DueDateInPast { .. } => "due_date_in_past",
            PositionError::EmptyReceiptId => "empty_receipt_id",
            PositionError::AmountMismatch { .. } => "amount_mismatch",
            PositionError::ConflictingReceipt { .. } => "conflicting_receipt",
            PositionError::PaidAfterDueDate { .. } => "paid_after_due_date",
            PositionError::NotAllowed { .. } => "not_allowed",
            PositionError::UnknownCreditor { .. } => "unknown_creditor",
            PositionError::UnknownPosition { .. } => "unknown_position",
            PositionError::IuvSpaceExhausted { .. } => "iuv_space_exhausted",
            PositionError::Port(_) => "port",
        }
    }
}

/// A payment position: a notice to pay, its amount and due date, and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPosition {
    /// The creditor body.
    pub creditor: CreditorCode,
    /// The notice number issued for it.
    pub notice: NoticeNumber,
    /// The amount to pay, in cents.
    pub amount: Euro,
    /// The description shown to the payer.
    pub description: String,
    /// The payer, if known.
    pub debtor: Option<String>,
    /// The last day to pay (Italian time).
    pub due_date: NaiveDate,
    /// Whether it stays payable after the due date.
    pub payable_after_due_date: bool,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// Its state.
    pub status: PositionStatus,
}

impl PaymentPosition {
    /// Opens a position for `request` under `notice`, at `now`.
    pub fn open(
        request: PositionRequest,
        notice: NoticeNumber,
        now: DateTime<Utc>,
    ) -> Result<Self, PositionError> {
        Self::check_request(&request, now)?;
        Ok(PaymentPosition {
            creditor: request.creditor,
            notice,
            amount: request.amount.round_cents(),
            description: request.description,
            debtor: request.debtor,
            due_date: request.due_date,
            payable_after_due_date: request.payable_after_due_date,
            created_at: now,
            status: PositionStatus::Open,
        })
    }

    /// Checks a request without opening it (the gateway does this before spending an IUV).
    pub fn check_request(request: &PositionRequest, now: DateTime<Utc>) -> Result<(), PositionError> {
        payable_cents(request.amount)?;
        let chars = request.description.trim().chars().count();
        if chars == 0 {
            return Err(PositionError::EmptyDescription);
        }
        let chars = request.description.chars().count();
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(PositionError::DescriptionTooLong { found: chars, max: MAX_DESCRIPTION_CHARS });
        }
        let today = italian_date(now);
        if request.due_date < today {
            return Err(PositionError::DueDateInPast { due_date: request.due_date, today });
        }
        Ok(())
    }

    /// The state without its data.
    pub fn state(&self) -> PositionState {
        self.status.state()
    }

    /// The QR payload of the printed notice.
    pub fn qr_payload(&self) -> Result<QrPayload, PositionError> {
        Ok(QrPayload::new(self.notice.clone(), self.creditor.clone(), self.amount)?)
    }

    /// Whether the position has expired by `now`: still open, past its due date in Italian time,
    /// and not payable after it.
    pub fn is_due_to_expire(&self, now: DateTime<Utc>) -> bool {
        self.state() == PositionState::Open
            && !self.payable_after_due_date
            && italian_date(now) > self.due_date
    }

    /// Marks the position expired if it is due to (see [`Self::is_due_to_expire`]); returns whether
    /// it changed.
    pub fn expire_if_due(&mut self, now: DateTime<Utc>) -> bool {
        if self.is_due_to_expire(now) && transition(self.state(), PositionEvent::DueDatePassed).is_some() {
            self.status = PositionStatus::Expired;
            true
        } else {
            false
        }
    }

    /// Records the PSP's receipt. Repeating the recorded receipt changes nothing
    /// (`Ok(true)`: repeated); any other receipt for a paid position is
    /// [`PositionError::ConflictingReceipt`].
    pub fn record_receipt(&mut self, receipt: Receipt) -> Result<bool, PositionError> {
        if receipt.receipt_id.trim().is_empty() {
            return Err(PositionError::EmptyReceiptId);
        }
        if let PositionStatus::Paid { receipt: recorded } = &self.status {
            if *recorded == receipt {
                return Ok(true);
            }
            return Err(PositionError::ConflictingReceipt {
                recorded: recorded.receipt_id.clone(),
                offered: receipt.receipt_id,
            });
        }
        let to = transition(self.state(), PositionEvent::ReceiptInTime).ok_or(PositionError::NotAllowed {
            state: self.state().as_str(),
            event: PositionEvent::ReceiptInTime,
        })?;
        if receipt.amount != self.amount {
            return Err(PositionError::AmountMismatch { expected: self.amount, found: receipt.amount });
        }
        let paid_on = italian_date(receipt.paid_at);
        if !self.payable_after_due_date && paid_on > self.due_date {
            return Err(PositionError::PaidAfterDueDate { due_date: self.due_date, paid_on });
        }
        debug_assert_eq!(to, PositionState::Paid);
        self.status = PositionStatus::Paid { receipt };
        Ok(false)
    }

    /// Cancels the position at `now`. Cancelling a cancelled position changes nothing
    /// (`Ok(true)`: repeated); a paid one cannot be cancelled.
    pub fn cancel(&mut self, reason: &str, now: DateTime<Utc>) -> Result<bool, PositionError> {
        if self.state() == PositionState::Cancelled {
            return Ok(true);
        }
        transition(self.state(), PositionEvent::Cancel).ok_or(PositionError::NotAllowed {
            state: self.state().as_str(),
            event: PositionEvent::Cancel,
        })?;
        self.status = PositionStatus::Cancelled { at: now, reason: reason.to_string() };
        Ok(false)
    }
}
