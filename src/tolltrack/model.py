"""The one data model of tolltrack: documents, claims, attributions, incidents.

Every stage of the pipeline reads and writes these plain dataclasses. They are
JSON-serialisable through ``to_dict`` / ``from_dict`` so that the store, the
exports, the REST API and Dask workers all exchange the same shapes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")


class CountKind(StrEnum):
    EXACT = "exact"  # "32 people"
    AT_LEAST = "at_least"  # "at least 40", "more than 40" (low = 41)
    AT_MOST = "at_most"  # "up to 12", "fewer than 10"
    ABOUT = "about"  # "about 30", "nearly 30" (value is the figure given)
    RANGE = "range"  # "30 to 40", "between 30 and 40"
    VAGUE = "vague"  # "dozens", "scores", "many", "several"
    ZERO = "zero"  # "no casualties", "no one was hurt"
    UNQUANTIFIED = "unquantified"  # "a lot of death", "killed soldiers"


class Outcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    DETAINED = "detained"
    # "casualties" without saying which: killed or injured. A zero count of
    # casualties means zero killed and zero injured.
    CASUALTIES = "casualties"


class SourceKind(StrEnum):
    GOVERNMENT = "government"  # a state speaking as such: "Cuba", "Havana", "the ministry"
    AGENCY = "agency"  # a news agency: "Prensa Latina", "Reuters"
    OUTLET = "outlet"  # a newspaper, broadcaster, "US media"
    OFFICIAL = "official"  # a named or titled office holder, police, officials
    PERSON = "person"  # a private person: a witness, a relative
    ORGANIZATION = "organization"  # an NGO, a hospital, a company
    UNNAMED = "unnamed"  # "sources", "a witness" with no name
    NARRATOR = "narrator"  # the document itself states it, with no attribution


class Status(StrEnum):
    MILITARY = "military"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


@dataclass
class Count:
    kind: CountKind
    value: int | None = None  # the figure given (exact, about, at_least, at_most, vague guess)
    low: int | None = None
    high: int | None = None
    text: str = ""  # the words that gave the figure: "at least 40", "dozens"

    def bounds(self) -> tuple[int | None, int | None]:
        """The (low, high) range this count asserts; None where open."""
        return self.low, self.high

    def __str__(self) -> str:
        k = self.kind
        if k is CountKind.EXACT:
            return str(self.value)
        if k is CountKind.ZERO:
            return "0"
        if k is CountKind.AT_LEAST:
            return f"≥{self.low}"
        if k is CountKind.AT_MOST:
            return f"≤{self.high}"
        if k is CountKind.ABOUT:
            return f"~{self.value}"
        if k is CountKind.RANGE:
            return f"{self.low}–{self.high}"
        if k is CountKind.VAGUE:
            return f"{self.text or 'vague'} (≥{self.low})" if self.low else (self.text or "vague")
        return "unquantified"


@dataclass
class VictimGroup:
    head: str  # the noun phrase's head, lemmatised: "citizen", "people", "soldier"
    text: str = ""  # the phrase as written: "32 of its citizens"
    nationality: str | None = None  # demonym-free country name: "Cuba", "United States"
    status: Status = Status.UNKNOWN
    role: str | None = None  # "security detail", "military personnel", "police officer"

    @property
    def key(self) -> str:
        """The reconciliation group this victim group falls in."""
        if self.status is not Status.UNKNOWN and self.nationality:
            return f"{self.nationality}:{self.status.value}"
        if self.nationality:
            return f"{self.nationality}"
        if self.status is not Status.UNKNOWN:
            return self.status.value
        return "all"


@dataclass
class Source:
    name: str  # "Prensa Latina", "Vladimir Padrino", "US media"
    kind: SourceKind
    cue: str | None = None  # the verb or phrase that introduced it: "said", "according to", "citing"
    title: str | None = None  # "defence minister", "state-run news agency"
    channel: str | None = None  # "state television", "a statement"


PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "this", "that", "who", "which"})


@dataclass
class Attribution:
    chain: list[Source] = field(default_factory=list)  # outermost first
    hedge: str | None = None  # "suggested", "claimed", "reportedly"

    @property
    def claimant(self) -> Source | None:
        """The innermost source: who actually asserts the figure."""
        return self.chain[-1] if self.chain else None

    def named_chain(self) -> list[Source]:
        """The chain without trailing pronoun sources: in "the group said it had documented 40 deaths"
        the group, not "it", asserts the figure."""
        chain = list(self.chain)
        while chain and (chain[-1].name.lower() in PRONOUNS or not any(c.isalpha() for c in chain[-1].name)):
            chain.pop()
        return chain

    def describe(self) -> str:
        return " → ".join(s.name for s in self.chain) if self.chain else "(narrator)"


@dataclass
class Event:
    triggers: list[str] = field(default_factory=list)  # "operation", "raid", "shooting"
    place: str | None = None  # "Caracas"
    country: str | None = None  # "Venezuela"
    date: dt.date | None = None  # resolved against the publication date
    date_text: str | None = None  # "on Sunday"
    actor: str | None = None  # who did it: "United States"
    target: str | None = None  # to whom: "Venezuela"


@dataclass
class Claim:
    count: Count
    outcome: Outcome | None  # None for a descriptive claim about earlier victims (role claim)
    victims: list[VictimGroup]
    attribution: Attribution
    sentence: str
    start: int  # character offsets of the sentence in Document.text
    end: int
    trigger: str = ""  # "killed", "deaths", "casualties"
    trigger_start: int = -1
    event: Event = field(default_factory=Event)
    doc_id: str = ""
    index: int = 0  # position among the document's claims
    refers_to: int | None = None  # index of an earlier claim in the same document it elaborates
    supersedes: int | None = None  # index of the claim whose figure this one revises ("rose to 45 from 30")
    notes: list[str] = field(default_factory=list)
    incident_id: str | None = None
    scope: str = field(
        default="incident",
        metadata={"doc": "incident, other (another incident) or background (aggregate): extract.scope"},
    )
    scope_reason: str = ""

    @property
    def hedge(self) -> str | None:
        return self.attribution.hedge

    @property
    def id(self) -> str:
        return f"{self.doc_id[:16]}-{self.index}"

    @property
    def victim_text(self) -> str:
        return "; ".join(v.text or v.head for v in self.victims)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


TRANSIENT = "transient"  # a field's metadata key: carried in memory, never stored nor serialised


@dataclass
class Document:
    text: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    title: str | None = None
    source_path: str | None = None  # where it was read from (file, line), for error messages
    language: str | None = None
    id: str = ""
    # What linking reads in the text (``linking.reading.TextReading``), computed where the text is
    # read (at extraction) and carried to the writer with the report: not stored, not compared.
    reading: Any = field(default=None, compare=False, repr=False, metadata={TRANSIENT: True})
    # The report's own reading of its incident's toll (``reconcile.toll_vote.read_toll``), likewise.
    toll: Any = field(default=None, compare=False, repr=False, metadata={TRANSIENT: True})

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text, self.title)


def content_id(text: str, title: str | None = None) -> str:
    """Document identity: a hash of the normalised headline and text, so re-ingesting changes nothing,
    the same story found at two addresses is one report, and two pages of one text under two
    headlines (a sign-up notice crawled for two stories) are two. Without a headline, the text's
    hash alone, as every report was keyed before headlines counted (``text_id``)."""
    head = headline_key(title)
    norm = " ".join(text.split())
    return hashlib.sha256(f"{head}\n{norm}".encode() if head else norm.encode()).hexdigest()


def headline_key(title: str | None) -> str:
    """A headline as its report's identity reads it: spacing and case do not count."""
    return " ".join((title or "").split()).casefold()


