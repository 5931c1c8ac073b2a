//! Kotlin surface of `sportello::profile` and `sportello::authz`: `Profiler`, `Profile`,
//! `DelegationBook`, `Actor`, `Action`/`Party`, `OfficerRegister`.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use sportello::authz;
pub use sportello::authz::OfficerRole;
use sportello::profile as core;
pub use sportello::profile::ProfileKind;

use crate::identity::{Identity, LevelOfAssurance};
use crate::registry::{cf, BusinessRegistryHost, HostPecDirectory, HostRegistry, PecDirectoryHost};
use crate::SportelloError;

/// The four profiles (mirrors `sportello::profile::ProfileKind`).
#[uniffi::remote(Enum)]
pub enum ProfileKind {
    Business,
    Craftsman,
    Intermediary,
    Private,
}

/// Officer roles (mirrors `sportello::authz::OfficerRole`).
#[uniffi::remote(Enum)]
pub enum OfficerRole {
    FrontOffice,
    CaseHandler,
    HeadOfProcedure,
    ProtocolOfficer,
    Substitute,
    Administrator,
    ProtocolManager,
}

impl From<authz::NotAuthorized> for SportelloError {
    fn from(e: authz::NotAuthorized) -> Self {
        SportelloError::NotAuthorized {
            action: e.action.into(),
            rule: e.rule.as_str().into(),
            reason: e.to_string(),
        }
    }
}

fn refused(n: authz::NotAuthorized, reason: String) -> SportelloError {
    SportelloError::NotAuthorized { action: n.action.into(), rule: n.rule.as_str().into(), reason }
}

/// Core decides the class ([`core::ProfileError::class`]); the binding only converts.
impl From<core::ProfileError> for SportelloError {
    fn from(e: core::ProfileError) -> Self {
        let reason = e.to_string();
        match e.class() {
            core::ErrorClass::Refused(n) => refused(n, reason),
            core::ErrorClass::Invalid { field, rule } => {
                SportelloError::InvalidProfileChoice { field: field.into(), rule: rule.into(), reason }
            }
            core::ErrorClass::Port(p) => p.clone().into(),
        }
    }
}

/// Core decides the class ([`core::DelegationError::class`]); the binding only converts.
impl From<core::DelegationError> for SportelloError {
    fn from(e: core::DelegationError) -> Self {
        let reason = e.to_string();
        match e.class() {
            core::ErrorClass::Refused(n) => refused(n, reason),
            core::ErrorClass::Invalid { field, rule } => {
                SportelloError::InvalidDelegation { field: field.into(), rule: rule.into(), reason }
            }
            core::ErrorClass::Port(p) => p.clone().into(),
        }
    }
}

/// A profile offered to a person on a day.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Profile {
    pub kind: ProfileKind,
    pub person: String,
    /// Codice fiscale of the company acted for (null for private).
    pub company: Option<String>,
    pub company_name: Option<String>,
    /// `citizen`, `role` or `delegation`.
    pub basis: String,
    pub role_code: Option<String>,
    pub delegation_id: Option<u64>,
    /// Services a delegation is limited to (null: all services).
    pub services: Option<Vec<String>>,
    pub digital_domicile: Option<String>,
    pub as_of: NaiveDate,
}

fn profile_record(p: &core::Profile) -> Profile {
    let (basis, role_code, delegation_id, services) = match &p.basis {
        core::ProfileBasis::Citizen => ("citizen", None, None, None),
        core::ProfileBasis::Role { code, .. } => ("role", Some(code.clone()), None, None),
        core::ProfileBasis::Delegation { id, scope, .. } => (
            "delegation",
            None,
            Some(id.0),
            match scope {
                core::DelegationScope::AllServices => None,
                core::DelegationScope::Services { services } => Some(services.iter().cloned().collect()),
            },
        ),
    };
    Profile {
        kind: p.kind,
        person: p.person.to_string(),
        company: p.company.as_ref().map(|c| c.codice_fiscale.to_string()),
        company_name: p.company.as_ref().map(|c| c.name.clone()),
        basis: basis.into(),
        role_code,
        delegation_id,
        services,
        digital_domicile: p.digital_domicile.as_ref().map(ToString::to_string),
        as_of: p.as_of,
    }
}

