//! The dated term scenarios of `testdata/terms/scenarios.json` through the Rust front door (the
//! Python and Kotlin tests read the same file): each scenario is a fresh counter on in-memory
//! adapters, a settable clock, and the `Sportello` facade only.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::Value;
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::calendar::{Calendar, TermPolicy};
use sportello::chamber::ChamberCode;
use sportello::dossier::{DossierError, Outcome, ProcedureRules, SuspensionCause};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{InMemoryRegistry, ManualClock, DELEGATION_FIXTURES};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::protocol::Correspondent;
use sportello::sportello::{Actor, Command, Sportello};

fn spid(cf: &str, name: &str, family: &str) -> Identity {
    let attrs = BTreeMap::from([
        ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
        ("name".to_string(), name.to_string()),
        ("familyName".to_string(), family.to_string()),
        ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
    ]);
    Identity::from_spid(&attrs, &AssuranceTable::default()).unwrap()
}

fn applicant() -> Actor {
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let book = DelegationBook::from_json(DELEGATION_FIXTURES).unwrap();
    let choice = ProfileChoice { kind: ProfileKind::Private, company: None };
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B", "Maria", "Rossi"), &choice, day).unwrap()
}

fn officer_at(cf: &str, chamber: &str, roles: &[OfficerRole]) -> Actor {
    let mut register = OfficerRegister::default();
    register.seed(Officer {
        codice_fiscale: cf.parse().unwrap(),
        name: cf.into(),
        chamber: chamber.parse().unwrap(),
        roles: roles.iter().copied().collect(),
        active: true,
    });
    register.act_as_officer(&spid(cf, "Funzionario", "Camerale"), &chamber.parse().unwrap()).unwrap()
}

