//! Specifications of the payments module: the shared vectors (`testdata/payments/vectors.json`,
//! also read by the Python and Kotlin tests), the rules one by one, and the invariants.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::memory::{InMemoryPaymentGateway, ManualClock};
use crate::ports::PaymentGateway;

const VECTORS: &str = include_str!("../../../testdata/payments/vectors.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).unwrap()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn eur(text: &str) -> Euro {
    text.parse().unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// -- shared vectors -------------------------------------------------------------------------------

#[test]
fn vector_notice_numbers_read_with_every_part() {
    for v in list(&vectors(), "notice_valid") {
        let n = NoticeNumber::parse(s(&v["text"])).unwrap_or_else(|e| panic!("{v}: {e}"));
        assert_eq!(n.as_str(), s(&v["value"]));
        assert_eq!(u64::from(n.aux_digit()), v["aux_digit"].as_u64().unwrap());
        assert_eq!(
            n.segregation_code().map(|c| c.to_string()),
            v["segregation_code"].as_str().map(String::from)
        );
        assert_eq!(
            n.application_code().map(|c| format!("{c:02}")),
            v["application_code"].as_str().map(String::from)
        );
        assert_eq!(n.iuv(), s(&v["iuv"]));
        assert_eq!(n.iuv_base(), s(&v["iuv_base"]));
        assert_eq!(n.check_digits().map(|c| format!("{c:02}")), v["check_digits"].as_str().map(String::from));
        assert_eq!(n.is_legacy(), v["legacy"].as_bool().unwrap());
    }
}

#[test]
fn vector_invalid_notice_numbers_name_the_wrong_part() {
    for v in list(&vectors(), "notice_invalid") {
        let e = NoticeNumber::parse(s(&v["text"])).expect_err(s(&v["text"]));
        assert_eq!(e.part(), s(&v["part"]), "{v}");
    }
}

#[test]
fn vector_rf_references_are_created_and_validated() {
    let v = vectors();
    for r in list(&v, "rf_valid") {
        let created = CreditorReference::create(s(&r["reference"])).unwrap();
        assert_eq!(created.as_str(), s(&r["rf"]));
        assert_eq!(created.print_form(), s(&r["print_form"]));
        assert!(rf_validate(s(&r["rf"])));
        assert!(rf_validate(s(&r["print_form"])));
    }
    for r in list(&v, "rf_invalid") {
        assert!(!rf_validate(s(&r["text"])));
        assert_eq!(CreditorReference::parse(s(&r["text"])).unwrap_err().rule(), s(&r["rule"]), "{r}");
    }
    for r in list(&v, "rf_create_invalid") {
        assert_eq!(CreditorReference::create(s(&r["reference"])).unwrap_err().rule(), s(&r["rule"]), "{r}");
    }
}

#[test]
fn vector_qr_payloads_parse_build_and_refuse() {
    let v = vectors();
    for q in list(&v, "qr_valid") {
        let p = QrPayload::parse(s(&q["payload"])).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert_eq!(p.notice.as_str(), s(&q["notice"]));
        assert_eq!(p.creditor.as_str(), s(&q["creditor_cf"]));
        assert_eq!(p.amount, eur(s(&q["amount"])));
        assert_eq!(p.to_string(), s(&q["canonical"]));
    }
    for q in list(&v, "qr_invalid") {
        let e = QrPayload::parse(s(&q["payload"])).expect_err(s(&q["payload"]));
        assert_eq!((e.field(), e.rule()), (s(&q["field"]), s(&q["rule"])), "{q}");
    }
    for q in list(&v, "qr_build") {
        let p = QrPayload::new(
            s(&q["notice"]).parse().unwrap(),
            s(&q["creditor_cf"]).parse().unwrap(),
            eur(s(&q["amount"])),
        )
        .unwrap();
        assert_eq!(p.to_string(), s(&q["payload"]));
    }
    let notice: NoticeNumber = "312000000000000119".parse().unwrap();
    let creditor: CreditorCode = "80014930327".parse().unwrap();
    for q in list(&v, "qr_build_invalid") {
        let e = QrPayload::new(notice.clone(), creditor.clone(), eur(s(&q["amount"]))).unwrap_err();
        assert_eq!(e.rule(), s(&q["rule"]));
    }
}

#[test]
fn vector_account_scenario() {
    let v = vectors();
    let mut account = PrepaidAccount::open("ACME-01".parse().unwrap());
    let t = at(2026, 3, 2, 9);
    for step in list(&v["account"], "steps") {
        let id: OperationId = s(&step["id"]).parse().unwrap();
        let amount = eur(s(&step["amount"]));
        let result = match s(&step["op"]) {
            "top_up" => account.top_up(id, amount, s(&step["text"]), t),
            "charge" => account.charge(id, amount, s(&step["text"]), t),
            "refund" => account.refund(id, s(&step["charge"]).parse().unwrap(), amount, t),
            other => panic!("unknown op {other}"),
        };
        match (&step["balance"], &step["error"]) {
            (Value::String(balance), Value::Null) => {
                let posting = result.unwrap_or_else(|e| panic!("{step}: {e}"));
                assert_eq!(account.balance(), eur(balance), "{step}");
                assert_eq!(posting.entry.balance_after, eur(balance));
                assert_eq!(posting.replayed, step["replayed"].as_bool().unwrap_or(false), "{step}");
            }
            (Value::Null, Value::String(rule)) => {
                assert_eq!(result.unwrap_err().rule(), rule, "{step}");
            }
            _ => panic!("bad step {step}"),
        }
    }
}

// -- notice numbers -------------------------------------------------------------------------------

#[test]
fn check_digits_are_the_first_sixteen_digits_mod_93() {
    let n = NoticeNumber::new(SegregationCode::new(97).unwrap(), "1234567890123").unwrap();
    assert_eq!(u64::from(n.check_digits().unwrap()), 3_971_234_567_890_123 % 93);
    assert_eq!(n.as_str(), "397123456789012343");
}

#[test]
fn iuv_of_a_current_notice_is_segregation_code_base_and_check() {
    let n = NoticeNumber::from_sequence(SegregationCode::new(12).unwrap(), 1).unwrap();
    assert_eq!(n.iuv(), "12000000000000119");
    assert_eq!(NoticeNumber::from_iuv(n.iuv()).unwrap(), n);
}

#[test]
fn legacy_aux_digits_are_read_by_default_and_refused_when_only_current_notices_are_accepted() {
    for text in ["012345678901234542", "212345678901234544", "112345678901234567"] {
        assert!(NoticeNumber::parse(text).is_ok());
        let e = NoticeNumber::parse_with(text, NoticeReading::CurrentOnly).unwrap_err();
        assert!(matches!(e, NoticeError::LegacyAuxDigit { .. }));
        assert_eq!(e.part(), "aux_digit");
    }
}

#[test]
fn legacy_aux0_construction_uses_the_application_code() {
    let n = NoticeNumber::legacy_with_application_code(12, "3456789012345").unwrap();
    assert_eq!(n.as_str(), "012345678901234542");
    assert_eq!(n.iuv(), "345678901234542");
}

#[test]
fn construction_names_the_part_that_is_wrong() {
    let seg = SegregationCode::new(1).unwrap();
    assert_eq!(NoticeNumber::new(seg, "123").unwrap_err().part(), "iuv_base");
    assert_eq!(NoticeNumber::new(seg, "123456789012A").unwrap_err().part(), "iuv_base");
    assert_eq!(SegregationCode::new(100).unwrap_err().part(), "segregation_code");
    assert_eq!("1".parse::<SegregationCode>().unwrap_err().part(), "segregation_code");
    assert_eq!(NoticeNumber::from_sequence(seg, 10_000_000_000_000).unwrap_err().part(), "iuv_base");
    assert!(NoticeNumber::from_sequence(seg, 9_999_999_999_999).is_ok());
}

#[test]
fn unicode_input_is_refused_without_panic() {
    assert_eq!(NoticeNumber::parse("31200000000000011é").unwrap_err().part(), "digits");
    assert_eq!(CreditorReference::parse("RF45é9").unwrap_err().rule(), "characters");
    assert_eq!(QrPayload::parse("PAGOPA|002|é|x|1").unwrap_err().field(), "notice");
}

#[test]
fn reserved_segregation_codes_are_listed() {
    assert_eq!(SegregationCode::new(97).unwrap().reserved_for(), Some("Unioncamere: SUAP"));
    assert_eq!(SegregationCode::new(12).unwrap().reserved_for(), None);
}

#[test]
fn notice_serde_is_the_eighteen_digits() {
    let n: NoticeNumber = "312000000000000119".parse().unwrap();
    assert_eq!(serde_json::to_string(&n).unwrap(), "\"312000000000000119\"");
    assert!(serde_json::from_str::<NoticeNumber>("\"312000000000000118\"").is_err());
}

// -- RF ------------------------------------------------------------------------------------------

#[test]
fn saci_appendix_example_w9_gives_check_digits_45() {
    let rf = CreditorReference::create("w9").unwrap();
    assert_eq!(rf.check_digits(), 45);
    assert_eq!(rf.reference(), "W9");
    assert!(rf_validate("RF45w9"), "letters are case-insensitive (SACI table maps a and A to 10)");
}

#[test]
fn wrong_rf_check_digits_say_which_were_expected() {
    assert_eq!(
        CreditorReference::parse("RF19539007547034"),
        Err(RfError::CheckDigits { expected: 18, found: 19 })
    );
}

// -- QR ------------------------------------------------------------------------------------------

#[test]
fn six_field_payload_of_the_old_generator_is_refused() {
    let e =
        QrPayload::parse("PAGOPA|002|000000000000312000|312000000000000119|80014930327|15050").unwrap_err();
    assert_eq!(e, QrError::FieldCount { expected: 5, found: 6 });
}

#[test]
fn qr_payload_serde_shape() {
    let p = QrPayload::parse("PAGOPA|002|312000000000000119|80014930327|15050").unwrap();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"notice": "312000000000000119", "creditor": "80014930327", "amount": "150.50"})
    );
    assert_eq!(serde_json::from_value::<QrPayload>(json).unwrap(), p);
}

