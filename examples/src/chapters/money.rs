//! Chapter: money and its named rounding steps.

use rust_decimal::Decimal;
use sportello::money::{Euro, RoundingMode};

pub fn run() {
    println!("== Money: exact decimals, rounding only where a rule says so ==");
    let base = Euro::from_units(200);
    // Products are checked: they fail only beyond the domain range of ±10^15 EUR.
    let step =
        |e: Euro, factor: Decimal| e.checked_times(factor).map(|v| v.round_step(RoundingMode::HalfEven));
    match step(base, Decimal::new(5, 1))
        .and_then(|reduced| Ok((reduced, step(reduced, Decimal::new(12, 1))?)))
    {
        Ok((reduced, increased)) => {
            println!("  base EUR 200, reduced by 50 % -> {reduced} (5 decimals)");
            println!("  +20 % chamber surcharge       -> {increased}");
            println!("  due (whole euros, half up)    -> {}", increased.round_euro().format_it());
        }
        Err(e) => println!("  refused: {e}"),
    }
    let too_big = "1000000000000000.01".parse::<Euro>();
    println!(
        "  EUR 10^15 + 0.01 is refused   -> {}",
        too_big.map_or_else(|e| e.to_string(), |e| e.to_string())
    );
    println!();
}
