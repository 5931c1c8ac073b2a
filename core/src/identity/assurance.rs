//! Authentication methods, the classes an identity provider signals, and the table that maps them
//! to eIDAS levels of assurance.

use serde::{Deserialize, Serialize};

use super::{IdentityError, LevelOfAssurance};

/// How the user authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// SPID, the public digital identity system (DPCM 24/10/2014; CAD art. 64).
    Spid,
    /// CIE, the electronic identity card (CieID; CAD art. 64).
    Cie,
    /// CNS, the national services card (smart card certificate; CAD art. 66).
    Cns,
    /// A username and password account of the counter: a legacy method, always at the lowest level.
    Password,
}

impl AuthMethod {
    /// The snake_case name (`spid`, `cie`, `cns`, `password`).
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::Spid => "spid",
            AuthMethod::Cie => "cie",
            AuthMethod::Cns => "cns",
            AuthMethod::Password => "password",
        }
    }
}

impl std::str::FromStr for AuthMethod {
    type Err = IdentityError;
    /// Reads `spid`, `cie`, `cns` or `password`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [AuthMethod::Spid, AuthMethod::Cie, AuthMethod::Cns, AuthMethod::Password]
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| IdentityError::UnknownMethod { value: s.to_string() })
    }
}

impl std::fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The authentication class an identity provider signals (`AuthnContextClassRef` in SAML, `acr`
/// in OpenID Connect). CIE reuses the three SPID class URIs for its levels 1-3
/// (`cie-eid-saml-docs`, `protocolli.rst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AuthnLevel {
    /// `https://www.spid.gov.it/SpidL1`: one factor.
    #[serde(rename = "https://www.spid.gov.it/SpidL1")]
    L1,
    /// `https://www.spid.gov.it/SpidL2`: two factors.
    #[serde(rename = "https://www.spid.gov.it/SpidL2")]
    L2,
    /// `https://www.spid.gov.it/SpidL3`: a certificate on a secure device.
    #[serde(rename = "https://www.spid.gov.it/SpidL3")]
    L3,
}

impl AuthnLevel {
    /// Every class, lowest first.
    pub const ALL: [AuthnLevel; 3] = [AuthnLevel::L1, AuthnLevel::L2, AuthnLevel::L3];

    /// The class URI.
    pub fn uri(self) -> &'static str {
        match self {
            AuthnLevel::L1 => "https://www.spid.gov.it/SpidL1",
            AuthnLevel::L2 => "https://www.spid.gov.it/SpidL2",
            AuthnLevel::L3 => "https://www.spid.gov.it/SpidL3",
        }
    }

    /// Reads a class URI exactly as the SPID and CIE rules write it.
    pub fn from_uri(uri: &str) -> Option<AuthnLevel> {
        AuthnLevel::ALL.into_iter().find(|l| l.uri() == uri.trim())
    }
}

/// The eIDAS level given to each asserted class of one method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LevelsByClass {
    /// Level for class 1.
    pub l1: LevelOfAssurance,
    /// Level for class 2.
    pub l2: LevelOfAssurance,
    /// Level for class 3.
    pub l3: LevelOfAssurance,
}

impl LevelsByClass {
    /// The eIDAS mapping: 1 low ("basso"), 2 substantial ("significativo"), 3 high ("alto").
    pub const EIDAS: LevelsByClass = LevelsByClass {
        l1: LevelOfAssurance::Low,
        l2: LevelOfAssurance::Substantial,
        l3: LevelOfAssurance::High,
    };

    fn get(self, class: AuthnLevel) -> LevelOfAssurance {
        match class {
            AuthnLevel::L1 => self.l1,
            AuthnLevel::L2 => self.l2,
            AuthnLevel::L3 => self.l3,
        }
    }

    fn ordered(self) -> bool {
        self.l1 <= self.l2 && self.l2 <= self.l3
    }
}

