//! pagoPA payments and the prepaid customer account.
//!
//! | file | concept | rule source |
//! |---|---|---|
//! | [`notice`] | the 18-digit notice number (*numero avviso*) and the IUV with its mod-93 check digits | SACI (Allegato A) §2.1 |
//! | [`rf`] | the ISO 11649 creditor reference (`RF` + mod-97 check digits) | SACI Appendice 1; ISO 11649 |
//! | [`qr`] | the `PAGOPA|002|...` payload of the QR code on the printed notice | SANP (Allegato B) §3.2 |
//! | [`creditor`] | the creditor body's 11-digit codice fiscale (*IdentificativoEnte*) | DM 23/12/1976 |
//! | [`position`] | payment positions (*posizioni debitorie*): open, paid with receipt, expired, cancelled | pagoPA GPD model |
//! | [`account`] | the prepaid customer account: a ledger of top-ups, charges, refunds and payouts | |
//!
//! The gateway that opens positions and records receipts is the port
//! [`PaymentGateway`](crate::ports::PaymentGateway); [`crate::memory::InMemoryPaymentGateway`] is
//! its deterministic in-memory implementation.
//!
//! ```
//! use sportello::payments::{CreditorCode, NoticeNumber, QrPayload, SegregationCode};
//! use sportello::money::Euro;
//!
//! let notice = NoticeNumber::new(SegregationCode::new(12)?, "0000000000001")?;
//! assert_eq!(notice.as_str(), "312000000000000119");
//! assert_eq!(notice.iuv(), "12000000000000119");
//! let creditor: CreditorCode = "80014930327".parse()?;
//! let qr = QrPayload::new(notice, creditor, "150.50".parse()?)?;
//! assert_eq!(qr.to_string(), "PAGOPA|002|312000000000000119|80014930327|15050");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod account;
pub mod creditor;
pub mod notice;
pub mod position;
pub mod qr;
pub mod rf;

pub use account::{
    AccountError, AccountId, LedgerEntry, Operation, OperationId, OperationKind, Posting, PrepaidAccount,
};
pub use creditor::{CreditorCode, CreditorCodeError};
pub use notice::{NoticeError, NoticeNumber, NoticeReading, SegregationCode};
pub use position::{
    PaymentPosition, PositionError, PositionEvent, PositionRequest, PositionState, PositionStatus, Receipt,
    ReceiptOutcome, POSITION_TRANSITIONS,
};
pub use qr::{QrError, QrPayload};
pub use rf::{rf_validate, CreditorReference, RfError};

use crate::money::Euro;

/// Largest amount pagoPA carries: the QR `Importo` field has at most 10 digits of cents
/// (SANP §3.2, `3_02_00_avviso_di_pagamento`), so EUR 99,999,999.99.
pub const MAX_PAYABLE_CENTS: i64 = 9_999_999_999;

/// Why an amount cannot be paid through pagoPA or posted to a prepaid account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PayableAmountError {
    /// Zero or negative.
    #[error("amount must be positive, got {amount}")]
    NotPositive {
        /// The amount given.
        amount: Euro,
    },
    /// More than two decimals: pagoPA amounts are whole cents; nothing is rounded silently.
    #[error("amount {amount} is not a whole number of cents")]
    FractionOfCent {
        /// The amount given.
        amount: Euro,
    },
    /// More than 10 digits of cents (SANP §3.2).
    #[error("amount {amount} exceeds the pagoPA maximum of {max}")]
    TooLarge {
        /// The amount given.
        amount: Euro,
        /// The largest payable amount.
        max: Euro,
    },
}

impl PayableAmountError {
    /// The failed rule as a stable name: `not_positive`, `fraction_of_cent`, `too_large`.
    pub fn rule(&self) -> &'static str {
        match self {
            PayableAmountError::NotPositive { .. } => "not_positive",
            PayableAmountError::FractionOfCent { .. } => "fraction_of_cent",
            PayableAmountError::TooLarge { .. } => "too_large",
        }
    }
}

/// The amount in cents if pagoPA can carry it: positive, whole cents, at most 10 digits.
///
/// ```
/// use sportello::payments::payable_cents;
/// assert_eq!(payable_cents("150.5".parse()?), Ok(15050));
/// assert!(payable_cents("0.001".parse()?).is_err());
/// # Ok::<(), sportello::money::MoneyError>(())
/// ```
pub fn payable_cents(amount: Euro) -> Result<i64, PayableAmountError> {
    if amount.is_negative() || amount.is_zero() {
        return Err(PayableAmountError::NotPositive { amount });
    }
    let max = Euro::from_cents(MAX_PAYABLE_CENTS);
    if amount > max {
        return Err(PayableAmountError::TooLarge { amount, max });
    }
    amount.to_cents().ok_or(PayableAmountError::FractionOfCent { amount })
}

#[cfg(test)]
mod tests;
