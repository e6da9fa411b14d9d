"""Pages render from the store, escape report text everywhere and carry a strict CSP."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.web_store import build_demo_store

from tolltrack.web import create_app

PAYLOAD_TITLE = 'Riot <script>alert("t")</script> report'
PAYLOAD_TEXT = (
    'Four people were killed in Lagos on Monday, police said. <img src=x onerror="alert(1)"> '
    "<script>document.title='pwned'</script> Two others were wounded."
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    ledger = build_demo_store(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'p.db'}")
    from tolltrack.model import Document

    ledger.ingest_documents([Document(text=PAYLOAD_TEXT, title=PAYLOAD_TITLE, outlet="<b>Evil</b> Daily")])
    with TestClient(create_app(token="t", ledger=ledger)) as c:
        yield c


def test_incidents_list_links_every_incident_and_has_a_csp(client):
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert len(re.findall(r'class="incident-row"', r.text)) == 5
    assert "raid, Caracas (Venezuela)" in r.text
    assert "<script>" not in r.text.split("</head>")[1]  # no inline script in the body


def test_search_filters_the_list(client):
    r = client.get("/", params={"q": "Mozambique"})
    assert r.text.count('class="incident-row"') == 1 and "flood" in r.text


def test_incident_page_has_both_charts_and_the_claims(client):
    raid = re.search(r'href="/incidents/([\w-]+)">raid', client.get("/").text).group(1)
    page = client.get(f"/incidents/{raid}").text
    assert page.count("<svg") == 2 and "range-bar" in page and "timeline-point" in page
    assert page.count('class="claim-row"') >= 10
    assert "Prensa Latina" in page and "Pentagon" in page


def test_report_view_highlights_claim_sentences_and_escapes_everything(client):
    docs = client.get("/api/documents", params={"q": "Lagos"}).json()["items"]
    page = client.get(f"/documents/{docs[0]['id']}").text
    body = page.split("</head>")[1]
    assert "<script>" not in body and "<img" not in body and "<b>Evil" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=" in body
    assert 'class="claim-sentence"' in body


def test_incident_page_escapes_payloads_in_claims_and_charts(client):
    inc = client.get("/api/incidents", params={"q": "Lagos"}).json()["items"]
    page = client.get(f"/incidents/{inc[0]['id']}").text.split("</head>")[1]
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_unknown_pages_are_404(client):
    assert client.get("/incidents/inc-unknown").status_code == 404
    assert client.get("/documents/000000").status_code == 404
