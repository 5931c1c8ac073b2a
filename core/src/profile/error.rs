//! Why a profile or a delegation was refused.

use chrono::NaiveDate;

use super::{DelegationId, ProfileKind};
use crate::authz::{DenialRule, NotAuthorized};
use crate::identifiers::CodiceFiscale;
use crate::ports::PortError;

/// The action name of opening a session under a profile
/// ([`Profiler::act_as`](super::Profiler::act_as)), as refusals report it.
pub const ACT_AS: &str = "act_as";

/// How a caller treats a [`ProfileError`] or a [`DelegationError`]: a refusal of the actor, bad
/// input, or a failed port. Bindings map each class to one exception, without deciding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorClass<'a> {
    /// The actor may not do this: which action, which rule.
    Refused(NotAuthorized),
    /// The input breaks a rule: which field, which rule.
    Invalid {
        /// The field (argument) at fault.
        field: &'static str,
        /// The rule broken, as a stable snake_case name.
        rule: &'static str,
    },
    /// The registry or the PEC directory failed.
    Port(&'a PortError),
}

/// A refused profile choice. The refusal does not say why a company is not offered (no role, not
/// active, unknown): that would tell a stranger about someone else's company.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// The registry and the delegations do not support this profile for this company today.
    #[error("profile {kind} is not available{}", company.as_ref().map(|c| format!(" for {c}")).unwrap_or_default())]
    NotOffered {
        /// The profile asked for.
        kind: ProfileKind,
        /// The company asked for.
        company: Option<CodiceFiscale>,
    },
    /// A business, craftsman or intermediary profile was chosen without a company.
    #[error("profile {kind} acts for a company: name it")]
    CompanyRequired {
        /// The profile asked for.
        kind: ProfileKind,
    },
    /// The private profile was chosen with a company.
    #[error("the private profile acts for the person, not for a company")]
    CompanyNotExpected,
    /// A profile name that is not `business`, `craftsman`, `intermediary` or `private`.
    #[error("{text:?} is not a profile (business, craftsman, intermediary, private)")]
    UnknownProfileKind {
        /// The text as given.
        text: String,
    },
    /// The registry or the PEC directory failed.
    #[error(transparent)]
    Port(#[from] PortError),
}

impl ProfileError {
    /// The rule that refused, as a stable snake_case name.
    pub fn rule(&self) -> &'static str {
        match self {
            ProfileError::NotOffered { .. } => "not_offered",
            ProfileError::CompanyRequired { .. } => "company_required",
            ProfileError::CompanyNotExpected => "company_not_expected",
            ProfileError::UnknownProfileKind { .. } => "profile_kind",
            ProfileError::Port(_) => "port",
        }
    }

    /// The field at fault: `company` or `kind` for bad input, `profile` for a refusal, `port`.
    pub fn field(&self) -> &'static str {
        match self {
            ProfileError::NotOffered { .. } => "profile",
            ProfileError::CompanyRequired { .. } | ProfileError::CompanyNotExpected => "company",
            ProfileError::UnknownProfileKind { .. } => "kind",
            ProfileError::Port(_) => "port",
        }
    }

    /// A refusal ([`DenialRule::ProfileNotOffered`] of [`ACT_AS`]), bad input, or a port failure.
    pub fn class(&self) -> ErrorClass<'_> {
        match self {
            ProfileError::NotOffered { .. } => {
                ErrorClass::Refused(NotAuthorized { action: ACT_AS, rule: DenialRule::ProfileNotOffered })
            }
            ProfileError::Port(p) => ErrorClass::Port(p),
            other => ErrorClass::Invalid { field: other.field(), rule: other.rule() },
        }
    }
}

