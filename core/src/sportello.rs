//! `Sportello`: the counter. It wires the ports (clock, dossier store, protocol system per chamber,
//! PEC mailer, preserver) and the chambers' desks, runs the use cases of the electronic
//! administrative procedure and asks [`crate::authz::authorize`] who may do what.
//!
//! Every use case reads the time from the [`Clock`] port only, loads the dossier's events, checks
//! the transition table and the service's rules, and appends new events with the version it read
//! (two officers acting on the same version: one gets [`DossierError::Conflict`]). Incoming
//! applications, integration replies and outgoing communications are protocolled automatically
//! (CAD art. 40-bis); the key steps go by PEC to the applicant's digital domicile and the receipts
//! are recorded on the dossier (CAD art. 6, art. 48).
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::sync::Arc;
//! use chrono::{TimeZone, Utc};
//! use sportello::dossier::DossierState;
//! use sportello::identity::{AssuranceTable, Identity};
//! use sportello::memory::{InMemoryRegistry, ManualClock, DELEGATION_FIXTURES};
//! use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
//! use sportello::sportello::Sportello;
//!
//! let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
//! let counter = Sportello::with_memory_adapters(Arc::new(clock.clone()))?;
//! let (registry, book) = (InMemoryRegistry::with_fixtures()?, DelegationBook::from_json(DELEGATION_FIXTURES)?);
//! let spid = BTreeMap::from([
//!     ("fiscalNumber".to_string(), "TINIT-RSSMRA80A01F205X".to_string()),
//!     ("name".to_string(), "Mario".to_string()),
//!     ("familyName".to_string(), "Rossi".to_string()),
//!     ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
//! ]);
//! let mario = Identity::from_spid(&spid, &AssuranceTable::default())?;
//! let private = ProfileChoice { kind: ProfileKind::Private, company: None };
//! let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
//! let actor = Profiler::new(&registry, &book).act_as(&mario, &private, day)?;
//! let form = BTreeMap::from([
//!     ("documents".to_string(), "verbale di ispezione 12/2025".to_string()),
//!     ("motivation".to_string(), "tutela in giudizio".to_string()),
//! ]);
//! let dossier = counter.submit(&actor, "accesso-atti", form, vec![])?;
//! assert_eq!(dossier.state(), DossierState::Registered);
//! assert_eq!(dossier.protocol_numbers()[0].to_string(), "2026/0000001");
//! assert_eq!(counter.my_dossiers(&actor)?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::archive::{
    Digest, DocumentMetadata, FolderMetadata, PackageDocument, RegistrationData, SubmissionPackage,
};
use crate::authz::{authorize, Action as Authz, DenialRule, NotAuthorized, Party};
use crate::calendar::{italian_date, Calendar};
use crate::chamber::ChamberCode;
use crate::dossier::{
    integration_effect, term_status, verify_chain, ActorKind, ActorRef, ApplicantSnapshot, Attachment,
    CompanyRef, Dossier, DossierError, DossierEvent, DossierState, EventKind, Outcome, PecFallback,
    ProcedureRules, Silence, SuspensionCause, TermError, TermStatus,
};
use crate::memory::{
    InMemoryPecDirectory, MemoryDossierStore, MemoryPecMailer, MemoryPreserver, MemoryProtocol,
};
use crate::money::Euro;
use crate::notify::{PecAddress, PecMessage, ReceiptKind};
use crate::ports::{Clock, DossierStore, PecDirectory, PecMailer, Preserver, ProtocolSystem};
use crate::protocol::{
    segnatura, Correspondent, DailyRegister, Direction, DocumentRef, FolderRef, ProtocolEntry,
    ProtocolNumber, RegisterId, RegistrationRequest,
};

pub use crate::authz::Actor;

/// What a chamber's desk needs: identity for protocol and PEC, its services, its legal calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChamberDesk {
    /// The chamber.
    pub code: ChamberCode,
    /// Name, as in the segnatura (`DenominazionePA`).
    pub name: String,
    /// Numeric codice fiscale, 11 digits (`CFPA`).
    pub tax_code: String,
    /// IPA code of the administration.
    pub ipa_code: String,
    /// IPA code of the AOO.
    pub aoo_code: String,
    /// The register code.
    pub register_code: String,
    /// The chamber's PEC address (sender of communications).
    pub pec: PecAddress,
    /// The services offered, with their procedure rules.
    pub services: Vec<ProcedureRules>,
    /// The legal calendar for terms.
    pub calendar: Calendar,
}

impl ChamberDesk {
    /// A desk for `code` with the first services and placeholder identifiers (`00000000000`,
    /// `cciaa_<code>`, `AOO_<code>`, `protocollo@<code>.example`): for tests and the tour; a real
    /// deployment sets the chamber's IPA codes and PEC.
    pub fn example(code: ChamberCode) -> Result<ChamberDesk, DossierError> {
        let lower = code.as_str().to_ascii_lowercase();
        let pec = format!("protocollo@pec.{lower}.example")
            .parse()
            .map_err(|_| DossierError::InvalidField { field: "pec".into(), rule: "PEC address".into() })?;
        Ok(ChamberDesk {
            name: format!("Camera di commercio {}", code.as_str()),
            tax_code: "00000000000".into(),
            ipa_code: format!("cciaa_{lower}"),
            aoo_code: format!("AOO_{}", code.as_str()),
            register_code: "PG".into(),
            pec,
            services: ProcedureRules::first_services(),
            calendar: Calendar::national(),
            code,
        })
    }

