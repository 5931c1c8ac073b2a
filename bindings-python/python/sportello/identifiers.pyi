"""Italian identifiers: :class:`CodiceFiscale` and :class:`PartitaIva`, valid by construction."""

from collections.abc import Iterable
from datetime import date
from typing import Literal, final

from sportello.errors import SportelloError

_Sex = Literal["M", "F"]
_NumericClass = Literal[
    "vat_number", "not_vat_registered", "provisional_intendenza", "provisional_imposte_dirette"
]

class InvalidCodiceFiscale(SportelloError):
    """A text that is not a codice fiscale.

    ``rule`` is one of ``length``, ``character``, ``month``, ``day``, ``calendar_date``,
    ``birthplace``, ``check_character``, ``office_code``, ``matricola``, ``type`` (not a str);
    ``position`` is 1-based, separators excluded.
    """

    rule: str
    field: str
    text: str
    position: int | None
    expected: str | None
    found: str | None

class InvalidPartitaIva(SportelloError):
    """A text that is not a partita IVA.

    ``rule`` is one of ``length``, ``character``, ``matricola``, ``office_code``,
    ``check_digit``, ``type`` (not a str).
    """

    rule: str
    field: str
    text: str
    position: int | None
    expected: str | None
    found: str | None

@final
class CodiceFiscale:
    """A codice fiscale: 16 characters (natural person) or 11 digits (legal person)."""

    @staticmethod
    def parse(text: str) -> CodiceFiscale:
        """Parse and validate ``text``; raise :class:`InvalidCodiceFiscale` naming the rule."""

    @property
    def value(self) -> str:
        """The code, upper-case, without separators, as written (omocodic letters kept)."""

    @property
    def is_omocode(self) -> bool:
        """Whether positions 7, 8, 10, 11, 13, 14 or 15 hold an omocodia letter."""

    @property
    def canonical(self) -> CodiceFiscale:
        """The code with omocodia undone (check character recomputed)."""

    @property
    def sex(self) -> _Sex | None:
        """``"M"`` or ``"F"``; ``None`` for an 11-digit code."""

    @property
    def birth_day(self) -> int | None:
        """Day of birth 1-31; ``None`` for an 11-digit code."""

    @property
    def birth_month(self) -> int | None:
        """Month of birth 1-12; ``None`` for an 11-digit code."""

    @property
    def birth_year_2d(self) -> int | None:
        """The two digits of the year of birth, 0-99 (the code has no century)."""

    @property
    def birthplace_code(self) -> str | None:
        """The birthplace (Belfiore) code, omocodia undone, e.g. ``"F205"``."""

    @property
    def is_legal_person(self) -> bool:
        """Whether this is the 11-digit numeric code."""

    @property
    def numeric_class(self) -> _NumericClass | None:
        """Sogei class of an 11-digit code; ``None`` for a natural person."""

    def omocodic_variants(self) -> list[CodiceFiscale]:
        """The 128 omocodic variants, the canonical code first (empty for 11 digits)."""

    def birth_date(self, first_year: int) -> date:
        """Date of birth, the year taken in ``first_year .. first_year + 99``."""

    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class PartitaIva:
    """A partita IVA: 11 digits (matricola, office, check digit)."""

    @staticmethod
    def parse(text: str) -> PartitaIva:
        """Parse and validate ``text``; raise :class:`InvalidPartitaIva` naming the rule."""

    @property
    def value(self) -> str:
        """The 11 digits."""

    @property
    def matricola(self) -> int:
        """Digits 1-7."""

    @property
    def office_code(self) -> int:
        """Digits 8-10, the provincial office."""

    def to_eu_vat(self) -> str:
        """``IT`` followed by the 11 digits."""

    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def is_valid_codice_fiscale(text: str) -> bool:
    """Whether ``text`` is a valid codice fiscale (same rules as :meth:`CodiceFiscale.parse`)."""

def is_valid_partita_iva(text: str) -> bool:
    """Whether ``text`` is a valid partita IVA (same rules as :meth:`PartitaIva.parse`)."""

def validate_codici_fiscali(texts: Iterable[str]) -> list[bool]:
    """Validity of each codice fiscale, in order (one call for many codes)."""

def validate_partite_iva(texts: Iterable[str]) -> list[bool]:
    """Validity of each partita IVA, in order (one call for many codes)."""

__all__ = [
    "CodiceFiscale",
    "PartitaIva",
    "InvalidCodiceFiscale",
    "InvalidPartitaIva",
    "is_valid_codice_fiscale",
    "is_valid_partita_iva",
    "validate_codici_fiscali",
    "validate_partite_iva",
]
