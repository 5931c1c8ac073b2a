//! The protocol desk through the counter: annulment of a registration (DPR 445/2000 art. 54, art.
//! 61 c.3 lett. g) and the daily register sent to preservation by the next working day (art. 53
//! c.2; AgID Linee guida), with real dates.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sportello::archive::Digest;
use sportello::authz::{DenialRule, NotAuthorized, Officer, OfficerRegister, OfficerRole};
use sportello::calendar::Calendar;
use sportello::chamber::ChamberCode;
use sportello::dossier::{
    Action, ActorKind, ActorRef, DossierError, DossierEvent, DossierState, EventKind, StoreError,
};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{
    InMemoryPecDirectory, InMemoryRegistry, ManualClock, MemoryDossierStore, MemoryPecMailer,
    MemoryPreserver, DELEGATION_FIXTURES,
};
use sportello::ports::{Clock, DossierStore};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::protocol::{segnatura, EmptyDays, ProtocolError, ProtocolNumber};
use sportello::sportello::{Actor, ChamberDesk, Command, Sportello};

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn spid(cf: &str) -> Identity {
    let attrs = BTreeMap::from([
        ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
        ("name".to_string(), "Nome".to_string()),
        ("familyName".to_string(), "Cognome".to_string()),
        ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
    ]);
    Identity::from_spid(&attrs, &AssuranceTable::default()).unwrap()
}

fn maria(on: NaiveDate) -> Actor {
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let book = DelegationBook::from_json(DELEGATION_FIXTURES).unwrap();
    let choice = ProfileChoice { kind: ProfileKind::Private, company: None };
    Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B"), &choice, on).unwrap()
}

/// The head of the protocol service at Milan.
const MANAGER: &str = "BNCGPP75C10F205Q";
/// A protocol officer (operator) at Milan.
const OPERATOR: &str = "CLMLSN90E15D286P";
/// A front-office officer at Milan.
const FRONT: &str = "CNTPLA88L05F205O";
/// The head of the protocol service at Bergamo.
const BERGAMO_MANAGER: &str = "GLLFNC71H08E507P";

fn officer(cf: &str, chamber: &str) -> Actor {
    let mut register = OfficerRegister::default();
    let mut seed = |cf: &str, chamber: &str, roles: &[OfficerRole]| {
        register.seed(Officer {
            codice_fiscale: cf.parse().unwrap(),
            name: cf.into(),
            chamber: chamber.parse().unwrap(),
            roles: roles.iter().copied().collect(),
            active: true,
        })
    };
    seed(MANAGER, "MI", &[OfficerRole::ProtocolManager]);
    seed(
        OPERATOR,
        "MI",
        &[OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::ProtocolOfficer],
    );
    seed(FRONT, "MI", &[OfficerRole::FrontOffice]);
    seed(BERGAMO_MANAGER, "BG", &[OfficerRole::ProtocolManager]);
    register.act_as_officer(&spid(cf), &chamber.parse().unwrap()).unwrap()
}

struct World {
    clock: ManualClock,
    preserver: MemoryPreserver,
    counter: Sportello,
    mi: ChamberCode,
}

/// A counter whose Milan desk uses `calendar` and `empty_days`, starting at `now`.
fn world_with(now: DateTime<Utc>, calendar: Calendar, empty_days: EmptyDays) -> World {
    let clock = ManualClock::new(now);
    let c: Arc<dyn Clock> = Arc::new(clock.clone());
    let preserver = MemoryPreserver::new(c.clone());
    let mut counter = Sportello::new(
        c.clone(),
        Arc::new(MemoryDossierStore::new()),
        Arc::new(MemoryPecMailer::new(c)),
        Arc::new(preserver.clone()),
    );
    counter.set_directory(Arc::new(InMemoryPecDirectory::with_fixtures().unwrap()));
    let mi: ChamberCode = "MI".parse().unwrap();
    let mut desk = ChamberDesk::example(mi.clone()).unwrap();
    desk.calendar = calendar;
    desk.daily_registers.empty_days = empty_days;
    counter.add_desk_with_memory_protocol(desk).unwrap();
    World { clock, preserver, counter, mi }
}

