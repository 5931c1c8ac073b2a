//! The electronic administrative procedure end to end, on the in-memory adapters.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::thread;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use sportello::authz::{DenialRule, NotAuthorized, Officer, OfficerRegister, OfficerRole};
use sportello::chamber::ChamberCode;
use sportello::dossier::{
    next_state, ActorKind, Attachment, ChainError, Dossier, DossierError, DossierState, EventKind, Outcome,
    SuspensionCause, TermError,
};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{
    InMemoryPecDirectory, InMemoryRegistry, ManualClock, MemoryDossierStore, MemoryPecMailer, MemoryProtocol,
    DELEGATION_FIXTURES,
};
use sportello::money::Euro;
use sportello::notify::ReceiptKind;
use sportello::ports::{DossierStore, ProtocolSystem};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::protocol::{segnatura, Correspondent, ProtocolNumber};
use sportello::registry::{DigitalDomicile, PecSection};
use sportello::sportello::{Actor, Command, Sportello};

fn clock() -> ManualClock {
    // Monday 2 March 2026, 10:00 in Rome
    ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// A SPID level 2 login.
fn spid(cf: &str, name: &str, family: &str) -> Identity {
    let attrs = BTreeMap::from([
        ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
        ("name".to_string(), name.to_string()),
        ("familyName".to_string(), family.to_string()),
        ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
    ]);
    Identity::from_spid(&attrs, &AssuranceTable::default()).unwrap()
}

/// `identity` acting under `kind` (for `company`), as the profiler derives it from the registry
/// and delegation fixtures.
fn acting(identity: &Identity, kind: ProfileKind, company: Option<&str>) -> Actor {
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let book = DelegationBook::from_json(DELEGATION_FIXTURES).unwrap();
    let choice = ProfileChoice { kind, company: company.map(|c| c.parse().unwrap()) };
    Profiler::new(&registry, &book).act_as(identity, &choice, day()).unwrap()
}

/// Maria Rossi for herself; the PEC directory has no domicile of hers.
fn maria() -> Actor {
    acting(&spid("RSSMRA80A41F205B", "Maria", "Rossi"), ProfileKind::Private, None)
}

/// Anna Ferrari for herself; the world's PEC directory lists her domicile.
fn anna() -> Actor {
    acting(&spid("FRRNNA82T55F704Z", "Anna", "Ferrari"), ProfileKind::Private, None)
}

const ANNA_PEC: &str = "anna.ferrari@pec.example.it";

/// Mario Rossi as legal representative of Rossi Meccanica S.r.l. (PEC in the directory).
fn mario_for_rossi_meccanica() -> Actor {
    acting(&spid("RSSMRA80A01F205X", "Mario", "Rossi"), ProfileKind::Business, Some(ROSSI_MECCANICA))
}

const ROSSI_MECCANICA: &str = "01234560017";

const HANDLER: &str = "CLMLSN90E15D286P";

fn officers() -> OfficerRegister {
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
    let all = [
        OfficerRole::CaseHandler,
        OfficerRole::HeadOfProcedure,
        OfficerRole::ProtocolOfficer,
        OfficerRole::Substitute,
    ];
    seed(HANDLER, "MI", &all);
    seed("BRBLGU60B19C933D", "MI", &[OfficerRole::CaseHandler]);
    seed("CNTPLA88L05F205O", "MI", &[OfficerRole::FrontOffice]);
    seed("GLLFNC71H08E507P", "BG", &all);
    register
}

fn officer_at(cf: &str, chamber: &str) -> Actor {
    officers().act_as_officer(&spid(cf, "Funzionario", "Camerale"), &chamber.parse().unwrap()).unwrap()
}

/// Alessandro Colombo, case handler and head of procedure at Milan.
fn officer() -> Actor {
    officer_at(HANDLER, "MI")
}

fn access_form() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "difesa in giudizio".to_string()),
    ])
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
    let mut directory = InMemoryPecDirectory::with_fixtures().unwrap();
    directory.insert(DigitalDomicile {
        codice_fiscale: "FRRNNA82T55F704Z".parse().unwrap(),
        pec: ANNA_PEC.parse().unwrap(),
        section: PecSection::Professionals,
    });
    counter.set_directory(Arc::new(directory));
    World { clock, mailer, store, counter }
}

