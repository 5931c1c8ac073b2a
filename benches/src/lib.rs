//! Shared generators for the benches (inputs built deterministically, no randomness crate), the
//! dossier lifecycle the `dossier` bench runs, and a criterion measurement in thread CPU time.

pub mod cpu;
pub mod dossier;
