//! The annual fee engine: one amount per chamber, each with every intermediate figure.
//!
//! The pipeline (`reference/annual-fee.md` §7), per chamber where the subject has its seat or
//! local units at 1 January:
//!
//! | step | figure | rule |
//! |---|---|---|
//! | seat base | `sede_base` | fixed amount, or turnover brackets capped at 40 000 (DM 21/04/2011) |
//! | unit base | `unit_base` | fixed unit amount, or `min(q5(20 % x seat base), 200)` |
//! | total | `total_base` | `q5(sede_base + units x unit_base)` (one payment per chamber) |
//! | reduction | `reduced` | `q5(total_base x (1 - reduction))`, DL 90/2014 art. 28 c.1 |
//! | surcharge | `increased` | `q5(reduced x (1 + surcharge))`, art. 18 c.10 L. 580/1993 |
//! | due | `due_cents`, `due` | cents then euro, half-up (MISE nota 19230/2009) |
//!
//! `q5` is a rounding to 5 decimals with [`FeeTables::step_mode`] (half-even by default, which
//! reproduces the published intermediates).
//!
//! ```
//! use sportello::fees::{AnnualFeeRequest, FeeCalculator, SubjectKind};
//!
//! // Roma 2019, example 2: capital company, turnover 265 815, seat and two units in Rome.
//! let fee = FeeCalculator::default().annual_fee(
//!     &AnnualFeeRequest::new(2019, SubjectKind::TurnoverBased)
//!         .turnover("265815".parse()?)
//!         .sede("RM".parse()?)
//!         .units("RM".parse()?, 2),
//! )?;
//! let rm = &fee.by_chamber[&"RM".parse()?];
//! assert_eq!(rm.sede_base.to_string(), "224.55595");
//! assert_eq!(rm.reduced.to_string(), "157.18916");
//! assert_eq!(rm.increased.to_string(), "188.62699");
//! assert_eq!(fee.total_due.to_string(), "189");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;
use crate::money::{Euro, RoundingMode};

use super::error::FeeError;
use super::rate::Rate;
use super::subject::{Occasion, SubjectKind};
use super::surcharge::{SurchargeSource, SurchargeTable};
use super::tables::FeeTables;

/// What to compute: a subject, its turnover, where its seat and units are, and why it pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualFeeRequest {
    /// The fee year.
    pub year: i32,
    /// The subject kind.
    pub subject: SubjectKind,
    /// Turnover of the previous year as declared for IRAP (turnover-based companies only;
    /// ignored, and recorded as ignored in [`AnnualFee::basis`], for fixed-amount subjects).
    pub turnover: Option<Euro>,
    /// The chamber of the seat at 1 January (not needed for foreign companies, whose seat is
    /// abroad, nor for [`Occasion::NewLocalUnits`]).
    pub sede_chamber: Option<ChamberCode>,
    /// Number of local units by chamber (units in the seat's chamber are paid with the seat).
    pub local_units: BTreeMap<ChamberCode, u32>,
    /// Surcharges overriding the shipped table, by chamber, as fractions (`0.20`).
    pub surcharges: BTreeMap<ChamberCode, Rate>,
    /// Why the fee is paid.
    pub occasion: Occasion,
}

impl AnnualFeeRequest {
    /// The yearly fee of `subject` in `year`, with no seat, units or turnover yet.
    pub fn new(year: i32, subject: SubjectKind) -> Self {
        AnnualFeeRequest {
            year,
            subject,
            turnover: None,
            sede_chamber: None,
            local_units: BTreeMap::new(),
            surcharges: BTreeMap::new(),
            occasion: Occasion::Annual,
        }
    }

    /// With the previous year's turnover.
    pub fn turnover(mut self, turnover: Euro) -> Self {
        self.turnover = Some(turnover);
        self
    }

    /// With the seat in `chamber`.
    pub fn sede(mut self, chamber: ChamberCode) -> Self {
        self.sede_chamber = Some(chamber);
        self
    }

    /// With `count` more local units in `chamber`.
    pub fn units(mut self, chamber: ChamberCode, count: u32) -> Self {
        *self.local_units.entry(chamber).or_insert(0) += count;
        self
    }

    /// With the surcharge of `chamber` given (overrides the table).
    pub fn surcharge(mut self, chamber: ChamberCode, rate: Decimal) -> Self {
        self.surcharges.insert(chamber, Rate::new(rate));
        self
    }

    /// For another occasion (new registration, units opened during the year).
    pub fn occasion(mut self, occasion: Occasion) -> Self {
        self.occasion = occasion;
        self
    }
}

