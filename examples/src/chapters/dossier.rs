//! Chapter: a request for access to records, from SPID login to the preserved dossier.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::calendar::italian_date;
use sportello::dossier::{Attachment, Outcome};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{InMemoryPecDirectory, InMemoryRegistry, ManualClock, DELEGATION_FIXTURES};
use sportello::ports::Clock;
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::protocol::segnatura;
use sportello::sportello::{Command, Sportello};

pub fn run() {
    println!("== Dossier: access to records, from SPID login to preservation ==");
    if let Err(e) = tour() {
        println!("  (stopped: {e})");
    }
    println!();
}

fn spid(cf: &str, name: &str, family: &str) -> Result<Identity, Box<dyn std::error::Error>> {
    let attrs: BTreeMap<String, String> = [
        ("fiscalNumber", format!("TINIT-{cf}")),
        ("name", name.to_string()),
        ("familyName", family.to_string()),
        ("authnContextClassRef", "https://www.spid.gov.it/SpidL2".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Ok(Identity::from_spid(&attrs, &AssuranceTable::default())?)
}

fn tour() -> Result<(), Box<dyn std::error::Error>> {
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).single().unwrap_or_default();
    let clock = ManualClock::new(start);
    let counter = Sportello::with_memory_adapters(Arc::new(clock.clone()))?;
    let mi = counter.default_chamber()?;
    let today = italian_date(clock.now());
    // 1. SPID login, then the profile: Mario Rossi acts as legal representative of Rossi
    //    Meccanica S.r.l., as the Registro Imprese shows on the day
    let mario = spid("RSSMRA80A01F205X", "Mario", "Rossi")?;
    let (registry, book) =
        (InMemoryRegistry::with_fixtures()?, DelegationBook::from_json(DELEGATION_FIXTURES)?);
    let directory = InMemoryPecDirectory::with_fixtures()?;
    let profiler = Profiler::new(&registry, &book).with_directory(&directory);
    let choice = ProfileChoice { kind: ProfileKind::Business, company: Some("01234560017".parse()?) };
    let actor = profiler.act_as(&mario, &choice, today)?;
    println!(
        "  {} logs in with SPID (level {}) on {today} and acts for {}",
        mario.display_name(),
        mario.level(),
        actor.profile().and_then(|p| p.company.as_ref()).map_or("-", |c| c.name.as_str())
    );
    // the back office: an officer account of the chamber, opened with the officer's own SPID
    let mut officers = OfficerRegister::default();
    officers.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse()?,
        name: "Alessandro Colombo".into(),
        chamber: mi.clone(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::ProtocolOfficer].into(),
        active: true,
    });
    let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P", "Alessandro", "Colombo")?, &mi)?;
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "tutela dei propri interessi in giudizio".to_string()),
    ]);
    let id_card = Attachment::new("carta-identita.pdf", "application/pdf", b"%PDF-1.4 carta".to_vec());
    let d = counter.submit(&actor, "accesso-atti", form, vec![id_card])?;
    println!(
        "  digital domicile from the PEC directory: {}",
        d.applicant().digital_domicile.as_ref().map_or("-".to_string(), ToString::to_string)
    );
    let private =
        profiler.act_as(&mario, &ProfileChoice { kind: ProfileKind::Private, company: None }, today)?;
    if let Err(e) = counter.dossier(&private, d.id()) {
        println!("  the same person in his private profile: {e}");
    }
    let term = counter.status(&actor, d.id())?;
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
    // the next working day the host's daily job sends Monday's protocol register to preservation
    // (DPR 445/2000 art. 53 c.2; AgID guidelines: by the next working day)
    clock.advance(Duration::days(1));
    for p in counter.pending_daily_registers(&mi)? {
        println!("  daily register of {} due by {} (overdue: {})", p.date, p.due_date, p.overdue);
    }
    for sent in counter.preserve_pending_registers(&mi)? {
        println!(
            "  daily register {} ({} registrations) SHA-256 {}... -> receipt {} at {}",
            sent.date,
            sent.registrations,
            sent.register_digest.to_hex().get(..16).unwrap_or(""),
            sent.receipt.id,
            sent.receipt.at.format("%d/%m/%Y %H:%M UTC")
        );
    }
    clock.advance(Duration::days(1));
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
    let term = counter.status(&actor, d.id())?;
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
    // the daily run of the terms: a second request that nobody answers; for access to records
    // silence is rejection the day after the due date (L. 241/1990 art. 25 c.4)
    let form = BTreeMap::from([
        ("documents".to_string(), "delibera di giunta n. 7/2026".to_string()),
        ("motivation".to_string(), "ricorso al TAR".to_string()),
    ]);
    let unanswered = counter.submit(&actor, "accesso-atti", form, vec![])?;
    for e in counter.due_soon(&officer, &mi, 30)? {
        println!(
            "  {}: due soon {} ({}), due {}, {} days left",
            italian_date(clock.now()),
            e.dossier_id,
            e.state.as_str(),
            e.term.due_date,
            e.term.days_left
        );
    }
    let due = counter.term_of(&unanswered)?.due_date;
    let day_after = due.succ_opt().and_then(|d| d.and_hms_opt(7, 0, 0)).ok_or("date out of range")?;
    clock.set(Utc.from_utc_datetime(&day_after));
    let run = counter.run_terms()?;
    for a in &run.actions {
        println!(
            "  {}: daily run: {:?} on {} (due {})",
            italian_date(clock.now()),
            a.action,
            a.dossier_id,
            a.date
        );
    }
    let again = counter.run_terms()?;
    println!(
        "  a second run the same day does {} actions; overdue list: {} dossiers",
        again.actions.len(),
        counter.overdue(&officer, &mi)?.len()
    );
    Ok(())
}
