"""Dask extraction gives exactly the claims of single-process extraction."""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from pathlib import Path

import pytest

from tolltrack.extract.distributed import _batches, extract_distributed
from tolltrack.extract.report import report_claims
from tolltrack.model import Document, to_dict

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

SHARED = Path(os.environ.get("TOLLTRACK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ARTICLES = SHARED / "gva" / "dev" / "articles.jsonl"

# Our own short reports, used when the shared GVA reports are not available.
_SENTENCES = [
    "Three people were killed and two others wounded in a shooting in Dayton, Ohio, on Saturday.",
    "A 19-year-old man died at the hospital after he was shot outside a bar, the sheriff's office said.",
    "At least 12 soldiers were killed in an ambush near the border, the army said in a statement.",
    "No one was injured in the fire, according to the fire department.",
    "Officials said dozens of villagers were missing after the flood swept through the valley.",
    "Police arrested four men in connection with the robbery on Tuesday.",
    "The state news agency, citing the health ministry, said 40 people were wounded.",
    "Witnesses told reporters that between 5 and 8 bodies were pulled from the rubble.",
    "The city council met on Monday to discuss the budget for the new library.",
    "A woman and her son were hurt when a car struck them in Denver, Colorado.",
]


def _own_documents(n: int) -> list[Document]:
    docs = []
    for i in range(n):
        picked = [_SENTENCES[(i * 3 + k) % len(_SENTENCES)] for k in range(1 + i % 4)]
        docs.append(Document(text=" ".join(picked) + f" Report {i}.", outlet="test"))
    return docs


def _documents(n: int = 20) -> list[Document]:
    if not ARTICLES.exists():
        logging.getLogger(__name__).info("%s absent: using the test's own reports", ARTICLES)
        return _own_documents(n)
    docs = []
    with ARTICLES.open() as f:
        for line in f:
            row = json.loads(line)
            docs.append(Document(text=row["text"], title=row.get("title"), url=row.get("url")))
            if len(docs) == n:
                break
    return docs


@pytest.fixture(scope="module")
def docs_and_reference():
    docs = _documents()
    # the claims the ledger stores in one process: the text's, then the headline's
    reference = {d.id: [to_dict(c) for c in claims] for d, claims in report_claims(docs)}
    assert sum(len(v) for v in reference.values()) > 0, "the extractor found no claims at all"
    return docs, reference


def test_local_cluster_gives_the_same_claims_in_order(docs_and_reference):
    """... and what the writer reads in each report (``ledger.ingest.read_for_writer``), read on the
    workers: its groups hold the very claim objects that come back, which the writer links."""
    from tolltrack.ledger.ingest import read_for_writer
    from tolltrack.linking.groups import report_groups
    from tolltrack.linking.match import LinkConfig

    docs, reference = docs_and_reference
    out = list(extract_distributed(docs, workers=2, batch_size=3, read=read_for_writer))  # 7 batches
    assert [d.id for d, _ in out] == [d.id for d in docs]
    assert all(got is sent for (got, _), sent in zip(out, docs, strict=True))
    assert {d.id: [to_dict(c) for c in claims] for d, claims in out} == reference
    assert any(doc.reading.groups for doc, _ in out)
    for doc, claims in out:
        assert doc.reading.doc_id == doc.id and doc.toll.key[0] == doc.id
        about = [c for c in claims if c.scope == "incident"]
        if about:
            taken = report_groups(doc, about, LinkConfig())
            assert all(g is carried for g, carried in zip(taken, doc.reading.groups, strict=True))


def test_existing_scheduler_unordered_gives_the_same_claims(docs_and_reference):
    # An in-process cluster (worker threads in this process, which has the model loaded already)
    # reached through its TCP address: the scheduler= path, without a second process start-up.
    from distributed import LocalCluster

    docs, reference = docs_and_reference
    docs = docs + docs[:3]  # re-ingested reports: the same texts twice are still extracted twice
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        out = list(
            extract_distributed(
                docs, scheduler=cluster.scheduler_address, batch_size=4, ordered=False, max_pending=3
            )
        )
        assert cluster.status.name == "running"  # a cluster we did not start is left running
    assert Counter(d.id for d, _ in out) == Counter(d.id for d in docs)
    for d, claims in out:
        assert [to_dict(c) for c in claims] == reference[d.id]


def test_arguments_are_checked_before_any_cluster_starts():
    with pytest.raises(ValueError):
        extract_distributed([], workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError):
        extract_distributed([], workers=2, batch_size=0)
    with pytest.raises(ValueError):
        extract_distributed([], workers=0)


def test_batches_cover_the_input_in_order():
    docs = _own_documents(7)
    batches = list(_batches(iter(docs), 3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert [d for b in batches for d in b] == docs
