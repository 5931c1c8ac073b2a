//! Kotlin surface of `sportello::catalog`: the catalogue, search by need, grants, JSON-LD.
//! Converts types and errors; every rule lives in core. Profiles, channels, size classes and ATECO
//! versions cross as Kotlin enums, events as AgID codes.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sportello::catalog as core;
pub use sportello::catalog::{AtecoVersion, Channel, SizeClass};
use sportello::chamber::ChamberCode;
use sportello::profile::ProfileKind;

use crate::SportelloError;

impl From<core::CatalogError> for SportelloError {
    fn from(e: core::CatalogError) -> Self {
        SportelloError::Catalog {
            entry: e.entry().map(String::from),
            field: e.field().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

/// A channel through which a service is delivered (mirrors `sportello::catalog::Channel`).
#[uniffi::remote(Enum)]
pub enum Channel {
    Online,
    Pec,
    Email,
    Counter,
    Post,
    Phone,
    App,
}

/// Company size class of Recommendation 2003/361/EC (mirrors `sportello::catalog::SizeClass`).
#[uniffi::remote(Enum)]
pub enum SizeClass {
    Micro,
    Small,
    Medium,
    Large,
}

/// The ATECO classification a call's sections refer to (mirrors
/// `sportello::catalog::AtecoVersion`).
#[uniffi::remote(Enum)]
pub enum AtecoVersion {
    Ateco2007,
    Ateco2025,
}

fn chamber_arg(s: &str) -> Result<ChamberCode, SportelloError> {
    Ok(s.parse::<ChamberCode>()?)
}

/// Why a service matched.
#[derive(Debug, Clone, uniffi::Record)]
pub struct MatchReason {
    /// The term, as a folded word.
    pub term: String,
    /// `name`, `keywords`, `needs`, `description`.
    pub fields: Vec<String>,
    /// `typed`, `synonym` or `need_phrase`.
    pub via: String,
    pub via_from: Option<String>,
    pub via_to: Option<String>,
    /// The reason in a sentence.
    pub text: String,
}

impl From<&core::MatchReason> for MatchReason {
    fn from(r: &core::MatchReason) -> Self {
        let mapping = r.via.mapping();
        MatchReason {
            term: r.term.clone(),
            fields: r.fields.iter().map(|f| f.as_str().to_string()).collect(),
            via: r.via.as_str().into(),
            via_from: mapping.map(|(from, _)| from.to_string()),
            via_to: mapping.map(|(_, to)| to.to_string()),
            text: r.to_string(),
        }
    }
}

/// One result of a search.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SearchHit {
    pub service_id: String,
    /// BM25F score; comparable within one search only.
    pub score: f64,
    pub reasons: Vec<MatchReason>,
}

/// One cost of a service: `kind` is `free`, `fixed` (secretarial fee plus stamps), `tariff_item`,
/// `copy`, `amount` or `computed`; `amount` when it does not depend on chamber or request,
/// `rule` for a computed cost.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Cost {
    pub id: String,
    pub description: String,
    pub kind: String,
    pub amount: Option<Decimal>,
    pub rule: Option<String>,
}

impl From<&core::Cost> for Cost {
    fn from(c: &core::Cost) -> Self {
        Cost {
            id: c.id.clone(),
            description: c.description.clone(),
            kind: c.kind.as_str().into(),
            amount: c.kind.fixed_amount().map(|a| a.amount()),
            rule: c.kind.rule().map(String::from),
        }
    }
}

/// A service card (CPSV-AP shaped).
#[derive(Debug, Clone, uniffi::Record)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub needs: Vec<String>,
    pub category: String,
    pub audience: Vec<ProfileKind>,
    /// AgID business-event codes (1-15).
    pub business_events: Vec<i32>,
    /// AgID life-event codes (1-19).
    pub life_events: Vec<i32>,
    pub channels: Vec<Channel>,
    pub costs: Vec<Cost>,
    pub requirements: Vec<String>,
    pub outputs: Vec<String>,
    pub processing_days: Option<u32>,
    /// `low`, `substantial`, `high`, or null when no authentication is needed.
    pub level_of_assurance: Option<String>,
    pub legal_basis: Vec<String>,
    /// `completed`, `under_development`, `deprecated`, `withdrawn`.
    pub status: String,
}

