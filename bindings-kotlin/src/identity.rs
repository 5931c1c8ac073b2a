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

/// A person identified by SPID, CIE, CNS or a legacy password account (default assurance table).
#[derive(uniffi::Object)]
pub struct Identity(pub core::Identity);

#[uniffi::export]
impl Identity {
    /// From SPID SAML attributes or OIDC claims; the class URI under `authnContextClassRef` or `acr`.
    #[uniffi::constructor]
    pub fn from_spid(attrs: HashMap<String, String>) -> Result<Arc<Self>, SportelloError> {
        let attrs = attrs.into_iter().collect();
        Ok(Arc::new(Identity(core::Identity::from_spid(&attrs, &core::AssuranceTable::default())?)))
    }
    /// From a CIE assertion (same names and class URIs as SPID).
    #[uniffi::constructor]
    pub fn from_cie(attrs: HashMap<String, String>) -> Result<Arc<Self>, SportelloError> {
        let attrs = attrs.into_iter().collect();
        Ok(Arc::new(Identity(core::Identity::from_cie(&attrs, &core::AssuranceTable::default())?)))
    }
    /// From a CNS certificate subject (full DN or bare CN).
    #[uniffi::constructor]
    pub fn from_cns(subject: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(Identity(core::Identity::from_cns(&subject, &core::AssuranceTable::default())?)))
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
