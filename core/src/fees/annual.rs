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

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::chamber::{ChamberCode, Chambers, ProvinceCode};
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

    /// With `count` local units in `chamber` (replacing any count given before for it).
    pub fn units(mut self, chamber: ChamberCode, count: u32) -> Self {
        self.local_units.insert(chamber, count);
        self
    }

    /// With the local units of a map keyed by chamber code as text (what the bindings receive):
    /// a code that is not valid is [`FeeError::InvalidChamber`], two keys naming the same chamber
    /// once normalised (`"mi"`, `"MI"`) are [`FeeError::DuplicateChamber`].
    pub fn units_from<'a>(
        mut self,
        units: impl IntoIterator<Item = (&'a str, u32)>,
    ) -> Result<Self, FeeError> {
        for (text, count) in units {
            let code = parse_chamber(text, "local_units")?;
            if self.local_units.insert(code.clone(), count).is_some() {
                return Err(FeeError::DuplicateChamber { field: "local_units", chamber: code });
            }
        }
        Ok(self)
    }

    /// With the surcharges of a map keyed by chamber code as text, refused like
    /// [`AnnualFeeRequest::units_from`].
    pub fn surcharges_from<'a>(
        mut self,
        rates: impl IntoIterator<Item = (&'a str, Decimal)>,
    ) -> Result<Self, FeeError> {
        for (text, rate) in rates {
            let code = parse_chamber(text, "surcharges")?;
            if self.surcharges.insert(code.clone(), Rate::new(rate)).is_some() {
                return Err(FeeError::DuplicateChamber { field: "surcharges", chamber: code });
            }
        }
        Ok(self)
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

/// A chamber code given as text, or [`FeeError::InvalidChamber`] naming `field`.
pub fn parse_chamber(text: &str, field: &'static str) -> Result<ChamberCode, FeeError> {
    text.parse().map_err(|_| FeeError::InvalidChamber { field, text: text.to_string() })
}

/// On which day a chamber code is read, so that the code of a chamber that has since merged (or a
/// province code) leads to the chamber that collects the fee. The fee follows the situation at
/// **1 January** of the fee year (`reference/annual-fee.md` §6 [S9][S23]) and a merged chamber
/// is paid once for all its provinces (§6 [S50]): the default is [`ChamberDate::JanuaryFirst`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChamberDate {
    /// The chamber active on 1 January of the fee year (the default).
    #[default]
    JanuaryFirst,
    /// The chamber active on a given day of the fee year (for instance the deadline, 30 June).
    DayOfYear {
        /// Month, 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// Codes used exactly as given, never merged.
    AsGiven,
}

/// The embedded chamber table, parsed once.
fn embedded_chambers() -> Result<&'static Chambers, FeeError> {
    static TABLE: OnceLock<Result<Chambers, String>> = OnceLock::new();
    TABLE
        .get_or_init(|| Chambers::embedded().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|reason| FeeError::ChamberTable { reason: reason.clone() })
}

impl ChamberDate {
    /// The day of `year` this choice reads chambers on, or `None` for [`ChamberDate::AsGiven`].
    pub fn day(self, year: i32) -> Result<Option<NaiveDate>, FeeError> {
        let (month, day) = match self {
            ChamberDate::JanuaryFirst => (1, 1),
            ChamberDate::DayOfYear { month, day } => (month, day),
            ChamberDate::AsGiven => return Ok(None),
        };
        NaiveDate::from_ymd_opt(year, month, day).map(Some).ok_or_else(|| FeeError::InvalidConfig {
            reason: format!("chamber_date {month:02}-{day:02} is not a day of {year}"),
        })
    }