/// A delegation in the book.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Delegation {
    pub id: u64,
    pub company: String,
    pub intermediary: String,
    pub granted_by: String,
    /// Services covered (null: all services).
    pub services: Option<Vec<String>>,
    pub valid_from: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    pub granted_on: NaiveDate,
}

fn delegation_record(d: &core::Delegation) -> Delegation {
    Delegation {
        id: d.id.0,
        company: d.company.to_string(),
        intermediary: d.intermediary.to_string(),
        granted_by: d.granted_by.to_string(),
        services: match &d.scope {
            core::DelegationScope::AllServices => None,
            core::DelegationScope::Services { services } => Some(services.iter().cloned().collect()),
        },
        valid_from: d.valid_from,
        expires_on: d.expires_on,
        revoked_on: d.revoked_on,
        granted_on: d.granted_on,
    }
}

/// The counter's book of intermediaries and delegations. A `Profiler` built over it shares it:
/// later grants and revocations take effect on the profiler.
#[derive(uniffi::Object)]
pub struct DelegationBook(Mutex<core::DelegationBook>);

impl DelegationBook {
    fn lock(&self) -> std::sync::MutexGuard<'_, core::DelegationBook> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl DelegationBook {
    /// An empty book.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(DelegationBook(Mutex::new(core::DelegationBook::new())))
    }
    /// The fixture intermediaries and delegations.
    #[uniffi::constructor]
    pub fn fixtures() -> Result<Arc<Self>, SportelloError> {
        DelegationBook::from_json(sportello::memory::DELEGATION_FIXTURES.to_string())
    }
    /// A book from its JSON shape.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(DelegationBook(Mutex::new(core::DelegationBook::from_json(&json)?))))
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }
    /// Registers a business professional (their own operator).
    pub fn register_professional(
        &self,
        codice_fiscale: String,
        name: String,
        register: String,
        number: String,
    ) -> Result<(), SportelloError> {
        let i =
            core::Intermediary::professional(cf(&codice_fiscale, "codice_fiscale")?, name, register, number);
        Ok(self.lock().register_intermediary(i)?)
    }
    /// Registers an association acting through its operators.
    pub fn register_association(
        &self,
        codice_fiscale: String,
        name: String,
        operators: Vec<String>,
    ) -> Result<(), SportelloError> {
        let ops = operators.iter().map(|o| cf(o, "operators")).collect::<Result<BTreeSet<_>, _>>()?;
        let i = core::Intermediary::association(cf(&codice_fiscale, "codice_fiscale")?, name, ops);
        Ok(self.lock().register_intermediary(i)?)
    }
    /// Every delegation, by number.
    pub fn delegations(&self) -> Vec<Delegation> {
        self.lock().delegations().map(delegation_record).collect()
    }
    /// Grants a delegation (the actor must represent `company`); `services` null covers every
    /// service. Returns the delegation number.
    #[allow(clippy::too_many_arguments)]
    pub fn grant(
        &self,
        actor: Arc<Actor>,
        registry: Arc<dyn BusinessRegistryHost>,
        company: String,
        intermediary: String,
        services: Option<Vec<String>>,
        valid_from: NaiveDate,
        expires_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<u64, SportelloError> {
        let request = core::DelegationRequest {
            company: cf(&company, "company")?,
            intermediary: cf(&intermediary, "intermediary")?,
            scope: match services {
                None => core::DelegationScope::AllServices,
                Some(s) => core::DelegationScope::Services { services: s.into_iter().collect() },
            },
            valid_from,
            expires_on,
        };
        let registry = HostRegistry(registry);
        let mut book = self.lock();
        Ok(book.grant(&actor.0, &registry, request, today)?.0)
    }
    /// Revokes delegation `id` with effect from `today`.
    pub fn revoke(
        &self,
        actor: Arc<Actor>,
        registry: Arc<dyn BusinessRegistryHost>,
        id: u64,
        today: NaiveDate,
    ) -> Result<(), SportelloError> {
        let registry = HostRegistry(registry);
        let mut book = self.lock();
        Ok(book.revoke(&actor.0, &registry, core::DelegationId(id), today)?)
    }
}

