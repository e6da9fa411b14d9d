"""Session 15, false claims and claimants (branch `extras`): shapes that assert no new claim or name no
source, each beside one of the same shape that does and must keep it. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of, new_figures_of

from tolltrack.extract.document import extract
from tolltrack.model import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a manner of treatment, not a wound treated (claims.unasserted._treated_like)
        ("Once again the prisoner is being treated like a bargaining chip.", []),
        ("The five hostages were treated like animals by the gang.", [("missing", "exact", 5)]),
        # a wound treated is an injury
        ("Two officers were treated at the scene.", [("injured", "exact", 2)]),
    ],
)
def test_a_manner_of_treatment_is_no_injury(text, expected):
    assert figures_of(text) == expected


def _claimants(text: str) -> list[str | None]:
    out = []
    for c in extract(Document(text=text)):
        if c.outcome is None:
            continue
        chain = c.attribution.named_chain()
        out.append(chain[-1].name if chain else None)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'deny' of something granted is a refusal, not a saying (reporting_verbs._refused)
        ("The judge denied bail to the two arrested reporters.", [None]),
        ("Prison officials denied the three detained students access to a lawyer.", [None]),
        ("The guards denied medical care to two wounded prisoners.", [None, None]),
        # 'deny' of what was said or done still reports
        ("The army denied that soldiers had detained four editors.", ["army"]),
    ],
)
def test_a_refusal_names_no_source(text, expected):
    assert [None if n is None else n.split()[-1] for n in _claimants(text)] == expected


def test_a_refusal_told_again_folds_into_the_claim():
    """The report's own claim told again with a refusal verb is one claim, not the court's."""
    text = (
        "A court in Lagos denied bail for four editors held since May.\n\n"
        "On Friday, a Lagos court denied bail to four editors of the weekly."
    )
    assert new_figures_of(text) == [("detained", "exact", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fates joined by 'or' leave the outcome open: one claim (claims.disjunction)
        (
            "In October, several villagers were killed or abducted in the district.",
            [("casualties", "vague", None)],
        ),
        ("Three journalists were killed or injured in the attack.", [("casualties", "exact", 3)]),
        ("Last year three members were reported missing or found dead.", [("casualties", "exact", 3)]),
        # joined by 'and', each fate is told: two claims
        (
            "Three members were reported missing and found dead.",
            [("missing", "exact", 3), ("killed", "exact", 3)],
        ),
        # different counts are different people
        (
            "Three journalists were killed and two injured in the attack.",
            [("killed", "exact", 3), ("injured", "exact", 2)],
        ),
    ],
)
def test_fates_joined_by_or_are_one_claim(text, expected):
    assert figures_of(text) == expected
