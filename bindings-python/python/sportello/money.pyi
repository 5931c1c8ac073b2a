from decimal import Decimal
from typing import Literal

RoundingMode = Literal["half_even", "half_up", "half_down", "down", "up"]
Amount = Decimal | int | str

def round_step(amount: Amount, mode: RoundingMode = "half_even") -> Decimal:
    """Round to 5 decimals (the annual-fee intermediate step)."""

def round_cents(amount: Amount) -> Decimal:
    """Round to cents, half away from zero."""

def round_euro(amount: Amount) -> Decimal:
    """Round to whole euros, half away from zero."""

def format_euro(amount: Amount) -> str:
    """Italian presentation of an amount: ``€ 1.234,56``."""

__all__ = ["round_step", "round_cents", "round_euro", "format_euro"]
