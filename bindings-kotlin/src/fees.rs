//! Kotlin surface of `sportello::fees` (to be written).
