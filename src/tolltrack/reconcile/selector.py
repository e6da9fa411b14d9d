"""A small learned choice of a report's killed and injured figures among the rules' candidates.

The rules of ``figures.read_report`` settle on one killed and one injured figure, but a report's
claims offer others: the best group figure, the number of single persons, the hits minus the killed,
figures only said in the headline, figures said once late in the report, none at all. The selector
lists these *candidates* for each figure, describes each by a handful of general features (is it the
rules' choice, how many claims say it, in the headline, how early, exact or vague, only in claims the
rules set aside as background, how large) and scores them with a linear model whose weights ship in
``tolltrack/data/selector.json`` (a conditional logit: the candidate with the highest score wins).
Killed is chosen first; the injured candidates then know the chosen killed figure ("four shot, one
fatally": three injured). ``tolltrack.eval.train_selector`` fits the weights with grouped cross-validation.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from tolltrack.config import SETTINGS
from tolltrack.model import CountKind

from .report_figures import HIT, INJURED, KILLED, Reading, ReportFigures, category, figure

FEATURES = (
    "rules",  # the rules' choice
    "rules_plus_one",  # one more than the rules' choice (a victim the rules did not tie in)
    "group",  # the best group figure of this outcome ("four people were killed")
    "persons",  # the number of single persons with this outcome ("a man ... another man")
    "hits",  # killed: the best "shot" figure; injured: that figure minus the chosen killed
    "support",  # log(1 + claims the rules read that say this figure for this outcome)
    "aside",  # log(1 + claims set aside as background, statistics or elsewhere that say it)
    "headline",  # a headline claim says it
    "early",  # 1 - relative position of the first claim that says it (0 when none says it)
    "exact",  # a claim says it with an exact count (not "at least", "several")
    "zero",
    "one",
    "size",  # log(1 + figure), figures above SIZE_CAP counted as SIZE_CAP
    "largest",  # the largest candidate
    "lead",  # one of the report's first three casualty claims says it
    "rules_said",  # the rules' choice and a claim the rules read says it
    "no_claims",  # 1 when the report has no casualty claim at all (most shootings kill one person)
    "words",  # a figure above 0: log(1 + words of death, or of injury, in the report)
    "most_said",  # said by the most claims the rules read
    "peers",  # log(1 + other reports of the linked incident whose rules give this figure)
    "peers_share",  # the share of those reports that give it (0 when the report stands alone)
)
DEATH_WORDS = re.compile(
    r"\b(?:murder\w*|homicides?|died|dies|dead|death|deadly|fatal\w*|killed|killing|slain|slaying|funeral|"
    r"bod(?:y|ies)|manslaughter|coroner|medical examiner|vigil)\b",
    re.IGNORECASE,
)
HURT_WORDS = re.compile(
    r"\b(?:hospital\w*|injur\w*|wound\w*|critical|stable|serious condition|treated|surgery|recovering)\b",
    re.IGNORECASE,
)
SLOTS = (KILLED, INJURED)
SIZE_CAP = SETTINGS.selector_size_cap  # a yearly toll (3,291 shot this year) is no larger shooting
WEIGHTS_FILE = "selector.json"


@dataclass
class Candidates:
    """The candidate figures of one slot (killed or injured) of one report and their features."""

    values: list[int]
    x: np.ndarray  # one row of ``FEATURES`` per candidate


def _said(reading: Reading, slot: str, value: int, killed: int) -> list[tuple[int, object]]:
    """(position among the report's claims, claim) of the claims that say ``value`` for ``slot``:
    the slot's own outcome, or for injured a "shot" figure that leaves ``value`` once the killed are
    taken away."""
    out = []
    for i, c in enumerate(reading.claims):
        cat = category(c)
        n = figure(c) if cat else None
        if n is None:
            continue
        if (cat == slot and n == value) or (slot == INJURED and cat == HIT and n - killed == value > 0):
            out.append((i, c))
    return out


def candidate_values(reading: Reading, slot: str, killed: int) -> list[int]:
    """The figures worth weighing for a slot (sorted): the rules' choice and one more, the parts the
    rules weighed, every figure a claim says for it (or, for injured, hits minus ``killed``), 0 and,
    for killed, 1."""
    rules = reading.figures.killed if slot == KILLED else reading.figures.injured
    p = reading.parts
    vals = {rules, rules + 1, 0, p[f"group_{slot}"], p[f"persons_{slot}"]}
    if slot == KILLED:
        vals |= {1, p["group_hit"]}
    for c in reading.claims:
        cat = category(c)
        n = figure(c) if cat else None
        if n is None:
            continue
        if cat == slot:
            vals.add(n)
        elif slot == INJURED and cat == HIT and n >= killed:
            vals.add(n - killed)
    return sorted(v for v in vals if v >= 0)


def candidates(reading: Reading, slot: str, killed: int) -> Candidates:
    """The candidates of ``slot`` with their features (``killed``: the figure chosen for killed)."""
    rules = reading.figures.killed if slot == KILLED else reading.figures.injured
    p = reading.parts
    hits = p["group_hit"] if slot == KILLED else p["group_hit"] - killed
    values = candidate_values(reading, slot, killed)
    total = max(len(reading.claims), 1)
    read = {c.id for c in reading.read}
    casualty = [i for i, c in enumerate(reading.claims) if category(c) is not None]
    lead = set(casualty[:3])
    words = math.log1p(len((DEATH_WORDS if slot == KILLED else HURT_WORDS).findall(reading.text)))
    said_by = {v: _said(reading, slot, v, killed) for v in values}
    read_said = {v: sum(c.id in read for _, c in said_by[v]) for v in values}
    most = max(read_said.values())
    index = 0 if slot == KILLED else 1
    peers = Counter(f[index] for f in reading.peers)
    rows = []
    for v in values:
        said = said_by[v]
        inside = read_said[v]
        rows.append(
            [
                v == rules,
                v == rules + 1,
                v == p[f"group_{slot}"] and v > 0,
                v == p[f"persons_{slot}"] and v > 0,
                v == hits and v > 0,
                math.log1p(inside),
                math.log1p(len(said) - inside),
                any(c.id in reading.headline_ids for _, c in said),
                1 - said[0][0] / total if said else 0.0,
                any(c.count.kind in (CountKind.EXACT, CountKind.ZERO) for _, c in said),
                v == 0,
                v == 1,
                math.log1p(min(v, SIZE_CAP)),
                v == values[-1],
                any(i in lead for i, _ in said),
                v == rules and inside > 0,
                v == 1 and not casualty,
                words if v > 0 else 0.0,
                inside == most > 0,
                math.log1p(peers[v]),
                peers[v] / len(reading.peers) if reading.peers else 0.0,
            ]
        )
    return Candidates(values, np.array(rows, dtype=float).reshape(len(values), len(FEATURES)))


class Selector:
    """Linear scores over candidate features, one weight vector per slot."""

    def __init__(self, weights: dict[str, list[float]], info: dict | None = None) -> None:
        self.weights = {s: np.asarray(weights[s], dtype=float) for s in SLOTS}
        self.info = info or {}
        # what its choices depend on, the same in every process (choices are remembered by it)
        self.key = hashlib.sha1(b"".join(self.weights[s].tobytes() for s in SLOTS)).hexdigest()

    def pick(self, cands: Candidates, slot: str) -> int:
        scores = cands.x @ self.weights[slot]
        return cands.values[int(np.argmax(scores))]  # ties: the smaller figure (values are sorted)

    def choose(self, reading: Reading) -> tuple[int, int]:
        killed = self.pick(candidates(reading, KILLED, reading.figures.killed), KILLED)
        injured = self.pick(candidates(reading, INJURED, killed), INJURED)
        return killed, injured

    def figures(self, reading: Reading) -> ReportFigures:
        """The selector's figures, with the rules' evidence and a note where it departs from them."""
        killed, injured = self.choose(reading)
        rules = reading.figures
        evidence = list(rules.evidence)
        if (killed, injured) != (rules.killed, rules.injured):
            note = f"selector: {killed} killed, {injured} injured (rules {rules.killed}, {rules.injured})"
            evidence.append(("", note))
        return ReportFigures(killed=killed, injured=injured, evidence=evidence)

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": {s: [round(float(w), 6) for w in self.weights[s]] for s in SLOTS},
            **self.info,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict) -> Selector:
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError("selector weights were trained on other features; retrain them")
        info = {k: v for k, v in data.items() if k not in ("features", "weights")}
        return cls(data["weights"], info)

    @classmethod
    def load(cls, path: str | Path) -> Selector:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def shipped() -> Selector | None:
    """The selector whose weights ship with the package, None when there are none (or stale ones)."""
    ref = resources.files("tolltrack").joinpath("data", WEIGHTS_FILE)
    if not ref.is_file():
        return None
    try:
        return Selector.from_dict(json.loads(ref.read_text(encoding="utf-8")))
    except (ValueError, KeyError):
        return None
