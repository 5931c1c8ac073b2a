//! The pagoPA notice number (*numero avviso*, 18 digits) and the IUV it carries.
//!
//! SACI (Allegato A alle Linee guida pagoPA) §2.1, schema A:
//! `<aux digit (1)>[<application code (2)>]<IUV (15|17)>`
//!
//! | aux | layout | IUV | check digits |
//! |---|---|---|---|
//! | 0 (legacy) | `0` + application code (2) + IUV base (13) + check (2) | 15 digits | `int(first 16) mod 93` |
//! | 1 (legacy) | `1` + IUV (17) | 17 digits | none |
//! | 2 (legacy) | `2` + IUV base (15) + check (2) | 17 digits | `int(first 16) mod 93` |
//! | 3 | `3` + segregation code (2) + IUV base (13) + check (2) | 17 digits | `int(first 16) mod 93` |
//!
//! Since SACI 3.x only aux digit 3 is issued ("the values 0-1-2 must no longer be used"); a reader
//! still meets old notices, so [`NoticeNumber::parse`] reads all four layouts and
//! [`NoticeReading::CurrentOnly`] refuses the legacy ones. Which to accept is the reader's choice,
//! hence the parameter.
//!
//! ## What the check digits catch
//!
//! The check is `N mod 93` over the first 16 digits `N`. Changing one digit at weight `10^k` by
//! `d` (|d| <= 9) changes `N` by `d * 10^k`; since 93 = 3 * 31 is coprime with 10 and does not
//! divide `d`, every single-digit change in the first 16 digits is caught, and so is every change
//! of the check digits themselves. The one single-digit change that escapes is turning the aux
//! digit into `1`: the aux-1 layout carries no check digits, so any 18 digits starting with `1`
//! are well formed. [`NoticeReading::CurrentOnly`] (aux 3 only) catches that too.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Digits of a notice number.
pub const NOTICE_DIGITS: usize = 18;
/// Digits of the IUV base in the aux-3 (and aux-0) layout.
pub const IUV_BASE_DIGITS: usize = 13;
/// Modulus of the IUV check digits (SACI §2.1).
pub const CHECK_MODULUS: u64 = 93;

/// Which notice layouts a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeReading {
    /// Aux digits 0, 1, 2 and 3: old printed notices are still read (SACI 3.x still requires
    /// readers to accept them). The default.
    #[default]
    AcceptLegacy,
    /// Aux digit 3 only: what a creditor issues today.
    CurrentOnly,
}

/// Why a notice number (or one of its parts) is not valid; [`NoticeError::part`] names the part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    /// Not 18 digits (blanks between groups are ignored).
    #[error("notice number must have 18 digits, found {found}")]
    Length {
        /// Characters found, blanks excluded.
        found: usize,
    },
    /// A character that is neither a digit nor a blank.
    #[error("notice number: {found:?} at position {position} is not a digit")]
    NotADigit {
        /// 1-based position among the non-blank characters.
        position: usize,
        /// The character found.
        found: char,
    },
    /// An aux digit outside 0-3 (SACI §2.1).
    #[error("notice number: aux digit {found} is not one of 0, 1, 2, 3 (SACI §2.1)")]
    UnknownAuxDigit {
        /// The aux digit found.
        found: u8,
    },
    /// A legacy aux digit (0, 1, 2) while only current notices (aux 3) are accepted.
    #[error("notice number: aux digit {found} is legacy; only 3 is issued today (SACI 3.x §2.1)")]
    LegacyAuxDigit {
        /// The aux digit found.
        found: u8,
    },
    /// The last two digits are not the first sixteen mod 93 (SACI §2.1).
    #[error("notice number: check digits are {found:02}, expected {expected:02} (first 16 digits mod 93, SACI §2.1)")]
    CheckDigits {
        /// The check digits the first 16 digits give.
        expected: u8,
        /// The check digits written.
        found: u8,
    },
    /// A segregation code that is not two digits (00-99).
    #[error("segregation code must be two digits 00-99, got {found:?}")]
    SegregationCode {
        /// The text or number given.
        found: String,
    },
    /// An application code (aux 0) that is not two digits.
    #[error("application code must be two digits 00-99, got {found:?}")]
    ApplicationCode {
        /// The text or number given.
        found: String,
    },
    /// An IUV base of the wrong length or with non-digits.
    #[error("IUV base must be {expected} digits, got {found:?}")]
    IuvBase {
        /// Digits required.
        expected: usize,
        /// The text given.
        found: String,
    },
    /// A sequence number that does not fit the 13-digit IUV base.
    #[error("sequence {found} does not fit a 13-digit IUV base")]
    SequenceTooLarge {
        /// The number given.
        found: u64,
    },
}

