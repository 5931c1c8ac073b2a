//! The creditor body's codice fiscale (*IdentificativoEnte*, 11 digits) as pagoPA carries it.
//!
//! Non-natural persons (companies, public bodies such as the chambers of commerce) have an
//! 11-digit codice fiscale whose last digit is a Luhn check over the first ten (DM 23/12/1976;
//! Sogei `controlCfNum`; `reference/identifiers-payments.md` §1.5 and §2). The office-code classes
//! of Sogei's `UCheckNum` are not enforced here: provisional codes assigned ex officio are real
//! creditor codes too.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not an 11-digit creditor codice fiscale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditorCodeError {
    /// Not 11 characters.
    #[error("creditor codice fiscale must have 11 digits, found {found} characters")]
    Length {
        /// Characters found.
        found: usize,
    },
    /// A character that is not a digit.
    #[error("creditor codice fiscale: {found:?} at position {position} is not a digit")]
    NotADigit {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The 11th digit is not the Luhn check of the first ten.
    #[error("creditor codice fiscale: check digit is {found}, expected {expected} (Luhn, DM 23/12/1976)")]
    CheckDigit {
        /// The check digit the first ten digits give.
        expected: u8,
        /// The check digit written.
        found: u8,
    },
}

impl CreditorCodeError {
    /// The failed rule as a stable name: `length`, `digits`, `check_digit`.
    pub fn rule(&self) -> &'static str {
        match self {
            CreditorCodeError::Length { .. } => "length",
            CreditorCodeError::NotADigit { .. } => "digits",
            CreditorCodeError::CheckDigit { .. } => "check_digit",
        }
    }
}

/// The 11-digit codice fiscale of a creditor body (a chamber of commerce, Unioncamere...).
///
/// ```
/// use sportello::payments::CreditorCode;
/// let cf: CreditorCode = "97735020584".parse()?;
/// assert_eq!(cf.as_str(), "97735020584");
/// assert!("97735020585".parse::<CreditorCode>().is_err());
/// # Ok::<(), sportello::payments::CreditorCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditorCode(String);

impl CreditorCode {
    /// Reads an 11-digit codice fiscale (surrounding blanks ignored).
    pub fn parse(text: &str) -> Result<Self, CreditorCodeError> {
        let t = text.trim();
        let chars: Vec<char> = t.chars().collect();
        if chars.len() != 11 {
            return Err(CreditorCodeError::Length { found: chars.len() });
        }
        let mut digits = [0u8; 11];
        for (i, c) in chars.iter().enumerate() {
            digits[i] = c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .ok_or(CreditorCodeError::NotADigit { position: i + 1, found: *c })?;
        }
        let expected = luhn_check(&digits[..10]);
        if expected != digits[10] {
            return Err(CreditorCodeError::CheckDigit { expected, found: digits[10] });
        }
        Ok(CreditorCode(t.to_string()))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Luhn check digit over ten digits: odd positions as they are, even positions doubled with
/// their digits summed; `(10 - total mod 10) mod 10`.
fn luhn_check(first_ten: &[u8]) -> u8 {
    let total: u32 = first_ten
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                d
            } else if d * 2 > 9 {
                d * 2 - 9
            } else {
                d * 2
            }
        })
        .sum();
    // The result is below 10, so the conversion cannot fail.
    u8::try_from((10 - total % 10) % 10).unwrap_or(0)
}

impl FromStr for CreditorCode {
    type Err = CreditorCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditorCode::parse(s)
    }
}

impl fmt::Display for CreditorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CreditorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_bodies_codes_validate() {
        // AgID (reference §1.5), the partita IVA worked example (§2).
        for cf in ["97735020584", "00743110157"] {
            assert_eq!(CreditorCode::parse(cf).unwrap().as_str(), cf);
        }
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        assert_eq!(
            CreditorCode::parse("00743110158"),
            Err(CreditorCodeError::CheckDigit { expected: 7, found: 8 })
        );
    }

    #[test]
    fn letters_and_lengths_are_refused_by_rule() {
        assert_eq!(CreditorCode::parse("0074311015"), Err(CreditorCodeError::Length { found: 10 }));
        assert_eq!(
            CreditorCode::parse("0074311O157"),
            Err(CreditorCodeError::NotADigit { position: 8, found: 'O' })
        );
        assert_eq!(CreditorCode::parse("RSSMRA80A01H501U").map_err(|e| e.rule()), Err("length"));
    }
}
