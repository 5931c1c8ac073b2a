//! Sharing the counter's running costs among the chambers.
//!
//! A [`AllocationPlan`] lists the participating chambers with their drivers (registered
//! businesses, services activated, consumption units) and the cost pools of a year, each with a
//! [`Driver`] and optional [`Band`]s chosen by the number of services a chamber has activated.
//! [`allocate`] shares each pool in proportion to the driver, clamps each share to its band and
//! re-spreads the rest among the unclamped chambers until the pool is exactly covered, computed
//! exactly (see the solver notes below), then rounds to cents by largest remainder so that the
//! amounts add up exactly to the pool and no band is broken. A plan whose bands cannot cover a
//! pool is refused with the figures ([`AllocationError::Infeasible`]); a [`Sponsor`] may cover
//! what the maximums leave uncovered.
//!
//! Source: counter-2013 ("Running costs 2014 and how they are shared"): EUR 182,000 maintenance
//! and about EUR 70,000 development of new services, distributed "by number of registered
//! businesses and by number of services activated", with bands of EUR 2,500-15,000 for the
//! minimum package of 3 services and EUR 5,000-54,400 for 3 to 10 services; the user-assistance
//! contract "by consumption". The reference leaves open which band 3 services fall into, whether
//! the bands bound each pool or the total, and how a chamber outside every band is treated; all
//! three are data of the plan here (bands per pool, ranges as given, a chamber outside every band
//! refused with [`AllocationError::NoBand`]).
//!
//! ## Rules the engine applies
//!
//! - A participant's exact share is `clamp(λ·driver, min, max)`, the same water level `λ` for
//!   everyone in the pool, chosen so that the shares add up to the pool. A participant whose
//!   driver is zero pays its band minimum (zero without bands).
//! - Cents: each share is rounded down, then the missing cents go one each to the largest
//!   remainders; equal remainders go to the lowest chamber code first. Every amount is within one
//!   cent of the exact share, inside its band, and the amounts add up exactly to the pool.
//! - Infeasible: the band minimums add up to more than the pool, or the maximums the
//!   participants can reach add up to less. With a sponsor, the second case puts every
//!   participant at its maximum and the sponsor covers the rest (up to its cap, if any).
//!
//! ```
//! use sportello::allocation::{allocate, AllocationPlan};
//! use sportello::chamber::ChamberCode;
//!
//! let plan = AllocationPlan::from_json(r#"{"year": 2014,
//!   "participants": [{"chamber": "MI", "businesses": 356824}, {"chamber": "LC", "businesses": 26935}],
//!   "pools": [{"name": "maintenance", "amount": "10000", "driver": "businesses"}]}"#)?;
//! let a = allocate(&plan)?;
//! let (mi, lc): (ChamberCode, ChamberCode) = ("MI".parse().unwrap(), "LC".parse().unwrap());
//! // exact shares 9,298.1272... and 701.8727...: the missing cent goes to the larger remainder
//! assert_eq!(a.amount("maintenance", &mi)?.to_string(), "9298.13");
//! assert_eq!(a.amount("maintenance", &lc)?.to_string(), "701.87");
//! # Ok::<(), sportello::allocation::AllocationError>(())
//! ```
//!
//! ## The 2014 example
//!
//! [`lombardy_2014`] is the 2014 plan of the reference with the Lombardy chambers whose 2013
//! registered-business counts are sourced (procedure-law §8.1); the others are listed as excluded
//! with the reason, not estimated.

mod error;
mod plan;
mod solver;
mod statement;

use rust_decimal::Decimal;

pub use error::AllocationError;
pub use plan::{
    AllocationPlan, Band, Driver, Exclusion, Participant, Pool, Sponsor, MAX_AMOUNT_EUROS, MAX_DRIVER,
};
pub use statement::{
    Allocation, AllocationLine, Bound, ChamberTotal, PoolAllocation, SponsorShare, Statement, StatementLine,
};

