"""Part (b) of the reliability report, repairs: ``tolltrack forget`` and ``tolltrack ingest --update``
SIGKILLed at random moments near the end of their run (where the transaction is).

A store is filled with the reports in-process. Each round takes a stored report and, in turn,
forgets it or stores it again with a new publication date and outlet, through the command in a
subprocess. The first round of each kind runs to its end and gives the run time; later ones are
killed after a random delay between 75% and 103% of it (the write comes last, so many kills fall in
or around it; a run that ends first counts as completed). The store is then compared with its state before the
round and with the state the repair leads to (the same repair run again in-process to the end: a
no-op when the killed one had committed): it must be one of the two, never between; every document
must have all its claims.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path
from subprocess import PIPE

from reliability_faults import PUBLISHED, TOLLTRACK, snapshot

from tolltrack.ledger.api import Ledger


def _state(url: str) -> tuple:
    """Documents with their metadata, claims, partial documents and incidents of the store."""
    ids, found, partial, grouping = snapshot(url)
    with Ledger(url) as ledger:
        meta = {(d.id, d.published, d.outlet) for d in ledger.documents(limit=1_000_000)}
    return ids, found, partial, grouping, meta


def _command(url: str, action: str, target: str, k: int) -> list[str]:
    if action == "forget":
        return [TOLLTRACK, "forget", target, "--db", url]
    return [TOLLTRACK, "ingest", target, "--db", url, "--update", "--published", f"2026-04-{k % 28 + 1:02d}",
            "--outlet", f"Desk {k}"]  # fmt: skip


def _finish(url: str, action: str, target: str, k: int, doc_id: str) -> None:
    """Run the repair to its end in-process (nothing to do when the killed run had committed)."""
    with Ledger(url) as ledger:
        if action == "forget":
            if ledger.document(doc_id) is not None:
                ledger.forget(doc_id)
        else:
            ledger.ingest([target], published=f"2026-04-{k % 28 + 1:02d}", outlet=f"Desk {k}", update=True)


def killed_repairs(url: str, folder: Path, rounds: int, seed: int = 17) -> dict:
    rng = random.Random(seed)
    with Ledger(url) as ledger:
        summary = ledger.ingest([folder], published=PUBLISHED)
        assert not summary.failed, summary.failed
        by_file = {d.source_path: d.id for d in ledger.documents(limit=1_000_000)}
    files = sorted(p for p in by_file if p.endswith(".txt"))
    outcome = {"before": 0, "after": 0, "between": 0, "completed": 0}
    problems: list[str] = []
    took: dict[str, float] = {}
    for k in range(rounds):
        action = "forget" if k % 2 == 0 else "update"
        path = files.pop(rng.randrange(len(files)))
        doc_id = by_file[path]
        target = doc_id if action == "forget" else path
        before = _state(url)
        start = time.monotonic()
        proc = subprocess.Popen(_command(url, action, target, k), stdout=PIPE, stderr=PIPE, text=True)
        try:
            proc.wait(rng.uniform(0.75, 1.03) * took[action] if action in took else 600)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(60)
        killed = proc.returncode == -signal.SIGKILL
        if not killed:
            took.setdefault(action, time.monotonic() - start)
            outcome["completed"] += 1
            if proc.returncode != 0:
                problems.append(f"round {k}: exit {proc.returncode}: {proc.stderr.read().strip()[-200:]}")
        mid = _state(url)
        _finish(url, action, target, k, doc_id)
        after = _state(url)
        if after == before:
            problems.append(f"round {k}: {action} changed nothing")
        if mid[2] or after[2]:
            problems.append(f"round {k}: documents without all their claims")
        if killed:
            outcome["before" if mid == before else "after" if mid == after else "between"] += 1
        elif mid != after:
            problems.append(f"round {k}: the completed {action} left another state than running it again")
    result = {
        "scenario": f"SIGKILL during forget / ingest --update, {rounds} rounds",
        "completed (not killed)": outcome["completed"],
        "killed, left as before": outcome["before"],
        "killed, left as after": outcome["after"],
        "killed, left between": outcome["between"],
        "problems": "; ".join(problems) or "none",
    }
    result["ok"] = outcome["between"] == 0 and not problems and outcome["completed"] < rounds
    return result
