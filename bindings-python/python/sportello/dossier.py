"""Dossiers: the counter (:class:`Sportello`), its dossiers, legal terms, protocol and PEC.

The protocol desk: entries (:class:`ProtocolEntry`, annulled or not), the daily register
(:class:`DailyRegister`) and its preservation by the next working day
(:class:`PendingRegister`, :class:`RegisterPreservation`).

Time comes only from a :class:`ManualClock` (or the host's clock), so every scenario replays.
"""

from sportello._native import (
    Annulment,
    ChainBroken,
    Conflict,
    CopyQuote,
    DailyRegister,
    Dossier,
    DossierRefused,
    FeeComputation,
    DueEntry,
    HistoryEntry,
    InvalidTransition,
    ManualClock,
    PaymentRefused,
    PaymentRequest,
    PendingRegister,
    ProtocolEntry,
    ProtocolRefused,
    RegisterPreservation,
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
    "ProtocolRefused",
    "ProtocolEntry",
    "Annulment",
    "DailyRegister",
    "PendingRegister",
    "RegisterPreservation",
    "PaymentRefused",
    "PaymentRequest",
    "CopyQuote",
    "FeeComputation",
    "sha256_hex",
]
