"""Extraction throughput: tolltrack's pipeline against the naive spaCy pipeline and a regex counter.

Over the Gun Violence Archive reports (../shared/gva/dev/articles.jsonl), on one machine, in one run:

  A  tolltrack: the pre-filter parses only the stretches that can hold a claim (and their context),
     with the attribute ruler and lemmatizer memoised and the entity recogniser's moves decoded by
     tolltrack.nlp.fast.ner (tolltrack.extract.document.extract_many);
  B  the naive baseline: en_core_web_sm with all its components over every whole report (nlp.pipe),
     then the same claim rules (extract_many(whole=True): claims_from_parsed on the full parse);
  B2 (only when asked: --methods A,B,B2) B with its networks' matrix products on numpy's BLAS, one
     thread, as A computes them (tolltrack.nlp.fast.blas): how much of A/B is blis's choice of kernels;
  C  the regex-only surface counter (tolltrack.eval.baselines.surface_counter): the speed ceiling.

Each method runs in a fresh Python process, so its peak RSS (ru_maxrss) is its own. Speed is in
reports per CPU second of that process (per core: the process is single-threaded) and in words per
CPU second; wall-clock figures are printed too. A report is its text and its headline, both
extracted, as `tolltrack eval gva` does; accuracy is the exact match of killed, injured and both
against the GVA gold figures, computed like `tolltrack eval gva` (figures.report_figures).

    .venv/bin/python benchmarks/throughput.py [--limit N] [--replicate K] [--rounds R] [--ablate]

--replicate K repeats the reports K times (for size; accuracy is computed on the first copy).
--rounds R runs the methods R times, alternating (A, B, C, A, B, C, ...), and shows each method's median
run, with the A/B ratio of every round. --ablate also runs A with each spaCy component switched off,
to show what each is worth.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared" / "gva" / "dev"
METHODS = {
    "A": "tolltrack (pre-filter, memoised attributes, fast entity decoder, FastTok2Vec, numpy BLAS, "
    "compiled parser loop)",
    "B": "naive: full en_core_web_sm over whole reports",
    "B2": "B with A's matrix products (numpy's BLAS, one thread)",
    "C": "regex surface counter",
}
# Components --ablate switches off one at a time. Not the parser: the claim rules read dependencies,
# and spaCy's own span code cannot run them over an unparsed Doc.
COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer", "ner")


def reports(split: Path, limit: int | None) -> tuple[list[dict], list[tuple[int, int]]]:
    from tolltrack.eval.gva import load_split

    articles, incidents = load_split(split)
    articles = articles[:limit] if limit else articles
    gold = [_gold(incidents[str(a["incident_id"])]) for a in articles]
    return articles, gold


def word_count(articles: list[dict]) -> int:
    """The words of the reports' texts and headlines (split on white space)."""
    return sum(len(a["text"].split()) + len((a.get("title") or "").split()) for a in articles)


def _gold(incident: dict) -> tuple[int, int]:
    return int(incident["killed"]), int(incident["injured"])


def copies(articles: list[dict], replicate: int) -> Iterator[tuple[int, dict]]:
    for k in range(replicate):
        for a in articles:
            yield k, a


def _documents(articles: list[dict], replicate: int):
    """(copy, article, body document, headline document) for every report and copy."""
    from tolltrack.eval.gva import to_document
    from tolltrack.extract.report import headline_document

    for k, a in copies(articles, replicate):
        body = to_document(a)
        if k:
            body.id = f"{body.id}#{k}"
        yield k, a, body, headline_document(body)


def _paired(extract, items) -> Iterator[tuple]:
    """Run ``extract`` over bodies and headlines interleaved; yield (copy, body, claims, headline claims)."""
    meta: list = []

    def stream():
        for k, _a, body, title in items:
            meta.append((k, body))
            yield body
            yield title

    it = extract(stream())
    for _body, claims in it:
        _title, headline = next(it)
        k, body = meta.pop(0)
        yield k, body, claims, headline


def run_pipeline(method: str, articles: list[dict], replicate: int, batch_size: int, drop: str | None):
    """Figures (killed, injured) of every report of the first copy, extracted by method A or B."""
    from tolltrack.extract.document import extract_many
    from tolltrack.reconcile.report_figures import report_figures

    if drop:
        extract = _ablated(drop, batch_size)
    else:
        whole = method in ("B", "B2")

        def extract(docs):
            return extract_many(docs, batch_size=batch_size, whole=whole)

        if method == "B2":
            extract = _on_numpy_blas(extract)

    figures = []
    for k, body, claims, headline in _paired(extract, _documents(articles, replicate)):
        if k == 0:
            fig = report_figures(body, claims, headline)
            figures.append((fig.killed, fig.injured))
    return figures


