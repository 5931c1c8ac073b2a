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
    integration_effect, term_status, verified_log, verify_chain, ActorKind, ActorRef, ApplicantSnapshot,
    Attachment, CompanyRef, Dossier, DossierError, DossierEvent, DossierState, EventKind, Outcome,
    PecFallback, ProcedureRules, Silence, SuspensionCause, TermError, TermStatus,
};
use crate::fees::FeeConfig;
use crate::memory::{
    InMemoryPaymentGateway, InMemoryPecDirectory, InMemoryRegistry, MemoryDossierStore, MemoryPecMailer,
    MemoryPreserver, MemoryProtocol,
};
use crate::money::Euro;
use crate::notify::{PecAddress, PecMessage, ReceiptKind};
use crate::payments::{CreditorCode, CreditorCodeError, SegregationCode};
use crate::ports::{
    BusinessRegistry, Clock, DossierStore, PaymentGateway, PecDirectory, PecMailer, Preserver, ProtocolSystem,
};
use crate::protocol::{
    segnatura, Correspondent, DailyRegister, DailyRegisterPolicy, Direction, DocumentRef, FolderRef,
    ProtocolEntry, ProtocolNumber, RegisterId, RegistrationRequest,
};

pub use crate::authz::Actor;
pub use command::Command;
pub use payments::Charge;
pub use scheduler::{DueEntry, TermAction, TermFailure, TermRun};

mod command;
mod fee_requests;
mod outgoing;
mod payments;
mod preserve;
mod protocol_desk;
mod scheduler;
mod submit;

/// The placeholder codice fiscale of the example desks: a valid 11-digit code of a body not
/// registered for VAT (matricola 8000000, office 015, check digit 0; `identifiers-payments.md`
/// §1.5), synthetic: it belongs to no chamber.
pub const EXAMPLE_CREDITOR: &str = "80000000150";

/// The segregation code under which the embedded pagoPA gateway issues the notices of the desks
/// (SACI §2.1, aux digit 3; codes 00-45 are the intermediaries'). A real gateway issues its own.
pub const MEMORY_SEGREGATION_CODE: u8 = 12;

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
    /// The legal calendar for terms; its office view also dates the daily register's preservation.
    pub calendar: Calendar,
    /// How the daily protocol registers go to preservation (empty days, classification, retention).
    #[serde(default)]
    pub daily_registers: DailyRegisterPolicy,
    /// The chamber as pagoPA creditor (*IdentificativoEnte*: its 11-digit codice fiscale), the
    /// creditor of every payment asked on its dossiers.
    pub creditor: CreditorCode,
    /// The fee rules the chamber applies (tables, surcharges, deadlines): a chamber sets what
    /// the shipped configuration leaves UNCONFIRMED, such as the surcharge of a year whose decree
    /// is not out (`reference/annual-fee.md` §4.2).
    #[serde(default)]
    pub fees: FeeConfig,
}

