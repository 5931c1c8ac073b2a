"""The annual fee through the Python front door: shared vectors, typed errors, the batch, and a
differential check against an independent pure-Python implementation of the reference's rules."""

from __future__ import annotations

import datetime
import json
import random
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

import sportello
from sportello import (
    FeeDeadline,
    FeeError,
    InvalidSubject,
    MissingFeeInput,
    RavvedimentoExpired,
    SportelloError,
    SubjectKind,
    SurchargeError,
    annual_fee,
    annual_fees_batch,
)

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "testdata" / "fees" / "vectors.json").read_text()
)


def _fee_from(request: dict[str, Any]) -> sportello.AnnualFee:
    return annual_fee(
        request["year"],
        request["subject"],
        turnover=Decimal(request["turnover"]) if "turnover" in request else None,
        sede_chamber=request.get("sede_chamber"),
        local_units=request.get("local_units"),
        surcharges={c: Decimal(r) for c, r in request.get("surcharges", {}).items()},
        new_registration=request.get("new_registration", False),
        new_local_units=request.get("new_local_units", False),
        step_mode=request.get("step_mode", "half_even"),
    )


def _deadline(case: dict[str, Any]) -> FeeDeadline:
    window = case["window_until"]
    return FeeDeadline(
        datetime.date.fromisoformat(case["deadline"]),
        datetime.date.fromisoformat(window) if window else None,
    )


# -- shared vectors ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS["annual_fee"], ids=lambda c: str(c["name"]))
def test_worked_examples_reproduce_to_the_cent_with_intermediates(case: dict[str, Any]) -> None:
    fee = _fee_from(case["request"])
    expected = case["expected"]
    assert fee.total_due == Decimal(expected["total_due"])
    assert set(fee.by_chamber) == set(expected["by_chamber"])
    for chamber, figures in expected["by_chamber"].items():
        got = fee.by_chamber[chamber]
        for field, value in figures.items():
            actual = getattr(got, field)
            assert actual == Decimal(value), f"{chamber}.{field}"
            assert str(actual) == value, f"{chamber}.{field} keeps its scale"


@pytest.mark.parametrize("case", VECTORS["annual_fee_errors"], ids=lambda c: str(c["name"]))
def test_refusals_name_field_and_rule(case: dict[str, Any]) -> None:
    with pytest.raises(FeeError) as info:
        _fee_from(case["request"])
    assert info.value.field == case["field"]
    assert info.value.rule == case["rule"]
    assert isinstance(info.value, SportelloError)


@pytest.mark.parametrize("case", VECTORS["deadlines"], ids=lambda c: str(c["name"]))
def test_deadlines(case: dict[str, Any]) -> None:
    d = sportello.annual_deadline(case["year"], isa=case["isa"])
    assert d.due_by == datetime.date.fromisoformat(case["due_by"])
    assert d.window_until == datetime.date.fromisoformat(case["window_until"])


@pytest.mark.parametrize("case", VECTORS["late_payment"], ids=lambda c: str(c["name"]))
def test_late_payment_vectors(case: dict[str, Any]) -> None:
    lp = sportello.late_payment(
        Decimal(case["due"]), _deadline(case), datetime.date.fromisoformat(case["paid_on"])
    )
    for field, value in case["expected"].items():
        if field == "interest_periods":
            got = [(p.year, p.days, p.percent, p.amount) for p in lp.interest_periods]
            want = [(p["year"], p["days"], Decimal(p["percent"]), Decimal(p["amount"])) for p in value]
            assert got == want
        elif isinstance(value, str) and field != "kind":
            assert getattr(lp, field) == Decimal(value), field
        else:
            assert getattr(lp, field) == value, field


def test_ravvedimento_closes_after_one_year() -> None:
    case = VECTORS["late_payment_errors"][0]
    with pytest.raises(RavvedimentoExpired) as info:
        sportello.late_payment(
            Decimal(case["due"]), _deadline(case), datetime.date.fromisoformat(case["paid_on"])
        )
    assert (info.value.field, info.value.rule) == (case["field"], case["rule"])


@pytest.mark.parametrize("case", VECTORS["f24"], ids=lambda c: str(c["name"]))
def test_f24_rows(case: dict[str, Any]) -> None:
    fee = _fee_from(case["request"])
    rows = sportello.f24_rows(
        fee, paid_on=datetime.date.fromisoformat(case["paid_on"]), deadline=_deadline(case)
    )
    got = [
        {"codice_ente": r.codice_ente, "tax_code": r.tax_code, "year": r.year, "amount": str(r.amount)}
        for r in rows
    ]
    assert got == case["rows"]
    assert rows[0].line.startswith("IMU e altri tributi locali | ente ")


# -- the Python surface -------------------------------------------------------------------------


