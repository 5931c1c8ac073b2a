//! Chapter: payments linked to dossiers — the copy fee of an access request as a pagoPA notice,
//! paid and recorded from the PSP's receipt; the annual fee computed, asked and paid on the web;
//! a refund decided with its amount.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use rust_decimal::Decimal;
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::calendar::italian_date;
use sportello::dossier::{Outcome, PaymentPurpose};
use sportello::fees::{FeeConfig, SurchargeRule};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{InMemoryPecDirectory, InMemoryRegistry, ManualClock, DELEGATION_FIXTURES};
use sportello::payments::Receipt;
use sportello::ports::Clock;
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::sportello::{Charge, Command, Sportello};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub fn run() {
    println!("== Payments on dossiers: copy fees and the annual fee through pagoPA ==");
    if let Err(e) = tour() {
        println!("  (stopped: {e})");
    }
    println!();
}

fn spid(cf: &str, name: &str, family: &str) -> Res<Identity> {
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

fn tour() -> Res<()> {
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).single().unwrap_or_default();
    let clock = ManualClock::new(start);
    let mut counter = Sportello::with_memory_adapters(Arc::new(clock.clone()))?;
    let mi = counter.default_chamber()?;
    let today = italian_date(clock.now());
    let (registry, book) =
        (InMemoryRegistry::with_fixtures()?, DelegationBook::from_json(DELEGATION_FIXTURES)?);
    let directory = InMemoryPecDirectory::with_fixtures()?;
    let profiler = Profiler::new(&registry, &book).with_directory(&directory);
    let business =
        |company: &str| ProfileChoice { kind: ProfileKind::Business, company: company.parse().ok() };
    let mario =
        profiler.act_as(&spid("RSSMRA80A01F205X", "Mario", "Rossi")?, &business("01234560017"), today)?;
    let mut officers = OfficerRegister::default();
    officers.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse()?,
        name: "Alessandro Colombo".into(),
        chamber: mi.clone(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure].into(),
        active: true,
    });
    let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P", "Alessandro", "Colombo")?, &mi)?;
    println!(
        "  desk {}: pagoPA creditor {} (a placeholder code, valid by construction)",
        mi,
        counter.desk(&mi)?.creditor
    );

    // 1. access to records: accepted, then the copy fee is asked through pagoPA
    let form = BTreeMap::from([
        ("documents".to_string(), "verbale di accertamento n. 12/2025".to_string()),
        ("motivation".to_string(), "tutela dei propri interessi in giudizio".to_string()),
    ]);
    let d = counter.submit(&mario, "accesso-atti", form, vec![])?;
    counter.execute(&officer, d.id(), Command::TakeCharge, None, None)?;
    let accept =
        Command::Decide { outcome: Outcome::Accepted, reasons: "interesse diretto e attuale".into() };
    counter.execute(&officer, d.id(), accept, None, None)?;
    let d = counter.request_payment(&officer, d.id(), Charge::Copies { pages: 12, certified: false })?;
    let asked = d.pending_payments().next().ok_or("no notice")?.notice.clone();
    if let PaymentPurpose::Copies { quote } = &asked.purpose {
        println!(
            "  {today}: copies of {} pages (EUR 5.00 + 0.10/page, L. 241/1990 art. 25 c.1): {}",
            quote.pages,
            quote.total.format_it()
        );
    }
    println!("  pagoPA notice n. {} (IUV {}), due {}", asked.notice.grouped(), asked.iuv(), asked.due_date);
    println!("  QR payload: {}", asked.qr_payload()?);
    let certified = counter.copy_quote(&mi, "accesso-atti", 12, true)?;
    println!(
        "  (a certified copy would add {} stamps of EUR 16.00: {})",
        certified.stamps,
        certified.total.format_it()
    );
    for r in d.receipts().iter().filter(|r| r.purpose == "payment_notice") {
        println!(
            "  PEC payment_notice {:?} at {}",
            r.receipt.kind,
            r.receipt.at.format("%d/%m/%Y %H:%M UTC")
        );
    }
    clock.advance(Duration::days(1));
    let paid_at = clock.now();
    let short = Receipt { receipt_id: "IUR-2026-0001".into(), amount: "6.00".parse()?, paid_at };
    if let Err(e) = counter.receive_receipt(d.id(), &asked.notice, short) {
        println!("  a receipt for EUR 6.00 is refused: {e}");
    }
    let receipt = Receipt { receipt_id: "IUR-2026-0001".into(), amount: asked.amount, paid_at };
    let paid = counter.receive_receipt(d.id(), &asked.notice, receipt.clone())?;
    let again = counter.receive_receipt(d.id(), &asked.notice, receipt)?;
    println!(
        "  {}: paid, receipt IUR-2026-0001 recorded with IUV {} (the same receipt again: version {} -> {})",
        italian_date(clock.now()),
        paid.payments().first().map_or("-", |p| p.1.as_str()),
        paid.version(),
        again.version()
    );

    // 2. the annual fee on the web: a fee computation, its notice, the payment
    let mut fees = FeeConfig::default();
    fees.surcharges.rules.insert(
        0,
        SurchargeRule {
            chambers: ["MIMBLO", "MI", "MB", "LO"].iter().filter_map(|c| c.parse().ok()).collect(),
            from_year: 2026,
            to_year: 2026,
            rate: Decimal::new(20, 2),
            source: "delibera camerale, in attesa del decreto MIMIT (annual-fee.md §4.2)".into(),
        },
    );
    counter.set_fee_config(&mi, fees)?;
    let craftsman = ProfileChoice { kind: ProfileKind::Craftsman, company: "04567890134".parse().ok() };
    let anna = profiler.act_as(
        &spid("FRRNNA82T55F704Z", "Anna", "Ferrari")?,
        &craftsman,
        italian_date(clock.now()),
    )?;
    let form = BTreeMap::from([
        ("request".to_string(), "calcolo".to_string()),
        ("category".to_string(), "calcolo".to_string()),
        ("year".to_string(), "2026".to_string()),
        ("turnover".to_string(), "265815".to_string()),
    ]);
    let f = counter.submit(&anna, "diritto-annuale", form, vec![])?;
    let f = counter.compute_fee(&anna, f.id())?;
    let c = f.fee_computations().last().ok_or("no computation")?;
    let doc: serde_json::Value = serde_json::from_slice(&c.document.content.0)?;
    let figures = &doc["fee"]["by_chamber"][c.chamber.as_str()];
    println!(
        "  Ferrari & Colombo S.n.c. ({}), fee {}: sede {} -> -50 % {} -> +20 % {} -> due {} to {}",
        c.subject,
        c.year,
        figures["sede_base"].as_str().unwrap_or("-"),
        figures["reduced"].as_str().unwrap_or("-"),
        figures["increased"].as_str().unwrap_or("-"),
        c.amount_due.map_or("-".to_string(), |a| a.format_it()),
        c.chamber
    );
    println!(
        "  computation attached: {} (SHA-256 {}...)",
        c.document.name,
        c.document.digest.to_hex().get(..16).unwrap_or("")
    );
    let f = counter.request_payment(&anna, f.id(), Charge::AnnualFee)?;
    let fee_notice = f.pending_payments().next().ok_or("no notice")?.notice.clone();
    println!(
        "  notice n. {} for {}, due {} (art. 17 c.1 DPR 435/2001)",
        fee_notice.notice.grouped(),
        fee_notice.amount.format_it(),
        fee_notice.due_date
    );
    clock.advance(Duration::days(3));
    let receipt =
        Receipt { receipt_id: "IUR-2026-0002".into(), amount: fee_notice.amount, paid_at: clock.now() };
    let f = counter.receive_receipt(f.id(), &fee_notice.notice, receipt)?;
    println!(
        "  {}: annual fee paid ({} payment on the dossier)",
        italian_date(clock.now()),
        f.payments().len()
    );
    if let Err(e) = counter.execute(&anna, f.id(), Command::Withdraw, Some("errore".into()), None) {
        println!("  withdrawal of the paid request: {e}");
    }

    // 3. a refund request: the officer determines the amount, the decision states it
    let form = BTreeMap::from([
        ("request".to_string(), "rimborso".to_string()),
        ("category".to_string(), "rimborso".to_string()),
        ("year".to_string(), "2025".to_string()),
        ("amount_paid".to_string(), "270.00".to_string()),
        ("reason".to_string(), "diritto annuale 2025 versato due volte".to_string()),
    ]);
    let r = counter.submit(&anna, "diritto-annuale", form, vec![])?;
    counter.execute(&officer, r.id(), Command::TakeCharge, None, None)?;
    counter.determine_amount(&officer, r.id(), "135.00".parse()?, Some("secondo versamento F24".into()))?;
    let accept = Command::Decide { outcome: Outcome::Accepted, reasons: "versamento duplicato".into() };
    let r = counter.execute(&officer, r.id(), accept, None, None)?;
    if let Some(doc) = r.outcome().and_then(|o| o.document.as_ref()) {
        let text = String::from_utf8_lossy(&doc.content.0);
        let line = text.lines().find(|l| l.starts_with("Importo")).unwrap_or("-");
        println!(
            "  refund {} accepted: \"{line}\" (SHA-256 {}...)",
            r.id(),
            doc.digest.to_hex().get(..16).unwrap_or("")
        );
    }
    Ok(())
}
