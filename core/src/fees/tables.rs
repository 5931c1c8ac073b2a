//! The amounts of DM 21/04/2011 and the reduction of DL 90/2014, as data a chamber can read.
//!
//! Nothing here computes: [`FeeTables`] is plain data (serde, stable JSON shape) read by the
//! engine in [`super::annual`]. [`FeeTables::dm_2011`] ships the amounts in force since 2011.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Euro, RoundingMode};

use super::error::FeeError;
use super::subject::SubjectKind;

/// The fixed base amounts of one subject kind: for the seat and for each local unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedAmount {
    /// The subject kind.
    pub subject: SubjectKind,
    /// Base amount for the seat (sede), before reduction and surcharge.
    pub sede: Euro,
    /// Base amount for each local unit (unità locale), before reduction and surcharge.
    pub unit: Euro,
}

/// One turnover bracket above the first: `rate` applies to the part of the turnover above `from`
/// and up to `to` (no upper bound when `to` is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    /// Turnover from which the bracket applies (excluded).
    pub from: Euro,
    /// Turnover up to which it applies (included); `None` for the last bracket.
    pub to: Option<Euro>,
    /// The marginal rate, as a fraction (0.015 % is `0.00015`).
    #[serde(with = "super::decimal_str")]
    pub rate: Decimal,
}

/// The reduction of the fee in a range of years (DL 90/2014 art. 28 c.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reduction {
    /// First year (included).
    pub from_year: i32,
    /// Last year (included); `None` for "and every later year".
    pub to_year: Option<i32>,
    /// The reduction, as a fraction (0.50 halves the base).
    #[serde(with = "super::decimal_str")]
    pub rate: Decimal,
}

/// How a turnover with cents enters the brackets.
///
/// Every published example uses a whole-euro turnover; whether cents are dropped first is
/// **unconfirmed** (`reference/annual-fee.md` §3), so it is configurable. Milano's 2023/24 example
/// (sede base 449.65364) is only reachable with cents kept, hence the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnoverPolicy {
    /// The turnover as declared, cents included; each bracket product is rounded to 5 decimals.
    #[default]
    AsDeclared,
    /// Cents are dropped before the brackets apply.
    TruncateToEuro,
}

/// Everything the engine needs that is not chamber-specific: base amounts, brackets, cap, local
/// unit share and cap, reductions by year, and how to round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeTables {
    /// First year the tables apply to.
    pub first_year: i32,
    /// Fixed amounts by subject kind (turnover-based companies are not listed).
    pub fixed: Vec<FixedAmount>,
    /// Fixed amount of the first bracket (turnover up to `brackets[0].from`): EUR 200.
    pub minimum: Euro,
    /// The brackets above the first, in increasing order.
    pub brackets: Vec<Bracket>,
    /// The most a seat pays by turnover, before reduction: EUR 40 000.
    pub cap: Euro,
    /// Share of the seat base due for each local unit: 0.20.
    #[serde(with = "super::decimal_str")]
    pub unit_share: Decimal,
    /// The most a local unit pays, before reduction: EUR 200.
    pub unit_cap: Euro,
    /// Amounts of a turnover-based company in its first year (and per unit opened during the
    /// year): EUR 200 and 40.
    pub new_registration: FixedAmount,
    /// Reductions by year; a year not covered has no reduction.
    pub reductions: Vec<Reduction>,
    /// Rounding mode of the 5-decimal intermediate steps (MISE nota 19230/2009; half-even
    /// reproduces the published intermediates, §6.2).
    pub step_mode: RoundingMode,
    /// How a turnover with cents enters the brackets.
    pub turnover_policy: TurnoverPolicy,
}

fn eur(units: i64, scale: u32) -> Euro {
    Euro::new(Decimal::new(units, scale))
}

