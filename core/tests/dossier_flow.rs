//! The electronic administrative procedure end to end, on the in-memory adapters.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::thread;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use sportello::chamber::ChamberCode;
use sportello::dossier::{
    next_state, ActorKind, Attachment, ChainError, CompanyRef, Dossier, DossierError, DossierState,
    EventKind, Outcome, SuspensionCause, TermError,
};
use sportello::identity::LevelOfAssurance;
use sportello::memory::{ManualClock, MemoryDossierStore, MemoryPecMailer, MemoryProtocol};
use sportello::money::Euro;
use sportello::notify::ReceiptKind;
use sportello::ports::{DossierStore, ProtocolSystem};
use sportello::protocol::{segnatura, Correspondent, ProtocolNumber};
use sportello::sportello::{Actor, Command, OfficerRole, Sportello};

fn clock() -> ManualClock {
    // Monday 2 March 2026, 10:00 in Rome
    ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
}

fn maria() -> Actor {
    Actor::citizen("RSSMRA80A41F205X", "Maria", "Rossi")
}

fn officer() -> Actor {
    Actor::officer("mbianchi", "MI".parse().unwrap(), OfficerRole::Handler)
}

fn access_form(pec: bool) -> BTreeMap<String, String> {
    let mut f = BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "difesa in giudizio".to_string()),
    ]);
    if pec {
        f.insert("domicilio_digitale".into(), "maria.rossi@pec.example.it".into());
    }
    f
}

struct World {
    clock: ManualClock,
    mailer: MemoryPecMailer,
    store: MemoryDossierStore,
    counter: Sportello,
}

fn world() -> World {
    let clock = clock();
    let store = MemoryDossierStore::new();
    let mut counter = Sportello::with_store(Arc::new(clock.clone()), Arc::new(store.clone())).unwrap();
    let mailer = MemoryPecMailer::new(Arc::new(clock.clone()));
    counter.set_mailer(Arc::new(mailer.clone()));
    World { clock, mailer, store, counter }
}

fn run(w: &World, actor: &Actor, id: &str, c: Command) -> Result<Dossier, DossierError> {
    w.counter.execute(actor, id, c, Some("motivo".into()), None)
}

#[test]
fn access_to_records_from_submission_to_preservation() {
    let w = world();
    let attachment = Attachment::new("documento-identita.pdf", "application/pdf", b"%PDF-1.4 ...".to_vec());
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(true), vec![attachment]).unwrap();
    assert_eq!(d.state(), DossierState::Registered);
    assert_eq!(d.protocol_numbers(), &[ProtocolNumber { year: 2026, number: 1 }]);
    let kinds: Vec<ReceiptKind> = d.receipts().iter().map(|r| r.receipt.kind).collect();
    assert_eq!(kinds, vec![ReceiptKind::Acceptance, ReceiptKind::Delivery]);
    let term = w.counter.status(&maria(), d.id()).unwrap();
    assert_eq!(term.due_date, NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
    assert_eq!(term.days_left, 30);

    w.clock.advance(Duration::days(3));
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    w.clock.advance(Duration::days(10));
    let decided = run(
        &w,
        &officer(),
        d.id(),
        Command::Decide { outcome: Outcome::Accepted, reasons: "interesse diretto e attuale".into() },
    )
    .unwrap();
    assert_eq!(decided.state(), DossierState::Communicated);
    assert_eq!(decided.protocol_numbers().len(), 2);
    let outcome = decided.outcome().unwrap();
    let doc = outcome.document.as_ref().unwrap();
    assert_eq!(doc.digest, sportello::archive::Digest::of(&doc.content.0));
    let closed = run(&w, &officer(), d.id(), Command::Close).unwrap();
    assert_eq!(closed.state(), DossierState::Closed);
    let preserved = w.counter.preserve(&officer(), d.id()).unwrap();
    assert_eq!(preserved.state(), DossierState::Preserved);
    assert_eq!(preserved.preservation().unwrap().id, "RdV-000001");
    assert_eq!(w.counter.verify_dossier(d.id()).unwrap(), preserved.head());
    // the segnatura of the application is readable back
    let mi: ChamberCode = "MI".parse().unwrap();
    let xml = w.counter.segnatura(&mi, d.protocol_numbers()[0]).unwrap();
    let s = segnatura::read(&xml).unwrap();
    assert_eq!(s.number, "0000001");
    assert_eq!(w.mailer.sent().len(), 2);
}

