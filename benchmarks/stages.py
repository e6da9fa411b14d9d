"""Where tolltrack's extraction spends its time, and whether its fast parts change any claim.

Over the first N Gun Violence Archive reports and their headlines (../shared/gva/dev), in one process
(one version of the claim rules for every comparison):

  stages   CPU seconds of each stage of method A, each timed alone over the same excerpts: pre-filter
           and excerpt, the shared tok2vec (FastTok2Vec), every other spaCy component the pipeline
           runs, the entity recogniser (FastNER, with its own tok2vec as a FastTok2Vec), the memoised
           attributes and lemmas, the claim rules;
  compare  the parsed excerpts of A against those of A's copies of the model's networks running
           their own layers and the model's own attribute ruler and lemmatizer (token vectors of
           the shared tok2vec, tags, POS, morphology, lemmas, dependencies, heads, entities, sentence
           starts: all must be identical); A's claims against those (must be identical), and with
           --whole against the whole parse (method B's claims): the documents whose claims differ
           and the reports whose killed/injured figures differ.

    .venv/bin/python benchmarks/stages.py [--limit 600] [--whole] [--no-compare]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_SPLIT, _documents, reports  # noqa: E402

WARM = "Two men were killed and a woman was wounded in Dayton on Sunday, police said."


def stages(docs, batch_size: int = 32) -> dict[str, float]:
    from tolltrack.extract import document as ex
    from tolltrack.nlp import pipeline as nlpmod
    from tolltrack.nlp.fast import blas

    nlp, run = nlpmod.load(), nlpmod.stages()
    spent: dict[str, float] = defaultdict(float)
    t = time.process_time()
    excerpts = [ex._excerpt(nlp, d) for d in docs]
    spent["pre-filter + excerpt"] += time.process_time() - t
    parsed = []
    with blas.one_thread():
        for i in range(0, len(excerpts), batch_size):
            batch = [p for p, _ in excerpts[i : i + batch_size]]
            for name, stage in run:
                t = time.process_time()
                stage(batch)
                spent[name] += time.process_time() - t
            parsed += batch
    t = time.process_time()
    for p, (doc, spans, starts) in zip(parsed, [meta for _, meta in excerpts], strict=True):
        ex._claims_in_excerpt(doc, p, spans, starts)
    spent["claim rules"] += time.process_time() - t
    return dict(spent)


def run(docs, whole: bool = False) -> tuple[list[list[str]], list[tuple[int, int]], float]:
    """Claims (as JSON) per document, (killed, injured) per report, CPU seconds."""
    from tolltrack.extract.document import extract_many
    from tolltrack.model import to_dict
    from tolltrack.reconcile.report_figures import report_figures

    t = time.process_time()
    out = list(extract_many(docs, whole=whole))
    cpu = time.process_time() - t
    claims = [[json.dumps(to_dict(c), sort_keys=True, default=str) for c in cl] for _, cl in out]
    figures = []
    for i in range(0, len(out), 2):  # a report, then its headline
        fig = report_figures(out[i][0], out[i][1], out[i + 1][1])
        figures.append((fig.killed, fig.injured))
    return claims, figures, cpu


@contextmanager
def model_components():
    """``nlp.parse`` with the copies' own tok2vec and recogniser, the model's attribute ruler and
    lemmatizer."""
    from tolltrack.nlp import pipeline as nlpmod

    names = ("fast_attributes", "fast_ner", "fast_tok2vec")
    kept = [getattr(nlpmod, n) for n in names]
    for n in names:
        setattr(nlpmod, n, lambda: None)
    nlpmod.fast_pipeline.cache_clear()  # A's pipeline is built anew, of the patched stages
    try:
        yield
    finally:
        for n, f in zip(names, kept, strict=True):
            setattr(nlpmod, n, f)
        nlpmod.fast_pipeline.cache_clear()


ANNOTATIONS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]


def same_parse(docs, batch_size: int = 32) -> None:
    """Parse A's excerpts with the fast components and with the model's own: token vectors and
    annotations compared document by document (a difference is printed, not raised)."""
    import numpy as np

    from tolltrack.extract import document as ex
    from tolltrack.nlp import pipeline as nlpmod

    def parsed():
        excerpts = [ex._excerpt(nlpmod.load(), d)[0] for d in docs]
        return list(nlpmod.parse(excerpts, batch_size=batch_size))

    fast = parsed()
    with model_components():
        own = parsed()
    vecs = sum(np.array_equal(a.tensor, b.tensor) for a, b in zip(fast, own, strict=True))
    marks = sum(
        np.array_equal(a.to_array(ANNOTATIONS), b.to_array(ANNOTATIONS))
        for a, b in zip(fast, own, strict=True)
    )
    print(f"token vectors identical in {vecs} of {len(own)} parsed excerpts "
          f"({sum(len(d) for d in own)} tokens), annotations in {marks}")  # fmt: skip


def compare(docs, with_whole: bool) -> None:
    from tolltrack.extract.document import extract_many
    from tolltrack.model import Document

    list(extract_many([Document(text=WARM)], whole=True))
    same_parse(docs)
    a = run(docs)
    with model_components():  # parse() falls back to the model's own
        own = run(docs)
    rows = [("A", a), ("A with the model's own components", own)]
    if with_whole:
        rows.append(("whole parse (B)", run(docs, whole=True)))
    for name, (claims, figures, cpu) in rows:
        differ = sum(x != y for x, y in zip(a[0], claims, strict=True))
        figs = sum(x != y for x, y in zip(a[1], figures, strict=True))
        print(f"{name}: {cpu:.2f} CPU s; {differ} of {len(claims)} documents with claims other than A's, "
              f"{figs} of {len(figures)} reports with other figures")  # fmt: skip


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", default=str(DEFAULT_SPLIT))
    p.add_argument("--limit", type=int, default=600)
    p.add_argument("--whole", action="store_true", help="also compare with the whole parse (slow)")
    p.add_argument("--no-compare", action="store_true", help="only time the stages")
    args = p.parse_args()
    if not (Path(args.split) / "articles.jsonl").exists():
        print(f"skipped: {Path(args.split) / 'articles.jsonl'} is absent")
        return 0
    from tolltrack.extract.document import warm_up

    articles, _gold = reports(Path(args.split), args.limit)
    docs = [d for _k, _a, body, title in _documents(articles, 1) for d in (body, title)]
    warm_up()
    spent = stages(docs)
    total = sum(spent.values())
    print(f"{len(articles)} reports and their headlines, CPU seconds per stage of A:")
    for name, s in spent.items():
        print(f"  {name:32s} {s:6.2f}  {100 * s / total:4.1f}%")
    print(f"  {'total':32s} {total:6.2f}\n")
    if not args.no_compare:
        compare(docs, args.whole)
    return 0


if __name__ == "__main__":
    sys.exit(main())
