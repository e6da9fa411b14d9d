"""Part (a) of the reliability report: bad inputs through the real ingest functions and the extractor.

Every case goes through ``documents_from_bytes`` (an upload) and, written to a folder, through
``iter_documents`` (a folder ingest). A crash is an exception escaping either, or the extractor; an
``internal error`` record is an exception the ingest stage caught (a bug it hid). Each input must
give the results its case asks for, each naming the input; folders with symbolic link loops must
be walked to the end with every report read once. A sample is ingested into a fresh store, which
must then hold exactly the documents that came out, the failed inputs adding nothing.
"""

from __future__ import annotations

import os
import random
import re
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reliability_inputs import ONE, Case, english_report

from tolltrack.ingest.sources import DEFAULT_MAX_BYTES, documents_from_bytes, iter_documents
from tolltrack.model import Document, IngestError

_SUFFIX = re.compile(r"(:\d+|:entry \d+|\[\d+\])$")  # file.jsonl:3, feed.xml:entry 2, a.json[0]
SLOW_INPUT_S = 5.0  # an input slower than this through one reader is reported


@dataclass
class InputStats:
    tried: int = 0
    crashes: list[str] = field(default_factory=list)  # exceptions that escaped, with their tracebacks
    internal: list[str] = field(default_factory=list)  # "internal error" records
    problems: list[str] = field(default_factory=list)  # a result missing, unnamed, or not as expected
    by_category: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    documents: dict[str, Document] = field(default_factory=dict)  # distinct documents that came out
    slowest: tuple[float, str] = (0.0, "")
    slow: int = 0

    def timed(self, seconds: float, what: str) -> None:
        self.slowest = max(self.slowest, (seconds, what))
        self.slow += seconds > SLOW_INPUT_S


def _source(r: Document | IngestError) -> str:
    return (r.source_path or "") if isinstance(r, Document) else r.source


def check(case: Case, name: str, results: list) -> list[str]:
    """What is wrong with the results of one input (empty: as expected)."""
    wrong = []
    if not results:
        return ["no result at all (the input vanished)"]
    sources = [_source(r) for r in results]
    if any(_SUFFIX.sub("", s) != name for s in sources):
        wrong.append(f"a result does not name the input: {sorted(set(sources))[:3]}")
    if len(set(sources)) != len(sources):
        wrong.append(f"two results for one source: {[s for s, n in Counter(sources).items() if n > 1][:3]}")
    errors = [r for r in results if isinstance(r, IngestError)]
    if case.results == ONE and len(results) != 1:
        wrong.append(f"{len(results)} results for a single report")
    elif isinstance(case.results, int) and len(results) != case.results:
        refused_whole = len(results) == 1 and errors and errors[0].source == name
        if not refused_whole:
            wrong.append(f"{len(results)} results for {case.results} lines")
    if case.expect == "refuse":
        if len(errors) != len(results):
            wrong.append("accepted an input that must be refused")
        elif not all(case.reason.lower() in e.reason.lower() for e in errors):
            wrong.append(f"refused for another reason: {errors[0].reason[:80]}")
    if case.expect == "accept" and errors:
        wrong.append(f"refused a readable report: {errors[0].reason[:80]}")
    if case.payload and any(case.payload in r.text or "alert(" in r.text for r in results if _is_doc(r)):
        wrong.append("script code reached a document's text")
    return wrong


def _is_doc(r) -> bool:
    return isinstance(r, Document)


def _record(stats: InputStats, case: Case, name: str, results: list, how: str) -> None:
    tally = stats.by_category[case.category]
    for r in results:
        if isinstance(r, IngestError) and r.reason.startswith("internal error"):
            stats.internal.append(f"{how} {case.category} {name}: {r.reason[:200]}")
        if isinstance(r, Document):
            stats.documents.setdefault(r.id, r)
    tally["documents"] += sum(1 for r in results if isinstance(r, Document))
    tally["errors"] += sum(1 for r in results if isinstance(r, IngestError))
    for problem in check(case, name, results):
        tally["problems"] += 1
        stats.problems.append(f"{how} {case.category} {name}: {problem}")


def run_uploads(cases: list[Case], stats: InputStats) -> None:
    """Each case as an upload's bytes (``documents_from_bytes``)."""
    for case in cases:
        stats.tried += 1
        stats.by_category[case.category]["tried"] += 1
        t0 = time.perf_counter()
        try:
            results = documents_from_bytes(
                case.data, case.name, max_bytes=case.max_bytes or DEFAULT_MAX_BYTES
            )
        except Exception:
            stats.crashes.append(f"upload {case.category} {case.name}: {traceback.format_exc(limit=-8)}")
            stats.by_category[case.category]["crashes"] += 1
            continue
        finally:
            stats.timed(time.perf_counter() - t0, f"upload {case.category} {case.name}")
        _record(stats, case, case.name, results, "upload")


