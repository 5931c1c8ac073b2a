"""Dossiers: the counter (:class:`Sportello`), its dossiers, legal terms, protocol and PEC.

Time comes only from a :class:`ManualClock` (or the host's clock), so every scenario replays.
"""

from sportello._native import (
    ChainBroken,
    Conflict,
    Dossier,
    DossierRefused,
    DueEntry,
    HistoryEntry,
    InvalidTransition,
    ManualClock,
    Sportello,
    TermAction,
    TermError,
    TermRun,
    TermStatus,
    sha256_hex,
)

__all__ = [
    "Sportello",
    "Dossier",
    "HistoryEntry",
    "TermStatus",
    "TermAction",
    "TermRun",
    "DueEntry",
    "ManualClock",
    "DossierRefused",
    "Conflict",
    "InvalidTransition",
    "TermError",
    "ChainBroken",
    "sha256_hex",
]
