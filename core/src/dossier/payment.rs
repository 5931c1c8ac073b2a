//! Payments on a dossier: the pagoPA notice the applicant is asked to pay (copy fees, the annual
//! fee), where it stands, the annual fee the counter computed, and the amount a refund or
//! correction decision states. Also the copy quote of a service's [`CopyTariff`].
//!
//! The notice is opened on the chamber's pagoPA gateway ([`crate::ports::PaymentGateway`]) and
//! recorded on the dossier with its notice number, IUV, amount and due date; the applicant sees
//! it on the dossier with the QR payload of the printed notice (SANP §3.2) and a payment is
//! recorded only from the gateway's receipt for exactly that amount.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::event::Attachment;
use super::requests::RequestEffect;
use super::rules::CopyTariff;
use crate::chamber::ChamberCode;
use crate::fees::tariff::PAGES_PER_FOGLIO;
use crate::fees::{CopyQuote, FeeError, Occasion, SubjectKind, STAMP_DUTY};
use crate::money::Euro;
use crate::payments::{CreditorCode, NoticeNumber, QrError, QrPayload};

/// Why a payment is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentPurpose {
    /// Copies of records: the reproduction cost only (L. 241/1990 art. 25 c.1), with the stamp
    /// duty of a certified copy (DPR 184/2006 art. 7 c.6; DPR 642/1972 art. 5).
    Copies {
        /// Pages, stamps and amounts.
        quote: CopyQuote,
    },
    /// The annual fee of `year` due to `chamber` (art. 18 L. 580/1993).
    AnnualFee {
        /// The fee year.
        year: i32,
        /// The chamber that collects it.
        chamber: ChamberCode,
    },
}

impl PaymentPurpose {
    /// The snake_case name: `copies`, `annual_fee`.
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentPurpose::Copies { .. } => "copies",
            PaymentPurpose::AnnualFee { .. } => "annual_fee",
        }
    }
}

/// The pagoPA notice a dossier asks the applicant to pay (*avviso di pagamento*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentNotice {
    /// Why.
    pub purpose: PaymentPurpose,
    /// The creditor (the chamber's codice fiscale).
    pub creditor: CreditorCode,
    /// The notice number issued by the gateway.
    pub notice: NoticeNumber,
    /// The amount to pay.
    pub amount: Euro,
    /// The last day to pay (Italian time).
    pub due_date: NaiveDate,
    /// The description shown to the payer (*causale*).
    pub description: String,
}

impl PaymentNotice {
    /// The IUV the notice number carries (SACI §2.1).
    pub fn iuv(&self) -> &str {
        self.notice.iuv()
    }

    /// The payload of the QR code printed on the notice (SANP §3.2).
    pub fn qr_payload(&self) -> Result<QrPayload, QrError> {
        Ok(QrPayload::new(self.notice.clone(), self.creditor.clone(), self.amount)?)
    }
}

/// Where a requested payment stands, as the dossier's events tell it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Not paid yet.
    Pending,
    /// Paid: the PSP's receipt was recorded.
    Paid {
        /// The receipt id (IUR).
        receipt_id: String,
        /// When the payer paid.
        paid_at: DateTime<Utc>,
    },
    /// Withdrawn by the office; the position was cancelled.
    Cancelled {
        /// Why.
        reason: String,
    },
}

impl PaymentStatus {
    /// The snake_case name: `pending`, `paid`, `cancelled`.
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Paid { .. } => "paid",
            PaymentStatus::Cancelled { .. } => "cancelled",
        }
    }
}

/// A payment asked on the dossier, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedPayment {
    /// The notice.
    pub notice: PaymentNotice,
    /// When it was asked.
    pub requested_at: DateTime<Utc>,
    /// Its status.
    pub status: PaymentStatus,
}

impl RequestedPayment {
    /// Whether it is still to be paid.
    pub fn is_pending(&self) -> bool {
        self.status == PaymentStatus::Pending
    }
}

