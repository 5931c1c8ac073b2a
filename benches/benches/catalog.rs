//! The catalogue's bars: loading the default catalogue (< 50 ms) and searching a synthetic
//! 10,000-service catalogue (< 1 ms at the 99th percentile). The index is built once.
//!
//! Criterion reports means; run with `--bench` (cargo bench) the p99 over 5,000 timed searches
//! is printed too, since criterion does not report percentiles.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;
use sportello::catalog::data::{self, Sources};
use sportello::catalog::{Catalog, SearchConfig, SearchQuery};
use sportello::chamber::ChamberCode;
use sportello::profile::ProfileKind;

/// The need phrases of the bar, as queries.
fn queries() -> Vec<String> {
    let v: Value =
        serde_json::from_str(include_str!("../../testdata/catalog/needs.json")).unwrap_or_default();
    ["tuning", "held_out"]
        .iter()
        .flat_map(|h| v[*h].as_array().cloned().unwrap_or_default())
        .filter_map(|n| n["text"].as_str().map(String::from))
        .collect()
}

/// A deterministic catalogue of `n` services: the real ones, then variants whose name,
/// keywords, needs and description mix words of other services (so postings are long and
/// realistic), each with its own identifier.
fn synthetic_services_json(n: usize) -> String {
    let mut root: Value = serde_json::from_str(data::SERVICES_JSON).unwrap_or_default();
    let real: Vec<Value> = root["services"].as_array().cloned().unwrap_or_default();
    let mut out = real.clone();
    let mut i = 0usize;
    while out.len() < n {
        let a = &real[i % real.len()];
        let b = &real[(i * 7 + 3) % real.len()];
        let c = &real[(i * 13 + 5) % real.len()];
        let mut s = a.clone();
        s["id"] = Value::String(format!("{}-v{i}", a["id"].as_str().unwrap_or("s")));
        s["name"] = Value::String(format!(
            "{} {}",
            a["name"].as_str().unwrap_or(""),
            c["category"].as_str().unwrap_or("")
        ));
        s["description"] = Value::String(format!(
            "{} {}",
            a["description"].as_str().unwrap_or(""),
            b["description"].as_str().unwrap_or("")
        ));
        if let (Some(k), Some(extra)) = (s["keywords"].as_array_mut(), b["keywords"].as_array()) {
            k.extend(extra.iter().take(2).cloned());
        }
        if let (Some(k), Some(extra)) = (s["needs"].as_array_mut(), c["needs"].as_array()) {
            k.extend(extra.iter().take(1).cloned());
        }
        out.push(s);
        i += 1;
    }
    root["services"] = Value::Array(out);
    root.to_string()
}

fn load(c: &mut Criterion) {
    c.bench_function("catalog/load default (49 services, parse + validate + index)", |b| {
        b.iter(|| black_box(Catalog::lombardy()))
    });
}

fn search(c: &mut Criterion) {
    let services = synthetic_services_json(10_000);
    let Ok(big) = data::load(Sources { services: &services, ..Sources::embedded() }, SearchConfig::default())
    else {
        panic!("synthetic catalogue does not load");
    };
    assert_eq!(big.services().len(), 10_000);
    let qs = queries();
    let mi: ChamberCode = "MIMBLO".parse().unwrap_or_else(|_| unreachable!());
    let mut k = 0usize;
    c.bench_function("catalog/search 10k services, top 10, no filter", |b| {
        b.iter(|| {
            k = (k + 1) % qs.len();
            black_box(big.search(&SearchQuery::new(qs[k].as_str())))
        })
    });
    c.bench_function("catalog/search 10k services, top 10, profile + chamber", |b| {
        b.iter(|| {
            k = (k + 1) % qs.len();
            black_box(
                big.search(
                    &SearchQuery::new(qs[k].as_str()).profile(ProfileKind::Business).chamber(mi.clone()),
                ),
            )
        })
    });
    if std::env::args().any(|a| a == "--bench") {
        let mut times: Vec<Duration> = Vec::with_capacity(5_000);
        for i in 0..5_000 {
            let t = Instant::now();
            black_box(big.search(&SearchQuery::new(qs[i % qs.len()].as_str())).ok());
            times.push(t.elapsed());
        }
        times.sort();
        let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        eprintln!(
            "catalog/search 10k: p50 {:?}  p99 {:?}  max {:?} over {} searches",
            pct(0.50),
            pct(0.99),
            times[times.len() - 1],
            times.len()
        );
        // The same, per query: the median of 21 runs of each query, so that a preempted run on a
        // loaded machine does not pass for a slow query.
        let mut per_query: Vec<(Duration, &str)> = qs
            .iter()
            .map(|q| {
                let mut runs: Vec<Duration> = (0..21)
                    .map(|_| {
                        let t = Instant::now();
                        black_box(big.search(&SearchQuery::new(q.as_str())).ok());
                        t.elapsed()
                    })
                    .collect();
                runs.sort();
                (runs[10], q.as_str())
            })
            .collect();
        per_query.sort();
        let (slowest, q) = per_query[per_query.len() - 1];
        eprintln!(
            "catalog/search 10k: slowest query median {slowest:?} ({q:?}); fastest {:?}",
            per_query[0].0
        );
    }
}

criterion_group!(benches, load, search);
criterion_main!(benches);
