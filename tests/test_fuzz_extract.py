"""Fuzzing the extractor: whatever text a Document holds, ``extract`` returns claims whose offsets
point into that text.

For every claim: 0 <= start < end <= len(text), ``text[start:end]`` is the claim's sentence, the
trigger lies inside it, indices run 0, 1, 2... and a reference points back to an earlier claim;
counts are not negative and a range's low is not above its high. 120 examples per test by default;
set TOLLTRACK_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tolltrack.model import Document

pytestmark = pytest.mark.timeout(600)

EXAMPLES = int(os.environ.get("TOLLTRACK_FUZZ_EXAMPLES", "120"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the first call loads the spaCy model
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def extract(text: str):
    from tolltrack.extract.document import extract as run

    doc = Document(text=text)
    return doc, run(doc)


def check_claims(doc: Document, claims: list) -> None:
    text = doc.text
    for k, c in enumerate(claims):
        assert 0 <= c.start < c.end <= len(text), (k, c.start, c.end, len(text))
        assert text[c.start : c.end] == c.sentence, (k, text[c.start : c.end], c.sentence)
        assert c.trigger_start == -1 or c.start <= c.trigger_start < c.end, (k, c.trigger_start)
        assert c.index == k and c.doc_id == doc.id
        assert c.refers_to is None or 0 <= c.refers_to < k, (k, c.refers_to)
        n = c.count
        assert all(v is None or v >= 0 for v in (n.value, n.low, n.high)), n
        assert n.low is None or n.high is None or n.low <= n.high, n


# --------------------------------------------------------------------------- arbitrary text


@fuzz
@given(text=st.text(max_size=600))
def test_arbitrary_unicode(text):
    check_claims(*extract(text))


# --------------------------------------------------------------------------- casualty words in odd places

CASUALTY = ["killed", "dead", "died", "deaths", "injured", "wounded", "casualties", "toll", "death toll",
            "bodies", "missing", "detained", "shot", "hurt", "victims", "the dead", "fatalities",
            "slain"]  # fmt: skip
NUMBERS = ["0", "1", "3", "12", "40", "1,000", "3.5", "-2", "2024", "99999999999999999999", "½", "٣", "१२",
           "seven", "dozens", "hundreds", "scores", "a dozen", "no", "none", "nobody", "one", "thousands",
           "at least", "up to", "more than", "nearly", "between 4 and 2", "between", "and", "40-50",
           "4 to 3"]  # fmt: skip
GLUE = ["people", "were", "was", "the", "police", "said", "according to", "officials", "told", "Reuters",
        "citing", "in", "a", "blast", "on", "Monday", "of", "them", "its", "citizens", "soldiers",
        "civilians", "Cuban", "“", "”", '"', "(", ")", ",", ".", ";", ":", "—", "-", "'s", "?", "!", "\n",
        "\n\n", "\t", "  ", "…", "U.S.", "Dr.", "No.", "%", "$", "https://x.org/a.b", "e-mail"]  # fmt: skip
TOKENS = st.sampled_from(CASUALTY + NUMBERS + GLUE)


@fuzz
@given(tokens=st.lists(TOKENS, max_size=80), lead=st.sampled_from(["", " ", "\n", "  \n\n", "\ufeff"]))
def test_casualty_words_and_numbers_anywhere(tokens, lead):
    check_claims(*extract(lead + " ".join(tokens)))


@fuzz
@given(
    tokens=st.lists(TOKENS | st.text(min_size=1, max_size=6), max_size=60),
    joiner=st.sampled_from([" ", "", "\n", " . ", ", "]),
)
def test_words_glued_to_noise(tokens, joiner):
    check_claims(*extract(joiner.join(tokens)))


# --------------------------------------------------------------------------- very long sentences

CLAUSES = [
    "{n} people were killed in the blast",
    "at least {n} others were injured, police said",
    "the health ministry said {n} civilians had died",
    "according to officials who spoke to reporters on condition of anonymity",
    "{n} soldiers were wounded and {n} were missing",
    "and rescuers searched the rubble through the night",
]


@settings(fuzz, max_examples=max(10, EXAMPLES // 6))
@given(
    picks=st.lists(
        st.tuples(st.integers(0, len(CLAUSES) - 1), st.integers(0, 5000)), min_size=50, max_size=400
    ),
    joiner=st.sampled_from([", ", " and ", "; ", " — "]),
    end=st.sampled_from(["", ".", "\n"]),
)
def test_very_long_sentences(picks, joiner, end):
    text = joiner.join(CLAUSES[i].format(n=n) for i, n in picks) + end
    doc, claims = extract(text)
    check_claims(doc, claims)


# --------------------------------------------------------------------------- batches


@fuzz
@given(texts=st.lists(st.lists(TOKENS, max_size=40).map(" ".join), min_size=1, max_size=4))
def test_a_batch_gives_each_document_its_own_claims(texts):
    from tolltrack.extract.document import extract_many

    docs = [Document(text=t) for t in texts]
    for doc, claims in extract_many(docs, batch_size=len(docs)):
        check_claims(doc, claims)
        assert [c.to_dict() for c in claims] == [c.to_dict() for c in extract(doc.text)[1]]
