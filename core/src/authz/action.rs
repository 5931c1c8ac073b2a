//! The vocabulary of actions: what an actor may ask to do, with the facts of the target the rule
//! needs. Later areas add their actions here: one variant, its name, and its rule in
//! [`authorize`](super::authorize).

use serde::{Deserialize, Serialize};

use super::Party;
use crate::chamber::ChamberCode;
use crate::identifiers::CodiceFiscale;
use crate::identity::LevelOfAssurance;

/// An action and its target.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Act on behalf of `party` at all: the base rule of every user action.
    ActFor {
        /// Whom for.
        party: Party,
    },
    /// Use a service of the catalogue (start, fill in, submit, pay) for `party`; the service asks
    /// for `required_level` of assurance.
    UseService {
        /// Service identifier in the catalogue.
        service: String,
        /// Whom for.
        party: Party,
        /// Lowest level of assurance the service accepts.
        required_level: LevelOfAssurance,
    },
    /// Grant or revoke the delegations of `company`.
    ManageDelegations {
        /// The company delegating.
        company: CodiceFiscale,
    },
    /// See a dossier (its documents, messages, payments, outcome) of `applicant` for `service`,
    /// held by `chamber`.
    ViewCase {
        /// The chamber handling it.
        chamber: ChamberCode,
        /// Whose dossier.
        applicant: Party,
        /// The service.
        service: String,
    },
    /// Act as the applicant on a dossier of `applicant` for `service` held by `chamber`: reply to an
    /// integration request, submit observations, withdraw, write to the office, ask the
    /// substitute to act; at the service's `required_level` of assurance.
    ActOnCase {
        /// The chamber handling it.
        chamber: ChamberCode,
        /// Whose dossier.
        applicant: Party,
        /// The service.
        service: String,
        /// Lowest level of assurance the service accepts.
        required_level: LevelOfAssurance,
    },
    /// Take charge of and instruct a dossier of `chamber` (request integrations, suspend terms).
    HandleCase {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Adopt the outcome of a dossier of `chamber`.
    DecideCase {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Exercise the substitute power on an overdue dossier of `chamber` (L. 241/1990 art. 2 c.9-bis).
    ActAsSubstitute {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Send a closed dossier of `chamber` to preservation (DPCM 3/12/2013; AgID guidelines 2021
    /// §4: the head of document management, here the protocol officer, or the head of procedure).
    PreserveCase {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Register protocol entries of `chamber`.
    KeepProtocol {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Assist users at the front office of `chamber`.
    AssistUsers {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Manage officer accounts and the configuration of `chamber`.
    AdministerChamber {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Annul a protocol registration of `chamber` (DPR 445/2000 art. 54), which the head of the
    /// protocol service authorises (art. 61 c.3 lett. g).
    AnnulRegistration {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// Send a daily protocol register of `chamber` to preservation (DPR 445/2000 art. 53 c.2;
    /// AgID Linee guida: by the next working day).
    PreserveDailyRegister {
        /// The chamber.
        chamber: ChamberCode,
    },
}

impl Action {
    /// The action's snake_case name (as in the JSON `action` tag).
    pub fn name(&self) -> &'static str {
        match self {
            Action::ActFor { .. } => "act_for",
            Action::UseService { .. } => "use_service",
            Action::ManageDelegations { .. } => "manage_delegations",
            Action::ViewCase { .. } => "view_case",
            Action::ActOnCase { .. } => "act_on_case",
            Action::HandleCase { .. } => "handle_case",
            Action::DecideCase { .. } => "decide_case",
            Action::ActAsSubstitute { .. } => "act_as_substitute",
            Action::PreserveCase { .. } => "preserve_case",
            Action::KeepProtocol { .. } => "keep_protocol",
            Action::AssistUsers { .. } => "assist_users",
            Action::AdministerChamber { .. } => "administer_chamber",
            Action::AnnulRegistration { .. } => "annul_registration",
            Action::PreserveDailyRegister { .. } => "preserve_daily_register",
        }
    }
}
