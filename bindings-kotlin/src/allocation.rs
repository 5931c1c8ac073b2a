//! Kotlin surface of `sportello::allocation` (to be written).
