"""Distinctive names in a report (people, streets, venues, towns), as evidence for incident linking.

Two reports of one incident usually share names that other reports do not: the victim's and the
suspect's, the street, the bar, the school, the neighbourhood. ``report_names`` collects them from
the report's title and text with a cheap pattern (no parse): runs of capitalised words, lower-cased,
without the function words, titles, weekdays, months and newsroom words that begin or end them.
A single word is kept only when the text never writes it in lower case and it does not open a
sentence ("Authorities said" is no name). A title written in Title Case is skipped: every word
of it is capitalised, names or not.

How much a shared name counts depends on how many incidents carry it (``incidents.IncidentIndex``
keeps those counts): a name in many incidents (a city, a police chief, a reporter's byline) is no
evidence that two reports are about the same one. Place names are left to the place rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from tolltrack.config import data_file
from tolltrack.geo.places import US, resolve_place, us_town

_WORDS = data_file("names.toml")

_WORD = r"[A-Z][a-zA-Z'’\-]*[a-zA-Z]|[A-Z]\.?"
_RUN = re.compile(rf"(?:{_WORD})(?:[ \t]+(?:{_WORD}))*")
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”]\s+|\n\s*)$")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` begins a sentence (only the text just before it is read)."""
    before = text[max(0, at - 80) : at]
    return at == 0 or _SENTENCE_END.search(before) is not None


STOP = frozenset(_WORDS["STOP"]["words"])
STREET_ABBREVIATIONS: dict[str, str] = dict(_WORDS["STREET_ABBREVIATIONS"])


def _is_title_case(title: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][a-z'’\-]+", title) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _trim(words: list[str]) -> list[str]:
    while words and words[0].lower().strip(".") in STOP:
        words = words[1:]
    while words and words[-1].lower().strip(".") in STOP:
        words = words[:-1]
    return words


TITLES = frozenset(_WORDS["TITLES"]["words"])
_BEFORE = re.compile(r"([A-Za-z]+)\.?,?\s*$")


def _runs(text: str):
    """Each name as written, once per mention, and whether it comes with a title ('Police Chief Dana
    Whitlock', 'spokesman John Ruiz', 'By Lena Marsh'): officials and bylines recur in every
    incident they deal with."""
    lowered = set(re.findall(r"\b[a-z][a-z'’\-]+\b", text))
    for m in _RUN.finditer(text):
        raw = m.group(0).split()
        words = _trim(raw)
        if not words:
            continue
        before = _BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        titled = any(w.lower().strip(".") in TITLES for w in raw[:-1]) or bool(
            before and before.group(1).lower() in TITLES
        )
        if len(words) == 1:
            w = words[0]
            first = raw[0] == w and _opens_sentence(text, m.start())
            if first or len(w) < 4 or w.lower() in lowered:
                continue
        yield " ".join(words), titled


def _key(name: str) -> str:
    """Lower case, without a possessive, an age before the name ('Eighteen-year-old Eric Summerfield')
    nor middle initials ('Courtney L. Taylor' is 'courtney taylor')."""
    words = [w.lower().strip(".") for w in name.replace("’", "'").split()]
    while len(words) > 1 and words[0].endswith("-old"):
        words = words[1:]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    if len(words) > 1:  # 'Florida Ave' and 'Florida Avenue' are one street
        words[-1] = STREET_ABBREVIATIONS.get(words[-1], words[-1])
    return re.sub(r"'s$", "", " ".join(words))


def names_in(text: str) -> set[str]:
    """The distinctive names of one stretch of text, lower-cased ('quarry hollow lane', 'jalen okafor'),
    without the names the text gives with a title (nor their surnames alone)."""
    found, titled = set(), set()
    for name, with_title in _runs(text):
        (titled if with_title else found).add(_key(name))
    surnames = {t.split()[-1] for t in titled}
    return {k for k in found if len(k) >= 4 and k not in titled and k not in surnames}


SITE_SEPARATOR = re.compile(r"\s+[-|–—]\s+")


def site_words(title: str | None) -> set[str]:
    """The words of the outlet's name a title carries after its headline ('... shot at party - WMC
    Action News 5 - Memphis, Tennessee', '... | Chattanooga News, Weather & Sports'), lower case."""
    words = set()
    for part in SITE_SEPARATOR.split(title or "")[1:]:
        for w in re.findall(r"[\w'’.\-]+", part.lower()):
            words |= {w.strip(".-"), w.split(".", 1)[0]}
    return words


# A line of page furniture: a menu ("iPhone | Android | SMS Alerts"), a copyright line, an
# invitation to subscribe, download, sign up or log in, a browser notice.
_FURNITURE = re.compile(
    r"\s[|•]\s|©|\bcopyright\b|all rights reserved|\bsubscri(?:be|ber|ption)|\bdownload|\bsign up\b|"
    r"\blog ?in\b|\bnewsletters?\b|terms of (?:use|service)|privacy policy|javascript|\bbrowser\b|"
    r"flash player|app store|google play|click here|verification email|\bapps?\b",
    re.I,
)
# A pointer to the outlet's social media ("Follow KDKA on Twitter", "Find Simon on Facebook at ...").
_SOCIAL = re.compile(
    r"\b(?:follow|find|like|join|connect with)\b[^.!?\n]{0,60}\bon (?:facebook|twitter|instagram|youtube)\b",
    re.I,
)


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _furniture(part: str) -> bool:
    return bool(_FURNITURE.search(part) or _SOCIAL.search(part))


def body_text(text: str) -> str:
    """The report's text without its page furniture: the lines that are menus, copyright lines,
    invitations to subscribe or download, pointers to the outlet's social media (in a long line,
    a page flattened into one paragraph, the sentences that are). Their names belong to the
    outlet's page, not to the event, and recur across its reports."""
    keep = []
    for line in text.split("\n"):
        if len(line.split()) > 60:
            keep.append(" ".join(s for s in _SENTENCE.split(line) if not _furniture(s)))
        else:
            keep.append("" if _furniture(line) else line)
    return "\n".join(keep)


def report_names(text: str, title: str | None = None) -> frozenset[str]:
    """The names of a report: its body's (``body_text``: page furniture left out), and its title's
    when the title is not in Title Case. Names of countries, states, cities and nationalities are
    left out: the place rules compare places, and a city's name is shared by every incident in it.
    So are the outlet's names (every word in the site name its title ends with: 'WSVN-TV',
    'Weather', 'Sports' of the page's own menus), which every report of that outlet shares."""
    found = names_in(body_text(text))
    if title and not _is_title_case(title):
        found |= names_in(title)
    site = site_words(title)
    return frozenset(n for n in found if resolve_place(n) is None and not set(n.split()) <= site)


_TOWN_STATE = re.compile(
    r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*), ((?:[A-Z][a-z]*\.?)(?: [A-Z][a-z]+\.?)?|[A-Z]\.[A-Z]\.)"
)


