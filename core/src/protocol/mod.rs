//! The protocol register (*registro di protocollo*) of an AOO: registration, annulment, the daily
//! register and its preservation, and the XML signature of protocol (*segnatura*).
//!
//! DPR 445/2000 (TUDA) artt. 53-57 and 61; AgID Linee guida sul documento informatico (2021) and
//! Allegato 6. The embedded register is [`ProtocolRegister`]; hosts with their own protocol system
//! implement [`crate::ports::ProtocolSystem`] ([`crate::memory::MemoryProtocol`] wraps the embedded
//! one).

pub mod daily;
mod register;
pub mod segnatura;
mod types;

pub use daily::{
    preservation_due, DailyRegister, DailyRegisterPolicy, EmptyDays, PendingRegister, RegisterPreservation,
};
pub use register::ProtocolRegister;
pub use types::{
    Annulment, Classification, Correspondent, Direction, DocumentRef, FolderRef, ProtocolEntry,
    ProtocolNumber, RegisterId, RegistrationRequest,
};

use chrono::NaiveDate;

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
    /// The daily register of the day was already sent to preservation (one register per day, kept
    /// unchanged: AgID Linee guida, daily register "garantendone l'immodificabilità").
    #[error("the daily register of {date} was already sent to preservation (receipt {receipt})")]
    AlreadyPreserved {
        /// The day.
        date: NaiveDate,
        /// The receipt of the earlier sending.
        receipt: String,
    },
    /// The day is not over yet: its register would still change (TUDA art. 53 c.2: the
    /// registrations of one day).
    #[error("the daily register of {date} cannot be sent before the day is over")]
    DayNotOver {
        /// The day.
        date: NaiveDate,
    },
    /// Nothing was registered or annulled on the day, and the chamber sends no empty registers
    /// ([`EmptyDays::Skip`]), or the day is before the register's first registration.
    #[error("no registration or annulment on {date}: there is no daily register to send")]
    EmptyRegister {
        /// The day.
        date: NaiveDate,
    },
    /// A preservation record whose digest is not the one of the day's register as it stands.
    #[error("the daily register of {date} does not match the one sent")]
    RegisterChanged {
        /// The day.
        date: NaiveDate,
    },
}

impl ProtocolError {
    /// The rule that refused, as a stable snake_case name (the JSON `kind`).
    pub fn rule(&self) -> &'static str {
        match self {
            ProtocolError::InvalidCode { .. } => "invalid_code",
            ProtocolError::Missing { .. } => "required",
            ProtocolError::InvalidCorrespondent { .. } => "invalid_correspondent",
            ProtocolError::OutOfOrder { .. } => "out_of_order",
            ProtocolError::NotFound { .. } => "not_found",
            ProtocolError::AlreadyAnnulled { .. } => "already_annulled",
            ProtocolError::RegisterFull { .. } => "register_full",
            ProtocolError::Port(_) => "port",
            ProtocolError::AlreadyPreserved { .. } => "already_preserved",
            ProtocolError::DayNotOver { .. } => "day_not_over",
            ProtocolError::EmptyRegister { .. } => "empty_register",
            ProtocolError::RegisterChanged { .. } => "register_changed",
        }
    }

    /// The field at fault (`reason`, `authorisation`, `number`, `date`...).
    pub fn field(&self) -> &str {
        match self {
            ProtocolError::InvalidCode { field, .. }
            | ProtocolError::Missing { field, .. }
            | ProtocolError::InvalidCorrespondent { field, .. } => field,
            ProtocolError::OutOfOrder { .. } => "registered_at",
            ProtocolError::NotFound { .. }
            | ProtocolError::AlreadyAnnulled { .. }
            | ProtocolError::RegisterFull { .. } => "number",
            ProtocolError::Port(_) => "protocol",
            ProtocolError::AlreadyPreserved { .. }
            | ProtocolError::DayNotOver { .. }
            | ProtocolError::EmptyRegister { .. }
            | ProtocolError::RegisterChanged { .. } => "date",
        }
    }
}
