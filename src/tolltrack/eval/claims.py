"""`tolltrack eval claims GOLD.jsonl TEXTS_DIR`: claim precision, recall and F1 against hand-annotated
claims (the gold format and matching rule of ../shared/hrd/README.md).

Each gold line names an article (TEXTS_DIR/<id>.txt, the title on its first line) and its
publication date; the article goes through the same ingest guards and the same extractor as
``tolltrack ingest`` (the title line passed as the document's title), and its claims are matched
to the gold ones by ``claim_match``. Role claims (no outcome: "the victims were soldiers") and
restatements (``refers_to`` an earlier claim with the same claimant, victims and figure) are not new
claims and are not scored; nor are rates ("N are killed every year", a frequency on the claim's
verb: scope background, reason ``extract.scope.RATE``), which the annotation rules leave out as
statistics of the form "N per year".
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tolltrack.extract.scope import RATE
from tolltrack.ingest.formats import parse_date
from tolltrack.model import Claim, CountKind, SourceKind

from .claim_match import Gold, Pred, Result, claimant_agrees, match_article


@dataclass
class Article:
    id: str
    kind: str
    published: str | None
    gold: list[Gold]
    text: str = ""
    title_end: int = 0
    preds: list[Pred] = field(default_factory=list)
    error: str | None = None
    result: Result | None = None


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


def load_gold(path: str | Path) -> list[Article]:
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                gold = [
                    Gold(
                        outcome=c["outcome"],
                        count_kind=c["count_kind"],
                        low=c.get("low"),
                        high=c.get("high"),
                        claimant=c.get("claimant") or "the report itself",
                        start=int(c["start"]),
                        end=int(c["end"]),
                        victims=c.get("victims", ""),
                    )
                    for c in rec.get("claims", [])
                ]
                out.append(Article(str(rec["id"]), rec.get("kind", "?"), rec.get("published"), gold))
            except (ValueError, KeyError, TypeError) as e:
                raise GoldError(f"{path}:{n}: not a gold line ({e.__class__.__name__}: {e})") from None
    return out


def to_pred(c: Claim) -> Pred:
    chain = c.attribution.named_chain() or c.attribution.chain
    src = chain[-1] if chain else None
    claimant = None if src is None or src.kind is SourceKind.NARRATOR else src.name
    k = c.count
    numbers = frozenset(n for n in (k.value, k.low, k.high) if n is not None)
    if k.kind in (CountKind.VAGUE, CountKind.UNQUANTIFIED, CountKind.ZERO):
        numbers = frozenset()
    return Pred(
        outcome=c.outcome.value,
        count_kind=k.kind.value,
        numbers=numbers,
        claimant=claimant,
        start=c.start,
        end=c.end,
        sentence=c.sentence,
        count_text=str(k),
    )


def predict(articles: list[Article], texts_dir: str | Path) -> None:
    """Run ingest's guards and the extractor over every article; a text that cannot be read or is
    refused is recorded as the article's error (no predictions) and the run goes on."""
    from tolltrack.extract.document import extract_many
    from tolltrack.ingest.sources import document_from_text
    from tolltrack.model import IngestError

    docs = []
    for a in articles:
        path = Path(texts_dir) / f"{a.id}.txt"
        try:
            a.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            a.error = f"{path}: {e}"
            continue
        title, _, _ = a.text.partition("\n")
        a.title_end = len(title)
        try:
            published = parse_date(a.published)
        except ValueError as e:
            a.error = f"{path}: bad published date ({e})"
            continue
        doc = document_from_text(a.text, published=published, title=title.strip(), source=str(path))
        if isinstance(doc, IngestError):
            a.error = str(doc)
            continue
        docs.append((a, doc))
    by_doc = {id(doc): a for a, doc in docs}
    for doc, claims in extract_many([d for _, d in docs]):
        by_doc[id(doc)].preds = [to_pred(c) for c in claims if scored(c)]


def scored(c: Claim) -> bool:
    """Whether a claim is compared with the gold: a role claim (no outcome) and a restatement (refers_to
    an earlier claim) are no new claims, and a rate ("four were killed every week", scope
    background) is a statistic of the form "N per year", which the annotation rules leave out (the
    ledger keeps it, apart from the incident's figures)."""
    return c.outcome is not None and c.refers_to is None and c.scope_reason != RATE


