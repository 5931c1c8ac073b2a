use super::*;
use crate::chamber::ChamberCode;
use proptest::prelude::*;
use serde_json::Value;

fn code(s: &str) -> ChamberCode {
    s.parse().unwrap()
}

fn eur(s: &str) -> Euro {
    s.parse().unwrap()
}

fn ten_services(plan: &AllocationPlan) -> AllocationPlan {
    let participants = plan.participants().iter().cloned().map(|p| p.with_services(10)).collect();
    AllocationPlan::new(plan.year(), participants, plan.pools().to_vec(), None).unwrap()
}

fn unioncamere() -> Option<Sponsor> {
    Some(Sponsor { name: "Unioncamere Lombardia".into(), cap: None })
}

// -- the 2014 plan of the reference --------------------------------------------------------------

#[test]
fn shipped_2014_plan_lists_six_sourced_chambers_and_excludes_six_unconfirmed() {
    let plan = lombardy_2014().unwrap();
    let codes: Vec<&str> = plan.participants().iter().map(|p| p.chamber.as_str()).collect();
    assert_eq!(codes, ["MI", "BS", "BG", "MB", "PV", "LC"]);
    let excluded: Vec<&str> = plan.excluded().iter().map(|e| e.chamber.as_str()).collect();
    assert_eq!(excluded, ["SO", "VA", "CO", "MN", "CR", "LO"]);
    assert!(plan.excluded().iter().all(|e| e.reason.contains("UNCONFIRMED")));
    assert!(plan.participants().iter().all(|p| p.source.is_some()));
    assert_eq!(plan.pools()[0].amount, eur("182000"));
    assert_eq!(plan.pools()[1].amount, eur("70000"));
}

#[test]
fn minimum_package_bands_cannot_cover_the_2014_maintenance_pool() {
    let err = allocate(&lombardy_2014().unwrap()).unwrap_err();
    assert_eq!(
        err,
        AllocationError::Infeasible {
            pool: "maintenance".into(),
            amount: eur("182000"),
            minimums: eur("15000"),
            maximums: Some(eur("90000")),
        }
    );
    assert!(err.to_string().contains("at most EUR 90000"));
}

#[test]
fn a_sponsor_covers_what_the_2014_bands_cannot() {
    let plan = lombardy_2014().unwrap().with_sponsor(unioncamere()).unwrap();
    let a = allocate(&plan).unwrap();
    let maintenance = a.pool("maintenance").unwrap();
    assert!(maintenance.lines.iter().all(|l| l.amount == eur("15000") && l.clamped == Some(Bound::Max)));
    assert_eq!(maintenance.sponsored, eur("92000"));
    assert_eq!(a.sponsor().unwrap().amount, eur("92000"));
    // development: 70,000 / 6 = 11,666.666...: four cents go to the lowest codes BG, BS, LC, MB
    for (c, expected) in [
        ("BG", "11666.67"),
        ("BS", "11666.67"),
        ("LC", "11666.67"),
        ("MB", "11666.67"),
        ("MI", "11666.66"),
        ("PV", "11666.66"),
    ] {
        assert_eq!(a.amount("development", &code(c)).unwrap(), eur(expected), "{c}");
    }
    assert_eq!(a.total(), eur("160000"));
}

#[test]
fn with_ten_services_milan_is_clamped_and_the_rest_is_re_spread_by_businesses() {
    let a = allocate(&ten_services(&lombardy_2014().unwrap())).unwrap();
    // 182,000 by 722,592 businesses would give MI 89,873.45: above 54,400, so MI pays 54,400 and
    // the other 127,600 are shared by the other 365,768 businesses (BS: 127,600 x 121,878 /
    // 365,768 = 42,517.7511...).
    let m = a.pool("maintenance").unwrap();
    assert_eq!(m.lines[0].clamped, Some(Bound::Max));
    assert_eq!(m.lines[0].amount, eur("54400"));
    let got: Vec<String> = m.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(got, ["54400.00", "42517.75", "33527.76", "25120.70", "17037.38", "9396.41"]);
    assert_eq!(m.lines[1].unrounded, "42517.751143".parse().unwrap());
    assert!(m.lines[1..].iter().all(|l| l.clamped.is_none()));
    assert_eq!(m.lines[0].driver_share, "0.493811".parse().unwrap());
}

