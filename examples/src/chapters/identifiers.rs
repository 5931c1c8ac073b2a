//! Chapter: identifiers — the codice fiscale and the partita IVA.

use sportello::identifiers::{CodiceFiscale, NumericClass, PartitaIva, Sex};

fn show_person(label: &str, cf: &CodiceFiscale) {
    let sex = match cf.sex() {
        Some(Sex::Female) => "female",
        Some(Sex::Male) => "male",
        None => "-",
    };
    println!(
        "  {label:<10} {cf}  {sex}, born {:02}/{:02}/..{:02} in {} (omocode: {})",
        cf.birth_day().unwrap_or_default(),
        cf.birth_month().unwrap_or_default(),
        cf.birth_year_2d().unwrap_or_default(),
        cf.birthplace_code().unwrap_or_default(),
        if cf.is_omocode() { "yes" } else { "no" },
    );
}

pub fn run() {
    println!("== Identifiers: codice fiscale and partita IVA, valid by construction ==");
    match CodiceFiscale::parse("rcc mnl 83s18 d969h") {
        Ok(cf) => {
            show_person("typed", &cf);
            if let Ok(date) = cf.birth_date(1920) {
                println!("  {:<10} birth date with the 1920-2019 window: {date}", "");
            }
        }
        Err(e) => println!("  unexpected refusal: {e}"),
    }
    // RSSMRA45C12F2L5N: python-stdnum's omocodic vector (position 14 holds L for 0).
    match CodiceFiscale::parse("RSSMRA45C12F2L5N") {
        Ok(cf) => {
            show_person("omocodic", &cf);
            show_person("canonical", &cf.canonical());
            println!(
                "  {:<10} {} omocodic variants of this person are valid",
                "",
                cf.omocodic_variants().len()
            );
        }
        Err(e) => println!("  unexpected refusal: {e}"),
    }
    match CodiceFiscale::parse("97735020584") {
        Ok(cf) => {
            let class = match cf.numeric_class() {
                Some(NumericClass::VatNumber) => "also its partita IVA",
                Some(NumericClass::NotVatRegistered) => "a body not registered for VAT",
                Some(NumericClass::ProvisionalIntendenza | NumericClass::ProvisionalImposteDirette) => {
                    "a provisional code"
                }
                None => "a natural person",
            };
            println!("  {:<10} {cf}  legal person: {}, {class} (AgID)", "numeric", cf.is_legal_person());
        }
        Err(e) => println!("  unexpected refusal: {e}"),
    }
    match PartitaIva::parse("IT 00743110157") {
        Ok(p) => println!(
            "  {:<10} {p}  matricola {:07}, office {:03}, EU VAT {}",
            "P.IVA",
            p.matricola(),
            p.office_code(),
            p.to_eu_vat()
        ),
        Err(e) => println!("  unexpected refusal: {e}"),
    }
    for text in ["RCCMNL83S18D969A", "RCCMNL83D31D969H", "RCCMNL83S18N969H"] {
        if let Err(e) = CodiceFiscale::parse(text) {
            println!("  refused    {text}  [{}] {e}", e.rule());
        }
    }
    if let Err(e) = PartitaIva::parse("00743110158") {
        println!("  refused    00743110158       [{}] {e}", e.rule());
    }
    println!();
}
