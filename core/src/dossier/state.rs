//! The states of a dossier and the transition table, as data.

use serde::{Deserialize, Serialize};

/// The state of a dossier. Integer codes with gaps (as OpenCity's *Stanza del cittadino*, see
/// `peers.md` §1.1) so that states can be inserted without renumbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierState {
    /// Being filled in by the applicant (*bozza*).
    Draft,
    /// Sent by the applicant (*inviata*); the term runs from receipt (L. 241/1990 art. 2 c.6).
    Submitted,
    /// Registered in the protocol register (*protocollata*).
    Registered,
    /// Taken in charge by an officer (*presa in carico*).
    InCharge,
    /// The officer asked the applicant for an integration.
    IntegrationRequested,
    /// The applicant replied to the integration request.
    IntegrationSubmitted,
    /// Term suspended (L. 241 art. 2 c.7; counter-interested parties, DPR 184/2006 art. 3,
    /// D.Lgs. 33/2013 art. 5 c.5).
    Suspended,
    /// Notice of the reasons against acceptance sent (*preavviso di rigetto*, L. 241 art. 10-bis).
    RefusalNoticed,
    /// Outcome: accepted (*accolta*).
    Accepted,
    /// Outcome: rejected (*respinta*).
    Rejected,
    /// Silence equals rejection (access to records, L. 241 art. 25 c.4).
    SilentRejection,
    /// Silence equals acceptance where the service declares it (L. 241 art. 20).
    SilentAssent,
    /// The outcome was communicated to the applicant's digital domicile.
    Communicated,
    /// Closed (*conclusa*).
    Closed,
    /// Sent to preservation, receipt recorded.
    Preserved,
    /// Withdrawn by the applicant (*ritirata*).
    Withdrawn,
}

impl DossierState {
    /// Every state, in code order.
    pub const ALL: [DossierState; 16] = [
        DossierState::Draft,
        DossierState::Submitted,
        DossierState::Registered,
        DossierState::InCharge,
        DossierState::IntegrationRequested,
        DossierState::IntegrationSubmitted,
        DossierState::Suspended,
        DossierState::RefusalNoticed,
        DossierState::Accepted,
        DossierState::Rejected,
        DossierState::SilentRejection,
        DossierState::SilentAssent,
        DossierState::Communicated,
        DossierState::Closed,
        DossierState::Preserved,
        DossierState::Withdrawn,
    ];

    /// The integer code (gaps left for insertions).
    pub fn code(self) -> u32 {
        match self {
            DossierState::Draft => 1000,
            DossierState::Submitted => 2000,
            DossierState::Registered => 3000,
            DossierState::InCharge => 4000,
            DossierState::IntegrationRequested => 4100,
            DossierState::IntegrationSubmitted => 4300,
            DossierState::Suspended => 4600,
            DossierState::RefusalNoticed => 4700,
            DossierState::Accepted => 7000,
            DossierState::SilentAssent => 7100,
            DossierState::Rejected => 9000,
            DossierState::SilentRejection => 9100,
            DossierState::Communicated => 9500,
            DossierState::Closed => 9800,
            DossierState::Preserved => 9900,
            DossierState::Withdrawn => 20000,
        }
    }

    /// The snake_case name used in JSON and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            DossierState::Draft => "draft",
            DossierState::Submitted => "submitted",
            DossierState::Registered => "registered",
            DossierState::InCharge => "in_charge",
            DossierState::IntegrationRequested => "integration_requested",
            DossierState::IntegrationSubmitted => "integration_submitted",
            DossierState::Suspended => "suspended",
            DossierState::RefusalNoticed => "refusal_noticed",
            DossierState::Accepted => "accepted",
            DossierState::Rejected => "rejected",
            DossierState::SilentRejection => "silent_rejection",
            DossierState::SilentAssent => "silent_assent",
            DossierState::Communicated => "communicated",
            DossierState::Closed => "closed",
            DossierState::Preserved => "preserved",
            DossierState::Withdrawn => "withdrawn",
        }
    }

    /// Whether the procedure is over (an outcome exists or the applicant withdrew).
    pub fn is_concluded(self) -> bool {
        matches!(
            self,
            DossierState::Accepted
                | DossierState::Rejected
                | DossierState::SilentRejection
                | DossierState::SilentAssent
                | DossierState::Communicated
                | DossierState::Closed
                | DossierState::Preserved
                | DossierState::Withdrawn
        )
    }
}

