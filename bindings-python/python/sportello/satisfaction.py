"""sportello.satisfaction (to be written)."""

__all__: list[str] = []