use crate::money::Euro;
use solver::{Item, SolveError};

/// The shipped 2014 plan (JSON), see [`lombardy_2014`].
pub const LOMBARDY_2014_JSON: &str = include_str!("../../data/allocation/lombardy-2014.json");

/// The 2014 running-cost plan of the Lombardy counter (counter-2013), with the six chambers whose
/// 2013 registered-business counts are sourced in procedure-law §8.1 (MI, BS, BG, MB, PV, LC; the
/// Pavia figure is derived, as the reference says). Sondrio, Varese, Como, Mantova, Cremona and
/// Lodi are listed in [`AllocationPlan::excluded`] because their 2013 counts are unconfirmed.
///
/// Services activated: 3 for every chamber, the three services online from September 2013
/// (access to records, complaints, annual fee); per-chamber counts for 2014 are not in the
/// reference. With the minimum-package band (EUR 2,500-15,000) the six chambers can cover at most
/// EUR 90,000 of the EUR 182,000 maintenance pool: [`allocate`] refuses the plan unless a sponsor
/// is added ([`AllocationPlan::with_sponsor`]).
pub fn lombardy_2014() -> Result<AllocationPlan, AllocationError> {
    AllocationPlan::from_json(LOMBARDY_2014_JSON)
}

fn euro_of_cents(cents: u128) -> Result<Euro, SolveError> {
    let c = i128::try_from(cents).map_err(|_| SolveError::Overflow)?;
    Decimal::try_from_i128_with_scale(c, 2).map(Euro::new).map_err(|_| SolveError::Overflow)
}

/// `num / den` with `decimals` decimals, half to even (for display figures only).
fn ratio(num: u128, den: u128, decimals: u32) -> Result<Decimal, SolveError> {
    if den == 0 {
        return Ok(Decimal::ZERO);
    }
    let scaled = num.checked_mul(10u128.pow(decimals)).ok_or(SolveError::Overflow)?;
    let (q, r) = (scaled / den, scaled % den);
    let twice = r.checked_mul(2).ok_or(SolveError::Overflow)?;
    let q = if twice > den || (twice == den && q % 2 == 1) { q + 1 } else { q };
    let q = i128::try_from(q).map_err(|_| SolveError::Overflow)?;
    Decimal::try_from_i128_with_scale(q, decimals).map_err(|_| SolveError::Overflow)
}

fn cents_of(e: Euro) -> u64 {
    // Validated plans hold non-negative whole cents within MAX_AMOUNT_EUROS.
    e.to_cents().and_then(|c| u64::try_from(c).ok()).unwrap_or(0)
}

