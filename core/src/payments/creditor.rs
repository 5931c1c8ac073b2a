//! The creditor body's codice fiscale (*IdentificativoEnte*, 11 digits) as pagoPA carries it.
//!
//! A creditor (a chamber of commerce, Unioncamere...) is a legal person, identified by the 11-digit
//! numeric [`CodiceFiscale`] (DM 23/12/1976; Luhn check digit, Sogei office and matricola rules,
//! `reference/identifiers-payments.md` §1.5). The 16-character code of a natural person is refused.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::identifiers::{CodiceFiscale, CodiceFiscaleError};

/// Why a text is not a creditor's 11-digit codice fiscale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditorCodeError {
    /// Not a valid codice fiscale (length, characters, check digit, office, matricola).
    #[error("creditor codice fiscale: {0}")]
    CodiceFiscale(#[from] CodiceFiscaleError),
    /// A valid codice fiscale of a natural person: pagoPA creditors use the 11-digit code.
    #[error("creditor codice fiscale {found} is a natural person's code; a creditor has the 11-digit numeric code")]
    NotNumeric {
        /// The code given.
        found: String,
    },
}

impl CreditorCodeError {
    /// The failed rule: `numeric_code`, or the codice fiscale rule (`length`, `character`,
    /// `check_character`, `office_code`, `matricola`).
    pub fn rule(&self) -> &'static str {
        match self {
            CreditorCodeError::CodiceFiscale(e) => e.rule(),
            CreditorCodeError::NotNumeric { .. } => "numeric_code",
        }
    }
}

/// The 11-digit codice fiscale of a creditor body.
///
/// ```
/// use sportello::payments::CreditorCode;
/// let cf: CreditorCode = "97735020584".parse()?;
/// assert_eq!(cf.as_str(), "97735020584");
/// assert_eq!("97735020585".parse::<CreditorCode>().unwrap_err().rule(), "check_character");
/// assert_eq!("RCCMNL83S18D969H".parse::<CreditorCode>().unwrap_err().rule(), "numeric_code");
/// # Ok::<(), sportello::payments::CreditorCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditorCode(CodiceFiscale);

impl CreditorCode {
    /// Reads an 11-digit codice fiscale (separators forgiven as by [`CodiceFiscale::parse`]).
    pub fn parse(text: &str) -> Result<Self, CreditorCodeError> {
        CreditorCode::try_from(CodiceFiscale::parse(text)?)
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The codice fiscale.
    pub fn codice_fiscale(&self) -> &CodiceFiscale {
        &self.0
    }
}

impl TryFrom<CodiceFiscale> for CreditorCode {
    type Error = CreditorCodeError;
    fn try_from(cf: CodiceFiscale) -> Result<Self, CreditorCodeError> {
        if !cf.is_legal_person() {
            return Err(CreditorCodeError::NotNumeric { found: cf.as_str().to_string() });
        }
        Ok(CreditorCode(cf))
    }
}

impl FromStr for CreditorCode {
    type Err = CreditorCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditorCode::parse(s)
    }
}

impl fmt::Display for CreditorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CreditorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
        for cf in ["97735020584", "00743110157", "80014930327"] {
            assert_eq!(CreditorCode::parse(cf).unwrap().as_str(), cf);
        }
    }

    #[test]
    fn wrong_check_digit_names_the_expected_one() {
        assert_eq!(
            CreditorCode::parse("00743110158"),
            Err(CreditorCodeError::CodiceFiscale(CodiceFiscaleError::InvalidCheckCharacter {
                expected: '7',
                found: '8'
            }))
        );
    }

    #[test]
    fn a_natural_persons_code_is_not_a_creditor() {
        assert_eq!(CreditorCode::parse("RCCMNL83S18D969H").map_err(|e| e.rule()), Err("numeric_code"));
        assert_eq!(CreditorCode::parse("0074311015").map_err(|e| e.rule()), Err("length"));
    }
}
