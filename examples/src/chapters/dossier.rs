//! Chapter: a request for access to records, from SPID login to the preserved dossier.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use sportello::calendar::italian_date;
use sportello::dossier::{Attachment, DossierError, Outcome};
use sportello::identity::LevelOfAssurance;
use sportello::memory::ManualClock;
use sportello::ports::Clock;
use sportello::protocol::segnatura;
use sportello::sportello::{Actor, Command, OfficerRole, Sportello};

pub fn run() {
    println!("== Dossier: access to records, from SPID login to preservation ==");
    if let Err(e) = tour() {
        println!("  (stopped: {e})");
    }
    println!();
}

fn tour() -> Result<(), DossierError> {
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).single().unwrap_or_default();
    let clock = ManualClock::new(start);
    let counter = Sportello::with_memory_adapters(Arc::new(clock.clone()))?;
    let maria = Actor::User {
        tax_code: "RSSMRA80A41F205X".into(),
        given_name: "Maria".into(),
        family_name: "Rossi".into(),
        identified_with: "spid".into(),
        level_of_assurance: LevelOfAssurance::Substantial,
        acting_for: None,
    };
    let mi = counter.default_chamber()?;
    let officer = Actor::officer("mbianchi", mi.clone(), OfficerRole::Handler);
    println!("  Maria Rossi logs in with SPID (level 2, substantial) on {}", italian_date(clock.now()));
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "tutela dei propri interessi in giudizio".to_string()),
        ("domicilio_digitale".to_string(), "maria.rossi@pec.example.it".to_string()),
    ]);
    let id_card = Attachment::new("carta-identita.pdf", "application/pdf", b"%PDF-1.4 carta".to_vec());
    let d = counter.submit(&maria, "accesso-atti", form, vec![id_card])?;
    let term = counter.status(&maria, d.id())?;
    println!("  submitted {} -> {}; protocol n. {}", d.id(), d.state().as_str(), d.protocol_numbers()[0]);
    println!(
        "  term: 30 days from {} (DPR 184/2006 art. 6 c.4) -> due {} ({} days left)",
        term.start, term.due_date, term.days_left
    );
    for r in d.receipts() {
        println!(
            "  PEC {:<8} {:?} at {}",
            r.purpose,
            r.receipt.kind,
            r.receipt.at.format("%d/%m/%Y %H:%M UTC")
        );
    }
    let xml = counter.segnatura(&mi, d.protocol_numbers()[0])?;
    if let Ok(s) = segnatura::read(&xml) {
        println!(
            "  segnatura: {}/{}/{} n. {} del {} ({} bytes of XML)",
            s.administration,
            s.aoo,
            s.register,
            s.number,
            s.date,
            xml.len()
        );
    }
    clock.advance(Duration::days(2));
    counter.execute(&officer, d.id(), Command::TakeCharge, Some("assegnata all'ufficio URP".into()), None)?;
    clock.advance(Duration::days(1));
    counter.execute(
        &officer,
        d.id(),
        Command::Suspend { cause: sportello::dossier::SuspensionCause::Counterparties, days: 10 },
        Some("notifica al controinteressato (DPR 184/2006 art. 3)".into()),
        None,
    )?;
    println!("  {}: counter-interested party notified, term suspended", italian_date(clock.now()));
    clock.advance(Duration::days(6));
    counter.execute(&officer, d.id(), Command::Resume, Some("nessuna opposizione motivata".into()), None)?;
    let term = counter.status(&maria, d.id())?;
    println!(
        "  {}: term resumes; {} days suspended -> due {}",
        italian_date(clock.now()),
        term.suspended_days,
        term.due_date
    );
    clock.advance(Duration::days(4));
    let decided = counter.execute(
        &officer,
        d.id(),
        Command::Decide {
            outcome: Outcome::Accepted,
            reasons: "interesse diretto, concreto e attuale".into(),
        },
        None,
        None,
    )?;
    if let Some(o) = decided.outcome() {
        let digest = o.document.as_ref().map(|a| a.digest.to_hex()).unwrap_or_default();
        println!("  {}: accepted; outcome document SHA-256 {}...", o.on, digest.get(..16).unwrap_or(""));
    }
    println!(
        "  protocol numbers: {:?}",
        decided.protocol_numbers().iter().map(ToString::to_string).collect::<Vec<_>>()
    );
    for r in decided.receipts().iter().filter(|r| r.purpose == "outcome") {
        println!("  PEC outcome  {:?} at {}", r.receipt.kind, r.receipt.at.format("%d/%m/%Y %H:%M UTC"));
    }
    let fee = counter.copy_fee(&mi, "accesso-atti", 12)?;
    println!("  copy fee for 12 pages (EUR 5.00 + 0.10/page, configurable): {}", fee.format_it());
    counter.record_payment(d.id(), fee, "IUV 000000000000012")?;
    counter.execute(&officer, d.id(), Command::Close, None, None)?;
    let preserved = counter.preserve(&officer, d.id())?;
    if let Some(r) = preserved.preservation() {
        println!(
            "  preserved: receipt {} at {} (package digest {}...)",
            r.id,
            r.at,
            r.package_digest.to_hex().get(..16).unwrap_or("")
        );
    }
    let head = counter.verify_dossier(d.id())?;
    println!(
        "  {} events, chain verified, head digest {}...; final state {}",
        preserved.version(),
        head.to_hex().get(..16).unwrap_or(""),
        preserved.state().as_str()
    );
    Ok(())
}
