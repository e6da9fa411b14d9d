"""A list of people each told with a relative clause of the same verb is one claim of the list's size:
"A, who disappeared in May; B, who disappeared in June; and C, who disappeared in July" (3), as a
coordinated list is added up; not people told by different verbs, nor one named once."""

from __future__ import annotations

from tolltrack.model import Count, CountKind

from .mentions import Mention


def _one_relative(m: Mention) -> bool:
    t = m.trigger
    one = m.count.kind is CountKind.EXACT and m.count.value == 1
    by_pronoun = [v.lower_ for v in m.victim_tokens] in (["who"], ["whom"], ["that"])
    return one and t.dep_ == "relcl" and (by_pronoun or _antecedent(m))


def _antecedent(m: Mention) -> bool:
    return len(m.victim_tokens) == 1 and m.victim_tokens[0].i == m.trigger.head.i


def _key(m: Mention) -> tuple:
    return (m.outcome, m.trigger.lemma_.lower(), m.trigger.tag_)  # one verb in one form


def fold_relative_lists(mentions: list[Mention]) -> list[Mention]:
    """Relative clauses of one verb on two or more people of one sentence, merged into the first."""
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        if _one_relative(m):
            groups.setdefault(_key(m), []).append(m)
    merged: dict[int, Mention] = {}
    dropped: set[int] = set()
    for group in groups.values():
        heads = {m.trigger.head.i for m in group}
        if len(group) < 2 or len(heads) < len(group):
            continue
        first = group[0]
        n = len(group)
        count = Count(CountKind.EXACT, n, n, n, f"{n} listed")
        victims = [v for m in group for v in m.victims]
        vtoks = [m.trigger.head for m in group]
        merged[id(first)] = Mention(first.trigger, first.outcome, count, victims, vtoks)
        dropped |= {id(m) for m in group[1:]}
    return [merged.get(id(m), m) for m in mentions if id(m) not in dropped]
