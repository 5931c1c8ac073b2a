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

fn officer() -> Actor {
    let mut register = OfficerRegister::default();
    register.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse().unwrap(),
        name: "Alessandro Colombo".into(),
        chamber: "MI".parse().unwrap(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::Substitute]
            .into_iter()
            .collect(),
        active: true,
    });
    register
        .act_as_officer(&spid("CLMLSN90E15D286P", "Alessandro", "Colombo"), &"MI".parse().unwrap())
        .unwrap()
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
