//! The shared vectors of `testdata/fees/vectors.json` through the Rust front door (the Python and
//! Kotlin tests read the same file).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use serde_json::Value;
use sportello::chamber::ChamberCode;
use sportello::fees::{
    f24_rows, late_payment, settle, AnnualFeeRequest, Deadline, DeadlineRules, EnteCodes, FeeCalculator,
    FeeTables, LatePolicy, LegalRates, Occasion, SurchargeTable,
};
use sportello::money::{Euro, RoundingMode};

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/fees/vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn date(v: &Value) -> NaiveDate {
    s(v).parse().unwrap()
}

fn request(r: &Value) -> (FeeCalculator, AnnualFeeRequest) {
    let subject = s(&r["subject"]).parse().unwrap();
    let mut req = AnnualFeeRequest::new(r["year"].as_i64().unwrap() as i32, subject);
    if let Some(t) = r["turnover"].as_str() {
        req = req.turnover(t.parse().unwrap());
    }
    if let Some(c) = r["sede_chamber"].as_str() {
        req = req.sede(c.parse().unwrap());
    }
    for (c, n) in r["local_units"].as_object().into_iter().flatten() {
        req = req.units(c.parse().unwrap(), n.as_u64().unwrap() as u32);
    }
    for (c, rate) in r["surcharges"].as_object().into_iter().flatten() {
        req = req.surcharge(c.parse().unwrap(), s(rate).parse().unwrap());
    }
    if r["new_registration"].as_bool() == Some(true) {
        req = req.occasion(Occasion::NewRegistration);
    }
    if r["new_local_units"].as_bool() == Some(true) {
        req = req.occasion(Occasion::NewLocalUnits);
    }
    let mode: RoundingMode = r["step_mode"].as_str().unwrap_or("half_even").parse().unwrap();
    (FeeCalculator::new(FeeTables::dm_2011().with_step_mode(mode), SurchargeTable::shipped()), req)
}

fn deadline(v: &Value) -> Deadline {
    Deadline::new(date(&v["deadline"]), v["window_until"].as_str().map(|d| d.parse().unwrap())).unwrap()
}

#[test]
fn annual_fee_vectors_reproduce_to_the_cent_with_every_intermediate() {
    let v = vectors();
    let cases = v["annual_fee"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = s(&case["name"]);
        let (calc, req) = request(&case["request"]);
        let fee = calc.annual_fee(&req).unwrap_or_else(|e| panic!("{name}: {e}"));
        let exp = &case["expected"];
        assert_eq!(fee.total_due.to_string(), s(&exp["total_due"]), "{name}: total_due");
        let by = exp["by_chamber"].as_object().unwrap();
        assert_eq!(fee.by_chamber.len(), by.len(), "{name}: chambers");
        for (chamber, figures) in by {
            let code: ChamberCode = chamber.parse().unwrap();
            let cf = &fee.by_chamber[&code];
            let json = serde_json::to_value(cf).unwrap();
            for (field, value) in figures.as_object().unwrap() {
                assert_eq!(&json[field], value, "{name}: {chamber}.{field}");
            }
        }
    }
}

#[test]
fn annual_fee_error_vectors_name_field_and_rule() {
    let v = vectors();
    for case in v["annual_fee_errors"].as_array().unwrap() {
        let name = s(&case["name"]);
        let (calc, req) = request(&case["request"]);
        let err = calc.annual_fee(&req).expect_err(name);
        assert_eq!(err.field(), s(&case["field"]), "{name}");
        assert_eq!(err.rule(), s(&case["rule"]), "{name}");
    }
}

#[test]
fn deadline_vectors() {
    let v = vectors();
    let rules = DeadlineRules::default();
    for case in v["deadlines"].as_array().unwrap() {
        let name = s(&case["name"]);
        let d = rules.annual(case["year"].as_i64().unwrap() as i32, case["isa"].as_bool().unwrap()).unwrap();
        assert_eq!(d.due_by(), date(&case["due_by"]), "{name}");
        assert_eq!(d.window_until(), Some(date(&case["window_until"])), "{name}");
    }
}

#[test]
fn late_payment_vectors() {
    let v = vectors();
    for case in v["late_payment"].as_array().unwrap() {
        let name = s(&case["name"]);
        let due: Euro = s(&case["due"]).parse().unwrap();
        let lp = late_payment(
            due,
            &deadline(case),
            date(&case["paid_on"]),
            &LatePolicy::default(),
            &LegalRates::shipped(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_value(&lp).unwrap();
        for (field, value) in case["expected"].as_object().unwrap() {
            assert_eq!(&json[field], value, "{name}: {field}");
        }
    }
    for case in v["late_payment_errors"].as_array().unwrap() {
        let name = s(&case["name"]);
        let due: Euro = s(&case["due"]).parse().unwrap();
        let err = late_payment(
            due,
            &deadline(case),
            date(&case["paid_on"]),
            &LatePolicy::default(),
            &LegalRates::shipped(),
        )
        .expect_err(name);
        assert_eq!((err.field(), err.rule()), (s(&case["field"]), s(&case["rule"])), "{name}");
    }
}

#[test]
fn f24_vectors() {
    let v = vectors();
    for case in v["f24"].as_array().unwrap() {
        let name = s(&case["name"]);
        let (calc, req) = request(&case["request"]);
        let fee = calc.annual_fee(&req).unwrap();
        let late = settle(
            &fee,
            &deadline(case),
            date(&case["paid_on"]),
            &LatePolicy::default(),
            &LegalRates::shipped(),
        )
        .unwrap();
        let rows = f24_rows(&fee, &late, &EnteCodes::default()).unwrap();
        let got: Vec<Value> = rows
            .iter()
            .map(|r| {
                let mut j = serde_json::to_value(r).unwrap();
                j.as_object_mut().unwrap().remove("chamber");
                j
            })
            .collect();
        assert_eq!(&Value::Array(got), &case["rows"], "{name}");
    }
}
