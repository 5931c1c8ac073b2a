//! Python surface of `sportello::identifiers`: `CodiceFiscale`, `PartitaIva`, the validators and
//! their batch forms, and the exceptions `InvalidCodiceFiscale` / `InvalidPartitaIva`.
//!
//! Converts types and errors only: every rule lives in core.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use sportello::identifiers as core;

use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    InvalidCodiceFiscale,
    SportelloError,
    "A text that is not a codice fiscale. Attributes: rule, field, text, position, expected, found."
);
pyo3::create_exception!(
    sportello,
    InvalidPartitaIva,
    SportelloError,
    "A text that is not a partita IVA. Attributes: rule, field, text, position, expected, found."
);

/// The attributes of an identifier exception.
struct Facts<'a> {
    field: &'a str,
    text: &'a str,
    rule: &'a str,
    position: Option<usize>,
    expected: Option<String>,
    found: Option<String>,
}

/// Builds `T` with `message` and the facts as attributes.
fn raise<T: pyo3::PyTypeInfo>(py: Python<'_>, message: String, f: Facts<'_>) -> PyErr {
    new_error::<T>(py, message, |e| {
        e.setattr("rule", f.rule)?;
        e.setattr("field", f.field)?;
        e.setattr("text", f.text)?;
        e.setattr("position", f.position)?;
        e.setattr("expected", f.expected)?;
        e.setattr("found", f.found)
    })
}

fn cf_error(py: Python<'_>, text: &str, e: core::CodiceFiscaleError) -> PyErr {
    let facts = Facts {
        field: "codice_fiscale",
        text,
        rule: e.rule(),
        position: e.position(),
        expected: e.expected(),
        found: e.found(),
    };
    raise::<InvalidCodiceFiscale>(py, e.to_string(), facts)
}

fn piva_error(py: Python<'_>, text: &str, e: core::PartitaIvaError) -> PyErr {
    let facts = Facts {
        field: "partita_iva",
        text,
        rule: e.rule(),
        position: e.position(),
        expected: e.expected(),
        found: e.found(),
    };
    raise::<InvalidPartitaIva>(py, e.to_string(), facts)
}

/// Reads a `str` argument; anything else is refused as `T` with rule `type`.
fn text_arg<'a, 'py, T: pyo3::PyTypeInfo>(
    obj: &'a Bound<'py, PyAny>,
    field: &str,
) -> PyResult<&'a Bound<'py, PyString>> {
    obj.cast::<PyString>().map_err(|_| {
        let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        let facts = Facts {
            field,
            text: "",
            rule: "type",
            position: None,
            expected: Some("str".to_string()),
            found: Some(type_name.clone()),
        };
        raise::<T>(obj.py(), format!("{field}: expected str, got {type_name}"), facts)
    })
}

/// A codice fiscale, valid by construction: the 16-character code of a natural person or the
/// 11-digit code of a legal person. Build it with ``CodiceFiscale.parse(text)``.
#[pyclass(module = "sportello", frozen, eq, hash, str, name = "CodiceFiscale")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyCodiceFiscale(core::CodiceFiscale);

impl std::fmt::Display for PyCodiceFiscale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[pymethods]
impl PyCodiceFiscale {
    /// Parses and validates ``text`` (case, spaces, tabs, line breaks, ``.`` and ``-`` forgiven);
    /// raises ``InvalidCodiceFiscale`` naming the failed rule.
    #[staticmethod]
    fn parse(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        // Lone surrogates cannot be UTF-8: read lossily, so they are refused as characters.
        let s = text_arg::<InvalidCodiceFiscale>(text, "codice_fiscale")?.to_string_lossy();
        core::CodiceFiscale::parse(&s).map(Self).map_err(|e| cf_error(text.py(), &s, e))
    }

    /// The code, upper-case, without separators, as written (omocodic letters kept).
    #[getter]
    fn value(&self) -> &str {
        self.0.as_str()
    }

    /// Whether any of positions 7, 8, 10, 11, 13, 14, 15 holds an omocodia letter.
    #[getter]
    fn is_omocode(&self) -> bool {
        self.0.is_omocode()
    }

    /// The code with omocodia undone (check character recomputed).
    #[getter]
    fn canonical(&self) -> Self {
        Self(self.0.canonical())
    }

