//! The annual fee for millions of companies: the rules of [`super::annual`] with every constant
//! precomputed and exact integer arithmetic in units of 10^-5 euro (the step precision), so the
//! hot loop neither allocates nor touches `Decimal` beyond reading the turnover.
//!
//! A batch is one chamber's view: each company's seat and its units are in that chamber, with one
//! surcharge. The result is the same euro amount as [`super::FeeCalculator::annual_fee`] (a
//! property test checks it); turnovers with more than 2 decimals, or so large that the integer
//! path could overflow, go through the `Decimal` engine.
//!
//! ```
//! use rust_decimal::Decimal;
//! use sportello::fees::{BatchCalculator, BatchCompany, FeeTables, SubjectKind};
//! use sportello::money::Euro;
//!
//! let calc = BatchCalculator::new(2019, Decimal::new(20, 2), FeeTables::dm_2011())?;
//! let companies = vec![
//!     BatchCompany { subject: SubjectKind::TurnoverBased, turnover: Some(Euro::from_units(265_815)), local_units: 2 },
//!     BatchCompany { subject: SubjectKind::IndividualSpecialSection, turnover: None, local_units: 1 },
//! ];
//! let fees: Vec<_> = calc.fees(companies).collect::<Result<_, _>>()?;
//! assert_eq!(fees, vec!["189".parse()?, "63".parse()?]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;
use crate::money::{Euro, RoundingMode};

use super::annual::{AnnualFeeRequest, FeeCalculator};
use super::error::FeeError;
use super::subject::SubjectKind;
use super::surcharge::SurchargeTable;
use super::tables::{FeeTables, TurnoverPolicy};

/// One row of a batch: the subject, its turnover (read only for turnover-based companies) and its
/// local units in the seat's chamber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCompany {
    /// The subject kind.
    pub subject: SubjectKind,
    /// Turnover of the previous year (turnover-based companies; ignored otherwise).
    pub turnover: Option<Euro>,
    /// Local units in the seat's chamber.
    pub local_units: u32,
}

/// Micro-euros: 10^-5 euro, the precision of every intermediate step.
const MICRO_PER_EURO: i64 = 100_000;

/// A non-negative fraction `num / den` applied with a rounding mode.
#[derive(Debug, Clone, Copy)]
struct Factor {
    num: i64,
    den: i64,
}

impl Factor {
    fn of(d: Decimal) -> Option<Factor> {
        let num = i64::try_from(d.mantissa()).ok()?;
        let den = 10i64.checked_pow(d.scale())?;
        (num >= 0).then_some(Factor { num, den })
    }
}

/// `n / d` rounded with `mode`, for `n >= 0`, `d > 0`. Powers of ten (every divisor the tables
/// produce) are matched so the compiler divides by a constant.
#[inline]
fn div_round(n: i64, d: i64, mode: RoundingMode) -> i64 {
    match d {
        10 => div_round_by(n, 10, mode),
        100 => div_round_by(n, 100, mode),
        1000 => div_round_by(n, 1000, mode),
        10_000 => div_round_by(n, 10_000, mode),
        100_000 => div_round_by(n, 100_000, mode),
        _ => div_round_by(n, d, mode),
    }
}

#[inline(always)]
fn div_round_by(n: i64, d: i64, mode: RoundingMode) -> i64 {
    let q = n / d;
    let r = n % d;
    if r == 0 {
        return q;
    }
    let twice = 2 * r;
    let up = match mode {
        RoundingMode::Down => false,
        RoundingMode::Up => true,
        RoundingMode::HalfUp => twice >= d,
        RoundingMode::HalfDown => twice > d,
        RoundingMode::HalfEven => twice > d || (twice == d && q % 2 == 1),
    };
    q + i64::from(up)
}

#[inline]
fn apply(x: i64, f: Factor, mode: RoundingMode) -> Option<i64> {
    Some(div_round(x.checked_mul(f.num)?, f.den, mode))
}

fn to_micro(e: Euro) -> Option<i64> {
    let scaled = e.amount().checked_mul(Decimal::from(MICRO_PER_EURO))?;
    if scaled.fract().is_zero() {
        i64::try_from(scaled.trunc().mantissa() / 10i128.pow(scaled.trunc().scale())).ok()
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy)]
struct IntBracket {
    /// Start, in cents (excluded).
    from_cents: i64,
    /// Base at the start of the bracket, in micro-euros.
    base_at_from: i64,
    /// `cents x rate` in micro-euros is `cents x num / den`.
    rate: Factor,
}

