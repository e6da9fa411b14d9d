"""A report's claims as the ledger stores them: its text's claims, then its headline's.

A headline states the incident's toll and its main victim ("4 shot, one fatally, on Elm street"), so
the headline is read as a text of its own (``headline_document``: Title Case put in sentence case,
its clauses split at ';') and its claims are stored with the report's, after them, marked with the
note ``HEADLINE``: their offsets (``start``, ``end``, ``trigger_start``) are in the title, not in the
text. ``figures.read_report`` reads them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from tolltrack.model import Claim, Document

HEADLINE = "headline"  # the note marking a claim read in the report's title

_SMALL_WORDS = {
    "a", "an", "the", "in", "on", "at", "of", "for", "to", "by", "after", "before", "and", "or", "with",
    "from", "near", "into", "over", "outside", "inside", "during", "as", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "says", "say", "said", "police", "while", "leaves", "leave", "left",
    "least", "most", "more", "than", "other", "others", "another", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "dozen", "several", "multiple", "both", "his", "her", "their",
    "who", "that", "it", "its", "up", "out", "off", "then", "but", "not", "no", "will", "may",
}  # fmt: skip


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .lexicon import PERSON_NOUNS
    from .prefilter import claim_words

    people = {w for n in PERSON_NOUNS for w in (n, n + "s", n + "es")} | {
        "children",
        "women",
        "kids",
        "teens",
    }
    return frozenset(_SMALL_WORDS | set(claim_words()) | people)


def sentence_case(title: str) -> str:
    """'2 Girls, 2 Men Shot At Birthday Party In Compton' → '2 girls, 2 men shot at Birthday Party in
    Compton': a Title Case headline with its common words lower-cased, so that the tagger reads it
    as a sentence (names and places keep their capitals; the length never changes)."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", title)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return title
    common = _common_words()
    first = True

    def fix(m: re.Match[str]) -> str:
        nonlocal first
        w = m.group(0)
        keep = first
        first = False
        return w if keep or w.lower() not in common else w.lower()

    return re.sub(r"[A-Za-z][A-Za-z'’-]*", fix, title)


def _clauses(title: str) -> str:
    """'Five dead in mall shooting; gunman at large' → 'Five dead in mall shooting. gunman at large':
    a headline's clauses as sentences of their own (the length never changes)."""
    return re.sub(r";(?=\s)", ".", title)


def headline_document(doc: Document) -> Document:
    """A report's headline as a document of its own (empty text when it has none)."""
    return Document(
        text=_clauses(sentence_case(doc.title or "")), published=doc.published, outlet=doc.outlet, id=doc.id
    )


def with_headline(doc: Document, body: list[Claim], headline: list[Claim]) -> list[Claim]:
    """The report's claims: the text's, then the headline's renumbered after them and marked."""
    shift = len(body)
    for c in headline:
        c.doc_id = doc.id
        c.index += shift
        c.refers_to = None if c.refers_to is None else c.refers_to + shift
        c.supersedes = None if c.supersedes is None else c.supersedes + shift
        c.notes = [*c.notes, HEADLINE]
    return [*body, *headline]


def is_headline(c: Claim) -> bool:
    return HEADLINE in c.notes


def split_headline(claims: Iterable[Claim]) -> tuple[list[Claim], list[Claim]]:
    """(the text's claims, the headline's claims) of one report."""
    claims = list(claims)
    return [c for c in claims if not is_headline(c)], [c for c in claims if is_headline(c)]


def report_claims(docs: Iterable[Document], batch_size: int = 32) -> Iterator[tuple[Document, list[Claim]]]:
    """(document, claims) of every report, in order: the text's claims and the headline's."""
    from .document import extract_many

    docs = list(docs)
    titled = [d for d in docs if (d.title or "").strip()]
    heads = {d.id: claims for d, claims in extract_many([headline_document(d) for d in titled], batch_size)}
    for doc, body in extract_many(docs, batch_size=batch_size):
        yield doc, with_headline(doc, body, heads.get(doc.id, []))
