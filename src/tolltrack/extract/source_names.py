"""One name per source in a report: an organisation the text introduces with its acronym
('Reporters Without Borders (RSF)', 'the PAG (Prisoners' Aid Group)') is named 'Full Name (ACR)'
wherever a claim's chain calls it by either."""

from __future__ import annotations

import re

from tolltrack.model import Claim

_LINK = r"(?:of|for|the|and|on|to|in|de|du|des|la|le|y|el|without|against|at)"
_CAP = r"[A-Z][\w'’.&-]*"
_FULL = rf"{_CAP}(?:\s+(?:{_CAP}|{_LINK}))*?\s+{_CAP}"
_ACR = r"[A-Z][A-Za-z&-]{1,7}"
FULL_THEN_ACR = re.compile(rf"\b({_FULL})\s*\(({_ACR})\)")
ACR_THEN_FULL = re.compile(rf"\b({_ACR})\s*\(({_FULL})\)")


def _plausible(full: str, acr: str) -> bool:
    """An acronym of the name: upper-case, starting with the name's first letter (a translated name
    such as 'Reporters Without Borders (RSF)' keeps only that), no longer than the name's words."""
    words = [w for w in full.split() if w[0].isupper()]
    return (
        sum(c.isupper() for c in acr) >= 2
        and acr[0] == words[0][0]
        and len(words) >= 2
        and len(acr.replace("-", "").replace("&", "")) <= len(full.split()) + 1
    )


def acronyms(text: str) -> dict[str, str]:
    """Each acronym defined in the text and the full name it stands for."""
    found: dict[str, str] = {}
    pairs = [*FULL_THEN_ACR.findall(text), *((full, acr) for acr, full in ACR_THEN_FULL.findall(text))]
    for full, acr in pairs:
        full = re.sub(r"^The\s+", "", full)
        words = full.split()
        # the name may follow capitalised words that open the sentence: "According to Human Rights
        # Watch (HRW)" names Human Rights Watch
        while len(words) > 2 and words[0][0] != acr[0] and not words[0].endswith("."):  # not "Dr."
            words = words[1:]
        while words and words[0][0].islower():
            words = words[1:]
        full = " ".join(words)
        if full and _plausible(full, acr):
            found.setdefault(acr, full)
    return found


def name_sources(claims: list[Claim], text: str) -> None:
    """Give every source called by a defined acronym or by its full name the name 'Full (ACR)'."""
    table = acronyms(text)
    if not table:
        return
    names = {}
    for acr, full in table.items():
        names[acr.lower()] = names[full.lower()] = names[f"the {full.lower()}"] = f"{full} ({acr})"
    acronym_after = re.compile(rf"\s*\(\s*({'|'.join(re.escape(a.lower()) for a in table)})\s*\)$")
    for c in claims:
        for src in c.attribution.chain:
            key = acronym_after.sub("", src.name.strip().lower())
            if key in names:
                src.name = names[key]
