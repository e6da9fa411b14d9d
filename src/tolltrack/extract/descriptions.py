"""What a victim description says of the person it names: the words, the person's name ('Kevin
Barbee'), gender ('her son' is a man), the relation it names them by ('his father') and whether it
says they are someone new ('another man', 'a second victim'). Used by ``figures`` to tell single
persons apart."""

from __future__ import annotations

import re

from .lexicon import PERSON_NOUNS
from .numbers import parse_number

PRONOUNS = {"he", "she", "him", "her", "his", "who", "whom", "they", "them", "it"}
NOVELTY = {"another", "other", "others", "additional", "second", "third", "fourth", "fifth", "sixth",
           "seventh", "eighth", "ninth", "tenth", "else", "more"}  # fmt: skip
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
            "9th": 9, "10th": 10}  # fmt: skip
NOT_NAMES = {"the", "a", "an", "he", "she", "his", "her", "him", "police", "officer", "officers",
             "sheriff", "deputy", "deputies", "another", "one", "two", "three", "four", "five", "mr",
             "mrs", "ms", "dr", "sgt", "lt", "det", "detective", "this", "that", "both", "all",
             "other", "others", "state", "county", "city", "trooper", "agent", "officials", "himself",
             "herself", "themselves", "source", "sources"}  # fmt: skip
GENDER = {"man": "m", "men": "m", "boy": "m", "father": "m", "son": "m", "brother": "m", "husband": "m",
          "woman": "f", "women": "f", "girl": "f", "mother": "f", "daughter": "f", "sister": "f",
          "wife": "f", "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "girlfriend": "f",
          "boyfriend": "m", "niece": "f", "nephew": "m", "fiance": "m", "fiancee": "f", "uncle": "m",
          "aunt": "f", "grandmother": "f", "grandfather": "m", "grandson": "m", "granddaughter": "f",
          "stepson": "m", "stepdaughter": "f", "stepfather": "m", "stepmother": "f", "mom": "f", "dad": "m",
          "lady": "f", "gentleman": "m", "males": "m", "male": "m", "female": "f",
          "females": "f", "girls": "f", "boys": "m", "sons": "m", "daughters": "f", "brothers": "m",
          "sisters": "f", "mr": "m", "mrs": "f", "ms": "f"}  # fmt: skip


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9'-]+", text.lower())


MODIFIED_NOUNS = (  # a capitalised run before one of these is a modifier: 'an Indianapolis man'
    "man|men|woman|women|boy|girl|teen|teenager|child|toddler|baby|infant|resident|student|"
    "youth|native|officer|deputy|trooper|father|mother|son|daughter|victim|driver|worker|"
    "person|people|couple|family|employee|clerk|guard"
)
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:, [A-Z][A-Za-z. ]+)?\s*(?:\(\w+\))?\s*[-–—]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MODIFIED_NOUN = re.compile(r"(?:" + MODIFIED_NOUNS + r")$")
PLACE_PREPOSITIONS = {"in", "of", "from", "at", "near", "on", "outside", "inside", "by", "to", "across",
                      "along", "around", "behind", "throughout", "toward", "towards"}  # fmt: skip


def names(text: str) -> set[str]:
    """Capitalised words that look like a person's name: 'Kevin Barbee' → {'kevin', 'barbee'}. Runs of
    capitalised words after a preposition are places ('of Newark', 'near Churchill Downs'), and
    before a person noun modifiers ('an Indianapolis man')."""
    text = DATELINE.sub(lambda m: " " * len(m.group(0)), text or "")  # "KIDRON, Ohio - ..."
    words = list(_WORD.finditer(text))
    out: set[str] = set()
    i = 0
    while i < len(words):
        if not words[i].group(0)[0].isupper():
            i += 1
            continue
        j = i
        while j < len(words) and words[j].group(0)[0].isupper():
            j += 1
        before = words[i - 1].group(0).lower() if i else ""
        if i > 1 and (before == "the" or _describes(before)):  # "on the Skokomish Reservation",
            before = words[i - 2].group(0).lower()  # "in apparent Lakeland home invasion"
        place = words[j - 1].group(0).lower() in PLACE_WORDS
        # a headline's "A Portsmouth Man", "Texas Teen Killed": the words before the noun are modifiers
        nouns = [k for k in range(i + 1, j) if _MODIFIED_NOUN.match(words[k].group(0).lower())]
        start = nouns[-1] + 1 if nouns else i
        if before not in PLACE_PREPOSITIONS and not _modifies(text, words, j) and not place:
            for m in words[start:j]:
                word = m.group(0).lower()
                lw = word.rstrip("'’s")
                label = text[m.end() : m.end() + 1] == ":"  # "Deputies: ...", "Autopsy: ..."
                if not (common_word(lw) or common_word(word) or label) and len(lw) > 1 and "-" not in lw:
                    out.add(lw)
        i = j
    return out


def _describes(word: str) -> bool:
    """A lower-case word that can stand between a preposition and a place: 'in overnight Dodds Ave'."""
    if not word.islower() or word in PLACE_PREPOSITIONS:
        return False
    return word not in PERSON_NOUNS and word.rstrip("s") not in PERSON_NOUNS


