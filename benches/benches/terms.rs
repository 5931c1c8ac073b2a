//! The daily run of the terms (`Sportello::run_terms`) over many open dossiers: on the first day
//! after their due date it forms silence-rejection on every access dossier, lapses the integration
//! requests and closes the counterparty suspensions; a second run the same day finds nothing.
//! Also the officers' overdue list.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::dossier::SuspensionCause;
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{
    InMemoryRegistry, ManualClock, MemoryDossierStore, MemoryPecMailer, MemoryPreserver, DELEGATION_FIXTURES,
};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::sportello::{Actor, ChamberDesk, Command, Sportello};

fn spid(cf: &str) -> Identity {
    let attrs = BTreeMap::from([
        ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
        ("name".to_string(), "Nome".to_string()),
        ("familyName".to_string(), "Cognome".to_string()),
        ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
    ]);
    Identity::from_spid(&attrs, &AssuranceTable::default()).unwrap()
}

fn actors() -> (Actor, Actor) {
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let book = DelegationBook::from_json(DELEGATION_FIXTURES).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let private = ProfileChoice { kind: ProfileKind::Private, company: None };
    let user = Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B"), &private, day).unwrap();
    let mut officers = OfficerRegister::default();
    officers.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse().unwrap(),
        name: "Alessandro Colombo".into(),
        chamber: "MI".parse().unwrap(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure].into(),
        active: true,
    });
    let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P"), &"MI".parse().unwrap()).unwrap();
    (user, officer)
}

/// `n` open dossiers received on 2 Mar 2026: a third waiting, a third with an integration request
/// (10 days), a third with counter-interested parties notified (10 days).
fn world(n: usize) -> (Sportello, ManualClock, Actor) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap());
    let c: Arc<ManualClock> = Arc::new(clock.clone());
    let mut counter = Sportello::new(
        c.clone(),
        Arc::new(MemoryDossierStore::new()),
        Arc::new(MemoryPecMailer::new(c.clone())),
        Arc::new(MemoryPreserver::discarding(c)),
    );
    counter.add_desk_with_memory_protocol(ChamberDesk::example("MI".parse().unwrap()).unwrap()).unwrap();
    let (user, officer) = actors();
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale 12/2025".to_string()),
        ("motivation".to_string(), "difesa".to_string()),
    ]);
    for i in 0..n {
        clock.advance(Duration::milliseconds(10));
        let d = counter.submit(&user, "accesso-atti", form.clone(), vec![]).unwrap();
        if i % 3 == 0 {
            continue;
        }
        counter.execute(&officer, d.id(), Command::TakeCharge, None, None).unwrap();
        let step = if i % 3 == 1 {
            Command::RequestIntegration { request: "x".into(), reply_within_days: 10 }
        } else {
            Command::Suspend { cause: SuspensionCause::Counterparties, days: 10 }
        };
        counter.execute(&officer, d.id(), step, None, None).unwrap();
    }
    (counter, clock, officer)
}

fn daily_runs(n: usize) -> usize {
    let (counter, clock, officer) = world(n);
    // 13 Mar: the reply windows and the counterparty windows ended on 12 Mar
    clock.set(Utc.with_ymd_and_hms(2026, 3, 13, 3, 0, 0).unwrap());
    let first = counter.run_terms().unwrap();
    assert_eq!(first.actions.len(), n - n.div_ceil(3));
    // 2 Apr: the waiting third is overdue (due 1 Apr) and silence forms
    clock.set(Utc.with_ymd_and_hms(2026, 4, 2, 3, 0, 0).unwrap());
    let overdue = counter.overdue(&officer, &"MI".parse().unwrap()).unwrap();
    assert_eq!(overdue.len(), n.div_ceil(3));
    let second = counter.run_terms().unwrap();
    assert!(second.failures.is_empty());
    assert!(counter.run_terms().unwrap().actions.is_empty());
    first.actions.len() + second.actions.len()
}

fn terms(c: &mut Criterion) {
    // one timed pass at scale, printed, then the criterion loop at a size that fits the machine
    let n = 30_000;
    let (counter, clock, _) = world(n);
    clock.set(Utc.with_ymd_and_hms(2026, 4, 2, 3, 0, 0).unwrap());
    let start = Instant::now();
    let run = counter.run_terms().unwrap();
    println!("run_terms over {n} open dossiers: {} actions in {:?}", run.actions.len(), start.elapsed());
    let start = Instant::now();
    assert!(counter.run_terms().unwrap().actions.is_empty());
    println!("idle run_terms over {n} dossiers: {:?}", start.elapsed());
    let mut g = c.benchmark_group("terms");
    g.sample_size(10);
    g.bench_function("build 3000 + two daily runs + overdue list", |b| b.iter(|| daily_runs(3_000)));
    g.finish();
}

criterion_group!(benches, terms);
criterion_main!(benches);