def test_subject_kind_enum_and_plain_strings_are_the_same() -> None:
    from sportello import _native

    assert [k.value for k in SubjectKind] == _native.subject_kinds()
    a = annual_fee(2024, SubjectKind.REA_ONLY, sede_chamber="BG")
    b = annual_fee(2024, "rea_only", sede_chamber="bg")
    assert a.total_due == b.total_due == Decimal(18)
    assert a.subject == "rea_only"


def test_unknown_subject_is_a_typed_error() -> None:
    with pytest.raises(InvalidSubject) as info:
        annual_fee(2024, "spa", sede_chamber="BG")
    assert (info.value.field, info.value.rule) == ("subject", "subject_kind")


def test_floats_are_refused_for_turnover() -> None:
    with pytest.raises(sportello.InvalidAmount):
        annual_fee(2024, "turnover_based", turnover=1.5, sede_chamber="BG")  # type: ignore[arg-type]


def test_unknown_surcharge_asks_for_an_override() -> None:
    with pytest.raises(SurchargeError) as info:
        annual_fee(2024, "rea_only", sede_chamber="VA")
    assert "pass it in surcharges" in str(info.value)
    fee = annual_fee(2024, "rea_only", sede_chamber="VA", surcharges={"VA": Decimal("0.20")})
    assert fee.by_chamber["VA"].surcharge_source == "override"
    assert fee.total_due == Decimal(18)


def test_repr_and_json_show_the_steps() -> None:
    fee = annual_fee(2019, "turnover_based", turnover=265815, sede_chamber="RM", local_units={"RM": 2})
    assert "total_due=189" in repr(fee)
    assert "reduced=157.18916" in repr(fee.by_chamber["RM"])
    data = json.loads(fee.to_json())
    assert data["by_chamber"]["RM"]["increased"] == "188.62699"


def test_copy_of_five_pages_certified() -> None:
    q = sportello.copy_quote("VR", 5, certified=True)
    assert q["total"] == Decimal("53.50")
    assert sportello.STAMP_DUTY == Decimal("16.00")


def test_new_registration_deadline_has_no_window() -> None:
    d = sportello.new_registration_deadline(datetime.date(2024, 5, 2))
    assert d == FeeDeadline(datetime.date(2024, 6, 3))
    assert d.window_until is None


# -- batch --------------------------------------------------------------------------------------


def test_batch_accepts_lists_tuples_and_arrays() -> None:
    import array

    fees = annual_fees_batch(
        2019,
        ("turnover_based", SubjectKind.INDIVIDUAL_SPECIAL_SECTION, "rea_only"),
        [Decimal(265815), None, "1000"],
        array.array("I", [2, 1, 5]),
        Decimal("0.20"),
    )
    assert fees == [Decimal(189), Decimal(63), Decimal(18)]
    assert all(isinstance(f, Decimal) for f in fees)


def test_batch_row_error_names_its_index() -> None:
    with pytest.raises(MissingFeeInput) as info:
        annual_fees_batch(2024, ["rea_only", "turnover_based"], [None, None], [0, 0], chamber="BG")
    assert info.value.index == 1
    assert info.value.field == "turnover"


def test_batch_columns_must_have_equal_lengths() -> None:
    with pytest.raises(FeeError) as info:
        annual_fees_batch(2024, ["rea_only"], [None, None], [0], Decimal(0))
    assert info.value.rule == "equal_lengths"


def test_batch_reads_the_surcharge_of_its_chamber_when_asked() -> None:
    assert annual_fees_batch(2024, ["individual_special_section"], [None], [0], chamber="BG") == [
        Decimal(53)
    ]
    with pytest.raises(SurchargeError):
        annual_fees_batch(2024, ["individual_special_section"], [None], [0], chamber="VA")


def test_batch_surcharge_is_the_documented_zero_unless_given() -> None:
    # The signature of the issue: surcharge=Decimal(0) when neither a rate nor a chamber is given.
    default = annual_fees_batch(2024, ["individual_special_section"], [None], [0])
    explicit = annual_fees_batch(2024, ["individual_special_section"], [None], [0], surcharge=Decimal(0))
    assert default == explicit == [Decimal(44)]
    # an explicit rate overrides the chamber's table
    overridden = annual_fees_batch(2024, ["individual_special_section"], [None], [0], Decimal("0.1"), chamber="BG")
    assert overridden == [Decimal(48)]


def test_batch_bad_turnover_names_its_row() -> None:
    with pytest.raises(FeeError) as info:
        annual_fees_batch(
            2024, ["turnover_based", "turnover_based"], [Decimal(1000), "lots"], [0, 0], Decimal(0)
        )
    assert (info.value.index, info.value.field, info.value.rule) == (1, "turnovers", "format")