/// A case handler, head of procedure and substitute at Milan.
fn officer() -> Actor {
    officer_at(
        "CLMLSN90E15D286P",
        "MI",
        &[OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::Substitute],
    )
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

/// 09:00 in Rome (08:00 UTC in summer, 07:00 in winter is still the same Italian date).
fn at(clock: &ManualClock, on: NaiveDate) {
    clock.set(Utc.from_utc_datetime(&on.and_hms_opt(8, 0, 0).unwrap()));
}

fn counter(scenario: &Value, clock: &ManualClock) -> Sportello {
    let mut s = Sportello::with_memory_adapters(Arc::new(clock.clone())).unwrap();
    let mi: ChamberCode = "MI".parse().unwrap();
    if let Some(cal) = scenario.get("calendar") {
        let base = match cal.get("province").and_then(Value::as_str) {
            Some(p) => Calendar::for_province(&p.parse().unwrap()).unwrap(),
            None => Calendar::national(),
        };
        let saturday = cal.get("saturday_moves").and_then(Value::as_bool).unwrap_or(false);
        let policy = if saturday { TermPolicy::SATURDAY_MOVES } else { TermPolicy::STRICT };
        s.set_calendar(&mi, base.with_policy(policy)).unwrap();
    }
    if let Some(overrides) = scenario.get("rules").and_then(Value::as_object) {
        let service = scenario["service"].as_str().unwrap();
        let mut json = serde_json::to_value(s.procedure_rules(&mi, service).unwrap()).unwrap();
        for (k, v) in overrides {
            json[k] = v.clone();
        }
        let rules = ProcedureRules::from_json(&json.to_string()).unwrap();
        s.set_procedure_rules(&mi, rules).unwrap();
    }
    s
}

fn command(step: &Value) -> (bool, Command) {
    let days = || step["days"].as_u64().unwrap() as u32;
    match step["do"].as_str().unwrap() {
        "take_charge" => (false, Command::TakeCharge),
        "request_integration" => (
            false,
            Command::RequestIntegration {
                request: "documento mancante".into(),
                reply_within_days: step["reply_within_days"].as_u64().unwrap() as u32,
            },
        ),
        "reply_integration" => {
            (true, Command::ReplyIntegration { text: "integrazione".into(), attachments: vec![] })
        }
        "suspend" => {
            let cause = match step["cause"].as_str().unwrap() {
                "information" => SuspensionCause::Information,
                _ => SuspensionCause::Counterparties,
            };
            (false, Command::Suspend { cause, days: days() })
        }
        "resume" => (false, Command::Resume),
        "notify_refusal" => (false, Command::NotifyRefusal { reasons: "motivi ostativi".into() }),
        "submit_observations" => (true, Command::SubmitObservations { text: "osservazioni".into() }),
        "record_opposition" => (
            false,
            Command::RecordOpposition {
                counterparty: Correspondent::LegalPerson {
                    name: "Verdi Acciai S.p.A.".into(),
                    tax_code: "03456780174".into(),
                },
                text: "dati commerciali riservati".into(),
                attachments: vec![],
            },
        ),
        "decide" => {
            let outcome = if step["outcome"] == "accepted" { Outcome::Accepted } else { Outcome::Rejected };
            (false, Command::Decide { outcome, reasons: "motivazione".into() })
        }
        "release" => (false, Command::Release),
        "activate_substitute" => (false, Command::ActivateSubstitute),
        other => panic!("unknown step {other}"),
    }
}

fn error_matches(e: &DossierError, expected: &Value) -> bool {
    let rule = expected.get("rule").and_then(Value::as_str);
    let date_ok = |d: Option<NaiveDate>| expected.get("date").is_none_or(|v| Some(date(v)) == d);
    match (expected["kind"].as_str().unwrap(), e) {
        ("term", DossierError::Term(t)) => rule == Some(t.rule()) && date_ok(t.date()),
        ("refused", DossierError::GuardFailed { rule: r, .. }) => rule == Some(r.as_str()),
        ("transition", DossierError::InvalidTransition { .. }) => true,
        _ => false,
    }
}

fn check(s: &Sportello, name: &str, id: &str, step: &Value) {
    let d = s.dossier(&officer(), id).unwrap();
    let term = s.term_of(&d).unwrap();
    let ctx = format!("{name} on {}: {}", step["on"], step.get("why").and_then(Value::as_str).unwrap_or(""));
    for (key, want) in step["check"].as_object().unwrap() {
        let got: Value = match key.as_str() {
            "status" => d.state().as_str().into(),
            "start" => term.start.to_string().into(),
            "due_date" => term.due_date.to_string().into(),
            "days_left" => term.days_left.into(),
            "overdue" => term.overdue.into(),
            "suspended" => term.suspended.into(),
            "suspended_days" => term.suspended_days.into(),
            "substitute_due" => term.substitute_due.map(|x| x.to_string()).into(),
            "reply_by" => d.integration().map(|i| i.reply_by.to_string()).into(),
            "release_not_before" => s.release_not_before(&d).unwrap().map(|x| x.to_string()).into(),
            other => panic!("unknown check {other}"),
        };
        assert_eq!(&got, want, "{key} in {ctx}");
    }
}

#[test]
fn every_dated_scenario_holds_through_the_facade() {
    let doc: Value = serde_json::from_str(include_str!("../../testdata/terms/scenarios.json")).unwrap();
    let scenarios = doc["scenarios"].as_array().unwrap();
    assert!(scenarios.len() >= 30);
    for sc in scenarios {
        let name = sc["name"].as_str().unwrap();
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
        at(&clock, date(&sc["received"]));
        let s = counter(sc, &clock);
        let form = BTreeMap::from([
            ("documents".to_string(), "verbale 12/2025".to_string()),
            ("motivation".to_string(), "tutela in giudizio".to_string()),
            (
                "category".to_string(),
                if sc["service"] == "reclami" { "disservizio" } else { "rimborso" }.into(),
            ),
            ("description".to_string(), "attesa allo sportello".to_string()),
            ("request".to_string(), "rimborso".to_string()),
            ("year".to_string(), "2025".to_string()),
            ("amount_paid".to_string(), "126.00".to_string()),
            ("reason".to_string(), "versamento doppio".to_string()),
        ]);
        let id =
            s.submit(&applicant(), sc["service"].as_str().unwrap(), form, vec![]).unwrap().id().to_string();
        for step in sc["steps"].as_array().unwrap() {
            at(&clock, date(&step["on"]));
            if step.get("check").is_some() {
                check(&s, name, &id, step);
                continue;
            }
            if step["do"] == "run_terms" {
                let run = s.run_terms().unwrap();
                assert!(run.failures.is_empty(), "{name}: {:?}", run.failures);
                let got: Vec<String> = run
                    .actions
                    .iter()
                    .filter(|a| a.dossier_id == id)
                    .map(|a| serde_json::to_value(a.action).unwrap().as_str().unwrap().to_string())
                    .collect();
                let want: Vec<String> = step["actions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                assert_eq!(got, want, "{name} run_terms on {}", step["on"]);
                continue;
            }
            let (by_applicant, cmd) = command(step);
            let actor = if by_applicant { applicant() } else { officer() };
            let result = s.execute(&actor, &id, cmd, Some("motivo".into()), None);
            match (step.get("error"), result) {
                (None, Ok(_)) => {}
                (None, Err(e)) => panic!("{name}: {} on {} refused: {e:?}", step["do"], step["on"]),
                (Some(want), Err(e)) => {
                    assert!(error_matches(&e, want), "{name}: {} on {}: {e:?}", step["do"], step["on"])
                }
                (Some(want), Ok(_)) => {
                    panic!("{name}: {} on {} should fail with {want}", step["do"], step["on"])
                }
            }
        }
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn access_form() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("documents".to_string(), "verbale 12/2025".to_string()),
        ("motivation".to_string(), "tutela in giudizio".to_string()),
    ])
}

fn fresh(on: NaiveDate) -> (Sportello, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    at(&clock, on);
    (Sportello::with_memory_adapters(Arc::new(clock.clone())).unwrap(), clock)
}

#[test]
fn the_officers_lists_show_due_soon_and_overdue_dossiers_of_their_own_chamber_only() {
    let mi: ChamberCode = "MI".parse().unwrap();
    let (s, clock) = fresh(d(2026, 3, 2));
    let early = s.submit(&applicant(), "accesso-atti", access_form(), vec![]).unwrap();
    at(&clock, d(2026, 3, 20));
    let complaint = BTreeMap::from([
        ("category".to_string(), "disservizio".to_string()),
        ("description".to_string(), "attesa".to_string()),
    ]);
    let late = s.submit(&applicant(), "reclami", complaint, vec![]).unwrap();
    // on 20 Mar: `early` is due Wed 1 Apr (11 days to 31 Mar + 1 = 12 left); `late` is due
    // 20 Mar + 30 = Sun 19 Apr -> Mon 20 Apr (11 + 20 = 31 left)
    let ids = |list: Vec<sportello::sportello::DueEntry>| -> Vec<String> {
        list.into_iter().map(|e| e.dossier_id).collect()
    };
    assert_eq!(ids(s.due_soon(&officer(), &mi, 12).unwrap()), vec![early.id().to_string()]);
    assert_eq!(ids(s.due_soon(&officer(), &mi, 11).unwrap()), Vec::<String>::new());
    let both = s.due_soon(&officer(), &mi, 31).unwrap();
    assert_eq!((both[0].term.days_left, both[1].term.days_left), (12, 31));
    assert_eq!(ids(both), vec![early.id().to_string(), late.id().to_string()]);
    // on 2 Apr `early` is one day overdue (nobody ran the terms yet), `late` is not
    at(&clock, d(2026, 4, 2));
    let overdue = s.overdue(&officer(), &mi).unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!((overdue[0].dossier_id.as_str(), overdue[0].term.days_left), (early.id(), -1));
    // once silence formed the dossier is concluded and leaves the list
    s.run_terms().unwrap();
    assert!(s.overdue(&officer(), &mi).unwrap().is_empty());
    // Bergamo's officer may not read Milan's list, a user may not read any, nor may front office
    let bg = officer_at("GLLFNC71H08E507P", "BG", &[OfficerRole::CaseHandler]);
    let refused = s.overdue(&bg, &mi).unwrap_err();
    assert!(matches!(refused, DossierError::NotAuthorized(ref n) if n.rule.as_str() == "chamber"));
    let refused = s.due_soon(&applicant(), &mi, 10).unwrap_err();
    assert!(matches!(refused, DossierError::NotAuthorized(ref n) if n.rule.as_str() == "officers_only"));
    let front = officer_at("CNTPLA88L05F205O", "MI", &[OfficerRole::FrontOffice]);
    assert!(matches!(s.overdue(&front, &mi), Err(DossierError::NotAuthorized(_))));
}

#[test]
fn an_opposition_is_protocolled_as_incoming_from_the_counterparty() {
    let (s, clock) = fresh(d(2026, 3, 2));
    let dossier = s
        .submit(
            &applicant(),
            "accesso-civico",
            BTreeMap::from([("documents".to_string(), "contratti 2025".to_string())]),
            vec![],
        )
        .unwrap();
    let id = dossier.id();
    s.execute(&officer(), id, Command::TakeCharge, None, None).unwrap();
    s.execute(
        &officer(),
        id,
        Command::Suspend { cause: SuspensionCause::Counterparties, days: 10 },
        None,
        None,
    )
    .unwrap();
    at(&clock, d(2026, 3, 6));
    let counterparty =
        Correspondent::LegalPerson { name: "Verdi Acciai S.p.A.".into(), tax_code: "03456780174".into() };
    let blank = Command::RecordOpposition {
        counterparty: counterparty.clone(),
        text: " ".into(),
        attachments: vec![],
    };
    assert!(matches!(s.execute(&officer(), id, blank, None, None), Err(DossierError::MissingField { .. })));
    let bad = Command::RecordOpposition {
        counterparty: Correspondent::LegalPerson { name: "X".into(), tax_code: "123".into() },
        text: "no".into(),
        attachments: vec![],
    };
    assert!(matches!(s.execute(&officer(), id, bad, None, None), Err(DossierError::Protocol(_))));
    let doc = sportello::dossier::Attachment::new("opposizione.pdf", "application/pdf", b"%PDF".to_vec());
    let cmd = Command::RecordOpposition {
        counterparty,
        text: "segreto commerciale".into(),
        attachments: vec![doc],
    };
    let after = s.execute(&officer(), id, cmd, None, None).unwrap();
    assert_eq!(after.oppositions().len(), 1);
    assert_eq!(after.oppositions()[0].received_on, d(2026, 3, 6));
    let number = *after.protocol_numbers().last().unwrap();
    let xml = s.segnatura(&"MI".parse().unwrap(), number).unwrap();
    assert!(xml.contains("Verdi Acciai S.p.A."), "{xml}");
    assert!(xml.contains("Opposizione"), "{xml}");
    // a second opposition finds the window closed: the suspension ended with the first
    let again = Command::RecordOpposition {
        counterparty: Correspondent::LegalPerson { name: "Altro".into(), tax_code: "01234560017".into() },
        text: "anch'io".into(),
        attachments: vec![],
    };
    let err = s.execute(&officer(), id, again, None, None).unwrap_err();
    assert!(matches!(err, DossierError::Term(ref t) if t.rule() == "opposition_window_closed"));
    assert!(s.verify_dossier(id).is_ok());
}

#[test]
fn a_run_that_meets_a_dossier_it_cannot_handle_reports_it_and_goes_on() {
    // two counters on one store: the first also has a desk for Bergamo, the second does not
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap());
    let store = sportello::memory::MemoryDossierStore::new();
    let mut wide = Sportello::with_store(Arc::new(clock.clone()), Arc::new(store.clone())).unwrap();
    let bg: ChamberCode = "BG".parse().unwrap();
    wide.add_desk_with_memory_protocol(sportello::sportello::ChamberDesk::example(bg.clone()).unwrap())
        .unwrap();
    let narrow = Sportello::with_store(Arc::new(clock.clone()), Arc::new(store)).unwrap();
    let a = wide.submit(&applicant(), "accesso-atti", access_form(), vec![]).unwrap();
    let b = wide.submit_to(&applicant(), &bg, "accesso-atti", access_form(), vec![]).unwrap();
    let c = wide.submit(&applicant(), "accesso-atti", access_form(), vec![]).unwrap();
    at(&clock, d(2026, 4, 2));
    let run = narrow.run_terms().unwrap();
    assert_eq!(run.on, Some(d(2026, 4, 2)));
    let ids: Vec<&str> = run.actions.iter().map(|x| x.dossier_id.as_str()).collect();
    assert_eq!(ids, vec![a.id(), c.id()]);
    assert!(run.actions.iter().all(|x| x.date == d(2026, 4, 1)));
    assert_eq!(run.failures.len(), 1);
    assert_eq!(run.failures[0].dossier_id, b.id());
    assert!(
        matches!(run.failures[0].error, DossierError::InvalidField { ref field, .. } if field == "chamber")
    );
    // the wider counter does the rest; then nothing is left to do
    let rest = wide.run_terms().unwrap();
    assert_eq!(rest.actions.iter().map(|x| x.dossier_id.as_str()).collect::<Vec<_>>(), vec![b.id()]);
    assert!(wide.run_terms().unwrap().actions.is_empty());
}

