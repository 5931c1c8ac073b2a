//! Chambers of commerce (CCIAA) over time, with their mergers.
//!
//! A [`Chamber`] serves some provinces ([`ProvinceCode`]) from a seat, for a period, and may merge
//! into a successor (L. 124/2015 art. 10; D.Lgs. 219/2016). [`Chambers`] is the validated table,
//! embedded from `core/data/chambers.json` (the Lombardy chambers from 2013: the 12 provincial
//! ones and today's 7), and answers "which chamber serves province P on date D", "the chamber
//! with code C" and "every chamber active on D". Other regions are added as data.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod directory;
mod error;
mod province;
mod record;

pub use directory::{Chambers, CHAMBERS_JSON};
pub use error::ChamberError;
pub use province::{is_italian_province, ProvinceCode, ProvinceCodeError, PROVINCE_SIGLAS};
pub use record::{Branding, CalendarSettings, Chamber, Seat};

/// The short code of a chamber in the counter: 2 to 12 ASCII capital letters or digits
/// (`"MI"`, `"BG"`, `"MIMBLO"` for Milano Monza Brianza Lodi).
///
/// ```
/// use sportello::chamber::ChamberCode;
/// let mi: ChamberCode = "mi".parse()?;
/// assert_eq!(mi.as_str(), "MI");
/// assert!("M".parse::<ChamberCode>().is_err());
/// # Ok::<(), sportello::chamber::ChamberCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ChamberCode(String);

/// A chamber code that breaks the format rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chamber code {text:?} is not 2 to 12 letters or digits")]
pub struct ChamberCodeError {
    /// The text as given.
    pub text: String,
}

impl ChamberCodeError {
    /// The failed rule: `code_format` (2 to 12 letters or digits).
    pub fn rule(&self) -> &'static str {
        "code_format"
    }

    /// The field at fault: `code`.
    pub fn field(&self) -> &'static str {
        "code"
    }
}

impl ChamberCode {
    /// The code, in capitals.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ChamberCode {
    type Err = ChamberCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        if (2..=12).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            Ok(ChamberCode(t))
        } else {
            Err(ChamberCodeError { text: s.to_string() })
        }
    }
}

impl TryFrom<String> for ChamberCode {
    type Error = ChamberCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ChamberCode> for String {
    fn from(c: ChamberCode) -> String {
        c.0
    }
}

impl fmt::Display for ChamberCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