#[test]
fn history_records_actor_time_and_reason_of_each_step() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let d = run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let last = d.history().last().unwrap();
    assert_eq!(last.actor.id, "mbianchi");
    assert_eq!(last.actor.kind, ActorKind::Officer);
    assert_eq!(last.reason.as_deref(), Some("motivo"));
    assert_eq!((last.from, last.to), (Some(DossierState::Registered), DossierState::InCharge));
}

#[test]
fn no_withdrawal_once_a_payment_exists() {
    let w = world();
    let form = BTreeMap::from([
        ("request".to_string(), "calcolo".to_string()),
        ("year".to_string(), "2026".to_string()),
        ("category".to_string(), "calcolo".to_string()),
    ]);
    let d = w.counter.submit(&maria(), "diritto-annuale", form, vec![]).unwrap();
    w.counter.record_payment(d.id(), Euro::from_units(53), "RF18000000000000000000001").unwrap();
    let err = run(&w, &maria(), d.id(), Command::Withdraw).unwrap_err();
    assert!(
        matches!(err, DossierError::GuardFailed { ref rule, .. } if rule == "no_withdrawal_after_payment")
    );
}

#[test]
fn withdrawal_without_payment_is_allowed_and_needs_a_reason() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let err = w.counter.execute(&maria(), d.id(), Command::Withdraw, None, None).unwrap_err();
    assert!(matches!(err, DossierError::MissingField { ref field } if field == "reason"));
    let d = run(&w, &maria(), d.id(), Command::Withdraw).unwrap();
    assert_eq!(d.state(), DossierState::Withdrawn);
}

#[test]
fn annual_fee_rejection_needs_the_art_10_bis_notice_which_suspends_the_term() {
    let w = world();
    let form = BTreeMap::from([
        ("request".to_string(), "rimborso".to_string()),
        ("year".to_string(), "2025".to_string()),
        ("category".to_string(), "rimborso".to_string()),
        ("domicilio_digitale".to_string(), "alfa@pec.example.it".to_string()),
    ]);
    let d = w.counter.submit(&maria(), "diritto-annuale", form, vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let reject = Command::Decide { outcome: Outcome::Rejected, reasons: "versamento non eccedente".into() };
    let err = run(&w, &officer(), d.id(), reject.clone()).unwrap_err();
    assert!(matches!(err, DossierError::GuardFailed { ref rule, .. } if rule == "refusal_notice_first"));
    // notice on 12 March; observations on 16 March: the term runs again on 26 March
    w.clock.set(Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap());
    let n =
        run(&w, &officer(), d.id(), Command::NotifyRefusal { reasons: "versamento non eccedente".into() })
            .unwrap();
    assert_eq!(n.protocol_numbers().len(), 2);
    assert!(n.receipts().iter().any(|r| r.purpose == "refusal_notice"));
    w.clock.set(Utc.with_ymd_and_hms(2026, 3, 16, 9, 0, 0).unwrap());
    run(&w, &maria(), d.id(), Command::SubmitObservations { text: "allego quietanza".into() }).unwrap();
    let term = w.counter.status(&maria(), d.id()).unwrap();
    // 2 Mar + 30 = 1 Apr, plus 14 days suspended (12 -> 26 Mar) = 15 Apr 2026
    assert_eq!(term.suspended_days, 14);
    assert_eq!(term.due_date, NaiveDate::from_ymd_opt(2026, 4, 15).unwrap());
    let d = run(&w, &officer(), d.id(), reject).unwrap();
    assert_eq!(d.state(), DossierState::Communicated);
}

#[test]
fn the_art_2_c7_suspension_is_allowed_once_and_for_at_most_30_days() {
    let w = world();
    let form = BTreeMap::from([
        ("request".to_string(), "correzione".to_string()),
        ("year".to_string(), "2025".to_string()),
        ("category".to_string(), "correzione".to_string()),
    ]);
    let d = w.counter.submit(&maria(), "diritto-annuale", form, vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let long =
        run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Information, days: 31 });
    assert!(matches!(long, Err(DossierError::Term(TermError::SuspensionTooLong { max: 30, .. }))));
    run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Information, days: 20 }).unwrap();
    w.clock.advance(Duration::days(5));
    run(&w, &officer(), d.id(), Command::Resume).unwrap();
    let again =
        run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Information, days: 5 });
    assert!(matches!(again, Err(DossierError::Term(TermError::SuspensionAlreadyUsed))));
    // 1 Apr + 5 suspended days = Easter Monday 6 Apr 2026 -> Tuesday 7 Apr
    assert_eq!(
        w.counter.status(&maria(), d.id()).unwrap().due_date,
        NaiveDate::from_ymd_opt(2026, 4, 7).unwrap()
    );
}

