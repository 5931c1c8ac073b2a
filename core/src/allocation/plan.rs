//! The allocation plan: participants, cost pools with their driver and bands, an optional sponsor.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::error::AllocationError;

/// Largest amount (pool, band bound, sponsor cap) the exact solver accepts: EUR 10^12.
///
/// Far above any running cost of the network; it keeps every exact product inside 128 bits.
pub const MAX_AMOUNT_EUROS: i64 = 1_000_000_000_000;

/// Largest driver value (businesses, services, consumption units) the exact solver accepts: 10^12.
pub const MAX_DRIVER: u64 = 1_000_000_000_000;

/// What a pool is shared by.
///
/// counter-2013 ("Running costs 2014"): maintenance by registered businesses and services
/// activated, user assistance by consumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    /// Businesses registered with the chamber (imprese registrate).
    Businesses,
    /// Services of the counter the chamber has activated.
    Services,
    /// Consumption units (tickets handled, contacts of the user-assistance desk, ...).
    Consumption,
    /// The same share for every participant.
    Equal,
}

impl Driver {
    /// Every driver, for tables and tests.
    pub const ALL: [Driver; 4] = [Driver::Businesses, Driver::Services, Driver::Consumption, Driver::Equal];

    /// The name used in plans and reports (`businesses`, `services`, `consumption`, `equal`).
    pub fn as_str(self) -> &'static str {
        match self {
            Driver::Businesses => "businesses",
            Driver::Services => "services",
            Driver::Consumption => "consumption",
            Driver::Equal => "equal",
        }
    }

    /// The participant's value of this driver, if the plan gives it (`equal` is always 1).
    pub fn value_of(self, p: &Participant) -> Option<u64> {
        match self {
            Driver::Businesses => p.businesses,
            Driver::Services => p.services.map(u64::from),
            Driver::Consumption => p.consumption,
            Driver::Equal => Some(1),
        }
    }
}

impl fmt::Display for Driver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Driver {
    type Err = AllocationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Driver::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| AllocationError::UnknownDriver { text: s.to_string() })
    }
}

/// A chamber taking part in the plan, with its driver values.
///
/// A driver the plan does not need may be left out (`None`); a pool that needs it refuses the
/// plan ([`AllocationError::MissingDriver`]) rather than reading it as zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The chamber (2013 Lombardy codes are the province siglas: MI, BS, BG, ...).
    pub chamber: ChamberCode,
    /// Registered businesses (imprese registrate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub businesses: Option<u64>,
    /// Services of the counter activated; also chooses the band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<u32>,
    /// Consumption units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<u64>,
    /// Where the figures come from (shown in statements; a figure without a source says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Participant {
    /// A participant with no driver values yet.
    pub fn new(chamber: ChamberCode) -> Self {
        Participant { chamber, businesses: None, services: None, consumption: None, source: None }
    }

    /// Sets the registered businesses.
    pub fn with_businesses(mut self, n: u64) -> Self {
        self.businesses = Some(n);
        self
    }

    /// Sets the services activated.
    pub fn with_services(mut self, n: u32) -> Self {
        self.services = Some(n);
        self
    }

    /// Sets the consumption units.
    pub fn with_consumption(mut self, n: u64) -> Self {
        self.consumption = Some(n);
        self
    }
}

/// The range a participant's share of a pool must stay in, chosen by its services activated.
///
/// counter-2013: "minimum package of 3 services: between EUR 2,500 and EUR 15,000 per chamber;
/// from 3 to 10 services: between EUR 5,000 and EUR 54,400". The reference overlaps at 3
/// ("0-3 or 3-10"); bands are data, so a plan says which band 3 belongs to (the shipped 2014
/// plan reads 3 as the minimum package and 4-10 as the second band).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Fewest services activated for this band (inclusive).
    pub services_from: u32,
    /// Most services activated for this band (inclusive).
    pub services_to: u32,
    /// Least a participant in this band pays.
    #[serde(deserialize_with = "euro_text_or_integer")]
    pub min: Euro,
    /// Most a participant in this band pays.
    #[serde(deserialize_with = "euro_text_or_integer")]
    pub max: Euro,
}

impl Band {
    /// Whether the band applies to a number of services.
    pub fn covers(&self, services: u32) -> bool {
        (self.services_from..=self.services_to).contains(&services)
    }
}

/// A cost to share: an amount, a driver, optional bands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// The name of the pool (`maintenance`, `development`, `user_assistance`, ...).
    pub name: String,
    /// The amount to cover, in whole cents.
    #[serde(deserialize_with = "euro_text_or_integer")]
    pub amount: Euro,
    /// What the pool is shared by.
    pub driver: Driver,
    /// Bands by services activated; no bands means no bounds (0 to unbounded).
    #[serde(default)]
    pub bands: Vec<Band>,
}

impl Pool {
    /// The band that applies to a number of services, if any.
    pub fn band_for(&self, services: u32) -> Option<&Band> {
        self.bands.iter().find(|b| b.covers(services))
    }
}