    /// The chamber that collects the fee of `year` for `code` (a chamber or a province code): the
    /// chamber itself while active, else the one it merged into, else the chamber serving the
    /// province. A code the embedded table ([`Chambers::embedded`], Lombardy) does not know is
    /// kept as given.
    pub fn resolve(self, code: &ChamberCode, year: i32) -> Result<ChamberCode, FeeError> {
        let Some(on) = self.day(year)? else { return Ok(code.clone()) };
        let table = embedded_chambers()?;
        if let Ok(heir) = table.heir_on(code, on) {
            return Ok(heir.map_or_else(|| code.clone(), |c| c.code.clone()));
        }
        let by_province = code
            .as_str()
            .parse::<ProvinceCode>()
            .ok()
            .and_then(|p| table.for_province(&p, on).ok())
            .map(|c| c.code.clone());
        Ok(by_province.unwrap_or_else(|| code.clone()))
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
    let fraction = |field, rate: Decimal| {
        if rate.is_sign_negative() && !rate.is_zero() || rate > Decimal::ONE {
            Err(FeeError::RateOutOfRange { field, rate })
        } else {
            Ok(rate)
        }
    };
    let keep = Decimal::ONE.checked_sub(fraction("reduction", inputs.reduction)?);
    let grow = Decimal::ONE.checked_add(fraction("surcharges", inputs.surcharge)?);
    let (keep, grow) = (
        keep.ok_or(FeeError::Overflow { step: "reduction" })?,
        grow.ok_or(FeeError::Overflow { step: "surcharge" })?,
    );
    let units_base = inputs
        .unit_base
        .checked_times(Decimal::from(inputs.units))
        .map_err(overflow("units base"))?
        .round_step(mode);
    let total_base =
        inputs.sede_base.checked_add(units_base).map_err(overflow("total base"))?.round_step(mode);
    let reduced = total_base.checked_times(keep).map_err(overflow("reduction"))?.round_step(mode);
    let increased = reduced.checked_times(grow).map_err(overflow("surcharge"))?.round_step(mode);
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
    /// On which day chamber codes are resolved to the chamber that collects the fee.
    #[serde(default)]
    pub chamber_date: ChamberDate,
}

impl FeeCalculator {
    /// A calculator over the given tables (chambers read on 1 January of the fee year).
    pub fn new(tables: FeeTables, surcharges: SurchargeTable) -> Self {
        FeeCalculator { tables, surcharges, chamber_date: ChamberDate::default() }
    }

    /// The same calculator reading chamber codes on another day.
    pub fn with_chamber_date(mut self, chamber_date: ChamberDate) -> Self {
        self.chamber_date = chamber_date;
        self
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
            let share =
                sede.checked_times(t.unit_share).map_err(|_| FeeError::Overflow { step: "unit share" })?;
            let unit = share.round_step(mode).min(t.unit_cap).round_step(mode);
            return Ok((sede, unit, FeeBasis::Turnover { turnover, capped: sede >= t.cap }));
        }
        let f = t.fixed_amount(req.subject).ok_or(FeeError::MissingTurnover { subject: req.subject })?;
        Ok((
            f.sede.round_step(mode),
            f.unit.round_step(mode),
            FeeBasis::FixedAmount { turnover_ignored: turnover_given },
        ))
    }

