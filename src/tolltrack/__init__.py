"""tolltrack: a source-attributed ledger of casualty claims from news reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["IngestSummary", "Ledger", "__version__"]

if TYPE_CHECKING:
    from tolltrack.ledger.api import IngestSummary, Ledger


def __getattr__(name: str) -> Any:
    """``tolltrack.Ledger`` is imported on first use, so ``import tolltrack`` stays light."""
    if name in ("Ledger", "IngestSummary"):
        from .ledger import api as ledger

        return getattr(ledger, name)
    raise AttributeError(f"module 'tolltrack' has no attribute {name!r}")
