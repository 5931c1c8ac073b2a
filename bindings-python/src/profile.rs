//! Python surface of `sportello::profile` and `sportello::authz`: `Profiler`, `Profile`,
//! `DelegationBook`, `Actor`, `OfficerRegister`, `authorize`, and the exceptions `NotAuthorized`
//! (attributes `rule`, `action`), `InvalidDelegation` and `InvalidProfileChoice` (attributes
//! `field`, `rule`). Which exception a core error becomes is decided by core (`class()`).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use pyo3::prelude::*;
use sportello::authz;
use sportello::ports::{BusinessRegistry, PecDirectory};
use sportello::profile as core;

use crate::convert::date_arg;
use crate::errors::{new_error, SportelloError};
use crate::identity::Identity;
use crate::registry::{cf_arg, data_error, directory_arg, parse_json, port_failure, registry_arg, to_python};

pyo3::create_exception!(
    sportello,
    NotAuthorized,
    SportelloError,
    "A refusal: the actor may not do this, or the registry and delegations do not support the profile. Attributes: rule, action."
);
pyo3::create_exception!(
    sportello,
    InvalidDelegation,
    SportelloError,
    "A delegation or intermediary refused by a rule of the book (dates, scope, registration). Attributes: field, rule."
);
pyo3::create_exception!(
    sportello,
    InvalidProfileChoice,
    SportelloError,
    "A profile choice that is bad input (unknown kind, company missing or not expected). Attributes: field, rule."
);

fn not_authorized(py: Python<'_>, action: &str, rule: &str, message: String) -> PyErr {
    new_error::<NotAuthorized>(py, message, |x| {
        x.setattr("rule", rule)?;
        x.setattr("action", action)
    })
}

pub(crate) fn denial(py: Python<'_>, e: authz::NotAuthorized) -> PyErr {
    not_authorized(py, e.action, e.rule.as_str(), e.to_string())
}

fn invalid<T: pyo3::PyTypeInfo>(py: Python<'_>, field: &str, rule: &str, message: String) -> PyErr {
    new_error::<T>(py, message, |x| {
        x.setattr("field", field)?;
        x.setattr("rule", rule)
    })
}

fn profile_error(py: Python<'_>, e: core::ProfileError) -> PyErr {
    let message = e.to_string();
    match e.class() {
        core::ErrorClass::Refused(n) => not_authorized(py, n.action, n.rule.as_str(), message),
        core::ErrorClass::Invalid { field, rule } => {
            invalid::<InvalidProfileChoice>(py, field, rule, message)
        }
        core::ErrorClass::Port(p) => port_failure(py, p.clone()),
    }
}

fn delegation_error(py: Python<'_>, e: core::DelegationError) -> PyErr {
    let message = e.to_string();
    match e.class() {
        core::ErrorClass::Refused(n) => not_authorized(py, n.action, n.rule.as_str(), message),
        core::ErrorClass::Invalid { field, rule } => invalid::<InvalidDelegation>(py, field, rule, message),
        core::ErrorClass::Port(p) => port_failure(py, p.clone()),
    }
}

fn kind_arg(py: Python<'_>, kind: &str) -> PyResult<core::ProfileKind> {
    kind.parse().map_err(|e| profile_error(py, e))
}

/// The day of profiling: ``on`` when given, else today's date in Italy from the host's clock. The
/// published Python surface is ``Profiler(registry, delegations).profiles(identity)``: a host
/// without its own notion of "today" gets the wall-clock date; tests and replays pass ``on``.
fn day_arg(on: Option<&Bound<'_, PyAny>>) -> PyResult<NaiveDate> {
    match on {
        Some(d) if !d.is_none() => date_arg(d, "on"),
        _ => Ok(sportello::calendar::italian_date(chrono::DateTime::<chrono::Utc>::from(
            std::time::SystemTime::now(),
        ))),
    }
}

/// A profile offered to a person on a day.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Profile(pub core::Profile);

