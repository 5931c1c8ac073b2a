//! Denials.

use super::OfficerRole;
use crate::identity::LevelOfAssurance;

/// The rule that refused an action. Rules speak of the actor, never of the target: a refusal does
/// not reveal who owns a dossier or whether a company exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DenialRule {
    /// The action is for users acting for a party; the actor is an officer.
    UsersOnly,
    /// The action is for chamber officers; the actor is a user.
    OfficersOnly,
    /// The user's session acts for someone else (pick another profile).
    NotActingForParty,
    /// The user's delegation does not cover this service.
    OutsideDelegationScope,
    /// The authentication is below the level the action asks for.
    AssuranceTooLow {
        /// Level asked.
        required: LevelOfAssurance,
        /// Level of the session.
        actual: LevelOfAssurance,
    },
    /// Only a legal representative (business or craftsman profile) may do this.
    LegalRepresentativeOnly,
    /// The officer belongs to another chamber.
    OtherChamber,
    /// The officer holds none of the roles the action asks for.
    MissingOfficerRole {
        /// Any one of these would do.
        any_of: Vec<OfficerRole>,
    },
    /// No active officer account for this person at this chamber.
    NoOfficerAccount,
    /// The registry and the delegations do not support the profile chosen for the session
    /// (without saying why: that would tell a stranger about someone else's company).
    ProfileNotOffered,
}

impl DenialRule {
    /// The rule's stable snake_case name (for bindings, logs, and tests).
    pub fn as_str(&self) -> &'static str {
        match self {
            DenialRule::UsersOnly => "users_only",
            DenialRule::OfficersOnly => "officers_only",
            DenialRule::NotActingForParty => "acting_for",
            DenialRule::OutsideDelegationScope => "delegation_scope",
            DenialRule::AssuranceTooLow { .. } => "level_of_assurance",
            DenialRule::LegalRepresentativeOnly => "legal_representative",
            DenialRule::OtherChamber => "chamber",
            DenialRule::MissingOfficerRole { .. } => "officer_role",
            DenialRule::NoOfficerAccount => "officer_account",
            DenialRule::ProfileNotOffered => "not_offered",
        }
    }
}

impl std::fmt::Display for DenialRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DenialRule::UsersOnly => f.write_str("reserved to users acting for a party"),
            DenialRule::OfficersOnly => f.write_str("reserved to chamber officers"),
            DenialRule::NotActingForParty => f.write_str("the session does not act for this party"),
            DenialRule::OutsideDelegationScope => f.write_str("the delegation does not cover this service"),
            DenialRule::AssuranceTooLow { required, actual } => {
                write!(f, "level of assurance {actual} is below the required {required}")
            }
            DenialRule::LegalRepresentativeOnly => f.write_str("reserved to a legal representative"),
            DenialRule::OtherChamber => f.write_str("the officer belongs to another chamber"),
            DenialRule::MissingOfficerRole { any_of } => {
                let names: Vec<&str> = any_of.iter().map(|r| r.as_str()).collect();
                write!(f, "needs one of the officer roles {}", names.join(", "))
            }
            DenialRule::NoOfficerAccount => f.write_str("no active officer account at this chamber"),
            DenialRule::ProfileNotOffered => f.write_str("the profile is not available for this session"),
        }
    }
}

/// A refused action: which action, which rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("not authorized to {action}: {rule}")]
pub struct NotAuthorized {
    /// The action's name ([`Action::name`](super::Action::name)).
    pub action: &'static str,
    /// The rule that refused.
    pub rule: DenialRule,
}