#[test]
fn an_incomplete_access_request_restarts_the_term_from_the_integration() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    run(
        &w,
        &officer(),
        d.id(),
        Command::RequestIntegration { request: "indicare il protocollo".into(), reply_within_days: 10 },
    )
    .unwrap();
    w.clock.set(Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap());
    let d = run(
        &w,
        &maria(),
        d.id(),
        Command::ReplyIntegration { text: "prot. 123/2025".into(), attachments: vec![] },
    )
    .unwrap();
    assert_eq!(d.state(), DossierState::IntegrationSubmitted);
    // the reply was protocolled too
    assert_eq!(d.protocol_numbers().len(), 3);
    let term = w.counter.status(&maria(), d.id()).unwrap();
    assert_eq!(term.start, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    assert_eq!(term.due_date, NaiveDate::from_ymd_opt(2026, 4, 9).unwrap());
}

#[test]
fn civic_access_is_suspended_until_the_counterparty_opposes() {
    let w = world();
    let form = BTreeMap::from([("documents".to_string(), "contratti di fornitura 2025".to_string())]);
    let d = w.counter.submit(&maria(), "accesso-civico", form, vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let long =
        run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Counterparties, days: 15 });
    assert!(matches!(long, Err(DossierError::Term(TermError::SuspensionTooLong { max: 10, .. }))));
    w.clock.set(Utc.with_ymd_and_hms(2026, 3, 5, 9, 0, 0).unwrap());
    run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Counterparties, days: 10 })
        .unwrap();
    let during = w.counter.status(&maria(), d.id()).unwrap();
    assert!(during.suspended);
    w.clock.set(Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap());
    run(&w, &officer(), d.id(), Command::Resume).unwrap();
    let after = w.counter.status(&maria(), d.id()).unwrap();
    assert!(!after.suspended);
    assert_eq!(after.suspended_days, 4);
    assert_eq!(after.due_date, NaiveDate::from_ymd_opt(2026, 4, 7).unwrap()); // 5 Apr is Easter 2026
}

#[test]
fn complaints_have_no_counterparties() {
    let w = world();
    let form = BTreeMap::from([
        ("category".to_string(), "disservizio".to_string()),
        ("description".to_string(), "sportello chiuso in orario di apertura".to_string()),
    ]);
    let d = w.counter.submit(&maria(), "reclami", form, vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let err =
        run(&w, &officer(), d.id(), Command::Suspend { cause: SuspensionCause::Counterparties, days: 10 });
    assert!(matches!(err, Err(DossierError::Term(TermError::NoCounterparties { .. }))));
}

#[test]
fn a_complaint_with_an_unknown_category_is_refused() {
    let w = world();
    let form = BTreeMap::from([
        ("category".to_string(), "lamentela".to_string()),
        ("description".to_string(), "x".to_string()),
    ]);
    let err = w.counter.submit(&maria(), "reclami", form, vec![]).unwrap_err();
    assert!(matches!(err, DossierError::InvalidField { ref field, .. } if field == "category"));
    assert!(w.store.dossier_ids().unwrap().is_empty());
}

#[test]
fn silence_on_access_to_records_forms_rejection_only_after_the_due_date() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    w.clock.set(Utc.with_ymd_and_hms(2026, 4, 1, 20, 0, 0).unwrap());
    assert!(matches!(
        w.counter.apply_silence(d.id()),
        Err(DossierError::Term(TermError::SilenceNotFormed { .. }))
    ));
    w.clock.set(Utc.with_ymd_and_hms(2026, 4, 2, 8, 0, 0).unwrap());
    let d = w.counter.apply_silence(d.id()).unwrap();
    assert_eq!(d.state(), DossierState::SilentRejection);
    assert!(d.outcome().unwrap().by_silence);
}