impl ChamberDesk {
    /// A desk for `code` with the first services and placeholder identifiers (codice fiscale and
    /// pagoPA creditor [`EXAMPLE_CREDITOR`], `cciaa_<code>`, `AOO_<code>`,
    /// `protocollo@<code>.example`) and the shipped fee rules: for tests and the tour; a real
    /// deployment sets the chamber's codice fiscale, IPA codes and PEC.
    pub fn example(code: ChamberCode) -> Result<ChamberDesk, DossierError> {
        let lower = code.as_str().to_ascii_lowercase();
        let pec = format!("protocollo@pec.{lower}.example")
            .parse()
            .map_err(|_| DossierError::InvalidField { field: "pec".into(), rule: "PEC address".into() })?;
        let creditor: CreditorCode = EXAMPLE_CREDITOR.parse().map_err(|e: CreditorCodeError| {
            DossierError::InvalidField { field: "creditor".into(), rule: e.rule().into() }
        })?;
        Ok(ChamberDesk {
            name: format!("Camera di commercio {}", code.as_str()),
            tax_code: creditor.to_string(),
            creditor,
            fees: FeeConfig::default(),
            ipa_code: format!("cciaa_{lower}"),
            aoo_code: format!("AOO_{}", code.as_str()),
            register_code: "PG".into(),
            pec,
            services: ProcedureRules::first_services(),
            calendar: Calendar::national(),
            daily_registers: DailyRegisterPolicy::default(),
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
            .ok_or_else(|| DossierError::UnknownService { service_id: service_id.into() })
    }
}

/// The counter.
pub struct Sportello {
    clock: Arc<dyn Clock>,
    store: Arc<dyn DossierStore>,
    mailer: Arc<dyn PecMailer>,
    directory: Arc<dyn PecDirectory>,
    preserver: Arc<dyn Preserver>,
    gateway: Arc<dyn PaymentGateway>,
    // the embedded gateway, while it is the one in use: desks added later are configured on it
    memory_gateway: Option<Arc<InMemoryPaymentGateway>>,
    registry: Arc<dyn BusinessRegistry>,
    desks: BTreeMap<ChamberCode, (ChamberDesk, Arc<dyn ProtocolSystem>)>,
    default_chamber: Option<ChamberCode>,
    // the dossiers touched last: a load then reads only the events appended since
    recent: Mutex<VecDeque<Dossier>>,
    // one daily register sent at a time, so that two sends of the same day do not both submit
    register_sends: Mutex<()>,
}

const RECENT: usize = 16;

const APPLICATION_FILE: &str = "istanza.json";

impl Sportello {
    /// A counter over the given ports, with no chamber yet, an empty PEC directory and an empty
    /// business registry (see [`Sportello::set_directory`], [`Sportello::set_registry`]), and the
    /// embedded pagoPA gateway (see [`Sportello::set_payment_gateway`]).
    pub fn new(
        clock: Arc<dyn Clock>,
        store: Arc<dyn DossierStore>,
        mailer: Arc<dyn PecMailer>,
        preserver: Arc<dyn Preserver>,
    ) -> Self {
        let memory_gateway = Arc::new(InMemoryPaymentGateway::new(clock.clone()));
        Sportello {
            clock,
            store,
            mailer,
            directory: Arc::new(InMemoryPecDirectory::new()),
            preserver,
            gateway: memory_gateway.clone(),
            memory_gateway: Some(memory_gateway),
            registry: Arc::new(InMemoryRegistry::new()),
            desks: BTreeMap::new(),
            default_chamber: None,
            recent: Mutex::new(VecDeque::new()),
            register_sends: Mutex::new(()),
        }
    }

    /// A counter on in-memory adapters, with one example desk (`MI`, see [`ChamberDesk::example`]),
    /// the first services, the PEC directory and the business registry of the registry fixtures
    /// ([`InMemoryPecDirectory::with_fixtures`], [`InMemoryRegistry::with_fixtures`]) and the
    /// embedded pagoPA gateway ([`InMemoryPaymentGateway`]).
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
        let registry = InMemoryRegistry::with_fixtures()
            .map_err(|e| DossierError::InvalidField { field: "registry".into(), rule: e.to_string() })?;
        s.set_registry(Arc::new(registry));
        let code: ChamberCode = "MI"
            .parse()
            .map_err(|_| DossierError::InvalidField { field: "chamber".into(), rule: "code".into() })?;
        s.add_desk_with_memory_protocol(ChamberDesk::example(code)?)?;
        Ok(s)
    }

    /// Adds a chamber's desk with its protocol system. The first desk added is the default. While
    /// the counter uses the embedded pagoPA gateway, the desk's creditor is configured on it.
    pub fn add_desk(&mut self, desk: ChamberDesk, protocol: Arc<dyn ProtocolSystem>) {
        if let Some(g) = &self.memory_gateway {
            if let Ok(code) = SegregationCode::new(MEMORY_SEGREGATION_CODE) {
                g.add_creditor(&desk.creditor, code);
            }
        }
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

    /// Replaces the pagoPA gateway (the chamber's intermediary; the host configures the desks'
    /// creditors on it).
    pub fn set_payment_gateway(&mut self, gateway: Arc<dyn PaymentGateway>) {
        self.gateway = gateway;
        self.memory_gateway = None;
    }

    /// Uses an embedded gateway the caller keeps a handle on (to play the payer's PSP in tests
    /// and demos); every desk's creditor is configured on it.
    pub fn set_memory_payment_gateway(&mut self, gateway: Arc<InMemoryPaymentGateway>) {
        if let Ok(code) = SegregationCode::new(MEMORY_SEGREGATION_CODE) {
            for (desk, _) in self.desks.values() {
                gateway.add_creditor(&desk.creditor, code);
            }
        }
        self.gateway = gateway.clone();
        self.memory_gateway = Some(gateway);
    }

    /// Replaces the business registry the annual fee is computed from (the Registro Imprese).
    pub fn set_registry(&mut self, registry: Arc<dyn BusinessRegistry>) {
        self.registry = registry;
    }

    /// Replaces the fee rules of `chamber`'s desk (see [`ChamberDesk::fees`]).
    pub fn set_fee_config(&mut self, chamber: &ChamberCode, fees: FeeConfig) -> Result<(), DossierError> {
        let (desk, _) = self.desks.get_mut(chamber).ok_or_else(|| DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })?;
        desk.fees = fees;
        Ok(())
    }

    /// The desk of `chamber`.
    pub fn desk(&self, chamber: &ChamberCode) -> Result<&ChamberDesk, DossierError> {
        self.desks.get(chamber).map(|(d, _)| d).ok_or_else(|| DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })
    }

    /// The procedure rules of `service_id` at `chamber`.
    pub fn procedure_rules(
        &self,
        chamber: &ChamberCode,
        service_id: &str,
    ) -> Result<&ProcedureRules, DossierError> {
        self.desk(chamber)?.rules(service_id)
    }

