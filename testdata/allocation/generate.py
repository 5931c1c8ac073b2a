"""Regenerates vectors.json: plans and their expected allocation, computed by the independent
fraction solver of the Python tests (bindings-python/tests/allocation_oracle.py), never by the
Rust engine. Run from the repository root: python3 testdata/allocation/generate.py
"""

from __future__ import annotations

import copy
import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bindings-python" / "tests"))

import allocation_oracle as oracle  # noqa: E402


def cents(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.01")))


def expected(plan: dict[str, Any]) -> dict[str, Any]:
    try:
        pools = oracle.allocate_plan(plan)
    except oracle.Infeasible as e:
        return {
            "error": {
                "kind": "infeasible",
                "pool": e.pool,
                "amount": cents(Decimal(e.amount.numerator) / e.amount.denominator),
                "minimums": cents(Decimal(e.minimums.numerator) / e.minimums.denominator),
                "maximums": None
                if e.maximums is None
                else cents(Decimal(e.maximums.numerator) / e.maximums.denominator),
            }
        }
    totals: dict[str, Decimal] = {p["chamber"]: Decimal(0) for p in plan["participants"]}
    out: dict[str, Any] = {}
    for name, r in pools.items():
        out[name] = {"amounts": {c: cents(v) for c, v in r.cents.items()}, "sponsored": cents(r.sponsored)}
        for c, v in r.cents.items():
            totals[c] += v
    return {"pools": out, "totals": {c: cents(v) for c, v in totals.items()}}


def lombardy() -> dict[str, Any]:
    text = (HERE.parent.parent / "core" / "data" / "allocation" / "lombardy-2014.json").read_text()
    plan: dict[str, Any] = json.loads(text)
    del plan["excluded"], plan["note"]
    for p in plan["participants"]:
        del p["source"]
    return plan


def hand_made() -> list[tuple[str, dict[str, Any]]]:
    shipped = lombardy()
    sponsored = copy.deepcopy(shipped)
    sponsored["sponsor"] = {"name": "Unioncamere Lombardia"}
    ten = copy.deepcopy(shipped)
    for p in ten["participants"]:
        p["services"] = 10
    return [
        ("lombardy 2014 as shipped: the minimum-package bands cannot cover maintenance", shipped),
        ("lombardy 2014 with a sponsor covering the shortfall", sponsored),
        ("lombardy 2014 if every chamber had 10 services (hypothetical): MI clamped to 54,400", ten),
        (
            "thirds of a cent go to the lowest chamber codes",
            {
                "year": 2020,
                "participants": [{"chamber": c} for c in ["VA", "BG", "MI"]],
                "pools": [{"name": "equal", "amount": "100.00", "driver": "equal"}],
            },
        ),
        (
            "a zero driver pays its band minimum",
            {
                "year": 2020,
                "participants": [
                    {"chamber": "SO", "consumption": 0, "services": 3},
                    {"chamber": "CO", "consumption": 40, "services": 3},
                    {"chamber": "CR", "consumption": 20, "services": 3},
                ],
                "pools": [
                    {
                        "name": "user_assistance",
                        "amount": "9000",
                        "driver": "consumption",
                        "bands": [{"services_from": 0, "services_to": 10, "min": "1000", "max": "7000"}],
                    }
                ],
            },
        ),
        (
            "minimums above the pool are refused even with a sponsor",
            {
                "year": 2020,
                "participants": [{"chamber": c, "businesses": 10, "services": 3} for c in ["MN", "LO"]],
                "pools": [
                    {
                        "name": "maintenance",
                        "amount": "4999.99",
                        "driver": "businesses",
                        "bands": [{"services_from": 3, "services_to": 3, "min": "2500", "max": "15000"}],
                    }
                ],
                "sponsor": {"name": "Unioncamere Lombardia"},
            },
        ),
    ]


def random_plan(rng: random.Random) -> dict[str, Any]:
    n = rng.randint(1, 9)
    codes = rng.sample(["MI", "BS", "BG", "MB", "PV", "LC", "SO", "VA", "CO", "MN", "CR", "LO"], n)
    participants = [
        {
            "chamber": c,
            "businesses": rng.choice([0, rng.randint(1, 400_000)]),
            "services": rng.randint(1, 10),
            "consumption": rng.randint(0, 5000),
        }
        for c in codes
    ]
    pools = []
    for name, driver in [("maintenance", "businesses"), ("development", "services"), ("assistance", "consumption")]:
        bands = []
        if rng.random() < 0.7:
            low = rng.randint(0, 3000_00)
            bands.append({"services_from": 1, "services_to": 3, "min": cents(Decimal(low) / 100),
                          "max": cents(Decimal(low + rng.randint(0, 20000_00)) / 100)})
            low = rng.randint(0, 6000_00)
            bands.append({"services_from": 4, "services_to": 10, "min": cents(Decimal(low) / 100),
                          "max": cents(Decimal(low + rng.randint(0, 60000_00)) / 100)})
        low_sum, high_sum = 0, 0
        for p in participants:
            band = next((b for b in bands if b["services_from"] <= p["services"] <= b["services_to"]), None)
            lo = int(Decimal(band["min"]) * 100) if band else 0
            hi = int(Decimal(band["max"]) * 100) if band else 25000_00
            low_sum += lo
            high_sum += hi if p[driver] > 0 else lo
        roll = rng.random()
        if roll < 0.1:
            amount_cents = rng.randint(0, max(low_sum - 1, 0))
        elif roll < 0.2:
            amount_cents = high_sum + rng.randint(1, 10000_00)
        else:
            amount_cents = rng.randint(low_sum, max(low_sum, high_sum))
        amount = cents(Decimal(amount_cents) / 100)
        pools.append({"name": name, "amount": amount, "driver": driver, "bands": bands})
    sponsor = {"name": "Regione"} if rng.random() < 0.3 else None
    return {"year": 2015, "participants": participants, "pools": pools, "sponsor": sponsor}


def main() -> None:
    rng = random.Random(20140101)
    cases = hand_made() + [(f"random plan #{i}", random_plan(rng)) for i in range(40)]
    vectors = [{"name": name, "plan": plan, "expected": expected(plan)} for name, plan in cases]
    doc = {
        "about": "Allocation vectors shared by the Rust, Python and Kotlin tests. Expected values come "
        "from the independent fraction solver (bindings-python/tests/allocation_oracle.py); "
        "regenerate with testdata/allocation/generate.py.",
        "vectors": vectors,
    }
    (HERE / "vectors.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
