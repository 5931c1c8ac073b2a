"""Cost allocation through the Python front door, checked against an independent exact solver."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import allocation_oracle as oracle
import sportello
from sportello import AllocationError, AllocationInfeasible, AllocationPlan, SportelloError, allocate

VECTORS = Path(__file__).resolve().parents[2] / "testdata" / "allocation" / "vectors.json"

ISSUE_EXAMPLE: dict[str, Any] = {
    "year": 2014,
    "participants": [
        {"chamber": "MI", "businesses": 356824, "services": 10, "consumption": 1200},
        {"chamber": "BS", "businesses": 121878, "services": 4, "consumption": 300},
        {"chamber": "LC", "businesses": 26935, "services": 3, "consumption": 80},
    ],
    "pools": [
        {
            "name": "maintenance",
            "amount": "182000",
            "driver": "businesses",
            "bands": [
                {"services_from": 3, "services_to": 3, "min": "2500", "max": "15000"},
                {"services_from": 4, "services_to": 10, "min": Decimal("5000"), "max": 54400},
            ],
        },
        {"name": "user_assistance", "amount": "10000.00", "driver": "consumption"},
    ],
    "sponsor": {"name": "Unioncamere Lombardia"},
}


def test_from_dict_allocate_and_read_amounts() -> None:
    a = allocate(AllocationPlan.from_dict(ISSUE_EXAMPLE))
    # bands cap everyone: MI 54,400 + BS 54,400 + LC 15,000 = 123,800; the sponsor covers 58,200
    assert a.amount("maintenance", "MI") == Decimal("54400.00")
    assert a.amount("maintenance", "LC") == Decimal("15000.00")
    assert a.sponsored("maintenance") == Decimal("58200.00")
    assert a.sponsor_amount == Decimal("58200.00")
    # 10,000 by consumption 1200:300:80 -> 7594.936..., 1898.734..., 506.329...
    assert [line.amount for line in a.lines("user_assistance")] == [
        Decimal("7594.94"),
        Decimal("1898.73"),
        Decimal("506.33"),
    ]
    assert a.by_chamber == {
        "MI": Decimal("61994.94"),
        "BS": Decimal("56298.73"),
        "LC": Decimal("15506.33"),
    }
    assert all(isinstance(v, Decimal) for v in a.by_chamber.values())


def test_statement_of_a_chamber() -> None:
    a = allocate(AllocationPlan.from_dict(ISSUE_EXAMPLE))
    s = a.statement("MI")
    assert s.chamber == "MI" and s.year == 2014
    assert [line.pool for line in s.lines] == ["maintenance", "user_assistance"]
    assert s.lines[0].clamped == "max"
    assert s.lines[0].band_max == Decimal("54400")
    assert s.lines[1].clamped is None and s.lines[1].band_min is None
    assert s.total == Decimal("61994.94")
    assert "| **total** |" in s.to_markdown()
    assert json.loads(s.to_json())["total"] == "61994.94"


def test_renderings() -> None:
    a = allocate(AllocationPlan.from_dict(ISSUE_EXAMPLE))
    rows = a.to_csv().splitlines()
    assert rows[0].startswith("year,pool,driver,pool_amount,payer_kind,payer")
    assert len(rows) == 1 + 3 + 1 + 3
    assert "sponsor: Unioncamere Lombardia" in a.to_markdown()
    doc = json.loads(a.to_json())
    assert doc["pools"][0]["lines"][0]["amount"] == "54400.00"


def test_the_shipped_2014_plan_is_infeasible_with_its_figures() -> None:
    plan = AllocationPlan.lombardy_2014()
    assert plan.chambers == ["MI", "BS", "BG", "MB", "PV", "LC"]
    assert [c for c, _ in plan.excluded] == ["SO", "VA", "CO", "MN", "CR", "LO"]
    with pytest.raises(AllocationInfeasible) as info:
        allocate(plan)
    e = info.value
    assert (e.pool, e.amount, e.minimums, e.maximums) == (
        "maintenance",
        Decimal("182000"),
        Decimal("15000.00"),
        Decimal("90000.00"),
    )
    assert e.rule == "infeasible"
    assert isinstance(e, AllocationError) and isinstance(e, SportelloError)
    sponsored = allocate(plan.with_sponsor("Unioncamere Lombardia"))
    assert sponsored.sponsor_amount == Decimal("92000.00")


def test_floats_are_refused_in_plans() -> None:
    bad = json.loads(json.dumps(ISSUE_EXAMPLE, default=str))
    bad["pools"][0]["amount"] = 182000.0
    with pytest.raises(AllocationError) as info:
        AllocationPlan.from_dict(bad)
    assert info.value.rule == "malformed"
    assert info.value.field == "plan.pools[0].amount"


def test_plan_rules_are_typed_errors() -> None:
    bad = json.loads(json.dumps(ISSUE_EXAMPLE, default=str))
    bad["participants"][1]["services"] = 11
    with pytest.raises(AllocationError) as info:
        AllocationPlan.from_dict(bad)
    assert (info.value.rule, info.value.field) == ("no_band", "bands")
    with pytest.raises(AllocationError) as info:
        allocate(AllocationPlan.from_dict(ISSUE_EXAMPLE)).amount("maintenance", "SO")
    assert info.value.rule == "unknown_chamber"


def test_plan_json_round_trip() -> None:
    plan = AllocationPlan.lombardy_2014()
    again = AllocationPlan.from_json(plan.to_json())
    assert again.to_json() == plan.to_json()
    assert "AllocationPlan(year=2014" in repr(plan)


# -- shared vectors: the same file as the Rust and Kotlin tests ----------------------------------


def _vectors() -> list[dict[str, Any]]:
    doc: dict[str, Any] = json.loads(VECTORS.read_text())
    vectors: list[dict[str, Any]] = doc["vectors"]
    return vectors


@pytest.mark.parametrize("vector", _vectors(), ids=lambda v: str(v["name"]))
def test_shared_vector(vector: dict[str, Any]) -> None:
    plan = AllocationPlan.from_dict(vector["plan"])
    expected = vector["expected"]
    if "error" in expected:
        e = expected["error"]
        with pytest.raises(AllocationInfeasible) as info:
            allocate(plan)
        assert info.value.pool == e["pool"]
        assert info.value.minimums == Decimal(e["minimums"])
        assert info.value.maximums == (None if e["maximums"] is None else Decimal(e["maximums"]))
        return
    a = allocate(plan)
    for pool, p in expected["pools"].items():
        for chamber, amount in p["amounts"].items():
            assert a.amount(pool, chamber) == Decimal(amount), (pool, chamber)
        assert a.sponsored(pool) == Decimal(p["sponsored"])
    assert a.by_chamber == {c: Decimal(v) for c, v in expected["totals"].items()}


def test_the_vectors_agree_with_the_independent_solver() -> None:
    """The expected values in the shared file are the oracle's, not the engine's."""
    for v in _vectors():
        try:
            got = oracle.allocate_plan(v["plan"])
        except oracle.Infeasible as e:
            assert v["expected"]["error"]["pool"] == e.pool
            continue
        for pool, p in v["expected"]["pools"].items():
            assert {c: Decimal(x) for c, x in p["amounts"].items()} == got[pool].cents


# -- the differential bar: thousands of random plans against the fraction solver ----------------

CODES = ["MI", "BS", "BG", "MB", "PV", "LC", "SO", "VA", "CO", "MN", "CR", "LO"]


def _random_plan(rng: random.Random) -> dict[str, Any]:
    n = rng.randint(1, 10)
    participants: list[dict[str, Any]] = [
        {
            "chamber": c,
            "businesses": rng.choice([0, rng.randint(1, 50), rng.randint(1, 500_000)]),
            "services": rng.randint(1, 10),
            "consumption": rng.randint(0, 3),
        }
        for c in rng.sample(CODES, n)
    ]
    pools = []
    for name, driver in rng.sample([("m", "businesses"), ("s", "services"), ("c", "consumption"), ("e", "equal")], 2):
        bands: list[dict[str, Any]] = []
        if rng.random() < 0.75:
            cut = rng.randint(1, 10)
            for lo_s, hi_s in [(1, cut), (cut + 1, 10)]:
                if lo_s <= hi_s:
                    low = rng.randint(0, 300_00)
                    bands.append(
                        {
                            "services_from": lo_s,
                            "services_to": hi_s,
                            "min": str(Decimal(low) / 100),
                            "max": str(Decimal(low + rng.choice([0, rng.randint(0, 5_000_00)])) / 100),
                        }
                    )
        low_sum = high_sum = 0
        for p in participants:
            band = next((b for b in bands if b["services_from"] <= p["services"] <= b["services_to"]), None)
            low = int(Decimal(band["min"]) * 100) if band else 0
            weight = 1 if driver == "equal" else int(p[driver])
            high_sum += (int(Decimal(band["max"]) * 100) if band else 10**7) if weight > 0 else low
            low_sum += low
        roll = rng.random()
        if roll < 0.08:
            amount = rng.randint(0, max(low_sum - 1, 0))
        elif roll < 0.16:
            amount = high_sum + rng.randint(1, 1000_00)
        else:
            amount = rng.randint(low_sum, max(low_sum, high_sum))
        pools.append({"name": name, "amount": str(Decimal(amount) / 100), "driver": driver, "bands": bands})
    sponsor = {"name": "Regione"} if rng.random() < 0.25 else None
    return {"year": 2020, "participants": participants, "pools": pools, "sponsor": sponsor}


def test_differential_against_an_independent_exact_solver() -> None:
    rng = random.Random(5)
    feasible = infeasible = sponsored = 0
    for _ in range(3000):
        doc = _random_plan(rng)
        plan = AllocationPlan.from_dict(doc)
        try:
            expected = oracle.allocate_plan(doc)
        except oracle.Infeasible as e:
            infeasible += 1
            with pytest.raises(AllocationInfeasible) as info:
                allocate(plan)
            assert info.value.pool == e.pool
            assert Fraction(info.value.minimums) == e.minimums
            assert (info.value.maximums is None) == (e.maximums is None)
            continue
        feasible += 1
        a = allocate(plan)
        for pool in doc["pools"]:
            name = pool["name"]
            exp = expected[name]
            lines = a.lines(name)
            sponsor = a.sponsored(name)
            sponsored += sponsor > 0
            assert sum((line.amount for line in lines), Decimal(0)) + sponsor == Decimal(pool["amount"])
            assert Fraction(sponsor) == Fraction(exp.sponsored)
            for line in lines:
                exact = exp.exact[line.chamber]
                assert abs(Fraction(line.amount) - exact) < Fraction(1, 100), (name, line)
                assert line.amount == exp.cents[line.chamber], (name, line)
                if line.band_min is not None and line.band_max is not None:
                    assert line.band_min <= line.amount <= line.band_max
    assert feasible > 1000 and infeasible > 100 and sponsored > 20, (feasible, infeasible, sponsored)


def test_exports() -> None:
    for name in ["AllocationPlan", "allocate", "AllocationInfeasible", "Statement", "AllocationLine"]:
        assert hasattr(sportello, name)
        assert name in sportello.allocation.__all__
