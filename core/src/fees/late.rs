//! Paying late: the +0.40 % window, ravvedimento with reduced sanctions, legal interest day by day.
//!
//! `reference/annual-fee.md` §6.3 and §10:
//! - within the 30 days after the deadline the fee is paid with **+0.40 %** (art. 17 c.2 DPR
//!   435/2001), kept in cents and added to the code-3850 amount;
//! - afterwards, and within one year of the violation, **ravvedimento** (DM 27/01/2005 n. 54 art. 6;
//!   MAP circ. 3587/C del 20/06/2005): the fee, a reduced sanction of **6 %** (1/5 of 30 %) and legal
//!   interest (art. 1284 c.c.) accrued day by day from the deadline, each year at its own rate
//!   (`fee x rate% x days / 36500`). The **3.75 %** tier (1/8 of 30 %, within 30 days) applies only
//!   where no +0.40 % window covers those days (new registrations): the reference marks this
//!   reading UNCONFIRMED, so [`LatePolicy`] makes it a choice;
//! - after one year ravvedimento is closed: [`FeeError::RavvedimentoExpired`] (the chamber
//!   assesses), unless the policy names a flat sanction (Bergamo: 30 % plus interest [S18]).
//!
//! Days are counted from the day after the deadline to the payment day, both included (payment
//! on the deadline is on time); the day-count of interest is over 365 days, as in the formula the
//! chambers publish [S43][S44].

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Euro, RoundingMode};

use super::deadline::Deadline;
use super::error::FeeError;
use super::rate::{Percent, Rate};

/// The legal interest rate of one year (art. 1284 c.c.), as a percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRate {
    /// The calendar year.
    pub year: i32,
    /// The rate in percent (`2.50`).
    pub percent: Percent,
    /// The decree that set it.
    pub decree: String,
}

/// Legal interest rates by year, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRates {
    /// One row per year.
    pub rates: Vec<LegalRate>,
}

impl LegalRates {
    /// The rates 2014-2026 of `reference/annual-fee.md` §10.3.
    pub fn shipped() -> Self {
        let rows: [(i32, i64, &str); 13] = [
            (2014, 100, "DM 12/12/2013"),
            (2015, 50, "DM 11/12/2014"),
            (2016, 20, "DM 11/12/2015"),
            (2017, 10, "DM 07/12/2016"),
            (2018, 30, "DM 13/12/2017"),
            (2019, 80, "DM 12/12/2018"),
            (2020, 5, "DM 12/12/2019"),
            (2021, 1, "DM 11/12/2020 (GU 310/2020)"),
            (2022, 125, "DM 13/12/2021 (GU 297/2021)"),
            (2023, 500, "DM 13/12/2022 (GU 292/2022)"),
            (2024, 250, "DM 29/11/2023 (GU 288/2023)"),
            (2025, 200, "DM 10/12/2024"),
            (2026, 160, "DM 10/12/2025 (GU 289/2025)"),
        ];
        LegalRates {
            rates: rows
                .iter()
                .map(|(year, hundredths, decree)| LegalRate {
                    year: *year,
                    percent: Percent::new(Decimal::new(*hundredths, 2)),
                    decree: decree.to_string(),
                })
                .collect(),
        }
    }

    /// The rate of `year`, in percent.
    pub fn percent(&self, year: i32) -> Result<Decimal, FeeError> {
        self.rates
            .iter()
            .find(|r| r.year == year)
            .map(|r| r.percent.value())
            .ok_or(FeeError::NoLegalRate { year })
    }
}

impl Default for LegalRates {
    fn default() -> Self {
        LegalRates::shipped()
    }
}

/// The choices the sources leave open, with the defaults of the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatePolicy {
    /// The increase within the window after the deadline: 0.40 %.
    pub window_rate: Rate,
    /// Reduced sanction within `short_tier_days` of the violation: 3.75 % (1/8 of 30 %).
    pub short_tier_rate: Rate,
    /// Days of the short tier: 30.
    pub short_tier_days: i64,
    /// Whether the short tier applies to days the +0.40 % window already covers (default
    /// `false`: those days pay the 0.40 %; UNCONFIRMED, ref §10.2).
    pub short_tier_overlaps_window: bool,
    /// Reduced sanction within one year: 6 % (1/5 of 30 %).
    pub year_tier_rate: Rate,
    /// Sanction after the year of ravvedimento, if the chamber lets the fee be paid before the
    /// assessment (Bergamo: 30 %); `None` refuses.
    pub after_year_rate: Option<Rate>,
}

impl Default for LatePolicy {
    fn default() -> Self {
        LatePolicy {
            window_rate: Rate::new(Decimal::new(40, 4)),
            short_tier_rate: Rate::new(Decimal::new(375, 4)),
            short_tier_days: 30,
            short_tier_overlaps_window: false,
            year_tier_rate: Rate::new(Decimal::new(6, 2)),
            after_year_rate: None,
        }
    }
}

