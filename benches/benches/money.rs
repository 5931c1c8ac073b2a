//! Rounding steps of `Euro`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;
use sportello::money::{Euro, RoundingMode};

fn rounding(c: &mut Criterion) {
    let amounts: Vec<Euro> = (0..1000i64).map(|i| Euro::new(Decimal::new(i * 7919 + 13, 7))).collect();
    c.bench_function("euro/round_step+round_euro x1000", |b| {
        b.iter(|| {
            let mut total = Euro::ZERO;
            for a in &amounts {
                total += black_box(*a).round_step(RoundingMode::HalfEven).round_euro();
            }
            total
        })
    });
}

criterion_group!(benches, rounding);
criterion_main!(benches);
