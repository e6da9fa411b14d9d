"""Fit the figure selector's weights on a GVA split, with cross-validation grouped by incident.

    tolltrack eval gva ../shared/gva/dev --db sqlite:///dev.db
    python -m tolltrack.eval.train_selector ../shared/gva/dev --db sqlite:///dev.db \
        --out src/tolltrack/data/selector.json

A training script over product code: it reads the claims the ledger stored for the split's reports
(``tolltrack eval gva --db`` ingests them), reads each report as the ledger does
(``figures.read_report`` over the text's and the headline's claims, the other reports of the ledger's
incident as peers), prints the rules-only figures, the k-fold cross-validated figures (folds grouped
so that the reports of one incident, and a report listed under two incidents, never sit on both
sides) and the in-sample figures, and writes the weights fitted on the whole split. Deterministic:
fixed seed, Newton's method from zero weights.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tolltrack.extract.report import split_headline
from tolltrack.model import Claim, Document
from tolltrack.reconcile.report_figures import INJURED, KILLED, Reading, read_report
from tolltrack.reconcile.selector import FEATURES, Candidates, Selector, candidates
from tolltrack.reconcile.toll_vote import main_incident

from .gva import article_id, load_split

SEED = 7
FOLDS = 5
L2 = 1.0


@dataclass
class Example:
    reading: Reading
    gold: tuple[int, int]
    group: str  # the report's incident (a row's key for the folds)


def fit_slot(cands: list[Candidates], gold: list[int], l2: float = L2, steps: int = 30) -> np.ndarray:
    """Weights of a conditional logit (softmax over each report's candidates) by Newton's method with
    an L2 penalty; reports whose gold figure is no candidate are left out."""
    used = [(c, c.values.index(g)) for c, g in zip(cands, gold, strict=True) if g in c.values]
    d = len(FEATURES)
    w = np.zeros(d)
    if not used:
        return w
    x = np.vstack([c.x for c, _ in used])
    sizes = np.array([len(c.values) for c, _ in used])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    target = x[starts + np.array([y for _, y in used])]
    for _ in range(steps):
        s = x @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes)
        e = np.exp(s)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        mean = np.add.reduceat(p[:, None] * x, starts)  # expected features per report
        grad = (target - mean).sum(axis=0) - l2 * w
        hess = x.T @ (p[:, None] * x) - mean.T @ mean + l2 * np.eye(d)
        step = np.linalg.solve(hess, grad)
        w = w + step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(examples: list[Example], l2: float = L2) -> Selector:
    """Killed weights first; the injured candidates then use the killed figure those weights choose."""
    kc = [candidates(e.reading, KILLED, e.reading.figures.killed) for e in examples]
    wk = fit_slot(kc, [e.gold[0] for e in examples], l2)
    half = Selector({KILLED: wk, INJURED: np.zeros(len(FEATURES))})
    chosen = [half.pick(c, KILLED) for c in kc]
    ic = [candidates(e.reading, INJURED, k) for e, k in zip(examples, chosen, strict=True)]
    wi = fit_slot(ic, [e.gold[1] for e in examples], l2)
    return Selector({KILLED: wk, INJURED: wi})


def folds(groups: list[str], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number per row: whole groups go to one fold, shuffled with a fixed seed and dealt out
    to the smallest fold first."""
    names = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(names))
    size = {n: 0 for n in names}
    for g in groups:
        size[g] += 1
    load = [0] * k
    fold_of = {}
    for i in order:
        f = min(range(k), key=lambda j: (load[j], j))
        fold_of[names[i]] = f
        load[f] += size[names[i]]
    return [fold_of[g] for g in groups]


def scores(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[str, float]:
    n = max(len(gold), 1)
    return {
        "killed": sum(g[0] == p[0] for g, p in zip(gold, pred, strict=True)) / n,
        "injured": sum(g[1] == p[1] for g, p in zip(gold, pred, strict=True)) / n,
        "both": sum(g == p for g, p in zip(gold, pred, strict=True)) / n,
    }


def fold_scores(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], fold: list[int], k: int
) -> list[float]:
    """The share of reports right on both figures, fold by fold."""
    return [
        round(
            scores(
                [g for g, f in zip(gold, fold, strict=True) if f == i],
                [p for p, f in zip(pred, fold, strict=True) if f == i],
            )["both"],
            4,
        )
        for i in range(k)
    ]


def cross_validate(examples: list[Example], k: int = FOLDS, l2: float = L2) -> list[tuple[int, int]]:
    """Each report's figures chosen by weights fitted on the other folds."""
    fold = folds([e.group for e in examples], k)
    pred: list[tuple[int, int]] = [(0, 0)] * len(examples)
    for f in range(k):
        model = fit([e for e, g in zip(examples, fold, strict=True) if g != f], l2)
        for i, e in enumerate(examples):
            if fold[i] == f:
                pred[i] = model.choose(e.reading)
    return pred