/// How a payment stands against the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateKind {
    /// On or before the deadline.
    OnTime,
    /// Within the 30-day window: +0.40 %.
    Window,
    /// Ravvedimento, short tier (3.75 %).
    RavvedimentoShort,
    /// Ravvedimento within one year (6 %).
    RavvedimentoYear,
    /// After the year, with the chamber's flat sanction.
    AfterRavvedimento,
}

/// Interest accrued in one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestPeriod {
    /// The year.
    pub year: i32,
    /// Days counted in that year.
    pub days: i64,
    /// The legal rate, in percent.
    pub percent: Percent,
    /// `fee x percent x days / 36500`, to 5 decimals.
    pub amount: Euro,
}

/// What a payment on a given day adds to the fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatePayment {
    /// How the payment stands.
    pub kind: LateKind,
    /// The fee due (the base of increase, sanction and interest).
    pub due: Euro,
    /// The deadline that applied.
    pub deadline: Deadline,
    /// The payment day.
    pub paid_on: NaiveDate,
    /// Days after the deadline (0 when on time).
    pub days_late: i64,
    /// The +0.40 %, in cents (0 outside the window).
    pub window_increase: Euro,
    /// Amount of code 3850: the fee plus the +0.40 %.
    pub fee_amount: Euro,
    /// Sanction rate applied (0 when none).
    pub sanction_rate: Rate,
    /// Amount of code 3852, in cents.
    pub sanction: Euro,
    /// Interest by year.
    pub interest_periods: Vec<InterestPeriod>,
    /// Amount of code 3851, in cents.
    pub interest: Euro,
    /// Everything to pay.
    pub total: Euro,
}

/// What paying `due` on `paid_on` costs, against `deadline` (see the module docs).
pub fn late_payment(
    due: Euro,
    deadline: &Deadline,
    paid_on: NaiveDate,
    policy: &LatePolicy,
    rates: &LegalRates,
) -> Result<LatePayment, FeeError> {
    if due.is_negative() {
        return Err(FeeError::NegativeAmount { field: "due", amount: due });
    }
    let days_late = (paid_on - deadline.due_by()).num_days().max(0);
    let one_year = deadline
        .due_by()
        .checked_add_months(Months::new(12))
        .ok_or(FeeError::DateOutOfRange { field: "deadline", date: deadline.due_by() })?;
    let in_window = deadline.window_until().is_some_and(|w| paid_on <= w);
    let kind = if days_late == 0 {
        LateKind::OnTime
    } else if in_window && !policy.short_tier_overlaps_window {
        LateKind::Window
    } else if days_late <= policy.short_tier_days {
        LateKind::RavvedimentoShort
    } else if paid_on <= one_year {
        LateKind::RavvedimentoYear
    } else if policy.after_year_rate.is_some() {
        LateKind::AfterRavvedimento
    } else {
        return Err(FeeError::RavvedimentoExpired {
            deadline: deadline.due_by(),
            paid_on,
            last_day: one_year,
        });
    };
    let overflow = |step| move |_| FeeError::Overflow { step };
    let window_increase = if kind == LateKind::Window {
        due.checked_times(policy.window_rate.value()).map_err(overflow("window increase"))?.round_cents()
    } else {
        Euro::ZERO.round_cents()
    };
    let sanction_rate = match kind {
        LateKind::OnTime | LateKind::Window => Rate::ZERO,
        LateKind::RavvedimentoShort => policy.short_tier_rate,
        LateKind::RavvedimentoYear => policy.year_tier_rate,
        LateKind::AfterRavvedimento => policy.after_year_rate.unwrap_or(Rate::ZERO),
    };
    let sanction = due.checked_times(sanction_rate.value()).map_err(overflow("sanction"))?.round_cents();
    let interest_periods = match kind {
        LateKind::OnTime | LateKind::Window => Vec::new(),
        _ => interest(due, deadline.due_by(), paid_on, rates)?,
    };
    let interest = interest_periods
        .iter()
        .try_fold(Euro::ZERO, |sum, p| sum.checked_add(p.amount))
        .map_err(overflow("interest"))?
        .round_cents();
    let fee_amount = due.checked_add(window_increase).map_err(overflow("fee amount"))?.round_cents();
    let total =
        fee_amount.checked_add(sanction).and_then(|x| x.checked_add(interest)).map_err(overflow("total"))?;
    Ok(LatePayment {
        kind,
        due,
        deadline: *deadline,
        paid_on,
        days_late,
        window_increase,
        fee_amount,
        sanction_rate,
        sanction,
        interest_periods,
        interest,
        total,
    })
}

/// Legal interest on `due` from the day after `from` to `to` included, split by calendar year.
pub fn interest(
    due: Euro,
    from: NaiveDate,
    to: NaiveDate,
    rates: &LegalRates,
) -> Result<Vec<InterestPeriod>, FeeError> {
    let mut periods = Vec::new();
    let out_of_range = |date| FeeError::DateOutOfRange { field: "paid_on", date };
    let mut start = from; // excluded
    while start < to {
        let year = start.succ_opt().ok_or(out_of_range(start))?.year();
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(out_of_range(start))?;
        let end = to.min(year_end);
        let days = (end - start).num_days();
        let percent = rates.percent(year)?;
        let amount = due
            .amount()
            .checked_mul(percent)
            .and_then(|x| x.checked_mul(Decimal::from(days)))
            .and_then(|x| x.checked_div(Decimal::from(36_500)))
            .ok_or(FeeError::Overflow { step: "interest" })?;
        periods.push(InterestPeriod {
            year,
            days,
            percent: Percent::new(percent),
            amount: Euro::new(amount).round_step(RoundingMode::HalfEven),
        });
        start = end;
    }
    Ok(periods)
}

