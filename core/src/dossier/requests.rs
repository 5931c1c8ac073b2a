//! What each kind of request of a service needs and does, as data: the fields a category of
//! request must carry (with their type) and the effect it has on the dossier.
//!
//! The annual fee on the web (*diritto annuale*) takes three kinds of request, told apart by the
//! form's `category`: a fee computation (`calcolo`: the counter computes the fee from the registry
//! data with the fees engine and may open its pagoPA position), a refund (`rimborso`) and a
//! correction (`correzione`), whose decision states the refunded or corrected amount. None of this
//! is code special to the service: [`ProcedureRules::requests`] lists a [`RequestRule`] per
//! category, and the counter reads the [`RequestEffect`] of the dossier's request.
//!
//! ```
//! use std::collections::BTreeMap;
//! use sportello::dossier::{ProcedureRules, RequestEffect};
//!
//! let rules = ProcedureRules::annual_fee();
//! let form = BTreeMap::from([
//!     ("category".to_string(), "rimborso".to_string()),
//!     ("year".to_string(), "2025".to_string()),
//!     ("amount_paid".to_string(), "126.00".to_string()),
//!     ("reason".to_string(), "doppio versamento".to_string()),
//! ]);
//! assert_eq!(rules.request_effect(&form), RequestEffect::Refund);
//! assert!(rules.check_request_fields(&form).is_ok());
//! let mut wrong = form.clone();
//! wrong.insert("amount_paid".into(), "centoventi".into());
//! assert_eq!(rules.check_request_fields(&wrong).unwrap_err().to_string(), "amount_paid: amount");
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rules::ProcedureRules;
use super::DossierError;
use crate::money::Euro;

/// The type of a form field, checked when the application is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text, not empty.
    Text,
    /// An amount in euro, not negative, at most two decimals (`1234.56`).
    Amount,
    /// A year, four digits (`2026`).
    Year,
}

/// One field a kind of request needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRule {
    /// The form key.
    pub name: String,
    /// Its type.
    pub kind: FieldKind,
    /// Whether it must be present (an optional field, when present, must still be of its kind).
    pub required: bool,
}

impl FieldRule {
    /// A required field.
    pub fn required(name: &str, kind: FieldKind) -> Self {
        FieldRule { name: name.into(), kind, required: true }
    }

    /// An optional field.
    pub fn optional(name: &str, kind: FieldKind) -> Self {
        FieldRule { name: name.into(), kind, required: false }
    }
}

/// What a kind of request does beyond the ordinary procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestEffect {
    /// Nothing: the officer decides.
    #[default]
    None,
    /// The counter computes the annual fee of the applicant's company for the form's `year` from
    /// the registry data (DM 21/04/2011; DL 90/2014 art. 28 c.1; art. 18 c.10 L. 580/1993) and
    /// attaches the computation; it may then open the pagoPA position for the amount due.
    ComputeAnnualFee,
    /// A refund of an amount paid: an accepting decision states the amount refunded, at most the
    /// amount paid.
    Refund,
    /// A correction of a payment: an accepting decision states the corrected amount due.
    Correction,
}

impl RequestEffect {
    /// The snake_case name (`compute_annual_fee`).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestEffect::None => "none",
            RequestEffect::ComputeAnnualFee => "compute_annual_fee",
            RequestEffect::Refund => "refund",
            RequestEffect::Correction => "correction",
        }
    }

    /// Whether an accepting decision must state an amount (a refund or a correction: the
    /// decision is the act that entitles the refund or fixes the amount due, and it states its
    /// grounds, L. 241/1990 art. 3).
    pub fn needs_amount(self) -> bool {
        matches!(self, RequestEffect::Refund | RequestEffect::Correction)
    }
}

/// The rule of one kind of request (one value of the form's `category`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRule {
    /// The category value.
    pub category: String,
    /// The fields it needs.
    pub fields: Vec<FieldRule>,
    /// What it does.
    pub effect: RequestEffect,
}

impl RequestRule {
    /// The three requests of the annual fee on the web: `calcolo` (year, and the turnover of the
    /// previous year for companies that pay by turnover), `rimborso` and `correzione` (year,
    /// amount paid, reason).
    pub fn annual_fee_requests() -> Vec<RequestRule> {
        let paid = || {
            vec![
                FieldRule::required("year", FieldKind::Year),
                FieldRule::required("amount_paid", FieldKind::Amount),
                FieldRule::required("reason", FieldKind::Text),
            ]
        };
        vec![
            RequestRule {
                category: "calcolo".into(),
                fields: vec![
                    FieldRule::required("year", FieldKind::Year),
                    FieldRule::optional("turnover", FieldKind::Amount),
                ],
                effect: RequestEffect::ComputeAnnualFee,
            },
            RequestRule { category: "rimborso".into(), fields: paid(), effect: RequestEffect::Refund },
            RequestRule { category: "correzione".into(), fields: paid(), effect: RequestEffect::Correction },
        ]
    }
}

