"""The exception tree: every error of sportello derives from :class:`SportelloError`.

``SportelloError`` is also a :class:`ValueError`. Each exception carries the failed rule and the
fields a caller needs as attributes (``err.rule``, ``err.field``, ...).
"""

from sportello._native import InvalidAmount, InvalidDate, SportelloError

__all__ = ["SportelloError", "InvalidAmount", "InvalidDate"]