    fn holder(&self) -> Correspondent {
        Correspondent::PublicAdministration {
            name: self.name.clone(),
            tax_code: self.tax_code.clone(),
            ipa_code: Some(self.ipa_code.clone()),
        }
    }

    fn rules(&self, service_id: &str) -> Result<&ProcedureRules, DossierError> {
        self.services
            .iter()
            .find(|r| r.service_id == service_id)
            .ok_or(DossierError::UnknownService { service_id: service_id.into() })
    }
}

/// A handling step on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Take in charge (or reassign to oneself).
    TakeCharge,
    /// Ask the applicant for an integration, with a reply window.
    RequestIntegration {
        /// What is missing.
        request: String,
        /// Reply window in days.
        reply_within_days: u32,
    },
    /// The applicant's integration.
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
    /// The applicant's observations on the notice.
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
}

/// The counter.
pub struct Sportello {
    clock: Arc<dyn Clock>,
    store: Arc<dyn DossierStore>,
    mailer: Arc<dyn PecMailer>,
    directory: Arc<dyn PecDirectory>,
    preserver: Arc<dyn Preserver>,
    desks: BTreeMap<ChamberCode, (ChamberDesk, Arc<dyn ProtocolSystem>)>,
    default_chamber: Option<ChamberCode>,
    // the dossiers touched last: a load then reads only the events appended since
    recent: Mutex<VecDeque<Dossier>>,
}

const RECENT: usize = 16;

const APPLICATION_FILE: &str = "istanza.json";

impl Sportello {
    /// A counter over the given ports, with no chamber yet and an empty PEC directory (see
    /// [`Sportello::set_directory`]).
    pub fn new(
        clock: Arc<dyn Clock>,
        store: Arc<dyn DossierStore>,
        mailer: Arc<dyn PecMailer>,
        preserver: Arc<dyn Preserver>,
    ) -> Self {
        Sportello {
            clock,
            store,
            mailer,
            directory: Arc::new(InMemoryPecDirectory::new()),
            preserver,
            desks: BTreeMap::new(),
            default_chamber: None,
            recent: Mutex::new(VecDeque::new()),
        }
    }

    /// A counter on in-memory adapters, with one example desk (`MI`, see [`ChamberDesk::example`]),
    /// the first services and the PEC directory of the registry fixtures
    /// ([`InMemoryPecDirectory::with_fixtures`]).
    pub fn with_memory_adapters(clock: Arc<dyn Clock>) -> Result<Self, DossierError> {
        Self::with_store(clock, Arc::new(MemoryDossierStore::new()))
    }

    /// Like [`Sportello::with_memory_adapters`] with the given dossier store (e.g. a host's).
    pub fn with_store(clock: Arc<dyn Clock>, store: Arc<dyn DossierStore>) -> Result<Self, DossierError> {
        let mailer = Arc::new(MemoryPecMailer::new(clock.clone()));
        let preserver = Arc::new(MemoryPreserver::new(clock.clone()));
        let mut s = Sportello::new(clock, store, mailer, preserver);
        let directory = InMemoryPecDirectory::with_fixtures()
            .map_err(|e| DossierError::InvalidField { field: "pec_directory".into(), rule: e.to_string() })?;
        s.set_directory(Arc::new(directory));
        let code: ChamberCode = "MI"
            .parse()
            .map_err(|_| DossierError::InvalidField { field: "chamber".into(), rule: "code".into() })?;
        s.add_desk_with_memory_protocol(ChamberDesk::example(code)?)?;
        Ok(s)
    }

    /// Adds a chamber's desk with its protocol system. The first desk added is the default.
    pub fn add_desk(&mut self, desk: ChamberDesk, protocol: Arc<dyn ProtocolSystem>) {
        if self.default_chamber.is_none() {
            self.default_chamber = Some(desk.code.clone());
        }
        self.desks.insert(desk.code.clone(), (desk, protocol));
    }

    /// Adds a desk with an embedded protocol register for its AOO.
    pub fn add_desk_with_memory_protocol(&mut self, desk: ChamberDesk) -> Result<(), DossierError> {
        let id = RegisterId::new(&desk.ipa_code, &desk.aoo_code, &desk.register_code)?;
        let protocol = MemoryProtocol::new(id, desk.holder(), self.clock.clone())?;
        self.add_desk(desk, Arc::new(protocol));
        Ok(())
    }

    /// Replaces the PEC mailer (e.g. a scripted one in tests).
    pub fn set_mailer(&mut self, mailer: Arc<dyn PecMailer>) {
        self.mailer = mailer;
    }

    /// Replaces the PEC directory the digital domiciles are read from (INI-PEC, INAD).
    pub fn set_directory(&mut self, directory: Arc<dyn PecDirectory>) {
        self.directory = directory;
    }