    /// The annual fee of a request, per chamber.
    pub fn annual_fee(&self, req: &AnnualFeeRequest) -> Result<AnnualFee, FeeError> {
        let t = &self.tables;
        let reduction = t.reduction(req.year)?;
        let (sede_base, unit_base, basis) = self.bases(req)?;

        // The seat pays where it is, except for foreign companies (seat abroad) and for units
        // opened during the year (only the units are charged).
        let sede_pays = req.subject.has_italian_sede() && req.occasion != Occasion::NewLocalUnits;
        let resolve = |c: &ChamberCode| self.chamber_date.resolve(c, req.year);
        let sede_chamber = if sede_pays {
            let given =
                req.sede_chamber.as_ref().ok_or(FeeError::MissingSedeChamber { subject: req.subject })?;
            Some(resolve(given)?)
        } else {
            None
        };
        // Codes of merged chambers (and province codes) are grouped under the chamber that
        // collects the fee: one payment, one rounding (ref §6 [S50]).
        let mut chambers: BTreeMap<ChamberCode, (bool, u32)> = BTreeMap::new();
        if let Some(c) = &sede_chamber {
            chambers.insert(c.clone(), (true, 0));
        }
        for (c, n) in &req.local_units {
            if *n > 0 {
                let entry = &mut chambers.entry(resolve(c)?).or_insert((false, 0)).1;
                *entry = entry.checked_add(*n).ok_or(FeeError::Overflow { step: "local unit count" })?;
            }
        }
        if chambers.is_empty() {
            return Err(FeeError::NoLocalUnits { subject: req.subject });
        }
        let mut overrides: BTreeMap<ChamberCode, Decimal> = BTreeMap::new();
        for (c, rate) in &req.surcharges {
            let chamber = resolve(c)?;
            match overrides.insert(chamber.clone(), rate.value()) {
                Some(other) if other != rate.value() => {
                    return Err(FeeError::DuplicateChamber { field: "surcharges", chamber });
                }
                _ => {}
            }
        }

        let mut by_chamber = BTreeMap::new();
        let mut total_due = Euro::ZERO;
        for (chamber, (has_sede, units)) in chambers {
            let override_rate = overrides.get(&chamber).copied();
            let (surcharge, surcharge_source) = self.surcharges.resolve(&chamber, req.year, override_rate)?;
            let this_sede = if has_sede { sede_base } else { Euro::ZERO.round_step(t.step_mode) };
            let steps = chamber_steps(
                ChamberInputs { sede_base: this_sede, unit_base, units, reduction, surcharge },
                t.step_mode,
            )?;
            total_due =
                total_due.checked_add(steps.due).map_err(|_| FeeError::Overflow { step: "total due" })?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cc(s: &str) -> ChamberCode {
        s.parse().unwrap()
    }

    fn e(s: &str) -> Euro {
        s.parse().unwrap()
    }

    fn company(year: i32, turnover: Euro) -> AnnualFeeRequest {
        AnnualFeeRequest::new(year, SubjectKind::TurnoverBased)
            .turnover(turnover)
            .sede(cc("BG"))
            .units(cc("BS"), 1)
    }

    #[test]
    fn each_chamber_applies_its_own_surcharge_and_rounding() {
        // Special section 2019 in Rome (+20 %) with a unit in Padova (given as 0 %).
        let req = AnnualFeeRequest::new(2019, SubjectKind::IndividualSpecialSection)
            .sede(cc("RM"))
            .units(cc("PD"), 1)
            .surcharge(cc("PD"), Decimal::ZERO);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        let rm = &fee.by_chamber[&cc("RM")];
        let pd = &fee.by_chamber[&cc("PD")];
        assert_eq!((rm.increased, rm.due), (e("52.80000"), e("53")));
        assert_eq!((pd.increased, pd.due), (e("8.80000"), e("9")));
        assert_eq!(pd.surcharge_source, SurchargeSource::Override);
        assert_eq!(fee.total_due, e("62"));
    }

    #[test]
    fn turnover_of_a_fixed_amount_subject_is_recorded_as_ignored() {
        let req = AnnualFeeRequest::new(2024, SubjectKind::ReaOnly).sede(cc("BG")).turnover(e("1000000"));
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.basis, FeeBasis::FixedAmount { turnover_ignored: true });
        assert_eq!(fee.total_due, e("18"));
    }

    #[test]
    fn new_registration_of_a_company_ignores_the_turnover_and_pays_the_minimum() {
        let req = company(2024, e("9000000")).occasion(Occasion::NewRegistration);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.basis, FeeBasis::NewRegistrationMinimum { turnover_ignored: true });
        assert_eq!(fee.by_chamber[&cc("BG")].due, e("120"));
        assert_eq!(fee.by_chamber[&cc("BS")].due, e("24"));
    }

