//! The daily run of the terms ([`Sportello::run_terms`]): the system actions that fall due by the
//! mere passing of days, applied across dossiers; and the officers' lists of dossiers due soon or
//! overdue ([`Sportello::due_soon`], [`Sportello::overdue`]).
//!
//! The run reads the date from the [`Clock`] port only and is idempotent: each action is guarded
//! by the state it changes, so a second run on the same day finds nothing to do, and a run that
//! meets a concurrent writer ([`DossierError::Conflict`]) reports it and retries the next day.

use super::*;
use crate::dossier::{next_state, Action};

/// One system action the daily run applied to a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermAction {
    /// The dossier.
    pub dossier_id: String,
    /// What was recorded: [`Action::LapseIntegration`] (the reply window passed),
    /// [`Action::Resume`] (a suspension reached its longest), [`Action::SilentReject`] or
    /// [`Action::SilentAssent`] (silence formed).
    pub action: Action,
    /// The date that passed: the last day to reply, the suspension's last day, the due date.
    pub date: NaiveDate,
}

/// A dossier the daily run could not act on; the next run tries again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermFailure {
    /// The dossier.
    pub dossier_id: String,
    /// Why (typically [`DossierError::Conflict`]: an officer acted at the same moment).
    pub error: DossierError,
}

/// What one run of [`Sportello::run_terms`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TermRun {
    /// The Italian date of the run.
    pub on: Option<NaiveDate>,
    /// The actions applied, dossier by dossier in store order.
    pub actions: Vec<TermAction>,
    /// The dossiers that failed.
    pub failures: Vec<TermFailure>,
}

/// An open dossier in an officer's list, with its term as of today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueEntry {
    /// The dossier.
    pub dossier_id: String,
    /// The service.
    pub service_id: String,
    /// Its state.
    pub state: DossierState,
    /// The officer in charge, if any.
    pub officer: Option<String>,
    /// The term: due date, days left, overdue, suspension.
    pub term: TermStatus,
}

impl Sportello {
    /// The daily run a host schedules (once a day, or more: it is idempotent). For every dossier
    /// in the store, in this order:
    ///
    /// 1. an integration request whose reply window passed (`today > reply_by`) lapses: the
    ///    dossier goes back to the officer, and the term runs again (L. 241/1990 art. 2 c.7: from
    ///    the earlier of `reply_by` and the 30-day cap; DPR 184/2006 art. 6 c.5: the wait counts up
    ///    to `reply_by`);
    /// 2. a suspension that reached its longest (the counter-interested parties' 10 days with no
    ///    opposition, D.Lgs. 33/2013 art. 5 c.5; a c.7 suspension's days) is closed: the dossier
    ///    goes back to the officer;
    /// 3. where the service gives silence a meaning, silence forms the day after the due date
    ///    (L. 241/1990 art. 25 c.4 rejection, art. 20 assent), never while the term is suspended.
    ///
    /// Fails only if the store cannot list the dossiers; a dossier that fails is reported in
    /// [`TermRun::failures`] and the run goes on.
    pub fn run_terms(&self) -> Result<TermRun, DossierError> {
        let mut run = TermRun { on: Some(self.today()), ..TermRun::default() };
        for id in self.store.dossier_ids()? {
            match self.run_terms_of(&id) {
                Ok(actions) => run.actions.extend(actions),
                Err(error) => run.failures.push(TermFailure { dossier_id: id, error }),
            }
        }
        Ok(run)
    }

    fn run_terms_of(&self, id: &str) -> Result<Vec<TermAction>, DossierError> {
        let mut d = self.load(id)?;
        if d.state().is_concluded() || d.term_facts().received_on.is_none() {
            return Ok(vec![]);
        }
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        let today = self.today();
        let mut done = Vec::new();
        let mut record = |this: &Self, d: &mut Dossier, kind: EventKind, reason: &str, date: NaiveDate| {
            let action = kind.action();
            d.check(&kind, ActorKind::System, &rules)?;
            this.append(d, ActorRef::system(), Some(reason.into()), vec![kind])?;
            done.push(TermAction { dossier_id: d.id().into(), action, date });
            Ok::<(), DossierError>(())
        };
        if d.state() == DossierState::IntegrationRequested {
            if let Some(reply_by) = d.integration().map(|i| i.reply_by).filter(|r| today > *r) {
                let kind = EventKind::IntegrationLapsed { reply_by };
                record(self, &mut d, kind, "termine per l'integrazione scaduto senza risposta", reply_by)?;
            }
        }
        if d.state() == DossierState::Suspended {
            if let Some(end) = d.term_facts().open_suspension().map(|s| s.restart()).filter(|e| today > *e) {
                record(self, &mut d, EventKind::Resumed, "sospensione terminata", end)?;
            }
        }
        if rules.silence != Silence::None {
            match self.formed_silence(&d, &rules) {
                Ok(kind @ EventKind::SilenceFormed { due_date, .. })
                    if next_state(Some(d.state()), kind.action()).is_some() =>
                {
                    record(self, &mut d, kind, "silenzio formato alla scadenza del termine", due_date)?;
                }
                Ok(_) | Err(DossierError::Term(TermError::SilenceNotFormed { .. })) => {}
                Err(e) => return Err(e),
            }
        }
        if !done.is_empty() {
            self.remember(&d);
        }
        Ok(done)
    }

    /// The open dossiers of `chamber` whose due date is within `within_days` from today (not yet
    /// overdue), earliest first; suspended ones show their provisional due date. Only the
    /// chamber's officers who handle cases may ask ([`Authz::HandleCase`]).
    pub fn due_soon(
        &self,
        actor: &Actor,
        chamber: &ChamberCode,
        within_days: u32,
    ) -> Result<Vec<DueEntry>, DossierError> {
        let mut list = self.board(actor, chamber)?;
        list.retain(|e| !e.term.overdue && e.term.days_left <= i64::from(within_days));
        Ok(list)
    }

    /// The open dossiers of `chamber` past their due date, most overdue first (the substitute's
    /// list, L. 241/1990 art. 2 c.9-bis). Only the chamber's officers who handle cases may ask.
    pub fn overdue(&self, actor: &Actor, chamber: &ChamberCode) -> Result<Vec<DueEntry>, DossierError> {
        let mut list = self.board(actor, chamber)?;
        list.retain(|e| e.term.overdue);
        Ok(list)
    }

    fn board(&self, actor: &Actor, chamber: &ChamberCode) -> Result<Vec<DueEntry>, DossierError> {
        authorize(actor, &Authz::HandleCase { chamber: chamber.clone() })?;
        let mut out = Vec::new();
        for id in self.chamber_dossier_ids(chamber)? {
            let d = self.load(&id)?;
            if d.chamber() != chamber || d.state().is_concluded() || d.term_facts().received_on.is_none() {
                continue;
            }
            let term = self.term_of(&d)?;
            out.push(DueEntry {
                dossier_id: d.id().into(),
                service_id: d.service_id().into(),
                state: d.state(),
                officer: d.officer().map(str::to_string),
                term,
            });
        }
        out.sort_by(|a, b| (a.term.due_date, &a.dossier_id).cmp(&(b.term.due_date, &b.dossier_id)));
        Ok(out)
    }
}
