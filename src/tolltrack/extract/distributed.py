"""Claim extraction on Dask workers: the same claims as ``extract_many``, on several processes or machines.

``extract_distributed(docs, workers=4)`` starts a local cluster of 4 single-threaded worker processes
on 127.0.0.1 (no dashboard) for the duration of the call; ``scheduler="tcp://host:8786"`` uses an
existing cluster instead (its workers need tolltrack and the spaCy model installed). Documents travel
in batches of ``batch_size``; each worker process parses its batches with ``extract_many``, loading
the spaCy model once per process (``tolltrack.nlp.pipeline.load`` is cached). Extraction is a pure function of
the document, so the claims are the same as in one process.

Results come back in input order by default (``ordered=True``); ``ordered=False`` yields each batch
as soon as it is done, which keeps every worker busy when one batch is slow. At most
``max_pending`` batches are in flight, so the input can be a lazy iterator of any length.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from tolltrack.model import Claim, Document

if TYPE_CHECKING:
    from distributed import Client


Read = Callable[[Document, list[Claim]], dict[str, Any]]


def extract_batch(
    docs: list[Document], batch_size: int = 32, read: Read | None = None
) -> list[tuple[list[Claim], dict[str, Any]]]:
    """Run on a worker: the claims of each document of one batch, in the batch's order, each with
    ``read(document, claims)`` (nothing without ``read``): what later stages read in the report, read
    here, as values of the document's transient fields by name."""
    from .report import report_claims

    return [
        (claims, read(doc, claims) if read else {})
        for doc, claims in report_claims(docs, batch_size=batch_size)
    ]


_WARM_UP_TEXT = "Two people were killed and three wounded in a shooting in Chicago on Monday, police said."


def warm_up() -> bool:
    """Run on every worker once: load the spaCy model and the place tables before the first batch."""
    from .document import extract

    extract(Document(text=_WARM_UP_TEXT))
    return True


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def _local_client(workers: int) -> Client:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster)


def extract_distributed(
    docs: Iterable[Document],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    batch_size: int = 16,
    ordered: bool = True,
    max_pending: int | None = None,
    read: Read | None = None,
) -> Iterator[tuple[Document, list[Claim]]]:
    """Extract claims from ``docs`` on Dask workers; yields (document, claims) like ``extract_many``.
    With ``read``, each document comes back with the transient fields ``read(document, claims)``
    gives (``Document.reading``, ``Document.toll``) set, computed on the worker.

    Exactly one of ``workers`` (start a LocalCluster of that many processes), ``scheduler`` (the
    address of a running scheduler) or ``client`` (an existing ``distributed.Client``, left open)
    may be given; with none, a LocalCluster with one worker per CPU is started. A cluster or client
    this function creates is closed when the iterator is exhausted or closed.
    """
    if sum(x is not None for x in (workers, scheduler, client)) > 1:
        raise ValueError("give at most one of workers, scheduler, client")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    return _generate(docs, workers, scheduler, client, batch_size, ordered, max_pending, read)


def _generate(docs, workers, scheduler, client, batch_size, ordered, max_pending, read):
    own = client is None
    if client is None:
        if scheduler is not None:
            from distributed import Client

            client = Client(scheduler)
        else:
            client = _local_client(workers or os.cpu_count() or 1)
    try:
        client.run(warm_up)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _run(client, docs, batch_size, ordered, max_pending or 2 * n_workers, read)
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _run(
    client: Client, docs: Iterable[Document], batch_size: int, ordered: bool, max_pending: int, read
) -> Iterator[tuple[Document, list[Claim]]]:
    from distributed import as_completed

    batches = _batches(docs, batch_size)

    def submit(batch: list[Document]):
        # pure=False: two batches with the same texts (re-ingested reports) are still two tasks.
        fut = client.submit(extract_batch, batch, batch_size, read, pure=False)
        return fut, batch

    if ordered:
        pending: deque = deque(submit(b) for b in islice(batches, max_pending))
        while pending:
            fut, batch = pending.popleft()
            results = fut.result()
            nxt = next(batches, None)
            if nxt is not None:
                pending.append(submit(nxt))
            yield from _paired(batch, results)
        return

    inflight = dict(submit(b) for b in islice(batches, max_pending))
    done = as_completed(list(inflight))
    for fut in done:
        batch = inflight.pop(fut)
        results = fut.result()
        nxt = next(batches, None)
        if nxt is not None:
            new, nbatch = submit(nxt)
            inflight[new] = nbatch
            done.add(new)
        yield from _paired(batch, results)


def _paired(
    batch: list[Document], results: list[tuple[list[Claim], dict[str, Any]]]
) -> Iterator[tuple[Document, list[Claim]]]:
    for doc, (claims, carried) in zip(batch, results, strict=True):
        for name, value in carried.items():
            setattr(doc, name, value)
        yield doc, claims
