//! Serde for rates as decimal strings (`"0.20"`), the same shape as [`crate::money::Euro`]: no
//! JSON reader turns a rate into a float.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

/// Writes the decimal as a string.
pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// Reads a decimal string, refusing numbers and exponents.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(d)?;
    Decimal::from_str_exact(text.trim()).map_err(serde::de::Error::custom)
}