/// Fixed-amount fees are precomputed for this many unit counts (0 to 7).
const FIXED_UNITS: usize = 8;

/// Turnovers above this many cents (EUR 10^11) take the `Decimal` path.
const MAX_FAST_CENTS: i64 = 10_000_000_000_000;

/// The batch engine of one year and one surcharge.
#[derive(Debug, Clone)]
pub struct BatchCalculator {
    year: i32,
    mode: RoundingMode,
    policy: TurnoverPolicy,
    /// Seat and unit base by subject kind (index of [`SubjectKind::ALL`]), micro-euros.
    fixed: [Option<(i64, i64)>; 8],
    /// Fees of fixed-amount subjects with 0..8 local units, precomputed.
    fixed_due: [[Option<i64>; FIXED_UNITS]; 8],
    minimum: i64,
    first_from_cents: i64,
    brackets: Vec<IntBracket>,
    cap: i64,
    unit_share: Factor,
    unit_cap: i64,
    reduce: Factor,
    increase: Factor,
    surcharge: Decimal,
    slow: FeeCalculator,
}

fn kind_index(k: SubjectKind) -> usize {
    match k {
        SubjectKind::IndividualSpecialSection => 0,
        SubjectKind::IndividualOrdinarySection => 1,
        SubjectKind::SimplePartnershipAgricultural => 2,
        SubjectKind::SimplePartnershipNonAgricultural => 3,
        SubjectKind::LawFirmCompany => 4,
        SubjectKind::ReaOnly => 5,
        SubjectKind::ForeignCompany => 6,
        SubjectKind::TurnoverBased => 7,
    }
}

const BATCH_CHAMBER: &str = "BATCH";

impl BatchCalculator {
    /// A batch engine for `year` in one chamber under `config`: the surcharge is `surcharge` when
    /// given (it overrides the table), else the table's rate for `chamber` (resolved like the
    /// annual fee, [`super::ChamberDate`]), which refuses a chamber and year it does not confirm;
    /// neither is [`FeeError::BatchSurchargeMissing`] (no silent 0 %).
    pub fn for_chamber(
        year: i32,
        chamber: Option<&ChamberCode>,
        surcharge: Option<Decimal>,
        config: &super::FeeConfig,
    ) -> Result<Self, FeeError> {
        let rate = match (chamber, surcharge) {
            (_, Some(rate)) => {
                config.surcharges.check(chamber.map_or(BATCH_CHAMBER, |c| c.as_str()), rate)?;
                rate
            }
            (Some(c), None) => {
                let resolved = config.chamber_date.resolve(c, year)?;
                config.surcharges.resolve(&resolved, year, None)?.0
            }
            (None, None) => return Err(FeeError::BatchSurchargeMissing),
        };
        BatchCalculator::new(year, rate, config.tables.clone())
    }