# -- configuration, occasions, merged chambers ---------------------------------------------------


def test_milano_seat_and_monza_unit_pay_one_fee_to_the_merged_chamber_in_2024() -> None:
    fee = annual_fee(2024, "individual_special_section", sede_chamber="MI", local_units={"MB": 1})
    assert list(fee.by_chamber) == ["MIMBLO"]
    assert fee.total_due == Decimal(63)
    rows = sportello.f24_rows(fee)
    assert [(r.codice_ente, r.tax_code, r.amount) for r in rows] == [("MI", "3850", Decimal("63.00"))]


def test_chamber_keys_repeated_after_normalisation_are_refused() -> None:
    with pytest.raises(FeeError) as info:
        annual_fee(2024, "rea_only", sede_chamber="BG", local_units={"mi": 1, "MI": 2})
    assert (info.value.field, info.value.rule) == ("local_units", "unique_chamber")


def test_occasion_by_name_enum_or_legacy_flag() -> None:
    by_name = annual_fee(2024, "turnover_based", sede_chamber="BS", occasion="new_registration")
    by_enum = annual_fee(2024, "turnover_based", sede_chamber="BS", occasion=sportello.Occasion.NEW_REGISTRATION)
    by_flag = annual_fee(2024, "turnover_based", sede_chamber="BS", new_registration=True)
    assert by_name.total_due == by_enum.total_due == by_flag.total_due
    assert by_name.occasion == "new_registration"
    from sportello import _native

    assert [o.value for o in sportello.Occasion] == _native.occasions()
    with pytest.raises(FeeError) as info:
        annual_fee(2024, "rea_only", sede_chamber="BG", occasion="first_year")  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("occasion", "occasion")
    with pytest.raises(FeeError) as info:
        annual_fee(2024, "rea_only", sede_chamber="BG", new_registration=True, new_local_units=True)
    assert info.value.rule == "exclusive_occasions"


def test_config_changes_the_unconfirmed_choices() -> None:
    shipped = sportello.FeeConfig.default()
    assert sportello.FeeConfig.from_json(shipped.to_json()) == shipped
    fee = annual_fee(2023, "rea_only", sede_chamber="MIMBLO")
    assert sportello.f24_rows(fee)[0].codice_ente == "MI"
    cfg = sportello.FeeConfig.from_json('{"ente_codes": {"codes": {"MIMBLO": "MB"}}}')
    assert sportello.f24_rows(fee, config=cfg)[0].codice_ente == "MB"
    deadline = FeeDeadline(datetime.date(2024, 7, 1), datetime.date(2024, 7, 31))
    window = sportello.late_payment(Decimal(100), deadline, datetime.date(2024, 7, 10))
    assert window.kind == "window"
    policy = json.loads(shipped.to_json())["late"]
    policy["short_tier_overlaps_window"] = True
    short = sportello.FeeConfig.from_json(json.dumps({"late": policy}))
    lp = sportello.late_payment(Decimal(100), deadline, datetime.date(2024, 7, 10), config=short)
    assert (lp.kind, lp.sanction) == ("ravvedimento_short", Decimal("3.75"))
    with pytest.raises(FeeError) as info:
        sportello.FeeConfig.from_json('{"tabels": {}}')
    assert (info.value.field, info.value.rule) == ("config", "config_format")


def test_a_window_ending_before_its_deadline_is_refused() -> None:
    with pytest.raises(FeeError) as info:
        FeeDeadline(datetime.date(2024, 7, 1), datetime.date(2024, 6, 30))
    assert (info.value.field, info.value.rule) == ("window_until", "window_after_deadline")


def test_service_fee_quote_prices_what_the_catalogue_declares() -> None:
    q = sportello.service_fee_quote('{"kind": "fixed", "secretarial": "5.00", "stamps": 1}', "BG")
    assert q == {"secretarial": Decimal("5.00"), "stamp_duty": Decimal("16.00"), "total": Decimal("21.00")}
    copy = sportello.service_fee_quote('{"kind": "copy", "certified": true}', "VR", pages=5)
    assert copy["total"] == Decimal("53.50")
    with pytest.raises(FeeError) as info:
        sportello.service_fee_quote('{"kind": "gratis"}', "BG")
    assert (info.value.field, info.value.rule) == ("service_fee", "format")


# -- an independent implementation, written from reference/annual-fee.md ------------------------