/// The annual fee the counter computed for the dossier's company, with the computation attached
/// as a document (every intermediate figure of the fees engine; its SHA-256 certifies it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeComputation {
    /// The fee year.
    pub year: i32,
    /// The company's codice fiscale.
    pub company: String,
    /// The subject kind the registry data give (DM 21/04/2011).
    pub subject: SubjectKind,
    /// Why the fee is paid (the yearly fee, or the first year of a new registration).
    pub occasion: Occasion,
    /// The chamber of the desk, as it collects the fee of `year` (merged chambers resolved).
    pub chamber: ChamberCode,
    /// The amount due to `chamber`; `None` when the company owes it nothing (seat and units
    /// elsewhere).
    pub amount_due: Option<Euro>,
    /// The total due to every chamber.
    pub total_due: Euro,
    /// The last day to pay without increase: the deadline of the year (art. 17 c.1 DPR
    /// 435/2001), or 30 days from a new registration.
    pub due_by: NaiveDate,
    /// The computation, as JSON.
    pub document: Attachment,
}

/// The amount a refund or correction decision states, as the officer determined it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeterminedAmount {
    /// Refund or correction.
    pub effect: RequestEffect,
    /// The amount refunded, or the corrected amount due.
    pub amount: Euro,
}

impl CopyTariff {
    /// What `pages` pages of copies cost under this tariff: the fee ([`CopyTariff::fee`]) and,
    /// for a certified copy, the stamp duty on the request and on the copy, one stamp per *foglio*
    /// of four pages (DPR 642/1972 art. 5 and Tariffa art. 1; AdE risoluzione 151/2001). No pages
    /// is [`FeeError::NoPages`].
    ///
    /// ```
    /// use sportello::dossier::CopyTariff;
    /// use sportello::money::Euro;
    /// let t = CopyTariff { fixed: Euro::from_units(5), per_page: Euro::from_cents(10) };
    /// let q = t.quote(12, true)?;
    /// assert_eq!((q.secretarial.to_string(), q.stamps, q.total.to_string()), ("6.20".into(), 4, "70.20".into()));
    /// # Ok::<(), sportello::fees::FeeError>(())
    /// ```
    pub fn quote(&self, pages: u32, certified: bool) -> Result<CopyQuote, FeeError> {
        if pages == 0 {
            return Err(FeeError::NoPages);
        }
        let overflow = |_| FeeError::Overflow { step: "copy quote" };
        let secretarial = self.fee(pages).map_err(overflow)?;
        let stamps = if certified { 1 + pages.div_ceil(PAGES_PER_FOGLIO) } else { 0 };
        let stamp_duty = STAMP_DUTY.checked_times(rust_decimal::Decimal::from(stamps)).map_err(overflow)?;
        let total = secretarial.checked_add(stamp_duty).map_err(overflow)?;
        Ok(CopyQuote { pages, certified, secretarial, stamps, stamp_duty, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verona() -> CopyTariff {
        CopyTariff { fixed: Euro::from_units(5), per_page: Euro::from_cents(10) }
    }

    #[test]
    fn a_plain_copy_pays_no_stamp_duty() {
        let q = verona().quote(12, false).unwrap();
        assert_eq!((q.stamps, q.stamp_duty, q.total), (0, Euro::ZERO, Euro::from_cents(620)));
    }

    #[test]
    fn a_certified_copy_pays_a_stamp_on_the_request_and_one_per_foglio_of_four_pages() {
        for (pages, stamps) in [(1, 2), (4, 2), (5, 3), (8, 3), (9, 4)] {
            let q = verona().quote(pages, true).unwrap();
            assert_eq!(q.stamps, stamps, "{pages} pages");
            assert_eq!(q.stamp_duty, Euro::from_units(16 * i64::from(stamps)));
            assert_eq!(q.total, q.secretarial + q.stamp_duty);
        }
    }

    #[test]
    fn no_pages_is_refused() {
        assert_eq!(verona().quote(0, false), Err(FeeError::NoPages));
    }

    #[test]
    fn the_notice_gives_its_iuv_and_qr_payload() {
        let n = PaymentNotice {
            purpose: PaymentPurpose::Copies { quote: verona().quote(12, false).unwrap() },
            creditor: "80014930327".parse().unwrap(),
            notice: NoticeNumber::parse("312000000000000119").unwrap(),
            amount: Euro::from_cents(620),
            due_date: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            description: "Diritti di copia".into(),
        };
        assert_eq!(n.iuv(), "12000000000000119");
        assert_eq!(n.qr_payload().unwrap().to_string(), "PAGOPA|002|312000000000000119|80014930327|620");
        assert_eq!(n.purpose.as_str(), "copies");
    }
}
