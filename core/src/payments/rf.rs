//! The ISO 11649 structured creditor reference (`RF` + 2 check digits + up to 21 characters).
//!
//! SACI Appendice 1 (ISO 11649:2009): letters count 10-35 (case-insensitive), `RF` is appended as
//! `2715` plus `00`, and the check digits are `98 - (n mod 97)`; a reference is valid when the
//! number formed by moving the first four characters to the end is `1 mod 97`. pagoPA uses it as
//! the IUV of creditor-initiated payments (SACI §2.3, types D and F).
//!
//! The electronic form is upper case: SACI prints its example as `RF45w9`, which is the same
//! reference as `RF45W9`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Most characters of the reference part (ISO 11649).
pub const MAX_REFERENCE_LEN: usize = 21;

/// Why a creditor reference cannot be created or is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RfError {
    /// Nothing to reference.
    #[error("creditor reference: the reference is empty")]
    EmptyReference,
    /// A reference of more than 21 characters (ISO 11649).
    #[error(
        "creditor reference: the reference has {found} characters; at most {max} are allowed (ISO 11649)"
    )]
    ReferenceTooLong {
        /// Characters found.
        found: usize,
        /// Characters allowed.
        max: usize,
    },
    /// A character outside `0-9`, `A-Z`, `a-z`.
    #[error("creditor reference: {found:?} at position {position} is not a letter or digit")]
    InvalidCharacter {
        /// 1-based position in the compact form.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The text does not begin with `RF`.
    #[error("creditor reference must begin with \"RF\", found {found:?}")]
    MissingPrefix {
        /// The first characters found.
        found: String,
    },
    /// Not 5-25 characters in all.
    #[error("creditor reference must have 5 to 25 characters, found {found}")]
    Length {
        /// Characters found, blanks excluded.
        found: usize,
    },
    /// The characters after `RF` are not two digits.
    #[error("creditor reference: check digits {found:?} are not two digits")]
    CheckDigitsNotNumeric {
        /// The two characters found.
        found: String,
    },
    /// The check digits do not match the reference (mod 97, ISO 11649).
    #[error("creditor reference: check digits are {found:02}, expected {expected:02} (ISO 11649 mod 97)")]
    CheckDigits {
        /// The check digits the reference gives.
        expected: u8,
        /// The check digits written.
        found: u8,
    },
}

impl RfError {
    /// The failed rule as a stable name.
    pub fn rule(&self) -> &'static str {
        match self {
            RfError::EmptyReference => "empty",
            RfError::ReferenceTooLong { .. } => "reference_length",
            RfError::InvalidCharacter { .. } => "characters",
            RfError::MissingPrefix { .. } => "prefix",
            RfError::Length { .. } => "length",
            RfError::CheckDigitsNotNumeric { .. } => "check_digits_format",
            RfError::CheckDigits { .. } => "mod97",
        }
    }
}

/// An ISO 11649 creditor reference, valid by construction, in its upper-case electronic form.
///
/// ```
/// use sportello::payments::{rf_validate, CreditorReference};
/// assert_eq!(CreditorReference::create("w9")?.as_str(), "RF45W9");
/// assert_eq!(CreditorReference::create("539007547034")?.print_form(), "RF18 5390 0754 7034");
/// assert!(rf_validate("RF18 5390 0754 7034"));
/// assert!(!rf_validate("RF19539007547034"));
/// # Ok::<(), sportello::payments::RfError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditorReference(String);

/// The value of a reference character (0-9, A/a = 10 ... Z/z = 35) or the error naming it.
fn char_value(position: usize, c: char) -> Result<u32, RfError> {
    c.to_digit(36)
        .filter(|_| c.is_ascii_alphanumeric())
        .ok_or(RfError::InvalidCharacter { position, found: c })
}

/// One step of the mod-97 remainder: letters count as two digits, digits as one.
fn mod97_step(r: u32, v: u32) -> u32 {
    if v < 10 {
        (r * 10 + v) % 97
    } else {
        (r * 100 + v) % 97
    }
}

/// `RF` = 27 15, then `00` for the check digits.
const RF00: [u32; 4] = [27, 15, 0, 0];

/// The check digits of a reference (`98 - (reference + "RF00") mod 97`), or the first character
/// that is not a letter or digit; `offset` shifts the reported positions. Allocation-free.
fn expected_check(reference: &str, offset: usize) -> Result<(u8, usize), RfError> {
    let mut r = 0;
    let mut n = 0;
    for (i, c) in reference.chars().enumerate() {
        r = mod97_step(r, char_value(i + 1 + offset, c)?);
        n += 1;
    }
    let r = RF00.iter().fold(r, |r, v| mod97_step(r, *v));
    // 98 - r is in 2..=98.
    Ok((u8::try_from(98 - r).unwrap_or(u8::MAX), n))
}

impl CreditorReference {
    /// Creates the reference `RF<check><reference>` for 1-21 letters or digits (blanks ignored).
    pub fn create(reference: &str) -> Result<Self, RfError> {
        let compact: String = reference.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(RfError::EmptyReference);
        }
        let (check, n) = expected_check(&compact, 0)?;
        if n > MAX_REFERENCE_LEN {
            return Err(RfError::ReferenceTooLong { found: n, max: MAX_REFERENCE_LEN });
        }
        Ok(CreditorReference(format!("RF{check:02}{}", compact.to_ascii_uppercase())))
    }

    /// Reads and validates a reference in electronic or print form (blanks ignored, any case).
    pub fn parse(text: &str) -> Result<Self, RfError> {
        let compact: String =
            text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        let n = compact.chars().count();
        if !compact.starts_with("RF") {
            return Err(RfError::MissingPrefix { found: compact.chars().take(2).collect() });
        }
        if let Some((i, c)) = compact.chars().enumerate().find(|(_, c)| !c.is_ascii_alphanumeric()) {
            return Err(RfError::InvalidCharacter { position: i + 1, found: c });
        }
        if !(5..=25).contains(&n) {
            return Err(RfError::Length { found: n });
        }
        let check_text = &compact[2..4];
        if !check_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RfError::CheckDigitsNotNumeric { found: check_text.to_string() });
        }
        let found = u8::try_from(check_text.bytes().fold(0u32, |a, b| a * 10 + u32::from(b - b'0')))
            .unwrap_or(u8::MAX);
        let (expected, _) = expected_check(&compact[4..], 4)?;
        if expected != found {
            return Err(RfError::CheckDigits { expected, found });
        }
        Ok(CreditorReference(compact))
    }

    /// The electronic form (`RF45W9`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The reference after `RF` and the check digits.
    pub fn reference(&self) -> &str {
        &self.0[4..]
    }

    /// The check digits (2-98).
    pub fn check_digits(&self) -> u8 {
        let b = self.0.as_bytes();
        (b[2] - b'0') * 10 + (b[3] - b'0')
    }

    /// The print form: groups of four separated by single spaces.
    pub fn print_form(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + 6);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

/// Whether `text` is a valid ISO 11649 creditor reference (see [`CreditorReference::parse`]).
pub fn rf_validate(text: &str) -> bool {
    CreditorReference::parse(text).is_ok()
}

impl FromStr for CreditorReference {
    type Err = RfError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditorReference::parse(s)
    }
}

impl fmt::Display for CreditorReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CreditorReference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditorReference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