#[test]
fn a_pec_non_delivery_is_recorded_and_the_fallback_is_visible() {
    let w = world();
    w.mailer.fail_delivery_to("maria.rossi@pec.example.it".parse().unwrap(), "casella piena");
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(true), vec![]).unwrap();
    assert!(d.receipts().iter().any(|r| r.receipt.kind == ReceiptKind::NonDelivery));
    assert!(d
        .messages()
        .iter()
        .any(|m| m.text.contains("casella piena") && m.text.contains("area personale")));
}

#[test]
fn users_see_only_their_dossiers_and_those_of_their_companies() {
    let w = world();
    let mine = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let luca = Actor::citizen("BNCLCU75C10F205Y", "Luca", "Bianchi");
    let err = w.counter.dossier(&luca, mine.id()).unwrap_err();
    assert!(matches!(err, DossierError::NotAuthorized { ref rule } if rule == "not_the_applicant"));
    let company = CompanyRef { tax_code: "01234567890".into(), name: "Alfa srl".into() };
    let as_company = |tax: &str| Actor::User {
        tax_code: tax.into(),
        given_name: "X".into(),
        family_name: "Y".into(),
        identified_with: "cns".into(),
        level_of_assurance: LevelOfAssurance::High,
        acting_for: Some(company.clone()),
    };
    let theirs = w
        .counter
        .submit(&as_company("RSSMRA80A41F205X"), "accesso-atti", access_form(false), vec![])
        .unwrap();
    // another legal representative of the same company sees it
    assert!(w.counter.dossier(&as_company("VRDGPP70A01F205Z"), theirs.id()).is_ok());
    assert_eq!(w.counter.my_dossiers(&luca).unwrap().len(), 0);
    assert_eq!(w.counter.my_dossiers(&officer()).unwrap().len(), 2);
    let bergamo = Actor::officer("x", "BG".parse().unwrap(), OfficerRole::Handler);
    assert!(matches!(
        w.counter.dossier(&bergamo, mine.id()),
        Err(DossierError::NotAuthorized { ref rule }) if rule == "officer_of_another_chamber"
    ));
}

#[test]
fn an_officer_acting_on_a_stale_version_gets_a_conflict_and_nothing_is_lost() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let seen = d.version();
    w.counter.execute(&officer(), d.id(), Command::TakeCharge, None, Some(seen)).unwrap();
    let other = Actor::officer("lverdi", "MI".parse().unwrap(), OfficerRole::Handler);
    let err = w
        .counter
        .execute(&other, d.id(), Command::PostMessage { text: "presa io".into() }, None, Some(seen))
        .unwrap_err();
    assert!(
        matches!(err, DossierError::Conflict { expected, actual, .. } if expected == seen && actual == seen + 1)
    );
    assert_eq!(w.counter.dossier(&officer(), d.id()).unwrap().officer(), Some("mbianchi"));
}

#[test]
fn two_writers_on_one_version_never_both_succeed() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let events = w.store.load(d.id()).unwrap();
    let last = events.last().unwrap().clone();
    for _ in 0..20 {
        let version = w.store.load(d.id()).unwrap().len() as u64;
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let store = w.store.clone();
                let mut e = last.clone();
                e.seq = version + 1;
                e.kind = EventKind::MessagePosted { text: format!("writer {i}") };
                let id = d.id().to_string();
                thread::spawn(move || store.append(&id, version, &[e]).is_ok())
            })
            .collect();
        let wins = handles.into_iter().map(|h| h.join().unwrap()).filter(|ok| *ok).count();
        assert_eq!(wins, 1);
    }
}

