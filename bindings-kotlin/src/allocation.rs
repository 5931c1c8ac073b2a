//! Kotlin surface of `sportello::allocation`: plans, `allocate`, allocations and statements.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use sportello::allocation as core;
use sportello::allocation::{Bound, Driver};
use sportello::chamber::ChamberCode;
use sportello::money::Euro;

use crate::SportelloError;

impl From<core::AllocationError> for SportelloError {
    fn from(e: core::AllocationError) -> Self {
        if let core::AllocationError::Infeasible { pool, amount, minimums, maximums } = &e {
            return SportelloError::AllocationInfeasible {
                pool: pool.clone(),
                amount: amount.amount(),
                minimums: minimums.amount(),
                maximums: maximums.map(Euro::amount),
                reason: e.to_string(),
            };
        }
        SportelloError::InvalidAllocation { rule: e.rule().into(), field: e.field(), reason: e.to_string() }
    }
}

fn chamber(text: &str) -> Result<ChamberCode, SportelloError> {
    text.parse().map_err(|e: sportello::chamber::ChamberCodeError| SportelloError::InvalidAllocation {
        rule: e.rule().into(),
        field: "chamber".into(),
        reason: e.to_string(),
    })
}

/// What a pool is shared by (mirrors `sportello::allocation::Driver`).
#[uniffi::remote(Enum)]
pub enum Driver {
    Businesses,
    Services,
    Consumption,
    Equal,
}

/// The band bound a share was clamped to (mirrors `sportello::allocation::Bound`).
#[uniffi::remote(Enum)]
pub enum Bound {
    Min,
    Max,
}

/// A participating chamber and its drivers (null when the plan does not need them).
#[derive(uniffi::Record)]
pub struct ParticipantInput {
    pub chamber: String,
    pub businesses: Option<u64>,
    pub services: Option<u32>,
    pub consumption: Option<u64>,
    pub source: Option<String>,
}

/// A band by services activated.
#[derive(uniffi::Record)]
pub struct BandInput {
    pub services_from: u32,
    pub services_to: u32,
    pub min: Decimal,
    pub max: Decimal,
}

/// A cost pool.
#[derive(uniffi::Record)]
pub struct PoolInput {
    pub name: String,
    pub amount: Decimal,
    pub driver: Driver,
    pub bands: Vec<BandInput>,
}

/// Who covers what the bands cannot, up to `cap` (null: no cap).
#[derive(uniffi::Record)]
pub struct SponsorInput {
    pub name: String,
    pub cap: Option<Decimal>,
}

/// A chamber left out of a plan, and why (e.g. its business count is not sourced).
#[derive(uniffi::Record)]
pub struct Exclusion {
    pub chamber: String,
    pub reason: String,
}

/// A validated cost-allocation plan for one year.
#[derive(uniffi::Object)]
pub struct AllocationPlan {
    inner: core::AllocationPlan,
}

#[uniffi::export]
impl AllocationPlan {
    /// Validates and builds a plan.
    #[uniffi::constructor]
    pub fn new(
        year: i32,
        participants: Vec<ParticipantInput>,
        pools: Vec<PoolInput>,
        sponsor: Option<SponsorInput>,
    ) -> Result<Self, SportelloError> {
        let participants = participants
            .into_iter()
            .map(|p| {
                Ok(core::Participant {
                    chamber: chamber(&p.chamber)?,
                    businesses: p.businesses,
                    services: p.services,
                    consumption: p.consumption,
                    source: p.source,
                })
            })
            .collect::<Result<Vec<_>, SportelloError>>()?;
        let pools = pools
            .into_iter()
            .map(|p| {
                Ok(core::Pool {
                    name: p.name,
                    amount: Euro::try_new(p.amount)?,
                    driver: p.driver,
                    bands: p
                        .bands
                        .into_iter()
                        .map(|b| {
                            Ok(core::Band {
                                services_from: b.services_from,
                                services_to: b.services_to,
                                min: Euro::try_new(b.min)?,
                                max: Euro::try_new(b.max)?,
                            })
                        })
                        .collect::<Result<Vec<_>, SportelloError>>()?,
                })
            })
            .collect::<Result<Vec<_>, SportelloError>>()?;
        let sponsor = match sponsor {
            Some(s) => Some(core::Sponsor { name: s.name, cap: s.cap.map(Euro::try_new).transpose()? }),
            None => None,
        };
        Ok(AllocationPlan { inner: core::AllocationPlan::new(year, participants, pools, sponsor)? })
    }

    /// Reads a plan from its JSON document.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Self, SportelloError> {
        Ok(AllocationPlan { inner: core::AllocationPlan::from_json(&text)? })
    }

    /// The 2014 running-cost plan of the Lombardy counter (sourced chambers only).
    #[uniffi::constructor]
    pub fn lombardy_2014() -> Result<Self, SportelloError> {
        Ok(AllocationPlan { inner: core::lombardy_2014()? })
    }

    /// The same plan with a sponsor covering what the band maximums cannot.
    pub fn with_sponsor(
        &self,
        name: String,
        cap: Option<Decimal>,
    ) -> Result<Arc<AllocationPlan>, SportelloError> {
        let cap = cap.map(Euro::try_new).transpose()?;
        let inner = self.inner.clone().with_sponsor(Some(core::Sponsor { name, cap }))?;
        Ok(Arc::new(AllocationPlan { inner }))
    }

    /// The year of the plan.
    pub fn year(&self) -> i32 {
        self.inner.year()
    }

    /// The participating chambers, in the plan's order.
    pub fn chambers(&self) -> Vec<String> {
        self.inner.participants().iter().map(|p| p.chamber.to_string()).collect()
    }

    /// The pool names, in the plan's order.
    pub fn pools(&self) -> Vec<String> {
        self.inner.pools().iter().map(|p| p.name.clone()).collect()
    }

    /// The chambers left out of the plan, with the reason.
    pub fn excluded(&self) -> Vec<Exclusion> {
        self.inner
            .excluded()
            .iter()
            .map(|e| Exclusion { chamber: e.chamber.to_string(), reason: e.reason.clone() })
            .collect()
    }

    /// The plan as a JSON document.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// One chamber's part of one pool.
