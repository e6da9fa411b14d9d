"""A report that speaks as an organisation: a press release whose lead says '..., the Harbour Rights
Forum said today.' and whose quoted staff are '<title> at the Harbour Rights Forum'. The README's rule:
when a report speaks of itself in the third person, the organisation is the claimant of what the
release states in its own voice."""

from __future__ import annotations

import re

from tolltrack.model import Claim, Source, SourceKind

_NAME = r"(?:[A-Z][\w'’.&-]*\s+){0,6}?[A-Z][\w'’.&-]*"
LEAD = re.compile(rf",\s+(?:the\s+)?({_NAME})\s+said(?:\s+today)?\.")
STAFF = ("director", "researcher", "advocate", "counsel", "head", "officer", "coordinator", "analyst",
         "spokesperson", "spokesman", "spokeswoman", "president", "chief", "representative",
         "campaigner")  # fmt: skip
LEAD_PARAGRAPHS = 4


def release_voice(text: str) -> str | None:
    """The organisation a press release speaks as: named in the lead ('..., X said today.', in one of
    the first paragraphs) and the employer of a quoted member of staff ('said Ann Cole, research
    director at X')."""
    paragraphs = [p for p in text.split("\n") if p.strip()][1 : 1 + LEAD_PARAGRAPHS]
    for para in paragraphs:
        for m in LEAD.finditer(para):
            org = m.group(1)
            if len(org.split()) < 2 and not org.isupper():
                continue
            staff = rf"\b(?:{'|'.join(STAFF)})\b[^.\n“”\"]{{0,80}}?\bat (?:the )?{re.escape(org)}\b"
            if re.search(staff, text, re.IGNORECASE):
                return org
    return None


def speak_as_release(claims: list[Claim], text: str) -> None:
    """Claims a press release states in its own voice get its organisation as claimant."""
    org = release_voice(text)
    if org is None:
        return
    for c in claims:
        if not c.attribution.named_chain():
            c.attribution.chain = [Source(org, SourceKind.ORGANIZATION, "(its own release)")]
            c.notes.append(f"the release of {org}")
