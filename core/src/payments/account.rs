//! The prepaid customer account (*conto prepagato*): credit a customer loads in advance and the
//! chamber draws on for the services it renders (secretarial fees, copies, stamp duty).
//!
//! The account is a ledger. Rules:
//! - every change is an entry; the balance is always the sum of the entries, and each entry
//!   carries the balance after it;
//! - no overdraft: a charge or payout larger than the balance is refused, nothing is written;
//! - every operation has an id chosen by the caller; repeating an operation with the same id and
//!   the same content returns the recorded entry and writes nothing (safe retries); the same id
//!   with a different content is a conflict;
//! - a refund gives back (part of) an earlier charge, never more than was charged;
//! - a payout returns residual credit to the customer (*rimborso del credito residuo*).
//!
//! Amounts are whole cents, positive, at most EUR 99,999,999.99 each (the pagoPA limit, since
//! top-ups arrive through pagoPA).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use sportello::payments::{AccountError, PrepaidAccount};
//!
//! let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
//! let mut account = PrepaidAccount::open("ACME-01".parse()?);
//! account.top_up("op-1".parse()?, "100.00".parse()?, "pagoPA receipt 42", at)?;
//! account.charge("op-2".parse()?, "30.00".parse()?, "certificato di iscrizione", at)?;
//! assert_eq!(account.balance().to_string(), "70.00");
//! // A retry of op-2 changes nothing.
//! assert!(account.charge("op-2".parse()?, "30.00".parse()?, "certificato di iscrizione", at)?.replayed);
//! assert!(matches!(
//!     account.charge("op-3".parse()?, "70.01".parse()?, "visura", at),
//!     Err(AccountError::InsufficientBalance { .. })
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{payable_cents, PayableAmountError};
use crate::money::Euro;

/// Most characters of an account or operation id.
pub const MAX_ID_CHARS: usize = 64;

/// Why an account operation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// An account or operation id that is empty, too long, or has blanks or control characters.
    #[error("{field} {found:?} must be 1 to 64 characters without blanks or control characters")]
    InvalidIdentifier {
        /// `account_id` or `operation_id`.
        field: &'static str,
        /// The text given.
        found: String,
    },
    /// An amount that is not positive whole cents within the pagoPA limit.
    #[error("amount: {0}")]
    InvalidAmount(#[from] PayableAmountError),
    /// A reference or service description that is empty.
    #[error("{field} must not be empty")]
    EmptyText {
        /// `reference` or `service`.
        field: &'static str,
    },
    /// A charge or payout larger than the balance: no overdraft.
    #[error("insufficient balance: {requested} requested, {balance} available")]
    InsufficientBalance {
        /// The balance before the operation.
        balance: Euro,
        /// The amount asked.
        requested: Euro,
    },
    /// An operation id already used for a different operation.
    #[error("operation {operation_id:?} was already recorded with different content")]
    OperationConflict {
        /// The operation id.
        operation_id: String,
    },
    /// A refund of a charge the account does not have.
    #[error("no charge {charge:?} to refund")]
    UnknownCharge {
        /// The operation id named as the charge.
        charge: String,
    },
    /// A refund naming an operation that is not a charge.
    #[error("operation {operation_id:?} is a {kind}, not a charge")]
    NotACharge {
        /// The operation id named.
        operation_id: String,
        /// What it is.
        kind: &'static str,
    },
    /// A refund larger than what is left of the charge.
    #[error(
        "refund of {requested} exceeds charge {charge:?}: {charged} charged, {refunded} already refunded"
    )]
    RefundExceedsCharge {
        /// The charge's operation id.
        charge: String,
        /// The amount charged.
        charged: Euro,
        /// The amount already refunded.
        refunded: Euro,
        /// The refund asked.
        requested: Euro,
    },
    /// A stored history that does not replay to itself (read back from JSON).
    #[error("ledger entry {sequence} does not replay: {reason}")]
    CorruptHistory {
        /// The entry's sequence number.
        sequence: u64,
        /// What differs.
        reason: String,
    },
    /// A balance beyond the decimal range.
    #[error("balance overflow")]
    Overflow,
}