#[derive(uniffi::Record)]
pub struct AllocationLine {
    pub chamber: String,
    pub driver_value: u64,
    pub driver_share: Decimal,
    pub band_min: Option<Decimal>,
    pub band_max: Option<Decimal>,
    pub unrounded: Decimal,
    pub clamped: Option<Bound>,
    pub amount: Decimal,
}

/// One pool in a chamber's statement.
#[derive(uniffi::Record)]
pub struct StatementLine {
    pub pool: String,
    pub driver: Driver,
    pub pool_amount: Decimal,
    pub driver_value: u64,
    pub driver_total: u64,
    pub driver_share: Decimal,
    pub band_min: Option<Decimal>,
    pub band_max: Option<Decimal>,
    pub unrounded: Decimal,
    pub clamped: Option<Bound>,
    pub amount: Decimal,
}

/// What one chamber pays, pool by pool; `markdown` is the table for its board.
#[derive(uniffi::Record)]
pub struct Statement {
    pub year: i32,
    pub chamber: String,
    pub lines: Vec<StatementLine>,
    pub total: Decimal,
    pub markdown: String,
}

/// Every pool of a plan shared among its chambers.
#[derive(uniffi::Object)]
pub struct Allocation {
    inner: core::Allocation,
}

#[uniffi::export]
impl Allocation {
    /// The year.
    pub fn year(&self) -> i32 {
        self.inner.year()
    }

    /// What a chamber pays for a pool.
    pub fn amount(&self, pool: String, chamber: String) -> Result<Decimal, SportelloError> {
        Ok(self.inner.amount(&pool, &self::chamber(&chamber)?)?.amount())
    }

    /// Each chamber's total over all pools.
    pub fn by_chamber(&self) -> HashMap<String, Decimal> {
        self.inner.totals().iter().map(|t| (t.chamber.to_string(), t.amount.amount())).collect()
    }

    /// What the chambers pay together.
    pub fn total(&self) -> Decimal {
        self.inner.total().amount()
    }

    /// The pool names.
    pub fn pools(&self) -> Vec<String> {
        self.inner.pools().iter().map(|p| p.name.clone()).collect()
    }

    /// The lines of a pool, in the plan's order.
    pub fn lines(&self, pool: String) -> Result<Vec<AllocationLine>, SportelloError> {
        Ok(self
            .inner
            .pool(&pool)?
            .lines
            .iter()
            .map(|l| AllocationLine {
                chamber: l.chamber.to_string(),
                driver_value: l.driver_value,
                driver_share: l.driver_share,
                band_min: l.band.map(|b| b.min.amount()),
                band_max: l.band.map(|b| b.max.amount()),
                unrounded: l.unrounded,
                clamped: l.clamped,
                amount: l.amount.amount(),
            })
            .collect())
    }

    /// What the sponsor covers of a pool.
    pub fn sponsored(&self, pool: String) -> Result<Decimal, SportelloError> {
        Ok(self.inner.pool(&pool)?.sponsored.amount())
    }

    /// The sponsor's name, or null without a sponsor.
    pub fn sponsor_name(&self) -> Option<String> {
        self.inner.sponsor().map(|s| s.name.clone())
    }

    /// What the sponsor covers over all pools, or null without a sponsor.
    pub fn sponsor_amount(&self) -> Option<Decimal> {
        self.inner.sponsor().map(|s| s.amount.amount())
    }

    /// A chamber's statement.
    pub fn statement(&self, chamber: String) -> Result<Statement, SportelloError> {
        let s = self.inner.statement(&self::chamber(&chamber)?)?;
        Ok(Statement {
            year: s.year,
            chamber: s.chamber.to_string(),
            lines: s
                .lines
                .iter()
                .map(|l| StatementLine {
                    pool: l.pool.clone(),
                    driver: l.driver,
                    pool_amount: l.pool_amount.amount(),
                    driver_value: l.driver_value,
                    driver_total: l.driver_total,
                    driver_share: l.driver_share,
                    band_min: l.band.map(|b| b.min.amount()),
                    band_max: l.band.map(|b| b.max.amount()),
                    unrounded: l.unrounded,
                    clamped: l.clamped,
                    amount: l.amount.amount(),
                })
                .collect(),
            total: s.total.amount(),
            markdown: s.to_markdown(),
        })
    }

    /// One CSV row per pool and payer, with a header.
    pub fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// Markdown tables a board can read.
    pub fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// The allocation as JSON (amounts as strings).
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// Shares every pool of the plan; `SportelloException.AllocationInfeasible` when the bands
/// cannot cover a pool.
#[uniffi::export]
pub fn allocate(plan: Arc<AllocationPlan>) -> Result<Arc<Allocation>, SportelloError> {
    Ok(Arc::new(Allocation { inner: core::allocate(&plan.inner)? }))
}
