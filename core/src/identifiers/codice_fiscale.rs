//! The codice fiscale: 16 characters for natural persons, 11 digits for everyone else.
//!
//! Rules: DM 23 dicembre 1976 n. 13813 (layout, month letters, day + 40 for women, check
//! character); the omocodia substitution and the numeric classes follow the Agenzia delle
//! Entrate's own formal checker (Sogei `UCheckDigit` / `UCheckNum`). See
//! `reference/identifiers-payments.md` §1.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{compact_chars, compact_into, is_vat_office, luhn_check_digit};

// -- character tables -----------------------------------------------------------------------------

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/// One of `L M N P Q R S T U V`, the letters that stand for 0-9 in an omocodic code.
const OMOCODIA: u8 = 4;
/// First letter of a birthplace code: `A`-`I`, `L`, `M` (municipalities) or `Z` (foreign states).
const PLACE: u8 = 8;

/// The omocodia letters, indexed by the digit they replace (DM 13813/1976; Sogei `crea_ctr_giorno`).
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";
/// The month letters, January to December (DM 13813/1976; Sogei `creaMese`).
const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";
/// Odd-position (1, 3, ..., 15) values of the check-character sum: the letter at index `v` is worth
/// `v` (Sogei `UCheckDigit`); a digit is worth what the letter in its column is worth (0 as A, ...).
const ODD_ORDER: &[u8; 26] = b"BAKPLCQDREVOSFTGUHMINJWZYX";

const fn build_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            t[b] |= LETTER;
        }
        if c.is_ascii_digit() {
            t[b] |= DIGIT;
        }
        if matches!(c, b'A'..=b'I' | b'L' | b'M' | b'Z') {
            t[b] |= PLACE;
        }
        b += 1;
    }
    let mut i = 0;
    while i < 10 {
        t[OMOCODIA_LETTERS[i] as usize] |= OMOCODIA;
        i += 1;
    }
    t
}

/// Digit value of a digit or an omocodia letter (only read where the class allows one of them).
const fn build_omocodia_digit() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut d = 0;
    while d < 10 {
        t[(b'0' + d as u8) as usize] = d as u8;
        t[OMOCODIA_LETTERS[d] as usize] = d as u8;
        d += 1;
    }
    t
}

const fn build_month() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut m = 0;
    while m < 12 {
        t[MONTH_LETTERS[m] as usize] = m as u8 + 1;
        m += 1;
    }
    t
}

const fn build_odd() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut v = 0;
    while v < 26 {
        let letter = ODD_ORDER[v];
        t[letter as usize] = v as u8;
        let index = letter - b'A';
        if index < 10 {
            t[(b'0' + index) as usize] = v as u8;
        }
        v += 1;
    }
    t
}

const fn build_even() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 26 {
        t[(b'A' + i as u8) as usize] = i as u8;
        if i < 10 {
            t[(b'0' + i as u8) as usize] = i as u8;
        }
        i += 1;
    }
    t
}

static CLASS: [u8; 256] = build_class();
static OMOCODIA_DIGIT: [u8; 256] = build_omocodia_digit();
static MONTH: [u8; 256] = build_month();
static ODD_VALUE: [u8; 256] = build_odd();
static EVEN_VALUE: [u8; 256] = build_even();

/// The 0-based indices that may carry an omocodia letter: 1-based positions 7, 8, 10, 11, 13, 14, 15.
const OMOCODIA_INDICES: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// What a position of a codice fiscale may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharClass {
    /// A letter `A`-`Z` (surname and name codes, month letter, check character).
    Letter,
    /// A digit `0`-`9` (every position of the 11-digit code).
    Digit,
    /// A digit, or the omocodia letter that replaces it (`L M N P Q R S T U V` for 0-9): year,
    /// day and the number of the birthplace code.
    DigitOrOmocodiaLetter,
    /// The first letter of a birthplace code: `A`-`I`, `L`, `M` (Italian municipalities) or `Z`
    /// (foreign states); Sogei `UCheckDigit` refuses any other.
    BirthplaceLetter,
}