def _on_numpy_blas(extract):
    """The model's own networks computing their products as A's do (method B2)."""
    from tolltrack.nlp.fast import blas
    from tolltrack.nlp.pipeline import load

    for _name, proc in load().pipeline:
        if hasattr(proc, "model") and hasattr(proc.model, "walk"):
            blas.use(proc.model, blas.ops())

    def run(docs):
        with blas.one_thread():
            yield from extract(docs)

    return run


def _ablated(drop: str, batch_size: int):
    """A with one spaCy component switched off (the model's own components, no memo), for --ablate.
    Without the parser the only sentence ends are the starts of the kept stretches."""
    from tolltrack.extract import document as ex
    from tolltrack.nlp.pipeline import load

    nlp = load()

    def extract(docs):
        excerpts = (ex._excerpt(nlp, d) for d in docs)
        for parsed, (doc, spans, starts) in nlp.pipe(excerpts, as_tuples=True, batch_size=batch_size,
                                                     disable=[drop]):  # fmt: skip
            try:
                yield doc, ex._claims_in_excerpt(doc, parsed, spans, starts)
            except Exception:  # the rules may need what the component gives
                yield doc, []

    return extract


def run_surface(articles: list[dict], replicate: int):
    from tolltrack.eval.baselines import surface_counter

    figures = []
    for k, a in copies(articles, replicate):
        fig = surface_counter(a.get("title") or "", a["text"])
        if k == 0:
            figures.append(fig)
    return figures


def worker(args: argparse.Namespace) -> dict:
    """One method in this process: load, warm up, time the whole corpus, report."""
    articles, gold = reports(Path(args.split), args.limit)
    words = word_count(articles) * args.replicate
    t0 = time.perf_counter()
    if args.worker in ("A", "B", "B2"):
        from tolltrack.extract.document import warm_up

        warm_up(whole=args.worker != "A")  # the model, the place tables, the date parser
    load_s = time.perf_counter() - t0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if args.worker == "C":
        figures = run_surface(articles, args.replicate)
    else:
        figures = run_pipeline(args.worker, articles, args.replicate, args.batch_size, args.drop)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    from tolltrack.eval.gva import method_scores

    scores = method_scores(gold, figures)
    n = len(articles) * args.replicate
    return {
        "method": args.worker + (f" without {args.drop}" if args.drop else ""),
        "reports": n,
        "words": words,
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "reports_per_cpu_s": n / cpu,
        "words_per_cpu_s": words / cpu,
        "reports_per_wall_s": n / wall,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_s": round(load_s, 2),
        "killed": scores["killed_exact"],
        "injured": scores["injured_exact"],
        "both": scores["both_exact"],
        **({"paths": paths()} if args.worker == "A" else {}),
    }


def paths() -> str:
    """Which of A's fast paths ran (FastTok2Vec, FastNER, the compiled parser loop, the copies on
    numpy's BLAS and its kernels, the memoised attributes), or what ran instead."""
    from tolltrack.nlp.pipeline import fast_paths

    return "; ".join(f"{k}: {v}" for k, v in fast_paths().items())


def spawn(args: argparse.Namespace, method: str, drop: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, "--split", str(args.split), "--replicate",
           str(args.replicate), "--batch-size", str(args.batch_size)]  # fmt: skip
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if drop:
        cmd += ["--drop", drop]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        tail = (out.stderr.strip().splitlines() or [f"exit status {out.returncode}"])[-1]
        print(f"  {method}{f' without {drop}' if drop else ''} failed: {tail}", file=sys.stderr)
        return {"method": method + (f" without {drop}" if drop else ""), "failed": tail}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median_run(runs: list[dict]) -> dict:
    """The run of median speed (the table shows one real run per method, not an average)."""
    ok = sorted((r for r in runs if "failed" not in r), key=lambda r: r["reports_per_cpu_s"])
    return ok[(len(ok) - 1) // 2] if ok else runs[-1]


def blas_kernels() -> str:
    """The kernels blis (spaCy's matrix products: B) and numpy's BLAS (A's) pick on this CPU."""
    code = ("import numpy as np; from thinc.api import NumpyOps; "
            "a = np.ones((8, 8), 'float32'); NumpyOps().gemm(a, a)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "BLIS_ARCH_DEBUG": "1"})  # fmt: skip
    found = re.search(r"sub-configuration '([^']+)'", out.stdout + out.stderr)
    import numpy  # noqa: F401  (loads numpy's BLAS for threadpoolctl to see)
    from threadpoolctl import threadpool_info

    numpy_blas = [f"{i['internal_api']} {i['version']}, {i.get('architecture')} kernels"
                  for i in threadpool_info() if i["user_api"] == "blas"]  # fmt: skip
    return f"blis {found.group(1) if found else '?'} kernels; numpy: {', '.join(numpy_blas) or '?'}"


def machine() -> str:
    model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                  if ln.startswith("model name")), platform.processor())  # fmt: skip
    mem_kb = next(
        int(ln.split()[1])
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} CPUs ({model}), {mem_kb / 1024**2:.1f} GB RAM, Python {platform.python_version()}"
    )


