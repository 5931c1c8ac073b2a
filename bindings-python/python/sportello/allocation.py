"""sportello.allocation (to be written)."""

__all__: list[str] = []
