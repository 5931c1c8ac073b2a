"""sportello.registry (to be written)."""

__all__: list[str] = []
