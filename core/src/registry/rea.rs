//! The REA number (Repertorio Economico Amministrativo).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{ProvinceCode, RegistryError};

/// A REA number: the province of the chamber that keeps the entry and a progressive number
/// (DPR 581/1995 art. 9; written `MI-1234567`). A company has one REA number per province where it
/// has its seat or a local unit. The number has 1 to 20 digits: the maximum length is not
/// confirmed (FatturaPA `NumeroREA` is `String20Type`), so more than the usual 6-7 are accepted.
///
/// ```
/// use sportello::registry::Rea;
/// let rea: Rea = "MI 1234567".parse()?;
/// assert_eq!(rea.to_string(), "MI-1234567");
/// assert_eq!(rea.province().as_str(), "MI");
/// assert!("MI-12A".parse::<Rea>().is_err());
/// # Ok::<(), sportello::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rea {
    province: ProvinceCode,
    number: String,
}

impl Rea {
    /// A REA number from its parts; leading zeros of the number are dropped.
    pub fn new(province: ProvinceCode, number: &str) -> Result<Rea, RegistryError> {
        if !super::is_italian_province(province) {
            return Err(RegistryError::UnknownProvince { text: province.to_string() });
        }
        let n = number.trim();
        if n.is_empty() || n.len() > 20 || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegistryError::InvalidReaNumber { text: number.to_string() });
        }
        let trimmed = n.trim_start_matches('0');
        if trimmed.is_empty() {
            return Err(RegistryError::InvalidReaNumber { text: number.to_string() });
        }
        Ok(Rea { province, number: trimmed.to_string() })
    }

    /// The province of the chamber that keeps the entry.
    pub fn province(&self) -> ProvinceCode {
        self.province
    }

    /// The progressive number, digits only.
    pub fn number(&self) -> &str {
        &self.number
    }
}

impl FromStr for Rea {
    type Err = RegistryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (p, n) = match t.get(..2) {
            Some(p) => (p, t[2..].trim_start_matches(['-', ' '])),
            None => return Err(RegistryError::InvalidReaNumber { text: s.to_string() }),
        };
        let province: ProvinceCode =
            p.parse().map_err(|_| RegistryError::UnknownProvince { text: p.to_string() })?;
        Rea::new(province, n)
    }
}

impl TryFrom<String> for Rea {
    type Error = RegistryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Rea> for String {
    fn from(r: Rea) -> String {
        r.to_string()
    }
}

impl fmt::Display for Rea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.province, self.number)
    }
}
