//! Kotlin surface of `sportello::catalog` (to be written).
