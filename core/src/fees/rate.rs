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

/// A percentage such as a legal interest rate (`2.50` is 2.50 %, that is the fraction `0.025`).
/// Distinct from [`Rate`] (a fraction) so the two scales are never mixed. Serialized as a decimal
/// string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(Decimal);

impl Percent {
    /// A percentage (`2.50` for 2.50 %).
    pub const fn new(percent: Decimal) -> Self {
        Percent(percent)
    }

    /// The figure in percent (`2.50`).
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// The same rate as a fraction (`0.025`).
    pub fn as_rate(self) -> Rate {
        Rate(self.0 / Decimal::ONE_HUNDRED)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::decimal_str::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::decimal_str::deserialize(d).map(Percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_is_a_hundredth_of_its_figure_as_a_fraction() {
        assert_eq!(Percent::new(Decimal::new(250, 2)).as_rate(), Rate::new(Decimal::new(25, 3)));
    }
}
