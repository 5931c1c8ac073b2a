//! Kotlin surface of `sportello::identifiers` (to be written).
