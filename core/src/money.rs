//! Money: the [`Euro`] amount and the named rounding steps the fee rules use.
//!
//! Amounts are exact decimals ([`rust_decimal::Decimal`]), never floating point. Rounding happens
//! only where a rule says so, through one of the named steps below:
//!
//! | step | scale | mode | used by |
//! |---|---|---|---|
//! | [`Euro::round_step`] | 5 decimals | selectable ([`RoundingMode`]) | each intermediate step of the annual fee (MISE nota 19230 del 03/03/2009) |
//! | [`Euro::round_cents`] | 2 decimals | half-up | amounts paid through pagoPA, the 0.40 % late surcharge |
//! | [`Euro::round_euro`] | 0 decimals | half-up | the annual fee due (MISE nota 19230/2009) |
//!
//! ```
//! use sportello::money::{Euro, RoundingMode};
//!
//! let base: Euro = "200".parse()?;
//! let half = rust_decimal::Decimal::new(5, 1);
//! let reduced = base.times(half).round_step(RoundingMode::HalfEven);
//! assert_eq!(reduced.to_string(), "100.00000");
//! assert_eq!("100.499".parse::<Euro>()?.round_euro(), "100".parse()?);
//! assert_eq!("100.5".parse::<Euro>()?.round_euro(), "101".parse()?);
//! # Ok::<(), sportello::money::MoneyError>(())
//! ```

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Number of decimals of the intermediate steps of the annual fee (MISE nota 19230/2009).
pub const STEP_DECIMALS: u32 = 5;

/// How a half is rounded at a rounding step.
///
/// The annual-fee intermediates published by the chambers are reproduced by
/// [`RoundingMode::HalfEven`] at 5 decimals (see `reference/annual-fee.md` §6.2), which is the
/// default; the others exist because the rule text ("arrotondamento alla quinta cifra
/// decimale") does not name the mode, so a chamber may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half to the even neighbour (banker's rounding): 0.000025 -> 0.00002.
    #[default]
    HalfEven,
    /// Half away from zero: 0.000025 -> 0.00003.
    HalfUp,
    /// Half towards zero: 0.000025 -> 0.00002, 0.000035 -> 0.00003.
    HalfDown,
    /// Truncation towards zero.
    Down,
    /// Away from zero whenever something is dropped.
    Up,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }

    /// Every mode, for tables and tests.
    pub const ALL: [RoundingMode; 5] = [
        RoundingMode::HalfEven,
        RoundingMode::HalfUp,
        RoundingMode::HalfDown,
        RoundingMode::Down,
        RoundingMode::Up,
    ];
}

impl FromStr for RoundingMode {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "half_even" => Ok(RoundingMode::HalfEven),
            "half_up" => Ok(RoundingMode::HalfUp),
            "half_down" => Ok(RoundingMode::HalfDown),
            "down" => Ok(RoundingMode::Down),
            "up" => Ok(RoundingMode::Up),
            _ => Err(MoneyError::UnknownRoundingMode { text: s.to_string() }),
        }
    }
}

/// Why an amount could not be read or computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The text is not a plain decimal number (`"12.50"`, `"-3"`, `"1234.56789"`).
    #[error("amount {text:?} is not a decimal number (expected digits with an optional '.' and sign)")]
    NotADecimal {
        /// The text as given.
        text: String,
    },
    /// The amount has more decimals than any rule of the library uses.
    #[error("amount {text:?} has {decimals} decimals; at most {max} are allowed")]
    TooManyDecimals {
        /// The text as given.
        text: String,
        /// Decimals found.
        decimals: u32,
        /// Decimals allowed.
        max: u32,
    },
    /// A computation left the range of the decimal type (about 7.9e28).
    #[error("amount overflow in {operation}")]
    Overflow {
        /// The operation that overflowed.
        operation: &'static str,
    },
    /// A rounding mode name that is not one of `half_even`, `half_up`, `half_down`, `down`, `up`.
    #[error("rounding mode {text:?} is unknown (expected half_even, half_up, half_down, down or up)")]
    UnknownRoundingMode {
        /// The text as given.
        text: String,
    },
    /// An amount that must not be negative was negative.
    #[error("{field} must not be negative, got {amount}")]
    Negative {
        /// The field that carried the amount.
        field: &'static str,
        /// The amount given.
        amount: Decimal,
    },
}

