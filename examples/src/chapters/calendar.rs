//! Chapter: the Italian legal calendar: deadlines across holidays, the office view.

use chrono::{Datelike, NaiveDate};
use sportello::calendar::{days_between, Calendar, CalendarError, TermPolicy, View};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn weekday_it(d: NaiveDate) -> &'static str {
    ["lun", "mar", "mer", "gio", "ven", "sab", "dom"][d.weekday().num_days_from_monday() as usize]
}

fn show(d: NaiveDate) -> String {
    format!("{} {}", weekday_it(d), d.format("%d/%m/%Y"))
}

fn term(cal: &Calendar, label: &str, start: NaiveDate, days: u32) -> Result<(), CalendarError> {
    let nominal = sportello::calendar::add_days(start, i64::from(days))?;
    let due = cal.deadline(start, days)?;
    let why = match cal.day_off(nominal, View::Legal)? {
        Some(h) => format!("day {days} is {} ({}), moved", show(nominal), h.name),
        None => format!("day {days} is {}, a working day", show(nominal)),
    };
    println!("  {label}: received {} + {days} days -> {why} -> due {}", show(start), show(due));
    Ok(())
}

fn chapter() -> Result<(), CalendarError> {
    let national = Calendar::national();
    println!("  Easter 2026: {}", show(sportello::calendar::easter_sunday(2026)?));
    let crossed: Vec<String> = national
        .holidays(2026)?
        .into_iter()
        .filter(|h| h.date > date(2026, 4, 1) && h.date <= date(2026, 5, 1))
        .map(|h| format!("{} {}", h.date.format("%d/%m"), h.name))
        .collect();
    println!("  holidays inside 2/4-1/5/2026 (they count: art. 155 c.3 c.p.c.): {}", crossed.join(", "));
    term(&national, "30-day term across Easter, 25 April, 1 May", date(2026, 4, 1), 30)?;
    term(&national, "30-day term landing on 4 October 2026 (L. 151/2025)", date(2026, 9, 4), 30)?;
    term(&national, "the same term a year earlier (not yet a holiday)", date(2025, 9, 4), 30)?;
    term(&national, "30-day term on Easter Monday 2013", date(2013, 3, 2), 30)?;
    let strict = national.deadline(date(2013, 3, 7), 30)?;
    let lenient = national.clone().with_policy(TermPolicy::SATURDAY_MOVES).deadline(date(2013, 3, 7), 30)?;
    println!(
        "  Saturday policy (open point): 7/3/2013 + 30 -> {} strict, {} if Saturday moves deadlines",
        show(strict),
        show(lenient)
    );
    let month = national.deadline_months(date(2024, 1, 31), 1)?;
    println!("  1-month term from 31/01/2024 -> {} (no 31 February: the month's last day)", show(month));

    println!("  Office view, Milano (patron: Sant'Ambrogio, 7 December):");
    let milano = Calendar::for_province(
        &"MI".parse().map_err(|_| CalendarError::UnknownProvince { province: "MI".into() })?,
    )?;
    let d = date(2024, 12, 7);
    let office = milano.day_off(d, View::Office)?.map(|h| h.name).unwrap_or_else(|| "open".into());
    println!(
        "    {}: office closed ({office}); legal holiday? {}",
        show(d),
        if milano.is_legal_holiday(d)? { "yes" } else { "no: it does not move deadlines (Cass. 17079/2007)" }
    );
    let next = milano.next_working_day(date(2024, 12, 6), View::Office)?;
    println!("    next working day after {}: {}", show(date(2024, 12, 6)), show(next));
    let due = milano.deadline(date(2024, 11, 7), 30)?;
    println!(
        "    a 30-day term from {} still ends on {} ({} days), patron or not",
        show(date(2024, 11, 7)),
        show(due),
        days_between(date(2024, 11, 7), due)
    );
    let fee = national.roll_forward(date(2024, 6, 30), View::Legal)?;
    println!("  annual fee due 30/06/2024 (a Sunday) -> payable until {}", show(fee));
    Ok(())
}

pub fn run() {
    println!("== Calendar: legal terms (art. 2963 c.c., art. 155 c.p.c.) and office closures ==");
    if let Err(e) = chapter() {
        println!("  calendar error: {e}");
    }
    println!();
}