// -- positions and the gateway ------------------------------------------------------------------

fn creditor() -> CreditorCode {
    "80014930327".parse().unwrap()
}

fn gateway(now: DateTime<Utc>) -> (ManualClock, InMemoryPaymentGateway) {
    let clock = ManualClock::new(now);
    let gw = InMemoryPaymentGateway::new(Arc::new(clock.clone()))
        .with_creditor(&creditor(), SegregationCode::new(12).unwrap());
    (clock, gw)
}

fn request(amount: &str, due: NaiveDate) -> PositionRequest {
    PositionRequest {
        creditor: creditor(),
        amount: eur(amount),
        description: "Diritti di segreteria".into(),
        debtor: Some("00743110157".into()),
        due_date: due,
        payable_after_due_date: false,
    }
}

fn receipt(id: &str, amount: &str, paid_at: DateTime<Utc>) -> Receipt {
    Receipt { receipt_id: id.into(), amount: eur(amount), paid_at }
}

#[test]
fn gateway_issues_notices_from_a_counter_per_creditor() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let other: CreditorCode = "97735020584".parse().unwrap();
    gw.add_creditor(&other, SegregationCode::new(3).unwrap());
    let a = gw.open_position(request("10", date(2026, 3, 31))).unwrap();
    let b = gw.open_position(request("10", date(2026, 3, 31))).unwrap();
    let c =
        gw.open_position(PositionRequest { creditor: other, ..request("10", date(2026, 3, 31)) }).unwrap();
    assert_eq!(a.notice.iuv_base(), "0000000000001");
    assert_eq!(b.notice.iuv_base(), "0000000000002");
    assert_eq!(c.notice.iuv_base(), "0000000000001");
    assert_eq!(c.notice.segregation_code().unwrap().value(), 3);
    assert_eq!(a.created_at, at(2026, 3, 2, 9));
    assert_eq!(a.state(), PositionState::Open);
}

