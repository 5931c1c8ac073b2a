"""sportello.chamber (to be written)."""

__all__: list[str] = []