def table(rows: list[dict]) -> str:
    cols = ("method", "reports", "reports/s per core", "words/s per core", "reports/s wall", "peak RSS MB",
            "killed", "injured", "both")  # fmt: skip
    head = "| " + " | ".join(cols) + " |"
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        label = f"{r['method']}: {METHODS[r['method']]}" if r["method"] in METHODS else r["method"]
        if "failed" in r:
            lines.append(f"| {label} | failed: {r['failed']} |" + " |" * 7)
            continue
        lines.append(
            f"| {label} | {r['reports']} | {r['reports_per_cpu_s']:.1f} | "
            f"{r['words_per_cpu_s']:,.0f} | {r['reports_per_wall_s']:.1f} | {r['peak_rss_mb']:.0f} | "
            f"{r['killed']:.3f} | {r['injured']:.3f} | {r['both']:.3f} |"
        )
    return "\n".join(lines)


def ratios(by: dict[str, dict]) -> str:
    a, b, c = by.get("A"), by.get("B"), by.get("C")
    out = []
    if a and by.get("B2"):
        out.append(f"A/B2 speed: {a['reports_per_cpu_s'] / by['B2']['reports_per_cpu_s']:.2f}x")
    if a and b:
        out.append(
            f"A/B speed (reports per CPU second): {a['reports_per_cpu_s'] / b['reports_per_cpu_s']:.2f}x"
        )
        out.append(
            "A-B accuracy, points: "
            + ", ".join(f"{k} {100 * (a[k] - b[k]):+.1f}" for k in ("killed", "injured", "both"))
        )
    if a and c:
        out.append(f"A/C speed: {a['reports_per_cpu_s'] / c['reports_per_cpu_s']:.3f}x")
    return "\n".join(out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--split", default=str(DEFAULT_SPLIT), help="folder with articles.jsonl and incidents.jsonl"
    )
    p.add_argument("--limit", type=int, default=None, help="only the first N reports")
    p.add_argument("--replicate", type=int, default=1, help="repeat the reports K times")
    p.add_argument("--batch-size", type=int, default=32, help="documents per nlp.pipe batch (A and B)")
    p.add_argument("--methods", default="A,B,C", help="which of A, B, C to run")
    p.add_argument("--rounds", type=int, default=1, help="run the methods this many times, alternating; "
                   "the table shows each method's median run")  # fmt: skip
    p.add_argument("--ablate", action="store_true", help="also run A without each spaCy component")
    p.add_argument("--json", help="write the results to this file")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--drop", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return 0
    if not (Path(args.split) / "articles.jsonl").exists():
        print(f"skipped: {Path(args.split) / 'articles.jsonl'} is absent (the GVA reports sit beside the "
              "repository in ../shared/gva/dev)")  # fmt: skip
        return 0
    print(f"machine: {machine()}")
    print(f"BLAS: {blas_kernels()}")
    print(f"corpus: {args.split} (limit {args.limit or 'none'}, x{args.replicate})\n", flush=True)
    methods = [m.strip() for m in args.methods.split(",")]
    runs: dict[str, list[dict]] = {m: [] for m in methods}
    for k in range(args.rounds):  # the methods alternate, so a busy spell on the machine hits all of them
        for m in methods:
            runs[m].append(spawn(args, m))
            run = runs[m][-1]
            ran = f"\n    paths: {run['paths']}" if "paths" in run else ""
            print(f"  round {k + 1} {m}: {run.get('cpu_s', '-')} CPU s{ran}", flush=True)
    rows = [_median_run(runs[m]) for m in methods]
    if args.rounds > 1 and "A" in runs and "B" in runs:
        pairs = zip(runs["A"], runs["B"], strict=True)
        per_round = [
            a["reports_per_cpu_s"] / b["reports_per_cpu_s"] for a, b in pairs if "failed" not in a | b
        ]
        print("A/B speed per round: " + ", ".join(f"{r:.2f}x" for r in per_round))
    if args.ablate:
        for comp in COMPONENTS:
            rows.append(spawn(args, "A", comp))
            print(f"  A without {comp}: {rows[-1].get('cpu_s', '-')} CPU s", flush=True)
    print()
    print(table(rows))
    print()
    print(ratios({r["method"]: r for r in rows if "failed" not in r}))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"machine": machine(), "blas": blas_kernels(), "args": vars(args), "rows": rows}, indent=1
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
