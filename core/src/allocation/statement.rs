//! The allocation and the per-chamber statements, rendered as JSON, CSV and Markdown.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::error::AllocationError;
use super::plan::{Band, Driver, Exclusion};

/// The band bound a share was clamped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The proportional share was below the band minimum: the participant pays the minimum.
    Min,
    /// The proportional share was above the band maximum: the participant pays the maximum.
    Max,
}

impl Bound {
    /// `min` or `max`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Min => "min",
            Bound::Max => "max",
        }
    }
}

/// One chamber's part of one pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationLine {
    /// The chamber.
    pub chamber: ChamberCode,
    /// Its value of the pool's driver.
    pub driver_value: u64,
    /// Its share of the pool's driver total (a fraction, 6 decimals; 0 when the total is 0).
    #[serde(with = "decimal_text")]
    pub driver_share: Decimal,
    /// The band that applied, if the pool has bands.
    pub band: Option<Band>,
    /// The exact share before rounding to cents, shown to 6 decimals (the cents are computed from
    /// the exact fraction, not from this figure).
    #[serde(with = "decimal_text")]
    pub unrounded: Decimal,
    /// Whether the share was clamped, and to which bound.
    pub clamped: Option<Bound>,
    /// What the chamber pays: whole cents, within one cent of the exact share, inside its band.
    pub amount: Euro,
}

/// One pool, shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolAllocation {
    /// The pool's name.
    pub name: String,
    /// Its driver.
    pub driver: Driver,
    /// The amount to cover.
    pub amount: Euro,
    /// The sum of the participants' driver values.
    pub driver_total: u64,
    /// One line per participant, in the plan's order.
    pub lines: Vec<AllocationLine>,
    /// What the chambers pay in total.
    pub charged: Euro,
    /// What the sponsor covers (zero when the bands cover the pool).
    pub sponsored: Euro,
}

/// The sponsor's part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorShare {
    /// The sponsor.
    pub name: String,
    /// Its cap, if any.
    pub cap: Option<Euro>,
    /// What it covers over all pools.
    pub amount: Euro,
}

/// What a chamber pays over all pools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChamberTotal {
    /// The chamber.
    pub chamber: ChamberCode,
    /// Its total.
    pub amount: Euro,
}

/// The result of [`allocate`](super::allocate): every pool shared among the chambers.
///
/// Invariants (tested): in each pool the chambers' amounts plus the sponsor's part add up
/// exactly to the pool; every amount is in whole cents, within one cent of the exact share and
/// inside its band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "AllocationDocument")]
pub struct Allocation {
    year: i32,
    pools: Vec<PoolAllocation>,
    sponsor: Option<SponsorShare>,
    totals: Vec<ChamberTotal>,
    total: Euro,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded: Vec<Exclusion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// Position of each chamber in `totals` and in every pool's lines.
    #[serde(skip)]
    index: HashMap<ChamberCode, usize>,
}

/// The document form of an [`Allocation`] (the lookup index is rebuilt on reading).
#[derive(Deserialize)]
struct AllocationDocument {
    year: i32,
    pools: Vec<PoolAllocation>,
    sponsor: Option<SponsorShare>,
    totals: Vec<ChamberTotal>,
    total: Euro,
    #[serde(default)]
    excluded: Vec<Exclusion>,
    #[serde(default)]
    note: Option<String>,
}

impl From<AllocationDocument> for Allocation {
    fn from(d: AllocationDocument) -> Self {
        Allocation::new(d.year, d.pools, d.sponsor, d.totals, d.total, d.excluded, d.note)
    }
}

/// One pool in a chamber's statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// The pool.
    pub pool: String,
    /// Its driver.
    pub driver: Driver,
    /// The pool amount.
    pub pool_amount: Euro,
    /// The chamber's driver value.
    pub driver_value: u64,
    /// The pool's driver total.
    pub driver_total: u64,
    /// The chamber's share of the driver total (fraction, 6 decimals).
    #[serde(with = "decimal_text")]
    pub driver_share: Decimal,
    /// The band that applied.
    pub band: Option<Band>,
    /// The exact share, shown to 6 decimals.
    #[serde(with = "decimal_text")]
    pub unrounded: Decimal,
    /// Whether clamped, and to which bound.
    pub clamped: Option<Bound>,
    /// What the chamber pays for this pool.
    pub amount: Euro,
}

/// What one chamber pays, pool by pool: the document for its board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The year.
    pub year: i32,
    /// The chamber.
    pub chamber: ChamberCode,
    /// One line per pool.
    pub lines: Vec<StatementLine>,
    /// The chamber's total.
    pub total: Euro,
}

