"""Whether two descriptions of an event can be the same event, and how strongly they look alike.

A ``Signature`` is what is known of one event: from one claim, from a report's group of claims, or
from an incident's reports together. ``match_score`` compares a newcomer with an established side
(docs/linking.md states the rule with examples):

- hard limits (``None``): different countries (unless one side read a town's name in the wrong
  country); two known places neither of which contains the other (two cities), unless enough names
  are shared; event dates further apart than the window, and reports outside the publication
  window, unless many names are shared (a follow-up); event types of different families; both a
  different actor and target;
- evidence (the score): same place +3, one place inside the other +1, same country +2, close event
  dates up to +3, a report inside the publication window +1, same type family +2, same actor or
  target +1 each (different -1 each), and the distinctive names both share (``names``, counted by
  the caller from how rare they are) up to +4.

A place the gazetteer does not know (a street, a venue, a small town named alone) says nothing about
where it is: the same name on both sides is a match (+3), another known place is no contradiction,
but then only shared names can carry the link. Shared names also stretch the publication window
to ``followup_window_days`` (arrests, charges and trials are reported months later) and let a
report that names no country join.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tolltrack.config import SETTINGS
from tolltrack.geo.places import contains, is_country, resolve_place
from tolltrack.model import Event

FAMILIES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "military": "raid operation strike airstrike assault bombing bombardment shelling drone missile "
        "rocket invasion intervention offensive battle ambush siege war conflict clash firefight "
        "attack explosion blast massacre incursion",
        "crime": "shooting shootout gunfight firefight stabbing carjacking robbery homicide rampage "
        "massacre attack standoff murder assault",
        "quake": "earthquake quake tsunami landslide mudslide avalanche collapse eruption aftershock",
        "weather": "flood flooding storm hurricane typhoon cyclone tornado heatwave landslide mudslide "
        "rain rainfall",
        "fire": "wildfire blaze explosion blast",  # "fire" alone is as often gunfire: no family
        "transport": "crash collision derailment",
        "unrest": "riot protest crackdown clash stampede",
        "disease": "outbreak epidemic",
    }.items()
}
TRIGGER_FAMILIES: dict[str, frozenset[str]] = {}
for _fam, _words in FAMILIES.items():
    for _w in _words:
        TRIGGER_FAMILIES[_w] = TRIGGER_FAMILIES.get(_w, frozenset()) | {_fam}


@dataclass
class LinkConfig:
    event_window_days: int = 3
    publication_window_days: int = SETTINGS.link_window_days
    local_event_window_days: int = 1
    local_publication_window_days: int = 7  # with shared names (a victim's, a street's)
    local_unnamed_window_days: int = 2  # without: another shooting in the same city days later is common
    followup_window_days: int = 1095  # reports sharing names: arrests, charges, trials (often years on)
    bucket_days: int = 7
    min_score: int = 3
    local_evidence: bool = True  # local events join on close event dates or shared names, not on the week
    min_names: int = 2  # name evidence that lets a report with no known location join
    followup_names: int = 4  # name evidence that stretches the publication window
    followup_elsewhere_names: int = 2  # more when the follow-up names no place of the incident
    other_place_names: int = 3  # name evidence that outweighs two different known places
    names_over_country: bool = True  # and two different countries (a place name misread abroad)
    max_name_score: int = 4
    rare_share: float = 0.002  # a name counts when at most this share of incidents (or 2) carry it
    rare_cap: int = 8  # and never when more than this many do (else its candidates grow with the index)


@dataclass
class Signature:
    """What is known about one event, from a claim, a report's group of claims, or an incident."""

    date: date | None = None
    published: date | None = None  # first publication date
    place: str | None = None
    country: str | None = None
    triggers: frozenset[str] = frozenset()
    actor: str | None = None
    target: str | None = None
    places: frozenset[str] = frozenset()  # every place an incident has been reported at
    names: frozenset[str] = frozenset()  # distinctive names of its reports (linking.names)

    @property
    def families(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for t in self.triggers:
            out |= families_of(t)
        return out

    @property
    def local(self) -> bool:
        """Frequent local events (a shooting in a city): some trigger is crime-only, none excludes it."""
        fams = [families_of(t) for t in self.triggers]
        return any(f == {"crime"} for f in fams) and all("crime" in f for f in fams if f)


def families_of(trigger: str) -> frozenset[str]:
    """The event families of a trigger word or event type: 'raid' → {military}, 'air strike' too."""
    t = trigger.lower().strip()
    return TRIGGER_FAMILIES.get(t) or TRIGGER_FAMILIES.get(t.split()[-1] if t else "", frozenset())


def norm_country(name: str | None) -> str | None:
    if not name:
        return None
    found = resolve_place(name)
    return found[1] if found and found[1] else name


def event_signature(ev: Event, published: date | None) -> Signature:
    """A claim's event in comparable form: places resolved to canonical names, triggers lemmatised."""
    country = norm_country(ev.country)
    place = None
    if ev.place:
        found = resolve_place(ev.place, near=country)
        place = found[0] if found else ev.place
        country = country or (found[1] if found else None)
    triggers = frozenset(t.lower().strip() for t in ev.triggers if t and t.strip())
    return Signature(
        date=ev.date,
        published=published,
        place=place or country,
        country=country,
        triggers=triggers,
        actor=norm_country(ev.actor),
        target=norm_country(ev.target),
        places=frozenset({place or country}) if (place or country) else frozenset(),
    )


def specific(place: str | None, country: str | None) -> bool:
    """A place below the country level: a city, a state, a street."""
    return bool(place) and place != country and not is_country(place)


def known(place: str | None) -> bool:
    """Whether the gazetteer knows where the place is."""
    return bool(place) and resolve_place(place) is not None


# _place_score's verdicts that only shared names can overcome:
UNKNOWN_PLACE = -1  # a place of unknown location (a street) against known places
NEAR_PLACE = -2  # another town of the same US state (the hospital's town, a suburb)
OTHER_PLACE = -3  # another known place: a different event unless the names say otherwise


def _state_of(place: str) -> str | None:
    """The US state of a canonical 'Town, State' place."""
    return place.rsplit(", ", 1)[1] if ", " in place else None


def _leaves(places: frozenset[str], country: str | None) -> list[str]:
    """The most specific known places of a set: 'Gary, Indiana' rather than 'Indiana'."""
    spec = [p for p in places if specific(p, country) and known(p)]
    return [p for p in spec if not any(q != p and contains(p, q) for q in spec)]


def _place_score(a: Signature, b: Signature) -> int | None:
    """Same place 3, one inside the other 1, unknown or country-level 0; None for two known places
    apart; UNKNOWN_PLACE when ``a`` names only places of unknown location and ``b`` known ones."""
    mine = a.places | ({a.place} if a.place else set())
    if not mine or not b.places:
        return 0
    if a.place in b.places or any(specific(p, a.country) for p in mine & b.places):
        return 3
    ours, theirs = _leaves(frozenset(mine), a.country), _leaves(b.places, b.country)
    if ours and theirs:
        if any(contains(x, y) or contains(y, x) for x in ours for y in theirs):
            return 1
        same_state = any(_state_of(x) and _state_of(x) == _state_of(y) for x in ours for y in theirs)
        namesake = any(town(x) == town(y) for x in ours for y in theirs)  # Bristol, Conn. or Tenn.?
        return NEAR_PLACE if same_state or namesake else OTHER_PLACE
    if theirs and any(specific(p, a.country) for p in mine):
        return UNKNOWN_PLACE
    return 1 if any(contains(p, q) or contains(q, p) for p in mine for q in b.places) else 0


def town(place: str) -> str:
    """The town part of a place name: 'Taunton, Massachusetts' → 'taunton'."""
    return place.split(",", 1)[0].strip().lower()


def _same_town(a: Signature, b: Signature) -> bool:
    """Whether both name a town of the same name, one of them without saying where ('Taunton')."""
    mine = {p for p in a.places | {a.place} if p and specific(p, a.country)}
    theirs = {p for p in b.places if specific(p, b.country)}
    return any(town(p) == town(q) and ("," not in p or "," not in q) for p in mine for q in theirs)


def _windows(a: Signature, b: Signature, cfg: LinkConfig, named: bool = True) -> tuple[int, int]:
    if a.local or b.local:
        pub = cfg.local_publication_window_days if named else cfg.local_unnamed_window_days
        return cfg.local_event_window_days, pub
    return cfg.event_window_days, cfg.publication_window_days


def _time_score(
    a: Signature, b: Signature, cfg: LinkConfig, followup: bool = False, named: bool = True
) -> int | None:
    """Close event dates up to 3; a report inside the publication window 1 (for a local event shorter
    when the two share no name); no dates 0."""
    ev_win, pub_win = _windows(a, b, cfg, named)
    if followup:
        pub_win = max(pub_win, cfg.followup_window_days)
    if a.date and b.date:
        gap = abs((a.date - b.date).days)
        if gap <= ev_win:
            return 3 - min(gap, 2)
        if not followup:
            return None
        # Sharing many names: the date may be a later development's (an arrest), or misread.
    if a.date and not b.date:  # b is known only from publication: its reports must follow a's event
        gap = (b.published - a.date).days if b.published else None
    elif b.date and not a.date:
        gap = (a.published - b.date).days if a.published else None
    elif a.published and b.published:
        gap = abs((a.published - b.published).days)
    else:
        gap = None
    if gap is None:
        return 0
    if followup:  # a later development (an arrest, a trial) may be dated after the first reports
        gap = abs(gap)
    return 1 if -1 <= gap <= pub_win else None


def match_score(
    a: Signature, b: Signature, cfg: LinkConfig | None = None, names: int = 0, located: bool = True
) -> int | None:
    """How strongly two events look like one; None when they are clearly different events.

    ``a`` is the newcomer (a claim or a report's group), ``b`` the established side (a report's
    dominant event or an incident); ``names`` the weight of the rare names both share. With
    ``located`` (across reports), a side without a country links only through the same place name
    or shared names; within one report a claim that names no place simply goes with the others.
    """
    cfg = cfg or LinkConfig()
    named = names >= cfg.min_names
    score = 0
    if a.country and b.country and a.country != b.country:
        if _same_town(a, b):
            place = 3  # a town's name read in another country: 'Taunton' and 'Taunton, Massachusetts'
        elif names >= cfg.other_place_names and cfg.names_over_country:
            place = OTHER_PLACE  # a town misread in another country ('Barnes'), many rare names shared
        else:
            return None
    else:
        if a.country and b.country:
            score += 2
        elif located and not named and not (a.place and a.place in b.places):
            return None
        place = _place_score(a, b)
    needed = {UNKNOWN_PLACE: cfg.min_names, NEAR_PLACE: cfg.min_names, OTHER_PLACE: cfg.other_place_names}
    if place is None or names < needed.get(place, 0):
        return None
    score += max(place, 0)
    # A follow-up (an arrest, a trial) months later: many names shared, more when it names another place.
    followup = names >= cfg.followup_names + (0 if place >= 0 else cfg.followup_elsewhere_names)
    # within one report (not ``located``) the claims share a publication: the shorter window is for
    # a report joining another's shooting with no name in common
    time = _time_score(a, b, cfg, followup=followup, named=named or not located)
    if time is None:
        return None
    weak = time < 2 and place < 3 and not named  # a week and a region in common, nothing more
    if cfg.local_evidence and (a.local or b.local) and weak:
        return None
    score += time
    fa, fb = a.families, b.families
    if fa and fb:
        if not fa & fb:
            return None
        score += 2
    differ = 0
    for x, y in ((a.actor, b.actor), (a.target, b.target)):
        if x and y:
            if x == y:
                score += 1
            else:
                score, differ = score - 1, differ + 1
    if differ == 2:
        return None
    return score + min(names, cfg.max_name_score)
