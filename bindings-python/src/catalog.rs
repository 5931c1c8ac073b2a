//! Python surface of `sportello::catalog`: the catalogue, search by need, grants, JSON-LD.
//! Converts types and errors; every rule lives in core.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use sportello::catalog as core;
use sportello::chamber::ChamberCode;
use sportello::profile::ProfileKind;

use crate::convert::date_arg;
use crate::errors::new_error;

pyo3::create_exception!(
    sportello,
    CatalogError,
    crate::errors::SportelloError,
    "A catalogue error: bad data (attributes `file`, `entry`, `field`, `rule`), an unknown service, \
     chamber, category, profile or code (`field`, `rule`)."
);

fn catalog_error(py: Python<'_>, e: core::CatalogError) -> PyErr {
    let (file, entry, field, rule): (Option<String>, Option<String>, String, String) = match &e {
        core::CatalogError::Json { file, .. } => (Some(file.clone()), None, "(file)".into(), "json".into()),
        core::CatalogError::InvalidEntry { file, entry, field, rule, .. } => {
            (Some(file.clone()), Some(entry.clone()), field.clone(), (*rule).into())
        }
        core::CatalogError::UnknownService { .. } => (None, None, "id".into(), "known_service".into()),
        core::CatalogError::UnknownChamber { .. } => (None, None, "chamber".into(), "known_chamber".into()),
        core::CatalogError::UnknownCategory { .. } => {
            (None, None, "category".into(), "known_category".into())
        }
        core::CatalogError::InvalidCompany { field, rule, .. } => (None, None, field.clone(), rule.clone()),
    };
    new_error::<CatalogError>(py, e.to_string(), |x| {
        x.setattr("file", file)?;
        x.setattr("entry", entry)?;
        x.setattr("field", field)?;
        x.setattr("rule", rule)
    })
}

fn arg_error(py: Python<'_>, field: &str, rule: &str, msg: String) -> PyErr {
    new_error::<CatalogError>(py, msg, |x| {
        x.setattr("file", None::<String>)?;
        x.setattr("entry", None::<String>)?;
        x.setattr("field", field)?;
        x.setattr("rule", rule)
    })
}

fn profile_arg(py: Python<'_>, s: &str) -> PyResult<ProfileKind> {
    ProfileKind::ALL.into_iter().find(|p| p.as_str() == s).ok_or_else(|| {
        arg_error(
            py,
            "profile",
            "known_profile",
            format!("profile {s:?} is not one of business, craftsman, intermediary, private"),
        )
    })
}

fn chamber_arg(py: Python<'_>, s: &str) -> PyResult<ChamberCode> {
    s.parse().map_err(|e: sportello::chamber::ChamberCodeError| {
        arg_error(py, "chamber", "chamber_code", e.to_string())
    })
}

/// The name of a JSON string value (`"substantial"`, `"completed"`): core's stable JSON shape.
fn json_name(v: serde_json::Result<serde_json::Value>) -> String {
    v.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// Why a service matched: a term, the fields that contain it, and where it came from.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct MatchReason {
    /// The term, as a folded word.
    term: String,
    /// The fields that contain it: `name`, `keywords`, `needs`, `description`.
    fields: Vec<String>,
    /// `typed`, `synonym` or `need_phrase`.
    via: String,
    /// What the user typed, for a synonym or need phrase.
    via_from: Option<String>,
    /// What it was mapped to, for a synonym or need phrase.
    via_to: Option<String>,
    text: String,
}

#[pymethods]
impl MatchReason {
    fn __str__(&self) -> String {
        self.text.clone()
    }
    fn __repr__(&self) -> String {
        format!("MatchReason({:?})", self.text)
    }
}

impl From<&core::MatchReason> for MatchReason {
    fn from(r: &core::MatchReason) -> Self {
        let (via, via_from, via_to) = match &r.via {
            core::Via::Typed => ("typed", None, None),
            core::Via::Synonym { from, to } => ("synonym", Some(from.clone()), Some(to.clone())),
            core::Via::NeedPhrase { from, to } => ("need_phrase", Some(from.clone()), Some(to.clone())),
        };
        MatchReason {
            term: r.term.clone(),
            fields: r.fields.iter().map(|f| f.as_str().to_string()).collect(),
            via: via.into(),
            via_from,
            via_to,
            text: r.to_string(),
        }
    }
}

