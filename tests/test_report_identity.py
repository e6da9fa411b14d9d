"""A report's identity (``model.content_id``): its headline and text. Re-ingesting the same item
changes nothing, the same story found at another address is the same report, and two pages of one
text under two headlines (a sign-up notice crawled for two stories) stay two reports, each in its own
incident with its headline's figures. A store whose reports were keyed by their text alone (before
headlines counted) still knows them. The reports are written for these tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tolltrack.ledger.api import Ledger
from tolltrack.model import Document, Outcome, content_id

pytestmark = pytest.mark.timeout(300)

NOTICE = (
    "Subscribe to read this story. Sign up for our newsletter to get local news in your inbox every "
    "morning. Already have an account? Log in to keep reading."
)
DAYTON = {
    "title": "Man killed in shooting outside corner store in Dayton, Ohio",
    "text": NOTICE,
    "url": "https://daily.example/dayton-corner-store",
    "published": "2025-06-02",
}
TOLEDO = {
    "title": "Two women wounded in drive-by shooting in Toledo, Ohio",
    "text": NOTICE,
    "url": "https://daily.example/toledo-drive-by",
    "published": "2025-07-19",
}


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def best(ledger: Ledger, doc_id: str) -> tuple[int | None, int | None]:
    """(killed, injured) best of the one incident the report belongs to."""
    (inc_id,) = ledger.document_incidents(doc_id)
    inc = ledger.incident(inc_id)
    figs = {f.outcome: f.best for f in inc.figures if f.group == "all"}
    return figs.get(Outcome.KILLED), figs.get(Outcome.INJURED)


def test_the_headline_is_part_of_the_identity_spacing_and_case_are_not():
    assert content_id(NOTICE, DAYTON["title"]) != content_id(NOTICE, TOLEDO["title"])
    assert content_id(NOTICE, DAYTON["title"]) == content_id(
        NOTICE.replace(" ", "  "), "  " + DAYTON["title"].upper()
    )
    assert Document(text=NOTICE, title=DAYTON["title"]).id == content_id(NOTICE, DAYTON["title"])
    # without a headline the key is the normalised text's hash, as every report was keyed before
    legacy = hashlib.sha256(" ".join(NOTICE.split()).encode()).hexdigest()
    assert content_id(NOTICE) == content_id(NOTICE, "  ") == Document(text=NOTICE).id == legacy


def test_one_text_under_two_headlines_is_two_reports_the_same_item_twice_is_one(tmp_path):
    path = write_jsonl(tmp_path / "reports.jsonl", DAYTON, TOLEDO)
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        first = ledger.ingest(path)
        assert first.new == 2 and first.known == 0 and not first.failed
        dayton, toledo = first.doc_ids
        assert ledger.document(dayton).title == DAYTON["title"]
        assert ledger.document(toledo).title == TOLEDO["title"]
        assert ledger.document_incidents(dayton) != ledger.document_incidents(toledo)
        assert best(ledger, dayton) == (1, None) and best(ledger, toledo)[1] == 2
        before = [(i.id, i.doc_ids, i.figures) for i in ledger.incidents()]

        again = ledger.ingest(path)  # re-ingesting changes nothing
        assert again.new == 0 and again.known == 2 and again.claims_added == 0
        # the same story at another address (a second outlet, a tracking parameter) is the same report
        moved = write_jsonl(
            tmp_path / "moved.jsonl", {**DAYTON, "url": "https://other.example/story?ref=feed"}
        )
        assert ledger.ingest(moved).known == 1
        assert [(i.id, i.doc_ids, i.figures) for i in ledger.incidents()] == before
        assert len(ledger.documents(limit=10)) == 2


def test_a_store_keyed_by_text_alone_still_knows_its_reports(tmp_path):
    """Reports stored under their text's hash (as the code before headlines counted stored them) are
    known when given again with the same headline, or with one when they were stored without."""
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        old = Document(text=NOTICE, title=DAYTON["title"], id=content_id(NOTICE))
        assert ledger.ingest_documents([old]).new == 1
        same = ledger.ingest(write_jsonl(tmp_path / "same.jsonl", DAYTON))
        assert same.new == 0 and same.known == 1
        other = ledger.ingest(write_jsonl(tmp_path / "other.jsonl", TOLEDO))  # another story: stored
        assert other.new == 1 and other.doc_ids != [content_id(NOTICE)]

    with Ledger(f"sqlite:///{tmp_path / 'bare.db'}") as ledger:
        bare = write_jsonl(tmp_path / "bare.jsonl", {k: v for k, v in DAYTON.items() if k != "title"})
        (stored,) = ledger.ingest(bare).doc_ids
        titled = write_jsonl(tmp_path / "titled.jsonl", DAYTON)
        assert ledger.ingest(titled).known == 1  # the same item, its headline now given
        updated = ledger.ingest(titled, update=True)  # --update stores the headline with it
        assert updated.updated == [stored] and updated.new == 0
        assert ledger.document(stored).title == DAYTON["title"]
        assert best(ledger, stored) == (1, None)
        assert ledger.ingest(titled, update=True).known == 1