/// What happened to a dossier: one per event kind. The table below says, for each, from which
/// states it may happen, to which state it leads and who may do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The dossier is created as a draft.
    Open,
    /// The applicant submits.
    Submit,
    /// The application is protocolled.
    Register,
    /// An officer takes the dossier in charge (or reassigns it).
    TakeCharge,
    /// An officer asks for an integration.
    RequestIntegration,
    /// The applicant replies to an integration request.
    ReplyIntegration,
    /// An officer suspends the term.
    Suspend,
    /// The term resumes.
    Resume,
    /// Notice of refusal (art. 10-bis).
    NotifyRefusal,
    /// The applicant's observations on a notice of refusal.
    SubmitObservations,
    /// Decision: accepted.
    Accept,
    /// Decision: rejected.
    Reject,
    /// Silence formed as rejection (art. 25 c.4).
    SilentReject,
    /// Silence formed as assent (art. 20).
    SilentAssent,
    /// The outcome was sent by PEC.
    Communicate,
    /// The dossier is closed.
    Close,
    /// The dossier was preserved.
    Preserve,
    /// The applicant withdraws.
    Withdraw,
    /// An officer reopens a closed or withdrawn dossier.
    Reopen,
    /// A message between officer and applicant.
    PostMessage,
    /// A PEC receipt recorded as evidence.
    RecordReceipt,
    /// A payment recorded.
    RecordPayment,
    /// A document protocolled (integration reply, outgoing communication, outcome).
    RecordProtocol,
    /// The substitute (*titolare del potere sostitutivo*) was activated (art. 2 c.9-ter).
    ActivateSubstitute,
    /// A protocol registration of the dossier was annulled (DPR 445/2000 art. 54).
    AnnulProtocol,
    /// A payment asked on the dossier: a pagoPA position opened (copy fees, the annual fee).
    RequestPayment,
    /// A requested payment withdrawn: its pagoPA position cancelled.
    CancelPayment,
    /// A fee computed by the counter and attached to the dossier (the annual fee).
    ComputeFee,
    /// The amount a refund or correction decision states, determined by the officer.
    DetermineAmount,
    /// The reply window of an integration request passed without a reply: the counter records it
    /// and the dossier goes back to the officer, who decides on the documents at hand.
    LapseIntegration,
    /// An officer records a counter-interested party's opposition: the counterparty suspension
    /// ends (D.Lgs. 33/2013 art. 5 c.5; DPR 184/2006 art. 3).
    RecordOpposition,
    /// The data or documents of a granted access are released to the applicant (not before the
    /// day D.Lgs. 33/2013 art. 5 c.6 allows after an opposition).
    Release,
}

/// Who may perform an action (coarse; which applicant or officer is decided by authorization).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// The applicant, or someone acting for the applicant's company.
    Applicant,
    /// A chamber officer.
    Officer,
    /// The counter itself (protocol, PEC, preservation, terms).
    System,
}

/// Where an action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// To this state.
    To(DossierState),
    /// The state does not change.
    Stay,
}

/// One row of the transition table.
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    /// The action.
    pub action: Action,
    /// The states it may happen in.
    pub from: &'static [DossierState],
    /// Where it leads.
    pub to: Target,
    /// Who may perform it.
    pub by: &'static [ActorKind],
}

use ActorKind::{Applicant, Officer, System};
use DossierState as S;

const OPEN_STATES: &[DossierState] = &[
    S::Submitted,
    S::Registered,
    S::InCharge,
    S::IntegrationRequested,
    S::IntegrationSubmitted,
    S::Suspended,
    S::RefusalNoticed,
];
const AFTER_SUBMISSION: &[DossierState] = &[
    S::Submitted,
    S::Registered,
    S::InCharge,
    S::IntegrationRequested,
    S::IntegrationSubmitted,
    S::Suspended,
    S::RefusalNoticed,
    S::Accepted,
    S::Rejected,
    S::SilentRejection,
    S::SilentAssent,
    S::Communicated,
    S::Closed,
    S::Withdrawn,
];
/// Where a payment may be asked: while the dossier is handled (the annual fee), and once access is
/// granted (copies are released after payment, DPR 184/2006 art. 7).
const PAYABLE: &[DossierState] =
    &[S::Registered, S::InCharge, S::IntegrationSubmitted, S::Accepted, S::Communicated];
