"""Catalogue search through the Python binding, side by side with the Rust bench.

Times `Catalog.default()` and `catalog.search()` over the need phrases of
`testdata/catalog/needs.json` from Python (binding overhead included), and reports p50/p99.
Run after `maturin develop`:  .venv/bin/python benches/python/catalog.py
Numbers on a shared, loaded machine are noisy: compare medians, not maxima.
"""

import json
import statistics
import time
from pathlib import Path

import sportello

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    needs = json.loads((ROOT / "testdata" / "catalog" / "needs.json").read_text(encoding="utf-8"))
    queries = [n["text"] for half in ("tuning", "held_out") for n in needs[half]]

    loads = []
    for _ in range(20):
        t = time.perf_counter()
        catalog = sportello.Catalog.default()
        loads.append(time.perf_counter() - t)
    print(f"Catalog.default(): median {statistics.median(loads) * 1e3:.2f} ms")

    times = []
    for i in range(3000):
        q = queries[i % len(queries)]
        t = time.perf_counter()
        catalog.search(q, profile="business")
        times.append(time.perf_counter() - t)
    times.sort()
    p50 = times[len(times) // 2] * 1e6
    p99 = times[int(len(times) * 0.99)] * 1e6
    print(f"catalog.search() on {len(catalog)} services: p50 {p50:.1f} us, p99 {p99:.1f} us")


if __name__ == "__main__":
    main()
