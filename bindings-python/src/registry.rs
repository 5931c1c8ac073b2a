//! Python surface of `sportello::registry`: `Company`, `Role`, `DigitalDomicile`,
//! `InMemoryRegistry` (with the fixtures), `InMemoryPecDirectory`, and the **host adapters**: any
//! Python object with the right methods serves as the business registry or the PEC directory.
//!
//! The adapter pattern (reused by other areas for their ports): a Rust struct holding the Python
//! object implements the core port trait; each method attaches to the interpreter, calls the
//! host's method, converts the answer (a binding object, or a dict in the JSON shape) and checks
//! it; a host exception, or an answer of the wrong shape, becomes `PortError` in core and
//! `PortFailure` in Python (attributes `port`, `reason`).

use std::sync::{Arc, Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::PySequence;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sportello::identifiers::CodiceFiscale;
use sportello::memory;
use sportello::ports::{BusinessRegistry, PecDirectory, PortError};
use sportello::registry as core;

use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    PortFailure,
    SportelloError,
    "A port (registry, PEC directory, store...) failed, or a host adapter answered with the wrong shape. Attributes: port, reason."
);
pyo3::create_exception!(
    sportello,
    InvalidRegistryData,
    SportelloError,
    "Registry data (a company, a REA number, a JSON data set) that breaks a rule. Attributes: field, rule."
);

pub(crate) fn port_failure(py: Python<'_>, e: PortError) -> PyErr {
    new_error::<PortFailure>(py, e.to_string(), |x| {
        x.setattr("port", e.port.as_str())?;
        x.setattr("reason", e.reason.as_str())
    })
}

pub(crate) fn data_error(py: Python<'_>, field: &str, rule: &str, message: String) -> PyErr {
    new_error::<InvalidRegistryData>(py, message, |x| {
        x.setattr("field", field)?;
        x.setattr("rule", rule)
    })
}

fn registry_error(py: Python<'_>, e: core::RegistryError) -> PyErr {
    data_error(py, e.field(), e.rule(), e.to_string())
}

/// Reads a codice fiscale, raising `InvalidCodiceFiscale` (rule from core) naming `field`.
pub(crate) fn cf_arg(py: Python<'_>, text: &str, field: &str) -> PyResult<CodiceFiscale> {
    CodiceFiscale::parse(text).map_err(|e| {
        new_error::<crate::identifiers::InvalidCodiceFiscale>(py, e.to_string(), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", field)?;
            x.setattr("text", text)?;
            x.setattr("position", e.position())?;
            x.setattr("expected", e.expected())?;
            x.setattr("found", e.found())
        })
    })
}

/// Parses the JSON shape of a core value, raising `InvalidRegistryData` naming `what`.
pub(crate) fn parse_json<T: DeserializeOwned>(py: Python<'_>, json: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(json).map_err(|e| data_error(py, what, "json", format!("{what}: {e}")))
}

/// A core value as Python data (dicts, lists, str, int, bool, None) through its JSON shape.
pub(crate) fn to_python<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let json =
        serde_json::to_string(value).map_err(|e| data_error(py, "json", "serialize", e.to_string()))?;
    Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
}

