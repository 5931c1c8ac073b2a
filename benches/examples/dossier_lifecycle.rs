//! One timed run of the dossier lifecycle bench outside criterion: `cargo run --release -p
//! sportello-benches --example dossier_lifecycle -- 100000` prints the wall-clock and the CPU time
//! of the calling thread (the run is single-threaded) for the lifecycles, the verification of
//! every chain and the teardown of the in-memory counter; useful on a machine shared with builds.
//! `-- 100000 2` runs the dossiers on two threads sharing the counter and prints the wall-clock.
#![allow(missing_docs, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use sportello_benches::cpu::thread_cpu_time;
use sportello_benches::dossier::Lifecycle;

fn timed(f: impl FnOnce()) -> (Duration, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu_time());
    f();
    (wall.elapsed(), thread_cpu_time().saturating_sub(cpu))
}

fn main() {
    let n: usize = std::env::args().nth(1).map_or(100_000, |s| s.parse().unwrap());
    if let Some(threads) = std::env::args().nth(2).map(|s| s.parse::<usize>().unwrap()) {
        let wall = Instant::now();
        sportello_benches::dossier::lifecycle_on_threads(n, threads);
        println!("{n} dossiers on {threads} threads: wall {:.3} s", wall.elapsed().as_secs_f64());
        return;
    }
    let mut run = Lifecycle::new();
    let lifecycles = timed(|| (0..n).for_each(|_| run.run_one()));
    let verify = timed(|| run.verify_all());
    let teardown = timed(|| drop(run));
    let (wall, cpu) = (lifecycles.0 + verify.0 + teardown.0, lifecycles.1 + verify.1 + teardown.1);
    println!(
        "{n} dossiers, full lifecycle + verify: wall {:.3} s, thread CPU {:.3} s ({:.1} us/dossier CPU: \
         lifecycle {:.1}, verify {:.1}, teardown {:.1})",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / n as f64,
        lifecycles.1.as_secs_f64() * 1e6 / n as f64,
        verify.1.as_secs_f64() * 1e6 / n as f64,
        teardown.1.as_secs_f64() * 1e6 / n as f64,
    );
}
