//! The identifiers module as a specification: worked examples from `reference/identifiers-payments.md`,
//! one rule per test, and proptest invariants checked against an independent model of the rules.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use proptest::prelude::*;
use sportello::identifiers::{
    is_valid_codice_fiscale, is_valid_partita_iva, CharClass, CodiceFiscale, CodiceFiscaleError,
    NumericClass, PartitaIva, PartitaIvaError, Sex,
};

// -- an independent model, written from the reference tables -------------------------------------

/// Odd-position values, in the order `0-9` then `A-Z` (reference §1.2).
const ODD: [u32; 36] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // A-Z
];

fn model_value(c: char, odd: bool) -> u32 {
    let i = if c.is_ascii_digit() { c as usize - '0' as usize } else { c as usize - 'A' as usize + 10 };
    if odd {
        ODD[i]
    } else if c.is_ascii_digit() {
        i as u32
    } else {
        (i - 10) as u32
    }
}

fn model_check(first15: &str) -> char {
    let sum: u32 = first15.chars().enumerate().map(|(i, c)| model_value(c, i % 2 == 0)).sum();
    (b'A' + (sum % 26) as u8) as char
}

fn model_luhn(first10: &str) -> char {
    let sum: u32 = first10
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap();
            if i % 2 == 0 {
                d
            } else {
                let p = 2 * d;
                p / 10 + p % 10
            }
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap()
}

const OMOCODIA: &str = "LMNPQRSTUV";
const MONTHS: &str = "ABCDEHLMPRST";
const PLACE_LETTERS: &str = "ABCDEFGHILMZ";