/// Python data in the JSON shape (dates may be `datetime.date`) as a core value.
pub(crate) fn from_python<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T, String> {
    let py = obj.py();
    let json = py.import("json").map_err(|e| e.to_string())?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs
        .set_item("default", py.import("builtins").and_then(|b| b.getattr("str")).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let text: String = json
        .call_method("dumps", (obj,), Some(&kwargs))
        .and_then(|s| s.extract())
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// A company as the Registro Imprese shows it (read-only; ``to_json`` gives every field).
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Company(pub core::Company);

#[pymethods]
impl Company {
    /// A company from its JSON shape; refused if it breaks a registry rule.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        let c: core::Company = parse_json(py, json, "company")?;
        c.check().map_err(|e| registry_error(py, e))?;
        Ok(Company(c))
    }
    /// The JSON shape.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// The JSON shape as a dict.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.0)
    }
    #[getter]
    fn codice_fiscale(&self) -> &str {
        self.0.codice_fiscale.as_str()
    }
    #[getter]
    fn partita_iva(&self) -> Option<&str> {
        self.0.partita_iva.as_ref().map(|p| p.as_str())
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Natura giuridica code (``"SR"``).
    #[getter]
    fn legal_form(&self) -> &str {
        self.0.legal_form.code()
    }
    /// The family of the legal form (``"limited_company"``), or None for a code unknown to the library.
    #[getter]
    fn legal_family(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.0.legal_form.family().map(|f| to_python(py, &f).and_then(|v| v.extract(py))).transpose()
    }
    /// ``ordinaria``, ``speciale`` or ``rea_only``.
    #[getter]
    fn section(&self) -> &'static str {
        match self.0.section {
            core::Section::Ordinaria => "ordinaria",
            core::Section::Speciale(_) => "speciale",
            core::Section::ReaOnly => "rea_only",
        }
    }
    /// The category of the sezione speciale (``"artisans"``), if any.
    #[getter]
    fn special_category(&self, py: Python<'_>) -> PyResult<Option<String>> {
        match self.0.section {
            core::Section::Speciale(c) => Ok(Some(to_python(py, &c)?.extract(py)?)),
            _ => Ok(None),
        }
    }
    #[getter]
    fn artisan(&self) -> bool {
        self.0.artisan
    }
    /// REA number of the seat (``"MI-2012345"``).
    #[getter]
    fn rea(&self) -> String {
        self.0.rea.to_string()
    }
    #[getter]
    fn chamber(&self) -> &str {
        self.0.chamber.as_str()
    }
    #[getter]
    fn province(&self) -> String {
        self.0.province().to_string()
    }
    #[getter]
    fn ateco(&self) -> Vec<String> {
        self.0.ateco.iter().map(ToString::to_string).collect()
    }
    #[getter]
    fn registered_on(&self) -> chrono::NaiveDate {
        self.0.registered_on
    }
    /// The latest state: ``active``, ``inactive``, ``in_liquidation``, ``ceased``.
    #[getter]
    fn state(&self) -> Option<&'static str> {
        self.0.current_state().map(core::CompanyState::as_str)
    }
    /// The state on a day (None before registration).
    fn state_on(&self, day: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        Ok(self.0.state_on(crate::convert::date_arg(day, "day")?).map(core::CompanyState::as_str))
    }
    /// Provinces of the units open on a day, other than the seat's.
    fn unit_provinces_on(&self, day: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        Ok(self
            .0
            .unit_provinces_on(crate::convert::date_arg(day, "day")?)
            .iter()
            .map(ToString::to_string)
            .collect())
    }
    #[getter]
    fn pec(&self) -> Option<&str> {
        self.0.pec.as_ref().map(|p| p.as_str())
    }
    fn __repr__(&self) -> String {
        format!(
            "Company(codice_fiscale={:?}, name={:?}, rea={:?})",
            self.0.codice_fiscale.as_str(),
            self.0.name,
            self.0.rea.to_string()
        )
    }
}

/// A role (carica) a person holds in a company.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Role(pub core::Role);

#[pymethods]
impl Role {
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        parse_json(py, json, "role").map(Role)
    }
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.0)
    }
    #[getter]
    fn person(&self) -> &str {
        self.0.person.as_str()
    }
    #[getter]
    fn company(&self) -> &str {
        self.0.company.as_str()
    }
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }
    #[getter]
    fn kind(&self, py: Python<'_>) -> PyResult<String> {
        to_python(py, &self.0.kind)?.extract(py)
    }
    #[getter]
    fn legal_representative(&self) -> bool {
        self.0.legal_representative
    }
    #[getter]
    fn since(&self) -> chrono::NaiveDate {
        self.0.since
    }
    #[getter]
    fn until(&self) -> Option<chrono::NaiveDate> {
        self.0.until
    }
    fn __repr__(&self) -> String {
        format!(
            "Role(person={:?}, company={:?}, code={:?})",
            self.0.person.as_str(),
            self.0.company.as_str(),
            self.0.code
        )
    }
}

/// A digital domicile from the PEC directory.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct DigitalDomicile(pub core::DigitalDomicile);

