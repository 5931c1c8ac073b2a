//! [`Rate`]: a fraction (`0.20` is 20 %), kept apart from [`crate::money::Euro`] so a rate is
//! never added to an amount.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A fraction such as a reduction (`0.50`) or a surcharge (`0.20`). Serialized as a decimal
/// string, like amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

impl Rate {
    /// No rate.
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// A rate from a fraction.
    pub const fn new(fraction: Decimal) -> Self {
        Rate(fraction)
    }

    /// The fraction.
    pub const fn value(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for Rate {
    fn from(d: Decimal) -> Self {
        Rate(d)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Rate {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s.trim()).map(Rate)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::decimal_str::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::decimal_str::deserialize(d).map(Rate)
    }
}
