//! Python surface of `sportello::chamber`: `Chamber`, the lookups, and the `ChamberError`
//! family of exceptions. Converts types and errors; every rule lives in core.

use std::sync::OnceLock;

use chrono::NaiveDate;
use pyo3::prelude::*;
use sportello::calendar::PatronSaints;
use sportello::chamber::{self as core, ChamberCode, ChamberError as CoreError, ProvinceCode};

use crate::calendar::{calendar_err, Calendar};
use crate::convert::date_arg;
use crate::errors::{new_error, SportelloError};

pyo3::create_exception!(
    sportello,
    ChamberError,
    SportelloError,
    "A chamber question that cannot be answered. Attributes: rule, field."
);
pyo3::create_exception!(
    sportello,
    UnknownProvince,
    SportelloError,
    "A province sigla that is malformed or that no chamber (or patron-saint entry) knows. \
     Attributes: rule ('province_format' or 'unknown_province'), field, province."
);
pyo3::create_exception!(
    sportello,
    UnknownChamber,
    ChamberError,
    "A chamber code that is malformed or unknown. Attributes: rule, field, code."
);
pyo3::create_exception!(
    sportello,
    NoChamber,
    ChamberError,
    "No chamber served the province on that date (before the data starts). Attributes: rule, \
     field, province, on, covers_from."
);

/// A string as Python's `repr` shows it (single quotes unless the text has one).
pub(crate) fn py_str(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{s}\"")
    } else {
        format!("'{s}'")
    }
}

/// The embedded chamber table, read and validated once.
fn table(py: Python<'_>) -> PyResult<&'static core::Chambers> {
    static TABLE: OnceLock<Result<core::Chambers, CoreError>> = OnceLock::new();
    TABLE.get_or_init(core::Chambers::embedded).as_ref().map_err(|e| chamber_err(py, e.clone()))
}

/// Raises the core chamber error as the matching exception, with its attributes.
fn chamber_err(py: Python<'_>, e: CoreError) -> PyErr {
    let (rule, field, msg) = (e.rule(), e.field(), e.to_string());
    match e {
        CoreError::UnknownProvince { province } => new_error::<UnknownProvince>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)?;
            x.setattr("province", province)
        }),
        CoreError::UnknownChamber { code } => new_error::<UnknownChamber>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)?;
            x.setattr("code", code)
        }),
        CoreError::NoChamber { province, on, covers_from } => new_error::<NoChamber>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)?;
            x.setattr("province", province)?;
            x.setattr("on", on)?;
            x.setattr("covers_from", covers_from)
        }),
        CoreError::InvalidData { .. } => new_error::<ChamberError>(py, msg, |x| {
            x.setattr("rule", rule)?;
            x.setattr("field", field)
        }),
    }
}

/// Reads a province sigla given as argument `field`, raising `UnknownProvince` (core's rule,
/// `province_format`) if malformed. Shared by every area that takes a province.
pub(crate) fn province_code_arg(py: Python<'_>, text: &str, field: &str) -> PyResult<ProvinceCode> {
    text.parse().map_err(|e: core::ProvinceCodeError| {
        new_error::<UnknownProvince>(py, format!("{field}: {e}"), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", field)?;
            x.setattr("province", text)
        })
    })
}

/// Reads a province sigla given as argument `province`.
pub(crate) fn province_arg(py: Python<'_>, text: &str) -> PyResult<ProvinceCode> {
    province_code_arg(py, text, "province")
}

/// Reads a chamber code given as argument `field`, raising `UnknownChamber` (core's rule,
/// `code_format`) if malformed. Shared by every area that takes a chamber code.
pub(crate) fn chamber_code_arg(py: Python<'_>, text: &str, field: &str) -> PyResult<ChamberCode> {
    text.parse().map_err(|e: core::ChamberCodeError| {
        new_error::<UnknownChamber>(py, format!("{field}: {e}"), |x| {
            x.setattr("rule", e.rule())?;
            x.setattr("field", field)?;
            x.setattr("code", text)
        })
    })
}

