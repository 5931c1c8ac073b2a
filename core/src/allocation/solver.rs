//! The exact clamped proportional share of one pool, then cents by largest remainder.
//!
//! Each participant `i` has a driver `w_i`, a minimum `lo_i` and a maximum `hi_i` (or none), all
//! integers (cents). The shares are `s_i = clamp(λ·w_i, lo_i, hi_i)` for the one water level `λ`
//! at which `Σ s_i` is exactly the pool: this is the fixed point of "share by the driver, clamp to
//! the band, re-spread the rest among the unclamped ones", computed exactly.
//!
//! `f(λ) = Σ clamp(λ·w_i, lo_i, hi_i)` is continuous, non-decreasing and piecewise linear, with
//! breakpoints at `lo_i/w_i` (participant `i` leaves its minimum) and `hi_i/w_i` (it reaches its
//! maximum). The solver sorts the breakpoints (exact rational comparison by cross
//! multiplication) and sweeps them keeping `f(λ) = C + λ·S` on the current segment (`C` the sum of
//! the clamped amounts, `S` the sum of the free drivers), stopping in the segment where `f` reaches
//! the pool: `λ = (P − C)/S`, a fraction of two integers. Everything is integer arithmetic in
//! 128 bits, checked: `O(n log n)`, no floating point, no iteration to convergence.
//!
//! Cents: each free share `λ·w_i = x_i/S` is split into `⌊x_i/S⌋` cents and a remainder
//! `x_i mod S`; the cents still missing to reach the pool go one each to the largest remainders,
//! ties broken by chamber code (ascending), so the result does not depend on the participants'
//! order. Bounds are whole cents, so a share strictly inside its band rounds to a value inside it.
//!
//! Monotonicity (tested as a property): raising one participant's driver lowers the level `λ`,
//! so every other exact share stays or falls while its own rises. Largest remainder is known for
//! the "population paradox" when several drivers move at once; with one driver rising it cannot
//! lose a cent: another participant can only overtake its remainder by dropping a whole cent,
//! which adds one cent to those handed out.

use std::cmp::{Ordering, Reverse};

use super::statement::Bound;

/// One participant as the solver sees it: driver and band, in cents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub weight: u64,
    pub min: u64,
    pub max: Option<u64>,
    /// Position of the participant's chamber code in ascending order (the tie-break).
    pub rank: usize,
}

