"""Document → claims: parse, find casualty mentions, attribute them, tie them to events, and fold
references to earlier victims ("those killed", "the Cubans were military personnel") into the
claims they refer to."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from tolltrack.geo.lookup import country_of
from tolltrack.model import Claim, Count, CountKind, Document, Outcome, Status
from tolltrack.nlp import probe
from tolltrack.nlp import windows as text_windows
from tolltrack.nlp.entities import entities_in
from tolltrack.nlp.pipeline import load, parse

from .attribution import SourceMemory, attribute, remember_sources
from .claims.triggers import TRIGGER_WORDS, Mention, sentence_mentions
from .continuation import carry_paragraphs
from .events import document_event, event_nouns, merge_event, sentence_event
from .lexicon import PERSON_NOUNS, TOLL_NOUNS
from .prefilter import select_spans
from .prefilter_gate import has_trigger
from .quotations import carry_speakers, post_authors, quotation_runs, speaker
from .restatements import restated
from .scope import RATE, classify_claims
from .self_voice import speak_as_release
from .source_names import name_sources
from .victims import make_group

_CAPTION = re.compile(r"^\s*\d{1,2}:\d{2}\s+(?!a\.?m|p\.?m)[A-Z]")


def _probe_claims(text: str, doc: Doc) -> list[Claim]:
    """The claims of a parsed probe report, for the spaCy stage's load-time probe of its fast paths."""
    return claims_from_parsed(Document(text=text), doc)


probe.read_claims_with(_probe_claims)


def is_caption(text: str) -> bool:
    """Video playlist lines scraped with a page ('0:27 Father of man killed ...') report nothing."""
    return _CAPTION.match(text) is not None


def warm_up(whole: bool = False) -> None:
    """Load what extraction loads on first use: the model (and method A's copies of its networks
    unless ``whole``), the place tables and the date parser; a long-running worker or a benchmark
    calls it before its first report."""
    from tolltrack.geo.places import preload

    from .dates import resolve

    preload()
    resolve("March 3", None)
    text = "Two men were killed and a woman was wounded in a shooting in Dayton on Sunday, police said."
    list(extract_many([Document(text=text)], whole=whole))


def extract(doc: Document) -> list[Claim]:
    """Every casualty claim in one document, in text order."""
    return next(iter(extract_many([doc])))[1]


def extract_many(
    docs: Iterable[Document], batch_size: int = 32, whole: bool = False
) -> Iterator[tuple[Document, list[Claim]]]:
    """Extract claims from many documents, parsing them in batches with nlp.pipe.

    Only the stretches of text ``prefilter.select_spans`` keeps (sentences with a casualty word and the
    context the rules read) are parsed: they are joined into one excerpt per document, each stretch
    starting a sentence, and the claims' offsets are mapped back to the full text. ``whole=True``
    parses every document whole (the reference the filter is tested against). A report longer
    than ``text_windows.WINDOW`` is read in windows cut at paragraph breaks (spaCy refuses texts
    of more than a million characters)."""
    marks: dict = {}
    found = _extract_many(text_windows.split(docs, marks), batch_size, whole)
    yield from text_windows.join(found, marks)


def _extract_many(docs: Iterable[Document], batch_size: int, whole: bool):
    nlp = load()
    if whole:
        pairs = ((d.text, d) for d in docs)
        for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield doc, classify_claims(claims_from_parsed(doc, parsed))
        return
    excerpts = (_excerpt(nlp, d) for d in docs)
    for parsed, (doc, spans, starts) in parse(excerpts, batch_size=batch_size, as_tuples=True):
        yield doc, classify_claims(_claims_in_excerpt(doc, parsed, spans, starts))


def _excerpt(nlp, doc: Document) -> tuple[Doc, tuple[Document, list[tuple[int, int]], list[int]]]:
    """The kept stretches of a document as one unparsed Doc, each stretch starting a sentence and
    followed by the white space that follows it in the text (a paragraph break where a paragraph
    ends between it and the next stretch, so that paragraph rules read the excerpt as the whole text),
    with the stretches and where each starts in the excerpt."""
    text = doc.text
    spans = select_spans(text)
    pieces, starts, pos = [], [], 0
    for k, (s, e) in enumerate(spans):
        gap = _SPACE_RUN.match(text, e).group(0) or " "
        if "\n" not in gap and k + 1 < len(spans) and "\n" in text[e : spans[k + 1][0]]:
            gap = "\n\n"  # a stretch ending inside a paragraph: the next one is still another paragraph
        starts.append(pos)
        pieces.append(text[s:e] + gap)
        pos += e - s + len(gap)
    parsed = nlp.make_doc("".join(pieces))
    if len(parsed):
        idx = parsed.to_array(IDX)
        for i in np.flatnonzero(np.isin(idx, starts)).tolist():
            parsed[i].is_sent_start = True
    return parsed, (doc, spans, starts)


_SPACE_RUN = re.compile(r"\s*")


