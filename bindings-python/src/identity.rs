//! Python surface of `sportello::identity`: `Identity` (from SPID, CIE, CNS, legacy password),
//! `AssuranceTable`, and the exception `InvalidAssertion` (attributes `attribute`, `field`, `rule`).

use std::collections::BTreeMap;

use pyo3::prelude::*;
use sportello::identity as core;

use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    InvalidAssertion,
    SportelloError,
    "An identity assertion refused on the way in. Attributes: attribute (as received), field (same), rule."
);

pub(crate) fn assertion_error(py: Python<'_>, e: core::IdentityError) -> PyErr {
    new_error::<InvalidAssertion>(py, e.to_string(), |x| {
        x.setattr("attribute", e.attribute())?;
        x.setattr("field", e.attribute())?;
        x.setattr("rule", e.rule())
    })
}

fn level_arg(py: Python<'_>, text: &str, field: &str) -> PyResult<core::LevelOfAssurance> {
    text.parse().map_err(|_: core::IdentityError| {
        new_error::<InvalidAssertion>(py, format!("{field}: {text:?} is not low, substantial or high"), |x| {
            x.setattr("attribute", field)?;
            x.setattr("field", field)?;
            x.setattr("rule", "level")
        })
    })
}

/// Which eIDAS level each method and asserted class gives (default: SPID and CIE 1/2/3 = low,
/// substantial, high; CNS high; passwords always low).
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct AssuranceTable(pub core::AssuranceTable);

#[pymethods]
impl AssuranceTable {
    #[new]
    #[pyo3(signature = (*, spid = ("low".to_string(), "substantial".to_string(), "high".to_string()), cie = ("low".to_string(), "substantial".to_string(), "high".to_string()), cns = "high".to_string()))]
    #[pyo3(
        text_signature = "(*, spid=('low', 'substantial', 'high'), cie=('low', 'substantial', 'high'), cns='high')"
    )]
    fn new(
        py: Python<'_>,
        spid: (String, String, String),
        cie: (String, String, String),
        cns: String,
    ) -> PyResult<Self> {
        let row = |t: &(String, String, String), f: &str| -> PyResult<core::LevelsByClass> {
            Ok(core::LevelsByClass {
                l1: level_arg(py, &t.0, f)?,
                l2: level_arg(py, &t.1, f)?,
                l3: level_arg(py, &t.2, f)?,
            })
        };
        core::AssuranceTable::new(row(&spid, "spid")?, row(&cie, "cie")?, level_arg(py, &cns, "cns")?)
            .map(AssuranceTable)
            .map_err(|e| assertion_error(py, e))
    }

    /// The level given to `method` (`spid`, `cie`, `cns`, `password`) with asserted class 1-3.
    #[pyo3(signature = (method, class_ = None))]
    fn level(&self, py: Python<'_>, method: &str, class_: Option<u8>) -> PyResult<String> {
        let m = method_arg(py, method)?;
        let c = match class_ {
            None => None,
            Some(n) => Some(*core::AuthnLevel::ALL.get(usize::from(n).wrapping_sub(1)).ok_or_else(|| {
                new_error::<InvalidAssertion>(py, format!("class {n} is not 1, 2 or 3"), |x| {
                    x.setattr("attribute", "class_")?;
                    x.setattr("field", "class_")?;
                    x.setattr("rule", "level")
                })
            })?),
        };
        Ok(self.0.level(m, c).as_str().to_string())
    }

    fn __repr__(&self) -> String {
        let r = |l: core::LevelsByClass| {
            format!("({:?}, {:?}, {:?})", l.l1.as_str(), l.l2.as_str(), l.l3.as_str())
        };
        format!(
            "AssuranceTable(spid={}, cie={}, cns={:?})",
            r(self.0.spid()),
            r(self.0.cie()),
            self.0.cns().as_str()
        )
    }
}

fn method_arg(py: Python<'_>, method: &str) -> PyResult<core::AuthMethod> {
    method.parse().map_err(|e| assertion_error(py, e))
}

/// Reads any ``Mapping[str, str]`` (a dict, a ``MappingProxyType``, a host's own mapping).
fn attrs_arg(py: Python<'_>, attrs: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, String>> {
    let refuse = |message: String| {
        new_error::<InvalidAssertion>(py, message, |x| {
            x.setattr("attribute", "attrs")?;
            x.setattr("field", "attrs")?;
            x.setattr("rule", "mapping")
        })
    };
    let mapping = attrs
        .cast::<pyo3::types::PyMapping>()
        .map_err(|_| refuse("attrs: not a mapping of attribute names to strings".to_string()))?;
    let mut out = BTreeMap::new();
    for item in mapping.items()?.iter() {
        let (k, v): (String, String) =
            item.extract().map_err(|_| refuse("attrs: names and values must be strings".to_string()))?;
        out.insert(k, v);
    }
    Ok(out)
}

