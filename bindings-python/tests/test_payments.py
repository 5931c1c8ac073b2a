"""pagoPA notices, RF, QR payloads, positions and the prepaid account through the Python door.

The vectors in ``testdata/payments/vectors.json`` are the ones the Rust and Kotlin tests read.
"""

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iso11649

import sportello
from sportello import (
    AccountRefused,
    InMemoryPaymentGateway,
    InsufficientBalance,
    InvalidAmount,
    InvalidCreditorCode,
    InvalidCreditorReference,
    InvalidDate,
    InvalidNoticeNumber,
    InvalidQrPayload,
    NoticeNumber,
    PaymentError,
    PositionRefused,
    PrepaidAccount,
    Receipt,
    SportelloError,
    parse_qr_payload,
    qr_payload,
    rf_create,
    rf_validate,
)

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "testdata" / "payments" / "vectors.json").read_text("utf-8")
)
CREDITOR = "80014930327"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


# -- shared vectors ---------------------------------------------------------------------------


@pytest.mark.parametrize("v", VECTORS["notice_valid"], ids=lambda v: v["note"])
def test_vector_notice_numbers_read_with_every_part(v: dict[str, Any]) -> None:
    n = NoticeNumber.parse(v["text"])
    assert n.value == v["value"]
    assert n.aux_digit == v["aux_digit"]
    assert n.segregation_code == v["segregation_code"]
    assert n.application_code == v["application_code"]
    assert n.iuv == v["iuv"]
    assert n.iuv_base == v["iuv_base"]
    assert n.check_digits == v["check_digits"]
    assert n.is_legacy == v["legacy"]


@pytest.mark.parametrize("v", VECTORS["notice_invalid"], ids=lambda v: v["part"])
def test_vector_invalid_notice_numbers_name_the_wrong_part(v: dict[str, Any]) -> None:
    with pytest.raises(InvalidNoticeNumber) as info:
        NoticeNumber.parse(v["text"])
    assert info.value.part == v["part"]
    assert isinstance(info.value, PaymentError)
    assert isinstance(info.value, SportelloError)


def test_vector_rf_references() -> None:
    for v in VECTORS["rf_valid"]:
        assert rf_create(v["reference"]) == v["rf"]
        assert rf_validate(v["rf"]) and rf_validate(v["print_form"])
    for v in VECTORS["rf_invalid"]:
        assert not rf_validate(v["text"])
    for v in VECTORS["rf_create_invalid"]:
        with pytest.raises(InvalidCreditorReference) as info:
            rf_create(v["reference"])
        assert info.value.rule == v["rule"]


def test_vector_qr_payloads() -> None:
    for v in VECTORS["qr_valid"]:
        p = parse_qr_payload(v["payload"])
        assert (p.notice.value, p.creditor_cf, p.amount) == (v["notice"], v["creditor_cf"], Decimal(v["amount"]))
        assert str(p) == v["canonical"]
    for v in VECTORS["qr_invalid"]:
        with pytest.raises(InvalidQrPayload) as info:
            parse_qr_payload(v["payload"])
        assert (info.value.field, info.value.rule) == (v["field"], v["rule"])
    for v in VECTORS["qr_build"]:
        assert qr_payload(v["notice"], v["creditor_cf"], Decimal(v["amount"])) == v["payload"]
    for v in VECTORS["qr_build_invalid"]:
        with pytest.raises(InvalidQrPayload) as info:
            qr_payload("312000000000000119", CREDITOR, Decimal(v["amount"]))
        assert info.value.rule == v["rule"]


def test_vector_account_scenario() -> None:
    account = PrepaidAccount("ACME-01")
    for step in VECTORS["account"]["steps"]:
        amount = Decimal(step["amount"])
        try:
            if step["op"] == "top_up":
                posting = account.top_up(step["id"], amount, step["text"], at=T0)
            elif step["op"] == "charge":
                posting = account.charge(step["id"], amount, step["text"], at=T0)
            else:
                posting = account.refund(step["id"], step["charge"], amount, at=T0)
        except AccountRefused as e:
            assert e.rule == step.get("error"), step
            continue
        assert "error" not in step, step
        assert account.balance == Decimal(step["balance"])
        assert posting.entry.balance_after == Decimal(step["balance"])
        assert posting.replayed == step.get("replayed", False)


