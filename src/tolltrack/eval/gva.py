"""The scorer of ``tolltrack eval gva``: the ledger's own figures against GVA's gold data.

The split's reports are ingested into a store (a temporary SQLite file unless one is given) through
the product's ingest (``Ledger.ingest`` reading ``articles.jsonl`` as any JSONL of reports: text,
title, url, published), and each report is scored by the figures of its incident exactly as
``tolltrack incidents`` / ``show`` / ``export`` and the API give them: group "all", best killed and
best injured. A report's incident is the one most of its casualty claims went to, else the incident
it was attached to; a report in no incident scores as 0 killed, 0 injured. The grouping of reports
into incidents is scored with B-cubed against the gold incident ids.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from tolltrack.model import Document, Incident, Outcome, content_id
from tolltrack.reconcile.toll_vote import main_incident

from .baselines import constant, surface_counter
from .metrics import bcubed, both_match, confusion, error_category, exact_match, mean_abs_error

CASUALTY = (Outcome.KILLED, Outcome.INJURED, Outcome.CASUALTIES)
METHODS = ("ledger", "constant", "surface")
METHOD_LABELS = {
    "ledger_cv": "tolltrack ledger, selector cross-validated (weights never saw the fold scored)",
    "ledger": "tolltrack ledger: the report's incident, group all, best killed / injured",
    "constant": 'always "1 killed, 0 injured"',
    "surface": "surface regex counter",
}


def load_split(split_dir: str | Path) -> tuple[list[dict], dict[str, dict]]:
    """The reports (in file order) and the incidents by id of one split."""
    split = Path(split_dir)
    articles = _jsonl(split / "articles.jsonl")
    incidents = {str(r["incident_id"]): r for r in _jsonl(split / "incidents.jsonl")}
    return articles, incidents


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def article_id(article: dict) -> str:
    """The id the ledger gives a report of the split (its headline and text: ``model.content_id``)."""
    return content_id(article["text"], article.get("title"))


def to_document(article: dict) -> Document:
    """A report of a split as a Document (for the benchmarks, which extract without a store)."""
    pub = article.get("published")
    return Document(
        text=article["text"],
        title=article.get("title"),
        url=article.get("url"),
        published=date.fromisoformat(pub[:10]) if pub else None,
        source_path=f"gva:{article['id']}",
        id=str(article["id"]),
    )


def method_scores(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[str, Any]:
    gk, gi = [g[0] for g in gold], [g[1] for g in gold]
    pk, pi = [p[0] for p in pred], [p[1] for p in pred]
    return {
        "killed_exact": exact_match(gk, pk),
        "injured_exact": exact_match(gi, pi),
        "both_exact": both_match(gold, pred),
        "killed_mae": mean_abs_error(gk, pk),
        "injured_mae": mean_abs_error(gi, pi),
        "killed_confusion": confusion(gk, pk),
        "injured_confusion": confusion(gi, pi),
    }


def incident_figures(inc: Incident) -> tuple[int, int]:
    """(killed, injured) of an incident as the ledger gives them: group "all", best (0 when none)."""
    best = {f.outcome: f.best for f in inc.figures if f.group == "all"}
    return best.get(Outcome.KILLED) or 0, best.get(Outcome.INJURED) or 0


def report_incidents(ledger, doc_ids: set[str]) -> dict[str, str]:
    """Each stored report's incident as the ledger reads it (``reconcile.toll_vote.main_incident``: the one
    most of its casualty claims went to, the one whose figures it votes for), else the one it was
    attached to (reports without claims)."""
    found: dict[str, list] = {}
    for c in ledger.claims():
        if c.doc_id in doc_ids and c.incident_id:
            found.setdefault(c.doc_id, []).append(c)
    home = {d: main_incident(cs) for d, cs in found.items()}
    for d in doc_ids - set(home):
        attached = ledger.document_incidents(d)
        if attached:
            home[d] = attached[0]
    return home


def _write_articles(articles: list[dict], folder: Path) -> Path:
    """The reports as one JSONL file of the fields the product reads (text, title, url, published)."""
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            rec = {k: a[k] for k in ("text", "title", "url", "published") if a.get(k) is not None}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def evaluate_gva(
    split_dir: str | Path,
    limit: int | None = None,
    db: str | None = None,
    workers: int = 1,
    out: str | Path | None = None,
    folds: int = 0,
) -> dict[str, Any]:
    """Ingest the first ``limit`` reports of a GVA split into the ledger at ``db`` (a fresh temporary
    SQLite store when None) and score the ledger's figures and grouping beside the baselines."""
    from tolltrack.ledger.api import Ledger

    articles, gold_incidents = load_split(split_dir)
    if limit is not None:
        articles = articles[:limit]
    with tempfile.TemporaryDirectory(prefix="tolltrack-eval-") as tmp:
        folder = Path(tmp)
        url = db or f"sqlite:///{folder / 'ledger.db'}"
        started = time.perf_counter()
        with Ledger(url) as ledger:
            summary = ledger.ingest(_write_articles(articles, folder), workers=workers)
            ingest_seconds = time.perf_counter() - started
            ids = {article_id(a) for a in articles}
            home = report_incidents(ledger, ids)
            incidents = {i.id: i for i in ledger.incidents()}
            claim_counts = Counter(c.doc_id for c in ledger.claims() if c.outcome in CASUALTY)
            crossed = (
                cross_validated(ledger, url, articles, gold_incidents, home, folds) if folds > 1 else None
            )
    result = score(articles, gold_incidents, home, incidents, claim_counts)
    if crossed:
        result["methods"] = {"ledger_cv": crossed, **result["methods"]}
    result.update(
        split=str(split_dir),
        store=db or "temporary SQLite",
        ingest_seconds=round(ingest_seconds, 1),
        ingest={"new": summary.new, "known": summary.known, "failed": [str(f) for f in summary.failed]},
    )
    if out:
        with Path(out).open("w", encoding="utf-8") as fh:
            for row in result.pop("rows"):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        result.pop("rows")
    return result


