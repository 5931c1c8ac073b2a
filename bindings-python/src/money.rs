//! Money helpers: the named rounding steps of `sportello::money` over `decimal.Decimal`.

use pyo3::prelude::*;
use rust_decimal::Decimal;
use sportello::money::RoundingMode;

use crate::convert::{euro_arg, money_error};

fn mode_arg(py: Python<'_>, mode: &str) -> PyResult<RoundingMode> {
    mode.parse().map_err(|e| money_error(py, e, "mode"))
}

/// Rounds to 5 decimals (the annual-fee intermediate step) with `mode`
/// (`half_even`, `half_up`, `half_down`, `down`, `up`).
#[pyfunction]
#[pyo3(signature = (amount, mode = "half_even"))]
fn round_step(amount: &Bound<'_, PyAny>, mode: &str) -> PyResult<Decimal> {
    let m = mode_arg(amount.py(), mode)?;
    Ok(euro_arg(amount, "amount")?.round_step(m).amount())
}

/// Rounds to cents, half away from zero.
#[pyfunction]
fn round_cents(amount: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    Ok(euro_arg(amount, "amount")?.round_cents().amount())
}

/// Rounds to whole euros, half away from zero.
#[pyfunction]
fn round_euro(amount: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    Ok(euro_arg(amount, "amount")?.round_euro().amount())
}

/// Italian presentation of an amount: `€ 1.234,56`.
#[pyfunction]
fn format_euro(amount: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(euro_arg(amount, "amount")?.format_it())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(round_step, m)?)?;
    m.add_function(wrap_pyfunction!(round_cents, m)?)?;
    m.add_function(wrap_pyfunction!(round_euro, m)?)?;
    m.add_function(wrap_pyfunction!(format_euro, m)?)?;
    Ok(())
}