impl CharClass {
    const fn mask(self) -> u8 {
        match self {
            CharClass::Letter => LETTER,
            CharClass::Digit => DIGIT,
            CharClass::DigitOrOmocodiaLetter => DIGIT | OMOCODIA,
            CharClass::BirthplaceLetter => PLACE,
        }
    }

    /// Whether `c` belongs to the class (upper-case only).
    pub fn contains(self, c: char) -> bool {
        u8::try_from(c).is_ok_and(|b| CLASS[usize::from(b)] & self.mask() != 0)
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CharClass::Letter => "a letter A-Z",
            CharClass::Digit => "a digit 0-9",
            CharClass::DigitOrOmocodiaLetter => "a digit 0-9 or an omocodia letter L M N P Q R S T U V",
            CharClass::BirthplaceLetter => "a birthplace letter A-I, L, M or Z",
        })
    }
}

/// The layout of the 16-character code, position by position (DM 13813/1976).
const PERSON_LAYOUT: [CharClass; 16] = {
    use CharClass::{BirthplaceLetter as P, DigitOrOmocodiaLetter as O, Letter as L};
    [L, L, L, L, L, L, O, O, L, O, O, P, O, O, O, L]
};

// -- errors ---------------------------------------------------------------------------------------

/// Why a text is not a codice fiscale: the first rule that failed, with its data.
///
/// [`rule`](Self::rule), [`position`](Self::position), [`expected`](Self::expected) and
/// [`found`](Self::found) give the same facts in a uniform shape (the bindings expose them as
/// exception attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodiceFiscaleError {
    /// Not 16 characters (natural person) nor 11 (numeric code), once separators are removed.
    #[error(
        "codice fiscale has {found} characters; expected 16 (natural person) or 11 digits (numeric code)"
    )]
    InvalidLength {
        /// Characters found, separators excluded.
        found: usize,
    },
    /// A character that the layout does not allow at its position.
    #[error("codice fiscale character {position} is {found:?}; expected {expected}")]
    InvalidCharacter {
        /// 1-based position, separators excluded.
        position: usize,
        /// The character found (upper-cased).
        found: char,
        /// What the position may hold.
        expected: CharClass,
    },
    /// Position 9 is not a month letter.
    #[error(
        "codice fiscale month letter (position 9) is {found:?}; expected one of A B C D E H L M P R S T"
    )]
    InvalidMonth {
        /// The letter found.
        found: char,
    },
    /// Positions 10-11 (omocodia undone) are not 01-31 (men) or 41-71 (women).
    #[error(
        "codice fiscale birth day (positions 10-11) is {found:02}; expected 01-31 (men) or 41-71 (women)"
    )]
    InvalidDay {
        /// The two-digit value found, omocodia undone.
        found: u8,
    },
    /// Day and month do not form a date: day 31 of a 30-day month, 30 or 31 February, or 29
    /// February of a two-digit year that is a leap year in no century (`yy % 4 != 0`).
    #[error(
        "codice fiscale birth date {day:02}/{month:02}/..{year_2d:02} is not a calendar date in any century"
    )]
    InvalidCalendarDate {
        /// Day of the month (the +40 of women removed).
        day: u8,
        /// Month, 1-12.
        month: u8,
        /// Two-digit year.
        year_2d: u8,
    },
    /// The birthplace code has number 000, which no municipality or state has (Sogei `UCheckDigit`).
    #[error(
        "codice fiscale birthplace code {letter}000 (positions 12-15) has number 000, which is never issued"
    )]
    InvalidBirthplaceNumber {
        /// The letter of the birthplace code.
        letter: char,
    },
    /// The check character (position 16, or the 11th digit) does not match the others.
    #[error("codice fiscale check character expected {expected:?} found {found:?}")]
    InvalidCheckCharacter {
        /// The character the others call for.
        expected: char,
        /// The character written.
        found: char,
    },
    /// The office code (digits 8-10 of the numeric code) is none of the ranges of Sogei
    /// `UCheckNum`: 001-100, 120, 121, 888, 999 (VAT offices), 151-245, 301-766, 900-950
    /// (provisional codes). Office 000 (provisional codes assigned ex officio) is refused because
    /// its matricola ranges are not sourced.
    #[error(
        "codice fiscale office code (digits 8-10) {office:03} is not allowed; expected 001-100, 120, 121, 888, 999, 151-245, 301-766 or 900-950"
    )]
    InvalidOfficeCode {
        /// The office code found.
        office: u16,
    },
    /// The matricola (digits 1-7 of the numeric code) does not fit its office: zero, or 8000000
    /// and above (bodies not registered for VAT) with an office above 095 (Sogei `UCheckNum`).
    #[error(
        "codice fiscale matricola (digits 1-7) {matricola:07} is not allowed with office {office:03}: it must not be zero, and from 8000000 up the office must be 001-095"
    )]
    InvalidMatricola {
        /// The matricola found.
        matricola: u32,
        /// The office code it came with.
        office: u16,
    },
}

