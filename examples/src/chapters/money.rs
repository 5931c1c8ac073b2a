//! Chapter: money and its named rounding steps.

use rust_decimal::Decimal;
use sportello::money::{Euro, RoundingMode};

pub fn run() {
    println!("== Money: exact decimals, rounding only where a rule says so ==");
    let base = Euro::from_units(200);
    let reduced = base.times(Decimal::new(5, 1)).round_step(RoundingMode::HalfEven);
    let increased = reduced.times(Decimal::new(12, 1)).round_step(RoundingMode::HalfEven);
    println!("  base EUR 200, reduced by 50 % -> {reduced} (5 decimals)");
    println!("  +20 % chamber surcharge       -> {increased}");
    println!("  due (whole euros, half up)    -> {}", increased.round_euro().format_it());
    println!();
}
