//! Actors and the one place that answers "may this actor do X on Y": [`authorize`].
//!
//! An [`Actor`] is a user acting under a profile (for themselves or for a company) or a chamber
//! officer with [`OfficerRole`]s. Every use case of the counter builds the [`Action`] it is about
//! to perform and asks [`authorize`] first; a refusal is a [`NotAuthorized`] naming the
//! [`DenialRule`], which speaks of the actor only and never leaks the target's data.
//!
//! | action | who may |
//! |---|---|
//! | `act_for` | a user whose session acts for the party |
//! | `use_service` | the same, with a delegation covering the service, at the service's level of assurance |
//! | `manage_delegations` | a user acting for the company as its legal representative (business or craftsman profile) |
//! | `view_case` | the applicant's session (delegation covering the service), or any officer of the chamber |
//! | `act_on_case` | the applicant's session (delegation covering the service), at the service's level of assurance |
//! | `handle_case` | an officer of the chamber who is case handler or head of procedure |
//! | `decide_case` | an officer of the chamber who is head of procedure |
//! | `act_as_substitute` | an officer of the chamber holding the substitute power |
//! | `preserve_case` | an officer of the chamber who is protocol officer or head of procedure |
//! | `keep_protocol` | an officer of the chamber who is protocol officer |
//! | `annul_registration` | an officer of the chamber who is head of the protocol service (DPR 445/2000 art. 61 c.3 lett. g) |
//! | `preserve_daily_register` | an officer of the chamber who is protocol officer or head of the protocol service |
//! | `assist_users` | an officer of the chamber at the front office |
//! | `administer_chamber` | an officer of the chamber who is administrator |
//!
//! Adding an action: one variant in [`Action`], its name in [`Action::name`], one arm in
//! [`authorize`] composed from the rule helpers ([`require_acting_for`],
//! [`require_officer_role`], ...).

mod action;
mod actor;
mod error;
mod officer;

pub use action::Action;
pub use actor::{Actor, Party};
pub use error::{DenialRule, NotAuthorized};
pub use officer::{Officer, OfficerRegister, OfficerRole, UnknownOfficerRole};

use crate::chamber::ChamberCode;
use crate::identity::LevelOfAssurance;
use crate::profile::ProfileKind;

/// May `actor` perform `action`? `Ok(())` or the rule that refused.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::authz::{authorize, Action, DenialRule, Party};
/// use sportello::identity::{AssuranceTable, Identity, LevelOfAssurance};
/// use sportello::memory::{InMemoryRegistry, DELEGATION_FIXTURES};
/// use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
///
/// let registry = InMemoryRegistry::with_fixtures()?;
/// let book = DelegationBook::from_json(DELEGATION_FIXTURES)?;
/// let mario = Identity::from_cns("CN=RSSMRA80A01F205X/6120016461039008.abc=", &AssuranceTable::default())?;
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let rossi_meccanica = "01234560017".parse()?;
/// let choice = ProfileChoice { kind: ProfileKind::Business, company: Some(rossi_meccanica) };
/// let actor = Profiler::new(&registry, &book).act_as(&mario, &choice, day)?;
///
/// let submit = |party| Action::UseService {
///     service: "diritto-annuale".into(), party, required_level: LevelOfAssurance::Substantial,
/// };
/// assert!(authorize(&actor, &submit(Party::Company("01234560017".parse()?))).is_ok());
/// let other = authorize(&actor, &submit(Party::Company("03456780174".parse()?))).unwrap_err();
/// assert_eq!(other.rule, DenialRule::NotActingForParty);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn authorize(actor: &Actor, action: &Action) -> Result<(), NotAuthorized> {
    let name = action.name();
    let deny = |rule| Err(NotAuthorized { action: name, rule });
    let result = match action {
        Action::ActFor { party } => require_acting_for(actor, party),
        Action::UseService { service, party, required_level } => require_acting_for(actor, party)
            .and_then(|()| require_scope(actor, service))
            .and_then(|()| require_level(actor, *required_level)),
        Action::ManageDelegations { company } => require_acting_for(actor, &Party::Company(company.clone()))
            .and_then(|()| match actor.profile_kind() {
                Some(ProfileKind::Business | ProfileKind::Craftsman) => Ok(()),
                _ => Err(DenialRule::LegalRepresentativeOnly),
            }),
        Action::ViewCase { chamber, applicant, service } => {
            if actor.is_officer() {
                require_officer_role(actor, chamber, &OfficerRole::ALL)
            } else {
                require_acting_for(actor, applicant).and_then(|()| require_scope(actor, service))
            }
        }
        Action::ActOnCase { chamber: _, applicant, service, required_level } => {
            require_acting_for(actor, applicant)
                .and_then(|()| require_scope(actor, service))
                .and_then(|()| require_level(actor, *required_level))
        }
        Action::ActAsSubstitute { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::Substitute])
        }
        Action::PreserveCase { chamber } => require_officer_role(
            actor,
            chamber,
            &[OfficerRole::ProtocolOfficer, OfficerRole::HeadOfProcedure],
        ),
        Action::HandleCase { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure])
        }
        Action::DecideCase { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::HeadOfProcedure])
        }
        Action::KeepProtocol { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::ProtocolOfficer])
        }
        Action::AssistUsers { chamber } => require_officer_role(actor, chamber, &[OfficerRole::FrontOffice]),
        Action::AdministerChamber { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::Administrator])
        }
        // DPR 445/2000 art. 61 c.3 lett. g: the head of the protocol service authorises annulments
        Action::AnnulRegistration { chamber } => {
            require_officer_role(actor, chamber, &[OfficerRole::ProtocolManager])
        }
        Action::PreserveDailyRegister { chamber } => require_officer_role(
            actor,
            chamber,
            &[OfficerRole::ProtocolOfficer, OfficerRole::ProtocolManager],
        ),
    };
    match result {
        Ok(()) => Ok(()),
        Err(rule) => deny(rule),
    }
}

/// Rule: a user whose session acts for `party`.
pub fn require_acting_for(actor: &Actor, party: &Party) -> Result<(), DenialRule> {
    match actor.acting_for() {
        None => Err(DenialRule::UsersOnly),
        Some(p) if p == *party => Ok(()),
        Some(_) => Err(DenialRule::NotActingForParty),
    }
}

/// Rule: a user whose profile covers `service` (delegations may be limited to listed services).
pub fn require_scope(actor: &Actor, service: &str) -> Result<(), DenialRule> {
    match actor.profile() {
        None => Err(DenialRule::UsersOnly),
        Some(p) if p.covers(service) => Ok(()),
        Some(_) => Err(DenialRule::OutsideDelegationScope),
    }
}

/// Rule: an authentication at `required` level or above.
pub fn require_level(actor: &Actor, required: LevelOfAssurance) -> Result<(), DenialRule> {
    if actor.level() >= required {
        Ok(())
    } else {
        Err(DenialRule::AssuranceTooLow { required, actual: actor.level() })
    }
}

/// Rule: an officer of `chamber` holding one of `any_of`.
pub fn require_officer_role(
    actor: &Actor,
    chamber: &ChamberCode,
    any_of: &[OfficerRole],
) -> Result<(), DenialRule> {
    match actor.chamber() {
        None => Err(DenialRule::OfficersOnly),
        Some(c) if c != chamber => Err(DenialRule::OtherChamber),
        Some(_) if any_of.iter().any(|r| actor.officer_roles().contains(r)) => Ok(()),
        Some(_) => Err(DenialRule::MissingOfficerRole { any_of: any_of.to_vec() }),
    }
}