# -- notice numbers ----------------------------------------------------------------------------


def test_new_notice_computes_the_mod_93_check_digits() -> None:
    n = NoticeNumber.new(97, "1234567890123")
    assert n.value == "397123456789012343"
    assert n.iuv == "97123456789012343"
    assert int(n.check_digits or "") == 3971234567890123 % 93
    assert NoticeNumber.new("97", "1234567890123") == n
    assert NoticeNumber.from_iuv(n.iuv) == n
    assert n.grouped == "3971 2345 6789 0123 43"
    assert repr(n) == "NoticeNumber('397123456789012343')"


def test_legacy_notices_are_refused_when_only_current_ones_are_accepted() -> None:
    with pytest.raises(InvalidNoticeNumber) as info:
        NoticeNumber.parse("012345678901234542", current_only=True)
    assert (info.value.part, info.value.rule) == ("aux_digit", "legacy_aux_digit")


@pytest.mark.parametrize("seg, base, part", [(100, "1234567890123", "segregation_code"), ("1", "1234567890123", "segregation_code"), (1, "12", "iuv_base")])
def test_construction_names_the_wrong_part(seg: int | str, base: str, part: str) -> None:
    with pytest.raises(InvalidNoticeNumber) as info:
        NoticeNumber.new(seg, base)
    assert info.value.part == part


@settings(max_examples=200)
@given(st.integers(0, 99), st.integers(0, 10**13 - 1), st.integers(1, 17), st.integers(1, 9))
def test_every_single_digit_change_after_the_aux_digit_is_caught(seg: int, base: int, pos: int, delta: int) -> None:
    n = NoticeNumber.new(seg, f"{base:013d}").value
    changed = n[:pos] + str((int(n[pos]) + delta) % 10) + n[pos + 1 :]
    with pytest.raises(InvalidNoticeNumber):
        NoticeNumber.parse(changed)


# -- RF ------------------------------------------------------------------------------------------


@settings(max_examples=200)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=1, max_size=21))
def test_rf_agrees_with_python_stdnum(reference: str) -> None:
    rf = rf_create(reference)
    assert iso11649.is_valid(rf)
    assert rf_validate(rf)


def test_rf_example_of_the_saci_appendix() -> None:
    assert rf_create("w9") == "RF45W9"
    assert rf_validate("RF45w9")


# -- QR ------------------------------------------------------------------------------------------


def test_qr_payload_takes_a_notice_object_and_refuses_floats() -> None:
    n = NoticeNumber.new(12, "0000000000001")
    assert qr_payload(n, CREDITOR, Decimal("150.50")) == "PAGOPA|002|312000000000000119|80014930327|15050"
    assert qr_payload(n, CREDITOR, 53) == "PAGOPA|002|312000000000000119|80014930327|5300"
    with pytest.raises(InvalidAmount):
        qr_payload(n, CREDITOR, 150.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidCreditorCode) as info:
        qr_payload(n, "80014930328", Decimal(1))
    assert info.value.rule == "check_character"


def test_six_field_payload_is_refused() -> None:
    with pytest.raises(InvalidQrPayload) as info:
        parse_qr_payload("PAGOPA|002|000000000000312000|312000000000000119|80014930327|15050")
    assert info.value.rule == "field_count"


# -- positions -----------------------------------------------------------------------------------


def gateway() -> InMemoryPaymentGateway:
    gw = InMemoryPaymentGateway(T0)
    gw.add_creditor(CREDITOR, 12)
    return gw


def test_a_position_is_paid_once_and_a_repeated_receipt_is_ignored() -> None:
    gw = gateway()
    p = gw.open_position(CREDITOR, Decimal("150.50"), "Diritti di segreteria", date(2026, 3, 31))
    assert (p.notice.value, p.status, p.amount) == ("312000000000000119", "open", Decimal("150.50"))
    assert p.qr_payload() == "PAGOPA|002|312000000000000119|80014930327|15050"
    receipt = Receipt("RT-1", Decimal("150.50"), T0 + timedelta(days=1))
    first = gw.record_receipt(CREDITOR, p.notice, receipt)
    again = gw.record_receipt(CREDITOR, p.notice.value, receipt)
    assert (first.repeated, again.repeated) == (False, True)
    assert again.position.status == "paid"
    assert again.position.receipt == receipt
    with pytest.raises(PositionRefused) as info:
        gw.record_receipt(CREDITOR, p.notice, Receipt("RT-2", Decimal("150.50"), T0))
    assert info.value.rule == "conflicting_receipt"