fn code_arg(py: Python<'_>, text: &str) -> PyResult<ChamberCode> {
    chamber_code_arg(py, text, "code")
}

/// A chamber of commerce over its life: code, name, provinces, seat, period, merger links.
#[pyclass(module = "sportello", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Chamber {
    inner: core::Chamber,
}

impl From<&core::Chamber> for Chamber {
    fn from(c: &core::Chamber) -> Self {
        Chamber { inner: c.clone() }
    }
}

#[pymethods]
impl Chamber {
    /// The short code (``"MI"``, ``"MIMBLO"``).
    #[getter]
    fn code(&self) -> String {
        self.inner.code.to_string()
    }

    /// The name for display.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The region (``"Lombardia"``).
    #[getter]
    fn region(&self) -> String {
        self.inner.region.clone()
    }

    /// The provinces served, as sigle.
    #[getter]
    fn provinces(&self) -> Vec<String> {
        self.inner.provinces.iter().map(ToString::to_string).collect()
    }

    /// The city of the main seat.
    #[getter]
    fn seat(&self) -> String {
        self.inner.seat.city.clone()
    }

    /// The province of the main seat.
    #[getter]
    fn seat_province(&self) -> String {
        self.inner.seat.province.to_string()
    }

    /// The cities of the secondary seats.
    #[getter]
    fn secondary_seats(&self) -> Vec<String> {
        self.inner.secondary_seats.iter().map(|s| s.city.clone()).collect()
    }

    /// First day of activity, or None if before the data starts.
    #[getter]
    fn valid_from(&self) -> Option<NaiveDate> {
        self.inner.valid_from
    }

    /// Last day of activity, or None if still active.
    #[getter]
    fn valid_to(&self) -> Option<NaiveDate> {
        self.inner.valid_to
    }

    /// Codes of the chambers merged into this one.
    #[getter]
    fn predecessors(&self) -> Vec<String> {
        self.inner.predecessors.iter().map(ToString::to_string).collect()
    }

    /// Code of the chamber this one merged into, or None.
    #[getter]
    fn successor(&self) -> Option<String> {
        self.inner.successor.as_ref().map(ToString::to_string)
    }

    /// IPA code, if the data has it.
    #[getter]
    fn ipa_code(&self) -> Option<String> {
        self.inner.ipa_code.clone()
    }

    /// Protocol office (AOO) code, if the data has it.
    #[getter]
    fn aoo_code(&self) -> Option<String> {
        self.inner.aoo_code.clone()
    }

    /// Institutional PEC address, if the data has it.
    #[getter]
    fn pec(&self) -> Option<String> {
        self.inner.pec.clone()
    }

    /// Whether the chamber was active on `on`.
    fn is_active_on(&self, on: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_active_on(date_arg(on, "on")?))
    }

    /// The office calendar of the main seat (its patron saint, the chamber's Saturday settings).
    fn calendar(&self, py: Python<'_>) -> PyResult<Calendar> {
        let patrons = PatronSaints::embedded().map_err(|e| calendar_err(py, e))?;
        let inner = self.inner.office_calendar(&patrons).map_err(|e| calendar_err(py, e))?;
        Ok(Calendar { inner })
    }

    /// The chamber as JSON (the core's stable shape).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("chamber to JSON: {e}")))
    }

    fn __repr__(&self) -> String {
        format!("Chamber(code={}, name={})", py_str(self.inner.code.as_str()), py_str(&self.inner.name))
    }
}

/// A validated table of chambers over time (the embedded one, or one a host passes as JSON).
#[pyclass(module = "sportello", frozen)]
pub struct Chambers {
    inner: core::Chambers,
}

#[pymethods]
impl Chambers {
    /// The table shipped with the library (the Lombardy chambers from 2013).
    #[staticmethod]
    fn embedded(py: Python<'_>) -> PyResult<Self> {
        Ok(Chambers { inner: table(py)?.clone() })
    }