impl FeeTables {
    /// The amounts of DM 21/04/2011 (unchanged since, `reference/annual-fee.md` §2-§4) with the
    /// reductions of DL 90/2014 art. 28 c.1: 35 % in 2015, 40 % in 2016, 50 % from 2017.
    pub fn dm_2011() -> Self {
        let fixed =
            |subject, sede: i64, unit: i64| FixedAmount { subject, sede: eur(sede, 2), unit: eur(unit, 2) };
        let bracket = |from: i64, to: Option<i64>, rate: i64| Bracket {
            from: Euro::from_units(from),
            to: to.map(Euro::from_units),
            rate: Decimal::new(rate, 5),
        };
        FeeTables {
            first_year: 2011,
            fixed: vec![
                // DM 21/04/2011 art. 2-3 and 5; ref §2.1.
                fixed(SubjectKind::IndividualSpecialSection, 8800, 1760),
                fixed(SubjectKind::IndividualOrdinarySection, 20000, 4000),
                fixed(SubjectKind::SimplePartnershipAgricultural, 10000, 2000),
                fixed(SubjectKind::SimplePartnershipNonAgricultural, 20000, 4000),
                // D.Lgs. 96/2001 art. 16 c.2.
                fixed(SubjectKind::LawFirmCompany, 20000, 4000),
                // REA-only subjects pay for the seat only, whatever the number of units.
                fixed(SubjectKind::ReaOnly, 3000, 0),
                // Foreign companies: 110 per Italian unit, nothing for the seat abroad.
                fixed(SubjectKind::ForeignCompany, 0, 11000),
            ],
            minimum: Euro::from_units(200),
            // DM 21/04/2011 art. 4: marginal rates, like IRPEF (ref §3).
            brackets: vec![
                bracket(100_000, Some(250_000), 15),
                bracket(250_000, Some(500_000), 13),
                bracket(500_000, Some(1_000_000), 10),
                bracket(1_000_000, Some(10_000_000), 9),
                bracket(10_000_000, Some(35_000_000), 5),
                bracket(35_000_000, Some(50_000_000), 3),
                bracket(50_000_000, None, 1),
            ],
            cap: Euro::from_units(40_000),
            unit_share: Decimal::new(20, 2),
            unit_cap: Euro::from_units(200),
            new_registration: fixed(SubjectKind::TurnoverBased, 20000, 4000),
            reductions: vec![
                Reduction { from_year: 2015, to_year: Some(2015), rate: Decimal::new(35, 2) },
                Reduction { from_year: 2016, to_year: Some(2016), rate: Decimal::new(40, 2) },
                Reduction { from_year: 2017, to_year: None, rate: Decimal::new(50, 2) },
            ],
            step_mode: RoundingMode::HalfEven,
            turnover_policy: TurnoverPolicy::AsDeclared,
        }
    }

    /// The tables with another rounding mode for the 5-decimal steps.
    pub fn with_step_mode(mut self, mode: RoundingMode) -> Self {
        self.step_mode = mode;
        self
    }

    /// The fixed amounts of a subject kind, if it pays a fixed amount.
    pub fn fixed_amount(&self, subject: SubjectKind) -> Option<FixedAmount> {
        self.fixed.iter().copied().find(|f| f.subject == subject)
    }

    /// The reduction of `year` (0 when no reduction applies), or an error before `first_year`.
    pub fn reduction(&self, year: i32) -> Result<Decimal, FeeError> {
        if year < self.first_year {
            return Err(FeeError::YearNotSupported { year, first: self.first_year });
        }
        Ok(self
            .reductions
            .iter()
            .find(|r| r.from_year <= year && r.to_year.is_none_or(|to| year <= to))
            .map_or(Decimal::ZERO, |r| r.rate))
    }

    /// The seat base of a turnover-based company: EUR 200 plus each bracket's rate on its part of
    /// the turnover (each product rounded to 5 decimals), capped (DM 21/04/2011 art. 4).
    pub fn turnover_base(&self, turnover: Euro) -> Result<Euro, FeeError> {
        if turnover.is_negative() {
            return Err(FeeError::NegativeTurnover { turnover: turnover.amount() });
        }
        let turnover = match self.turnover_policy {
            TurnoverPolicy::AsDeclared => turnover,
            TurnoverPolicy::TruncateToEuro => Euro::new(turnover.amount().trunc()),
        };
        let mut total = self.minimum.round_step(self.step_mode);
        for b in &self.brackets {
            if turnover <= b.from {
                break;
            }
            let top = match b.to {
                Some(to) if turnover > to => to,
                _ => turnover,
            };
            let part =
                top.checked_sub(b.from).map_err(|_| FeeError::Overflow { step: "turnover bracket" })?;
            let product =
                part.checked_times(b.rate).map_err(|_| FeeError::Overflow { step: "turnover bracket" })?;
            total = total
                .checked_add(product.round_step(self.step_mode))
                .map_err(|_| FeeError::Overflow { step: "turnover brackets sum" })?;
            if total >= self.cap {
                break;
            }
        }
        Ok(total.min(self.cap).round_step(self.step_mode))
    }
}

