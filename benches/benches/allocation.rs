//! Allocation of two pools among 100,000 participants (the bar: under 1 s).
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sportello::allocation::{allocate, AllocationPlan, Band, Driver, Participant, Pool};
use sportello::money::Euro;

/// 100,000 participants with skewed business counts (a few very large, many small), services
/// 1-10 and two bands, so that shares are clamped at both ends; built deterministically.
fn plan(n: usize) -> AllocationPlan {
    let mut seed = 0x5eed_u64;
    let participants = (0..n)
        .map(|i| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let r = seed >> 33;
            let businesses = 1 + (r % 1000) * (r % 1000) * (r % 7); // 0..7e6, heavy tail
            let services = 1 + (r % 10) as u32;
            let code = format!("C{i:07}");
            Participant::new(code.parse().unwrap_or_else(|_| unreachable!()))
                .with_businesses(businesses)
                .with_services(services)
                .with_consumption(r % 5000)
        })
        .collect();
    let bands = vec![
        Band { services_from: 1, services_to: 3, min: Euro::from_units(100), max: Euro::from_units(1_500) },
        Band { services_from: 4, services_to: 10, min: Euro::from_units(500), max: Euro::from_units(5_440) },
    ];
    let pools = vec![
        Pool {
            name: "maintenance".into(),
            amount: Euro::from_units(182_000_000),
            driver: Driver::Businesses,
            bands,
        },
        Pool {
            name: "user_assistance".into(),
            amount: Euro::from_cents(7_000_000_001),
            driver: Driver::Consumption,
            bands: vec![],
        },
    ];
    AllocationPlan::new(2014, participants, pools, None).unwrap_or_else(|e| panic!("bench plan: {e}"))
}

fn allocation(c: &mut Criterion) {
    let p = plan(100_000);
    let a = allocate(&p).unwrap_or_else(|e| panic!("bench plan infeasible: {e}"));
    let m = a.pool("maintenance").unwrap_or_else(|e| panic!("{e}"));
    let clamped = m.lines.iter().filter(|l| l.clamped.is_some()).count();
    println!("100,000 participants: {clamped} clamped in maintenance");
    let mut group = c.benchmark_group("allocation");
    group.sample_size(10);
    group.bench_function("allocate 2 pools x 100,000 participants", |b| b.iter(|| allocate(black_box(&p))));
    group.bench_function("to_csv 2 pools x 100,000 participants", |b| b.iter(|| black_box(&a).to_csv()));
    group.finish();
}

criterion_group!(benches, allocation);
criterion_main!(benches);
