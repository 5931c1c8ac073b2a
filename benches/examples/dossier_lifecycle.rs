//! One timed run of the dossier lifecycle bench outside criterion: `cargo run --release -p
//! sportello-benches --example dossier_lifecycle -- 100000` prints the wall-clock and the CPU time
//! of the calling thread (the run is single-threaded), useful on a machine shared with builds.
#![allow(missing_docs, clippy::unwrap_used)]

use std::time::Instant;

use sportello_benches::cpu::thread_cpu_time as cpu_now;

fn main() {
    let n: usize = std::env::args().nth(1).map_or(100_000, |s| s.parse().unwrap());
    let (wall, cpu) = (Instant::now(), cpu_now());
    sportello_benches::dossier::lifecycle(n);
    let (wall, cpu) = (wall.elapsed(), cpu_now().saturating_sub(cpu));
    println!(
        "{n} dossiers, full lifecycle + verify: wall {:.3} s, thread CPU {:.3} s ({:.1} us/dossier CPU)",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / n as f64
    );
}