#[test]
fn a_refused_request_spends_no_iuv() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    assert_eq!(gw.open_position(request("0", date(2026, 3, 31))).unwrap_err().rule(), "not_positive");
    assert_eq!(gw.open_position(request("1", date(2026, 3, 1))).unwrap_err().rule(), "due_date_in_past");
    let mut long = request("1", date(2026, 3, 31));
    long.description = "x".repeat(141);
    assert_eq!(gw.open_position(long).unwrap_err().rule(), "description_length");
    let mut unknown = request("1", date(2026, 3, 31));
    unknown.creditor = "00743110157".parse().unwrap();
    assert_eq!(gw.open_position(unknown).unwrap_err().rule(), "unknown_creditor");
    assert_eq!(gw.open_position(request("1", date(2026, 3, 31))).unwrap().notice.iuv_base(), "0000000000001");
}

#[test]
fn a_repeated_receipt_is_ignored_and_says_so() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("150.50", date(2026, 3, 31))).unwrap();
    let r = receipt("RT-1", "150.50", at(2026, 3, 3, 10));
    let first = gw.record_receipt(&creditor(), &p.notice, r.clone()).unwrap();
    let again = gw.record_receipt(&creditor(), &p.notice, r).unwrap();
    assert!(!first.repeated);
    assert!(again.repeated);
    assert_eq!(first.position, again.position);
    assert_eq!(again.position.state(), PositionState::Paid);
}

