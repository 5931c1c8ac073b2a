//! The [`Identity`] and the parsers of SPID, CIE and CNS assertions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AssuranceTable, AuthMethod, AuthnLevel, IdentityError, LevelOfAssurance};
use crate::identifiers::{CodiceFiscale, PartitaIva};

/// The attributes read from a SPID or CIE assertion: `(logical name, SAML name, OpenID Connect
/// claim)`. Names follow `spid-regole-tecniche` `attributi.rst` and `spid-cie-oidc-docs`
/// `attributi_utente.rst`; other attributes are ignored.
pub const SAML_ATTRIBUTES: [(&str, &str, &str); 7] = [
    ("fiscal_number", "fiscalNumber", "https://attributes.eid.gov.it/fiscal_number"),
    ("vat_number", "ivaCode", "https://attributes.eid.gov.it/vat_number"),
    ("given_name", "name", "given_name"),
    ("family_name", "familyName", "family_name"),
    ("email", "email", "email"),
    ("spid_code", "spidCode", "https://attributes.eid.gov.it/spid_code"),
    ("level", "authnContextClassRef", "acr"),
];

const TIN_PREFIX: &str = "TINIT-";
const VAT_PREFIX: &str = "VATIT-";

/// A person identified by SPID, CIE, CNS or a legacy password account, valid by construction.
///
/// Serialized as a flat object: `{"method":"spid","authn_level":"https://www.spid.gov.it/SpidL2",
/// "level":"substantial","codice_fiscale":"...","partita_iva":null,"given_name":"...",...}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "IdentityData", into = "IdentityData")]
pub struct Identity {
    method: AuthMethod,
    authn_level: Option<AuthnLevel>,
    level: LevelOfAssurance,
    codice_fiscale: CodiceFiscale,
    partita_iva: Option<PartitaIva>,
    given_name: Option<String>,
    family_name: Option<String>,
    email: Option<String>,
    spid_code: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct IdentityData {
    method: AuthMethod,
    authn_level: Option<AuthnLevel>,
    level: LevelOfAssurance,
    codice_fiscale: CodiceFiscale,
    partita_iva: Option<PartitaIva>,
    given_name: Option<String>,
    family_name: Option<String>,
    email: Option<String>,
    spid_code: Option<String>,
}

impl TryFrom<IdentityData> for Identity {
    type Error = IdentityError;
    /// Serde reads a stored identity against the default [`AssuranceTable`]; a host with its own
    /// table reads it with [`Identity::from_json`].
    fn try_from(d: IdentityData) -> Result<Self, Self::Error> {
        Identity::from_data(d, &AssuranceTable::default())
    }
}

impl From<Identity> for IdentityData {
    fn from(i: Identity) -> Self {
        IdentityData {
            method: i.method,
            authn_level: i.authn_level,
            level: i.level,
            codice_fiscale: i.codice_fiscale,
            partita_iva: i.partita_iva,
            given_name: i.given_name,
            family_name: i.family_name,
            email: i.email,
            spid_code: i.spid_code,
        }
    }
}

/// Finds a logical attribute under its SAML name or its OIDC claim; returns the name found.
fn find<'a>(attrs: &'a BTreeMap<String, String>, logical: &str) -> Option<(&'a str, &'a str)> {
    let (_, saml, oidc) = SAML_ATTRIBUTES.iter().find(|(l, _, _)| *l == logical)?;
    [*saml, *oidc]
        .into_iter()
        .find_map(|name| attrs.get_key_value(name).map(|(k, v)| (k.as_str(), v.as_str())))
}

fn saml_name(logical: &str) -> String {
    SAML_ATTRIBUTES.iter().find(|(l, _, _)| *l == logical).map(|(_, s, _)| *s).unwrap_or(logical).to_string()
}