/// Monday 2 March 2026, 10:00 in Rome, national calendar, empty days skipped.
fn world() -> World {
    world_with(utc(2026, 3, 2, 9), Calendar::national(), EmptyDays::Skip)
}

fn access_form() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "difesa in giudizio".to_string()),
    ])
}

fn submit(w: &World) -> sportello::dossier::Dossier {
    let today = sportello::calendar::italian_date(w.clock.now());
    w.counter.submit(&maria(today), "accesso-atti", access_form(), vec![]).unwrap()
}

// -- annulment -----------------------------------------------------------------------------------

#[test]
fn the_head_of_the_protocol_service_annuls_a_registration_and_the_dossier_shows_it() {
    let w = world();
    let d = submit(&w);
    let number = d.protocol_numbers()[0];
    w.clock.advance(Duration::hours(2));
    let entry = w
        .counter
        .annul_registration(
            &officer(MANAGER, "MI"),
            &w.mi,
            number,
            "  istanza registrata due volte ",
            "determinazione del responsabile n. 4 del 02/03/2026",
        )
        .unwrap();
    // the original data stay readable, with the mark, the operator, the date and the act (art. 54 c.2)
    let annulment = entry.annulment().unwrap();
    assert_eq!(entry.subject(), format!("Accesso agli atti (documentale) - {}", d.id()));
    assert_eq!(annulment.reason, "istanza registrata due volte");
    assert_eq!(annulment.authorisation, "determinazione del responsabile n. 4 del 02/03/2026");
    assert_eq!((annulment.operator.as_str(), annulment.authorised_by.as_str()), (MANAGER, MANAGER));
    assert_eq!(annulment.at, utc(2026, 3, 2, 11));
    assert_eq!(w.counter.protocol_entry(&w.mi, number).unwrap(), entry);
    // the segnatura of the annulled entry is still produced, unchanged
    let s = segnatura::read(&w.counter.segnatura(&w.mi, number).unwrap()).unwrap();
    assert_eq!((s.number.as_str(), s.date), ("0000001", date(2026, 3, 2)));
    // the dossier records the event and lists the number as annulled, with the reason
    let seen = w.counter.dossier(&maria(date(2026, 3, 2)), d.id()).unwrap();
    assert_eq!(seen.version(), d.version() + 1);
    assert_eq!(seen.state(), d.state());
    assert_eq!(seen.protocol_numbers(), d.protocol_numbers());
    let mark = seen.protocol_annulment(number).unwrap();
    assert_eq!(mark.reason, "istanza registrata due volte");
    assert_eq!((mark.by.as_str(), mark.on), (MANAGER, date(2026, 3, 2)));
    let last = seen.history().last().unwrap();
    assert_eq!(last.action, Action::AnnulProtocol);
    assert_eq!(last.reason.as_deref(), Some("istanza registrata due volte"));
    assert!(w.counter.verify_dossier(d.id()).is_ok());
    // a new registration takes the next number: the annulled one is never reused (art. 57)
    let next = submit(&w);
    assert_eq!(next.protocol_numbers()[0], ProtocolNumber { year: 2026, number: 2 });
}

