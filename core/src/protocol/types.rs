//! The values of the protocol register.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ProtocolError;
use crate::archive::Digest;
use crate::calendar::italian_date;

fn code_ok(s: &str) -> bool {
    (1..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

/// The identity of a register: IPA code of the administration, IPA code of the AOO and register
/// code (segnatura XSD `IdentificatoreType`). One register per AOO (TUDA art. 61 c.1, art. 50 c.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegisterId {
    /// IPA code of the administration (`CodiceAmministrazione`).
    pub administration: String,
    /// IPA code of the AOO (`CodiceAOO`).
    pub aoo: String,
    /// Register code (`CodiceRegistro`, `[A-Za-z0-9_.-]{1,16}`).
    pub register: String,
}

impl RegisterId {
    /// A register identity, checked against the XSD patterns.
    pub fn new(administration: &str, aoo: &str, register: &str) -> Result<Self, ProtocolError> {
        let bad = |field: &str, value: &str| ProtocolError::InvalidCode {
            field: field.into(),
            value: value.into(),
            rule: "[A-Za-z0-9_.-]{1,16}".into(),
        };
        if !code_ok(administration) {
            return Err(bad("administration", administration));
        }
        if !code_ok(aoo) {
            return Err(bad("aoo", aoo));
        }
        if !code_ok(register) {
            return Err(bad("register", register));
        }
        Ok(RegisterId { administration: administration.into(), aoo: aoo.into(), register: register.into() })
    }
}

/// A protocol number: progressive, at least seven digits, renewed every calendar year
/// (DPR 445/2000 art. 57).
///
/// ```
/// use sportello::protocol::ProtocolNumber;
/// let n = ProtocolNumber { year: 2026, number: 42 };
/// assert_eq!(n.digits(), "0000042");
/// assert_eq!(n.to_string(), "2026/0000042");
/// assert_eq!("2026/0000042".parse::<ProtocolNumber>(), Ok(n));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProtocolNumber {
    /// The calendar year of registration (Italian time).
    pub year: i32,
    /// The progressive number within the year, from 1.
    pub number: u32,
}

impl ProtocolNumber {
    /// The number with at least seven digits (`NumeroRegistrazioneType = [0-9]{7,}`).
    pub fn digits(&self) -> String {
        format!("{:07}", self.number)
    }
}

impl fmt::Display for ProtocolNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:07}", self.year, self.number)
    }
}

impl std::str::FromStr for ProtocolNumber {
    type Err = ProtocolError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ProtocolError::InvalidCode {
            field: "protocol_number".into(),
            value: s.into(),
            rule: "YYYY/NNNNNNN (7 or more digits)".into(),
        };
        let (y, n) = s.split_once('/').ok_or_else(bad)?;
        if n.len() < 7 || !n.bytes().all(|b| b.is_ascii_digit()) || y.len() != 4 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let number = n.parse().map_err(|_| bad())?;
        if number == 0 {
            return Err(bad());
        }
        Ok(ProtocolNumber { year, number })
    }
}

/// Direction of a registration (Allegato 5 `TipologiaDiFlusso`: E, U, I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Received (*in entrata*): the correspondent is the sender.
    Incoming,
    /// Sent (*in uscita*): the correspondents are the recipients.
    Outgoing,
    /// Internal (*interno*).
    Internal,
}

impl Direction {
    /// The Allegato 5 code: `E`, `U`, `I`.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Incoming => "E",
            Direction::Outgoing => "U",
            Direction::Internal => "I",
        }
    }
}

/// A sender or recipient (segnatura `SoggettoType`: a PA, a legal person or a natural person).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correspondent {
    /// A natural person (`PersonaFisica`).
    NaturalPerson {
        /// Given name (`Nome`).
        given_name: String,
        /// Family name (`Cognome`).
        family_name: String,
        /// Codice fiscale, if known (`CodiceFiscale`).
        tax_code: Option<String>,
    },
    /// A company or other legal person (`PersonaGiuridica`): codice fiscale or partita IVA.
    LegalPerson {
        /// Name (`Denominazione`).
        name: String,
        /// Codice fiscale (16 characters) or partita IVA / numeric CF (11 digits).
        tax_code: String,
    },
    /// A public administration (`PA`), e.g. the chamber itself.
    PublicAdministration {
        /// Name (`DenominazionePA`).
        name: String,
        /// Numeric codice fiscale, 11 digits (`CFPA`).
        tax_code: String,
        /// IPA code of the administration (`CodiceIPAPA`).
        ipa_code: Option<String>,
    },
}

