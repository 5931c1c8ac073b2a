//! Dossiers through a full lifecycle in memory: submission (protocolled), taking charge, decision
//! (outcome document, protocolled, communicated), closing, preservation (package with digests),
//! then verification of every event chain. The bar: 100,000 dossiers in under 10 s.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use sportello::dossier::Outcome;
use sportello::memory::{ManualClock, MemoryDossierStore, MemoryPecMailer, MemoryPreserver};
use sportello::sportello::{Actor, ChamberDesk, Command, OfficerRole, Sportello};

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
    let officer = Actor::officer("mbianchi", "MI".parse().unwrap(), OfficerRole::Handler);
    let user = Actor::citizen("RSSMRA80A41F205X", "Maria", "Rossi");
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale 12/2025".to_string()),
        ("motivation".to_string(), "difesa".to_string()),
        ("domicilio_digitale".to_string(), "maria.rossi@pec.example.it".to_string()),
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
