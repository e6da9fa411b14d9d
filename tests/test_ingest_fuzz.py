"""Fuzzing the ingest stage: whatever bytes arrive, no exception escapes and errors name the source.

300 examples per test by default (a few seconds); set TOLLTRACK_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tolltrack.ingest.sources import detect_language, documents_from_bytes
from tolltrack.model import Document, IngestError, content_id

EXAMPLES = int(os.environ.get("TOLLTRACK_FUZZ_EXAMPLES", "300"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,  # trafilatura's first call is slow
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NAMES = st.sampled_from(
    ["r.txt", "page.html", "page.htm", "a.jsonl", "b.ndjson", "c.json", "f.rss", "f.atom", "f.xml", "upload"]
)
WORDS = st.sampled_from(
    [
        "the",
        "police",
        "said",
        "two",
        "people",
        "were",
        "killed",
        "and",
        "three",
        "injured",
        "in",
        "a",
        "blast",
        "on",
        "Sunday",
        "according",
        "to",
        "officials",
        "café",
        "“quoted”",
        "—",
        "42",
        "at",
        "least",
        "dozens",
        "Havana",
    ]
)
ENTITIES = st.sampled_from(
    ["&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#8217;", "&#0;", "&#x110000;", "&bogus;"]
)
TAGS = st.sampled_from(
    ["html", "head", "body", "title", "p", "div", "span", "a", "br", "script", "style", "article", "nav",
     "table", "tr", "td", "li", "meta", "h1", "noscript", "template", "svg"]
)  # fmt: skip


def check(results: list, name: str) -> None:
    assert isinstance(results, list)
    for r in results:
        assert isinstance(r, Document | IngestError), r
        if isinstance(r, IngestError):
            assert r.source.startswith(name) and r.reason, r
            assert not r.reason.startswith("internal error"), r  # an exception was swallowed: a bug
        else:
            assert r.text.strip() and "\r" not in r.text and not r.text.startswith("\ufeff")
            assert r.language == "en" and r.id == content_id(r.text, r.title)
            assert r.source_path.startswith(name)


@fuzz
@given(data=st.binary(max_size=3000), name=NAMES)
def test_random_bytes(data, name):
    check(documents_from_bytes(data, name), name)


@fuzz
@given(text=st.text(max_size=2000), name=NAMES, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_text(text, name, encoding):
    check(documents_from_bytes(text.encode(encoding, "surrogatepass"), name), name)


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_json_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
_sentences = st.lists(WORDS, min_size=3, max_size=25).map(" ".join)
_dates = st.sampled_from(
    ["2025-01-02", "2025-01-02T23:59:00-05:00", "2025-13-45", "Tue, 07 Jan 2025", "", "yesterday"]
)
_report_keys = st.sampled_from(
    ["text", "html", "url", "outlet", "source", "sitename", "published", "title", "id"]
)
_records = st.dictionaries(_report_keys, _sentences | _dates | _scalars | _json_values, max_size=5)


@st.composite
def json_lines(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        line = json.dumps(draw(_records if draw(st.integers(0, 4)) else _json_values))
        if draw(st.integers(0, 3)) == 0:  # corrupt it
            cut = draw(st.integers(0, len(line)))
            line = (
                line[:cut] + draw(st.sampled_from(["", "\x00", "}", '"', "\\", "\ud800", "\n"])) + line[cut:]
            )
        lines.append(line)
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return sep.join(lines).encode("utf-8", "surrogatepass")


@fuzz
@given(data=json_lines(), name=st.sampled_from(["a.jsonl", "c.json", "upload"]))
def test_random_json_lines(data, name):
    check(documents_from_bytes(data, name), name)


@st.composite
def html_soup(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(ENTITIES))
        elif kind == 3:
            parts.append(
                draw(st.sampled_from(["<!--", "-->", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<", ">"]))
            )
        else:
            parts.append(" ".join(draw(st.lists(WORDS, max_size=12))))
    return "".join(parts)


@fuzz
@given(html=html_soup(), name=st.sampled_from(["page.html", "upload", "f.rss"]))
def test_random_html(html, name):
    check(documents_from_bytes(html.encode(), name), name)


@fuzz
@given(items=st.lists(html_soup(), max_size=4), atom=st.booleans(), name=st.sampled_from(["f.xml", "upload"]))
def test_random_feeds(items, atom, name):
    from xml.sax.saxutils import escape

    if atom:
        entries = "".join(
            f"<entry><title>t</title><content type='html'>{escape(i)}</content></entry>" for i in items
        )
        feed = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>{entries}</feed>"
    else:
        entries = "".join(
            f"<item><pubDate>Mon, 03 Mar 2025</pubDate><description>{escape(i)}</description></item>"
            for i in items
        )
        feed = f"<rss version='2.0'><channel><title>F</title>{entries}</channel></rss>"
    check(documents_from_bytes(feed.encode(), name), name)


@fuzz
@given(text=st.text(max_size=500))
def test_detect_language_is_total(text):
    assert detect_language(text) in {"en", "non-en", "und"} or len(detect_language(text)) == 2