#[test]
fn statement_of_milan_lists_each_pool_with_driver_band_and_clamp() {
    let a = allocate(&ten_services(&lombardy_2014().unwrap())).unwrap();
    let s = a.statement(&code("MI")).unwrap();
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[0].driver_value, 356_824);
    assert_eq!(s.lines[0].driver_total, 722_592);
    assert_eq!(s.lines[0].band.unwrap().max, eur("54400"));
    assert_eq!(s.total, eur("54400") + eur("11666.66"));
    let md = s.to_markdown();
    assert!(
        md.contains("| maintenance | € 182.000,00 | businesses | 356.824 of 722.592 | 49,38 % |"),
        "{md}"
    );
    assert!(md.contains("| max | € 54.400,00 |"), "{md}");
    assert!(md.contains("**€ 66.066,66**"), "{md}");
}

#[test]
fn csv_has_a_header_and_one_row_per_pool_and_payer() {
    let plan = lombardy_2014().unwrap().with_sponsor(unioncamere()).unwrap();
    let csv = allocate(&plan).unwrap().to_csv();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 1 + 6 + 1 + 6);
    assert!(rows[0].starts_with("year,pool,driver,pool_amount,payer_kind,payer,"));
    assert_eq!(
        rows[1],
        "2014,maintenance,businesses,182000,chamber,MI,356824,722592,0.493811,2500,15000,15000.000000,max,15000.00"
    );
    assert_eq!(
        rows[7],
        "2014,maintenance,businesses,182000,sponsor,Unioncamere Lombardia,,,,,,92000.00,,92000.00"
    );
}

#[test]
fn markdown_report_has_a_table_per_pool_totals_and_the_excluded_chambers() {
    let plan = lombardy_2014().unwrap().with_sponsor(unioncamere()).unwrap();
    let md = allocate(&plan).unwrap().to_markdown();
    assert!(md.contains("### maintenance — € 182.000,00 shared by businesses"));
    assert!(md.contains("| sponsor: Unioncamere Lombardia | | | | | | € 92.000,00 |"));
    assert!(md.contains("| **total** | **€ 252.000,00** |"));
    assert!(md.contains("- CR: 2013 registered firms UNCONFIRMED"));
}

#[test]
fn allocation_json_round_trips_with_amounts_as_strings() {
    let a = allocate(&ten_services(&lombardy_2014().unwrap())).unwrap();
    let json = a.to_json();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["pools"][0]["lines"][0]["amount"], "54400.00");
    assert_eq!(v["pools"][0]["lines"][0]["clamped"], "max");
    assert_eq!(v["pools"][0]["lines"][1]["clamped"], Value::Null);
    let back: Allocation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn plan_json_round_trips() {
    let plan = lombardy_2014().unwrap();
    let again = AllocationPlan::from_json(&plan.to_json()).unwrap();
    assert_eq!(again, plan);
}

// -- lookups -------------------------------------------------------------------------------------

#[test]
fn unknown_pool_or_chamber_is_a_typed_error() {
    let a = allocate(&ten_services(&lombardy_2014().unwrap())).unwrap();
    assert_eq!(
        a.amount("catering", &code("MI")),
        Err(AllocationError::UnknownPool { pool: "catering".into() })
    );
    assert_eq!(a.statement(&code("SO")), Err(AllocationError::UnknownChamber { chamber: code("SO") }));
}

// -- plan validation -----------------------------------------------------------------------------

fn plan_with(participants: &str, pools: &str, sponsor: &str) -> Result<AllocationPlan, AllocationError> {
    AllocationPlan::from_json(&format!(
        r#"{{"year": 2014, "participants": {participants}, "pools": {pools}, "sponsor": {sponsor}}}"#
    ))
}

