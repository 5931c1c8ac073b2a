"""Times `sportello.annual_fees_batch` against a straightforward pure-Python implementation of the
same rules (decimal, 5-decimal half-even steps, cent then euro half-up), in one run, on the same
companies; checks both agree and prints the ratio. Bar: >= 30x.

Two pure-Python versions are timed: `straightforward_fee`, the reference's pipeline (§7) written as
one function per company with a helper per rounding (the bar's baseline), and `hoisted_fee`, the
same with every constant hoisted out of the loop (a harder opponent, reported for honesty).

    .venv/bin/maturin develop --release -m bindings-python/Cargo.toml   # a release build
    .venv/bin/python benches/python/fees_batch_vs_pure_python.py [--rows 200000] [--ints]

Numbers are noisy on a shared machine: take the ratio, not the absolute times.
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import sportello

Q5 = Decimal("0.00001")
CENT = Decimal("0.01")
UNIT = Decimal(1)
FIXED = {
    "individual_special_section": (Decimal("88"), Decimal("17.60")),
    "individual_ordinary_section": (Decimal("200"), Decimal("40")),
    "simple_partnership_agricultural": (Decimal("100"), Decimal("20")),
    "simple_partnership_non_agricultural": (Decimal("200"), Decimal("40")),
    "law_firm_company": (Decimal("200"), Decimal("40")),
    "rea_only": (Decimal("30"), Decimal("0")),
    "foreign_company": (Decimal("0"), Decimal("110")),
}
BRACKETS = [
    (Decimal(100_000), Decimal(250_000), Decimal("0.00015")),
    (Decimal(250_000), Decimal(500_000), Decimal("0.00013")),
    (Decimal(500_000), Decimal(1_000_000), Decimal("0.00010")),
    (Decimal(1_000_000), Decimal(10_000_000), Decimal("0.00009")),
    (Decimal(10_000_000), Decimal(35_000_000), Decimal("0.00005")),
    (Decimal(35_000_000), Decimal(50_000_000), Decimal("0.00003")),
    (Decimal(50_000_000), None, Decimal("0.00001")),
]
CAP = Decimal(40_000)
UNIT_CAP = Decimal(200)
SHARE = Decimal("0.20")


def q5(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.00001"), rounding=ROUND_HALF_EVEN)


def reduction(year: int) -> Decimal:
    if year >= 2017:
        return Decimal("0.50")
    return {2015: Decimal("0.35"), 2016: Decimal("0.40")}.get(year, Decimal(0))


def turnover_base(turnover: Decimal) -> Decimal:
    total = Decimal(200)
    for low, high, rate in BRACKETS:
        if turnover > low:
            top = turnover if high is None else min(turnover, high)
            total += q5((top - low) * rate)
    return min(total, CAP)


def straightforward_fee(year: int, subject: str, turnover: Decimal | None, units: int, surcharge: Decimal) -> Decimal:
    """One company, the pipeline of reference/annual-fee.md §7 as written there."""
    if subject == "turnover_based":
        assert turnover is not None
        sede_base = turnover_base(turnover)
        unit_base = q5(min(q5(Decimal("0.20") * sede_base), Decimal(200)))
    else:
        sede_base, unit_base = FIXED[subject]
    total_base = q5(sede_base + units * unit_base)
    reduced = q5(total_base * (1 - reduction(year)))
    increased = q5(reduced * (1 + surcharge))
    cents = increased.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return cents.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def hoisted_fee(subject: str, turnover: Decimal | None, units: int, keep: Decimal, up: Decimal) -> Decimal:
    """The same rules with every constant hoisted out of the loop."""
    if subject == "turnover_based":
        assert turnover is not None
        total = Decimal(200)
        for low, high, rate in BRACKETS:
            if turnover <= low:
                break
            top = turnover if high is None or turnover < high else high
            total += ((top - low) * rate).quantize(Q5, ROUND_HALF_EVEN)
        sede = min(total, CAP)
        unit = min((sede * SHARE).quantize(Q5, ROUND_HALF_EVEN), UNIT_CAP)
    else:
        sede, unit = FIXED[subject]
    total_base = (sede + units * unit).quantize(Q5, ROUND_HALF_EVEN)
    reduced = (total_base * keep).quantize(Q5, ROUND_HALF_EVEN)
    increased = (reduced * up).quantize(Q5, ROUND_HALF_EVEN)
    return increased.quantize(CENT, ROUND_HALF_UP).quantize(UNIT, ROUND_HALF_UP)


def population(n: int, ints: bool) -> tuple[list[str], list[Decimal | int | None], list[int]]:
    rng = random.Random(42)
    kinds = list(FIXED) + ["turnover_based"] * 16
    subjects, turnovers, units = [], [], []
    for _ in range(n):
        s = rng.choice(kinds)
        subjects.append(s)
        cents = rng.randrange(10 ** rng.randint(6, 12))
        if s != "turnover_based":
            turnovers.append(None)
        elif ints:
            turnovers.append(cents // 100)
        else:
            turnovers.append(Decimal(cents).scaleb(-2))
        units.append(rng.randint(1 if s == "foreign_company" else 0, 3))
    return subjects, turnovers, units


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--ints", action="store_true", help="whole-euro turnovers as int")
    args = parser.parse_args()
    year, surcharge = 2024, Decimal("0.20")
    keep, up = Decimal(1) - Decimal("0.50"), Decimal(1) + surcharge
    subjects, turnovers, units = population(args.rows, args.ints)

    t0 = time.perf_counter()
    native = sportello.annual_fees_batch(year, subjects, turnovers, units, surcharge)
    t1 = time.perf_counter()
    plain = [
        straightforward_fee(year, s, None if t is None else Decimal(t), n, surcharge)
        for s, t, n in zip(subjects, turnovers, units)
    ]
    t2 = time.perf_counter()
    hoisted = [
        hoisted_fee(s, None if t is None else Decimal(t), n, keep, up)
        for s, t, n in zip(subjects, turnovers, units)
    ]
    t3 = time.perf_counter()

    assert native == plain == hoisted, "the batch and the pure-Python implementations disagree"
    rust_s, plain_s, hoisted_s = t1 - t0, t2 - t1, t3 - t2
    print(f"rows: {args.rows} ({'int' if args.ints else 'Decimal'} turnovers, 2024, +20 %); all fees agree")
    print(f"sportello.annual_fees_batch:   {rust_s:.3f} s ({args.rows / rust_s / 1e6:.2f} M rows/s)")
    print(f"pure Python, straightforward:  {plain_s:.3f} s ({args.rows / plain_s / 1e3:.1f} k rows/s)")
    print(f"pure Python, constants hoisted: {hoisted_s:.3f} s ({args.rows / hoisted_s / 1e3:.1f} k rows/s)")
    print(f"ratio vs straightforward: {plain_s / rust_s:.1f}x (bar: >= 30x)")
    print(f"ratio vs hoisted:         {hoisted_s / rust_s:.1f}x")

if __name__ == "__main__":
    main()
