//! Identities asserted by SPID, CIE and CNS, with their level of assurance.
//!
//! An [`Identity`] is built from what an identity provider asserted and is valid by construction:
//! the codice fiscale and partita IVA are checked, the level signalled by the provider is known, and
//! the eIDAS [`LevelOfAssurance`] comes from a documented, configurable [`AssuranceTable`].
//!
//! | method | what it asserts | parsed by |
//! |---|---|---|
//! | SPID (SAML or OpenID Connect) | `fiscalNumber` = `TINIT-<CF>`, `ivaCode` = `VATIT-<P.IVA>`, `name`, `familyName`, `email`, `spidCode`, level `https://www.spid.gov.it/SpidL1..3` | [`Identity::from_spid`] |
//! | CIE (CieID) | the same attribute names and level URIs (levels 1-3) | [`Identity::from_cie`] |
//! | CNS (smart card) | certificate subject, CN = `<CF>/<card id>.<hash>` | [`Identity::from_cns`] |
//! | password (legacy) | an account of the counter, lowest level only | [`Identity::from_password_login`] |
//!
//! ```
//! use std::collections::BTreeMap;
//! use sportello::identity::{AssuranceTable, AuthMethod, Identity, LevelOfAssurance};
//!
//! let attrs: BTreeMap<String, String> = [
//!     ("fiscalNumber", "TINIT-GDASDV00A01H501J"),
//!     ("name", "Giada"),
//!     ("familyName", "Sdavi"),
//!     ("authnContextClassRef", "https://www.spid.gov.it/SpidL2"),
//! ]
//! .into_iter()
//! .map(|(k, v)| (k.to_string(), v.to_string()))
//! .collect();
//! let id = Identity::from_spid(&attrs, &AssuranceTable::default())?;
//! assert_eq!(id.codice_fiscale().as_str(), "GDASDV00A01H501J");
//! assert_eq!(id.method(), AuthMethod::Spid);
//! assert_eq!(id.level(), LevelOfAssurance::Substantial);
//! # Ok::<(), sportello::identity::IdentityError>(())
//! ```

mod assertion;
mod assurance;
mod error;

pub use assertion::{Identity, SAML_ATTRIBUTES};
pub use assurance::{AssuranceTable, AuthMethod, AuthnLevel, LevelsByClass};
pub use error::IdentityError;

use serde::{Deserialize, Serialize};

/// The eIDAS level of assurance of an authentication (Reg. UE 910/2014 art. 8), ordered:
/// `Low < Substantial < High`. SPID L1/L2/L3 and CIE levels 1-3 map onto it through an
/// [`AssuranceTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelOfAssurance {
    /// eIDAS low (SPID L1, CIE level 1, legacy password logins).
    Low,
    /// eIDAS substantial (SPID L2, CIE level 2).
    Substantial,
    /// eIDAS high (SPID L3, CIE level 3, CNS).
    High,
}

impl LevelOfAssurance {
    /// The snake_case name used in data files and bindings (`low`, `substantial`, `high`).
    pub fn as_str(self) -> &'static str {
        match self {
            LevelOfAssurance::Low => "low",
            LevelOfAssurance::Substantial => "substantial",
            LevelOfAssurance::High => "high",
        }
    }
}

impl std::str::FromStr for LevelOfAssurance {
    type Err = IdentityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "low" => Ok(LevelOfAssurance::Low),
            "substantial" => Ok(LevelOfAssurance::Substantial),
            "high" => Ok(LevelOfAssurance::High),
            other => Err(IdentityError::UnknownLevel { attribute: "level".into(), value: other.into() }),
        }
    }
}

impl std::fmt::Display for LevelOfAssurance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
