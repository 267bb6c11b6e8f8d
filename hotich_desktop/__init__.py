"""hotich_desktop: digitising Vietnamese civil-status books at the commune office."""

__version__ = "0.1.0"