def incident_groups(articles: list[dict]) -> list[str]:
    """A group key per row joining rows that share an incident or a report (a few reports are listed
    under two incidents), so that no report or incident is split across folds."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    for art in articles:
        parent[root(f"doc:{art['id']}")] = root(f"inc:{art['incident_id']}")
    return [root(f"inc:{art['incident_id']}") for art in articles]


def stored_reports(db: str, articles: list[dict]) -> dict[str, tuple[Document, list[Claim]]]:
    """The stored document and claims of each report of the split, by document id."""
    from tolltrack.ledger.api import Ledger

    ids = {article_id(a) for a in articles}
    with Ledger(db) as ledger:
        claims: dict[str, list[Claim]] = {}
        for c in ledger.claims():
            if c.doc_id in ids:
                claims.setdefault(c.doc_id, []).append(c)
        docs = {i: ledger.document(i) for i in ids}
    return {i: (d, claims.get(i, [])) for i, d in docs.items() if d is not None}


def load_examples(
    articles: list[dict], incidents: dict[str, dict], stored: dict
) -> tuple[list[Example], list[str]]:
    """One example per article (the rules' reading of its stored claims, its gold figures) and the
    ledger's incident of each, the peers being the other reports mainly about the same incident."""
    groups = incident_groups(articles)
    out, linked = [], []
    for art, group in zip(articles, groups, strict=True):
        doc_id = article_id(art)
        doc, claims = stored.get(doc_id, (Document(text=art["text"], id=doc_id), []))
        body, headline = split_headline(claims)
        inc = incidents[str(art["incident_id"])]
        out.append(
            Example(read_report(doc, body, headline), (int(inc["killed"]), int(inc["injured"])), group)
        )
        linked.append(main_incident(claims) or f"alone:{doc_id}")
    members: dict[str, list[int]] = {}
    for i, g in enumerate(linked):
        members.setdefault(g, []).append(i)
    own = [(e.reading.figures.killed, e.reading.figures.injured) for e in out]
    for i, e in enumerate(out):
        e.reading.peers = [own[j] for j in members[linked[i]] if j != i]
    return out, linked


def train(
    split_dir: str | Path, db: str, out: str | Path | None, k: int = FOLDS, limit: int | None = None
) -> dict:
    """Rules-only, cross-validated and in-sample figures; writes the weights fitted on all of the split."""
    articles, incidents = load_split(split_dir)
    articles = articles[:limit] if limit else articles
    examples, _ = load_examples(articles, incidents, stored_reports(db, articles))
    gold = [e.gold for e in examples]
    ruled = [(e.reading.figures.killed, e.reading.figures.injured) for e in examples]
    rules = scores(gold, ruled)
    cv_pred = cross_validate(examples, k)
    cv = scores(gold, cv_pred)
    fold = folds([e.group for e in examples], k)
    model = fit(examples)
    insample = scores(gold, [model.choose(e.reading) for e in examples])
    model.info = {
        "trained_on": f"{Path(split_dir).name}: {len(examples)} reports",
        "folds": k,
        "seed": SEED,
        "l2": L2,
        "scores": {"rules": rules, "cross_validated": cv, "in_sample": insample},
        "cv_folds_both": fold_scores(gold, cv_pred, fold, k),
        "rules_folds_both": fold_scores(gold, ruled, fold, k),
    }
    if out:
        model.save(out)
    return model.to_dict()


def report(result: dict) -> str:
    lines = ["figures                        killed  injured  both"]
    for name, s in result["scores"].items():
        lines.append(f"{name:<30} {s['killed']:.3f}   {s['injured']:.3f}    {s['both']:.3f}")
    for name, key in (("cross-validated", "cv_folds_both"), ("rules only", "rules_folds_both")):
        lines.append(f"'both' per fold, {name}: " + ", ".join(f"{b:.3f}" for b in result[key]))
    lines.append("weights (feature: killed, injured)")
    for i, f in enumerate(result["features"]):
        lines.append(f"  {f:<15} {result['weights'][KILLED][i]:+.3f}  {result['weights'][INJURED][i]:+.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split_dir")
    ap.add_argument("--db", required=True, help="the store `tolltrack eval gva SPLIT --db URL` ingested into")
    ap.add_argument("--out", help="where to write the weights (e.g. src/tolltrack/data/selector.json)")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    result = train(args.split_dir, args.db, args.out, args.folds)
    print(json.dumps(result, indent=2) if args.json else report(result))


if __name__ == "__main__":
    main()
