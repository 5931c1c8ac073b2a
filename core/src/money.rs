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
//! let reduced = base.checked_times(half)?.round_step(RoundingMode::HalfEven);
//! assert_eq!(reduced.to_string(), "100.00000");
//! assert_eq!("100.499".parse::<Euro>()?.round_euro(), "100".parse()?);
//! assert_eq!("100.5".parse::<Euro>()?.round_euro(), "101".parse()?);
//! # Ok::<(), sportello::money::MoneyError>(())
//! ```
//!
//! ## The domain range
//!
//! Every amount read from outside — text ([`FromStr`]), JSON ([`Deserialize`]), a bare decimal
//! ([`Euro::try_new`], `TryFrom<Decimal>`) — and every product ([`Euro::checked_times`]) lies
//! within ±[`MAX_UNITS`] euros (10^15, a thousand times the Italian GDP) with at most
//! [`MAX_DECIMALS`] decimals; outside it the constructor fails with [`MoneyError::OutOfRange`]
//! or [`MoneyError::TooManyDecimals`]. The decimal type reaches about 7.9 × 10^28, so the
//! operators `+`, `-` and [`Sum`] cannot overflow for any sum of fewer than 7.9 × 10^13 such
//! amounts; for counts that come from outside use [`Euro::checked_add`], which keeps the result
//! in the domain range. The infallible [`Euro::new`], [`Euro::from_units`] and
//! [`Euro::from_cents`] are for literals and values in range by construction.
//!
//! In JSON an amount is a string (`"12.50"`) or an integer (`12`), never a float (`12.5`), which
//! a reader may have rounded through binary floating point.

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
    /// A computation left the domain range (±[`MAX_UNITS`] euros).
    #[error("the result of the {operation} leaves the supported range of ±10^15 EUR")]
    Overflow {
        /// The operation that overflowed.
        operation: &'static str,
    },
    /// An amount outside the domain range (±[`MAX_UNITS`] euros).
    #[error("amount {text} is outside the supported range of ±10^15 EUR")]
    OutOfRange {
        /// The amount as given.
        text: String,
    },
    /// A JSON number with a fraction or an exponent, or another non-amount JSON value.
    #[error("amounts in JSON are strings (\"12.50\") or integers (12), never floats; got {found}")]
    NotAJsonAmount {
        /// What was found instead.
        found: String,
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

impl MoneyError {
    /// The rule that failed, a stable name the bindings report: `decimal` (not a decimal number),
    /// `max_decimals`, `range`, `json_amount`, `rounding_mode`, `non_negative`.
    pub fn rule(&self) -> &'static str {
        match self {
            MoneyError::NotADecimal { .. } => "decimal",
            MoneyError::TooManyDecimals { .. } => "max_decimals",
            MoneyError::Overflow { .. } | MoneyError::OutOfRange { .. } => "range",
            MoneyError::NotAJsonAmount { .. } => "json_amount",
            MoneyError::UnknownRoundingMode { .. } => "rounding_mode",
            MoneyError::Negative { .. } => "non_negative",
        }
    }

    /// The input the rule is about: `amount`, `mode`, or the field named by the caller.
    pub fn field(&self) -> &'static str {
        match self {
            MoneyError::Negative { field, .. } => field,
            MoneyError::UnknownRoundingMode { .. } => "mode",
            _ => "amount",
        }
    }
}

/// Largest absolute amount, in whole euros, of the domain range (see the module documentation).
pub const MAX_UNITS: i64 = 1_000_000_000_000_000;

/// Most decimals an amount may carry when it is read from text (the rules use at most 5; a few
/// more leave room for rates applied to amounts).
pub const MAX_DECIMALS: u32 = 10;

/// An amount of euros, exact to the decimal, within the domain range (module documentation).
///
/// Arithmetic between amounts is exact; multiplying by a factor ([`Euro::checked_times`]) is
/// exact as far as `Decimal` allows (28 significant digits). Serialized as a decimal string
/// (`"12.50"`), so no JSON reader turns it into a float; read from a string or an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Euro(Decimal);

impl Euro {
    /// Zero euros.
    pub const ZERO: Euro = Euro(Decimal::ZERO);

