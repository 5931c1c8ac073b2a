//! Dossiers through a full lifecycle in memory: submission (protocolled, receipt by PEC), taking
//! charge, decision (outcome document, protocolled, sent by PEC), closing, preservation (package
//! with digests, verified by the preserver), then verification of every event chain and its
//! replay ([`sportello_benches::dossier`]). The bar: 100,000 dossiers in under 10 s.
//!
//! `cargo bench -p sportello-benches --bench dossier -- 'x100000$'` runs the bar on one thread in
//! wall-clock time (`dossier/...`) and in the thread's CPU time (`dossier-cpu/...`, what it costs
//! on one core of a shared machine); `-- threads` runs it on two threads sharing the counter;
//! `-- chain` runs the pieces of one dossier's chain.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use sportello::archive::Digest;
use sportello::dossier::{verify_chain, DossierEvent};
use sportello::ports::DossierStore;
use sportello_benches::cpu::ThreadCpuTime;
use sportello_benches::dossier::{lifecycle, lifecycle_on_threads, Lifecycle};

fn lifecycles<M: Measurement>(g: &mut BenchmarkGroup<'_, M>) {
    g.sample_size(10);
    for n in [1_000u64, 100_000] {
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("full lifecycle + verify x{n}"), |b| b.iter(|| lifecycle(n as usize)));
    }
}

fn wall_clock(c: &mut Criterion) {
    let mut g = c.benchmark_group("dossier");
    lifecycles(&mut g);
    // the same work shared by two threads on one counter (this machine has two cores)
    g.bench_function("full lifecycle + verify x100000 on 2 threads", |b| {
        b.iter(|| lifecycle_on_threads(100_000, 2))
    });
}

/// The pieces of one dossier's chain: the 13 events of a full lifecycle sealed, verified, and
/// serialized as the preservation package's event log; and the store's copy of them.
fn chain(c: &mut Criterion<ThreadCpuTime>) {
    let mut run = Lifecycle::new();
    run.run_one();
    let id = run.ids()[0].clone();
    let events = run.store().load(&id).unwrap();
    assert_eq!(events.len(), 13);
    let mut g = c.benchmark_group("dossier-cpu chain (13 events)");
    g.bench_function("seal", |b| {
        b.iter(|| {
            let mut prev = Digest::ZERO;
            for e in &events {
                let s = DossierEvent::seal(
                    &e.dossier_id,
                    e.seq,
                    e.at,
                    e.actor.clone(),
                    e.reason.clone(),
                    e.kind.clone(),
                    prev,
                );
                prev = s.digest;
            }
            black_box(prev)
        })
    });
    g.bench_function("verify_chain", |b| b.iter(|| verify_chain(&id, black_box(&events)).unwrap()));
    g.bench_function("event log JSON", |b| b.iter(|| serde_json::to_vec(black_box(&events)).unwrap().len()));
    g.bench_function("store load", |b| b.iter(|| run.store().load(black_box(&id)).unwrap().len()));
    g.finish();
}

fn cpu_time(c: &mut Criterion<ThreadCpuTime>) {
    lifecycles(&mut c.benchmark_group("dossier-cpu"));
    chain(c);
}

criterion_group!(benches, wall_clock);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu_time
}
criterion_main!(benches, cpu_benches);