/// Which rule gave the seat base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeeBasis {
    /// The fixed amount of the subject kind (a turnover given was not used).
    FixedAmount {
        /// Whether a turnover was given and left unused.
        turnover_ignored: bool,
    },
    /// The turnover brackets.
    Turnover {
        /// The turnover used.
        turnover: Euro,
        /// The seat base before the cap.
        capped: bool,
    },
    /// The minimum of a turnover-based company in its first year (EUR 200, 40 per unit).
    NewRegistrationMinimum {
        /// Whether a turnover was given and left unused.
        turnover_ignored: bool,
    },
}

/// The fee due to one chamber, with every intermediate figure (5 decimals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChamberFee {
    /// The chamber.
    pub chamber: ChamberCode,
    /// Whether the seat pays here.
    pub has_sede: bool,
    /// Local units paid here.
    pub local_units: u32,
    /// Seat base (0 when the seat is elsewhere).
    pub sede_base: Euro,
    /// Base of each local unit.
    pub unit_base: Euro,
    /// `local_units x unit_base`.
    pub units_base: Euro,
    /// `sede_base + units_base`.
    pub total_base: Euro,
    /// Reduction of the year (fraction).
    pub reduction: Rate,
    /// `total_base x (1 - reduction)`.
    pub reduced: Euro,
    /// Surcharge of the chamber and year (fraction).
    pub surcharge: Rate,
    /// Where the surcharge came from.
    pub surcharge_source: SurchargeSource,
    /// `reduced x (1 + surcharge)`.
    pub increased: Euro,
    /// `increased` rounded to the cent (half-up).
    pub due_cents: Euro,
    /// The amount due: `due_cents` rounded to the euro (half-up).
    pub due: Euro,
}

/// The inputs of one chamber's pipeline, already resolved to figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChamberInputs {
    /// Seat base (0 when the seat is elsewhere).
    pub sede_base: Euro,
    /// Base of each local unit.
    pub unit_base: Euro,
    /// Number of local units.
    pub units: u32,
    /// Reduction (fraction).
    pub reduction: Decimal,
    /// Surcharge (fraction).
    pub surcharge: Decimal,
}

/// The figures of one chamber's pipeline (see the module table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChamberSteps {
    /// `q5(units x unit_base)`.
    pub units_base: Euro,
    /// `q5(sede_base + units_base)`.
    pub total_base: Euro,
    /// `q5(total_base x (1 - reduction))`.
    pub reduced: Euro,
    /// `q5(reduced x (1 + surcharge))`.
    pub increased: Euro,
    /// Cents, half-up.
    pub due_cents: Euro,
    /// Euro, half-up.
    pub due: Euro,
}

/// Runs the pipeline of one chamber from its bases: the published intermediates can be checked
/// from any step (MISE nota 19230/2009: 5 decimals at each step, one final rounding).
pub fn chamber_steps(inputs: ChamberInputs, mode: RoundingMode) -> Result<ChamberSteps, FeeError> {
    let overflow = |step| move |_| FeeError::Overflow { step };
    let units_base =
        inputs.unit_base.checked_times(Decimal::from(inputs.units)).map_err(overflow("units base"))?.round_step(mode);
    let total_base = inputs.sede_base.checked_add(units_base).map_err(overflow("total base"))?.round_step(mode);
    let reduced =
        total_base.checked_times(Decimal::ONE - inputs.reduction).map_err(overflow("reduction"))?.round_step(mode);
    let increased =
        reduced.checked_times(Decimal::ONE + inputs.surcharge).map_err(overflow("surcharge"))?.round_step(mode);
    let due_cents = increased.round_cents();
    Ok(ChamberSteps { units_base, total_base, reduced, increased, due_cents, due: due_cents.round_euro() })
}

/// The annual fee of a subject: one [`ChamberFee`] per chamber and their total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualFee {
    /// The fee year.
    pub year: i32,
    /// The subject kind.
    pub subject: SubjectKind,
    /// Why the fee is paid.
    pub occasion: Occasion,
    /// Which rule gave the seat base.
    pub basis: FeeBasis,
    /// Rounding mode of the 5-decimal steps.
    pub step_mode: RoundingMode,
    /// The seat's chamber, if the seat pays in Italy.
    pub sede_chamber: Option<ChamberCode>,
    /// One fee per chamber, each rounded on its own.
    pub by_chamber: BTreeMap<ChamberCode, ChamberFee>,
    /// Sum of the amounts due to every chamber.
    pub total_due: Euro,
}

