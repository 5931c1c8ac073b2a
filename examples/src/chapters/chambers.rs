//! Chapter: the Lombardy chambers over time, before and after the mergers.

use chrono::NaiveDate;
use sportello::calendar::PatronSaints;
use sportello::chamber::{Chamber, Chambers, ProvinceCode};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn describe(c: &Chamber) -> String {
    let mut seats = c.seat.city.clone();
    for s in &c.secondary_seats {
        seats.push_str(&format!(" + {}", s.city));
    }
    format!("{} [{}] (seat {seats})", c.name, c.code)
}

fn chapter() -> Result<(), Box<dyn std::error::Error>> {
    let chambers = Chambers::embedded()?;
    let count = |d: NaiveDate| chambers.active_on(d).len();
    println!(
        "  Lombardy: {} chambers on 1/1/2013, {} on 1/1/2020, {} from 18/11/2024",
        count(date(2013, 1, 1)),
        count(date(2020, 1, 1)),
        count(date(2024, 11, 18))
    );
    for (province, before, after) in [
        ("LO", date(2017, 9, 17), date(2017, 9, 18)),
        ("LC", date(2019, 3, 27), date(2019, 3, 28)),
        ("PV", date(2024, 11, 17), date(2024, 11, 18)),
    ] {
        let p: ProvinceCode = province.parse()?;
        println!("  province {p}:");
        for on in [before, after] {
            let c = chambers.for_province(&p, on)?;
            println!("    {}  {}", on.format("%d/%m/%Y"), describe(c));
        }
    }
    let patrons = PatronSaints::embedded()?;
    let cmp = chambers.by_code(&"CRMNPV".parse()?)?;
    println!("  {} offices close on their own patron day:", cmp.name);
    for seat in cmp.seats() {
        let cal = cmp.calendar_for_seat(seat, &patrons)?;
        if let Some(p) = cal.patron() {
            println!("    {:<8} {} ({}/{})", seat.city, p.saint, p.day, p.month);
        }
    }
    match chambers.for_province(&"MI".parse()?, date(2012, 6, 1)) {
        Ok(c) => println!("  MI in 2012: {}", c.name),
        Err(e) => println!("  MI in 2012: refused, {e}"),
    }
    Ok(())
}

pub fn run() {
    println!("== Chambers: which chamber serves a province on a date ==");
    if let Err(e) = chapter() {
        println!("  chamber error: {e}");
    }
    println!();
}