impl Default for FeeTables {
    fn default() -> Self {
        FeeTables::dm_2011()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Euro {
        s.parse().unwrap()
    }

    #[test]
    fn turnover_up_to_one_hundred_thousand_pays_the_minimum() {
        let t = FeeTables::dm_2011();
        assert_eq!(t.turnover_base(e("0")).unwrap(), e("200"));
        assert_eq!(t.turnover_base(e("100000")).unwrap(), e("200"));
    }

    #[test]
    fn bracket_tops_match_the_cumulative_table() {
        // ref §3: cumulative base at the top of each bracket.
        let t = FeeTables::dm_2011();
        for (f, base) in [
            ("250000", "222.5"),
            ("500000", "255"),
            ("1000000", "305"),
            ("10000000", "1115"),
            ("35000000", "2365"),
            ("50000000", "2815"),
            ("3768500000", "40000"),
        ] {
            assert_eq!(t.turnover_base(e(f)).unwrap(), e(base), "turnover {f}");
        }
    }

    #[test]
    fn turnover_base_is_capped_at_forty_thousand() {
        let t = FeeTables::dm_2011();
        assert_eq!(t.turnover_base(e("3768500001")).unwrap(), e("40000"));
        assert_eq!(t.turnover_base(e("999999999999")).unwrap(), e("40000"));
    }

    #[test]
    fn roma_2019_turnover_gives_the_published_sede_base() {
        // ref §8.1 ex. 2: 265 815 -> 224.55595.
        assert_eq!(FeeTables::dm_2011().turnover_base(e("265815")).unwrap(), e("224.55595"));
    }

    #[test]
    fn bracket_product_is_rounded_to_five_decimals() {
        // ref §3: 133 211 x 0.00013 = 17.31743 (Pistoia-Prato).
        let t = FeeTables::dm_2011();
        assert_eq!(t.turnover_base(e("383211")).unwrap(), e("239.81743"));
    }

    #[test]
    fn turnover_cents_are_kept_or_dropped_as_configured() {
        let kept = FeeTables::dm_2011();
        assert_eq!(kept.turnover_base(e("2607262.67")).unwrap(), e("449.65364"));
        let mut dropped = FeeTables::dm_2011();
        dropped.turnover_policy = TurnoverPolicy::TruncateToEuro;
        assert_eq!(dropped.turnover_base(e("2607262.67")).unwrap(), e("449.65358"));
    }

    #[test]
    fn negative_turnover_is_refused() {
        let err = FeeTables::dm_2011().turnover_base(e("-1")).unwrap_err();
        assert_eq!(err.field(), "turnover");
        assert_eq!(err.rule(), "non_negative");
    }

    #[test]
    fn reduction_by_year_follows_dl_90_2014() {
        let t = FeeTables::dm_2011();
        assert_eq!(t.reduction(2014).unwrap(), Decimal::ZERO);
        assert_eq!(t.reduction(2015).unwrap(), Decimal::new(35, 2));
        assert_eq!(t.reduction(2016).unwrap(), Decimal::new(40, 2));
        assert_eq!(t.reduction(2017).unwrap(), Decimal::new(50, 2));
        assert_eq!(t.reduction(2030).unwrap(), Decimal::new(50, 2));
        assert_eq!(t.reduction(2010), Err(FeeError::YearNotSupported { year: 2010, first: 2011 }));
    }

    #[test]
    fn tables_round_trip_through_json() {
        let t = FeeTables::dm_2011();
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"rate\":\"0.00015\""));
        assert_eq!(serde_json::from_str::<FeeTables>(&json).unwrap(), t);
    }
}
