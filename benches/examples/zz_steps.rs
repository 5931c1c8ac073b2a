#![allow(missing_docs, clippy::unwrap_used)]
use std::collections::BTreeMap;
use std::time::Duration;
use sportello_benches::cpu::thread_cpu_time as now;
use sportello::dossier::Outcome;
use sportello::sportello::Command;
fn main() {
    let n = 20000;
    let run = sportello_benches::dossier::Lifecycle::new();
    let (c, user, officer, clock) = run.parts();
    let form = BTreeMap::from([("documents".to_string(), "verbale 12/2025".to_string()), ("motivation".to_string(), "difesa".to_string())]);
    let mut t = [Duration::ZERO; 7];
    let mut ids = vec![];
    for _ in 0..n {
        clock.advance(chrono::Duration::milliseconds(100));
        let s = now(); let d = c.submit(user, "accesso-atti", form.clone(), vec![]).unwrap(); t[0] += now() - s;
        let s = now(); c.execute(officer, d.id(), Command::TakeCharge, None, None).unwrap(); t[1] += now() - s;
        let s = now(); c.execute(officer, d.id(), Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() }, None, None).unwrap(); t[2] += now() - s;
        let s = now(); c.execute(officer, d.id(), Command::Close, None, None).unwrap(); t[3] += now() - s;
        let s = now(); c.preserve(officer, d.id()).unwrap(); t[4] += now() - s;
        ids.push(d.id().to_string());
    }
    let s = now(); for id in &ids { c.verify_dossier(id).unwrap(); } t[5] += now() - s;
    let s = now(); drop(run); t[6] += now() - s;
    for (name, d) in ["submit","take","decide","close","preserve","verify","teardown"].iter().zip(t) {
        println!("{name:10} {:6.2} us", d.as_secs_f64()*1e6/n as f64);
    }
}
