"""Who says so across sentences and paragraphs (issue 16, the README's rule: attribution carries on
only while the same paragraph plainly goes on with the source's statement). Our own sentences."""

from __future__ import annotations

from tolltrack.extract.document import extract_many
from tolltrack.model import Document


def claimants(text: str, whole: bool = False) -> list[tuple[str, str | None]]:
    out = []
    for _, claims in extract_many([Document(text=text)], whole=whole):
        for c in claims:
            if c.outcome is None or c.refers_to is not None:
                continue
            chain = c.attribution.named_chain() or c.attribution.chain
            out.append((c.outcome.value, chain[-1].name if chain else None))
    return out


def test_a_stretch_ending_inside_a_paragraph_does_not_join_the_next_paragraph():
    """Only parts of a report are parsed; a kept sentence that ends its stretch in the middle of a
    paragraph must not run into the next kept paragraph (here a signed post that would claim it)."""
    text = (
        "Harbour news\n\n"
        "Ann Cole, a reporter, was arrested in 2019 over her columns. The harbour opened a new ferry "
        "terminal in spring. Tourists praised the views from the pier.\n\n"
        "The opening was a success, Mayor Tom Reyes said at the pier. — Harbour Council (@harbourcouncil) "
        "May 3, 2021\n\n"
        "He said two fishermen were injured in a storm last week."
    )
    assert claimants(text) == claimants(text, whole=True) == [("detained", None), ("injured", "Tom Reyes")]


def test_a_sentence_that_breaks_down_the_figures_goes_on_with_their_source():
    text = (
        "The monitoring group said the army had killed 120 people and arrested 900 since the coup. "
        "Among them, 14 nurses have been killed and 60 students have been arrested. "
        "There have also been 25 teachers detained."
    )
    found = claimants(text)
    assert len(found) == 5 and all(who == "monitoring group" for _, who in found), found


def test_a_sentence_without_a_link_is_the_reports_own_again():
    text = (
        "The monitoring group said the army had killed 120 people since the coup. "
        "On Friday, soldiers arrested 14 nurses at a clinic in the capital.\n\n"
        "Among them, three were later wounded."
    )
    found = claimants(text)
    assert found[0] == ("killed", "monitoring group") and found[1:] == [
        ("detained", None),
        ("injured", None),
    ], found


SINGLE_MARKS = (
    "Dockers strike\n\n"
    "The port reopened on Monday after a week of strikes. ‘There is no peace without rights’, explained "
    "union leader Ann Cole, head of the Dockers Union.\n\n"
    "‘Our union cannot work. Many of our leaders have been arrested.’\n\n"
    "The federation said: ‘The army is putting pressure on the workers. Soldiers arrested 40 workers on "
    "Friday.’"
)


def test_quotations_in_single_marks_run_over_sentences():
    """‘...’ quotes like “...”: the second sentence of a quotation opened in single marks goes on with
    its speaker (named at the end of the paragraph before), and a verb inside the quotation ('putting
    pressure') does not take the speaker's place."""
    assert claimants(SINGLE_MARKS) == [("detained", "Ann Cole"), ("detained", "federation")]
    assert claimants(SINGLE_MARKS, whole=True) == claimants(SINGLE_MARKS)