#[test]
fn only_the_head_of_the_protocol_service_of_the_chamber_may_annul() {
    let w = world();
    let d = submit(&w);
    let number = d.protocol_numbers()[0];
    let annul = |actor: &Actor| {
        w.counter.annul_registration(actor, &w.mi, number, "errore materiale", "determinazione n. 1/2026")
    };
    let rule = |r: Result<_, DossierError>| match r {
        Err(DossierError::NotAuthorized(NotAuthorized { action, rule })) => (action, rule),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(rule(annul(&maria(date(2026, 3, 2)))), ("annul_registration", DenialRule::OfficersOnly));
    assert_eq!(
        rule(annul(&officer(OPERATOR, "MI"))),
        ("annul_registration", DenialRule::MissingOfficerRole { any_of: vec![OfficerRole::ProtocolManager] })
    );
    assert_eq!(
        rule(annul(&officer(BERGAMO_MANAGER, "BG"))),
        ("annul_registration", DenialRule::OtherChamber)
    );
    assert!(!w.counter.protocol_entry(&w.mi, number).unwrap().is_annulled());
    assert!(annul(&officer(MANAGER, "MI")).is_ok());
}

#[test]
fn bad_annulments_are_refused_naming_field_and_rule_and_write_nothing() {
    let w = world();
    let d = submit(&w);
    let number = d.protocol_numbers()[0];
    let manager = officer(MANAGER, "MI");
    let refused = |r: Result<_, DossierError>| match r {
        Err(DossierError::Protocol(p)) => (p.rule(), p.field().to_string()),
        other => panic!("expected a protocol refusal, got {other:?}"),
    };
    let act = "determinazione n. 1/2026";
    let empty_reason = w.counter.annul_registration(&manager, &w.mi, number, " ", act);
    assert_eq!(refused(empty_reason), ("required", "reason".into()));
    let empty_act = w.counter.annul_registration(&manager, &w.mi, number, "errore", "");
    assert_eq!(refused(empty_act), ("required", "authorisation".into()));
    let unknown = ProtocolNumber { year: 2026, number: 99 };
    assert_eq!(
        refused(w.counter.annul_registration(&manager, &w.mi, unknown, "errore", act)),
        ("not_found", "number".into())
    );
    assert!(!w.counter.protocol_entry(&w.mi, number).unwrap().is_annulled());
    assert_eq!(w.counter.dossier(&manager, d.id()).unwrap().version(), d.version());
    w.counter.annul_registration(&manager, &w.mi, number, "errore", act).unwrap();
    let twice = w.counter.annul_registration(&manager, &w.mi, number, "ancora", act);
    assert!(matches!(&twice, Err(DossierError::Protocol(ProtocolError::AlreadyAnnulled { .. }))));
    assert_eq!(refused(twice), ("already_annulled", "number".into()));
    let after = w.counter.dossier(&manager, d.id()).unwrap();
    assert_eq!(after.version(), d.version() + 1);
    assert_eq!(after.annulled_protocols().len(), 1);
}

#[test]
fn the_number_of_a_preserved_dossier_is_not_annulled_and_nothing_is_written() {
    let w = world();
    let d = submit(&w);
    let handler = officer(OPERATOR, "MI");
    w.clock.advance(Duration::days(1));
    w.counter.execute(&handler, d.id(), Command::TakeCharge, None, None).unwrap();
    let outcome = Command::Decide {
        outcome: sportello::dossier::Outcome::Accepted,
        reasons: "interesse diretto e attuale".into(),
    };
    w.counter.execute(&handler, d.id(), outcome, None, None).unwrap();
    w.counter.execute(&handler, d.id(), Command::Close, None, None).unwrap();
    let preserved = w.counter.preserve(&handler, d.id()).unwrap();
    assert_eq!(preserved.state(), DossierState::Preserved);
    let number = d.protocol_numbers()[0];
    let res = w.counter.annul_registration(&officer(MANAGER, "MI"), &w.mi, number, "errore", "det. 2/2026");
    assert!(matches!(
        res,
        Err(DossierError::InvalidTransition {
            action: Action::AnnulProtocol,
            state: Some(DossierState::Preserved),
            ..
        })
    ));
    assert!(!w.counter.protocol_entry(&w.mi, number).unwrap().is_annulled());
    assert_eq!(w.counter.verify_dossier(d.id()).unwrap(), preserved.head());
}

/// A store where another writer appends a message just before the first annulment event.
#[derive(Clone)]
struct RacingStore {
    inner: MemoryDossierStore,
    raced: Arc<std::sync::atomic::AtomicBool>,
}

impl DossierStore for RacingStore {
    fn append(&self, id: &str, expected: u64, events: &[DossierEvent]) -> Result<u64, StoreError> {
        let annulment = events.iter().any(|e| matches!(e.kind, EventKind::ProtocolAnnulled { .. }));
        if annulment && !self.raced.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let stored = self.inner.load(id)?;
            let last = stored.last().unwrap();
            let other = DossierEvent::seal(
                id,
                last.seq + 1,
                last.at,
                ActorRef { kind: ActorKind::Officer, id: OPERATOR.into() },
                None,
                EventKind::MessagePosted { text: "scritto da un altro sportello".into() },
                last.digest,
            );
            self.inner.append(id, last.seq, &[other])?;
        }
        self.inner.append(id, expected, events)
    }
    fn load(&self, id: &str) -> Result<Vec<DossierEvent>, StoreError> {
        self.inner.load(id)
    }
    fn dossier_ids(&self) -> Result<Vec<String>, StoreError> {
        self.inner.dossier_ids()
    }
    fn next_sequence(&self) -> Result<u64, StoreError> {
        self.inner.next_sequence()
    }
}