/// The choices of profiling a chamber configures (mirrors `sportello::profile::ProfilingPolicy`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProfilingPolicy {
    /// Company states in which a company is offered (`active`, `inactive`, `in_liquidation`,
    /// `ceased`); the default is `active` only.
    pub company_states: Vec<String>,
    /// Whether an artisan company is offered under the business profile too (default false).
    pub craftsman_also_business: bool,
}

/// The default profiling policy (active companies; artisan companies as craftsman only).
#[uniffi::export]
pub fn default_profiling_policy() -> ProfilingPolicy {
    let d = core::ProfilingPolicy::default();
    ProfilingPolicy {
        company_states: d.company_states.iter().map(|s| s.as_str().to_string()).collect(),
        craftsman_also_business: d.craftsman_also_business,
    }
}

fn policy_core(p: ProfilingPolicy) -> Result<core::ProfilingPolicy, SportelloError> {
    let company_states = serde_json::from_value(serde_json::json!(p.company_states)).map_err(|e| {
        SportelloError::InvalidRegistryData {
            field: "company_states".into(),
            rule: "company_state".into(),
            reason: format!("company_states: {e}"),
        }
    })?;
    Ok(core::ProfilingPolicy { company_states, craftsman_also_business: p.craftsman_also_business })
}

/// Derives profiles from a registry (in-memory or host-implemented) and the delegations. The
/// registry and the book are shared, not copied: each call reads their current state.
#[derive(uniffi::Object)]
pub struct Profiler {
    registry: HostRegistry,
    book: Arc<DelegationBook>,
    directory: Option<HostPecDirectory>,
    policy: core::ProfilingPolicy,
}

impl Profiler {
    fn with<R>(&self, f: impl FnOnce(core::Profiler<'_>) -> R) -> R {
        let book = self.book.lock();
        let mut p = core::Profiler::new(&self.registry, &book).with_policy(self.policy.clone());
        if let Some(d) = &self.directory {
            p = p.with_directory(d);
        }
        f(p)
    }
}

#[uniffi::export]
impl Profiler {
    /// A profiler over `registry` and `delegations`, reading digital domiciles from
    /// `pecDirectory` if given, under `policy` (null: the default policy).
    #[uniffi::constructor(default(pec_directory = None, policy = None))]
    pub fn new(
        registry: Arc<dyn BusinessRegistryHost>,
        delegations: Arc<DelegationBook>,
        pec_directory: Option<Arc<dyn PecDirectoryHost>>,
        policy: Option<ProfilingPolicy>,
    ) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(Profiler {
            registry: HostRegistry(registry),
            book: delegations,
            directory: pec_directory.map(HostPecDirectory),
            policy: policy.map(policy_core).transpose()?.unwrap_or_default(),
        }))
    }

    /// Every profile `identity` may act under on `on`.
    pub fn profiles(&self, identity: Arc<Identity>, on: NaiveDate) -> Result<Vec<Profile>, SportelloError> {
        Ok(self.with(|p| p.profiles(&identity.0, on))?.iter().map(profile_record).collect())
    }

    /// Opens a session under `kind` for `company` (null for private).
    pub fn act_as(
        &self,
        identity: Arc<Identity>,
        kind: ProfileKind,
        company: Option<String>,
        on: NaiveDate,
    ) -> Result<Arc<Actor>, SportelloError> {
        let choice = core::ProfileChoice { kind, company: company.map(|c| cf(&c, "company")).transpose()? };
        Ok(Arc::new(Actor(self.with(|p| p.act_as(&identity.0, &choice, on))?)))
    }
}

