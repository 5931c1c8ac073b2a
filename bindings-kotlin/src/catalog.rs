//! Kotlin surface of `sportello::catalog`: the catalogue, search by need, grants, JSON-LD.
//! Converts types and errors; every rule lives in core. Profiles, channels and sizes cross as
//! their snake_case names (`"business"`, `"pec"`, `"micro"`), events as AgID codes.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sportello::catalog as core;
use sportello::chamber::ChamberCode;
use sportello::profile::ProfileKind;

use crate::SportelloError;

impl From<core::CatalogError> for SportelloError {
    fn from(e: core::CatalogError) -> Self {
        let (entry, field, rule): (Option<String>, String, String) = match &e {
            core::CatalogError::Json { .. } => (None, "(file)".into(), "json".into()),
            core::CatalogError::InvalidEntry { entry, field, rule, .. } => {
                (Some(entry.clone()), field.clone(), (*rule).into())
            }
            core::CatalogError::UnknownService { .. } => (None, "id".into(), "known_service".into()),
            core::CatalogError::UnknownChamber { .. } => (None, "chamber".into(), "known_chamber".into()),
            core::CatalogError::UnknownCategory { .. } => (None, "category".into(), "known_category".into()),
            core::CatalogError::InvalidCompany { field, rule, .. } => (None, field.clone(), rule.clone()),
        };
        SportelloError::Catalog { entry, field, rule, reason: e.to_string() }
    }
}

fn refuse(field: &str, rule: &str, reason: String) -> SportelloError {
    SportelloError::Catalog { entry: None, field: field.into(), rule: rule.into(), reason }
}

fn profile_arg(s: &str) -> Result<ProfileKind, SportelloError> {
    ProfileKind::ALL.into_iter().find(|p| p.as_str() == s).ok_or_else(|| {
        refuse(
            "profile",
            "known_profile",
            format!("profile {s:?} is not one of business, craftsman, intermediary, private"),
        )
    })
}

fn chamber_arg(s: &str) -> Result<ChamberCode, SportelloError> {
    s.parse()
        .map_err(|e: sportello::chamber::ChamberCodeError| refuse("chamber", "chamber_code", e.to_string()))
}

fn json_name(v: serde_json::Result<serde_json::Value>) -> String {
    v.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
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

/// One result of a search.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SearchHit {
    pub service_id: String,
    /// BM25F score; comparable within one search only.
    pub score: f64,
    pub reasons: Vec<MatchReason>,
}

/// One cost of a service: `fixed` (with `amount`), `computed` (with `rule`) or `free`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Cost {
    pub id: String,
    pub description: String,
    pub kind: String,
    pub amount: Option<Decimal>,
    pub rule: Option<String>,
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
    pub audience: Vec<String>,
    /// AgID business-event codes (1-15).
    pub business_events: Vec<i32>,
    /// AgID life-event codes (1-19).
    pub life_events: Vec<i32>,
    pub channels: Vec<String>,
    pub costs: Vec<Cost>,
    pub requirements: Vec<String>,
    pub outputs: Vec<String>,
    pub processing_days: Option<u32>,
    pub level_of_assurance: Option<String>,
    pub legal_basis: Vec<String>,
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
            audience: s.audience.iter().map(|p| p.as_str().to_string()).collect(),
            business_events: s.business_events.iter().map(|e| i32::from(e.code())).collect(),
            life_events: s.life_events.iter().map(|e| i32::from(e.code())).collect(),
            channels: s.channels.iter().map(|c| c.as_str().to_string()).collect(),
            costs: s
                .costs
                .iter()
                .map(|c| {
                    let (kind, amount, rule) = match &c.kind {
                        core::CostKind::Fixed { amount } => ("fixed", Some(amount.amount()), None),
                        core::CostKind::Computed { rule, .. } => ("computed", None, Some(rule.clone())),
                        core::CostKind::Free => ("free", None, None),
                    };
                    Cost {
                        id: c.id.clone(),
                        description: c.description.clone(),
                        kind: kind.into(),
                        amount,
                        rule,
                    }
                })
                .collect(),
            requirements: s.requirements.iter().map(|r| r.name.clone()).collect(),
            outputs: s.outputs.iter().map(|o| o.name.clone()).collect(),
            processing_days: s.processing_days,
            level_of_assurance: s.level_of_assurance.map(|l| json_name(serde_json::to_value(l))),
            legal_basis: s.legal_basis.clone(),
            status: json_name(serde_json::to_value(s.status)),
        }
    }
}

/// A need category of the "Ho bisogno di…" list.
#[derive(Debug, Clone, uniffi::Record)]
pub struct NeedCategory {
    pub code: String,
    pub name: String,
}

/// What grant eligibility needs to know about a company. `ateco_sections`: letters A-V, main
/// first; `legal_form`: natura giuridica code; `size`: micro, small, medium, large.
#[derive(Debug, Clone, uniffi::Record)]
pub struct GrantApplicant {
    pub ateco_sections: Vec<String>,
    pub legal_form: String,
    pub size: String,
    pub registered_office_province: String,
    pub local_unit_provinces: Vec<String>,
    pub registered_on: NaiveDate,
    pub active: bool,
}

