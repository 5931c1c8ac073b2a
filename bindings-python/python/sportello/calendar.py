"""sportello.calendar (to be written)."""

__all__: list[str] = []