/// Whom an action is for.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Party {
    Person { codice_fiscale: String },
    Company { codice_fiscale: String },
}

/// An action and its target (mirrors `sportello::authz::Action`).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Action {
    ActFor { party: Party },
    UseService { service: String, party: Party, required_level: LevelOfAssurance },
    ManageDelegations { company: String },
    ViewCase { chamber: String, applicant: Party, service: String },
    HandleCase { chamber: String },
    DecideCase { chamber: String },
    KeepProtocol { chamber: String },
    AssistUsers { chamber: String },
    AdministerChamber { chamber: String },
    AnnulRegistration { chamber: String },
    PreserveDailyRegister { chamber: String },
}

fn party_core(p: Party) -> Result<authz::Party, SportelloError> {
    Ok(match p {
        Party::Person { codice_fiscale } => authz::Party::Person(cf(&codice_fiscale, "party")?),
        Party::Company { codice_fiscale } => authz::Party::Company(cf(&codice_fiscale, "party")?),
    })
}

fn chamber(text: &str) -> Result<sportello::chamber::ChamberCode, SportelloError> {
    text.parse().map_err(|e: sportello::chamber::ChamberCodeError| SportelloError::InvalidRegistryData {
        field: "chamber".into(),
        rule: e.rule().into(),
        reason: e.to_string(),
    })
}

fn action_core(a: Action) -> Result<authz::Action, SportelloError> {
    Ok(match a {
        Action::ActFor { party } => authz::Action::ActFor { party: party_core(party)? },
        Action::UseService { service, party, required_level } => {
            authz::Action::UseService { service, party: party_core(party)?, required_level }
        }
        Action::ManageDelegations { company } => {
            authz::Action::ManageDelegations { company: cf(&company, "company")? }
        }
        Action::ViewCase { chamber: c, applicant, service } => {
            authz::Action::ViewCase { chamber: chamber(&c)?, applicant: party_core(applicant)?, service }
        }
        Action::HandleCase { chamber: c } => authz::Action::HandleCase { chamber: chamber(&c)? },
        Action::DecideCase { chamber: c } => authz::Action::DecideCase { chamber: chamber(&c)? },
        Action::KeepProtocol { chamber: c } => authz::Action::KeepProtocol { chamber: chamber(&c)? },
        Action::AssistUsers { chamber: c } => authz::Action::AssistUsers { chamber: chamber(&c)? },
        Action::AdministerChamber { chamber: c } => {
            authz::Action::AdministerChamber { chamber: chamber(&c)? }
        }
        Action::AnnulRegistration { chamber: c } => {
            authz::Action::AnnulRegistration { chamber: chamber(&c)? }
        }
        Action::PreserveDailyRegister { chamber: c } => {
            authz::Action::PreserveDailyRegister { chamber: chamber(&c)? }
        }
    })
}

/// Who acts: a user under a profile, or a chamber officer.
#[derive(uniffi::Object)]
pub struct Actor(pub authz::Actor);

