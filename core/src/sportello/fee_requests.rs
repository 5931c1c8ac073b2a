//! The annual fee on the web as data + rules: the effect of the dossier's kind of request
//! ([`RequestEffect`], from [`ProcedureRules::requests`]) decides what the counter does. A
//! `calcolo` request has its fee computed by the fees engine from the registry data and attached;
//! a `rimborso` or `correzione` request has its amount determined by the officer before an
//! accepting decision, which states it.

use super::*;
use crate::dossier::{form_amount, form_year, DeterminedAmount, FeeComputation, RequestEffect};
use crate::fees::{AnnualFee, AnnualFeeRequest, Occasion};
use crate::identifiers::CodiceFiscale;

/// The computation attached to the dossier: who, which request to the engine, every figure.
#[derive(Serialize)]
struct FeeDocument<'a> {
    dossier: &'a str,
    computed_on: NaiveDate,
    company: &'a str,
    name: &'a str,
    legal_form: &'a str,
    request: &'a AnnualFeeRequest,
    fee: &'a AnnualFee,
    chamber: &'a ChamberCode,
    amount_due: Option<Euro>,
    due_by: NaiveDate,
}

impl Sportello {
    /// The authorization of a step either side may take: the officer's handling role, or the
    /// applicant's session at the service's level.
    fn applicant_or_officer(
        actor: &Actor,
        d: &Dossier,
        rules: &ProcedureRules,
    ) -> Result<Authz, DossierError> {
        let chamber = d.chamber().clone();
        if actor.is_officer() {
            return Ok(Authz::HandleCase { chamber });
        }
        Ok(Authz::ActOnCase {
            chamber,
            applicant: Self::party_of(d)?,
            service: d.service_id().into(),
            required_level: rules.required_level,
        })
    }

    /// Computes the fee a request with effect [`RequestEffect::ComputeAnnualFee`] asks for: the
    /// annual fee of the form's `year` for the company the applicant acts for (a sole trader acting
    /// in person: their own firm), from the business registry at 1 January and the form's
    /// `turnover` (companies paying by turnover), with the desk's fee rules. The computation, with
    /// every intermediate figure, is attached to the dossier as a JSON document with its SHA-256;
    /// the part due to the desk's chamber can then be asked through pagoPA
    /// ([`Sportello::request_payment`] with [`Charge::AnnualFee`]). The applicant or an officer
    /// may ask it; a new computation replaces the previous one for payment.
    ///
    /// Refused with the fee rules' own error ([`DossierError::Fee`]: no turnover, a surcharge not
    /// known for the year, a year before registration...) or when the applicant acts for no
    /// company of the registry.
    pub fn compute_fee(&self, actor: &Actor, id: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        let desk = self.desk(d.chamber())?.clone();
        let rules = desk.rules(d.service_id())?.clone();
        authorize(actor, &Self::applicant_or_officer(actor, &d, &rules)?)?;
        let actor_ref = Self::actor_ref(actor);
        d.may(crate::dossier::Action::ComputeFee, actor_ref.kind)?;
        if rules.request_effect(d.form()) != RequestEffect::ComputeAnnualFee {
            return Err(DossierError::GuardFailed {
                rule: "no_fee_computation".into(),
                article: "service rules (request kind)".into(),
            });
        }
        let year = form_year(d.form(), "year")?.ok_or(DossierError::MissingField { field: "year".into() })?;
        let turnover = form_amount(d.form(), "turnover")?;
        let applicant = d.applicant();
        let cf_text = applicant.on_behalf_of.as_ref().map_or(&applicant.tax_code, |c| &c.tax_code);
        let cf: CodiceFiscale = cf_text.parse().map_err(|_| DossierError::InvalidField {
            field: "applicant.tax_code".into(),
            rule: "codice fiscale".into(),
        })?;
        let company = self.registry.company(&cf)?.ok_or(DossierError::InvalidField {
            field: "applicant.on_behalf_of".into(),
            rule: "a company of the Registro Imprese".into(),
        })?;
        let request = AnnualFeeRequest::for_company(&company, year, turnover)?;
        let fee = desk.fees.calculator().annual_fee(&request)?;
        let chamber = desk.fees.chamber_date.resolve(&desk.code, year)?;
        let amount_due = fee.by_chamber.get(&chamber).map(|c| c.due);
        let due_by = match request.occasion {
            Occasion::Annual => desk.fees.deadlines.annual(year, false)?.due_by(),
            Occasion::NewRegistration | Occasion::NewLocalUnits => {
                desk.fees.deadlines.new_registration(company.registered_on)?.due_by()
            }
        };
        let content = serde_json::to_vec_pretty(&FeeDocument {
            dossier: d.id(),
            computed_on: self.today(),
            company: company.codice_fiscale.as_str(),
            name: &company.name,
            legal_form: company.legal_form.code(),
            request: &request,
            fee: &fee,
            chamber: &chamber,
            amount_due,
            due_by,
        })
        .map_err(|e| DossierError::InvalidField { field: "fee".into(), rule: e.to_string() })?;
        let document =
            Attachment::new(format!("calcolo-diritto-annuale-{year}.json"), "application/json", content);
        let kind = EventKind::FeeComputed {
            computation: FeeComputation {
                year,
                company: company.codice_fiscale.to_string(),
                subject: request.subject,
                occasion: request.occasion,
                chamber,
                amount_due,
                total_due: fee.total_due,
                due_by,
                document,
            },
        };
        d.check(&kind, actor_ref.kind, &rules)?;
        self.append(&mut d, actor_ref, None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// An officer determines the amount an accepting decision on a refund or correction request
    /// states ([`RequestEffect::Refund`]: the amount refunded, positive and at most the form's
    /// `amount_paid`; [`RequestEffect::Correction`]: the corrected amount due). Accepting such a
    /// request without it is refused (`amount_determined_first`); the outcome document states it.
    /// Determining it again replaces it.
    pub fn determine_amount(
        &self,
        actor: &Actor,
        id: &str,
        amount: Euro,
        reason: Option<String>,
    ) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        authorize(actor, &Authz::HandleCase { chamber: d.chamber().clone() })?;
        let effect = rules.request_effect(d.form());
        let kind = EventKind::AmountDetermined { determined: DeterminedAmount { effect, amount } };
        let actor_ref = Self::actor_ref(actor);
        d.check(&kind, actor_ref.kind, &rules)?;
        self.append(&mut d, actor_ref, reason, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }
}
