"""Money: the named rounding steps over :class:`decimal.Decimal` (never floats)."""

from sportello._native import format_euro, round_cents, round_euro, round_step

__all__ = ["round_step", "round_cents", "round_euro", "format_euro"]