def text_id(doc: Document) -> str:
    """The key a report had before headlines counted (its text's hash): how a store written then
    knows it (``ledger.ingest``)."""
    return content_id(doc.text)


@dataclass
class IngestError:
    source: str  # file name, with ":line" for JSONL
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Figure:
    """The reconciled low / best / high for one victim group and outcome of an incident."""

    group: str  # VictimGroup.key: "all", "civilian", "Cuba", "Cuba:military", ...
    outcome: Outcome
    low: int | None = None
    best: int | None = None
    high: int | None = None
    low_reason: str = ""
    best_reason: str = ""
    high_reason: str = ""
    claim_ids: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # "disagreement: 32 vs 80 (ratio 2.5)", ...


@dataclass
class TimelinePoint:
    reported: date | None  # first-reported time: the publication date of the earliest report
    claimant: str
    outcome: Outcome | None
    group: str
    count: Count
    claim_id: str
    doc_id: str


@dataclass
class Incident:
    id: str
    date: dt.date | None = None
    place: str | None = None
    country: str | None = None
    event_type: str | None = None  # "raid", "shooting", "air strike", "earthquake"
    actor: str | None = None
    target: str | None = None
    label: str = ""  # a short human title: "raid, Caracas (Venezuela), 2026-01-03"
    doc_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    claimants: int = 0  # distinct claimants of its claims: the innermost named source, else the outlet