    /// ``"M"`` or ``"F"``; ``None`` for an 11-digit code.
    #[getter]
    fn sex(&self) -> Option<&'static str> {
        self.0.sex().map(core::Sex::as_str)
    }

    /// Day of birth 1-31; ``None`` for an 11-digit code.
    #[getter]
    fn birth_day(&self) -> Option<u8> {
        self.0.birth_day()
    }

    /// Month of birth 1-12; ``None`` for an 11-digit code.
    #[getter]
    fn birth_month(&self) -> Option<u8> {
        self.0.birth_month()
    }

    /// The two digits of the year of birth (the code has no century).
    #[getter]
    fn birth_year_2d(&self) -> Option<u8> {
        self.0.birth_year_2d()
    }

    /// The birthplace (Belfiore) code, omocodia undone, e.g. ``"F205"``.
    #[getter]
    fn birthplace_code(&self) -> Option<String> {
        self.0.birthplace_code()
    }

    /// Whether this is the 11-digit numeric code (legal persons, provisional codes).
    #[getter]
    fn is_legal_person(&self) -> bool {
        self.0.is_legal_person()
    }

    /// Sogei class of an 11-digit code: ``"vat_number"``, ``"not_vat_registered"``,
    /// ``"provisional_intendenza"``, ``"provisional_imposte_dirette"``; ``None`` for a person.
    #[getter]
    fn numeric_class(&self) -> Option<&'static str> {
        self.0.numeric_class().map(|c| match c {
            core::NumericClass::VatNumber => "vat_number",
            core::NumericClass::NotVatRegistered => "not_vat_registered",
            core::NumericClass::ProvisionalIntendenza => "provisional_intendenza",
            core::NumericClass::ProvisionalImposteDirette => "provisional_imposte_dirette",
        })
    }

    /// The 128 omocodic variants of this person's code, the canonical one first (empty for an
    /// 11-digit code).
    fn omocodic_variants(&self) -> Vec<Self> {
        self.0.omocodic_variants().into_iter().map(Self).collect()
    }

    /// The date of birth, the century chosen by the 100-year window starting at ``first_year``.
    fn birth_date(&self, py: Python<'_>, first_year: i32) -> PyResult<chrono::NaiveDate> {
        self.0.birth_date(first_year).map_err(|e| {
            let rule = match e {
                core::BirthDateError::NoBirthDate => "no_birth_date",
                core::BirthDateError::NotALeapYear { .. } => "calendar_date",
            };
            let facts = Facts {
                field: "codice_fiscale",
                text: self.0.as_str(),
                rule,
                position: None,
                expected: None,
                found: None,
            };
            raise::<InvalidCodiceFiscale>(py, e.to_string(), facts)
        })
    }

    fn __repr__(&self) -> String {
        format!("CodiceFiscale('{}')", self.0.as_str())
    }
}

/// A partita IVA, valid by construction (11 digits). Build it with ``PartitaIva.parse(text)``.
#[pyclass(module = "sportello", frozen, eq, hash, str, name = "PartitaIva")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyPartitaIva(core::PartitaIva);

impl std::fmt::Display for PyPartitaIva {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[pymethods]
impl PyPartitaIva {
    /// Parses and validates ``text`` (separators and an ``IT`` prefix forgiven); raises
    /// ``InvalidPartitaIva`` naming the failed rule.
    #[staticmethod]
    fn parse(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let s = text_arg::<InvalidPartitaIva>(text, "partita_iva")?.to_string_lossy();
        core::PartitaIva::parse(&s).map(Self).map_err(|e| piva_error(text.py(), &s, e))
    }

    /// The 11 digits.
    #[getter]
    fn value(&self) -> &str {
        self.0.as_str()
    }

    /// Digits 1-7.
    #[getter]
    fn matricola(&self) -> u32 {
        self.0.matricola()
    }

    /// Digits 8-10, the provincial office.
    #[getter]
    fn office_code(&self) -> u16 {
        self.0.office_code()
    }

    /// ``IT`` followed by the 11 digits.
    fn to_eu_vat(&self) -> String {
        self.0.to_eu_vat()
    }

    fn __repr__(&self) -> String {
        format!("PartitaIva('{}')", self.0.as_str())
    }
}

/// Whether ``text`` is a valid codice fiscale (False for anything that is not a str).
#[pyfunction]
fn is_valid_codice_fiscale(text: &Bound<'_, PyAny>) -> bool {
    text.cast::<PyString>().ok().and_then(|s| s.to_str().ok()).is_some_and(core::is_valid_codice_fiscale)
}

/// Whether ``text`` is a valid partita IVA (False for anything that is not a str).
#[pyfunction]
fn is_valid_partita_iva(text: &Bound<'_, PyAny>) -> bool {
    text.cast::<PyString>().ok().and_then(|s| s.to_str().ok()).is_some_and(core::is_valid_partita_iva)
}

/// Applies `check` to every item of an iterable of str (non-str items are False).
fn validate_all(texts: &Bound<'_, PyAny>, check: fn(&str) -> bool) -> PyResult<Vec<bool>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("expected an iterable of str, got a single str"));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for item in texts.try_iter()? {
        let item = item?;
        out.push(item.cast::<PyString>().ok().and_then(|s| s.to_str().ok()).is_some_and(check));
    }
    Ok(out)
}

/// Validity of each codice fiscale of an iterable of str, in order.
#[pyfunction]
fn validate_codici_fiscali(texts: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    validate_all(texts, core::is_valid_codice_fiscale)
}

/// Validity of each partita IVA of an iterable of str, in order.
#[pyfunction]
fn validate_partite_iva(texts: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    validate_all(texts, core::is_valid_partita_iva)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("InvalidCodiceFiscale", py.get_type::<InvalidCodiceFiscale>())?;
    m.add("InvalidPartitaIva", py.get_type::<InvalidPartitaIva>())?;
    m.add_class::<PyCodiceFiscale>()?;
    m.add_class::<PyPartitaIva>()?;
    m.add_function(wrap_pyfunction!(is_valid_codice_fiscale, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_partita_iva, m)?)?;
    m.add_function(wrap_pyfunction!(validate_codici_fiscali, m)?)?;
    m.add_function(wrap_pyfunction!(validate_partite_iva, m)?)?;
    Ok(())
}
