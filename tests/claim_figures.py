"""What the sentence tests of the claim rules compare: each claim's (outcome, count kind, value)."""

from __future__ import annotations

from tolltrack.extract.document import extract
from tolltrack.model import Document

Figure = tuple[str, str, int | None]


def figures_of(text: str) -> list[Figure]:
    """Every claim with an outcome (role claims left out), restatements included."""
    claims = extract(Document(text=text))
    return [(c.outcome.value, c.count.kind.value, c.count.value) for c in claims if c.outcome is not None]


def new_figures_of(text: str) -> list[Figure]:
    """The claims that are not restatements of an earlier one."""
    claims = extract(Document(text=text))
    return [
        (c.outcome.value, c.count.kind.value, c.count.value)
        for c in claims
        if c.outcome is not None and c.refers_to is None
    ]