fn optional_text(attrs: &BTreeMap<String, String>, logical: &str) -> Result<Option<String>, IdentityError> {
    match find(attrs, logical) {
        None => Ok(None),
        Some((name, value)) => {
            let v = value.trim();
            if v.is_empty() {
                Err(IdentityError::EmptyAttribute { attribute: name.into() })
            } else {
                Ok(Some(v.to_string()))
            }
        }
    }
}

fn strip_prefix<'a>(name: &str, value: &'a str, prefix: &'static str) -> Result<&'a str, IdentityError> {
    let v = value.trim();
    match v.get(..prefix.len()) {
        Some(p) if p.eq_ignore_ascii_case(prefix) => Ok(&v[prefix.len()..]),
        _ => Err(IdentityError::WrongPrefix { attribute: name.into(), expected: prefix }),
    }
}

fn check_email(name: &str, e: &str) -> Result<(), IdentityError> {
    let mut parts = e.split('@');
    let ok = match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        }
        _ => false,
    };
    if ok && !e.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(IdentityError::MalformedEmail { attribute: name.into() })
    }
}

fn check_spid_code(name: &str, c: &str) -> Result<(), IdentityError> {
    let b = c.as_bytes();
    let ok = b.len() == 14
        && b[..4].iter().all(u8::is_ascii_uppercase)
        && b[4..].iter().all(|x| x.is_ascii_uppercase() || x.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(IdentityError::MalformedSpidCode { attribute: name.into() })
    }
}

fn parse_cf(name: &str, text: &str) -> Result<CodiceFiscale, IdentityError> {
    CodiceFiscale::parse(&text.to_ascii_uppercase())
        .map_err(|e| IdentityError::InvalidCodiceFiscale { attribute: name.into(), reason: e.to_string() })
}

impl Identity {
    /// A stored identity from its JSON shape (as serialized), checked against `table`: the class
    /// must fit the method (SPID and CIE carry one, CNS and password none) and the level must be
    /// the one `table` gives, so a stored level cannot be raised by editing the JSON.
    ///
    /// ```
    /// use sportello::identity::{AssuranceTable, Identity};
    /// let forged = r#"{"method":"spid","authn_level":"https://www.spid.gov.it/SpidL1","level":"high",
    ///   "codice_fiscale":"GDASDV00A01H501J","partita_iva":null,"given_name":null,"family_name":null,
    ///   "email":null,"spid_code":null}"#;
    /// let e = Identity::from_json(forged, &AssuranceTable::default()).unwrap_err();
    /// assert_eq!(e.rule(), "level_consistency");
    /// ```
    pub fn from_json(json: &str, table: &AssuranceTable) -> Result<Identity, IdentityError> {
        let data: IdentityData =
            serde_json::from_str(json).map_err(|e| IdentityError::MalformedJson { reason: e.to_string() })?;
        Identity::from_data(data, table)
    }

    fn from_data(d: IdentityData, table: &AssuranceTable) -> Result<Identity, IdentityError> {
        let class_fits = match d.method {
            AuthMethod::Spid | AuthMethod::Cie => d.authn_level.is_some(),
            AuthMethod::Cns | AuthMethod::Password => d.authn_level.is_none(),
        };
        let expected = table.level(d.method, d.authn_level);
        if !class_fits || d.level != expected {
            return Err(IdentityError::InconsistentLevel {
                method: d.method.as_str(),
                class: d.authn_level.map_or("none", AuthnLevel::uri),
                expected: if class_fits { expected.as_str() } else { "none" },
                found: d.level.as_str(),
            });
        }
        if let Some(e) = &d.email {
            check_email("email", e)?;
        }
        if let Some(c) = &d.spid_code {
            check_spid_code("spidCode", c)?;
        }
        Ok(Identity {
            method: d.method,
            authn_level: d.authn_level,
            level: d.level,
            codice_fiscale: d.codice_fiscale,
            partita_iva: d.partita_iva,
            given_name: d.given_name,
            family_name: d.family_name,
            email: d.email,
            spid_code: d.spid_code,
        })
    }

