"""A quotation that runs over several sentences of one paragraph speaks for its speaker in each of them
(the README's rule: attribution carries on "while the same paragraph plainly goes on with that source's
statement"): '"Gunmen came at night. They took 12 pupils," the headmaster said.' gives both sentences
to the headmaster; a new paragraph without attribution is the report's own again."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from tolltrack.model import Attribution, Claim, Source, SourceKind

from .attribution import SourceMemory, is_reporting, make_source
from .quote_marks import after, marks

LINKED_START = ("Also read", "Read more", "READ MORE", "ALSO READ", "Related", "RELATED")
LINKED = re.compile(r"\s*(?:also read|read more|related|more|see also|watch)\b\s*[|:–—-]", re.IGNORECASE)


def speaker(toks: list[Token], memory: SourceMemory) -> Source | None:
    """The speaker a sentence names with a reporting verb ('..., the headmaster said'), if any: the
    last active subject of a reporting verb."""
    found = None
    for tok in toks:
        if is_reporting(tok):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("who", "which", "that"):
                found = make_source(subj, tok.text, memory)
    return found


def quotation_runs(sents: list[Span], text: str) -> list[list[int]]:
    """Runs of sentence indices one quotation spans (more than one sentence, never across a
    paragraph): the quotation is still open at the end of each sentence of the run but the last."""
    runs: list[list[int]] = []
    current: list[int] = []
    quoted = False
    pos = sents[0].start_char if sents else 0
    for i, sent in enumerate(sents):
        end = sent.start_char + len(sent.text.rstrip())
        linked = LINKED.match(sent.text) is not None  # "ALSO READ | ...": a link, not the quotation
        if linked or "\n" in text[pos : sent.start_char]:  # a new paragraph: an open quotation ended
            quoted = False
            _close(current, runs)
            current = []
        seg = text[sent.start_char : end]
        breaks = [(k, None) for k, ch in enumerate(seg) if ch == "\n"]
        for _, effect in sorted([*breaks, *marks(seg)]):
            if effect is None:  # a line break ends any quotation
                quoted = False
                _close(current, runs)
                current = []
            else:
                quoted = after(quoted, effect)
        pos = end
        if quoted or current:
            current.append(i)
        if not quoted:
            _close(current, runs)
            current = []
    _close(current, runs)
    return runs


def _close(run: list[int], runs: list[list[int]]) -> None:
    if len(run) > 1:
        runs.append(list(run))


def carry_speakers(
    runs: list[list[int]],
    speakers: list[Source | None],
    claims_by_sent: dict[int, list[Claim]],
    sents: list[Span] | None = None,
    text: str = "",
) -> None:
    """Give the run's speaker (named where the quotation closes, else where it opens) to the claims
    of its sentences that have no source of their own. With ``sents`` and ``text``, a quotation that
    names no speaker at all (a run, or one sentence opening on a quotation mark) goes on with the
    speaker of the sentence before it, in its paragraph or at the end of the paragraph before:
    'Ann Cole, the union's head, said talks had failed. "Our leaders are in jail."'"""
    in_runs = {i for run in runs for i in run}
    if sents is not None:
        singles = [[i] for i, s in enumerate(sents) if i not in in_runs and _opens_quotation(s.text)]
        runs = sorted([*runs, *singles])
    for run in runs:
        src = speakers[run[-1]] or speakers[run[0]]
        if src is None and sents is not None and _opens_quotation(sents[run[0]].text):
            src = _previous_speaker(run[0], sents, speakers, text)
        if src is None:
            continue
        for i in run:
            for c in claims_by_sent.get(i, []):
                if sents is not None and not _quoted(sents[i], c.trigger_start, opened=i != run[0]):
                    continue  # 'After writing about the arrests, she posted: "..."': the frame
                if not c.attribution.named_chain():  # none, or only "we"/"I" inside the quotation
                    c.attribution = Attribution(chain=[src], hedge=c.attribution.hedge)
                    c.notes.append(f"quotation of {src.name}")


OPENING_MARKS = ("“", '"', "‘", "'")


def _quoted(sent: Span, offset: int, opened: bool) -> bool:
    """Whether the word at character ``offset`` stands inside the quotation (``opened``: the sentence
    starts inside it, the quotation having opened in an earlier sentence)."""
    if offset < sent.start_char:
        return True  # no position known: the whole sentence
    inside = opened
    for k, effect in marks(sent.text):
        if k >= offset - sent.start_char:
            break
        inside = after(inside, effect)
    return inside


def _opens_quotation(sentence: str) -> bool:
    return sentence.lstrip().startswith(OPENING_MARKS)


def _previous_speaker(i: int, sents: list[Span], speakers: list[Source | None], text: str) -> Source | None:
    """The speaker of the sentence just before sentence ``i``, if it stands in the same paragraph or
    ends the paragraph before (one paragraph break between them at most)."""
    if i == 0 or speakers[i - 1] is None:
        return None
    gap = text[sents[i - 1].start_char + len(sents[i - 1].text.rstrip()) : sents[i].start_char]
    if sents[i - 1].text.lstrip().startswith(LINKED_START) or gap.count("\n") > 2:
        return None
    return speakers[i - 1]


# An embedded post signed at the end of its paragraph: "... pic.example/x — Ann Cole (@anncole) May 3, 2021".
SIGNED_POST = re.compile(r"[—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})[^\n(@]{0,40}\(@\w+\)")


def post_authors(sents: list[Span], text: str, claims_by_sent: dict[int, list[Claim]]) -> None:
    """The claims of an embedded social-media post (a paragraph signed '— Name (@handle) date') are
    its author's."""
    for i, found in claims_by_sent.items():
        start = text.rfind("\n", 0, sents[i].start_char) + 1
        end = text.find("\n", sents[i].end_char - 1)
        sign = SIGNED_POST.search(text, start, len(text) if end < 0 else end)
        if sign is None:
            continue
        src = Source(sign.group(1).strip(), SourceKind.PERSON, "posted")
        for c in found:
            if not c.attribution.named_chain():
                c.attribution = Attribution(chain=[src], hedge=c.attribution.hedge)
                c.notes.append(f"post by {src.name}")
