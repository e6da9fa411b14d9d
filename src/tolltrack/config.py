"""tolltrack's settings: the thresholds and limits the stages use, in one place, and the loader of
the data files (word lists) shipped in ``tolltrack/data``.

Each field has a default chosen and measured as its comment says; any can be set for a process from
the environment as ``TOLLTRACK_<FIELD NAME IN CAPITALS>`` (``TOLLTRACK_LINK_WINDOW_DAYS=30``). The
stages read ``SETTINGS`` when they are imported. Settings that change figures (the ``reconcile`` and
``linking`` ones) are part of the rules version that tells a store its figures need recomputing.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

PREFIX = "TOLLTRACK_"


@dataclass(frozen=True)
class Settings:
    # ingest
    max_report_mib: int = 20  # a report (a file, a JSONL line) larger than this is refused unread
    # nlp
    window_chars: int = 200_000  # a longer text is parsed in windows cut at paragraphs (spaCy's limit: 1M)
    # extract
    background_vague_at_least: int = 1000  # a vague count this large ("thousands") is no incident's toll
    # linking
    link_window_days: int = 21  # reports published further apart are not linked by their text alone
    # reconcile
    disagreement_ratio: float = 1.5  # two claimants' figures further apart than this are flagged
    lead_claims: int = 3  # a report names its victims in its first casualty claims (dev split)
    selector_size_cap: int = 60  # a larger figure is a yearly or national total, not one shooting
    # store and ledger
    ingest_batch: int = 32  # reports extracted and written per transaction
    busy_timeout_ms: int = 120_000  # how long a writer waits for another's lock on SQLite
    # web
    page_size: int = 50  # rows per page of the incidents and reports lists
    api_max_limit: int = 200  # the largest page the API returns

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """The defaults, with any ``TOLLTRACK_<NAME>`` of ``env`` read in the field's type."""
        given = {}
        for f in dataclasses.fields(cls):
            raw = env.get(PREFIX + f.name.upper())
            if raw is not None:
                kind = type(f.default)
                try:
                    given[f.name] = kind(raw.replace("_", ""))
                except ValueError:
                    raise ValueError(f"{PREFIX}{f.name.upper()}={raw!r}: not a {kind.__name__}") from None
        return cls(**given)


SETTINGS = Settings.from_env()


@functools.cache
def data_file(name: str) -> dict[str, Any]:
    """A TOML file of the package's ``data/`` (word lists, gazetteer additions), read once."""
    with resources.files("tolltrack").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)
