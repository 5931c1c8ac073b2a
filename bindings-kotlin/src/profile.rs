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
    Administrator,
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

impl From<core::ProfileError> for SportelloError {
    fn from(e: core::ProfileError) -> Self {
        match e {
            core::ProfileError::Port(p) => p.into(),
            other => SportelloError::NotAuthorized {
                action: "act_as".into(),
                rule: other.rule().into(),
                reason: other.to_string(),
            },
        }
    }
}

impl From<core::DelegationError> for SportelloError {
    fn from(e: core::DelegationError) -> Self {
        match e {
            core::DelegationError::NotAuthorized(n) => n.into(),
            core::DelegationError::NotALegalRepresentative => SportelloError::NotAuthorized {
                action: "manage_delegations".into(),
                rule: "legal_representative".into(),
                reason: e.to_string(),
            },
            core::DelegationError::Port(p) => p.into(),
            other => {
                SportelloError::InvalidDelegation { rule: other.rule().into(), reason: other.to_string() }
            }
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

/// The counter's book of intermediaries and delegations.
#[derive(uniffi::Object)]
pub struct DelegationBook(Mutex<core::DelegationBook>);

impl DelegationBook {
    fn snapshot(&self) -> core::DelegationBook {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
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
        serde_json::to_string(&self.snapshot()).unwrap_or_default()
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
        let mut book = self.0.lock().unwrap_or_else(PoisonError::into_inner);
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
        let mut book = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(book.revoke(&actor.0, &registry, core::DelegationId(id), today)?)
    }
}

/// Derives profiles from a registry (in-memory or host-implemented) and the delegations.
#[derive(uniffi::Object)]
pub struct Profiler {
    registry: HostRegistry,
    book: core::DelegationBook,
    directory: Option<HostPecDirectory>,
}

#[uniffi::export]
impl Profiler {
    /// A profiler over `registry` and `delegations` (a snapshot of the book), reading digital
    /// domiciles from `pecDirectory` if given. Default policy: active companies, artisan companies
    /// as craftsman only.
    #[uniffi::constructor]
    pub fn new(
        registry: Arc<dyn BusinessRegistryHost>,
        delegations: Arc<DelegationBook>,
        pec_directory: Option<Arc<dyn PecDirectoryHost>>,
    ) -> Arc<Self> {
        Arc::new(Profiler {
            registry: HostRegistry(registry),
            book: delegations.snapshot(),
            directory: pec_directory.map(HostPecDirectory),
        })
    }

    /// Every profile `identity` may act under on `on`.
    pub fn profiles(&self, identity: Arc<Identity>, on: NaiveDate) -> Result<Vec<Profile>, SportelloError> {
        let mut p = core::Profiler::new(&self.registry, &self.book);
        if let Some(d) = &self.directory {
            p = p.with_directory(d);
        }
        Ok(p.profiles(&identity.0, on)?.iter().map(profile_record).collect())
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
        let mut p = core::Profiler::new(&self.registry, &self.book);
        if let Some(d) = &self.directory {
            p = p.with_directory(d);
        }
        Ok(Arc::new(Actor(p.act_as(&identity.0, &choice, on)?)))
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
        rule: "chamber_code".into(),
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

/// The officer accounts of the chambers.
#[derive(uniffi::Object)]
pub struct OfficerRegister(Mutex<authz::OfficerRegister>);

#[uniffi::export]
impl OfficerRegister {
    /// An empty register requiring `minLevel` for officer logins.
    #[uniffi::constructor]
    pub fn new(min_level: LevelOfAssurance) -> Arc<Self> {
        Arc::new(OfficerRegister(Mutex::new(authz::OfficerRegister::new(min_level))))
    }
    /// Installs an account without authorization (a chamber's first administrator).
    pub fn seed(
        &self,
        codice_fiscale: String,
        name: String,
        chamber_code: String,
        roles: Vec<OfficerRole>,
        active: bool,
    ) -> Result<(), SportelloError> {
        let officer = authz::Officer {
            codice_fiscale: cf(&codice_fiscale, "codice_fiscale")?,
            name,
            chamber: chamber(&chamber_code)?,
            roles: roles.into_iter().collect::<BTreeSet<_>>(),
            active,
        };
        self.0.lock().unwrap_or_else(PoisonError::into_inner).seed(officer);
        Ok(())
    }
    /// Opens a back-office session.
    pub fn act_as_officer(
        &self,
        identity: Arc<Identity>,
        chamber_code: String,
    ) -> Result<Arc<Actor>, SportelloError> {
        let c = chamber(&chamber_code)?;
        let actor = self.0.lock().unwrap_or_else(PoisonError::into_inner).act_as_officer(&identity.0, &c)?;
        Ok(Arc::new(Actor(actor)))
    }
}