impl NoticeError {
    /// The part of the notice number that is wrong: `length`, `digits`, `aux_digit`,
    /// `check_digits`, `segregation_code`, `application_code` or `iuv_base`.
    pub fn part(&self) -> &'static str {
        match self {
            NoticeError::Length { .. } => "length",
            NoticeError::NotADigit { .. } => "digits",
            NoticeError::UnknownAuxDigit { .. } | NoticeError::LegacyAuxDigit { .. } => "aux_digit",
            NoticeError::CheckDigits { .. } => "check_digits",
            NoticeError::SegregationCode { .. } => "segregation_code",
            NoticeError::ApplicationCode { .. } => "application_code",
            NoticeError::IuvBase { .. } | NoticeError::SequenceTooLarge { .. } => "iuv_base",
        }
    }

    /// The rule that failed, finer than [`NoticeError::part`]: `length`, `digits`,
    /// `unknown_aux_digit`, `legacy_aux_digit`, `mod93`, `two_digits`, `iuv_base_length`,
    /// `sequence_range`.
    pub fn rule(&self) -> &'static str {
        match self {
            NoticeError::Length { .. } => "length",
            NoticeError::NotADigit { .. } => "digits",
            NoticeError::UnknownAuxDigit { .. } => "unknown_aux_digit",
            NoticeError::LegacyAuxDigit { .. } => "legacy_aux_digit",
            NoticeError::CheckDigits { .. } => "mod93",
            NoticeError::SegregationCode { .. } | NoticeError::ApplicationCode { .. } => "two_digits",
            NoticeError::IuvBase { .. } => "iuv_base_length",
            NoticeError::SequenceTooLarge { .. } => "sequence_range",
        }
    }
}

/// The segregation code (*codice segregazione*, 2 digits): which of the creditor's IUV-issuing
/// systems issued the notice (SACI §2.1, aux 3).
///
/// ```
/// use sportello::payments::SegregationCode;
/// let suap: SegregationCode = "97".parse()?;
/// assert_eq!(suap.reserved_for(), Some("Unioncamere: SUAP"));
/// assert_eq!(SegregationCode::new(1)?.to_string(), "01");
/// # Ok::<(), sportello::payments::NoticeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegregationCode(u8);

/// Segregation codes reserved by pagoPA for centralised services (SACI 3.2.x, devportal).
pub const RESERVED_SEGREGATION_CODES: [(u8, &str); 7] = [
    (99, "Ministero dell'Interno: CIE online issuance"),
    (98, "Ministero dell'Interno: ANPR certificates"),
    (97, "Unioncamere: SUAP"),
    (96, "ACI: road tax"),
    (85, "PagoPA: TARI/TEFA subsidiarity"),
    (81, "PagoPA"),
    (47, "PagoPA: Canone Unico"),
];

impl SegregationCode {
    /// A segregation code 0-99.
    pub fn new(code: u8) -> Result<Self, NoticeError> {
        if code > 99 {
            return Err(NoticeError::SegregationCode { found: code.to_string() });
        }
        Ok(SegregationCode(code))
    }

