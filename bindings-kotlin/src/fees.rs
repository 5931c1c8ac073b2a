//! Kotlin surface of `sportello::fees`: the annual fee with its steps, the batch over lists,
//! deadlines, late payment, F24 rows. Converts types and errors; every rule lives in core.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sportello::chamber::ChamberCode;
use sportello::fees::{
    self as core, AnnualFeeRequest, BatchCalculator, FeeConfig as CoreConfig, FeeError, LateKind, Occasion,
    ServiceFee, SubjectKind,
};
use sportello::money::RoundingMode;

use crate::types::euro_arg;
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

/// Why the fee is paid (mirrors `sportello::fees::Occasion`).
#[uniffi::remote(Enum)]
pub enum Occasion {
    Annual,
    NewRegistration,
    NewLocalUnits,
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
    Ok(core::parse_chamber(text, field)?)
}

/// Every configurable choice of the fee rules, per chamber and year: `FeeConfig.default()` is
/// what ships (DM 21/04/2011 tables, confirmed surcharges, 0.40 % window before the 3.75 % tier,
/// legal rates 2014-2026, F24 codici ente MIMBLO -> MI and CRMNPV -> MN, both UNCONFIRMED,
/// deadlines, copy tariffs, chambers read at 1 January); `FeeConfig.fromJson` changes any part.
#[derive(uniffi::Object)]
pub struct FeeConfig {
    pub(crate) inner: CoreConfig,
}

#[uniffi::export]
impl FeeConfig {
    /// The shipped configuration.
    #[uniffi::constructor]
    #[allow(clippy::should_implement_trait)]
    pub fn default() -> Arc<Self> {
        Arc::new(FeeConfig { inner: CoreConfig::default() })
    }

    /// A configuration from JSON; fields left out keep the shipped value, unknown ones are refused.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(FeeConfig { inner: CoreConfig::from_json(&text)? }))
    }

    /// The configuration as JSON, every field included.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

fn config_of(config: &Option<Arc<FeeConfig>>) -> CoreConfig {
    config.as_ref().map(|c| c.inner.clone()).unwrap_or_default()
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
    /// Why the fee is paid; `null` is `Occasion.ANNUAL`.
    #[uniffi(default)]
    pub occasion: Option<Occasion>,
    /// Rounding of the 5-decimal steps; `null` keeps the configuration's (half-even, which
    /// reproduces the published intermediates).
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

fn request(
    input: &AnnualFeeInput,
    config: &Option<Arc<FeeConfig>>,
) -> Result<(CoreConfig, AnnualFeeRequest), SportelloError> {
    let mut req = AnnualFeeRequest::new(input.year, input.subject);
    req.turnover = input.turnover.map(|t| euro_arg(t, "turnover")).transpose()?;
    if let Some(c) = &input.sede_chamber {
        req = req.sede(chamber(c, "sede_chamber")?);
    }
    req = req.units_from(input.local_units.iter().map(|(c, n)| (c.as_str(), *n)))?;
    req = req.surcharges_from(input.surcharges.iter().map(|(c, r)| (c.as_str(), *r)))?;
    req.occasion = input.occasion.unwrap_or_default();
    let mut cfg = config_of(config);
    if let Some(mode) = input.step_mode {
        cfg.tables = cfg.tables.with_step_mode(mode);
    }
    Ok((cfg, req))
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
        surcharge_source: c.surcharge_source.as_str().into(),
        increased: c.increased.amount(),
        due_cents: c.due_cents.amount(),
        due: c.due.amount(),
    }
}

/// The annual fee of a subject, one amount per chamber.
#[uniffi::export(default(config = None))]
pub fn annual_fee(
    input: AnnualFeeInput,
    config: Option<Arc<FeeConfig>>,
) -> Result<AnnualFee, SportelloError> {
    let (cfg, req) = request(&input, &config)?;
    let fee = cfg.calculator().annual_fee(&req)?;
    Ok(AnnualFee {
        year: fee.year,
        subject: fee.subject,
        sede_chamber: fee.sede_chamber.as_ref().map(|c| c.to_string()),
        by_chamber: fee.by_chamber.iter().map(|(c, f)| (c.to_string(), chamber_fee(f))).collect(),
        total_due: fee.total_due.amount(),
        json: serde_json::to_string(&fee).unwrap_or_default(),
    })
}

/// Fees (whole euros) of many companies, seat and units in one chamber with one surcharge:
/// `surcharge` when given, else the table's rate for `chamber` (refused when the table does not
/// confirm it); neither is refused rather than assumed 0 %.
#[uniffi::export(default(surcharge = None, chamber = None, config = None))]
pub fn annual_fees_batch(
    year: i32,
    subjects: Vec<SubjectKind>,
    turnovers: Vec<Option<Decimal>>,
    local_units: Vec<u32>,
    surcharge: Option<Decimal>,
    chamber: Option<String>,
    config: Option<Arc<FeeConfig>>,
) -> Result<Vec<Decimal>, SportelloError> {
    let code = chamber.as_deref().map(|c| self::chamber(c, "chamber")).transpose()?;
    let calc = BatchCalculator::for_chamber(year, code.as_ref(), surcharge, &config_of(&config))?;
    let mut out = Vec::new();
    calc.fees_columns(&subjects, &turnovers, &local_units, &mut out)?;
    Ok(out.into_iter().map(Decimal::from).collect())
}

