//! Kotlin surface of `sportello::fees`: the annual fee with its steps, the batch over lists,
//! deadlines, late payment, F24 rows. Converts types and errors; every rule lives in core.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sportello::chamber::ChamberCode;
use sportello::fees::{
    self as core, AnnualFeeRequest, BatchCalculator, DeadlineRules, EnteCodes, FeeCalculator, FeeError,
    FeeTables, LateKind, LatePolicy, LegalRates, Occasion, SubjectKind, SurchargeSource, SurchargeTable,
};
use sportello::money::{Euro, RoundingMode};

use crate::SportelloError;

/// Who pays (mirrors `sportello::fees::SubjectKind`).
#[uniffi::remote(Enum)]
pub enum SubjectKind {
    IndividualSpecialSection,
    IndividualOrdinarySection,
    SimplePartnershipAgricultural,
    SimplePartnershipNonAgricultural,
    LawFirmCompany,
    ReaOnly,
    ForeignCompany,
    TurnoverBased,
}

/// How a payment stands against the deadline (mirrors `sportello::fees::LateKind`).
#[uniffi::remote(Enum)]
pub enum LateKind {
    OnTime,
    Window,
    RavvedimentoShort,
    RavvedimentoYear,
    AfterRavvedimento,
}

impl From<FeeError> for SportelloError {
    fn from(e: FeeError) -> Self {
        let reason = e.to_string();
        let (field, rule) = (e.field().to_string(), e.rule().to_string());
        let row = match &e {
            FeeError::InRow { index, .. } => Some(*index as u64),
            _ => None,
        };
        let inner = match e {
            FeeError::InRow { error, .. } => *error,
            other => other,
        };
        match inner {
            FeeError::SurchargeUnknown { chamber, year } => {
                SportelloError::FeeSurchargeUnknown { chamber: chamber.to_string(), year, reason }
            }
            FeeError::RavvedimentoExpired { deadline, paid_on, last_day } => {
                SportelloError::FeeRavvedimentoExpired { deadline, paid_on, last_day, reason }
            }
            _ => SportelloError::FeeRefused { field, rule, row, reason },
        }
    }
}

fn chamber(text: &str, field: &'static str) -> Result<ChamberCode, SportelloError> {
    text.parse().map_err(|_| FeeError::InvalidChamber { field, text: text.to_string() }.into())
}

/// What to compute: the subject, its turnover, where its seat and units are, and why it pays.
#[derive(uniffi::Record)]
pub struct AnnualFeeInput {
    pub year: i32,
    pub subject: SubjectKind,
    /// Previous year's turnover (turnover-based companies).
    #[uniffi(default)]
    pub turnover: Option<Decimal>,
    /// The seat's chamber (not for foreign companies).
    #[uniffi(default)]
    pub sede_chamber: Option<String>,
    /// Local units by chamber code.
    #[uniffi(default)]
    pub local_units: HashMap<String, u32>,
    /// Surcharges (fractions) overriding the shipped table, by chamber code.
    #[uniffi(default)]
    pub surcharges: HashMap<String, Decimal>,
    /// First year of registration.
    #[uniffi(default)]
    pub new_registration: bool,
    /// Only the local units opened during the year.
    #[uniffi(default)]
    pub new_local_units: bool,
    /// Rounding of the 5-decimal steps; `null` is half-even, which reproduces the published
    /// intermediates.
    #[uniffi(default)]
    pub step_mode: Option<RoundingMode>,
}

/// The fee due to one chamber with every intermediate figure.
#[derive(uniffi::Record)]
pub struct ChamberFee {
    pub chamber: String,
    pub has_sede: bool,
    pub local_units: u32,
    pub sede_base: Decimal,
    pub unit_base: Decimal,
    pub units_base: Decimal,
    pub total_base: Decimal,
    pub reduction: Decimal,
    pub reduced: Decimal,
    pub surcharge: Decimal,
    /// "table" or "override".
    pub surcharge_source: String,
    pub increased: Decimal,
    pub due_cents: Decimal,
    pub due: Decimal,
}

/// The annual fee: one ChamberFee per chamber and the total.
#[derive(uniffi::Record)]
pub struct AnnualFee {
    pub year: i32,
    pub subject: SubjectKind,
    pub sede_chamber: Option<String>,
    pub by_chamber: HashMap<String, ChamberFee>,
    pub total_due: Decimal,
    /// The stable JSON shape of the core result (with the basis used).
    pub json: String,
}

