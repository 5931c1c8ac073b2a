"""Sharing the counter's running costs among the chambers.

A plan lists the chambers with their drivers (registered businesses, services activated,
consumption units) and the cost pools of a year, each with a driver and optional bands by services
activated. :func:`allocate` shares each pool exactly in proportion to the driver, clamps each share
to its band and re-spreads the rest, then rounds to cents by largest remainder (ties to the lowest
chamber code) so that the amounts add up exactly to the pool. A plan whose bands cannot cover a
pool raises :class:`AllocationInfeasible` with the figures.
"""

from sportello._native import (
    Allocation,
    AllocationError,
    AllocationInfeasible,
    AllocationLine,
    AllocationPlan,
    Statement,
    StatementLine,
    allocate,
)

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