/// Most decimals an amount may carry when it is read from text (the rules use at most 5; a few
/// more leave room for rates applied to amounts).
pub const MAX_DECIMALS: u32 = 10;

/// An amount of euros, exact to the decimal.
///
/// Arithmetic between amounts is exact; multiplying by a factor ([`Euro::times`]) is exact as
/// far as `Decimal` allows (28 significant digits). Serialized as a decimal string (`"12.50"`),
/// so no JSON reader turns it into a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Euro(Decimal);

impl Euro {
    /// Zero euros.
    pub const ZERO: Euro = Euro(Decimal::ZERO);

    /// An amount from a decimal.
    pub const fn new(amount: Decimal) -> Self {
        Euro(amount)
    }

    /// An amount of whole euros.
    pub fn from_units(euros: i64) -> Self {
        Euro(Decimal::from(euros))
    }

    /// An amount of cents (`1234` is EUR 12.34).
    pub fn from_cents(cents: i64) -> Self {
        Euro(Decimal::new(cents, 2))
    }

    /// The amount as a decimal.
    pub const fn amount(self) -> Decimal {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The amount multiplied by a factor (a rate such as `0.20`, or a count), unrounded.
    ///
    /// Fails only if the result leaves the decimal range.
    pub fn checked_times(self, factor: Decimal) -> Result<Euro, MoneyError> {
        self.0.checked_mul(factor).map(Euro).ok_or(MoneyError::Overflow { operation: "multiplication" })
    }

    /// The amount multiplied by a factor, unrounded. Saturates never: amounts in this domain are
    /// far below the decimal range; use [`Euro::checked_times`] with untrusted factors.
    pub fn times(self, factor: Decimal) -> Euro {
        match self.0.checked_mul(factor) {
            Some(v) => Euro(v),
            None => Euro(if (self.0.is_sign_negative()) ^ (factor.is_sign_negative()) {
                Decimal::MIN
            } else {
                Decimal::MAX
            }),
        }
    }

    /// Sum of two amounts, or an overflow error.
    pub fn checked_add(self, other: Euro) -> Result<Euro, MoneyError> {
        self.0.checked_add(other.0).map(Euro).ok_or(MoneyError::Overflow { operation: "addition" })
    }

    /// Difference of two amounts, or an overflow error.
    pub fn checked_sub(self, other: Euro) -> Result<Euro, MoneyError> {
        self.0.checked_sub(other.0).map(Euro).ok_or(MoneyError::Overflow { operation: "subtraction" })
    }

    /// Rounds to `decimals` places with the given mode (the general form of the named steps).
    pub fn round_to(self, decimals: u32, mode: RoundingMode) -> Euro {
        let mut v = self.0.round_dp_with_strategy(decimals, mode.strategy());
        v.rescale(decimals);
        Euro(v)
    }

    /// The intermediate step of the annual fee: 5 decimals, with the chamber's chosen mode.
    ///
    /// MISE nota n. 19230 del 03/03/2009: "ogni passaggio intermedio ... arrotondato alla quinta
    /// cifra decimale".
    pub fn round_step(self, mode: RoundingMode) -> Euro {
        self.round_to(STEP_DECIMALS, mode)
    }

    /// Cents, half away from zero (0.005 -> 0.01).
    pub fn round_cents(self) -> Euro {
        self.round_to(2, RoundingMode::HalfUp)
    }

    /// Whole euros, half away from zero (the annual fee due: "arrotondamento all'unità di euro",
    /// MISE nota 19230/2009; 0.50 goes up).
    pub fn round_euro(self) -> Euro {
        self.round_to(0, RoundingMode::HalfUp)
    }

    /// The amount in cents, if it has at most two decimals.
    pub fn to_cents(self) -> Option<i64> {
        let scaled = self.0.checked_mul(Decimal::ONE_HUNDRED)?;
        if scaled.fract().is_zero() {
            i64::try_from(scaled.trunc()).ok()
        } else {
            None
        }
    }

    /// Italian presentation: `€ 1.234,56` (always two decimals, half-up).
    pub fn format_it(self) -> String {
        let cents = self.round_cents().0;
        let negative = cents.is_sign_negative() && !cents.is_zero();
        let text = cents.abs().to_string();
        let (int_part, frac) = match text.split_once('.') {
            Some((i, f)) => (i.to_string(), format!("{f:0<2}")),
            None => (text.clone(), "00".to_string()),
        };
        let mut grouped = String::new();
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        format!("{}€ {grouped},{frac}", if negative { "-" } else { "" })
    }

    /// Reads an amount, refusing negatives; `field` names the input in the error.
    pub fn parse_non_negative(text: &str, field: &'static str) -> Result<Euro, MoneyError> {
        let v: Euro = text.parse()?;
        if v.is_negative() {
            return Err(MoneyError::Negative { field, amount: v.0 });
        }
        Ok(v)
    }
}

impl fmt::Display for Euro {
    /// The plain decimal form, as stored (`12.50`, `100.00000`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Euro {
    type Err = MoneyError;

