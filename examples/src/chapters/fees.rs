//! Chapter: the annual fee of a company with local units in two chambers, step by step; paying in
//! the +0.40 % window and by ravvedimento; the F24 rows; a certified copy.

use chrono::NaiveDate;
use sportello::chamber::ChamberCode;
use sportello::fees::{
    f24_rows, settle, AnnualFeeRequest, BatchCalculator, DeadlineRules, EnteCodes, FeeCalculator, FeeError,
    FeeTables, LatePolicy, LegalRates, SubjectKind, TariffTable,
};
use sportello::money::Euro;

fn code(s: &str) -> Result<ChamberCode, FeeError> {
    s.parse().map_err(|_| FeeError::InvalidChamber { field: "chamber", text: s.to_string() })
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn chapter() -> Result<(), FeeError> {
    println!("== Fees: the annual chamber fee (diritto annuale) to the cent ==");
    let (bg, mi) = (code("BG")?, code("MIMBLO")?);
    let turnover = Euro::from_units(2_610_596);
    let req = AnnualFeeRequest::new(2024, SubjectKind::TurnoverBased)
        .turnover(turnover)
        .sede(bg.clone())
        .units(bg, 1)
        .units(mi, 2);
    let fee = FeeCalculator::default().annual_fee(&req)?;
    println!(
        "  an s.r.l. seated in Bergamo, 1 unit in Bergamo and 2 in Milano Monza Brianza Lodi, 2023 turnover {}",
        turnover.format_it()
    );
    for (chamber, cf) in &fee.by_chamber {
        println!(
            "  {chamber:<6} sede {} + {} x unit {} = {} | -{} % -> {} | +{} % -> {} | {} -> due {}",
            cf.sede_base,
            cf.local_units,
            cf.unit_base,
            cf.total_base,
            (cf.reduction.value() * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
            cf.reduced,
            (cf.surcharge.value() * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
            cf.increased,
            cf.due_cents,
            cf.due.format_it()
        );
    }
    println!("  total due {} (each chamber rounded on its own)", fee.total_due.format_it());

    let deadline = DeadlineRules::default().annual(2024, false)?;
    let window = deadline.window_until().unwrap_or(deadline.due_by());
    println!(
        "  deadline: 30 June 2024 is a Sunday -> {}; with +0.40 % until {}",
        deadline.due_by().format("%d/%m/%Y"),
        window.format("%d/%m/%Y")
    );
    let (policy, rates) = (LatePolicy::default(), LegalRates::shipped());
    for paid_on in [date(2024, 7, 22), date(2024, 10, 15)] {
        let late = settle(&fee, &deadline, paid_on, &policy, &rates)?;
        println!("  paid on {}:", paid_on.format("%d/%m/%Y"));
        for row in f24_rows(&fee, &late, &EnteCodes::default())? {
            println!("    F24 {}", row.line());
        }
    }

    let batch = BatchCalculator::new(2024, rust_decimal::Decimal::new(20, 2), FeeTables::dm_2011())?;
    let fees: Vec<String> = [100_000i64, 265_815, 2_610_596, 50_000_000, 5_000_000_000]
        .iter()
        .map(|t| batch.fee_of(SubjectKind::TurnoverBased, Some((*t).into()), 0).map(|f| f.to_string()))
        .collect::<Result<_, _>>()?;
    println!("  batch, +20 %, seat only, turnover 100k / 265k / 2.6M / 50M / 5G: EUR {}", fees.join(" / "));

    let copy = TariffTable::shipped().copy_quote(&code("VR")?, 6, true)?;
    println!(
        "  certified copy of 6 pages at Verona: secretarial {} + {} stamps x EUR 16 = {}",
        copy.secretarial.format_it(),
        copy.stamps,
        copy.total.format_it()
    );
    Ok(())
}

pub fn run() {
    if let Err(e) = chapter() {
        println!("  fees chapter failed: {e}");
    }
    println!();
}
