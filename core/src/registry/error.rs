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
    /// A PEC directory section that is not `companies` or `professionals`.
    #[error("{text:?} is not a section of the PEC directory (companies, professionals)")]
    UnknownPecSection {
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

impl RegistryError {
    /// The field at fault (`province`, `rea`, `legal_form`, `ateco`, `pec`, `section`, a company
    /// field, `role`, the kind of a duplicate record, `json`).
    pub fn field(&self) -> &'static str {
        match self {
            RegistryError::UnknownProvince { .. } => "province",
            RegistryError::InvalidReaNumber { .. } => "rea",
            RegistryError::InvalidLegalForm { .. } => "legal_form",
            RegistryError::InvalidAteco { .. } => "ateco",
            RegistryError::InvalidPec { .. } => "pec",
            RegistryError::UnknownPecSection { .. } => "section",
            RegistryError::InconsistentCompany { field, .. } => field,
            RegistryError::InconsistentRole { .. } => "role",
            RegistryError::Duplicate { what, .. } => what,
            RegistryError::Data { .. } => "json",
        }
    }

    /// The rule broken, as a stable snake_case name.
    pub fn rule(&self) -> &'static str {
        match self {
            RegistryError::UnknownProvince { .. } => "italian_province",
            RegistryError::InvalidReaNumber { .. } => "rea",
            RegistryError::InvalidLegalForm { .. } => "natura_giuridica",
            RegistryError::InvalidAteco { .. } => "ateco",
            RegistryError::InvalidPec { .. } => "pec",
            RegistryError::UnknownPecSection { .. } => "pec_section",
            RegistryError::InconsistentCompany { rule, .. }
            | RegistryError::InconsistentRole { rule, .. } => rule,
            RegistryError::Duplicate { .. } => "unique",
            RegistryError::Data { .. } => "shape",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RegistryError;
    use crate::registry::{Pec, PecSection, Rea};

    #[test]
    fn a_bad_rea_names_its_field_and_rule() {
        let e = "MI-ABC".parse::<Rea>().unwrap_err();
        assert_eq!((e.field(), e.rule()), ("rea", "rea"));
    }

    #[test]
    fn a_bad_pec_names_its_field_and_rule() {
        let e = "not-an-address".parse::<Pec>().unwrap_err();
        assert_eq!((e.field(), e.rule()), ("pec", "pec"));
    }

    #[test]
    fn pec_sections_parse_by_their_snake_case_names_only() {
        assert_eq!("companies".parse::<PecSection>(), Ok(PecSection::Companies));
        assert_eq!("professionals".parse::<PecSection>(), Ok(PecSection::Professionals));
        let e = "Companies".parse::<PecSection>().unwrap_err();
        assert_eq!(e, RegistryError::UnknownPecSection { text: "Companies".into() });
        assert_eq!((e.field(), e.rule()), ("section", "pec_section"));
    }
}
