//! Why a profile or a delegation was refused.

use chrono::NaiveDate;

use super::{DelegationId, ProfileKind};
use crate::authz::NotAuthorized;
use crate::identifiers::CodiceFiscale;
use crate::ports::PortError;

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
            DelegationError::AlreadyRevoked { .. } => "already_revoked",
            DelegationError::Port(_) => "port",
            DelegationError::Data { .. } => "data",
        }
    }
}
