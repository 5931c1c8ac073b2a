import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from typing import Literal, TypeAlias, final

from typing_extensions import Self

from sportello.errors import SportelloError

# Stub-only aliases: private, so they promise no runtime name.
_Amount: TypeAlias = Decimal | int | str
_StepMode: TypeAlias = Literal["half_even", "half_up", "half_down", "down", "up"]
_OccasionName: TypeAlias = Literal["annual", "new_registration", "new_local_units"]

STAMP_DUTY: Decimal
"""Imposta di bollo, fixed amount: EUR 16.00 (art. 7-bis c.3 DL 43/2013)."""

class SubjectKind(str, Enum):
    """Who pays, which decides fixed amount or turnover brackets (DM 21/04/2011).

    Built at import from the core's list of kinds (a test checks these members against it).
    """

    INDIVIDUAL_SPECIAL_SECTION = "individual_special_section"
    INDIVIDUAL_ORDINARY_SECTION = "individual_ordinary_section"
    SIMPLE_PARTNERSHIP_AGRICULTURAL = "simple_partnership_agricultural"
    SIMPLE_PARTNERSHIP_NON_AGRICULTURAL = "simple_partnership_non_agricultural"
    LAW_FIRM_COMPANY = "law_firm_company"
    REA_ONLY = "rea_only"
    FOREIGN_COMPANY = "foreign_company"
    TURNOVER_BASED = "turnover_based"

    def __new__(cls, value: str) -> Self:
        """The member whose value is ``value`` (ValueError for another string)."""
    def __str__(self) -> str:
        """The value: ``str(SubjectKind.REA_ONLY) == "rea_only"``."""

class Occasion(str, Enum):
    """Why the fee is paid (built at import from the core's list)."""

    ANNUAL = "annual"
    NEW_REGISTRATION = "new_registration"
    NEW_LOCAL_UNITS = "new_local_units"

    def __new__(cls, value: str) -> Self:
        """The member whose value is ``value`` (ValueError for another string)."""
    def __str__(self) -> str:
        """The value: ``str(Occasion.ANNUAL) == "annual"``."""

@final
class FeeConfig:
    """Every configurable choice of the fee rules, per chamber and year.

    ``FeeConfig.default()`` is what ships: DM 21/04/2011 tables, the confirmed surcharges, the
    late-payment choices (0.40 % window before the 3.75 % tier, no sanction after the year),
    legal rates 2014-2026, F24 codici ente (MIMBLO -> MI, CRMNPV -> MN, both UNCONFIRMED), the
    deadlines, the published copy tariffs, chambers read at 1 January. ``from_json`` changes any
    part (fields left out keep the shipped value; unknown fields raise FeeError).
    """

    @staticmethod
    def default() -> FeeConfig: ...
    @staticmethod
    def from_json(text: str) -> FeeConfig: ...
    def to_json(self) -> str: ...

class FeeError(SportelloError):
    """A fee rule refused the input; ``rule`` and ``field`` say which (``index`` for a batch row)."""

    rule: str
    field: str
    index: int | None

class InvalidSubject(FeeError):
    """A subject kind that is not one of SubjectKind."""

class MissingFeeInput(FeeError):
    """An input the subject needs is missing: turnover, sede_chamber or local units."""

class SurchargeError(FeeError):
    """No surcharge is known for a chamber and year (pass it in surcharges), or it is out of range."""

class FeeYearNotSupported(FeeError):
    """A year outside the fee tables, or without a legal interest rate."""

class RavvedimentoExpired(FeeError):
    """Ravvedimento is only possible within one year of the deadline (DM 54/2005 art. 6)."""

class TariffError(FeeError):
    """No tariff, no tariff item or no pages for a copy."""