fn days_in(month: usize, yy: u32) -> u32 {
    match month {
        2 if yy % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A valid 16-character code in canonical form, built field by field.
fn person_code() -> impl Strategy<Value = String> {
    ("[A-Z]{6}", 0u32..100, 1usize..=12, 1u32..=31, any::<bool>(), 0usize..PLACE_LETTERS.len(), 1u32..1000)
        .prop_map(|(names, yy, month, day, female, place, number)| {
            let day = day.min(days_in(month, yy)) + if female { 40 } else { 0 };
            let first15 = format!(
                "{names}{yy:02}{}{day:02}{}{number:03}",
                MONTHS.as_bytes()[month - 1] as char,
                PLACE_LETTERS.as_bytes()[place] as char
            );
            format!("{first15}{}", model_check(&first15))
        })
}

/// A valid partita IVA (office in the allowed set, non-zero matricola).
fn partita_iva() -> impl Strategy<Value = String> {
    (1u32..10_000_000, prop::sample::select(vec![1u32, 15, 58, 95, 100, 120, 121, 888, 999])).prop_map(
        |(matricola, office)| {
            let first10 = format!("{matricola:07}{office:03}");
            format!("{first10}{}", model_luhn(&first10))
        },
    )
}

/// Applies omocodia to the positions selected by `mask` (bit k: k-th substitutable position).
fn with_omocodia(code: &str, mask: u8) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    for (k, i) in [6usize, 7, 9, 10, 12, 13, 14].into_iter().enumerate() {
        if mask & (1 << k) != 0 {
            chars[i] = OMOCODIA.as_bytes()[chars[i].to_digit(10).unwrap() as usize] as char;
        }
    }
    let first15: String = chars[..15].iter().collect();
    format!("{first15}{}", model_check(&first15))
}

fn cf(text: &str) -> CodiceFiscale {
    CodiceFiscale::parse(text).unwrap()
}

fn cf_err(text: &str) -> CodiceFiscaleError {
    CodiceFiscale::parse(text).unwrap_err()
}

// -- codice fiscale: worked examples --------------------------------------------------------------

#[test]
fn reference_worked_example_has_check_character_h() {
    // §1.2: RCCMNL83S18D969 sums to 163, 163 mod 26 = 7, check H.
    assert_eq!(model_check("RCCMNL83S18D969"), 'H');
    assert_eq!(cf("RCCMNL83S18D969H").as_str(), "RCCMNL83S18D969H");
}

#[test]
fn decoding_gives_sex_day_month_two_digit_year_and_birthplace() {
    let c = cf("RCCMNL83S18D969H");
    assert_eq!(c.sex(), Some(Sex::Male));
    assert_eq!(c.birth_day(), Some(18));
    assert_eq!(c.birth_month(), Some(11)); // S = November
    assert_eq!(c.birth_year_2d(), Some(83));
    assert_eq!(c.birthplace_code().as_deref(), Some("D969"));
    assert!(!c.is_legal_person());
    assert!(!c.is_omocode());
}

#[test]
fn spid_sample_fiscal_number_is_valid() {
    // spid-regole-tecniche sample TINIT-GDASDV00A01H501J: born 1 January ..00 in Roma (H501).
    let c = cf("GDASDV00A01H501J");
    assert_eq!((c.birth_day(), c.birth_month(), c.birth_year_2d()), (Some(1), Some(1), Some(0)));
    assert_eq!(c.birthplace_code().as_deref(), Some("H501"));
}

#[test]
fn day_above_forty_means_female() {
    let first15 = "BNCLRA90E45F205";
    let c = cf(&format!("{first15}{}", model_check(first15)));
    assert_eq!(c.sex(), Some(Sex::Female));
    assert_eq!(c.birth_day(), Some(5));
    assert_eq!(c.birth_month(), Some(5));
}

#[test]
fn stdnum_omocodic_vector_substituting_position_14_only_is_valid() {
    // §1.3: RSSMRA45C12F2L5N substitutes one position that is not the rightmost.
    let c = cf("RSSMRA45C12F2L5N");
    assert!(c.is_omocode());
    assert_eq!(c.birthplace_code().as_deref(), Some("F205"));
    assert_eq!(c.canonical().as_str(), format!("RSSMRA45C12F205{}", model_check("RSSMRA45C12F205")));
    assert!(!c.canonical().is_omocode());
}

#[test]
fn fully_omocodic_code_decodes_its_date() {
    // §1.4: RSSMRAQRCMNFNLRG (python-stdnum's get_gender crashes on it).
    let c = cf("RSSMRAQRCMNFNLRG");
    assert_eq!(c.sex(), Some(Sex::Male));
    assert_eq!((c.birth_day(), c.birth_month(), c.birth_year_2d()), (Some(12), Some(3), Some(45)));
    assert_eq!(c.birthplace_code().as_deref(), Some("F205"));
}

#[test]
fn all_128_omocodes_of_the_reference_code_are_valid() {
    let c = cf("CCCFBA85D03L219P");
    let variants = c.omocodic_variants();
    assert_eq!(variants.len(), 128);
    assert_eq!(variants[0], c);
    let distinct: std::collections::HashSet<_> = variants.iter().collect();
    assert_eq!(distinct.len(), 128);
    for v in &variants {
        assert!(is_valid_codice_fiscale(v.as_str()), "{v}");
        assert_eq!(v.canonical(), c);
    }
}

#[test]
fn birthplace_with_an_unknown_date_scope_is_still_formally_valid() {
    // §1.4: FRTMXM74L15D354A has a correct check character; only a date-scoped birthplace table
    // would refuse it, and formal validation has none.
    assert!(is_valid_codice_fiscale("FRTMXM74L15D354A"));
}

#[test]
fn case_spaces_dots_and_dashes_are_forgiven() {
    for text in ["rccmnl83s18d969h", "RCC MNL 83S18 D969H", "RCC-MNL-83S18-D969H", " RCC.MNL.83S18.D969H\n"] {
        assert_eq!(cf(text).as_str(), "RCCMNL83S18D969H", "{text:?}");
        assert!(is_valid_codice_fiscale(text), "{text:?}");
    }
}

#[test]
fn other_separators_are_refused() {
    assert_eq!(
        cf_err("RCCMNL83S18/D969H"),
        CodiceFiscaleError::InvalidLength { found: 17 },
        "a slash is not a separator"
    );
    assert!(!is_valid_codice_fiscale("RCCMNL83S18_D969H"));
    assert!(!is_valid_codice_fiscale("RCCMNL83S18\u{a0}D969H"));
}

#[test]
fn birth_date_takes_the_century_from_a_window() {
    let c = cf("RCCMNL83S18D969H");
    assert_eq!(c.birth_date(1920).unwrap().to_string(), "1983-11-18");
    assert_eq!(c.birth_date(1984).unwrap().to_string(), "2083-11-18");
    let numeric = cf("00743110157");
    assert_eq!(numeric.birth_date(1920), Err(sportello::identifiers::BirthDateError::NoBirthDate));
}

#[test]
fn february_29_of_year_00_exists_in_2000_only() {
    let first15 = "RSSMRA00B29H501";
    let c = cf(&format!("{first15}{}", model_check(first15)));
    assert_eq!(c.birth_date(1920).unwrap().to_string(), "2000-02-29");
    assert_eq!(c.birth_date(1900), Err(sportello::identifiers::BirthDateError::NotALeapYear { year: 1900 }));
}

// -- codice fiscale: one refusal per rule ---------------------------------------------------------

#[test]
fn wrong_length_is_refused_with_the_count() {
    assert_eq!(cf_err("RCCMNL83S18D969"), CodiceFiscaleError::InvalidLength { found: 15 });
    assert_eq!(cf_err(""), CodiceFiscaleError::InvalidLength { found: 0 });
    assert_eq!(cf_err(" - . "), CodiceFiscaleError::InvalidLength { found: 0 });
    assert_eq!(cf_err("RCCMNL83S18D969HH").rule(), "length");
}

#[test]
fn digit_in_the_surname_is_refused_at_its_position() {
    let e = cf_err("R1CMNL83S18D969H");
    assert_eq!(
        e,
        CodiceFiscaleError::InvalidCharacter { position: 2, found: '1', expected: CharClass::Letter }
    );
    assert_eq!((e.rule(), e.position()), ("character", Some(2)));
}

#[test]
fn letter_that_is_not_omocodia_in_the_year_is_refused() {
    assert_eq!(
        cf_err("RCCMNL8AS18D969H"),
        CodiceFiscaleError::InvalidCharacter {
            position: 8,
            found: 'A',
            expected: CharClass::DigitOrOmocodiaLetter
        }
    );
}

#[test]
fn non_ascii_character_is_refused_at_its_position() {
    assert_eq!(
        cf_err("RCCMNL83S18D96ÈH"),
        CodiceFiscaleError::InvalidCharacter {
            position: 15,
            found: 'È',
            expected: CharClass::DigitOrOmocodiaLetter
        }
    );
}

#[test]
fn birthplace_letter_outside_a_to_m_and_z_is_refused() {
    let e = cf_err("RCCMNL83S18N969H");
    assert_eq!(
        e,
        CodiceFiscaleError::InvalidCharacter {
            position: 12,
            found: 'N',
            expected: CharClass::BirthplaceLetter
        }
    );
    assert!(!is_valid_codice_fiscale("RCCMNL83S18J969H"));
}

#[test]
fn month_letter_outside_the_table_is_refused() {
    let e = cf_err("RCCMNL83F18D969H");
    assert_eq!(e, CodiceFiscaleError::InvalidMonth { found: 'F' });
    assert_eq!((e.rule(), e.position()), ("month", Some(9)));
}

#[test]
fn day_32_to_40_and_above_71_are_refused() {
    assert_eq!(cf_err("RCCMNL83S35D969H"), CodiceFiscaleError::InvalidDay { found: 35 });
    assert_eq!(cf_err("RCCMNL83S00D969H"), CodiceFiscaleError::InvalidDay { found: 0 });
    assert_eq!(cf_err("RCCMNL83S72D969H"), CodiceFiscaleError::InvalidDay { found: 72 });
    // 81 would be day 1 under python-stdnum's `% 40`; the decree only has 01-31 and 41-71.
    assert_eq!(cf_err("RCCMNL83SU1D969H"), CodiceFiscaleError::InvalidDay { found: 81 });
}

#[test]
fn thirty_first_of_april_is_refused_as_a_calendar_date() {
    let e = cf_err("RCCMNL83D31D969H");
    assert_eq!(e, CodiceFiscaleError::InvalidCalendarDate { day: 31, month: 4, year_2d: 83 });
    assert_eq!(e.rule(), "calendar_date");
}

#[test]
fn february_29_needs_a_leap_year_in_some_century() {
    // 29 Feb ..83: no century makes 83 a leap year.
    assert_eq!(
        cf_err("RCCMNL83B29D969H"),
        CodiceFiscaleError::InvalidCalendarDate { day: 29, month: 2, year_2d: 83 }
    );
    // 29 Feb ..00: 1900 is not leap but 2000 is.
    let first15 = "RCCMNL00B69D969";
    assert!(is_valid_codice_fiscale(&format!("{first15}{}", model_check(first15))));
    // Female, 30 February: never.
    assert_eq!(cf_err("RCCMNL84B70D969H").rule(), "calendar_date");
}

#[test]
fn birthplace_number_000_is_refused() {
    let first15 = "RCCMNL83S18Z000";
    let e = cf_err(&format!("{first15}{}", model_check(first15)));
    assert_eq!(e, CodiceFiscaleError::InvalidBirthplaceNumber { letter: 'Z' });
    // Omocodic zeros are zeros too.
    let first15 = "RCCMNL83S18ZLLL";
    assert_eq!(cf_err(&format!("{first15}{}", model_check(first15))).rule(), "birthplace");
}

#[test]
fn wrong_check_character_names_the_expected_one() {
    let e = cf_err("RCCMNL83S18D969A");
    assert_eq!(e, CodiceFiscaleError::InvalidCheckCharacter { expected: 'H', found: 'A' });
    assert_eq!(e.position(), Some(16));
    assert_eq!(e.expected().as_deref(), Some("H"));
    assert_eq!(e.found().as_deref(), Some("A"));
}

#[test]
fn check_character_is_computed_over_the_letters_as_written() {
    // The canonical check character on an omocodic code is wrong.
    let canonical_check = model_check("RSSMRA45C12F205");
    let e = cf_err(&format!("RSSMRA45C12F2L5{canonical_check}"));
    assert_eq!(e.rule(), "check_character");
}

// -- codice fiscale: the numeric form -------------------------------------------------------------

#[test]
fn numeric_code_of_a_company_is_a_legal_person() {
    let c = cf("00743110157");
    assert!(c.is_legal_person());
    assert_eq!(c.numeric_class(), Some(NumericClass::VatNumber));
    assert_eq!((c.sex(), c.birth_day(), c.birthplace_code()), (None, None, None));
    assert!(!c.is_omocode());
    assert_eq!(c.canonical(), c);
    assert!(c.omocodic_variants().is_empty());
}

#[test]
fn agid_code_is_a_body_not_registered_for_vat() {
    assert_eq!(cf("97735020584").numeric_class(), Some(NumericClass::NotVatRegistered));
}

#[test]
fn provisional_codes_of_the_intendenze_and_imposte_dirette_are_valid() {
    for (first10, class) in [
        ("1234567200", NumericClass::ProvisionalIntendenza),
        ("1234567500", NumericClass::ProvisionalImposteDirette),
        ("1234567920", NumericClass::ProvisionalImposteDirette),
    ] {
        let c = cf(&format!("{first10}{}", model_luhn(first10)));
        assert_eq!(c.numeric_class(), Some(class), "{first10}");
    }
}

#[test]
fn numeric_code_with_an_unknown_office_is_refused() {
    for office in ["000", "101", "150", "250", "800", "951"] {
        let first10 = format!("1234567{office}");
        let e = cf_err(&format!("{first10}{}", model_luhn(&first10)));
        assert_eq!(e, CodiceFiscaleError::InvalidOfficeCode { office: office.parse().unwrap() });
    }
}

#[test]
fn numeric_matricola_from_8000000_needs_an_office_up_to_095() {
    let first10 = "8000000096";
    let e = cf_err(&format!("{first10}{}", model_luhn(first10)));
    assert_eq!(e, CodiceFiscaleError::InvalidMatricola { matricola: 8_000_000, office: 96 });
    let first10 = "0000000015";
    assert_eq!(cf_err(&format!("{first10}{}", model_luhn(first10))).rule(), "matricola");
}

#[test]
fn numeric_code_with_a_letter_is_refused_at_its_position() {
    assert_eq!(
        cf_err("0074311O157"),
        CodiceFiscaleError::InvalidCharacter { position: 8, found: 'O', expected: CharClass::Digit }
    );
}

#[test]
fn numeric_code_with_a_wrong_check_digit_names_the_expected_one() {
    let e = cf_err("00743110158");
    assert_eq!(e, CodiceFiscaleError::InvalidCheckCharacter { expected: '7', found: '8' });
    assert_eq!(e.position(), Some(11));
}

#[test]
fn codice_fiscale_serializes_as_its_string_and_validates_on_the_way_in() {
    let c = cf("rss mra 45c12 f2l5n");
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, "\"RSSMRA45C12F2L5N\"");
    assert_eq!(serde_json::from_str::<CodiceFiscale>(&json).unwrap(), c);
    let bad = serde_json::from_str::<CodiceFiscale>("\"RSSMRA45C12F2L5A\"").unwrap_err();
    assert!(bad.to_string().contains("check character"), "{bad}");
}

