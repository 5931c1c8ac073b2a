//! Dossiers through a full lifecycle in memory: submission (protocolled), taking charge, decision
//! (outcome document, protocolled, communicated), closing, preservation (package with digests),
//! then verification of every event chain. The bar: 100,000 dossiers in under 10 s.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::dossier::Outcome;
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{
    InMemoryPecDirectory, InMemoryRegistry, ManualClock, MemoryDossierStore, MemoryPecMailer,
    MemoryPreserver, DELEGATION_FIXTURES,
};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::registry::{DigitalDomicile, PecSection};
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
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let private = ProfileChoice { kind: ProfileKind::Private, company: None };
    let user = Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B"), &private, day).unwrap();
    let mut officers = OfficerRegister::default();
    let mi = "MI".parse().unwrap();
    officers.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse().unwrap(),
        name: "Alessandro Colombo".into(),
        chamber: "MI".parse().unwrap(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::ProtocolOfficer].into(),
        active: true,
    });
    let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P"), &mi).unwrap();
    (user, officer)
}

fn lifecycle(n: usize) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap());
    let c: Arc<ManualClock> = Arc::new(clock.clone());
    let mut counter = Sportello::new(
        c.clone(),
        Arc::new(MemoryDossierStore::new()),
        Arc::new(MemoryPecMailer::new(c.clone())),
        Arc::new(MemoryPreserver::discarding(c)),
    );
    counter.add_desk_with_memory_protocol(ChamberDesk::example("MI".parse().unwrap()).unwrap()).unwrap();
    let mut directory = InMemoryPecDirectory::new();
    directory.insert(DigitalDomicile {
        codice_fiscale: "RSSMRA80A41F205B".parse().unwrap(),
        pec: "maria.rossi@pec.example.it".parse().unwrap(),
        section: PecSection::Professionals,
    });
    counter.set_directory(Arc::new(directory));
    let (user, officer) = actors();
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale 12/2025".to_string()),
        ("motivation".to_string(), "difesa".to_string()),
    ]);
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        clock.advance(Duration::milliseconds(100));
        let d = counter.submit(&user, "accesso-atti", form.clone(), vec![]).unwrap();
        counter.execute(&officer, d.id(), Command::TakeCharge, None, None).unwrap();
        let decide = Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() };
        counter.execute(&officer, d.id(), decide, None, None).unwrap();
        counter.execute(&officer, d.id(), Command::Close, None, None).unwrap();
        counter.preserve(&officer, d.id()).unwrap();
        ids.push(d.id().to_string());
    }
    for id in &ids {
        counter.verify_dossier(id).unwrap();
    }
}

fn dossiers(c: &mut Criterion) {
    let mut g = c.benchmark_group("dossier");
    g.sample_size(10);
    g.bench_function("full lifecycle + verify x1000", |b| b.iter(|| lifecycle(1_000)));
    g.bench_function("full lifecycle + verify x100000", |b| b.iter(|| lifecycle(100_000)));
    g.finish();
}

criterion_group!(benches, dossiers);
criterion_main!(benches);