    /// Largest amount of the domain range: 10^15 euros.
    pub const MAX: Euro = Euro(Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0));

    /// An amount from a decimal known to be in the domain range: a literal, or a value in range
    /// by construction. Outside input goes through [`Euro::try_new`].
    pub const fn new(amount: Decimal) -> Self {
        Euro(amount)
    }

    /// An amount from a decimal, checked against the domain range (at most [`MAX_UNITS`] euros
    /// either side of zero, at most [`MAX_DECIMALS`] decimals).
    pub fn try_new(amount: Decimal) -> Result<Self, MoneyError> {
        if amount.scale() > MAX_DECIMALS {
            return Err(MoneyError::TooManyDecimals {
                text: amount.to_string(),
                decimals: amount.scale(),
                max: MAX_DECIMALS,
            });
        }
        Self::in_range(amount).ok_or_else(|| MoneyError::OutOfRange { text: amount.to_string() })
    }

    fn in_range(amount: Decimal) -> Option<Euro> {
        (amount.abs() <= Euro::MAX.0).then_some(Euro(amount))
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
    /// Fails with [`MoneyError::Overflow`] exactly when the product leaves the domain range
    /// (±[`MAX_UNITS`] euros); the decimals are not limited (a rate adds some).
    pub fn checked_times(self, factor: Decimal) -> Result<Euro, MoneyError> {
        let overflow = MoneyError::Overflow { operation: "multiplication" };
        self.0.checked_mul(factor).and_then(Self::in_range).ok_or(overflow)
    }

    /// Sum of two amounts; fails with [`MoneyError::Overflow`] when it leaves the domain range.
    pub fn checked_add(self, other: Euro) -> Result<Euro, MoneyError> {
        let overflow = MoneyError::Overflow { operation: "addition" };
        self.0.checked_add(other.0).and_then(Self::in_range).ok_or(overflow)
    }

    /// Difference of two amounts; fails with [`MoneyError::Overflow`] when it leaves the domain
    /// range.
    pub fn checked_sub(self, other: Euro) -> Result<Euro, MoneyError> {
        let overflow = MoneyError::Overflow { operation: "subtraction" };
        self.0.checked_sub(other.0).and_then(Self::in_range).ok_or(overflow)
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
        format!("{}€ {}", if negative { "-" } else { "" }, format_number_it(cents.abs()))
    }

    /// Italian presentation without the currency sign: `1.234,56` (two decimals, half-up).
    pub fn format_it_plain(self) -> String {
        format_number_it(self.round_cents().0)
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

/// The one Italian number formatter of the library: thousands grouped by `.`, decimals after `,`,
/// the decimals exactly as the value carries them (`1234567.5` -> `1.234.567,5`,
/// `-54400.000000` -> `-54.400,000000`, `12` -> `12`). Round first to fix the decimals.
pub fn format_number_it(value: Decimal) -> String {
    let negative = value.is_sign_negative() && !value.is_zero();
    let text = value.abs().to_string();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::from(if negative { "-" } else { "" });
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
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
        // The text is a well-formed decimal: a failure here can only be its size.
        let out_of_range = || MoneyError::OutOfRange { text: s.to_string() };
        let value = Decimal::from_str_exact(t.strip_prefix('+').unwrap_or(t)).map_err(|_| out_of_range())?;
        Self::in_range(value).ok_or_else(out_of_range)
    }
}

impl TryFrom<Decimal> for Euro {
    type Error = MoneyError;

    /// See [`Euro::try_new`].
    fn try_from(d: Decimal) -> Result<Self, Self::Error> {
        Euro::try_new(d)
    }
}

impl From<Euro> for Decimal {
    fn from(e: Euro) -> Self {
        e.0
    }
}

// The operators cannot overflow for amounts of the domain range (module documentation).
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

/// Reads a JSON string (`"12.50"`) or a JSON integer (`12`); refuses floats (`12.5`, `1e3`).
impl<'de> Deserialize<'de> for Euro {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EuroVisitor)
    }
}

struct EuroVisitor;

impl EuroVisitor {
    fn refuse<E: serde::de::Error>(found: impl fmt::Display) -> E {
        E::custom(MoneyError::NotAJsonAmount { found: found.to_string() })
    }
}

