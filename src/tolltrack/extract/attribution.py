"""Who says so: reporting chains from reporting verbs, "according to", "citing", with references
("the agency", "he", "it") resolved to sources named earlier in the document."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tolltrack.model import Attribution, Source, SourceKind
from tolltrack.nlp.entities import entity_at

from .lexicon import CHANNELS, EVENT_NOUNS, HEDGES, NEWS_AGENCIES, SOURCE_HEADS
from .reporting_verbs import DOCUMENTS, is_reporting, says_through
from .speech_frames import closing_source, colon_source, opening_source

PRONOUNS = {"he", "she", "it", "they", "we", "i"}
PERSONAL = {"he", "she", "i", "we"}
SINGULAR = {"he", "she", "i"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
HEDGE_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "perhaps"}


@dataclass
class SourceMemory:
    """Sources named so far in a document, most recent last, for resolving later references."""

    seen: list[tuple[Source, str]] = field(default_factory=list)  # (source, head lemma)
    plural: set[int] = field(default_factory=set)  # ids of the sources named by a plural noun

    def add(self, source: Source, head: str, plural: bool = False) -> None:
        self.seen.append((source, head))
        if plural:
            self.plural.add(id(source))

    def resolve(self, word: str, head: str) -> Source | None:
        for src, h in reversed(self.seen):
            if word in SINGULAR and id(src) in self.plural:
                continue  # "she" is not "government officials"
            if word in PERSONAL and src.kind in (SourceKind.OFFICIAL, SourceKind.PERSON):
                return src
            if word == "it" and src.kind in (
                SourceKind.AGENCY,
                SourceKind.OUTLET,
                SourceKind.GOVERNMENT,
                SourceKind.ORGANIZATION,
            ):
                return src
            if word == "they" and src.kind is not SourceKind.NARRATOR:
                return src
            if word not in PRONOUNS and (h == head or (src.title and head in src.title.lower().split())):
                return src
        kinds = CLASS_NOUNS.get(head, ())
        for src, _ in reversed(self.seen):  # "the newspaper" after "The Daily Lens reported ...": its class
            if src.kind in kinds and src.name[:1].isupper():
                return src
        return None


# Nouns that refer back to a named source by its class: "the newspaper", "the rights group".
_OUTLETS = (SourceKind.OUTLET, SourceKind.AGENCY)
CLASS_NOUNS = {
    **dict.fromkeys(("newspaper", "paper", "daily", "outlet", "website", "site", "broadcaster",
                     "publication", "magazine", "weekly", "tabloid"), _OUTLETS),  # fmt: skip
    "agency": (SourceKind.AGENCY,),
    **dict.fromkeys(("group", "organisation", "organization", "watchdog", "ngo", "charity", "monitor"),
                    (SourceKind.ORGANIZATION,)),  # fmt: skip
}


def _ent_span(tok: Token, labels: tuple[str, ...]):
    ent = entity_at(tok)
    return ent if ent is not None and ent.label_ in labels else None


def _np_tokens(tok: Token) -> list[Token]:
    """The words of a noun phrase before its head, plus the head and its compounds."""
    return [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("punct",)] or [tok]


def make_source(tok: Token, cue: str, memory: SourceMemory) -> Source:
    """A Source for the noun phrase headed by ``tok``."""
    example = _such_as(tok)
    if example is not None:  # "other sources, such as the Daily Lens, put it at 25": the one named
        tok = example
    low = tok.lower_
    head = tok.lemma_.lower()
    if low in PRONOUNS:
        found = memory.resolve(low, head)
        if found:
            return Source(found.name, found.kind, cue, found.title, None)
        return Source(tok.text, SourceKind.UNNAMED, cue)
    described = _described_people(tok)
    if described is not None:  # "those who survived the attack said ...": the clause says who
        return Source(described, SourceKind.UNNAMED, cue)
    np = _np_tokens(tok)
    is_definite = np[0].lower_ in ("the", "this", "that") and not any(t.ent_type_ for t in np)
    if is_definite:
        found = memory.resolve(low, head)
        if found:
            return Source(found.name, found.kind, cue, found.title, None)
    # A named person in apposition: "the defence minister, general Vladimir Padrino".
    named = None
    for child in tok.children:
        if child.dep_ == "appos":
            named = _ent_span(child, ("PERSON", "ORG")) or named
            if named is None and child.pos_ == "PROPN" and not _ent_span(tok, ("PERSON", "ORG")):
                named = _proper_name(child)  # "the news website Daily Lens" with no entity on the name
    named = named or _ent_span(tok, ("PERSON", "ORG", "GPE", "NORP", "FAC"))
    if named is None:  # "analysts at the Conflict Casualty Monitor": the speaker's organisation
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "of", "from", "with"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                org = _ent_span(pobj, ("ORG",)) if pobj is not None else None
                if org is not None and SOURCE_HEADS.get(head) in (None, SourceKind.UNNAMED):
                    return Source(org.text.removeprefix("the "), SourceKind.ORGANIZATION, cue, tok.text, None)
    if named is None:
        for t in np:
            ent = _ent_span(t, ("PERSON", "ORG", "GPE"))
            if ent is not None and t.dep_ in ("compound", "nsubj", "nmod") and t.head == tok:
                named = ent
    title_words = [
        t.text
        for t in np
        if (named is None or not (named.start <= t.i < named.end))
        and t.lower_ not in DETERMINERS
        and t.dep_ != "poss"
        and t.tag_ != "POS"
        and t.head.dep_ != "poss"
    ]
    title = " ".join(title_words).strip() or None
    kind = SOURCE_HEADS.get(head)
    if named is not None:
        name = named.text
        if named.label_ == "PERSON":
            kind = (
                SourceKind.OFFICIAL
                if kind in (SourceKind.OFFICIAL, SourceKind.GOVERNMENT) or _has_title(np)
                else SourceKind.PERSON
            )
        elif named.label_ == "GPE" and named.root == tok:
            kind = SourceKind.GOVERNMENT
        elif named.label_ == "NORP":
            kind = kind or SourceKind.OFFICIAL
            name = " ".join(t.text for t in np if t.lower_ not in DETERMINERS)
        elif named.text.lower().removeprefix("the ") in NEWS_AGENCIES:
            kind = SourceKind.AGENCY
        elif kind is None:
            outlet_cues = ("reported", "reports", "report", "wrote", "published", "told")
            kind = SourceKind.OUTLET if cue in outlet_cues else SourceKind.ORGANIZATION
        if name.lower().startswith("the "):
            name = name[4:]
    else:
        words = np
        if head == "report" and any(t.dep_ == "compound" for t in np):  # "US media reports" → US media
            words = [t for t in np if t.i < tok.i]
            kind = SOURCE_HEADS.get(words[-1].lemma_.lower(), kind)
        while len(words) > 1 and words[0].lower_ in DETERMINERS:
            words = words[1:]
        name = tok.doc[words[0].i : words[-1].i + 1].text if words else tok.text
        kind = kind or SourceKind.UNNAMED
    if title and name and title.lower() == name.lower():
        title = None
    return Source(name, kind, cue, title, None)


# Words that name speakers only through the clause that follows them ("those who saw it", "one
# who was held there").
BARE_HEADS = {"those", "these", "one", "some", "many", "others", "all", "several"}


def _described_people(tok: Token) -> str | None:
    """'those who survived the attack', 'those offering testimony': the pronoun with its clause."""
    if tok.lower_ not in BARE_HEADS or not any(c.dep_ in ("relcl", "acl") for c in tok.children):
        return None
    words = [t for t in tok.subtree if not (t.is_punct and t.i in (tok.left_edge.i, tok.right_edge.i))]
    return tok.doc[words[0].i : words[-1].i + 1].text if words else None


def _such_as(tok: Token) -> Token | None:
    """The named example of a generic plural source: 'rights groups such as Amnesty' → Amnesty."""
    if tok.tag_ != "NNS":
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and _has_such(prep):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("ORG", "PERSON") and not pobj.conjuncts:
                return pobj
    return None


def _has_such(prep: Token) -> bool:
    return any(c.lower_ == "such" for c in prep.children) or (
        prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"
    )


def _proper_name(tok: Token):
    """The span of a proper noun with its compounds: 'Daily Lens' in 'the website, Daily Lens'."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start = min([tok.i, *(c.i for c in parts)])
    span = tok.doc[start : tok.i + 1]
    span.label_ = "ORG"
    return span