    /// Reads a plain decimal: optional sign, digits, optional `.` and decimals. No exponent, no
    /// thousands separators, no currency sign, no `NaN`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let not_decimal = || MoneyError::NotADecimal { text: s.to_string() };
        let body = t.strip_prefix(['-', '+']).unwrap_or(t);
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if body.is_empty()
            || (int_part.is_empty() && frac_part.is_empty())
            || !digits_ok(int_part)
            || !digits_ok(frac_part)
            || (body.contains('.') && frac_part.is_empty())
        {
            return Err(not_decimal());
        }
        let decimals = u32::try_from(frac_part.len()).map_err(|_| not_decimal())?;
        if decimals > MAX_DECIMALS {
            return Err(MoneyError::TooManyDecimals { text: s.to_string(), decimals, max: MAX_DECIMALS });
        }
        Decimal::from_str_exact(t.strip_prefix('+').unwrap_or(t)).map(Euro).map_err(|_| not_decimal())
    }
}

impl From<Decimal> for Euro {
    fn from(d: Decimal) -> Self {
        Euro(d)
    }
}

impl From<Euro> for Decimal {
    fn from(e: Euro) -> Self {
        e.0
    }
}

impl Add for Euro {
    type Output = Euro;
    fn add(self, rhs: Euro) -> Euro {
        Euro(self.0 + rhs.0)
    }
}

impl AddAssign for Euro {
    fn add_assign(&mut self, rhs: Euro) {
        self.0 += rhs.0;
    }
}

impl Sub for Euro {
    type Output = Euro;
    fn sub(self, rhs: Euro) -> Euro {
        Euro(self.0 - rhs.0)
    }
}

impl SubAssign for Euro {
    fn sub_assign(&mut self, rhs: Euro) {
        self.0 -= rhs.0;
    }
}

impl Neg for Euro {
    type Output = Euro;
    fn neg(self) -> Euro {
        Euro(-self.0)
    }
}