/// Who covers what the bands cannot (e.g. the regional union of chambers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sponsor {
    /// The sponsor's name.
    pub name: String,
    /// The most the sponsor covers over all pools; `None` means no cap.
    #[serde(
        default,
        deserialize_with = "optional_euro_text_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub cap: Option<Euro>,
}

/// A chamber left out of the plan, with the reason (e.g. its business count is not sourced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The chamber left out.
    pub chamber: ChamberCode,
    /// Why.
    pub reason: String,
}

/// The document form of a plan, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanDocument {
    year: i32,
    participants: Vec<Participant>,
    pools: Vec<Pool>,
    #[serde(default)]
    sponsor: Option<Sponsor>,
    #[serde(default)]
    excluded: Vec<Exclusion>,
    #[serde(default)]
    note: Option<String>,
}

/// A validated plan for one year: who shares which pools, and how.
///
/// Valid by construction ([`AllocationPlan::new`], [`AllocationPlan::from_json`], or serde):
/// chambers are unique, pool names unique and non-empty, amounts non-negative whole cents within
/// [`MAX_AMOUNT_EUROS`], bands well formed and not overlapping, every driver a pool needs is
/// given, every participant falls in a band of each banded pool. Whether the pools *can be
/// covered* within the bands is decided by [`allocate`](super::allocate).
///
/// JSON shape (amounts are decimal strings; whole-euro integers are accepted on input, JSON
/// floats are refused):
///
/// ```
/// use sportello::allocation::AllocationPlan;
/// let plan = AllocationPlan::from_json(r#"{
///   "year": 2014,
///   "participants": [{"chamber": "MI", "businesses": 356824, "services": 3},
///                    {"chamber": "LC", "businesses": 26935, "services": 3}],
///   "pools": [{"name": "maintenance", "amount": "20000", "driver": "businesses",
///              "bands": [{"services_from": 3, "services_to": 3, "min": "2500", "max": "15000"}]}],
///   "sponsor": null
/// }"#)?;
/// assert_eq!(plan.participants().len(), 2);
/// # Ok::<(), sportello::allocation::AllocationError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PlanDocument")]
pub struct AllocationPlan {
    year: i32,
    participants: Vec<Participant>,
    pools: Vec<Pool>,
    sponsor: Option<Sponsor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded: Vec<Exclusion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl TryFrom<PlanDocument> for AllocationPlan {
    type Error = AllocationError;
    fn try_from(d: PlanDocument) -> Result<Self, Self::Error> {
        AllocationPlan::new(d.year, d.participants, d.pools, d.sponsor)?.with_notes(d.excluded, d.note)
    }
}

impl AllocationPlan {
    /// Validates and builds a plan.
    pub fn new(
        year: i32,
        participants: Vec<Participant>,
        pools: Vec<Pool>,
        sponsor: Option<Sponsor>,
    ) -> Result<Self, AllocationError> {
        validate(&participants, &pools, sponsor.as_ref())?;
        Ok(AllocationPlan { year, participants, pools, sponsor, excluded: Vec::new(), note: None })
    }

    /// Records the chambers left out (with the reason) and a note on the figures.
    pub fn with_notes(
        mut self,
        excluded: Vec<Exclusion>,
        note: Option<String>,
    ) -> Result<Self, AllocationError> {
        let mut seen = BTreeSet::new();
        for e in &excluded {
            if self.participants.iter().any(|p| p.chamber == e.chamber) {
                return Err(AllocationError::ExcludedParticipant { chamber: e.chamber.clone() });
            }
            if !seen.insert(&e.chamber) {
                return Err(AllocationError::DuplicateChamber { chamber: e.chamber.clone() });
            }
        }
        self.excluded = excluded;
        self.note = note;
        Ok(self)
    }

    /// The same plan with a sponsor covering what the bands cannot.
    pub fn with_sponsor(self, sponsor: Option<Sponsor>) -> Result<Self, AllocationError> {
        let AllocationPlan { year, participants, pools, excluded, note, .. } = self;
        AllocationPlan::new(year, participants, pools, sponsor)?.with_notes(excluded, note)
    }

    /// Reads and validates a plan from its JSON document.
    pub fn from_json(text: &str) -> Result<Self, AllocationError> {
        let doc: PlanDocument =
            serde_json::from_str(text).map_err(|e| AllocationError::Malformed { message: e.to_string() })?;
        AllocationPlan::try_from(doc)
    }

    /// The JSON document of the plan (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The year the plan covers.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The participants, in the plan's order.
    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// The pools, in the plan's order.
    pub fn pools(&self) -> &[Pool] {
        &self.pools
    }

    /// The sponsor, if any.
    pub fn sponsor(&self) -> Option<&Sponsor> {
        self.sponsor.as_ref()
    }

    /// Chambers left out of the plan, with the reason.
    pub fn excluded(&self) -> &[Exclusion] {
        &self.excluded
    }

