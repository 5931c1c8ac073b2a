//! The procedure rules of each service, as data: term, silence, effect of an integration request,
//! counter-interested parties, notice of refusal, withdrawal, reopening, fees, PEC fallback.

use serde::{Deserialize, Serialize};

use crate::identity::LevelOfAssurance;
use crate::money::Euro;
use crate::protocol::Classification;

use super::requests::RequestRule;

/// What silence at the end of the term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Silence {
    /// No legal meaning: the duty to decide remains (L. 241/1990 art. 2 c.1), the substitute may
    /// be activated (c.9-bis).
    None,
    /// Silence is rejection (access to records: L. 241/1990 art. 25 c.4).
    Rejection,
    /// Silence is assent (L. 241/1990 art. 20 c.1), where the service declares it.
    Assent,
}

/// What an integration request does to the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrationEffect {
    /// The term restarts from the corrected request (access to records, DPR 184/2006 art. 6 c.5).
    Restart,
    /// The term is suspended until the reply, as the single art. 2 c.7 suspension (at most 30
    /// days); later integration requests do not suspend it again.
    Suspend,
    /// No effect on the term (complaints: not an L. 241 procedure).
    None,
}

/// How counter-interested parties affect the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counterparties {
    /// Not applicable to the service.
    NotApplicable,
    /// Notified; the term is suspended until opposition, at most for the opposition window
    /// (D.Lgs. 33/2013 art. 5 c.5 for civic access; for documentary access DPR 184/2006 art. 3 only
    /// says the PA decides after the 10 days — practice treats it as a suspension, which the
    /// reference marks UNCONFIRMED: configurable per chamber).
    Suspend {
        /// The opposition window in days (10).
        window_days: u32,
    },
    /// Notified without suspending the term.
    NoticeOnly,
}

/// What happens when a PEC cannot be delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PecFallback {
    /// The communication stays available in the applicant's personal area and a message says so.
    PersonalArea,
    /// The office sends a registered letter; the dossier records a message for the officer.
    RegisteredMail,
}

/// Copy fees for access to records: a fixed part plus a per-page part (L. 241/1990 art. 25 c.1:
/// reproduction cost only; the reference's only published tariffs are Verona and Venezia Giulia,
/// EUR 5.00 + EUR 0.10/page; no Lombardy tariff found, so it is configurable per chamber).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CopyTariff {
    /// Fixed part per request.
    pub fixed: Euro,
    /// Per page.
    pub per_page: Euro,
}

impl CopyTariff {
    /// The fee for `pages` pages, in cents.
    ///
    /// Fails with [`MoneyError::Overflow`](crate::money::MoneyError::Overflow) only when the fee
    /// leaves the domain range of ±10^15 EUR (a per-page price times up to 2^32 pages).
    pub fn fee(&self, pages: u32) -> Result<Euro, crate::money::MoneyError> {
        let per_pages = self.per_page.checked_times(rust_decimal::Decimal::from(pages))?;
        Ok(self.fixed.checked_add(per_pages)?.round_cents())
    }
}

/// The procedure rules of one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRules {
    /// Service id, shared with the catalogue (`accesso-atti`, `accesso-civico`, `reclami`,
    /// `diritto-annuale`).
    pub service_id: String,
    /// Name shown to users.
    pub name: String,
    /// The term in calendar days from receipt (L. 241/1990 art. 2 cc.2-4; chamber regulation).
    pub term_days: u32,
    /// What silence means.
    pub silence: Silence,
    /// Effect of an integration request.
    pub integration: IntegrationEffect,
    /// Counter-interested parties.
    pub counterparties: Counterparties,
    /// Whether a rejection must be preceded by a notice of refusal (art. 10-bis).
    pub refusal_notice: bool,
    /// Whether the applicant may withdraw (never once a payment exists).
    pub allow_withdrawal: bool,
    /// Whether an officer may reopen a closed or withdrawn dossier.
    pub allow_reopening: bool,
    /// Classification in the filing plan.
    pub classification: Classification,
    /// Form fields that must be present and non-empty.
    pub required_fields: Vec<String>,
    /// Allowed values of the `category` field, if the service has categories.
    pub categories: Vec<String>,
    /// Copy fees, if the service charges them.
    pub copy_tariff: Option<CopyTariff>,
    /// PEC non-delivery fallback.
    pub pec_fallback: PecFallback,
    /// Retention in years for preservation.
    pub retention_years: u32,
    /// The lowest level of assurance (Reg. UE 910/2014 art. 8) with which an applicant may submit
    /// and act on a dossier of the service; the catalogue's `level_of_assurance` of the service.
    pub required_level: LevelOfAssurance,
    /// The kinds of request the service takes (one per value of the form's `category`): the
    /// fields each needs and its effect ([`RequestRule`]). Empty: no request-specific rules.
    #[serde(default)]
    pub requests: Vec<RequestRule>,
    /// Days the applicant has to pay a payment asked on the dossier (the due date of its pagoPA
    /// position). No source fixes it: the chamber's choice, 30 by default.
    #[serde(default = "default_payment_days")]
    pub payment_days: u32,
    /// Under [`IntegrationEffect::Restart`], how many days from receipt (or from the last restart)
    /// the office has to tell the applicant the request is irregular or incomplete for the term
    /// to restart from the corrected request: DPR 184/2006 art. 6 c.5, "entro dieci giorni". A
    /// later request leaves the term running (it neither stops nor restarts it). Default 10;
    /// configurable per chamber, since the reference reads the rule from secondary sources.
    #[serde(default = "ten_days")]
    pub incomplete_request_within_days: u32,
    /// When an access is granted despite a counter-interested party's opposition, the days that
    /// must pass after the party received the notice of acceptance before the data or documents
    /// are released: D.Lgs. 33/2013 art. 5 c.6, "non prima di quindici giorni" (civic access:
    /// `Some(15)`). The first release day is the receipt day + this many days (the receipt day
    /// excluded, art. 2963 c.c.); a dilatory term, so it is not moved off holidays. The notice of
    /// acceptance is taken as received the day the decision is adopted (it goes by PEC with it).
    /// `None`: no waiting (documentary access: DPR 184/2006 has no such rule).
    #[serde(default)]
    pub release_after_opposition_days: Option<u32>,
}