/// A participant's exact share (a fraction of cents) and its cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Share {
    pub numerator: u128,
    pub denominator: u128,
    pub clamped: Option<Bound>,
    pub cents: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Solution {
    pub shares: Vec<Share>,
    /// What the sponsor covers (zero without a shortfall).
    pub sponsor: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SolveError {
    Infeasible { minimums: u128, maximums: Option<u128> },
    Overflow,
}

type R<T> = Result<T, SolveError>;

fn add(a: u128, b: u128) -> R<u128> {
    a.checked_add(b).ok_or(SolveError::Overflow)
}
fn sub(a: u128, b: u128) -> R<u128> {
    a.checked_sub(b).ok_or(SolveError::Overflow)
}
fn mul(a: u128, b: u128) -> R<u128> {
    a.checked_mul(b).ok_or(SolveError::Overflow)
}

#[derive(Debug, Clone, Copy)]
struct Breakpoint {
    /// The bound in cents (numerator of `λ`).
    bound: u64,
    /// The driver (denominator of `λ`).
    weight: u64,
    index: usize,
    enters: bool,
}

impl Breakpoint {
    fn cmp_level(&self, other: &Breakpoint) -> Ordering {
        // bound/weight vs other.bound/other.weight; u64 x u64 always fits in u128.
        (u128::from(self.bound) * u128::from(other.weight))
            .cmp(&(u128::from(other.bound) * u128::from(self.weight)))
    }
}

/// Shares `amount` cents among `items`; with `sponsored`, a shortfall above the maximums goes to
/// the sponsor instead of being an error.
pub(crate) fn solve(amount: u64, items: &[Item], sponsored: bool) -> R<Solution> {
    let pool = u128::from(amount);
    let mut minimums = 0u128;
    let mut maximums = Some(0u128);
    for it in items {
        minimums = add(minimums, u128::from(it.min))?;
        let reach = if it.weight == 0 { Some(it.min) } else { it.max };
        maximums = match (maximums, reach) {
            (Some(m), Some(r)) => Some(add(m, u128::from(r))?),
            _ => None,
        };
    }
    if pool < minimums {
        return Err(SolveError::Infeasible { minimums, maximums });
    }
    if let Some(max) = maximums.filter(|m| pool > *m) {
        if !sponsored {
            return Err(SolveError::Infeasible { minimums, maximums });
        }
        let shares = items
            .iter()
            .map(|it| {
                let (cents, clamped) = match (it.weight, it.max) {
                    (0, _) => (it.min, (it.min > 0).then_some(Bound::Min)),
                    (_, Some(hi)) => (hi, Some(Bound::Max)),
                    (_, None) => (it.min, None), // unreachable: an unbounded item makes `maximums` None
                };
                Share { numerator: u128::from(cents), denominator: 1, clamped, cents }
            })
            .collect();
        let sponsor = u64::try_from(sub(pool, max)?).map_err(|_| SolveError::Overflow)?;
        return Ok(Solution { shares, sponsor });
    }
    let (num, den) = water_level(pool, minimums, items)?;
    let shares = round_to_cents(pool, num, den, items)?;
    Ok(Solution { shares, sponsor: 0 })
}

/// The water level `λ = num/den` at which the clamped shares add up to `pool`
/// (`minimums <= pool <= maximums` holds).
fn water_level(pool: u128, minimums: u128, items: &[Item]) -> R<(u128, u128)> {
    let mut points: Vec<Breakpoint> = Vec::with_capacity(items.len() * 2);
    for (index, it) in items.iter().enumerate() {
        if it.weight == 0 {
            continue;
        }
        points.push(Breakpoint { bound: it.min, weight: it.weight, index, enters: true });
        if let Some(max) = it.max {
            points.push(Breakpoint { bound: max, weight: it.weight, index, enters: false });
        }
    }
    points.sort_unstable_by(|a, b| a.cmp_level(b).then(b.enters.cmp(&a.enters)));

    let mut clamped_sum = minimums; // C: everyone starts at the minimum (λ = 0)
    let mut free_weight = 0u128; // S
    let mut last = (0u128, 1u128);
    for p in &points {
        let (n, d) = (u128::from(p.bound), u128::from(p.weight));
        // Does f reach the pool on the segment ending at n/d?  C + (n/d)·S >= P
        if free_weight > 0 && add(mul(clamped_sum, d)?, mul(n, free_weight)?)? >= mul(pool, d)? {
            return Ok((sub(pool, clamped_sum)?, free_weight));
        }
        let it = items[p.index];
        let w = u128::from(it.weight);
        if p.enters {
            clamped_sum = sub(clamped_sum, u128::from(it.min))?;
            free_weight = add(free_weight, w)?;
        } else {
            clamped_sum = add(clamped_sum, u128::from(p.bound))?;
            free_weight = sub(free_weight, w)?;
        }
        last = (n, d);
    }
    if free_weight > 0 {
        Ok((sub(pool, clamped_sum)?, free_weight))
    } else {
        // Every driven participant is at its maximum and the pool equals the maximums: any level
        // from the last breakpoint on gives the same shares.
        Ok(last)
    }
}

fn round_to_cents(pool: u128, num: u128, den: u128, items: &[Item]) -> R<Vec<Share>> {
    let mut shares = Vec::with_capacity(items.len());
    let mut remainders: Vec<(u128, usize, usize)> = Vec::new(); // (remainder, rank, index)
    let mut placed = 0u128;
    for (index, it) in items.iter().enumerate() {
        let x = mul(num, u128::from(it.weight))?;
        let lo = mul(u128::from(it.min), den)?;
        let max_hit = match it.max {
            Some(hi) if x > mul(u128::from(hi), den)? => Some(hi),
            _ => None,
        };
        let share = if x < lo {
            Share { numerator: u128::from(it.min), denominator: 1, clamped: Some(Bound::Min), cents: it.min }
        } else if let Some(hi) = max_hit {
            Share { numerator: u128::from(hi), denominator: 1, clamped: Some(Bound::Max), cents: hi }
        } else {
            let q = x / den;
            let r = x % den;
            if r > 0 {
                remainders.push((r, it.rank, index));
            }
            let cents = u64::try_from(q).map_err(|_| SolveError::Overflow)?;
            Share { numerator: x, denominator: den, clamped: None, cents }
        };
        placed = add(placed, u128::from(share.cents))?;
        shares.push(share);
    }
    let missing = usize::try_from(sub(pool, placed)?).map_err(|_| SolveError::Overflow)?;
    if missing > remainders.len() {
        // The remainders add up to exactly `missing` cents, each below one: impossible unless
        // the arithmetic is wrong. Refuse rather than publish a sum that is off.
        return Err(SolveError::Overflow);
    }
    if missing > 0 {
        remainders.sort_unstable_by_key(|&(r, rank, _)| (Reverse(r), rank));
        for &(_, _, index) in &remainders[..missing] {
            shares[index].cents += 1;
        }
    }
    Ok(shares)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(weight: u64, min: u64, max: Option<u64>, rank: usize) -> Item {
        Item { weight, min, max, rank }
    }

    #[test]
    fn an_unbounded_pool_is_shared_in_proportion() {
        let items = [item(1, 0, None, 0), item(3, 0, None, 1)];
        let s = solve(400, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![100, 300]);
    }

    #[test]
    fn a_clamped_participant_leaves_the_rest_to_the_others() {
        // 1000 by 8:1:1 would give 800:100:100; the first is capped at 500, the rest re-spread.
        let items = [item(8, 0, Some(500), 0), item(1, 0, None, 1), item(1, 0, None, 2)];
        let s = solve(1000, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![500, 250, 250]);
        assert_eq!(s.shares[0].clamped, Some(Bound::Max));
    }

    #[test]
    fn a_minimum_lifts_a_small_participant_and_lowers_the_others() {
        let items = [item(1, 300, None, 0), item(9, 0, None, 1)];
        let s = solve(1000, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![300, 700]);
        assert_eq!(s.shares[0].clamped, Some(Bound::Min));
    }

    #[test]
    fn thirds_of_a_cent_go_to_the_lowest_codes() {
        let items = [item(1, 0, None, 2), item(1, 0, None, 0), item(1, 0, None, 1)];
        let s = solve(100, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![33, 34, 33]);
    }

    #[test]
    fn a_pool_equal_to_the_minimums_puts_everyone_at_the_minimum() {
        let items = [item(5, 200, Some(900), 0), item(1, 300, Some(900), 1)];
        let s = solve(500, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![200, 300]);
    }

    #[test]
    fn a_pool_equal_to_the_maximums_puts_everyone_at_the_maximum() {
        let items = [item(5, 0, Some(200), 0), item(1, 0, Some(300), 1)];
        let s = solve(500, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![200, 300]);
    }

    #[test]
    fn a_zero_driver_pays_its_minimum_only() {
        let items = [item(0, 100, Some(900), 0), item(2, 0, None, 1)];
        let s = solve(1000, &items, false).unwrap();
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![100, 900]);
        let only_zero = [item(0, 0, None, 0)];
        assert_eq!(
            solve(1, &only_zero, false),
            Err(SolveError::Infeasible { minimums: 0, maximums: Some(0) })
        );
    }

    #[test]
    fn infeasible_on_both_sides_reports_the_sums() {
        let items = [item(1, 100, Some(200), 0), item(1, 100, Some(200), 1)];
        assert_eq!(
            solve(199, &items, false),
            Err(SolveError::Infeasible { minimums: 200, maximums: Some(400) })
        );
        assert_eq!(
            solve(401, &items, false),
            Err(SolveError::Infeasible { minimums: 200, maximums: Some(400) })
        );
        let s = solve(401, &items, true).unwrap();
        assert_eq!(s.sponsor, 1);
        assert_eq!(s.shares.iter().map(|s| s.cents).collect::<Vec<_>>(), vec![200, 200]);
    }
}
