"""sportello.fees (to be written)."""

__all__: list[str] = []
