//! Payments on dossiers, linked to pagoPA: a payment asked on a dossier opens a position on the
//! chamber's [`PaymentGateway`] (notice number, IUV, amount, due date) and is recorded on the
//! dossier, which the applicant sees with the QR payload and receives by PEC; a payment is
//! recorded from the gateway's position (paid, with the PSP's receipt, for exactly the amount
//! asked), and recording the same receipt again changes nothing.
//!
//! What is charged: copies of records (L. 241/1990 art. 25 c.1, the reproduction cost; a certified
//! copy adds the stamp duty, DPR 184/2006 art. 7 c.6 and DPR 642/1972 art. 5) and the annual fee
//! computed on the dossier ([`Sportello::compute_fee`]). Once a payment exists the applicant cannot
//! withdraw.
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::sync::Arc;
//! use chrono::{TimeZone, Utc};
//! use sportello::authz::{Officer, OfficerRegister, OfficerRole};
//! use sportello::dossier::{Outcome, PaymentStatus};
//! use sportello::identity::{AssuranceTable, Identity};
//! use sportello::memory::{InMemoryRegistry, ManualClock, DELEGATION_FIXTURES};
//! use sportello::payments::Receipt;
//! use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
//! use sportello::sportello::{Charge, Command, Sportello};
//!
//! let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
//! let counter = Sportello::with_memory_adapters(Arc::new(clock.clone()))?;
//! let spid = |cf: &str| -> Result<Identity, Box<dyn std::error::Error>> {
//!     let a = BTreeMap::from([
//!         ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
//!         ("name".to_string(), "Nome".to_string()),
//!         ("familyName".to_string(), "Cognome".to_string()),
//!         ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
//!     ]);
//!     Ok(Identity::from_spid(&a, &AssuranceTable::default())?)
//! };
//! let (registry, book) = (InMemoryRegistry::with_fixtures()?, DelegationBook::from_json(DELEGATION_FIXTURES)?);
//! let private = ProfileChoice { kind: ProfileKind::Private, company: None };
//! let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
//! let maria = Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B")?, &private, day)?;
//! let mut officers = OfficerRegister::default();
//! officers.seed(Officer {
//!     codice_fiscale: "CLMLSN90E15D286P".parse()?,
//!     name: "Alessandro Colombo".into(),
//!     chamber: "MI".parse()?,
//!     roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure].into(),
//!     active: true,
//! });
//! let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P")?, &"MI".parse()?)?;
//! let form = BTreeMap::from([
//!     ("documents".to_string(), "verbale 12/2025".to_string()),
//!     ("motivation".to_string(), "tutela in giudizio".to_string()),
//! ]);
//! let d = counter.submit(&maria, "accesso-atti", form, vec![])?;
//! counter.execute(&officer, d.id(), Command::TakeCharge, None, None)?;
//! let decide = Command::Decide { outcome: Outcome::Accepted, reasons: "interesse concreto".into() };
//! counter.execute(&officer, d.id(), decide, None, None)?;
//! // 12 pages at EUR 5.00 + 0.10/page: a pagoPA notice of EUR 6.20, due in 30 days
//! let d = counter.request_payment(&officer, d.id(), Charge::Copies { pages: 12, certified: false })?;
//! let asked = d.pending_payments().next().ok_or("no notice")?.notice.clone();
//! assert_eq!((asked.amount.to_string(), asked.due_date.to_string()), ("6.20".into(), "2026-04-01".into()));
//! assert_eq!(asked.qr_payload()?.to_string(), format!("PAGOPA|002|{}|80000000150|620", asked.notice));
//! // the PSP's receipt reaches the counter: the payment is recorded once
//! let receipt = Receipt { receipt_id: "IUR-1".into(), amount: asked.amount, paid_at: Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap() };
//! let paid = counter.receive_receipt(d.id(), &asked.notice, receipt.clone())?;
//! let again = counter.receive_receipt(d.id(), &asked.notice, receipt)?;
//! assert_eq!(paid.version(), again.version());
//! assert!(matches!(paid.requested_payments()[0].status, PaymentStatus::Paid { .. }));
//! assert_eq!(paid.payments()[0], (asked.amount, asked.iuv().to_string()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::Days;

