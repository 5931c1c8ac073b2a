//! The annual fee: the batch engine (bar: >= 5 million companies per second per core) against the
//! per-request engine with every intermediate figure.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;
use sportello::fees::{AnnualFeeRequest, BatchCalculator, FeeCalculator, FeeTables, SubjectKind};
use sportello::money::Euro;

/// A deterministic population: 70 % turnover-based companies with turnovers spread over every
/// bracket (some with cents), the rest fixed-amount subjects; 0-3 local units.
fn population(n: usize) -> (Vec<SubjectKind>, Vec<Option<Decimal>>, Vec<u32>) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut subjects = Vec::with_capacity(n);
    let mut turnovers = Vec::with_capacity(n);
    let mut units = Vec::with_capacity(n);
    for _ in 0..n {
        let r = next();
        let subject =
            if r % 10 < 7 { SubjectKind::TurnoverBased } else { SubjectKind::ALL[(r % 7) as usize] };
        let magnitude = 10u64.pow(4 + (r >> 8) as u32 % 7);
        let cents = (next() % magnitude) * 100 + if r % 3 == 0 { next() % 100 } else { 0 };
        subjects.push(subject);
        turnovers.push(Some(Decimal::new(cents as i64, 2)));
        // Foreign companies pay per Italian unit: at least one.
        let min_units = u32::from(subject == SubjectKind::ForeignCompany);
        units.push(min_units + ((r >> 20) % 4) as u32);
    }
    (subjects, turnovers, units)
}

fn batch(c: &mut Criterion) {
    let n = 100_000;
    let (subjects, turnovers, units) = population(n);
    let calc = BatchCalculator::new(2024, Decimal::new(20, 2), FeeTables::dm_2011())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("fees");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("batch/100k companies (columns)", |b| {
        let mut out = Vec::with_capacity(n);
        b.iter(|| {
            out.clear();
            calc.fees_columns(black_box(&subjects), black_box(&turnovers), black_box(&units), &mut out)
                .unwrap_or_else(|e| panic!("{e}"));
            out.len()
        })
    });
    group.bench_function("batch/100k companies (iterator)", |b| {
        b.iter(|| {
            let mut total = 0i64;
            for ((s, t), u) in subjects.iter().zip(&turnovers).zip(&units) {
                total += calc.fee_of(*s, *t, *u).unwrap_or(0);
            }
            black_box(total)
        })
    });
    group.finish();

    let engine = FeeCalculator::default();
    let bg: sportello::chamber::ChamberCode = "BG".parse().unwrap_or_else(|e| panic!("{e}"));
    let bs: sportello::chamber::ChamberCode = "MIMBLO".parse().unwrap_or_else(|e| panic!("{e}"));
    let req = AnnualFeeRequest::new(2024, SubjectKind::TurnoverBased)
        .turnover(Euro::from_units(2_610_596))
        .sede(bg.clone())
        .units(bg, 1)
        .units(bs, 2);
    c.bench_function("fees/annual_fee with intermediates, 2 chambers", |b| {
        b.iter(|| engine.annual_fee(black_box(&req)).map(|f| f.total_due))
    });
}

criterion_group!(benches, batch);
criterion_main!(benches);