def _claims_in_excerpt(doc: Document, parsed: Doc, spans: list[tuple[int, int]], starts: list[int]):
    """The claims of the parsed excerpt, with their offsets mapped back to doc.text."""
    if not spans:
        return []

    def to_text(offset: int, end: bool = False) -> int:
        k = max(0, bisect_right(starts, offset - 1 if end else offset) - 1)
        return spans[k][0] + offset - starts[k]

    claims = claims_from_parsed(doc, parsed)
    for c in claims:
        c.start, c.end = to_text(c.start), to_text(c.end, end=True)
        if c.trigger_start >= 0:
            c.trigger_start = to_text(c.trigger_start)
    return claims


def _possessive_resolver(sents: list[Span]):
    """'its citizens' → the most recent country named before the possessive."""

    def resolve(tok: Token) -> str | None:
        for ent in reversed([e for e in tok.doc.ents if e.end <= tok.i]):
            if ent.label_ in ("GPE", "NORP"):
                c = country_of(ent.text)
                if c:
                    return c
        return None

    return resolve


def claims_from_parsed(doc: Document, parsed: Doc) -> list[Claim]:
    sents = list(parsed.sents)
    memory = SourceMemory()
    resolver = _possessive_resolver(sents)
    main_event = document_event(sents, doc.published)
    claims: list[Claim] = []
    full = parsed.text
    speakers, by_sent = [], {}  # each sentence's named speaker; each sentence's claims
    for n, sent in enumerate(sents):
        toks = list(sent)  # the rules below each walk the sentence: its Token objects made once
        text = full[sent.start_char : sent.end_char]  # sent.text
        if has_trigger(text) and not is_caption(text):
            seen = None  # the sentence's event nouns and entities, read once for all its claims
            first, olders = len(claims), []
            for m in sentence_mentions(sent, resolver, toks):
                ref = _referent(m, claims) if m.anaphoric else None
                if ref is not None:
                    _fold_into(ref, m, sent)
                    continue
                seen = seen or (event_nouns(toks), entities_in(sent, toks))
                claim = _claim(doc, sent, text, m, memory, main_event, seen)
                same = restated(claim, claims, doc.title)
                if same is not None:  # the same claimant, victims and figure: one claim, restated here
                    root = same if same.refers_to is None else claims[same.refers_to]
                    claim.refers_to = claims.index(root)
                    claim.notes.append(f"restates #{claim.refers_to}")
                if m.older:
                    olders.append(root if same is not None else claim)
                claims.append(claim)
                by_sent.setdefault(n, []).append(claim)
            _link_revisions(claims, first, olders)
            _note_missing_figures(sent, claims, toks)
        _role_claims(sent, text, claims, memory, doc, resolver, toks)
        speakers.append(speaker(toks, memory))
        remember_sources(toks, memory)
    carry_speakers(quotation_runs(sents, full), speakers, by_sent, sents, full)
    post_authors(sents, full, by_sent)
    carry_paragraphs(sents, full, speakers, by_sent)
    speak_as_release(claims, doc.text)
    name_sources(claims, doc.text)
    for i, c in enumerate(claims):
        c.index = i
        c.doc_id = doc.id
        _attacking_side(c)
    return claims


def _claim(doc: Document, sent: Span, text: str, m: Mention, memory: SourceMemory, main_event, seen) -> Claim:
    """The claim of one mention; ``text`` is ``sent.text``, ``seen`` its event nouns and entities."""
    ev = merge_event(sentence_event(sent, m.trigger, doc.published, *seen), main_event)
    return Claim(
        count=m.count,
        outcome=m.outcome,
        victims=m.victims,
        attribution=attribute(m.trigger, memory),
        sentence=text.strip(),
        start=sent.start_char,
        end=sent.start_char + len(text.rstrip()),
        trigger=m.trigger.text,
        trigger_start=m.trigger.idx,
        event=ev,
        scope_reason=RATE if m.rate else "",  # classify_claims makes a rate's scope background
    )


def _link_revisions(claims: list[Claim], first: int, olders: list[Claim]) -> None:
    """'the toll has risen to 45 from 30': the sentence's new figure supersedes the one it moved from."""
    for old in olders:
        new = next(
            (
                c
                for c in claims[first:]
                if c is not old and c.outcome is old.outcome and str(c.count) != str(old.count)
            ),
            None,
        )
        if new is not None and new.supersedes is None:
            new.supersedes = claims.index(old)
            new.notes.append(
                f"supersedes {old.count} ({old.sentence if old.start != new.start else 'same sentence'})"
            )
            old.notes.append(f"superseded by {new.count}")


def _compatible(m: Mention, c: Claim) -> bool:
    if c.outcome not in (m.outcome, Outcome.CASUALTIES) and m.outcome is not Outcome.CASUALTIES:
        return False
    nats = {v.nationality for v in m.victims if v.nationality}
    return not nats or bool(nats & {v.nationality for v in c.victims})


