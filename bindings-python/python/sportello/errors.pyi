class SportelloError(ValueError):
    """Root of every error raised by sportello (also a ValueError)."""

class InvalidAmount(SportelloError):
    """An amount that is not a decimal.Decimal, an int or a decimal string."""

    field: str
    rule: str

class InvalidDate(SportelloError):
    """A date that is not a datetime.date (a datetime is refused)."""

    field: str
    rule: str

__all__ = ["SportelloError", "InvalidAmount", "InvalidDate"]