    /// A note on the figures (sources, estimates).
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

fn check_amount(owner: &str, field: &'static str, amount: Euro) -> Result<(), AllocationError> {
    let owner = || owner.to_string();
    if amount.is_negative() {
        return Err(AllocationError::NegativeAmount { owner: owner(), field, amount });
    }
    let max = Euro::from_units(MAX_AMOUNT_EUROS);
    if amount > max {
        return Err(AllocationError::AmountTooLarge { owner: owner(), field, amount, max });
    }
    if amount.to_cents().is_none() {
        return Err(AllocationError::NotWholeCents { owner: owner(), field, amount });
    }
    Ok(())
}

fn validate(
    participants: &[Participant],
    pools: &[Pool],
    sponsor: Option<&Sponsor>,
) -> Result<(), AllocationError> {
    if participants.is_empty() {
        return Err(AllocationError::NoParticipants);
    }
    if pools.is_empty() {
        return Err(AllocationError::NoPools);
    }
    let mut chambers = BTreeSet::new();
    for p in participants {
        if !chambers.insert(&p.chamber) {
            return Err(AllocationError::DuplicateChamber { chamber: p.chamber.clone() });
        }
        for driver in [Driver::Businesses, Driver::Services, Driver::Consumption] {
            if let Some(value) = driver.value_of(p).filter(|v| *v > MAX_DRIVER) {
                return Err(AllocationError::DriverTooLarge {
                    chamber: p.chamber.clone(),
                    driver,
                    value,
                    max: MAX_DRIVER,
                });
            }
        }
    }
    let mut names = BTreeSet::new();
    for (index, pool) in pools.iter().enumerate() {
        if pool.name.trim().is_empty() {
            return Err(AllocationError::EmptyPoolName { index });
        }
        if !names.insert(pool.name.as_str()) {
            return Err(AllocationError::DuplicatePool { pool: pool.name.clone() });
        }
        check_amount(&pool.name, "amount", pool.amount)?;
        validate_bands(pool)?;
        for p in participants {
            if pool.driver.value_of(p).is_none() {
                return Err(AllocationError::MissingDriver {
                    pool: pool.name.clone(),
                    chamber: p.chamber.clone(),
                    driver: pool.driver,
                });
            }
            if !pool.bands.is_empty() {
                let services = p.services.ok_or_else(|| AllocationError::MissingDriver {
                    pool: pool.name.clone(),
                    chamber: p.chamber.clone(),
                    driver: Driver::Services,
                })?;
                if pool.band_for(services).is_none() {
                    return Err(AllocationError::NoBand {
                        pool: pool.name.clone(),
                        chamber: p.chamber.clone(),
                        services,
                    });
                }
            }
        }
    }
    if let Some(s) = sponsor {
        if s.name.trim().is_empty() {
            return Err(AllocationError::EmptySponsorName);
        }
        if let Some(cap) = s.cap {
            check_amount(&s.name, "cap", cap)?;
        }
    }
    Ok(())
}

fn validate_bands(pool: &Pool) -> Result<(), AllocationError> {
    for b in &pool.bands {
        if b.services_from > b.services_to {
            return Err(AllocationError::BandRangeReversed {
                pool: pool.name.clone(),
                services_from: b.services_from,
                services_to: b.services_to,
            });
        }
        check_amount(&pool.name, "min", b.min)?;
        check_amount(&pool.name, "max", b.max)?;
        if b.min > b.max {
            return Err(AllocationError::BandMinAboveMax {
                pool: pool.name.clone(),
                services_from: b.services_from,
                services_to: b.services_to,
                min: b.min,
                max: b.max,
            });
        }
    }
    let mut sorted: Vec<&Band> = pool.bands.iter().collect();
    sorted.sort_by_key(|b| (b.services_from, b.services_to));
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if b.services_from <= a.services_to {
                return Err(AllocationError::OverlappingBands {
                    pool: pool.name.clone(),
                    first_from: a.services_from,
                    first_to: a.services_to,
                    second_from: b.services_from,
                    second_to: b.services_to,
                });
            }
        }
    }
    Ok(())
}

/// An amount in a plan document: a decimal string (`"182000"`, `"2500.50"`) or a whole number of
/// euros (`182000`). JSON numbers with a fraction or an exponent are refused (they would pass
/// through a float).
#[derive(Deserialize)]
#[serde(untagged)]
enum AmountText {
    Text(String),
    Whole(i64),
}

fn euro_from(text: AmountText) -> Result<Euro, String> {
    match text {
        AmountText::Text(s) => s.parse::<Euro>().map_err(|e| e.to_string()),
        AmountText::Whole(n) => Ok(Euro::new(Decimal::from(n))),
    }
}

fn euro_text_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<Euro, D::Error> {
    let text = AmountText::deserialize(d).map_err(|_| {
        serde::de::Error::custom(
            "expected an amount as a decimal string (\"2500.00\") or a whole number of euros",
        )
    })?;
    euro_from(text).map_err(serde::de::Error::custom)
}

fn optional_euro_text_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Euro>, D::Error> {
    let text = Option::<AmountText>::deserialize(d).map_err(|_| {
        serde::de::Error::custom(
            "expected an amount as a decimal string (\"2500.00\") or a whole number of euros",
        )
    })?;
    text.map(euro_from).transpose().map_err(serde::de::Error::custom)
}
