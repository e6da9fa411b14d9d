"""The model's fields are declared once: JSON and back gives an equal object, for every class."""

from __future__ import annotations

import json
from datetime import date

from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Event,
    Figure,
    Incident,
    Outcome,
    Source,
    SourceKind,
    Status,
    TimelinePoint,
    VictimGroup,
    from_dict,
    to_dict,
)


def _json(obj):
    return json.loads(json.dumps(to_dict(obj)))


def test_a_claim_reads_back_from_json_equal():
    claim = Claim(
        count=Count(CountKind.AT_LEAST, 40, 40, None, "at least 40"),
        outcome=Outcome.KILLED,
        victims=[VictimGroup("soldier", "12 soldiers", "Mali", Status.MILITARY, "patrol")],
        attribution=Attribution(
            [Source("the army", SourceKind.OFFICIAL, "said", None, "a statement")], "claimed"
        ),
        sentence="At least 40 soldiers were killed, the army claimed in a statement.",
        start=10,
        end=70,
        trigger="killed",
        trigger_start=30,
        event=Event(["ambush"], "Gao", "Mali", date(2026, 3, 1), "on Sunday", "militants", "the army"),
        doc_id="ab" * 32,
        index=3,
        refers_to=1,
        supersedes=2,
        notes=["a note"],
        incident_id="inc-1",
        scope="other",
        scope_reason="an earlier ambush",
    )
    assert from_dict(Claim, _json(claim)) == claim


def test_an_incident_reads_back_with_figures_and_timeline():
    inc = Incident(
        id="inc-2", date=date(2026, 1, 3), place="Caracas", country="Venezuela", event_type="raid",
        label="raid, Caracas", doc_ids=["d1"], claim_ids=["d1-0"], flags=["disagreement"], claimants=2,
        figures=[Figure("Cuba:military", Outcome.KILLED, 32, 32, 40, "low", "best", "high", ["d1-0"], ["f"])],
        timeline=[TimelinePoint(date(2026, 1, 4), "Cuba", None, "all", Count(CountKind.VAGUE, None, 24),
                                "d1-0", "d1")],
    )  # fmt: skip
    back = from_dict(Incident, _json(inc))
    assert back == inc
    assert isinstance(back.figures[0].outcome, Outcome) and isinstance(back.date, date)


def test_missing_keys_take_the_defaults_and_unknown_keys_are_ignored():
    claim = from_dict(Claim, {"count": {"kind": "zero"}, "outcome": None, "victims": [], "sentence": "s",
                              "start": 0, "end": 1, "id": "ignored", "attribution": None})  # fmt: skip
    assert claim.count == Count(CountKind.ZERO) and claim.event == Event() and claim.scope == "incident"
    assert claim.attribution == Attribution()