/// Computes annual fees with a set of tables and surcharges.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FeeCalculator {
    /// Base amounts, brackets, reductions, rounding.
    pub tables: FeeTables,
    /// Surcharges by chamber and year.
    pub surcharges: SurchargeTable,
}

impl FeeCalculator {
    /// A calculator over the given tables.
    pub fn new(tables: FeeTables, surcharges: SurchargeTable) -> Self {
        FeeCalculator { tables, surcharges }
    }

    /// The seat base, the unit base and the basis of a request (chamber-independent).
    pub fn bases(&self, req: &AnnualFeeRequest) -> Result<(Euro, Euro, FeeBasis), FeeError> {
        let t = &self.tables;
        let mode = t.step_mode;
        if let Some(turnover) = req.turnover {
            if turnover.is_negative() {
                return Err(FeeError::NegativeTurnover { turnover: turnover.amount() });
            }
        }
        let turnover_given = req.turnover.is_some();
        if req.subject.pays_by_turnover() {
            if req.occasion != Occasion::Annual {
                // First year, or units opened during the year: the minimum amounts.
                let f = t.new_registration;
                return Ok((
                    f.sede.round_step(mode),
                    f.unit.round_step(mode),
                    FeeBasis::NewRegistrationMinimum { turnover_ignored: turnover_given },
                ));
            }
            let turnover = req.turnover.ok_or(FeeError::MissingTurnover { subject: req.subject })?;
            let sede = t.turnover_base(turnover)?;
            let share = sede.checked_times(t.unit_share).map_err(|_| FeeError::Overflow { step: "unit share" })?;
            let unit = share.round_step(mode).min(t.unit_cap).round_step(mode);
            return Ok((sede, unit, FeeBasis::Turnover { turnover, capped: sede >= t.cap }));
        }
        let f = t.fixed_amount(req.subject).ok_or(FeeError::MissingTurnover { subject: req.subject })?;
        Ok((f.sede.round_step(mode), f.unit.round_step(mode), FeeBasis::FixedAmount { turnover_ignored: turnover_given }))
    }

    /// The annual fee of a request, per chamber.
    pub fn annual_fee(&self, req: &AnnualFeeRequest) -> Result<AnnualFee, FeeError> {
        let t = &self.tables;
        let reduction = t.reduction(req.year)?;
        let (sede_base, unit_base, basis) = self.bases(req)?;

        // The seat pays where it is, except for foreign companies (seat abroad) and for units
        // opened during the year (only the units are charged).
        let sede_pays = req.subject.has_italian_sede() && req.occasion != Occasion::NewLocalUnits;
        let sede_chamber = if sede_pays {
            Some(req.sede_chamber.clone().ok_or(FeeError::MissingSedeChamber { subject: req.subject })?)
        } else {
            None
        };
        let mut chambers: BTreeMap<ChamberCode, (bool, u32)> = BTreeMap::new();
        if let Some(c) = &sede_chamber {
            chambers.insert(c.clone(), (true, 0));
        }
        for (c, n) in &req.local_units {
            if *n > 0 {
                chambers.entry(c.clone()).or_insert((false, 0)).1 += n;
            }
        }
        if chambers.is_empty() {
            return Err(FeeError::NoLocalUnits { subject: req.subject });
        }

        let mut by_chamber = BTreeMap::new();
        let mut total_due = Euro::ZERO;
        for (chamber, (has_sede, units)) in chambers {
            let override_rate = req.surcharges.get(&chamber).map(|r| r.value());
            let (surcharge, surcharge_source) = self.surcharges.resolve(&chamber, req.year, override_rate)?;
            let this_sede = if has_sede { sede_base } else { Euro::ZERO.round_step(t.step_mode) };
            let steps = chamber_steps(
                ChamberInputs { sede_base: this_sede, unit_base, units, reduction, surcharge },
                t.step_mode,
            )?;
            total_due += steps.due;
            by_chamber.insert(
                chamber.clone(),
                ChamberFee {
                    chamber,
                    has_sede,
                    local_units: units,
                    sede_base: this_sede,
                    unit_base,
                    units_base: steps.units_base,
                    total_base: steps.total_base,
                    reduction: Rate::new(reduction),
                    reduced: steps.reduced,
                    surcharge: Rate::new(surcharge),
                    surcharge_source,
                    increased: steps.increased,
                    due_cents: steps.due_cents,
                    due: steps.due,
                },
            );
        }
        Ok(AnnualFee {
            year: req.year,
            subject: req.subject,
            occasion: req.occasion,
            basis,
            step_mode: t.step_mode,
            sede_chamber,
            by_chamber,
            total_due,
        })
    }
}
