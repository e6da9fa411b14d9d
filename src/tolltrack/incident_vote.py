"""A report's figures as its incident's: the figures most reports linked into one incident agree on.

A single report can be early (the victim died the next day), partial (a court story a year on names
only the dead) or plainly misread; the other reports ``incidents.link`` groups with it are about the
same shooting. Deaths come in later: first, a report that a later (or same-day) report of its group
outdates takes that report's figures, when the later one states more dead and either as many people
hit in all (the wounded died) or the same wounded and one more dead (the gunman's suicide). Then,
when two or more reports of a group give the same killed and injured figures and no other pair of
figures is given as often, every report of the group takes them, except one that states more dead
(the agreement may be the older news); otherwise a report keeps its own. The injured figure is then
voted on alone among the reports that give one above zero: later reports (arrests, trials, funerals)
often name only the dead, so "no injured" is mostly silence, not a count. ``tolltrack eval gva``
scores both, the report's own figures and the vote.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence

Figures = tuple[int, int]  # (killed, injured)


def incident_vote(
    groups: Sequence[Hashable], figures: Sequence[Figures], published: Sequence | None = None
) -> list[Figures]:
    """Per report (``groups[i]``: the group of report i, ``figures[i]``: its own figures), the figures
    its group agrees on, or its own when the group does not agree or when it states more dead; the
    injured figure most reports of the group that give one agree on replaces the report's.
    ``published``: the reports' publication dates (comparable; None where unknown), for the deaths
    that later reports tell of."""
    if len(groups) != len(figures) or (published is not None and len(published) != len(figures)):
        raise ValueError("one group per report")
    if published is not None:
        figures = died_later(groups, figures, published)
    pairs: dict[Hashable, Figures | None] = {}
    hurt: dict[Hashable, int | None] = {}
    for g, idx in _members(groups).items():
        pairs[g] = _agreed(figures[i] for i in idx)
        hurt[g] = _agreed(figures[i][1] for i in idx if figures[i][1] > 0)
    out = []
    for i, g in enumerate(groups):
        vote, own = pairs[g], figures[i]
        if vote is not None and own[0] > vote[0]:
            out.append(own)  # more dead than the group agrees on: the later news
            continue
        killed, injured = vote or own
        out.append((killed, injured if hurt[g] is None else hurt[g]))
    return out


def _agreed(values: Iterable):
    """The value given at least twice and more often than any other, or None."""
    ranked = Counter(values).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def died_later(groups: Sequence[Hashable], figures: Sequence[Figures], published: Sequence) -> list[Figures]:
    """Each report's figures, or those of the report of its group published the same day or later that
    states the most dead among those that outdate it (``_outdates``)."""
    out = list(figures)
    for idx in _members(groups).values():
        for i in idx:
            later = [t for t in idx if _outdates(figures[t], published[t], figures[i], published[i])]
            if later:
                out[i] = figures[max(later, key=lambda t: (figures[t][0], published[t]))]
    return out


def _outdates(new: Figures, new_date, old: Figures, old_date) -> bool:
    """Whether a report's figures outdate an older report's: published the same day or later, more
    dead, and as many people hit in all (the wounded died) or the same wounded and one more dead."""
    if new_date is None or old_date is None or new_date < old_date or new[0] <= old[0]:
        return False
    return sum(new) == sum(old) or (new[1] == old[1] and new[0] == old[0] + 1)


def attach_peers(readings: Sequence, groups: Sequence[Hashable]) -> None:
    """Give each reading (``figures.Reading``) the rules' figures of the other reports in its group,
    which the learned selector weighs ("peers")."""
    members = _members(groups)
    own = [(r.figures.killed, r.figures.injured) for r in readings]
    for i, (r, g) in enumerate(zip(readings, groups, strict=True)):
        r.peers = [own[j] for j in members[g] if j != i]


def _members(groups: Sequence[Hashable]) -> dict[Hashable, list[int]]:
    """The positions of each group's reports."""
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    return members
