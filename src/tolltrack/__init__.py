"""tolltrack: a source-attributed ledger of casualty claims from news reports."""

__version__ = "0.1.0"