#[test]
fn an_annulment_racing_another_writer_is_appended_after_it_and_nothing_is_lost() {
    let clock = ManualClock::new(utc(2026, 3, 2, 9));
    let store = RacingStore { inner: MemoryDossierStore::new(), raced: Arc::default() };
    let counter = Sportello::with_store(Arc::new(clock.clone()), Arc::new(store.clone())).unwrap();
    let mi: ChamberCode = "MI".parse().unwrap();
    let d = counter.submit(&maria(date(2026, 3, 2)), "accesso-atti", access_form(), vec![]).unwrap();
    let number = d.protocol_numbers()[0];
    counter.annul_registration(&officer(MANAGER, "MI"), &mi, number, "duplicata", "det. 6/2026").unwrap();
    let events = store.load(d.id()).unwrap();
    assert_eq!(events.len() as u64, d.version() + 2);
    assert!(matches!(&events[events.len() - 2].kind, EventKind::MessagePosted { .. }));
    assert!(
        matches!(&events[events.len() - 1].kind, EventKind::ProtocolAnnulled { protocol, .. } if *protocol == number)
    );
    let seen = counter.dossier(&officer(OPERATOR, "MI"), d.id()).unwrap();
    assert_eq!(seen.messages().len(), 1);
    assert!(seen.protocol_annulment(number).is_some());
    assert!(counter.verify_dossier(d.id()).is_ok());
}

// -- the daily register's preservation -----------------------------------------------------------

