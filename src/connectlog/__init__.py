"""connectlog: a private command-line journal for moments of connection."""

__version__ = "0.1.0"