    /// Reads a SPID assertion (SAML attribute names or OpenID Connect claims, see
    /// [`SAML_ATTRIBUTES`]); the class URI is the `authnContextClassRef` (or `acr`) entry.
    ///
    /// Required: `fiscalNumber` (`TINIT-<CF>`) and the class. Optional: `ivaCode` (`VATIT-<P.IVA>`),
    /// `name`, `familyName`, `email`, `spidCode`. Identifiers are upper-cased and checked
    /// (`spid-regole-tecniche`, `attributi.rst`; ETSI EN 319 412-1 for the prefixes).
    pub fn from_spid(
        attrs: &BTreeMap<String, String>,
        table: &AssuranceTable,
    ) -> Result<Identity, IdentityError> {
        Identity::from_attributes(AuthMethod::Spid, attrs, table)
    }

    /// Reads a CIE (CieID) assertion: the same attribute names and class URIs as SPID, for CIE
    /// levels 1-3 (`cie-eid-saml-docs`, `protocolli.rst`).
    pub fn from_cie(
        attrs: &BTreeMap<String, String>,
        table: &AssuranceTable,
    ) -> Result<Identity, IdentityError> {
        Identity::from_attributes(AuthMethod::Cie, attrs, table)
    }

    fn from_attributes(
        method: AuthMethod,
        attrs: &BTreeMap<String, String>,
        table: &AssuranceTable,
    ) -> Result<Identity, IdentityError> {
        let (cf_name, cf_value) = find(attrs, "fiscal_number")
            .ok_or_else(|| IdentityError::MissingAttribute { attribute: saml_name("fiscal_number") })?;
        let codice_fiscale = parse_cf(cf_name, strip_prefix(cf_name, cf_value, TIN_PREFIX)?)?;
        let partita_iva = match find(attrs, "vat_number") {
            None => None,
            Some((name, value)) => {
                let digits = strip_prefix(name, value, VAT_PREFIX)?;
                Some(PartitaIva::parse(digits).map_err(|e| IdentityError::InvalidPartitaIva {
                    attribute: name.into(),
                    reason: e.to_string(),
                })?)
            }
        };
        let (level_name, level_value) = find(attrs, "level")
            .ok_or_else(|| IdentityError::MissingAttribute { attribute: saml_name("level") })?;
        let authn_level = AuthnLevel::from_uri(level_value).ok_or_else(|| IdentityError::UnknownLevel {
            attribute: level_name.into(),
            value: level_value.into(),
        })?;
        let email = optional_text(attrs, "email")?;
        if let (Some(e), Some((name, _))) = (&email, find(attrs, "email")) {
            check_email(name, e)?;
        }
        let spid_code = optional_text(attrs, "spid_code")?.map(|c| c.to_ascii_uppercase());
        if let (Some(c), Some((name, _))) = (&spid_code, find(attrs, "spid_code")) {
            check_spid_code(name, c)?;
        }
        Ok(Identity {
            method,
            authn_level: Some(authn_level),
            level: table.level(method, Some(authn_level)),
            codice_fiscale,
            partita_iva,
            given_name: optional_text(attrs, "given_name")?,
            family_name: optional_text(attrs, "family_name")?,
            email,
            spid_code,
        })
    }