    /// Reads and validates a table shaped like the embedded file.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Chambers::from_json_text(text).map_err(|e| chamber_err(py, e))
    }

    /// The first day the data covers.
    #[getter]
    fn covers_from(&self) -> NaiveDate {
        self.inner.covers_from()
    }

    /// Every province served by some chamber, sorted.
    fn provinces(&self) -> Vec<String> {
        self.inner.provinces().iter().map(ToString::to_string).collect()
    }

    /// The chamber serving `province` on `on`.
    fn for_province(&self, py: Python<'_>, province: &str, on: &Bound<'_, PyAny>) -> PyResult<Chamber> {
        let p = province_arg(py, province)?;
        self.inner.for_province(&p, date_arg(on, "on")?).map(Chamber::from).map_err(|e| chamber_err(py, e))
    }

    /// The chamber with `code` (active or not).
    fn by_code(&self, py: Python<'_>, code: &str) -> PyResult<Chamber> {
        let c = code_arg(py, code)?;
        self.inner.by_code(&c).map(Chamber::from).map_err(|e| chamber_err(py, e))
    }

    /// Every chamber active on `on`.
    fn active_on(&self, on: &Bound<'_, PyAny>) -> PyResult<Vec<Chamber>> {
        Ok(self.inner.active_on(date_arg(on, "on")?).into_iter().map(Chamber::from).collect())
    }

    /// The chamber that carries on `code` on `on`: itself while active, else its successor;
    /// None before the chamber existed.
    fn heir_on(&self, py: Python<'_>, code: &str, on: &Bound<'_, PyAny>) -> PyResult<Option<Chamber>> {
        let c = code_arg(py, code)?;
        let heir = self.inner.heir_on(&c, date_arg(on, "on")?).map_err(|e| chamber_err(py, e))?;
        Ok(heir.map(Chamber::from))
    }

    /// Every chamber, over all time, in table order.
    fn all(&self) -> Vec<Chamber> {
        self.inner.iter().map(Chamber::from).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("Chambers(len={}, covers_from={})", self.inner.len(), self.inner.covers_from())
    }
}

impl Chambers {
    fn from_json_text(text: &str) -> Result<Self, CoreError> {
        core::Chambers::from_json(text).map(|inner| Chambers { inner })
    }
}

/// The chamber serving `province` (a sigla) on the date `on`.
#[pyfunction]
fn chamber_for_province(py: Python<'_>, province: &str, on: &Bound<'_, PyAny>) -> PyResult<Chamber> {
    let p = province_arg(py, province)?;
    let on = date_arg(on, "on")?;
    table(py)?.for_province(&p, on).map(Chamber::from).map_err(|e| chamber_err(py, e))
}

/// The chamber with `code` (active or not).
#[pyfunction]
fn chamber_by_code(py: Python<'_>, code: &str) -> PyResult<Chamber> {
    let c = code_arg(py, code)?;
    table(py)?.by_code(&c).map(Chamber::from).map_err(|e| chamber_err(py, e))
}

/// Every chamber active on `on`.
#[pyfunction]
fn chambers_on(py: Python<'_>, on: &Bound<'_, PyAny>) -> PyResult<Vec<Chamber>> {
    let on = date_arg(on, "on")?;
    Ok(table(py)?.active_on(on).into_iter().map(Chamber::from).collect())
}

/// Every chamber in the data, over all time.
#[pyfunction]
fn all_chambers(py: Python<'_>) -> PyResult<Vec<Chamber>> {
    Ok(table(py)?.iter().map(Chamber::from).collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ChamberError", py.get_type::<ChamberError>())?;
    m.add("UnknownProvince", py.get_type::<UnknownProvince>())?;
    m.add("UnknownChamber", py.get_type::<UnknownChamber>())?;
    m.add("NoChamber", py.get_type::<NoChamber>())?;
    m.add_class::<Chamber>()?;
    m.add_class::<Chambers>()?;
    m.add_function(wrap_pyfunction!(chamber_for_province, m)?)?;
    m.add_function(wrap_pyfunction!(chamber_by_code, m)?)?;
    m.add_function(wrap_pyfunction!(chambers_on, m)?)?;
    m.add_function(wrap_pyfunction!(all_chambers, m)?)?;
    Ok(())
}
