//! Kotlin surface of `sportello::identity`: `Identity` (from SPID, CIE, CNS, legacy password).

use std::collections::HashMap;
use std::sync::Arc;

use sportello::identity as core;
pub use sportello::identity::LevelOfAssurance;

use crate::SportelloError;

/// eIDAS level of assurance (mirrors `sportello::identity::LevelOfAssurance`).
#[uniffi::remote(Enum)]
pub enum LevelOfAssurance {
    Low,
    Substantial,
    High,
}

impl From<core::IdentityError> for SportelloError {
    fn from(e: core::IdentityError) -> Self {
        SportelloError::InvalidAssertion {
            attribute: e.attribute().into(),
            rule: e.rule().into(),
            reason: e.to_string(),
        }
    }
}

/// The eIDAS level given to each asserted class of one method (mirrors
/// `sportello::identity::LevelsByClass`).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct LevelsByClass {
    pub l1: LevelOfAssurance,
    pub l2: LevelOfAssurance,
    pub l3: LevelOfAssurance,
}

impl From<LevelsByClass> for core::LevelsByClass {
    fn from(l: LevelsByClass) -> Self {
        core::LevelsByClass { l1: l.l1, l2: l.l2, l3: l.l3 }
    }
}

impl From<core::LevelsByClass> for LevelsByClass {
    fn from(l: core::LevelsByClass) -> Self {
        LevelsByClass { l1: l.l1, l2: l.l2, l3: l.l3 }
    }
}

/// Which eIDAS level each method and asserted class gives (default: SPID and CIE classes 1/2/3 =
/// low, substantial, high; CNS high; passwords always low). A chamber configures its own.
#[derive(uniffi::Object)]
pub struct AssuranceTable(pub core::AssuranceTable);

#[uniffi::export]
impl AssuranceTable {
    /// A table, refused (`InvalidAssertion`, rule `table_order`) if a row gives a higher class a
    /// lower level.
    #[uniffi::constructor]
    pub fn new(
        spid: LevelsByClass,
        cie: LevelsByClass,
        cns: LevelOfAssurance,
    ) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(AssuranceTable(core::AssuranceTable::new(spid.into(), cie.into(), cns)?)))
    }
    /// The default table (see the core documentation for its sources).
    #[uniffi::constructor]
    pub fn default_table() -> Arc<Self> {
        Arc::new(AssuranceTable(core::AssuranceTable::default()))
    }
    pub fn spid(&self) -> LevelsByClass {
        self.0.spid().into()
    }
    pub fn cie(&self) -> LevelsByClass {
        self.0.cie().into()
    }
    pub fn cns(&self) -> LevelOfAssurance {
        self.0.cns()
    }
    /// The level given to `method` (`spid`, `cie`, `cns`, `password`) with asserted class 1-3.
    pub fn level(
        &self,
        method: String,
        class_uri: Option<String>,
    ) -> Result<LevelOfAssurance, SportelloError> {
        let m: core::AuthMethod = method.parse()?;
        let c = class_uri
            .map(|u| {
                core::AuthnLevel::from_uri(&u).ok_or_else(|| core::IdentityError::UnknownLevel {
                    attribute: "class_uri".into(),
                    value: u.clone(),
                })
            })
            .transpose()?;
        Ok(self.0.level(m, c))
    }
}

fn table_of(table: Option<Arc<AssuranceTable>>) -> core::AssuranceTable {
    table.map(|t| t.0).unwrap_or_default()
}

/// A person identified by SPID, CIE, CNS or a legacy password account; the level comes from the
/// assurance table given (null: the default table).
#[derive(uniffi::Object)]
pub struct Identity(pub core::Identity);

#[uniffi::export]
impl Identity {
    /// From SPID SAML attributes or OIDC claims; the class URI under `authnContextClassRef` or `acr`.
    #[uniffi::constructor(default(table = None))]
    pub fn from_spid(
        attrs: HashMap<String, String>,
        table: Option<Arc<AssuranceTable>>,
    ) -> Result<Arc<Self>, SportelloError> {
        let attrs = attrs.into_iter().collect();
        Ok(Arc::new(Identity(core::Identity::from_spid(&attrs, &table_of(table))?)))
    }
    /// From a CIE assertion (same names and class URIs as SPID).
    #[uniffi::constructor(default(table = None))]
    pub fn from_cie(
        attrs: HashMap<String, String>,
        table: Option<Arc<AssuranceTable>>,
    ) -> Result<Arc<Self>, SportelloError> {
        let attrs = attrs.into_iter().collect();
        Ok(Arc::new(Identity(core::Identity::from_cie(&attrs, &table_of(table))?)))
    }
    /// From a CNS certificate subject (full DN or bare CN).
    #[uniffi::constructor(default(table = None))]
    pub fn from_cns(
        subject: String,
        table: Option<Arc<AssuranceTable>>,
    ) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(Identity(core::Identity::from_cns(&subject, &table_of(table))?)))
    }
    /// A stored identity from its JSON shape, checked against `table` (null: the default): a
    /// level its method and class do not give is refused (`InvalidAssertion`, rule
    /// `level_consistency`).
    #[uniffi::constructor(default(table = None))]
    pub fn from_json(json: String, table: Option<Arc<AssuranceTable>>) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(Identity(core::Identity::from_json(&json, &table_of(table))?)))
    }
    /// A legacy password login: always low.
    #[uniffi::constructor]
    pub fn from_password_login(
        codice_fiscale: String,
        given_name: Option<String>,
        family_name: Option<String>,
        email: Option<String>,
    ) -> Result<Arc<Self>, SportelloError> {
        let cf = crate::registry::cf(&codice_fiscale, "codice_fiscale")?;
        Ok(Arc::new(Identity(core::Identity::from_password_login(cf, given_name, family_name, email)?)))
    }
    /// `spid`, `cie`, `cns` or `password`.
    pub fn method(&self) -> String {
        self.0.method().as_str().into()
    }
    pub fn level(&self) -> LevelOfAssurance {
        self.0.level()
    }
    /// The class URI the provider signalled (SPID, CIE), if any.
    pub fn authn_level(&self) -> Option<String> {
        self.0.authn_level().map(|l| l.uri().to_string())
    }
    /// The SPID code (identity provider + account), if asserted.
    pub fn spid_code(&self) -> Option<String> {
        self.0.spid_code().map(Into::into)
    }
    pub fn codice_fiscale(&self) -> String {
        self.0.codice_fiscale().to_string()
    }
    pub fn partita_iva(&self) -> Option<String> {
        self.0.partita_iva().map(ToString::to_string)
    }
    pub fn given_name(&self) -> Option<String> {
        self.0.given_name().map(Into::into)
    }
    pub fn family_name(&self) -> Option<String> {
        self.0.family_name().map(Into::into)
    }
    pub fn email(&self) -> Option<String> {
        self.0.email().map(Into::into)
    }
    pub fn display_name(&self) -> String {
        self.0.display_name()
    }
    /// The JSON shape.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}