@final
class ChamberFee:
    """The fee due to one chamber, with every intermediate figure (5 decimals)."""

    @property
    def chamber(self) -> str: ...
    @property
    def has_sede(self) -> bool: ...
    @property
    def local_units(self) -> int: ...
    @property
    def sede_base(self) -> Decimal:
        """Seat base (0 when the seat is elsewhere)."""
    @property
    def unit_base(self) -> Decimal:
        """Base of each local unit: min(20 % of the seat base, 200), or the fixed unit amount."""
    @property
    def units_base(self) -> Decimal:
        """local_units x unit_base."""
    @property
    def total_base(self) -> Decimal:
        """sede_base + units_base."""
    @property
    def reduction(self) -> Decimal:
        """Reduction of the year (DL 90/2014): 0.35, 0.40, 0.50."""
    @property
    def reduced(self) -> Decimal:
        """total_base x (1 - reduction), 5 decimals."""
    @property
    def surcharge(self) -> Decimal:
        """Chamber surcharge of the year (art. 18 c.10 L. 580/1993)."""
    @property
    def surcharge_source(self) -> Literal["table", "override"]: ...
    @property
    def increased(self) -> Decimal:
        """reduced x (1 + surcharge), 5 decimals."""
    @property
    def due_cents(self) -> Decimal:
        """increased rounded to the cent (half-up)."""
    @property
    def due(self) -> Decimal:
        """The amount due: due_cents rounded to the euro (half-up)."""

@final
class AnnualFee:
    """The annual fee of a subject: one ChamberFee per chamber and their total."""

    @property
    def year(self) -> int: ...
    @property
    def subject(self) -> str: ...
    @property
    def occasion(self) -> _OccasionName: ...
    @property
    def sede_chamber(self) -> str | None: ...
    @property
    def by_chamber(self) -> dict[str, ChamberFee]: ...
    @property
    def total_due(self) -> Decimal: ...
    def to_json(self) -> str:
        """The stable JSON shape, with every figure and the basis used."""

@final
class FeeDeadline:
    """A deadline and the end of the +0.40 % window after it (None for new registrations).

    A ``window_until`` before ``due_by`` raises FeeError (rule "window_after_deadline").
    """

    def __new__(cls, due_by: datetime.date, window_until: datetime.date | None = None) -> FeeDeadline: ...
    @property
    def due_by(self) -> datetime.date: ...
    @property
    def window_until(self) -> datetime.date | None: ...

@final
class InterestPeriod:
    """Legal interest accrued in one calendar year."""

    @property
    def year(self) -> int: ...
    @property
    def days(self) -> int: ...
    @property
    def percent(self) -> Decimal: ...
    @property
    def amount(self) -> Decimal: ...

@final
class LatePayment:
    """What paying on a given day adds to the fee: +0.40 % or ravvedimento."""

    @property
    def kind(
        self,
    ) -> Literal["on_time", "window", "ravvedimento_short", "ravvedimento_year", "after_ravvedimento"]: ...
    @property
    def due(self) -> Decimal: ...
    @property
    def deadline(self) -> FeeDeadline: ...
    @property
    def paid_on(self) -> datetime.date: ...
    @property
    def days_late(self) -> int: ...
    @property
    def window_increase(self) -> Decimal: ...
    @property
    def fee_amount(self) -> Decimal:
        """Amount of F24 code 3850 (the fee plus the +0.40 %)."""
    @property
    def sanction_rate(self) -> Decimal: ...
    @property
    def sanction(self) -> Decimal:
        """Amount of F24 code 3852."""
    @property
    def interest(self) -> Decimal:
        """Amount of F24 code 3851."""
    @property
    def interest_periods(self) -> list[InterestPeriod]: ...
    @property
    def total(self) -> Decimal: ...

@final
class F24Row:
    """One F24 row (section "IMU e altri tributi locali")."""

    @property
    def chamber(self) -> str: ...
    @property
    def codice_ente(self) -> str: ...
    @property
    def tax_code(self) -> Literal["3850", "3851", "3852"]: ...
    @property
    def year(self) -> int: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def line(self) -> str: ...

