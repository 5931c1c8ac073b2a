//! Kotlin surface of `sportello::calendar` (to be written).