def test_a_position_expires_after_its_due_date_by_the_gateway_clock() -> None:
    gw = gateway()
    p = gw.open_position(CREDITOR, 18, "Certificato", date(2026, 3, 31))
    gw.set_now(datetime(2026, 4, 2, 9, tzinfo=timezone.utc))
    assert gw.position(CREDITOR, p.notice).status == "expired"
    with pytest.raises(PositionRefused) as info:
        gw.record_receipt(CREDITOR, p.notice, Receipt("RT-1", 18, datetime(2026, 4, 1, 9, tzinfo=timezone.utc)))
    assert info.value.rule == "paid_after_due_date"
    late = gw.record_receipt(CREDITOR, p.notice, Receipt("RT-1", 18, datetime(2026, 3, 31, 9, tzinfo=timezone.utc)))
    assert late.position.status == "paid"


def test_cancel_and_refusals_carry_the_rule() -> None:
    gw = gateway()
    p = gw.open_position(CREDITOR, "18.00", "Certificato", date(2026, 3, 31), debtor="00743110157")
    assert p.debtor == "00743110157"
    c = gw.cancel_position(CREDITOR, p.notice, "issued twice")
    assert (c.status, c.cancel_reason) == ("cancelled", "issued twice")
    with pytest.raises(PositionRefused) as info:
        gw.open_position(CREDITOR, 18, "Certificato", date(2026, 3, 1))
    assert info.value.rule == "due_date_in_past"
    with pytest.raises(InvalidDate):
        gw.set_now(datetime(2026, 4, 2, 9))  # naive datetimes are refused
    assert json.loads(c.to_json())["status"]["state"] == "cancelled"
    assert [x.notice.value for x in gw.positions()] == [p.notice.value]


# -- prepaid account -----------------------------------------------------------------------------


def test_prepaid_account_top_up_charge_refund_without_overdraft() -> None:
    a = PrepaidAccount("ACME-01")
    a.top_up("op-1", Decimal("100.00"), "pagoPA RT-1", at=T0)
    a.charge("op-2", Decimal("30.00"), "certificato", at=T0)
    assert a.balance == Decimal("70.00")
    with pytest.raises(InsufficientBalance) as info:
        a.charge("op-3", Decimal("70.01"), "visura", at=T0)
    assert (info.value.balance, info.value.requested) == (Decimal("70.00"), Decimal("70.01"))
    a.refund("op-4", "op-2", Decimal("10"), at=T0)
    assert a.refundable("op-2") == Decimal("20.00")
    history = a.history()
    assert [e.kind for e in history] == ["top_up", "charge", "refund"]
    assert sum((e.change for e in history), Decimal(0)) == a.balance
    assert history[1].reference == "certificato"
    back = PrepaidAccount.from_json(a.to_json())
    assert back.history() == history


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(["top_up", "charge", "payout"]), st.integers(1, 10_000)), max_size=30))
def test_ledger_balance_is_the_sum_of_entries_and_never_negative(ops: list[tuple[str, int]]) -> None:
    a = PrepaidAccount("P")
    for i, (kind, cents) in enumerate(ops):
        amount = Decimal(cents) / 100
        try:
            if kind == "top_up":
                a.top_up(f"op-{i}", amount, "R", at=T0)
            elif kind == "charge":
                a.charge(f"op-{i}", amount, "S", at=T0)
            else:
                a.payout(f"op-{i}", amount, "IBAN", at=T0)
        except InsufficientBalance:
            pass
        assert a.balance >= 0
        assert a.balance == sum((e.change for e in a.history()), Decimal(0))


def test_everything_is_reachable_from_the_package_root() -> None:
    for name in sportello.payments.__all__:
        assert hasattr(sportello, name)
