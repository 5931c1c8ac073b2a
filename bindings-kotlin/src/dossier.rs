//! Kotlin surface of `sportello::dossier` (to be written).
