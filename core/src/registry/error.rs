//! Why a registry value was refused.

/// A registry value that breaks a rule: which text or field, which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// Not one of the Italian province siglas.
    #[error("{text:?} is not an Italian province sigla")]
    UnknownProvince {
        /// The text as given.
        text: String,
    },
    /// A REA number that is not a province sigla and 1 to 20 digits (not all zeros).
    #[error("{text:?} is not a REA number (province sigla and 1 to 20 digits)")]
    InvalidReaNumber {
        /// The text as given.
        text: String,
    },
    /// A natura giuridica code that is not two letters.
    #[error("{text:?} is not a natura giuridica code (two letters)")]
    InvalidLegalForm {
        /// The text as given.
        text: String,
    },
    /// An ATECO code that is not `NN`, `NN.N[N]` or `NN.N[N].N[N]`.
    #[error("{text:?} is not an ATECO code")]
    InvalidAteco {
        /// The text as given.
        text: String,
    },
    /// A PEC address that is not `local@domain.tld`.
    #[error("{text:?} is not a PEC address")]
    InvalidPec {
        /// The text as given.
        text: String,
    },
    /// A company whose fields contradict each other.
    #[error("company {codice_fiscale}: field {field} breaks rule {rule}")]
    InconsistentCompany {
        /// The company.
        codice_fiscale: String,
        /// The field at fault.
        field: &'static str,
        /// The rule broken.
        rule: &'static str,
    },
    /// A role that points to a company the registry does not hold, or ends before it starts.
    #[error("role {code} of {company}: {rule}")]
    InconsistentRole {
        /// The company named by the role.
        company: String,
        /// The role code.
        code: String,
        /// `unknown_company` or `ends_after_start`.
        rule: &'static str,
    },
    /// Two records with the same key.
    #[error("duplicate {what} {key}")]
    Duplicate {
        /// `company`, `rea`, `person`.
        what: &'static str,
        /// The repeated key.
        key: String,
    },
    /// A data set (fixtures, a host's JSON) that does not have the expected shape.
    #[error("registry data: {reason}")]
    Data {
        /// What the JSON reader said.
        reason: String,
    },
}
