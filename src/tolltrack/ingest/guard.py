"""Checks the ingest stage applies before a text becomes a Document.

Every check raises :class:`Refused` with a reason a user can act on; the caller turns it into an
``IngestError`` naming the file (and line) and carries on with the next input.
"""

from __future__ import annotations

import codecs
import re

from .language import detect_language

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class Refused(Exception):
    """An input that will not become a Document; ``str(exc)`` is the reason."""


# Leading bytes of common binary formats, to name them in the error message.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
]
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# C0 and C1 control characters other than tab, newline, vertical tab, form feed, carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]{3}")  # three letters in a row: the least a report's words have
_MAX_CONTROL_SHARE = 0.01


def human_size(n: int) -> str:
    """``21.3 MiB`` style size for messages (binary units, as the limits are given)."""
    for unit, step in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} bytes"


def check_size(size: int, limit: int, what: str = "report") -> None:
    """Refuse a report larger than ``limit`` bytes, saying both sizes."""
    if size > limit:
        raise Refused(
            f"{what} too large: {human_size(size)} ({size:,} bytes) exceeds the limit of "
            f"{human_size(limit)} ({limit:,} bytes)"
        )


def declared_charset(head: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` or XML declaration names, if Python knows it."""
    m = _DECLARED.search(head[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # As browsers do: pages labelled latin-1 or ASCII are really written in windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def refuse_binary(data: bytes, nul: bool = True) -> None:
    """Refuse data that starts like a known binary format or (with ``nul``) contains NUL bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise Refused(f"binary input ({what}), not a text report")
    if nul and b"\x00" in data:
        raise Refused("binary input (contains NUL bytes), not a text report")


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes → text, refusing binary data.

    A byte-order mark decides the encoding; otherwise strict UTF-8, then the ``declared`` encoding
    (from an HTML/XML header), then cp1252 and finally latin-1. Whatever decoded must be mostly
    printable: more than 1% control characters means the input is not text.
    """
    refuse_binary(data, nul=False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise Refused(
                    f"undecodable text: invalid {codec} ({exc.reason} at byte {exc.start})"
                ) from None
            return _printable(text.lstrip("\ufeff"))
    refuse_binary(data)
    try:
        return _printable(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 at byte {exc.start}"
    for codec in (declared, "cp1252", "latin-1"):
        if not codec or codec == "utf-8":
            continue
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return _printable(text, f"{utf8_error}; as {codec} it")
    raise Refused(f"undecodable text: {utf8_error}")  # latin-1 decodes anything; kept for clarity


def _printable(text: str, what: str = "it") -> str:
    if text:
        n = len(_CONTROL.findall(text[:100_000]))
        if n / min(len(text), 100_000) > _MAX_CONTROL_SHARE:
            raise Refused(f"binary or undecodable input: {what} has {n} control characters")
    return text


def normalise(text: str) -> str:
    """Unify newlines to ``\\n`` and drop a leading byte-order mark; nothing else changes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def check_text(text: str) -> str:
    """Refuse empty and non-English text; returns the detected language (``"en"``)."""
    if not text.strip():
        raise Refused("empty text")
    if not _WORD.search(text):  # one or two stray bytes, digits or punctuation alone
        raise Refused("no words: not one word of three letters or more")
    lang = detect_language(text)
    if lang != "en":
        raise Refused(f"not English (detected {lang})")
    return lang
