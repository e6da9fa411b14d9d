"""A report that speaks as an organisation: a press release whose lead says '..., the Harbour Rights
Forum said today.' and whose quoted staff are '<title> at the Harbour Rights Forum'. The README's rule:
when a report speaks of itself in the third person, the organisation is the claimant of what the
release states in its own voice."""

from __future__ import annotations

import re

from tolltrack.model import Claim, Source, SourceKind

_LINK = r"(?:(?:of|for|to|the|and|on|in|without|against)\s+)*"
_NAME = rf"(?:[A-Z][\w'’.&-]*\s+{_LINK}){{0,6}}?[A-Z][\w'’.&-]*"
# A joint release names its authors by what they are: "six international human rights groups".
_GROUPS = r"(?:[\w-]+\s+){1,5}?(?:groups|organi[sz]ations)"
LEAD = re.compile(
    rf",\s+(?:the\s+)?({_NAME}|{_GROUPS})\s+said(?:\s+in\s+an?\s+(?:report|statement)(?:\s+released)?)?"
    rf"(?:\s+today)?\."
)
CALLS = re.compile(rf"^(?:The\s+)?({_NAME})\s+today\s+(?:called|urged|demanded|condemned)\b")
STAFF = ("director", "researcher", "advocate", "counsel", "head", "officer", "coordinator", "analyst",
         "spokesperson", "spokesman", "spokeswoman", "president", "chief", "representative",
         "campaigner")  # fmt: skip
LEAD_PARAGRAPHS = 6  # a republished release opens with a caption and a credit line
# The marks of a release republished or printed as such: "This statement was originally published on
# hrw.org on 7 February 2022."; a line reading "Press release".
REPUBLISHED = re.compile(r"\boriginally published on (?:www\.)?([a-z0-9-]+)\.[a-z.]+", re.IGNORECASE)
PRESS_LINE = re.compile(r"^\s*press release\s*$", re.IGNORECASE | re.MULTILINE)


def release_voice(text: str) -> str | None:
    """The organisation a press release speaks as: named in the lead ('..., X said today.', 'X today
    called on ...', in one of the first paragraphs) and shown to be the text's author: a quoted member
    of its staff ('said Ann Cole, research director at X'), the site the text was first published on
    (its initials or first word: 'hrw.org'), or a line reading 'press release'."""
    paragraphs = [p for p in text.split("\n") if p.strip()][1 : 1 + LEAD_PARAGRAPHS]
    site = REPUBLISHED.search(text)
    for para in paragraphs:
        for org in [m.group(1) for m in LEAD.finditer(para)] + [m.group(1) for m in CALLS.finditer(para)]:
            if len(org.split()) < 2 and not org.isupper():
                continue
            staff = rf"\b(?:{'|'.join(STAFF)})\b[^.\n“”\"]{{0,80}}?\bat (?:the )?{re.escape(org)}\b"
            if re.search(staff, text, re.IGNORECASE):
                return org
            if (site is not None and _site_of(org, site.group(1))) or PRESS_LINE.search(text):
                return org
    return None


def _site_of(org: str, site: str) -> bool:
    """'hrw' is Human Rights Watch's site, 'pen' PEN America's, 'amnesty' Amnesty International's."""
    words = [w for w in re.findall(r"[\w'’-]+", org) if w[0].isupper()]
    site = site.lower()
    return bool(words) and (site == "".join(w[0] for w in words).lower() or site == words[0].lower())


def speak_as_release(claims: list[Claim], text: str) -> None:
    """Claims a press release states in its own voice get its organisation as claimant."""
    org = release_voice(text)
    if org is None:
        return
    for c in claims:
        if not c.attribution.named_chain():
            c.attribution.chain = [Source(org, SourceKind.ORGANIZATION, "(its own release)")]
            c.notes.append(f"the release of {org}")