#[pymethods]
impl Profile {
    /// ``business``, ``craftsman``, ``intermediary`` or ``private``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }
    #[getter]
    fn person(&self) -> &str {
        self.0.person.as_str()
    }
    /// Codice fiscale of the company acted for (None for private).
    #[getter]
    fn company(&self) -> Option<&str> {
        self.0.company.as_ref().map(|c| c.codice_fiscale.as_str())
    }
    #[getter]
    fn company_name(&self) -> Option<&str> {
        self.0.company.as_ref().map(|c| c.name.as_str())
    }
    /// ``citizen``, ``role`` or ``delegation``.
    #[getter]
    fn basis(&self) -> &'static str {
        match self.0.basis {
            core::ProfileBasis::Citizen => "citizen",
            core::ProfileBasis::Role { .. } => "role",
            core::ProfileBasis::Delegation { .. } => "delegation",
        }
    }
    /// The registry role code, for a role basis.
    #[getter]
    fn role_code(&self) -> Option<&str> {
        match &self.0.basis {
            core::ProfileBasis::Role { code, .. } => Some(code),
            _ => None,
        }
    }
    /// The delegation number, for a delegation basis.
    #[getter]
    fn delegation_id(&self) -> Option<u64> {
        match &self.0.basis {
            core::ProfileBasis::Delegation { id, .. } => Some(id.0),
            _ => None,
        }
    }
    /// Services a delegation is limited to (None: all services).
    #[getter]
    fn services(&self) -> Option<Vec<String>> {
        match &self.0.basis {
            core::ProfileBasis::Delegation {
                scope: core::DelegationScope::Services { services }, ..
            } => Some(services.iter().cloned().collect()),
            _ => None,
        }
    }
    #[getter]
    fn digital_domicile(&self) -> Option<&str> {
        self.0.digital_domicile.as_ref().map(|p| p.as_str())
    }
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.0.as_of
    }
    /// Whether the profile covers a service.
    fn covers(&self, service: &str) -> bool {
        self.0.covers(service)
    }
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_python(py, &self.0)
    }
    fn __repr__(&self) -> String {
        match &self.0.company {
            Some(c) => format!(
                "Profile(kind={:?}, company={:?}, name={:?})",
                self.0.kind.as_str(),
                c.codice_fiscale.as_str(),
                c.name
            ),
            None => format!("Profile(kind={:?}, person={:?})", self.0.kind.as_str(), self.0.person.as_str()),
        }
    }
}

/// The counter's book of intermediaries and delegations.
///
/// Shared, not copied: a ``Profiler`` built over the book sees later grants and revocations.
#[pyclass(module = "sportello", frozen)]
pub struct DelegationBook(Arc<Mutex<core::DelegationBook>>);

fn lock(book: &Mutex<core::DelegationBook>) -> std::sync::MutexGuard<'_, core::DelegationBook> {
    book.lock().unwrap_or_else(PoisonError::into_inner)
}

impl DelegationBook {
    fn snapshot(&self) -> core::DelegationBook {
        lock(&self.0).clone()
    }
}

