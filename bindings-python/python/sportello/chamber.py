"""Chambers of commerce over time, with their mergers: which chamber serves a province on a date."""

from sportello._native import (
    Chamber,
    ChamberError,
    Chambers,
    NoChamber,
    UnknownChamber,
    UnknownProvince,
    all_chambers,
    chamber_by_code,
    chamber_for_province,
    chambers_on,
)

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
