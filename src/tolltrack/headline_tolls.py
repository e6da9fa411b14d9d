"""Headline toll lists read by their shape: '2 dead, 6 injured', 'One Killed, Three Others Wounded'.

Headlines drop the verbs and the parser often joins such a list wrongly ('Two' read as a modifier
of 'six', 'Dead' as a name): a number, a word of death, a comma, a number (or 'several'), perhaps
'others', and a word of injury are two claims whatever the parse says. ``claims.sentence_mentions``
puts these in place of what the parse made of the same two words.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tolltrack.mentions import Mention
from tolltrack.model import Count, CountKind, Outcome, VictimGroup
from tolltrack.numbers import parse_number, vague_count
from tolltrack.victims import is_count_number

DEATH = {"dead", "killed", "dies", "died", "slain"}
HURT = {"injured", "wounded", "hurt"}
FILLER = {"others", "other", "people", "more"}


def _count(tok: Token) -> Count | None:
    if tok.like_num and is_count_number(tok):
        n = parse_number(tok.text)  # the word alone: the parser may hang "Two" under "six"
        return Count(CountKind.EXACT, n, n, n, tok.text) if n is not None else None
    return vague_count(tok)


def toll_list_mentions(sent: Span) -> list[Mention]:
    """The killed and injured mentions of each 'N dead, M injured' in a sentence."""
    toks = list(sent)
    out: list[Mention] = []
    for i in range(len(toks) - 3):
        num, dead, comma = toks[i], toks[i + 1], toks[i + 2]
        if dead.lower_ not in DEATH or comma.text != "," or not num.like_num:
            continue
        killed = _count(num)
        j = i + 3
        hurt_num = toks[j]
        injured = _count(hurt_num)
        j += 1
        while j < len(toks) and toks[j].lower_ in FILLER:
            j += 1
        if killed is None or injured is None or j >= len(toks) or toks[j].lower_ not in HURT:
            continue
        hurt = toks[j]
        if injured.kind is CountKind.VAGUE and hurt_num.lower_ not in ("several", "multiple", "many"):
            continue
        out.append(
            Mention(dead, Outcome.KILLED, killed, [VictimGroup("people", f"{num.text} {dead.text}")], [num])
        )
        text = sent.doc[hurt_num.i : hurt.i].text
        out.append(Mention(hurt, Outcome.INJURED, injured, [VictimGroup("people", text)], [hurt_num]))
    return out
