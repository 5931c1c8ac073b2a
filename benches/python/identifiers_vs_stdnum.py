"""Times the Python binding of sportello against python-stdnum on the same generated valid codes.

    maturin develop --release -m bindings-python/Cargo.toml   # into the active virtualenv
    python benches/python/identifiers_vs_stdnum.py [--n 200000] [--seed 20241126]

One run, one process, single thread: 200,000 valid codici fiscali (real dates 1930-2019, men and
women, one in four omocodic) and 200,000 partite IVA, each validated by python-stdnum
(`stdnum.it.codicefiscale.is_valid`, `stdnum.it.iva.is_valid`), by sportello one call per code
(`is_valid_codice_fiscale`, `is_valid_partita_iva`) and by sportello in one batch call
(`validate_codici_fiscali`, `validate_partite_iva`). Prints items/s in wall-clock and in process
CPU time (the machine may be shared: CPU time is the steadier figure) and the ratios.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date

import stdnum
from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva

import sportello

_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
    )
)
_OMOCODIA = "LMNPQRSTUV"
_MONTHS = "ABCDEHLMPRST"
_PLACES = ["F205", "H501", "L219", "D969", "A794", "B157", "Z110", "Z404", "M082", "G273", "L736", "E506", "C351", "B354"]


def _check(first15: str) -> str:
    total = sum(_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65) for i, c in enumerate(first15))
    return chr(65 + total % 26)


def codice_fiscale(rng: random.Random) -> str:
    d = date.fromordinal(date(1930, 1, 1).toordinal() + rng.randrange(90 * 365))
    names = "".join(rng.choice("BCDFGHLMNPRSTVZ") for _ in range(6))
    day = d.day + (40 if rng.random() < 0.5 else 0)
    chars = list(f"{names}{d.year % 100:02d}{_MONTHS[d.month - 1]}{day:02d}{rng.choice(_PLACES)}")
    if rng.random() < 0.25:  # omocodia, progressive from the right, 1-7 substitutions
        for i in [14, 13, 12, 10, 9, 7, 6][: rng.randrange(1, 8)]:
            chars[i] = _OMOCODIA[int(chars[i])]
    first15 = "".join(chars)
    return first15 + _check(first15)


def partita_iva(rng: random.Random) -> str:
    first10 = f"{rng.randrange(1, 10_000_000):07d}{rng.choice([*range(1, 101), 120, 121, 888, 999]):03d}"
    total = sum(int(c) if i % 2 == 0 else sum(divmod(2 * int(c), 10)) for i, c in enumerate(first10))
    return first10 + str((10 - total % 10) % 10)


def timed(fn: Callable[[], list[bool]]) -> tuple[float, float, list[bool]]:
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - w, time.process_time() - c, result


def compare(label: str, codes: list[str], peer: Callable[[str], bool], single: Callable[[str], bool], batch: Callable[[list[str]], list[bool]]) -> None:
    n = len(codes)
    runs = {
        "python-stdnum": timed(lambda: [bool(peer(c)) for c in codes]),
        "sportello single": timed(lambda: [single(c) for c in codes]),
        "sportello batch": timed(lambda: batch(codes)),
    }
    print(f"\n{label}, {n:,} valid codes")
    print(f"{'':18} {'items/s wall':>14} {'items/s cpu':>14} {'accepted':>10} {'x stdnum (cpu)':>15}")
    base = runs["python-stdnum"][1]
    for name, (wall, cpu, result) in runs.items():
        print(f"{name:18} {n / wall:14,.0f} {n / cpu:14,.0f} {sum(result):10,} {base / cpu:15.1f}")
    assert runs["python-stdnum"][2] == runs["sportello single"][2] == runs["sportello batch"][2], "disagreement"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20241126)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cfs = [codice_fiscale(rng) for _ in range(args.n)]
    pivas = [partita_iva(rng) for _ in range(args.n)]
    print(f"sportello {sportello.__version__}, python-stdnum {stdnum.__version__}, seed {args.seed}")
    compare("codice fiscale", cfs, stdnum_cf.is_valid, sportello.is_valid_codice_fiscale, sportello.validate_codici_fiscali)
    compare("partita IVA", pivas, stdnum_iva.is_valid, sportello.is_valid_partita_iva, sportello.validate_partite_iva)


if __name__ == "__main__":
    main()
