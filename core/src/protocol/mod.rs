//! The protocol register (*registro di protocollo*) of an AOO: registration, annulment, the daily
//! register and the XML signature of protocol (*segnatura*).
//!
//! DPR 445/2000 (TUDA) artt. 53-57 and 61; AgID Linee guida sul documento informatico (2021) and
//! Allegato 6. The embedded register is [`ProtocolRegister`]; hosts with their own protocol system
//! implement [`crate::ports::ProtocolSystem`] ([`crate::memory::MemoryProtocol`] wraps the embedded
//! one).

mod register;
pub mod segnatura;
mod types;

pub use register::{DailyRegister, ProtocolRegister};
pub use types::{
    Annulment, Classification, Correspondent, Direction, DocumentRef, FolderRef, ProtocolEntry,
    ProtocolNumber, RegisterId, RegistrationRequest,
};

use crate::ports::PortError;

/// `Some(code)` if `code` is a personal codice fiscale the segnatura schema accepts
/// (`CodiceFiscaleType`), else `None` (the element is optional).
pub fn segnatura_cf(code: &str) -> Option<String> {
    types::is_person_cf(code).then(|| code.to_string())
}

/// A registration, annulment or lookup refused by a protocol rule, naming the field and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProtocolError {
    /// A code that breaks its XSD pattern (`CodiceRegistroType`, `CodiceAOO`: `[A-Za-z0-9_.-]{1,16}`).
    #[error("{field} {value:?} breaks the rule {rule}")]
    InvalidCode {
        /// The field (`aoo`, `register`, `administration`).
        field: String,
        /// The value given.
        value: String,
        /// The rule, e.g. `[A-Za-z0-9_.-]{1,16}`.
        rule: String,
    },
    /// A required field left empty (subject, correspondent, reason, authorisation...).
    #[error("{field} is required (DPR 445/2000 art. {article})")]
    Missing {
        /// The field.
        field: String,
        /// The article that requires it.
        article: String,
    },
    /// A correspondent identifier that the segnatura schema would refuse.
    #[error("{field} {value:?} is not a valid {rule}")]
    InvalidCorrespondent {
        /// The field (`tax_code`).
        field: String,
        /// The value.
        value: String,
        /// The rule (`codice fiscale pattern`, `11-digit CF of a PA`).
        rule: String,
    },
    /// The instant given is before the last registration: numbers and dates must both progress
    /// (art. 57: progressive numbering).
    #[error("registration at {at} is before the last registration at {last}")]
    OutOfOrder {
        /// The instant refused.
        at: String,
        /// The last registration's instant.
        last: String,
    },
    /// No entry with this number.
    #[error("no protocol entry {number}")]
    NotFound {
        /// The number looked up.
        number: String,
    },
    /// The entry is already annulled (art. 54: an annulment is final and stays visible).
    #[error("protocol entry {number} is already annulled")]
    AlreadyAnnulled {
        /// The number.
        number: String,
    },
    /// The number does not fit (more than 4,294,967,295 registrations in a year).
    #[error("the register is full for year {year}")]
    RegisterFull {
        /// The year.
        year: i32,
    },
    /// The protocol system of the host failed.
    #[error(transparent)]
    Port(#[from] PortError),
}
