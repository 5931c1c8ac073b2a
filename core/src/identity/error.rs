//! Why an assertion was refused.

/// A refused assertion: each variant names the attribute and the rule that failed. Values of
/// identifiers are not echoed (they are personal data); the rule says what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// A required attribute is absent.
    #[error("attribute {attribute} is missing")]
    MissingAttribute {
        /// The attribute, by its SAML name.
        attribute: String,
    },
    /// An attribute is present but empty.
    #[error("attribute {attribute} is empty")]
    EmptyAttribute {
        /// The attribute as received.
        attribute: String,
    },
    /// An identifier attribute does not start with its ETSI EN 319 412-1 prefix.
    #[error("attribute {attribute} must start with {expected:?}")]
    WrongPrefix {
        /// The attribute as received.
        attribute: String,
        /// The prefix the rule wants (`TINIT-`, `VATIT-`).
        expected: &'static str,
    },
    /// The codice fiscale carried by an attribute is not valid.
    #[error("attribute {attribute} does not carry a valid codice fiscale: {reason}")]
    InvalidCodiceFiscale {
        /// The attribute as received.
        attribute: String,
        /// What the identifier check said.
        reason: String,
    },
    /// The partita IVA carried by an attribute is not valid.
    #[error("attribute {attribute} does not carry a valid partita IVA: {reason}")]
    InvalidPartitaIva {
        /// The attribute as received.
        attribute: String,
        /// What the identifier check said.
        reason: String,
    },
    /// The authentication level is not one of the SPID/CIE class URIs.
    #[error("attribute {attribute}: unknown level {value:?} (expected https://www.spid.gov.it/SpidL1, SpidL2 or SpidL3)")]
    UnknownLevel {
        /// The attribute as received.
        attribute: String,
        /// The value received (a public URI, not personal data).
        value: String,
    },
    /// An e-mail attribute that is not `local@domain`.
    #[error("attribute {attribute} is not an e-mail address")]
    MalformedEmail {
        /// The attribute as received.
        attribute: String,
    },
    /// A `spidCode` that is not 4 letters (the identity provider) and 10 letters or digits.
    #[error("attribute {attribute} is not a SPID code (4 letters + 10 letters or digits)")]
    MalformedSpidCode {
        /// The attribute as received.
        attribute: String,
    },
    /// A CNS certificate subject without a usable CN.
    #[error("attribute {attribute} of the certificate subject breaks rule {rule}")]
    MalformedSubject {
        /// The part of the subject (`CN`, `subject`).
        attribute: String,
        /// `no_cn` (no common name), `separator` (no `/` after the codice fiscale).
        rule: &'static str,
    },
    /// An authentication method that is not `spid`, `cie`, `cns` or `password`.
    #[error("{value:?} is not an authentication method (spid, cie, cns, password)")]
    UnknownMethod {
        /// The text as given (a method name, not personal data).
        value: String,
    },
    /// A stored identity whose level of assurance is not the one its method and class give under
    /// the assurance table (a forged or stale level), or whose class does not fit its method.
    #[error("stored identity: {method} with class {class} gives level {expected}, not {found}")]
    InconsistentLevel {
        /// The method stored.
        method: &'static str,
        /// The class URI stored, or `none`.
        class: &'static str,
        /// The level the table gives (`none` when the class does not fit the method).
        expected: &'static str,
        /// The level stored.
        found: &'static str,
    },
    /// A stored identity that is not JSON of the expected shape.
    #[error("stored identity: {reason}")]
    MalformedJson {
        /// What the JSON reader said.
        reason: String,
    },
    /// An assurance table whose levels decrease as the asserted class increases.
    #[error("assurance table for {method} maps a higher class to a lower level")]
    DecreasingAssuranceTable {
        /// The method whose row is out of order (`spid`, `cie`).
        method: &'static str,
    },
}

impl IdentityError {
    /// The attribute (or table row) the error is about.
    pub fn attribute(&self) -> &str {
        match self {
            IdentityError::MissingAttribute { attribute }
            | IdentityError::EmptyAttribute { attribute }
            | IdentityError::WrongPrefix { attribute, .. }
            | IdentityError::InvalidCodiceFiscale { attribute, .. }
            | IdentityError::InvalidPartitaIva { attribute, .. }
            | IdentityError::UnknownLevel { attribute, .. }
            | IdentityError::MalformedEmail { attribute }
            | IdentityError::MalformedSpidCode { attribute }
            | IdentityError::MalformedSubject { attribute, .. } => attribute,
            IdentityError::UnknownMethod { .. } => "method",
            IdentityError::InconsistentLevel { .. } => "level",
            IdentityError::MalformedJson { .. } => "json",
            IdentityError::DecreasingAssuranceTable { method } => method,
        }
    }

    /// The rule that failed, as a stable snake_case name (for bindings and logs).
    pub fn rule(&self) -> &'static str {
        match self {
            IdentityError::MissingAttribute { .. } => "missing",
            IdentityError::EmptyAttribute { .. } => "empty",
            IdentityError::WrongPrefix { .. } => "prefix",
            IdentityError::InvalidCodiceFiscale { .. } => "codice_fiscale",
            IdentityError::InvalidPartitaIva { .. } => "partita_iva",
            IdentityError::UnknownLevel { .. } => "level",
            IdentityError::MalformedEmail { .. } => "email",
            IdentityError::MalformedSpidCode { .. } => "spid_code",
            IdentityError::MalformedSubject { rule, .. } => rule,
            IdentityError::UnknownMethod { .. } => "method",
            IdentityError::InconsistentLevel { .. } => "level_consistency",
            IdentityError::MalformedJson { .. } => "shape",
            IdentityError::DecreasingAssuranceTable { .. } => "table_order",
        }
    }
}
