"""Evaluation on the Gun Violence Archive gold data (../shared/gva): killed / injured per report.

``evaluate_gva`` reads SPLIT_DIR/articles.jsonl and incidents.jsonl, runs the real extractor over
each report, turns its claims into one killed and one injured figure (``figures.report_figures``),
and scores them against GVA's numbers together with two reference baselines computed on the same
reports. It also scores how the incident linker groups the reports (B-cubed against the gold
incident ids) when ``tolltrack.incidents`` is available.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from tolltrack.evaluate_baselines import constant, surface_counter
from tolltrack.evaluate_metrics import (
    bcubed,
    both_match,
    confusion,
    error_category,
    exact_match,
    mean_abs_error,
)
from tolltrack.figures import category, read_report
from tolltrack.incident_vote import attach_peers, incident_vote
from tolltrack.model import Claim, Document, claim_from_dict

METHODS = ("incident", "tolltrack", "rules", "constant", "surface")
METHOD_LABELS = {
    "incident": "tolltrack, incident vote (reports linked into incidents)",
    "tolltrack": "tolltrack, each report alone (extractor + figures)",
    "rules": "tolltrack, rules only (no selector)",
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


def to_document(article: dict) -> Document:
    pub = article.get("published")
    return Document(
        text=article["text"],
        title=article.get("title"),
        url=article.get("url"),
        published=date.fromisoformat(pub[:10]) if pub else None,
        source_path=f"gva:{article['id']}",
        id=str(article["id"]),
    )


def _extract_chunk(docs: list[Document]) -> list[list[Claim]]:
    from tolltrack.extract import extract_many

    return [claims for _, claims in extract_many(docs)]


def extract_all(docs: list[Document], workers: int = 1) -> list[list[Claim]]:
    """The claims of every document, in order; ``workers`` > 1 splits the work over processes."""
    if workers <= 1 or len(docs) < 2 * workers:
        return _extract_chunk(docs)
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(docs) // workers)
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [claims for part in pool.map(_extract_chunk, chunks) for claims in part]


def headline_documents(docs: list[Document]) -> list[Document]:
    """Each report's headline as a document of its own (empty when it has none): headlines state the
    figures of the incident ('4 shot, one fatally, on St. Louis street')."""
    return [
        Document(text=_clauses(sentence_case(d.title or "")), published=d.published, id=f"title:{d.id}")
        for d in docs
    ]


def _clauses(title: str) -> str:
    """'Five dead in mall shooting; gunman at large' → 'Five dead in mall shooting. gunman at large':
    a headline's clauses as sentences of their own (the length never changes)."""
    return re.sub(r";(?=\s)", ".", title)


_SMALL_WORDS = {
    "a", "an", "the", "in", "on", "at", "of", "for", "to", "by", "after", "before", "and", "or", "with",
    "from", "near", "into", "over", "outside", "inside", "during", "as", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "says", "say", "said", "police", "while", "leaves", "leave", "left",
    "least", "most", "more", "than", "other", "others", "another", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "dozen", "several", "multiple", "both", "his", "her", "their",
    "who", "that", "it", "its", "up", "out", "off", "then", "but", "not", "no", "will", "may",
}  # fmt: skip


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from tolltrack.lexicon import PERSON_NOUNS
    from tolltrack.prefilter import claim_words

    people = {w for n in PERSON_NOUNS for w in (n, n + "s", n + "es")} | {
        "children",
        "women",
        "kids",
        "teens",
    }
    return frozenset(_SMALL_WORDS | set(claim_words()) | people)


