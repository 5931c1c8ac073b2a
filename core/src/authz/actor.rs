//! Who acts: a user under a profile, or an officer of a chamber with roles.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::OfficerRole;
use crate::chamber::ChamberCode;
use crate::identifiers::CodiceFiscale;
use crate::identity::{Identity, LevelOfAssurance};
use crate::profile::{Profile, ProfileKind};

/// Whom an action is for: a person (private profile) or a company.
/// JSON: `{"person":"RSSMRA80A01F205X"}` or `{"company":"01234560017"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// A natural person acting for themselves.
    Person(CodiceFiscale),
    /// A company (or other registered subject).
    Company(CodiceFiscale),
}

impl Party {
    /// The party's codice fiscale.
    pub fn codice_fiscale(&self) -> &CodiceFiscale {
        match self {
            Party::Person(cf) | Party::Company(cf) => cf,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ActorKind {
    User { identity: Identity, profile: Box<Profile> },
    Officer { identity: Identity, chamber: ChamberCode, roles: BTreeSet<OfficerRole> },
}

/// Who performs a use case: an identified user acting under a profile (for themselves or for a
/// company), or a chamber officer with roles. Obtained only from
/// [`Profiler::act_as`](crate::profile::Profiler::act_as) and
/// [`OfficerRegister::act_as_officer`](super::OfficerRegister::act_as_officer), so an actor is
/// always backed by the registry, a delegation or an officer account. An actor is derived for a
/// day ([`Actor::as_of`] for users): hosts derive it again each day of a session.
///
/// JSON: `{"type":"user","identity":{...},"profile":{...}}` or
/// `{"type":"officer","identity":{...},"chamber":"BG","roles":["case_handler"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Actor(ActorKind);

impl Actor {
    pub(crate) fn user(identity: Identity, profile: Profile) -> Actor {
        Actor(ActorKind::User { identity, profile: Box::new(profile) })
    }

    pub(crate) fn officer(identity: Identity, chamber: ChamberCode, roles: BTreeSet<OfficerRole>) -> Actor {
        Actor(ActorKind::Officer { identity, chamber, roles })
    }

    /// The identity behind the actor.
    pub fn identity(&self) -> &Identity {
        match &self.0 {
            ActorKind::User { identity, .. } | ActorKind::Officer { identity, .. } => identity,
        }
    }

    /// The codice fiscale of the person acting.
    pub fn person(&self) -> &CodiceFiscale {
        self.identity().codice_fiscale()
    }

    /// The level of assurance of the authentication.
    pub fn level(&self) -> LevelOfAssurance {
        self.identity().level()
    }

    /// The profile, for a user.
    pub fn profile(&self) -> Option<&Profile> {
        match &self.0 {
            ActorKind::User { profile, .. } => Some(profile),
            ActorKind::Officer { .. } => None,
        }
    }

    /// The profile kind, for a user.
    pub fn profile_kind(&self) -> Option<ProfileKind> {
        self.profile().map(|p| p.kind)
    }

    /// Whom a user acts for.
    pub fn acting_for(&self) -> Option<Party> {
        self.profile().map(Profile::party)
    }

    /// The chamber, for an officer.
    pub fn chamber(&self) -> Option<&ChamberCode> {
        match &self.0 {
            ActorKind::Officer { chamber, .. } => Some(chamber),
            ActorKind::User { .. } => None,
        }
    }

    /// The roles, for an officer (empty for a user).
    pub fn officer_roles(&self) -> BTreeSet<OfficerRole> {
        match &self.0 {
            ActorKind::Officer { roles, .. } => roles.clone(),
            ActorKind::User { .. } => BTreeSet::new(),
        }
    }

    /// Whether the actor is a chamber officer.
    pub fn is_officer(&self) -> bool {
        matches!(self.0, ActorKind::Officer { .. })
    }

    /// The day a user's profile was derived for.
    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        self.profile().map(|p| p.as_of)
    }
}
