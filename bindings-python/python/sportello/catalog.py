"""sportello.catalog (to be written)."""

__all__: list[str] = []