def _referent(m: Mention, claims: list[Claim]) -> Claim | None:
    """The earlier claim an anaphoric mention ('those killed', 'the Cubans') refers to."""
    for c in reversed(claims):
        if c.outcome is not None and _compatible(m, c):
            return c
    return None


def _fold_into(ref: Claim, m: Mention, sent: Span) -> None:
    """A later reference adds what it says about the victims to the claim it refers to."""
    head = m.victim_tokens[0] if m.victim_tokens else m.trigger
    ident = _copula_attr(head)
    if ident is not None:  # "many of those killed were Cuban nationals"
        group, count = make_group(ident, lambda t: None)
        if count is None or count.kind is CountKind.UNQUANTIFIED:
            quant = head.head.head if head.dep_ == "pobj" else None
            if quant is not None and quant.dep_ in ("nsubj", "nsubjpass"):
                group.text = f"{quant.text} {group.text}"
        ref.victims.append(group)
    cue = _cue_above(m.trigger)
    said = sent.text.strip()
    if ref.start == sent.start_char:  # the same sentence: quote only the clause that adds to it
        clause = head.head if ident is None else ident.head
        said = parsed_clause(clause)
    ref.notes.append(f"restated{f' ({cue})' if cue else ''}: {said}")


def _copula_attr(tok: Token) -> Token | None:
    """For 'X ... were Y' where X contains tok, the attribute Y."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.head.lemma_ == "be":
            for c in cur.head.children:
                if c.dep_ == "attr":
                    return c
            return None
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _cue_above(tok: Token) -> str | None:
    from .attribution import is_reporting

    for anc in tok.ancestors:
        if is_reporting(anc):
            return anc.text
    return None


def _note_missing_figures(sent: Span, claims: list[Claim], toks: list[Token]) -> None:
    """'though he did not provide an official casualty figure' → a note on the sentence's claims
    (``toks``: the sentence's tokens)."""
    for tok in toks:
        if tok.lemma_.lower() in TOLL_NOUNS and any(
            c.dep_ == "compound" and c.lemma_.lower() in TRIGGER_WORDS for c in tok.children
        ):
            verb = tok.head
            if any(c.dep_ == "neg" for c in verb.children):
                clause = parsed_clause(verb)
                for c in claims:
                    if c.start == sent.start_char:
                        c.notes.append(clause)


def parsed_clause(verb: Token) -> str:
    """The words of one clause: the verb's subtree without its leading marker and coordinated clauses."""
    skip = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    skip |= {c.i for c in verb.children if c.dep_ == "mark"}
    toks = [t for t in verb.subtree if t.i not in skip]
    return verb.doc[toks[0].i : toks[-1].i + 1].text.strip(" ,.")


def _role_claims(
    sent: Span,
    text: str,
    claims: list[Claim],
    memory: SourceMemory,
    doc: Document,
    resolver,
    toks: list[Token],
) -> None:
    """'the Cuban nationals were military personnel': a role claim about victims of an earlier claim
    (``text``: the sentence's text, ``toks``: its tokens)."""
    if not claims:
        return
    for tok in toks:
        if tok.lemma_ != "be" or tok.pos_ not in ("AUX", "VERB"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in tok.children if c.dep_ == "attr"), None)
        if subj is None or attr is None or attr.lemma_.lower() not in PERSON_NOUNS:
            continue
        det = next((c for c in subj.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("the", "these", "those"):
            continue
        group, _ = make_group(subj, resolver)
        role_group, _ = make_group(attr, resolver)
        if role_group.status is Status.UNKNOWN and role_group.role is None:
            continue
        ref = next(
            (
                c
                for c in reversed(claims)
                if c.outcome is not None
                and group.nationality
                and group.nationality in {v.nationality for v in c.victims}
            ),
            None,
        )
        if ref is None:
            continue
        group.status = role_group.status
        group.role = role_group.role or phrase(attr)
        for v in ref.victims:
            if v.nationality == group.nationality:
                v.status, v.role = group.status, group.role
        claims.append(
            Claim(
                count=Count(**{**ref.count.__dict__}),
                outcome=None,
                victims=[group],
                attribution=attribute(tok, memory),
                sentence=text.strip(),
                start=sent.start_char,
                end=sent.start_char + len(text.rstrip()),
                trigger=tok.text,
                trigger_start=tok.idx,
                event=ref.event,
                refers_to=claims.index(ref),
                notes=[f"role: {phrase(attr)}"],
            )
        )


def phrase(tok: Token) -> str:
    toks = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound",)]
    return tok.doc[toks[0].i : tok.i + 1].text


def _attacking_side(c: Claim) -> None:
    """Casualties of the side that carried out a military operation are its forces."""
    actor = c.event.actor
    for v in c.victims:
        if actor and v.nationality == actor and v.status is Status.UNKNOWN:
            v.status = Status.MILITARY
            v.role = v.role or "forces of the attacking side"