#[test]
fn the_daily_register_goes_to_preservation_by_the_next_working_day() {
    let w = world();
    let first = submit(&w);
    w.clock.advance(Duration::hours(3));
    let second = submit(&w);
    let monday = date(2026, 3, 2);
    // the day is not over
    let operator = officer(OPERATOR, "MI");
    assert!(matches!(
        w.counter.preserve_daily_register(&operator, &w.mi, monday),
        Err(DossierError::Protocol(ProtocolError::DayNotOver { date })) if date == monday
    ));
    assert!(w.counter.pending_daily_registers(&w.mi).unwrap().is_empty());
    // Tuesday: Monday's register is due today
    w.clock.set(utc(2026, 3, 3, 7));
    let pending = w.counter.pending_daily_registers(&w.mi).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].date, pending[0].due_date, pending[0].overdue), (monday, date(2026, 3, 3), false));
    assert_eq!((pending[0].registrations, pending[0].annulments), (2, 0));
    // Wednesday without sending: overdue
    w.clock.set(utc(2026, 3, 4, 7));
    let pending = w.counter.pending_daily_registers(&w.mi).unwrap();
    assert!(pending[0].overdue);
    // the daily job sends it, keeps the receipt, and is idempotent
    let sent = w.counter.preserve_pending_registers(&w.mi).unwrap();
    assert_eq!(sent.len(), 1);
    let record = &sent[0];
    let register = w.counter.daily_register(&w.mi, monday).unwrap();
    assert_eq!(record.register_digest, register.digest);
    assert_eq!((record.date, record.due_date, record.sent_by.as_str()), (monday, date(2026, 3, 3), "system"));
    assert!(record.late());
    assert_eq!(record.receipt.id, "RdV-000001");
    assert!(w.counter.preserve_pending_registers(&w.mi).unwrap().is_empty());
    assert!(w.counter.pending_daily_registers(&w.mi).unwrap().is_empty());
    assert_eq!(w.counter.register_preservations(&w.mi).unwrap(), sent);
    assert!(matches!(
        w.counter.preserve_daily_register(&operator, &w.mi, monday),
        Err(DossierError::Protocol(ProtocolError::AlreadyPreserved { receipt, .. })) if receipt == "RdV-000001"
    ));
    // the package: the register as one document whose digest is the register's, with metadata
    let packages = w.preserver.packages();
    assert_eq!(packages.len(), 1);
    let p = &packages[0];
    assert_eq!(p.id, "PdV-cciaa_mi-AOO_MI-PG-20260302");
    assert_eq!(p.digest, record.receipt.package_digest);
    assert_eq!(p.documents.len(), 1);
    let doc = &p.documents[0];
    assert_eq!(doc.metadata.digest, register.digest);
    assert_eq!(Digest::of(&doc.content), register.digest);
    assert_eq!(doc.metadata.formation, 'd');
    assert_eq!(
        doc.metadata.aggregation,
        ("Serie Documentale".to_string(), "cciaa_mi-AOO_MI-PG-2026".to_string())
    );
    let back: serde_json::Value = serde_json::from_slice(&doc.content).unwrap();
    assert_eq!(back["entries"].as_array().map(Vec::len), Some(2));
    assert_eq!(back["date"], "2026-03-02");
    let meta = p.register.as_ref().unwrap();
    assert_eq!(meta.register_type, "ProtocolloOrdinario_ProtocolloEmergenza");
    assert_eq!(
        (meta.administration.as_str(), meta.aoo.as_str(), meta.register_code.as_str()),
        ("cciaa_mi", "AOO_MI", "PG")
    );
    assert_eq!(meta.date, monday);
    assert_eq!(meta.first_number, Some(first.protocol_numbers()[0]));
    assert_eq!(meta.last_number, second.protocol_numbers().last().copied());
    assert_eq!((meta.registrations, meta.annulments), (2, 0));
}

#[test]
fn an_annulment_recorded_later_goes_to_its_own_day_and_the_preserved_register_stays_true() {
    let w = world();
    let d = submit(&w);
    let monday = date(2026, 3, 2);
    w.clock.set(utc(2026, 3, 3, 7));
    let sent = w.counter.preserve_daily_register(&officer(OPERATOR, "MI"), &w.mi, monday).unwrap();
    assert!(!sent.late());
    assert_eq!(sent.sent_by, OPERATOR);
    // Wednesday: Monday's registration is annulled
    w.clock.set(utc(2026, 3, 4, 10));
    let number = d.protocol_numbers()[0];
    w.counter.annul_registration(&officer(MANAGER, "MI"), &w.mi, number, "duplicata", "det. 7/2026").unwrap();
    assert_eq!(w.counter.daily_register(&w.mi, monday).unwrap().digest, sent.register_digest);
    // Thursday: Wednesday's register lists the annulment and is due today
    w.clock.set(utc(2026, 3, 5, 7));
    let pending = w.counter.pending_daily_registers(&w.mi).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].date, pending[0].due_date), (date(2026, 3, 4), date(2026, 3, 5)));
    assert_eq!((pending[0].registrations, pending[0].annulments), (0, 1));
    let wednesday = w.counter.daily_register(&w.mi, date(2026, 3, 4)).unwrap();
    assert_eq!(wednesday.annulments[0].annulment().map(|a| a.reason.as_str()), Some("duplicata"));
    let sent = w.counter.preserve_pending_registers(&w.mi).unwrap();
    assert_eq!(sent.len(), 1);
    let meta = w.preserver.packages()[1].register.clone().unwrap();
    assert_eq!((meta.first_number, meta.last_number, meta.annulments), (None, None, 1));
}

