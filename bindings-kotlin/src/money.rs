//! Money: the named rounding steps of `sportello::money` over `BigDecimal`.

use rust_decimal::Decimal;
use sportello::money::{Euro, RoundingMode};

/// How a half is rounded at a rounding step (mirrors `sportello::money::RoundingMode`).
#[uniffi::remote(Enum)]
pub enum RoundingMode {
    HalfEven,
    HalfUp,
    HalfDown,
    Down,
    Up,
}

// Every amount goes through `Euro::try_new`: the same domain rule (±10^15 EUR, at most 10
// decimals) as text, JSON and Python.

/// Rounds to 5 decimals (the annual-fee intermediate step) with `mode`.
#[uniffi::export]
pub fn round_step(amount: Decimal, mode: RoundingMode) -> Result<Decimal, crate::SportelloError> {
    Ok(Euro::try_new(amount)?.round_step(mode).amount())
}

/// Rounds to cents, half away from zero.
#[uniffi::export]
pub fn round_cents(amount: Decimal) -> Result<Decimal, crate::SportelloError> {
    Ok(Euro::try_new(amount)?.round_cents().amount())
}

/// Rounds to whole euros, half away from zero.
#[uniffi::export]
pub fn round_euro(amount: Decimal) -> Result<Decimal, crate::SportelloError> {
    Ok(Euro::try_new(amount)?.round_euro().amount())
}

/// Italian presentation of an amount: `€ 1.234,56`.
#[uniffi::export]
pub fn format_euro(amount: Decimal) -> Result<String, crate::SportelloError> {
    Ok(Euro::try_new(amount)?.format_it())
}

/// Reads a rounding mode by name (`half_even`, `half_up`, `half_down`, `down`, `up`).
#[uniffi::export]
pub fn parse_rounding_mode(text: String) -> Result<RoundingMode, crate::SportelloError> {
    Ok(text.parse::<RoundingMode>()?)
}
