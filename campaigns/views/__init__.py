"""The campaigns pages, one module per area (see `campaigns/urls.py`)."""
