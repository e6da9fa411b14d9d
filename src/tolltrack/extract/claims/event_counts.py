"""Event nouns that count or name their victims in shapes the casualty-noun rules (``claims.nouns``) do not
read alone: cases counted for the harm ("36 cases of civilian detention", "seven cases of enforced
disappearance"), counted disappearances and abductions ("documented 19 enforced disappearances"), and two
harm nouns sharing one "of" phrase ("the kidnapping and murder of a reporter", "the torture and murder of
a man": each names the reporter or the man)."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.lexicon import NOUN_TRIGGERS
from tolltrack.extract.numbers import count_from_number
from tolltrack.extract.victims import is_count_number
from tolltrack.model import Count, CountKind

# Nouns that count occurrences of a harm, one victim each: "36 cases of detention".
CASE_NOUNS = {"case", "instance"}
# Event nouns whose number counts people when it is a plain number: "19 disappearances", "300 abductions";
# not "dozens of kidnappings" (events of unknown size) nor "two other abductions" (told elsewhere).
COUNTED_EVENTS = {"disappearance", "abduction", "kidnapping"}


def _number_on(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "nummod" and c.like_num and is_count_number(c):
            return c
    return None


def case_count(tok: Token) -> Count | None:
    """'36 cases of civilian detentions': the count of the cases is the harm's."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.lemma_.lower() not in CASE_NOUNS:
        return None
    if any(c.dep_ in ("nummod", "det", "poss") for c in tok.children):
        return None  # "matched to 50 cases of the 93 murders": the murders are counted on their own
    num = _number_on(tok.head.head)
    if num is None:
        return None
    count = count_from_number(num)
    return count if count.kind not in (CountKind.UNQUANTIFIED, CountKind.ZERO) else None


def counted_events(tok: Token) -> bool:
    """'documented 19 enforced disappearances', 'more than 300 abductions'."""
    if tok.lemma_.lower() not in COUNTED_EVENTS or tok.tag_ != "NNS":
        return False
    if any(c.lower_ in ("other", "more", "further", "the", "these", "those") for c in tok.children):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("per", "a", "each", "every", "annually"):
        return False  # a rate
    num = _number_on(tok)
    return num is not None and count_from_number(num).kind not in (CountKind.UNQUANTIFIED, CountKind.ZERO)


def of_hosts(tok: Token) -> list[Token]:
    """The nouns whose "of" phrase names ``tok``'s victims: ``tok`` itself, and a conjunct it shares a
    determiner with when the phrase follows both ('the kidnapping and murder of X': the parser hangs 'of X'
    on 'kidnapping'); not 'the arrest of X and the death' (a determiner of its own), nor a noun of the same
    outcome ('the arrest and detention of X' is one claim, read at the noun that holds the phrase)."""
    hosts = [tok]
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return hosts
    outcome = NOUN_TRIGGERS.get(tok.lemma_.lower())
    if tok.dep_ == "conj" and not _determined(tok):
        hosts.append(tok.head)
    hosts += [c for c in tok.children if c.dep_ == "conj" and not _determined(c)]
    other = [h for h in hosts[1:] if h.pos_ == "NOUN" and NOUN_TRIGGERS.get(h.lemma_.lower()) != outcome]
    return [tok, *other]


def _determined(noun: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in noun.children)


def shared_of(host: Token, tok: Token, prep: Token) -> bool:
    """Whether ``tok`` may read the "of" phrase ``prep`` of ``host``: its own, or one after both nouns."""
    return host is tok or prep.i > max(host.i, tok.i)