def _has_title(np: list[Token]) -> bool:
    return any(SOURCE_HEADS.get(t.lemma_.lower()) is SourceKind.OFFICIAL for t in np)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:  # the nearest: a dateline parsed as a second subject ("ADEN, Yemen -- officials said")
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    stray = _stray_subject(verb)
    if stray is not None:
        return stray
    # Mis-parses such as "US media reports, citing ..., have suggested": a noun on the left.
    for child in verb.children:
        if (
            child.dep_ in ("ccomp", "dep", "npadvmod")
            and child.i < verb.i
            and child.pos_ in ("NOUN", "PROPN")
        ):
            return child
    # A participle sharing its subject with the verb it hangs on: "..., claiming that ..."
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A reporting verb the parser left without a subject although a name stands right before it,
    behind an age or a title in commas: 'In a piece for the Daily Lens, Ann Cole, 61, wrote that ...'."""
    if not is_reporting(verb) or verb.dep_ not in ("ROOT", "parataxis"):
        return None
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].is_punct or verb.doc[i].like_num):
        i -= 1
    if i < verb.sent.start or i == verb.i - 1:
        return None  # nothing set off by commas: not a stray subject
    tok = verb.doc[i]
    if tok.pos_ == "PROPN" and tok.dep_ in ("conj", "appos", "pobj", "npadvmod", "dep"):
        return tok
    return None


def _channel(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "during", "via", "through"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in CHANNELS:
                    return " ".join(t.text for t in pobj.subtree if t.lower_ not in DETERMINERS)
    return None


def _child_word(tok: Token, word: str) -> Token | None:
    return next((g for g in tok.children if g.lower_ == word), None)


def _according_to(tok: Token) -> Token | None:
    """'according to X' or 'as per X' among the children of ``tok``: X."""
    for child in tok.children:
        if child.lower_ == "according":
            for to in child.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        if child.lower_ in ("per", "as") and child.i > 0:
            per = child if child.lower_ == "per" else _child_word(child, "per")
            if per is not None and tok.doc[per.i - 1].lower_ == "as":
                pobj = next((g for g in per.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return None


def _agent(verb: Token) -> Token | None:
    """'was reported by the ministry' → ministry."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _issuer(tok: Token) -> Token:
    """Who stands behind a channel: 'a statement that the office issued', 'a statement by the army',
    'the ministry's statement'; the noun itself when nothing names the issuer."""
    if tok.lemma_.lower() not in CHANNELS | DOCUMENTS:
        return tok
    for child in tok.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "compound" and child.ent_type_ == "ORG":  # "Prison Service figures"
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ in ("relcl", "acl"):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("that", "which", "who"):
                return subj
            agent = _agent(child)
            if agent is not None:
                return agent
    return tok