fn default_payment_days() -> u32 {
    30
}

fn ten_days() -> u32 {
    10
}

impl ProcedureRules {
    /// Access to records (*accesso documentale*, L. 241/1990 artt. 22-25; DPR 184/2006): 30 days
    /// (art. 6 c.4), silence is rejection (art. 25 c.4), an incomplete request restarts the term
    /// (art. 6 c.5), counter-interested parties have 10 days (art. 3), copy fees (art. 25 c.1).
    /// Art. 10-bis is off by default (its application to access is debated): configurable.
    pub fn access_to_records() -> Self {
        ProcedureRules {
            service_id: "accesso-atti".into(),
            name: "Accesso agli atti (documentale)".into(),
            term_days: 30,
            silence: Silence::Rejection,
            integration: IntegrationEffect::Restart,
            counterparties: Counterparties::Suspend { window_days: 10 },
            refusal_notice: false,
            allow_withdrawal: true,
            allow_reopening: false,
            classification: Classification { code: "1.8".into(), description: "Accesso agli atti".into() },
            required_fields: vec!["documents".into(), "motivation".into()],
            categories: vec![],
            copy_tariff: Some(CopyTariff { fixed: Euro::from_units(5), per_page: Euro::from_cents(10) }),
            pec_fallback: PecFallback::PersonalArea,
            retention_years: 10,
            required_level: LevelOfAssurance::Substantial,
            requests: vec![],
            payment_days: default_payment_days(),
            incomplete_request_within_days: 10,
            release_after_opposition_days: None,
        }
    }

    /// Civic access (*accesso civico*, D.Lgs. 33/2013 art. 5): 30 days, express decision (c.6),
    /// no motivation needed, the term is suspended until the counter-interested parties' opposition
    /// (c.5, 10 days), free except reproduction costs (c.4).
    pub fn civic_access() -> Self {
        ProcedureRules {
            service_id: "accesso-civico".into(),
            name: "Accesso civico (semplice e generalizzato)".into(),
            term_days: 30,
            silence: Silence::None,
            integration: IntegrationEffect::Restart,
            counterparties: Counterparties::Suspend { window_days: 10 },
            refusal_notice: false,
            allow_withdrawal: true,
            allow_reopening: false,
            classification: Classification { code: "1.9".into(), description: "Accesso civico".into() },
            required_fields: vec!["documents".into()],
            categories: vec![],
            copy_tariff: None,
            pec_fallback: PecFallback::PersonalArea,
            retention_years: 10,
            required_level: LevelOfAssurance::Low,
            requests: vec![],
            payment_days: default_payment_days(),
            incomplete_request_within_days: 10,
            release_after_opposition_days: Some(15),
        }
    }