def sentence_case(title: str) -> str:
    """'2 Girls, 2 Men Shot At Birthday Party In Compton' → '2 girls, 2 men shot at Birthday Party in
    Compton': a Title Case headline with its common words lower-cased, so that the tagger reads it
    as a sentence (names and places keep their capitals; the length never changes)."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", title)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return title
    common = _common_words()
    first = True

    def fix(m: re.Match[str]) -> str:
        nonlocal first
        w = m.group(0)
        keep = first
        first = False
        return w if keep or w.lower() not in common else w.lower()

    return re.sub(r"[A-Za-z][A-Za-z'’-]*", fix, title)


def reuse_claims(path: str | Path) -> dict[str, tuple[list[Claim], list[Claim]]]:
    """Claims (body, headline) saved by an earlier ``--out`` run, by report id (to re-score without
    re-extracting)."""
    return {
        r["id"]: (
            [claim_from_dict(c) for c in r["claims"]],
            [claim_from_dict(c) for c in r.get("headline_claims", [])],
        )
        for r in _jsonl(Path(path))
    }


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


def document_incident(doc: Document, claims: list[Claim], home: str | None = None) -> str:
    """The incident a report is grouped into: the one most of its casualty claims went to (``home``:
    the incident holding it, for a report without claims)."""
    votes = Counter(c.incident_id for c in claims if c.incident_id and category(c) is not None)
    if not votes:
        votes = Counter(c.incident_id for c in claims if c.incident_id)
    return votes.most_common(1)[0][0] if votes else home or f"alone:{doc.id}"


def grouping_scores(
    pairs: list[tuple[Document, list[Claim]]], gold: dict[int, str]
) -> tuple[dict, dict[int, str]]:
    """B-cubed of the linker's grouping of reports (``gold``: position in ``pairs`` → gold incident)
    against the gold incidents, and the predicted group of every position."""
    from tolltrack.incidents import link

    started = time.perf_counter()
    incidents = link(pairs)
    home = {d: inc.id for inc in incidents for d in inc.doc_ids}
    pred = {i: document_incident(doc, claims, home.get(doc.id)) for i, (doc, claims) in enumerate(pairs)}
    scores = bcubed(gold, pred)
    scores["gold_incidents"] = len(set(gold.values()))
    scores["predicted_groups"] = len(set(pred.values()))
    scores["linker_incidents"] = len(incidents)
    scores["seconds"] = round(time.perf_counter() - started, 2)
    return scores, pred


def evaluate_gva(
    split_dir: str | Path,
    limit: int | None = None,
    workers: int = 1,
    out: str | Path | None = None,
    reuse: str | Path | None = None,
    grouping: bool = True,
    selector: str | Path | bool = True,
) -> dict[str, Any]:
    """Score tolltrack and the baselines on the first ``limit`` reports of a GVA split.

    Returns a summary: number of reports, timing, per-method scores (exact match of killed, injured
    and both, mean absolute errors, confusion tables by count bucket) and the grouping scores.
    ``out`` writes one JSON line per report: gold and predicted figures and the claims behind them.
    ``reuse`` takes the claims from an earlier ``out`` file instead of running the extractor.
    ``selector``: True uses the learned selector whose weights ship with the package (when there are
    any), a path uses the weights in that file, False the rules alone; with a selector the rules'
    own figures are scored too (method "rules").
    """
    chooser = load_selector(selector)
    articles, incidents = load_split(split_dir)
    if limit is not None:
        articles = articles[:limit]
    docs = [to_document(a) for a in articles]
    started = time.perf_counter()
    if reuse:
        saved = reuse_claims(reuse)
        all_claims = [saved.get(d.id, ([], []))[0] for d in docs]
        titles = [saved.get(d.id, ([], []))[1] for d in docs]
    else:
        all_claims = extract_all(docs, workers)
        titles = extract_all(headline_documents(docs), workers)
    extract_seconds = time.perf_counter() - started
    readings = [read_report(d, c, h) for d, c, h in zip(docs, all_claims, titles, strict=True)]
    groups, grouped = None, None
    if grouping:  # the linker's incidents: the selector weighs what the other reports of one say
        pairs = list(zip(docs, all_claims, strict=True))
        # Items are rows, not report ids: a few reports are listed under two incidents.
        gold_groups = {i: str(a["incident_id"]) for i, a in enumerate(articles)}
        grouped, pred_groups = grouping_scores(pairs, gold_groups)
        groups = [pred_groups[i] for i in range(len(docs))]
        attach_peers(readings, groups)
    gold, preds, rows = [], {m: [] for m in METHODS}, []
    errors: dict[str, list[str]] = {}
    for art, doc, claims, headline, reading in zip(articles, docs, all_claims, titles, readings, strict=True):
        inc = incidents[str(art["incident_id"])]
        g = (int(inc["killed"]), int(inc["injured"]))
        fig = chooser.figures(reading) if chooser else reading.figures
        preds["rules"].append((reading.figures.killed, reading.figures.injured))
        surf = surface_counter(art.get("title") or "", art["text"])
        gold.append(g)
        preds["tolltrack"].append((fig.killed, fig.injured))
        preds["constant"].append(constant())
        preds["surface"].append(surf)
        casualty = any(category(c) is not None for c in [*headline, *claims])
        why = error_category(g, (fig.killed, fig.injured), casualty, len(art["text"].split()))
        if why:
            errors.setdefault(why, []).append(str(art["id"]))
        rows.append(
            {
                "id": doc.id,
                "incident_id": str(art["incident_id"]),
                "gold": {"killed": g[0], "injured": g[1]},
                "predicted": {"killed": fig.killed, "injured": fig.injured},
                "rules": {"killed": reading.figures.killed, "injured": reading.figures.injured},
                "evidence": [list(e) for e in fig.evidence],
                "surface": {"killed": surf[0], "injured": surf[1]},
                "error": why,
                "claims": [c.to_dict() for c in claims],
                "headline_claims": [c.to_dict() for c in headline],
            }
        )
    summary: dict[str, Any] = {
        "split": str(split_dir),
        "reports": len(docs),
        "extract_seconds": round(extract_seconds, 1),
        "reused_claims": bool(reuse),
        "selector": selector_summary(chooser, selector),
        "methods": {
            m: method_scores(gold, preds[m]) for m in METHODS if preds[m] and (chooser or m != "rules")
        },
        "errors": {
            k: {"count": len(v), "examples": v[:5]}
            for k, v in sorted(errors.items(), key=lambda kv: -len(kv[1]))
        },
    }
    summary["grouping"] = grouped
    if groups is not None:
        voted = incident_vote(groups, preds["tolltrack"], [d.published for d in docs])
        summary["methods"] = {"incident": method_scores(gold, voted), **summary["methods"]}
        for row, (k, i) in zip(rows, voted, strict=True):
            row["incident_vote"] = {"killed": k, "injured": i}
    if out:
        write_jsonl(out, rows)
    return summary


def load_selector(selector: str | Path | bool):
    """The selector to use: the shipped one (True), one from a weights file (a path) or none."""
    from tolltrack.selector import Selector, shipped

    if selector is False or selector is None:
        return None
    return shipped() if selector is True else Selector.load(selector)


def selector_summary(chooser, selector: str | Path | bool) -> dict[str, Any]:
    """Whether the figures come from the learned selector, its weights and their recorded scores."""
    if chooser is None:
        return {
            "used": False,
            "why": "rules only requested" if selector is False else "no usable shipped weights",
        }
    weights = "shipped (tolltrack/data/selector.json)" if selector is True else str(selector)
    return {
        "used": True,
        "weights": weights,
        **{k: chooser.info[k] for k in ("trained_on", "scores") if k in chooser.info},
    }


def write_jsonl(path: str | Path, rows: Iterable[dict]) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def print_summary(summary: dict[str, Any], console=None) -> None:
    """Rich tables: the scores of every method, the confusion tables and the grouping score."""
    from rich.console import Console
    from rich.table import Table

    from tolltrack.evaluate_metrics import BUCKETS

    console = console or Console()
    t = Table(title=f"GVA {summary['split']}: {summary['reports']} reports (exact match per report)")
    for col in ("method", "killed", "injured", "both", "MAE killed", "MAE injured"):
        t.add_column(col, justify="left" if col == "method" else "right")
    for m in METHODS:
        if m not in summary["methods"]:
            continue
        s = summary["methods"][m]
        selected = m == "tolltrack" and (summary.get("selector") or {}).get("used")
        t.add_row(
            METHOD_LABELS[m] + (" + learned selector" if selected else ""),
            f"{s['killed_exact']:.3f}",
            f"{s['injured_exact']:.3f}",
            f"{s['both_exact']:.3f}",
            f"{s['killed_mae']:.2f}",
            f"{s['injured_mae']:.2f}",
        )
    console.print(t)
    for what in ("killed", "injured"):
        table = summary["methods"]["tolltrack"][f"{what}_confusion"]
        c = Table(title=f"tolltrack {what}: gold bucket (rows) × predicted bucket (columns)")
        c.add_column("gold \\ pred")
        for b in BUCKETS:
            c.add_column(b, justify="right")
        c.add_column("total", justify="right")
        for g in BUCKETS:
            row = table[g]
            c.add_row(g, *(str(row[b]) for b in BUCKETS), str(sum(row.values())))
        console.print(c)
    if summary.get("errors"):
        e = Table(title="tolltrack errors by category (reports with killed or injured wrong)")
        e.add_column("category")
        e.add_column("reports", justify="right")
        e.add_column("example report ids")
        for name, info in summary["errors"].items():
            e.add_row(name, str(info["count"]), ", ".join(x[:10] for x in info["examples"][:3]))
        console.print(e)
    g = summary.get("grouping")
    if g is None:
        console.print("grouping: not available")
    else:
        console.print(
            f"grouping (B-cubed over {g['items']} reports): precision {g['precision']:.3f}, "
            f"recall {g['recall']:.3f}, F1 {g['f1']:.3f}; {g['predicted_groups']} groups for "
            f"{g['gold_incidents']} gold incidents"
        )
    sel = summary.get("selector") or {}
    if sel.get("used"):
        cv = sel.get("scores", {}).get("cross_validated")
        vote = sel.get("scores", {}).get("cross_validated_incident_vote")
        told = f"; cross-validated when trained: {_triple(cv)}" if cv else ""
        told += f"; with the incident vote: {_triple(vote)}" if vote else ""
        console.print(f"figures: learned selector, weights {sel['weights']}{told}")
    else:
        console.print(f"figures: rules only ({sel.get('why', 'no selector')})")
    how = "claims reused from a saved run" if summary.get("reused_claims") else "extraction"
    console.print(f"{how}: {summary['extract_seconds']} s")


def _triple(s: dict) -> str:
    return f"killed {s['killed']:.3f}, injured {s['injured']:.3f}, both {s['both']:.3f}"
