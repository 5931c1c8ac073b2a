//! Chapter: the service catalogue and finding services by need ("Ho bisogno di…").

use chrono::NaiveDate;
use sportello::catalog::{AtecoVersion, Catalog, SearchQuery, SizeClass};
use sportello::chamber::ChamberCode;
use sportello::memory::InMemoryRegistry;
use sportello::ports::BusinessRegistry;
use sportello::profile::ProfileKind;

pub fn run() {
    println!("== Catalogue: finding services by need ==");
    let catalog = match Catalog::lombardy() {
        Ok(c) => c,
        Err(e) => return println!("  the embedded catalogue does not load: {e}"),
    };
    println!(
        "  {} services (CPSV-AP shaped), {} need categories, {} chambers, {} calls for grants",
        catalog.services().len(),
        catalog.categories().len(),
        catalog.chambers().len(),
        catalog.grants().len()
    );

    let mi: Option<ChamberCode> = "MIMBLO".parse().ok();
    let needs = [
        (ProfileKind::Business, mi.clone(), "devo pagare la tassa annuale della camera"),
        (ProfileKind::Private, None, "voglio vedere i documenti della mia pratica"),
        (ProfileKind::Craftsman, None, "cerco contributi per digitalizzare l'azienda"),
    ];
    for (profile, chamber, text) in needs {
        let mut query = SearchQuery::new(text).profile(profile).limit(3);
        let at = match chamber {
            Some(c) => {
                let at = format!(" at {c}");
                query = query.chamber(c);
                at
            }
            None => String::new(),
        };
        println!("\n  [{}{at}] \"{text}\"", profile.as_str());
        match catalog.search(&query) {
            Ok(hits) => {
                for (i, hit) in hits.iter().enumerate() {
                    let name =
                        catalog.service(hit.service_id.as_str()).map(|s| s.name.as_str()).unwrap_or("?");
                    println!("    {}. {} — {} (score {:.2})", i + 1, hit.service_id, name, hit.score);
                    for reason in hit.reasons.iter().take(3) {
                        println!("         because {reason}");
                    }
                }
            }
            Err(e) => println!("    refused: {e}"),
        }
    }

    if let Some(code) = &mi {
        if let Ok(services) = catalog.for_chamber(code) {
            let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
            println!(
                "\n  {code} activated {} services (illustrative package): {}",
                names.len(),
                names.join("; ")
            );
        }
    }

    println!("\n  Looking for funding? Find it with one click:");
    let on = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap_or_default();
    let company = InMemoryRegistry::with_fixtures()
        .ok()
        .and_then(|r| "MI-2012345".parse().ok().and_then(|rea| r.company_by_rea(&rea).ok().flatten()));
    let Some(company) = company else {
        return println!("  (fixture company not found)");
    };
    println!(
        "  {} ({}, seat {}, ATECO {}), declared small, on {}:",
        company.name,
        company.legal_form.code(),
        company.province(),
        company.primary_ateco().map(|a| a.as_str()).unwrap_or("-"),
        on.format("%d/%m/%Y")
    );
    let report =
        catalog.eligible_grants_for_company(&company, Some(SizeClass::Small), on, AtecoVersion::Ateco2025);
    for id in &report.eligible {
        if let Some(g) = catalog.grants().iter().find(|g| &g.id == id) {
            println!(
                "    eligible: {} ({}, up to {}, closes {})",
                g.title,
                g.chamber,
                g.max_grant.format_it(),
                g.closes.format("%d/%m/%Y")
            );
        }
    }
    for g in &report.ineligible {
        let why: Vec<String> = g.failures.iter().map(|f| f.to_string()).collect();
        println!("    not eligible: {} — {}", g.grant_id, why.join("; "));
    }
    println!();
}