    /// Configures a service of `chamber` (a chamber's own terms and readings of contested rules):
    /// replaces the rules with the same `service_id`, or adds the service. Affects the terms of
    /// the dossiers already open too, since terms are computed from the rules when read.
    pub fn set_procedure_rules(
        &mut self,
        chamber: &ChamberCode,
        rules: ProcedureRules,
    ) -> Result<(), DossierError> {
        let (desk, _) = self.desks.get_mut(chamber).ok_or(DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })?;
        match desk.services.iter_mut().find(|r| r.service_id == rules.service_id) {
            Some(r) => *r = rules,
            None => desk.services.push(rules),
        }
        Ok(())
    }

    /// Sets the legal calendar of `chamber` (its Saturday policy, its seat's patron day).
    pub fn set_calendar(&mut self, chamber: &ChamberCode, calendar: Calendar) -> Result<(), DossierError> {
        let (desk, _) = self.desks.get_mut(chamber).ok_or(DossierError::InvalidField {
            field: "chamber".into(),
            rule: format!("no desk for {chamber}"),
        })?;
        desk.calendar = calendar;
        Ok(())
    }

    fn protocol(&self, chamber: &ChamberCode) -> Result<&Arc<dyn ProtocolSystem>, DossierError> {
        self.desks.get(chamber).map(|(_, p)| p).ok_or_else(|| DossierError::InvalidField {
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
        d.applicant().party().ok_or_else(|| DossierError::InvalidField {
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
        Ok(Some(entry.pec))
    }

    // -- reading ---------------------------------------------------------------------------------

    fn load(&self, id: &str) -> Result<Dossier, DossierError> {
        let cached = {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            recent.iter().position(|d| d.id() == id).and_then(|i| recent.remove(i))
        };
        let events = self.store.snapshot(id)?;
        if let Some(mut d) = cached {
            // the last event the cached copy has must still be there, unchanged; the newer ones
            // are applied to it (read in place: the snapshot shares the store's events)
            let seen = usize::try_from(d.version()).unwrap_or(usize::MAX);
            if let Some((last, new)) =
                seen.checked_sub(1).and_then(|i| events.get(i..)).and_then(<[_]>::split_first)
            {
                if last.seq == d.version()
                    && last.digest == d.head()
                    && new.iter().try_for_each(|e| d.apply(e)).is_ok()
                {
                    return Ok(d);
                }
            }
        }
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

    /// The ids of the dossiers of `chamber`, in creation order: ids start with the chamber's code
    /// ([`Sportello::submit_to`]).
    fn chamber_dossier_ids(&self, chamber: &ChamberCode) -> Result<Vec<String>, DossierError> {
        let prefix = format!("{}-", chamber.as_str());
        Ok(self.store.dossier_ids()?.into_iter().filter(|id| id.starts_with(&prefix)).collect())
    }

    /// The dossiers `actor` may see, in creation order: those of the party the user's session acts
    /// for (the person, or the company) within the delegation's scope, read from the store's index
    /// by party ([`DossierStore::dossier_ids_of`]); for an officer, those of their chamber.
    pub fn my_dossiers(&self, actor: &Actor) -> Result<Vec<Dossier>, DossierError> {
        let ids = match (actor.acting_for(), actor.chamber()) {
            (Some(party), _) => self.store.dossier_ids_of(&party)?,
            (None, Some(chamber)) => self.chamber_dossier_ids(chamber)?,
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

    /// The first day the data or documents of `d` may be released, when an access was granted
    /// despite an opposition (D.Lgs. 33/2013 art. 5 c.6; see [`Dossier::release_not_before`]).
    pub fn release_not_before(&self, d: &Dossier) -> Result<Option<NaiveDate>, DossierError> {
        Ok(d.release_not_before(self.desk(d.chamber())?.rules(d.service_id())?))
    }

    /// Verifies the event chain of dossier `id` and that it replays; returns the head digest.
    pub fn verify_dossier(&self, id: &str) -> Result<Digest, DossierError> {
        let events = self.store.snapshot(id)?;
        if events.is_empty() {
            return Err(DossierError::NotFound { id: id.into() });
        }
        let head = verify_chain(id, &events)?;
        Dossier::replay(&events)?;
        Ok(head)
    }

    /// The default chamber (the first desk added).
    pub fn default_chamber(&self) -> Result<ChamberCode, DossierError> {
        self.default_chamber.clone().ok_or_else(|| DossierError::InvalidField {
            field: "chamber".into(),
            rule: "no desk configured".into(),
        })
    }

    // -- writing ---------------------------------------------------------------------------------

    /// Seals `kinds` after the head of `d`, applies them to `d` and hands them to the store with
    /// the version `d` was read at. Nothing is written unless the whole batch follows the table
    /// and applies; if the store refuses (a conflict), `d` already holds the refused events and
    /// the caller must drop it (every caller returns the error, or reads the dossier again).
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
            state = crate::dossier::next_state(Some(state), action).ok_or_else(|| {
                DossierError::InvalidTransition { action, state: Some(state), dossier_id: d.id().into() }
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
        let expected = d.version();
        for e in &events {
            d.apply(e)?;
        }
        self.store.append_owned(d.id(), expected, events)?;
        Ok(())
    }

    // -- helpers ---------------------------------------------------------------------------------
}
