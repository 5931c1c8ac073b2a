//! Fees and payments on dossiers: copy fees (L. 241/1990 art. 25 c.1) and recorded payments.

use super::*;

impl Sportello {
    /// The copy fee of a service for `pages` pages (L. 241/1990 art. 25 c.1).
    pub fn copy_fee(
        &self,
        chamber: &ChamberCode,
        service_id: &str,
        pages: u32,
    ) -> Result<Euro, DossierError> {
        let rules = self.desk(chamber)?.rules(service_id)?;
        let tariff = rules.copy_tariff.ok_or(DossierError::GuardFailed {
            rule: "no_copy_fees".into(),
            article: format!("service {service_id}"),
        })?;
        // Only a fee beyond the money domain range (±10^15 EUR) fails.
        tariff
            .fee(pages)
            .map_err(|e| DossierError::InvalidField { field: "pages".into(), rule: e.rule().into() })
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
}