#[pymethods]
impl DelegationBook {
    #[new]
    fn new() -> Self {
        DelegationBook(Arc::new(Mutex::new(core::DelegationBook::new())))
    }
    /// The fixture intermediaries and delegations (matching ``InMemoryRegistry.fixtures()``).
    #[staticmethod]
    fn fixtures(py: Python<'_>) -> PyResult<Self> {
        DelegationBook::from_json(py, sportello::memory::DELEGATION_FIXTURES)
    }
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        core::DelegationBook::from_json(json)
            .map(|b| DelegationBook(Arc::new(Mutex::new(b))))
            .map_err(|e| delegation_error(py, e))
    }
    fn to_json(&self) -> String {
        serde_json::to_string(&self.snapshot()).unwrap_or_default()
    }
    /// Registers a business professional (their own operator).
    fn register_professional(
        &self,
        py: Python<'_>,
        codice_fiscale: &str,
        name: String,
        register: String,
        number: String,
    ) -> PyResult<()> {
        let i = core::Intermediary::professional(
            cf_arg(py, codice_fiscale, "codice_fiscale")?,
            name,
            register,
            number,
        );
        lock(&self.0).register_intermediary(i).map_err(|e| delegation_error(py, e))
    }
    /// Registers an association acting through its operators.
    fn register_association(
        &self,
        py: Python<'_>,
        codice_fiscale: &str,
        name: String,
        operators: Vec<String>,
    ) -> PyResult<()> {
        let ops = operators.iter().map(|o| cf_arg(py, o, "operators")).collect::<PyResult<BTreeSet<_>>>()?;
        let i = core::Intermediary::association(cf_arg(py, codice_fiscale, "codice_fiscale")?, name, ops);
        lock(&self.0).register_intermediary(i).map_err(|e| delegation_error(py, e))
    }
    /// Grants a delegation: ``actor`` must act for ``company`` as its legal representative.
    /// ``services=None`` covers every service. Returns the delegation number.
    #[pyo3(signature = (actor, registry, *, company, intermediary, valid_from, today, services = None, expires_on = None))]
    #[allow(clippy::too_many_arguments)]
    fn grant(
        &self,
        py: Python<'_>,
        actor: &Actor,
        registry: &Bound<'_, PyAny>,
        company: &str,
        intermediary: &str,
        valid_from: &Bound<'_, PyAny>,
        today: &Bound<'_, PyAny>,
        services: Option<Vec<String>>,
        expires_on: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<u64> {
        let request = core::DelegationRequest {
            company: cf_arg(py, company, "company")?,
            intermediary: cf_arg(py, intermediary, "intermediary")?,
            scope: match services {
                None => core::DelegationScope::AllServices,
                Some(s) => core::DelegationScope::Services { services: s.into_iter().collect() },
            },
            valid_from: date_arg(valid_from, "valid_from")?,
            expires_on: expires_on.map(|d| date_arg(d, "expires_on")).transpose()?,
        };
        let today = date_arg(today, "today")?;
        let registry: Arc<dyn BusinessRegistry> = registry_arg(registry);
        let mut book = lock(&self.0);
        book.grant(&actor.0, registry.as_ref(), request, today)
            .map(|id| id.0)
            .map_err(|e| delegation_error(py, e))
    }
    /// Revokes delegation ``id`` with effect from ``today``.
    fn revoke(
        &self,
        py: Python<'_>,
        actor: &Actor,
        registry: &Bound<'_, PyAny>,
        id: u64,
        today: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let today = date_arg(today, "today")?;
        let registry = registry_arg(registry);
        let mut book = lock(&self.0);
        book.revoke(&actor.0, registry.as_ref(), core::DelegationId(id), today)
            .map_err(|e| delegation_error(py, e))
    }
    /// Every delegation, as dicts in the JSON shape.
    fn delegations(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        self.snapshot().delegations().map(|d| to_python(py, d)).collect()
    }
    fn __repr__(&self) -> String {
        let b = self.snapshot();
        format!(
            "DelegationBook({} intermediaries, {} delegations)",
            b.intermediaries().count(),
            b.delegations().count()
        )
    }
}

/// Derives profiles from a registry (``InMemoryRegistry`` or any object with ``company``,
/// ``company_by_rea``, ``roles_of``) and a ``DelegationBook``; optionally reads digital domiciles
/// from a PEC directory (``InMemoryPecDirectory`` or any object with ``domicile_of``). The
/// registry, book and directory are shared, not copied: each call reads their current state.
#[pyclass(module = "sportello", frozen)]
pub struct Profiler {
    registry: Arc<dyn BusinessRegistry>,
    book: Arc<Mutex<core::DelegationBook>>,
    directory: Option<Arc<dyn PecDirectory>>,
    policy: core::ProfilingPolicy,
}

impl Profiler {
    fn with<R>(&self, f: impl FnOnce(core::Profiler<'_>) -> R) -> R {
        let book = lock(&self.book);
        let mut p = core::Profiler::new(self.registry.as_ref(), &book).with_policy(self.policy.clone());
        if let Some(d) = &self.directory {
            p = p.with_directory(d.as_ref());
        }
        f(p)
    }
}

#[pymethods]
impl Profiler {
    /// ``company_states`` (default ``["active"]``) and ``craftsman_also_business`` are the
    /// configurable profiling policy.
    #[new]
    #[pyo3(signature = (registry, delegations, *, pec_directory = None, company_states = None, craftsman_also_business = false))]
    fn new(
        py: Python<'_>,
        registry: &Bound<'_, PyAny>,
        delegations: &DelegationBook,
        pec_directory: Option<&Bound<'_, PyAny>>,
        company_states: Option<Vec<String>>,
        craftsman_also_business: bool,
    ) -> PyResult<Self> {
        let mut policy =
            core::ProfilingPolicy { craftsman_also_business, ..core::ProfilingPolicy::default() };
        if let Some(states) = company_states {
            let json = serde_json::to_string(&states).unwrap_or_default();
            policy.company_states = parse_json(py, &json, "company_states")?;
        }
        Ok(Profiler {
            registry: registry_arg(registry),
            book: Arc::clone(&delegations.0),
            directory: pec_directory.map(directory_arg),
            policy,
        })
    }

