"""The load-time probe of method A's fast paths: what the pipeline decides, not the floats behind it.

Method A replaces the model's networks by copies multiplying through numpy's BLAS (``blas.py``)
and some of their parts by cheaper forms (``FastTok2Vec``, ``FastNER``, the compiled parser loop).
Their floats can differ from the component's in the last bits where the BLAS sums in another order
(OpenBLAS picks its kernels by CPU, blis too), which changes nothing a user reads unless a decision
sits on a near tie. So a fast path is accepted when, on a few hand-written reports, the pipeline
with it gives the same decisions as the pipeline without it: every token's tag, head, dependency
label, sentence start and entity (IOB and type), and the claims the rules make of the parse. On a
difference ``nlp.py`` keeps what the fast path would replace and warns once, naming what differed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START, TAG

from .fast import blas

TEXTS = (
    "Cuba says 32 of its citizens died in the raid, Prensa Latina reported on Sunday.",
    "At least 40 people were killed, US media said, citing Venezuelan officials.\n\nTwo were hurt.",
    "Police Chief Dana Reyes told WXYZ-TV that three men were shot dead and a 17-year-old girl was "
    "wounded outside a bar on Main Street in Dayton, Ohio, late Saturday; no arrests were made.",
    "  The Red Cross said 14 civilians, including two children, were injured in Marib\non March 3, "
    "2024, according to the ministry.  ",
)
DECISIONS = {"tag": TAG, "head": HEAD, "label": DEP, "sentence start": SENT_START,
             "entity": ENT_IOB, "entity type": ENT_TYPE}  # fmt: skip

Stages = Sequence[tuple[str, Callable[[list], Any]]]
# The extraction stage hands the probe its claim reader when it is imported (``read_claims_with``), so
# that the probe compares claims without the spaCy stage importing a later one.
_claim_reader: list[Callable[[str, Any], Any]] = []


def read_claims_with(reader: Callable[[str, Any], Any]) -> None:
    """Compare the claims ``reader(text, parsed doc)`` makes of the probe reports as well."""
    _claim_reader[:] = [reader]


def claim_reader() -> Callable[[str, Any], Any] | None:
    """The claim reader ``decisions`` uses, if the extraction stage has given one yet (a cache of
    decisions holds for one reader: decisions taken before it was given hold no claims)."""
    return _claim_reader[0] if _claim_reader else None


def decisions(nlp, stages: Stages) -> tuple[list, list]:
    """The probe reports through ``stages`` (in the model's order, each over the batch): per report
    the token decisions (one list per decision) and the claims made of the parse (once the extraction
    stage has given its reader)."""
    docs = [nlp.make_doc(text) for text in TEXTS]
    with blas.one_thread():
        for _name, stage in stages:
            stage(docs)
    tokens = [{what: doc.to_array(attr).tolist() for what, attr in DECISIONS.items()} for doc in docs]
    claims = [[r(t, d) for r in _claim_reader] for t, d in zip(TEXTS, docs, strict=True)]
    return tokens, claims


def difference(expected: tuple[list, list], got: tuple[list, list]) -> str | None:
    """What differs between two ``decisions`` (the first difference, in words), or None."""
    for k, (want, have) in enumerate(zip(expected[0], got[0], strict=True)):
        for what in DECISIONS:
            if want[what] != have[what]:
                at = next(i for i, (a, b) in enumerate(zip(want[what], have[what], strict=True)) if a != b)
                return f"the {what} of token {at} of probe report {k + 1}"
    for k, (want, have) in enumerate(zip(expected[1], got[1], strict=True)):
        if want != have:
            return f"the claims of probe report {k + 1}"
    return None
