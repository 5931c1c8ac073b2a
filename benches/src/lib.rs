//! Shared generators for the benches (inputs built deterministically, no randomness crate).