#[test]
fn a_different_receipt_for_a_paid_position_is_a_conflict() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("150.50", date(2026, 3, 31))).unwrap();
    gw.record_receipt(&creditor(), &p.notice, receipt("RT-1", "150.50", at(2026, 3, 3, 10))).unwrap();
    let e =
        gw.record_receipt(&creditor(), &p.notice, receipt("RT-2", "150.50", at(2026, 3, 3, 11))).unwrap_err();
    assert_eq!(e, PositionError::ConflictingReceipt { recorded: "RT-1".into(), offered: "RT-2".into() });
    let same_id_other_time = receipt("RT-1", "150.50", at(2026, 3, 4, 10));
    assert_eq!(
        gw.record_receipt(&creditor(), &p.notice, same_id_other_time).unwrap_err().rule(),
        "conflicting_receipt"
    );
}

#[test]
fn a_receipt_must_carry_the_position_amount() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("150.50", date(2026, 3, 31))).unwrap();
    let e =
        gw.record_receipt(&creditor(), &p.notice, receipt("RT-1", "150.00", at(2026, 3, 3, 10))).unwrap_err();
    assert_eq!(e, PositionError::AmountMismatch { expected: eur("150.50"), found: eur("150.00") });
    assert_eq!(gw.position(&creditor(), &p.notice).unwrap().state(), PositionState::Open);
}