def run_folder(cases: list[Case], folder: Path, stats: InputStats) -> None:
    """The cases written to ``folder`` (one file each) and read with ``iter_documents``; the cases of
    one size limit are read in one walk."""
    by_limit: dict[int, list[tuple[Case, Path]]] = defaultdict(list)
    for i, case in enumerate(cases):
        sub = folder / f"limit-{case.max_bytes or DEFAULT_MAX_BYTES}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:05d}-{case.name}"
        path.write_bytes(case.data)
        by_limit[case.max_bytes or DEFAULT_MAX_BYTES].append((case, path))
    for limit, written in by_limit.items():
        got: dict[str, list] = defaultdict(list)
        t0 = time.perf_counter()
        try:
            skipped: list[str] = []
            for r in iter_documents([written[0][1].parent], max_bytes=limit, skipped=skipped):
                got[_SUFFIX.sub("", _source(r))].append(r)
            # what a folder leaves out by name (Markdown, README...) is read when named, as a user would
            for r in iter_documents(skipped, max_bytes=limit):
                got[_SUFFIX.sub("", _source(r))].append(r)
        except Exception:
            stats.crashes.append(f"folder walk (limit {limit}): {traceback.format_exc(limit=-8)}")
        stats.timed((time.perf_counter() - t0) / len(written), "folder read (mean per file)")
        for case, path in written:
            stats.tried += 1
            stats.by_category[case.category]["tried"] += 1
            _record(stats, case, str(path), got.pop(str(path), []), "file")
        for source in got:
            stats.problems.append(f"file: results naming no input file: {source}")


# --------------------------------------------------------------------------- symbolic link loops


def loop_folder(root: Path, rng: random.Random, i: int) -> tuple[Path, set[str]]:
    """A folder of good reports with links that loop, dangle or reach a file twice; returns it and
    the texts of its reports (each must come out exactly once)."""
    top = root / f"loops-{i:04d}"
    (top / "sub" / "deeper").mkdir(parents=True)
    texts = set()
    for k, rel in enumerate(["a.txt", "sub/b.txt", "sub/deeper/c.txt"][: rng.randint(1, 3)]):
        text = english_report(rng, f"Loop folder {i} report {k}.")
        (top / rel).write_text(text, encoding="utf-8")
        texts.add(text)
    kinds = rng.sample(
        ["ancestor", "self", "mutual", "dangling", "twice", "dir-twice", "fifo"], rng.randint(1, 4)
    )
    for kind in kinds:
        if kind == "ancestor":
            (top / "sub" / "deeper" / "up").symlink_to(top)
        elif kind == "self":
            (top / "me").symlink_to(top / "me")
        elif kind == "mutual":
            (top / "x").symlink_to(top / "y")
            (top / "y").symlink_to(top / "x")
        elif kind == "dangling":
            (top / "gone.txt").symlink_to(top / "never-there.txt")
        elif kind == "twice":
            (top / "sub" / "again.txt").symlink_to(top / "a.txt")
        elif kind == "dir-twice":
            (top / "sub2").symlink_to(top / "sub")
        elif kind == "fifo":
            os.mkfifo(top / "pipe.txt")
    return top, texts


def run_loops(n: int, root: Path, rng: random.Random, stats: InputStats) -> None:
    for i in range(n):
        top, texts = loop_folder(root, rng, i)
        stats.tried += 1
        tally = stats.by_category["symbolic link loops (folders)"]
        tally["tried"] += 1
        t0 = time.perf_counter()
        try:
            results = list(iter_documents([top]))
        except Exception:
            stats.crashes.append(f"loop folder {top}: {traceback.format_exc(limit=-8)}")
            tally["crashes"] += 1
            continue
        stats.timed(time.perf_counter() - t0, f"loop folder {top.name}")
        docs = [r for r in results if isinstance(r, Document)]
        tally["documents"] += len(docs)
        tally["errors"] += len(results) - len(docs)
        got = Counter(d.text for d in docs)
        wrong = []
        if set(got) != texts:
            wrong.append(f"{len(texts - set(got))} report(s) lost, {len(set(got) - texts)} unexpected")
        if any(n > 1 for n in got.values()):
            wrong.append("a report read twice")
        if any(not _source(r).startswith(str(top)) for r in results):
            wrong.append("a result names no file of the folder")
        for problem in wrong:
            tally["problems"] += 1
            stats.problems.append(f"loop folder {top.name}: {problem}")
        for r in results:
            if isinstance(r, Document):
                stats.documents.setdefault(r.id, r)