#[test]
fn concurrent_registrations_get_distinct_consecutive_numbers() {
    let clock = clock();
    let holder = Correspondent::PublicAdministration {
        name: "Camera di commercio".into(),
        tax_code: "00000000000".into(),
        ipa_code: None,
    };
    let id = sportello::protocol::RegisterId::new("cciaa_mi", "AOO_MI", "PG").unwrap();
    let protocol = Arc::new(MemoryProtocol::new(id, holder, Arc::new(clock.clone())).unwrap());
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let mi: ChamberCode = "MI".parse().unwrap();
    let request = {
        let entry = w.counter.protocol_entry(&mi, d.protocol_numbers()[0]).unwrap();
        sportello::protocol::RegistrationRequest {
            direction: entry.direction(),
            correspondents: vec![entry.sender().clone()],
            subject: entry.subject().into(),
            classification: entry.classification().clone(),
            folder: None,
            primary: entry.primary().clone(),
            attachments: vec![],
            received_document: None,
        }
    };
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let p = protocol.clone();
            let r = request.clone();
            let c = clock.clone();
            thread::spawn(move || {
                (0..25)
                    .map(|_| {
                        c.advance(Duration::seconds(1));
                        p.register(r.clone()).unwrap().number().number
                    })
                    .collect::<Vec<u32>>()
            })
        })
        .collect();
    let mut all: Vec<u32> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    all.sort_unstable();
    assert_eq!(all, (1..=200).collect::<Vec<u32>>());
    // dates progress with numbers
    let snap = protocol.snapshot();
    assert!(snap.entries().windows(2).all(|p| p[0].registered_at() <= p[1].registered_at()));
}

#[test]
fn verify_detects_altered_removed_and_reordered_events() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(true), vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let good = w.store.load(d.id()).unwrap();
    assert!(w.counter.verify_dossier(d.id()).is_ok());

    let mut altered = good.clone();
    altered[2].reason = Some("cambiato".into());
    w.store.overwrite(d.id(), altered);
    assert!(matches!(
        w.counter.verify_dossier(d.id()),
        Err(DossierError::Chain(ChainError::Altered { seq: 3, .. }))
    ));

    let mut removed = good.clone();
    removed.remove(1);
    w.store.overwrite(d.id(), removed);
    assert!(matches!(
        w.counter.verify_dossier(d.id()),
        Err(DossierError::Chain(ChainError::OutOfSequence { .. }))
    ));

    let mut reordered = good.clone();
    reordered.swap(2, 3);
    w.store.overwrite(d.id(), reordered);
    assert!(matches!(
        w.counter.verify_dossier(d.id()),
        Err(DossierError::Chain(ChainError::OutOfSequence { .. }))
    ));

    // renumbering a reordered chain still breaks the links
    let mut relinked = good.clone();
    relinked.swap(2, 3);
    relinked[2].seq = 3;
    relinked[3].seq = 4;
    w.store.overwrite(d.id(), relinked);
    assert!(matches!(w.counter.verify_dossier(d.id()), Err(DossierError::Chain(_))));
}

#[test]
fn events_have_a_stable_json_shape() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    let events = w.store.load(d.id()).unwrap();
    let json = serde_json::to_value(&events[1]).unwrap();
    assert_eq!(json["kind"]["type"], "submitted");
    assert_eq!(json["kind"]["received_on"], "2026-03-02");
    assert_eq!(json["actor"]["kind"], "applicant");
    assert_eq!(json["digest"].as_str().unwrap().len(), 64);
    let back: Vec<sportello::dossier::DossierEvent> =
        serde_json::from_value(serde_json::to_value(&events).unwrap()).unwrap();
    assert_eq!(back, events);
}

