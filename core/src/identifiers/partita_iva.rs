//! The partita IVA: the 11-digit VAT number (DPR 26 ottobre 1972 n. 633 art. 35; layout and check
//! digit as in Sogei `controlCfNum` and python-stdnum `it.iva`; reference §2).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{compact_chars, compact_into, is_vat_office, luhn_check_digit};

/// Why a text is not a partita IVA: the first rule that failed, with its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartitaIvaError {
    /// Not 11 digits once separators and an `IT` prefix are removed.
    #[error("partita IVA has {found} characters; expected 11 digits")]
    InvalidLength {
        /// Characters found, separators and `IT` prefix excluded.
        found: usize,
    },
    /// A character that is not a digit.
    #[error("partita IVA character {position} is {found:?}; expected a digit 0-9")]
    InvalidCharacter {
        /// 1-based position among the 11, separators and `IT` prefix excluded.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The matricola (digits 1-7) is 0000000 (python-stdnum `it.iva`).
    #[error("partita IVA matricola (digits 1-7) is 0000000, which is never issued")]
    ZeroMatricola,
    /// The provincial office code (digits 8-10) is not 001-100, 120, 121, 888 or 999.
    #[error("partita IVA office code (digits 8-10) {office:03} is not allowed; expected 001-100, 120, 121, 888 or 999")]
    InvalidOfficeCode {
        /// The office code found.
        office: u16,
    },
    /// The check digit (digit 11) does not match the others (Luhn, Sogei `controlCfNum`).
    #[error("partita IVA check digit expected {expected:?} found {found:?}")]
    InvalidCheckDigit {
        /// The digit the others call for.
        expected: char,
        /// The digit written.
        found: char,
    },
}

impl PartitaIvaError {
    /// The name of the failed rule: `length`, `character`, `matricola`, `office_code` or
    /// `check_digit`.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::InvalidLength { .. } => "length",
            Self::InvalidCharacter { .. } => "character",
            Self::ZeroMatricola => "matricola",
            Self::InvalidOfficeCode { .. } => "office_code",
            Self::InvalidCheckDigit { .. } => "check_digit",
        }
    }

    /// The 1-based position (among the 11 digits) where the failed rule starts, if it has one.
    pub fn position(&self) -> Option<usize> {
        match self {
            Self::InvalidLength { .. } => None,
            Self::InvalidCharacter { position, .. } => Some(*position),
            Self::ZeroMatricola => Some(1),
            Self::InvalidOfficeCode { .. } => Some(8),
            Self::InvalidCheckDigit { .. } => Some(11),
        }
    }

    /// What the rule expected, in words or as the expected digit.
    pub fn expected(&self) -> Option<String> {
        Some(match self {
            Self::InvalidLength { .. } => "11".to_string(),
            Self::InvalidCharacter { .. } => "a digit 0-9".to_string(),
            Self::ZeroMatricola => "0000001-9999999".to_string(),
            Self::InvalidOfficeCode { .. } => "001-100, 120, 121, 888 or 999".to_string(),
            Self::InvalidCheckDigit { expected, .. } => expected.to_string(),
        })
    }

    /// What was found.
    pub fn found(&self) -> Option<String> {
        Some(match self {
            Self::InvalidLength { found } => found.to_string(),
            Self::InvalidCharacter { found, .. } | Self::InvalidCheckDigit { found, .. } => found.to_string(),
            Self::ZeroMatricola => "0000000".to_string(),
            Self::InvalidOfficeCode { office } => format!("{office:03}"),
        })
    }
}

/// The rules after the characters: matricola, office, check digit. `d` holds digit values.
fn check_digits(d: &[u8; 11]) -> Result<(), PartitaIvaError> {
    if d[..7].iter().all(|&x| x == 0) {
        return Err(PartitaIvaError::ZeroMatricola);
    }
    let office = d[7..10].iter().fold(0u16, |acc, &x| acc * 10 + u16::from(x));
    if !is_vat_office(office) {
        return Err(PartitaIvaError::InvalidOfficeCode { office });
    }
    let mut first_ten = [0u8; 10];
    first_ten.copy_from_slice(&d[..10]);
    let expected = luhn_check_digit(&first_ten);
    if d[10] != expected {
        return Err(PartitaIvaError::InvalidCheckDigit {
            expected: char::from(b'0' + expected),
            found: char::from(b'0' + d[10]),
        });
    }
    Ok(())
}

