//! Python surface of `sportello::catalog`: the catalogue, search by need, grants, JSON-LD.
//! Converts types and errors; every rule lives in core.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};
use rust_decimal::Decimal;
use sportello::catalog as core;
use sportello::chamber::ChamberCode;
use sportello::profile::{ProfileError, ProfileKind};

use crate::chamber::{chamber_code_arg, province_code_arg};
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
    let file = e.file().map(String::from);
    let entry = e.entry().map(String::from);
    let (field, rule) = (e.field().to_string(), e.rule().to_string());
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
    s.parse().map_err(|e: ProfileError| arg_error(py, "profile", e.rule(), e.to_string()))
}

fn chamber_arg(py: Python<'_>, s: &str) -> PyResult<ChamberCode> {
    chamber_code_arg(py, s, "chamber")
}

/// The decimal text of a Python `int` (any size; a `bool` is not one), for core's parsers; any
/// other type is a `CatalogError` with rule `type`.
fn int_text(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(obj.str()?.to_string());
    }
    Err(arg_error(obj.py(), field, "type", format!("{field}: expected int, got {}", obj.get_type().name()?)))
}

/// Reads a value of a core vocabulary from its text, raising core's error as `CatalogError`.
fn parse<T: FromStr<Err = core::CatalogError>>(py: Python<'_>, text: &str) -> PyResult<T> {
    text.parse().map_err(|e| catalog_error(py, e))
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

/// One cost of a service: `kind` is `free`, `fixed` (secretarial fee plus stamps), `tariff_item`,
/// `copy`, `amount` or `computed`; `amount` when it does not depend on chamber or request,
/// `rule` for a computed cost.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Cost {
    id: String,
    description: String,
    /// `free`, `fixed`, `tariff_item`, `copy`, `amount` or `computed`.
    kind: String,
    /// The amount, when it does not depend on the chamber or the request (stamps included).
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
                .map(|c| Cost {
                    id: c.id.clone(),
                    description: c.description.clone(),
                    kind: c.kind.as_str().into(),
                    amount: c.kind.fixed_amount().map(|a| a.amount()),
                    rule: c.kind.rule().map(String::from),
                })
                .collect(),
            requirements: s.requirements.iter().map(|r| r.name.clone()).collect(),
            outputs: s.outputs.iter().map(|o| o.name.clone()).collect(),
            processing_days: s.processing_days,
            level_of_assurance: s.level_of_assurance.map(|l| l.as_str().to_string()),
            legal_basis: s.legal_basis.clone(),
            status: s.status.as_str().to_string(),
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
    #[pyo3(signature = (*, ateco_sections, legal_form, registered_office_province, registered_on, size = None, active = true, local_unit_provinces = Vec::new()))]
    #[pyo3(
        text_signature = "(*, ateco_sections, legal_form, registered_office_province, registered_on, size=None, active=True, local_unit_provinces=())"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        ateco_sections: Vec<String>,
        legal_form: &str,
        registered_office_province: &str,
        registered_on: &Bound<'_, PyAny>,
        size: Option<&str>,
        active: bool,
        local_unit_provinces: Vec<String>,
    ) -> PyResult<Self> {
        Ok(GrantApplicant {
            inner: core::GrantApplicant {
                ateco_sections: ateco_sections.iter().map(|s| parse(py, s)).collect::<PyResult<_>>()?,
                legal_form: legal_form.parse().map_err(|e: sportello::registry::RegistryError| {
                    arg_error(py, e.field(), e.rule(), e.to_string())
                })?,
                size: size.map(|s| parse(py, s)).transpose()?,
                registered_office_province: province_code_arg(
                    py,
                    registered_office_province,
                    "registered_office_province",
                )?,
                local_unit_provinces: local_unit_provinces
                    .iter()
                    .map(|p| province_code_arg(py, p, "local_unit_provinces"))
                    .collect::<PyResult<_>>()?,
                registered_on: date_arg(registered_on, "registered_on")?,
                active,
            },
        })
    }

    /// The view of a registry company given in the registry's JSON shape, on `on`, with its
    /// declared size class (`None`: not declared); ATECO sections per `ateco_version`
    /// (`ateco2025` or `ateco2007`).
    #[staticmethod]
    #[pyo3(signature = (company_json, *, on, size = None, ateco_version = "ateco2025"))]
    fn from_company_json(
        py: Python<'_>,
        company_json: &str,
        on: &Bound<'_, PyAny>,
        size: Option<&str>,
        ateco_version: &str,
    ) -> PyResult<Self> {
        let (size, version) = (size.map(|s| parse(py, s)).transpose()?, parse(py, ateco_version)?);
        core::GrantApplicant::from_company_json(company_json, size, date_arg(on, "on")?, version)
            .map(|inner| GrantApplicant { inner })
            .map_err(|e| catalog_error(py, e))
    }

    /// ATECO sections, main first.
    #[getter]
    fn ateco_sections(&self) -> Vec<String> {
        self.inner.ateco_sections.iter().map(|s| s.letter().to_string()).collect()
    }

    /// Natura giuridica code, in capitals.
    #[getter]
    fn legal_form(&self) -> String {
        self.inner.legal_form.to_string()
    }

    /// Size class: `micro`, `small`, `medium`, `large`, or `None` when not declared.
    #[getter]
    fn size(&self) -> Option<&'static str> {
        self.inner.size.map(|s| s.as_str())
    }

    /// Province of the registered office.
    #[getter]
    fn registered_office_province(&self) -> String {
        self.inner.registered_office_province.to_string()
    }

    /// Date of registration in the Registro Imprese.
    #[getter]
    fn registered_on(&self) -> NaiveDate {
        self.inner.registered_on
    }

    /// Whether the company is active.
    #[getter]
    fn active(&self) -> bool {
        self.inner.active
    }

    /// Provinces of its local units.
    #[getter]
    fn local_unit_provinces(&self) -> Vec<String> {
        self.inner.local_unit_provinces.iter().map(ToString::to_string).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "GrantApplicant(legal_form={:?}, size={:?}, registered_office_province={:?})",
            self.inner.legal_form.code(),
            self.inner.size.map(|s| s.as_str()),
            self.inner.registered_office_province.as_str()
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
    #[pyo3(signature = (text, profile = None, chamber = None, limit = None, *, business_event = None, life_event = None, channel = None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        text: &str,
        profile: Option<&str>,
        chamber: Option<&str>,
        limit: Option<&Bound<'_, PyAny>>,
        business_event: Option<&Bound<'_, PyAny>>,
        life_event: Option<&Bound<'_, PyAny>>,
        channel: Option<&str>,
    ) -> PyResult<Vec<SearchHit>> {
        let mut q = core::SearchQuery::new(text);
        if let Some(n) = limit {
            q = q.limit_text(&int_text(n, "limit")?).map_err(|e| catalog_error(py, e))?;
        }
        if let Some(p) = profile {
            q = q.profile(profile_arg(py, p)?);
        }
        if let Some(c) = chamber {
            q = q.chamber(chamber_arg(py, c)?);
        }
        if let Some(e) = business_event {
            q = q.business_event(parse(py, &int_text(e, "business_event")?)?);
        }
        if let Some(e) = life_event {
            q = q.life_event(parse(py, &int_text(e, "life_event")?)?);
        }
        if let Some(c) = channel {
            q = q.channel(parse(py, c)?);
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
    fn by_business_event(&self, py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<Vec<Service>> {
        Ok(services(self.inner.by_business_event(parse(py, &int_text(code, "business_event")?)?)))
    }

    /// The services under AgID life event `code` (1-19).
    fn by_life_event(&self, py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<Vec<Service>> {
        Ok(services(self.inner.by_life_event(parse(py, &int_text(code, "life_event")?)?)))
    }

    /// The catalogue of chamber `code`: its package, local names, contact.
    fn chamber(&self, py: Python<'_>, code: &str) -> PyResult<ChamberCatalog> {
        let code = chamber_code_arg(py, code, "code")?;
        self.inner.chamber(&code).map(ChamberCatalog::from).map_err(|e| catalog_error(py, e))
    }

    /// The calls for grants.
    fn grants(&self) -> Vec<Grant> {
        self.inner.grants().iter().map(Grant::from).collect()
    }

    /// The grants `company` can apply to on `on`, and for the others every criterion it fails.
    ///
    /// `company` is a registry `Company` (its declared `size` class and the calls' `ateco_version`
    /// may be given; an undeclared size fails the calls limited by size) or a `GrantApplicant`.
    #[pyo3(signature = (company, on, *, size = None, ateco_version = "ateco2025"))]
    fn eligible_grants(
        &self,
        company: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
        size: Option<&str>,
        ateco_version: &str,
    ) -> PyResult<GrantsReport> {
        let py = company.py();
        let on = date_arg(on, "on")?;
        let applicant = if let Ok(a) = company.cast::<GrantApplicant>() {
            a.get().inner.clone()
        } else if let Ok(c) = company.cast::<crate::registry::Company>() {
            let size = size.map(|s| parse(py, s)).transpose()?;
            core::GrantApplicant::from_company(&c.get().0, size, on, parse(py, ateco_version)?)
        } else {
            return Err(arg_error(
                py,
                "company",
                "type",
                format!("company: expected Company or GrantApplicant, got {}", company.get_type().name()?),
            ));
        };
        let r = self.inner.eligible_grants(&applicant, on);
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

/// How users reach a chamber.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Contact {
    pec: String,
    email: String,
    phone: String,
    website: String,
}

#[pymethods]
impl Contact {
    fn __repr__(&self) -> String {
        format!("Contact(email={:?}, website={:?})", self.email, self.website)
    }
}

/// One chamber's catalogue on the counter: its package of services, local names, contact.
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct ChamberCatalog {
    code: String,
    name: String,
    provinces: Vec<String>,
    nuts: Vec<String>,
    contact: Contact,
    /// The services it has activated, in the order it shows them.
    active: Vec<String>,
    /// Local names of some of its services, by service identifier.
    local_names: BTreeMap<String, String>,
}

#[pymethods]
impl ChamberCatalog {
    fn __repr__(&self) -> String {
        format!("ChamberCatalog(code={:?}, active={})", self.code, self.active.len())
    }
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

/// A call for grants (*bando*) of a chamber, with its criteria (None: not restricted).
#[pyclass(module = "sportello", frozen, get_all)]
#[derive(Clone)]
pub struct Grant {
    id: String,
    title: String,
    chamber: String,
    description: String,
    budget: Decimal,
    max_grant: Decimal,
    opens: NaiveDate,
    closes: NaiveDate,
    ateco_sections: Option<Vec<String>>,
    legal_forms: Option<Vec<String>>,
    size_classes: Option<Vec<String>>,
    provinces: Option<Vec<String>>,
    /// `registered_office` or `any_seat`: which seats count for `provinces`.
    seat: String,
    min_age_months: Option<u32>,
    must_be_active: bool,
}

#[pymethods]
impl Grant {
    fn __repr__(&self) -> String {
        format!("Grant(id={:?}, chamber={:?})", self.id, self.chamber)
    }
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
            size_classes: names(&c.size_classes),
            provinces: names(&c.provinces),
            seat: c.seat.as_str().into(),
            min_age_months: c.min_age_months,
            must_be_active: c.must_be_active,
        }
    }
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
    m.add_class::<Grant>()?;
    m.add_class::<ChamberCatalog>()?;
    m.add_class::<Contact>()?;
    Ok(())
}