impl From<&core::Service> for Service {
    fn from(s: &core::Service) -> Self {
        Service {
            id: s.id.to_string(),
            name: s.name.clone(),
            description: s.description.clone(),
            keywords: s.keywords.clone(),
            needs: s.needs.clone(),
            category: s.category.clone(),
            audience: s.audience.clone(),
            business_events: s.business_events.iter().map(|e| i32::from(e.code())).collect(),
            life_events: s.life_events.iter().map(|e| i32::from(e.code())).collect(),
            channels: s.channels.clone(),
            costs: s.costs.iter().map(Cost::from).collect(),
            requirements: s.requirements.iter().map(|r| r.name.clone()).collect(),
            outputs: s.outputs.iter().map(|o| o.name.clone()).collect(),
            processing_days: s.processing_days,
            level_of_assurance: s.level_of_assurance.map(|l| l.as_str().to_string()),
            legal_basis: s.legal_basis.clone(),
            status: s.status.as_str().into(),
        }
    }
}

/// A need category of the "Ho bisogno di…" list.
#[derive(Debug, Clone, uniffi::Record)]
pub struct NeedCategory {
    pub code: String,
    pub name: String,
}

/// How users reach a chamber.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Contact {
    pub pec: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// One chamber's catalogue on the counter: its package of services, local names, contact.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ChamberCatalog {
    pub code: String,
    pub name: String,
    pub provinces: Vec<String>,
    pub nuts: Vec<String>,
    pub contact: Contact,
    /// The services it has activated, in the order it shows them.
    pub active: Vec<String>,
    /// Local names of some of its services, by service identifier.
    pub local_names: HashMap<String, String>,
}

