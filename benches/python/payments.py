"""Side by side, in one run: sportello's notice/RF/QR checks against plain-Python peers.

    .venv/bin/python benches/python/payments.py [--n 200000]

Peers: a straightforward pure-Python mod-93 notice check and QR split (no library exists for
pagoPA codes, reference §6), and python-stdnum's ``iso11649.is_valid`` for RF. Every side must
accept every input; the script says so before it prints the rates. Numbers from a loaded 2-core
machine are noisy: compare ratios, not absolute rates.
"""

import argparse
import time
from collections.abc import Callable, Sequence

from stdnum import iso11649

import sportello


def py_notice_ok(text: str) -> bool:
    t = text.replace(" ", "")
    if len(t) != 18 or not t.isdigit() or t[0] not in "0123":
        return False
    return t[0] == "1" or int(t[:16]) % 93 == int(t[16:])


def py_qr_ok(text: str) -> bool:
    f = text.strip().split("|")
    return (
        len(f) == 5
        and f[0] == "PAGOPA"
        and f[1] == "002"
        and py_notice_ok(f[2])
        and len(f[3]) == 11
        and f[3].isdigit()
        and 1 <= len(f[4]) <= 10
        and f[4].isdigit()
        and int(f[4]) > 0
    )


def sp_notice_ok(text: str) -> bool:
    try:
        sportello.NoticeNumber.parse(text)
        return True
    except sportello.InvalidNoticeNumber:
        return False


def sp_qr_ok(text: str) -> bool:
    try:
        sportello.parse_qr_payload(text)
        return True
    except sportello.InvalidQrPayload:
        return False


def rate(fn: Callable[[str], bool], items: Sequence[str]) -> tuple[float, int]:
    start = time.perf_counter()
    ok = sum(1 for x in items if fn(x))
    return len(items) / (time.perf_counter() - start), ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    n = ap.parse_args().n
    notices = [sportello.NoticeNumber.new(i % 100, f"{(i * 7919017) % 10**13:013d}").value for i in range(n)]
    payloads = [f"PAGOPA|002|{t}|80014930327|{100 + i % 100000}" for i, t in enumerate(notices)]
    rfs = [sportello.rf_create(f"IUV{i:012d}") for i in range(n)]
    groups = [
        ("notice", notices, [("pure Python mod 93", py_notice_ok), ("sportello NoticeNumber.parse", sp_notice_ok)]),
        ("QR payload", payloads, [("pure Python split", py_qr_ok), ("sportello parse_qr_payload", sp_qr_ok)]),
        ("RF", rfs, [("python-stdnum iso11649.is_valid", iso11649.is_valid), ("sportello rf_validate", sportello.rf_validate)]),
    ]
    for name, items, sides in groups:
        print(f"{name}, {len(items):,} valid inputs")
        for label, fn in sides:
            r, ok = rate(fn, items)
            print(f"  {label:<34} {r:>12,.0f} items/s  accepted {ok:,}/{len(items):,}")


if __name__ == "__main__":
    main()
