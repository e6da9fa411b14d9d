"""Reliability and security report: bad inputs, faults on a real store, and a bounded API load test.

    .venv/bin/python benchmarks/reliability.py            # the long run: 10,000 generated bad inputs
    .venv/bin/python benchmarks/reliability.py --quick    # what CI runs (tests/test_reliability.py)

(a) bad inputs (benchmarks/reliability_inputs.py, _ingest.py): generated inputs of twelve kinds, each
    through ``documents_from_bytes`` (an upload) and, written to a folder, ``iter_documents``, plus
    folders with symbolic link loops; the documents that come out go through the extractor in
    batches within a budget of CPU seconds; a sample is ingested into a fresh store.
(b) faults (reliability_faults.py): a SIGKILLed ``tolltrack ingest`` then re-run, two ingests of
    overlapping folders at once, on SQLite and on PostgreSQL ($TOLLTRACK_TEST_PG), and PostgreSQL
    connections terminated mid-run.
(c) load and security (reliability_load.py): ``tolltrack serve`` on 127.0.0.1, concurrent reads and
    uploads, token refusal, path-like upload names, escaped pages.

Prints the report and exits 0 when every check holds (crashes 0, nothing lost or duplicated, load
errors 0), 1 otherwise. ``--json FILE`` writes the figures too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reliability_faults import run_faults  # noqa: E402
from reliability_ingest import (
    SLOW_INPUT_S,
    InputStats,
    run_extract,
    run_folder,
    run_loops,
    run_uploads,
    store_check,
)  # noqa: E402
from reliability_inputs import cases  # noqa: E402
from reliability_load import run_load  # noqa: E402

QUICK = dict(
    inputs=1000, huge=1, loops=20, budget=30.0, sample=150, reports=24, gets=300, posts=20, concurrency=8
)
LONG = dict(inputs=10_000, huge=3, loops=200, budget=600.0, sample=1000, reports=80, gets=3000, posts=200,
            concurrency=16)  # fmt: skip


def bad_inputs(work: Path, cfg: dict, seed: int) -> dict:
    rng = random.Random(seed)
    generated = cases(cfg["inputs"], rng, huge=cfg["huge"])
    stats = InputStats()
    t0 = time.perf_counter()
    run_uploads(generated, stats)
    run_folder(generated, work / "inputs", stats)
    run_loops(cfg["loops"], work / "loops", rng, stats)
    seconds = time.perf_counter() - t0
    docs = sorted(stats.documents.values(), key=lambda d: d.id)
    extracted = run_extract(docs, cfg["budget"])
    store = store_check(generated[: cfg["sample"]], work / "store")
    return {
        "inputs": {
            "generated": len(generated),
            "symbolic link loop folders": cfg["loops"],
            "runs through the readers": stats.tried,
            "crashes": len(stats.crashes),
            "internal errors": len(stats.internal),
            "wrong results": len(stats.problems),
            "slowest input s": round(stats.slowest[0], 2),
            "slowest": stats.slowest[1],
            f"inputs slower than {SLOW_INPUT_S:g} s": stats.slow,
            "seconds": round(seconds, 1),
            "by category": {k: dict(v) for k, v in stats.by_category.items()},
            "examples": (stats.crashes + stats.internal + stats.problems)[:10],
        },
        "extract": {
            "documents": extracted.documents,
            "extracted": extracted.extracted,
            "left out (time budget)": extracted.over_budget,
            "claims": extracted.claims,
            "crashes": len(extracted.crashes),
            "claims with bad offsets": len(extracted.bad_claims),
            "seconds": round(extracted.seconds, 1),
            "slowest batch s": round(extracted.slowest_batch, 2),
            "examples": (extracted.crashes + extracted.bad_claims)[:10],
        },
        "store": store,
    }


def summarise(report: dict) -> dict:
    inputs, extract = report["inputs"], report["extract"]
    faults = report.get("faults", [])
    load = report.get("load", {})
    checks = [inputs["crashes"] == 0, inputs["internal errors"] == 0, inputs["wrong results"] == 0,
              extract["crashes"] == 0, extract["claims with bad offsets"] == 0, report["store"]["ok"],
              *(f["ok"] for f in faults)]  # fmt: skip
    if "requests" in load:
        checks += [load["ok"], report["security"]["ok"]]
    elif "error" in load:
        checks.append(False)
    parts = [*faults, report["store"], load]
    return {
        "bad inputs": inputs["generated"] + inputs["symbolic link loop folders"],
        "crashes": inputs["crashes"] + extract["crashes"],
        "lost": sum(p.get("lost", 0) + p.get("claims lost", 0) for p in parts),
        "duplicated": sum(p.get("duplicated", 0) + p.get("claims duplicated", 0) for p in parts),
        "fault scenarios": len(faults),
        "load requests/s": load.get("requests/s"),
        "load p99 ms": load.get("p99 ms"),
        "load errors": load.get("errors"),
        "load test": f"skipped: {load['skipped']}" if "skipped" in load else "run",
        "ok": all(checks),
    }


def show(title: str, values: dict | list) -> None:
    print(f"\n== {title}")
    rows = values if isinstance(values, list) else [values]
    for row in rows:
        for key, value in row.items():
            if key == "by category":
                for cat, tally in value.items():
                    counts = ", ".join(f"{k} {n}" for k, n in tally.items())
                    print(f"     {cat:<32} {counts}")
            elif key == "examples":
                for line in value:
                    print(f"     ! {line[:300]}")
            else:
                print(f"  {key:<34} {value}")
        if len(rows) > 1:
            print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the CI run: ~1,000 inputs, a small load")
    ap.add_argument("--inputs", type=int, help="how many bad inputs to generate")
    ap.add_argument("--seed", type=int, default=20260302)
    ap.add_argument("--skip-load", action="store_true", help="no API load test")
    ap.add_argument("--skip-pg", action="store_true", help="no PostgreSQL fault checks")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    cfg = dict(QUICK if args.quick else LONG)
    if args.inputs:
        cfg["inputs"] = args.inputs
    pg = None if args.skip_pg else os.environ.get("TOLLTRACK_TEST_PG")
    print(f"tolltrack reliability report ({'quick' if args.quick else 'long'} run, seed {args.seed})")
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tolltrack-reliability-") as tmp:
        work = Path(tmp)
        report = bad_inputs(work, cfg, args.seed)
        show("(a) bad inputs through ingest", report["inputs"])
        show("(a) extractor on the documents that came out", report["extract"])
        show("(a) store after ingesting a sample of them", report["store"])
        report["faults"] = run_faults(work / "faults", cfg["reports"], pg, relentless=not args.quick)
        pg_note = "" if pg else " (PostgreSQL skipped: --skip-pg or no $TOLLTRACK_TEST_PG)"
        show(f"(b) faults on a real store, {cfg['reports']} reports{pg_note}", report["faults"])
        if args.skip_load:
            report["load"] = {"skipped": "--skip-load"}
        else:
            try:
                found = run_load(work / "load", cfg["gets"], cfg["posts"], cfg["concurrency"])
            except Exception as exc:  # reported as a failed check; the rest of the report still prints
                found = {"error": f"{type(exc).__name__}: {exc}", "ok": False}
            report["load"], report["security"] = found.get("load", found), found.get("security", {})
        show("(c) API load on loopback", report["load"])
        if report.get("security"):
            show("(c) security", report["security"])
    report["summary"] = summarise(report)
    report["summary"]["seconds"] = round(time.perf_counter() - t0, 1)
    show("summary", report["summary"])
    print(f"\nRESULT: {'PASS' if report['summary']['ok'] else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0 if report["summary"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
