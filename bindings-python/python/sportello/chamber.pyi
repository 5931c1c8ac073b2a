from datetime import date
from typing import final

from sportello.calendar import Calendar
from sportello.errors import SportelloError

class ChamberError(SportelloError):
    """A chamber question that cannot be answered."""

    rule: str
    field: str

class UnknownProvince(SportelloError):
    """A province sigla that is malformed (rule ``province_format``) or unknown to the data
    (rule ``unknown_province``)."""

    rule: str
    field: str
    province: str

class UnknownChamber(ChamberError):
    """A chamber code that is malformed (rule ``code_format``) or unknown (``unknown_chamber``)."""

    code: str

class NoChamber(ChamberError):
    """No chamber served the province on that date (before the data starts)."""

    province: str
    on: date
    covers_from: date

@final
class Chamber:
    """A chamber of commerce over its life."""

    @property
    def code(self) -> str:
        """The short code (``"MI"``, ``"MIMBLO"``)."""
    @property
    def name(self) -> str:
        """The name for display."""
    @property
    def region(self) -> str:
        """The region (``"Lombardia"``)."""
    @property
    def provinces(self) -> list[str]:
        """The provinces served, as sigle."""
    @property
    def seat(self) -> str:
        """The city of the main seat."""
    @property
    def seat_province(self) -> str:
        """The province of the main seat."""
    @property
    def secondary_seats(self) -> list[str]:
        """The cities of the secondary seats."""
    @property
    def valid_from(self) -> date | None:
        """First day of activity, or None if before the data starts."""
    @property
    def valid_to(self) -> date | None:
        """Last day of activity, or None if still active."""
    @property
    def predecessors(self) -> list[str]:
        """Codes of the chambers merged into this one."""
    @property
    def successor(self) -> str | None:
        """Code of the chamber this one merged into."""
    @property
    def ipa_code(self) -> str | None:
        """IPA code, if the data has it."""
    @property
    def aoo_code(self) -> str | None:
        """Protocol office (AOO) code, if the data has it."""
    @property
    def pec(self) -> str | None:
        """Institutional PEC address, if the data has it."""
    def is_active_on(self, on: date) -> bool:
        """Whether the chamber was active on ``on``."""
    def calendar(self) -> Calendar:
        """The office calendar of the main seat."""
    def to_json(self) -> str:
        """The chamber as JSON (the core's stable shape)."""

@final
class Chambers:
    """A validated table of chambers over time: the embedded one, or one a host passes as JSON."""

    @staticmethod
    def embedded() -> Chambers:
        """The table shipped with the library (the Lombardy chambers from 2013)."""
    @staticmethod
    def from_json(text: str) -> Chambers:
        """Reads and validates a table shaped like the embedded file (raises :class:`ChamberError`)."""
    @property
    def covers_from(self) -> date:
        """The first day the data covers."""
    def provinces(self) -> list[str]:
        """Every province served by some chamber, sorted."""
    def for_province(self, province: str, on: date) -> Chamber:
        """The chamber serving ``province`` on ``on``."""
    def by_code(self, code: str) -> Chamber:
        """The chamber with ``code`` (active or not)."""
    def active_on(self, on: date) -> list[Chamber]:
        """Every chamber active on ``on``."""
    def heir_on(self, code: str, on: date) -> Chamber | None:
        """The chamber carrying on ``code`` on ``on`` (itself or its successor); None before it existed."""
    def all(self) -> list[Chamber]:
        """Every chamber, over all time, in table order."""
    def __len__(self) -> int: ...

def chamber_for_province(province: str, on: date) -> Chamber:
    """The chamber serving ``province`` (a sigla) on ``on``."""

def chamber_by_code(code: str) -> Chamber:
    """The chamber with ``code`` (active or not)."""

def chambers_on(on: date) -> list[Chamber]:
    """Every chamber active on ``on``."""

def all_chambers() -> list[Chamber]:
    """Every chamber in the data, over all time."""

__all__ = [
    "Chamber",
    "ChamberError",
    "Chambers",
    "NoChamber",
    "UnknownChamber",
    "UnknownProvince",
    "all_chambers",
    "chamber_by_code",
    "chamber_for_province",
    "chambers_on",
]