impl From<&core::ChamberCatalog> for ChamberCatalog {
    fn from(c: &core::ChamberCatalog) -> Self {
        ChamberCatalog {
            code: c.code.to_string(),
            name: c.name.clone(),
            provinces: c.provinces.iter().map(ToString::to_string).collect(),
            nuts: c.nuts.clone(),
            contact: Contact {
                pec: c.contact.pec.clone(),
                email: c.contact.email.clone(),
                phone: c.contact.phone.clone(),
                website: c.contact.website.clone(),
            },
            active: c.active.iter().map(ToString::to_string).collect(),
            local_names: c.local_names.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }
}

/// A call for grants (*bando*) of a chamber, with its criteria (null: not restricted).
#[derive(Debug, Clone, uniffi::Record)]
pub struct Grant {
    pub id: String,
    pub title: String,
    pub chamber: String,
    pub description: String,
    pub budget: Decimal,
    pub max_grant: Decimal,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    pub ateco_sections: Option<Vec<String>>,
    pub legal_forms: Option<Vec<String>>,
    pub size_classes: Option<Vec<SizeClass>>,
    pub provinces: Option<Vec<String>>,
    /// `registered_office` or `any_seat`: which seats count for `provinces`.
    pub seat: String,
    pub min_age_months: Option<u32>,
    pub must_be_active: bool,
}

fn names<T: ToString>(list: &Option<Vec<T>>) -> Option<Vec<String>> {
    list.as_ref().map(|v| v.iter().map(ToString::to_string).collect())
}

impl From<&core::Grant> for Grant {
    fn from(g: &core::Grant) -> Self {
        let c = &g.criteria;
        Grant {
            id: g.id.clone(),
            title: g.title.clone(),
            chamber: g.chamber.to_string(),
            description: g.description.clone(),
            budget: g.budget.amount(),
            max_grant: g.max_grant.amount(),
            opens: g.opens,
            closes: g.closes,
            ateco_sections: names(&c.ateco_sections),
            legal_forms: names(&c.legal_forms),
            size_classes: c.size_classes.clone(),
            provinces: names(&c.provinces),
            seat: c.seat.as_str().into(),
            min_age_months: c.min_age_months,
            must_be_active: c.must_be_active,
        }
    }
}

/// What grant eligibility needs to know about a company. `ateco_sections`: letters A-V, main
/// first; `legal_form`: natura giuridica code; provinces as siglas (any case: core normalises).
#[derive(Debug, Clone, uniffi::Record)]
pub struct GrantApplicant {
    pub ateco_sections: Vec<String>,
    pub legal_form: String,
    /// The declared size class; null when not declared (fails the calls limited by size).
    pub size: Option<SizeClass>,
    pub registered_office_province: String,
    pub local_unit_provinces: Vec<String>,
    pub registered_on: NaiveDate,
    pub active: bool,
}

impl TryFrom<GrantApplicant> for core::GrantApplicant {
    type Error = SportelloError;
    fn try_from(a: GrantApplicant) -> Result<Self, SportelloError> {
        Ok(core::GrantApplicant {
            ateco_sections: a.ateco_sections.iter().map(|s| s.parse()).collect::<Result<_, _>>()?,
            legal_form: a.legal_form.parse()?,
            size: a.size,
            registered_office_province: a.registered_office_province.parse()?,
            local_unit_provinces: a
                .local_unit_provinces
                .iter()
                .map(|p| p.parse())
                .collect::<Result<_, _>>()?,
            registered_on: a.registered_on,
            active: a.active,
        })
    }
}

impl From<core::GrantApplicant> for GrantApplicant {
    fn from(a: core::GrantApplicant) -> Self {
        GrantApplicant {
            ateco_sections: a.ateco_sections.iter().map(|s| s.letter().to_string()).collect(),
            legal_form: a.legal_form.to_string(),
            size: a.size,
            registered_office_province: a.registered_office_province.to_string(),
            local_unit_provinces: a.local_unit_provinces.iter().map(ToString::to_string).collect(),
            registered_on: a.registered_on,
            active: a.active,
        }
    }
}

/// The grant view of a registry company given in the registry's JSON shape, on `on`, with its
/// declared size class (null: not declared); ATECO sections per `ateco_version` (null: core's
/// default, ATECO 2025).
#[uniffi::export(default(ateco_version = None))]
pub fn grant_applicant_from_company_json(
    company_json: String,
    size: Option<SizeClass>,
    on: NaiveDate,
    ateco_version: Option<AtecoVersion>,
) -> Result<GrantApplicant, SportelloError> {
    let version = ateco_version.unwrap_or_default();
    Ok(core::GrantApplicant::from_company_json(&company_json, size, on, version)?.into())
}

/// A criterion a company fails.
#[derive(Debug, Clone, uniffi::Record)]
pub struct CriterionFailure {
    /// `not_yet_open`, `closed`, `ateco_section`, `legal_form`, `size_class`, `province`,
    /// `too_young`, `not_active`.
    pub criterion: String,
    pub message: String,
}

/// A grant the company cannot apply to, with every criterion it fails.
#[derive(Debug, Clone, uniffi::Record)]
pub struct IneligibleGrant {
    pub grant_id: String,
    pub failures: Vec<CriterionFailure>,
}

/// The grants finder's answer for one company on one day.
#[derive(Debug, Clone, uniffi::Record)]
pub struct GrantsReport {
    pub on: NaiveDate,
    pub eligible: Vec<String>,
    pub ineligible: Vec<IneligibleGrant>,
}

/// The service catalogue: search by need, browsing, chambers, grants, JSON-LD export.
#[derive(uniffi::Object)]
pub struct Catalog {
    inner: core::Catalog,
}

fn services(list: Vec<&core::Service>) -> Vec<Service> {
    list.into_iter().map(Service::from).collect()
}

#[uniffi::export]
impl Catalog {
    /// The catalogue shipped with the library (the Lombardy chambers).
    #[uniffi::constructor]
    #[allow(clippy::should_implement_trait)] // `Catalog.default()` is the API the issue names; it can fail
    pub fn default() -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(Catalog { inner: core::Catalog::lombardy()? }))
    }

    /// Searches by need, best first, each hit with its reasons; `chamber` keeps only the services
    /// that chamber has activated.
    #[uniffi::method(default(profile = None, chamber = None, limit = 10))]
    pub fn search(
        &self,
        text: String,
        profile: Option<ProfileKind>,
        chamber: Option<String>,
        limit: u32,
    ) -> Result<Vec<SearchHit>, SportelloError> {
        self.search_filtered(text, profile, chamber, limit, None, None, None)
    }

    /// [`Catalog::search`] with the event (AgID codes) and channel filters.
    #[allow(clippy::too_many_arguments)]
    #[uniffi::method(default(profile = None, chamber = None, limit = 10, business_event = None, life_event = None, channel = None))]
    pub fn search_filtered(
        &self,
        text: String,
        profile: Option<ProfileKind>,
        chamber: Option<String>,
        limit: u32,
        business_event: Option<i32>,
        life_event: Option<i32>,
        channel: Option<Channel>,
    ) -> Result<Vec<SearchHit>, SportelloError> {
        let mut q = core::SearchQuery::new(text).limit(limit as usize);
        q.profile = profile;
        q.channel = channel;
        if let Some(c) = chamber {
            q = q.chamber(chamber_arg(&c)?);
        }
        if let Some(e) = business_event {
            q = q.business_event(e.to_string().parse()?);
        }
        if let Some(e) = life_event {
            q = q.life_event(e.to_string().parse()?);
        }
        Ok(self
            .inner
            .search(&q)?
            .iter()
            .map(|h| SearchHit {
                service_id: h.service_id.to_string(),
                score: f64::from(h.score),
                reasons: h.reasons.iter().map(MatchReason::from).collect(),
            })
            .collect())
    }

    /// The service with identifier `id`.
    pub fn service(&self, id: String) -> Result<Service, SportelloError> {
        Ok(Service::from(self.inner.service(&id)?))
    }

    /// Every service, in catalogue order.
    pub fn services(&self) -> Vec<Service> {
        self.inner.services().iter().map(Service::from).collect()
    }

    /// The services chamber `code` has activated, with its local names.
    pub fn for_chamber(&self, code: String) -> Result<Vec<Service>, SportelloError> {
        Ok(self.inner.for_chamber(&chamber_arg(&code)?)?.iter().map(Service::from).collect())
    }

    /// The codes of the chambers with a catalogue.
    pub fn chambers(&self) -> Vec<String> {
        self.inner.chambers().iter().map(|c| c.code.to_string()).collect()
    }

    /// The catalogue of chamber `code`: its package, local names, contact.
    pub fn chamber(&self, code: String) -> Result<ChamberCatalog, SportelloError> {
        Ok(self.inner.chamber(&chamber_arg(&code)?)?.into())
    }

    /// The calls for grants.
    pub fn grants(&self) -> Vec<Grant> {
        self.inner.grants().iter().map(Grant::from).collect()
    }

    /// The need categories of the "Ho bisogno di…" list.
    pub fn categories(&self) -> Vec<NeedCategory> {
        self.inner
            .categories()
            .iter()
            .map(|c| NeedCategory { code: c.code.clone(), name: c.name.clone() })
            .collect()
    }

    /// The services of need category `code`.
    pub fn by_category(&self, code: String) -> Result<Vec<Service>, SportelloError> {
        Ok(services(self.inner.by_category(&code)?))
    }

    /// The services under AgID business event `code` (1-15).
    pub fn by_business_event(&self, code: i32) -> Result<Vec<Service>, SportelloError> {
        Ok(services(self.inner.by_business_event(code.to_string().parse()?)))
    }

    /// The services under AgID life event `code` (1-19).
    pub fn by_life_event(&self, code: i32) -> Result<Vec<Service>, SportelloError> {
        Ok(services(self.inner.by_life_event(code.to_string().parse()?)))
    }

    /// The grants a registry `company` can apply to on `on`, with its declared `size` class (null:
    /// not declared, which fails the calls limited by size) and the calls' `ateco_version` (null:
    /// ATECO 2025).
    #[uniffi::method(default(size = None, ateco_version = None))]
    pub fn eligible_grants_for_company(
        &self,
        company: crate::registry::Company,
        on: NaiveDate,
        size: Option<SizeClass>,
        ateco_version: Option<AtecoVersion>,
    ) -> Result<GrantsReport, SportelloError> {
        let company = crate::registry::company_core(&company)?;
        let applicant =
            core::GrantApplicant::from_company(&company, size, on, ateco_version.unwrap_or_default());
        self.eligible_grants(applicant.into(), on)
    }

    /// The grants `company` can apply to on `on`; for the others, every criterion it fails.
    pub fn eligible_grants(
        &self,
        company: GrantApplicant,
        on: NaiveDate,
    ) -> Result<GrantsReport, SportelloError> {
        let r = self.inner.eligible_grants(&company.try_into()?, on);
        Ok(GrantsReport {
            on: r.on,
            eligible: r.eligible,
            ineligible: r
                .ineligible
                .iter()
                .map(|g| IneligibleGrant {
                    grant_id: g.grant_id.clone(),
                    failures: g
                        .failures
                        .iter()
                        .map(|f| CriterionFailure { criterion: f.criterion().into(), message: f.to_string() })
                        .collect(),
                })
                .collect(),
        })
    }

    /// The catalogue as CPSV-AP JSON-LD: the whole catalogue, or one chamber's active services.
    #[uniffi::method(default(chamber = None))]
    pub fn to_jsonld(&self, chamber: Option<String>) -> Result<String, SportelloError> {
        let code = chamber.map(|c| chamber_arg(&c)).transpose()?;
        Ok(self.inner.to_jsonld(code.as_ref())?.to_string())
    }
}