impl CodiceFiscaleError {
    /// The name of the failed rule: `length`, `character`, `month`, `day`, `calendar_date`,
    /// `birthplace`, `check_character`, `office_code` or `matricola`.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::InvalidLength { .. } => "length",
            Self::InvalidCharacter { .. } => "character",
            Self::InvalidMonth { .. } => "month",
            Self::InvalidDay { .. } => "day",
            Self::InvalidCalendarDate { .. } => "calendar_date",
            Self::InvalidBirthplaceNumber { .. } => "birthplace",
            Self::InvalidCheckCharacter { .. } => "check_character",
            Self::InvalidOfficeCode { .. } => "office_code",
            Self::InvalidMatricola { .. } => "matricola",
        }
    }

    /// The 1-based position (separators excluded) where the failed rule starts, if it has one.
    pub fn position(&self) -> Option<usize> {
        match self {
            Self::InvalidLength { .. } | Self::InvalidCalendarDate { .. } => None,
            Self::InvalidCharacter { position, .. } => Some(*position),
            Self::InvalidMonth { .. } => Some(9),
            Self::InvalidDay { .. } => Some(10),
            Self::InvalidBirthplaceNumber { .. } => Some(13),
            Self::InvalidCheckCharacter { found, .. } => Some(if found.is_ascii_digit() { 11 } else { 16 }),
            Self::InvalidOfficeCode { .. } => Some(8),
            Self::InvalidMatricola { .. } => Some(1),
        }
    }

    /// What the rule expected, in words or as the expected character.
    pub fn expected(&self) -> Option<String> {
        match self {
            Self::InvalidLength { .. } => Some("16 or 11".to_string()),
            Self::InvalidCharacter { expected, .. } => Some(expected.to_string()),
            Self::InvalidMonth { .. } => Some("A B C D E H L M P R S T".to_string()),
            Self::InvalidDay { .. } => Some("01-31 or 41-71".to_string()),
            Self::InvalidCalendarDate { .. } => None,
            Self::InvalidBirthplaceNumber { .. } => Some("001-999".to_string()),
            Self::InvalidCheckCharacter { expected, .. } => Some(expected.to_string()),
            Self::InvalidOfficeCode { .. } => {
                Some("001-100, 120, 121, 888, 999, 151-245, 301-766 or 900-950".to_string())
            }
            Self::InvalidMatricola { .. } => {
                Some("1-7999999, or 8000000-9999999 with office 001-095".to_string())
            }
        }
    }

    /// What was found, as written in the code (the length for a length error).
    pub fn found(&self) -> Option<String> {
        match self {
            Self::InvalidLength { found } => Some(found.to_string()),
            Self::InvalidCharacter { found, .. }
            | Self::InvalidMonth { found }
            | Self::InvalidCheckCharacter { found, .. } => Some(found.to_string()),
            Self::InvalidDay { found } => Some(format!("{found:02}")),
            Self::InvalidCalendarDate { day, month, year_2d } => {
                Some(format!("{day:02}/{month:02}/{year_2d:02}"))
            }
            Self::InvalidBirthplaceNumber { letter } => Some(format!("{letter}000")),
            Self::InvalidOfficeCode { office } => Some(format!("{office:03}")),
            Self::InvalidMatricola { matricola, .. } => Some(format!("{matricola:07}")),
        }
    }
}

