//! Kotlin surface of `sportello::identity` (to be written).