use super::*;
use crate::dossier::{Action, PaymentNotice, PaymentPurpose, PaymentStatus, RequestedPayment};
use crate::fees::CopyQuote;
use crate::payments::{
    NoticeNumber, PaymentPosition, PositionError, PositionRequest, PositionStatus, Receipt,
};

/// What a payment asked on a dossier is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "charge", rename_all = "snake_case")]
pub enum Charge {
    /// Copies of records at the service's copy tariff (L. 241/1990 art. 25 c.1); a certified
    /// copy adds the stamp duty (DPR 184/2006 art. 7 c.6; DPR 642/1972 art. 5). Due
    /// [`ProcedureRules::payment_days`] days from the request. Asked by an officer.
    Copies {
        /// Pages (facciate).
        pages: u32,
        /// Whether the copy is certified.
        certified: bool,
    },
    /// The annual fee computed on the dossier ([`Sportello::compute_fee`]): the part due to the
    /// dossier's chamber, by the deadline of the year (art. 17 c.1 DPR 435/2001) or within 30
    /// days of a new registration. Asked by an officer or by the applicant (the web "calcola e
    /// paga").
    AnnualFee,
}

impl Sportello {
    /// The copy fee of a service for `pages` pages (L. 241/1990 art. 25 c.1).
    pub fn copy_fee(
        &self,
        chamber: &ChamberCode,
        service_id: &str,
        pages: u32,
    ) -> Result<Euro, DossierError> {
        let tariff = Self::copy_tariff(self.desk(chamber)?.rules(service_id)?)?;
        // Only a fee beyond the money domain range (±10^15 EUR) fails.
        tariff
            .fee(pages)
            .map_err(|e| DossierError::InvalidField { field: "pages".into(), rule: e.rule().into() })
    }

    /// What `pages` pages of copies cost at `chamber` for `service_id`, with the stamp duty of a
    /// certified copy ([`CopyTariff::quote`](crate::dossier::CopyTariff::quote)).
    pub fn copy_quote(
        &self,
        chamber: &ChamberCode,
        service_id: &str,
        pages: u32,
        certified: bool,
    ) -> Result<CopyQuote, DossierError> {
        let tariff = Self::copy_tariff(self.desk(chamber)?.rules(service_id)?)?;
        Ok(tariff.quote(pages, certified)?)
    }

    /// The service's copy tariff, or the refusal of a service that charges no copies.
    fn copy_tariff(rules: &ProcedureRules) -> Result<crate::dossier::CopyTariff, DossierError> {
        rules.copy_tariff.ok_or_else(|| DossierError::GuardFailed {
            rule: "no_copy_fees".into(),
            article: format!("service {}", rules.service_id),
        })
    }