fn request(input: &AnnualFeeInput) -> Result<(FeeCalculator, AnnualFeeRequest), SportelloError> {
    let mut req = AnnualFeeRequest::new(input.year, input.subject);
    req.turnover = input.turnover.map(Euro::new);
    if let Some(c) = &input.sede_chamber {
        req = req.sede(chamber(c, "sede_chamber")?);
    }
    for (c, n) in input.local_units.iter().collect::<BTreeMap<_, _>>() {
        req = req.units(chamber(c, "local_units")?, *n);
    }
    for (c, r) in &input.surcharges {
        req = req.surcharge(chamber(c, "surcharges")?, *r);
    }
    req.occasion = match (input.new_registration, input.new_local_units) {
        (false, false) => Occasion::Annual,
        (true, false) => Occasion::NewRegistration,
        (false, true) => Occasion::NewLocalUnits,
        (true, true) => {
            return Err(SportelloError::FeeRefused {
                field: "new_local_units".into(),
                rule: "exclusive_occasions".into(),
                row: None,
                reason: "new_registration and new_local_units are exclusive".into(),
            })
        }
    };
    let calc = FeeCalculator::new(
        FeeTables::dm_2011().with_step_mode(input.step_mode.unwrap_or_default()),
        SurchargeTable::shipped(),
    );
    Ok((calc, req))
}

fn chamber_fee(c: &core::ChamberFee) -> ChamberFee {
    ChamberFee {
        chamber: c.chamber.to_string(),
        has_sede: c.has_sede,
        local_units: c.local_units,
        sede_base: c.sede_base.amount(),
        unit_base: c.unit_base.amount(),
        units_base: c.units_base.amount(),
        total_base: c.total_base.amount(),
        reduction: c.reduction.value(),
        reduced: c.reduced.amount(),
        surcharge: c.surcharge.value(),
        surcharge_source: match c.surcharge_source {
            SurchargeSource::Table { .. } => "table".into(),
            SurchargeSource::Override => "override".into(),
        },
        increased: c.increased.amount(),
        due_cents: c.due_cents.amount(),
        due: c.due.amount(),
    }
}

/// The annual fee of a subject, one amount per chamber.
#[uniffi::export]
pub fn annual_fee(input: AnnualFeeInput) -> Result<AnnualFee, SportelloError> {
    let (calc, req) = request(&input)?;
    let fee = calc.annual_fee(&req)?;
    Ok(AnnualFee {
        year: fee.year,
        subject: fee.subject,
        sede_chamber: fee.sede_chamber.as_ref().map(|c| c.to_string()),
        by_chamber: fee.by_chamber.iter().map(|(c, f)| (c.to_string(), chamber_fee(f))).collect(),
        total_due: fee.total_due.amount(),
        json: serde_json::to_string(&fee).unwrap_or_default(),
    })
}

/// Fees (whole euros) of many companies, seat and units in one chamber with one surcharge.
#[uniffi::export]
pub fn annual_fees_batch(
    year: i32,
    subjects: Vec<SubjectKind>,
    turnovers: Vec<Option<Decimal>>,
    local_units: Vec<u32>,
    surcharge: Decimal,
) -> Result<Vec<Decimal>, SportelloError> {
    let calc = BatchCalculator::new(year, surcharge, FeeTables::dm_2011())?;
    let mut out = Vec::new();
    calc.fees_columns(&subjects, &turnovers, &local_units, &mut out)?;
    Ok(out.into_iter().map(Decimal::from).collect())
}

/// A deadline and the end of the +0.40 % window (none for new registrations).
#[derive(uniffi::Record)]
pub struct FeeDeadline {
    pub due_by: NaiveDate,
    #[uniffi(default)]
    pub window_until: Option<NaiveDate>,
}

impl From<core::Deadline> for FeeDeadline {
    fn from(d: core::Deadline) -> Self {
        FeeDeadline { due_by: d.due_by, window_until: d.window_until }
    }
}

impl From<&FeeDeadline> for core::Deadline {
    fn from(d: &FeeDeadline) -> Self {
        core::Deadline { due_by: d.due_by, window_until: d.window_until }
    }
}

