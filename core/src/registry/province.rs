//! Italian provinces by their two-letter sigla: the one list lives with [`ProvinceCode`] in
//! [`crate::chamber`]; the registry re-exports it.

pub use crate::chamber::{is_italian_province, ProvinceCode, PROVINCE_SIGLAS};