    /// Records a payment (a pagoPA receipt) on the dossier: from then on the applicant cannot
    /// withdraw.
    pub fn record_payment(&self, id: &str, amount: Euro, reference: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load(id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        if amount.is_negative() || amount.is_zero() {
            return Err(DossierError::InvalidField { field: "amount".into(), rule: "positive".into() });
        }
        let kind = EventKind::PaymentRecorded { amount, reference: reference.into() };
        d.check(&kind, ActorKind::System, &rules)?;
        self.append(&mut d, ActorRef::system(), None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// The authorization a payment step asks: an officer's handling role; the applicant's session
    /// for what the applicant may ask ([`Charge::AnnualFee`]).
    fn charge_action(
        actor: &Actor,
        d: &Dossier,
        rules: &ProcedureRules,
        charge: Option<Charge>,
    ) -> Result<Authz, DossierError> {
        let chamber = d.chamber().clone();
        Ok(match charge {
            Some(Charge::AnnualFee) if !actor.is_officer() => Authz::ActOnCase {
                chamber,
                applicant: Self::party_of(d)?,
                service: d.service_id().into(),
                required_level: rules.required_level,
            },
            _ => Authz::HandleCase { chamber },
        })
    }

    /// Asks for a payment on dossier `id`: opens a pagoPA position on the gateway for the chamber
    /// (creditor [`ChamberDesk::creditor`]) and the applicant's party (debtor), records the notice
    /// (number, IUV, amount, due date, purpose) on the dossier and sends it to the applicant's
    /// digital domicile (protocolled as outgoing), else it stays in the personal area.
    ///
    /// Refused, with nothing written and no notice number spent, when the table or the rules say
    /// no: a service without copy fees, no pages, a fee not computed or not due to this chamber,
    /// the fee's deadline passed, the same charge already pending (or the year's fee already
    /// asked). If the dossier cannot be updated after the position was opened, the position is
    /// cancelled.
    pub fn request_payment(&self, actor: &Actor, id: &str, charge: Charge) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        let desk = self.desk(d.chamber())?.clone();
        let rules = desk.rules(d.service_id())?.clone();
        authorize(actor, &Self::charge_action(actor, &d, &rules, Some(charge))?)?;
        let today = self.today();
        let (purpose, amount, due_date, description) = match charge {
            Charge::Copies { pages, certified } => {
                let quote = Self::copy_tariff(&rules)?.quote(pages, certified)?;
                let due = today.checked_add_days(Days::new(u64::from(rules.payment_days))).ok_or(
                    DossierError::InvalidField { field: "payment_days".into(), rule: "date range".into() },
                )?;
                let kind = if certified { "copia conforme" } else { "copia semplice" };
                let description = format!("Diritti di copia, {pages} pagine ({kind}) - pratica {}", d.id());
                let amount = quote.total;
                (PaymentPurpose::Copies { quote }, amount, due, description)
            }
            Charge::AnnualFee => {
                let c = d.fee_computations().last().ok_or(DossierError::GuardFailed {
                    rule: "fee_computed_first".into(),
                    article: "service rules (calcolo request)".into(),
                })?;
                let amount = c.amount_due.ok_or(DossierError::InvalidField {
                    field: "chamber".into(),
                    rule: format!("no annual fee of {} is due to {}", c.year, c.chamber),
                })?;
                if c.due_by < today {
                    return Err(DossierError::GuardFailed {
                        rule: "fee_deadline_passed".into(),
                        article: format!(
                            "art. 17 c.1 DPR 435/2001: due by {}; later payments follow DM 54/2005",
                            c.due_by
                        ),
                    });
                }
                let description = format!("Diritto annuale {} - {} - pratica {}", c.year, c.company, d.id());
                let purpose = PaymentPurpose::AnnualFee { year: c.year, chamber: c.chamber.clone() };
                (purpose, amount, c.due_by, description)
            }
        };
        let actor_ref = Self::actor_ref(actor);
        // everything the dossier decides is checked before a notice number is spent
        d.may(Action::RequestPayment, actor_ref.kind)?;
        d.check_payment_request(&purpose, amount)?;
        let debtor = Self::party_of(&d)?.codice_fiscale().to_string();
        let position = self.gateway.open_position(PositionRequest {
            creditor: desk.creditor.clone(),
            amount,
            description: description.chars().take(crate::payments::position::MAX_DESCRIPTION_CHARS).collect(),
            debtor: Some(debtor),
            due_date,
            payable_after_due_date: false,
        })?;
        let notice = PaymentNotice {
            purpose,
            creditor: position.creditor.clone(),
            notice: position.notice.clone(),
            amount: position.amount,
            due_date: position.due_date,
            description: position.description.clone(),
        };
        let kind = EventKind::PaymentRequested { payment: notice.clone() };
        let recorded = d
            .check(&kind, actor_ref.kind, &rules)
            .and_then(|_| self.append(&mut d, actor_ref, None, vec![kind]));
        if let Err(e) = recorded {
            // compensate: a position the dossier does not record must not stay payable; the
            // dossier's own error is what the caller needs, whatever the gateway answers
            let _ =
                self.gateway.cancel_position(&notice.creditor, &notice.notice, "richiesta non registrata");
            return Err(e);
        }
        let qr = notice.qr_payload().map(|q| q.to_string()).unwrap_or_default();
        let body = format!(
            "Per la pratica {} e' richiesto il pagamento di {} ({}). Avviso pagoPA n. {} (IUV {}), ente \
             creditore {}, da pagare entro il {}. Codice QR: {}",
            d.id(),
            notice.amount.format_it(),
            notice.description,
            notice.notice.grouped(),
            notice.iuv(),
            notice.creditor,
            notice.due_date.format("%d/%m/%Y"),
            qr
        );
        self.outgoing(&mut d, &rules, "payment_notice", "Avviso di pagamento pagoPA", body)?;
        self.remember(&d);
        Ok(d)
    }

    /// The requested payment `notice` of `d`, or [`DossierError::InvalidField`] on `notice`.
    fn asked(d: &Dossier, notice: &NoticeNumber) -> Result<RequestedPayment, DossierError> {
        d.requested_payment(notice).cloned().ok_or_else(|| Dossier::unknown_notice(notice))
    }

    /// Records the payment of notice `notice` of dossier `id` from the gateway's position: it must
    /// be paid, with the PSP's receipt, for exactly the amount asked; the IUV and the receipt id
    /// are recorded. Recording the same receipt again changes nothing (the dossier is returned as
    /// it is); another receipt for the notice is [`PositionError::ConflictingReceipt`]; an amount
    /// that differs from the one asked is [`PositionError::AmountMismatch`].
    pub fn record_position_payment(&self, id: &str, notice: &NoticeNumber) -> Result<Dossier, DossierError> {
        let mut d = self.load(id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        let asked = Self::asked(&d, notice)?;
        let position = self.gateway.position(&asked.notice.creditor, notice)?;
        let PositionStatus::Paid { receipt } = &position.status else {
            return Err(DossierError::GuardFailed {
                rule: "position_not_paid".into(),
                article: format!("pagoPA: position {notice} is {}", position.state().as_str()),
            });
        };
        if let PaymentStatus::Paid { receipt_id, .. } = &asked.status {
            if *receipt_id == receipt.receipt_id {
                return Ok(d);
            }
        }
        if position.amount != asked.notice.amount {
            return Err(PositionError::AmountMismatch {
                expected: asked.notice.amount,
                found: position.amount,
            }
            .into());
        }
        let kind = EventKind::PositionPaid {
            notice: notice.clone(),
            iuv: notice.iuv().to_string(),
            receipt_id: receipt.receipt_id.clone(),
            amount: receipt.amount,
            paid_at: receipt.paid_at,
        };
        d.check(&kind, ActorKind::System, &rules)?;
        self.append(&mut d, ActorRef::system(), None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// The PSP's receipt for notice `notice` of dossier `id` reaches the counter (pagoPA
    /// `paSendRT`): it is recorded on the gateway's position, then the payment on the dossier
    /// ([`Sportello::record_position_payment`]). A receipt for another amount than the one asked is
    /// [`PositionError::AmountMismatch`] and nothing is recorded; the same receipt twice changes
    /// nothing.
    pub fn receive_receipt(
        &self,
        id: &str,
        notice: &NoticeNumber,
        receipt: Receipt,
    ) -> Result<Dossier, DossierError> {
        let d = self.load(id)?;
        let asked = Self::asked(&d, notice)?;
        if receipt.amount != asked.notice.amount {
            return Err(PositionError::AmountMismatch {
                expected: asked.notice.amount,
                found: receipt.amount,
            }
            .into());
        }
        self.gateway.record_receipt(&asked.notice.creditor, notice, receipt)?;
        self.record_position_payment(id, notice)
    }

    /// An officer withdraws a payment asked and not paid: the position is cancelled on the gateway
    /// and the cancellation recorded with its reason.
    pub fn cancel_payment(
        &self,
        actor: &Actor,
        id: &str,
        notice: &NoticeNumber,
        reason: &str,
    ) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        authorize(actor, &Self::charge_action(actor, &d, &rules, None)?)?;
        if reason.trim().is_empty() {
            return Err(DossierError::MissingField { field: "reason".into() });
        }
        let asked = Self::asked(&d, notice)?;
        let actor_ref = Self::actor_ref(actor);
        let kind = EventKind::PaymentCancelled { notice: notice.clone(), reason: reason.into() };
        d.check(&kind, actor_ref.kind, &rules)?;
        self.gateway.cancel_position(&asked.notice.creditor, notice, reason)?;
        self.append(&mut d, actor_ref, Some(reason.into()), vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// The pagoPA position of notice `notice` of dossier `id` as the gateway has it now (open,
    /// paid, expired, cancelled), for whoever may see the dossier.
    pub fn payment_position(
        &self,
        actor: &Actor,
        id: &str,
        notice: &NoticeNumber,
    ) -> Result<PaymentPosition, DossierError> {
        let d = self.load_for(actor, id)?;
        let asked = Self::asked(&d, notice)?;
        Ok(self.gateway.position(&asked.notice.creditor, notice)?)
    }
}