impl Allocation {
    pub(crate) fn new(
        year: i32,
        pools: Vec<PoolAllocation>,
        sponsor: Option<SponsorShare>,
        totals: Vec<ChamberTotal>,
        total: Euro,
        excluded: Vec<Exclusion>,
        note: Option<String>,
    ) -> Self {
        let index = totals.iter().enumerate().map(|(i, t)| (t.chamber.clone(), i)).collect();
        Allocation { year, pools, sponsor, totals, total, excluded, note, index }
    }

    /// The year allocated.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The pools, in the plan's order.
    pub fn pools(&self) -> &[PoolAllocation] {
        &self.pools
    }

    /// The sponsor's part, if the plan has a sponsor.
    pub fn sponsor(&self) -> Option<&SponsorShare> {
        self.sponsor.as_ref()
    }

    /// Each chamber's total, in the plan's order.
    pub fn totals(&self) -> &[ChamberTotal] {
        &self.totals
    }

    /// What the chambers pay together (the pools minus the sponsor's part).
    pub fn total(&self) -> Euro {
        self.total
    }

    /// Chambers the plan left out, with the reason.
    pub fn excluded(&self) -> &[Exclusion] {
        &self.excluded
    }

    /// The plan's note on its figures.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    fn position(&self, chamber: &ChamberCode) -> Result<usize, AllocationError> {
        self.index
            .get(chamber)
            .copied()
            .ok_or_else(|| AllocationError::UnknownChamber { chamber: chamber.clone() })
    }

    /// The pool by name.
    pub fn pool(&self, name: &str) -> Result<&PoolAllocation, AllocationError> {
        self.pools
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| AllocationError::UnknownPool { pool: name.into() })
    }

    /// What a chamber pays for a pool.
    pub fn amount(&self, pool: &str, chamber: &ChamberCode) -> Result<Euro, AllocationError> {
        let i = self.position(chamber)?;
        self.pool(pool)?
            .lines
            .get(i)
            .map(|l| l.amount)
            .ok_or_else(|| AllocationError::UnknownChamber { chamber: chamber.clone() })
    }

    /// A chamber's total over all pools.
    pub fn total_of(&self, chamber: &ChamberCode) -> Result<Euro, AllocationError> {
        Ok(self.totals[self.position(chamber)?].amount)
    }

    /// A chamber's statement, pool by pool.
    pub fn statement(&self, chamber: &ChamberCode) -> Result<Statement, AllocationError> {
        let i = self.position(chamber)?;
        let mut lines = Vec::with_capacity(self.pools.len());
        for p in &self.pools {
            let l =
                p.lines.get(i).ok_or_else(|| AllocationError::UnknownChamber { chamber: chamber.clone() })?;
            lines.push(StatementLine {
                pool: p.name.clone(),
                driver: p.driver,
                pool_amount: p.amount,
                driver_value: l.driver_value,
                driver_total: p.driver_total,
                driver_share: l.driver_share,
                band: l.band,
                unrounded: l.unrounded,
                clamped: l.clamped,
                amount: l.amount,
            });
        }
        Ok(Statement { year: self.year, chamber: chamber.clone(), lines, total: self.totals[i].amount })
    }

    /// The allocation as a JSON document (pretty-printed; amounts as decimal strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// One row per pool and payer (chamber or sponsor), with a header; amounts with `.` and no
    /// grouping, fields quoted when they need it (RFC 4180).
    ///
    /// Columns: `year,pool,driver,pool_amount,payer_kind,payer,driver_value,driver_total,
    /// driver_share,band_min,band_max,unrounded,clamped,amount`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "year,pool,driver,pool_amount,payer_kind,payer,driver_value,driver_total,driver_share,\
             band_min,band_max,unrounded,clamped,amount\r\n",
        );
        for p in &self.pools {
            for l in &p.lines {
                let (bmin, bmax) = l.band.map(|b| (b.min.to_string(), b.max.to_string())).unwrap_or_default();
                let row = [
                    self.year.to_string(),
                    csv_field(&p.name),
                    p.driver.to_string(),
                    p.amount.to_string(),
                    "chamber".into(),
                    l.chamber.to_string(),
                    l.driver_value.to_string(),
                    p.driver_total.to_string(),
                    l.driver_share.to_string(),
                    bmin,
                    bmax,
                    l.unrounded.to_string(),
                    l.clamped.map(|c| c.as_str().to_string()).unwrap_or_default(),
                    l.amount.to_string(),
                ];
                out.push_str(&row.join(","));
                out.push_str("\r\n");
            }
            if let Some(s) = self.sponsor.as_ref().filter(|_| !p.sponsored.is_zero()) {
                let row = [
                    self.year.to_string(),
                    csv_field(&p.name),
                    p.driver.to_string(),
                    p.amount.to_string(),
                    "sponsor".into(),
                    csv_field(&s.name),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    p.sponsored.to_string(),
                    String::new(),
                    p.sponsored.to_string(),
                ];
                out.push_str(&row.join(","));
                out.push_str("\r\n");
            }
        }
        out
    }

    /// Markdown tables a board can read: one per pool, then the totals by chamber.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## Counter running costs {}: allocation among the chambers\n", self.year);
        for p in &self.pools {
            let _ = writeln!(
                out,
                "### {} — {} shared by {} (driver total {})\n",
                p.name,
                p.amount.format_it(),
                p.driver,
                group_it(p.driver_total)
            );
            out.push_str(
                "| chamber | driver value | share of driver | band | unrounded | clamped | amount |\n",
            );
            out.push_str("|---|---:|---:|---|---:|---|---:|\n");
            for l in &p.lines {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    l.chamber,
                    group_it(l.driver_value),
                    percent_it(l.driver_share),
                    band_it(l.band.as_ref()),
                    decimal_it(l.unrounded),
                    l.clamped.map(Bound::as_str).unwrap_or("—"),
                    l.amount.format_it()
                );
            }
            if let Some(s) = self.sponsor.as_ref().filter(|_| !p.sponsored.is_zero()) {
                let _ = writeln!(
                    out,
                    "| sponsor: {} | | | | | | {} |",
                    md_cell(&s.name),
                    p.sponsored.format_it()
                );
            }
            let _ = writeln!(out, "| **total** | | | | | | **{}** |\n", p.amount.format_it());
        }
        out.push_str("### Totals by chamber\n\n| chamber | total |\n|---|---:|\n");
        for t in &self.totals {
            let _ = writeln!(out, "| {} | {} |", t.chamber, t.amount.format_it());
        }
        if let Some(s) = &self.sponsor {
            let _ = writeln!(out, "| sponsor: {} | {} |", md_cell(&s.name), s.amount.format_it());
        }
        let grand = self.total + self.sponsor.as_ref().map(|s| s.amount).unwrap_or(Euro::ZERO);
        let _ = writeln!(out, "| **total** | **{}** |", grand.format_it());
        if !self.excluded.is_empty() {
            out.push_str("\nNot included in this plan:\n\n");
            for e in &self.excluded {
                let _ = writeln!(out, "- {}: {}", e.chamber, e.reason);
            }
        }
        if let Some(n) = &self.note {
            let _ = writeln!(out, "\nNote: {n}");
        }
        out
    }
}

