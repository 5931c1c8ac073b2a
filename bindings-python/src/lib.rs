//! `sportello._native`: the compiled half of the Python package `sportello`.
//!
//! One file per core module; each converts types and errors and decides nothing (logic here is
//! a bug: it belongs in core). The public Python modules in `python/sportello/` re-export it.
#![forbid(unsafe_code)]
#![allow(missing_docs)]

use pyo3::prelude::*;

pub mod allocation;
pub mod calendar;
pub mod catalog;
pub mod chamber;
pub mod convert;
pub mod dossier;
pub mod errors;
pub mod fees;
pub mod identifiers;
pub mod identity;
pub mod money;
pub mod payments;
pub mod profile;
pub mod registry;
pub mod satisfaction;

#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    money::register(m)?;
    identifiers::register(m)?;
    calendar::register(m)?;
    chamber::register(m)?;
    identity::register(m)?;
    registry::register(m)?;
    profile::register(m)?;
    catalog::register(m)?;
    dossier::register(m)?;
    fees::register(m)?;
    payments::register(m)?;
    allocation::register(m)?;
    satisfaction::register(m)?;
    Ok(())
}