const TWO: &str = r#"[{"chamber": "MI", "businesses": 10, "services": 3}, {"chamber": "BS", "businesses": 5, "services": 4}]"#;

#[test]
fn a_chamber_listed_twice_is_refused() {
    let err = plan_with(
        r#"[{"chamber": "MI", "businesses": 1}, {"chamber": "mi", "businesses": 2}]"#,
        r#"[{"name": "m", "amount": "1", "driver": "businesses"}]"#,
        "null",
    );
    assert_eq!(err, Err(AllocationError::DuplicateChamber { chamber: code("MI") }));
}

#[test]
fn overlapping_bands_are_refused_with_both_ranges() {
    let err = plan_with(
        TWO,
        r#"[{"name": "m", "amount": "1", "driver": "businesses", "bands": [
            {"services_from": 0, "services_to": 3, "min": "0", "max": "9"},
            {"services_from": 3, "services_to": 10, "min": "0", "max": "9"}]}]"#,
        "null",
    );
    assert_eq!(
        err,
        Err(AllocationError::OverlappingBands {
            pool: "m".into(),
            first_from: 0,
            first_to: 3,
            second_from: 3,
            second_to: 10
        })
    );
}

#[test]
fn a_chamber_outside_every_band_is_refused() {
    let err = plan_with(
        TWO,
        r#"[{"name": "m", "amount": "1", "driver": "businesses", "bands": [
            {"services_from": 3, "services_to": 3, "min": "0", "max": "9"}]}]"#,
        "null",
    );
    assert_eq!(err, Err(AllocationError::NoBand { pool: "m".into(), chamber: code("BS"), services: 4 }));
}