// -- partita IVA ----------------------------------------------------------------------------------

#[test]
fn reference_partita_iva_example_is_valid() {
    // §2: 0074311015 -> 23 -> check 7.
    let p = PartitaIva::parse("00743110157").unwrap();
    assert_eq!((p.as_str(), p.matricola(), p.office_code()), ("00743110157", 74311, 15));
    assert_eq!(p.to_string(), "00743110157");
}

#[test]
fn partita_iva_forgives_separators_and_the_it_prefix() {
    for text in ["IT00743110157", "it 007 431 101 57", "007.431.101-57", "IT-00743110157"] {
        assert_eq!(PartitaIva::parse(text).unwrap().as_str(), "00743110157", "{text:?}");
        assert!(is_valid_partita_iva(text), "{text:?}");
    }
    assert!(!is_valid_partita_iva("IT IT 00743110157"));
    assert!(!is_valid_partita_iva("DE00743110157"));
}

#[test]
fn partita_iva_refusals_name_their_rule() {
    assert_eq!(PartitaIva::parse("0074311015"), Err(PartitaIvaError::InvalidLength { found: 10 }));
    assert_eq!(
        PartitaIva::parse("0074311015X"),
        Err(PartitaIvaError::InvalidCharacter { position: 11, found: 'X' })
    );
    assert_eq!(
        PartitaIva::parse(&format!("0000000015{}", model_luhn("0000000015"))),
        Err(PartitaIvaError::ZeroMatricola)
    );
    assert_eq!(
        PartitaIva::parse(&format!("0074311200{}", model_luhn("0074311200"))),
        Err(PartitaIvaError::InvalidOfficeCode { office: 200 })
    );
    let e = PartitaIva::parse("00743110158").unwrap_err();
    assert_eq!(e, PartitaIvaError::InvalidCheckDigit { expected: '7', found: '8' });
    assert_eq!((e.rule(), e.position()), ("check_digit", Some(11)));
}

