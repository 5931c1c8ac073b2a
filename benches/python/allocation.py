"""Side by side: sportello.allocate (Rust, exact) against a pure-Python exact solver (fractions).

No Python library ships a clamped proportional allocation, so the peer is the independent solver
of the tests (bindings-python/tests/allocation_oracle.py, quadratic by design) and a
straightforward pure-Python version of the same sweep the engine uses (n log n, fractions).

Run after `maturin develop` (a debug build unless `--release`): .venv/bin/python benches/python/allocation.py [n]
Numbers on a shared machine are noisy: read them as orders of magnitude.
"""

from __future__ import annotations

import random
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings-python" / "tests"))

import allocation_oracle as oracle  # noqa: E402
from sportello import AllocationPlan, allocate  # noqa: E402


def plan(n: int) -> dict[str, Any]:
    rng = random.Random(1)
    participants = []
    for i in range(n):
        r = rng.randrange(1000)
        participants.append({"chamber": f"C{i:07}", "businesses": 1 + r * r * rng.randrange(7),
                             "services": rng.randint(1, 10)})
    bands = [
        {"services_from": 1, "services_to": 3, "min": "100", "max": "1500"},
        {"services_from": 4, "services_to": 10, "min": "500", "max": "5440"},
    ]
    amount = 1820 * n
    return {"year": 2014, "participants": participants,
            "pools": [{"name": "maintenance", "amount": str(amount), "driver": "businesses", "bands": bands}]}


def sweep_python(doc: dict[str, Any]) -> list[Fraction]:
    """The engine's algorithm in pure Python with fractions (sorted breakpoints, running slope)."""
    pool = doc["pools"][0]
    items = []
    for p in doc["participants"]:
        band = next(b for b in pool["bands"] if b["services_from"] <= p["services"] <= b["services_to"])
        items.append((p["businesses"], Fraction(band["min"]), Fraction(band["max"])))
    amount = Fraction(pool["amount"])
    points = []
    for i, (w, lo, hi) in enumerate(items):
        points.append((lo / w, 0, i))
        points.append((hi / w, 1, i))
    points.sort()
    c = sum(lo for _, lo, _ in items)
    s = 0
    level = None
    for value, leaves, i in points:
        if s > 0 and c + value * s >= amount:
            level = (amount - c) / s
            break
        w, lo, hi = items[i]
        if leaves:
            c, s = c + hi, s - w
        else:
            c, s = c - lo, s + w
    if level is None:
        level = (amount - c) / s if s else Fraction(0)
    return [min(max(level * w, lo), hi) for w, lo, hi in items]


def timed(label: str, f: Any) -> Any:
    t = time.perf_counter()
    out = f()
    print(f"  {label:<48} {time.perf_counter() - t:8.3f} s")
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"{n} participants, one banded pool")
    doc = plan(n)
    p = timed("sportello: AllocationPlan.from_dict", lambda: AllocationPlan.from_dict(doc))
    a = timed("sportello: allocate", lambda: allocate(p))
    exact = timed("pure Python sweep over fractions", lambda: sweep_python(doc))
    worst = max(abs(Fraction(line.amount) - x) for line, x in zip(a.lines("maintenance"), exact))
    print(f"  largest |cents - exact share| = {float(worst):.4f} EUR")
    small = plan(min(n, 500))
    timed(f"oracle of the tests (quadratic), n={len(small['participants'])}", lambda: oracle.allocate_plan(small))
    timed(f"sportello: from_dict + allocate, n={len(small['participants'])}",
          lambda: allocate(AllocationPlan.from_dict(small)))


if __name__ == "__main__":
    main()