def _citing(verb: Token) -> list[Token]:
    found = []
    for child in verb.children:
        if child.lemma_.lower() in ("cite", "quote") and child.dep_ in ("advcl", "acl", "xcomp", "prep"):
            found.extend(c for c in child.children if c.dep_ in ("dobj", "pobj"))
    subj = _subject(verb)
    if subj is not None:
        for child in subj.children:
            if child.lemma_.lower() in ("cite", "quote"):
                found.extend(c for c in child.children if c.dep_ in ("dobj", "pobj"))
    return found


def _told_outlet(verb: Token) -> Token | None:
    if verb.lemma_.lower() != "tell":
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.ent_type_ == "ORG":
            return child
    return None


def attribute(trigger: Token, memory: SourceMemory) -> Attribution:
    """The reporting chain above a casualty trigger, outermost source first."""
    inner_first: list[Source] = []
    hedge = None
    prev = trigger
    own_verb = True  # the walk is still on the trigger or verbs coordinated with it
    pushed_at = None  # the word whose own attribution gave the last source
    fenced = False  # the walk stopped at background the report gives itself
    for anc in [trigger, *trigger.ancestors]:
        # A casualty inside the description of an event ("the operation to seize and detain X") is
        # told by the report itself, not by whoever speaks about the event.
        if (
            anc is not trigger
            and prev.dep_ in ("acl", "relcl")
            and (
                (anc.lemma_.lower() in EVENT_NOUNS and prev.dep_ == "acl")
                or (own_verb and any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children))
            )
        ):
            break
        if anc is not trigger and prev is pushed_at and prev.dep_ == "conj":
            break  # "..., and as per the group the army killed 184": that clause has its own source
        own_verb = own_verb and (anc is trigger or prev.dep_ == "conj")
        if anc is not trigger and prev.dep_ == "relcl" and _is_place(anc) and _fronted(anc):
            fenced = True
            break  # "in the city where the mayor was kidnapped, four were held, the union said"
        if inner_first and anc is not trigger and _own_clause(prev):
            break  # "the army put it at 12, while rebels claim 40": two claimants side by side
        if prev.dep_ in ("pobj", "pcomp") and anc.lower_ in TIME_PREPS:
            fenced = True
            break  # "arrests since the killing of Ann Cole": the killing is the report's own background
        below, prev = prev, anc
        for child in anc.children:
            if child.lower_ in HEDGE_ADVERBS and hedge is None:
                hedge = child.lower_
        acc = _according_to(anc)
        acc_at = None  # where this word's "according to" source stands in the chain
        if acc is not None and not _describes(acc, trigger):
            _push(inner_first, make_source(_issuer(acc), "according to", memory))
            pushed_at, acc_at = anc, len(inner_first) - 1
        rumour = _reports_of(anc, below)
        if rumour is not None:  # "there were reports of dozens held"
            _push(inner_first, make_source(rumour, "reports", memory) if rumour is not anc else _RUMOUR)
            hedge = hedge or "reportedly"
        said = _parataxis_speaker(anc)
        if said is not None:  # "Gunmen stormed a school, killing one, the council said, in ...": one speaker
            _push(inner_first, make_source(_issuer(said[1]), said[0].text, memory))
            pushed_at = anc
        if anc is trigger or not is_reporting(anc) or not says_through(anc, below):
            continue
        cue = anc.text
        for cited in _citing(anc):
            _push(inner_first, make_source(cited, "citing", memory))
        subj = _subject(anc)
        if subj is None or _describes(subj, trigger):
            continue  # "Ann Cole, a writer jailed in 2010, said ...": the report describes its source
        # a passive verb borrows no speaker from a verb it is coordinated with: "she appeared in court
        # and was charged with ..., as a crackdown killed 18" (the charge is no saying of hers)
        passive = subj.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in anc.children)
        if passive and subj.lower_ == "it":  # "it was reported that"
            src = Source("unnamed reports", SourceKind.UNNAMED, cue)
            hedge = hedge or "reportedly"
        elif passive and anc.lemma_.lower() not in ("quote", "cite"):
            # "no injuries were reported", "the last words were said": what is told, not who tells it
            agent = _agent(anc)
            if agent is None:
                continue
            src = make_source(agent, cue, memory)
        elif subj.lower_ in PERSONAL and _outer_speaker(anc):
            continue  # "Ann Cole said that, on the evidence, he calculated ...": the outer speaker
        else:
            src = make_source(_issuer(subj), cue, memory)  # "reports by rights groups have detailed"
        src.channel = _channel(anc)
        if hedge is None and anc.lemma_.lower() in HEDGES:
            hedge = anc.text
        _push(inner_first, src)
        if acc_at is not None and acc_at < len(inner_first) - 1:  # "..., the group said, according to
            inner_first.append(inner_first.pop(acc_at))  # Reuters": Reuters relays the group
        told = _told_outlet(anc)
        if told is not None:  # "residents told Reuters that ...": Reuters reports what residents said
            _push(inner_first, make_source(told, "told", memory))
    if not inner_first:  # "247 were jailed and 32 were killed according to the watchdog"
        acc = _coordinated_according(trigger)
        if acc is not None:
            _push(inner_first, make_source(_issuer(acc), "according to", memory))
    if not inner_first and not fenced:  # the tree lost it: "..., RSF notes."; "The group estimated, that"
        sent = trigger.sent
        frame = closing_source(sent, trigger) or opening_source(sent, trigger) or colon_source(sent, trigger)
        if frame is not None:
            _push(inner_first, make_source(_issuer(frame[0]), frame[1], memory))
    return Attribution(chain=inner_first[::-1], hedge=hedge)


