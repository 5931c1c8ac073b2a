//! Legal terms of a dossier: due date, days left, overdue, suspensions, the substitute's term.
//!
//! Counting follows art. 2963 c.c. and art. 155 c.p.c.: calendar days, the day of receipt excluded
//! (L. 241/1990 art. 2 c.6: the term runs "dal ricevimento della domanda"), a deadline on a legal
//! holiday moves to the next day that is not one. The legal calendar ([`Calendar`], legal view)
//! decides which days those are, and its [`crate::calendar::TermPolicy`] whether a Saturday moves
//! a deadline (reference §1.2: contested for non-processual terms; default: it does not).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError, View};

/// Why the term stopped running for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionKind {
    /// L. 241/1990 art. 2 c.7: once, at most 30 days (also an integration request under
    /// [`super::IntegrationEffect::Suspend`]).
    Information,
    /// Counter-interested parties' opposition window.
    Counterparties,
    /// Notice of refusal, art. 10-bis: the term restarts 10 days after the observations or, without
    /// them, when the 10-day window ends.
    RefusalNotice,
    /// Access to records, incomplete request (DPR 184/2006 art. 6 c.5): while the corrected
    /// request is awaited the term does not run; it restarts from the corrected request. If the
    /// reply window lapses without one, the wait counts as a suspension up to the window's end
    /// (`reply_by`) and the term runs on from there (a modelling choice: the reference is silent).
    AwaitingCorrection,
}

/// The days the applicant has for written observations on a notice of refusal, from its receipt
/// (L. 241/1990 art. 10-bis, second sentence). The counter is online every day, so the window is
/// counted in calendar days and its last day is `notice + 10`.
pub const OBSERVATIONS_WINDOW_DAYS: u32 = 10;

/// How long after the observations the term runs again (L. 241/1990 art. 10-bis: "ricominciano a
/// decorrere dieci giorni dopo la presentazione delle osservazioni").
pub const AFTER_OBSERVATIONS_DAYS: u32 = 10;

/// A period in which the term did not run: from `from` (inclusive) to the day it runs again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// Why.
    pub kind: SuspensionKind,
    /// The day it started.
    pub from: NaiveDate,
    /// The day the term runs again, once known.
    pub until: Option<NaiveDate>,
    /// The longest it may last, in days.
    pub max_days: u32,
}

impl Suspension {
    /// The day the term runs again: `until` capped at `from + max_days`; while ongoing, the cap
    /// (the latest the term can restart).
    pub fn restart(&self) -> NaiveDate {
        let cap =
            self.from.checked_add_signed(Duration::days(i64::from(self.max_days))).unwrap_or(NaiveDate::MAX);
        match self.until {
            Some(u) if u < cap => u,
            _ => cap,
        }
    }

    /// Days not counted.
    pub fn days(&self) -> i64 {
        (self.restart() - self.from).num_days().max(0)
    }
}

/// The facts of a dossier that terms depend on, collected from its events.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TermFacts {
    /// Date of receipt.
    pub received_on: Option<NaiveDate>,
    /// Date the term restarted from (corrected request, DPR 184/2006 art. 6 c.5).
    pub restarted_on: Option<NaiveDate>,
    /// Suspensions, in order.
    pub suspensions: Vec<Suspension>,
    /// Date the substitute was activated (art. 2 c.9-ter).
    pub substitute_on: Option<NaiveDate>,
    /// Date of the outcome, if any.
    pub concluded_on: Option<NaiveDate>,
}

impl TermFacts {
    /// Whether the single art. 2 c.7 suspension was already used.
    pub fn information_suspension_used(&self) -> bool {
        self.suspensions.iter().any(|s| s.kind == SuspensionKind::Information)
    }

    /// The suspension in progress, if any.
    pub fn open_suspension_mut(&mut self) -> Option<&mut Suspension> {
        self.suspensions.iter_mut().rev().find(|s| s.until.is_none())
    }

