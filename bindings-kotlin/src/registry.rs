//! Kotlin surface of `sportello::registry`: company and role records, `InMemoryRegistry`,
//! `InMemoryPecDirectory`, and the **host-implemented ports** `BusinessRegistryHost` and
//! `PecDirectoryHost` (Kotlin interfaces; the in-memory objects implement them too).
//!
//! The adapter pattern (reused by other areas for their ports): a Rust struct holding the
//! `Arc<dyn ...Host>` implements the core port; each call converts the records to core values
//! through their JSON shape (so every core check applies) and maps a thrown `SportelloException`
//! or a record that breaks a rule to `PortError`.

use std::sync::{Arc, Mutex, PoisonError};

use serde_json::json;
use sportello::identifiers::CodiceFiscale;
use sportello::memory;
use sportello::ports::{BusinessRegistry, PecDirectory, PortError};
use sportello::registry as core;

use crate::SportelloError;

pub(crate) fn cf(text: &str, field: &str) -> Result<CodiceFiscale, SportelloError> {
    CodiceFiscale::parse(text).map_err(|e| SportelloError::InvalidRegistryData {
        field: field.into(),
        rule: e.rule().into(),
        reason: e.to_string(),
    })
}

impl From<core::RegistryError> for SportelloError {
    fn from(e: core::RegistryError) -> Self {
        SportelloError::InvalidRegistryData {
            field: e.field().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

impl From<PortError> for SportelloError {
    fn from(e: PortError) -> Self {
        SportelloError::PortFailure { reason: e.to_string(), port: e.port }
    }
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn bad_record(field: &str, e: impl std::fmt::Display) -> SportelloError {
    SportelloError::InvalidRegistryData {
        field: field.into(),
        rule: "record".into(),
        reason: format!("{field}: {e}"),
    }
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub municipality: String,
    /// Province sigla; null abroad.
    pub province: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// A local unit or secondary seat.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LocalUnit {
    pub number: u32,
    /// `local_unit` or `secondary_seat`.
    pub kind: String,
    pub address: Address,
    /// REA in the unit's province when not the seat's.
    pub rea: Option<String>,
    pub ateco: Vec<String>,
    pub opened_on: chrono::NaiveDate,
    pub closed_on: Option<chrono::NaiveDate>,
}

/// A state of the company and its first day.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StatusChange {
    /// `active`, `inactive`, `in_liquidation`, `ceased`.
    pub state: String,
    pub since: chrono::NaiveDate,
}

/// A company as the Registro Imprese shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Company {
    pub codice_fiscale: String,
    pub partita_iva: Option<String>,
    pub name: String,
    /// Natura giuridica code (`SR`).
    pub legal_form: String,
    /// `ordinaria`, `speciale`, `rea_only`.
    pub section: String,
    /// Category of the sezione speciale (`artisans`, `agriculture`...).
    pub special_category: Option<String>,
    pub artisan: bool,
    /// REA of the seat (`MI-2012345`).
    pub rea: String,
    pub chamber: String,
    pub registered_office: Address,
    pub local_units: Vec<LocalUnit>,
    pub ateco: Vec<String>,
    pub registered_on: chrono::NaiveDate,
    pub status: Vec<StatusChange>,
    pub pec: Option<String>,
}

/// A role a person holds in a company.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Role {
    pub person: String,
    pub company: String,
    pub code: String,
    pub description: String,
    /// `sole_director`, `owner`, ... (see core `RoleKind`).
    pub kind: String,
    pub legal_representative: bool,
    pub since: chrono::NaiveDate,
    pub until: Option<chrono::NaiveDate>,
}

/// A digital domicile from the PEC directory.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DigitalDomicile {
    pub codice_fiscale: String,
    pub pec: String,
    /// `companies` or `professionals`.
    pub section: String,
}

fn address_record(a: &core::Address) -> Address {
    Address {
        street: a.street.clone(),
        postcode: a.postcode.clone(),
        municipality: a.municipality.clone(),
        province: a.province.map(|p| p.to_string()),
        country: a.country.clone(),
    }
}

fn address_json(a: &Address) -> serde_json::Value {
    json!({"street": a.street, "postcode": a.postcode, "municipality": a.municipality, "province": a.province, "country": a.country})
}