/// A refused grant or revocation of a delegation, or an inconsistent book.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DelegationError {
    /// The actor may not manage this company's delegations (see the rule inside).
    #[error(transparent)]
    NotAuthorized(#[from] NotAuthorized),
    /// The registry does not show the actor as the company's legal representative today.
    #[error("only a legal representative of the company grants or revokes its delegations")]
    NotALegalRepresentative,
    /// The intermediary is not registered with the counter.
    #[error("the intermediary is not registered with the counter")]
    UnknownIntermediary,
    /// The intermediary is already registered.
    #[error("the intermediary is already registered")]
    DuplicateIntermediary,
    /// An association without operators, or a professional who is not their own operator.
    #[error("an intermediary needs its operators (a professional is their own)")]
    NoOperators,
    /// A list of services that is empty or has a blank entry.
    #[error("a delegation for listed services needs at least one service")]
    EmptyScope,
    /// Validity that starts before the day of the grant.
    #[error("validity from {valid_from} starts before today ({today})")]
    Backdated {
        /// First day asked.
        valid_from: NaiveDate,
        /// The day of the grant.
        today: NaiveDate,
    },
    /// An expiry on or before the first day.
    #[error("expiry {expires_on} is not after the first day {valid_from}")]
    ExpiryNotAfterStart {
        /// First day.
        valid_from: NaiveDate,
        /// First day no longer valid.
        expires_on: NaiveDate,
    },
    /// No delegation with this number (or a repeated number in a stored book).
    #[error("no delegation number {id}")]
    UnknownDelegation {
        /// The number.
        id: DelegationId,
    },
    /// A stored book with two delegations under one number.
    #[error("delegation number {id} appears twice")]
    DuplicateDelegation {
        /// The number.
        id: DelegationId,
    },
    /// A stored book whose next number does not exceed every number already given.
    #[error("next delegation number {next_id} does not exceed number {id} already given")]
    NextIdNotAfterDelegations {
        /// The stored next number.
        next_id: u64,
        /// A number already given, not below it.
        id: DelegationId,
    },
    /// Every delegation number has been given: a new one would reuse an old number.
    #[error("no delegation numbers left: the next one, {next_id}, is the last a book can hold")]
    IdsExhausted {
        /// The book's next number.
        next_id: u64,
    },
    /// A delegation revoked already.
    #[error("delegation {id} is already revoked")]
    AlreadyRevoked {
        /// The number.
        id: DelegationId,
    },
    /// The registry failed.
    #[error(transparent)]
    Port(#[from] PortError),
    /// A stored book that is not valid JSON of the expected shape.
    #[error("delegation book: {reason}")]
    Data {
        /// What the JSON reader said.
        reason: String,
    },
}

impl DelegationError {
    /// The rule that refused, as a stable snake_case name.
    pub fn rule(&self) -> &'static str {
        match self {
            DelegationError::NotAuthorized(n) => n.rule.as_str(),
            DelegationError::NotALegalRepresentative => "legal_representative",
            DelegationError::UnknownIntermediary => "unknown_intermediary",
            DelegationError::DuplicateIntermediary => "duplicate_intermediary",
            DelegationError::NoOperators => "operators",
            DelegationError::EmptyScope => "scope",
            DelegationError::Backdated { .. } => "backdated",
            DelegationError::ExpiryNotAfterStart { .. } => "expiry_after_start",
            DelegationError::UnknownDelegation { .. } => "unknown_delegation",
            DelegationError::DuplicateDelegation { .. } => "duplicate_delegation",
            DelegationError::NextIdNotAfterDelegations { .. } => "next_id_after_delegations",
            DelegationError::IdsExhausted { .. } => "ids_exhausted",
            DelegationError::AlreadyRevoked { .. } => "already_revoked",
            DelegationError::Port(_) => "port",
            DelegationError::Data { .. } => "data",
        }
    }

    /// The field (argument, or part of a stored book) at fault.
    pub fn field(&self) -> &'static str {
        match self {
            DelegationError::NotAuthorized(_) | DelegationError::NotALegalRepresentative => "actor",
            DelegationError::UnknownIntermediary => "intermediary",
            DelegationError::DuplicateIntermediary => "codice_fiscale",
            DelegationError::NoOperators => "operators",
            DelegationError::EmptyScope => "services",
            DelegationError::Backdated { .. } => "valid_from",
            DelegationError::ExpiryNotAfterStart { .. } => "expires_on",
            DelegationError::UnknownDelegation { .. }
            | DelegationError::DuplicateDelegation { .. }
            | DelegationError::AlreadyRevoked { .. } => "id",
            DelegationError::NextIdNotAfterDelegations { .. } | DelegationError::IdsExhausted { .. } => {
                "next_id"
            }
            DelegationError::Port(_) => "port",
            DelegationError::Data { .. } => "json",
        }
    }

    /// A refusal of the actor (not authorized, or not the company's legal representative), bad
    /// input, or a port failure.
    pub fn class(&self) -> ErrorClass<'_> {
        match self {
            DelegationError::NotAuthorized(n) => ErrorClass::Refused(n.clone()),
            DelegationError::NotALegalRepresentative => ErrorClass::Refused(NotAuthorized {
                action: MANAGE_DELEGATIONS,
                rule: DenialRule::LegalRepresentativeOnly,
            }),
            DelegationError::Port(p) => ErrorClass::Port(p),
            other => ErrorClass::Invalid { field: other.field(), rule: other.rule() },
        }
    }
}

/// The name of [`Action::ManageDelegations`](crate::authz::Action::ManageDelegations).
const MANAGE_DELEGATIONS: &str = "manage_delegations";
