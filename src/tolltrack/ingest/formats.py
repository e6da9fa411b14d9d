"""Format readers of the ingest stage: format sniffing, HTML, RSS/Atom feeds, JSON records, dates.

Each reader turns its input into :class:`Fields` — the text and whatever metadata the input
itself carries — or raises :class:`~tolltrack.ingest.guard.Refused`. Turning Fields into a
Document (defaults, guards, language) is the job of :mod:`tolltrack.ingest.sources`.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from .guard import Refused, normalise

TEXT, HTML, JSONL, JSON, FEED = "text", "html", "jsonl", "json", "feed"

_EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON,
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
}  # fmt: skip
_XML_PROLOGUE = re.compile(rb"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)*", re.IGNORECASE | re.DOTALL)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<!doctype\s+html|<(?:html|head|body|p|div|article|h[1-6])[\s>/]", re.IGNORECASE)


@dataclass
class Fields:
    """What one input says about a report; None where it says nothing."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None


def sniff(name: str, head: bytes) -> str:
    """The format of an input: by its extension when known, else by its first bytes."""
    dot = name.rfind(".")
    ext = name[dot:].lower() if dot > name.rfind("/") else ""
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    head = head[:4096].lstrip(b"\xef\xbb\xbf")
    start = _XML_PROLOGUE.match(head)
    rest = head[start.end() if start else 0 :]
    if _FEED_ROOT.match(rest):
        return FEED
    if _HTML_START.search(head[:1024]) and head.lstrip()[:1] == b"<":
        return HTML
    if head.lstrip()[:1] in (b"{", b"["):
        return JSON
    return TEXT


# --------------------------------------------------------------------------- dates


def parse_date(value: Any) -> date | None:
    """A publication date from an ISO date/datetime or an RFC 2822 date (as in RSS).

    The calendar date is the one written, not converted to UTC: "2026-01-04T23:30-05:00" is
    4 January. Empty values give None; anything else unparseable raises ValueError.
    """
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    s = value.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])  # "2026-01-04 something"
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not an ISO or RFC 2822 date: {s[:40]!r}") from None


# --------------------------------------------------------------------------- HTML

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "select"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "blockquote", "pre", "article", "section", "header", "footer", "aside", "nav", "main",
    "figure", "figcaption", "hr", "address", "form", "fieldset", "details", "summary", "title",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\xa0]+")


def html_to_text(html: str) -> str:
    """Plain text of an HTML page or fragment: scripts/styles dropped, entities decoded,
    one line per block element. Used for feed entries and when trafilatura finds nothing."""
    import lxml.etree

    html = _strip_xml_declaration(html)
    if not html.strip():
        return ""
    try:
        # wraps a fragment in <html><body>; None when nothing parses. huge_tree: pages nested deeper
        # than libxml2's default 256 levels (up to 2,048) are read, not cut off at that depth.
        root = lxml.etree.HTML(html, lxml.etree.HTMLParser(huge_tree=True))
    except (lxml.etree.LxmlError, ValueError):
        return ""
    if root is None:
        return ""
    parts: list[str] = []
    skipping = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None  # None: comment or PI
        if event == "start":
            if tag is None or tag in _SKIP:
                skipping += 1
                continue
            if skipping:
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag is None or tag in _SKIP:
                skipping -= 1
            elif not skipping and tag in _BLOCK:
                parts.append("\n")
            if not skipping and el.tail and el is not root:
                parts.append(el.tail)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _strip_xml_declaration(s: str) -> str:
    # lxml refuses str input that carries an encoding declaration.
    return re.sub(r"\A\s*<\?xml[^>]*\?>", "", s, count=1)