/// One result of a search: the service, its score, and why it matched.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct SearchHit {
    /// The service identifier.
    service_id: String,
    /// BM25F score; comparable within one search only.
    score: f64,
    /// Why it matched, strongest first.
    reasons: Vec<MatchReason>,
}

#[pymethods]
impl SearchHit {
    fn __repr__(&self) -> String {
        format!(
            "SearchHit(service_id={:?}, score={:.3}, reasons={})",
            self.service_id,
            self.score,
            self.reasons.len()
        )
    }
}

/// One cost of a service: fixed (with `amount`), computed (with `rule`) or free.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Cost {
    id: String,
    description: String,
    /// `fixed`, `computed` or `free`.
    kind: String,
    /// The amount, for a fixed cost.
    amount: Option<Decimal>,
    /// Where the rule lives, for a computed cost.
    rule: Option<String>,
}

#[pymethods]
impl Cost {
    fn __repr__(&self) -> String {
        format!(
            "Cost(id={:?}, kind={:?}, amount={:?})",
            self.id,
            self.kind,
            self.amount.map(|a| a.to_string())
        )
    }
}

/// A service card of the catalogue (CPSV-AP shaped).
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Service {
    id: String,
    name: String,
    description: String,
    keywords: Vec<String>,
    needs: Vec<String>,
    category: String,
    /// Profiles: `business`, `craftsman`, `intermediary`, `private`.
    audience: Vec<String>,
    /// AgID business-event codes (1-15).
    business_events: Vec<u8>,
    /// AgID life-event codes (1-19).
    life_events: Vec<u8>,
    /// `online`, `pec`, `email`, `counter`, `post`, `phone`, `app`.
    channels: Vec<String>,
    costs: Vec<Cost>,
    requirements: Vec<String>,
    outputs: Vec<String>,
    processing_days: Option<u32>,
    /// `low`, `substantial`, `high`, or None when no authentication is needed.
    level_of_assurance: Option<String>,
    legal_basis: Vec<String>,
    /// ADMS status: `completed`, `under_development`, `deprecated`, `withdrawn`.
    status: String,
    json: String,
}

#[pymethods]
impl Service {
    /// The service as core's stable JSON.
    fn to_json(&self) -> String {
        self.json.clone()
    }
    fn __repr__(&self) -> String {
        format!("Service(id={:?}, name={:?})", self.id, self.name)
    }
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
            business_events: s.business_events.iter().map(|e| e.code()).collect(),
            life_events: s.life_events.iter().map(|e| e.code()).collect(),
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
            json: serde_json::to_string(s).unwrap_or_default(),
        }
    }
}

/// A need category of the "Ho bisogno di…" list.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct NeedCategory {
    code: String,
    name: String,
}

#[pymethods]
impl NeedCategory {
    fn __repr__(&self) -> String {
        format!("NeedCategory(code={:?}, name={:?})", self.code, self.name)
    }
}

/// What grant eligibility needs to know about a company.
#[pyclass(module = "sportello", frozen)]
#[derive(Clone)]
pub struct GrantApplicant {
    inner: core::GrantApplicant,
}

#[pymethods]
impl GrantApplicant {
    #[new]
    #[pyo3(signature = (*, ateco_sections, legal_form, size, registered_office_province, registered_on, active = true, local_unit_provinces = Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        ateco_sections: Vec<String>,
        legal_form: String,
        size: String,
        registered_office_province: String,
        registered_on: &Bound<'_, PyAny>,
        active: bool,
        local_unit_provinces: Vec<String>,
    ) -> PyResult<Self> {
        let sections = ateco_sections
            .into_iter()
            .map(|s| {
                core::AtecoSection::try_from(s)
                    .map_err(|m| arg_error(py, "ateco_sections", "ateco_section", m))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let size: core::SizeClass = size.parse().map_err(|m| arg_error(py, "size", "size_class", m))?;
        Ok(GrantApplicant {
            inner: core::GrantApplicant {
                ateco_sections: sections,
                legal_form,
                size,
                registered_office_province,
                local_unit_provinces,
                registered_on: date_arg(registered_on, "registered_on")?,
                active,
            },
        })
    }

    /// The view of a registry company given in the registry's JSON shape, on `on`, with its
    /// declared size class; ATECO sections per `ateco_version` (`ateco2025` or `ateco2007`).
    #[staticmethod]
    #[pyo3(signature = (company_json, *, size, on, ateco_version = "ateco2025"))]
    fn from_company_json(
        py: Python<'_>,
        company_json: &str,
        size: &str,
        on: &Bound<'_, PyAny>,
        ateco_version: &str,
    ) -> PyResult<Self> {
        let size: core::SizeClass = size.parse().map_err(|m| arg_error(py, "size", "size_class", m))?;
        let version = match ateco_version {
            "ateco2025" => core::AtecoVersion::Ateco2025,
            "ateco2007" => core::AtecoVersion::Ateco2007,
            other => {
                return Err(arg_error(
                    py,
                    "ateco_version",
                    "known_version",
                    format!("ATECO version {other:?} is not ateco2025 or ateco2007"),
                ))
            }
        };
        core::GrantApplicant::from_company_json(company_json, size, date_arg(on, "on")?, version)
            .map(|inner| GrantApplicant { inner })
            .map_err(|e| catalog_error(py, e))
    }

    /// ATECO sections, main first.
    #[getter]
    fn ateco_sections(&self) -> Vec<String> {
        self.inner.ateco_sections.iter().map(|s| s.letter().to_string()).collect()
    }

    /// Whether the company is active.
    #[getter]
    fn active(&self) -> bool {
        self.inner.active
    }

    /// Provinces of its local units.
    #[getter]
    fn local_unit_provinces(&self) -> Vec<String> {
        self.inner.local_unit_provinces.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "GrantApplicant(legal_form={:?}, size={:?}, registered_office_province={:?})",
            self.inner.legal_form,
            self.inner.size.as_str(),
            self.inner.registered_office_province
        )
    }
}

