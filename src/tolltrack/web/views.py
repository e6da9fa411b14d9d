"""What the pages show, shaped from model objects: incident rows, claimant names, highlighted text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tolltrack.extract.report import HEADLINE
from tolltrack.ledger.figures import headline_figure
from tolltrack.model import Claim, Figure, Incident


def disagreements(incident: Incident) -> list[str]:
    return [f for f in incident.flags if "disagreement" in f]


@dataclass
class IncidentRow:
    incident: Incident
    killed: Figure | None
    reports: int
    claimants: int
    disagreements: list[str] = field(default_factory=list)


def incident_row(incident: Incident) -> IncidentRow:
    return IncidentRow(
        incident=incident,
        killed=headline_figure(incident),
        reports=len(set(incident.doc_ids)),
        claimants=incident.claimants,
        disagreements=disagreements(incident),
    )


@dataclass
class Segment:
    text: str
    claims: tuple[int, ...] = ()  # indexes of the claims whose sentence covers this piece
    starts: tuple[int, ...] = ()  # claims whose sentence starts here (anchors)


def segments(text: str, claims: Iterable[Claim]) -> list[Segment]:
    """The text cut at every claim sentence's offsets, each piece knowing which claims cover it."""
    n = len(text)
    spans = []
    for c in claims:
        if HEADLINE in c.notes:
            continue  # its offsets are in the title
        start, end = max(0, min(c.start, n)), max(0, min(c.end, n))
        if start < end:
            spans.append((start, end, c.index))
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(sorted({i for s, e, i in spans if s <= a and b <= e}))
        starting = tuple(sorted({i for s, _, i in spans if s == a}))
        out.append(Segment(text[a:b], covering, starting))
    return out


def chain_text(claim: Claim) -> str:
    return " → ".join(s.name for s in claim.attribution.chain) or "(the report itself)"
