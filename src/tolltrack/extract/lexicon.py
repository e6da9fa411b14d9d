"""Word lists the extraction rules use, read from ``data/lexicon.toml`` (where each list is explained).
General English, never tied to one report."""

from __future__ import annotations

from tolltrack.config import data_file
from tolltrack.model import Outcome, SourceKind

_LISTS = data_file("lexicon.toml")


def _words(name: str) -> set[str]:
    return set(_LISTS[name]["words"])


def _table(name: str, kind=None) -> dict:
    return {w: v if kind is None else kind(v) for w, v in _LISTS[name].items()}


VERB_TRIGGERS: dict[str, Outcome] = _table("VERB_TRIGGERS", Outcome)
ADJ_TRIGGERS: dict[str, Outcome] = _table("ADJ_TRIGGERS", Outcome)
NOUN_TRIGGERS: dict[str, Outcome] = _table("NOUN_TRIGGERS", Outcome)
SOURCE_HEADS: dict[str, SourceKind] = _table("SOURCE_HEADS", SourceKind)
NUMBER_WORDS: dict[str, int] = _table("NUMBER_WORDS")
MULTIPLIERS: dict[str, int] = _table("MULTIPLIERS")
# "many": a vague quantity without a low bound is written "unknown"
VAGUE: dict[str, int | None] = {w: v if isinstance(v, int) else None for w, v in _LISTS["VAGUE"].items()}
PERSON_ONLY = _words("PERSON_ONLY")
TOLL_NOUNS = _words("TOLL_NOUNS")
FATAL_MODIFIERS = _words("FATAL_MODIFIERS")
REPORTING_VERBS = _words("REPORTING_VERBS")
HEDGES = _words("HEDGES")
AT_LEAST = _words("AT_LEAST")
AT_MOST = _words("AT_MOST")
ABOUT = _words("ABOUT")
MILITARY = _words("MILITARY")
CIVILIAN = _words("CIVILIAN")
PERSON_NOUNS = _words("PERSON_NOUNS") | MILITARY | CIVILIAN
EVENT_NOUNS = _words("EVENT_NOUNS")
CHANNELS = _words("CHANNELS")
NEWS_AGENCIES = _words("NEWS_AGENCIES")
