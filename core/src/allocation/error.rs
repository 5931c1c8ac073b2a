//! Why a plan is refused or cannot be allocated.

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::plan::Driver;

/// Why an allocation plan is refused, or why its pools cannot be covered.
///
/// Every variant names the pool, the chamber or the field that broke the rule, with the figures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    /// The bands cannot cover the pool: either the minimums add up to more than the pool, or the
    /// maximums the participants can reach add up to less (and no sponsor covers the rest).
    ///
    /// `maximums` is `None` when at least one participant with a positive driver has no upper
    /// bound (then only the minimums can make the plan infeasible).
    #[error("{}", infeasible_message(pool, *amount, *minimums, *maximums))]
    Infeasible {
        /// The pool that cannot be covered.
        pool: String,
        /// The pool amount.
        amount: Euro,
        /// Sum of the minimums of the participants' bands.
        minimums: Euro,
        /// Sum of what the participants can pay at most: the band maximum of each participant
        /// with a positive driver, the band minimum of each participant whose driver is zero.
        maximums: Option<Euro>,
    },
    /// The sponsor would have to cover more than its cap.
    #[error("sponsor {sponsor:?} would have to cover EUR {needed}, more than its cap of EUR {cap}")]
    SponsorCapExceeded {
        /// The sponsor's name.
        sponsor: String,
        /// The cap of the sponsor.
        cap: Euro,
        /// What the bands leave uncovered, summed over the pools.
        needed: Euro,
    },
    /// A plan without participants.
    #[error("the plan has no participants")]
    NoParticipants,
    /// A plan without pools.
    #[error("the plan has no cost pools")]
    NoPools,
    /// The same chamber appears twice among the participants.
    #[error("chamber {chamber} appears more than once among the participants")]
    DuplicateChamber {
        /// The repeated chamber.
        chamber: ChamberCode,
    },
    /// A chamber is listed both as a participant and as excluded.
    #[error("chamber {chamber} is listed both as a participant and as excluded")]
    ExcludedParticipant {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// A pool without a name.
    #[error("pool #{index} has an empty name")]
    EmptyPoolName {
        /// Position of the pool in the plan (from 0).
        index: usize,
    },
    /// Two pools with the same name.
    #[error("pool {pool:?} appears more than once")]
    DuplicatePool {
        /// The repeated name.
        pool: String,
    },
    /// A sponsor without a name.
    #[error("the sponsor has an empty name")]
    EmptySponsorName,
    /// An amount below zero.
    #[error("{field} of {owner:?} must not be negative, got EUR {amount}")]
    NegativeAmount {
        /// The pool (or sponsor) that carries the amount.
        owner: String,
        /// `amount`, `min`, `max` or `cap`.
        field: &'static str,
        /// The amount given.
        amount: Euro,
    },
    /// An amount with fractions of a cent: pools, bands and caps are in whole cents, so the
    /// rounded shares can add up exactly.
    #[error("{field} of {owner:?} must be in whole cents, got EUR {amount}")]
    NotWholeCents {
        /// The pool (or sponsor) that carries the amount.
        owner: String,
        /// `amount`, `min`, `max` or `cap`.
        field: &'static str,
        /// The amount given.
        amount: Euro,
    },
    /// An amount above the range the exact solver works in ([`MAX_AMOUNT_EUROS`]).
    ///
    /// [`MAX_AMOUNT_EUROS`]: super::MAX_AMOUNT_EUROS
    #[error("{field} of {owner:?} is EUR {amount}, above the supported EUR {max}")]
    AmountTooLarge {
        /// The pool (or sponsor) that carries the amount.
        owner: String,
        /// `amount`, `min`, `max` or `cap`.
        field: &'static str,
        /// The amount given.
        amount: Euro,
        /// The largest amount supported.
        max: Euro,
    },
    /// A driver value above the range the exact solver works in ([`MAX_DRIVER`]).
    ///
    /// [`MAX_DRIVER`]: super::MAX_DRIVER
    #[error("{driver} of chamber {chamber} is {value}, above the supported {max}")]
    DriverTooLarge {
        /// The chamber.
        chamber: ChamberCode,
        /// The driver.
        driver: Driver,
        /// The value given.
        value: u64,
        /// The largest value supported.
        max: u64,
    },
    /// A band whose minimum is above its maximum.
    #[error("band {services_from}-{services_to} of pool {pool:?}: min EUR {min} is above max EUR {max}")]
    BandMinAboveMax {
        /// The pool.
        pool: String,
        /// First services count of the band.
        services_from: u32,
        /// Last services count of the band.
        services_to: u32,
        /// The band minimum.
        min: Euro,
        /// The band maximum.
        max: Euro,
    },
    /// A band whose services range is reversed.
    #[error("band of pool {pool:?}: services_from {services_from} is above services_to {services_to}")]
    BandRangeReversed {
        /// The pool.
        pool: String,
        /// First services count of the band.
        services_from: u32,
        /// Last services count of the band.
        services_to: u32,
    },
    /// Two bands of a pool cover the same number of services.
    #[error("pool {pool:?}: bands {first_from}-{first_to} and {second_from}-{second_to} overlap")]
    OverlappingBands {
        /// The pool.
        pool: String,
        /// Range of the first band.
        first_from: u32,
        /// Range of the first band.
        first_to: u32,
        /// Range of the second band.
        second_from: u32,
        /// Range of the second band.
        second_to: u32,
    },
    /// A pool has bands, but none covers the number of services of a chamber.
    #[error("pool {pool:?} has no band for chamber {chamber} with {services} services activated")]
    NoBand {
        /// The pool.
        pool: String,
        /// The chamber.
        chamber: ChamberCode,
        /// Its number of services activated.
        services: u32,
    },
    /// A pool needs a driver value that a participant does not give.
    #[error("pool {pool:?} needs the {driver} of chamber {chamber}, which the plan does not give")]
    MissingDriver {
        /// The pool.
        pool: String,
        /// The chamber.
        chamber: ChamberCode,
        /// The missing driver (`services` also when the pool has bands).
        driver: Driver,
    },
    /// A driver name that is not `businesses`, `services`, `consumption` or `equal`.
    #[error("driver {text:?} is unknown (expected businesses, services, consumption or equal)")]
    UnknownDriver {
        /// The text as given.
        text: String,
    },
    /// The pool named in a lookup is not in the allocation.
    #[error("pool {pool:?} is not in the allocation")]
    UnknownPool {
        /// The name given.
        pool: String,
    },
    /// The chamber named in a lookup is not a participant.
    #[error("chamber {chamber} is not a participant of the allocation")]
    UnknownChamber {
        /// The chamber given.
        chamber: ChamberCode,
    },
    /// The plan text is not a valid plan document (JSON syntax, shape or field format).
    #[error("the plan is not a valid document: {message}")]
    Malformed {
        /// What the reader reported, with line and column.
        message: String,
    },
    /// An intermediate product left the exact integer range (cannot happen within the
    /// documented limits; reported rather than rounded).
    #[error("pool {pool:?}: exact arithmetic overflow")]
    Overflow {
        /// The pool.
        pool: String,
    },
}