#[test]
fn an_integration_request_needs_a_reply_window_of_at_least_one_day() {
    let (s, _) = fresh(d(2026, 3, 2));
    let dossier = s.submit(&applicant(), "accesso-atti", access_form(), vec![]).unwrap();
    s.execute(&officer(), dossier.id(), Command::TakeCharge, None, None).unwrap();
    let zero = Command::RequestIntegration { request: "x".into(), reply_within_days: 0 };
    let err = s.execute(&officer(), dossier.id(), zero, None, None).unwrap_err();
    assert!(matches!(err, DossierError::InvalidField { ref field, .. } if field == "reply_within_days"));
}

#[test]
fn release_is_for_access_services_only() {
    let (s, _) = fresh(d(2026, 3, 2));
    let form = BTreeMap::from([
        ("category".to_string(), "disservizio".to_string()),
        ("description".to_string(), "attesa".to_string()),
    ]);
    let dossier = s.submit(&applicant(), "reclami", form, vec![]).unwrap();
    s.execute(&officer(), dossier.id(), Command::TakeCharge, None, None).unwrap();
    let decide = Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() };
    s.execute(&officer(), dossier.id(), decide, None, None).unwrap();
    let err = s.execute(&officer(), dossier.id(), Command::Release, None, None).unwrap_err();
    assert!(matches!(err, DossierError::GuardFailed { ref rule, .. } if rule == "release_not_applicable"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever the days between daily runs and whatever the reply: silence never forms on or
    /// before the due date nor while the term is suspended, and a second run the same day does
    /// nothing.
    #[test]
    fn daily_runs_never_form_silence_early_and_are_idempotent(
        ask_after in 1u32..20,
        window in 1u32..40,
        reply_after in proptest::option::of(0u32..45),
        gaps in proptest::collection::vec(1u32..9, 1..14),
    ) {
        let (s, clock) = fresh(d(2026, 3, 2));
        let id = s.submit(&applicant(), "accesso-atti", access_form(), vec![]).unwrap().id().to_string();
        s.execute(&officer(), &id, Command::TakeCharge, None, None).unwrap();
        let mut today = d(2026, 3, 2) + chrono::Duration::days(i64::from(ask_after));
        at(&clock, today);
        let ask = Command::RequestIntegration { request: "x".into(), reply_within_days: window };
        s.execute(&officer(), &id, ask, None, None).unwrap();
        let reply_on = reply_after.map(|r| today + chrono::Duration::days(i64::from(r)));
        for gap in gaps {
            let next = today + chrono::Duration::days(i64::from(gap));
            if let Some(r) = reply_on.filter(|r| *r > today && *r <= next) {
                at(&clock, r);
                let reply = Command::ReplyIntegration { text: "y".into(), attachments: vec![] };
                let _ = s.execute(&applicant(), &id, reply, None, None);
            }
            today = next;
            at(&clock, today);
            let before = s.term_of(&s.dossier(&officer(), &id).unwrap()).unwrap();
            let run = s.run_terms().unwrap();
            proptest::prop_assert!(run.failures.is_empty());
            for a in &run.actions {
                if a.action == sportello::dossier::Action::SilentReject {
                    // formed after the due date, on the due date as it stood, never while suspended
                    proptest::prop_assert!(today > a.date);
                    proptest::prop_assert_eq!(a.date, before.due_date);
                    proptest::prop_assert!(!before.suspended);
                    let after = s.dossier(&officer(), &id).unwrap();
                    proptest::prop_assert_eq!(after.state(), sportello::dossier::DossierState::SilentRejection);
                }
            }
            proptest::prop_assert!(s.run_terms().unwrap().actions.is_empty());
        }
        proptest::prop_assert!(s.verify_dossier(&id).is_ok());
    }
}