def score(articles: list[Article]) -> dict:
    """Match every article and count: overall, by outcome, by report kind, claimant agreement."""
    tally: dict[str, Counter] = {}

    def add(key: str, what: str, n: int = 1) -> None:
        tally.setdefault(key, Counter())[what] += n

    agree = Counter()
    for a in articles:
        a.result = r = match_article(a.gold, a.preds, a.title_end)
        for i, j in r.matches:
            g, p = a.gold[i], a.preds[j]
            for key in ("all", f"outcome:{g.outcome}", f"kind:{a.kind}"):
                add(key, "tp")
            ok = claimant_agrees(g.claimant, p.claimant)
            agree["agree" if ok else "disagree"] += 1
            agree[f"{'report' if g.claimant.lower() == 'the report itself' else 'named'}:{ok}"] += 1
        for i in r.misses:
            for key in ("all", f"outcome:{a.gold[i].outcome}", f"kind:{a.kind}"):
                add(key, "fn")
        for j in r.extras:
            for key in ("all", f"outcome:{a.preds[j].outcome}", f"kind:{a.kind}"):
                add(key, "fp")
    rows = {k: _prf(c) for k, c in tally.items()}
    n = agree["agree"] + agree["disagree"]
    return {
        "articles": len(articles),
        "errors": [a.error for a in articles if a.error],
        "rows": rows,
        "claimant_agreement": agree["agree"] / n if n else 0.0,
        "claimant_counts": dict(agree),
    }


def _prf(c: Counter) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def evaluate_claims(
    gold_path: str | Path, texts_dir: str | Path, limit: int | None = None
) -> tuple[dict, list]:
    articles = load_gold(gold_path)[:limit]
    predict(articles, texts_dir)
    return score(articles), articles


def format_summary(summary: dict) -> str:
    lines = [f"{summary['articles']} articles"]
    for e in summary["errors"]:
        lines.append(f"  error: {e}")
    lines.append(f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    rows = summary["rows"]
    order = (
        ["all"]
        + sorted(k for k in rows if k.startswith("outcome:"))
        + sorted(k for k in rows if k.startswith("kind:"))
    )
    for k in order:
        r = rows[k]
        lines.append(
            f"{k:22} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['tp']:5} {r['fp']:5} {r['fn']:5}"
        )
    cc = summary["claimant_counts"]
    n = cc.get("agree", 0) + cc.get("disagree", 0)
    lines.append(
        f"claimant agreement {summary['claimant_agreement']:.3f} ({cc.get('agree', 0)} of {n} matched claims;"
    )
    own, named = cc.get("report:True", 0), cc.get("named:True", 0)
    lines.append(
        f"  report's own: {own} of {own + cc.get('report:False', 0)}, "
        f"named claimant: {named} of {named + cc.get('named:False', 0)})"
    )
    return "\n".join(lines)


def format_details(articles: list[Article]) -> str:
    """Misses, extras and claimant disagreements with their sentences, article by article."""
    out = []
    for a in articles:
        r = a.result
        if r is None or not (
            r.misses
            or r.extras
            or any(not claimant_agrees(a.gold[i].claimant, a.preds[j].claimant) for i, j in r.matches)
        ):
            continue
        out.append(f"== {a.id} ({a.kind})")
        for i in r.misses:
            g = a.gold[i]
            num = g.low if g.low == g.high else f"{g.low}-{g.high}"
            out.append(
                f"  MISS  {g.outcome} {g.count_kind} {num} [{g.claimant}] {_line(a.text[g.start : g.end])}"
            )
        for j in r.extras:
            p = a.preds[j]
            out.append(f"  EXTRA {p.outcome} {p.count_text} [{p.claimant or '-'}] {_line(p.sentence)}")
        for i, j in r.matches:
            g, p = a.gold[i], a.preds[j]
            if not claimant_agrees(g.claimant, p.claimant):
                out.append(
                    f"  WHO   {g.outcome} gold [{g.claimant}] pred [{p.claimant or '-'}] {_line(p.sentence)}"
                )
    return "\n".join(out)


def _line(s: str, width: int = 200) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def write_out(articles: list[Article], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for a in articles:
            r = a.result or Result()
            rec = {
                "id": a.id,
                "kind": a.kind,
                "error": a.error,
                "preds": [{**asdict(p), "numbers": sorted(p.numbers)} for p in a.preds],
                "matches": r.matches,
                "misses": r.misses,
                "extras": r.extras,
            }
            fh.write(json.dumps(rec) + "\n")