// -- the checks, allocation-free -------------------------------------------------------------------

#[inline]
fn omocodia_number(b: &[u8; 16], indices: &[usize]) -> u16 {
    indices.iter().fold(0u16, |acc, &i| acc * 10 + u16::from(OMOCODIA_DIGIT[usize::from(b[i])]))
}

/// Days in `month` (1-12) when February has 29 days iff `leap`.
#[inline]
const fn days_in_month(month: u8, leap: bool) -> u8 {
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The check character of the first 15 characters, as written (DM 13813/1976; Sogei `UCheckDigit`).
#[inline]
fn check_character(b: &[u8; 16]) -> u8 {
    let mut sum: u32 = 0;
    let mut i = 0;
    while i < 15 {
        sum += u32::from(ODD_VALUE[usize::from(b[i])]);
        if i + 1 < 15 {
            sum += u32::from(EVEN_VALUE[usize::from(b[i + 1])]);
        }
        i += 2;
    }
    b'A' + (sum % 26) as u8
}

/// The class masks of [`PERSON_LAYOUT`], for the branch-free first pass.
static PERSON_MASKS: [u8; 16] = {
    let mut m = [0u8; 16];
    let mut i = 0;
    while i < 16 {
        m[i] = PERSON_LAYOUT[i].mask();
        i += 1;
    }
    m
};

/// Every rule of the 16-character code, in order: characters, month, day, calendar date,
/// birthplace number, check character. `b` holds upper-cased bytes.
fn check_person(b: &[u8; 16]) -> Result<(), CodiceFiscaleError> {
    // One branch-free pass over the classes; the failing position is searched only on failure.
    let mut all_ok = true;
    for (&byte, &mask) in b.iter().zip(&PERSON_MASKS) {
        all_ok &= CLASS[usize::from(byte)] & mask != 0;
    }
    if !all_ok {
        for (i, (&byte, class)) in b.iter().zip(PERSON_LAYOUT).enumerate() {
            if CLASS[usize::from(byte)] & class.mask() == 0 {
                return Err(CodiceFiscaleError::InvalidCharacter {
                    position: i + 1,
                    found: char::from(byte),
                    expected: class,
                });
            }
        }
    }
    let month = MONTH[usize::from(b[8])];
    if month == 0 {
        return Err(CodiceFiscaleError::InvalidMonth { found: char::from(b[8]) });
    }
    let raw_day = omocodia_number(b, &[9, 10]) as u8;
    let day = match raw_day {
        1..=31 => raw_day,
        41..=71 => raw_day - 40,
        _ => return Err(CodiceFiscaleError::InvalidDay { found: raw_day }),
    };
    let year_2d = omocodia_number(b, &[6, 7]) as u8;
    // A 29 February must exist in at least one century of the two-digit year: 19yy or 20yy for
    // yy = 00, any century for the other multiples of 4, none otherwise.
    if day > days_in_month(month, year_2d % 4 == 0) {
        return Err(CodiceFiscaleError::InvalidCalendarDate { day, month, year_2d });
    }
    if omocodia_number(b, &[12, 13, 14]) == 0 {
        return Err(CodiceFiscaleError::InvalidBirthplaceNumber { letter: char::from(b[11]) });
    }
    let expected = check_character(b);
    if b[15] != expected {
        return Err(CodiceFiscaleError::InvalidCheckCharacter {
            expected: char::from(expected),
            found: char::from(b[15]),
        });
    }
    Ok(())
}

/// Every rule of the 11-digit code, in order: digits, office and matricola, check digit.
fn check_numeric(b: &[u8; 11]) -> Result<NumericClass, CodiceFiscaleError> {
    let mut digits = [0u8; 11];
    for (i, (&byte, d)) in b.iter().zip(digits.iter_mut()).enumerate() {
        if !byte.is_ascii_digit() {
            return Err(CodiceFiscaleError::InvalidCharacter {
                position: i + 1,
                found: char::from(byte),
                expected: CharClass::Digit,
            });
        }
        *d = byte - b'0';
    }
    let matricola = digits[..7].iter().fold(0u32, |acc, &d| acc * 10 + u32::from(d));
    let office = digits[7..10].iter().fold(0u16, |acc, &d| acc * 10 + u16::from(d));
    let class = NumericClass::of(matricola, office)?;
    let mut first_ten = [0u8; 10];
    first_ten.copy_from_slice(&digits[..10]);
    let expected = luhn_check_digit(&first_ten);
    if digits[10] != expected {
        return Err(CodiceFiscaleError::InvalidCheckCharacter {
            expected: char::from(b'0' + expected),
            found: char::from(b[10]),
        });
    }
    Ok(class)
}

/// Whether `text` is a valid codice fiscale (16-character or 11-digit), by the same rules as
/// [`CodiceFiscale::parse`], without allocating.
///
/// ```
/// use sportello::identifiers::is_valid_codice_fiscale;
/// assert!(is_valid_codice_fiscale("RCCMNL83S18D969H"));
/// assert!(is_valid_codice_fiscale("rssmra45c12f2l5n")); // omocodic, lower case
/// assert!(!is_valid_codice_fiscale("RCCMNL83S18D969X"));
/// ```
pub fn is_valid_codice_fiscale(text: &str) -> bool {
    let mut buf = [0u8; 16];
    match compact_into(text, &mut buf) {
        Some(16) => check_person(&buf).is_ok(),
        Some(11) => {
            let mut numeric = [0u8; 11];
            numeric.copy_from_slice(&buf[..11]);
            check_numeric(&numeric).is_ok()
        }
        _ => false,
    }
}

// -- numeric classes ------------------------------------------------------------------------------

/// The class of an 11-digit codice fiscale, from its office code and matricola (Sogei
/// `UCheckNum`, whose return code is given for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumericClass {
    /// Code `2`: a partita IVA, or the codice fiscale of a non-natural person that is also its
    /// partita IVA (office 001-100, 120, 121, 888, 999; matricola 1-7999999).
    VatNumber,
    /// Code `5`: the codice fiscale of a non-natural person not registered for VAT (matricola
    /// 8000000 and above, office 001-095), e.g. AgID's `97735020584`.
    NotVatRegistered,
    /// Code `3`: a provisional codice fiscale assigned by an Intendenza di Finanza (office 151-245).
    ProvisionalIntendenza,
    /// Code `4`: a provisional codice fiscale assigned by the Imposte Dirette offices (office
    /// 301-766 or 900-950).
    ProvisionalImposteDirette,
}

