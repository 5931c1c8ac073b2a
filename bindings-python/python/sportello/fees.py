"""The annual chamber fee (diritto annuale) to the cent, late payment, F24 rows, copies.

Amounts are :class:`decimal.Decimal` (floats are refused), dates :class:`datetime.date`.
Every rule lives in the Rust core; see ``reference/annual-fee.md`` for the sources.
"""

from enum import Enum

from sportello._native import (
    STAMP_DUTY,
    AnnualFee,
    ChamberFee,
    F24Row,
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
)


class SubjectKind(str, Enum):
    """Who pays, which decides fixed amount or turnover brackets (DM 21/04/2011).

    Members are strings, so ``SubjectKind.REA_ONLY == "rea_only"``; functions accept either.
    """

    INDIVIDUAL_SPECIAL_SECTION = "individual_special_section"
    INDIVIDUAL_ORDINARY_SECTION = "individual_ordinary_section"
    SIMPLE_PARTNERSHIP_AGRICULTURAL = "simple_partnership_agricultural"
    SIMPLE_PARTNERSHIP_NON_AGRICULTURAL = "simple_partnership_non_agricultural"
    LAW_FIRM_COMPANY = "law_firm_company"
    REA_ONLY = "rea_only"
    FOREIGN_COMPANY = "foreign_company"
    TURNOVER_BASED = "turnover_based"

    def __str__(self) -> str:
        return self.value


__all__ = [
    "STAMP_DUTY",
    "AnnualFee",
    "ChamberFee",
    "F24Row",
    "FeeDeadline",
    "FeeError",
    "FeeYearNotSupported",
    "InterestPeriod",
    "InvalidSubject",
    "LatePayment",
    "MissingFeeInput",
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
]