    /// Every profile the identity may act under on ``on``; without ``on``, today's date in Italy
    /// as the host's clock gives it (read here, at the boundary: core never reads a clock).
    #[pyo3(signature = (identity, on = None))]
    fn profiles(
        &self,
        py: Python<'_>,
        identity: &Identity,
        on: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Profile>> {
        let day = day_arg(on)?;
        self.with(|p| p.profiles(&identity.0, day))
            .map(|v| v.into_iter().map(Profile).collect())
            .map_err(|e| profile_error(py, e))
    }

    /// Opens a session under profile ``kind`` for ``company`` on ``on``, e.g.
    /// ``profiler.act_as(identity, "business", "01234560017", on=date(2026, 3, 2))``; raises
    /// ``NotAuthorized`` (rule ``not_offered``) when the registry and delegations do not support
    /// it, ``InvalidProfileChoice`` for an unknown kind or a company missing or not expected.
    #[pyo3(signature = (identity, kind, company = None, *, on = None))]
    fn act_as(
        &self,
        py: Python<'_>,
        identity: &Identity,
        kind: &str,
        company: Option<&str>,
        on: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Actor> {
        let choice = core::ProfileChoice {
            kind: kind_arg(py, kind)?,
            company: company.map(|c| cf_arg(py, c, "company")).transpose()?,
        };
        let day = day_arg(on)?;
        self.with(|p| p.act_as(&identity.0, &choice, day)).map(Actor).map_err(|e| profile_error(py, e))
    }

    fn __repr__(&self) -> String {
        "Profiler(...)".to_string()
    }
}

/// Who acts: a user under a profile, or a chamber officer with roles.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Actor(pub authz::Actor);

#[pymethods]
impl Actor {
    #[getter]
    fn person(&self) -> &str {
        self.0.person().as_str()
    }
    #[getter]
    fn identity(&self) -> Identity {
        Identity(self.0.identity().clone())
    }
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level().as_str()
    }
    #[getter]
    fn profile(&self) -> Option<Profile> {
        self.0.profile().cloned().map(Profile)
    }
    /// ``("person", cf)`` or ``("company", cf)`` for a user; None for an officer.
    #[getter]
    fn acting_for(&self) -> Option<(&'static str, String)> {
        self.0.acting_for().map(|p| match p {
            authz::Party::Person(cf) => ("person", cf.to_string()),
            authz::Party::Company(cf) => ("company", cf.to_string()),
        })
    }
    #[getter]
    fn is_officer(&self) -> bool {
        self.0.is_officer()
    }
    #[getter]
    fn chamber(&self) -> Option<&str> {
        self.0.chamber().map(|c| c.as_str())
    }
    #[getter]
    fn officer_roles(&self) -> Vec<&'static str> {
        self.0.officer_roles().into_iter().map(authz::OfficerRole::as_str).collect()
    }
    /// May this actor perform ``action`` (a dict in the JSON shape of ``sportello::authz::Action``,
    /// e.g. ``{"action": "use_service", "service": "accesso-atti", "party": {"company": "01234560017"},
    /// "required_level": "substantial"}``)? Raises ``NotAuthorized`` with the rule.
    fn authorize(&self, py: Python<'_>, action: &Bound<'_, PyAny>) -> PyResult<()> {
        let action: authz::Action = crate::registry::from_python(action)
            .map_err(|reason| data_error(py, "action", "shape", format!("action: {reason}")))?;
        authz::authorize(&self.0, &action).map_err(|e| denial(py, e))
    }
    /// Like ``authorize``, answering True or False.
    fn may(&self, py: Python<'_>, action: &Bound<'_, PyAny>) -> PyResult<bool> {
        match self.authorize(py, action) {
            Ok(()) => Ok(true),
            Err(e) if e.is_instance_of::<NotAuthorized>(py) => Ok(false),
            Err(e) => Err(e),
        }
    }
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        match self.0.acting_for() {
            Some(p) => format!(
                "Actor(person={:?}, acting_for={:?})",
                self.0.person().as_str(),
                p.codice_fiscale().as_str()
            ),
            None => format!(
                "Actor(officer={:?}, chamber={:?})",
                self.0.person().as_str(),
                self.0.chamber().map(|c| c.as_str()).unwrap_or("")
            ),
        }
    }
}

fn chamber_arg(py: Python<'_>, chamber: &str) -> PyResult<sportello::chamber::ChamberCode> {
    chamber
        .parse()
        .map_err(|e: sportello::chamber::ChamberCodeError| data_error(py, "chamber", e.rule(), e.to_string()))
}