    /// The suspension whose end is not recorded yet, if any (it may have reached its cap).
    pub fn open_suspension(&self) -> Option<&Suspension> {
        self.suspensions.iter().rev().find(|s| s.until.is_none())
    }

    /// The last day for observations on the latest notice of refusal (art. 10-bis: 10 days from
    /// its receipt), if a notice was sent.
    pub fn observations_window_end(&self) -> Option<NaiveDate> {
        self.suspensions
            .iter()
            .rev()
            .find(|s| s.kind == SuspensionKind::RefusalNotice)
            .and_then(|s| s.from.checked_add_signed(Duration::days(i64::from(OBSERVATIONS_WINDOW_DAYS))))
    }
}

/// The term of a dossier as users and officers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermStatus {
    /// The day the term counts from (receipt, or the restart).
    pub start: NaiveDate,
    /// The term in days.
    pub term_days: u32,
    /// Days not counted because of suspensions.
    pub suspended_days: i64,
    /// Whether a suspension is in progress (the due date is then provisional: it assumes the
    /// suspension lasts as long as it may).
    pub suspended: bool,
    /// Which suspension is in progress, if any.
    pub suspended_for: Option<SuspensionKind>,
    /// The due date.
    pub due_date: NaiveDate,
    /// Days from `today` to the due date (negative when overdue).
    pub days_left: i64,
    /// Whether the due date passed without an outcome.
    pub overdue: bool,
    /// The substitute's due date, once activated: half the original term from activation
    /// (art. 2 c.9-ter; half of an odd term is rounded down, in the applicant's favour).
    pub substitute_due: Option<NaiveDate>,
}

/// A term that cannot be computed or a suspension the law does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TermError {
    /// The dossier has not been received yet.
    #[error("the term has not started: the application was not received")]
    NotStarted,
    /// A second art. 2 c.7 suspension.
    #[error("the term may be suspended for information only once (L. 241/1990 art. 2 c.7)")]
    SuspensionAlreadyUsed,
    /// A suspension longer than the law allows.
    #[error("a suspension of {days} days exceeds the {max} allowed ({article})")]
    SuspensionTooLong {
        /// Days asked.
        days: u32,
        /// Days allowed.
        max: u32,
        /// The article.
        article: String,
    },
    /// Counter-interested parties do not apply to the service.
    #[error("service {service_id} has no counter-interested parties")]
    NoCounterparties {
        /// The service.
        service_id: String,
    },
    /// Silence cannot form before the due date, or the service gives it no meaning.
    #[error("silence cannot form: {rule}")]
    SilenceNotFormed {
        /// The rule (`term_not_expired`, `no_silence_rule`).
        rule: String,
        /// The due date.
        due_date: Option<NaiveDate>,
    },
    /// A date outside the legal calendar's years.
    #[error("calendar: {reason}")]
    Calendar {
        /// What the calendar reported.
        reason: String,
    },
    /// The substitute can be activated only once the term has passed (art. 2 c.9-ter).
    #[error("the substitute can act only after the due date {due_date}")]
    TermNotExpired {
        /// The due date.
        due_date: NaiveDate,
    },
    /// A reply to an integration request after its window (`reply_by`, the last day) lapsed.
    #[error("the reply window closed on {reply_by} ({article})")]
    ReplyWindowClosed {
        /// The last day a reply was accepted.
        reply_by: NaiveDate,
        /// Where the rule comes from.
        article: String,
    },
    /// Observations on a notice of refusal after the 10-day window (art. 10-bis).
    #[error("the window for observations closed on {window_end} ({article})")]
    ObservationsWindowClosed {
        /// The last day observations were accepted.
        window_end: NaiveDate,
        /// Where the rule comes from.
        article: String,
    },
    /// An opposition recorded when no counter-interested party's window is open (none notified,
    /// or the window ended on `window_end`).
    #[error("no opposition window is open ({article})")]
    OppositionWindowClosed {
        /// The last day of the window, if one was opened.
        window_end: Option<NaiveDate>,
        /// Where the rule comes from.
        article: String,
    },
    /// Data or documents released before the day the law allows (civic access granted despite an
    /// opposition: D.Lgs. 33/2013 art. 5 c.6).
    #[error("the data may not be released before {not_before} ({article})")]
    ReleaseNotBefore {
        /// The first day release is allowed.
        not_before: NaiveDate,
        /// Where the rule comes from.
        article: String,
    },
}

