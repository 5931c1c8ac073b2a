//! The Italian province, by its two-letter sigla.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An Italian province by its two-letter sigla (`"MI"`, `"BG"`, `"MB"`), the code used by the
/// Registro Imprese, the vehicle plates and the `holidays` package subdivisions.
///
/// The type checks the shape (two ASCII letters, any case on input, capitals kept); whether the
/// province exists is a question for the data that uses it (the chambers, the patron saints).
///
/// ```
/// use sportello::chamber::ProvinceCode;
/// let mi: ProvinceCode = " mi ".parse()?;
/// assert_eq!(mi.as_str(), "MI");
/// assert!("M1".parse::<ProvinceCode>().is_err());
/// # Ok::<(), sportello::chamber::ProvinceCodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProvinceCode([u8; 2]);

/// A province sigla that is not two letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("province code {text:?} is not a two-letter sigla (e.g. \"MI\")")]
pub struct ProvinceCodeError {
    /// The text as given.
    pub text: String,
}

impl ProvinceCodeError {
    /// The failed rule: `province_format` (two letters).
    pub fn rule(&self) -> &'static str {
        "province_format"
    }

    /// The field at fault: `province`.
    pub fn field(&self) -> &'static str {
        "province"
    }
}

impl ProvinceCode {
    /// The sigla, in capitals.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII capitals by construction, so this never fails.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for ProvinceCode {
    type Err = ProvinceCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(ProvinceCode([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(ProvinceCodeError { text: s.to_string() }),
        }
    }
}

impl TryFrom<String> for ProvinceCode {
    type Error = ProvinceCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ProvinceCode> for String {
    fn from(c: ProvinceCode) -> String {
        c.as_str().to_string()
    }
}

impl fmt::Debug for ProvinceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProvinceCode({:?})", self.as_str())
    }
}

impl fmt::Display for ProvinceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The two-letter siglas of the Italian provinces and metropolitan cities (vehicle-plate codes, as
/// used by the REA and by FatturaPA `ProvinciaType`), including `SU` (Sud Sardegna).
pub const PROVINCE_SIGLAS: [&str; 107] = [
    "AG", "AL", "AN", "AO", "AP", "AQ", "AR", "AT", "AV", "BA", "BG", "BI", "BL", "BN", "BO", "BR", "BS",
    "BT", "BZ", "CA", "CB", "CE", "CH", "CL", "CN", "CO", "CR", "CS", "CT", "CZ", "EN", "FC", "FE", "FG",
    "FI", "FM", "FR", "GE", "GO", "GR", "IM", "IS", "KR", "LC", "LE", "LI", "LO", "LT", "LU", "MB", "MC",
    "ME", "MI", "MN", "MO", "MS", "MT", "NA", "NO", "NU", "OR", "PA", "PC", "PD", "PE", "PG", "PI", "PN",
    "PO", "PR", "PT", "PU", "PV", "PZ", "RA", "RC", "RE", "RG", "RI", "RM", "RN", "RO", "SA", "SI", "SO",
    "SP", "SR", "SS", "SU", "SV", "TA", "TE", "TN", "TO", "TP", "TR", "TS", "TV", "UD", "VA", "VB", "VC",
    "VE", "VI", "VR", "VT", "VV",
];

/// Whether `p` is one of the Italian provinces ([`PROVINCE_SIGLAS`], the one province list of the library): [`ProvinceCode`] checks
/// only the shape, registry records must name a province that exists.
///
/// ```
/// use sportello::chamber::ProvinceCode;
/// use sportello::registry::is_italian_province;
/// assert!(is_italian_province("MB".parse::<ProvinceCode>()?));
/// assert!(!is_italian_province("XX".parse::<ProvinceCode>()?));
/// # Ok::<(), sportello::chamber::ProvinceCodeError>(())
/// ```
pub fn is_italian_province(p: ProvinceCode) -> bool {
    PROVINCE_SIGLAS.contains(&p.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_code_is_two_letters_in_capitals() {
        assert_eq!("lc".parse::<ProvinceCode>().unwrap().as_str(), "LC");
        for bad in ["", "M", "MIL", "M1", "é1", "M I"] {
            assert!(bad.parse::<ProvinceCode>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn province_code_serializes_as_its_sigla() {
        let p: ProvinceCode = "va".parse().unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"VA\"");
        assert!(serde_json::from_str::<ProvinceCode>("\"V4\"").is_err());
    }
}