def cross_validated(ledger, url, articles, gold_incidents, home, k: int) -> dict[str, Any]:
    """The ledger's figures with the selector cross-validated: the reports of each fold (whole gold
    incidents) scored by the ledger read with weights fitted on the other folds only."""
    from tolltrack.reconcile.toll_vote import use_selector

    from .train_selector import fit, folds, load_examples, stored_reports

    examples, _ = load_examples(articles, gold_incidents, stored_reports(url, articles))
    fold = folds([e.group for e in examples], k)
    pred: list[tuple[int, int]] = [(0, 0)] * len(articles)
    for f in range(k):
        model = fit([e for e, g in zip(examples, fold, strict=True) if g != f])
        with use_selector(model):  # reconciled now under these weights, not read as stored
            incidents = {i.id: i for i in ledger.incidents(fresh=True)}
        for i, art in enumerate(articles):
            if fold[i] == f:
                inc_id = home.get(article_id(art))
                pred[i] = incident_figures(incidents[inc_id]) if inc_id in incidents else (0, 0)
    return method_scores([_gold(a, gold_incidents) for a in articles], pred)


def _gold(article: dict, gold_incidents: dict[str, dict]) -> tuple[int, int]:
    inc = gold_incidents[str(article["incident_id"])]
    return int(inc["killed"]), int(inc["injured"])


