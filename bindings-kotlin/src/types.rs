//! Custom types at the boundary: `rust_decimal::Decimal` is `java.math.BigDecimal`,
//! `chrono::NaiveDate` is `java.time.LocalDate` (see `uniffi.toml`). Both cross as strings.
//!
//! A value that cannot be lifted fails with a `SportelloError` (`InvalidAmount`, rule `range`;
//! `InvalidDate`, rule `format`), which UniFFI raises as that `SportelloException` from every
//! function returning `Result<_, SportelloError>` (uniffi `custom_types.md`, "Error handling
//! during conversion"); a function that cannot fail raises `InternalException` instead.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::SportelloError;

/// An amount from Kotlin as a domain [`Euro`](sportello::money::Euro): at most 5 decimals and
/// within ±10^15 EUR, else `InvalidAmount` naming `field` and the rule (never clamped or rounded).
pub(crate) fn euro_arg(amount: Decimal, field: &str) -> Result<sportello::money::Euro, SportelloError> {
    sportello::money::Euro::try_new(amount).map_err(|e| SportelloError::InvalidAmount {
        field: field.into(),
        rule: e.rule().into(),
        reason: e.to_string(),
    })
}

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(lift_decimal(&s)?),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| Ok(lift_date(&s)?),
});

/// `BigDecimal.toPlainString()` of at most 28 significant digits; a larger one is out of range.
fn lift_decimal(text: &str) -> Result<Decimal, SportelloError> {
    Decimal::from_str_exact(text)
        .map_err(|_| sportello::money::MoneyError::OutOfRange { text: text.into() }.into())
}

/// `LocalDate.toString()`, `yyyy-mm-dd`; a year beyond 9999 (`+10000-01-01`) is not a date here.
fn lift_date(text: &str) -> Result<NaiveDate, SportelloError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| SportelloError::InvalidDate {
        field: "date".into(),
        rule: "format".into(),
        reason: format!("date {text:?} is not a yyyy-mm-dd date: {e}"),
    })
}

#[allow(dead_code)]
fn _assert_from_str<T: FromStr>() {}
