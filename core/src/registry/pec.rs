//! PEC addresses (posta elettronica certificata) and the digital domicile.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RegistryError;
use crate::identifiers::CodiceFiscale;

/// A PEC address: `local@domain`, stored in lower case (addresses are case-insensitive).
///
/// ```
/// use sportello::registry::Pec;
/// let pec: Pec = "Rossi.Meccanica@PEC.example.it".parse()?;
/// assert_eq!(pec.as_str(), "rossi.meccanica@pec.example.it");
/// assert!("no-at-sign".parse::<Pec>().is_err());
/// # Ok::<(), sportello::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Pec(String);

/// The address as a JSON string (written in place: events carrying addresses are serialized for
/// their digests).
impl Serialize for Pec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Pec {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Pec {
    type Err = RegistryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let ok = match t.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && t.bytes().all(|b| b.is_ascii_graphic())
            }
            None => false,
        };
        if ok {
            Ok(Pec(t))
        } else {
            Err(RegistryError::InvalidPec { text: s.to_string() })
        }
    }
}

impl TryFrom<String> for Pec {
    type Error = RegistryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Pec> for String {
    fn from(p: Pec) -> String {
        p.0
    }
}

impl fmt::Display for Pec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The two sections of INI-PEC (DM 19/03/2013 art. 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PecSection {
    /// Imprese: fed daily by the Registro Imprese (no REA-only subjects, no ceased companies).
    Companies,
    /// Professionisti: fed daily by the professional orders.
    Professionals,
}

impl PecSection {
    /// The snake_case name (`companies`, `professionals`).
    pub fn as_str(self) -> &'static str {
        match self {
            PecSection::Companies => "companies",
            PecSection::Professionals => "professionals",
        }
    }
}

impl std::fmt::Display for PecSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PecSection {
    type Err = RegistryError;
    /// Reads `companies` or `professionals`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [PecSection::Companies, PecSection::Professionals]
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| RegistryError::UnknownPecSection { text: s.to_string() })
    }
}

/// A digital domicile as the PEC directory returns it (CAD art. 6-bis).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DigitalDomicile {
    /// Whose address it is.
    pub codice_fiscale: CodiceFiscale,
    /// The address.
    pub pec: Pec,
    /// Which section of the directory holds it.
    pub section: PecSection,
}
