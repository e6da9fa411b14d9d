"""A against B on a machine whose speed drifts: the corpus in chunks, the methods taking turns on each.

throughput.py runs each method over the whole corpus in its own process, one after the other; on a
virtual machine whose speed drifts by 10-25% over minutes, B's four-minute run and A's forty-second
one meet different moments, and the ratio of one round swings by a fifth. Here one long-lived process
per method (each warmed up once, each with its own peak RSS) processes chunk 1, then the other
process chunk 1, then chunk 2 (the other method first), and so on: every chunk is measured for both
methods within seconds, so a drift of the machine weighs on both alike. Printed: per method the CPU
seconds (summed over the chunks), reports and words per CPU second, peak RSS and exact-match accuracy
as throughput.py prints them; A/B over the whole corpus, and the spread of A/B over the chunks.

    .venv/bin/python benchmarks/paired.py [--limit N] [--chunks 20] [--methods A,B] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import (  # noqa: E402
    DEFAULT_SPLIT,
    METHODS,
    blas_kernels,
    machine,
    paths,
    reports,
    run_pipeline,
    run_surface,
    word_count,
)


def bounds(n: int, chunks: int) -> list[int]:
    return [round(n * i / chunks) for i in range(chunks + 1)]


def serve(args: argparse.Namespace) -> None:
    """One method in this process: warm up, then extract the chunks the parent names on stdin."""
    from tolltrack.eval.gva import method_scores
    from tolltrack.extract.document import warm_up

    articles, gold = reports(Path(args.split), args.limit)
    cut = bounds(len(articles), args.chunks)
    if args.serve != "C":
        warm_up(whole=args.serve != "A")
    ran = paths() if args.serve == "A" else None  # the others run spaCy's components or none
    print(json.dumps({"ready": True, "paths": ran}), flush=True)
    figures: list = []
    words = 0
    for line in sys.stdin:
        if line.strip() == "done":
            break
        i = int(line)
        part = articles[cut[i] : cut[i + 1]]
        words += word_count(part)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        if args.serve == "C":
            figures += run_surface(part, 1)
        else:
            figures += run_pipeline(args.serve, part, 1, args.batch_size, None)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(json.dumps({"cpu_s": cpu, "wall_s": wall}), flush=True)
    scores = method_scores(gold[: len(figures)], figures)
    print(json.dumps({
        "reports": len(figures), "words": words, "paths": ran,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "killed": scores["killed_exact"], "injured": scores["injured_exact"], "both": scores["both_exact"],
    }), flush=True)  # fmt: skip


def _ask(proc: subprocess.Popen, line: str | None = None) -> dict:
    if line is not None:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
    reply = proc.stdout.readline()
    if not reply:
        raise RuntimeError(f"the worker stopped (exit status {proc.wait()})")
    return json.loads(reply)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--split", default=str(DEFAULT_SPLIT))
    p.add_argument("--limit", type=int)
    p.add_argument("--chunks", type=int, default=20)
    p.add_argument("--methods", default="A,B", help="two or more of A, B, B2, C")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--json", help="write the results to this file")
    p.add_argument("--serve", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve(args)
        return 0
    if not (Path(args.split) / "articles.jsonl").exists():
        print(f"skipped: {Path(args.split) / 'articles.jsonl'} is absent (the GVA reports sit beside the "
              "repository in ../shared/gva/dev)")  # fmt: skip
        return 0
    methods = [m.strip() for m in args.methods.split(",")]
    print(f"machine: {machine()}\nBLAS: {blas_kernels()}")
    print(f"corpus: {args.split} (limit {args.limit or 'none'}), {args.chunks} chunks\n", flush=True)
    cpu, final = run(args, methods)
    print_table(final, methods)
    out = {"methods": final, "chunk_cpu_s": cpu}
    for base in (m for m in methods if m != "A" and "A" in methods):
        per = [b / a for a, b in zip(cpu["A"], cpu[base], strict=True)]
        ratio = final[base]["cpu_s"] / final["A"]["cpu_s"]
        out[f"A/{base}"] = {"whole": ratio, "chunks": per}
        print(f"\nA/{base} speed over the corpus: {ratio:.2f}x; over the {len(per)} chunks: min "
              f"{min(per):.2f}x, median {statistics.median(per):.2f}x, max {max(per):.2f}x")  # fmt: skip
        keys = ("killed", "injured", "both")
        print(f"A-{base} accuracy, points: "
              + ", ".join(f"{k} {100 * (final['A'][k] - final[base][k]):+.1f}" for k in keys))  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0


def run(args: argparse.Namespace, methods: list[str]) -> tuple[dict[str, list[float]], dict[str, dict]]:
    """CPU seconds of every method on every chunk, and each method's totals."""
    cmd = [sys.executable, __file__, "--split", args.split, "--chunks", str(args.chunks),
           "--batch-size", str(args.batch_size)]  # fmt: skip
    cmd += ["--limit", str(args.limit)] if args.limit else []
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
    procs = {m: subprocess.Popen([*cmd, "--serve", m], **pipes) for m in methods}
    for m in methods:
        ready = _ask(procs[m])  # warmed up
        if ready.get("paths"):
            print(f"{m}'s paths: {ready['paths']}", flush=True)
    cpu: dict[str, list[float]] = {m: [] for m in methods}
    for i in range(args.chunks):
        for m in methods if i % 2 == 0 else methods[::-1]:  # neither method always goes first
            cpu[m].append(_ask(procs[m], str(i))["cpu_s"])
        print(
            f"  chunk {i + 1}: " + ", ".join(f"{m} {cpu[m][-1]:.2f}" for m in methods) + " CPU s", flush=True
        )
    final = {m: {**_ask(procs[m], "done"), "method": m, "cpu_s": sum(cpu[m])} for m in methods}
    for m in methods:
        procs[m].wait()
        final[m]["reports_per_cpu_s"] = final[m]["reports"] / final[m]["cpu_s"]
        final[m]["words_per_cpu_s"] = final[m]["words"] / final[m]["cpu_s"]
    return cpu, final


def print_table(final: dict[str, dict], methods: list[str]) -> None:
    head = ["method", "reports", "CPU s", "reports/s per core", "words/s per core", "peak RSS MB", "killed",
            "injured", "both"]  # fmt: skip
    print("\n| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for m in methods:
        r = final[m]
        cells = [f"{m}: {METHODS[m]}", r["reports"], f"{r['cpu_s']:.1f}", f"{r['reports_per_cpu_s']:.1f}",
                 f"{r['words_per_cpu_s']:,.0f}", f"{r['peak_rss_mb']:.0f}", f"{r['killed']:.3f}",
                 f"{r['injured']:.3f}", f"{r['both']:.3f}"]  # fmt: skip
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