def score(
    articles: list[dict],
    gold_incidents: dict[str, dict],
    home: dict[str, str],
    incidents: dict[str, Incident],
    claim_counts: Counter,
) -> dict[str, Any]:
    """Scores of the ledger's figures, the baselines and the grouping, errors by category, and a
    row per report (``rows``)."""
    gold, preds, rows = [], {m: [] for m in METHODS}, []
    errors: dict[str, list[str]] = {}
    gold_groups, pred_groups = {}, {}
    orphans = 0
    for i, art in enumerate(articles):
        g = _gold(art, gold_incidents)
        doc_id = article_id(art)
        inc_id = home.get(doc_id)
        fig = incident_figures(incidents[inc_id]) if inc_id in incidents else (0, 0)
        orphans += inc_id is None and claim_counts[doc_id] > 0
        gold.append(g)
        preds["ledger"].append(fig)
        preds["constant"].append(constant())
        preds["surface"].append(surface_counter(art.get("title") or "", art["text"]))
        gold_groups[i] = str(art["incident_id"])
        pred_groups[i] = inc_id or f"alone:{doc_id}"
        why = error_category(g, fig, claim_counts[doc_id] > 0, len(art["text"].split()))
        if why:
            errors.setdefault(why, []).append(str(art["id"]))
        rows.append(
            {
                "id": str(art["id"]),
                "doc_id": doc_id,
                "incident_id": str(art["incident_id"]),
                "ledger_incident": inc_id,
                "gold": {"killed": g[0], "injured": g[1]},
                "predicted": {"killed": fig[0], "injured": fig[1]},
                "error": why,
            }
        )
    grouping = bcubed(gold_groups, pred_groups)
    grouping["gold_incidents"] = len(set(gold_groups.values()))
    grouping["predicted_groups"] = len(set(pred_groups.values()))
    return {
        "reports": len(articles),
        "methods": {m: method_scores(gold, preds[m]) for m in METHODS},
        "grouping": grouping,
        "orphans": orphans,
        "errors": {
            k: {"count": len(v), "examples": v[:5]}
            for k, v in sorted(errors.items(), key=lambda kv: -len(kv[1]))
        },
        "rows": rows,
    }


def print_summary(summary: dict[str, Any], console=None) -> None:
    """Rich tables: the scores of every method, the confusion tables, errors and the grouping score."""
    from rich.console import Console
    from rich.table import Table

    from .metrics import BUCKETS

    console = console or Console()
    t = Table(title=f"GVA {summary['split']}: {summary['reports']} reports (exact match per report)")
    for col in ("method", "killed", "injured", "both", "MAE killed", "MAE injured"):
        t.add_column(col, justify="left" if col == "method" else "right")
    for m in ("ledger_cv", *METHODS):
        if m not in summary["methods"]:
            continue
        s = summary["methods"][m]
        t.add_row(
            METHOD_LABELS[m],
            f"{s['killed_exact']:.3f}",
            f"{s['injured_exact']:.3f}",
            f"{s['both_exact']:.3f}",
            f"{s['killed_mae']:.2f}",
            f"{s['injured_mae']:.2f}",
        )
    console.print(t)
    for what in ("killed", "injured"):
        table = summary["methods"]["ledger"][f"{what}_confusion"]
        c = Table(title=f"ledger {what}: gold bucket (rows) × predicted bucket (columns)")
        c.add_column("gold \\ pred")
        for b in BUCKETS:
            c.add_column(b, justify="right")
        c.add_column("total", justify="right")
        for g in BUCKETS:
            row = table[g]
            c.add_row(g, *(str(row[b]) for b in BUCKETS), str(sum(row.values())))
        console.print(c)
    if summary.get("errors"):
        e = Table(title="ledger errors by category (reports with killed or injured wrong)")
        e.add_column("category")
        e.add_column("reports", justify="right")
        e.add_column("example report ids")
        for name, info in summary["errors"].items():
            e.add_row(name, str(info["count"]), ", ".join(x[:10] for x in info["examples"][:3]))
        console.print(e)
    g = summary["grouping"]
    console.print(
        f"grouping (B-cubed over {g['items']} reports): precision {g['precision']:.3f}, "
        f"recall {g['recall']:.3f}, F1 {g['f1']:.3f}; {g['predicted_groups']} groups for "
        f"{g['gold_incidents']} gold incidents"
    )
    console.print(
        f"reports with casualty claims in no incident: {summary['orphans']}; store: {summary['store']}; "
        f"ingest {summary['ingest']['new']} new, {summary['ingest']['known']} known, "
        f"{len(summary['ingest']['failed'])} failed in {summary['ingest_seconds']} s"
    )