/// A deadline and the end of the +0.40 % window (none for new registrations). Every function
/// taking one checks it ([`fee_deadline`]): a window ending before `due_by` is refused.
#[derive(uniffi::Record)]
pub struct FeeDeadline {
    pub due_by: NaiveDate,
    #[uniffi(default)]
    pub window_until: Option<NaiveDate>,
}

impl From<core::Deadline> for FeeDeadline {
    fn from(d: core::Deadline) -> Self {
        FeeDeadline { due_by: d.due_by(), window_until: d.window_until() }
    }
}

impl TryFrom<&FeeDeadline> for core::Deadline {
    type Error = SportelloError;
    fn try_from(d: &FeeDeadline) -> Result<Self, SportelloError> {
        Ok(core::Deadline::new(d.due_by, d.window_until)?)
    }
}

/// A checked deadline: a `windowUntil` before `dueBy` is refused.
#[uniffi::export(default(window_until = None))]
pub fn fee_deadline(
    due_by: NaiveDate,
    window_until: Option<NaiveDate>,
) -> Result<FeeDeadline, SportelloError> {
    Ok(core::Deadline::new(due_by, window_until)?.into())
}

/// 30 June (16 June before 2020) or the next working day, and the 30-day window.
#[uniffi::export(default(config = None))]
pub fn annual_deadline(
    year: i32,
    isa: bool,
    config: Option<Arc<FeeConfig>>,
) -> Result<FeeDeadline, SportelloError> {
    Ok(config_of(&config).deadlines.annual(year, isa)?.into())
}

/// 30 days after filing a new registration (or the next working day).
#[uniffi::export(default(config = None))]
pub fn new_registration_deadline(
    filed_on: NaiveDate,
    config: Option<Arc<FeeConfig>>,
) -> Result<FeeDeadline, SportelloError> {
    Ok(config_of(&config).deadlines.new_registration(filed_on)?.into())
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
#[uniffi::export(default(config = None))]
pub fn late_payment(
    due: Decimal,
    deadline: FeeDeadline,
    paid_on: NaiveDate,
    config: Option<Arc<FeeConfig>>,
) -> Result<LatePayment, SportelloError> {
    let cfg = config_of(&config);
    let lp = core::late_payment(
        euro_arg(due, "due")?,
        &core::Deadline::try_from(&deadline)?,
        paid_on,
        &cfg.late,
        &cfg.legal_rates,
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
#[uniffi::export(default(paid_on = None, deadline = None, config = None))]
pub fn f24_rows(
    input: AnnualFeeInput,
    paid_on: Option<NaiveDate>,
    deadline: Option<FeeDeadline>,
    config: Option<Arc<FeeConfig>>,
) -> Result<Vec<F24Row>, SportelloError> {
    let (cfg, req) = request(&input, &config)?;
    let fee = cfg.calculator().annual_fee(&req)?;
    let deadline = deadline.as_ref().map(core::Deadline::try_from).transpose()?;
    Ok(core::f24_rows_paid(&fee, paid_on, deadline.as_ref(), &cfg)?
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

/// Imposta di bollo, fixed amount: EUR 16.00 (art. 7-bis c.3 DL 43/2013).
#[uniffi::export]
pub fn stamp_duty() -> Decimal {
    core::STAMP_DUTY.amount()
}

/// What a copy costs at a chamber.
#[derive(uniffi::Record)]
pub struct CopyQuote {
    pub secretarial: Decimal,
    /// Stamps due (request plus one per foglio of 4 pages, certified copies only).
    pub stamps: u32,
    pub stamp_duty: Decimal,
    pub total: Decimal,
}

/// The cost of a copy of `pages` pages at `chamber`; `certified` adds the stamp duty.
#[uniffi::export(default(certified = false, config = None))]
pub fn copy_quote(
    chamber: String,
    pages: u32,
    certified: bool,
    config: Option<Arc<FeeConfig>>,
) -> Result<CopyQuote, SportelloError> {
    let code = self::chamber(&chamber, "chamber")?;
    let q = config_of(&config).tariffs.copy_quote(&code, pages, certified)?;
    Ok(CopyQuote {
        secretarial: q.secretarial.amount(),
        stamps: q.stamps,
        stamp_duty: q.stamp_duty.amount(),
        total: q.total.amount(),
    })
}

/// What a service's declared fee costs.
#[derive(uniffi::Record)]
pub struct FeeQuote {
    pub secretarial: Decimal,
    pub stamp_duty: Decimal,
    pub total: Decimal,
}

/// What the service fee declared in JSON (`{"kind": "fixed", "secretarial": "5.00", "stamps": 1}`)
/// costs at `chamber`; `pages` counts for copies.
#[uniffi::export(default(pages = 0, config = None))]
pub fn service_fee_quote(
    service_fee_json: String,
    chamber: String,
    pages: u32,
    config: Option<Arc<FeeConfig>>,
) -> Result<FeeQuote, SportelloError> {
    let code = self::chamber(&chamber, "chamber")?;
    let q = ServiceFee::from_json(&service_fee_json)?.quote(&config_of(&config).tariffs, &code, pages)?;
    Ok(FeeQuote {
        secretarial: q.secretarial.amount(),
        stamp_duty: q.stamp_duty.amount(),
        total: q.total.amount(),
    })
}
