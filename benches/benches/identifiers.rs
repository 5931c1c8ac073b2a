//! Codice fiscale and partita IVA validation: the allocation-free checks and the parsing path.
//!
//! Criterion reports elements/s (one element = one validation). The bar of issue 2 is >= 20
//! million codice fiscale validations per second on one core.
//!
//! Two groups run the same loops: `identifiers` in wall-clock time (criterion's default), and, on
//! Linux, `identifiers-cpu` in the thread's own CPU time, which is what "on one core" means on a
//! shared machine where the bench thread gets only part of a core.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sportello::identifiers::{is_valid_codice_fiscale, is_valid_partita_iva, CodiceFiscale, PartitaIva};

/// A small deterministic generator (64-bit LCG), so every run validates the same inputs.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const MONTHS: &[u8] = b"ABCDEHLMPRST";
const PLACES: [&str; 6] = ["F205", "H501", "L219", "D969", "Z110", "A794"];

/// `n` valid codes: random names, real dates (day <= 28), men and women, one in four omocodic.
fn codici_fiscali(n: usize) -> Vec<String> {
    let mut rng = Lcg(20241126);
    (0..n)
        .map(|i| {
            let names: String = (0..6).map(|_| char::from(LETTERS[rng.below(26) as usize])).collect();
            let day = 1 + rng.below(28) + if rng.below(2) == 1 { 40 } else { 0 };
            let first15 = format!(
                "{names}{:02}{}{day:02}{}",
                rng.below(100),
                char::from(MONTHS[rng.below(12) as usize]),
                PLACES[rng.below(PLACES.len() as u64) as usize]
            );
            let code = LETTERS
                .iter()
                .map(|&c| format!("{first15}{}", char::from(c)))
                .find(|c| is_valid_codice_fiscale(c))
                .unwrap_or_default();
            let parsed = CodiceFiscale::parse(&code).map_err(|e| format!("{code}: {e}"));
            match parsed {
                Ok(cf) if i % 4 == 3 => {
                    let variants = cf.omocodic_variants();
                    variants[1 + rng.below(127) as usize].as_str().to_string()
                }
                Ok(cf) => cf.as_str().to_string(),
                Err(e) => panic!("generator produced an invalid code: {e}"),
            }
        })
        .collect()
}

/// `n` valid partite IVA: random matricola, allowed office, Luhn digit.
fn partite_iva(n: usize) -> Vec<String> {
    let mut rng = Lcg(7);
    let offices = [1u64, 15, 37, 58, 88, 100, 120, 121, 888, 999];
    (0..n)
        .map(|_| {
            let first10 = format!("{:07}{:03}", 1 + rng.below(9_999_999), offices[rng.below(10) as usize]);
            (0..10).map(|d| format!("{first10}{d}")).find(|p| is_valid_partita_iva(p)).unwrap_or_default()
        })
        .collect()
}

fn validation<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    let cfs = codici_fiscali(10_000);
    assert!(cfs.iter().all(|c| is_valid_codice_fiscale(c)));
    let pivas = partite_iva(10_000);
    assert!(pivas.iter().all(|p| is_valid_partita_iva(p)));

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Elements(cfs.len() as u64));
    group.bench_function("is_valid_codice_fiscale x10k", |b| {
        b.iter(|| cfs.iter().filter(|c| is_valid_codice_fiscale(black_box(c))).count())
    });
    group.bench_function("CodiceFiscale::parse x10k", |b| {
        b.iter(|| cfs.iter().filter(|c| CodiceFiscale::parse(black_box(c)).is_ok()).count())
    });
    group.throughput(Throughput::Elements(pivas.len() as u64));
    group.bench_function("is_valid_partita_iva x10k", |b| {
        b.iter(|| pivas.iter().filter(|p| is_valid_partita_iva(black_box(p))).count())
    });
    group.bench_function("PartitaIva::parse x10k", |b| {
        b.iter(|| pivas.iter().filter(|p| PartitaIva::parse(black_box(p)).is_ok()).count())
    });
    group.finish();
}

fn wall_clock(c: &mut Criterion) {
    validation(c, "identifiers");
}

#[cfg(target_os = "linux")]
mod cpu {
    pub use sportello_benches::cpu::ThreadCpuTime;

    pub fn on_cpu_time(c: &mut criterion::Criterion<ThreadCpuTime>) {
        super::validation(c, "identifiers-cpu");
    }
}

criterion_group!(benches, wall_clock);
#[cfg(target_os = "linux")]
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(cpu::ThreadCpuTime);
    targets = cpu::on_cpu_time
}
#[cfg(target_os = "linux")]
criterion_main!(benches, cpu_benches);
#[cfg(not(target_os = "linux"))]
criterion_main!(benches);