impl AccountError {
    /// The failed rule as a stable name.
    pub fn rule(&self) -> &'static str {
        match self {
            AccountError::InvalidIdentifier { .. } => "identifier",
            AccountError::InvalidAmount(e) => e.rule(),
            AccountError::EmptyText { .. } => "empty_text",
            AccountError::InsufficientBalance { .. } => "insufficient_balance",
            AccountError::OperationConflict { .. } => "operation_conflict",
            AccountError::UnknownCharge { .. } => "unknown_charge",
            AccountError::NotACharge { .. } => "not_a_charge",
            AccountError::RefundExceedsCharge { .. } => "refund_exceeds_charge",
            AccountError::CorruptHistory { .. } => "corrupt_history",
            AccountError::Overflow => "overflow",
        }
    }

    /// The input the rule concerns.
    pub fn field(&self) -> &'static str {
        match self {
            AccountError::InvalidIdentifier { field, .. } | AccountError::EmptyText { field } => field,
            AccountError::InvalidAmount(_)
            | AccountError::InsufficientBalance { .. }
            | AccountError::RefundExceedsCharge { .. }
            | AccountError::Overflow => "amount",
            AccountError::OperationConflict { .. } => "operation_id",
            AccountError::UnknownCharge { .. } | AccountError::NotACharge { .. } => "charge",
            AccountError::CorruptHistory { .. } => "entries",
        }
    }
}

fn identifier(text: &str, field: &'static str) -> Result<String, AccountError> {
    let n = text.chars().count();
    if n == 0 || n > MAX_ID_CHARS || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AccountError::InvalidIdentifier { field, found: text.to_string() });
    }
    Ok(text.to_string())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Reads an id: 1-64 characters, no blanks or control characters.
            pub fn new(text: &str) -> Result<Self, AccountError> {
                identifier(text, $field).map($name)
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = AccountError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// The id of a prepaid account (the customer's account code).
    AccountId,
    "account_id"
);
id_type!(
    /// The caller's id of an operation: the key that makes retries safe.
    OperationId,
    "operation_id"
);

/// What an operation does to the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operation {
    /// Credit loaded by the customer (for example through a pagoPA payment).
    TopUp {
        /// The amount loaded.
        amount: Euro,
        /// Where the money came from (a pagoPA receipt id, a bank transfer reference).
        reference: String,
    },
    /// A service rendered and paid from the account.
    Charge {
        /// The amount charged.
        amount: Euro,
        /// The service (a catalogue code or description).
        service: String,
    },
    /// (Part of) an earlier charge given back to the account.
    Refund {
        /// The operation id of the charge.
        charge: OperationId,
        /// The amount given back.
        amount: Euro,
    },
    /// Residual credit returned to the customer.
    Payout {
        /// The amount returned.
        amount: Euro,
        /// How it was returned (a bank transfer reference).
        reference: String,
    },
}

/// The kind of an [`Operation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Credit loaded.
    TopUp,
    /// A service paid.
    Charge,
    /// A charge given back.
    Refund,
    /// Credit returned to the customer.
    Payout,
}

impl OperationKind {
    /// The stable name (`top_up`, `charge`, `refund`, `payout`).
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::TopUp => "top_up",
            OperationKind::Charge => "charge",
            OperationKind::Refund => "refund",
            OperationKind::Payout => "payout",
        }
    }
}

impl Operation {
    /// The kind of operation.
    pub fn kind(&self) -> OperationKind {
        match self {
            Operation::TopUp { .. } => OperationKind::TopUp,
            Operation::Charge { .. } => OperationKind::Charge,
            Operation::Refund { .. } => OperationKind::Refund,
            Operation::Payout { .. } => OperationKind::Payout,
        }
    }

    /// The (positive) amount moved.
    pub fn amount(&self) -> Euro {
        match self {
            Operation::TopUp { amount, .. }
            | Operation::Charge { amount, .. }
            | Operation::Refund { amount, .. }
            | Operation::Payout { amount, .. } => *amount,
        }
    }

    /// The signed change to the balance: credits positive, debits negative.
    pub fn change(&self) -> Euro {
        match self {
            Operation::TopUp { amount, .. } | Operation::Refund { amount, .. } => *amount,
            Operation::Charge { amount, .. } | Operation::Payout { amount, .. } => -*amount,
        }
    }

