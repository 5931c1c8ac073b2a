//! (to be written: see the module map in the crate docs)