fn run(w: &World, actor: &Actor, id: &str, c: Command) -> Result<Dossier, DossierError> {
    w.counter.execute(actor, id, c, Some("motivo".into()), None)
}

#[test]
fn access_to_records_from_submission_to_preservation() {
    let w = world();
    let attachment = Attachment::new("documento-identita.pdf", "application/pdf", b"%PDF-1.4 ...".to_vec());
    let d = w.counter.submit(&anna(), "accesso-atti", access_form(), vec![attachment]).unwrap();
    assert_eq!(d.state(), DossierState::Registered);
    assert_eq!(d.protocol_numbers(), &[ProtocolNumber { year: 2026, number: 1 }]);
    let kinds: Vec<ReceiptKind> = d.receipts().iter().map(|r| r.receipt.kind).collect();
    assert_eq!(kinds, vec![ReceiptKind::Acceptance, ReceiptKind::Delivery]);
    let term = w.counter.status(&anna(), d.id()).unwrap();
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
    let d = run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    let last = d.history().last().unwrap();
    assert_eq!(last.actor.id, HANDLER);
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
        ("amount_paid".to_string(), "126.00".to_string()),
        ("reason".to_string(), "versamento doppio".to_string()),
    ]);
    let d = w.counter.submit(&mario_for_rossi_meccanica(), "diritto-annuale", form, vec![]).unwrap();
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
    run(
        &w,
        &mario_for_rossi_meccanica(),
        d.id(),
        Command::SubmitObservations { text: "allego quietanza".into() },
    )
    .unwrap();
    let term = w.counter.status(&mario_for_rossi_meccanica(), d.id()).unwrap();
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
        ("amount_paid".to_string(), "126.00".to_string()),
        ("reason".to_string(), "versamento doppio".to_string()),
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
    w.mailer.fail_delivery_to(ANNA_PEC.parse().unwrap(), "casella piena");
    let d = w.counter.submit(&anna(), "accesso-atti", access_form(), vec![]).unwrap();
    assert!(d.receipts().iter().any(|r| r.receipt.kind == ReceiptKind::NonDelivery));
    assert!(d
        .messages()
        .iter()
        .any(|m| m.text.contains("casella piena") && m.text.contains("area personale")));
}

fn refused(result: Result<Dossier, DossierError>) -> NotAuthorized {
    match result {
        Err(DossierError::NotAuthorized(n)) => n,
        other => panic!("expected NotAuthorized, got {other:?}"),
    }
}

#[test]
fn a_user_sees_their_own_dossier_and_a_stranger_is_refused_as_if_it_did_not_exist() {
    let w = world();
    let mine = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
    assert_eq!(w.counter.dossier(&maria(), mine.id()).unwrap().id(), mine.id());
    assert_eq!(w.counter.my_dossiers(&maria()).unwrap().len(), 1);

    let anna = anna();
    let foreign = refused(w.counter.dossier(&anna, mine.id()));
    let missing = refused(w.counter.dossier(&anna, "MI-2026-999999"));
    assert_eq!(foreign, missing);
    assert_eq!(foreign.rule, DenialRule::NotActingForParty);
    assert!(w.counter.my_dossiers(&anna).unwrap().is_empty());
    // nor may she act on it
    let withdraw = w.counter.execute(&anna, mine.id(), Command::Withdraw, Some("x".into()), None);
    assert_eq!(refused(withdraw), missing);
    // Maria acting for herself does not see what she files for no one else, and vice versa:
    // Mario's private session does not see his company's dossiers
    let company =
        w.counter.submit(&mario_for_rossi_meccanica(), "accesso-atti", access_form(), vec![]).unwrap();
    let mario_private = acting(&spid("RSSMRA80A01F205X", "Mario", "Rossi"), ProfileKind::Private, None);
    assert_eq!(refused(w.counter.dossier(&mario_private, company.id())), missing);
}

