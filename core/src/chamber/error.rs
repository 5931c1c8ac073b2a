//! What can go wrong when looking up chambers.

use chrono::NaiveDate;

/// A chamber question that cannot be answered, or chamber data that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChamberError {
    /// No chamber has this code.
    #[error("code: no chamber has code {code:?}")]
    UnknownChamber {
        /// The code asked for.
        code: String,
    },
    /// No chamber in the data ever served this province.
    #[error("province: no chamber serves province {province:?} in the data")]
    UnknownProvince {
        /// The sigla asked for.
        province: String,
    },
    /// The province is known, but no chamber served it on that date (before the data starts).
    #[error("on: no chamber served province {province} on {on} (the data covers {covers_from} onwards)")]
    NoChamber {
        /// The province.
        province: String,
        /// The date asked for.
        on: NaiveDate,
        /// The first day the data covers.
        covers_from: NaiveDate,
    },
    /// An entry of the chamber data breaks a rule (the embedded file or one given by a host).
    #[error("chamber data, entry {entry} ({code}): {field}: {reason}")]
    InvalidData {
        /// Index of the entry (0-based); `usize::MAX` for the file as a whole.
        entry: usize,
        /// The entry's code, if it could be read (`"?"` otherwise).
        code: String,
        /// The field at fault.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

impl ChamberError {
    /// The failed rule as a stable snake_case name (`unknown_chamber`, `unknown_province`,
    /// `no_chamber`, `invalid_data`), for the bindings and for logs.
    pub fn rule(&self) -> &'static str {
        match self {
            ChamberError::UnknownChamber { .. } => "unknown_chamber",
            ChamberError::UnknownProvince { .. } => "unknown_province",
            ChamberError::NoChamber { .. } => "no_chamber",
            ChamberError::InvalidData { .. } => "invalid_data",
        }
    }

    /// The field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ChamberError::UnknownChamber { .. } => "code",
            ChamberError::UnknownProvince { .. } => "province",
            ChamberError::NoChamber { .. } => "on",
            ChamberError::InvalidData { field, .. } => field,
        }
    }
}