fn present<'a>(form: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    form.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// The amount in field `name` of `form`, if present: not negative, whole cents.
pub fn form_amount(form: &BTreeMap<String, String>, name: &str) -> Result<Option<Euro>, DossierError> {
    let Some(text) = present(form, name) else { return Ok(None) };
    let bad = || DossierError::InvalidField { field: name.into(), rule: "amount".into() };
    let amount: Euro = text.parse().map_err(|_| bad())?;
    if amount.is_negative() || amount.to_cents().is_none() {
        return Err(bad());
    }
    Ok(Some(amount))
}

/// The year in field `name` of `form`, if present: four digits.
pub fn form_year(form: &BTreeMap<String, String>, name: &str) -> Result<Option<i32>, DossierError> {
    let Some(text) = present(form, name) else { return Ok(None) };
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DossierError::InvalidField { field: name.into(), rule: "year".into() });
    }
    text.parse().map(Some).map_err(|_| DossierError::InvalidField { field: name.into(), rule: "year".into() })
}

impl ProcedureRules {
    /// The rule of the request `form` makes (by its `category`), if the service declares one.
    pub fn request_rule(&self, form: &BTreeMap<String, String>) -> Option<&RequestRule> {
        let category = form.get("category")?;
        self.requests.iter().find(|r| r.category == *category)
    }

    /// The effect of the request `form` makes ([`RequestEffect::None`] if the service declares no
    /// rule for it).
    pub fn request_effect(&self, form: &BTreeMap<String, String>) -> RequestEffect {
        self.request_rule(form).map_or(RequestEffect::None, |r| r.effect)
    }

    /// Checks the fields the request's kind needs: each required one present and not empty, and
    /// every one given of its kind. Refuses with [`DossierError::MissingField`] or
    /// [`DossierError::InvalidField`] naming the field (`amount`, `year` or `text` as the rule).
    pub fn check_request_fields(&self, form: &BTreeMap<String, String>) -> Result<(), DossierError> {
        let Some(rule) = self.request_rule(form) else { return Ok(()) };
        for f in &rule.fields {
            match (present(form, &f.name), f.kind) {
                (None, _) if f.required => return Err(DossierError::MissingField { field: f.name.clone() }),
                (None, _) | (Some(_), FieldKind::Text) => {}
                (Some(_), FieldKind::Amount) => {
                    form_amount(form, &f.name)?;
                }
                (Some(_), FieldKind::Year) => {
                    form_year(form, &f.name)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_refund_request_needs_the_amount_paid_and_the_reason() {
        let rules = ProcedureRules::annual_fee();
        let f = form(&[("category", "rimborso"), ("year", "2025"), ("reason", "doppio versamento")]);
        assert_eq!(
            rules.check_request_fields(&f),
            Err(DossierError::MissingField { field: "amount_paid".into() })
        );
        let blank =
            form(&[("category", "rimborso"), ("year", "2025"), ("amount_paid", "10"), ("reason", " ")]);
        assert_eq!(
            rules.check_request_fields(&blank),
            Err(DossierError::MissingField { field: "reason".into() })
        );
    }

    #[test]
    fn amounts_and_years_are_checked_by_kind() {
        let rules = ProcedureRules::annual_fee();
        let bad = |k: &str, v: &str| {
            let mut f = form(&[("category", "correzione"), ("year", "2025"), ("amount_paid", "120")]);
            f.insert("reason".into(), "codice tributo errato".into());
            f.insert(k.into(), v.into());
            rules.check_request_fields(&f)
        };
        assert!(bad("amount_paid", "120.00").is_ok());
        for (k, v, rule) in [
            ("amount_paid", "-1", "amount"),
            ("amount_paid", "1.001", "amount"),
            ("amount_paid", "12,50", "amount"),
            ("year", "25", "year"),
            ("year", "2O25", "year"),
        ] {
            assert_eq!(
                bad(k, v),
                Err(DossierError::InvalidField { field: k.into(), rule: rule.into() }),
                "{v}"
            );
        }
    }

    #[test]
    fn an_optional_field_is_checked_only_when_given() {
        let rules = ProcedureRules::annual_fee();
        assert!(rules.check_request_fields(&form(&[("category", "calcolo"), ("year", "2026")])).is_ok());
        let f = form(&[("category", "calcolo"), ("year", "2026"), ("turnover", "molto")]);
        assert_eq!(
            rules.check_request_fields(&f),
            Err(DossierError::InvalidField { field: "turnover".into(), rule: "amount".into() })
        );
        assert_eq!(
            form_amount(&form(&[("turnover", " 265815 ")]), "turnover"),
            Ok(Some(Euro::from_units(265_815)))
        );
    }

    #[test]
    fn each_annual_fee_request_has_its_effect_and_other_services_have_none() {
        let rules = ProcedureRules::annual_fee();
        let effect = |c: &str| rules.request_effect(&form(&[("category", c)]));
        assert_eq!(effect("calcolo"), RequestEffect::ComputeAnnualFee);
        assert_eq!(effect("rimborso"), RequestEffect::Refund);
        assert_eq!(effect("correzione"), RequestEffect::Correction);
        assert!(effect("rimborso").needs_amount() && !effect("calcolo").needs_amount());
        let access = ProcedureRules::access_to_records();
        assert_eq!(access.request_effect(&form(&[("category", "calcolo")])), RequestEffect::None);
        assert!(access.check_request_fields(&form(&[])).is_ok());
    }
}