    /// A batch engine for `year` with one `surcharge` (a fraction, `0.20`) over `tables`.
    pub fn new(year: i32, surcharge: Decimal, tables: FeeTables) -> Result<Self, FeeError> {
        let reduction = tables.reduction(year)?;
        let surcharges = SurchargeTable::empty();
        surcharges.check(BATCH_CHAMBER, surcharge)?;
        let precision =
            || FeeError::Overflow { step: "batch constants (an amount with more than 5 decimals)" };
        let mode = tables.step_mode;
        let micro = |e: Euro| to_micro(e.round_step(mode)).ok_or_else(precision);
        let mut fixed = [None; 8];
        for f in &tables.fixed {
            fixed[kind_index(f.subject)] = Some((micro(f.sede)?, micro(f.unit)?));
        }
        let mut brackets = Vec::with_capacity(tables.brackets.len());
        let mut base = micro(tables.minimum)?;
        for b in &tables.brackets {
            let from_cents = b.from.to_cents().ok_or_else(precision)?;
            let mant = i64::try_from(b.rate.mantissa()).map_err(|_| precision())?;
            let rate =
                Factor { num: mant.checked_mul(1000).ok_or_else(precision)?, den: 10i64.pow(b.rate.scale()) };
            brackets.push(IntBracket { from_cents, base_at_from: base, rate });
            if let Some(to) = b.to {
                let width = to.to_cents().ok_or_else(precision)? - from_cents;
                base += apply(width, rate, mode).ok_or_else(precision)?;
            }
        }
        let first_from_cents = brackets.first().map_or(i64::MAX, |b| b.from_cents);
        let mut calc = BatchCalculator {
            year,
            mode,
            policy: tables.turnover_policy,
            fixed,
            minimum: micro(tables.minimum)?,
            first_from_cents,
            brackets,
            cap: micro(tables.cap)?,
            unit_share: Factor::of(tables.unit_share).ok_or_else(precision)?,
            unit_cap: micro(tables.unit_cap)?,
            reduce: Factor::of(Decimal::ONE - reduction).ok_or_else(precision)?,
            increase: Factor::of(Decimal::ONE + surcharge).ok_or_else(precision)?,
            surcharge,
            slow: FeeCalculator::new(tables, surcharges),
            fixed_due: [[None; FIXED_UNITS]; 8],
        };
        for k in SubjectKind::ALL {
            let i = kind_index(k);
            if let Some((sede, unit)) = calc.fixed[i] {
                for n in 0..FIXED_UNITS {
                    let units = n as u32;
                    if k.has_italian_sede() || units > 0 {
                        calc.fixed_due[i][n] = Some(calc.due_from_bases(sede, unit, units)?);
                    }
                }
            }
        }
        Ok(calc)
    }

    /// The turnover in cents for the integer path, or `None` for the `Decimal` path.
    #[inline]
    fn cents(&self, t: Decimal) -> Option<i64> {
        let m = i64::try_from(t.mantissa()).ok()?;
        let cents = match t.scale() {
            0 => m.checked_mul(100)?,
            1 => m.checked_mul(10)?,
            2 => m,
            s => {
                let div = 10i64.checked_pow(s - 2)?;
                match self.policy {
                    TurnoverPolicy::TruncateToEuro => m / div,
                    TurnoverPolicy::AsDeclared if m % div == 0 => m / div,
                    TurnoverPolicy::AsDeclared => return None,
                }
            }
        };
        let cents = match self.policy {
            TurnoverPolicy::AsDeclared => cents,
            TurnoverPolicy::TruncateToEuro => cents - cents % 100,
        };
        (cents <= MAX_FAST_CENTS).then_some(cents)
    }

    /// Seat base by turnover, micro-euros.
    #[inline]
    fn turnover_base(&self, cents: i64) -> Option<i64> {
        if cents <= self.first_from_cents {
            return Some(self.minimum);
        }
        let b = self.brackets.iter().rev().find(|b| cents > b.from_cents)?;
        let base = b.base_at_from.checked_add(apply(cents - b.from_cents, b.rate, self.mode)?)?;
        Some(base.min(self.cap))
    }

    /// The fee due (whole euros) of one company.
    #[inline]
    pub fn fee_of(
        &self,
        subject: SubjectKind,
        turnover: Option<Decimal>,
        local_units: u32,
    ) -> Result<i64, FeeError> {
        let (sede, unit) = if subject.pays_by_turnover() {
            let t = turnover.ok_or(FeeError::MissingTurnover { subject })?;
            if t.is_sign_negative() && !t.is_zero() {
                return Err(FeeError::NegativeTurnover { turnover: t });
            }
            let Some(cents) = self.cents(t) else { return self.slow_fee(subject, Some(t), local_units) };
            let Some(sede) = self.turnover_base(cents) else {
                return self.slow_fee(subject, Some(t), local_units);
            };
            let unit =
                apply(sede, self.unit_share, self.mode).ok_or(FeeError::Overflow { step: "unit share" })?;
            (sede, unit.min(self.unit_cap))
        } else {
            let k = kind_index(subject);
            if let Some(due) = self.fixed_due[k].get(local_units as usize).copied().flatten() {
                return Ok(due);
            }
            match self.fixed[k] {
                Some(pair) => pair,
                None => return Err(FeeError::MissingTurnover { subject }),
            }
        };
        if !subject.has_italian_sede() && local_units == 0 {
            return Err(FeeError::NoLocalUnits { subject });
        }
        self.due_from_bases(sede, unit, local_units)
    }