impl Statement {
    /// The statement as a JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The statement as a Markdown table for the chamber's board.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "### Chamber {}: share of the counter's running costs {}\n",
            self.chamber, self.year
        );
        out.push_str("| pool | pool amount | driver | driver value | share of driver | band | unrounded | clamped | amount |\n");
        out.push_str("|---|---:|---|---:|---:|---|---:|---|---:|\n");
        for l in &self.lines {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} of {} | {} | {} | {} | {} | {} |",
                md_cell(&l.pool),
                l.pool_amount.format_it(),
                l.driver,
                group_it(l.driver_value),
                group_it(l.driver_total),
                percent_it(l.driver_share),
                band_it(l.band.as_ref()),
                decimal_it(l.unrounded),
                l.clamped.map(Bound::as_str).unwrap_or("—"),
                l.amount.format_it()
            );
        }
        let _ = writeln!(out, "| **total** | | | | | | | | **{}** |", self.total.format_it());
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// `356824` -> `356.824`.
fn group_it(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// `0.493816` -> `49,38 %`.
fn percent_it(fraction: Decimal) -> String {
    let pct = (fraction * Decimal::ONE_HUNDRED).round_dp(2);
    format!("{} %", Euro::new(pct).format_it().trim_start_matches("€ "))
}

/// `54400.000000` -> `54.400,000000`.
fn decimal_it(d: Decimal) -> String {
    let text = d.abs().to_string();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let n: u64 = int_part.parse().unwrap_or(0);
    let sign = if d.is_sign_negative() && !d.is_zero() { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{}", group_it(n))
    } else {
        format!("{sign}{},{frac}", group_it(n))
    }
}

fn band_it(band: Option<&Band>) -> String {
    match band {
        Some(b) => format!(
            "{}–{}",
            b.min.format_it().trim_start_matches("€ "),
            b.max.format_it().trim_start_matches("€ ")
        ),
        None => "—".into(),
    }
}

/// Decimals as strings in JSON (`"0.493816"`), like [`Euro`]: no reader turns them into floats.
pub(crate) mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        Decimal::from_str_exact(&text).map_err(serde::de::Error::custom)
    }
}
