"""The claim matcher of `tolltrack eval claims` on small hand-made gold and predicted records."""

from __future__ import annotations

import json

from tolltrack.eval.claim_match import Gold, Pred, claimant_agrees, match_article, matches
from tolltrack.eval.claims import load_gold, predict, score


def gold(outcome="killed", kind="exact", low=5, high=5, claimant="the report itself", start=100, end=160):
    return Gold(outcome, kind, low, high, claimant, start, end)


def pred(outcome="killed", kind="exact", numbers=(5,), claimant=None, start=100, end=160):
    return Pred(outcome, kind, frozenset(numbers), claimant, start, end)


def test_place_outcome_and_numbers_must_all_agree():
    g = gold()
    assert matches(g, pred())
    assert matches(g, pred(start=150, end=200))  # overlapping span
    assert not matches(g, pred(start=160, end=220))  # touching, not overlapping
    assert not matches(g, pred(outcome="injured"))
    assert not matches(g, pred(numbers=(6,)))
    assert matches(gold(kind="at_least", low=40, high=None), pred(kind="at_least", numbers=(40,)))
    assert matches(gold(kind="range", low=20, high=29), pred(kind="range", numbers=(20, 29)))
    assert not matches(gold(kind="range", low=20, high=29), pred(kind="exact", numbers=(20,)))


def test_casualties_is_a_wildcard_on_either_side():
    assert matches(gold(outcome="casualties"), pred(outcome="detained"))
    assert matches(gold(outcome="missing"), pred(outcome="casualties"))


def test_numberless_and_zero_claims():
    vague = gold(kind="vague", low=None, high=None)
    assert matches(vague, pred(kind="unquantified", numbers=()))
    assert not matches(vague, pred(numbers=(12,)))
    assert not matches(vague, pred(kind="zero", numbers=()))
    zero = gold(kind="zero", low=0, high=0)
    assert matches(zero, pred(kind="zero", numbers=()))
    assert not matches(zero, pred(kind="unquantified", numbers=()))


def test_each_gold_claim_is_matched_once_and_title_predictions_are_spared():
    golds = [gold(start=100, end=160)]
    preds = [pred(start=0, end=40), pred(), pred(start=120, end=150), pred(start=300, end=340, numbers=(2,))]
    r = match_article(golds, preds, title_end=40)
    assert len(r.matches) == 1 and r.misses == []
    assert r.spared == [0]  # the title line: folded by gold, not false
    assert len(r.extras) == 2 and 3 in r.extras


def test_maximum_matching_is_found():
    # the first gold claim could take either prediction; the second only the first one
    golds = [
        gold(outcome="casualties", low=None, high=None, kind="vague"),
        gold(outcome="killed", kind="vague", low=None, high=None),
    ]
    preds = [
        pred(outcome="killed", kind="vague", numbers=()),
        pred(outcome="injured", kind="vague", numbers=()),
    ]
    r = match_article(golds, preds, title_end=0)
    assert sorted(r.matches) == [(0, 1), (1, 0)] and not r.misses and not r.extras


def test_claimant_agreement():
    assert claimant_agrees("the report itself", None)
    assert not claimant_agrees("the report itself", "police")
    assert not claimant_agrees("health ministry", None)
    assert claimant_agrees("the Ministry of Health", "health ministry officials")
    assert claimant_agrees("police officials", "an official")
    assert not claimant_agrees("Human Rights Watch", "the army")


def test_scores_a_tiny_set_end_to_end(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    body = (
        "Storm floods river town\n\n"
        "Three people were killed when the storm hit the harbour on Monday, the coast guard said.\n\n"
        "The town council met on Tuesday to discuss the budget for next year."
    )
    (texts / "a1.txt").write_text(body, encoding="utf-8")
    s = body.index("Three")
    e = body.index("said.") + len("said.")
    line = {
        "id": "a1",
        "published": "2024-05-02",
        "kind": "other",
        "claims": [
            {
                "count_kind": "exact",
                "low": 3,
                "high": 3,
                "outcome": "killed",
                "victims": "fishermen",
                "claimant": "the coast guard",
                "via": [],
                "start": s,
                "end": e,
            },
        ],
    }
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(json.dumps(line) + "\n", encoding="utf-8")
    articles = load_gold(gold_file)
    predict(articles, texts)
    summary = score(articles)
    assert summary["rows"]["all"]["tp"] == 1 and summary["rows"]["all"]["fp"] == 0
    assert summary["claimant_agreement"] == 1.0


def test_bad_gold_line_names_the_file_and_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(
        '{"id": "x", "claims": []}\n{"id": "y", "claims": [{"outcome": "killed"}]}\n', encoding="utf-8"
    )
    try:
        load_gold(bad)
    except ValueError as e:
        assert f"{bad}:2" in str(e)
    else:
        raise AssertionError("a gold line without offsets was accepted")
