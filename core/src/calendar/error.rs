//! What can go wrong in the calendar.

/// A calendar question that cannot be answered, saying which field broke which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A date (or the deadline computed from it) falls outside the supported years 1950-2100.
    #[error("{field}: year {year} is outside the supported years 1950-2100")]
    YearOutOfRange {
        /// Which value: `"date"`, `"start"`, `"year"`, `"deadline"`.
        field: &'static str,
        /// The year found.
        year: i32,
    },
    /// A term so long that its end cannot be a date at all.
    #[error("{field}: a term of {amount} {unit} leaves the calendar")]
    TermOutOfRange {
        /// Which value: `"days"`, `"months"`, `"years"`.
        field: &'static str,
        /// The length given.
        amount: i64,
        /// `"days"` or `"months"`.
        unit: &'static str,
    },
    /// No patron saint is known for the province (the data covers the Lombardy capitals).
    #[error("province: no patron saint is known for {province:?}")]
    UnknownProvince {
        /// The sigla asked for.
        province: String,
    },
    /// A view name that is not `legal` or `office`.
    #[error("view: {text:?} is not a view (expected 'legal' or 'office')")]
    UnknownView {
        /// The text as given.
        text: String,
    },
    /// An entry of the patron-saint data breaks a rule (the embedded file or one given by a host).
    #[error("patron-saint data, entry {entry}: {field}: {reason}")]
    InvalidData {
        /// Index of the entry (0-based); `usize::MAX` for the file as a whole.
        entry: usize,
        /// The field at fault.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

impl CalendarError {
    /// The failed rule as a stable snake_case name (`year_range`, `term_range`,
    /// `unknown_province`, `invalid_data`, `view`), for the bindings and for logs.
    pub fn rule(&self) -> &'static str {
        match self {
            CalendarError::YearOutOfRange { .. } => "year_range",
            CalendarError::TermOutOfRange { .. } => "term_range",
            CalendarError::UnknownProvince { .. } => "unknown_province",
            CalendarError::InvalidData { .. } => "invalid_data",
            CalendarError::UnknownView { .. } => "view",
        }
    }

    /// The field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            CalendarError::YearOutOfRange { field, .. }
            | CalendarError::TermOutOfRange { field, .. }
            | CalendarError::InvalidData { field, .. } => field,
            CalendarError::UnknownProvince { .. } => "province",
            CalendarError::UnknownView { .. } => "view",
        }
    }
}
