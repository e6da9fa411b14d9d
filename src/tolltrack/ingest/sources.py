"""The ingest stage: files, folders, uploads and strings → Documents (or IngestErrors).

Formats (by extension, else sniffed from the first bytes): plain text, HTML (main content via
trafilatura), JSONL/NDJSON and JSON (one report per object), RSS/Atom feeds (one report per entry).

Metadata precedence: what the input itself says (HTML metadata, JSON fields, feed entries) wins;
the ``published``/``outlet`` arguments fill in what it leaves out.

Nothing raises for bad input: a file that cannot be read, a report that is too large, binary,
empty or not English, a malformed JSON line all become an :class:`IngestError` naming the file
(``file.jsonl:LINE`` for a JSONL line, ``feed.xml:entry N`` for a feed entry) and the run goes on.
Text is kept as written apart from newlines unified to ``\\n`` and a leading BOM dropped, so claim
offsets point into what the user supplied.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from tolltrack.model import Document, IngestError

from .formats import (
    FEED,
    HTML,
    JSON,
    JSONL,
    Fields,
    feed_items,
    html_fields,
    parse_json,
    record_fields,
    sniff,
)
from .guard import (
    DEFAULT_MAX_BYTES,
    Refused,
    check_size,
    check_text,
    declared_charset,
    decode,
    normalise,
    refuse_binary,
)
from .language import detect_language

__all__ = [
    "DEFAULT_MAX_BYTES",
    "detect_language",
    "document_from_text",
    "documents_from_bytes",
    "iter_documents",
    "not_a_report",
]

Result = Document | IngestError


def iter_documents(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skipped: list[str] | None = None,
) -> Iterator[Result]:
    """Read reports from files and folders, yielding a Document or an IngestError for each.

    Folders are walked recursively in sorted order, leaving out what is not a report
    (``not_a_report``: hidden entries, README*, LICENSE*, Markdown), which a path named in ``paths``
    is read whatever its name; the paths left out are appended to ``skipped``. Symbolic links are
    followed; a link back to a folder being walked is reported as an IngestError ("symbolic link
    loop") instead of recursing, and a file or folder reached twice through links is read once.
    ``max_bytes`` limits each report: a whole file, or one JSONL line. ``published`` and ``outlet``
    fill in what a report's own metadata leaves out.
    """
    walker = _Walker(Fields("", outlet=outlet, published=published), max_bytes)
    walker.skipped = skipped if skipped is not None else []
    for p in paths:
        yield from walker.walk(Path(p), {})


def documents_from_bytes(
    data: bytes,
    name: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Result]:
    """The reports in an uploaded file's bytes, sniffed like a file on disk.

    ``name`` (the upload's file name) picks the format by its extension and names the source in
    messages; it never touches the file system.
    """
    defaults = Fields("", outlet=outlet, published=published)
    return list(_safely(name, _from_bytes(data, name, defaults, max_bytes)))


def document_from_text(
    text: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str = "<text>",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Result:
    """One report given as a string (e.g. pasted into the web form), with the same guards."""
    try:
        check_size(len(text.encode("utf-8", "surrogatepass")), max_bytes)
    except Refused as exc:
        return IngestError(source, str(exc))
    fields = Fields(normalise(text), title=title, url=url, outlet=outlet, published=published)
    return _document(fields, Fields(""), source)


# --------------------------------------------------------------------------- internals


def _document(fields: Fields, defaults: Fields, source: str) -> Result:
    """Fields → Document after the text guards; the input's metadata wins over the defaults."""
    try:
        language = check_text(fields.text)
    except Refused as exc:
        return IngestError(source, str(exc))
    return Document(
        text=fields.text,
        outlet=fields.outlet or defaults.outlet,
        url=fields.url,
        published=fields.published or defaults.published,
        title=fields.title,
        source_path=source,
        language=language,
    )


def _safely(source: str, results: Iterator[Result]) -> Iterator[Result]:
    """Pass results through; an unexpected exception ends this input with an IngestError."""
    try:
        yield from results
    except Exception as exc:  # a bug or a library failure must not stop the whole run
        yield IngestError(source, f"internal error: {type(exc).__name__}: {exc}")


def _from_bytes(data: bytes, name: str, defaults: Fields, max_bytes: int) -> Iterator[Result]:
    kind = sniff(name, data[:4096])
    if kind == JSONL:
        yield from _jsonl(io.BytesIO(data), name, defaults, max_bytes)
        return
    try:
        check_size(len(data), max_bytes)
        text = decode(data, declared_charset(data) if kind in (HTML, FEED) else None)
        items = list(feed_items(data)) if kind == FEED else []
    except Refused as exc:
        yield IngestError(name, str(exc))
        return
    if kind == FEED:
        for i, item in enumerate(items, 1):
            src = f"{name}:entry {i}"
            yield IngestError(src, str(item)) if isinstance(item, Refused) else _document(item, defaults, src)
    elif kind == JSON:
        yield from _json(text, name, defaults, max_bytes)
    elif kind == HTML:
        try:
            yield _document(html_fields(text), defaults, name)
        except Refused as exc:
            yield IngestError(name, str(exc))
    else:
        yield _document(Fields(normalise(text)), defaults, name)


def _json(text: str, name: str, defaults: Fields, max_bytes: int) -> Iterator[Result]:
    """A JSON document: one report object or an array of them; several lines of objects are
    read as JSON lines."""
    try:
        value = parse_json(text)
    except Refused as exc:
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from _jsonl(io.BytesIO(text.encode("utf-8")), name, defaults, max_bytes)
        else:
            yield IngestError(name, str(exc))
        return
    records = value if isinstance(value, list) else [value]
    for i, rec in enumerate(records):
        src = f"{name}[{i}]" if isinstance(value, list) else name
        try:
            yield _document(record_fields(rec), defaults, src)
        except Refused as exc:
            yield IngestError(src, str(exc))


def _jsonl(stream: BinaryIO, name: str, defaults: Fields, max_bytes: int) -> Iterator[Result]:
    """One report per line, read as a stream so a large file never sits in memory at once.
    A bad line becomes an IngestError for ``name:LINE`` and the next line is read."""
    try:
        refuse_binary(stream.read(8192))
        stream.seek(0)
    except Refused as exc:
        yield IngestError(name, str(exc))
        return
    lineno = 0
    while raw := stream.readline(max_bytes + 1):
        lineno += 1
        src = f"{name}:{lineno}"
        try:
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                check_size(len(raw) + _skip_line(stream), max_bytes, "line")
            line = normalise(decode(raw)).strip()
            if not line:
                continue
            yield _document(record_fields(parse_json(line)), defaults, src)
        except Refused as exc:
            yield IngestError(src, str(exc))


def _skip_line(stream: BinaryIO) -> int:
    """Consume the rest of an over-long line; returns how many bytes it had."""
    n = 0
    while chunk := stream.readline(1 << 20):
        n += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return n


_NOT_REPORTS = re.compile(r"^(\.|(readme|licen[cs]e|copying)(?![a-z]))|\.(md|markdown)$", re.IGNORECASE)


def not_a_report(name: str) -> bool:
    """Whether a folder entry is left out of a folder's reports: hidden (".git", ".DS_Store"), a
    README, LICENSE or COPYING file, or Markdown (project notes, not news reports)."""
    return bool(_NOT_REPORTS.search(name))


class _Walker:
    """Walks paths once each, detecting symbolic link loops."""

    def __init__(self, defaults: Fields, max_bytes: int) -> None:
        self.defaults = defaults
        self.max_bytes = max_bytes
        self.skipped: list[str] = []
        self.seen: set[tuple[int, int]] = set()  # (device, inode) of files and folders read

    def walk(self, path: Path, ancestors: dict[tuple[int, int], Path]) -> Iterator[Result]:
        name = str(path)
        try:
            st = path.stat()
        except OSError as exc:
            yield IngestError(name, _os_reason(path, exc))
            return
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in ancestors:
                yield IngestError(name, f"symbolic link loop: leads back to {ancestors[key]}")
                return
            if key in self.seen:
                return
            self.seen.add(key)
            try:
                with os.scandir(path) as it:
                    names = sorted(e.name for e in it)
            except OSError as exc:
                yield IngestError(name, _os_reason(path, exc))
                return
            self.skipped.extend(str(path / n) for n in names if not_a_report(n))
            names = [n for n in names if not not_a_report(n)]
            inner = {**ancestors, key: path}
            for entry in names:
                yield from self.walk(path / entry, inner)
        elif stat.S_ISREG(st.st_mode):
            if key not in self.seen:
                self.seen.add(key)
                yield from _safely(name, self._file(path, st.st_size))
        else:
            yield IngestError(name, "not a regular file or folder (a device, pipe or socket)")

    def _file(self, path: Path, size: int) -> Iterator[Result]:
        name = str(path)
        try:
            with open(path, "rb") as f:
                if sniff(name, b"") == JSONL:  # decided by the extension: stream it
                    yield from _jsonl(f, name, self.defaults, self.max_bytes)
                    return
                check_size(size, self.max_bytes)
                data = f.read(self.max_bytes + 1)
        except Refused as exc:
            yield IngestError(name, str(exc))
            return
        except OSError as exc:
            yield IngestError(name, _os_reason(path, exc))
            return
        yield from _from_bytes(data, name, self.defaults, self.max_bytes)


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself)"
    if exc.errno == errno.ENOENT:
        return (
            "broken symbolic link (its target is missing)" if path.is_symlink() else "no such file or folder"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"
