"""The ingest stage: formats, metadata precedence, guards, folder walking and symbolic links."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from tolltrack.ingest import sources as ingest
from tolltrack.ingest.sources import detect_language, document_from_text, documents_from_bytes, iter_documents
from tolltrack.model import Document, IngestError, content_id

DATA = Path(__file__).parent / "data" / "ingest"
ENGLISH = (
    "Two people were killed and five were injured when a lorry crashed into a market stall in the town "
    "centre on Saturday, police said."
)


def docs_and_errors(results):
    results = list(results)
    assert all(isinstance(r, Document | IngestError) for r in results)
    return [r for r in results if isinstance(r, Document)], [r for r in results if isinstance(r, IngestError)]


def only_error(results) -> IngestError:
    results = list(results)
    assert len(results) == 1 and isinstance(results[0], IngestError), results
    return results[0]


def only_doc(results) -> Document:
    results = list(results)
    assert len(results) == 1 and isinstance(results[0], Document), results
    return results[0]


# --------------------------------------------------------------------------- plain text


def test_text_file_is_kept_whole_with_metadata_from_the_arguments():
    path = DATA / "report.txt"
    doc = only_doc(iter_documents([path], published=date(2025, 4, 1), outlet="Marlow Post"))
    assert doc.text == path.read_text(encoding="utf-8")  # first line stays in the text
    assert doc.title is None and doc.url is None
    assert doc.published == date(2025, 4, 1) and doc.outlet == "Marlow Post"
    assert doc.source_path == str(path) and doc.language == "en"
    assert doc.id == content_id(doc.text)


def test_text_normalisation_unifies_newlines_and_drops_the_bom_only():
    raw = "\ufeffFirst line of the report.\r\nSecond line said police.\rThird  line,  spaced. \n"
    doc = only_doc(documents_from_bytes(raw.encode("utf-8"), "r.txt"))
    assert doc.text == "First line of the report.\nSecond line said police.\nThird  line,  spaced. \n"


def test_utf16_with_bom_is_decoded():
    doc = only_doc(documents_from_bytes(ENGLISH.encode("utf-16"), "r.txt"))
    assert doc.text == ENGLISH


def test_cp1252_text_is_decoded():
    text = "The caf\u00e9 owner said \u201ctwo people\u201d were killed and the police were called."
    doc = only_doc(documents_from_bytes(text.encode("cp1252"), "r.txt"))
    assert doc.text == text


def test_document_from_text():
    doc = document_from_text(ENGLISH + "\r\n", published=date(2024, 1, 2), outlet="X", url="u", title="T")
    assert isinstance(doc, Document)
    assert doc.text == ENGLISH + "\n"
    assert (doc.published, doc.outlet, doc.url, doc.title, doc.source_path) == (
        date(2024, 1, 2),
        "X",
        "u",
        "T",
        "<text>",
    )
    err = document_from_text("  \n ", source="form")
    assert isinstance(err, IngestError) and err.source == "form" and err.reason == "empty text"


# --------------------------------------------------------------------------- HTML


def test_html_page_text_and_metadata():
    doc = only_doc(iter_documents([DATA / "page.html"]))
    text = doc.text
    assert "Six people were injured, two of them seriously" in text
    assert "café" in text and "Firefighters & paramedics" in text and "“The whole front" in text
    assert "&amp;" not in text and "&eacute;" not in text and "&ldquo;" not in text
    for script_or_style in ("analytics", "ninety", "Advertisement", "stylesheet text", "font-weight"):
        assert script_or_style not in text
    assert "All rights reserved" not in text  # boilerplate is not main content
    assert doc.title == "Six hurt in Harbour Street blast"
    assert doc.outlet == "The Northgate Courier"
    assert doc.published == date(2025, 11, 14)  # the date as written, not shifted to UTC
    assert doc.url == "https://courier.example/news/2025/11/14/harbour-street-blast"


def test_html_is_sniffed_without_an_extension():
    data = (DATA / "page.html").read_bytes()
    doc = only_doc(documents_from_bytes(data, "upload"))
    assert doc.title == "Six hurt in Harbour Street blast" and "<p>" not in doc.text


def test_tiny_html_fragment_falls_back_to_plain_stripping():
    html = b"<p>Two men died in the fire, police said.</p><script>var killed = 99;</script>"
    doc = only_doc(documents_from_bytes(html, "frag.html"))
    assert doc.text == "Two men died in the fire, police said."


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><script>alert('killed')</script></head><body>  <!-- nothing --> </body></html>",
        b"<html><body><style>p { color: red }</style></body></html>",
        b"<html><body><div><span></span><br/></div></body></html>",
        b"",
    ],
)
def test_html_without_text_is_an_error(html):
    err = only_error(documents_from_bytes(html, "empty.html"))
    assert err.source == "empty.html" and err.reason in ("HTML yielded no text", "empty text")


def test_declared_html_charset_is_used_when_not_utf8():
    body = "<p>The repairs will cost \u20ac5 million, officials said after two people were hurt.</p>"
    html = f'<html><head><meta charset="iso-8859-15"></head><body>{body}</body></html>'
    doc = only_doc(documents_from_bytes(html.encode("iso-8859-15"), "page.html"))
    assert "\u20ac5 million" in doc.text


# --------------------------------------------------------------------------- feeds


def test_rss_feed_entries():
    docs, errors = docs_and_errors(iter_documents([DATA / "feed.rss"], published=date(2000, 1, 1)))
    assert not errors and len(docs) == 2
    first, second = docs
    assert first.source_path == f"{DATA / 'feed.rss'}:entry 1"
    assert first.title == "Three killed in highway pile-up near Ashford"
    assert first.url == "https://wire.example/2025/03/02/ashford-pile-up"
    assert first.outlet == "Eastbrook Daily Wire"
    assert first.published == date(2025, 3, 2)  # 23:15 -0500 is still 2 March where it was written
    assert first.text.startswith("Three people were killed and nine were injured")  # content, not summary
    assert "fog & black ice" in first.text and "ignore this" not in first.text and "<p>" not in first.text
    assert second.outlet == "Valley Gazette"  # the entry's own <source> wins over the feed title
    assert second.published == date(2025, 3, 3)
    assert second.text.startswith("A firefighter was treated") and "<p>" not in second.text


def test_atom_feed_entries():
    docs, errors = docs_and_errors(iter_documents([DATA / "feed.atom"]))
    assert not errors and len(docs) == 2
    first, second = docs
    assert first.title == "Ferry capsizes on Lake Orin – dozens rescued"
    assert first.url == "https://observer.example/ferry-capsizes"
    assert first.outlet == "Lakeside Observer"
    assert first.published == date(2025, 6, 10)  # <published> before <updated>
    assert first.text == (
        "At least seven people drowned and dozens were rescued after a ferry capsized on Lake Orin on "
        "Tuesday, the coast guard said.\nOfficials said the boat had been carrying more passengers than "
        "it was licensed for."
    )
    assert second.published == date(2025, 6, 11)  # only <updated>
    assert second.text.startswith("Two people were injured by falling trees")


def test_feed_is_sniffed_from_content():
    docs, errors = docs_and_errors(documents_from_bytes((DATA / "feed.atom").read_bytes(), "upload"))
    assert len(docs) == 2 and not errors


def test_feed_entry_metadata_falls_back_to_arguments():
    rss = (
        b"<rss version='2.0'><channel><item><title>Crash</title>"
        b"<description>" + ENGLISH.encode() + b"</description></item></channel></rss>"
    )
    doc = only_doc(documents_from_bytes(rss, "f.rss", published=date(2024, 5, 6), outlet="Given"))
    assert doc.published == date(2024, 5, 6) and doc.outlet == "Given" and doc.text == ENGLISH


def test_feed_entry_without_text_is_an_error_for_that_entry_only():
    rss = (
        b"<rss version='2.0'><channel><title>W</title><item><title>Empty</title></item>"
        b"<item><description>" + ENGLISH.encode() + b"</description></item></channel></rss>"
    )
    results = documents_from_bytes(rss, "f.rss")
    assert isinstance(results[0], IngestError) and results[0].source == "f.rss:entry 1"
    assert results[0].reason == "feed entry has no text"
    assert isinstance(results[1], Document) and results[1].source_path == "f.rss:entry 2"


def test_feed_without_entries():
    err = only_error(
        documents_from_bytes(b"<rss version='2.0'><channel><title>x</title></channel></rss>", "f.rss")
    )
    assert err.reason == "feed has no entries"
    err = only_error(documents_from_bytes(b"this is not < xml at all", "f.xml"))
    assert err.source == "f.xml" and ("malformed feed" in err.reason or err.reason == "feed has no entries")


# --------------------------------------------------------------------------- JSON lines


def test_jsonl_with_a_bad_line_in_the_middle():
    path = DATA / "reports.jsonl"
    results = list(iter_documents([path], published=date(2020, 1, 1), outlet="Fallback"))
    assert [r.source_path if isinstance(r, Document) else r.source for r in results] == [
        f"{path}:{n}"
        for n in (1, 2, 3, 4, 6)  # line 5 is blank
    ]
    one, two, bad, four, six = results
    assert isinstance(bad, IngestError) and bad.reason.startswith("malformed JSON")
    assert one.title == "Two shot dead in Brixley" and one.url == "https://metro.example/brixley-shooting"
    assert one.outlet == "Metro Herald" and one.published == date(2024, 9, 14)  # own metadata wins
    assert one.id == content_id(one.text, one.title) != "a1"  # the input's id is ignored
    assert two.outlet == "Denholm Advertiser" and two.published == date(2024, 9, 15)  # datetime, "source"
    assert four.text.startswith("Rescuers said on Monday") and "var x" not in four.text  # from "html"
    assert four.title == "Miners trapped" and four.outlet == "Northern Wire"
    assert four.published == date(2020, 1, 1)  # filled in from the argument
    assert six.outlet == "Fallback" and six.published == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"title": "no text"}, 'no "text" (or "html") field'),
        ({"text": 42}, '"text" must be a string, not a number'),
        ({"html": ["x"]}, '"html" must be a string, not an array'),
        ({"text": ENGLISH, "published": "last Tuesday"}, 'bad "published" value'),
        ({"text": ENGLISH, "outlet": {"x": 1}}, '"outlet" must be a string'),
        ({"text": "   "}, "empty text"),
        ([1, 2], "expected a JSON object, got an array"),
    ],
)
def test_jsonl_bad_records(line, reason):
    data = (json.dumps({"text": ENGLISH}) + "\n" + json.dumps(line) + "\n").encode()
    results = documents_from_bytes(data, "in.ndjson")
    assert isinstance(results[0], Document)
    assert isinstance(results[1], IngestError) and results[1].source == "in.ndjson:2"
    assert results[1].reason.startswith(reason)


def test_jsonl_accepts_source_objects_and_rfc2822_dates():
    line = {
        "text": ENGLISH,
        "source": {"id": "x", "name": "Wire Service"},
        "published": "Tue, 07 Jan 2025 10:00:00 GMT",
    }
    doc = only_doc(documents_from_bytes(json.dumps(line).encode(), "in.jsonl"))
    assert doc.outlet == "Wire Service" and doc.published == date(2025, 1, 7)


def test_json_file_with_an_array_of_reports():
    data = json.dumps([{"text": ENGLISH, "outlet": "A"}, {"text": ""}]).encode()
    results = documents_from_bytes(data, "batch.json")
    assert isinstance(results[0], Document) and results[0].source_path == "batch.json[0]"
    assert isinstance(results[1], IngestError) and results[1].source == "batch.json[1]"


def test_malformed_json_file():
    err = only_error(documents_from_bytes(b'{"text": "unfinished', "one.json"))
    assert err.source == "one.json" and err.reason.startswith("malformed JSON")


def test_absurdly_nested_json_is_an_error_not_a_crash():
    err = only_error(documents_from_bytes(b"[" * 100_000, "deep.jsonl"))
    assert err.source == "deep.jsonl:1" and err.reason.startswith("malformed JSON")


# --------------------------------------------------------------------------- guards


def test_size_limit_names_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 20)
    size = path.stat().st_size
    err = only_error(iter_documents([path], max_bytes=1000))
    assert err.source == str(path)
    assert f"{size:,} bytes" in err.reason and "1,000 bytes" in err.reason and "too large" in err.reason
    assert isinstance(only_doc(iter_documents([path], max_bytes=size)), Document)
    err = only_error(documents_from_bytes(path.read_bytes(), "up.txt", max_bytes=1000))
    assert "too large" in err.reason


def test_default_size_limit_is_20_mb():
    assert ingest.DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    err = only_error(documents_from_bytes(b"a" * (20 * 1024 * 1024 + 1), "huge.txt"))
    assert "20.0 MiB" in err.reason


def test_jsonl_size_limit_is_per_line(tmp_path):
    path = tmp_path / "r.jsonl"
    lines = [{"text": ENGLISH}, {"text": ENGLISH * 50}, {"text": ENGLISH + " Again."}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    results = list(iter_documents([path], max_bytes=2000))
    assert isinstance(results[0], Document) and isinstance(results[2], Document)
    assert isinstance(results[1], IngestError) and results[1].source == f"{path}:2"
    assert "line too large" in results[1].reason
    assert results[2].source_path == f"{path}:3"  # the long line was skipped as a whole


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Two killed\x00\x00\x01 in a crash", "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (bytes(range(1, 32)) * 10 + b"\xff\xfe\x81", "control characters"),
    ],
)
def test_binary_input_is_refused(data, words):
    err = only_error(documents_from_bytes(data, "blob.txt"))
    assert err.source == "blob.txt" and "binary" in err.reason and words in err.reason


def test_binary_jsonl_is_one_error_not_one_per_line():
    err = only_error(documents_from_bytes(b"\x00\x01\x02\n" * 50, "x.jsonl"))
    assert err.source == "x.jsonl" and "binary" in err.reason


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_text_is_refused(data):
    err = only_error(documents_from_bytes(data, "empty.txt"))
    assert err.reason == "empty text"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Al menos doce personas murieron y otras veinte resultaron heridas tras la explosión de un "
            "camión en la capital, según informaron las autoridades locales el domingo.",
            "es",
        ),
        (
            "Au moins douze personnes ont été tuées et une vingtaine blessées dans l'explosion d'un camion "
            "dans la capitale, selon les autorités locales dimanche soir.",
            "fr",
        ),
        (
            "Mindestens zwölf Menschen wurden bei der Explosion eines Lastwagens in der Hauptstadt getötet "
            "und zwanzig weitere verletzt, teilten die Behörden am Sonntagabend mit.",
            "de",
        ),
        (
            "По меньшей мере двенадцать человек погибли и двадцать получили ранения при взрыве грузовика в "
            "столице, сообщили местные власти.",
            "ru",
        ),
        ("星期日晚上，首都一辆卡车爆炸，造成至少十二人死亡，二十人受伤。", "zh"),
        ("قتل ما لا يقل عن اثني عشر شخصا وأصيب عشرون آخرون في انفجار شاحنة في العاصمة", "ar"),
        (
            "Sedikitnya dua belas orang tewas dan dua puluh lainnya luka-luka akibat ledakan truk di ibu "
            "kota pada Minggu malam, kata pihak berwenang setempat.",
            "non-en",
        ),
    ],
)
def test_non_english_is_refused(text, lang):
    assert detect_language(text) == lang
    err = only_error(documents_from_bytes(text.encode(), "foreign.txt"))
    assert err.reason == f"not English (detected {lang})"


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "Two killed in Dayton shooting",  # a bare headline
        "Gaza: 32 killed, 40 injured. Rafah: 12 killed. Khan Younis: 5 dead, 9 wounded.",
        "Officials in Caracas said 32 Cuban citizens were killed; Havana declared two days of mourning.",
    ],
)
def test_english_is_recognised(text):
    assert detect_language(text) == "en"


def test_english_fixtures_and_seed_reports_are_english():
    paths = sorted((Path(__file__).parent / "data" / "reports").glob("*.txt")) + [DATA / "report.txt"]
    for p in paths:
        assert detect_language(p.read_text(encoding="utf-8")) == "en", p


def test_detect_language_without_letters():
    assert detect_language("12 345 -- 67") == "und"
    assert detect_language("") == "und"


def test_english_with_a_short_foreign_quote_is_english():
    text = ENGLISH + ' A banner at the vigil read "Nunca más" and "Justicia para todos".'
    assert detect_language(text) == "en"


# --------------------------------------------------------------------------- folders and links


def _write(path: Path, text: str = ENGLISH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _sources(results) -> list[str]:
    return [r.source_path if isinstance(r, Document) else r.source for r in results]


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    _write(tmp_path / "b" / "2.txt", ENGLISH + " Second.")
    _write(tmp_path / "a.txt")
    _write(tmp_path / "c" / "d" / "1.txt", ENGLISH + " Third.")
    _write(tmp_path / ".hidden.txt", ENGLISH + " Hidden.")
    _write(tmp_path / ".git" / "x.txt", ENGLISH + " In git.")
    results = list(iter_documents([tmp_path]))
    assert _sources(results) == [str(tmp_path / p) for p in ("a.txt", "b/2.txt", "c/d/1.txt")]
    assert all(isinstance(r, Document) for r in results)


def test_symlink_loop_is_reported_and_the_walk_finishes(tmp_path):
    root = tmp_path / "root"
    _write(root / "a.txt")
    _write(root / "sub" / "b.txt", ENGLISH + " More.")
    os.symlink(root, root / "sub" / "loop")
    docs, errors = docs_and_errors(iter_documents([root]))
    assert [d.source_path for d in docs] == [str(root / "a.txt"), str(root / "sub" / "b.txt")]
    assert len(errors) == 1
    assert errors[0].source == str(root / "sub" / "loop")
    assert errors[0].reason.startswith("symbolic link loop") and str(root) in errors[0].reason


def test_self_referencing_and_broken_links(tmp_path):
    os.symlink(tmp_path / "self", tmp_path / "self")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    _write(tmp_path / "ok.txt")
    results = list(iter_documents([tmp_path]))
    by_source = {s: r for s, r in zip(_sources(results), results, strict=True)}
    assert "broken symbolic link" in by_source[str(tmp_path / "broken.txt")].reason
    assert "symbolic link loop" in by_source[str(tmp_path / "self")].reason
    assert isinstance(by_source[str(tmp_path / "ok.txt")], Document)


def test_a_file_reached_twice_through_links_is_read_once(tmp_path):
    target = _write(tmp_path / "data" / "r.txt")
    os.symlink(target, tmp_path / "alias.txt")
    os.symlink(tmp_path / "data", tmp_path / "zlink")
    results = list(iter_documents([tmp_path, target]))
    assert _sources(results) == [str(tmp_path / "alias.txt")]


def test_missing_paths_and_special_files_do_not_stop_the_run(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = _write(tmp_path / "good.txt")
    results = list(iter_documents([tmp_path / "nope.txt", fifo, good]))
    assert [type(r) for r in results] == [IngestError, IngestError, Document]
    assert results[0].reason == "no such file or folder"
    assert "not a regular file" in results[1].reason


def test_bad_files_in_a_folder_are_errors_and_the_rest_is_read(tmp_path):
    _write(tmp_path / "1.txt")
    (tmp_path / "2.txt").write_bytes(b"\x00binary\x00")
    _write(tmp_path / "3.txt", "   ")
    _write(tmp_path / "4.html", "<p>" + ENGLISH + "</p>")
    results = list(iter_documents([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Document", "IngestError", "IngestError", "Document"]


def test_an_unexpected_failure_becomes_an_error_and_the_run_goes_on(tmp_path, monkeypatch):
    def boom(_html):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(ingest, "html_fields", boom)
    _write(tmp_path / "a.html", "<p>x</p>")
    _write(tmp_path / "b.txt")
    results = list(iter_documents([tmp_path]))
    assert isinstance(results[0], IngestError) and results[0].source == str(tmp_path / "a.html")
    assert results[0].reason == "internal error: RuntimeError: parser exploded"
    assert isinstance(results[1], Document)


def test_upload_name_and_content_never_touch_the_file_system(tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_text(
        "<rss version='2.0'><channel><item><description>TOP SECRET " + ENGLISH + "</description></item>"
        "</channel></rss>"
    )
    other = _write(tmp_path / "secret.txt", "TOP SECRET " + ENGLISH)
    doc = only_doc(documents_from_bytes(ENGLISH.encode(), str(other)))
    assert doc.text == ENGLISH and doc.source_path == str(other)
    # Given a str or bytes, feedparser opens it as a file name or URL; ingest must not let it.
    results = documents_from_bytes(str(secret).encode(), "feed.rss")
    assert all(isinstance(r, IngestError) for r in results) and "TOP SECRET" not in str(results)


@pytest.mark.parametrize("data", [b"\xe9", b"Zq", b"42", b"?!", b"a 1 b"])
def test_stray_bytes_without_a_word_are_refused(data):
    """One or two stray bytes, digits or punctuation are no report (they used to pass as English)."""
    (err,) = documents_from_bytes(data, "tiny.txt")
    assert isinstance(err, IngestError) and err.source == "tiny.txt"
    assert err.reason.startswith("no words")


def test_a_short_headline_is_still_a_report():
    (doc,) = documents_from_bytes(b"Two shot in Leeds", "short.txt")
    assert isinstance(doc, Document) and doc.text == "Two shot in Leeds"


def test_folders_leave_out_readme_license_and_markdown_unless_named(tmp_path):
    _write(tmp_path / "a.txt")
    for name in ("README.md", "readme.txt", "LICENSE", "Licence.txt", "notes.md", "x.markdown", ".h.txt"):
        _write(tmp_path / "sub" / name, ENGLISH + f" In {name}.")
    skipped: list[str] = []
    results = list(iter_documents([tmp_path], skipped=skipped))
    assert _sources(results) == [str(tmp_path / "a.txt")]
    assert sorted(skipped) == sorted(str(p) for p in (tmp_path / "sub").iterdir())
    named = list(iter_documents([tmp_path / "sub" / "README.md", tmp_path / "sub" / "LICENSE"]))
    assert [type(r) for r in named] == [Document, Document]
    assert not ingest.not_a_report("readmission-report.txt") and not ingest.not_a_report("licensed.txt")
