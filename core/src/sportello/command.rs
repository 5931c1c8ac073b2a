//! Handling steps on a dossier ([`Command`]) and the silence that forms when the term passes.

use super::outgoing::Incoming;
use super::*;
use crate::dossier::SuspensionKind;

/// A handling step on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Take in charge (or reassign to oneself).
    TakeCharge,
    /// Ask the applicant for an integration, with a reply window (at least 1 day). Its effect on
    /// the term follows the service ([`crate::dossier::integration_effect`]): the single c.7
    /// suspension, the wait for a corrected access request (if asked within the configured days
    /// of receipt), or none.
    RequestIntegration {
        /// What is missing.
        request: String,
        /// Reply window in days; the last day to reply is today + this.
        reply_within_days: u32,
    },
    /// The applicant's integration, by the last day of the window ([`TermError::ReplyWindowClosed`]
    /// after it).
    ReplyIntegration {
        /// Text.
        text: String,
        /// Documents.
        attachments: Vec<Attachment>,
    },
    /// Suspend the term.
    Suspend {
        /// Why.
        cause: SuspensionCause,
        /// For at most how many days.
        days: u32,
    },
    /// Resume the term (information received, opposition filed).
    Resume,
    /// Notice of refusal (art. 10-bis).
    NotifyRefusal {
        /// The reasons against acceptance.
        reasons: String,
    },
    /// The applicant's observations on the notice, within 10 days of it (L. 241/1990 art. 10-bis;
    /// [`TermError::ObservationsWindowClosed`] after them).
    SubmitObservations {
        /// The text.
        text: String,
    },
    /// Decide.
    Decide {
        /// Accepted or rejected.
        outcome: Outcome,
        /// The reasons.
        reasons: String,
    },
    /// The applicant withdraws.
    Withdraw,
    /// An officer reopens.
    Reopen,
    /// A message.
    PostMessage {
        /// The text.
        text: String,
    },
    /// Activate the substitute once the term has passed.
    ActivateSubstitute,
    /// The outcome was communicated by another channel (after a PEC non-delivery).
    RecordCommunication {
        /// The channel (e.g. `raccomandata A/R n. ...`).
        channel: String,
    },
    /// Close.
    Close,
    /// An officer records a counter-interested party's opposition, received within the window:
    /// the counterparty suspension ends (D.Lgs. 33/2013 art. 5 c.5; DPR 184/2006 art. 3) and the
    /// opposition is protocolled as an incoming document.
    RecordOpposition {
        /// Who opposed.
        counterparty: Correspondent,
        /// The reasons given.
        text: String,
        /// The opposition's documents.
        attachments: Vec<Attachment>,
    },
    /// An officer releases the data or documents of a granted access; after an opposition not
    /// before [`Dossier::release_not_before`] (D.Lgs. 33/2013 art. 5 c.6).
    Release,
}

