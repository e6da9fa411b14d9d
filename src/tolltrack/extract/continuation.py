"""A sentence that plainly goes on with the statement of the sentence before it, in the same
paragraph (the README's rule: attribution carries over "while the same paragraph plainly goes on with
that source's statement"): one that breaks down the figures just given ('Among them, seven were
nurses', 'Of those, 12 were children') or adds to their list ('There have also been 40 killed').
A sentence without such a link is the report's own again."""

from __future__ import annotations

import re

from spacy.tokens import Span

from tolltrack.model import Attribution, Claim, Source

GOES_ON = re.compile(
    r"\W*(?:(?:among|of)\s+(?:them|these|those|whom)\b|there\s+(?:have|has|had|were|was|are|is)\s+also\b)",
    re.IGNORECASE,
)


def carry_paragraphs(
    sents: list[Span], text: str, speakers: list[Source | None], claims_by_sent: dict[int, list[Claim]]
) -> None:
    """Give the source of the sentence before (its attributed claims' or its named speaker's) to the
    unattributed claims of a sentence that goes on with it in the same paragraph."""
    for i, found in sorted(claims_by_sent.items()):
        if (
            i == 0
            or not GOES_ON.match(sents[i].text)
            or "\n" in text[sents[i - 1].end_char - 1 : sents[i].start_char]
        ):
            continue
        chain = _source_of(i - 1, speakers, claims_by_sent)
        for c in found:
            if chain and not c.attribution.named_chain():
                c.attribution = Attribution(chain=list(chain), hedge=c.attribution.hedge)
                c.notes.append(f"goes on with {chain[-1].name}")


def _source_of(i: int, speakers: list[Source | None], claims_by_sent: dict[int, list[Claim]]) -> list[Source]:
    for c in reversed(claims_by_sent.get(i, [])):
        if c.attribution.named_chain():
            return c.attribution.named_chain()
    return Attribution([speakers[i]]).named_chain() if speakers[i] is not None else []
