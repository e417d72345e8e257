"""The campaigns admin pages, one module per area; importing them registers them."""

from . import calls, days, legislation, practices, updates

__all__ = ["calls", "days", "legislation", "practices", "updates"]
