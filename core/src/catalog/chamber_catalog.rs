//! What each chamber offers on the counter: its package of services, local names, contact.
//!
//! The 2013 project priced participation by package: a minimum package of 3 services, up to 10
//! (`counter-2013.md`, "Running costs 2014"). [`MIN_PACKAGE`] and [`MAX_PACKAGE`] hold those
//! bounds; the loader refuses a chamber outside them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::service::{Service, ServiceId};
use crate::chamber::{ChamberCode, ProvinceCode};

/// The fewest services a chamber activates (2013 project: "pacchetto minimo di 3 servizi").
pub const MIN_PACKAGE: usize = 3;
/// The most services a chamber activates in one package (2013 project: "da 3 a 10 servizi").
pub const MAX_PACKAGE: usize = 10;

/// How users reach a chamber (CPSV-AP `m8g:ContactPoint`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Certified e-mail (PEC) of the front office. Illustrative in the embedded data, so kept
    /// here and not in the chamber directory (whose `pec` holds only sourced addresses).
    pub pec: String,
    /// Ordinary e-mail of the front office.
    pub email: String,
    /// Telephone of the front office.
    pub phone: String,
    /// Web site.
    pub website: String,
}

/// One chamber's catalogue on the counter. Its name and provinces come from the chamber
/// directory ([`crate::chamber::Chambers`]), the one source of chamber identity; the catalogue
/// file holds only the package, local names and contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChamberCatalog {
    /// The chamber.
    pub code: ChamberCode,
    /// Its official name (from the chamber directory).
    pub name: String,
    /// The provinces of its district (from the chamber directory).
    pub provinces: Vec<ProvinceCode>,
    /// NUTS 3 codes of its district (`dct:spatial` of the competent authority).
    pub nuts: Vec<String>,
    /// Contact point.
    pub contact: Contact,
    /// The services it has activated, in the order it shows them (3 to 10).
    pub active: Vec<ServiceId>,
    /// Local names of some of its services (`"diritto-annuale"` → `"Diritto annuale online"`).
    pub local_names: BTreeMap<ServiceId, String>,
}

impl ChamberCatalog {
    /// Whether the chamber has activated `id`.
    pub fn is_active(&self, id: &ServiceId) -> bool {
        self.active.contains(id)
    }

    /// The name the chamber shows for `service`: its local name, or the catalogue's.
    pub fn name_of<'a>(&'a self, service: &'a Service) -> &'a str {
        self.local_names.get(&service.id).map_or(service.name.as_str(), String::as_str)
    }
}