#[test]
fn due_dates_follow_the_office_calendar_with_the_patron_saint_and_saturday_closure() {
    // Milan, office closed on Saturdays; registrations on Friday 4 December 2026; Sunday 6,
    // Sant'Ambrogio on Monday 7 (office closed, not a legal holiday), Immacolata on Tuesday 8:
    // the register is due on Wednesday 9 December
    let milano = Calendar::for_province(&"MI".parse().unwrap()).unwrap().with_office_closed_on_saturday(true);
    let w = world_with(utc(2026, 12, 4, 9), milano, EmptyDays::Skip);
    submit(&w);
    w.clock.set(utc(2026, 12, 7, 9));
    let pending = w.counter.pending_daily_registers(&w.mi).unwrap();
    assert_eq!(
        (pending[0].date, pending[0].due_date, pending[0].overdue),
        (date(2026, 12, 4), date(2026, 12, 9), false)
    );
    w.clock.set(utc(2026, 12, 9, 16));
    assert!(!w.counter.pending_daily_registers(&w.mi).unwrap()[0].overdue);
    w.clock.set(utc(2026, 12, 10, 8));
    assert!(w.counter.pending_daily_registers(&w.mi).unwrap()[0].overdue);
    // the same day on the national calendar with Saturdays open is due on Saturday 5
    let w = world_with(utc(2026, 12, 4, 9), Calendar::national(), EmptyDays::Skip);
    submit(&w);
    w.clock.set(utc(2026, 12, 7, 9));
    let pending = w.counter.pending_daily_registers(&w.mi).unwrap();
    assert_eq!((pending[0].due_date, pending[0].overdue), (date(2026, 12, 5), true));
}

#[test]
fn empty_days_are_skipped_or_sent_as_the_chamber_chooses() {
    // Friday 27 March 2026, then nothing until Wednesday 1 April
    let skip = world_with(utc(2026, 3, 27, 9), Calendar::national(), EmptyDays::Skip);
    submit(&skip);
    skip.clock.set(utc(2026, 4, 1, 8));
    let days: Vec<NaiveDate> =
        skip.counter.pending_daily_registers(&skip.mi).unwrap().iter().map(|p| p.date).collect();
    assert_eq!(days, vec![date(2026, 3, 27)]);
    let operator = officer(OPERATOR, "MI");
    assert!(matches!(
        skip.counter.preserve_daily_register(&operator, &skip.mi, date(2026, 3, 30)),
        Err(DossierError::Protocol(ProtocolError::EmptyRegister { .. }))
    ));

    let send = world_with(utc(2026, 3, 27, 9), Calendar::national(), EmptyDays::Send);
    submit(&send);
    send.clock.set(utc(2026, 4, 1, 8));
    let pending = send.counter.pending_daily_registers(&send.mi).unwrap();
    let days: Vec<(NaiveDate, NaiveDate, usize)> =
        pending.iter().map(|p| (p.date, p.due_date, p.registrations)).collect();
    assert_eq!(
        days,
        vec![
            (date(2026, 3, 27), date(2026, 3, 28), 1),
            (date(2026, 3, 28), date(2026, 3, 30), 0),
            (date(2026, 3, 29), date(2026, 3, 30), 0),
            (date(2026, 3, 30), date(2026, 3, 31), 0),
            (date(2026, 3, 31), date(2026, 4, 1), 0),
        ]
    );
    // before the first registration there is no register, even when sending empty days
    assert!(matches!(
        send.counter.preserve_daily_register(&operator, &send.mi, date(2026, 3, 26)),
        Err(DossierError::Protocol(ProtocolError::EmptyRegister { .. }))
    ));
    let sent = send.counter.preserve_pending_registers(&send.mi).unwrap();
    assert_eq!(sent.len(), 5);
    assert!(sent.windows(2).all(|w| w[0].date < w[1].date));
    // two empty days have different registers (the day is in the content)
    assert_ne!(sent[1].register_digest, sent[2].register_digest);
    assert!(send.counter.pending_daily_registers(&send.mi).unwrap().is_empty());
}