fn officer_arg(
    py: Python<'_>,
    codice_fiscale: &str,
    name: String,
    chamber: &str,
    roles: Vec<String>,
    active: bool,
) -> PyResult<authz::Officer> {
    let roles = roles
        .iter()
        .map(|r| {
            r.parse::<authz::OfficerRole>().map_err(|e| data_error(py, "roles", e.rule(), e.to_string()))
        })
        .collect::<PyResult<BTreeSet<_>>>()?;
    Ok(authz::Officer {
        codice_fiscale: cf_arg(py, codice_fiscale, "codice_fiscale")?,
        name,
        chamber: chamber_arg(py, chamber)?,
        roles,
        active,
    })
}

/// The officer accounts of the chambers.
#[pyclass(module = "sportello", frozen)]
pub struct OfficerRegister(Mutex<authz::OfficerRegister>);

impl OfficerRegister {
    fn lock(&self) -> std::sync::MutexGuard<'_, authz::OfficerRegister> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[pymethods]
impl OfficerRegister {
    /// An empty register requiring ``min_level`` for officer logins (None: the library's default,
    /// ``substantial``, a configurable choice documented in core).
    #[new]
    #[pyo3(signature = (*, min_level = None))]
    fn new(py: Python<'_>, min_level: Option<&str>) -> PyResult<Self> {
        let level = match min_level {
            Some(l) => l.parse().map_err(|e| crate::identity::assertion_error(py, e))?,
            None => authz::OfficerRegister::DEFAULT_MIN_LEVEL,
        };
        Ok(OfficerRegister(Mutex::new(authz::OfficerRegister::new(level))))
    }
    /// The lowest level of assurance accepted for an officer login.
    #[getter]
    fn min_level(&self) -> &'static str {
        self.lock().min_level.as_str()
    }
    /// Bootstrap only: installs an account without authorization (a chamber's first
    /// administrator, or a stored register). Afterwards use ``appoint``.
    #[pyo3(signature = (codice_fiscale, name, chamber, roles, *, active = true))]
    fn seed(
        &self,
        py: Python<'_>,
        codice_fiscale: &str,
        name: String,
        chamber: &str,
        roles: Vec<String>,
        active: bool,
    ) -> PyResult<()> {
        let officer = officer_arg(py, codice_fiscale, name, chamber, roles, active)?;
        self.lock().seed(officer);
        Ok(())
    }
    /// Creates or replaces an account; ``by`` must administer the officer's chamber (else
    /// ``NotAuthorized``).
    #[pyo3(signature = (by, codice_fiscale, name, chamber, roles, *, active = true))]
    #[allow(clippy::too_many_arguments)]
    fn appoint(
        &self,
        py: Python<'_>,
        by: &Actor,
        codice_fiscale: &str,
        name: String,
        chamber: &str,
        roles: Vec<String>,
        active: bool,
    ) -> PyResult<()> {
        let officer = officer_arg(py, codice_fiscale, name, chamber, roles, active)?;
        self.lock().appoint(&by.0, officer).map_err(|e| denial(py, e))
    }
    /// Disables the account of ``codice_fiscale`` at ``chamber``; ``by`` must administer the chamber.
    fn deactivate(&self, py: Python<'_>, by: &Actor, chamber: &str, codice_fiscale: &str) -> PyResult<()> {
        let chamber = chamber_arg(py, chamber)?;
        let person = cf_arg(py, codice_fiscale, "codice_fiscale")?;
        self.lock().deactivate(&by.0, &chamber, &person).map_err(|e| denial(py, e))
    }
    /// Every account, as dicts in the JSON shape (``codice_fiscale``, ``name``, ``chamber``,
    /// ``roles``, ``active``).
    fn officers(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        self.lock().officers().map(|o| to_python(py, o)).collect()
    }
    /// Opens a back-office session for ``identity`` at ``chamber``.
    fn act_as_officer(&self, py: Python<'_>, identity: &Identity, chamber: &str) -> PyResult<Actor> {
        let chamber = chamber_arg(py, chamber)?;
        self.lock().act_as_officer(&identity.0, &chamber).map(Actor).map_err(|e| denial(py, e))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("NotAuthorized", py.get_type::<NotAuthorized>())?;
    m.add("InvalidDelegation", py.get_type::<InvalidDelegation>())?;
    m.add("InvalidProfileChoice", py.get_type::<InvalidProfileChoice>())?;
    m.add_class::<Profile>()?;
    m.add_class::<DelegationBook>()?;
    m.add_class::<Profiler>()?;
    m.add_class::<Actor>()?;
    m.add_class::<OfficerRegister>()?;
    Ok(())
}
