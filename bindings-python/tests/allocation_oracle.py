"""An independent exact solver for the clamped proportional allocation, over fractions.

It shares nothing with the Rust engine but the rules of the issue: each share is
``clamp(level * driver, min, max)`` for the one water level at which the shares add up to the pool,
a zero driver pays its minimum, cents go by largest remainder with ties to the lowest chamber code.

The algorithm differs on purpose: the Rust engine sweeps sorted breakpoints keeping a running
slope; this one evaluates the total at every breakpoint from scratch (quadratic, fine for tests)
and interpolates linearly inside the bracketing segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Item:
    chamber: str
    weight: int
    low: Fraction
    high: Fraction | None


@dataclass(frozen=True)
class PoolResult:
    exact: dict[str, Fraction]
    cents: dict[str, Decimal]
    sponsored: Decimal


class Infeasible(Exception):
    def __init__(self, pool: str, amount: Fraction, minimums: Fraction, maximums: Fraction | None) -> None:
        super().__init__(pool)
        self.pool = pool
        self.amount = amount
        self.minimums = minimums
        self.maximums = maximums


def _clamp(x: Fraction, low: Fraction, high: Fraction | None) -> Fraction:
    if x < low:
        return low
    if high is not None and x > high:
        return high
    return x


def _total(level: Fraction, items: list[Item]) -> Fraction:
    return sum((_clamp(level * it.weight, it.low, it.high) for it in items), Fraction(0))


def exact_shares(pool: str, amount: Fraction, items: list[Item], sponsored: bool) -> tuple[list[Fraction], Fraction]:
    """The exact shares and what a sponsor covers; raises Infeasible."""
    minimums = sum((it.low for it in items), Fraction(0))
    maximums: Fraction | None = Fraction(0)
    for it in items:
        reach = it.low if it.weight == 0 else it.high
        maximums = None if maximums is None or reach is None else maximums + reach
    if amount < minimums:
        raise Infeasible(pool, amount, minimums, maximums)
    if maximums is not None and amount > maximums:
        if not sponsored:
            raise Infeasible(pool, amount, minimums, maximums)
        return [it.low if it.weight == 0 else (it.high or Fraction(0)) for it in items], amount - maximums
    points = {Fraction(0)}
    for it in items:
        if it.weight > 0:
            points.add(it.low / it.weight)
            if it.high is not None:
                points.add(it.high / it.weight)
    previous = Fraction(0)
    level: Fraction | None = None
    for b in sorted(points):
        fb = _total(b, items)
        if fb >= amount:
            fp = _total(previous, items)
            level = b if fb == fp else previous + (amount - fp) * (b - previous) / (fb - fp)
            break
        previous = b
    if level is None:
        slope = sum(it.weight for it in items if it.weight > 0 and it.high is None)
        level = previous + (amount - _total(previous, items)) / slope
    shares = [it.low if it.weight == 0 else _clamp(level * it.weight, it.low, it.high) for it in items]
    assert sum(shares) == amount
    return shares, Fraction(0)


def to_cents(amount: Fraction, chambers: list[str], shares: list[Fraction]) -> list[int]:
    """Largest remainder in cents, ties to the lowest chamber code."""
    in_cents = [s * 100 for s in shares]
    floors = [x.numerator // x.denominator for x in in_cents]
    missing = int(amount * 100) - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(in_cents[i] - floors[i]), chambers[i]))
    for i in order[:missing]:
        floors[i] += 1
    return floors


def _amount(v: Any) -> Fraction:
    return Fraction(Decimal(str(v)))


def allocate_plan(plan: dict[str, Any]) -> dict[str, PoolResult]:
    """Every pool of a plan document, exactly; raises Infeasible for the first pool that is."""
    participants = plan["participants"]
    sponsored = plan.get("sponsor") is not None
    result: dict[str, PoolResult] = {}
    for pool in plan["pools"]:
        items = []
        for p in participants:
            weight = 1 if pool["driver"] == "equal" else int(p[pool["driver"]])
            low, high = Fraction(0), None
            for band in pool.get("bands", []):
                if band["services_from"] <= p["services"] <= band["services_to"]:
                    low, high = _amount(band["min"]), _amount(band["max"])
            items.append(Item(p["chamber"], weight, low, high))
        amount = _amount(pool["amount"])
        shares, sponsor = exact_shares(pool["name"], amount, items, sponsored)
        chambers = [it.chamber for it in items]
        cents = to_cents(amount - sponsor, chambers, shares)
        result[pool["name"]] = PoolResult(
            exact=dict(zip(chambers, shares)),
            cents={c: Decimal(n) / 100 for c, n in zip(chambers, cents)},
            sponsored=Decimal(sponsor.numerator) / Decimal(sponsor.denominator),
        )
    return result
