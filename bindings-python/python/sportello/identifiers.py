"""sportello.identifiers (to be written)."""

__all__: list[str] = []
