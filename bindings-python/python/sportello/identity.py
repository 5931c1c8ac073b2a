"""sportello.identity (to be written)."""

__all__: list[str] = []
