"""The ledger's own figures on reports written for these tests: background figures of each kind
leave the incident's range untouched, killed and injured are disjoint, and ingesting in two halves
or after a restart gives the same figures."""

from __future__ import annotations

from datetime import date

import pytest

from tolltrack.ledger.api import Ledger
from tolltrack.model import Document, Outcome

INCIDENT = (
    "Two people were killed and three others were wounded in a shooting outside a restaurant on "
    "Harlow Avenue in Fresno late Saturday, police said. "
)
BACKGROUND = [
    "State Senator Mara Quill said thousands and thousands of Americans are killed by guns every year.",
    "So far this year, 61 people have been killed in shootings in the city, according to police data.",
    "A 2014 study found that at least 100 people were wounded by stray bullets across the country.",
    "It was the deadliest shooting in the city since 2009, when nine people died at a warehouse.",
    "Worldwide, an estimated 250,000 people die from gun injuries each year.",
]


def _figures(ledger: Ledger) -> dict[tuple[str, Outcome], tuple]:
    (inc,) = ledger.incidents()
    return {(f.group, f.outcome): (f.low, f.best, f.high) for f in inc.figures}


def _ingest(tmp_path, name: str, docs: list[Document]) -> Ledger:
    ledger = Ledger(f"sqlite:///{tmp_path / name}")
    ledger.ingest_documents(docs)
    return ledger


@pytest.mark.parametrize("extra", BACKGROUND)
def test_a_background_figure_leaves_low_best_high_untouched(tmp_path, extra):
    plain = Document(text=INCIDENT, title="Two killed in Fresno shooting", published=date(2016, 3, 6))
    with _ingest(tmp_path, "plain.db", [plain]) as ledger:
        expected = _figures(ledger)
    assert expected[("all", Outcome.KILLED)] == (2, 2, 2)
    assert expected[("all", Outcome.INJURED)] == (3, 3, 3)
    noisy = Document(text=INCIDENT + extra, title=plain.title, published=plain.published)
    with _ingest(tmp_path, "noisy.db", [noisy]) as ledger:
        assert _figures(ledger) == expected
        kept = ledger.claims(scope="background") + ledger.claims(scope="other")
        assert kept and all(c.scope_reason for c in kept)  # kept, apart, with the reason
        assert {c.id for c in kept} <= set(ledger.incidents()[0].claim_ids) | {c.id for c in kept}


def test_n_shot_m_fatally_is_disjoint(tmp_path):
    doc = Document(
        text="Four people were shot, one fatally, on Birch Street in Dayton late Saturday, police said. "
        "The other three were taken to a hospital.",
        title="4 shot, 1 fatally, on Birch Street",
        published=date(2016, 5, 1),
    )
    with _ingest(tmp_path, "d.db", [doc]) as ledger:
        figs = _figures(ledger)
    assert figs[("all", Outcome.KILLED)] == (1, 1, 1)
    assert figs[("all", Outcome.INJURED)] == (3, 3, 3)


def test_a_victim_who_dies_later_moves_from_injured_to_killed(tmp_path):
    first = Document(
        text="Two men were shot and wounded outside a bar on Juniper Road in Tulsa on Friday night, "
        "police said. Both were taken to a hospital.",
        title="Two men shot outside Tulsa bar",
        published=date(2016, 5, 7),
    )
    later = Document(
        text="One of the two men shot outside a bar on Juniper Road in Tulsa on Friday night has died, "
        "police said Sunday. The other man was wounded and is in stable condition.",
        title="Man shot outside Tulsa bar dies",
        published=date(2016, 5, 9),
    )
    with _ingest(tmp_path, "t.db", [first, later]) as ledger:
        figs = _figures(ledger)
    assert figs[("all", Outcome.KILLED)][1] == 1
    assert figs[("all", Outcome.INJURED)][1] == 1


REPORTS = [
    Document(
        text="Three people were shot, one fatally, at a park on Larkspur Lane in Wichita on Sunday "
        "afternoon, police said.",
        title="3 shot, 1 fatally, at Wichita park",
        published=date(2016, 6, 5),
    ),
    Document(
        text="A woman wounded in Sunday's shooting at a park on Larkspur Lane in Wichita has died, "
        "police said Tuesday. A third victim remains in a hospital.",
        title="Second victim of Wichita park shooting dies",
        published=date(2016, 6, 7),
    ),
    Document(
        text="A man was killed in a shooting at a gas station on Orchard Street in Topeka early "
        "Saturday, police said.",
        title="Man killed in Topeka gas station shooting",
        published=date(2016, 6, 4),
    ),
    Document(
        text="Police have arrested a suspect in the killing of a man at a gas station on Orchard Street "
        "in Topeka on Saturday.",
        title="Arrest in Topeka gas station killing",
        published=date(2016, 6, 8),
    ),
]