    /// The operation with its amount at two decimals (so `30` and `30.00` are the same
    /// operation).
    fn normalized(self) -> Operation {
        match self {
            Operation::TopUp { amount, reference } => {
                Operation::TopUp { amount: amount.round_cents(), reference }
            }
            Operation::Charge { amount, service } => {
                Operation::Charge { amount: amount.round_cents(), service }
            }
            Operation::Refund { charge, amount } => {
                Operation::Refund { charge, amount: amount.round_cents() }
            }
            Operation::Payout { amount, reference } => {
                Operation::Payout { amount: amount.round_cents(), reference }
            }
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Position in the ledger, from 1.
    pub sequence: u64,
    /// The caller's operation id.
    pub operation_id: OperationId,
    /// What was done.
    pub operation: Operation,
    /// The signed change to the balance.
    pub change: Euro,
    /// The balance after this entry.
    pub balance_after: Euro,
    /// When it was recorded (the caller's clock).
    pub at: DateTime<Utc>,
}

/// The result of an operation: the entry, and whether it had already been recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// The ledger entry (new, or the one recorded earlier).
    pub entry: LedgerEntry,
    /// True if the operation id had already been recorded with the same content: nothing changed.
    pub replayed: bool,
}

/// A prepaid customer account: its id and its ledger. Serialized as `{id, entries}`; reading it
/// back replays every entry and refuses a history that does not add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AccountRecord", into = "AccountRecord")]
pub struct PrepaidAccount {
    id: AccountId,
    entries: Vec<LedgerEntry>,
    balance: Euro,
    by_operation: HashMap<OperationId, usize>,
    refunded: HashMap<OperationId, Euro>,
}

#[derive(Serialize, Deserialize)]
struct AccountRecord {
    id: AccountId,
    entries: Vec<LedgerEntry>,
}

impl From<PrepaidAccount> for AccountRecord {
    fn from(a: PrepaidAccount) -> Self {
        AccountRecord { id: a.id, entries: a.entries }
    }
}

impl TryFrom<AccountRecord> for PrepaidAccount {
    type Error = AccountError;
    fn try_from(r: AccountRecord) -> Result<Self, AccountError> {
        PrepaidAccount::from_history(r.id, r.entries)
    }
}

impl PrepaidAccount {
    /// A new, empty account.
    pub fn open(id: AccountId) -> Self {
        PrepaidAccount {
            id,
            entries: Vec::new(),
            balance: Euro::ZERO,
            by_operation: HashMap::new(),
            refunded: HashMap::new(),
        }
    }

    /// Rebuilds an account from a stored history, replaying every entry; refuses entries whose
    /// sequence, change or balance do not follow, or that break a rule.
    pub fn from_history(id: AccountId, entries: Vec<LedgerEntry>) -> Result<Self, AccountError> {
        let mut account = PrepaidAccount::open(id);
        for stored in entries {
            let corrupt = |reason: String| AccountError::CorruptHistory { sequence: stored.sequence, reason };
            let posting = account
                .apply(stored.operation_id.clone(), stored.operation.clone(), stored.at)
                .map_err(|e| corrupt(e.to_string()))?;
            if posting.replayed {
                return Err(corrupt(format!("operation {} appears twice", stored.operation_id)));
            }
            if posting.entry != stored {
                return Err(corrupt(format!(
                    "expected sequence {}, change {}, balance {}",
                    posting.entry.sequence, posting.entry.change, posting.entry.balance_after
                )));
            }
        }
        Ok(account)
    }

    /// The account's id.
    pub fn id(&self) -> &AccountId {
        &self.id
    }

    /// The balance: the sum of all entries.
    pub fn balance(&self) -> Euro {
        self.balance
    }

