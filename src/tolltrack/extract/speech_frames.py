"""Reported speech read from the words' order where the parse tree loses it: a sentence that closes
on its source ('..., the council said.', '..., RSF notes.', '..., according to the group.',
'..., said the mayor.') or opens with it ('The Prisoners' Aid Group (PAG) estimated by May 2, that
...'). Used only for a casualty the tree walk left without a source."""

from __future__ import annotations

from spacy.tokens import Span, Token

MORE_REPORTING = {"proclaim", "observe", "recount", "conclude", "concede"}
OPENING_CUES = {"that", ":"}
QUOTES = set('"“”')
TAIL_FILLERS = {"on", "in", "at", "during", "via", "through", "to", "last", "this", "earlier", "later",
                "today", "yesterday", "tonight", "a", "an", "the", "its", "his", "her", "their",
                "statement", "interview", "report", "briefing", "conference", "news", "press"}  # fmt: skip


# Verbs of saying that frame a sentence ('..., the group estimated.'); not 'put', 'list' or 'show'.
FRAME_VERBS = {"say", "report", "add", "note", "write", "tell", "explain", "announce", "declare", "state",
               "claim", "estimate", "allege", "confirm", "insist", "tweet", "post", "reveal", "disclose",
               "testify", "acknowledge", "suggest", "maintain", "assert", "warn",
               *MORE_REPORTING}  # fmt: skip
NOMINAL = {"pobj", "dobj", "conj", "compound", "appos", "nsubj", "nsubjpass", "amod", "attr"}


def reporting_word(tok: Token, first: bool = False) -> bool:
    """A verb of saying, also where the tagger took it for a noun ('RSF notes'); ``first``: it opens
    its clause ('..., reported the Daily Lens'), where the parser often hangs it on a verb before."""
    if tok.pos_ in ("VERB", "AUX"):
        return (
            tok.lemma_.lower() in FRAME_VERBS
            and tok.tag_ != "VBG"
            and (tok.dep_ not in NOMINAL or (first and tok.dep_ == "conj"))
        )
    return tok.pos_ == "NOUN" and tok.lower_ in ("says", "notes", "adds", "writes") and tok.dep_ == "ROOT"


def _np_head(toks: list[Token]) -> Token | None:
    """The word of a short noun phrase that the rest hangs on (its head leaves the phrase)."""
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    heads = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[-1] if heads else None


def _speaker_words(toks: list[Token]) -> bool:
    """Words that can name a speaker: a short phrase with a noun, no verb, no number alone."""
    return 0 < len(toks) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in toks)


def closing_source(sent: Span, trigger: Token) -> tuple[Token, str] | None:
    """'..., the council said [in a statement].' / '..., said the council.' / '..., according to X.':
    the source's word and cue, when the trigger stands before the frame."""
    toks = [t for t in sent if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].text in QUOTES):
        toks.pop()
    commas = [k for k, t in enumerate(toks) if t.text == "," and t.i > trigger.i]
    if not commas:
        return None
    tail = toks[commas[-1] + 1 :]
    if any(t.text in QUOTES for t in tail) or not tail:
        return None
    if len(tail) > 2 and tail[0].lower_ == "according" and tail[1].lower_ == "to":
        head = _np_head(tail[2:])
        return (head, "according to") if head is not None and _speaker_words(tail[2:]) else None
    verbs = [k for k, t in enumerate(tail) if reporting_word(t, first=k == 0)]
    if not verbs:
        return None
    k = verbs[0]
    before, after = tail[:k], tail[k + 1 :]
    filler = all(t.lower_ in TAIL_FILLERS or t.ent_type_ == "DATE" for t in after)
    if before and _speaker_words(before) and filler:
        head = _np_head(before)
    elif not before and after:  # "..., said the mayor of the town"
        head = _np_head(after) if _speaker_words(after) else None
    else:
        head = None
    if head is None or head.lower_ in ("who", "which", "that"):
        return None
    return head, tail[k].text


def opening_source(sent: Span, trigger: Token) -> tuple[Token, str] | None:
    """'The group estimated by May 2, that ...' / 'Ann Cole wrote: ...': a sentence that opens with a
    speaker and a reporting verb followed by 'that' or a colon, the trigger after it."""
    toks = [t for t in sent if not t.is_space]
    verb = next((t for t in toks if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not reporting_word(verb) or verb.i >= trigger.i:
        return None
    cue = next((t for t in toks if t.i > verb.i and t.i < trigger.i and t.lower_ in OPENING_CUES), None)
    if cue is None:
        return None
    before = [t for t in toks if t.i < verb.i]
    if before and before[0].lower_ in ("in", "on", "at", "during", "after"):  # a fronted phrase, then a comma
        comma = max((k for k, t in enumerate(before) if t.text == ","), default=None)
        before = before[comma + 1 :] if comma is not None else []
    while before and (before[-1].is_punct or before[-1].like_num):
        before.pop()
    if not before or not _speaker_words(before) or any(t.text in QUOTES for t in before):
        return None
    head = _np_head(before)
    return (head, verb.text) if head is not None else None


SAYING_FORMS = {"said", "says", "notes", "noted", "wrote", "writes", "added", "adds", "stated", "states",
                "explained", "explains", "declared", "declares", "told", "tweeted", "posted"}  # fmt: skip


def colon_source(sent: Span, trigger: Token) -> tuple[Token, str] | None:
    """'The former minister further notes in his letter: "..."': a speaker, a verb of saying and a
    colon before the trigger (the tagger often takes 'notes' or 'says' for a noun here)."""
    toks = [t for t in sent if not t.is_space]
    colon = next((k for k, t in enumerate(toks) if t.text == ":" and t.i < trigger.i), None)
    if colon is None:
        return None
    frame = toks[:colon]
    k = next((j for j, t in enumerate(frame) if t.lower_ in SAYING_FORMS or reporting_word(t)), None)
    if not k:
        return None
    before = [t for t in frame[:k] if t.pos_ != "ADV"]
    if not _speaker_words(before) or any(t.text in QUOTES for t in before):
        return None
    head = _np_head(before)
    return (head, frame[k].text) if head is not None else None