#[uniffi::export]
impl Actor {
    pub fn person(&self) -> String {
        self.0.person().to_string()
    }
    pub fn level(&self) -> LevelOfAssurance {
        self.0.level()
    }
    pub fn profile(&self) -> Option<Profile> {
        self.0.profile().map(profile_record)
    }
    pub fn is_officer(&self) -> bool {
        self.0.is_officer()
    }
    pub fn chamber(&self) -> Option<String> {
        self.0.chamber().map(ToString::to_string)
    }
    /// Throws `SportelloException.NotAuthorized` (with the rule) unless the actor may do `action`.
    pub fn authorize(&self, action: Action) -> Result<(), SportelloError> {
        Ok(authz::authorize(&self.0, &action_core(action)?)?)
    }
    /// Like `authorize`, answering true or false.
    pub fn may(&self, action: Action) -> Result<bool, SportelloError> {
        Ok(authz::authorize(&self.0, &action_core(action)?).is_ok())
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// An officer account of a chamber.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Officer {
    pub codice_fiscale: String,
    pub name: String,
    pub chamber: String,
    pub roles: Vec<OfficerRole>,
    pub active: bool,
}

fn officer_core(
    codice_fiscale: &str,
    name: String,
    chamber_code: &str,
    roles: Vec<OfficerRole>,
    active: bool,
) -> Result<authz::Officer, SportelloError> {
    Ok(authz::Officer {
        codice_fiscale: cf(codice_fiscale, "codice_fiscale")?,
        name,
        chamber: chamber(chamber_code)?,
        roles: roles.into_iter().collect::<BTreeSet<_>>(),
        active,
    })
}

/// The officer accounts of the chambers.
#[derive(uniffi::Object)]
pub struct OfficerRegister(Mutex<authz::OfficerRegister>);

impl OfficerRegister {
    fn lock(&self) -> std::sync::MutexGuard<'_, authz::OfficerRegister> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl OfficerRegister {
    /// An empty register requiring `minLevel` for officer logins (null: the library's default,
    /// substantial, a configurable choice documented in core).
    #[uniffi::constructor(default(min_level = None))]
    pub fn new(min_level: Option<LevelOfAssurance>) -> Arc<Self> {
        let level = min_level.unwrap_or(authz::OfficerRegister::DEFAULT_MIN_LEVEL);
        Arc::new(OfficerRegister(Mutex::new(authz::OfficerRegister::new(level))))
    }
    /// The lowest level of assurance accepted for an officer login.
    pub fn min_level(&self) -> LevelOfAssurance {
        self.lock().min_level
    }
    /// Bootstrap only: installs an account without authorization (a chamber's first
    /// administrator, or a stored register). Afterwards use `appoint`.
    pub fn seed(
        &self,
        codice_fiscale: String,
        name: String,
        chamber_code: String,
        roles: Vec<OfficerRole>,
        active: bool,
    ) -> Result<(), SportelloError> {
        let officer = officer_core(&codice_fiscale, name, &chamber_code, roles, active)?;
        self.lock().seed(officer);
        Ok(())
    }
    /// Creates or replaces an account; `by` must administer the officer's chamber.
    pub fn appoint(
        &self,
        by: Arc<Actor>,
        codice_fiscale: String,
        name: String,
        chamber_code: String,
        roles: Vec<OfficerRole>,
        active: bool,
    ) -> Result<(), SportelloError> {
        let officer = officer_core(&codice_fiscale, name, &chamber_code, roles, active)?;
        Ok(self.lock().appoint(&by.0, officer)?)
    }
    /// Disables the account of `codiceFiscale` at `chamberCode`; `by` must administer the chamber.
    pub fn deactivate(
        &self,
        by: Arc<Actor>,
        chamber_code: String,
        codice_fiscale: String,
    ) -> Result<(), SportelloError> {
        let c = chamber(&chamber_code)?;
        let person = cf(&codice_fiscale, "codice_fiscale")?;
        Ok(self.lock().deactivate(&by.0, &c, &person)?)
    }
    /// Every account.
    pub fn officers(&self) -> Vec<Officer> {
        self.lock()
            .officers()
            .map(|o| Officer {
                codice_fiscale: o.codice_fiscale.to_string(),
                name: o.name.clone(),
                chamber: o.chamber.to_string(),
                roles: o.roles.iter().copied().collect(),
                active: o.active,
            })
            .collect()
    }
    /// Opens a back-office session.
    pub fn act_as_officer(
        &self,
        identity: Arc<Identity>,
        chamber_code: String,
    ) -> Result<Arc<Actor>, SportelloError> {
        let c = chamber(&chamber_code)?;
        let actor = self.lock().act_as_officer(&identity.0, &c)?;
        Ok(Arc::new(Actor(actor)))
    }
}