/// Whether `text` is a valid partita IVA, by the same rules as [`PartitaIva::parse`], without
/// allocating.
///
/// ```
/// use sportello::identifiers::is_valid_partita_iva;
/// assert!(is_valid_partita_iva("00743110157"));
/// assert!(is_valid_partita_iva("IT 00743110157"));
/// assert!(!is_valid_partita_iva("00743110158"));
/// ```
pub fn is_valid_partita_iva(text: &str) -> bool {
    let mut buf = [0u8; 13];
    let digits = match compact_into(text, &mut buf) {
        Some(11) => &buf[..11],
        Some(13) if buf.starts_with(b"IT") => &buf[2..],
        _ => return false,
    };
    let mut d = [0u8; 11];
    for (slot, &b) in d.iter_mut().zip(digits) {
        if !b.is_ascii_digit() {
            return false;
        }
        *slot = b - b'0';
    }
    check_digits(&d).is_ok()
}

/// A partita IVA, valid by construction: 11 digits (matricola, provincial office, check digit).
///
/// Parsing forgives the separators of the [module docs](super) and an `IT` prefix (the EU VAT form,
/// as in `IT00743110157`). Since 2001 the number is valid nationwide whatever office issued it.
/// Serialized as the 11-digit string; deserializing validates it.
///
/// ```
/// use sportello::identifiers::PartitaIva;
/// let piva: PartitaIva = "007 431 101 57".parse()?;
/// assert_eq!((piva.matricola(), piva.office_code()), (74311, 15));
/// assert_eq!(piva.to_eu_vat(), "IT00743110157");
/// let err = PartitaIva::parse("00743110158").unwrap_err();
/// assert_eq!(err.to_string(), "partita IVA check digit expected '7' found '8'");
/// # Ok::<(), sportello::identifiers::PartitaIvaError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartitaIva(String);

impl PartitaIva {
    /// Parses and validates `text`.
    pub fn parse(text: &str) -> Result<Self, PartitaIvaError> {
        let mut chars = compact_chars(text);
        if chars.len() == 13 && chars.starts_with(&['I', 'T']) {
            chars.drain(..2);
        }
        if chars.len() != 11 {
            return Err(PartitaIvaError::InvalidLength { found: chars.len() });
        }
        let mut d = [0u8; 11];
        for (i, (&c, slot)) in chars.iter().zip(d.iter_mut()).enumerate() {
            *slot = c
                .to_digit(10)
                .filter(|_| c.is_ascii_digit())
                .and_then(|v| u8::try_from(v).ok())
                .ok_or(PartitaIvaError::InvalidCharacter { position: i + 1, found: c })?;
        }
        check_digits(&d)?;
        Ok(PartitaIva(chars.into_iter().collect()))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn number(&self, range: std::ops::Range<usize>) -> u32 {
        self.0
            .as_bytes()
            .get(range)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |acc, &b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
    }

    /// The matricola: digits 1-7, the taxpayer's number at its office.
    pub fn matricola(&self) -> u32 {
        self.number(0..7)
    }

    /// The provincial office code: digits 8-10.
    pub fn office_code(&self) -> u16 {
        u16::try_from(self.number(7..10)).unwrap_or(u16::MAX)
    }

    /// The EU VAT number: `IT` followed by the 11 digits (VIES form).
    pub fn to_eu_vat(&self) -> String {
        format!("IT{}", self.0)
    }
}

impl FromStr for PartitaIva {
    type Err = PartitaIvaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartitaIva::parse(s)
    }
}

impl TryFrom<String> for PartitaIva {
    type Error = PartitaIvaError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PartitaIva::parse(&s)
    }
}

impl TryFrom<&str> for PartitaIva {
    type Error = PartitaIvaError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        PartitaIva::parse(s)
    }
}

impl From<PartitaIva> for String {
    fn from(p: PartitaIva) -> String {
        p.0
    }
}

impl AsRef<str> for PartitaIva {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartitaIva {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