#[test]
fn a_position_expires_the_day_after_its_due_date_in_italian_time() {
    let (clock, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    // 31 March 23:30 in Rome is 21:30 UTC: still the due date.
    clock.set(Utc.with_ymd_and_hms(2026, 3, 31, 21, 30, 0).unwrap());
    assert_eq!(gw.position(&creditor(), &p.notice).unwrap().state(), PositionState::Open);
    // 1 April 00:30 in Rome (CEST) is 31 March 22:30 UTC.
    clock.set(Utc.with_ymd_and_hms(2026, 3, 31, 22, 30, 0).unwrap());
    assert_eq!(gw.position(&creditor(), &p.notice).unwrap().state(), PositionState::Expired);
}

#[test]
fn a_late_receipt_for_a_payment_made_by_the_due_date_is_accepted() {
    let (clock, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    clock.set(at(2026, 4, 3, 9));
    assert_eq!(gw.position(&creditor(), &p.notice).unwrap().state(), PositionState::Expired);
    let out = gw.record_receipt(&creditor(), &p.notice, receipt("RT-9", "18", at(2026, 3, 31, 12))).unwrap();
    assert_eq!(out.position.state(), PositionState::Paid);
}

#[test]
fn a_payment_after_the_due_date_is_refused_unless_the_position_stays_payable() {
    let (clock, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    let mut lenient = request("18", date(2026, 3, 31));
    lenient.payable_after_due_date = true;
    let q = gw.open_position(lenient).unwrap();
    clock.set(at(2026, 4, 3, 9));
    let e = gw.record_receipt(&creditor(), &p.notice, receipt("RT-1", "18", at(2026, 4, 2, 9))).unwrap_err();
    assert_eq!(e, PositionError::PaidAfterDueDate { due_date: date(2026, 3, 31), paid_on: date(2026, 4, 2) });
    assert_eq!(gw.position(&creditor(), &q.notice).unwrap().state(), PositionState::Open);
    let paid = gw.record_receipt(&creditor(), &q.notice, receipt("RT-2", "18", at(2026, 4, 2, 9))).unwrap();
    assert_eq!(paid.position.state(), PositionState::Paid);
}

#[test]
fn cancelling_is_idempotent_and_a_paid_position_cannot_be_cancelled() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    let c1 = gw.cancel_position(&creditor(), &p.notice, "issued twice").unwrap();
    let c2 = gw.cancel_position(&creditor(), &p.notice, "again").unwrap();
    assert_eq!(c1, c2);
    assert_eq!(c1.state(), PositionState::Cancelled);
    let e = gw.record_receipt(&creditor(), &p.notice, receipt("RT-1", "18", at(2026, 3, 3, 9))).unwrap_err();
    assert_eq!(e.rule(), "not_allowed");
    let q = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    gw.record_receipt(&creditor(), &q.notice, receipt("RT-1", "18", at(2026, 3, 3, 9))).unwrap();
    assert_eq!(gw.cancel_position(&creditor(), &q.notice, "late").unwrap_err().rule(), "not_allowed");
}

#[test]
fn unknown_positions_are_named() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let n: NoticeNumber = "397123456789012343".parse().unwrap();
    assert_eq!(
        gw.position(&creditor(), &n).unwrap_err(),
        PositionError::UnknownPosition { creditor: "80014930327".into(), notice: n.to_string() }
    );
}

#[test]
fn the_methods_follow_the_transition_table_and_nothing_else() {
    let notice: NoticeNumber = "312000000000000119".parse().unwrap();
    let open = || {
        PaymentPosition::open(request("18", date(2026, 3, 31)), notice.clone(), at(2026, 3, 2, 9)).unwrap()
    };
    let states = [PositionState::Open, PositionState::Paid, PositionState::Expired, PositionState::Cancelled];
    let events = [PositionEvent::ReceiptInTime, PositionEvent::DueDatePassed, PositionEvent::Cancel];
    let reach = |state: PositionState| {
        let mut p = open();
        match state {
            PositionState::Open => {}
            PositionState::Paid => {
                p.record_receipt(receipt("RT-0", "18", at(2026, 3, 3, 9))).unwrap();
            }
            PositionState::Expired => assert!(p.expire_if_due(at(2026, 4, 2, 9))),
            PositionState::Cancelled => {
                p.cancel("x", at(2026, 3, 3, 9)).unwrap();
            }
        }
        p
    };
    for from in states {
        for event in events {
            let mut p = reach(from);
            let changed = match event {
                PositionEvent::ReceiptInTime => p
                    .record_receipt(receipt("RT-1", "18", at(2026, 3, 30, 9)))
                    .map(|repeated| !repeated)
                    .unwrap_or(false),
                PositionEvent::DueDatePassed => p.expire_if_due(at(2026, 4, 2, 9)),
                PositionEvent::Cancel => {
                    p.cancel("y", at(2026, 3, 3, 9)).map(|repeated| !repeated).unwrap_or(false)
                }
            };
            let listed = POSITION_TRANSITIONS.iter().find(|(f, e, _)| *f == from && *e == event).map(|t| t.2);
            assert_eq!(changed.then(|| p.state()), listed, "{from:?} + {event:?}");
        }
    }
}

#[test]
fn position_serde_shape_names_the_state() {
    let (_, gw) = gateway(at(2026, 3, 2, 9));
    let p = gw.open_position(request("18", date(2026, 3, 31))).unwrap();
    let out = gw.record_receipt(&creditor(), &p.notice, receipt("RT-1", "18", at(2026, 3, 3, 9))).unwrap();
    let json = serde_json::to_value(&out.position).unwrap();
    assert_eq!(json["status"]["state"], "paid");
    assert_eq!(json["status"]["receipt"]["receipt_id"], "RT-1");
    assert_eq!(json["amount"], "18.00");
    assert_eq!(json["due_date"], "2026-03-31");
    assert_eq!(serde_json::from_value::<PaymentPosition>(json).unwrap(), out.position);
    assert_eq!(
        out.position.qr_payload().unwrap().to_string(),
        "PAGOPA|002|312000000000000119|80014930327|1800"
    );
}

// -- prepaid account ------------------------------------------------------------------------------

fn op(text: &str) -> OperationId {
    text.parse().unwrap()
}

#[test]
fn a_refused_operation_writes_nothing() {
    let t = at(2026, 3, 2, 9);
    let mut a = PrepaidAccount::open("A".parse().unwrap());
    a.top_up(op("1"), eur("10"), "R", t).unwrap();
    let before = a.clone();
    assert!(a.charge(op("2"), eur("10.01"), "visura", t).is_err());
    assert!(a.payout(op("3"), eur("10.01"), "IBAN IT60X0542811101000000123456", t).is_err());
    assert_eq!(a, before);
}

#[test]
fn amounts_written_differently_are_the_same_operation() {
    let t = at(2026, 3, 2, 9);
    let mut a = PrepaidAccount::open("A".parse().unwrap());
    a.top_up(op("1"), eur("10"), "R", t).unwrap();
    assert!(a.top_up(op("1"), eur("10.00"), "R", t + Duration::minutes(5)).unwrap().replayed);
    assert_eq!(a.history().len(), 1);
}

#[test]
fn identifiers_are_checked() {
    assert_eq!("".parse::<OperationId>().unwrap_err().rule(), "identifier");
    assert_eq!("a b".parse::<AccountId>().unwrap_err().field(), "account_id");
    assert!("x".repeat(65).parse::<OperationId>().is_err());
}

#[test]
fn account_json_is_id_and_entries_and_reads_back_only_if_it_adds_up() {
    let t = at(2026, 3, 2, 9);
    let mut a = PrepaidAccount::open("A".parse().unwrap());
    a.top_up(op("1"), eur("10"), "R", t).unwrap();
    a.charge(op("2"), eur("4"), "visura", t).unwrap();
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["id"], "A");
    assert_eq!(json["entries"][1]["operation"]["kind"], "charge");
    assert_eq!(json["entries"][1]["change"], "-4.00");
    assert_eq!(json["entries"][1]["balance_after"], "6.00");
    assert_eq!(serde_json::from_value::<PrepaidAccount>(json.clone()).unwrap(), a);
    let mut tampered = json;
    tampered["entries"][1]["balance_after"] = "7.00".into();
    let e = serde_json::from_value::<PrepaidAccount>(tampered).unwrap_err();
    assert!(e.to_string().contains("entry 2 does not replay"), "{e}");
}