#[test]
fn a_company_dossier_is_seen_by_its_legal_representative_and_by_a_delegated_intermediary_in_scope() {
    let w = world();
    let d = w.counter.submit(&mario_for_rossi_meccanica(), "accesso-atti", access_form(), vec![]).unwrap();
    // the company's PEC comes from the directory, not from the form
    assert_eq!(
        d.applicant().digital_domicile.as_ref().map(ToString::to_string).as_deref(),
        Some("rossimeccanica@pec.example.it")
    );
    assert_eq!(w.counter.my_dossiers(&mario_for_rossi_meccanica()).unwrap().len(), 1);
    // Silvia Marino, accountant, holds a delegation of Rossi Meccanica for all services
    let silvia = spid("MRNSLV85R62L682Y", "Silvia", "Marino");
    let for_rossi = acting(&silvia, ProfileKind::Intermediary, Some(ROSSI_MECCANICA));
    assert!(w.counter.dossier(&for_rossi, d.id()).is_ok());
    assert_eq!(w.counter.my_dossiers(&for_rossi).unwrap().len(), 1);

    // Verdi Costruzioni delegated her for access to records only
    let verdi =
        acting(&spid("VRDGPP68M12B157Y", "Giuseppe", "Verdi"), ProfileKind::Business, Some("03456780174"));
    let access = w.counter.submit(&verdi, "accesso-atti", access_form(), vec![]).unwrap();
    let fee_form = BTreeMap::from([
        ("request".to_string(), "rimborso".to_string()),
        ("year".to_string(), "2025".to_string()),
        ("category".to_string(), "rimborso".to_string()),
        ("amount_paid".to_string(), "126.00".to_string()),
        ("reason".to_string(), "versamento doppio".to_string()),
    ]);
    let fee = w.counter.submit(&verdi, "diritto-annuale", fee_form, vec![]).unwrap();
    let for_verdi = acting(&silvia, ProfileKind::Intermediary, Some("03456780174"));
    assert!(w.counter.dossier(&for_verdi, access.id()).is_ok());
    assert_eq!(refused(w.counter.dossier(&for_verdi, fee.id())).rule, DenialRule::OutsideDelegationScope);
    let ids: Vec<String> =
        w.counter.my_dossiers(&for_verdi).unwrap().iter().map(|d| d.id().to_string()).collect();
    assert_eq!(ids, vec![access.id().to_string()]);
    // nor may she file for a service outside the scope
    let form = BTreeMap::from([
        ("request".to_string(), "calcolo".to_string()),
        ("year".to_string(), "2026".to_string()),
        ("category".to_string(), "calcolo".to_string()),
    ]);
    assert!(matches!(
        w.counter.submit(&for_verdi, "diritto-annuale", form, vec![]),
        Err(DossierError::NotAuthorized(NotAuthorized { rule: DenialRule::OutsideDelegationScope, .. }))
    ));
}

#[test]
fn an_officer_sees_only_the_dossiers_of_their_chamber_and_decides_only_with_the_role() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
    let bergamo = officer_at("GLLFNC71H08E507P", "BG");
    assert_eq!(refused(w.counter.dossier(&bergamo, d.id())).rule, DenialRule::OtherChamber);
    assert!(w.counter.my_dossiers(&bergamo).unwrap().is_empty());
    assert_eq!(w.counter.my_dossiers(&officer()).unwrap().len(), 1);

    let front_office = officer_at("CNTPLA88L05F205O", "MI");
    assert!(w.counter.dossier(&front_office, d.id()).is_ok());
    let decide = Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() };
    let n = refused(w.counter.execute(&front_office, d.id(), decide.clone(), None, None));
    assert_eq!((n.action, n.rule.as_str()), ("decide_case", "officer_role"));
    assert_eq!(
        refused(w.counter.execute(&front_office, d.id(), Command::TakeCharge, None, None)).action,
        "handle_case"
    );
    // a case handler instructs but does not decide
    let handler = officer_at("BRBLGU60B19C933D", "MI");
    run(&w, &handler, d.id(), Command::TakeCharge).unwrap();
    assert_eq!(refused(run(&w, &handler, d.id(), decide.clone())).action, "decide_case");
    assert!(run(&w, &officer(), d.id(), decide).is_ok());
    // the applicant cannot handle her own dossier
    assert_eq!(refused(run(&w, &maria(), d.id(), Command::Close)).rule, DenialRule::OfficersOnly);
}