fn table_of(table: Option<&AssuranceTable>) -> core::AssuranceTable {
    table.map(|t| t.0).unwrap_or_default()
}

/// A person identified by SPID, CIE, CNS or a legacy password account, valid by construction.
#[pyclass(module = "sportello", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Identity(pub core::Identity);

#[pymethods]
impl Identity {
    /// From a SPID assertion: SAML attribute names or OIDC claims, with the class URI under
    /// ``authnContextClassRef`` (or ``acr``).
    #[staticmethod]
    #[pyo3(signature = (attrs, *, table = None))]
    fn from_spid(py: Python<'_>, attrs: &Bound<'_, PyAny>, table: Option<&AssuranceTable>) -> PyResult<Self> {
        core::Identity::from_spid(&attrs_arg(py, attrs)?, &table_of(table))
            .map(Identity)
            .map_err(|e| assertion_error(py, e))
    }

    /// From a CIE (CieID) assertion: the same names and class URIs as SPID.
    #[staticmethod]
    #[pyo3(signature = (attrs, *, table = None))]
    fn from_cie(py: Python<'_>, attrs: &Bound<'_, PyAny>, table: Option<&AssuranceTable>) -> PyResult<Self> {
        core::Identity::from_cie(&attrs_arg(py, attrs)?, &table_of(table))
            .map(Identity)
            .map_err(|e| assertion_error(py, e))
    }

    /// From the subject of a CNS certificate (full DN or the CN alone).
    #[staticmethod]
    #[pyo3(signature = (subject, *, table = None))]
    fn from_cns(py: Python<'_>, subject: &str, table: Option<&AssuranceTable>) -> PyResult<Self> {
        core::Identity::from_cns(subject, &table_of(table)).map(Identity).map_err(|e| assertion_error(py, e))
    }

    /// A legacy password login: always level ``low``.
    #[staticmethod]
    #[pyo3(signature = (codice_fiscale, *, given_name = None, family_name = None, email = None))]
    fn from_password_login(
        py: Python<'_>,
        codice_fiscale: &str,
        given_name: Option<String>,
        family_name: Option<String>,
        email: Option<String>,
    ) -> PyResult<Self> {
        let cf = crate::registry::cf_arg(py, codice_fiscale, "codice_fiscale")?;
        core::Identity::from_password_login(cf, given_name, family_name, email)
            .map(Identity)
            .map_err(|e| assertion_error(py, e))
    }

    /// A stored identity from its JSON shape (as ``to_json`` writes it), checked against
    /// ``table``: a level its method and class do not give raises ``InvalidAssertion``
    /// (rule ``level_consistency``).
    #[staticmethod]
    #[pyo3(signature = (json, *, table = None))]
    fn from_json(py: Python<'_>, json: &str, table: Option<&AssuranceTable>) -> PyResult<Self> {
        core::Identity::from_json(json, &table_of(table)).map(Identity).map_err(|e| assertion_error(py, e))
    }

    /// The JSON shape.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// ``spid``, ``cie``, ``cns`` or ``password``.
    #[getter]
    fn method(&self) -> &'static str {
        self.0.method().as_str()
    }
    /// eIDAS level: ``low``, ``substantial`` or ``high``.
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level().as_str()
    }
    /// The class URI the provider signalled, if any.
    #[getter]
    fn authn_level(&self) -> Option<&'static str> {
        self.0.authn_level().map(core::AuthnLevel::uri)
    }
    #[getter]
    fn codice_fiscale(&self) -> &str {
        self.0.codice_fiscale().as_str()
    }
    #[getter]
    fn partita_iva(&self) -> Option<&str> {
        self.0.partita_iva().map(|p| p.as_str())
    }
    #[getter]
    fn given_name(&self) -> Option<&str> {
        self.0.given_name()
    }
    #[getter]
    fn family_name(&self) -> Option<&str> {
        self.0.family_name()
    }
    #[getter]
    fn email(&self) -> Option<&str> {
        self.0.email()
    }
    #[getter]
    fn spid_code(&self) -> Option<&str> {
        self.0.spid_code()
    }
    #[getter]
    fn display_name(&self) -> String {
        self.0.display_name()
    }

    fn __repr__(&self) -> String {
        format!(
            "Identity(method={:?}, level={:?}, codice_fiscale={:?})",
            self.0.method().as_str(),
            self.0.level().as_str(),
            self.0.codice_fiscale().as_str()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("InvalidAssertion", py.get_type::<InvalidAssertion>())?;
    m.add_class::<AssuranceTable>()?;
    m.add_class::<Identity>()?;
    Ok(())
}
