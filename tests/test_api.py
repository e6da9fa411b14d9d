"""The REST API on a store built from the example reports: filters, pagination, errors, writes."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from tests.web_store import build_demo_store

from tolltrack.web import create_app

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    ledger = build_demo_store(url)
    with TestClient(create_app(token=TOKEN, ledger=ledger)) as c:
        yield c


@pytest.fixture()
def fresh(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN)) as c:
        yield c


def raid_id(client) -> str:
    items = client.get("/api/incidents", params={"q": "Caracas"}).json()["items"]
    (raid,) = [i for i in items if i["event_type"] == "raid"]
    return raid["id"]


def test_incidents_are_listed_with_reconciled_figures(client):
    body = client.get("/api/incidents").json()
    assert body["total"] == 4 and len(body["items"]) == 4
    raid = client.get(f"/api/incidents/{raid_id(client)}").json()
    killed = {(f["group"], f["outcome"]): f for f in raid["figures"]}["all", "killed"]
    assert killed["low"] <= killed["best"] <= killed["high"] and killed["low"] >= 40
    assert all(killed[k] for k in ("low_reason", "best_reason", "high_reason"))


def test_timeline_is_in_date_order(client):
    points = client.get(f"/api/incidents/{raid_id(client)}/timeline").json()
    dates = [p["reported"] for p in points]
    assert dates == sorted(dates) and dates[0] == "2026-01-04"


def test_claim_filters(client):
    inc = raid_id(client)
    everything = client.get("/api/claims", params={"incident": inc, "limit": 200}).json()
    killed = client.get("/api/claims", params={"incident": inc, "outcome": "killed", "limit": 200}).json()
    assert 0 < killed["total"] < everything["total"]
    assert all(c["outcome"] == "killed" for c in killed["items"])
    cuba = client.get("/api/claims", params={"claimant": "cuba"}).json()["items"]
    assert cuba and all(any("cuba" in s["name"].lower() for s in c["attribution"]["chain"]) for c in cuba)
    late = client.get("/api/claims", params={"since": "2026-01-10", "limit": 200}).json()["items"]
    early = client.get("/api/claims", params={"until": "2026-01-09", "limit": 200}).json()["items"]
    assert late and early and not {c["id"] for c in late} & {c["id"] for c in early}
    zero = client.get("/api/claims", params={"kind": "zero"}).json()["items"]
    assert zero and all(c["count"]["kind"] == "zero" for c in zero)
    cubans = client.get("/api/claims", params={"group": "Cuba:military"}).json()["items"]
    assert cubans and all(v["nationality"] == "Cuba" for c in cubans for v in c["victims"])


def test_pagination_covers_every_item_once(client):
    total = client.get("/api/claims", params={"limit": 1}).json()["total"]
    seen = []
    for offset in range(0, total, 7):
        page = client.get("/api/claims", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == total and page["offset"] == offset
        seen += [c["id"] for c in page["items"]]
    assert len(seen) == total == len(set(seen))


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"outcome": "exploded"}, "outcome"),
        ({"since": "2026-13-01"}, "since"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"kind": "sideways"}, "kind"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "since"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(client, params, word):
    r = client.get("/api/claims", params=params)
    assert r.status_code == 422
    assert word in r.json()["detail"]


def test_unknown_ids_get_404(client):
    assert client.get("/api/incidents/inc-nope").status_code == 404
    assert client.get("/api/documents/ffff0000").status_code == 404


def test_search_and_documents(client):
    hits = client.get("/api/search", params={"q": "Prensa Latina"}).json()
    assert hits["total"] >= 1 and "Prensa Latina" in hits["items"][0]["snippet"]
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    doc_id = hits["items"][0]["document"]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["text"] and doc["claims"]
    for c in doc["claims"]:
        assert doc["text"][c["start"] : c["end"]] == c["sentence"]


def test_writes_need_the_token(fresh):
    text = b"Three people were wounded in a shooting in Leeds on Monday, police said."
    assert fresh.post("/api/documents", content=text).status_code == 401
    bad = {"Authorization": "Bearer wrong-token"}
    assert fresh.post("/api/documents", content=text, headers=bad).status_code == 401
    assert fresh.get("/api/documents").json()["total"] == 0
    r = fresh.post("/api/documents", content=text, headers=AUTH)
    assert r.status_code == 201 and r.json()["new"] == 1 and r.json()["claims_added"] == 1
    again = fresh.post("/api/documents", content=text, headers=AUTH)
    assert again.status_code == 200 and again.json()["known"] == 1
    assert fresh.get("/api/documents").json()["total"] == 1


def test_malformed_upload_is_400_naming_the_problem_and_stores_nothing(fresh):
    r = fresh.post(
        "/api/documents", files={"file": ("reports.jsonl", b'{"text": "ok"\n{broken\n')}, headers=AUTH
    )
    assert r.status_code == 400
    assert "upload.jsonl:1" in r.json()["detail"] and "JSON" in r.json()["detail"]
    assert fresh.get("/api/documents").json()["total"] == 0
    r = fresh.post("/api/documents", files={"file": ("x.txt", b"\x00\x01\x02" * 100)}, headers=AUTH)
    assert r.status_code == 400 and fresh.get("/api/documents").json()["total"] == 0


def test_jsonl_upload_keeps_good_lines_and_names_bad_ones(fresh, tmp_path):
    lines = [
        json.dumps({"text": "Two soldiers were killed in an ambush near Gao on Friday, the army said.",
                    "published": "2026-02-06", "outlet": "Sahel Wire"}),
        "{not json",
    ]  # fmt: skip
    r = fresh.post(
        "/api/documents", files={"file": ("../../etc/passwd.jsonl", "\n".join(lines).encode())}, headers=AUTH
    )
    assert r.status_code == 201 and r.json()["new"] == 1
    assert r.json()["failed"] == [r.json()["failed"][0]] and ":2:" in r.json()["failed"][0]
    assert not (tmp_path / "etc").exists()


def test_too_large_upload_is_413(fresh, monkeypatch):
    import tolltrack.web.api as api

    monkeypatch.setattr(api, "DEFAULT_MAX_BYTES", 100)
    r = fresh.post("/api/documents", content=b"x" * 500, headers=AUTH)
    assert r.status_code == 413


def test_openapi_schema_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/documents",
        "/api/claims",
        "/api/incidents",
        "/api/incidents/{incident_id}/timeline",
        "/api/search",
    ):
        assert p in paths
    assert "post" in paths["/api/documents"]


def test_serve_refuses_to_start_an_unprotected_write_api(monkeypatch):
    from typer.testing import CliRunner

    from tolltrack.cli import app

    monkeypatch.delenv("TOLLTRACK_TOKEN", raising=False)
    r = CliRunner().invoke(app, ["serve"])
    assert r.exit_code == 2 and "TOLLTRACK_TOKEN" in r.output
    r = CliRunner().invoke(app, ["serve", "--no-auth", "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "loopback" in r.output


def test_open_writes_only_for_the_no_auth_demo(tmp_path):
    text = b"Two people were hurt in a crash in Leeds on Monday, police said."
    with TestClient(create_app(f"sqlite:///{tmp_path / 'a.db'}", open_writes=True)) as c:
        assert c.post("/api/documents", content=text).status_code == 201
    with TestClient(create_app(f"sqlite:///{tmp_path / 'b.db'}")) as c:
        assert c.post("/api/documents", content=text).status_code == 401