    /// The desk of `chamber`.
    pub fn desk(&self, chamber: &ChamberCode) -> Result<&ChamberDesk, DossierError> {
        self.desks.get(chamber).map(|(d, _)| d).ok_or(DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })
    }

    fn protocol(&self, chamber: &ChamberCode) -> Result<&Arc<dyn ProtocolSystem>, DossierError> {
        self.desks.get(chamber).map(|(_, p)| p).ok_or(DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })
    }

    fn today(&self) -> NaiveDate {
        italian_date(self.clock.now())
    }

    // -- authorization: every check is one `authz::authorize` call -------------------------------

    fn actor_ref(actor: &Actor) -> ActorRef {
        let kind = if actor.is_officer() { ActorKind::Officer } else { ActorKind::Applicant };
        ActorRef { kind, id: actor.person().to_string() }
    }

    /// What a user who may not see a dossier is told, whether it exists or not: the same refusal,
    /// so that asking for someone else's dossier reveals nothing.
    fn unseen() -> DossierError {
        NotAuthorized { action: "view_case", rule: DenialRule::NotActingForParty }.into()
    }

    fn party_of(d: &Dossier) -> Result<Party, DossierError> {
        d.applicant().party().ok_or(DossierError::InvalidField {
            field: "applicant.tax_code".into(),
            rule: "codice fiscale".into(),
        })
    }

    fn may_see(actor: &Actor, d: &Dossier) -> Result<(), DossierError> {
        let action = Authz::ViewCase {
            chamber: d.chamber().clone(),
            applicant: Self::party_of(d)?,
            service: d.service_id().into(),
        };
        authorize(actor, &action).map_err(|e| match e.rule {
            DenialRule::NotActingForParty => Self::unseen(),
            _ => e.into(),
        })
    }

    /// The action a handling step is, for [`authorize`]: the applicant's steps need the
    /// applicant's session at the service's level; the office's need the officer's role.
    fn command_action(
        actor: &Actor,
        d: &Dossier,
        rules: &ProcedureRules,
        command: &Command,
    ) -> Result<Authz, DossierError> {
        let chamber = d.chamber().clone();
        let as_applicant = || -> Result<Authz, DossierError> {
            Ok(Authz::ActOnCase {
                chamber: chamber.clone(),
                applicant: Self::party_of(d)?,
                service: d.service_id().into(),
                required_level: rules.required_level,
            })
        };
        Ok(match command {
            Command::ReplyIntegration { .. } | Command::SubmitObservations { .. } | Command::Withdraw => {
                as_applicant()?
            }
            Command::PostMessage { .. } if !actor.is_officer() => as_applicant()?,
            // L. 241/1990 art. 2 c.9-ter: the applicant may turn to the substitute
            Command::ActivateSubstitute if !actor.is_officer() => as_applicant()?,
            Command::ActivateSubstitute => Authz::ActAsSubstitute { chamber },
            Command::Decide { .. } => Authz::DecideCase { chamber },
            _ => Authz::HandleCase { chamber },
        })
    }

    /// The digital domicile of `party` from the PEC directory (CAD art. 6-bis for companies and
    /// professionals, art. 6-quater for persons), if it lists one; otherwise the service's
    /// fallback applies ([`PecFallback`]).
    fn domicile_of(&self, party: &Party) -> Result<Option<PecAddress>, DossierError> {
        let cf = party.codice_fiscale();
        let Some(entry) = self.directory.domicile_of(cf)?.filter(|e| e.codice_fiscale == *cf) else {
            return Ok(None);
        };
        entry.pec.as_str().parse::<PecAddress>().map(Some).map_err(|_| DossierError::InvalidField {
            field: "pec_directory.pec".into(),
            rule: "PEC address (local@domain.tld)".into(),
        })
    }

    // -- reading ---------------------------------------------------------------------------------

    fn load(&self, id: &str) -> Result<Dossier, DossierError> {
        let cached = {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            recent.iter().position(|d| d.id() == id).and_then(|i| recent.remove(i))
        };
        if let Some(mut d) = cached {
            // re-read the last event the snapshot has: it must still be there, unchanged
            let tail = self.store.load_after(id, d.version().saturating_sub(1))?;
            if let Some((last, new)) = tail.split_first() {
                if last.seq == d.version()
                    && last.digest == d.head()
                    && new.iter().try_for_each(|e| d.apply(e)).is_ok()
                {
                    return Ok(d);
                }
            }
        }
        let events = self.store.load(id)?;
        if events.is_empty() {
            return Err(DossierError::NotFound { id: id.into() });
        }
        Dossier::replay(&events)
    }

    fn remember(&self, d: &Dossier) {
        let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent.retain(|x| x.id() != d.id());
        recent.push_back(d.clone());
        while recent.len() > RECENT {
            recent.pop_front();
        }
    }

    /// The dossier `id`, if `actor` may see it.
    ///
    /// A user gets the same [`DossierError::NotAuthorized`] for a dossier that is not theirs and
    /// for one that does not exist.
    pub fn dossier(&self, actor: &Actor, id: &str) -> Result<Dossier, DossierError> {
        let d = self.load_for(actor, id)?;
        self.remember(&d);
        Ok(d)
    }

    fn load_for(&self, actor: &Actor, id: &str) -> Result<Dossier, DossierError> {
        let d = match self.load(id) {
            Err(DossierError::NotFound { .. }) if !actor.is_officer() => return Err(Self::unseen()),
            other => other?,
        };
        Self::may_see(actor, &d)?;
        Ok(d)
    }

    /// The dossiers `actor` may see, in creation order: those of the party the user's session acts
    /// for (the person, or the company) within the delegation's scope, read from the store's index
    /// by party ([`DossierStore::dossier_ids_of`]); for an officer, those of their chamber.
    pub fn my_dossiers(&self, actor: &Actor) -> Result<Vec<Dossier>, DossierError> {
        let ids = match (actor.acting_for(), actor.chamber()) {
            (Some(party), _) => self.store.dossier_ids_of(&party)?,
            (None, Some(chamber)) => {
                let prefix = format!("{}-", chamber.as_str());
                self.store.dossier_ids()?.into_iter().filter(|id| id.starts_with(&prefix)).collect()
            }
            (None, None) => Vec::new(),
        };
        let mut out = Vec::new();
        for id in ids {
            let d = self.load(&id)?;
            if Self::may_see(actor, &d).is_ok() {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// The term of dossier `id` as of today: due date, days left, overdue, suspension.
    pub fn status(&self, actor: &Actor, id: &str) -> Result<TermStatus, DossierError> {
        let d = self.dossier(actor, id)?;
        self.term_of(&d)
    }

    /// The term of `d` as of today, on its chamber's calendar and its service's rules.
    pub fn term_of(&self, d: &Dossier) -> Result<TermStatus, DossierError> {
        let desk = self.desk(d.chamber())?;
        let rules = desk.rules(d.service_id())?;
        Ok(term_status(d.term_facts(), rules.term_days, &desk.calendar, self.today())?)
    }

    /// Verifies the event chain of dossier `id` and that it replays; returns the head digest.
    pub fn verify_dossier(&self, id: &str) -> Result<Digest, DossierError> {
        let events = self.store.load(id)?;
        if events.is_empty() {
            return Err(DossierError::NotFound { id: id.into() });
        }
        let head = verify_chain(id, &events)?;
        Dossier::replay(&events)?;
        Ok(head)
    }

    /// The protocol entry `number` of `chamber`.
    pub fn protocol_entry(
        &self,
        chamber: &ChamberCode,
        number: ProtocolNumber,
    ) -> Result<ProtocolEntry, DossierError> {
        self.protocol(chamber)?.entry(number)?.ok_or(DossierError::Protocol(
            crate::protocol::ProtocolError::NotFound { number: number.to_string() },
        ))
    }

    /// The segnatura XML of protocol entry `number` of `chamber`.
    pub fn segnatura(&self, chamber: &ChamberCode, number: ProtocolNumber) -> Result<String, DossierError> {
        Ok(segnatura::to_xml(&self.protocol_entry(chamber, number)?))
    }

    /// The daily protocol register of `chamber` for `date`.
    pub fn daily_register(
        &self,
        chamber: &ChamberCode,
        date: NaiveDate,
    ) -> Result<DailyRegister, DossierError> {
        Ok(self.protocol(chamber)?.daily_register(date)?)
    }

    /// The default chamber (the first desk added).
    pub fn default_chamber(&self) -> Result<ChamberCode, DossierError> {
        self.default_chamber
            .clone()
            .ok_or(DossierError::InvalidField { field: "chamber".into(), rule: "no desk configured".into() })
    }

    /// The copy fee of a service for `pages` pages (L. 241/1990 art. 25 c.1).
    pub fn copy_fee(
        &self,
        chamber: &ChamberCode,
        service_id: &str,
        pages: u32,
    ) -> Result<Euro, DossierError> {
        let rules = self.desk(chamber)?.rules(service_id)?;
        let tariff = rules.copy_tariff.ok_or(DossierError::GuardFailed {
            rule: "no_copy_fees".into(),
            article: format!("service {service_id}"),
        })?;
        // Only a fee beyond the money domain range (±10^15 EUR) fails.
        tariff
            .fee(pages)
            .map_err(|e| DossierError::InvalidField { field: "pages".into(), rule: e.rule().into() })
    }

    // -- writing ---------------------------------------------------------------------------------

    fn append(
        &self,
        d: &mut Dossier,
        actor: ActorRef,
        reason: Option<String>,
        kinds: Vec<EventKind>,
    ) -> Result<(), DossierError> {
        let at = self.clock.now();
        let mut prev = d.head();
        let mut state = d.state();
        let mut events = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.into_iter().enumerate() {
            // the whole batch must follow the table before anything is written
            let action = kind.action();
            state =
                crate::dossier::next_state(Some(state), action).ok_or(DossierError::InvalidTransition {
                    action,
                    state: Some(state),
                    dossier_id: d.id().into(),
                })?;
            let e = DossierEvent::seal(
                d.id(),
                d.version() + 1 + i as u64,
                at,
                actor.clone(),
                reason.clone(),
                kind,
                prev,
            );
            prev = e.digest;
            events.push(e);
        }
        self.store.append(d.id(), d.version(), &events)?;
        for e in &events {
            d.apply(e)?;
        }
        Ok(())
    }

    /// Submits an application to the default chamber (see [`Sportello::submit_to`]).
    pub fn submit(
        &self,
        actor: &Actor,
        service_id: &str,
        form: BTreeMap<String, String>,
        attachments: Vec<Attachment>,
    ) -> Result<Dossier, DossierError> {
        self.submit_to(actor, &self.default_chamber()?, service_id, form, attachments)
    }

    /// Submits an application: checks the form against the service, freezes the applicant,
    /// records receipt (the term runs from today, L. 241/1990 art. 2 c.6), protocols it (CAD art.
    /// 40-bis) and sends the receipt by PEC to the party's digital domicile read from the PEC
    /// directory (CAD art. 3-bis, art. 6-bis): the company's for a company, the person's own if
    /// listed; without one the service's fallback applies. `actor` must act for the party with a
    /// delegation covering the service, at the service's level of assurance
    /// ([`Authz::UseService`]).
    pub fn submit_to(
        &self,
        actor: &Actor,
        chamber: &ChamberCode,
        service_id: &str,
        form: BTreeMap<String, String>,
        attachments: Vec<Attachment>,
    ) -> Result<Dossier, DossierError> {
        let Some(profile) = actor.profile() else {
            return Err(NotAuthorized { action: "use_service", rule: DenialRule::UsersOnly }.into());
        };
        let party = profile.party();
        let desk = self.desk(chamber)?;
        let rules = desk.rules(service_id)?;
        authorize(
            actor,
            &Authz::UseService {
                service: service_id.into(),
                party: party.clone(),
                required_level: rules.required_level,
            },
        )?;
        for field in &rules.required_fields {
            if form.get(field).is_none_or(|v| v.trim().is_empty()) {
                return Err(DossierError::MissingField { field: field.clone() });
            }
        }
        if !rules.categories.is_empty() {
            let c = form.get("category").map(String::as_str).unwrap_or("");
            if !rules.categories.iter().any(|k| k == c) {
                return Err(DossierError::InvalidField {
                    field: "category".into(),
                    rule: format!("one of {}", rules.categories.join(", ")),
                });
            }
        }
        let digital_domicile = self.domicile_of(&party)?;
        for a in &attachments {
            if Digest::of(&a.content.0) != a.digest {
                return Err(DossierError::InvalidField {
                    field: format!("attachments[{}]", a.name),
                    rule: "digest matches content".into(),
                });
            }
        }
        let now = self.clock.now();
        let today = italian_date(now);
        let seq = self.store.next_sequence()?;
        let id = format!("{}-{}-{:06}", chamber.as_str(), chrono::Datelike::year(&today), seq);
        let identity = actor.identity();
        let applicant = ApplicantSnapshot {
            tax_code: actor.person().to_string(),
            // as the credential states them (a CNS may carry none)
            given_name: identity.given_name().unwrap_or_default().into(),
            family_name: identity.family_name().unwrap_or_default().into(),
            on_behalf_of: profile
                .company
                .as_ref()
                .map(|c| CompanyRef { tax_code: c.codice_fiscale.to_string(), name: c.name.clone() }),
            digital_domicile,
            identified_with: identity.method().as_str().into(),
            level_of_assurance: actor.level(),
        };
        let opened = DossierEvent::seal(
            &id,
            1,
            now,
            Self::actor_ref(actor),
            None,
            EventKind::Opened {
                service_id: service_id.into(),
                chamber: chamber.clone(),
                applicant,
                form,
                attachments,
            },
            Digest::ZERO,
        );
        let mut d = Dossier::replay(std::slice::from_ref(&opened))?;
        let submitted = DossierEvent::seal(
            &id,
            2,
            now,
            Self::actor_ref(actor),
            None,
            EventKind::Submitted { received_on: today },
            opened.digest,
        );
        d.apply(&submitted)?;
        self.store.append(&id, 0, &[opened, submitted])?;
        // protocol the application
        let application = self.application_document(&d);
        let entry = self.protocol(chamber)?.register(RegistrationRequest {
            direction: Direction::Incoming,
            correspondents: vec![Self::correspondent(d.applicant())],
            subject: format!("{} - {}", rules.name, d.id()),
            classification: rules.classification.clone(),
            folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
            primary: application,
            attachments: d.attachments().iter().map(Self::document_ref).collect(),
            received_document: None,
        })?;
        self.append(
            &mut d,
            ActorRef::system(),
            None,
            vec![EventKind::Registered { protocol: entry.number() }],
        )?;
        let body = format!(
            "La sua istanza {} ({}) e' stata ricevuta il {} e protocollata con il n. {} del {}.",
            d.id(),
            rules.name,
            today.format("%d/%m/%Y"),
            entry.number().digits(),
            entry.date().format("%d/%m/%Y")
        );
        self.send_pec(&mut d, rules, "receipt", "Ricevuta di presentazione", body, vec![])?;
        self.remember(&d);
        Ok(d)
    }

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
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        authorize(actor, &Self::command_action(actor, &d, &rules, &command)?)?;
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
                EventKind::IntegrationRequested {
                    request: request.clone(),
                    reply_within_days: *reply_within_days,
                    term_effect: integration_effect(&d, &rules),
                }
            }
            Command::ReplyIntegration { text, attachments } => {
                EventKind::IntegrationReplied { text: text.clone(), attachments: attachments.clone() }
            }
            Command::Suspend { cause, days } => EventKind::Suspended { cause: *cause, days: *days },
            Command::Resume => EventKind::Resumed,
            Command::NotifyRefusal { reasons } => EventKind::RefusalNotified { reasons: reasons.clone() },
            Command::SubmitObservations { text } => EventKind::ObservationsSubmitted { text: text.clone() },
            Command::Decide { outcome, reasons } => EventKind::Decided {
                outcome: *outcome,
                reasons: reasons.clone(),
                document: self.outcome_document(&d, &rules, *outcome, reasons),
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
        d.check(&kind, kind_of_actor, &rules)?;
        self.append(&mut d, actor_ref, reason, vec![kind])?;
        // automatic follow-ups: protocol and PEC
        match command {
            Command::ReplyIntegration { attachments, .. } => {
                let primary = DocumentRef {
                    file_name: "integrazione.json".into(),
                    mime_type: "application/json".into(),
                    digest: d.head(),
                    description: Some("Integrazione".into()),
                };
                let entry = self.protocol(d.chamber())?.register(RegistrationRequest {
                    direction: Direction::Incoming,
                    correspondents: vec![Self::correspondent(d.applicant())],
                    subject: format!("Integrazione - {}", d.id()),
                    classification: rules.classification.clone(),
                    folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
                    primary,
                    attachments: attachments.iter().map(Self::document_ref).collect(),
                    received_document: None,
                })?;
                self.append(
                    &mut d,
                    ActorRef::system(),
                    None,
                    vec![EventKind::Protocolled {
                        protocol: entry.number(),
                        direction: Direction::Incoming,
                        document: "integration_reply".into(),
                    }],
                )?;
            }
            Command::RequestIntegration { request, reply_within_days } => {
                let body = format!(
                    "Per l'istanza {} si richiede la seguente integrazione entro {} giorni: {}",
                    d.id(),
                    reply_within_days,
                    request
                );
                self.outgoing(&mut d, &rules, "integration_request", "Richiesta di integrazione", body)?;
            }
            Command::NotifyRefusal { reasons } => {
                let body = format!(
                    "Comunicazione dei motivi ostativi all'accoglimento dell'istanza {} (art. 10-bis L. \
                     241/1990): {}. Entro 10 giorni dal ricevimento puo' presentare osservazioni scritte.",
                    d.id(),
                    reasons
                );
                self.outgoing(&mut d, &rules, "refusal_notice", "Preavviso di rigetto", body)?;
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
                let number = self.protocol_outgoing(&mut d, &rules, "outcome", &body, document.as_ref())?;
                let message_id = format!("{}/outcome/{}", d.id(), number.digits());
                let delivered = self.send_pec_with_id(
                    &mut d,
                    &rules,
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

    /// Where silence has a legal meaning (access: rejection, art. 25 c.4 L. 241/1990; declared
    /// assent, art. 20), records it once the due date has passed without an outcome.
    pub fn apply_silence(&self, id: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load(id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        let term = self.term_of(&d)?;
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
        let kind = EventKind::SilenceFormed { outcome, due_date: term.due_date };
        d.check(&kind, ActorKind::System, &rules)?;
        self.append(&mut d, ActorRef::system(), None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// Records a payment (a pagoPA receipt) on the dossier: from then on the applicant cannot
    /// withdraw.
    pub fn record_payment(&self, id: &str, amount: Euro, reference: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load(id)?;
        let rules = self.desk(d.chamber())?.rules(d.service_id())?.clone();
        if amount.is_negative() || amount.is_zero() {
            return Err(DossierError::InvalidField { field: "amount".into(), rule: "positive".into() });
        }
        let kind = EventKind::PaymentRecorded { amount, reference: reference.into() };
        d.check(&kind, ActorKind::System, &rules)?;
        self.append(&mut d, ActorRef::system(), None, vec![kind])?;
        self.remember(&d);
        Ok(d)
    }

    /// Sends a closed dossier to preservation: builds the submission package (application,
    /// attachments, outcome document, the event log with its head digest; AgID minimum metadata)
    /// and records the receipt.
    pub fn preserve(&self, actor: &Actor, id: &str) -> Result<Dossier, DossierError> {
        let mut d = self.dossier(actor, id)?;
        authorize(actor, &Authz::PreserveCase { chamber: d.chamber().clone() })?;
        if d.state() != DossierState::Closed {
            return Err(DossierError::InvalidTransition {
                action: crate::dossier::Action::Preserve,
                state: Some(d.state()),
                dossier_id: id.into(),
            });
        }
        let desk = self.desk(d.chamber())?.clone();
        let rules = desk.rules(d.service_id())?.clone();
        // one load: the chain is verified on the very events that go into the package
        let events = self.store.load(id)?;
        let head = verify_chain(id, &events)?;
        if head != d.head() {
            return Err(DossierError::Conflict {
                dossier_id: id.into(),
                expected: d.version(),
                actual: events.len() as u64,
            });
        }
        let package = self.package(&d, &desk, &rules, &events, head)?;
        let receipt = self.preserver.submit(&package)?;
        self.append(&mut d, ActorRef::system(), None, vec![EventKind::Preserved { receipt }])?;
        self.remember(&d);
        Ok(d)
    }

    // -- helpers ---------------------------------------------------------------------------------

    fn correspondent(a: &ApplicantSnapshot) -> Correspondent {
        match &a.on_behalf_of {
            Some(c) => Correspondent::LegalPerson { name: c.name.clone(), tax_code: c.tax_code.clone() },
            None => Correspondent::NaturalPerson {
                given_name: a.given_name.clone(),
                family_name: a.family_name.clone(),
                tax_code: crate::protocol::segnatura_cf(&a.tax_code),
            },
        }
    }

    fn document_ref(a: &Attachment) -> DocumentRef {
        DocumentRef {
            file_name: a.name.clone(),
            mime_type: a.mime_type.clone(),
            digest: a.digest,
            description: None,
        }
    }

    fn application_bytes(d: &Dossier) -> Vec<u8> {
        serde_json::to_vec(&(d.id(), d.service_id(), d.applicant(), d.form())).unwrap_or_default()
    }

    fn application_document(&self, d: &Dossier) -> DocumentRef {
        DocumentRef {
            file_name: APPLICATION_FILE.into(),
            mime_type: "application/json".into(),
            digest: Digest::of(&Self::application_bytes(d)),
            description: Some("Istanza".into()),
        }
    }

    fn outcome_document(
        &self,
        d: &Dossier,
        rules: &ProcedureRules,
        outcome: Outcome,
        reasons: &str,
    ) -> Attachment {
        let word = match outcome {
            Outcome::Accepted => "ACCOLTA",
            Outcome::Rejected => "RESPINTA",
        };
        let text = format!(
            "{}\nProvvedimento finale - pratica {}\nServizio: {}\nRichiedente: {} {} ({})\nEsito: {}\nMotivazione: {}\nData: {}\n",
            self.desk(d.chamber()).map(|x| x.name.clone()).unwrap_or_default(),
            d.id(),
            rules.name,
            d.applicant().given_name,
            d.applicant().family_name,
            d.applicant().tax_code,
            word,
            reasons,
            self.today().format("%d/%m/%Y"),
        );
        Attachment::new(format!("esito-{}.txt", d.id()), "text/plain", text.into_bytes())
    }

    fn protocol_outgoing(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        body: &str,
        document: Option<&Attachment>,
    ) -> Result<ProtocolNumber, DossierError> {
        let primary = match document {
            Some(a) => Self::document_ref(a),
            None => DocumentRef {
                file_name: format!("{purpose}.txt"),
                mime_type: "text/plain".into(),
                digest: Digest::of(body.as_bytes()),
                description: None,
            },
        };
        let entry = self.protocol(d.chamber())?.register(RegistrationRequest {
            direction: Direction::Outgoing,
            correspondents: vec![Self::correspondent(d.applicant())],
            subject: format!("{} - {}", purpose.replace('_', " "), d.id()),
            classification: rules.classification.clone(),
            folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
            primary,
            attachments: vec![],
            received_document: None,
        })?;
        self.append(
            d,
            ActorRef::system(),
            None,
            vec![EventKind::Protocolled {
                protocol: entry.number(),
                direction: Direction::Outgoing,
                document: purpose.into(),
            }],
        )?;
        Ok(entry.number())
    }

    fn outgoing(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        subject: &str,
        body: String,
    ) -> Result<(), DossierError> {
        let number = self.protocol_outgoing(d, rules, purpose, &body, None)?;
        let message_id = format!("{}/{}/{}", d.id(), purpose, number.digits());
        self.send_pec_with_id(d, rules, &message_id, purpose, subject, body, vec![])?;
        Ok(())
    }

    fn send_pec(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        subject: &str,
        body: String,
        attachments: Vec<(String, Digest)>,
    ) -> Result<bool, DossierError> {
        let message_id = format!("{}/{}/{}", d.id(), purpose, d.version());
        self.send_pec_with_id(d, rules, &message_id, purpose, subject, body, attachments)
    }

    /// Sends by PEC to the applicant's digital domicile and records the receipts; returns whether
    /// delivery was certified. A non-delivery or a failing provider is recorded as a message with
    /// the service's fallback; without a domicile the communication stays in the personal area.
    #[allow(clippy::too_many_arguments)]
    fn send_pec_with_id(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        message_id: &str,
        purpose: &str,
        subject: &str,
        body: String,
        attachments: Vec<(String, Digest)>,
    ) -> Result<bool, DossierError> {
        let Some(to) = d.applicant().digital_domicile.clone() else {
            return Ok(false);
        };
        let from = self.desk(d.chamber())?.pec.clone();
        let message = PecMessage {
            id: message_id.into(),
            from,
            to: to.clone(),
            subject: format!("{subject} - {}", d.id()),
            body,
            attachments,
        };
        let fallback = match rules.pec_fallback {
            PecFallback::PersonalArea => "la comunicazione resta disponibile nell'area personale",
            PecFallback::RegisteredMail => "l'ufficio invia la comunicazione per raccomandata A/R",
        };
        match self.mailer.send(message) {
            Ok(receipts) => {
                let delivered = receipts.iter().any(|r| r.kind == ReceiptKind::Delivery);
                let failed = receipts.iter().find(|r| r.kind == ReceiptKind::NonDelivery).cloned();
                let mut kinds: Vec<EventKind> = receipts
                    .into_iter()
                    .map(|receipt| EventKind::ReceiptRecorded {
                        receipt,
                        to: to.clone(),
                        purpose: purpose.into(),
                    })
                    .collect();
                if let Some(f) = failed {
                    kinds.push(EventKind::MessagePosted {
                        text: format!(
                            "PEC non consegnata a {to} ({}): {fallback}.",
                            f.detail.unwrap_or_else(|| "motivo non indicato".into())
                        ),
                    });
                }
                self.append(d, ActorRef::system(), None, kinds)?;
                Ok(delivered)
            }
            Err(e) => {
                let text = format!("PEC non inviata a {to} ({e}): {fallback}.");
                self.append(d, ActorRef::system(), None, vec![EventKind::MessagePosted { text }])?;
                Ok(false)
            }
        }
    }

    fn package(
        &self,
        d: &Dossier,
        desk: &ChamberDesk,
        rules: &ProcedureRules,
        events: &[DossierEvent],
        head: Digest,
    ) -> Result<SubmissionPackage, DossierError> {
        let registration = |n: Option<ProtocolNumber>, flow: Direction| {
            n.map(|number| RegistrationData {
                flow,
                register_type: "ProtocolloOrdinario_ProtocolloEmergenza".into(),
                date: d
                    .history()
                    .iter()
                    .find(|h| h.action == crate::dossier::Action::Register)
                    .map_or(italian_date(d.opened_at()), |h| italian_date(h.at)),
                number,
                register_code: desk.register_code.clone(),
            })
        };
        let meta =
            |id: &str, name: &str, mime: &str, content: &[u8], kind: &str, reg: Option<RegistrationData>| {
                DocumentMetadata {
                    identifier: id.into(),
                    digest: Digest::of(content),
                    algorithm: "SHA-256".into(),
                    formation: if kind == "Allegato" { 'b' } else { 'd' },
                    document_type: kind.into(),
                    registration: reg,
                    subjects: vec![
                        (
                            "Mittente".into(),
                            format!("{} {}", d.applicant().given_name, d.applicant().family_name),
                        ),
                        ("Destinatario".into(), desk.name.clone()),
                    ],
                    subject: format!("{} - {}", rules.name, d.id()),
                    attachments_count: 0,
                    classification: rules.classification.code.clone(),
                    confidential: false,
                    format: mime.into(),
                    aggregation: ("Fascicolo".into(), d.id().into()),
                    name: name.into(),
                    version: "1".into(),
                    retention_years: rules.retention_years,
                }
            };
        let application = Self::application_bytes(d);
        let mut documents = vec![PackageDocument {
            metadata: DocumentMetadata {
                attachments_count: d.attachments().len(),
                ..meta(
                    "istanza",
                    APPLICATION_FILE,
                    "application/json",
                    &application,
                    "Istanza",
                    registration(d.protocol_numbers().first().copied(), Direction::Incoming),
                )
            },
            content: application,
        }];
        for (i, a) in d.attachments().iter().enumerate() {
            documents.push(PackageDocument {
                metadata: meta(
                    &format!("allegato-{}", i + 1),
                    &a.name,
                    &a.mime_type,
                    &a.content.0,
                    "Allegato",
                    None,
                ),
                content: a.content.0.clone(),
            });
        }
        if let Some(doc) = d.outcome().and_then(|o| o.document.as_ref()) {
            let number = events.iter().rev().find_map(|e| match &e.kind {
                EventKind::Protocolled { protocol, document, .. } if document == "outcome" => Some(*protocol),
                _ => None,
            });
            documents.push(PackageDocument {
                metadata: meta(
                    "esito",
                    &doc.name,
                    &doc.mime_type,
                    &doc.content.0,
                    "Provvedimento",
                    registration(number, Direction::Outgoing),
                ),
                content: doc.content.0.clone(),
            });
        }
        let log = serde_json::to_vec(events).unwrap_or_default();
        documents.push(PackageDocument {
            metadata: DocumentMetadata {
                subject: format!("Registro eventi della pratica {} (ultima impronta {head})", d.id()),
                ..meta("registro-eventi", "eventi.json", "application/json", &log, "Registro eventi", None)
            },
            content: log,
        });
        let folder = FolderMetadata {
            identifier: d.id().into(),
            folder_type: "procedimento amministrativo".into(),
            administration: (desk.name.clone(), desk.ipa_code.clone()),
            responsible: d.officer().map(str::to_string),
            opened: italian_date(d.opened_at()),
            closed: Some(self.today()),
            classification: rules.classification.code.clone(),
            subject: format!("{} - {}", rules.name, d.id()),
            procedure: rules.service_id.clone(),
            documents: documents.iter().map(|x| x.metadata.identifier.clone()).collect(),
            retention_years: rules.retention_years,
        };
        Ok(SubmissionPackage::new(
            format!("PdV-{}", d.id()),
            format!("{} - responsabile della gestione documentale", desk.name),
            self.clock.now(),
            folder,
            documents,
        )?)
    }
}