pub(crate) fn is_person_cf(s: &str) -> bool {
    // segnatura XSD CodiceFiscaleType, with omocodia letters
    let b = s.as_bytes();
    let digitish = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    b.len() == 16
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..8].iter().all(|&c| digitish(c))
        && b"ABCDEHLMPRST".contains(&b[8])
        && b[9..11].iter().all(|&c| digitish(c))
        && b[11].is_ascii_uppercase()
        && b[12..15].iter().all(|&c| digitish(c))
        && b[15].is_ascii_uppercase()
}

pub(crate) fn is_eleven_digits(s: &str) -> bool {
    s.len() == 11 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Correspondent {
    /// A readable name.
    pub fn display_name(&self) -> String {
        match self {
            Correspondent::NaturalPerson { given_name, family_name, .. } => {
                format!("{given_name} {family_name}")
            }
            Correspondent::LegalPerson { name, .. } | Correspondent::PublicAdministration { name, .. } => {
                name.clone()
            }
        }
    }

    pub(crate) fn check(&self) -> Result<(), ProtocolError> {
        let missing =
            |field: &str| ProtocolError::Missing { field: field.into(), article: "53 c.1 lett. c".into() };
        let bad = |value: &str, rule: &str| ProtocolError::InvalidCorrespondent {
            field: "tax_code".into(),
            value: value.into(),
            rule: rule.into(),
        };
        match self {
            Correspondent::NaturalPerson { given_name, family_name, tax_code } => {
                if given_name.trim().is_empty() {
                    return Err(missing("given_name"));
                }
                if family_name.trim().is_empty() {
                    return Err(missing("family_name"));
                }
                if let Some(cf) = tax_code {
                    if !is_person_cf(cf) {
                        return Err(bad(cf, "codice fiscale of a person"));
                    }
                }
            }
            Correspondent::LegalPerson { name, tax_code } => {
                if name.trim().is_empty() {
                    return Err(missing("name"));
                }
                if !is_person_cf(tax_code) && !is_eleven_digits(tax_code) {
                    return Err(bad(tax_code, "codice fiscale or partita IVA"));
                }
            }
            Correspondent::PublicAdministration { name, tax_code, .. } => {
                if name.trim().is_empty() {
                    return Err(missing("name"));
                }
                if !is_eleven_digits(tax_code) {
                    return Err(bad(tax_code, "11-digit codice fiscale of a PA"));
                }
            }
        }
        Ok(())
    }
}

/// A document referred to by a registration: the primary document or an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocumentRef {
    /// File name (`nomeFile`).
    pub file_name: String,
    /// MIME type, RFC 6838 (`mimeType`).
    pub mime_type: String,
    /// SHA-256 digest of the content (`Impronta`; TUDA art. 53 c.1 lett. f).
    pub digest: Digest,
    /// Optional description (`Descrizione`).
    pub description: Option<String>,
}

/// Classification against the chamber's filing plan (*titolario*; TUDA art. 56, segnatura
/// `Classifica` with `CodiceFlat`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Classification {
    /// Flat code, e.g. `"1.8"`.
    pub code: String,
    /// Description, e.g. `"Accesso agli atti"`.
    pub description: String,
}

/// The dossier (*fascicolo*) a registration belongs to (segnatura `Fascicolo`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FolderRef {
    /// Folder code (`CodiceFascicolo`), e.g. the dossier id.
    pub code: String,
    /// Folder name (`Denominazione`).
    pub name: String,
}