    /// The code as a number.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The centralised service the code is reserved for, if any (SACI 3.2.x).
    pub fn reserved_for(self) -> Option<&'static str> {
        RESERVED_SEGREGATION_CODES.iter().find(|(c, _)| *c == self.0).map(|(_, what)| *what)
    }
}

impl FromStr for SegregationCode {
    type Err = NoticeError;
    /// Exactly two digits (`"01"`, not `"1"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NoticeError::SegregationCode { found: s.to_string() };
        let b = s.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        SegregationCode::new((b[0] - b'0') * 10 + (b[1] - b'0'))
    }
}

impl fmt::Display for SegregationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for SegregationCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for SegregationCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An 18-digit pagoPA notice number (*numero avviso*, *codice avviso*), valid by construction.
///
/// Serialized as its 18 digits.
///
/// ```
/// use sportello::payments::{NoticeNumber, NoticeError};
/// let n = NoticeNumber::parse("3971 2345 6789 0123 43")?;
/// assert_eq!(n.as_str(), "397123456789012343");
/// assert_eq!(n.aux_digit(), 3);
/// assert_eq!(n.segregation_code().map(|s| s.value()), Some(97));
/// assert_eq!(n.iuv(), "97123456789012343");
/// assert_eq!(n.grouped(), "3971 2345 6789 0123 43");
/// assert_eq!(
///     NoticeNumber::parse("397123456789012344"),
///     Err(NoticeError::CheckDigits { expected: 43, found: 44 })
/// );
/// # Ok::<(), NoticeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoticeNumber(String);

/// `int(digits) mod 93` over the first 16 digits (ASCII), as two digits 00-92.
fn check_digits_of(first16: &[u8]) -> u8 {
    let r = first16.iter().fold(0u64, |acc, b| (acc * 10 + u64::from(b - b'0')) % CHECK_MODULUS);
    // r < 93, so it fits.
    u8::try_from(r).unwrap_or(u8::MAX)
}

fn two_digits(b: &[u8]) -> u8 {
    (b[0] - b'0') * 10 + (b[1] - b'0')
}

impl NoticeNumber {
    /// A current (aux 3) notice number from the creditor's segregation code and a 13-digit IUV
    /// base; the check digits are computed (SACI §2.1).
    pub fn new(segregation_code: SegregationCode, iuv_base: &str) -> Result<Self, NoticeError> {
        Self::build(b'3', segregation_code.0, iuv_base)
    }

    /// A current (aux 3) notice number whose IUV base is `sequence`, zero-padded to 13 digits:
    /// what a creditor's counter issues.
    pub fn from_sequence(segregation_code: SegregationCode, sequence: u64) -> Result<Self, NoticeError> {
        if sequence >= 10u64.pow(IUV_BASE_DIGITS as u32) {
            return Err(NoticeError::SequenceTooLarge { found: sequence });
        }
        Self::new(segregation_code, &format!("{sequence:013}"))
    }

    /// A legacy aux-0 notice number from the application code (2 digits) and a 13-digit IUV base.
    /// Only for reading and testing old notices: no creditor issues these today (SACI 3.x).
    pub fn legacy_with_application_code(application_code: u8, iuv_base: &str) -> Result<Self, NoticeError> {
        if application_code > 99 {
            return Err(NoticeError::ApplicationCode { found: application_code.to_string() });
        }
        Self::build(b'0', application_code, iuv_base)
    }

