"""mapapp: reported events in, a geocoded events table and an interactive map out."""

__version__ = "0.1.0"