impl serde::de::Visitor<'_> for EuroVisitor {
    type Value = Euro;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a decimal string (\"12.50\") or an integer (12)")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Euro, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Euro, E> {
        Euro::try_new(Decimal::from(v)).map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Euro, E> {
        Euro::try_new(Decimal::from(v)).map_err(E::custom)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Euro, E> {
        Err(Self::refuse(v))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Euro, E> {
        Err(Self::refuse(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Euro, E> {
        Err(Self::refuse("null"))
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
    fn serde_writes_a_decimal_string() {
        let json = serde_json::to_string(&eur("12.50")).unwrap();
        assert_eq!(json, "\"12.50\"");
        let back: Euro = serde_json::from_str(&json).unwrap();
        assert_eq!(back, eur("12.50"));
    }

    #[test]
    fn serde_reads_a_string_or_an_integer_never_a_float() {
        assert_eq!(serde_json::from_str::<Euro>("182000").unwrap(), eur("182000"));
        assert_eq!(serde_json::from_str::<Euro>("-3").unwrap(), eur("-3"));
        for float in ["12.5", "12.0", "1e3"] {
            let err = serde_json::from_str::<Euro>(float).unwrap_err().to_string();
            assert!(err.contains("never floats"), "{float}: {err}");
        }
        assert!(serde_json::from_str::<Euro>("true").is_err());
        assert!(serde_json::from_str::<Euro>("null").is_err());
        let too_big = serde_json::from_str::<Euro>("1000000000000001").unwrap_err().to_string();
        assert!(too_big.contains("outside the supported range"), "{too_big}");
    }

    #[test]
    fn the_domain_range_is_ten_to_the_fifteen_euros_either_side() {
        assert_eq!(Euro::MAX.amount(), Decimal::from(MAX_UNITS));
        assert_eq!(eur("1000000000000000"), Euro::MAX);
        assert_eq!(eur("-1000000000000000"), -Euro::MAX);
        for text in ["1000000000000000.01", "-1000000000000001", "99999999999999999999999999999999"] {
            assert!(
                matches!(text.parse::<Euro>(), Err(MoneyError::OutOfRange { .. })),
                "{text} should be out of range"
            );
        }
        assert!(matches!(
            Euro::try_new(Decimal::from(MAX_UNITS) + Decimal::ONE),
            Err(MoneyError::OutOfRange { .. })
        ));
        assert!(matches!(
            Euro::try_new(Decimal::new(1, 11)),
            Err(MoneyError::TooManyDecimals { decimals: 11, max: 10, .. })
        ));
        assert_eq!(Euro::try_from(Decimal::new(1, 10)).unwrap(), eur("0.0000000001"));
    }

    #[test]
    fn checked_arithmetic_fails_exactly_outside_the_domain_range() {
        let half = eur("500000000000000");
        assert_eq!(half.checked_times(Decimal::TWO).unwrap(), Euro::MAX);
        assert!(matches!(
            half.checked_times(Decimal::new(2000001, 6)),
            Err(MoneyError::Overflow { operation: "multiplication" })
        ));
        assert!(matches!(
            Euro::MAX.checked_times(Decimal::MAX),
            Err(MoneyError::Overflow { operation: "multiplication" })
        ));
        assert_eq!(Euro::MAX.checked_times(Decimal::NEGATIVE_ONE).unwrap(), -Euro::MAX);
        assert_eq!(eur("0.01").checked_times(Decimal::new(4, 3)).unwrap(), eur("0.00004"));
        assert_eq!(half.checked_add(half).unwrap(), Euro::MAX);
        assert!(matches!(Euro::MAX.checked_add(eur("0.01")), Err(MoneyError::Overflow { .. })));
        assert!(matches!((-Euro::MAX).checked_sub(eur("0.01")), Err(MoneyError::Overflow { .. })));
    }

    #[test]
    fn errors_name_their_rule_and_field() {
        let cases: [(MoneyError, &str, &str); 7] = [
            ("x".parse::<Euro>().unwrap_err(), "decimal", "amount"),
            ("0.12345678901".parse::<Euro>().unwrap_err(), "max_decimals", "amount"),
            ("1e99".replace("e99", &"0".repeat(30)).parse::<Euro>().unwrap_err(), "range", "amount"),
            (Euro::MAX.checked_add(Euro::MAX).unwrap_err(), "range", "amount"),
            ("sideways".parse::<RoundingMode>().unwrap_err(), "rounding_mode", "mode"),
            (Euro::parse_non_negative("-1", "turnover").unwrap_err(), "non_negative", "turnover"),
            (MoneyError::NotAJsonAmount { found: "1.5".into() }, "json_amount", "amount"),
        ];
        for (err, rule, field) in cases {
            assert_eq!((err.rule(), err.field()), (rule, field), "{err}");
        }
    }

    #[test]
    fn one_italian_number_formatter() {
        assert_eq!(format_number_it(Decimal::new(12345675, 1)), "1.234.567,5");
        assert_eq!(format_number_it(Decimal::new(-54400000000, 6)), "-54.400,000000");
        assert_eq!(format_number_it(Decimal::from(356824)), "356.824");
        assert_eq!(format_number_it(Decimal::from(12)), "12");
        assert_eq!(eur("2500").format_it_plain(), "2.500,00");
        assert_eq!(eur("-0.125").format_it_plain(), "-0,13");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = s.parse::<Euro>();
        }

        #[test]
        fn text_round_trip(units in -1_000_000_000i64..1_000_000_000, scale in 0u32..6) {
            prop_assert!(Euro::try_new(Decimal::new(units, scale)).is_ok());
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
