//! The Registro Imprese: companies, legal forms, REA numbers, local units, roles of persons, and
//! the PEC addresses of the INI-PEC directory.
//!
//! The registry is reached through the [`BusinessRegistry`](crate::ports::BusinessRegistry) port
//! (look up by codice fiscale, by REA, roles of a person) and the directory through
//! [`PecDirectory`](crate::ports::PecDirectory); [`crate::memory::InMemoryRegistry`] and
//! [`crate::memory::InMemoryPecDirectory`] hold a fixture set of fictional Lombard companies
//! (`core/data/registry_fixtures.json`).
//!
//! ```
//! use sportello::memory::InMemoryRegistry;
//! use sportello::ports::BusinessRegistry;
//! use sportello::registry::{LegalFamily, Rea};
//!
//! let registry = InMemoryRegistry::with_fixtures()?;
//! let company = registry.company_by_rea(&"MI-2012345".parse::<Rea>()?)?.expect("in the fixtures");
//! assert_eq!(company.name, "Rossi Meccanica S.r.l.");
//! assert_eq!(company.legal_form.family(), Some(LegalFamily::LimitedCompany));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ateco;
mod company;
mod error;
mod legal_form;
mod pec;
mod province;
mod rea;
mod role;

pub use ateco::AtecoCode;
pub use company::{
    Address, Company, CompanyState, LocalUnit, LocalUnitKind, Section, SpecialCategory, StatusChange,
};
pub use error::RegistryError;
pub use legal_form::{LegalFamily, LegalForm, NATURA_GIURIDICA};
pub use pec::{DigitalDomicile, Pec, PecSection};
pub use province::{is_italian_province, ProvinceCode, PROVINCE_SIGLAS};
pub use rea::Rea;
pub use role::{Person, Role, RoleKind};