# An upper-case dateline without a state: "CHICAGO (CBS) —", "ST. LOUIS -- ".
_DATELINE = re.compile(r"\b([A-Z]{3,}|ST\.)((?:[ -][A-Z]{2,})*)\s*(?:\([^)\n]{1,30}\)\s*)?(?:[—–]|--?\s)")


# A dateline in title case opening the text: "Detroit — A father...".
_OPENING_DATELINE = re.compile(
    r"\s*([A-Z][a-z]+(?:[ .]{1,2}[A-Z][a-z]+){0,2})\s*(?:\([^)\n]{1,30}\)\s*)?[—–]"
)


def _dateline(text: str) -> list[str]:
    m = _DATELINE.search(text[:160])
    if m:
        return [(m.group(1) + m.group(2)).title()]
    m = _OPENING_DATELINE.match(text)
    return [m.group(1)] if m else []


def _ambiguous(name: str, found: tuple[str, str | None]) -> bool:
    """A town named alone may be a town of that name elsewhere; a country, a nationality, a US state
    or a 'Town, State' form is not (their mentions weigh three times as much)."""
    place, country = found
    if "," in name or place == country:
        return False
    return not (country == US and "," not in place)  # a US state is unambiguous


@dataclass(frozen=True)
class Whereabouts:
    """Where a report says things are: its main country, the places below it most mentioned first,
    and the countries it names unambiguously (by name, nationality, state or 'Town, State')."""

    country: str | None = None
    places: tuple[tuple[str, str], ...] = ()
    named: frozenset[str] = frozenset()
    state: str | None = None  # the US state most mentioned, in an American report
    states: frozenset[str] = frozenset()  # every US state the report's places lie in
    titled: tuple[str, ...] = ()  # the places below the country its title names ('Hamilton bar shooting')


