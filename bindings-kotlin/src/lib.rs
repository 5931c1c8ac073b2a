//! The Kotlin binding of sportello, by UniFFI proc-macros.
//!
//! One file per core module; each converts types and errors and decides nothing (logic here is
//! a bug: it belongs in core). Generated Kotlin lives in package `it.sportello`.
#![forbid(unsafe_code)]
#![allow(missing_docs)]

uniffi::setup_scaffolding!("sportello");

pub mod allocation;
pub mod calendar;
pub mod catalog;
pub mod chamber;
pub mod dossier;
pub mod error;
pub mod fees;
pub mod identifiers;
pub mod identity;
pub mod money;
pub mod payments;
pub mod profile;
pub mod registry;
pub mod satisfaction;
pub mod types;

pub use error::SportelloError;