const UNDECIDED_RUNNING: &[DossierState] =
    &[S::Registered, S::InCharge, S::IntegrationSubmitted, S::RefusalNoticed];
/// Where silence may form: the undecided states, and a pending integration request whose term
/// kept running (a late request on access, DPR 184/2006 art. 6 c.5; a c.7 suspension past its 30
/// days). While the term is suspended silence cannot form: the facade checks the term first.
const SILENCE_FROM: &[DossierState] =
    &[S::Registered, S::InCharge, S::IntegrationRequested, S::IntegrationSubmitted, S::RefusalNoticed];

/// The transition table: the only source of truth for which action may happen in which state.
/// `Open` has no source state: it creates the dossier.
pub const TRANSITIONS: &[Transition] = &[
    Transition { action: Action::Open, from: &[], to: Target::To(S::Draft), by: &[Applicant] },
    Transition { action: Action::Submit, from: &[S::Draft], to: Target::To(S::Submitted), by: &[Applicant] },
    Transition {
        action: Action::Register,
        from: &[S::Submitted],
        to: Target::To(S::Registered),
        by: &[System],
    },
    Transition {
        action: Action::TakeCharge,
        from: &[S::Registered, S::InCharge, S::IntegrationSubmitted],
        to: Target::To(S::InCharge),
        by: &[Officer],
    },
    Transition {
        action: Action::RequestIntegration,
        from: &[S::InCharge],
        to: Target::To(S::IntegrationRequested),
        by: &[Officer],
    },
    Transition {
        action: Action::ReplyIntegration,
        from: &[S::IntegrationRequested],
        to: Target::To(S::IntegrationSubmitted),
        by: &[Applicant],
    },
    Transition {
        action: Action::Suspend,
        from: &[S::InCharge],
        to: Target::To(S::Suspended),
        by: &[Officer],
    },
    Transition {
        action: Action::Resume,
        from: &[S::Suspended],
        to: Target::To(S::InCharge),
        by: &[Officer, System],
    },
    Transition {
        action: Action::NotifyRefusal,
        from: &[S::InCharge],
        to: Target::To(S::RefusalNoticed),
        by: &[Officer],
    },
    Transition {
        action: Action::SubmitObservations,
        from: &[S::RefusalNoticed],
        to: Target::Stay,
        by: &[Applicant],
    },
    Transition {
        action: Action::Accept,
        from: &[S::InCharge, S::RefusalNoticed],
        to: Target::To(S::Accepted),
        by: &[Officer],
    },
    Transition {
        action: Action::Reject,
        from: &[S::InCharge, S::RefusalNoticed],
        to: Target::To(S::Rejected),
        by: &[Officer],
    },
    Transition {
        action: Action::SilentReject,
        from: SILENCE_FROM,
        to: Target::To(S::SilentRejection),
        by: &[System],
    },
    Transition {
        action: Action::SilentAssent,
        from: SILENCE_FROM,
        to: Target::To(S::SilentAssent),
        by: &[System],
    },
    Transition {
        action: Action::Communicate,
        from: &[S::Accepted, S::Rejected],
        to: Target::To(S::Communicated),
        by: &[System],
    },
    Transition {
        action: Action::Close,
        from: &[S::Communicated, S::SilentRejection, S::SilentAssent],
        to: Target::To(S::Closed),
        by: &[Officer, System],
    },
    Transition { action: Action::Preserve, from: &[S::Closed], to: Target::To(S::Preserved), by: &[System] },
    Transition {
        action: Action::Withdraw,
        from: OPEN_STATES,
        to: Target::To(S::Withdrawn),
        by: &[Applicant],
    },
    Transition {
        action: Action::Reopen,
        from: &[S::Closed, S::Withdrawn],
        to: Target::To(S::InCharge),
        by: &[Officer],
    },
    Transition {
        action: Action::PostMessage,
        from: AFTER_SUBMISSION,
        to: Target::Stay,
        by: &[Applicant, Officer],
    },
    Transition { action: Action::RecordReceipt, from: AFTER_SUBMISSION, to: Target::Stay, by: &[System] },
    // a pagoPA receipt arrives whenever the payer pays: it is evidence in any state after
    // submission (a paid position of a withdrawn or closed dossier still has to be recorded)
    Transition {
        action: Action::RecordPayment,
        from: AFTER_SUBMISSION,
        to: Target::Stay,
        by: &[System, Applicant],
    },
    Transition { action: Action::RecordProtocol, from: AFTER_SUBMISSION, to: Target::Stay, by: &[System] },
    Transition {
        action: Action::ActivateSubstitute,
        from: UNDECIDED_RUNNING,
        to: Target::Stay,
        by: &[Officer, Applicant],
    },
    // a preserved dossier is final: the annulment of one of its numbers is refused before the
    // register is touched
    Transition { action: Action::AnnulProtocol, from: AFTER_SUBMISSION, to: Target::Stay, by: &[Officer] },
    Transition { action: Action::RequestPayment, from: PAYABLE, to: Target::Stay, by: &[Officer, Applicant] },
    Transition {
        action: Action::CancelPayment,
        from: AFTER_SUBMISSION,
        to: Target::Stay,
        by: &[Officer, System],
    },
    Transition {
        action: Action::ComputeFee,
        from: &[S::Registered, S::InCharge, S::IntegrationSubmitted],
        to: Target::Stay,
        by: &[Officer, Applicant],
    },
    Transition {
        action: Action::DetermineAmount,
        from: &[S::InCharge, S::RefusalNoticed],
        to: Target::Stay,
        by: &[Officer],
    },
    Transition {
        action: Action::LapseIntegration,
        from: &[S::IntegrationRequested],
        to: Target::To(S::InCharge),
        by: &[System],
    },
    Transition {
        action: Action::RecordOpposition,
        from: &[S::Suspended, S::InCharge],
        to: Target::To(S::InCharge),
        by: &[Officer],
    },
    Transition {
        action: Action::Release,
        from: &[S::Accepted, S::Communicated],
        to: Target::Stay,
        by: &[Officer],
    },
];

