//! Kotlin surface of `sportello::satisfaction` (to be written).