impl TryFrom<GrantApplicant> for core::GrantApplicant {
    type Error = SportelloError;
    fn try_from(a: GrantApplicant) -> Result<Self, SportelloError> {
        Ok(core::GrantApplicant {
            ateco_sections: a
                .ateco_sections
                .into_iter()
                .map(|s| {
                    core::AtecoSection::try_from(s).map_err(|m| refuse("ateco_sections", "ateco_section", m))
                })
                .collect::<Result<_, _>>()?,
            legal_form: a.legal_form,
            size: a.size.parse().map_err(|m| refuse("size", "size_class", m))?,
            registered_office_province: a.registered_office_province,
            local_unit_provinces: a.local_unit_provinces,
            registered_on: a.registered_on,
            active: a.active,
        })
    }
}

/// The grant view of a registry company given in the registry's JSON shape, on `on`, with its
/// declared size class (`micro`, `small`, `medium`, `large`); ATECO sections per
/// `ateco_version` (`ateco2025` or `ateco2007`).
#[uniffi::export(default(ateco_version = "ateco2025"))]
pub fn grant_applicant_from_company_json(
    company_json: String,
    size: String,
    on: NaiveDate,
    ateco_version: String,
) -> Result<GrantApplicant, SportelloError> {
    let size: core::SizeClass = size.parse().map_err(|m| refuse("size", "size_class", m))?;
    let version = match ateco_version.as_str() {
        "ateco2025" => core::AtecoVersion::Ateco2025,
        "ateco2007" => core::AtecoVersion::Ateco2007,
        other => {
            return Err(refuse(
                "ateco_version",
                "known_version",
                format!("ATECO version {other:?} is not ateco2025 or ateco2007"),
            ))
        }
    };
    let a = core::GrantApplicant::from_company_json(&company_json, size, on, version)?;
    Ok(GrantApplicant {
        ateco_sections: a.ateco_sections.iter().map(|s| s.letter().to_string()).collect(),
        legal_form: a.legal_form,
        size: a.size.as_str().into(),
        registered_office_province: a.registered_office_province,
        local_unit_provinces: a.local_unit_provinces,
        registered_on: a.registered_on,
        active: a.active,
    })
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
        profile: Option<String>,
        chamber: Option<String>,
        limit: u32,
    ) -> Result<Vec<SearchHit>, SportelloError> {
        self.search_filtered(text, profile, chamber, limit, None, None, None)
    }

    /// [`Catalog::search`] with the event and channel filters (AgID codes, channel name).
    #[allow(clippy::too_many_arguments)]
    #[uniffi::method(default(profile = None, chamber = None, limit = 10, business_event = None, life_event = None, channel = None))]
    pub fn search_filtered(
        &self,
        text: String,
        profile: Option<String>,
        chamber: Option<String>,
        limit: u32,
        business_event: Option<i32>,
        life_event: Option<i32>,
        channel: Option<String>,
    ) -> Result<Vec<SearchHit>, SportelloError> {
        let mut q = core::SearchQuery::new(text).limit(limit as usize);
        if let Some(p) = profile {
            q = q.profile(profile_arg(&p)?);
        }
        if let Some(c) = chamber {
            q = q.chamber(chamber_arg(&c)?);
        }
        if let Some(e) = business_event {
            q = q.business_event(business_event_arg(e)?);
        }
        if let Some(e) = life_event {
            q = q.life_event(life_event_arg(e)?);
        }
        if let Some(c) = channel {
            q = q.channel(c.parse().map_err(|m| refuse("channel", "known_channel", m))?);
        }
        Ok(self
            .inner
            .search(&q)?
            .iter()
            .map(|h| SearchHit {
                service_id: h.service_id.to_string(),
                score: f64::from(h.score),
                reasons: h
                    .reasons
                    .iter()
                    .map(|r| {
                        let (via, via_from, via_to) = match &r.via {
                            core::Via::Typed => ("typed", None, None),
                            core::Via::Synonym { from, to } => {
                                ("synonym", Some(from.clone()), Some(to.clone()))
                            }
                            core::Via::NeedPhrase { from, to } => {
                                ("need_phrase", Some(from.clone()), Some(to.clone()))
                            }
                        };
                        MatchReason {
                            term: r.term.clone(),
                            fields: r.fields.iter().map(|f| f.as_str().to_string()).collect(),
                            via: via.into(),
                            via_from,
                            via_to,
                            text: r.to_string(),
                        }
                    })
                    .collect(),
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
        Ok(services(self.inner.by_business_event(business_event_arg(code)?)))
    }

    /// The services under AgID life event `code` (1-19).
    pub fn by_life_event(&self, code: i32) -> Result<Vec<Service>, SportelloError> {
        Ok(services(self.inner.by_life_event(life_event_arg(code)?)))
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

fn business_event_arg(code: i32) -> Result<core::BusinessEvent, SportelloError> {
    u8::try_from(code).ok().and_then(core::BusinessEvent::from_code).ok_or_else(|| {
        refuse(
            "business_event",
            "agid_vocabulary",
            format!("business event {code} is not an AgID code (1-15)"),
        )
    })
}

fn life_event_arg(code: i32) -> Result<core::LifeEvent, SportelloError> {
    u8::try_from(code).ok().and_then(core::LifeEvent::from_code).ok_or_else(|| {
        refuse("life_event", "agid_vocabulary", format!("life event {code} is not an AgID code (1-19)"))
    })
}