/// A criterion a company fails.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct CriterionFailure {
    /// `not_yet_open`, `closed`, `ateco_section`, `legal_form`, `size_class`, `province`,
    /// `too_young`, `not_active`.
    criterion: String,
    /// What failed, in a sentence.
    message: String,
}

#[pymethods]
impl CriterionFailure {
    fn __str__(&self) -> String {
        self.message.clone()
    }
    fn __repr__(&self) -> String {
        format!("CriterionFailure({:?}: {:?})", self.criterion, self.message)
    }
}

/// A grant the company cannot apply to, with every criterion it fails.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct IneligibleGrant {
    grant_id: String,
    failures: Vec<CriterionFailure>,
}

#[pymethods]
impl IneligibleGrant {
    fn __repr__(&self) -> String {
        format!("IneligibleGrant(grant_id={:?}, failures={})", self.grant_id, self.failures.len())
    }
}

/// The grants finder's answer for one company on one day.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct GrantsReport {
    on: NaiveDate,
    eligible: Vec<String>,
    ineligible: Vec<IneligibleGrant>,
}

#[pymethods]
impl GrantsReport {
    fn __repr__(&self) -> String {
        format!(
            "GrantsReport(on={}, eligible={:?}, ineligible={})",
            self.on,
            self.eligible,
            self.ineligible.len()
        )
    }
}

/// The service catalogue: search by need, browsing, chambers, grants, JSON-LD export.
#[pyclass(module = "sportello", frozen)]
pub struct Catalog {
    inner: Arc<core::Catalog>,
}

fn services(list: Vec<&core::Service>) -> Vec<Service> {
    list.into_iter().map(Service::from).collect()
}

#[pymethods]
impl Catalog {
    /// The catalogue shipped with the library (Lombardy chambers).
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Self> {
        core::Catalog::lombardy().map(|c| Catalog { inner: Arc::new(c) }).map_err(|e| catalog_error(py, e))
    }