Q5 = Decimal("0.00001")
FIXED: dict[str, tuple[Decimal, Decimal]] = {
    "individual_special_section": (Decimal("88"), Decimal("17.60")),
    "individual_ordinary_section": (Decimal("200"), Decimal("40")),
    "simple_partnership_agricultural": (Decimal("100"), Decimal("20")),
    "simple_partnership_non_agricultural": (Decimal("200"), Decimal("40")),
    "law_firm_company": (Decimal("200"), Decimal("40")),
    "rea_only": (Decimal("30"), Decimal("0")),
    "foreign_company": (Decimal("0"), Decimal("110")),
}
BRACKETS: list[tuple[int, int | None, Decimal]] = [
    (100_000, 250_000, Decimal("0.00015")),
    (250_000, 500_000, Decimal("0.00013")),
    (500_000, 1_000_000, Decimal("0.00010")),
    (1_000_000, 10_000_000, Decimal("0.00009")),
    (10_000_000, 35_000_000, Decimal("0.00005")),
    (35_000_000, 50_000_000, Decimal("0.00003")),
    (50_000_000, None, Decimal("0.00001")),
]


def q5(x: Decimal) -> Decimal:
    return x.quantize(Q5, rounding=ROUND_HALF_EVEN)


def ref_reduction(year: int) -> Decimal:
    return {2015: Decimal("0.35"), 2016: Decimal("0.40")}.get(
        year, Decimal("0.50") if year >= 2017 else Decimal(0)
    )


def ref_bases(subject: str, turnover: Decimal) -> tuple[Decimal, Decimal]:
    if subject != "turnover_based":
        return FIXED[subject]
    total = Decimal(200)
    for low, high, rate in BRACKETS:
        if turnover <= low:
            break
        top = turnover if high is None else min(turnover, Decimal(high))
        total += q5((top - low) * rate)
    sede = q5(min(total, Decimal(40_000)))
    return sede, q5(min(q5(sede * Decimal("0.20")), Decimal(200)))


def ref_due(year: int, sede: Decimal, unit: Decimal, units: int, surcharge: Decimal) -> Decimal:
    total = q5(sede + units * unit)
    reduced = q5(total * (1 - ref_reduction(year)))
    increased = q5(reduced * (1 + surcharge))
    return increased.quantize(Decimal("0.01"), ROUND_HALF_UP).quantize(Decimal(1), ROUND_HALF_UP)


def _random_company(rng: random.Random) -> tuple[str, Decimal]:
    subject = rng.choice([k.value for k in SubjectKind] + ["turnover_based"] * 4)
    magnitude = 10 ** rng.randint(3, 10)
    turnover = Decimal(rng.randrange(magnitude))
    if rng.random() < 0.3:
        turnover += Decimal(rng.randrange(100)) / 100
    return subject, turnover


def test_differential_single_calls_agree_with_the_independent_implementation() -> None:
    rng = random.Random(20240630)
    chambers = ["BG", "BS", "MIMBLO", "VA", "CO"]
    for _ in range(1500):
        year = rng.randint(2011, 2027)
        subject, turnover = _random_company(rng)
        sede = rng.choice(chambers)
        units = {c: rng.randint(0, 4) for c in rng.sample(chambers, rng.randint(0, 3))}
        if subject == "foreign_company" and sum(units.values()) == 0:
            units[sede] = 1
        rates = {c: Decimal(rng.choice([0, 10, 15, 20, 50])) / 100 for c in chambers}
        fee = annual_fee(
            year, subject, turnover=turnover, sede_chamber=sede, local_units=units, surcharges=rates
        )
        s_base, u_base = ref_bases(subject, turnover)
        expected: dict[str, Decimal] = {}
        for chamber in chambers:
            has_sede = chamber == sede and subject != "foreign_company"
            n = units.get(chamber, 0)
            if has_sede or n > 0:
                expected[chamber] = ref_due(
                    year, s_base if has_sede else Decimal(0), u_base, n, rates[chamber]
                )
        # From 2020 Como is Como-Lecco on 1 January: the fee goes to the merged chamber.
        got = {("CO" if c == "COLC" else c): f.due for c, f in fee.by_chamber.items()}
        assert ("COLC" in fee.by_chamber) == ("CO" in expected and year >= 2020)
        assert got == expected, (year, subject, turnover, sede, units)
        assert fee.total_due == sum(expected.values())


def test_differential_batch_agrees_with_the_independent_implementation() -> None:
    rng = random.Random(7)
    for year, surcharge in [(2015, Decimal(0)), (2016, Decimal("0.10")), (2024, Decimal("0.20"))]:
        companies = [_random_company(rng) for _ in range(1000)]
        units = [rng.randint(1, 5) for _ in companies]
        fees = annual_fees_batch(
            year, [s for s, _ in companies], [t for _, t in companies], units, surcharge
        )
        for (subject, turnover), n, got in zip(companies, units, fees):
            s_base, u_base = ref_bases(subject, turnover)
            assert got == ref_due(year, s_base, u_base, n, surcharge), (year, subject, turnover, n)