pub(crate) fn company_record(c: &core::Company) -> Company {
    let (section, special_category) = match c.section {
        core::Section::Ordinaria => ("ordinaria", None),
        core::Section::Speciale(cat) => ("speciale", Some(name_of(&cat))),
        core::Section::ReaOnly => ("rea_only", None),
    };
    Company {
        codice_fiscale: c.codice_fiscale.to_string(),
        partita_iva: c.partita_iva.as_ref().map(ToString::to_string),
        name: c.name.clone(),
        legal_form: c.legal_form.code().into(),
        section: section.into(),
        special_category,
        artisan: c.artisan,
        rea: c.rea.to_string(),
        chamber: c.chamber.to_string(),
        registered_office: address_record(&c.registered_office),
        local_units: c
            .local_units
            .iter()
            .map(|u| LocalUnit {
                number: u.number,
                kind: name_of(&u.kind),
                address: address_record(&u.address),
                rea: u.rea.as_ref().map(ToString::to_string),
                ateco: u.ateco.iter().map(ToString::to_string).collect(),
                opened_on: u.opened_on,
                closed_on: u.closed_on,
            })
            .collect(),
        ateco: c.ateco.iter().map(ToString::to_string).collect(),
        registered_on: c.registered_on,
        status: c
            .status
            .iter()
            .map(|s| StatusChange { state: s.state.as_str().into(), since: s.since })
            .collect(),
        pec: c.pec.as_ref().map(ToString::to_string),
    }
}

/// A company record back to core, through the JSON shape, checked.
pub(crate) fn company_core(c: &Company) -> Result<core::Company, SportelloError> {
    let section = match &c.special_category {
        Some(cat) => json!({"section": c.section, "category": cat}),
        None => json!({"section": c.section}),
    };
    let value = json!({
        "codice_fiscale": c.codice_fiscale, "partita_iva": c.partita_iva, "name": c.name,
        "legal_form": c.legal_form, "section": section, "artisan": c.artisan, "rea": c.rea,
        "chamber": c.chamber, "registered_office": address_json(&c.registered_office),
        "local_units": c.local_units.iter().map(|u| json!({
            "number": u.number, "kind": u.kind, "address": address_json(&u.address), "rea": u.rea,
            "ateco": u.ateco, "opened_on": u.opened_on, "closed_on": u.closed_on,
        })).collect::<Vec<_>>(),
        "ateco": c.ateco, "registered_on": c.registered_on,
        "status": c.status.iter().map(|s| json!({"state": s.state, "since": s.since})).collect::<Vec<_>>(),
        "pec": c.pec,
    });
    let company: core::Company = serde_json::from_value(value).map_err(|e| bad_record("company", e))?;
    company.check()?;
    Ok(company)
}

pub(crate) fn role_record(r: &core::Role) -> Role {
    Role {
        person: r.person.to_string(),
        company: r.company.to_string(),
        code: r.code.clone(),
        description: r.description.clone(),
        kind: name_of(&r.kind),
        legal_representative: r.legal_representative,
        since: r.since,
        until: r.until,
    }
}

pub(crate) fn role_core(r: &Role) -> Result<core::Role, SportelloError> {
    let value = json!({
        "person": r.person, "company": r.company, "code": r.code, "description": r.description,
        "kind": r.kind, "legal_representative": r.legal_representative, "since": r.since, "until": r.until,
    });
    serde_json::from_value(value).map_err(|e| bad_record("role", e))
}

fn domicile_record(d: &core::DigitalDomicile) -> DigitalDomicile {
    DigitalDomicile {
        codice_fiscale: d.codice_fiscale.to_string(),
        pec: d.pec.to_string(),
        section: name_of(&d.section),
    }
}

fn domicile_core(d: &DigitalDomicile) -> Result<core::DigitalDomicile, SportelloError> {
    let value = json!({"codice_fiscale": d.codice_fiscale, "pec": d.pec, "section": d.section});
    serde_json::from_value(value).map_err(|e| bad_record("digital_domicile", e))
}

/// The business registry as a host implements it (a chamber's registry client), or the
/// in-memory one. "Not found" is null / an empty list; a failure is a thrown `SportelloException`
/// (`PortFailure` preferably).
#[uniffi::export(rust, foreign)]
pub trait BusinessRegistryHost: Send + Sync {
    /// The company with this codice fiscale.
    fn company(&self, codice_fiscale: String) -> Result<Option<Company>, SportelloError>;
    /// The company with this REA number (seat or unit), written `MI-2012345`.
    fn company_by_rea(&self, rea: String) -> Result<Option<Company>, SportelloError>;
    /// Every role the person holds or held.
    fn roles_of(&self, codice_fiscale: String) -> Result<Vec<Role>, SportelloError>;
}

/// The PEC directory as a host implements it, or the in-memory one.
#[uniffi::export(rust, foreign)]
pub trait PecDirectoryHost: Send + Sync {
    /// The digital domicile of this codice fiscale.
    fn domicile_of(&self, codice_fiscale: String) -> Result<Option<DigitalDomicile>, SportelloError>;
}

fn port(port: &str, e: SportelloError) -> PortError {
    PortError::new(port, e.to_string())
}

/// Adapter: a host registry serving as the core `BusinessRegistry`.
pub(crate) struct HostRegistry(pub Arc<dyn BusinessRegistryHost>);

