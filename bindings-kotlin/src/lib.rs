//! The Kotlin binding of sportello, by UniFFI proc-macros.
//!
//! One file per core module; each converts types and errors and decides nothing (logic here is
//! a bug: it belongs in core). Generated Kotlin lives in package `it.sportello`.
#![forbid(unsafe_code)]
#![allow(missing_docs)]

uniffi::setup_scaffolding!("sportello");

pub mod error;
pub mod money;
pub mod types;
pub mod identifiers;
pub mod calendar;
pub mod chamber;
pub mod identity;
pub mod registry;
pub mod profile;
pub mod catalog;
pub mod dossier;
pub mod fees;
pub mod payments;
pub mod allocation;
pub mod satisfaction;

pub use error::SportelloError;
