//! Kotlin surface of `sportello::registry` (to be written).