/// The row of `action`.
pub fn transition(action: Action) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.action == action)
}

/// Where `action` leads from `state` (`None` for a dossier not yet opened), if the table allows it.
pub fn next_state(state: Option<DossierState>, action: Action) -> Option<DossierState> {
    let t = transition(action)?;
    match state {
        None if t.from.is_empty() => match t.to {
            Target::To(s) => Some(s),
            Target::Stay => None,
        },
        Some(s) if t.from.contains(&s) => match t.to {
            Target::To(to) => Some(to),
            Target::Stay => Some(s),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_exactly_one_row() {
        for t in TRANSITIONS {
            assert_eq!(TRANSITIONS.iter().filter(|u| u.action == t.action).count(), 1, "{:?}", t.action);
        }
    }

    #[test]
    fn withdrawal_is_impossible_once_an_outcome_exists() {
        for s in [S::Accepted, S::Rejected, S::Communicated, S::Closed, S::Preserved] {
            assert_eq!(next_state(Some(s), Action::Withdraw), None, "{s:?}");
        }
    }

    #[test]
    fn a_lapsed_integration_goes_back_to_the_officer_and_only_the_system_records_it() {
        assert_eq!(next_state(Some(S::IntegrationRequested), Action::LapseIntegration), Some(S::InCharge));
        assert_eq!(next_state(Some(S::InCharge), Action::LapseIntegration), None);
        assert_eq!(transition(Action::LapseIntegration).map(|t| t.by), Some(&[System][..]));
    }

    #[test]
    fn release_follows_an_acceptance_only() {
        for s in DossierState::ALL {
            let allowed = matches!(s, S::Accepted | S::Communicated);
            assert_eq!(next_state(Some(s), Action::Release).is_some(), allowed, "{s:?}");
        }
    }

    #[test]
    fn a_preserved_dossier_accepts_nothing() {
        for t in TRANSITIONS {
            assert_eq!(next_state(Some(S::Preserved), t.action), None, "{:?}", t.action);
        }
    }

    #[test]
    fn every_state_but_draft_is_reachable_from_the_table() {
        let mut seen = vec![S::Draft];
        let mut frontier = vec![S::Draft];
        while let Some(s) = frontier.pop() {
            for t in TRANSITIONS {
                if let Some(n) = next_state(Some(s), t.action) {
                    if !seen.contains(&n) {
                        seen.push(n);
                        frontier.push(n);
                    }
                }
            }
        }
        for s in DossierState::ALL {
            assert!(seen.contains(&s), "{s:?} unreachable");
        }
    }
}