#[test]
fn partita_iva_serializes_as_its_digits() {
    let p = PartitaIva::parse("IT00743110157").unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"00743110157\"");
    assert!(serde_json::from_str::<PartitaIva>("\"00743110158\"").is_err());
}

#[test]
fn no_two_allowed_characters_share_a_check_value_at_any_position() {
    // Why every structure-keeping single-character change is caught: at each position the
    // characters the layout allows have pairwise distinct values in that position's table, so the
    // sum changes by 1..25 (never a multiple of 26). A digit and the letter of its column share a
    // value, but no position allows both (omocodia letters are L-V, columns of no digit).
    let letters: Vec<char> = ('A'..='Z').collect();
    let omocodia: Vec<char> = ('0'..='9').chain(OMOCODIA.chars()).collect();
    let place: Vec<char> = PLACE_LETTERS.chars().collect();
    let classes: [&Vec<char>; 15] = [
        &letters, &letters, &letters, &letters, &letters, &letters, &omocodia, &omocodia, &letters,
        &omocodia, &omocodia, &place, &omocodia, &omocodia, &omocodia,
    ];
    for (i, allowed) in classes.iter().enumerate() {
        let values: std::collections::HashSet<u32> =
            allowed.iter().map(|&c| model_value(c, i % 2 == 0)).collect();
        assert_eq!(values.len(), allowed.len(), "position {}", i + 1);
    }
}

