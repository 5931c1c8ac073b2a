//! pagoPA notice validation, QR payload parsing, and prepaid-ledger operations.
#![allow(missing_docs)]
// Fixed, known-valid inputs: a failure here is a bug in the bench, so unwrap is the right answer.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sportello::money::Euro;
use sportello::payments::{
    rf_validate, CreditorReference, NoticeNumber, OperationId, PrepaidAccount, QrPayload, SegregationCode,
};

fn notices(n: u64) -> Vec<String> {
    (0..n)
        .map(|i| {
            let seg = SegregationCode::new((i % 100) as u8).unwrap();
            NoticeNumber::from_sequence(seg, i.wrapping_mul(7_919_017) % 10_000_000_000_000)
                .unwrap()
                .to_string()
        })
        .collect()
}

fn notice_validation(c: &mut Criterion) {
    let texts = notices(1000);
    let mut g = c.benchmark_group("payments");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("notice/parse x1000", |b| {
        b.iter(|| texts.iter().filter(|t| NoticeNumber::parse(black_box(t)).is_ok()).count())
    });
    let rfs: Vec<String> = (0..1000u64)
        .map(|i| CreditorReference::create(&format!("IUV{i:012}")).unwrap().to_string())
        .collect();
    g.bench_function("rf/validate x1000", |b| {
        b.iter(|| rfs.iter().filter(|t| rf_validate(black_box(t))).count())
    });
    let payloads: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("PAGOPA|002|{t}|80014930327|{}", 100 + i * 37))
        .collect();
    g.bench_function("qr/parse x1000", |b| {
        b.iter(|| payloads.iter().filter(|p| QrPayload::parse(black_box(p)).is_ok()).count())
    });
    g.finish();
}

fn ledger(c: &mut Criterion) {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let ids: Vec<OperationId> = (0..1000).map(|i| format!("op-{i}").parse().unwrap()).collect();
    let mut g = c.benchmark_group("payments");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("ledger/top_up+charge x500", |b| {
        b.iter(|| {
            let mut account = PrepaidAccount::open("BENCH".parse().unwrap());
            for pair in ids.chunks(2) {
                account.top_up(pair[0].clone(), Euro::from_cents(1000), "R", at).unwrap();
                account.charge(pair[1].clone(), Euro::from_cents(700), "S", at).unwrap();
            }
            account.balance()
        })
    });
    g.finish();
}

criterion_group!(benches, notice_validation, ledger);
criterion_main!(benches);
