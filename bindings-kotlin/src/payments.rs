//! Kotlin surface of `sportello::payments` (to be written).