impl Sportello {
    /// Runs a handling step on dossier `id` (see [`Command`]). With `expected_version`, refuses
    /// with [`DossierError::Conflict`] if the dossier changed since the caller read it.
    pub fn execute(
        &self,
        actor: &Actor,
        id: &str,
        command: Command,
        reason: Option<String>,
        expected_version: Option<u64>,
    ) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?;
        authorize(actor, &Self::command_action(actor, &d, rules, &command)?)?;
        if let Some(v) = expected_version {
            if v != d.version() {
                return Err(DossierError::Conflict {
                    dossier_id: id.into(),
                    expected: v,
                    actual: d.version(),
                });
            }
        }
        let actor_ref = Self::actor_ref(actor);
        let kind = match &command {
            Command::TakeCharge => EventKind::TakenInCharge { officer: actor_ref.id.clone() },
            Command::RequestIntegration { request, reply_within_days } => {
                if request.trim().is_empty() {
                    return Err(DossierError::MissingField { field: "request".into() });
                }
                if *reply_within_days == 0 {
                    return Err(DossierError::InvalidField {
                        field: "reply_within_days".into(),
                        rule: "at least 1 day".into(),
                    });
                }
                EventKind::IntegrationRequested {
                    request: request.clone(),
                    reply_within_days: *reply_within_days,
                    term_effect: integration_effect(&d, rules, self.today()),
                }
            }
            Command::ReplyIntegration { text, attachments } => {
                // the window's last day is `reply_by`; after it the request lapsed (recorded or not)
                let closed = match (d.state(), d.integration(), d.lapsed_reply_by()) {
                    (DossierState::IntegrationRequested, Some(i), _) if self.today() > i.reply_by => {
                        Some(i.reply_by)
                    }
                    (DossierState::IntegrationRequested, _, _) => None,
                    (_, _, lapsed) => lapsed,
                };
                if let Some(reply_by) = closed {
                    return Err(TermError::ReplyWindowClosed {
                        reply_by,
                        article: "integration request reply window (L. 241/1990 art. 2 c.7; DPR 184/2006 \
                                  art. 6 c.5)"
                            .into(),
                    }
                    .into());
                }
                EventKind::IntegrationReplied { text: text.clone(), attachments: attachments.clone() }
            }
            Command::Suspend { cause, days } => EventKind::Suspended { cause: *cause, days: *days },
            Command::Resume => EventKind::Resumed,
            Command::NotifyRefusal { reasons } => EventKind::RefusalNotified { reasons: reasons.clone() },
            Command::SubmitObservations { text } => {
                // art. 10-bis: observations within 10 days of receipt of the notice
                if d.state() == DossierState::RefusalNoticed {
                    if let Some(end) = d.term_facts().observations_window_end() {
                        if self.today() > end {
                            return Err(TermError::ObservationsWindowClosed {
                                window_end: end,
                                article: "L. 241/1990 art. 10-bis".into(),
                            }
                            .into());
                        }
                    }
                }
                EventKind::ObservationsSubmitted { text: text.clone() }
            }
            Command::Decide { outcome, reasons } => EventKind::Decided {
                outcome: *outcome,
                reasons: reasons.clone(),
                document: self.outcome_document(&d, rules, *outcome, reasons),
            },
            Command::Withdraw => EventKind::Withdrawn,
            Command::Reopen => EventKind::Reopened,
            Command::PostMessage { text } => {
                if text.trim().is_empty() {
                    return Err(DossierError::MissingField { field: "text".into() });
                }
                EventKind::MessagePosted { text: text.clone() }
            }
            Command::ActivateSubstitute => {
                let term = self.term_of(&d)?;
                if self.today() <= term.due_date {
                    return Err(TermError::TermNotExpired { due_date: term.due_date }.into());
                }
                EventKind::SubstituteActivated
            }
            Command::RecordCommunication { channel } => {
                EventKind::Communicated { message_id: channel.clone() }
            }
            Command::Close => EventKind::Closed,
            Command::RecordOpposition { counterparty, text, attachments } => {
                // only while a counterparty window is open (its last day included)
                let article = "D.Lgs. 33/2013 art. 5 c.5; DPR 184/2006 art. 3";
                let open =
                    d.term_facts().open_suspension().filter(|s| s.kind == SuspensionKind::Counterparties);
                match open {
                    Some(s) if self.today() <= s.restart() => {}
                    other => {
                        let last = d
                            .term_facts()
                            .suspensions
                            .iter()
                            .rev()
                            .find(|s| s.kind == SuspensionKind::Counterparties);
                        return Err(TermError::OppositionWindowClosed {
                            window_end: other.or(last).map(|s| s.restart()),
                            article: article.into(),
                        }
                        .into());
                    }
                }
                EventKind::OppositionRecorded {
                    counterparty: counterparty.clone(),
                    text: text.clone(),
                    attachments: attachments.clone(),
                }
            }
            Command::Release => {
                if let Some(not_before) = d.release_not_before(rules) {
                    if self.today() < not_before {
                        return Err(TermError::ReleaseNotBefore {
                            not_before,
                            article: "D.Lgs. 33/2013 art. 5 c.6".into(),
                        }
                        .into());
                    }
                }
                EventKind::Released
            }
        };
        // officers may communicate by another channel; the table gives `Communicate` to the system
        let kind_of_actor = match (&command, actor_ref.kind) {
            (Command::RecordCommunication { .. }, ActorKind::Officer) => ActorKind::System,
            (_, k) => k,
        };
        if matches!(command, Command::Reopen | Command::Withdraw)
            && reason.as_deref().is_none_or(str::is_empty)
        {
            return Err(DossierError::MissingField { field: "reason".into() });
        }
        d.check(&kind, kind_of_actor, rules)?;
        self.append(&mut d, actor_ref, reason, vec![kind])?;
        // automatic follow-ups: protocol and PEC
        match command {
            Command::RecordOpposition { counterparty, attachments, .. } => {
                let incoming = Incoming {
                    correspondent: counterparty,
                    file_name: "opposizione.json",
                    description: "Opposizione del controinteressato",
                    purpose: "opposition",
                };
                self.protocol_incoming(&mut d, rules, incoming, &attachments)?;
            }
            Command::ReplyIntegration { attachments, .. } => {
                let incoming = Incoming {
                    correspondent: Self::correspondent(d.applicant()),
                    file_name: "integrazione.json",
                    description: "Integrazione",
                    purpose: "integration_reply",
                };
                self.protocol_incoming(&mut d, rules, incoming, &attachments)?;
            }
            Command::RequestIntegration { request, reply_within_days } => {
                let body = format!(
                    "Per l'istanza {} si richiede la seguente integrazione entro {} giorni: {}",
                    d.id(),
                    reply_within_days,
                    request
                );
                self.outgoing(&mut d, rules, "integration_request", "Richiesta di integrazione", body)?;
            }
            Command::NotifyRefusal { reasons } => {
                let body = format!(
                    "Comunicazione dei motivi ostativi all'accoglimento dell'istanza {} (art. 10-bis L. \
                     241/1990): {}. Entro 10 giorni dal ricevimento puo' presentare osservazioni scritte.",
                    d.id(),
                    reasons
                );
                self.outgoing(&mut d, rules, "refusal_notice", "Preavviso di rigetto", body)?;
            }
            Command::Decide { outcome, .. } => {
                let document = d.outcome().and_then(|o| o.document.clone());
                let word = match outcome {
                    Outcome::Accepted => "accolta",
                    Outcome::Rejected => "respinta",
                };
                let body = format!(
                    "L'istanza {} e' stata {}. Il provvedimento e' allegato; impronta SHA-256 {}.",
                    d.id(),
                    word,
                    document.as_ref().map(|a| a.digest.to_hex()).unwrap_or_default()
                );
                let number = self.protocol_outgoing(&mut d, rules, "outcome", &body, document.as_ref())?;
                let message_id = format!("{}/outcome/{}", d.id(), number.digits());
                let delivered = self.send_pec_with_id(
                    &mut d,
                    rules,
                    &message_id,
                    "outcome",
                    "Esito dell'istanza",
                    body,
                    document.iter().map(|a| (a.name.clone(), a.digest)).collect(),
                )?;
                let personal_area = d.applicant().digital_domicile.is_none();
                if delivered || (personal_area && rules.pec_fallback == PecFallback::PersonalArea) {
                    let id = if delivered { message_id } else { "area-personale".into() };
                    self.append(
                        &mut d,
                        ActorRef::system(),
                        None,
                        vec![EventKind::Communicated { message_id: id }],
                    )?;
                }
            }
            _ => {}
        }
        self.remember(&d);
        Ok(d)
    }

    /// The silence that has formed on `d` as of today, as the event recording it: the term passed
    /// (the day after the due date) and is not suspended, and the service gives silence a meaning
    /// (L. 241/1990 art. 25 c.4 rejection, art. 20 assent). Otherwise
    /// [`TermError::SilenceNotFormed`] with `term_not_expired` or `no_silence_rule`.
    pub(super) fn formed_silence(
        &self,
        d: &Dossier,
        rules: &ProcedureRules,
    ) -> Result<EventKind, DossierError> {
        let term = self.term_of(d)?;
        if term.suspended || self.today() <= term.due_date {
            return Err(TermError::SilenceNotFormed {
                rule: "term_not_expired".into(),
                due_date: Some(term.due_date),
            }
            .into());
        }
        let outcome = match rules.silence {
            Silence::Rejection => Outcome::Rejected,
            Silence::Assent => Outcome::Accepted,
            Silence::None => {
                return Err(TermError::SilenceNotFormed {
                    rule: "no_silence_rule".into(),
                    due_date: Some(term.due_date),
                }
                .into())
            }
        };
        Ok(EventKind::SilenceFormed { outcome, due_date: term.due_date })
    }

    /// Where silence has a legal meaning (access: rejection, art. 25 c.4 L. 241/1990; declared
    /// assent, art. 20), records it once the due date has passed without an outcome.
    pub fn apply_silence(&self, id: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load(id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?;
        let kind = self.formed_silence(&d, rules)?;
        d.check(&kind, ActorKind::System, rules)?;
        self.append(&mut d, ActorRef::system(), None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }
}