def html_fields(html: str) -> Fields:
    """Text and metadata of an HTML page: trafilatura's main-content text, title, date, site name
    and canonical URL; the whole visible text when trafilatura finds no main content."""
    import trafilatura

    text = title = url = outlet = published = None
    try:
        doc = trafilatura.bare_extraction(
            _strip_xml_declaration(html),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/htmldate can fail on odd markup; fall back to plain stripping
        doc = None
    if doc is not None:
        text, title, url, outlet = doc.text, doc.title, doc.url, doc.sitename
        try:
            published = parse_date(doc.date)
        except ValueError:
            published = None
    if not text or not text.strip():
        text = html_to_text(html)
    if not text.strip():
        raise Refused("HTML yielded no text")
    return Fields(normalise(text), _clean(title), _clean(url), _clean(outlet), published)


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    s = " ".join(s.split())
    return s or None


# --------------------------------------------------------------------------- feeds


def feed_items(data: bytes) -> Iterator[Fields | Refused]:
    """The entries of an RSS/Atom feed, in document order; a Refused for an entry without text.

    Raises Refused when the input is not a readable feed at all.
    """
    import feedparser

    # A file object: given str or bytes, feedparser would try them as a URL or a file name.
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser trips over some broken input (e.g. "&#x110000;")
        raise Refused(f"malformed feed: {type(exc).__name__}: {exc}") from None
    if not parsed.entries:
        if parsed.get("bozo"):
            raise Refused(f"malformed feed: {parsed.get('bozo_exception')}")
        raise Refused("feed has no entries")
    feed_title = _clean(parsed.feed.get("title"))
    for entry in parsed.entries:
        try:
            yield _entry_fields(entry, feed_title)
        except Refused as exc:
            yield exc


def _entry_fields(entry: Any, feed_title: str | None) -> Fields:
    text = ""
    for c in [*entry.get("content", []), entry.get("summary_detail") or {}]:
        value = c.get("value") or ""
        if value.strip():
            is_html = "html" in (c.get("type") or "") or "<" in value
            text = html_to_text(value) if is_html else value
            if text.strip():
                break
    if not text.strip():
        raise Refused("feed entry has no text")
    published = None
    for key in ("published", "updated", "created"):
        try:
            published = parse_date(entry.get(key))
        except ValueError:
            parsed = entry.get(f"{key}_parsed")
            published = date(*parsed[:3]) if parsed else None
        if published:
            break
    title = entry.get("title")
    if title and ("html" in (entry.get("title_detail") or {}).get("type", "") or "<" in title):
        title = html_to_text(title)
    source = entry.get("source") or {}
    return Fields(
        text=normalise(text),
        title=_clean(title),
        url=_clean(entry.get("link")),
        outlet=_clean(source.get("title")) or feed_title,
        published=published,
    )


# --------------------------------------------------------------------------- JSON records


def record_fields(rec: Any) -> Fields:
    """A report from one JSON object: ``text`` (or ``html``), ``url``/``link``, ``outlet`` (or
    ``source``/``sitename``), ``published`` (or ``date``) and ``title``. Other keys are ignored,
    ``id`` included: a Document's id is the hash of its title and text."""
    if not isinstance(rec, dict):
        raise Refused(f"expected a JSON object, got {_json_type(rec)}")
    text, html = rec.get("text"), rec.get("html")
    if text is None and html is None:
        raise Refused('no "text" (or "html") field')
    if text is not None:
        if not isinstance(text, str):
            raise Refused(f'"text" must be a string, not {_json_type(text)}')
        fields = Fields(normalise(text))
    else:
        if not isinstance(html, str):
            raise Refused(f'"html" must be a string, not {_json_type(html)}')
        fields = html_fields(html)
    source = rec.get("source")
    if isinstance(source, dict):  # {"source": {"id": ..., "name": "..."}}
        source = source.get("name")
    outlet = _first_string(rec, ("outlet",)) or _clean(source) or _first_string(rec, ("sitename",))
    published = rec.get("published", rec.get("date"))
    try:
        pub = parse_date(published)
    except ValueError as exc:
        raise Refused(f'bad "published" value: {exc}') from None
    return Fields(
        text=fields.text,
        title=_first_string(rec, ("title",)) or fields.title,
        url=_first_string(rec, ("url", "link")) or fields.url,
        outlet=outlet or fields.outlet,
        published=pub or fields.published,
    )


def _first_string(rec: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = rec.get(k)
        if v is not None and not isinstance(v, str):
            raise Refused(f'"{k}" must be a string, not {_json_type(v)}')
        if _clean(v):
            return _clean(v)
    return None


def _json_type(v: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(v), "null" if v is None else "a number"
    )


def parse_json(line: str) -> Any:
    """``json.loads`` with every failure (including absurd nesting) as Refused."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise Refused(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except (RecursionError, ValueError) as exc:
        raise Refused(f"malformed JSON: {exc}") from None