// -- invariants ---------------------------------------------------------------------------------

fn arb_notice() -> impl Strategy<Value = NoticeNumber> {
    (0u8..100, 0u64..10_000_000_000_000)
        .prop_map(|(seg, n)| NoticeNumber::from_sequence(SegregationCode::new(seg).unwrap(), n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_generated_notice_validates_in_both_readings(n in arb_notice()) {
        prop_assert_eq!(NoticeNumber::parse_with(n.as_str(), NoticeReading::CurrentOnly).unwrap(), n.clone());
        prop_assert_eq!(NoticeNumber::parse(&n.grouped()).unwrap(), n);
    }

    /// Mod 93 catches every single-digit change of an aux-3 notice, except turning the aux digit
    /// into 1 under legacy reading (aux 1 has no check digits): exactly that one escapes.
    #[test]
    fn every_single_digit_change_is_caught(n in arb_notice(), pos in 0usize..18, delta in 1u8..10) {
        let mut digits: Vec<u8> = n.as_str().bytes().collect();
        digits[pos] = b'0' + (digits[pos] - b'0' + delta) % 10;
        let changed = String::from_utf8(digits.clone()).unwrap();
        prop_assert!(NoticeNumber::parse_with(&changed, NoticeReading::CurrentOnly).is_err());
        let legacy = NoticeNumber::parse(&changed);
        if pos == 0 && digits[0] == b'1' {
            prop_assert!(legacy.is_ok(), "aux 1 carries no check digits");
        } else {
            prop_assert!(legacy.is_err(), "{} escaped", changed);
        }
    }

    #[test]
    fn legacy_aux0_notices_catch_every_single_digit_change_outside_the_aux_digit(
        app in 0u8..100, base in 0u64..10_000_000_000_000, pos in 1usize..18, delta in 1u8..10
    ) {
        let n = NoticeNumber::legacy_with_application_code(app, &format!("{base:013}")).unwrap();
        prop_assert!(NoticeNumber::parse(n.as_str()).is_ok());
        let mut digits: Vec<u8> = n.as_str().bytes().collect();
        digits[pos] = b'0' + (digits[pos] - b'0' + delta) % 10;
        prop_assert!(NoticeNumber::parse(&String::from_utf8(digits).unwrap()).is_err());
    }

    #[test]
    fn notice_parse_never_panics(text in "\\PC{0,24}") {
        let _ = NoticeNumber::parse(&text);
        let _ = CreditorReference::parse(&text);
        let _ = QrPayload::parse(&text);
    }

    #[test]
    fn rf_create_then_validate_round_trips(reference in "[0-9A-Za-z]{1,21}") {
        let rf = CreditorReference::create(&reference).unwrap();
        prop_assert!(rf_validate(rf.as_str()));
        prop_assert!(rf_validate(&rf.print_form()));
        prop_assert_eq!(rf.reference(), reference.to_ascii_uppercase());
        prop_assert_eq!(CreditorReference::parse(rf.as_str()).unwrap(), rf);
    }

    #[test]
    fn rf_catches_every_single_digit_change(reference in "[0-9]{1,21}", pos in 0usize..21, delta in 1u8..10) {
        let rf = CreditorReference::create(&reference).unwrap();
        let mut chars: Vec<u8> = rf.as_str().bytes().collect();
        let pos = 2 + pos % (chars.len() - 2);
        chars[pos] = b'0' + (chars[pos] - b'0' + delta) % 10;
        prop_assert!(!rf_validate(&String::from_utf8(chars).unwrap()));
    }

    #[test]
    fn qr_build_then_parse_round_trips(n in arb_notice(), cents in 1i64..=MAX_PAYABLE_CENTS, pad in 0usize..10) {
        let qr = QrPayload::new(n, "80014930327".parse().unwrap(), Euro::from_cents(cents)).unwrap();
        let text = qr.to_string();
        prop_assert!((43..=52).contains(&text.len()));
        prop_assert_eq!(QrPayload::parse(&text).unwrap(), qr.clone());
        let digits = format!("{cents}");
        let padded_width = (digits.len() + pad).min(10);
        let padded = format!("PAGOPA|002|{}|{}|{:0>width$}", qr.notice, qr.creditor, digits, width = padded_width);
        prop_assert_eq!(QrPayload::parse(&padded).unwrap(), qr);
    }

    #[test]
    fn a_receipt_recorded_twice_changes_nothing_the_second_time(cents in 1i64..1_000_000, hour in 0u32..24) {
        let notice: NoticeNumber = "312000000000000119".parse().unwrap();
        let mut p = PaymentPosition::open(
            PositionRequest { amount: Euro::from_cents(cents), ..request("1", date(2026, 3, 31)) },
            notice,
            at(2026, 3, 2, 9),
        ).unwrap();
        let r = receipt("RT", &Euro::from_cents(cents).to_string(), at(2026, 3, 10, hour));
        prop_assert!(!p.record_receipt(r.clone()).unwrap());
        let after_first = p.clone();
        prop_assert!(p.record_receipt(r).unwrap());
        prop_assert_eq!(p, after_first);
    }
}

#[derive(Debug, Clone)]
enum Step {
    TopUp(i64),
    Charge(i64),
    Payout(i64),
    /// Refund of the k-th operation so far (whatever it is), for an amount.
    Refund(usize, i64),
    /// Repeat the k-th operation so far, identically.
    Replay(usize),
    /// Reuse the k-th operation id with another amount.
    Conflict(usize, i64),
}

fn arb_step() -> impl Strategy<Value = Step> {
    let cents = 1i64..50_000;
    prop_oneof![
        3 => cents.clone().prop_map(Step::TopUp),
        3 => cents.clone().prop_map(Step::Charge),
        1 => cents.clone().prop_map(Step::Payout),
        2 => (0usize..40, cents.clone()).prop_map(|(k, c)| Step::Refund(k, c)),
        1 => (0usize..40).prop_map(Step::Replay),
        1 => (0usize..40, cents).prop_map(|(k, c)| Step::Conflict(k, c)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The ledger as a state machine: whatever the sequence, the balance is the sum of the entries,
    /// every entry carries the running balance, the balance never goes below zero, a refusal writes
    /// nothing, a replay writes nothing, and the JSON form reads back to the same account.
    #[test]
    fn ledger_balance_is_always_the_sum_of_entries(steps in proptest::collection::vec(arb_step(), 1..40)) {
        let t0 = at(2026, 1, 1, 9);
        let mut account = PrepaidAccount::open("P".parse().unwrap());
        let mut issued: Vec<(OperationId, Operation)> = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            let id = op(&format!("op-{i}"));
            let t = t0 + Duration::minutes(i as i64);
            let (id, operation) = match step {
                Step::TopUp(c) => (id, Operation::TopUp { amount: Euro::from_cents(*c), reference: "R".into() }),
                Step::Charge(c) => (id, Operation::Charge { amount: Euro::from_cents(*c), service: "S".into() }),
                Step::Payout(c) => (id, Operation::Payout { amount: Euro::from_cents(*c), reference: "IBAN".into() }),
                Step::Refund(k, c) if !issued.is_empty() => {
                    let charge = issued[k % issued.len()].0.clone();
                    (id, Operation::Refund { charge, amount: Euro::from_cents(*c) })
                }
                Step::Replay(k) | Step::Conflict(k, _) if issued.is_empty() => {
                    let _ = k;
                    (id, Operation::TopUp { amount: Euro::from_cents(1), reference: "R".into() })
                }
                Step::Replay(k) => issued[k % issued.len()].clone(),
                Step::Conflict(k, c) => {
                    let (id, _) = issued[k % issued.len()].clone();
                    (id, Operation::Payout { amount: Euro::from_cents(*c + 100_000_000), reference: "X".into() })
                }
                Step::Refund(_, c) => (id, Operation::TopUp { amount: Euro::from_cents(*c), reference: "R".into() }),
            };
            let before = account.clone();
            match account.apply(id.clone(), operation.clone(), t) {
                Ok(posting) if posting.replayed => {
                    prop_assert_eq!(&account, &before);
                    prop_assert_eq!(Some(&posting.entry), account.entry(&id));
                }
                Ok(posting) => {
                    prop_assert_eq!(account.history().len(), before.history().len() + 1);
                    prop_assert_eq!(posting.entry.change, operation.change());
                    issued.push((id, operation));
                }
                Err(e) => {
                    prop_assert_eq!(&account, &before, "refusal {} wrote something", e);
                    if let AccountError::InsufficientBalance { balance, requested } = e {
                        prop_assert!(requested > balance);
                    }
                }
            }
            let sum: Euro = account.history().iter().map(|e| e.change).sum();
            prop_assert_eq!(account.balance(), sum);
            prop_assert!(!account.balance().is_negative());
            let mut running = Euro::ZERO;
            for (n, e) in account.history().iter().enumerate() {
                running += e.change;
                prop_assert_eq!(e.balance_after, running);
                prop_assert_eq!(e.sequence, n as u64 + 1);
                prop_assert!(!e.balance_after.is_negative());
            }
        }
        let json = serde_json::to_string(&account).unwrap();
        prop_assert_eq!(serde_json::from_str::<PrepaidAccount>(&json).unwrap(), account);
    }
}
