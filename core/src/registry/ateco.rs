//! ATECO activity codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RegistryError;

/// An ATECO activity code (ISTAT classification, NACE-based): a two-digit division followed by up
/// to two groups of one or two digits (`"62"`, `"62.01"`, `"62.01.00"`, `"25.62.0"`).
///
/// ```
/// use sportello::registry::AtecoCode;
/// let a: AtecoCode = "62.01.00".parse()?;
/// assert_eq!(a.division(), "62");
/// assert!("6201".parse::<AtecoCode>().is_err());
/// # Ok::<(), sportello::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AtecoCode(String);

impl AtecoCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-digit division (`"62"` for `"62.01.00"`).
    pub fn division(&self) -> &str {
        self.0.get(..2).unwrap_or("")
    }

    /// Whether this code falls under `prefix` in the hierarchy division > group > class >
    /// category > subcategory (`"62.01.00"` is under `"62"`, `"62.0"` and `"62.01"`; not under
    /// `"62.02"`). The fixed two-digit division makes the textual prefix the hierarchical one.
    pub fn is_under(&self, prefix: &AtecoCode) -> bool {
        self.0.starts_with(&prefix.0)
    }
}

impl FromStr for AtecoCode {
    type Err = RegistryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let mut parts = t.split('.');
        let ok = parts.next().is_some_and(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()))
            && parts.clone().count() <= 2
            && parts.all(|g| (1..=2).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
        if ok {
            Ok(AtecoCode(t.to_string()))
        } else {
            Err(RegistryError::InvalidAteco { text: s.to_string() })
        }
    }
}

impl TryFrom<String> for AtecoCode {
    type Error = RegistryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<AtecoCode> for String {
    fn from(a: AtecoCode) -> String {
        a.0
    }
}

impl fmt::Display for AtecoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