#[pymethods]
impl DigitalDomicile {
    #[new]
    #[pyo3(signature = (codice_fiscale, pec, section = "companies"))]
    fn new(py: Python<'_>, codice_fiscale: &str, pec: &str, section: &str) -> PyResult<Self> {
        let section: core::PecSection = section.parse().map_err(|e| registry_error(py, e))?;
        Ok(DigitalDomicile(core::DigitalDomicile {
            codice_fiscale: cf_arg(py, codice_fiscale, "codice_fiscale")?,
            pec: pec.parse().map_err(|e| registry_error(py, e))?,
            section,
        }))
    }
    #[getter]
    fn codice_fiscale(&self) -> &str {
        self.0.codice_fiscale.as_str()
    }
    #[getter]
    fn pec(&self) -> &str {
        self.0.pec.as_str()
    }
    #[getter]
    fn section(&self) -> &'static str {
        self.0.section.as_str()
    }
    fn __repr__(&self) -> String {
        format!(
            "DigitalDomicile(codice_fiscale={:?}, pec={:?})",
            self.0.codice_fiscale.as_str(),
            self.0.pec.as_str()
        )
    }
}

/// A registry or directory shared between its Python object and the profilers built over it:
/// edits replace the inner `Arc` (copy on write), each read takes the current one.
type Shared<T> = Arc<Mutex<Arc<T>>>;

fn current<T>(shared: &Shared<T>) -> Arc<T> {
    shared.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

fn shared<T>(value: T) -> Shared<T> {
    Arc::new(Mutex::new(Arc::new(value)))
}

/// The in-memory Registro Imprese (``InMemoryRegistry.fixtures()`` holds the fictional companies).
#[pyclass(module = "sportello", frozen)]
pub struct InMemoryRegistry(Shared<memory::InMemoryRegistry>);

impl InMemoryRegistry {
    pub(crate) fn snapshot(&self) -> Arc<memory::InMemoryRegistry> {
        current(&self.0)
    }
    fn edit<R>(&self, f: impl FnOnce(&mut memory::InMemoryRegistry) -> R) -> R {
        let mut guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(Arc::make_mut(&mut guard))
    }
}

#[pymethods]
impl InMemoryRegistry {
    /// An empty registry.
    #[new]
    fn new() -> Self {
        InMemoryRegistry(shared(memory::InMemoryRegistry::new()))
    }
    /// The registry holding the fixture companies, persons and roles.
    #[staticmethod]
    fn fixtures(py: Python<'_>) -> PyResult<Self> {
        memory::InMemoryRegistry::with_fixtures()
            .map(|r| InMemoryRegistry(shared(r)))
            .map_err(|e| registry_error(py, e))
    }
    /// A registry from a JSON data set (``{"companies": [...], "roles": [...], "persons": [...]}``).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        memory::InMemoryRegistry::from_json(json)
            .map(|r| InMemoryRegistry(shared(r)))
            .map_err(|e| registry_error(py, e))
    }
    /// The fixture data set as JSON text.
    #[staticmethod]
    fn fixtures_json() -> &'static str {
        memory::REGISTRY_FIXTURES
    }
    fn add_company(&self, py: Python<'_>, company: &Company) -> PyResult<()> {
        self.edit(|r| r.insert_company(company.0.clone())).map_err(|e| registry_error(py, e))
    }
    fn add_role(&self, py: Python<'_>, role: &Role) -> PyResult<()> {
        self.edit(|r| r.insert_role(role.0.clone())).map_err(|e| registry_error(py, e))
    }
    fn company(&self, py: Python<'_>, codice_fiscale: &str) -> PyResult<Option<Company>> {
        let cf = cf_arg(py, codice_fiscale, "codice_fiscale")?;
        Ok(self.snapshot().company(&cf).map_err(|e| port_failure(py, e))?.map(Company))
    }
    fn company_by_rea(&self, py: Python<'_>, rea: &str) -> PyResult<Option<Company>> {
        let rea: core::Rea = rea.parse().map_err(|e| registry_error(py, e))?;
        Ok(self.snapshot().company_by_rea(&rea).map_err(|e| port_failure(py, e))?.map(Company))
    }
    fn roles_of(&self, py: Python<'_>, codice_fiscale: &str) -> PyResult<Vec<Role>> {
        let cf = cf_arg(py, codice_fiscale, "codice_fiscale")?;
        Ok(self.snapshot().roles_of(&cf).map_err(|e| port_failure(py, e))?.into_iter().map(Role).collect())
    }
    fn companies(&self) -> Vec<Company> {
        self.snapshot().companies().into_iter().map(Company).collect()
    }
    fn roles(&self) -> Vec<Role> {
        self.snapshot().roles().into_iter().map(Role).collect()
    }
    /// Every person, as dicts in the JSON shape (``codice_fiscale``, ``given_name``, ``family_name``).
    fn persons(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        self.snapshot().persons().iter().map(|p| to_python(py, p)).collect()
    }
    fn __len__(&self) -> usize {
        self.snapshot().companies().len()
    }
    fn __repr__(&self) -> String {
        format!("InMemoryRegistry({} companies)", self.snapshot().companies().len())
    }
}

