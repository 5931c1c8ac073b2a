//! Chapter: sharing the counter's 2014 running costs among the Lombardy chambers.

use sportello::allocation::{allocate, lombardy_2014, AllocationPlan, Bound, Sponsor};
use sportello::chamber::ChamberCode;

pub fn run() {
    println!("== Allocation: the 2014 running costs of the Lombardy counter ==");
    let plan = match lombardy_2014() {
        Ok(p) => p,
        Err(e) => {
            println!("  the shipped plan does not load: {e}");
            return;
        }
    };
    for pool in plan.pools() {
        let bands: Vec<String> = pool
            .bands
            .iter()
            .map(|b| {
                format!(
                    "{}-{} services: {} to {}",
                    b.services_from,
                    b.services_to,
                    b.min.format_it(),
                    b.max.format_it()
                )
            })
            .collect();
        let bands = if bands.is_empty() { "no bands".to_string() } else { bands.join("; ") };
        println!("  pool {:<12} {:>14} by {:<10} ({bands})", pool.name, pool.amount.format_it(), pool.driver);
    }
    for p in plan.participants() {
        println!(
            "  {}  {:>7} registered businesses, {} services",
            p.chamber,
            p.businesses.unwrap_or_default(),
            p.services.unwrap_or_default()
        );
    }
    for e in plan.excluded() {
        println!("  {}  left out: {}", e.chamber, e.reason);
    }

    println!("\n  1. As the reference gives it (every chamber on the minimum package of 3 services):");
    match allocate(&plan) {
        Ok(_) => println!("     allocated"),
        Err(e) => println!("     refused: {e}"),
    }

    println!("\n  2. With the regional union as sponsor (illustrative: the reference names no sponsor):");
    let sponsored =
        plan.clone().with_sponsor(Some(Sponsor { name: "Unioncamere Lombardia".into(), cap: None }));
    match sponsored.and_then(|p| allocate(&p)) {
        Ok(a) => {
            for t in a.totals() {
                print!("     {} {}", t.chamber, t.amount.format_it());
            }
            println!();
            if let Some(s) = a.sponsor() {
                println!("     the sponsor covers {}", s.amount.format_it());
            }
        }
        Err(e) => println!("     refused: {e}"),
    }

    println!("\n  3. If every chamber had activated 10 services (hypothetical: per-chamber counts are not sourced):");
    let participants = plan.participants().iter().cloned().map(|p| p.with_services(10)).collect();
    let ten = AllocationPlan::new(plan.year(), participants, plan.pools().to_vec(), None);
    match ten.and_then(|p| allocate(&p)) {
        Ok(a) => {
            if let Ok(m) = a.pool("maintenance") {
                for l in &m.lines {
                    let clamp = match l.clamped {
                        Some(Bound::Max) => "clamped to the maximum",
                        Some(Bound::Min) => "raised to the minimum",
                        None => "",
                    };
                    println!(
                        "     {}  exact {:>16}  pays {:>13}  {clamp}",
                        l.chamber,
                        l.unrounded.to_string(),
                        l.amount.format_it()
                    );
                }
            }
            let mi: Result<ChamberCode, _> = "MI".parse();
            if let Some(statement) = mi.ok().and_then(|mi| a.statement(&mi).ok()) {
                println!("\n  The statement of Milan for its board:\n");
                for line in statement.to_markdown().lines() {
                    println!("     {line}");
                }
            }
        }
        Err(e) => println!("     refused: {e}"),
    }
    println!();
}