/// Shares every pool of the plan among its participants.
///
/// Errors: [`AllocationError::Infeasible`] with the pool, its amount and the sums of the minimums
/// and maximums; [`AllocationError::SponsorCapExceeded`]; [`AllocationError::Overflow`] only
/// outside the documented limits.
pub fn allocate(plan: &AllocationPlan) -> Result<Allocation, AllocationError> {
    let participants = plan.participants();
    let mut order: Vec<usize> = (0..participants.len()).collect();
    order.sort_by(|&a, &b| participants[a].chamber.cmp(&participants[b].chamber));
    let mut rank = vec![0usize; participants.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    let mut pools = Vec::with_capacity(plan.pools().len());
    let mut sponsored_total = 0u128;
    let mut totals = vec![0u128; participants.len()];
    for pool in plan.pools() {
        let overflow = || AllocationError::Overflow { pool: pool.name.clone() };
        let mut items = Vec::with_capacity(participants.len());
        let mut bands = Vec::with_capacity(participants.len());
        let mut driver_total = 0u128;
        for (i, p) in participants.iter().enumerate() {
            let weight = pool.driver.value_of(p).ok_or_else(|| AllocationError::MissingDriver {
                pool: pool.name.clone(),
                chamber: p.chamber.clone(),
                driver: pool.driver,
            })?;
            let band = match (pool.bands.is_empty(), p.services) {
                (true, _) => None,
                (false, Some(s)) => Some(*pool.band_for(s).ok_or_else(|| AllocationError::NoBand {
                    pool: pool.name.clone(),
                    chamber: p.chamber.clone(),
                    services: s,
                })?),
                (false, None) => {
                    return Err(AllocationError::MissingDriver {
                        pool: pool.name.clone(),
                        chamber: p.chamber.clone(),
                        driver: Driver::Services,
                    })
                }
            };
            driver_total += u128::from(weight);
            items.push(Item {
                weight,
                min: band.map(|b| cents_of(b.min)).unwrap_or(0),
                max: band.map(|b| cents_of(b.max)),
                rank: rank[i],
            });
            bands.push(band);
        }
        let solution =
            solver::solve(cents_of(pool.amount), &items, plan.sponsor().is_some()).map_err(|e| match e {
                SolveError::Infeasible { minimums, maximums } => {
                    match (euro_of_cents(minimums), maximums.map(euro_of_cents).transpose()) {
                        (Ok(minimums), Ok(maximums)) => AllocationError::Infeasible {
                            pool: pool.name.clone(),
                            amount: pool.amount,
                            minimums,
                            maximums,
                        },
                        _ => overflow(),
                    }
                }
                SolveError::Overflow => overflow(),
            })?;
        let mut lines = Vec::with_capacity(participants.len());
        let mut charged = 0u128;
        for (i, (p, share)) in participants.iter().zip(&solution.shares).enumerate() {
            let cents = u128::from(share.cents);
            charged += cents;
            totals[i] += cents;
            lines.push(AllocationLine {
                chamber: p.chamber.clone(),
                driver_value: items[i].weight,
                driver_share: ratio(u128::from(items[i].weight), driver_total, 6).map_err(|_| overflow())?,
                band: bands[i],
                unrounded: ratio(
                    share.numerator,
                    share.denominator.checked_mul(100).ok_or_else(overflow)?,
                    6,
                )
                .map_err(|_| overflow())?,
                clamped: share.clamped,
                amount: euro_of_cents(cents).map_err(|_| overflow())?,
            });
        }
        sponsored_total += u128::from(solution.sponsor);
        pools.push(PoolAllocation {
            name: pool.name.clone(),
            driver: pool.driver,
            amount: pool.amount,
            driver_total: u64::try_from(driver_total).map_err(|_| overflow())?,
            lines,
            charged: euro_of_cents(charged).map_err(|_| overflow())?,
            sponsored: euro_of_cents(u128::from(solution.sponsor)).map_err(|_| overflow())?,
        });
    }

    let plan_overflow = || AllocationError::Overflow { pool: String::new() };
    let sponsor = match plan.sponsor() {
        Some(s) => {
            let amount = euro_of_cents(sponsored_total).map_err(|_| plan_overflow())?;
            if let Some(cap) = s.cap.filter(|cap| amount > *cap) {
                return Err(AllocationError::SponsorCapExceeded {
                    sponsor: s.name.clone(),
                    cap,
                    needed: amount,
                });
            }
            Some(SponsorShare { name: s.name.clone(), cap: s.cap, amount })
        }
        None => None,
    };
    let mut chamber_totals = Vec::with_capacity(participants.len());
    let mut total = Euro::ZERO;
    for (p, cents) in participants.iter().zip(totals) {
        let amount = euro_of_cents(cents).map_err(|_| plan_overflow())?;
        total += amount;
        chamber_totals.push(ChamberTotal { chamber: p.chamber.clone(), amount });
    }
    Ok(Allocation::new(
        plan.year(),
        pools,
        sponsor,
        chamber_totals,
        total,
        plan.excluded().to_vec(),
        plan.note().map(str::to_string),
    ))
}

#[cfg(test)]
mod tests;