_RUMOUR = Source("unnamed reports", SourceKind.UNNAMED, "reports")


def _reports_of(noun: Token, below: Token) -> Token | None:
    """'reports of dozens held', 'the group's reports of 12 deaths': who issued the reports (the
    noun itself when nobody is named); not 'according to reports', which the according-to rule reads."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() != "report" or noun.dep_ == "pobj":
        return None
    if below.dep_ != "prep" or below.lower_ != "of":
        return None
    return _issuer(noun)


def _describes(source: Token, trigger: Token) -> bool:
    """The casualty is told in the words that name the source ('According to Ann Cole, a candidate
    imprisoned in 2010, ...'): the report's description of its source, not the source's claim."""
    return source.left_edge.i <= trigger.i <= source.right_edge.i


def _parataxis_speaker(tok: Token) -> tuple[Token, Token] | None:
    """A reporting clause hung on ``tok`` as an aside ('..., the council said, in ...'): its verb and
    subject."""
    for child in tok.children:
        if child.dep_ == "parataxis" and is_reporting(child) and child.i > tok.i:
            if any(c.dep_ in ("ccomp", "dobj") for c in child.children):
                continue  # a clause of its own: "..., he said it was over"
            subj = _subject(child)
            if subj is not None and subj.lower_ not in ("who", "which", "that"):
                return child, subj
    return None


def _coordinated_according(trigger: Token) -> Token | None:
    """An 'according to' closing the last of coordinated clauses speaks for all of them."""
    for anc in [trigger, *trigger.ancestors]:
        for conj in anc.conjuncts:
            if conj.i > trigger.i and conj.pos_ in ("VERB", "AUX"):
                acc = _according_to(conj)
                if acc is not None and acc.i > conj.i:
                    return acc
        if anc.dep_ not in ("conj", "ccomp", "xcomp"):
            break
    return None


TIME_PREPS = {"since", "after", "following", "before"}
PLACE_NOUNS = {"city", "town", "village", "region", "province", "state", "district", "area", "country",
               "camp", "neighbourhood", "neighborhood", "county", "community", "capital"}  # fmt: skip


def _fronted(place: Token) -> bool:
    """A place in a phrase that opens the sentence ('In the city of X, where ..., four were held')."""
    cur = place
    while cur.dep_ in ("pobj", "prep", "appos", "compound") and cur.head is not cur:
        cur = cur.head
        if cur.dep_ == "prep" and cur.i == cur.sent.start:
            return True
    return False


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in PLACE_NOUNS


def _outer_speaker(verb: Token) -> bool:
    """A reporting verb above ``verb`` with a named (not pronoun) subject."""
    for anc in verb.ancestors:
        if is_reporting(anc):
            subj = _subject(anc)
            if subj is not None and subj.lower_ not in PRONOUNS:
                return True
    return False


def _own_clause(verb: Token) -> bool:
    """A clause joined to another as its equal or its contrast ('..., and two witnesses said 80',
    '..., while rebels claim 40'): its speaker does not speak through the other clause's speaker."""
    if verb.dep_ == "conj":
        return is_reporting(verb)
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("while", "whereas", "although", "though") for c in verb.children
    )


def _push(chain: list[Source], src: Source) -> None:
    """Add a source unless it repeats the one just added (one speaker, two verbs: keep the inner cue)."""
    if chain and chain[-1].name == src.name:
        chain[-1].channel = chain[-1].channel or src.channel
        return
    chain.append(src)


def remember_sources(toks: list[Token], memory: SourceMemory) -> None:
    """Record every speaker of a reporting verb in the sentence (its tokens), to resolve later
    references."""
    according = any(tok.lower_ == "according" for tok in toks)
    for tok in toks:
        reporting = is_reporting(tok)
        if reporting:
            subj = _subject(tok)
            if subj is not None and subj.lower_ not in PRONOUNS:
                src = make_source(subj, tok.text, memory)
                if src.kind is not SourceKind.UNNAMED or src.name:
                    memory.add(src, subj.lemma_.lower(), subj.tag_ in ("NNS", "NNPS"))
        acc = _according_to(tok) if according else None
        if acc is not None and acc.lower_ not in PRONOUNS:
            memory.add(make_source(acc, "according to", memory), acc.lemma_.lower())
        if reporting:
            for cited in _citing(tok):
                memory.add(make_source(cited, "citing", memory), cited.lemma_.lower())