#[test]
fn only_protocol_officers_send_a_daily_register() {
    let w = world();
    submit(&w);
    w.clock.set(utc(2026, 3, 3, 8));
    let monday = date(2026, 3, 2);
    let refused = |actor: &Actor| match w.counter.preserve_daily_register(actor, &w.mi, monday) {
        Err(DossierError::NotAuthorized(n)) => n.rule,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(refused(&maria(monday)), DenialRule::OfficersOnly);
    assert!(matches!(refused(&officer(FRONT, "MI")), DenialRule::MissingOfficerRole { .. }));
    assert_eq!(refused(&officer(BERGAMO_MANAGER, "BG")), DenialRule::OtherChamber);
    assert!(w.counter.register_preservations(&w.mi).unwrap().is_empty());
    assert_eq!(
        w.counter.preserve_daily_register(&officer(MANAGER, "MI"), &w.mi, monday).unwrap().sent_by,
        MANAGER
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the days, annulments and runs of the daily job: every day with activity before
    /// today is sent exactly once, its record still matches the day's register, and nothing is
    /// pending after the job.
    #[test]
    fn the_daily_job_sends_every_active_day_once_and_what_it_sent_stays_true(
        steps in proptest::collection::vec((0u32..40, 0u8..4, 0usize..20), 1..25)
    ) {
        let w = world();
        let manager = officer(MANAGER, "MI");
        let mut numbers: Vec<ProtocolNumber> = Vec::new();
        for (hours, what, pick) in steps {
            w.clock.advance(Duration::hours(i64::from(hours)));
            match what {
                0 if !numbers.is_empty() => {
                    let n = numbers.remove(pick % numbers.len());
                    w.counter.annul_registration(&manager, &w.mi, n, "errore", "det. 1/2026").unwrap();
                }
                1 => { w.counter.preserve_pending_registers(&w.mi).unwrap(); }
                _ => numbers.push(submit(&w).protocol_numbers()[0]),
            }
        }
        w.counter.preserve_pending_registers(&w.mi).unwrap();
        proptest::prop_assert!(w.counter.pending_daily_registers(&w.mi).unwrap().is_empty());
        let today = sportello::calendar::italian_date(w.clock.now());
        let records = w.counter.register_preservations(&w.mi).unwrap();
        let sent: Vec<NaiveDate> = records.iter().map(|r| r.date).collect();
        let mut active: Vec<NaiveDate> = Vec::new();
        let mut day = date(2026, 3, 2);
        while day < today {
            if !w.counter.daily_register(&w.mi, day).unwrap().is_empty() {
                active.push(day);
            }
            day = day.succ_opt().unwrap();
        }
        proptest::prop_assert_eq!(&sent, &active);
        for r in &records {
            proptest::prop_assert_eq!(w.counter.daily_register(&w.mi, r.date).unwrap().digest, r.register_digest);
        }
        proptest::prop_assert_eq!(w.preserver.packages().len(), records.len());
    }
}
