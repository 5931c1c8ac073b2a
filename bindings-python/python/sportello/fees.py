"""The annual chamber fee (diritto annuale) to the cent, late payment, F24 rows, copies.

Amounts are :class:`decimal.Decimal` (floats are refused), dates :class:`datetime.date`.
Every rule lives in the Rust core; see ``reference/annual-fee.md`` for the sources.
"""

from enum import Enum

from sportello import _native
from sportello._native import (
    STAMP_DUTY,
    AnnualFee,
    ChamberFee,
    F24Row,
    FeeConfig,
    FeeDeadline,
    FeeError,
    FeeYearNotSupported,
    InterestPeriod,
    InvalidSubject,
    LatePayment,
    MissingFeeInput,
    RavvedimentoExpired,
    SurchargeError,
    TariffError,
    annual_deadline,
    annual_fee,
    annual_fees_batch,
    copy_quote,
    f24_rows,
    late_payment,
    new_registration_deadline,
    service_fee_quote,
)


class _NamedStr(str, Enum):
    """A string enum whose ``str()`` is its value."""

    def __str__(self) -> str:
        return str(self.value)


# Members are built from the core's own lists, so a kind added in Rust appears here unchanged.
SubjectKind = _NamedStr(
    "SubjectKind",
    [(name.upper(), name) for name in _native.subject_kinds()],
    module=__name__,
)
SubjectKind.__doc__ = """Who pays, which decides fixed amount or turnover brackets (DM 21/04/2011).

Members are strings, so ``SubjectKind.REA_ONLY == "rea_only"``; functions accept either.
"""

Occasion = _NamedStr(
    "Occasion",
    [(name.upper(), name) for name in _native.occasions()],
    module=__name__,
)
Occasion.__doc__ = """Why the fee is paid: "annual", "new_registration", "new_local_units"."""


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