impl Sum for Euro {
    fn sum<I: Iterator<Item = Euro>>(iter: I) -> Euro {
        iter.fold(Euro::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Euro> for Euro {
    fn sum<I: Iterator<Item = &'a Euro>>(iter: I) -> Euro {
        iter.fold(Euro::ZERO, |a, b| a + *b)
    }
}

impl Serialize for Euro {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Euro {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur(s: &str) -> Euro {
        s.parse().unwrap()
    }

    #[test]
    fn step_rounding_half_even_keeps_even_fifth_decimal() {
        assert_eq!(eur("0.000025").round_step(RoundingMode::HalfEven), eur("0.00002"));
        assert_eq!(eur("0.000035").round_step(RoundingMode::HalfEven), eur("0.00004"));
        assert_eq!(eur("0.000025").round_step(RoundingMode::HalfUp), eur("0.00003"));
        assert_eq!(eur("0.000035").round_step(RoundingMode::HalfDown), eur("0.00003"));
        assert_eq!(eur("0.000039").round_step(RoundingMode::Down), eur("0.00003"));
        assert_eq!(eur("0.000031").round_step(RoundingMode::Up), eur("0.00004"));
    }

    #[test]
    fn cents_and_euro_round_half_up() {
        assert_eq!(eur("0.005").round_cents(), eur("0.01"));
        assert_eq!(eur("0.004999").round_cents(), eur("0.00"));
        assert_eq!(eur("172.5").round_euro(), eur("173"));
        assert_eq!(eur("172.49999").round_euro(), eur("172"));
        assert_eq!(eur("-0.5").round_euro(), eur("-1"));
    }

    #[test]
    fn rounding_fixes_the_scale() {
        assert_eq!(eur("100").round_step(RoundingMode::HalfEven).to_string(), "100.00000");
        assert_eq!(eur("100").round_cents().to_string(), "100.00");
        assert_eq!(eur("99.6").round_euro().to_string(), "100");
    }

    #[test]
    fn parsing_is_strict() {
        for bad in ["", "-", ".", "1.", ".5x", "1e5", "NaN", "1,5", "€5", "1 000", "--1", "0x10"] {
            assert!(bad.parse::<Euro>().is_err(), "{bad:?} should be refused");
        }
        assert_eq!(eur(".5"), eur("0.5"));
        assert_eq!(eur("+7"), eur("7"));
        assert!(matches!(
            "1.12345678901".parse::<Euro>(),
            Err(MoneyError::TooManyDecimals { decimals: 11, .. })
        ));
    }

    #[test]
    fn italian_presentation() {
        assert_eq!(eur("1234567.5").format_it(), "€ 1.234.567,50");
        assert_eq!(eur("-0.125").format_it(), "-€ 0,13");
        assert_eq!(eur("53").format_it(), "€ 53,00");
    }

    #[test]
    fn serde_is_a_decimal_string() {
        let json = serde_json::to_string(&eur("12.50")).unwrap();
        assert_eq!(json, "\"12.50\"");
        let back: Euro = serde_json::from_str(&json).unwrap();
        assert_eq!(back, eur("12.50"));
        assert!(serde_json::from_str::<Euro>("12.5").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = s.parse::<Euro>();
        }

        #[test]
        fn text_round_trip(units in -1_000_000_000i64..1_000_000_000, scale in 0u32..6) {
            let e = Euro::new(Decimal::new(units, scale));
            prop_assert_eq!(e.to_string().parse::<Euro>().unwrap(), e);
            let json = serde_json::to_string(&e).unwrap();
            prop_assert_eq!(serde_json::from_str::<Euro>(&json).unwrap(), e);
        }

        #[test]
        fn sums_are_exact(cents in proptest::collection::vec(-10_000_000i64..10_000_000, 0..50)) {
            let total: Euro = cents.iter().map(|c| Euro::from_cents(*c)).sum();
            prop_assert_eq!(total.to_cents(), Some(cents.iter().sum::<i64>()));
        }

        #[test]
        fn rounding_moves_by_less_than_one_unit(units in -1_000_000_000_000i64..1_000_000_000_000) {
            let e = Euro::new(Decimal::new(units, 7));
            for mode in RoundingMode::ALL {
                let r = e.round_step(mode);
                prop_assert!((r.amount() - e.amount()).abs() < Decimal::new(1, 5));
            }
            prop_assert!((e.round_cents().amount() - e.amount()).abs() <= Decimal::new(5, 3));
            prop_assert!((e.round_euro().amount() - e.amount()).abs() <= Decimal::new(5, 1));
        }
    }
}