#[test]
fn an_officer_acting_on_a_stale_version_gets_a_conflict_and_nothing_is_lost() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
    let seen = d.version();
    w.counter.execute(&officer(), d.id(), Command::TakeCharge, None, Some(seen)).unwrap();
    let other = officer_at("BRBLGU60B19C933D", "MI");
    let err = w
        .counter
        .execute(&other, d.id(), Command::PostMessage { text: "presa io".into() }, None, Some(seen))
        .unwrap_err();
    assert!(
        matches!(err, DossierError::Conflict { expected, actual, .. } if expected == seen && actual == seen + 1)
    );
    assert_eq!(w.counter.dossier(&officer(), d.id()).unwrap().officer(), Some(HANDLER));
}

#[test]
fn two_writers_on_one_version_never_both_succeed() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
    let d = w.counter.submit(&anna(), "accesso-atti", access_form(), vec![]).unwrap();
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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
    match i % 16 {
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
        13 => (
            false,
            Command::RecordOpposition {
                counterparty: Correspondent::LegalPerson { name: "C".into(), tax_code: "03456780174".into() },
                text: "o".into(),
                attachments: vec![],
            },
        ),
        14 => (false, Command::Release),
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
            // the daily run's system steps follow the table too
            let before = w.counter.dossier(&officer(), d.id()).unwrap();
            prop_assert!(w.counter.run_terms().unwrap().failures.is_empty());
            let after = w.counter.dossier(&officer(), d.id()).unwrap();
            for h in after.history().iter().skip(before.history().len()) {
                prop_assert_eq!(next_state(h.from, h.action), Some(h.to));
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
    let d = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
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

/// A store that keeps no index: the trait's default `dossier_ids_of` reads the first events.
struct Unindexed(MemoryDossierStore);

impl DossierStore for Unindexed {
    fn append(
        &self,
        id: &str,
        expected: u64,
        events: &[sportello::dossier::DossierEvent],
    ) -> Result<u64, sportello::dossier::StoreError> {
        self.0.append(id, expected, events)
    }
    fn load(
        &self,
        id: &str,
    ) -> Result<Vec<sportello::dossier::DossierEvent>, sportello::dossier::StoreError> {
        self.0.load(id)
    }
    fn dossier_ids(&self) -> Result<Vec<String>, sportello::dossier::StoreError> {
        self.0.dossier_ids()
    }
    fn next_sequence(&self) -> Result<u64, sportello::dossier::StoreError> {
        self.0.next_sequence()
    }
}

#[test]
fn the_index_by_party_answers_as_a_full_scan_does() {
    let w = world();
    let maria_first = w.counter.submit(&maria(), "accesso-atti", access_form(), vec![]).unwrap();
    w.counter.submit(&mario_for_rossi_meccanica(), "accesso-atti", access_form(), vec![]).unwrap();
    let maria_second = w.counter.submit(&maria(), "accesso-civico", access_form(), vec![]).unwrap();
    let party = maria().acting_for().unwrap();
    let expected = vec![maria_first.id().to_string(), maria_second.id().to_string()];
    assert_eq!(w.store.dossier_ids_of(&party).unwrap(), expected);
    assert_eq!(Unindexed(w.store.clone()).dossier_ids_of(&party).unwrap(), expected);
}

#[test]
fn only_the_holder_of_the_substitute_power_or_the_applicant_activates_the_substitute() {
    let w = world();
    let d = w.counter.submit(&maria(), "accesso-civico", access_form(), vec![]).unwrap();
    run(&w, &officer(), d.id(), Command::TakeCharge).unwrap();
    assert!(matches!(
        run(&w, &officer(), d.id(), Command::ActivateSubstitute),
        Err(DossierError::Term(TermError::TermNotExpired { .. }))
    ));
    w.clock.set(Utc.with_ymd_and_hms(2026, 4, 10, 9, 0, 0).unwrap());
    let handler = officer_at("BRBLGU60B19C933D", "MI");
    let n = refused(run(&w, &handler, d.id(), Command::ActivateSubstitute));
    assert_eq!((n.action, n.rule.as_str()), ("act_as_substitute", "officer_role"));
    // L. 241/1990 art. 2 c.9-ter: the applicant may turn to the substitute
    assert!(run(&w, &maria(), d.id(), Command::ActivateSubstitute).is_ok());
}