#[test]
fn a_missing_driver_is_refused_not_read_as_zero() {
    let err = plan_with(TWO, r#"[{"name": "a", "amount": "1", "driver": "consumption"}]"#, "null");
    assert_eq!(
        err,
        Err(AllocationError::MissingDriver {
            pool: "a".into(),
            chamber: code("MI"),
            driver: Driver::Consumption
        })
    );
}

#[test]
fn amounts_must_be_whole_non_negative_cents() {
    let pool = |amount: &str| {
        plan_with(TWO, &format!(r#"[{{"name": "m", "amount": {amount}, "driver": "equal"}}]"#), "null")
    };
    assert!(matches!(pool(r#""10.005""#), Err(AllocationError::NotWholeCents { field: "amount", .. })));
    assert!(matches!(pool(r#""-1""#), Err(AllocationError::NegativeAmount { field: "amount", .. })));
    assert!(matches!(pool(r#""1000000000000.01""#), Err(AllocationError::AmountTooLarge { .. })));
    assert!(matches!(pool("10.5"), Err(AllocationError::Malformed { .. })), "JSON floats are refused");
    assert!(pool("182000").is_ok(), "whole euros as JSON integers are accepted");
}

#[test]
fn band_min_above_max_is_refused() {
    let err = plan_with(
        TWO,
        r#"[{"name": "m", "amount": "1", "driver": "equal", "bands": [
            {"services_from": 0, "services_to": 10, "min": "10", "max": "9"}]}]"#,
        "null",
    );
    assert!(matches!(err, Err(AllocationError::BandMinAboveMax { .. })));
}

#[test]
fn unknown_driver_and_unknown_fields_are_malformed() {
    let err = plan_with(TWO, r#"[{"name": "m", "amount": "1", "driver": "weather"}]"#, "null");
    assert!(matches!(err, Err(AllocationError::Malformed { .. })));
    assert_eq!("weather".parse::<Driver>(), Err(AllocationError::UnknownDriver { text: "weather".into() }));
    let err = plan_with(TWO, r#"[{"name": "m", "amount": "1", "driver": "equal", "colour": 1}]"#, "null");
    assert!(matches!(err, Err(AllocationError::Malformed { .. })));
}

#[test]
fn duplicate_and_empty_pool_names_are_refused() {
    let err = plan_with(
        TWO,
        r#"[{"name": "m", "amount": "1", "driver": "equal"}, {"name": "m", "amount": "1", "driver": "equal"}]"#,
        "null",
    );
    assert_eq!(err, Err(AllocationError::DuplicatePool { pool: "m".into() }));
    let err = plan_with(TWO, r#"[{"name": " ", "amount": "1", "driver": "equal"}]"#, "null");
    assert_eq!(err, Err(AllocationError::EmptyPoolName { index: 0 }));
}

#[test]
fn sponsor_cap_is_enforced_over_all_pools() {
    let plan = plan_with(
        TWO,
        r#"[{"name": "m", "amount": "30", "driver": "equal", "bands": [
            {"services_from": 0, "services_to": 10, "min": "0", "max": "10"}]},
            {"name": "d", "amount": "25", "driver": "equal", "bands": [
            {"services_from": 0, "services_to": 10, "min": "0", "max": "10"}]}]"#,
        r#"{"name": "Regione", "cap": "14.99"}"#,
    )
    .unwrap();
    assert_eq!(
        allocate(&plan),
        Err(AllocationError::SponsorCapExceeded {
            sponsor: "Regione".into(),
            cap: eur("14.99"),
            needed: eur("15.00")
        })
    );
    let ok = plan.with_sponsor(Some(Sponsor { name: "Regione".into(), cap: Some(eur("15")) })).unwrap();
    assert_eq!(allocate(&ok).unwrap().sponsor().unwrap().amount, eur("15"));
}

// -- shared vectors (the same file is read by the Python and Kotlin tests) ----------------------

#[test]
fn shared_vectors_give_the_expected_amounts() {
    let doc: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/allocation/vectors.json"
    )))
    .unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 40);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let plan = AllocationPlan::from_json(&v["plan"].to_string()).unwrap();
        let result = allocate(&plan);
        let expected = &v["expected"];
        if let Some(e) = expected.get("error") {
            match result {
                Err(AllocationError::Infeasible { pool, amount, minimums, maximums }) => {
                    assert_eq!(pool, e["pool"].as_str().unwrap(), "{name}");
                    assert_eq!(amount, eur(e["amount"].as_str().unwrap()), "{name}");
                    assert_eq!(minimums, eur(e["minimums"].as_str().unwrap()), "{name}");
                    assert_eq!(maximums, e["maximums"].as_str().map(eur), "{name}");
                }
                other => panic!("{name}: expected infeasible, got {other:?}"),
            }
            continue;
        }
        let a = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        for (pool, p) in expected["pools"].as_object().unwrap() {
            for (chamber, amount) in p["amounts"].as_object().unwrap() {
                assert_eq!(
                    a.amount(pool, &code(chamber)).unwrap(),
                    eur(amount.as_str().unwrap()),
                    "{name} {pool} {chamber}"
                );
            }
            assert_eq!(
                a.pool(pool).unwrap().sponsored,
                eur(p["sponsored"].as_str().unwrap()),
                "{name} {pool}"
            );
        }
        for (chamber, total) in expected["totals"].as_object().unwrap() {
            assert_eq!(a.total_of(&code(chamber)).unwrap(), eur(total.as_str().unwrap()), "{name} {chamber}");
        }
    }
}

// -- properties ----------------------------------------------------------------------------------

const CODES: [&str; 12] = ["MI", "BS", "BG", "MB", "PV", "LC", "SO", "VA", "CO", "MN", "CR", "LO"];

#[derive(Debug, Clone)]
struct Gen {
    drivers: Vec<(u64, u32)>,
    bands: Vec<(u32, u32, i64, i64)>,
    amount_cents: i64,
    sponsored: bool,
}

fn arb_plan() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec((prop_oneof![1 => Just(0u64), 6 => 1u64..500_000], 1u32..=10), 1..=12),
        prop::collection::vec((0i64..500_000, 0i64..6_000_000), 0..=2),
        0i64..40_000_000,
        any::<bool>(),
    )
        .prop_map(|(drivers, raw_bands, amount_cents, sponsored)| {
            let ranges = [(1, 3), (4, 10)];
            let bands = if raw_bands.len() == 2 {
                raw_bands.iter().zip(ranges).map(|(&(lo, width), (f, t))| (f, t, lo, lo + width)).collect()
            } else {
                Vec::new()
            };
            Gen { drivers, bands, amount_cents, sponsored }
        })
}

fn build(g: &Gen) -> AllocationPlan {
    let participants = g
        .drivers
        .iter()
        .enumerate()
        .map(|(i, &(b, s))| Participant::new(code(CODES[i])).with_businesses(b).with_services(s))
        .collect();
    let bands = g
        .bands
        .iter()
        .map(|&(f, t, lo, hi)| Band {
            services_from: f,
            services_to: t,
            min: Euro::from_cents(lo),
            max: Euro::from_cents(hi),
        })
        .collect();
    let pool = Pool {
        name: "p".into(),
        amount: Euro::from_cents(g.amount_cents),
        driver: Driver::Businesses,
        bands,
    };
    let sponsor = g.sponsored.then(|| Sponsor { name: "S".into(), cap: None });
    AllocationPlan::new(2014, participants, vec![pool], sponsor).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn feasible_plans_sum_exactly_respect_bands_and_stay_within_a_cent(g in arb_plan()) {
        let plan = build(&g);
        match allocate(&plan) {
            Ok(a) => {
                let p = &a.pools()[0];
                let charged: Euro = p.lines.iter().map(|l| l.amount).sum();
                prop_assert_eq!(charged + p.sponsored, p.amount);
                for l in &p.lines {
                    if let Some(b) = l.band {
                        prop_assert!(b.min <= l.amount && l.amount <= b.max, "{:?}", l);
                    }
                    prop_assert!((l.amount.amount() - l.unrounded).abs() < rust_decimal::Decimal::new(1, 2));
                }
                if !g.sponsored { prop_assert!(p.sponsored.is_zero()); }
            }
            Err(AllocationError::Infeasible { minimums, maximums, amount, .. }) => {
                prop_assert!(amount < minimums || (!g.sponsored && maximums.is_some_and(|m| amount > m)));
            }
            Err(e) => prop_assert!(false, "unexpected {e}"),
        }
    }

    #[test]
    fn shares_do_not_depend_on_the_order_of_participants(g in arb_plan(), seed in any::<u64>()) {
        let plan = build(&g);
        let mut shuffled: Vec<Participant> = plan.participants().to_vec();
        // a deterministic shuffle from the seed
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let other = AllocationPlan::new(2014, shuffled, plan.pools().to_vec(), plan.sponsor().cloned()).unwrap();
        match (allocate(&plan), allocate(&other)) {
            (Ok(a), Ok(b)) => {
                for p in plan.participants() {
                    prop_assert_eq!(a.amount("p", &p.chamber).unwrap(), b.amount("p", &p.chamber).unwrap());
                }
            }
            (Err(x), Err(y)) => prop_assert_eq!(x, y),
            (x, y) => prop_assert!(false, "{:?} vs {:?}", x, y),
        }
    }

    #[test]
    fn raising_a_chambers_driver_never_lowers_its_share(g in arb_plan(), who in 0usize..12, extra in 1u64..300_000) {
        let plan = build(&g);
        let who = who % g.drivers.len();
        let Ok(before) = allocate(&plan) else { return Ok(()); };
        let mut more = g.clone();
        more.drivers[who].0 += extra;
        let after = allocate(&build(&more)).unwrap();
        let (b, a) = (&before.pools()[0].lines[who], &after.pools()[0].lines[who]);
        prop_assert!(a.unrounded >= b.unrounded, "exact share fell: {:?} -> {:?}", b, a);
        prop_assert!(a.amount >= b.amount, "amount fell: {:?} -> {:?}", b, a);
    }
}