def _all_figures(ledger: Ledger) -> list:
    return sorted(
        (inc.id, f.group, f.outcome.value, f.low, f.best, f.high)
        for inc in ledger.incidents()
        for f in inc.figures
    )


def test_two_halves_or_a_restart_give_the_same_figures(tmp_path):
    with _ingest(tmp_path, "once.db", REPORTS) as ledger:
        once = _all_figures(ledger)
    url = f"sqlite:///{tmp_path / 'halves.db'}"
    with Ledger(url) as ledger:
        ledger.ingest_documents(REPORTS[:2])
    with Ledger(url) as ledger:  # a restart: a new process reads the store
        ledger.ingest_documents(REPORTS[2:])
        assert _all_figures(ledger) == once
    assert len({o[0] for o in once}) == 2  # the park in Wichita and the gas station in Topeka


def test_a_report_of_background_figures_only_is_listed_unlinked_with_the_reason(tmp_path):
    import json

    from typer.testing import CliRunner

    from tolltrack.cli.app import app

    essay = Document(
        text="Nationwide, more than 30,000 people are killed by guns each year, a study found. "
        "Researchers said thousands and thousands of Americans are wounded annually.",
        title="Study tallies gun deaths",
        published=date(2016, 7, 1),
    )
    db = f"sqlite:///{tmp_path / 'u.db'}"
    with Ledger(db) as ledger:
        ledger.ingest_documents([essay])
        assert ledger.incidents() == []  # background figures found no incident
        ((doc, why),) = ledger.unlinked()
        assert doc.id == essay.id and "background" in why
        assert ledger.claims(scope="incident") == [] and ledger.claims(scope="background")
    res = CliRunner().invoke(app, ["incidents", "--unlinked", "--json", "--db", db])
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.output)] == [essay.id]


PEMBA = __import__("pathlib").Path(__file__).parents[1] / "examples" / "pemba" / "reports.jsonl"


def _pemba_incidents(tmp_path, lines: list[str]):
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    with Ledger(f"sqlite:///{tmp_path / 'p.db'}") as ledger:
        ledger.ingest([path])
        return ledger.incidents()


def test_one_raid_across_outlets_days_and_words_is_one_incident_and_other_events_stay_apart(tmp_path):
    lines = PEMBA.read_text(encoding="utf-8").splitlines(keepends=True)[:6]
    found = _pemba_incidents(tmp_path, lines)
    sizes = sorted((len(i.doc_ids), i.place) for i in found)
    assert [n for n, _ in sizes] == [1, 1, 4]  # the base attack's four reports; the floods; the convoy
    (raid,) = [i for i in found if len(i.doc_ids) == 4]
    killed = next(f for f in raid.figures if f.group == "all" and f.outcome is Outcome.KILLED)
    assert (killed.low, killed.best) == (12, 29)  # the first "at least 12"; the latest count, 29


@pytest.mark.xfail(
    strict=True,
    reason="a report 23 days on naming no event date and no shared name "
    "falls outside the 21-day publication window (docs/linking.md)",
)
def test_a_report_three_weeks_on_joins_the_raid(tmp_path):
    found = _pemba_incidents(tmp_path, PEMBA.read_text(encoding="utf-8").splitlines(keepends=True))
    assert len(found) == 3


def test_a_town_named_with_its_state_is_read_in_that_state():
    from tolltrack.extract.report import report_claims

    doc = Document(
        text="Two men were shot and killed Saturday night near Denmark, South Carolina, deputies said.",
        published=date(2016, 5, 2),
    )
    ((_, claims),) = report_claims([doc])
    assert claims and all(c.event.country == "United States" for c in claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "So far, 40 people have died in the floods in Beira, officials said.",
        "The death toll from the earthquake in Herat has risen to 120 so far, the ministry said.",
        "At least 12 people have been killed to date in the clashes in Goma, the army said.",
    ],
)
def test_a_toll_still_rising_is_the_incidents_own(sentence):
    """'So far' and 'to date' alone mark an incident's current toll, not a running yearly total."""
    from tolltrack.extract.document import extract

    (claim,) = [c for c in extract(Document(text=sentence, published=date(2026, 1, 5))) if c.outcome]
    assert claim.scope == "incident", claim.scope_reason