/// Which eIDAS level of assurance each method and asserted class gives: the documented,
/// configurable table.
///
/// | method | class 1 | class 2 | class 3 | source |
/// |---|---|---|---|---|
/// | SPID | low | substantial | high | spid-regole-tecniche; SPID eIDAS notification 2018 (the notified levels were not retrieved: configurable) |
/// | CIE | low | substantial | high | cie-eid-saml-docs `protocolli.rst` ("basso", "significativo", "alto") |
/// | CNS | — | — | high (default) | no eIDAS notification for CNS: certificate + PIN is treated as high, configurable |
/// | password | — | — | always low | legacy accounts; not configurable |
///
/// A table must not give a higher class a lower level (checked by [`AssuranceTable::new`] and on
/// deserialization).
///
/// ```
/// use sportello::identity::{AssuranceTable, AuthMethod, AuthnLevel, LevelOfAssurance, LevelsByClass};
/// // A chamber that treats CNS as substantial only:
/// let table = AssuranceTable::new(LevelsByClass::EIDAS, LevelsByClass::EIDAS, LevelOfAssurance::Substantial)?;
/// assert_eq!(table.level(AuthMethod::Cns, None), LevelOfAssurance::Substantial);
/// assert_eq!(table.level(AuthMethod::Spid, Some(AuthnLevel::L3)), LevelOfAssurance::High);
/// assert_eq!(table.level(AuthMethod::Password, None), LevelOfAssurance::Low);
/// # Ok::<(), sportello::identity::IdentityError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AssuranceTableData", into = "AssuranceTableData")]
pub struct AssuranceTable {
    spid: LevelsByClass,
    cie: LevelsByClass,
    cns: LevelOfAssurance,
}

#[derive(Serialize, Deserialize)]
struct AssuranceTableData {
    spid: LevelsByClass,
    cie: LevelsByClass,
    cns: LevelOfAssurance,
}

impl TryFrom<AssuranceTableData> for AssuranceTable {
    type Error = IdentityError;
    fn try_from(d: AssuranceTableData) -> Result<Self, Self::Error> {
        AssuranceTable::new(d.spid, d.cie, d.cns)
    }
}

impl From<AssuranceTable> for AssuranceTableData {
    fn from(t: AssuranceTable) -> Self {
        AssuranceTableData { spid: t.spid, cie: t.cie, cns: t.cns }
    }
}

impl Default for AssuranceTable {
    /// The eIDAS mapping for SPID and CIE, high for CNS.
    fn default() -> Self {
        AssuranceTable { spid: LevelsByClass::EIDAS, cie: LevelsByClass::EIDAS, cns: LevelOfAssurance::High }
    }
}

impl AssuranceTable {
    /// A table, refused if a row gives a higher class a lower level.
    pub fn new(
        spid: LevelsByClass,
        cie: LevelsByClass,
        cns: LevelOfAssurance,
    ) -> Result<Self, IdentityError> {
        if !spid.ordered() {
            return Err(IdentityError::DecreasingAssuranceTable { method: "spid" });
        }
        if !cie.ordered() {
            return Err(IdentityError::DecreasingAssuranceTable { method: "cie" });
        }
        Ok(AssuranceTable { spid, cie, cns })
    }

    /// The level of an authentication by `method` with the class the provider signalled.
    ///
    /// SPID and CIE without a class are given the lowest level of their row (the provider did not
    /// say more); CNS ignores the class; password logins are always [`LevelOfAssurance::Low`].
    pub fn level(&self, method: AuthMethod, class: Option<AuthnLevel>) -> LevelOfAssurance {
        match method {
            AuthMethod::Spid => self.spid.get(class.unwrap_or(AuthnLevel::L1)),
            AuthMethod::Cie => self.cie.get(class.unwrap_or(AuthnLevel::L1)),
            AuthMethod::Cns => self.cns,
            AuthMethod::Password => LevelOfAssurance::Low,
        }
    }

    /// The SPID row.
    pub fn spid(&self) -> LevelsByClass {
        self.spid
    }

    /// The CIE row.
    pub fn cie(&self) -> LevelsByClass {
        self.cie
    }

    /// The CNS level.
    pub fn cns(&self) -> LevelOfAssurance {
        self.cns
    }
}