impl NumericClass {
    fn of(matricola: u32, office: u16) -> Result<Self, CodiceFiscaleError> {
        match office {
            151..=245 => Ok(NumericClass::ProvisionalIntendenza),
            301..=766 | 900..=950 => Ok(NumericClass::ProvisionalImposteDirette),
            o if is_vat_office(o) => match matricola {
                0 => Err(CodiceFiscaleError::InvalidMatricola { matricola, office }),
                1..=7_999_999 => Ok(NumericClass::VatNumber),
                _ if office <= 95 => Ok(NumericClass::NotVatRegistered),
                _ => Err(CodiceFiscaleError::InvalidMatricola { matricola, office }),
            },
            _ => Err(CodiceFiscaleError::InvalidOfficeCode { office }),
        }
    }
}

// -- the value ------------------------------------------------------------------------------------

/// Sex as encoded in a codice fiscale (day + 40 for women). Serialized as `"M"` / `"F"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Day 01-31.
    #[serde(rename = "M")]
    Male,
    /// Day 41-71.
    #[serde(rename = "F")]
    Female,
}

impl Sex {
    /// `"M"` or `"F"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why [`CodiceFiscale::birth_date`] has no date to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    /// An 11-digit code encodes no birth date.
    #[error("an 11-digit codice fiscale encodes no birth date")]
    NoBirthDate,
    /// The code's 29 February falls in a year of the window that is not a leap year (e.g. `00`
    /// read as 1900).
    #[error("29 February does not exist in {year}, the year the window gives to this code")]
    NotALeapYear {
        /// The four-digit year given by the window.
        year: i32,
    },
}

