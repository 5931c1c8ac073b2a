//! Kotlin surface of `sportello::identifiers`: `CodiceFiscale` and `PartitaIva` objects (valid by
//! construction, built with `CodiceFiscale.parse(text)`), the validators and their list forms.
//!
//! Converts types and errors only: every rule lives in core.

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::identifiers as core;
use sportello::identifiers::{NumericClass, Sex};

use crate::SportelloError;

/// Sex as encoded in a codice fiscale (mirrors `sportello::identifiers::Sex`).
#[uniffi::remote(Enum)]
pub enum Sex {
    Male,
    Female,
}

/// Sogei class of an 11-digit codice fiscale (mirrors `sportello::identifiers::NumericClass`).
#[uniffi::remote(Enum)]
pub enum NumericClass {
    VatNumber,
    NotVatRegistered,
    ProvisionalIntendenza,
    ProvisionalImposteDirette,
}

fn position(p: Option<usize>) -> Option<i32> {
    p.and_then(|p| i32::try_from(p).ok())
}

impl From<core::CodiceFiscaleError> for SportelloError {
    fn from(e: core::CodiceFiscaleError) -> Self {
        SportelloError::InvalidCodiceFiscale {
            rule: e.rule().to_string(),
            position: position(e.position()),
            expected: e.expected(),
            found: e.found(),
            reason: e.to_string(),
        }
    }
}

impl From<core::BirthDateError> for SportelloError {
    fn from(e: core::BirthDateError) -> Self {
        let rule = match e {
            core::BirthDateError::NoBirthDate => "no_birth_date",
            core::BirthDateError::NotALeapYear { .. } => "calendar_date",
        };
        SportelloError::InvalidCodiceFiscale {
            rule: rule.to_string(),
            position: None,
            expected: None,
            found: None,
            reason: e.to_string(),
        }
    }
}

impl From<core::PartitaIvaError> for SportelloError {
    fn from(e: core::PartitaIvaError) -> Self {
        SportelloError::InvalidPartitaIva {
            rule: e.rule().to_string(),
            position: position(e.position()),
            expected: e.expected(),
            found: e.found(),
            reason: e.to_string(),
        }
    }
}

/// A codice fiscale: the 16-character code of a natural person or the 11-digit code of a legal
/// person. `toString()` is the code; `equals`/`hashCode` compare the code as written.
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct CodiceFiscale(core::CodiceFiscale);

impl std::fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl CodiceFiscale {
    /// Parses and validates `text` (case, whitespace, `.` and `-` forgiven); throws
    /// `SportelloException.InvalidCodiceFiscale` naming the failed rule.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(CodiceFiscale(core::CodiceFiscale::parse(&text)?)))
    }

    /// The code, upper-case, without separators, as written (omocodic letters kept).
    pub fn value(&self) -> String {
        self.0.as_str().to_string()
    }

    /// Whether positions 7, 8, 10, 11, 13, 14 or 15 hold an omocodia letter.
    pub fn is_omocode(&self) -> bool {
        self.0.is_omocode()
    }

    /// The code with omocodia undone (check character recomputed).
    pub fn canonical(&self) -> Arc<CodiceFiscale> {
        Arc::new(CodiceFiscale(self.0.canonical()))
    }

    /// Sex; null for an 11-digit code.
    pub fn sex(&self) -> Option<Sex> {
        self.0.sex()
    }

    /// Day of birth 1-31; null for an 11-digit code.
    pub fn birth_day(&self) -> Option<i32> {
        self.0.birth_day().map(i32::from)
    }

    /// Month of birth 1-12; null for an 11-digit code.
    pub fn birth_month(&self) -> Option<i32> {
        self.0.birth_month().map(i32::from)
    }

    /// The two digits of the year of birth, 0-99 (the code has no century).
    pub fn birth_year_2d(&self) -> Option<i32> {
        self.0.birth_year_2d().map(i32::from)
    }

    /// The birthplace (Belfiore) code, omocodia undone, e.g. `F205`.
    pub fn birthplace_code(&self) -> Option<String> {
        self.0.birthplace_code()
    }

    /// Whether this is the 11-digit numeric code (legal persons, provisional codes).
    pub fn is_legal_person(&self) -> bool {
        self.0.is_legal_person()
    }

    /// Sogei class of an 11-digit code; null for a natural person.
    pub fn numeric_class(&self) -> Option<NumericClass> {
        self.0.numeric_class()
    }

    /// The 128 omocodic variants, the canonical code first (empty for an 11-digit code).
    pub fn omocodic_variants(&self) -> Vec<Arc<CodiceFiscale>> {
        self.0.omocodic_variants().into_iter().map(|v| Arc::new(CodiceFiscale(v))).collect()
    }

    /// Date of birth, the year taken in `firstYear .. firstYear + 99`.
    pub fn birth_date(&self, first_year: i32) -> Result<NaiveDate, SportelloError> {
        Ok(self.0.birth_date(first_year)?)
    }
}

/// A partita IVA (11 digits). `toString()` is the number.
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Debug, Display, Eq, Hash)]
pub struct PartitaIva(core::PartitaIva);

impl std::fmt::Display for PartitaIva {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl PartitaIva {
    /// Parses and validates `text` (separators and an `IT` prefix forgiven); throws
    /// `SportelloException.InvalidPartitaIva` naming the failed rule.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(PartitaIva(core::PartitaIva::parse(&text)?)))
    }

    /// The 11 digits.
    pub fn value(&self) -> String {
        self.0.as_str().to_string()
    }

    /// Digits 1-7.
    pub fn matricola(&self) -> i32 {
        i32::try_from(self.0.matricola()).unwrap_or(i32::MAX)
    }

    /// Digits 8-10, the provincial office.
    pub fn office_code(&self) -> i32 {
        i32::from(self.0.office_code())
    }

    /// `IT` followed by the 11 digits.
    pub fn to_eu_vat(&self) -> String {
        self.0.to_eu_vat()
    }
}

/// Whether `text` is a valid codice fiscale.
#[uniffi::export]
pub fn is_valid_codice_fiscale(text: String) -> bool {
    core::is_valid_codice_fiscale(&text)
}

/// Whether `text` is a valid partita IVA.
#[uniffi::export]
pub fn is_valid_partita_iva(text: String) -> bool {
    core::is_valid_partita_iva(&text)
}

/// Validity of each codice fiscale, in order.
#[uniffi::export]
pub fn validate_codici_fiscali(texts: Vec<String>) -> Vec<bool> {
    texts.iter().map(|t| core::is_valid_codice_fiscale(t)).collect()
}

/// Validity of each partita IVA, in order.
#[uniffi::export]
pub fn validate_partite_iva(texts: Vec<String>) -> Vec<bool> {
    texts.iter().map(|t| core::is_valid_partita_iva(t)).collect()
}