    /// Reads the subject of a CNS (or CIE) authentication certificate.
    ///
    /// `subject` is either the whole distinguished name in RFC 4514 form (`CN=<CF>/<card>.<hash>,
    /// SN=ROSSI, GN=MARIO, C=IT`) or the CN alone. The codice fiscale is the part of the CN before
    /// the `/` (its first 16 characters, as in `cie-cns-apache-docker`); `SN`/`GN` give the names.
    pub fn from_cns(subject: &str, table: &AssuranceTable) -> Result<Identity, IdentityError> {
        let subject = subject.trim();
        // A DN starts with an attribute type and `=` (`CN=`, `O=`...); a bare CN starts with the
        // codice fiscale, whose letters are followed by digits, never by `=`.
        let type_len = subject.bytes().take_while(u8::is_ascii_alphabetic).count();
        let is_dn = type_len > 0 && subject.as_bytes().get(type_len) == Some(&b'=');
        let mut cn = None;
        let mut given_name = None;
        let mut family_name = None;
        if is_dn {
            for rdn in split_rdns(subject) {
                if let Some((key, value)) = rdn.split_once('=') {
                    let value = value.trim().to_string();
                    match key.trim().to_ascii_uppercase().as_str() {
                        "CN" => cn = Some(value),
                        "SN" | "SURNAME" => family_name = Some(value).filter(|v| !v.is_empty()),
                        "GN" | "G" | "GIVENNAME" => given_name = Some(value).filter(|v| !v.is_empty()),
                        _ => {}
                    }
                }
            }
        } else if !subject.is_empty() {
            cn = Some(subject.to_string());
        }
        let cn = cn.ok_or(IdentityError::MalformedSubject { attribute: "subject".into(), rule: "no_cn" })?;
        let (cf_text, card) = cn
            .split_once('/')
            .ok_or(IdentityError::MalformedSubject { attribute: "CN".into(), rule: "separator" })?;
        if card.trim().is_empty() {
            return Err(IdentityError::MalformedSubject { attribute: "CN".into(), rule: "separator" });
        }
        let codice_fiscale = parse_cf("CN", cf_text.trim())?;
        Ok(Identity {
            method: AuthMethod::Cns,
            authn_level: None,
            level: table.level(AuthMethod::Cns, None),
            codice_fiscale,
            partita_iva: None,
            given_name,
            family_name,
            email: None,
            spid_code: None,
        })
    }

    /// A login to a legacy username/password account of the counter: always
    /// [`LevelOfAssurance::Low`], whatever the table says. The account's codice fiscale was
    /// declared at sign-up, not proved, so services asking for more refuse it.
    pub fn from_password_login(
        codice_fiscale: CodiceFiscale,
        given_name: Option<String>,
        family_name: Option<String>,
        email: Option<String>,
    ) -> Result<Identity, IdentityError> {
        if let Some(e) = &email {
            check_email("email", e)?;
        }
        Ok(Identity {
            method: AuthMethod::Password,
            authn_level: None,
            level: LevelOfAssurance::Low,
            codice_fiscale,
            partita_iva: None,
            given_name,
            family_name,
            email,
            spid_code: None,
        })
    }

    /// How the user authenticated.
    pub fn method(&self) -> AuthMethod {
        self.method
    }
    /// The class the provider signalled (SPID, CIE), if any.
    pub fn authn_level(&self) -> Option<AuthnLevel> {
        self.authn_level
    }
    /// The eIDAS level of assurance.
    pub fn level(&self) -> LevelOfAssurance {
        self.level
    }
    /// The person's codice fiscale.
    pub fn codice_fiscale(&self) -> &CodiceFiscale {
        &self.codice_fiscale
    }
    /// The partita IVA asserted with the identity (SPID `ivaCode`), if any.
    pub fn partita_iva(&self) -> Option<&PartitaIva> {
        self.partita_iva.as_ref()
    }
    /// Given name, as asserted.
    pub fn given_name(&self) -> Option<&str> {
        self.given_name.as_deref()
    }
    /// Family name, as asserted.
    pub fn family_name(&self) -> Option<&str> {
        self.family_name.as_deref()
    }
    /// E-mail, as asserted (not a digital domicile: that comes from the PEC directory).
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }
    /// The SPID code (identity provider + account), if asserted.
    pub fn spid_code(&self) -> Option<&str> {
        self.spid_code.as_deref()
    }
    /// "Given Family", or the codice fiscale when no name was asserted.
    pub fn display_name(&self) -> String {
        match (&self.given_name, &self.family_name) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            (Some(n), None) | (None, Some(n)) => n.clone(),
            (None, None) => self.codice_fiscale.as_str().to_string(),
        }
    }
}

/// Splits an RFC 4514 DN on commas that are not escaped.
fn split_rdns(dn: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in dn.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}