/// A codice fiscale, valid by construction: the 16-character code of a natural person or the
/// 11-digit code of a legal person (and of provisional codes).
///
/// Stored and shown as written once separators are removed and letters upper-cased: an omocodic
/// code keeps its letters ([`canonical`](Self::canonical) undoes them). Equality is on that text.
/// Serialized as that string; deserializing validates it.
///
/// ```
/// use sportello::identifiers::{CodiceFiscale, Sex};
///
/// let cf = CodiceFiscale::parse("RSSMRA45C12F2L5N")?; // omocodic: position 14 is L for 0
/// assert!(cf.is_omocode());
/// assert_eq!(cf.canonical().as_str(), "RSSMRA45C12F205C");
/// assert_eq!(cf.birthplace_code().as_deref(), Some("F205"));
/// assert_eq!(cf.sex(), Some(Sex::Male));
///
/// let err = CodiceFiscale::parse("RSSMRA45C12F205A").unwrap_err();
/// assert_eq!(err.rule(), "check_character");
/// assert_eq!(err.to_string(), "codice fiscale check character expected 'C' found 'A'");
///
/// let agid = CodiceFiscale::parse("97735020584")?;
/// assert!(agid.is_legal_person());
/// assert_eq!(agid.sex(), None);
/// # Ok::<(), sportello::identifiers::CodiceFiscaleError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodiceFiscale(String);

impl CodiceFiscale {
    /// Parses and validates `text` (case and separators forgiven; see the [module docs](super)).
    pub fn parse(text: &str) -> Result<Self, CodiceFiscaleError> {
        let chars = compact_chars(text);
        let layout: &[CharClass] = match chars.len() {
            16 => &PERSON_LAYOUT,
            11 => &[CharClass::Digit; 11],
            found => return Err(CodiceFiscaleError::InvalidLength { found }),
        };
        let mut buf = [0u8; 16];
        for (i, ((&c, slot), &expected)) in chars.iter().zip(buf.iter_mut()).zip(layout).enumerate() {
            *slot = u8::try_from(c)
                .ok()
                .filter(u8::is_ascii)
                .ok_or(CodiceFiscaleError::InvalidCharacter { position: i + 1, found: c, expected })?;
        }
        if chars.len() == 16 {
            check_person(&buf)?;
        } else {
            let mut numeric = [0u8; 11];
            numeric.copy_from_slice(&buf[..11]);
            check_numeric(&numeric)?;
        }
        Ok(CodiceFiscale(chars.into_iter().collect()))
    }

