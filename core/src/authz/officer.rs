//! Chamber officers and their roles.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{authorize, Action, Actor, DenialRule, NotAuthorized};
use crate::chamber::ChamberCode;
use crate::identifiers::CodiceFiscale;
use crate::identity::{Identity, LevelOfAssurance};

/// The roles of a chamber officer in the counter's back office (L. 241/1990 artt. 4-6 for the
/// head of procedure; DPR 445/2000 art. 61 for the protocol service).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficerRole {
    /// Front office: assists users, receives requests.
    FrontOffice,
    /// Case handler (istruttore): instructs dossiers, asks for integrations.
    CaseHandler,
    /// Head of procedure (responsabile del procedimento): adopts the outcome.
    HeadOfProcedure,
    /// Protocol officer: registers protocol entries and sends the daily register to preservation.
    ProtocolOfficer,
    /// Holder of the substitute power (L. 241/1990 art. 2 c.9-bis: the official the governing
    /// body designates, by default the highest-ranking manager), who acts once the term has passed.
    Substitute,
    /// Administrator: manages officer accounts and the chamber's configuration.
    Administrator,
    /// Head of the protocol service (*responsabile del servizio per la tenuta del protocollo
    /// informatico*, DPR 445/2000 art. 61 c.2): authorises and records the annulment of
    /// registrations (art. 61 c.3 lett. g) and answers for the daily register's preservation.
    ProtocolManager,
}

impl OfficerRole {
    /// Every role.
    pub const ALL: [OfficerRole; 7] = [
        OfficerRole::FrontOffice,
        OfficerRole::CaseHandler,
        OfficerRole::HeadOfProcedure,
        OfficerRole::ProtocolOfficer,
        OfficerRole::Substitute,
        OfficerRole::Administrator,
        OfficerRole::ProtocolManager,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            OfficerRole::FrontOffice => "front_office",
            OfficerRole::CaseHandler => "case_handler",
            OfficerRole::HeadOfProcedure => "head_of_procedure",
            OfficerRole::ProtocolOfficer => "protocol_officer",
            OfficerRole::Substitute => "substitute",
            OfficerRole::Administrator => "administrator",
            OfficerRole::ProtocolManager => "protocol_manager",
        }
    }
}

/// A role name that is not one of [`OfficerRole::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not an officer role (one of {})", OfficerRole::ALL.map(OfficerRole::as_str).join(", "))]
pub struct UnknownOfficerRole {
    /// The name given.
    pub name: String,
}

impl UnknownOfficerRole {
    /// The rule that failed: `officer_role`.
    pub fn rule(&self) -> &'static str {
        "officer_role"
    }
}

impl std::str::FromStr for OfficerRole {
    type Err = UnknownOfficerRole;

    /// The role named `name` (snake_case, as [`OfficerRole::as_str`]).
    ///
    /// ```
    /// use sportello::authz::OfficerRole;
    /// assert_eq!("case_handler".parse(), Ok(OfficerRole::CaseHandler));
    /// assert_eq!("clerk".parse::<OfficerRole>().map_err(|e| e.rule()), Err("officer_role"));
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        OfficerRole::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or(UnknownOfficerRole { name: name.into() })
    }
}

/// An officer account of a chamber.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Officer {
    /// The officer's codice fiscale (they log in with SPID, CIE or CNS like anyone).
    pub codice_fiscale: CodiceFiscale,
    /// Name.
    pub name: String,
    /// The chamber.
    pub chamber: ChamberCode,
    /// Roles held (an officer may hold several; none implies another).
    pub roles: BTreeSet<OfficerRole>,
    /// Whether the account is enabled.
    pub active: bool,
}

/// The officer accounts of the chambers, with the minimum level of assurance for back-office
/// logins (default [`OfficerRegister::DEFAULT_MIN_LEVEL`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerRegister {
    officers: BTreeMap<(ChamberCode, CodiceFiscale), Officer>,
    /// The lowest level of assurance accepted for an officer login.
    pub min_level: LevelOfAssurance,
}

impl Default for OfficerRegister {
    fn default() -> Self {
        OfficerRegister { officers: BTreeMap::new(), min_level: OfficerRegister::DEFAULT_MIN_LEVEL }
    }
}

impl OfficerRegister {
    /// The default minimum level of assurance for an officer login: substantial. The levels are
    /// those of Reg. UE 910/2014 art. 8 (Reg. di esecuzione UE 2015/1502); no source found sets a
    /// minimum for chamber back offices, so this is a configurable choice of the library, not a
    /// rule: a chamber passes its own level to [`OfficerRegister::new`].
    pub const DEFAULT_MIN_LEVEL: LevelOfAssurance = LevelOfAssurance::Substantial;

    /// An empty register, requiring `min_level` for officer logins.
    pub fn new(min_level: LevelOfAssurance) -> Self {
        OfficerRegister { officers: BTreeMap::new(), min_level }
    }

    /// Installs an account without authorization: bootstrap only, for setting up a chamber's
    /// first administrator (and for loading a stored register); afterwards use [`Self::appoint`]. Replaces an account with the same chamber and person.
    pub fn seed(&mut self, officer: Officer) {
        self.officers.insert((officer.chamber.clone(), officer.codice_fiscale.clone()), officer);
    }

    /// Creates or replaces an account; `by` must administer the officer's chamber.
    pub fn appoint(&mut self, by: &Actor, officer: Officer) -> Result<(), NotAuthorized> {
        authorize(by, &Action::AdministerChamber { chamber: officer.chamber.clone() })?;
        self.seed(officer);
        Ok(())
    }

    /// Disables an account; `by` must administer the chamber. Unknown accounts are refused
    /// with the same rule as an unauthorized attempt would not reveal anything more.
    pub fn deactivate(
        &mut self,
        by: &Actor,
        chamber: &ChamberCode,
        person: &CodiceFiscale,
    ) -> Result<(), NotAuthorized> {
        authorize(by, &Action::AdministerChamber { chamber: chamber.clone() })?;
        match self.officers.get_mut(&(chamber.clone(), person.clone())) {
            Some(o) => {
                o.active = false;
                Ok(())
            }
            None => Err(NotAuthorized { action: "deactivate_officer", rule: DenialRule::NoOfficerAccount }),
        }
    }

    /// The account of `person` at `chamber`.
    pub fn officer(&self, chamber: &ChamberCode, person: &CodiceFiscale) -> Option<&Officer> {
        self.officers.get(&(chamber.clone(), person.clone()))
    }

    /// Every account.
    pub fn officers(&self) -> impl Iterator<Item = &Officer> {
        self.officers.values()
    }

    /// Opens a back-office session: `identity` acts as an officer of `chamber`. Refused without an
    /// active account there, or below [`Self::min_level`].
    pub fn act_as_officer(&self, identity: &Identity, chamber: &ChamberCode) -> Result<Actor, NotAuthorized> {
        let refuse = |rule| NotAuthorized { action: "act_as_officer", rule };
        let officer = self
            .officers
            .get(&(chamber.clone(), identity.codice_fiscale().clone()))
            .filter(|o| o.active)
            .ok_or(refuse(DenialRule::NoOfficerAccount))?;
        if identity.level() < self.min_level {
            return Err(refuse(DenialRule::AssuranceTooLow {
                required: self.min_level,
                actual: identity.level(),
            }));
        }
        Ok(Actor::officer(identity.clone(), chamber.clone(), officer.roles.clone()))
    }
}