    /// Every entry, oldest first.
    pub fn history(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// The entry recorded for an operation id.
    pub fn entry(&self, operation_id: &OperationId) -> Option<&LedgerEntry> {
        self.by_operation.get(operation_id).and_then(|i| self.entries.get(*i))
    }

    /// What is left to refund of a charge.
    pub fn refundable(&self, charge: &OperationId) -> Result<Euro, AccountError> {
        let (charged, refunded) = self.charge_and_refunded(charge)?;
        Ok(charged - refunded)
    }

    fn charge_and_refunded(&self, charge: &OperationId) -> Result<(Euro, Euro), AccountError> {
        let entry = self.entry(charge).ok_or(AccountError::UnknownCharge { charge: charge.to_string() })?;
        match &entry.operation {
            Operation::Charge { amount, .. } => {
                Ok((*amount, self.refunded.get(charge).copied().unwrap_or(Euro::ZERO)))
            }
            other => Err(AccountError::NotACharge {
                operation_id: charge.to_string(),
                kind: other.kind().as_str(),
            }),
        }
    }

    /// Loads credit.
    pub fn top_up(
        &mut self,
        operation_id: OperationId,
        amount: Euro,
        reference: &str,
        at: DateTime<Utc>,
    ) -> Result<Posting, AccountError> {
        self.apply(operation_id, Operation::TopUp { amount, reference: reference.to_string() }, at)
    }

    /// Pays a service from the account; refused if the balance does not cover it.
    pub fn charge(
        &mut self,
        operation_id: OperationId,
        amount: Euro,
        service: &str,
        at: DateTime<Utc>,
    ) -> Result<Posting, AccountError> {
        self.apply(operation_id, Operation::Charge { amount, service: service.to_string() }, at)
    }

    /// Gives back (part of) an earlier charge.
    pub fn refund(
        &mut self,
        operation_id: OperationId,
        charge: OperationId,
        amount: Euro,
        at: DateTime<Utc>,
    ) -> Result<Posting, AccountError> {
        self.apply(operation_id, Operation::Refund { charge, amount }, at)
    }

    /// Returns residual credit to the customer; refused if the balance does not cover it.
    pub fn payout(
        &mut self,
        operation_id: OperationId,
        amount: Euro,
        reference: &str,
        at: DateTime<Utc>,
    ) -> Result<Posting, AccountError> {
        self.apply(operation_id, Operation::Payout { amount, reference: reference.to_string() }, at)
    }

    /// Applies an operation: all checks first, then one entry is appended (or none, on a replay
    /// or a refusal).
    pub fn apply(
        &mut self,
        operation_id: OperationId,
        operation: Operation,
        at: DateTime<Utc>,
    ) -> Result<Posting, AccountError> {
        payable_cents(operation.amount())?;
        let operation = operation.normalized();
        if let Some(recorded) = self.entry(&operation_id) {
            if recorded.operation == operation {
                return Ok(Posting { entry: recorded.clone(), replayed: true });
            }
            return Err(AccountError::OperationConflict { operation_id: operation_id.to_string() });
        }
        match &operation {
            Operation::TopUp { reference, .. } | Operation::Payout { reference, .. }
                if reference.trim().is_empty() =>
            {
                return Err(AccountError::EmptyText { field: "reference" });
            }
            Operation::Charge { service, .. } if service.trim().is_empty() => {
                return Err(AccountError::EmptyText { field: "service" });
            }
            Operation::Charge { amount, .. } | Operation::Payout { amount, .. } if *amount > self.balance => {
                return Err(AccountError::InsufficientBalance { balance: self.balance, requested: *amount });
            }
            Operation::Refund { charge, amount } => {
                let (charged, refunded) = self.charge_and_refunded(charge)?;
                if refunded.checked_add(*amount).map_err(|_| AccountError::Overflow)? > charged {
                    return Err(AccountError::RefundExceedsCharge {
                        charge: charge.to_string(),
                        charged,
                        refunded,
                        requested: *amount,
                    });
                }
            }
            _ => {}
        }
        let change = operation.change();
        let balance_after = self.balance.checked_add(change).map_err(|_| AccountError::Overflow)?;
        if let Operation::Refund { charge, amount } = &operation {
            *self.refunded.entry(charge.clone()).or_insert(Euro::ZERO) += *amount;
        }
        let entry = LedgerEntry {
            sequence: self.entries.len() as u64 + 1,
            operation_id: operation_id.clone(),
            operation,
            change,
            balance_after,
            at,
        };
        self.by_operation.insert(operation_id, self.entries.len());
        self.entries.push(entry.clone());
        self.balance = balance_after;
        Ok(Posting { entry, replayed: false })
    }
}