fn command(i: u8) -> (bool, Command) {
    // (by the applicant?, command)
    match i % 14 {
        0 => (false, Command::TakeCharge),
        1 => (false, Command::RequestIntegration { request: "x".into(), reply_within_days: 10 }),
        2 => (true, Command::ReplyIntegration { text: "y".into(), attachments: vec![] }),
        3 => (false, Command::Suspend { cause: SuspensionCause::Counterparties, days: 10 }),
        4 => (false, Command::Resume),
        5 => (false, Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() }),
        6 => (false, Command::Decide { outcome: Outcome::Rejected, reasons: "no".into() }),
        7 => (true, Command::Withdraw),
        8 => (false, Command::Reopen),
        9 => (true, Command::PostMessage { text: "?".into() }),
        10 => (false, Command::Close),
        11 => (false, Command::Suspend { cause: SuspensionCause::Information, days: 30 }),
        12 => (true, Command::SubmitObservations { text: "obs".into() }),
        _ => (false, Command::NotifyRefusal { reasons: "r".into() }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_command_sequence_leaves_the_table_and_replay_gives_the_same_dossier(
        steps in proptest::collection::vec((any::<u8>(), 0u8..3, any::<bool>()), 1..25),
        service in 0usize..4,
    ) {
        let w = world();
        let services = ["accesso-atti", "accesso-civico", "reclami", "diritto-annuale"];
        let form = BTreeMap::from([
            ("documents".to_string(), "d".to_string()),
            ("motivation".to_string(), "m".to_string()),
            ("category".to_string(), ["", "", "reclamo", "calcolo"][service].to_string()),
            ("description".to_string(), "x".to_string()),
            ("request".to_string(), "r".to_string()),
            ("year".to_string(), "2026".to_string()),
        ]);
        let d = w.counter.submit(&maria(), services[service], form, vec![]).unwrap();
        for (c, days, pay) in steps {
            w.clock.advance(Duration::days(i64::from(days)));
            if pay {
                let _ = w.counter.record_payment(d.id(), Euro::from_units(5), "IUV");
            }
            let (by_applicant, cmd) = command(c);
            let actor = if by_applicant { maria() } else { officer() };
            let before = w.counter.dossier(&officer(), d.id()).unwrap();
            match w.counter.execute(&actor, d.id(), cmd, Some("r".into()), None) {
                Ok(after) => {
                    // every step taken is one the table allows from the state before
                    for h in after.history().iter().skip(before.history().len()) {
                        prop_assert_eq!(next_state(h.from, h.action), Some(h.to));
                    }
                }
                Err(_) => {
                    let unchanged = w.counter.dossier(&officer(), d.id()).unwrap();
                    prop_assert_eq!(unchanged.version(), before.version());
                }
            }
        }
        let events = w.store.load(d.id()).unwrap();
        let replayed = Dossier::replay(&events).unwrap();
        prop_assert_eq!(&replayed, &w.counter.dossier(&officer(), d.id()).unwrap());
        prop_assert!(w.counter.verify_dossier(d.id()).is_ok());
        let numbers: Vec<u32> = replayed.protocol_numbers().iter().map(|n| n.number).collect();
        prop_assert_eq!(numbers, (1..=replayed.protocol_numbers().len() as u32).collect::<Vec<_>>());
    }
}

#[test]
fn two_counters_on_one_store_see_each_others_events() {
    let w = world();
    let other = Sportello::with_store(Arc::new(w.clock.clone()), Arc::new(w.store.clone())).unwrap();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(false), vec![]).unwrap();
    other.execute(&officer(), d.id(), Command::TakeCharge, None, None).unwrap();
    let seen = w.counter.dossier(&maria(), d.id()).unwrap();
    assert_eq!(seen.state(), DossierState::InCharge);
    assert_eq!(seen, Dossier::replay(&w.store.load(d.id()).unwrap()).unwrap());
    // a stale snapshot never hides a rewritten history from verification
    let mut events = w.store.load(d.id()).unwrap();
    events.pop();
    w.store.overwrite(d.id(), events);
    assert!(w.counter.verify_dossier(d.id()).is_ok());
    assert_eq!(w.counter.dossier(&maria(), d.id()).unwrap().state(), DossierState::Registered);
}
