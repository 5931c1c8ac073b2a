//! Custom types at the boundary: `rust_decimal::Decimal` is `java.math.BigDecimal`,
//! `chrono::NaiveDate` is `java.time.LocalDate` (see `uniffi.toml`). Both cross as strings.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(Decimal::from_str_exact(&s)?),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d")?),
});

#[allow(dead_code)]
fn _assert_from_str<T: FromStr>() {}