    /// Reduction, surcharge and the final roundings from the seat and unit bases (micro-euros).
    #[inline]
    fn due_from_bases(&self, sede: i64, unit: i64, local_units: u32) -> Result<i64, FeeError> {
        let overflow = || FeeError::Overflow { step: "batch fee" };
        let total = unit
            .checked_mul(i64::from(local_units))
            .and_then(|u| u.checked_add(sede))
            .ok_or_else(overflow)?;
        let reduced = apply(total, self.reduce, self.mode).ok_or_else(overflow)?;
        let increased = apply(reduced, self.increase, self.mode).ok_or_else(overflow)?;
        let cents = div_round(increased, 1000, RoundingMode::HalfUp);
        Ok(div_round(cents, 100, RoundingMode::HalfUp))
    }

    fn slow_fee(&self, subject: SubjectKind, turnover: Option<Decimal>, units: u32) -> Result<i64, FeeError> {
        let chamber: ChamberCode = BATCH_CHAMBER
            .parse()
            .map_err(|_| FeeError::InvalidChamber { field: "chamber", text: BATCH_CHAMBER.into() })?;
        let mut req =
            AnnualFeeRequest::new(self.year, subject).sede(chamber.clone()).units(chamber.clone(), units);
        req.turnover = turnover.map(Euro::new);
        let fee = self.slow.annual_fee(&req.surcharge(chamber, self.surcharge))?;
        i64::try_from(fee.total_due.amount()).map_err(|_| FeeError::Overflow { step: "batch fee" })
    }

    /// The fee due of one company.
    pub fn fee(&self, company: &BatchCompany) -> Result<Euro, FeeError> {
        self.fee_of(company.subject, company.turnover.map(Euro::amount), company.local_units)
            .map(Euro::from_units)
    }