def annual_fee(
    year: int,
    subject: SubjectKind | str,
    *,
    turnover: _Amount | None = None,
    sede_chamber: str | None = None,
    local_units: Mapping[str, int] | None = None,
    surcharges: Mapping[str, _Amount] | None = None,
    occasion: Occasion | _OccasionName | None = None,
    new_registration: bool = False,
    new_local_units: bool = False,
    step_mode: _StepMode | None = None,
    config: FeeConfig | None = None,
) -> AnnualFee:
    """The annual fee of a subject in ``year``, one amount per chamber.

    ``turnover`` is the previous year's (turnover-based companies); ``local_units`` maps a chamber
    code to its number of units; ``surcharges`` maps a chamber code to a fraction overriding the
    shipped table (a chamber and year the table does not confirm raises SurchargeError).
    Codes of merged chambers (and province codes) are grouped under the chamber collecting the
    fee on 1 January (``MI`` and ``MB`` in 2024 are one ``MIMBLO`` fee); two keys naming the same
    chamber (``"mi"``, ``"MI"``) raise FeeError. ``occasion`` is "annual" (default),
    "new_registration" (first-year amounts) or "new_local_units" (only the units opened during the
    year); ``new_registration=True`` / ``new_local_units=True`` are the same, not combinable with
    ``occasion``. ``step_mode`` overrides the rounding of the 5-decimal steps of ``config``.
    """

def annual_fees_batch(
    year: int,
    subjects: Iterable[SubjectKind | str],
    turnovers: Iterable[_Amount | None],
    local_units: Iterable[int],
    surcharge: _Amount | None = None,
    *,
    chamber: str | None = None,
    step_mode: _StepMode | None = None,
    config: FeeConfig | None = None,
) -> list[Decimal]:
    """Fees (whole euros) of many companies, seat and units in one chamber with one surcharge.

    The surcharge is ``surcharge`` when given, else the table's rate for ``chamber`` (a chamber and
    year the table does not confirm raises SurchargeError); with neither, ``Decimal(0)``: no
    surcharge, as the signature ``surcharge=Decimal(0)`` says. An explicit rate overrides the table.

    Columns of equal length (lists, tuples, arrays of ints); turnovers are read only for
    turnover-based rows. A failing row raises with its ``index``.
    """

def annual_deadline(year: int, *, isa: bool = False, config: FeeConfig | None = None) -> FeeDeadline:
    """30 June (16 June before 2020) or the next working day, and the 30-day window."""

def new_registration_deadline(
    filed_on: datetime.date, *, config: FeeConfig | None = None
) -> FeeDeadline:
    """30 days after filing (or the next working day), no window."""

def late_payment(
    due: _Amount, deadline: FeeDeadline, paid_on: datetime.date, *, config: FeeConfig | None = None
) -> LatePayment:
    """What paying ``due`` on ``paid_on`` costs: +0.40 % in the window, else ravvedimento."""

def f24_rows(
    fee: AnnualFee,
    *,
    paid_on: datetime.date | None = None,
    deadline: FeeDeadline | None = None,
    config: FeeConfig | None = None,
) -> list[F24Row]:
    """The F24 rows of ``fee`` (3850; 3851 and 3852 for a ravvedimento)."""

def copy_quote(
    chamber: str, pages: int, *, certified: bool = False, config: FeeConfig | None = None
) -> dict[str, Decimal]:
    """Secretarial fee and stamp duty of a copy (shipped tariffs: VR, VG)."""

def service_fee_quote(
    service_fee: str, chamber: str, *, pages: int = 0, config: FeeConfig | None = None
) -> dict[str, Decimal]:
    """What a service's declared fee costs at ``chamber``: secretarial, stamp_duty, total.

    ``service_fee`` is the fee's JSON as the catalogue declares it (``{"kind": "free"}``,
    ``{"kind": "fixed", "secretarial": "5.00", "stamps": 1}``, ``{"kind": "tariff_item", ...}``,
    ``{"kind": "copy", "certified": true}``); ``pages`` counts for copies.
    """

__all__ = [
    "STAMP_DUTY",
    "AnnualFee",
    "ChamberFee",
    "F24Row",
    "FeeConfig",
    "FeeDeadline",
    "FeeError",
    "FeeYearNotSupported",
    "InterestPeriod",
    "InvalidSubject",
    "LatePayment",
    "MissingFeeInput",
    "Occasion",
    "RavvedimentoExpired",
    "SubjectKind",
    "SurchargeError",
    "TariffError",
    "annual_deadline",
    "annual_fee",
    "annual_fees_batch",
    "copy_quote",
    "f24_rows",
    "late_payment",
    "new_registration_deadline",
    "service_fee_quote",
]