def _modifies(text: str, words: list[re.Match], j: int) -> bool:
    """Whether the capitalised run ending before ``words[j]`` modifies a person noun that follows it in the
    same phrase: 'an Indianapolis man', 'a Juneau high school student'."""
    for k in range(j, len(words)):
        word = words[k].group(0)
        if word[0].isupper() or re.search(r"[,;:()]", text[words[k - 1].end() : words[k].start()]):
            return False
        if _MODIFIED_NOUN.match(word.lower()):
            return True
        if word.lower() in PLACE_PREPOSITIONS:
            return False
    return False


PLACE_WORDS = {"county", "street", "avenue", "road", "park", "reservation", "heights", "township", "city",
               "parish", "village", "mall", "school", "college", "university", "hospital", "center", "view",
               "boulevard", "drive", "lane", "highway", "club", "bar", "church", "apartments"}  # fmt: skip
NOT_NAME_WORDS = {"jr", "sr", "ii", "iii", "iv", "new", "san", "los", "las", "related", "shooting", "share",
                  "photo", "video", "update", "updated", "breaking", "pm", "am", "year", "old", "young",
                  "news", "coverage", "posted", "north", "south", "east", "west", "chief", "captain",
                  "capt", "lieutenant", "sergeant", "spokesman", "spokeswoman", "coroner", "dead", "killed",
                  "shot", "dies", "died", "wounded", "injured", "hurt", "fatally", "slain", "charged",
                  "arrested", "identified", "sentenced", "critical", "found", "after", "before", "in",
                  "on", "at", "for", "with", "near", "during", "outside", "inside", "over"}  # fmt: skip
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"}  # fmt: skip


def common_word(word: str) -> bool:
    """A capitalised word that is no name: 'Teen', 'Second', 'Officer' (headlines capitalise them)."""
    if word in NOT_NAMES or word in NOT_NAME_WORDS or word in GENDER or word in NOVELTY or word in CALENDAR:
        return True
    if word in PERSON_NOUNS:
        return True
    return word.endswith("s") and word[:-1] in PERSON_NOUNS


def gender(text: str) -> str | None:
    """The gender a description gives, from its nouns first: 'her son' is a man; a possessive tells the
    owner's ('his friend': unknown), a pronoun only when it is the whole description or ends it."""
    words = tokens(text)
    nouns = [w for w in words if GENDER.get(w) and w not in PRONOUNS]
    if nouns:
        return GENDER[nouns[0]]
    return GENDER.get(words[-1]) if words and words[-1] in PRONOUNS else None


SIDES = {"suspect": "suspect", "gunman": "suspect", "shooter": "suspect", "assailant": "suspect",
         "robber": "suspect", "attacker": "suspect", "perpetrator": "suspect", "officer": "officer",
         "deputy": "officer", "trooper": "officer", "policeman": "officer", "cop": "officer",
         "sergeant": "officer", "detective": "officer"}  # fmt: skip


def side(text: str) -> str | None:
    """'suspect' or 'officer' when a description names one side of a shootout ('the suspect', 'a Chicago
    police officer'): the two are never the same person."""
    found = {SIDES[w.rstrip("s")] for w in tokens(text) if w.rstrip("s") in SIDES}
    return found.pop() if len(found) == 1 else None


GENERATIONS = {"father": "parent", "mother": "parent", "dad": "parent", "mom": "parent", "parent": "parent",
               "stepfather": "parent", "stepmother": "parent", "son": "child", "daughter": "child",
               "stepson": "child", "stepdaughter": "child"}  # fmt: skip


def generation(text: str) -> str | None:
    """'parent' or 'child' when a description names someone as one ('the father', 'his 8-year-old
    son'): within one report the father and the son are two people."""
    found = {GENERATIONS[w] for w in tokens(text) if w in GENERATIONS}
    return found.pop() if len(found) == 1 else None


def novel(words: list[str]) -> bool:
    return any(w in NOVELTY or w in ORDINALS for w in words)  # "another", "a 7th adult victim"


_AGE = re.compile(
    r"\b([a-z]+(?:-[a-z]+)?|\d{1,3}) ?[- ] ?(?:years?|yr) ?[- ] ?old\b|^[^,]+, (\d{1,3})(?:,|$)"
)


def age(text: str) -> int | None:
    """The age a description gives: 'a 17-year-old', 'Seventeen-year-old Damani Aitch', 'Amos Rudd, 57'."""
    m = _AGE.search((text or "").lower())
    if m is None:
        return None
    return parse_number(m.group(1) or m.group(2))


def ordinal(words: list[str]) -> int | None:
    vals = [ORDINALS[w] for w in words if w in ORDINALS]
    return max(vals) if vals else None


KIN = ("father|mother|son|daughter|brother|sister|husband|wife|uncle|aunt|nephew|niece|cousin|"
       "grandfather|grandmother|grandson|granddaughter|stepfather|stepmother|stepson|stepdaughter|"
       "step-father|step-mother|step-son|step-daughter|girlfriend|boyfriend|fiancee?|friend|"
       "grandchild|child|parents?|neighbou?r|roommate|partner")  # fmt: skip
_KIN = re.compile(
    r"^(?:his|her|their|its|(?:the )?[a-z'-]+(?:'s|’s|s'|s’))\s+(?:[\w-]+\s+){0,2}?(" + KIN + r")\b"
)


def kin(text: str) -> set[str]:
    """The relation a description names someone by, possessed by another person: 'his father',
    "the boy's mother", 'her 3-year-old son' → {'father'}, ... ; empty for 'the father'."""
    m = _KIN.match(" ".join(tokens(text)))
    return {m.group(1)} if m else set()
