//! Persons and the roles (cariche) they hold in companies.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::identifiers::CodiceFiscale;

/// A natural person as the registry records them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    /// Codice fiscale.
    pub codice_fiscale: CodiceFiscale,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
}

/// The kind of a role, for rules and display. The registry's own code and description are kept
/// as received in [`Role`]: the InfoCamere table of role codes was not retrieved
/// (`identifiers-payments.md` §5.4), so codes are never interpreted by this library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// Titolare of an individual enterprise.
    Owner,
    /// Amministratore unico.
    SoleDirector,
    /// Presidente del consiglio di amministrazione.
    BoardChair,
    /// Amministratore delegato.
    ManagingDirector,
    /// Consigliere.
    Director,
    /// Socio amministratore.
    ManagingPartner,
    /// Socio accomandatario.
    GeneralPartner,
    /// Socio accomandante.
    LimitedPartner,
    /// Socio.
    Partner,
    /// Liquidatore.
    Liquidator,
    /// Procuratore.
    Attorney,
    /// Sindaco, revisore.
    Auditor,
    /// Presidente of an association or foundation.
    President,
    /// Any other role.
    Other,
}

/// A role (carica) a person holds in a company, as the registry shows it.
///
/// `legal_representative` is the registry's own statement ("rappresentante dell'impresa"): only
/// such roles prove the right to act for the company (profiling, granting delegations).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    /// Who holds it.
    pub person: CodiceFiscale,
    /// In which company.
    pub company: CodiceFiscale,
    /// The registry's code, as received (`"AU"`).
    pub code: String,
    /// The registry's description, as received (`"AMMINISTRATORE UNICO"`).
    pub description: String,
    /// The kind, for rules and display.
    pub kind: RoleKind,
    /// Whether the role carries the legal representation of the company.
    pub legal_representative: bool,
    /// First day in office.
    pub since: NaiveDate,
    /// First day no longer in office, if ended.
    pub until: Option<NaiveDate>,
}

impl Role {
    /// Whether the role is held on `day` (from `since`, up to the day before `until`).
    pub fn is_held_on(&self, day: NaiveDate) -> bool {
        self.since <= day && self.until.is_none_or(|u| day < u)
    }

    /// Whether the role represents the company on `day`.
    pub fn represents_on(&self, day: NaiveDate) -> bool {
        self.legal_representative && self.is_held_on(day)
    }
}
