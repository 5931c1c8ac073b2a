from decimal import Decimal
from typing import Any, Literal, final

from sportello.errors import SportelloError

_Amount = Decimal | int | str
_Clamp = Literal["min", "max"]

class AllocationError(SportelloError):
    """An allocation plan that breaks a rule, or a lookup of an unknown pool or chamber."""

    rule: str
    field: str

class AllocationInfeasible(AllocationError):
    """The bands cannot cover a pool: the minimums exceed it or the maximums fall short."""

    pool: str
    amount: Decimal
    minimums: Decimal
    maximums: Decimal | None

@final
class AllocationPlan:
    """A validated cost-allocation plan for one year."""

    @staticmethod
    def from_dict(d: dict[str, Any]) -> AllocationPlan:
        """Read a plan from a dict: ``{"year": 2014, "participants": [{"chamber": "MI",
        "businesses": 356824, "services": 10, "consumption": 1200}, ...], "pools": [{"name":
        "maintenance", "amount": "182000", "driver": "businesses", "bands": [{"services_from": 3,
        "services_to": 3, "min": "2500", "max": "15000"}]}], "sponsor": None}``. Amounts are
        Decimal, int or str; floats are refused."""

    @staticmethod
    def from_json(text: str) -> AllocationPlan:
        """Read a plan from its JSON document."""

    @staticmethod
    def lombardy_2014() -> AllocationPlan:
        """The 2014 running-cost plan of the Lombardy counter, with the six chambers whose 2013
        business counts are sourced (the others are listed in ``excluded``)."""

    def with_sponsor(self, name: str, cap: _Amount | None = None) -> AllocationPlan:
        """The same plan with a sponsor covering what the band maximums cannot (up to ``cap``)."""

    @property
    def year(self) -> int:
        """The year of the plan."""

    @property
    def chambers(self) -> list[str]:
        """The participating chambers, in the plan's order."""

    @property
    def pools(self) -> list[str]:
        """The pool names, in the plan's order."""

    @property
    def excluded(self) -> list[tuple[str, str]]:
        """Chambers left out of the plan, with the reason."""

    def to_json(self) -> str:
        """The plan as a JSON document."""

@final
class AllocationLine:
    """One chamber's part of one pool."""

    @property
    def chamber(self) -> str: ...
    @property
    def driver_value(self) -> int: ...
    @property
    def driver_share(self) -> Decimal:
        """Share of the pool's driver total (6 decimals)."""
    @property
    def band_min(self) -> Decimal | None: ...
    @property
    def band_max(self) -> Decimal | None: ...
    @property
    def unrounded(self) -> Decimal:
        """The exact share before rounding, to 6 decimals."""
    @property
    def clamped(self) -> _Clamp | None: ...
    @property
    def amount(self) -> Decimal:
        """What the chamber pays (whole cents)."""

@final
class StatementLine:
    """One pool in a chamber's statement."""

    @property
    def pool(self) -> str: ...
    @property
    def driver(self) -> str: ...
    @property
    def pool_amount(self) -> Decimal: ...
    @property
    def driver_value(self) -> int: ...
    @property
    def driver_total(self) -> int: ...
    @property
    def driver_share(self) -> Decimal: ...
    @property
    def band_min(self) -> Decimal | None: ...
    @property
    def band_max(self) -> Decimal | None: ...
    @property
    def unrounded(self) -> Decimal: ...
    @property
    def clamped(self) -> _Clamp | None: ...
    @property
    def amount(self) -> Decimal: ...

@final
class Statement:
    """What one chamber pays, pool by pool: the document for its board."""

    @property
    def chamber(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def lines(self) -> list[StatementLine]: ...
    def to_markdown(self) -> str:
        """The statement as a Markdown table."""
    def to_json(self) -> str:
        """The statement as JSON."""

@final
class Allocation:
    """Every pool of a plan shared among its chambers."""

    @property
    def year(self) -> int: ...
    def amount(self, pool: str, chamber: str) -> Decimal:
        """What a chamber pays for a pool (AllocationError for an unknown pool or chamber)."""
    @property
    def by_chamber(self) -> dict[str, Decimal]:
        """Each chamber's total over all pools."""
    @property
    def total(self) -> Decimal:
        """What the chambers pay together."""
    @property
    def pools(self) -> list[str]: ...
    def lines(self, pool: str) -> list[AllocationLine]:
        """The lines of a pool, in the plan's order."""
    def sponsored(self, pool: str) -> Decimal:
        """What the sponsor covers of a pool."""
    @property
    def sponsor_name(self) -> str | None: ...
    @property
    def sponsor_amount(self) -> Decimal | None: ...
    def statement(self, chamber: str) -> Statement:
        """A chamber's statement."""
    def to_csv(self) -> str:
        """One CSV row per pool and payer, with a header."""
    def to_markdown(self) -> str:
        """Markdown tables a board can read."""
    def to_json(self) -> str:
        """The allocation as JSON (amounts as strings)."""

def allocate(plan: AllocationPlan) -> Allocation:
    """Share every pool of the plan; raises AllocationInfeasible when the bands cannot cover one."""

__all__ = [
    "AllocationPlan",
    "Allocation",
    "AllocationLine",
    "Statement",
    "StatementLine",
    "allocate",
    "AllocationError",
    "AllocationInfeasible",
]
