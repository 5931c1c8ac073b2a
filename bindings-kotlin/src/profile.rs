//! Kotlin surface of `sportello::profile` (to be written).
