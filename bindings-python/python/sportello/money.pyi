from decimal import Decimal
from typing import Literal, TypeAlias

# Stub-only aliases: private, so they promise no runtime name.
_RoundingMode: TypeAlias = Literal["half_even", "half_up", "half_down", "down", "up"]
_Amount: TypeAlias = Decimal | int | str

def round_step(amount: _Amount, mode: _RoundingMode = "half_even") -> Decimal:
    """Round to 5 decimals (the annual-fee intermediate step)."""

def round_cents(amount: _Amount) -> Decimal:
    """Round to cents, half away from zero."""

def round_euro(amount: _Amount) -> Decimal:
    """Round to whole euros, half away from zero."""

def format_euro(amount: _Amount) -> str:
    """Italian presentation of an amount: ``€ 1.234,56``."""

__all__ = ["round_step", "round_cents", "round_euro", "format_euro"]
