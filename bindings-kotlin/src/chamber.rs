//! Kotlin surface of `sportello::chamber` (to be written).
