"""Long reports: a text over spaCy's length limit is read in windows cut at paragraph breaks, with
its claims' offsets kept in the whole text; the size limit is in MiB everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from tolltrack.extract.document import extract
from tolltrack.ingest.sources import DEFAULT_MAX_BYTES
from tolltrack.ledger.api import Ledger
from tolltrack.model import Document
from tolltrack.nlp import windows as text_windows

FILLER = (
    "The council met on a quiet afternoon to discuss the budget for the new library, the parks and the "
    "roads, and the members agreed to meet again next month after a long debate about taxes."
)
PARAGRAPHS = [
    "Four people were killed in a fire at a factory in Leeds on Monday, police said.",
    "The fire brigade said eleven workers were injured and taken to hospital.",
    "In a separate incident, two climbers died on a mountain in Wales on Sunday, rescuers said.",
    "Three fishermen are missing after their boat sank off the coast of Cornwall, the coastguard said.",
]


def test_cuts_cover_the_text_at_paragraph_breaks():
    text = "\n\n".join(f"{FILLER} {i}." for i in range(40))
    spans = text_windows.cuts(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < e - s <= 1000 for s, e in spans)
    assert all(text[e - 2 : e] == "\n\n" for _s, e in spans[:-1])
    one_line = " ".join([FILLER] * 30)  # no break at all but spaces: cut at a sentence end or space
    assert all(e - s <= 1000 for s, e in text_windows.cuts(one_line, 1000))


def _claims(text: str) -> list[tuple]:
    doc = Document(text, published=date(2026, 2, 10))
    return [(c.index, c.start, c.end, str(c.count), c.outcome, c.refers_to, c.doc_id) for c in extract(doc)]


def test_windows_give_the_claims_of_the_whole_text(monkeypatch):
    text = "\n\n".join(p for para in PARAGRAPHS for p in (FILLER, para))
    whole = _claims(text)
    assert len(whole) >= 2
    monkeypatch.setattr(text_windows, "WINDOW", 400)  # every window one or two paragraphs
    assert len(text_windows.cuts(text, 400)) >= 4
    assert _claims(text) == whole


def test_a_report_over_spacys_limit_is_read_with_offsets_kept(tmp_path):
    paras = [f"{FILLER} Paragraph {i}." for i in range(5600)]
    for k, i in enumerate((300, 2500, 5500)):
        paras[i] = f"{k + 3} people were killed in a fire at a factory in Leeds on Monday, police said."
    text = "\n\n".join(paras)
    assert len(text) > 1_000_000
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        summary = ledger.ingest([path], published="2026-02-10")
        assert summary.new == 1 and not summary.failed
        found = ledger.claims()
    assert [(c.index, c.count.value) for c in found] == [(0, 3), (1, 4), (2, 5)]
    for c in found:
        assert text[c.start : c.end].startswith(f"{c.count.value} people were killed")
    assert found[-1].start > 1_000_000


@pytest.mark.parametrize("mib", [0.5, 2])
def test_max_mb_is_mebibytes_like_the_default(tmp_path, mib):
    from typer.testing import CliRunner

    from tolltrack.cli.app import app

    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    limit = int(mib * 1024 * 1024)
    body = PARAGRAPHS[0] + "\n" + (FILLER + "\n") * (limit // (len(FILLER) + 1) - 2)
    (tmp_path / "at.txt").write_text(body + "x" * (limit - len(body)))  # exactly the limit
    (tmp_path / "over.txt").write_text(body + "x" * (limit - len(body) + 1))
    db = str(tmp_path / "s.db")
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "over.txt"), "--db", db, "--max-mb", str(mib)])
    shown = f"{mib * 1024:.1f} KiB" if mib < 1 else f"{mib:.1f} MiB"
    assert res.exit_code == 1 and f"exceeds the limit of {shown} ({limit:,} bytes)" in res.stderr
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "at.txt"), "--db", db, "--max-mb", str(mib)])
    assert res.exit_code == 0 and "1 new" in res.stdout, res.output