def report_places(text: str, title: str | None = None) -> Whereabouts:
    """Every name the gazetteer knows is a mention ('Town, State' forms and a capitalised dateline
    included; the title counts twice). The main country is the one most unambiguous mentions point to
    (else most mentions), and ambiguous names are read in it ('Taunton' in a report that also names
    Massachusetts is the American one)."""
    head = re.sub(r"\b[A-Z]{3,}(?:[ -][A-Z]{3,})*\b", lambda m: m.group(0).title(), text[:120])
    mentions: list[str] = _dateline(text) * 2
    for chunk, times in ((head + text[120:], 1), (title or "", 2)):
        pairs = [m.group(0) for m in _TOWN_STATE.finditer(chunk)]
        mentions += [n for n in pairs + [r[0] for r in _runs(chunk)] for _ in range(times)]
    found = [(n, resolve_place(n)) for n in mentions]
    if not any(r and r[1] for _, r in found):  # a Title Case title hides its town in a longer run
        hits = _title_hits(title or "", text, resolve_place)
        found = hits if len({r[1] for _, r in hits}) == 1 else []  # all in one country, or nothing
    votes: Counter = Counter()
    strong: Counter = Counter()
    for name, r in found:
        if r and r[1]:
            votes[r[1]] += 1
            strong[r[1]] += 0 if _ambiguous(name, r) else 1
    if not votes:
        return Whereabouts()
    country = (strong or votes).most_common(1)[0][0]
    counts: Counter = Counter()
    for name, first in found:
        if first is None:
            continue
        place = resolve_place(name, near=country) or first
        if place[1] == country and place[0] != country:
            counts[place] += 1
    named = frozenset(c for c, n in strong.items() if n)
    states: Counter = Counter()
    for (place, _), n in counts.items():
        if country == US:
            states[place.rsplit(", ", 1)[-1]] += n
    state = states.most_common(1)[0][0] if states else None
    titled = title_places(title or "", text, country, state)
    places = tuple(p for p, _ in counts.most_common())
    return Whereabouts(country, places, named, state, frozenset(states), titled)


_CAPS = re.compile(r"[A-Z][a-zA-Z'’.\-]*")


def title_places(title: str, text: str, country: str | None, state: str | None) -> tuple[str, ...]:
    """The towns a title names, read in the report's country and US state: any run of one to three
    capitalised words the gazetteer knows there ('Campbell boy, 7, hospitalized', 'Deadly Hamilton Bar
    Shooting'), unless the text writes it in lower case ('Dead', 'Shooting')."""
    if not country:
        return ()

    def there(name: str) -> tuple[str, str] | None:
        if country == US:
            place = us_town(name, state) if state else None
        else:
            hit = resolve_place(name, near=country)
            place = hit[0] if hit and hit[1] == country and hit[0] != country else None
        return (place, country) if place else None

    return tuple(dict.fromkeys(place for _, (place, _) in _title_hits(title, text, there)))


def _title_hits(title: str, text: str, resolve) -> list[tuple[str, tuple[str, str]]]:
    """(name, resolve(name)) of the runs of one to three capitalised words of a title that
    ``resolve`` knows, the longest first at each word; a single word only when it has four letters
    or more, is no function or newsroom word and the text never writes it in lower case."""
    lowered = set(re.findall(r"\b[a-z][a-z'’\-]+\b", text))
    words = [(m.group(0).rstrip(".'’"), m.start(), m.end()) for m in _CAPS.finditer(title)]
    found: list[tuple[str, tuple[str, str]]] = []
    for i in range(len(words)):
        for n in (3, 2, 1):
            run = words[i : i + n]
            if len(run) < n or any(title[a[2] : b[1]] != " " for a, b in pairwise(run)):
                continue
            name = " ".join(w for w, _, _ in run)
            if n == 1 and (name.lower() in lowered or name.lower() in STOP or len(name) < 4):
                continue
            hit = resolve(name)
            if hit and hit[1]:
                found.append((name, hit))
                break
    return found


# Last words of names of institutions and media that serve many incidents (data/names.toml).
INSTITUTIONS = frozenset(_WORDS["INSTITUTIONS"]["words"])


# Words that name a part of any city ('far south side'): see data/names.toml.
AREA = frozenset(_WORDS["AREA"]["words"])


def weight(name: str) -> int:
    """A full name or a named place ('quarry hollow lane', 'jalen okafor') counts 2, a single word 1;
    the name of an institution or a medium ('harlan county', 'riverside general hospital',
    'channel 9 news') or of a part of town ('far south side') counts nothing."""
    words = name.split()
    if words[-1].rsplit("-", 1)[-1] in INSTITUTIONS or words[0] in INSTITUTIONS:
        return 0
    if all(w in AREA for w in words):
        return 0
    return 2 if len(words) > 1 else 1


# Last words of street names ('wexmoor street'): data/names.toml.
STREET = frozenset(_WORDS["STREET"]["words"])


def streets(names: Iterable[str]) -> set[str]:
    """The street names among a report's names ('quarry hollow lane')."""
    return {n for n in names if " " in n and n.rsplit(" ", 1)[1] in STREET}