    #[test]
    fn units_opened_during_the_year_do_not_charge_the_seat() {
        let req = AnnualFeeRequest::new(2024, SubjectKind::IndividualSpecialSection)
            .sede(cc("BG"))
            .units(cc("BS"), 2)
            .occasion(Occasion::NewLocalUnits);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.by_chamber.len(), 1);
        assert_eq!(fee.by_chamber[&cc("BS")].increased, e("21.12000"));
        assert_eq!(fee.sede_chamber, None);
    }

    #[test]
    fn chambers_with_zero_units_are_left_out() {
        let req = AnnualFeeRequest::new(2024, SubjectKind::ReaOnly).sede(cc("BG")).units(cc("BS"), 0);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.by_chamber.keys().collect::<Vec<_>>(), vec![&cc("BG")]);
    }

    #[test]
    fn published_intermediates_need_half_even_but_the_euro_does_not() {
        // ref §6.2: Milano 2023/24, 539.58437 x 0.5.
        let inputs = ChamberInputs {
            sede_base: e("449.65364"),
            unit_base: e("89.93073"),
            units: 1,
            reduction: Decimal::new(5, 1),
            surcharge: Decimal::new(2, 1),
        };
        let even = chamber_steps(inputs, RoundingMode::HalfEven).unwrap();
        assert_eq!(even.reduced, e("269.79218"));
        assert_eq!(even.increased, e("323.75062"));
        let up = chamber_steps(inputs, RoundingMode::HalfUp).unwrap();
        assert_eq!(up.reduced, e("269.79219"));
        for mode in RoundingMode::ALL {
            assert_eq!(chamber_steps(inputs, mode).unwrap().due, e("324"), "{mode:?}");
        }
    }

    #[test]
    fn cent_then_euro_rounding_differs_from_direct_rounding_in_the_window() {
        // ref §6.1: 100.49600 -> 100.50 -> 101 (direct would give 100).
        let inputs = ChamberInputs {
            sede_base: e("100.49600"),
            unit_base: Euro::ZERO,
            units: 0,
            reduction: Decimal::ZERO,
            surcharge: Decimal::ZERO,
        };
        let steps = chamber_steps(inputs, RoundingMode::HalfEven).unwrap();
        assert_eq!((steps.due_cents, steps.due), (e("100.50"), e("101")));
    }

    #[test]
    fn annual_fee_json_shape_is_stable() {
        let fee = FeeCalculator::default()
            .annual_fee(&AnnualFeeRequest::new(2019, SubjectKind::IndividualSpecialSection).sede(cc("RM")))
            .unwrap();
        let json = serde_json::to_value(&fee).unwrap();
        assert_eq!(json["by_chamber"]["RM"]["increased"], "52.80000");
        assert_eq!(json["by_chamber"]["RM"]["surcharge"], "0.20");
        assert_eq!(json["basis"]["kind"], "fixed_amount");
        assert_eq!(json["subject"], "individual_special_section");
        let back: AnnualFee = serde_json::from_value(json).unwrap();
        assert_eq!(back, fee);
    }

    #[test]
    fn seat_in_milano_and_unit_in_monza_pay_one_fee_to_the_merged_chamber() {
        // 2024: MI and MB are both Milano Monza Brianza Lodi since 2017-09-18 (ref §6 [S50]).
        let req = AnnualFeeRequest::new(2024, SubjectKind::IndividualSpecialSection)
            .sede(cc("MI"))
            .units(cc("MB"), 1);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.by_chamber.keys().collect::<Vec<_>>(), vec![&cc("MIMBLO")]);
        assert_eq!(fee.sede_chamber, Some(cc("MIMBLO")));
        assert_eq!(fee.by_chamber[&cc("MIMBLO")].local_units, 1);
        assert_eq!(fee.total_due, e("63"));
        // Read as given, the two codes are two fees rounded apart: 53 + 11.
        let raw = FeeCalculator::default().with_chamber_date(ChamberDate::AsGiven).annual_fee(&req).unwrap();
        assert_eq!(raw.total_due, e("64"));
    }

    #[test]
    fn before_the_merger_milano_and_monza_are_two_chambers() {
        let req = AnnualFeeRequest::new(2016, SubjectKind::IndividualSpecialSection)
            .sede(cc("MI"))
            .units(cc("MB"), 1);
        let fee = FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.by_chamber.keys().collect::<Vec<_>>(), vec![&cc("MB"), &cc("MI")]);
    }

    #[test]
    fn unit_counts_of_codes_merging_into_one_chamber_overflow_as_an_error() {
        let req = AnnualFeeRequest::new(2024, SubjectKind::ReaOnly)
            .sede(cc("BG"))
            .units(cc("MI"), u32::MAX)
            .units(cc("MB"), 1);
        let err = FeeCalculator::default().annual_fee(&req).unwrap_err();
        assert_eq!(err, FeeError::Overflow { step: "local unit count" });
    }

    #[test]
    fn keys_naming_the_same_chamber_twice_are_refused() {
        let req = AnnualFeeRequest::new(2024, SubjectKind::ReaOnly);
        let err = req.clone().units_from([("mi", 1), ("MI", 2)]).unwrap_err();
        assert_eq!(err, FeeError::DuplicateChamber { field: "local_units", chamber: cc("MI") });
        let err = req.surcharges_from([("va", Decimal::ZERO), (" VA", Decimal::ONE)]).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("surcharges", "unique_chamber"));
    }

    #[test]
    fn rates_outside_zero_to_one_are_refused_by_the_steps() {
        let inputs = ChamberInputs {
            sede_base: e("100"),
            unit_base: Euro::ZERO,
            units: 0,
            reduction: Decimal::new(-1, 0),
            surcharge: Decimal::ZERO,
        };
        let err = chamber_steps(inputs, RoundingMode::HalfEven).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("reduction", "rate_range"));
        let err = chamber_steps(
            ChamberInputs { reduction: Decimal::ZERO, surcharge: Decimal::MAX, ..inputs },
            RoundingMode::HalfEven,
        )
        .unwrap_err();
        assert_eq!((err.field(), err.rule()), ("surcharges", "rate_range"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn fee_never_decreases_when_turnover_grows(
            a in 0i64..500_000_000_000,
            b in 0i64..500_000_000_000,
            year in 2011i32..2030,
        ) {
            let (lo, hi) = (a.min(b), a.max(b));
            let calc = FeeCalculator::new(FeeTables::dm_2011(), SurchargeTable::empty());
            let fee = |cents| {
                let req = company(year, Euro::from_cents(cents))
                    .surcharge(cc("BG"), Decimal::new(20, 2))
                    .surcharge(cc("BS"), Decimal::new(10, 2));
                calc.annual_fee(&req).unwrap()
            };
            let (f_lo, f_hi) = (fee(lo), fee(hi));
            prop_assert!(f_lo.total_due <= f_hi.total_due);
            for (c, cf) in &f_lo.by_chamber {
                let other = &f_hi.by_chamber[c];
                prop_assert!(cf.total_base <= other.total_base);
                prop_assert!(cf.increased <= other.increased);
            }
        }

        #[test]
        fn fee_never_exceeds_the_cap(cents in 0i64..i64::MAX, units in 0u32..1000, surcharge in 0i64..=50) {
            let t = FeeTables::dm_2011();
            let calc = FeeCalculator::new(t.clone(), SurchargeTable::empty());
            let req = AnnualFeeRequest::new(2024, SubjectKind::TurnoverBased)
                .turnover(Euro::from_cents(cents))
                .sede(cc("BG"))
                .units(cc("BG"), units)
                .surcharge(cc("BG"), Decimal::new(surcharge, 2));
            let fee = calc.annual_fee(&req).unwrap();
            let bg = &fee.by_chamber[&cc("BG")];
            prop_assert!(bg.sede_base <= t.cap);
            prop_assert!(bg.unit_base <= t.unit_cap);
            let most = (t.cap + t.unit_cap.times(Decimal::from(units)))
                .times(Decimal::new(5, 1))
                .times(Decimal::ONE + Decimal::new(surcharge, 2));
            prop_assert!(bg.increased <= most);
            prop_assert!(bg.due <= most.round_euro());
        }
    }
}