/// The in-memory PEC directory (INI-PEC style).
#[pyclass(module = "sportello", frozen)]
pub struct InMemoryPecDirectory(Shared<memory::InMemoryPecDirectory>);

impl InMemoryPecDirectory {
    pub(crate) fn snapshot(&self) -> Arc<memory::InMemoryPecDirectory> {
        current(&self.0)
    }
}

#[pymethods]
impl InMemoryPecDirectory {
    #[new]
    fn new() -> Self {
        InMemoryPecDirectory(shared(memory::InMemoryPecDirectory::new()))
    }
    /// The directory fed from the registry fixtures (no REA-only or ceased companies) and professionals.
    #[staticmethod]
    fn fixtures(py: Python<'_>) -> PyResult<Self> {
        memory::InMemoryPecDirectory::with_fixtures()
            .map(|d| InMemoryPecDirectory(shared(d)))
            .map_err(|e| registry_error(py, e))
    }
    fn add(&self, entry: &DigitalDomicile) {
        let mut guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::make_mut(&mut guard).insert(entry.0.clone());
    }
    fn domicile_of(&self, py: Python<'_>, codice_fiscale: &str) -> PyResult<Option<DigitalDomicile>> {
        let cf = cf_arg(py, codice_fiscale, "codice_fiscale")?;
        Ok(self.snapshot().domicile_of(&cf).map_err(|e| port_failure(py, e))?.map(DigitalDomicile))
    }
    fn entries(&self) -> Vec<DigitalDomicile> {
        self.snapshot().entries().into_iter().map(DigitalDomicile).collect()
    }
    fn __repr__(&self) -> String {
        format!("InMemoryPecDirectory({} entries)", self.snapshot().entries().len())
    }
}

// -- host adapters -------------------------------------------------------------------------------