# --------------------------------------------------------------------------- victim groups


def ancestors(key: str) -> list[str]:
    """The key and every group containing it, most specific first: 'Cuba:military' → Cuba, military, all."""
    if key == "all":
        return ["all"]
    if ":" in key:
        nat, status = key.rsplit(":", 1)
        return [key, nat, status, "all"]
    return [key, "all"]


def is_subgroup(sub: str, parent: str) -> bool:
    return sub != parent and parent in ancestors(sub)


def claim_group(claim: Claim) -> str:
    """The one reconciliation group a claim counts for: the most specific group holding all its victims."""
    keys = [v.key for v in claim.victims] or ["all"]
    common = [k for k in ancestors(keys[0]) if all(k in ancestors(other) for other in keys[1:])]
    return common[0] if common else "all"


# --------------------------------------------------------------------------- serialisation


_PLAIN = frozenset({str, int, float, bool, type(None)})  # exact types: a StrEnum is a str too


def to_dict(obj: Any) -> Any:
    """Dataclass → JSON-ready dict (enums as values, dates as ISO strings)."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    names = _dataclass_fields(kind)
    if names is not None:
        out = {name: to_dict(getattr(obj, name)) for name in names}
        if isinstance(obj, Claim):
            out["id"] = obj.id
        return out
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@functools.cache
def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The fields ``to_dict`` writes of a dataclass (None for any other type): all but the transient."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if TRANSIENT not in f.metadata)


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """JSON-ready dict → dataclass, the inverse of ``to_dict``, read from the class's own fields and
    types (so a field is declared once, in its dataclass): enums from their values, dates from ISO
    strings, nested dataclasses and lists of them; keys that are not fields are ignored, a missing key
    takes the field's default, and a nested dataclass given as None or missing is built from {}."""
    return _reader(cls)(data)


@functools.cache
def _reader(cls: type[T]) -> Callable[[Mapping[str, Any]], T]:
    hints = typing.get_type_hints(cls)
    plan = [
        (f.name, _converter(hints[f.name]), f.default is MISSING and f.default_factory is MISSING)
        for f in dataclasses.fields(cls)
    ]

    def read(data: Mapping[str, Any]) -> T:
        kwargs = {}
        for name, convert, required in plan:
            if name in data:
                value = data[name]
                kwargs[name] = value if convert is None else convert(value)
            elif required:
                kwargs[name] = None if convert is None else convert(None)
        return cls(**kwargs)

    return read


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """How a JSON value becomes a value of type ``hint`` (None: as it is)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = _converter(args[0])
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if origin is list:
        inner = _converter(args[0])
        return (lambda v: list(v or [])) if inner is None else (lambda v: [inner(x) for x in v or []])
    if dataclasses.is_dataclass(hint):
        return lambda v: _reader(hint)(v or {})
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint
    if hint is date:
        return _date
    return None


def _date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