    /// Complaints (*reclami*): any identified user (the catalogue asks for no level; a dossier needs
    /// an identified applicant, so the lowest level). Not an L. 241 procedure; the term comes from the chamber's service
    /// charter. No chamber term was found (reference §3: UNCONFIRMED), so 30 calendar days is the
    /// configurable default. Categories as in PA feedback channels (UNI 10600 distinguishes
    /// complaints from suggestions).
    pub fn complaints() -> Self {
        ProcedureRules {
            service_id: "reclami".into(),
            name: "Reclami e segnalazioni".into(),
            term_days: 30,
            silence: Silence::None,
            integration: IntegrationEffect::None,
            counterparties: Counterparties::NotApplicable,
            refusal_notice: false,
            allow_withdrawal: true,
            allow_reopening: true,
            classification: Classification { code: "1.7".into(), description: "Reclami".into() },
            required_fields: vec!["category".into(), "description".into()],
            categories: vec![
                "disservizio".into(),
                "reclamo".into(),
                "suggerimento".into(),
                "apprezzamento".into(),
            ],
            copy_tariff: None,
            pec_fallback: PecFallback::PersonalArea,
            retention_years: 5,
            required_level: LevelOfAssurance::Low,
            requests: vec![],
            payment_days: default_payment_days(),
            incomplete_request_within_days: 10,
            release_after_opposition_days: None,
        }
    }

    /// Annual fee on the web (*diritto annuale*): a request for a fee computation, a refund or a
    /// correction. An L. 241 procedure on request with the default 30-day term (art. 2 c.2), the
    /// c.7 suspension for integrations, and the art. 10-bis notice before a rejection. Withdrawal
    /// is refused once a payment exists. What each request needs and does is data
    /// ([`RequestRule::annual_fee_requests`]): `calcolo` computes the fee, `rimborso` and
    /// `correzione` carry the amount paid and the reason, and their acceptance states an amount.
    pub fn annual_fee() -> Self {
        ProcedureRules {
            service_id: "diritto-annuale".into(),
            name: "Diritto annuale: calcolo, rimborso, correzione".into(),
            term_days: 30,
            silence: Silence::None,
            integration: IntegrationEffect::Suspend,
            counterparties: Counterparties::NotApplicable,
            refusal_notice: true,
            allow_withdrawal: true,
            allow_reopening: true,
            classification: Classification { code: "3.2".into(), description: "Diritto annuale".into() },
            required_fields: vec!["request".into(), "year".into()],
            categories: vec!["calcolo".into(), "rimborso".into(), "correzione".into()],
            copy_tariff: None,
            pec_fallback: PecFallback::RegisteredMail,
            retention_years: 10,
            required_level: LevelOfAssurance::Substantial,
            requests: RequestRule::annual_fee_requests(),
            payment_days: default_payment_days(),
            incomplete_request_within_days: 10,
            release_after_opposition_days: None,
        }
    }

    /// Rules read from their JSON form (the serde shape of this type), as a chamber configures a
    /// service. Fails with [`super::DossierError::InvalidField`] naming the field at fault.
    ///
    /// ```
    /// use sportello::dossier::ProcedureRules;
    /// let mut json = serde_json::to_value(ProcedureRules::complaints())?;
    /// json["term_days"] = 45.into();
    /// let rules = ProcedureRules::from_json(&json.to_string())?;
    /// assert_eq!(rules.term_days, 45);
    /// assert!(ProcedureRules::from_json("{}").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, super::DossierError> {
        let rules: ProcedureRules = serde_json::from_str(text)
            .map_err(|e| super::DossierError::InvalidField { field: "rules".into(), rule: e.to_string() })?;
        if rules.service_id.trim().is_empty() {
            return Err(super::DossierError::MissingField { field: "service_id".into() });
        }
        if rules.term_days == 0 {
            return Err(super::DossierError::InvalidField {
                field: "term_days".into(),
                rule: "at least 1 day (L. 241/1990 art. 2 cc.2-4)".into(),
            });
        }
        Ok(rules)
    }

    /// The three first services of the 2013 counter (access split into documentary and civic).
    pub fn first_services() -> Vec<ProcedureRules> {
        vec![Self::access_to_records(), Self::civic_access(), Self::complaints(), Self::annual_fee()]
    }
}

#[cfg(test)]
mod copy_tariff_tests {
    use super::*;

    #[test]
    fn the_copy_fee_is_fixed_plus_pages_and_fails_only_beyond_the_money_range() {
        let verona = CopyTariff { fixed: Euro::from_units(5), per_page: Euro::from_cents(10) };
        assert_eq!(verona.fee(12), Ok("6.20".parse().unwrap()));
        assert_eq!(verona.fee(u32::MAX), Ok("429496734.50".parse().unwrap()));
        let absurd = CopyTariff { fixed: Euro::ZERO, per_page: Euro::from_units(1_000_000_000) };
        assert_eq!(absurd.fee(u32::MAX).map_err(|e| e.rule()), Err("range"));
    }
}