impl BusinessRegistry for HostRegistry {
    fn company(&self, codice_fiscale: &CodiceFiscale) -> Result<Option<core::Company>, PortError> {
        let answer = self.0.company(codice_fiscale.to_string()).map_err(|e| port("business_registry", e))?;
        answer.as_ref().map(company_core).transpose().map_err(|e| port("business_registry", e))
    }
    fn company_by_rea(&self, rea: &core::Rea) -> Result<Option<core::Company>, PortError> {
        let answer = self.0.company_by_rea(rea.to_string()).map_err(|e| port("business_registry", e))?;
        answer.as_ref().map(company_core).transpose().map_err(|e| port("business_registry", e))
    }
    fn roles_of(&self, person: &CodiceFiscale) -> Result<Vec<core::Role>, PortError> {
        let answer = self.0.roles_of(person.to_string()).map_err(|e| port("business_registry", e))?;
        answer.iter().map(role_core).collect::<Result<_, _>>().map_err(|e| port("business_registry", e))
    }
}

/// Adapter: a host PEC directory serving as the core `PecDirectory`.
pub(crate) struct HostPecDirectory(pub Arc<dyn PecDirectoryHost>);

impl PecDirectory for HostPecDirectory {
    fn domicile_of(
        &self,
        codice_fiscale: &CodiceFiscale,
    ) -> Result<Option<core::DigitalDomicile>, PortError> {
        let answer = self.0.domicile_of(codice_fiscale.to_string()).map_err(|e| port("pec_directory", e))?;
        answer.as_ref().map(domicile_core).transpose().map_err(|e| port("pec_directory", e))
    }
}

/// The in-memory Registro Imprese. Profilers built over it read it live: companies and roles
/// added later are seen.
#[derive(uniffi::Object)]
pub struct InMemoryRegistry(Mutex<memory::InMemoryRegistry>);

impl InMemoryRegistry {
    fn lock(&self) -> std::sync::MutexGuard<'_, memory::InMemoryRegistry> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl InMemoryRegistry {
    /// An empty registry.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(InMemoryRegistry(Mutex::new(memory::InMemoryRegistry::new())))
    }
    /// The fictional Lombard companies, persons and roles.
    #[uniffi::constructor]
    pub fn fixtures() -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(InMemoryRegistry(Mutex::new(memory::InMemoryRegistry::with_fixtures()?))))
    }
    /// A registry from a JSON data set.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(InMemoryRegistry(Mutex::new(memory::InMemoryRegistry::from_json(&json)?))))
    }
    /// Adds a company, refused if it breaks a registry rule or repeats a codice fiscale or REA.
    pub fn add_company(&self, company: Company) -> Result<(), SportelloError> {
        let c = company_core(&company)?;
        Ok(self.lock().insert_company(c)?)
    }
    /// Adds a role, refused if its company is unknown or it ends before it starts.
    pub fn add_role(&self, role: Role) -> Result<(), SportelloError> {
        let r = role_core(&role)?;
        Ok(self.lock().insert_role(r)?)
    }
    pub fn companies(&self) -> Vec<Company> {
        self.lock().companies().iter().map(company_record).collect()
    }
    pub fn roles(&self) -> Vec<Role> {
        self.lock().roles().iter().map(role_record).collect()
    }
    /// Codici fiscali of the persons in the data set.
    pub fn persons(&self) -> Vec<String> {
        self.lock().persons().iter().map(|p| p.codice_fiscale.to_string()).collect()
    }
}

#[uniffi::export]
impl BusinessRegistryHost for InMemoryRegistry {
    fn company(&self, codice_fiscale: String) -> Result<Option<Company>, SportelloError> {
        let cf = cf(&codice_fiscale, "codice_fiscale")?;
        Ok(self.lock().company(&cf)?.as_ref().map(company_record))
    }
    fn company_by_rea(&self, rea: String) -> Result<Option<Company>, SportelloError> {
        let rea: core::Rea = rea.parse()?;
        Ok(self.lock().company_by_rea(&rea)?.as_ref().map(company_record))
    }
    fn roles_of(&self, codice_fiscale: String) -> Result<Vec<Role>, SportelloError> {
        let cf = cf(&codice_fiscale, "codice_fiscale")?;
        Ok(self.lock().roles_of(&cf)?.iter().map(role_record).collect())
    }
}

/// The in-memory PEC directory.
#[derive(uniffi::Object)]
pub struct InMemoryPecDirectory(pub memory::InMemoryPecDirectory);

#[uniffi::export]
impl InMemoryPecDirectory {
    /// Fed from the registry fixtures (no REA-only or ceased companies) and professionals.
    #[uniffi::constructor]
    pub fn fixtures() -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(InMemoryPecDirectory(memory::InMemoryPecDirectory::with_fixtures()?)))
    }
}

#[uniffi::export]
impl PecDirectoryHost for InMemoryPecDirectory {
    fn domicile_of(&self, codice_fiscale: String) -> Result<Option<DigitalDomicile>, SportelloError> {
        let cf = cf(&codice_fiscale, "codice_fiscale")?;
        Ok(self.0.domicile_of(&cf)?.as_ref().map(domicile_record))
    }
}