// -- invariants -----------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_both_checks_agree(text in "\\PC{0,40}") {
        let parsed = CodiceFiscale::parse(&text);
        prop_assert_eq!(parsed.is_ok(), is_valid_codice_fiscale(&text));
        if let Err(e) = parsed {
            prop_assert!(!e.to_string().is_empty() && !e.rule().is_empty());
        }
        let piva = PartitaIva::parse(&text);
        prop_assert_eq!(piva.is_ok(), is_valid_partita_iva(&text));
    }

    #[test]
    fn near_miss_text_never_panics_and_both_checks_agree(text in "[A-Z0-9LMNPQRSTUV .\\-éß]{9,18}") {
        prop_assert_eq!(CodiceFiscale::parse(&text).is_ok(), is_valid_codice_fiscale(&text));
        prop_assert_eq!(PartitaIva::parse(&text).is_ok(), is_valid_partita_iva(&text));
    }

    #[test]
    fn every_generated_code_parses_and_round_trips(code in person_code()) {
        let c = CodiceFiscale::parse(&code).unwrap();
        prop_assert_eq!(c.as_str(), code.as_str());
        prop_assert!(is_valid_codice_fiscale(&code));
        prop_assert_eq!(c.to_string().parse::<CodiceFiscale>().unwrap(), c.clone());
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<CodiceFiscale>(&json).unwrap(), c.clone());
        let lower = code.to_lowercase();
        prop_assert_eq!(CodiceFiscale::parse(&lower).unwrap(), c);
    }

    #[test]
    fn all_128_omocodic_variants_validate_and_canonicalize_back(code in person_code()) {
        let c = CodiceFiscale::parse(&code).unwrap();
        let variants = c.omocodic_variants();
        prop_assert_eq!(variants.len(), 128);
        for mask in 0u8..128 {
            let text = with_omocodia(&code, mask);
            let v = CodiceFiscale::parse(&text).unwrap();
            prop_assert_eq!(&v, &variants[usize::from(mask)]);
            prop_assert_eq!(v.is_omocode(), mask != 0);
            prop_assert_eq!(v.canonical(), c.clone());
            prop_assert_eq!(
                (v.sex(), v.birth_day(), v.birth_month(), v.birth_year_2d(), v.birthplace_code()),
                (c.sex(), c.birth_day(), c.birth_month(), c.birth_year_2d(), c.birthplace_code())
            );
        }
    }

    /// Every single-character change of a valid code (each position, each of A-Z and 0-9) is
    /// refused. How "itself a valid code" is decided: by the independent model (structure by the
    /// layout classes, real date, non-zero place, `model_check`); the model says none is, because
    /// no two allowed characters share a value (see the test above), and the parser must agree.
    /// Changes that keep the structure must fail on the check character itself.
    #[test]
    fn every_single_character_change_is_caught(canonical in person_code(), mask in 0u8..128) {
        let code = with_omocodia(&canonical, mask);
        let original: Vec<char> = code.chars().collect();
        for pos in 0..16 {
            for replacement in ('A'..='Z').chain('0'..='9') {
                if replacement == original[pos] {
                    continue;
                }
                let mut chars = original.clone();
                chars[pos] = replacement;
                let mutated: String = chars.iter().collect();
                let model_valid = model_structure_ok(&mutated) && model_check(&mutated[..15]) == chars[15];
                let result = CodiceFiscale::parse(&mutated);
                prop_assert_eq!(result.is_ok(), model_valid, "{}", mutated);
                prop_assert!(!model_valid, "model calls {} valid", mutated);
                if model_structure_ok(&mutated) {
                    prop_assert_eq!(result.unwrap_err().rule(), "check_character");
                }
            }
        }
    }

    #[test]
    fn every_generated_partita_iva_parses_and_round_trips(p in partita_iva()) {
        let parsed = PartitaIva::parse(&p).unwrap();
        prop_assert_eq!(parsed.as_str(), p.as_str());
        let eu = format!("IT{p}");
        prop_assert!(is_valid_partita_iva(&eu));
        let json = serde_json::to_string(&parsed).unwrap();
        prop_assert_eq!(serde_json::from_str::<PartitaIva>(&json).unwrap(), parsed);
        // A partita IVA below matricola 8000000 is also the codice fiscale of its holder.
        if p[..7].parse::<u32>().unwrap() < 8_000_000 {
            let c = CodiceFiscale::parse(&p).unwrap();
            prop_assert_eq!(c.numeric_class(), Some(NumericClass::VatNumber));
        }
    }

    #[test]
    fn every_single_digit_change_of_a_partita_iva_is_caught(p in partita_iva(), pos in 0usize..11, delta in 1u32..10) {
        let mut digits: Vec<u32> = p.chars().map(|c| c.to_digit(10).unwrap()).collect();
        digits[pos] = (digits[pos] + delta) % 10;
        let mutated: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        prop_assert!(!is_valid_partita_iva(&mutated), "{}", mutated);
        prop_assert!(PartitaIva::parse(&mutated).is_err());
    }
}

/// Structure per the model: layout classes, month, day 01-31/41-71, real date in some century,
/// place number not 000.
fn model_structure_ok(code: &str) -> bool {
    let c: Vec<char> = code.chars().collect();
    let is = |i: usize, set: &str| set.contains(c[i]);
    let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let omo = "0123456789LMNPQRSTUV";
    let structure = (0..6).all(|i| is(i, letters))
        && [6, 7, 9, 10, 12, 13, 14].iter().all(|&i| is(i, omo))
        && is(8, MONTHS)
        && is(11, PLACE_LETTERS)
        && is(15, letters);
    if !structure {
        return false;
    }
    let digit = |i: usize| c[i].to_digit(10).unwrap_or_else(|| OMOCODIA.find(c[i]).unwrap() as u32);
    let yy = digit(6) * 10 + digit(7);
    let raw_day = digit(9) * 10 + digit(10);
    let month = MONTHS.find(c[8]).unwrap() + 1;
    let day = match raw_day {
        1..=31 => raw_day,
        41..=71 => raw_day - 40,
        _ => return false,
    };
    day <= days_in(month, yy) && digit(12) * 100 + digit(13) * 10 + digit(14) != 0
}