/// The late-payment outcome of every chamber of `fee` paid on `paid_on` (each chamber's amount
/// is its own base), ready for [`super::f24_rows`].
pub fn settle(
    fee: &super::AnnualFee,
    deadline: &Deadline,
    paid_on: NaiveDate,
    policy: &LatePolicy,
    rates: &LegalRates,
) -> Result<std::collections::BTreeMap<crate::chamber::ChamberCode, LatePayment>, FeeError> {
    fee.by_chamber
        .iter()
        .map(|(c, cf)| Ok((c.clone(), late_payment(cf.due, deadline, paid_on, policy, rates)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn e(s: &str) -> Euro {
        s.parse().unwrap()
    }

    fn dl() -> Deadline {
        Deadline::new(d(2024, 7, 1), Some(d(2024, 7, 31))).unwrap()
    }

    #[test]
    fn the_day_after_the_window_is_ravvedimento_not_window() {
        let lp = late_payment(e("100"), &dl(), d(2024, 8, 1), &LatePolicy::default(), &LegalRates::shipped())
            .unwrap();
        assert_eq!(lp.kind, LateKind::RavvedimentoYear);
        assert_eq!(lp.window_increase, e("0.00"));
    }

    #[test]
    fn short_tier_can_be_chosen_over_the_window() {
        let policy = LatePolicy { short_tier_overlaps_window: true, ..LatePolicy::default() };
        let lp = late_payment(e("100"), &dl(), d(2024, 7, 10), &policy, &LegalRates::shipped()).unwrap();
        assert_eq!(lp.kind, LateKind::RavvedimentoShort);
        assert_eq!(lp.sanction, e("3.75"));
    }

    #[test]
    fn last_day_of_the_year_is_still_ravvedimento() {
        let lp = late_payment(e("100"), &dl(), d(2025, 7, 1), &LatePolicy::default(), &LegalRates::shipped())
            .unwrap();
        assert_eq!(lp.kind, LateKind::RavvedimentoYear);
    }

    #[test]
    fn after_the_year_a_chamber_flat_sanction_may_apply() {
        let policy =
            LatePolicy { after_year_rate: Some(Rate::new(Decimal::new(30, 2))), ..LatePolicy::default() };
        let lp = late_payment(e("100"), &dl(), d(2025, 9, 1), &policy, &LegalRates::shipped()).unwrap();
        assert_eq!(lp.kind, LateKind::AfterRavvedimento);
        assert_eq!(lp.sanction, e("30.00"));
        assert_eq!(lp.interest_periods.len(), 2);
    }

    #[test]
    fn interest_needs_a_known_rate_for_every_year() {
        let old = Deadline::new(d(2013, 6, 17), Some(d(2013, 7, 17))).unwrap();
        let policy =
            LatePolicy { after_year_rate: Some(Rate::new(Decimal::new(30, 2))), ..LatePolicy::default() };
        let err = late_payment(e("100"), &old, d(2013, 9, 1), &policy, &LegalRates::shipped()).unwrap_err();
        assert_eq!(err, FeeError::NoLegalRate { year: 2013 });
    }

    #[test]
    fn interest_of_a_whole_leap_year_counts_366_days_over_365() {
        let p = interest(e("36500"), d(2023, 12, 31), d(2024, 12, 31), &LegalRates::shipped()).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].year, p[0].days, p[0].amount), (2024, 366, e("915.00000")));
    }

    #[test]
    fn negative_due_is_refused() {
        let err = late_payment(e("-1"), &dl(), d(2024, 7, 2), &LatePolicy::default(), &LegalRates::shipped())
            .unwrap_err();
        assert_eq!((err.field(), err.rule()), ("due", "non_negative"));
    }

    #[test]
    fn huge_amounts_are_refused_as_overflow_not_a_panic() {
        let huge = Euro::new(Decimal::MAX);
        for paid_on in [d(2024, 7, 10), d(2024, 9, 1)] {
            let err = late_payment(huge, &dl(), paid_on, &LatePolicy::default(), &LegalRates::shipped())
                .unwrap_err();
            assert_eq!((err.field(), err.rule()), ("amount", "range"), "{paid_on}");
        }
    }

    #[test]
    fn interest_periods_carry_a_percentage_not_a_fraction() {
        let lp = late_payment(e("100"), &dl(), d(2024, 9, 1), &LatePolicy::default(), &LegalRates::shipped())
            .unwrap();
        assert_eq!(lp.interest_periods[0].percent, Percent::new(Decimal::new(250, 2)));
        assert_eq!(lp.interest_periods[0].percent.as_rate().value(), Decimal::new(25, 3));
    }
}