/// What a caller asks to register; number and date are assigned by the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRequest {
    /// Incoming, outgoing or internal.
    pub direction: Direction,
    /// The sender (incoming) or the recipients (outgoing), at least one (art. 53 c.1 lett. c).
    pub correspondents: Vec<Correspondent>,
    /// The subject (*oggetto*, art. 53 c.1 lett. d).
    pub subject: String,
    /// Classification (art. 56).
    pub classification: Classification,
    /// The folder, if any.
    pub folder: Option<FolderRef>,
    /// The primary document.
    pub primary: DocumentRef,
    /// Attachments.
    pub attachments: Vec<DocumentRef>,
    /// Date and number of the document received, if available (art. 53 c.1 lett. e).
    pub received_document: Option<(NaiveDate, String)>,
}

/// Annulment of a registration: reason, operator, authorising act (TUDA art. 54; authorised by the
/// head of the protocol service, art. 61 c.3 lett. g). The original data stay readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annulment {
    /// When the annulment was recorded.
    pub at: DateTime<Utc>,
    /// The operator who recorded it.
    pub operator: String,
    /// The authorising officer (head of the protocol service).
    pub authorised_by: String,
    /// The references of the authorising act (*estremi del provvedimento*).
    pub authorisation: String,
    /// Why.
    pub reason: String,
}

/// A registration: immutable once made, except for the annulment mark (TUDA art. 53 c.1, art. 54).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolEntry {
    pub(super) register: RegisterId,
    pub(super) number: ProtocolNumber,
    pub(super) registered_at: DateTime<Utc>,
    pub(super) direction: Direction,
    pub(super) sender: Correspondent,
    pub(super) recipients: Vec<Correspondent>,
    pub(super) subject: String,
    pub(super) classification: Classification,
    pub(super) folder: Option<FolderRef>,
    pub(super) primary: DocumentRef,
    pub(super) attachments: Vec<DocumentRef>,
    pub(super) received_document: Option<(NaiveDate, String)>,
    pub(super) annulment: Option<Annulment>,
}

impl ProtocolEntry {
    /// The register.
    pub fn register(&self) -> &RegisterId {
        &self.register
    }
    /// The number (art. 53 c.1 lett. a).
    pub fn number(&self) -> ProtocolNumber {
        self.number
    }
    /// The instant of registration.
    pub fn registered_at(&self) -> DateTime<Utc> {
        self.registered_at
    }
    /// The date of registration, in Italian time (art. 53 c.1 lett. b).
    pub fn date(&self) -> NaiveDate {
        italian_date(self.registered_at)
    }
    /// Incoming, outgoing or internal.
    pub fn direction(&self) -> Direction {
        self.direction
    }
    /// The sender (for outgoing registrations, the administration).
    pub fn sender(&self) -> &Correspondent {
        &self.sender
    }
    /// The recipients (for incoming registrations, the administration).
    pub fn recipients(&self) -> &[Correspondent] {
        &self.recipients
    }
    /// The subject.
    pub fn subject(&self) -> &str {
        &self.subject
    }
    /// The classification.
    pub fn classification(&self) -> &Classification {
        &self.classification
    }
    /// The folder.
    pub fn folder(&self) -> Option<&FolderRef> {
        self.folder.as_ref()
    }
    /// The primary document and its digest (art. 53 c.1 lett. f).
    pub fn primary(&self) -> &DocumentRef {
        &self.primary
    }
    /// The attachments.
    pub fn attachments(&self) -> &[DocumentRef] {
        &self.attachments
    }
    /// The number of attachments.
    pub fn attachments_count(&self) -> usize {
        self.attachments.len()
    }
    /// Date and number of the document received.
    pub fn received_document(&self) -> Option<&(NaiveDate, String)> {
        self.received_document.as_ref()
    }
    /// The annulment, if the entry was annulled; the original data stay readable.
    pub fn annulment(&self) -> Option<&Annulment> {
        self.annulment.as_ref()
    }
    /// Whether the entry was annulled.
    pub fn is_annulled(&self) -> bool {
        self.annulment.is_some()
    }
}