fn infeasible_message(pool: &str, amount: Euro, minimums: Euro, maximums: Option<Euro>) -> String {
    if amount < minimums {
        format!(
            "pool {pool:?} of EUR {amount} cannot be covered: the band minimums add up to EUR {minimums}, \
             more than the pool"
        )
    } else {
        let max = maximums.map(|m| m.to_string()).unwrap_or_else(|| "unbounded".into());
        format!(
            "pool {pool:?} of EUR {amount} cannot be covered: the participants can pay at most EUR {max} \
             within their bands, and no sponsor covers the rest"
        )
    }
}

impl AllocationError {
    /// The rule that failed, as a stable snake_case name (`infeasible`, `no_band`, ...), for
    /// callers that branch on it (the bindings expose it as `rule`).
    pub fn rule(&self) -> &'static str {
        use AllocationError as E;
        match self {
            E::Infeasible { .. } => "infeasible",
            E::SponsorCapExceeded { .. } => "sponsor_cap",
            E::NoParticipants => "no_participants",
            E::NoPools => "no_pools",
            E::DuplicateChamber { .. } => "duplicate_chamber",
            E::ExcludedParticipant { .. } => "excluded_participant",
            E::EmptyPoolName { .. } => "empty_pool_name",
            E::DuplicatePool { .. } => "duplicate_pool",
            E::EmptySponsorName => "empty_sponsor_name",
            E::NegativeAmount { .. } => "non_negative",
            E::NotWholeCents { .. } => "whole_cents",
            E::AmountTooLarge { .. } => "amount_range",
            E::DriverTooLarge { .. } => "driver_range",
            E::BandMinAboveMax { .. } => "band_min_above_max",
            E::BandRangeReversed { .. } => "band_range_reversed",
            E::OverlappingBands { .. } => "overlapping_bands",
            E::NoBand { .. } => "no_band",
            E::MissingDriver { .. } => "missing_driver",
            E::UnknownDriver { .. } => "unknown_driver",
            E::UnknownPool { .. } => "unknown_pool",
            E::UnknownChamber { .. } => "unknown_chamber",
            E::Malformed { .. } => "malformed",
            E::Overflow { .. } => "overflow",
        }
    }

    /// The field of the plan the rule is about (`amount`, `min`, `max`, `cap`, `bands`,
    /// `participants`, `pools`, a driver name, `sponsor`, `chamber`, `pool`, `plan`).
    pub fn field(&self) -> String {
        use AllocationError as E;
        match self {
            E::Infeasible { .. } | E::Overflow { .. } => "pools".into(),
            E::SponsorCapExceeded { .. } => "cap".into(),
            E::NoParticipants | E::DuplicateChamber { .. } | E::ExcludedParticipant { .. } => {
                "participants".into()
            }
            E::NoPools | E::EmptyPoolName { .. } | E::DuplicatePool { .. } => "pools".into(),
            E::EmptySponsorName => "sponsor".into(),
            E::NegativeAmount { field, .. }
            | E::NotWholeCents { field, .. }
            | E::AmountTooLarge { field, .. } => (*field).into(),
            E::DriverTooLarge { driver, .. } | E::MissingDriver { driver, .. } => driver.as_str().into(),
            E::BandMinAboveMax { .. }
            | E::BandRangeReversed { .. }
            | E::OverlappingBands { .. }
            | E::NoBand { .. } => "bands".into(),
            E::UnknownDriver { .. } => "driver".into(),
            E::UnknownPool { .. } => "pool".into(),
            E::UnknownChamber { .. } => "chamber".into(),
            E::Malformed { .. } => "plan".into(),
        }
    }
}
