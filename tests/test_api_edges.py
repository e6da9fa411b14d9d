"""API edges: pagination bounds (422, never a 500 from an overflowing offset), JSON and JSONL sent
as text/plain read as such, removing and updating reports over the API (token required)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tolltrack.web import create_app

TOKEN = "edge-token-456"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PLAIN = {**AUTH, "Content-Type": "text/plain"}
GAO = "Two soldiers were killed in an ambush near Gao on Friday, the army said."
MOPTI = "Three villagers were killed and four wounded in an attack near Mopti on Saturday, officials said."


@pytest.fixture()
def api(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'e.db'}", token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize(
    "path", ["/api/documents", "/api/claims", "/api/incidents", "/api/search?q=killed", "/", "/documents"]
)
def test_offsets_beyond_the_bound_are_422_not_500(api, path):
    sep = "&" if "?" in path else "?"
    for offset in (10**19, 10**10, -1):
        r = api.get(f"{path}{sep}offset={offset}")
        assert r.status_code == 422, (path, offset, r.status_code)
        assert "offset" in r.text
    assert api.get(f"{path}{sep}offset=1000000000").status_code == 200  # the bound itself is fine
    if path.startswith("/api/"):
        assert api.get(f"{path}{sep}limit=201").status_code == 422


def test_jsonl_sent_as_text_plain_is_read_as_jsonl(api):
    lines = [
        {"text": GAO, "published": "2026-02-06", "title": "Gao"},
        {"text": MOPTI, "published": "2026-02-07"},
    ]
    r = api.post("/api/documents", content="\n".join(json.dumps(x) for x in lines).encode(), headers=PLAIN)
    assert r.status_code == 201 and r.json()["new"] == 2
    texts = {d["title"] for d in api.get("/api/documents").json()["items"]}
    assert "Gao" in texts
    bad = json.dumps({"text": GAO}) + "\n{broken\n"
    r = api.post("/api/documents", content=bad.encode(), headers=PLAIN)
    assert r.status_code == 400 and "upload.jsonl:2" in r.json()["detail"]  # all or nothing, by line


def test_json_sent_as_text_plain_is_read_as_json_and_text_stays_text(api):
    body = json.dumps([{"text": GAO, "published": "2026-02-06"}])
    r = api.post("/api/documents", content=body.encode(), headers=PLAIN)
    assert r.status_code == 201 and r.json()["new"] == 1
    doc = api.get(f"/api/documents/{r.json()['documents'][0]}").json()
    assert doc["text"] == GAO and doc["published"] == "2026-02-06"
    text = "[Update] " + MOPTI  # starts like JSON, is not
    r = api.post("/api/documents", content=text.encode(), headers=PLAIN)
    assert r.status_code == 201
    assert api.get(f"/api/documents/{r.json()['documents'][0]}").json()["text"] == text


def test_delete_and_update_over_the_api(api):
    r = api.post("/api/documents", content=GAO.encode(), headers=PLAIN)
    doc_id = r.json()["documents"][0]
    assert api.get(f"/api/documents/{doc_id}").json()["published"] is None
    same = api.post("/api/documents", content=GAO.encode(), headers=PLAIN, params={"published": "2026-02-06"})
    assert same.status_code == 200 and same.json()["updated"] == []
    upd = api.post(
        "/api/documents",
        content=GAO.encode(),
        headers=PLAIN,
        params={"published": "2026-02-06", "update": True},
    )
    assert upd.status_code == 200 and upd.json()["updated"] == [doc_id], upd.text
    doc = api.get(f"/api/documents/{doc_id}").json()
    assert doc["published"] == "2026-02-06" and doc["claims"] and doc["incidents"]
    assert api.delete(f"/api/documents/{doc_id}").status_code == 401
    assert api.delete(f"/api/documents/{doc_id}", headers={"Authorization": "Bearer no"}).status_code == 401
    r = api.delete(f"/api/documents/{doc_id[:12]}", headers=AUTH)
    assert r.status_code == 200 and r.json()["forgotten"] == [doc_id]
    assert api.get(f"/api/documents/{doc_id}").status_code == 404
    assert api.get("/api/incidents").json()["total"] == 0 and api.get("/api/claims").json()["total"] == 0
    assert api.delete(f"/api/documents/{doc_id}", headers=AUTH).status_code == 404


def test_an_over_limit_body_is_413_before_it_is_read(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", token=TOKEN, max_upload=1000)) as c:

        def body():
            yield from (b"x" * 100 for _ in range(100))

        r = c.post("/api/documents", content=body(), headers=PLAIN)  # chunked: no Content-Length
        assert r.status_code == 413
        r = c.post("/api/documents", content=b"x" * 5000, headers=PLAIN)  # refused on its Content-Length
        assert r.status_code == 413 and "upload of 5000 bytes is over the limit" in r.json()["detail"]


def test_an_untyped_body_is_still_sniffed(api):
    html = f"<html><head><title>Gao</title></head><body><article><p>{GAO}</p></article></body></html>"
    r = api.post("/api/documents", content=html.encode(), headers=AUTH)
    assert r.status_code == 201, r.text
    doc = api.get(f"/api/documents/{r.json()['documents'][0]}").json()
    assert "<p>" not in doc["text"] and "ambush near Gao" in doc["text"]
    lines = json.dumps({"text": MOPTI, "published": "2026-02-07"}) + "\n"
    r = api.post("/api/documents", content=lines.encode(), headers=AUTH)
    assert r.status_code == 201 and r.json()["new"] == 1
    assert api.get(f"/api/documents/{r.json()['documents'][0]}").json()["text"] == MOPTI


def test_a_report_the_extractor_fails_on_is_422_not_500(api, monkeypatch):
    from tolltrack.extract import document as extract

    def broken(docs, batch_size=32, whole=False):
        raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000.")

    monkeypatch.setattr(extract, "extract_many", broken)
    monkeypatch.setattr(extract, "extract", lambda doc: broken([doc]))
    r = api.post("/api/documents", content=GAO.encode(), headers=PLAIN)
    assert r.status_code == 422 and "extraction failed" in r.json()["detail"]
