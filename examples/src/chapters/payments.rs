//! Chapter: pagoPA notices, their QR payload, a payment with its receipt, a prepaid account.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sportello::memory::{InMemoryPaymentGateway, ManualClock};
use sportello::money::Euro;
use sportello::payments::{
    CreditorCode, CreditorReference, PositionRequest, PrepaidAccount, QrPayload, Receipt, SegregationCode,
};
use sportello::ports::{Clock, PaymentGateway};

pub fn run() {
    println!("== Payments: pagoPA notices and the prepaid account ==");
    if let Err(e) = tour() {
        println!("  (the payments chapter stopped: {e})");
    }
    println!();
}

fn tour() -> Result<(), Box<dyn std::error::Error>> {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 6, 3, 8, 30, 0).single().ok_or("bad instant")?);
    let chamber: CreditorCode = "80014930327".parse()?;
    let gateway = InMemoryPaymentGateway::new(Arc::new(clock.clone()))
        .with_creditor(&chamber, SegregationCode::new(12)?);

    let amount: Euro = "172.00".parse()?;
    let position = gateway.open_position(PositionRequest {
        creditor: chamber.clone(),
        amount,
        description: "Diritto annuale 2026 - sede".into(),
        debtor: Some("00743110157".into()),
        due_date: NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("bad date")?,
        payable_after_due_date: false,
    })?;
    let n = &position.notice;
    println!("  notice for {} due {}: {}", amount.format_it(), position.due_date, n.grouped());
    println!(
        "    aux {} | segregation code {} | IUV {} | check digits {:02} (first 16 digits mod 93)",
        n.aux_digit(),
        n.segregation_code().map(|s| s.to_string()).unwrap_or_default(),
        n.iuv(),
        n.check_digits().unwrap_or_default()
    );
    let qr = position.qr_payload()?;
    println!("  QR payload: {qr}");
    let padded = format!("PAGOPA|002|{}|{}|{:010}", qr.notice, qr.creditor, qr.amount_cents());
    println!("  a GovPay-style padded payload reads the same: {}", QrPayload::parse(&padded)? == qr);
    let rf = CreditorReference::create("DA2026000172")?;
    println!("  RF creditor reference for a spontaneous payment: {}", rf.print_form());

    clock.advance(Duration::days(2));
    let receipt = Receipt { receipt_id: "RT-2026-000451".into(), amount, paid_at: clock.now() };
    let first = gateway.record_receipt(&chamber, n, receipt.clone())?;
    let again = gateway.record_receipt(&chamber, n, receipt.clone())?;
    println!(
        "  receipt {} -> {} (repeated: {}); sent again -> {} (repeated: {})",
        receipt.receipt_id,
        first.position.state().as_str(),
        first.repeated,
        again.position.state().as_str(),
        again.repeated
    );

    let at = clock.now();
    let mut account = PrepaidAccount::open("CLI-0042".parse()?);
    account.top_up("tu-1".parse()?, "50.00".parse()?, "pagoPA RT-2026-000452", at)?;
    account.charge(
        "ch-1".parse()?,
        "18.00".parse()?,
        "Certificato di iscrizione (diritti di segreteria)",
        at,
    )?;
    account.charge("ch-2".parse()?, "16.00".parse()?, "Imposta di bollo", at)?;
    let refused = account.charge("ch-3".parse()?, "30.00".parse()?, "Visura storica", at);
    println!("  prepaid account {}:", account.id());
    for e in account.history() {
        println!(
            "    #{} {:<7} {:>9}  balance {:>9}",
            e.sequence,
            e.operation.kind().as_str(),
            e.change.format_it(),
            e.balance_after.format_it()
        );
    }
    if let Err(e) = refused {
        println!("    charge of € 30,00 refused: {e}");
    }
    Ok(())
}
