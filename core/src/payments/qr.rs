//! The payload of the QR code printed on a pagoPA notice.
//!
//! SANP (Allegato B) §3.2, `3_02_00_avviso_di_pagamento`:
//! `PAGOPA|002|<notice number (18)>|<creditor codice fiscale (11)>|<amount in euro cents (2-10)>`.
//!
//! Producers disagree on the amount's padding (pagoPA's generator writes no padding, GovPay at
//! least four digits), so [`QrPayload::parse`] reads 1-10 digits with any leading zeros, and
//! [`QrPayload`]'s `Display` writes the cents unpadded but with at least two digits, as the spec's
//! field length requires.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::creditor::{CreditorCode, CreditorCodeError};
use super::notice::{NoticeError, NoticeNumber};
use super::{payable_cents, PayableAmountError};
use crate::money::Euro;

/// First field of the payload.
pub const QR_PREFIX: &str = "PAGOPA";
/// Version field of the payload this library reads and writes.
pub const QR_VERSION: &str = "002";

/// Why a QR payload cannot be built or read; [`QrError::field`] names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// Not five `|`-separated fields (an old generator emitted six: a regression to catch).
    #[error("QR payload must have {expected} fields separated by '|', found {found}")]
    FieldCount {
        /// Fields required.
        expected: usize,
        /// Fields found.
        found: usize,
    },
    /// The first field is not `PAGOPA`.
    #[error("QR payload must begin with \"PAGOPA\", found {found:?}")]
    Prefix {
        /// The field found.
        found: String,
    },
    /// A version other than `002`.
    #[error("QR payload version {found:?} is not supported (expected \"002\")")]
    Version {
        /// The field found.
        found: String,
    },
    /// The notice number field is not valid.
    #[error("QR payload notice number: {0}")]
    Notice(#[from] NoticeError),
    /// The creditor field is not 11 digits (no separators in a payload).
    #[error("QR payload creditor {found:?} must be 11 digits")]
    CreditorFormat {
        /// The field found.
        found: String,
    },
    /// The creditor field is not a valid 11-digit codice fiscale.
    #[error("QR payload creditor: {0}")]
    Creditor(#[from] CreditorCodeError),
    /// The amount field is not 1-10 digits.
    #[error("QR payload amount {found:?} must be 1 to 10 digits of euro cents")]
    AmountFormat {
        /// The field found.
        found: String,
    },
    /// The amount cannot be paid through pagoPA.
    #[error("QR payload amount: {0}")]
    Amount(#[from] PayableAmountError),
}

impl QrError {
    /// The field that is wrong: `payload`, `prefix`, `version`, `notice`, `creditor_cf` or `amount`.
    pub fn field(&self) -> &'static str {
        match self {
            QrError::FieldCount { .. } => "payload",
            QrError::Prefix { .. } => "prefix",
            QrError::Version { .. } => "version",
            QrError::Notice(_) => "notice",
            QrError::CreditorFormat { .. } | QrError::Creditor(_) => "creditor_cf",
            QrError::AmountFormat { .. } | QrError::Amount(_) => "amount",
        }
    }

    /// The failed rule: `field_count`, `prefix`, `version`, `creditor_format`, `amount_format`, or the rule of the
    /// inner error (a notice's part, a creditor's or amount's rule).
    pub fn rule(&self) -> &'static str {
        match self {
            QrError::FieldCount { .. } => "field_count",
            QrError::Prefix { .. } => "prefix",
            QrError::Version { .. } => "version",
            QrError::Notice(e) => e.part(),
            QrError::CreditorFormat { .. } => "creditor_format",
            QrError::Creditor(e) => e.rule(),
            QrError::AmountFormat { .. } => "amount_format",
            QrError::Amount(e) => e.rule(),
        }
    }
}

/// What the QR code of a pagoPA notice says: which notice, which creditor, how much.
///
/// ```
/// use sportello::payments::QrPayload;
/// // GovPay pads the cents; the payload is read all the same.
/// let qr = QrPayload::parse("PAGOPA|002|312000000000000119|80014930327|0015050")?;
/// assert_eq!(qr.amount.to_string(), "150.50");
/// assert_eq!(qr.to_string(), "PAGOPA|002|312000000000000119|80014930327|15050");
/// # Ok::<(), sportello::payments::QrError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "QrFields")]
pub struct QrPayload {
    /// The notice number.
    pub notice: NoticeNumber,
    /// The creditor body's codice fiscale (*IdentificativoEnte*).
    pub creditor: CreditorCode,
    /// The amount, in euros with cents.
    pub amount: Euro,
}

#[derive(Deserialize)]
struct QrFields {
    notice: NoticeNumber,
    creditor: CreditorCode,
    amount: Euro,
}

impl TryFrom<QrFields> for QrPayload {
    type Error = PayableAmountError;
    fn try_from(f: QrFields) -> Result<Self, PayableAmountError> {
        QrPayload::new(f.notice, f.creditor, f.amount)
    }
}

impl QrPayload {
    /// A payload for a payable amount (positive, whole cents, at most 10 digits of cents).
    pub fn new(
        notice: NoticeNumber,
        creditor: CreditorCode,
        amount: Euro,
    ) -> Result<Self, PayableAmountError> {
        payable_cents(amount)?;
        Ok(QrPayload { notice, creditor, amount: amount.round_cents() })
    }

    /// Reads a payload; lenient on the amount's padding (1-10 digits, leading zeros allowed) and
    /// on surrounding blanks, strict on everything else. Legacy notice layouts are read.
    pub fn parse(text: &str) -> Result<Self, QrError> {
        let fields: Vec<&str> = text.trim().split('|').collect();
        if fields.len() != 5 {
            return Err(QrError::FieldCount { expected: 5, found: fields.len() });
        }
        if fields[0] != QR_PREFIX {
            return Err(QrError::Prefix { found: fields[0].to_string() });
        }
        if fields[1] != QR_VERSION {
            return Err(QrError::Version { found: fields[1].to_string() });
        }
        let notice = NoticeNumber::parse(fields[2])?;
        if fields[3].len() != 11 || !fields[3].bytes().all(|b| b.is_ascii_digit()) {
            return Err(QrError::CreditorFormat { found: fields[3].to_string() });
        }
        let creditor = CreditorCode::parse(fields[3])?;
        let amount_text = fields[4];
        if amount_text.is_empty()
            || amount_text.len() > 10
            || !amount_text.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(QrError::AmountFormat { found: amount_text.to_string() });
        }
        let cents: i64 =
            amount_text.parse().map_err(|_| QrError::AmountFormat { found: amount_text.to_string() })?;
        Ok(QrPayload::new(notice, creditor, Euro::from_cents(cents))?)
    }

    /// The amount in cents.
    pub fn amount_cents(&self) -> i64 {
        // Checked in `new`: a payable amount always has whole cents.
        self.amount.to_cents().unwrap_or_default()
    }
}

impl fmt::Display for QrPayload {
    /// The canonical payload: cents unpadded, at least two digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{QR_PREFIX}|{QR_VERSION}|{}|{}|{:02}", self.notice, self.creditor, self.amount_cents())
    }
}

impl FromStr for QrPayload {
    type Err = QrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QrPayload::parse(s)
    }
}