/// 30 June (16 June before 2020) or the next working day, and the 30-day window.
#[uniffi::export]
pub fn annual_deadline(year: i32, isa: bool) -> Result<FeeDeadline, SportelloError> {
    Ok(DeadlineRules::default().annual(year, isa)?.into())
}

/// 30 days after filing a new registration (or the next working day).
#[uniffi::export]
pub fn new_registration_deadline(filed_on: NaiveDate) -> Result<FeeDeadline, SportelloError> {
    Ok(DeadlineRules::default().new_registration(filed_on)?.into())
}

/// Legal interest accrued in one calendar year.
#[derive(uniffi::Record)]
pub struct InterestPeriod {
    pub year: i32,
    pub days: i64,
    pub percent: Decimal,
    pub amount: Decimal,
}

/// What paying on a given day adds to the fee.
#[derive(uniffi::Record)]
pub struct LatePayment {
    pub kind: LateKind,
    pub due: Decimal,
    pub deadline: FeeDeadline,
    pub paid_on: NaiveDate,
    pub days_late: i64,
    pub window_increase: Decimal,
    /// F24 code 3850.
    pub fee_amount: Decimal,
    pub sanction_rate: Decimal,
    /// F24 code 3852.
    pub sanction: Decimal,
    /// F24 code 3851.
    pub interest: Decimal,
    pub interest_periods: Vec<InterestPeriod>,
    pub total: Decimal,
}

/// What paying `due` on `paid_on` costs against `deadline`.
#[uniffi::export]
pub fn late_payment(
    due: Decimal,
    deadline: FeeDeadline,
    paid_on: NaiveDate,
) -> Result<LatePayment, SportelloError> {
    let lp = core::late_payment(
        Euro::new(due),
        &(&deadline).into(),
        paid_on,
        &LatePolicy::default(),
        &LegalRates::shipped(),
    )?;
    Ok(LatePayment {
        kind: lp.kind,
        due: lp.due.amount(),
        deadline: lp.deadline.into(),
        paid_on: lp.paid_on,
        days_late: lp.days_late,
        window_increase: lp.window_increase.amount(),
        fee_amount: lp.fee_amount.amount(),
        sanction_rate: lp.sanction_rate.value(),
        sanction: lp.sanction.amount(),
        interest: lp.interest.amount(),
        interest_periods: lp
            .interest_periods
            .iter()
            .map(|p| InterestPeriod {
                year: p.year,
                days: p.days,
                percent: p.percent.value(),
                amount: p.amount.amount(),
            })
            .collect(),
        total: lp.total.amount(),
    })
}

/// One F24 row.
#[derive(uniffi::Record)]
pub struct F24Row {
    pub chamber: String,
    pub codice_ente: String,
    /// "3850", "3851" or "3852".
    pub tax_code: String,
    pub year: i32,
    pub amount: Decimal,
    /// The row as printed.
    pub line: String,
}

/// The F24 rows of the fee of `input`, paid on `paid_on` against `deadline` (both or neither).
#[uniffi::export]
pub fn f24_rows(
    input: AnnualFeeInput,
    paid_on: Option<NaiveDate>,
    deadline: Option<FeeDeadline>,
) -> Result<Vec<F24Row>, SportelloError> {
    let (calc, req) = request(&input)?;
    let fee = calc.annual_fee(&req)?;
    let late = match (paid_on, deadline) {
        (Some(p), Some(d)) => {
            core::settle(&fee, &(&d).into(), p, &LatePolicy::default(), &LegalRates::shipped())?
        }
        (None, None) => BTreeMap::new(),
        _ => {
            return Err(SportelloError::FeeRefused {
                field: "paid_on".into(),
                rule: "paid_on_with_deadline".into(),
                row: None,
                reason: "paid_on and deadline go together".into(),
            })
        }
    };
    Ok(core::f24_rows(&fee, &late, &EnteCodes::default())?
        .iter()
        .map(|r| F24Row {
            chamber: r.chamber.to_string(),
            codice_ente: r.codice_ente.clone(),
            tax_code: r.tax_code.code().to_string(),
            year: r.year,
            amount: r.amount.amount(),
            line: r.line(),
        })
        .collect())
}