# --------------------------------------------------------------------------- extraction


@dataclass
class ExtractStats:
    documents: int = 0  # distinct documents that came out of the bad inputs
    extracted: int = 0
    claims: int = 0
    crashes: list[str] = field(default_factory=list)
    bad_claims: list[str] = field(default_factory=list)  # offsets or sentence not pointing into the text
    seconds: float = 0.0
    slowest_batch: float = 0.0
    over_budget: int = 0  # documents left out when the time budget ran out


def claim_problems(doc: Document, claims: list) -> list[str]:
    """What is wrong with a document's claims: offsets outside the text, a sentence that is not
    the text between them, a trigger outside its sentence, indices out of order."""
    wrong = []
    n = len(doc.text)
    for k, c in enumerate(claims):
        where = f"{doc.source_path} claim {k}"
        if not (0 <= c.start < c.end <= n):
            wrong.append(f"{where}: offsets {c.start}..{c.end} outside a text of {n} characters")
        elif doc.text[c.start : c.end] != c.sentence:
            wrong.append(f"{where}: text[{c.start}:{c.end}] is not the claim's sentence")
        if c.trigger_start != -1 and not (c.start <= c.trigger_start < c.end):
            wrong.append(f"{where}: trigger at {c.trigger_start} outside its sentence")
        if c.index != k or c.doc_id != doc.id:
            wrong.append(f"{where}: index {c.index} or document id out of place")
    return wrong


def run_extract(docs: list[Document], budget_s: float, batch: int = 32) -> ExtractStats:
    """``extract_many`` over the documents in batches until ``budget_s`` seconds of this process's
    CPU have been spent (CPU, not wall clock: a runaway input still trips it, a busy neighbour on a
    shared machine does not); a failing batch is retried a document at a time to name the one at
    fault."""
    from tolltrack.extract.document import extract, extract_many

    stats = ExtractStats(documents=len(docs))
    t_start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(0, len(docs), batch):
        if time.process_time() - cpu_start > budget_s:
            stats.over_budget = len(docs) - i
            break
        chunk = docs[i : i + batch]
        t0 = time.perf_counter()
        try:
            pairs = list(extract_many(chunk, batch_size=len(chunk)))
        except Exception:
            pairs = []
            for doc in chunk:
                try:
                    pairs.append((doc, extract(doc)))
                except Exception:
                    stats.crashes.append(f"extract {doc.source_path}: {traceback.format_exc(limit=-8)}")
        stats.slowest_batch = max(stats.slowest_batch, time.perf_counter() - t0)
        for doc, claims in pairs:
            stats.extracted += 1
            stats.claims += len(claims)
            stats.bad_claims.extend(claim_problems(doc, claims))
    stats.seconds = time.perf_counter() - t_start
    return stats


# --------------------------------------------------------------------------- the store


def store_check(cases: list[Case], folder: Path) -> dict:
    """Ingest a folder of bad inputs into a fresh SQLite store: the refused ones alone must leave
    it empty; then all of them must leave exactly the documents ``iter_documents`` gives."""
    from tolltrack.ledger.api import Ledger

    refused, mixed = folder / "refused", folder / "mixed"
    for i, case in enumerate(cases):
        if case.max_bytes is None:  # read with the default limit
            sub = refused if case.expect == "refuse" else mixed
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i:05d}-{case.name}").write_bytes(case.data)
    expected = {r.id for r in iter_documents([refused, mixed]) if isinstance(r, Document)}
    with Ledger(f"sqlite:///{folder / 'store.db'}") as ledger:
        first = ledger.ingest([refused])
        after_refused = ledger.stats()
        second = ledger.ingest([refused, mixed])
        stored = {d.id for d in ledger.documents(limit=len(expected) + 100)}
        n_stored = ledger.count_documents()
    return {
        "refused inputs": first.read,
        "rows after the refused inputs": sum(after_refused.values()),
        "documents expected": len(expected),
        "documents stored": n_stored,
        "lost": len(expected - stored),
        "unexpected": len(stored - expected),
        "failed records": len(second.failed),
        "ok": sum(after_refused.values()) == 0 and stored == expected and n_stored == len(expected),
    }