    /// The fees of a sequence of companies, lazily, in order.
    pub fn fees<'a, I>(&'a self, companies: I) -> impl Iterator<Item = Result<Euro, FeeError>> + 'a
    where
        I: IntoIterator<Item = BatchCompany>,
        I::IntoIter: 'a,
    {
        companies.into_iter().map(move |c| self.fee(&c))
    }

    /// The fees of three equal-length columns, appended to `out` (whole euros); the first failing
    /// row stops the batch with its index ([`FeeError::InRow`]) and leaves `out` as it was.
    pub fn fees_columns(
        &self,
        subjects: &[SubjectKind],
        turnovers: &[Option<Decimal>],
        local_units: &[u32],
        out: &mut Vec<i64>,
    ) -> Result<(), FeeError> {
        let expected = subjects.len();
        for (column, found) in [("turnovers", turnovers.len()), ("local_units", local_units.len())] {
            if found != expected {
                return Err(FeeError::ColumnLength { column, found, expected });
            }
        }
        let start = out.len();
        out.reserve(expected);
        for (index, ((s, t), n)) in subjects.iter().zip(turnovers).zip(local_units).enumerate() {
            match self.fee_of(*s, *t, *n) {
                Ok(v) => out.push(v),
                Err(error) => {
                    out.truncate(start);
                    return Err(FeeError::InRow { index, error: Box::new(error) });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn integer_rounding_matches_each_mode() {
        assert_eq!(div_round(25, 10, RoundingMode::HalfEven), 2);
        assert_eq!(div_round(35, 10, RoundingMode::HalfEven), 4);
        assert_eq!(div_round(25, 10, RoundingMode::HalfUp), 3);
        assert_eq!(div_round(25, 10, RoundingMode::HalfDown), 2);
        assert_eq!(div_round(21, 10, RoundingMode::Up), 3);
        assert_eq!(div_round(29, 10, RoundingMode::Down), 2);
    }

    #[test]
    fn columns_of_different_lengths_are_refused() {
        let calc = BatchCalculator::new(2024, Decimal::ZERO, FeeTables::dm_2011()).unwrap();
        let err = calc.fees_columns(&[SubjectKind::ReaOnly], &[], &[0], &mut Vec::new()).unwrap_err();
        assert_eq!(err, FeeError::ColumnLength { column: "turnovers", found: 0, expected: 1 });
    }

    #[test]
    fn failing_row_is_named_and_nothing_is_appended() {
        let calc = BatchCalculator::new(2024, Decimal::ZERO, FeeTables::dm_2011()).unwrap();
        let mut out = vec![7];
        let err = calc
            .fees_columns(
                &[SubjectKind::ReaOnly, SubjectKind::TurnoverBased],
                &[None, None],
                &[0, 0],
                &mut out,
            )
            .unwrap_err();
        assert_eq!(err.rule(), "required_for_turnover_based");
        assert!(matches!(err, FeeError::InRow { index: 1, .. }));
        assert_eq!(out, vec![7]);
    }

    #[test]
    fn foreign_company_without_units_is_refused() {
        let calc = BatchCalculator::new(2024, Decimal::ZERO, FeeTables::dm_2011()).unwrap();
        assert_eq!(
            calc.fee_of(SubjectKind::ForeignCompany, None, 0),
            Err(FeeError::NoLocalUnits { subject: SubjectKind::ForeignCompany })
        );
        assert_eq!(calc.fee_of(SubjectKind::ForeignCompany, None, 2), Ok(110));
    }

    #[test]
    fn turnover_with_many_decimals_takes_the_decimal_path() {
        let calc = BatchCalculator::new(2023, Decimal::new(20, 2), FeeTables::dm_2011()).unwrap();
        let t = Decimal::new(2_607_262_670, 3);
        assert_eq!(calc.fee_of(SubjectKind::TurnoverBased, Some(t), 1), Ok(324));
        let t = Decimal::new(2_607_262_671, 3);
        assert_eq!(calc.fee_of(SubjectKind::TurnoverBased, Some(t), 1), Ok(324));
    }

    fn subject() -> impl Strategy<Value = SubjectKind> {
        proptest::sample::select(SubjectKind::ALL.to_vec())
    }

    fn mode() -> impl Strategy<Value = RoundingMode> {
        proptest::sample::select(RoundingMode::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn batch_agrees_with_the_engine(
            subject in subject(),
            cents in prop_oneof![0i64..2_000_000_000, 0i64..500_000_000_000_000],
            scale in 0u32..4,
            units in 0u32..40,
            year in 2011i32..2030,
            surcharge in 0i64..=50,
            mode in mode(),
            truncate in any::<bool>(),
        ) {
            let mut tables = FeeTables::dm_2011().with_step_mode(mode);
            if truncate {
                tables.turnover_policy = TurnoverPolicy::TruncateToEuro;
            }
            let rate = Decimal::new(surcharge, 2);
            let turnover = Decimal::new(cents, 2 + scale);
            let batch = BatchCalculator::new(year, rate, tables.clone()).unwrap();
            let engine = FeeCalculator::new(tables, SurchargeTable::empty());
            let mi: ChamberCode = "MI".parse().unwrap();
            let mut req = AnnualFeeRequest::new(year, subject).sede(mi.clone()).units(mi.clone(), units).surcharge(mi, rate);
            req.turnover = Some(Euro::new(turnover));
            let expected = engine.annual_fee(&req).map(|f| f.total_due);
            let got = batch.fee_of(subject, Some(turnover), units).map(Euro::from_units);
            match (&expected, &got) {
                (Ok(e), Ok(g)) => prop_assert_eq!(e, g),
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "engine {:?} vs batch {:?}", expected, got),
            }
        }
    }

    #[test]
    fn a_batch_takes_its_surcharge_from_the_chamber_or_refuses_to_guess() {
        let cfg = super::super::FeeConfig::default();
        let bg: ChamberCode = "BG".parse().unwrap();
        let va: ChamberCode = "VA".parse().unwrap();
        let calc = BatchCalculator::for_chamber(2024, Some(&bg), None, &cfg).unwrap();
        assert_eq!(calc.fee_of(SubjectKind::IndividualSpecialSection, None, 0).unwrap(), 53);
        let err = BatchCalculator::for_chamber(2024, Some(&va), None, &cfg).unwrap_err();
        assert_eq!(err.rule(), "surcharge_known");
        let calc = BatchCalculator::for_chamber(2024, Some(&va), Some(Decimal::ZERO), &cfg).unwrap();
        assert_eq!(calc.fee_of(SubjectKind::IndividualSpecialSection, None, 0).unwrap(), 44);
        let err = BatchCalculator::for_chamber(2024, None, None, &cfg).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("surcharge", "chamber_or_surcharge"));
    }
}