    /// Searches by need, best first; filters by profile, chamber (active services only),
    /// business or life event code, and channel.
    #[pyo3(signature = (text, profile = None, chamber = None, limit = 10, *, business_event = None, life_event = None, channel = None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        text: &str,
        profile: Option<&str>,
        chamber: Option<&str>,
        limit: usize,
        business_event: Option<u8>,
        life_event: Option<u8>,
        channel: Option<&str>,
    ) -> PyResult<Vec<SearchHit>> {
        let mut q = core::SearchQuery::new(text).limit(limit);
        if let Some(p) = profile {
            q = q.profile(profile_arg(py, p)?);
        }
        if let Some(c) = chamber {
            q = q.chamber(chamber_arg(py, c)?);
        }
        if let Some(e) = business_event {
            q = q.business_event(business_event_arg(py, e)?);
        }
        if let Some(e) = life_event {
            q = q.life_event(life_event_arg(py, e)?);
        }
        if let Some(c) = channel {
            q = q.channel(c.parse().map_err(|m| arg_error(py, "channel", "known_channel", m))?);
        }
        let hits = self.inner.search(&q).map_err(|e| catalog_error(py, e))?;
        Ok(hits
            .iter()
            .map(|h| SearchHit {
                service_id: h.service_id.to_string(),
                score: f64::from(h.score),
                reasons: h.reasons.iter().map(MatchReason::from).collect(),
            })
            .collect())
    }

    /// The service with identifier `id`.
    fn service(&self, py: Python<'_>, id: &str) -> PyResult<Service> {
        self.inner.service(id).map(Service::from).map_err(|e| catalog_error(py, e))
    }

    /// Every service, in catalogue order.
    fn services(&self) -> Vec<Service> {
        self.inner.services().iter().map(Service::from).collect()
    }

    /// The services chamber `code` has activated, with its local names.
    fn for_chamber(&self, py: Python<'_>, code: &str) -> PyResult<Vec<Service>> {
        let code = chamber_arg(py, code)?;
        let list = self.inner.for_chamber(&code).map_err(|e| catalog_error(py, e))?;
        Ok(list.iter().map(Service::from).collect())
    }

    /// The codes of the chambers with a catalogue.
    fn chambers(&self) -> Vec<String> {
        self.inner.chambers().iter().map(|c| c.code.to_string()).collect()
    }

    /// The need categories of the "Ho bisogno di…" list.
    fn categories(&self) -> Vec<NeedCategory> {
        self.inner
            .categories()
            .iter()
            .map(|c| NeedCategory { code: c.code.clone(), name: c.name.clone() })
            .collect()
    }

    /// The services of need category `code`.
    fn by_category(&self, py: Python<'_>, code: &str) -> PyResult<Vec<Service>> {
        self.inner.by_category(code).map(services).map_err(|e| catalog_error(py, e))
    }

    /// The services under AgID business event `code` (1-15).
    fn by_business_event(&self, py: Python<'_>, code: u8) -> PyResult<Vec<Service>> {
        Ok(services(self.inner.by_business_event(business_event_arg(py, code)?)))
    }

    /// The services under AgID life event `code` (1-19).
    fn by_life_event(&self, py: Python<'_>, code: u8) -> PyResult<Vec<Service>> {
        Ok(services(self.inner.by_life_event(life_event_arg(py, code)?)))
    }

    /// The grants `company` can apply to on `on`, and for the others every criterion it fails.
    fn eligible_grants(&self, company: &GrantApplicant, on: &Bound<'_, PyAny>) -> PyResult<GrantsReport> {
        let r = self.inner.eligible_grants(&company.inner, date_arg(on, "on")?);
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

    /// The catalogue as CPSV-AP JSON-LD: the whole catalogue, or one chamber's.
    #[pyo3(signature = (chamber = None))]
    fn to_jsonld(&self, py: Python<'_>, chamber: Option<&str>) -> PyResult<String> {
        let code = chamber.map(|c| chamber_arg(py, c)).transpose()?;
        let doc = self.inner.to_jsonld(code.as_ref()).map_err(|e| catalog_error(py, e))?;
        Ok(doc.to_string())
    }

    fn __len__(&self) -> usize {
        self.inner.services().len()
    }

    fn __repr__(&self) -> String {
        format!("Catalog(services={}, chambers={})", self.inner.services().len(), self.inner.chambers().len())
    }
}

fn business_event_arg(py: Python<'_>, code: u8) -> PyResult<core::BusinessEvent> {
    core::BusinessEvent::from_code(code).ok_or_else(|| {
        arg_error(
            py,
            "business_event",
            "agid_vocabulary",
            format!("business event {code} is not an AgID code (1-15)"),
        )
    })
}

fn life_event_arg(py: Python<'_>, code: u8) -> PyResult<core::LifeEvent> {
    core::LifeEvent::from_code(code).ok_or_else(|| {
        arg_error(
            py,
            "life_event",
            "agid_vocabulary",
            format!("life event {code} is not an AgID code (1-19)"),
        )
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CatalogError", py.get_type::<CatalogError>())?;
    m.add_class::<Catalog>()?;
    m.add_class::<SearchHit>()?;
    m.add_class::<MatchReason>()?;
    m.add_class::<Service>()?;
    m.add_class::<Cost>()?;
    m.add_class::<NeedCategory>()?;
    m.add_class::<GrantApplicant>()?;
    m.add_class::<GrantsReport>()?;
    m.add_class::<IneligibleGrant>()?;
    m.add_class::<CriterionFailure>()?;
    Ok(())
}
