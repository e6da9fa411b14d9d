"""Pages render from the store, escape report text everywhere and carry a strict CSP; the chart
geometry and the highlighting of claim sentences, checked on their own."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from tests.web_store import build_demo_store

from tolltrack.ledger.figures import claimant_name
from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Figure,
    Outcome,
    Source,
    SourceKind,
    TimelinePoint,
    VictimGroup,
)
from tolltrack.web import create_app
from tolltrack.web.charts import WIDTH, nice_ticks, range_chart
from tolltrack.web.charts_timeline import timeline_chart
from tolltrack.web.views import segments

PAYLOAD_TITLE = 'Riot <script>alert("t")</script> report'
PAYLOAD_TEXT = (
    'Four people were killed in Lagos on Monday, police said. <img src=x onerror="alert(1)"> '
    "<script>document.title='pwned'</script> Two others were wounded."
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    ledger = build_demo_store(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'p.db'}")
    from tolltrack.model import Document

    evil = Document(
        text=PAYLOAD_TEXT, title=PAYLOAD_TITLE, outlet="<b>Evil</b> Daily", url="javascript:alert(2)"
    )
    ledger.ingest_documents([evil])
    with TestClient(create_app(token="t", ledger=ledger)) as c:
        yield c
    ledger.close()


def body_of(html: str) -> str:
    return html.split("</head>", 1)[1]


def raid_path(client) -> str:
    return re.search(r'href="(/incidents/[\w-]+)">raid, Caracas', client.get("/").text).group(1)


def test_incidents_list_links_every_incident_and_has_a_csp(client):
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    total = client.get("/api/incidents").json()["total"]
    assert r.text.count('class="incident-row"') == total >= 7
    assert "raid, Caracas (Venezuela)" in r.text and "disagreement" in r.text
    assert "<script>" not in body_of(r.text)  # no inline script in the body
    assert re.findall(r'<script src="([^"]+)"', r.text) == ["/static/app.js"]


def test_raid_row_shows_killed_range_reports_and_claimants(client):
    rows = re.findall(r'<tr class="incident-row".*?</tr>', client.get("/").text, re.S)
    (row,) = [r for r in rows if "raid, Caracas" in r]
    cells = re.findall(r'<td class="n[^"]*" data-value="(\d*)"', row)
    low, best, high, reports, claimants = map(int, cells)
    assert 40 <= low <= best <= high and reports == 8 and claimants >= 10


def test_search_filters_the_list(client):
    r = client.get("/", params={"q": "Mozambique"})
    assert r.text.count('class="incident-row"') == 1 and "flood" in r.text
    assert "No incident matches" in client.get("/", params={"q": "Atlantis"}).text


def test_incident_page_has_both_charts_and_the_claims(client):
    page = client.get(raid_path(client)).text
    assert page.count("<svg") == 2 and page.count('class="range-bar"') >= 5
    assert page.count('class="claim-point"') >= 15 and "timeline-point" in page
    panels = re.findall(r'class="timeline-panel" data-outcome="(\w+)" data-group="([^"]+)"', page)
    assert panels[0] == ("killed", "all") and len(set(panels)) == len(panels) >= 3  # a panel per group
    order = [o.value for o in Outcome]
    assert [o for o, _ in panels] == sorted((o for o, _ in panels), key=order.index)
    assert page.count('class="claim-row"') >= 20
    assert "Prensa Latina" in page and "Pentagon" in page
    # every claim link points at a claim anchor of a report
    links = set(re.findall(r'href="(/documents/[0-9a-f]+#claim-\d+)"', page))
    assert len(links) >= 20


def test_report_view_highlights_claim_sentences_with_anchors(client):
    doc = client.get("/api/search", params={"q": "Prensa Latina"}).json()["items"][0]["document"]["id"]
    page = client.get(f"/documents/{doc}").text
    claims = client.get(f"/api/documents/{doc}").json()["claims"]
    for c in claims:
        assert f'id="claim-{c["index"]}"' in page and f'id="card-{c["index"]}"' in page
    marked = "".join(re.findall(r'<mark class="claim-sentence"[^>]*>(.*?)</mark>', page, re.S))
    assert "Cuba has announced the deaths of 32 of its citizens" in marked
    assert "Cuba has long been a close ally" not in marked  # a sentence without a claim
    (incident,) = client.get(f"/api/documents/{doc}").json()["incidents"]
    assert re.search(rf'class="meta report-incidents">In incident:\s*<a href="/incidents/{incident}">', page)


def test_report_view_escapes_everything(client):
    docs = client.get("/api/documents", params={"q": "Lagos"}).json()["items"]
    body = body_of(client.get(f"/documents/{docs[0]['id']}").text)
    assert "<script>" not in body and "<img" not in body and "<b>Evil" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=" in body and "&lt;b&gt;Evil" in body
    assert 'class="claim-sentence"' in body
    assert 'href="javascript:' not in body  # a non-http URL is shown as text, never linked


def test_incident_page_escapes_payloads_in_claims_and_charts(client):
    inc = client.get("/api/incidents", params={"q": "Lagos"}).json()["items"]
    page = body_of(client.get(f"/incidents/{inc[0]['id']}").text)
    assert "<script>" not in page and "<img" not in page and "&lt;b&gt;Evil" in page


def test_reports_list_and_search(client):
    page = client.get("/documents").text
    assert page.count('href="/documents/') == client.get("/api/documents").json()["total"]
    hits = client.get("/documents", params={"q": "Prensa Latina"}).text
    assert hits.count('class="snippet"') == 1 and "Prensa Latina" in hits


def test_unknown_pages_and_bad_parameters_get_html_errors(client):
    for path in ("/incidents/inc-unknown", "/documents/000000", "/nowhere"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    r = client.get("/", params={"offset": -3})
    assert r.status_code == 422 and "offset" in r.text and "<h1>Error 422</h1>" in r.text


# --------------------------------------------------------------------------- geometry


def claim(index: int, count: Count, who: str, outcome=Outcome.KILLED, doc: str = "d" * 64) -> Claim:
    src = Source(who, SourceKind.GOVERNMENT, "said")
    return Claim(
        count, outcome, [VictimGroup("people")], Attribution([src]), "s.", 0, 2, doc_id=doc, index=index
    )


def test_nice_ticks():
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(150) == [0, 50, 100, 150]
    ticks = nice_ticks(1234)
    assert ticks[0] == 0 and ticks[-1] >= 1234 and len(ticks) <= 7


def test_range_chart_draws_the_bar_best_and_one_line_per_claim():
    claims = [
        claim(0, Count(CountKind.EXACT, 80, 80, 80), "Venezuela"),
        claim(1, Count(CountKind.AT_LEAST, 40, 40), "US media"),
        claim(2, Count(CountKind.RANGE, None, 75, 110), "Monitor"),
        claim(3, Count(CountKind.UNQUANTIFIED), "Padrino"),
    ]
    fig = Figure("all", Outcome.KILLED, 75, 80, 110, claim_ids=[c.id for c in claims])
    chart = range_chart(
        [fig], {c.id: c for c in claims}, lambda c: c.attribution.chain[-1].name, lambda c: "#"
    )
    (row,) = chart.rows
    (x0, zero), (x1, top) = chart.ticks[0], chart.ticks[-1]
    assert zero == 0 and top >= 110 and (x0, x1) == (chart.left, chart.right)

    def px(v):
        return pytest.approx(x0 + v / top * (x1 - x0), abs=0.1)

    assert row.bar == (px(75), px(110)) and row.best == px(80)
    assert row.bar[0] < row.best < row.bar[1]
    assert [m.label.text for m in row.marks] == ["Venezuela: 80", "US media: ≥40", "Monitor: 75–110"]
    assert len({m.y for m in row.marks}) == 3 and row.unquantified == 1
    assert row.marks[1].open_span and row.marks[2].span and not row.marks[2].open_span
    assert row.marks[2].span[0] < row.marks[2].x < row.marks[2].span[1]


def test_range_chart_labels_near_the_right_edge_turn_left():
    c = claim(0, Count(CountKind.EXACT, 1000, 1000, 1000), "A ministry with a long name")
    chart = range_chart([Figure("all", Outcome.KILLED, 1000, 1000, 1000, claim_ids=[c.id])], {c.id: c},
                        lambda c: c.attribution.chain[-1].name, lambda c: "#")  # fmt: skip
    (mark,) = chart.rows[0].marks
    assert mark.label.anchor == "end" and mark.label.x < mark.x <= WIDTH


def test_range_chart_goes_logarithmic_when_one_figure_dwarfs_the_rest():
    small = [claim(k, Count(CountKind.EXACT, v, v, v), f"Source {k}") for k, v in enumerate((3, 5, 7))]
    huge = claim(3, Count(CountKind.EXACT, 4000, 4000, 4000), "A senator")
    claims = {c.id: c for c in [*small, huge]}
    fig = Figure("all", Outcome.KILLED, 3, 5, 4000, claim_ids=list(claims))
    chart = range_chart([fig], claims, lambda c: c.attribution.chain[-1].name, lambda c: "#")
    assert chart.log and [t for _, t in chart.ticks] == [0, 1, 10, 100, 1000, 10000]
    xs = sorted(m.x for m in chart.rows[0].marks)
    # on a linear axis 3, 5 and 7 would sit within 1 px of each other; here they are apart
    assert xs[1] - xs[0] > 10 and xs[2] - xs[1] > 5 and xs[3] <= chart.right
    linear = range_chart([Figure("all", Outcome.KILLED, 3, 5, 7, claim_ids=[c.id for c in small])],
                         claims, lambda c: "x", lambda c: "#")  # fmt: skip
    assert not linear.log


def test_range_chart_skips_figures_without_numbers_and_keeps_labels_clear():
    named = claim(0, Count(CountKind.UNQUANTIFIED), "Minister")
    assert range_chart([Figure("all", Outcome.KILLED, claim_ids=[named.id])], {named.id: named},
                       lambda c: "x", lambda c: "#") is None  # fmt: skip
    opened = claim(1, Count(CountKind.AT_LEAST, 40, 40), "US media, citing officials of the ministry")
    both = {c.id: c for c in (named, opened)}
    long_group = "Cuba:military:military personnel of the presidential guard"
    figs = [Figure(long_group, Outcome.KILLED, 40, 40, None, claim_ids=[opened.id]),
            Figure("civilian", Outcome.MISSING, claim_ids=[named.id])]  # fmt: skip
    chart = range_chart(figs, both, lambda c: c.attribution.chain[-1].name, lambda c: "#")
    (row,) = chart.rows
    assert chart.without_numbers == ["civilian · missing"]
    assert len(row.title) * 7.4 <= 240 - 16 and row.title.endswith("…") and row.full_title.startswith("Cuba:")
    (mark,) = row.marks
    w = len(mark.label.text) * 6.3
    lo = mark.label.x if mark.label.anchor == "start" else mark.label.x - w
    assert mark.open_span and not (mark.span[0] < lo + w and lo < mark.span[1])  # the dashes miss the label


def test_timeline_merges_same_figures_and_labels_never_overlap():
    def point(day: int, who: str, value: int, outcome=Outcome.KILLED, group="all") -> TimelinePoint:
        count = Count(CountKind.EXACT, value, value, value)
        return TimelinePoint(date(2026, 1, day), who, outcome, group, count, f"{'d' * 16}-{day}", "d" * 64)

    pts = [point(4, "Cuba", 32), point(4, "Prensa Latina", 32), point(5, "Venezuela", 80),
           point(12, "Venezuela", 100), point(6, "Pentagon", 6, Outcome.INJURED)]  # fmt: skip
    pts += [point(5 + k % 3, f"Claimant number {k}", k % 2, group="United States") for k in range(12)]
    chart = timeline_chart(pts, lambda p: "#")
    killed, us_killed, injured = chart.panels  # a panel per outcome and group: groups share no axis
    assert [(p.outcome, p.group) for p in chart.panels] == [
        ("killed", "all"), ("killed", "United States"), ("injured", "all")
    ]
    assert len(us_killed.marks) == 6 and all("United States" in m.title for m in us_killed.marks)
    merged = [m for m in killed.marks if "Cuba" in m.title]
    assert len(merged) == 1 and "Prensa Latina" in merged[0].title
    assert killed.lines  # Venezuela's 80 then 100
    boxes = []
    for m in killed.marks + us_killed.marks + injured.marks:
        if m.label:
            w = len(m.label.text) * 6.3
            x0 = m.label.x if m.label.anchor == "start" else m.label.x - w
            boxes.append((x0, m.label.y - 10, x0 + w, m.label.y + 3))
            assert x0 >= 0 and x0 + w <= WIDTH
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert us_killed.hidden + sum(m.label is not None for m in us_killed.marks) == len(us_killed.marks)
    undated = TimelinePoint(None, "x", Outcome.KILLED, "all", Count(CountKind.EXACT, 1), "a-1", "a")
    assert timeline_chart([undated], lambda p: "#") is None


def test_segments_cover_the_text_once_with_overlapping_claims():
    text = "One died. Two more died, police said. Nothing else."
    a = claim(0, Count(CountKind.EXACT, 1), "x")
    a.start, a.end = 0, 9
    b = claim(1, Count(CountKind.EXACT, 2), "y")
    b.start, b.end = 10, 37
    c = claim(2, Count(CountKind.EXACT, 2), "z")
    c.start, c.end = 10, 23  # inside b
    d = claim(3, Count(CountKind.EXACT, 2), "w")
    d.start, d.end = 40, 999  # runs past the end: clamped
    segs = segments(text, [a, b, c, d])
    assert "".join(s.text for s in segs) == text
    covered = {s.text: s.claims for s in segs}
    assert (
        covered["One died."] == (0,)
        and covered["Two more died"] == (1, 2)
        and covered[", police said."] == (1,)
    )
    assert covered[" "] == () and [s.starts for s in segs if s.starts] == [(0,), (1, 2), (3,)]


def test_claimant_name_skips_pronouns_and_falls_back_to_the_outlet():
    c = claim(0, Count(CountKind.EXACT, 1), "Reuters")
    c.attribution.chain.append(Source("it", SourceKind.UNNAMED))
    assert claimant_name(c, "Daily") == "Reuters"
    c.attribution.chain.clear()
    assert claimant_name(c, "Daily") == "Daily" and claimant_name(c) == "the report"
