"""Headline toll lists read by their shape: '2 dead, 6 injured', 'One Killed, Three Others Wounded',
'8 men shot, 2 dead', 'shooting that injured 7'.

Headlines drop the verbs and the parser often joins such a list wrongly ('Two' read as a modifier
of 'six', 'Dead' as a name): a number, a word of death, a comma, a number (or 'several'), perhaps
'others', and a word of injury are two claims whatever the parse says. ``claims.sentence_mentions``
puts these in place of what the parse made of the same two words.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tolltrack.extract.lexicon import PERSON_NOUNS
from tolltrack.extract.numbers import parse_number, vague_count
from tolltrack.extract.victims import is_count_number
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .mentions import Mention

DEATH = {"dead", "killed", "dies", "died", "slain"}
HURT = {"injured", "wounded", "hurt"}
FILLER = {"others", "other", "people", "more"}
SHOT = {"shot", "wounded"}
VERB_OUTCOMES = {"kills": Outcome.KILLED, "killed": Outcome.KILLED, "injures": Outcome.INJURED,
                 "injured": Outcome.INJURED, "wounds": Outcome.INJURED, "wounded": Outcome.INJURED,
                 "hurts": Outcome.INJURED}  # fmt: skip


def _count(tok: Token) -> Count | None:
    if tok.like_num and is_count_number(tok):
        n = parse_number(tok.text)  # the word alone: the parser may hang "Two" under "six"
        return Count(CountKind.EXACT, n, n, n, tok.text) if n is not None else None
    return vague_count(tok)


def toll_list_mentions(sent: Span, toks: list[Token]) -> list[Mention]:
    """The killed and injured mentions of each 'N dead, M injured' and 'N shot, M dead' in a sentence
    (``toks``: its tokens)."""
    out: list[Mention] = _shot_then_dead(toks) + _verb_then_number(toks)
    for i in range(len(toks) - 3):
        num, dead, comma = toks[i], toks[i + 1], toks[i + 2]
        if dead.lower_ not in DEATH or comma.text != "," or not num.like_num:
            continue
        killed = _count(num)
        j = i + 3
        hurt_num = toks[j]
        injured = _count(hurt_num)
        if injured is None and hurt_num.lower_ in PERSON_NOUNS:  # "3 dead, child injured"
            injured = Count(CountKind.EXACT, 1, 1, 1, hurt_num.text)
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


def _shot_then_dead(toks: list[Token]) -> list[Mention]:
    """'8 men shot, 2 dead', '4 shot, 1 dead': N hit, M of them dead (the parser tends to make the
    dead the count of the men)."""
    out: list[Mention] = []
    for i, num in enumerate(toks):
        if not num.like_num:
            continue
        j = i + 1
        if j < len(toks) and toks[j].pos_ in ("NOUN", "PROPN") and toks[j].lower_ not in SHOT:
            j += 1  # "8 men"
        if j + 4 > len(toks):
            continue
        shot, comma, dead_num, dead = toks[j : j + 4]
        if shot.lower_ not in SHOT or comma.text != "," or dead.lower_ not in DEATH:
            continue
        hit, killed = _count(num), _count(dead_num) if dead_num.like_num else None
        if hit is None or killed is None:
            continue
        people = num.doc[num.i : shot.i].text
        out.append(Mention(shot, Outcome.INJURED, hit, [VictimGroup("people", people)], [num]))
        victims = [VictimGroup("people", f"{dead_num.text} {dead.text}")]
        out.append(Mention(dead, Outcome.KILLED, killed, victims, [dead_num]))
    return out


def _verb_then_number(toks: list[Token]) -> list[Mention]:
    """'shooting that injured 7', 'rampage injures three': a bare number ending the object of a verb
    of killing or wounding (the tagger reads 'injures' as a plural noun, '7' as a count of the man)."""
    out: list[Mention] = []
    for i in range(1, len(toks) - 1):  # not a sentence's first word: "Killed were ..."
        verb, num = toks[i], toks[i + 1]
        outcome = VERB_OUTCOMES.get(verb.lower_)
        if outcome is None or not num.like_num:
            continue
        after = toks[i + 2] if i + 2 < len(toks) else None
        if not (after is None or after.pos_ == "ADP" or after.text in (",", ".", ";", ":", "!", "?")):
            continue  # "injured three other people" is read by its parse
        count = _count(num)
        if count is None or count.value is None:
            continue
        out.append(Mention(verb, outcome, count, [VictimGroup("people", num.text)], [num]))
    return out
