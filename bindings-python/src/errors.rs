//! The root of the Python exception tree and the helpers every area uses to raise.
//!
//! Every exception of the package derives from `SportelloError`, itself a `ValueError`, so a
//! caller can catch everything, a family, or one kind. Each exception carries the failed rule and
//! the fields a caller needs as attributes (`err.rule`, `err.field`, ...).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::PyTypeInfo;

pyo3::create_exception!(
    sportello,
    SportelloError,
    PyValueError,
    "Root of every error raised by sportello (also a ValueError)."
);
pyo3::create_exception!(
    sportello,
    InvalidAmount,
    SportelloError,
    "An amount that is not a decimal.Decimal, an int or a decimal string, or breaks a money rule."
);
pyo3::create_exception!(
    sportello,
    InvalidDate,
    SportelloError,
    "A date that is not a datetime.date (a datetime is refused), or outside the supported range."
);

/// Builds an exception of type `T` with `message`, then lets `fill` set its attributes.
///
/// ```ignore
/// new_error::<InvalidCodiceFiscale>(py, e.to_string(), |x| x.setattr("rule", "length"))
/// ```
pub fn new_error<T: PyTypeInfo>(
    py: Python<'_>,
    message: impl Into<String>,
    fill: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<()>,
) -> PyErr {
    let err = PyErr::new::<T, _>(message.into());
    let value = err.value(py).clone().into_any();
    match fill(&value) {
        Ok(()) => err,
        Err(e) => e,
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SportelloError", py.get_type::<SportelloError>())?;
    m.add("InvalidAmount", py.get_type::<InvalidAmount>())?;
    m.add("InvalidDate", py.get_type::<InvalidDate>())?;
    Ok(())
}
