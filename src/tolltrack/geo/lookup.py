"""Thin access to place normalisation (tolltrack.geo.places) for the extraction rules."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def country_of(name: str) -> str | None:
    """The country a place name or demonym belongs to: 'Cuban' → 'Cuba', 'Caracas' → 'Venezuela'."""
    try:
        from .places import resolve_place
    except ImportError:  # the places stage is not installed
        return None
    found = resolve_place(name)
    return found[1] if found else None


@lru_cache(maxsize=4096)
def place_of(name: str) -> tuple[str, str | None] | None:
    """(normalised place, country) for a place name, or None when unknown."""
    try:
        from .places import resolve_place
    except ImportError:
        return None
    return resolve_place(name)