impl TermError {
    /// The rule's snake_case name, as in the JSON `kind` (`reply_window_closed`, ...).
    pub fn rule(&self) -> &'static str {
        match self {
            TermError::NotStarted => "not_started",
            TermError::SuspensionAlreadyUsed => "suspension_already_used",
            TermError::SuspensionTooLong { .. } => "suspension_too_long",
            TermError::NoCounterparties { .. } => "no_counterparties",
            TermError::SilenceNotFormed { .. } => "silence_not_formed",
            TermError::Calendar { .. } => "calendar",
            TermError::TermNotExpired { .. } => "term_not_expired",
            TermError::ReplyWindowClosed { .. } => "reply_window_closed",
            TermError::ObservationsWindowClosed { .. } => "observations_window_closed",
            TermError::OppositionWindowClosed { .. } => "opposition_window_closed",
            TermError::ReleaseNotBefore { .. } => "release_not_before",
        }
    }

    /// The date the rule turns on, if any: the due date, the last day of a window, the first day
    /// of release.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            TermError::SilenceNotFormed { due_date, .. } => *due_date,
            TermError::TermNotExpired { due_date } => Some(*due_date),
            TermError::ReplyWindowClosed { reply_by, .. } => Some(*reply_by),
            TermError::ObservationsWindowClosed { window_end, .. } => Some(*window_end),
            TermError::OppositionWindowClosed { window_end, .. } => *window_end,
            TermError::ReleaseNotBefore { not_before, .. } => Some(*not_before),
            _ => None,
        }
    }

    /// The article the rule comes from.
    pub fn article(&self) -> &str {
        match self {
            TermError::SuspensionAlreadyUsed => "L. 241/1990 art. 2 c.7",
            TermError::SuspensionTooLong { article, .. }
            | TermError::ReplyWindowClosed { article, .. }
            | TermError::ObservationsWindowClosed { article, .. }
            | TermError::OppositionWindowClosed { article, .. }
            | TermError::ReleaseNotBefore { article, .. } => article,
            TermError::SilenceNotFormed { .. } => "L. 241/1990 art. 20, art. 25 c.4",
            TermError::TermNotExpired { .. } => "L. 241/1990 art. 2 c.9-ter",
            TermError::NotStarted => "L. 241/1990 art. 2 c.6",
            TermError::NoCounterparties { .. } => "DPR 184/2006 art. 3; D.Lgs. 33/2013 art. 5 c.5",
            TermError::Calendar { .. } => "art. 2963 c.c.",
        }
    }
}

impl From<CalendarError> for TermError {
    fn from(e: CalendarError) -> Self {
        TermError::Calendar { reason: e.to_string() }
    }
}

