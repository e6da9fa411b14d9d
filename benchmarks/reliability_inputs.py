"""Bad inputs for the reliability report: generated, deterministic for a seed, no file copied.

``cases(n, rng)`` yields ``n`` :class:`Case` objects spread over the categories of ``CATEGORIES``;
each names what the ingest stage must do with it (``expect``): refuse it with a reason containing
``reason``, or anything (document or error) as long as nothing crashes, and how many results it
must give (``results``: one for a single report, one per line for JSON lines, any number >= 1 for
feeds and JSON arrays). The English reports inside are invented by ``english_report``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from xml.sax.saxutils import escape

ONE, SOME = "one", "some"  # Case.results: exactly one result, or at least one (or an int: JSON lines)
SMALL_LIMIT = 4096  # the size limit (bytes) the "huge" cases are read with, so that most stay small


@dataclass
class Case:
    category: str
    name: str  # the file (or upload) name: its extension picks the reader
    data: bytes
    expect: str = "any"  # "refuse": only errors, each with ``reason`` in it
    reason: str = ""
    results: str | int = ONE
    max_bytes: int | None = None  # None: the default limit (20 MB)
    payload: str = ""  # script code that must not reach a document's text


# --------------------------------------------------------------------------- English reports

_PLACES = [
    "Ashford",
    "Millbrook",
    "Port Elwin",
    "Carrow",
    "Dunmere",
    "Kelso Bay",
    "Harlow Cross",
    "Westfield",
]
_EVENTS = [
    "a gas explosion at a bakery", "a collision between a lorry and a minibus",
    "a fire in an apartment block",
    "a landslide on the coast road", "a shooting outside a nightclub", "the collapse of a footbridge",
]  # fmt: skip
_SOURCES = [
    "police said", "the county coroner said", "a fire service spokeswoman said",
    "the regional health authority said", "witnesses told local radio",
]  # fmt: skip
_NUMBERS = ["two", "three", "four", "five", "seven", "11", "14", "at least 20", "dozens of", "nine"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def english_report(rng: random.Random, tag: str = "") -> str:
    """A short invented casualty report in English (two to five sentences)."""
    place, event, day = rng.choice(_PLACES), rng.choice(_EVENTS), rng.choice(_DAYS)
    killed, hurt = rng.choice(_NUMBERS), rng.choice(_NUMBERS)
    sentences = [
        f"{killed.capitalize()} people were killed and {hurt} injured in {event} in {place} on {day}, "
        f"{rng.choice(_SOURCES)}.",
        f"At least {rng.randint(1, 30)} of the injured were taken to hospital, the ambulance service said.",
        f"The mayor of {place} said the death toll could rise as rescuers searched the site.",
        "Officials have not said what caused it, and an inquiry was opened on the same day.",
        f"It was the worst such event in the region since {rng.randint(1950, 2024)}.",
    ]
    text = " ".join(sentences[: rng.randint(2, 5)])
    return f"{text} {tag}".strip()


# --------------------------------------------------------------------------- other languages

# Sentences written for this script (a fire or a crash, the injured, the inquiry), per language.
FOREIGN = {
    "es": ["Tres personas murieron en un accidente de tráfico en la carretera del norte, según la policía.",
           "Los heridos fueron trasladados al hospital de la ciudad durante la noche.",
           "El alcalde dijo que la investigación sigue abierta y que no hay más víctimas."],
    "fr": ["Trois personnes sont mortes dans un incendie qui a touché un immeuble, selon les pompiers.",
           "Les blessés ont été transportés à l'hôpital pendant la nuit.",
           "Le maire a déclaré que l'enquête se poursuit et qu'il n'y a pas d'autres victimes."],
    "de": ["Bei einem Brand in einem Wohnhaus sind nach Angaben der Feuerwehr drei Menschen gestorben.",
           "Die Verletzten wurden in der Nacht in ein Krankenhaus gebracht.",
           "Die Polizei ermittelt weiter zu der Ursache des Feuers."],
    "pt": ["Três pessoas morreram num acidente na estrada perto da cidade, segundo a polícia.",
           "Os feridos foram levados para o hospital durante a noite.",
           "O presidente da câmara disse que a investigação continua."],
    "it": ["Tre persone sono morte in un incendio in un palazzo del centro, secondo i vigili del fuoco.",
           "I feriti sono stati portati in ospedale durante la notte.",
           "Il sindaco ha detto che le indagini sono ancora in corso."],
    "nl": ["Bij een brand in een woning in het centrum zijn volgens de brandweer drie mensen omgekomen.",
           "De gewonden werden in de nacht naar het ziekenhuis gebracht.",
           "De burgemeester zei dat het onderzoek nog loopt."],
    "tr": ["Polise göre bir apartmanda çıkan yangında üç kişi hayatını kaybetti.",
           "Yaralılar gece hastaneye kaldırıldı.", "Yangının nedeni henüz belli değil."],
    "vi": ["Theo cảnh sát, ba người đã thiệt mạng trong một vụ hỏa hoạn tại một tòa nhà chung cư.",
           "Những người bị thương đã được đưa đến bệnh viện trong đêm."],
    "ru": ["По данным полиции, три человека погибли в результате пожара в жилом доме.",
           "Пострадавшие были доставлены в больницу ночью.", "Причина пожара пока не установлена."],
    "uk": ["За даними поліції, троє людей загинули внаслідок пожежі в житловому будинку.",
           "Постраждалих доставили до лікарні вночі."],
    "el": ["Σύμφωνα με την αστυνομία, τρία άτομα σκοτώθηκαν σε πυρκαγιά σε πολυκατοικία.",
           "Οι τραυματίες μεταφέρθηκαν στο νοσοκομείο κατά τη διάρκεια της νύχτας."],
    "ar": ["قالت الشرطة إن ثلاثة أشخاص لقوا حتفهم في حريق اندلع في مبنى سكني.",
           "ونقل الجرحى إلى المستشفى خلال الليل."],
    "he": ["לדברי המשטרה, שלושה בני אדם נהרגו בשריפה בבניין מגורים.",
           "הפצועים פונו לבית החולים במהלך הלילה."],
    "hi": ["पुलिस के अनुसार, एक आवासीय इमारत में आग लगने से तीन लोगों की मौत हो गई।",
           "घायलों को रात में अस्पताल ले जाया गया।"],
    "zh": ["警方表示，一栋住宅楼发生火灾，造成三人死亡。", "伤者已于夜间被送往医院。",
           "火灾原因仍在调查中。"],
    "ja": ["警察によると、住宅で火災が発生し、三人が死亡した。", "けが人は夜のうちに病院に運ばれた。"],
    "ko": ["경찰에 따르면 주택 화재로 세 명이 숨졌다.", "부상자들은 밤사이 병원으로 옮겨졌다."],
    "th": ["ตำรวจระบุว่ามีผู้เสียชีวิตสามคนจากเหตุไฟไหม้อาคารที่พักอาศัย", "ผู้บาดเจ็บถูกนำส่งโรงพยาบาลในคืนนั้น"],
}  # fmt: skip
_LEGACY = {"ru": "cp1251", "uk": "cp1251", "el": "cp1253", "ar": "cp1256", "he": "cp1255",
           "zh": "gbk", "ja": "shift_jis", "ko": "euc_kr", "tr": "cp1254", "th": "cp874"}  # fmt: skip


def foreign_text(rng: random.Random, lang: str) -> str:
    sents = FOREIGN[lang]
    return " ".join(rng.choice(sents) for _ in range(rng.randint(3, 6)))


# --------------------------------------------------------------------------- generators


def _random_bytes(rng: random.Random, i: int) -> Case:
    name = rng.choice(["r.txt", "p.html", "a.json", "b.jsonl", "f.xml", "f.rss", "upload", "x.md"])
    size = rng.choice([1, 2, 16, 200, 3000, 20000])
    return Case("random bytes", name, rng.randbytes(size), results=SOME)


_MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04\x14\x00", b"\x1f\x8b\x08\x00", b"\x89PNG\r\n\x1a\n",
          b"\xff\xd8\xff\xe0", b"GIF89a", b"\x7fELF\x02\x01\x01", b"\xd0\xcf\x11\xe0\xa1\xb1",
          b"\xfd7zXZ\x00"]  # fmt: skip


def _binary_as_text(rng: random.Random, i: int) -> Case:
    name = rng.choice(["report.txt", "page.html", "story.md", "items.jsonl", "item.json", "feed.xml"])
    if rng.random() < 0.7:
        data = rng.choice(_MAGIC) + rng.randbytes(rng.randint(10, 5000))
    else:  # text-looking bytes with NULs, as in UTF-16 without a byte-order mark or a database dump
        data = english_report(rng).encode("utf-16-le")
    return Case("binary with a text extension", name, data, "refuse", "binary")


def _html_page(rng: random.Random, body: str, payload: str) -> str:
    title = escape(body.split(",")[0])
    paras = "".join(f"<p>{escape(s)}.</p>" for s in body.split(". ") if s)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<script>{payload}</script><style>p{{color:red}}</style></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}</article>"
        f'<img src=x onerror="{payload}"><footer>&copy; The Courier</footer></body></html>'
    )


def _broken_html(rng: random.Random, i: int) -> Case:
    payload = f"document.cookie='stolen{i}';alert({i})"
    html = _html_page(rng, english_report(rng, f"Ref {i}."), payload)
    how = rng.randrange(6)
    if how == 0:  # truncated anywhere
        html = html[: rng.randint(0, len(html))]
    elif how == 1:  # closing tags dropped
        html = html.replace("</p>", "").replace("</article>", "").replace("</body></html>", "")
    elif how == 2:  # broken and unknown entities
        html = html.replace(
            " ", rng.choice([" &bogus; ", " &#x110000; ", " &#0; ", " &amp ", " &#xD800; "]), 5
        )
    elif how == 3:  # an unclosed comment, script or attribute quote
        cut = rng.randint(0, len(html))
        html = (
            html[:cut] + rng.choice(["<!-- ", "<script>", "<p class='", "<![CDATA[", "<?php "]) + html[cut:]
        )
    elif how == 4:  # tags shuffled
        parts = html.split("><")
        rng.shuffle(parts)
        html = "><".join(parts)
    else:  # a stray byte-order mark and CR line ends
        html = "\ufeff" + html.replace("><", ">\r\n<")
    name = rng.choice(["page.html", "page.htm", "upload", "a.xhtml"])
    intact = how in (1, 2, 5)  # the script element and the attribute are still markup, never text
    return Case(
        "malformed HTML", name, html.encode("utf-8", "surrogatepass"), payload=payload if intact else ""
    )


def _mutate(rng: random.Random, line: str) -> str:
    cut = rng.randint(0, len(line))
    junk = rng.choice(["", "\x00", "}", '"', "\\", ",", "]", "\ufffd", "{{", "\\u12"])
    return line[:cut] + junk + line[cut + rng.randint(0, 3) :]


def _record(rng: random.Random, i: int, k: int) -> dict:
    text = english_report(rng, f"Line {k} of file {i}.")
    rec: dict = {"text": text, "url": f"https://example.org/{i}/{k}"}
    if rng.random() < 0.3:
        rec["published"] = rng.choice(["2025-02-03", "2025-13-45", "yesterday", 20250203, None, ""])
    if rng.random() < 0.2:
        rec[rng.choice(["text", "title", "outlet"])] = rng.choice([None, 7, ["a"], {"b": 1}, True])
    if rng.random() < 0.1:
        rec = {"html": _html_page(rng, text, "x()")}
    return rec


def _broken_json(rng: random.Random, i: int) -> Case:
    n = rng.randint(1, 8)
    lines = [json.dumps(_record(rng, i, k), ensure_ascii=rng.random() < 0.5) for k in range(n)]
    lines = [_mutate(rng, s) if rng.random() < 0.4 else s for s in lines]
    lines = [s if s.strip() else "{" for s in lines]  # every line stays non-empty
    if rng.random() < 0.5:  # JSON lines: one result per line, each naming its line
        data = rng.choice(["\n", "\r\n"]).join(line.replace("\n", " ") for line in lines)
        return Case(
            "malformed JSON / JSON lines",
            rng.choice(["a.jsonl", "b.ndjson"]),
            data.encode("utf-8"),
            results=n,
        )
    data = ("[" + ",".join(lines) + rng.choice(["]", "", ",]"])) if rng.random() < 0.6 else lines[0]
    return Case("malformed JSON / JSON lines", "c.json", data.encode("utf-8", "surrogatepass"), results=SOME)


_BOMB = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
)
_EXTERNAL = '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _broken_feed(rng: random.Random, i: int) -> Case:
    items = [english_report(rng, f"Entry {k} of feed {i}.") for k in range(rng.randint(0, 4))]
    atom = rng.random() < 0.4
    if atom:
        body = "".join(f"<entry><title>t{k}</title><content type='html'>{escape(t)}</content></entry>"
                       for k, t in enumerate(items))  # fmt: skip
        feed = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>{body}</feed>"
    else:
        body = "".join(
            f"<item><title>t{k}</title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
            f"<description>{escape(t)}</description></item>"
            for k, t in enumerate(items)
        )
        feed = f"<rss version='2.0'><channel><title>Wire</title>{body}</channel></rss>"
    how = rng.randrange(6)
    if how == 0:
        feed = feed[: rng.randint(0, len(feed))]
    elif how == 1:
        feed = feed.replace("Wire", rng.choice(["&undefined;", "&#x110000;", "&#0;", "&", "<"]))
    elif how == 2:
        feed = _BOMB + feed.replace("Wire", "&f;")
    elif how == 3:
        feed = _EXTERNAL + feed.replace("Wire", "&x;")
    elif how == 4:
        feed = feed.replace("</item>", "").replace("</entry>", "")
    else:
        feed = feed.replace("<description>", "<description><![CDATA[<p>unclosed <b>").replace("&lt;", "<")
    head = '<?xml version="1.0" encoding="utf-8"?>' if rng.random() < 0.7 else ""
    name = rng.choice(["feed.xml", "feed.rss", "feed.atom", "upload"])
    return Case("malformed feed", name, (head + feed).encode("utf-8"), results=SOME)


def _huge(rng: random.Random, i: int) -> Case:
    text = english_report(rng, f"Ref {i}.") + " "
    big = (text * (SMALL_LIMIT // len(text) + 2))[: SMALL_LIMIT + rng.randint(1, 40000)]
    if rng.random() < 0.5:
        name, data = rng.choice(["big.txt", "big.html", "big.json", "upload"]), big.encode()
        return Case("over the size limit", name, data, "refuse", "too large", max_bytes=SMALL_LIMIT)
    line = json.dumps({"text": big})
    n = rng.randint(1, 3)  # the over-long line is refused alone: the short ones around it are read
    short = [json.dumps({"text": english_report(rng, f"Short {k} of {i}.")}) for k in range(n)]
    data = "\n".join([*short[:1], line, *short[1:]]).encode()
    return Case("over the size limit", "big.jsonl", data, results=n + 1, max_bytes=SMALL_LIMIT)


def huge_default(rng: random.Random, i: int) -> Case:
    """Over the real default limit (20 MB): a few of these only."""
    text = english_report(rng, f"Ref {i}.") + "\n"
    data = (text * (21 * 1024 * 1024 // len(text) + 1)).encode()
    name = rng.choice(["huge.txt", "huge.html", "upload"])
    return Case("over the size limit (20 MB)", name, data, "refuse", "too large")


def _empty(rng: random.Random, i: int) -> Case:
    text = rng.choice(["", " ", "\n\n\n", "\t \r\n \u00a0", "\ufeff", "\ufeff  \n", "\u2003\u3000", "\r\r\r"])
    name = rng.choice(["empty.txt", "empty.md", "upload", "blank.html"])
    data = text.encode(rng.choice(["utf-8", "utf-16", "utf-8-sig"]))
    reason = "no text" if name.endswith(".html") else "empty"
    return Case("empty or white space", name, data, "refuse", reason)


def _non_english(rng: random.Random, i: int) -> Case:
    lang = rng.choice(sorted(FOREIGN))
    text = foreign_text(rng, lang)
    how = rng.randrange(4)
    if how == 0:
        return Case(
            "non-English",
            "bericht.txt",
            text.encode(rng.choice(["utf-8", "utf-16"])),
            "refuse",
            "not English",
        )
    if how == 1:
        return Case("non-English", "page.html", f"<html><body><p>{escape(text)}</p></body></html>".encode(),
                    "refuse", "not English")  # fmt: skip
    if how == 2:
        lines = [json.dumps({"text": foreign_text(rng, lang)}, ensure_ascii=False) for _ in range(3)]
        return Case(
            "non-English", "wire.jsonl", "\n".join(lines).encode(), "refuse", "not English", results=3
        )
    return Case("non-English", "upload", text.encode("utf-8"), "refuse", "not English")


def _mixed_encodings(rng: random.Random, i: int) -> Case:
    parts = []
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.5:
            parts.append(english_report(rng).encode(rng.choice(["utf-8", "cp1252", "latin-1"])))
        else:
            lang = rng.choice(sorted(_LEGACY))
            codec = rng.choice([_LEGACY[lang], "utf-8"])
            parts.append(rng.choice(FOREIGN[lang]).encode(codec, "replace"))
        if rng.random() < 0.2:
            parts.append("naïve café – “quoted” — 10 €".encode(rng.choice(["utf-8", "cp1252", "utf-16-le"])))
    data = b" ".join(parts)
    if rng.random() < 0.3:  # a page declaring one encoding and written in another
        charset = rng.choice(["shift_jis", "koi8-r", "utf-8", "nonsense"])
        data = f"<html><head><meta charset='{charset}'>".encode()
        data += b"</head><body><p>" + b" ".join(parts) + b"</p></body></html>"
        return Case("mixed encodings", "mixed.html", data)
    return Case("mixed encodings", rng.choice(["mixed.txt", "upload"]), data)


_CONTROLS = [chr(c) for c in [*range(0, 9), *range(14, 32), 127, *range(128, 160)]] + [
    "\u200b",
    "\u202e",
    "\ufffe",
]


def _control_chars(rng: random.Random, i: int) -> Case:
    chars = list(english_report(rng, f"Ref {i}."))
    rate = rng.choice([0.001, 0.005, 0.02, 0.1])
    for _ in range(max(1, int(len(chars) * rate))):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_CONTROLS))
    name = rng.choice(["ctl.txt", "ctl.html", "upload"])
    return Case("control characters", name, "".join(chars).encode("utf-8", "surrogatepass"))


def _nul_bytes(rng: random.Random, i: int) -> Case:
    data = bytearray(english_report(rng, f"Ref {i}.").encode())
    for _ in range(rng.randint(1, 5)):
        data.insert(rng.randrange(len(data) + 1), 0)
    name = rng.choice(["nul.txt", "nul.html", "nul.md", "nul.xml", "upload"])
    return Case("NUL bytes", name, bytes(data), "refuse", "binary")


def _deep_html(rng: random.Random, i: int) -> Case:
    depth = rng.choice([50, 200, 300, 1000, 5000, 50000])
    tag = rng.choice(["div", "span", "b", "table", "ul", "blockquote"])
    text = escape(english_report(rng, f"Ref {i}."))
    where = rng.randrange(3)
    html = "<html><body>" + (f"<p>{text}</p>" if where == 0 else "") + f"<{tag}>" * depth
    html += (text if where == 1 else "") + f"</{tag}>" * rng.choice([0, depth])
    html += (f"<p>{text}</p>" if where == 2 else "") + "</body></html>"
    # Text before the nesting, or within 1,000 levels, is readable (lxml reads up to 2,048 levels).
    expect = "accept" if where == 0 or depth <= 1000 else "any"
    return Case("deeply nested HTML", rng.choice(["deep.html", "upload"]), html.encode(), expect)


GENERATORS = {
    "random bytes": _random_bytes,
    "binary with a text extension": _binary_as_text,
    "malformed HTML": _broken_html,
    "malformed JSON / JSON lines": _broken_json,
    "malformed feed": _broken_feed,
    "over the size limit": _huge,
    "empty or white space": _empty,
    "non-English": _non_english,
    "mixed encodings": _mixed_encodings,
    "control characters": _control_chars,
    "NUL bytes": _nul_bytes,
    "deeply nested HTML": _deep_html,
}
CATEGORIES = list(GENERATORS)


def cases(n: int, rng: random.Random, huge: int = 1) -> list[Case]:
    """``n`` inputs, the categories taken in turn; ``huge`` of them over the real 20 MB limit."""
    gens = list(GENERATORS.values())
    out = [huge_default(rng, i) for i in range(huge)]
    out += [gens[i % len(gens)](rng, i) for i in range(n - huge)]
    return out