    /// The code, upper-case, without separators, as written (omocodic letters kept).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn person_bytes(&self) -> Option<&[u8; 16]> {
        self.0.as_bytes().try_into().ok()
    }

    /// Whether this is the 11-digit numeric code (companies, associations, public bodies, and
    /// provisional codes) rather than the 16-character code of a natural person.
    pub fn is_legal_person(&self) -> bool {
        self.0.len() == 11
    }

    /// The class of an 11-digit code (`None` for a natural person's code).
    pub fn numeric_class(&self) -> Option<NumericClass> {
        let numeric: &[u8; 11] = self.0.as_bytes().try_into().ok()?;
        check_numeric(numeric).ok()
    }

    /// Whether any of positions 7, 8, 10, 11, 13, 14, 15 holds an omocodia letter.
    pub fn is_omocode(&self) -> bool {
        self.person_bytes().is_some_and(|b| OMOCODIA_INDICES.iter().any(|&i| b[i].is_ascii_uppercase()))
    }

    /// The code with omocodia undone (letters back to digits, check character recomputed); an
    /// 11-digit or non-omocodic code is returned as it is.
    pub fn canonical(&self) -> CodiceFiscale {
        self.variant(0)
    }

    /// The 128 omocodic variants of this code's person (2^7 choices of substitution over the
    /// seven substitutable positions, each with its check character), the canonical code first.
    /// Empty for an 11-digit code. Agenzia delle Entrate issues them progressively from the
    /// right, but validators accept every combination (reference §1.3).
    pub fn omocodic_variants(&self) -> Vec<CodiceFiscale> {
        if self.is_legal_person() {
            return Vec::new();
        }
        (0u8..128).map(|mask| self.variant(mask)).collect()
    }

    /// The variant whose bit `k` of `mask` says whether `OMOCODIA_INDICES[k]` holds a letter.
    fn variant(&self, mask: u8) -> CodiceFiscale {
        let Some(b) = self.person_bytes() else {
            return self.clone();
        };
        let mut v = *b;
        for (k, &i) in OMOCODIA_INDICES.iter().enumerate() {
            let digit = OMOCODIA_DIGIT[usize::from(v[i])];
            v[i] = if mask & (1 << k) != 0 { OMOCODIA_LETTERS[usize::from(digit)] } else { b'0' + digit };
        }
        v[15] = check_character(&v);
        CodiceFiscale(v.iter().map(|&b| char::from(b)).collect())
    }

    fn raw_day(&self) -> Option<u8> {
        self.person_bytes().map(|b| omocodia_number(b, &[9, 10]) as u8)
    }

    /// Sex (`None` for an 11-digit code).
    pub fn sex(&self) -> Option<Sex> {
        self.raw_day().map(|d| if d > 40 { Sex::Female } else { Sex::Male })
    }

    /// Day of birth, 1-31 (the +40 of women removed).
    pub fn birth_day(&self) -> Option<u8> {
        self.raw_day().map(|d| if d > 40 { d - 40 } else { d })
    }

    /// Month of birth, 1-12.
    pub fn birth_month(&self) -> Option<u8> {
        self.person_bytes().map(|b| MONTH[usize::from(b[8])])
    }

    /// The two digits of the year of birth, 0-99: the code does not say the century (see
    /// [`birth_date`](Self::birth_date)).
    pub fn birth_year_2d(&self) -> Option<u8> {
        self.person_bytes().map(|b| omocodia_number(b, &[6, 7]) as u8)
    }

    /// The birthplace code (codice catastale / Belfiore: a municipality `A001`-`M999`, or a foreign
    /// state `Z...`), omocodia undone.
    pub fn birthplace_code(&self) -> Option<String> {
        self.person_bytes().map(|b| {
            let mut s = String::with_capacity(4);
            s.push(char::from(b[11]));
            s.extend(b[12..15].iter().map(|&c| char::from(b'0' + OMOCODIA_DIGIT[usize::from(c)])));
            s
        })
    }

    /// The date of birth, the century chosen by a window of 100 years starting at `first_year`:
    /// the year is the one in `first_year..first_year + 100` ending with the code's two digits.
    ///
    /// The code has no century and no rule says which one to take (reference §1.4): python-stdnum
    /// uses `first_year = 1920`; a counter checking adults today might use `today.year() - 99`.
    ///
    /// ```
    /// use sportello::identifiers::CodiceFiscale;
    /// let cf = CodiceFiscale::parse("RCCMNL83S18D969H")?;
    /// assert_eq!(cf.birth_date(1920)?.to_string(), "1983-11-18");
    /// assert_eq!(cf.birth_date(1990)?.to_string(), "2083-11-18");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn birth_date(&self, first_year: i32) -> Result<NaiveDate, BirthDateError> {
        let (Some(yy), Some(month), Some(day)) = (self.birth_year_2d(), self.birth_month(), self.birth_day())
        else {
            return Err(BirthDateError::NoBirthDate);
        };
        let year = first_year + (i32::from(yy) - first_year).rem_euclid(100);
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
            .ok_or(BirthDateError::NotALeapYear { year })
    }
}

impl FromStr for CodiceFiscale {
    type Err = CodiceFiscaleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CodiceFiscale::parse(s)
    }
}

impl TryFrom<String> for CodiceFiscale {
    type Error = CodiceFiscaleError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CodiceFiscale::parse(&s)
    }
}

impl TryFrom<&str> for CodiceFiscale {
    type Error = CodiceFiscaleError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        CodiceFiscale::parse(s)
    }
}

impl From<CodiceFiscale> for String {
    fn from(cf: CodiceFiscale) -> String {
        cf.0
    }
}

impl AsRef<str> for CodiceFiscale {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
