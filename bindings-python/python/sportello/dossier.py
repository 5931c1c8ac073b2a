"""Dossiers: the counter (:class:`Sportello`), its dossiers, legal terms, protocol and PEC.

The protocol desk: entries (:class:`ProtocolEntry`, annulled or not), the daily register
(:class:`DailyRegister`) and its preservation by the next working day
(:class:`PendingRegister`, :class:`RegisterPreservation`).

Time comes only from a :class:`ManualClock` (or the host's clock), so every scenario replays.
"""

from __future__ import annotations

from typing import Protocol

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



class DossierStore(Protocol):
    """What a host-implemented dossier store provides (events are JSON strings).

    ``append`` stores ``events`` only if the dossier has exactly ``expected_version`` events and
    returns the new version; otherwise it raises :class:`Conflict` and stores nothing.
    """

    def append(self, dossier_id: str, expected_version: int, events: list[str]) -> int: ...
    def load(self, dossier_id: str) -> list[str]: ...
    def dossier_ids(self) -> list[str]: ...
    def next_sequence(self) -> int: ...


__all__ = [
    "Sportello",
    "DossierStore",
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