/// Calls `method` on the host object with one string argument; a Python exception becomes a
/// `PortError` of `port`.
fn call_host<R>(
    host: &Py<PyAny>,
    port: &str,
    method: &str,
    arg: String,
    convert: impl FnOnce(&Bound<'_, PyAny>) -> Result<R, String>,
) -> Result<R, PortError> {
    Python::attach(|py| {
        let answer = host
            .bind(py)
            .call_method1(method, (arg,))
            .map_err(|e| PortError::new(port, format!("{method}: {e}")))?;
        convert(&answer).map_err(|reason| PortError::new(port, format!("{method} answered: {reason}")))
    })
}

fn company_from_host(obj: &Bound<'_, PyAny>) -> Result<Option<core::Company>, String> {
    if obj.is_none() {
        return Ok(None);
    }
    let company = match obj.cast::<Company>() {
        Ok(c) => c.get().0.clone(),
        Err(_) => from_python::<core::Company>(obj)?,
    };
    company.check().map_err(|e| e.to_string())?;
    Ok(Some(company))
}

/// A Python object serving as the business registry: methods ``company(cf: str)``,
/// ``company_by_rea(rea: str)`` returning a `Company`, a dict in its JSON shape, or None, and
/// ``roles_of(cf: str)`` returning a list of `Role` or dicts.
pub struct HostRegistry(Py<PyAny>);

impl BusinessRegistry for HostRegistry {
    fn company(&self, codice_fiscale: &CodiceFiscale) -> Result<Option<core::Company>, PortError> {
        call_host(&self.0, "business_registry", "company", codice_fiscale.to_string(), company_from_host)
    }
    fn company_by_rea(&self, rea: &core::Rea) -> Result<Option<core::Company>, PortError> {
        call_host(&self.0, "business_registry", "company_by_rea", rea.to_string(), company_from_host)
    }
    fn roles_of(&self, person: &CodiceFiscale) -> Result<Vec<core::Role>, PortError> {
        call_host(&self.0, "business_registry", "roles_of", person.to_string(), |obj| {
            if obj.is_instance_of::<pyo3::types::PyString>() {
                return Err("a string, not a sequence of roles".to_string());
            }
            let seq = obj.cast::<PySequence>().map_err(|_| "not a sequence".to_string())?;
            seq.try_iter()
                .map_err(|e| e.to_string())?
                .map(|item| {
                    let item = item.map_err(|e| e.to_string())?;
                    match item.cast::<Role>() {
                        Ok(r) => Ok(r.get().0.clone()),
                        Err(_) => from_python::<core::Role>(&item),
                    }
                })
                .collect()
        })
    }
}

/// A Python object serving as the PEC directory: method ``domicile_of(cf: str)`` returning a
/// `DigitalDomicile`, a dict in its JSON shape, or None.
pub struct HostPecDirectory(Py<PyAny>);

impl PecDirectory for HostPecDirectory {
    fn domicile_of(
        &self,
        codice_fiscale: &CodiceFiscale,
    ) -> Result<Option<core::DigitalDomicile>, PortError> {
        call_host(&self.0, "pec_directory", "domicile_of", codice_fiscale.to_string(), |obj| {
            if obj.is_none() {
                return Ok(None);
            }
            match obj.cast::<DigitalDomicile>() {
                Ok(d) => Ok(Some(d.get().0.clone())),
                Err(_) => from_python(obj).map(Some),
            }
        })
    }
}

/// The in-memory registry, read live: each call sees the companies and roles added since.
struct LiveRegistry(Shared<memory::InMemoryRegistry>);

impl BusinessRegistry for LiveRegistry {
    fn company(&self, codice_fiscale: &CodiceFiscale) -> Result<Option<core::Company>, PortError> {
        current(&self.0).company(codice_fiscale)
    }
    fn company_by_rea(&self, rea: &core::Rea) -> Result<Option<core::Company>, PortError> {
        current(&self.0).company_by_rea(rea)
    }
    fn roles_of(&self, person: &CodiceFiscale) -> Result<Vec<core::Role>, PortError> {
        current(&self.0).roles_of(person)
    }
}

/// The in-memory PEC directory, read live.
struct LiveDirectory(Shared<memory::InMemoryPecDirectory>);

impl PecDirectory for LiveDirectory {
    fn domicile_of(
        &self,
        codice_fiscale: &CodiceFiscale,
    ) -> Result<Option<core::DigitalDomicile>, PortError> {
        current(&self.0).domicile_of(codice_fiscale)
    }
}

/// The registry to use: the in-memory one (shared, read live), or any host object.
pub(crate) fn registry_arg(obj: &Bound<'_, PyAny>) -> Arc<dyn BusinessRegistry> {
    match obj.cast::<InMemoryRegistry>() {
        Ok(r) => Arc::new(LiveRegistry(Arc::clone(&r.get().0))),
        Err(_) => Arc::new(HostRegistry(obj.clone().unbind())),
    }
}

/// The PEC directory to use: the in-memory one (shared, read live), or any host object.
pub(crate) fn directory_arg(obj: &Bound<'_, PyAny>) -> Arc<dyn PecDirectory> {
    match obj.cast::<InMemoryPecDirectory>() {
        Ok(d) => Arc::new(LiveDirectory(Arc::clone(&d.get().0))),
        Err(_) => Arc::new(HostPecDirectory(obj.clone().unbind())),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("PortFailure", py.get_type::<PortFailure>())?;
    m.add("InvalidRegistryData", py.get_type::<InvalidRegistryData>())?;
    m.add_class::<Company>()?;
    m.add_class::<Role>()?;
    m.add_class::<DigitalDomicile>()?;
    m.add_class::<InMemoryRegistry>()?;
    m.add_class::<InMemoryPecDirectory>()?;
    Ok(())
}