    fn build(aux: u8, code: u8, iuv_base: &str) -> Result<Self, NoticeError> {
        if iuv_base.len() != IUV_BASE_DIGITS || !iuv_base.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NoticeError::IuvBase { expected: IUV_BASE_DIGITS, found: iuv_base.to_string() });
        }
        let mut digits = String::with_capacity(NOTICE_DIGITS);
        digits.push(char::from(aux));
        digits.push_str(&format!("{code:02}"));
        digits.push_str(iuv_base);
        let check = check_digits_of(digits.as_bytes());
        digits.push_str(&format!("{check:02}"));
        Ok(NoticeNumber(digits))
    }

    /// A current (aux 3) notice number from its 17-digit IUV (segregation code + base + check),
    /// as carried in receipts and reporting flows.
    pub fn from_iuv(iuv: &str) -> Result<Self, NoticeError> {
        Self::parse_with(&format!("3{iuv}"), NoticeReading::CurrentOnly)
    }

    /// Reads a notice number, legacy layouts included ([`NoticeReading::AcceptLegacy`]); blanks
    /// between the printed groups of four are ignored.
    pub fn parse(text: &str) -> Result<Self, NoticeError> {
        Self::parse_with(text, NoticeReading::AcceptLegacy)
    }

    /// Reads a notice number under the given reading rule, saying which part is wrong.
    pub fn parse_with(text: &str, reading: NoticeReading) -> Result<Self, NoticeError> {
        let mut digits = String::with_capacity(NOTICE_DIGITS);
        let mut count = 0usize;
        let mut first_bad: Option<(usize, char)> = None;
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            count += 1;
            if c.is_ascii_digit() {
                digits.push(c);
            } else if first_bad.is_none() {
                first_bad = Some((count, c));
            }
        }
        if count != NOTICE_DIGITS {
            return Err(NoticeError::Length { found: count });
        }
        if let Some((position, found)) = first_bad {
            return Err(NoticeError::NotADigit { position, found });
        }
        let b = digits.as_bytes();
        let aux = b[0] - b'0';
        match (aux, reading) {
            (3, _) => {}
            (0..=2, NoticeReading::AcceptLegacy) => {}
            (0..=2, NoticeReading::CurrentOnly) => return Err(NoticeError::LegacyAuxDigit { found: aux }),
            _ => return Err(NoticeError::UnknownAuxDigit { found: aux }),
        }
        if aux != 1 {
            let expected = check_digits_of(&b[..16]);
            let found = two_digits(&b[16..]);
            if expected != found {
                return Err(NoticeError::CheckDigits { expected, found });
            }
        }
        Ok(NoticeNumber(digits))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form: groups of four separated by single spaces (22 characters).
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(22);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The aux digit (0-3).
    pub fn aux_digit(&self) -> u8 {
        self.bytes()[0] - b'0'
    }

    /// Whether the layout is a legacy one (aux 0, 1 or 2).
    pub fn is_legacy(&self) -> bool {
        self.aux_digit() != 3
    }

    /// The segregation code (aux 3 only).
    pub fn segregation_code(&self) -> Option<SegregationCode> {
        (self.aux_digit() == 3).then(|| SegregationCode(two_digits(&self.bytes()[1..3])))
    }

    /// The application code (aux 0 only).
    pub fn application_code(&self) -> Option<u8> {
        (self.aux_digit() == 0).then(|| two_digits(&self.bytes()[1..3]))
    }

    /// The check digits (none for aux 1).
    pub fn check_digits(&self) -> Option<u8> {
        (self.aux_digit() != 1).then(|| two_digits(&self.bytes()[16..]))
    }

    /// The IUV (*identificativo univoco di versamento*): 17 digits for aux 1, 2, 3 (for aux 3 it
    /// begins with the segregation code), 15 for aux 0 (the application code is not part of it).
    pub fn iuv(&self) -> &str {
        match self.aux_digit() {
            0 => &self.0[3..],
            _ => &self.0[1..],
        }
    }

    /// The IUV base: the IUV without the segregation code and the check digits (13 digits for aux
    /// 0 and 3, 15 for aux 2, 17 for aux 1).
    pub fn iuv_base(&self) -> &str {
        match self.aux_digit() {
            0 | 3 => &self.0[3..16],
            2 => &self.0[1..16],
            _ => &self.0[1..],
        }
    }
}

impl FromStr for NoticeNumber {
    type Err = NoticeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NoticeNumber::parse(s)
    }
}

impl fmt::Display for NoticeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for NoticeNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NoticeNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