/// Computes the term of a dossier with `term_days` from its `facts`, as of `today`.
pub fn term_status(
    facts: &TermFacts,
    term_days: u32,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<TermStatus, TermError> {
    let received = facts.received_on.ok_or(TermError::NotStarted)?;
    let start = facts.restarted_on.unwrap_or(received);
    let relevant = facts.suspensions.iter().filter(|s| s.from >= start);
    let suspended_days: i64 = relevant.clone().map(Suspension::days).sum();
    // in progress: the term is stopped today
    let suspended_for =
        relevant.clone().rev().find(|s| s.from <= today && s.restart() > today).map(|s| s.kind);
    let suspended = suspended_for.is_some();
    let out_of_range = || TermError::Calendar { reason: "the term leaves the calendar".into() };
    let raw = start
        .checked_add_signed(Duration::days(i64::from(term_days) + suspended_days))
        .ok_or_else(out_of_range)?;
    let due_date = calendar.roll_forward(raw, View::Legal)?;
    let reference = facts.concluded_on.unwrap_or(today);
    let overdue = facts.concluded_on.is_none() && today > due_date;
    let substitute_due = match facts.substitute_on {
        Some(on) => {
            let half =
                on.checked_add_signed(Duration::days(i64::from(term_days / 2))).ok_or_else(out_of_range)?;
            Some(calendar.roll_forward(half, View::Legal)?)
        }
        None => None,
    };
    Ok(TermStatus {
        start,
        term_days,
        suspended_days,
        suspended,
        suspended_for,
        due_date,
        days_left: (due_date - reference).num_days(),
        overdue,
        substitute_due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TermPolicy;

    fn national() -> Calendar {
        Calendar::national()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn due(received: NaiveDate, saturday: bool) -> NaiveDate {
        let facts = TermFacts { received_on: Some(received), ..Default::default() };
        let policy = if saturday { TermPolicy::SATURDAY_MOVES } else { TermPolicy::STRICT };
        let cal = Calendar::national().with_policy(policy);
        term_status(&facts, 30, &cal, received).unwrap().due_date
    }

    // Worked examples of procedure-law.md §1.2 (2013 calendar, 30 calendar days).
    #[test]
    fn received_thursday_7_march_2013_is_due_saturday_6_april_under_the_strict_reading() {
        assert_eq!(due(d(2013, 3, 7), false), d(2013, 4, 6));
        assert_eq!(due(d(2013, 3, 7), true), d(2013, 4, 8));
    }

    #[test]
    fn deadline_falling_on_easter_monday_2013_moves_to_tuesday() {
        assert_eq!(due(d(2013, 3, 2), false), d(2013, 4, 2));
    }

    #[test]
    fn deadline_on_sunday_8_december_immacolata_moves_to_monday() {
        assert_eq!(due(d(2013, 11, 8), false), d(2013, 12, 9));
    }

    #[test]
    fn sant_ambrogio_does_not_move_a_deadline_but_the_saturday_policy_does() {
        assert_eq!(due(d(2013, 11, 7), false), d(2013, 12, 7));
        assert_eq!(due(d(2013, 11, 7), true), d(2013, 12, 9));
    }

    #[test]
    fn information_suspension_counts_at_most_thirty_days() {
        let facts = TermFacts {
            received_on: Some(d(2026, 3, 2)),
            suspensions: vec![Suspension {
                kind: SuspensionKind::Information,
                from: d(2026, 3, 10),
                until: Some(d(2026, 5, 1)),
                max_days: 30,
            }],
            ..Default::default()
        };
        let s = term_status(&facts, 30, &national(), d(2026, 5, 1)).unwrap();
        assert_eq!(s.suspended_days, 30);
        // 2 Mar + 60 = 1 May (holiday) -> Sat 2 May
        assert_eq!(s.due_date, d(2026, 5, 2));
    }

    #[test]
    fn refusal_notice_without_observations_restarts_when_the_window_ends() {
        let facts = TermFacts {
            received_on: Some(d(2026, 3, 2)),
            suspensions: vec![Suspension {
                kind: SuspensionKind::RefusalNotice,
                from: d(2026, 3, 20),
                until: Some(d(2026, 3, 30)),
                max_days: 10,
            }],
            ..Default::default()
        };
        let s = term_status(&facts, 30, &national(), d(2026, 3, 31)).unwrap();
        assert_eq!(s.suspended_days, 10);
        assert_eq!(s.due_date, d(2026, 4, 11)); // 1 Apr + 10 = Sat 11 Apr
        assert!(!s.suspended);
    }

    #[test]
    fn substitute_has_half_the_term_from_activation() {
        let facts = TermFacts {
            received_on: Some(d(2026, 3, 2)),
            substitute_on: Some(d(2026, 4, 7)),
            ..Default::default()
        };
        let s = term_status(&facts, 30, &national(), d(2026, 4, 7)).unwrap();
        assert_eq!(s.substitute_due, Some(d(2026, 4, 22)));
        assert!(s.overdue);
        assert_eq!(s.days_left, -6);
    }

    #[test]
    fn the_rule_name_of_every_term_error_is_its_json_kind() {
        let day = d(2026, 3, 22);
        let all = [
            TermError::NotStarted,
            TermError::SuspensionAlreadyUsed,
            TermError::SuspensionTooLong { days: 31, max: 30, article: "a".into() },
            TermError::NoCounterparties { service_id: "reclami".into() },
            TermError::SilenceNotFormed { rule: "r".into(), due_date: Some(day) },
            TermError::Calendar { reason: "r".into() },
            TermError::TermNotExpired { due_date: day },
            TermError::ReplyWindowClosed { reply_by: day, article: "a".into() },
            TermError::ObservationsWindowClosed { window_end: day, article: "a".into() },
            TermError::OppositionWindowClosed { window_end: None, article: "a".into() },
            TermError::ReleaseNotBefore { not_before: day, article: "a".into() },
        ];
        for e in all {
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["kind"], e.rule(), "{e:?}");
            assert!(!e.article().is_empty());
        }
        let e = TermError::ReleaseNotBefore { not_before: day, article: "D.Lgs. 33/2013 art. 5 c.6".into() };
        assert_eq!((e.date(), e.article()), (Some(day), "D.Lgs. 33/2013 art. 5 c.6"));
    }

    #[test]
    fn the_observations_window_ends_ten_days_after_the_latest_notice() {
        let mut facts = TermFacts { received_on: Some(d(2026, 3, 2)), ..Default::default() };
        assert_eq!(facts.observations_window_end(), None);
        facts.suspensions.push(Suspension {
            kind: SuspensionKind::RefusalNotice,
            from: d(2026, 3, 12),
            until: Some(d(2026, 3, 22)),
            max_days: 20,
        });
        assert_eq!(facts.observations_window_end(), Some(d(2026, 3, 22)));
    }

    #[test]
    fn awaiting_a_corrected_request_stops_the_term_for_at_most_the_reply_window() {
        // received 2 Mar 2026, incomplete request noticed 12 Mar with 15 days to correct
        let mut facts = TermFacts {
            received_on: Some(d(2026, 3, 2)),
            suspensions: vec![Suspension {
                kind: SuspensionKind::AwaitingCorrection,
                from: d(2026, 3, 12),
                until: None,
                max_days: 15,
            }],
            ..Default::default()
        };
        let waiting = term_status(&facts, 30, &national(), d(2026, 3, 20)).unwrap();
        assert_eq!(waiting.suspended_for, Some(SuspensionKind::AwaitingCorrection));
        // provisional: 1 Apr + 15 = Thu 16 Apr
        assert_eq!(waiting.due_date, d(2026, 4, 16));
        // corrected on 20 Mar: the term restarts, 20 Mar + 30 = Sun 19 Apr -> Mon 20 Apr
        facts.suspensions[0].until = Some(d(2026, 3, 20));
        facts.restarted_on = Some(d(2026, 3, 20));
        let restarted = term_status(&facts, 30, &national(), d(2026, 3, 20)).unwrap();
        assert_eq!((restarted.start, restarted.suspended_days), (d(2026, 3, 20), 0));
        assert_eq!(restarted.due_date, d(2026, 4, 20));
        assert!(!restarted.suspended);
    }

    #[test]
    fn a_term_never_ends_on_a_legal_holiday() {
        let cal = national();
        let mut day = d(2013, 1, 1);
        while day < d(2030, 1, 1) {
            let due = due(day, false);
            assert!(!cal.is_legal_holiday(due).unwrap(), "{day} -> {due}");
            assert!(due >= day + Duration::days(30));
            day += Duration::days(3);
        }
    }
}
