//! An in-memory Registro Imprese, with the fixture set of fictional companies.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::identifiers::CodiceFiscale;
use crate::ports::{BusinessRegistry, PortError};
use crate::registry::{Company, Person, Rea, RegistryError, Role};

/// The fixture set: fictional Lombard companies, persons and roles, with valid identifiers, every
/// legal form the annual-fee rules tell apart, and local units across provinces.
pub const REGISTRY_FIXTURES: &str = include_str!("../../data/registry_fixtures.json");

/// The JSON shape of a registry data set (the fixtures, or a host's export).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryData {
    /// Natural persons.
    #[serde(default)]
    pub persons: Vec<Person>,
    /// Companies.
    pub companies: Vec<Company>,
    /// Roles of persons in the companies.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Professionals' digital domiciles (INI-PEC, section Professionisti).
    #[serde(default)]
    pub professionals: Vec<crate::registry::DigitalDomicile>,
}

/// A registry held in memory, checked on the way in.
///
/// ```
/// use sportello::memory::InMemoryRegistry;
/// use sportello::ports::BusinessRegistry;
///
/// let registry = InMemoryRegistry::with_fixtures()?;
/// let mario = "RSSMRA80A01F205X".parse()?;
/// let roles = registry.roles_of(&mario)?;
/// assert!(roles.iter().any(|r| r.legal_representative));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct InMemoryRegistry {
    companies: BTreeMap<CodiceFiscale, Company>,
    by_rea: BTreeMap<Rea, CodiceFiscale>,
    persons: BTreeMap<CodiceFiscale, Person>,
    roles: Vec<Role>,
}

impl InMemoryRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        InMemoryRegistry::default()
    }

    /// The registry holding [`REGISTRY_FIXTURES`].
    pub fn with_fixtures() -> Result<Self, RegistryError> {
        InMemoryRegistry::from_json(REGISTRY_FIXTURES)
    }

    /// A registry from a JSON data set ([`RegistryData`]); every record is checked.
    pub fn from_json(json: &str) -> Result<Self, RegistryError> {
        let data: RegistryData =
            serde_json::from_str(json).map_err(|e| RegistryError::Data { reason: e.to_string() })?;
        InMemoryRegistry::from_data(data)
    }

    /// A registry from a data set; every record is checked, nothing is kept if one fails.
    pub fn from_data(data: RegistryData) -> Result<Self, RegistryError> {
        let mut r = InMemoryRegistry::new();
        for c in data.companies {
            r.insert_company(c)?;
        }
        for p in data.persons {
            r.insert_person(p)?;
        }
        for role in data.roles {
            r.insert_role(role)?;
        }
        Ok(r)
    }

    /// Adds a company, refused if it breaks [`Company::check`] or repeats a codice fiscale or REA.
    pub fn insert_company(&mut self, company: Company) -> Result<(), RegistryError> {
        company.check()?;
        if self.companies.contains_key(&company.codice_fiscale) {
            return Err(RegistryError::Duplicate {
                what: "company",
                key: company.codice_fiscale.to_string(),
            });
        }
        // One REA per province: several units in one province share it, other companies may not.
        let mut reas: Vec<Rea> = std::iter::once(company.rea.clone())
            .chain(company.local_units.iter().filter_map(|u| u.rea.clone()))
            .collect();
        reas.sort();
        reas.dedup();
        if let Some(taken) = reas.iter().find(|r| self.by_rea.contains_key(*r)) {
            return Err(RegistryError::Duplicate { what: "rea", key: taken.to_string() });
        }
        for rea in reas {
            self.by_rea.insert(rea, company.codice_fiscale.clone());
        }
        self.companies.insert(company.codice_fiscale.clone(), company);
        Ok(())
    }

    /// Adds a person, refused if the codice fiscale is already there.
    pub fn insert_person(&mut self, person: Person) -> Result<(), RegistryError> {
        if self.persons.contains_key(&person.codice_fiscale) {
            return Err(RegistryError::Duplicate { what: "person", key: person.codice_fiscale.to_string() });
        }
        self.persons.insert(person.codice_fiscale.clone(), person);
        Ok(())
    }

    /// Adds a role, refused if its company is unknown or it ends before it starts.
    pub fn insert_role(&mut self, role: Role) -> Result<(), RegistryError> {
        let bad = |rule| RegistryError::InconsistentRole {
            company: role.company.to_string(),
            code: role.code.clone(),
            rule,
        };
        if !self.companies.contains_key(&role.company) {
            return Err(bad("unknown_company"));
        }
        if role.until.is_some_and(|u| u <= role.since) {
            return Err(bad("ends_after_start"));
        }
        self.roles.push(role);
        Ok(())
    }

    /// Every company, by codice fiscale.
    pub fn companies(&self) -> Vec<Company> {
        self.companies.values().cloned().collect()
    }

    /// Every person, by codice fiscale.
    pub fn persons(&self) -> Vec<Person> {
        self.persons.values().cloned().collect()
    }

    /// The person with `codice_fiscale`.
    pub fn person(&self, codice_fiscale: &CodiceFiscale) -> Option<&Person> {
        self.persons.get(codice_fiscale)
    }

    /// Every role, in insertion order.
    pub fn roles(&self) -> Vec<Role> {
        self.roles.clone()
    }
}

impl BusinessRegistry for InMemoryRegistry {
    fn company(&self, codice_fiscale: &CodiceFiscale) -> Result<Option<Company>, PortError> {
        Ok(self.companies.get(codice_fiscale).cloned())
    }

    fn company_by_rea(&self, rea: &Rea) -> Result<Option<Company>, PortError> {
        Ok(self.by_rea.get(rea).and_then(|cf| self.companies.get(cf)).cloned())
    }

    fn roles_of(&self, person: &CodiceFiscale) -> Result<Vec<Role>, PortError> {
        Ok(self.roles.iter().filter(|r| r.person == *person).cloned().collect())
    }
}
