"""Claims in the reporting of conflicts, protests, abductions and repression (issue 16): captivity,
custody, abductions and the people such reports name. Our own sentences."""

from __future__ import annotations

import pytest

from tolltrack.extract import extract
from tolltrack.model import Document


def figures_of(text: str) -> list[tuple[str, str, int | None]]:
    claims = extract(Document(text=text))
    return [(c.outcome.value, c.count.kind.value, c.count.value) for c in claims if c.outcome is not None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Six engineers were kidnapped by gunmen near the quarry on Friday.", [("missing", "exact", 6)]),
        ("Armed men abducted two nurses from the clinic.", [("missing", "exact", 2)]),
        ("Dozens of travellers were held hostage for a week.", [("missing", "vague", None)]),
        ("The rebels took three herdsmen captive.", [("missing", "exact", 3)]),
        ("Nine of the accused remain in custody.", [("detained", "exact", 9)]),
        ("The poet has been behind bars since 2017.", [("detained", "exact", 1)]),
        ("Twelve dissidents are on death row.", [("detained", "exact", 12)]),
        ("The authorities held 1,250 demonstrators in detention.", [("detained", "exact", 1250)]),
        ("The blogger was held for eleven days and then released.", [("detained", "exact", 1)]),
        ("Four fishermen drowned when their boat capsized.", [("killed", "exact", 4)]),
        ("Two critics of the regime were hanged at dawn.", [("killed", "exact", 2)]),
    ],
)
def test_captivity_custody_and_abduction(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The committee held a rally in the square on Sunday.",
        "Ministers were held responsible for the delays.",
        "The editor faces ten years in prison if convicted.",
        "He was sentenced to five years in jail for fraud.",
        "The council held talks with the union leaders.",
    ],
)
def test_no_custody_claim(sentence):
    assert figures_of(sentence) == []
