"""Dossiers: the counter (:class:`Sportello`), its dossiers, legal terms, protocol and PEC.

Time comes only from a :class:`ManualClock` (or the host's clock), so every scenario replays.
"""

from sportello._native import (
    ChainBroken,
    Conflict,
    CopyQuote,
    Dossier,
    DossierRefused,
    FeeComputation,
    HistoryEntry,
    InvalidTransition,
    ManualClock,
    PaymentRefused,
    PaymentRequest,
    Sportello,
    TermError,
    TermStatus,
    sha256_hex,
)

__all__ = [
    "Sportello",
    "Dossier",
    "HistoryEntry",
    "TermStatus",
    "ManualClock",
    "DossierRefused",
    "Conflict",
    "InvalidTransition",
    "TermError",
    "ChainBroken",
    "PaymentRefused",
    "PaymentRequest",
    "CopyQuote",
    "FeeComputation",
    "sha256_hex",
]
