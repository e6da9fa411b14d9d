"""The REST API over a SQLite ledger built from the seed, the example reports and tests/data/reports:
filters, pagination, errors (422, 404), the write token (401) and uploads (400, 413, all or nothing)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from tests.web_store import build_demo_store

from tolltrack.web import create_app

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LEEDS = b"Three people were wounded in a shooting in Leeds on Monday, police said."
GAO = "Two soldiers were killed in an ambush near Gao on Friday, the army said."


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    ledger = build_demo_store(f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}")
    with TestClient(create_app(token=TOKEN, ledger=ledger)) as c:
        yield c
    ledger.close()


@pytest.fixture()
def fresh(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN)) as c:
        yield c


def raid_id(client) -> str:
    items = client.get("/api/incidents", params={"q": "Caracas"}).json()["items"]
    (raid,) = [i for i in items if i["event_type"] == "raid"]
    return raid["id"]


def stored(client) -> int:
    return client.get("/api/documents").json()["total"]


def test_incidents_are_listed_with_reconciled_figures(client):
    body = client.get("/api/incidents", params={"limit": 200}).json()
    assert body["total"] == len(body["items"]) >= 6
    labels = [i["label"] for i in body["items"]]
    assert any("Beira" in s for s in labels) and any("Dayton" in s for s in labels)
    raid = client.get(f"/api/incidents/{raid_id(client)}").json()
    killed = {(f["group"], f["outcome"]): f for f in raid["figures"]}["all", "killed"]
    assert 40 <= killed["low"] <= killed["best"] <= killed["high"]
    assert all(killed[k] for k in ("low_reason", "best_reason", "high_reason"))
    assert any("disagreement" in f for f in raid["flags"])
    assert len(raid["doc_ids"]) == 8  # the seed and the seven later raid reports


def test_incident_by_unique_prefix(client):
    full = raid_id(client)
    assert client.get(f"/api/incidents/{full[:10]}").json()["id"] == full


def test_timeline_is_in_date_order(client):
    points = client.get(f"/api/incidents/{raid_id(client)}/timeline").json()
    dates = [p["reported"] for p in points]
    assert dates == sorted(dates) and dates[0] == "2026-01-04" and dates[-1] == "2026-01-19"
    assert {"claimant", "outcome", "group", "count", "claim_id", "doc_id"} <= set(points[0])


def test_claim_filters(client):
    inc = raid_id(client)
    everything = client.get("/api/claims", params={"incident": inc, "limit": 200}).json()
    killed = client.get("/api/claims", params={"incident": inc, "outcome": "killed", "limit": 200}).json()
    assert 0 < killed["total"] < everything["total"] == len(everything["items"])
    assert all(c["outcome"] == "killed" and c["incident_id"] == inc for c in killed["items"])
    cuba = client.get("/api/claims", params={"claimant": "cuba"}).json()["items"]
    assert cuba and all(any("cuba" in s["name"].lower() for s in c["attribution"]["chain"]) for c in cuba)
    late = client.get("/api/claims", params={"since": "2026-01-10", "limit": 200}).json()["items"]
    early = client.get("/api/claims", params={"until": "2026-01-09", "limit": 200}).json()["items"]
    assert late and early and not {c["id"] for c in late} & {c["id"] for c in early}
    zero = client.get("/api/claims", params={"kind": "zero"}).json()["items"]
    assert zero and all(c["count"]["kind"] == "zero" for c in zero)
    cubans = client.get("/api/claims", params={"group": "Cuba:military"}).json()["items"]
    assert cubans and all(v["nationality"] == "Cuba" for c in cubans for v in c["victims"])
    doc = everything["items"][0]["doc_id"]
    mine = client.get("/api/claims", params={"doc": doc, "limit": 200}).json()
    assert mine["total"] and all(c["doc_id"] == doc for c in mine["items"])


def test_pagination_covers_every_item_once(client):
    for path in ("/api/claims", "/api/documents", "/api/incidents"):
        total = client.get(path, params={"limit": 1}).json()["total"]
        seen = []
        for offset in range(0, total, 7):
            page = client.get(path, params={"limit": 7, "offset": offset}).json()
            assert page["total"] == total and page["offset"] == offset and page["limit"] == 7
            seen += [c["id"] for c in page["items"]]
        assert len(seen) == total == len(set(seen)), path
        assert client.get(path, params={"offset": total}).json()["items"] == []


@pytest.mark.parametrize(
    ("path", "params", "word"),
    [
        ("/api/claims", {"outcome": "exploded"}, "outcome"),
        ("/api/claims", {"since": "2026-13-01"}, "since"),
        ("/api/claims", {"limit": 0}, "limit"),
        ("/api/claims", {"limit": 100000}, "limit"),
        ("/api/claims", {"offset": -1}, "offset"),
        ("/api/claims", {"kind": "sideways"}, "kind"),
        ("/api/claims", {"since": "2026-02-01", "until": "2026-01-01"}, "since"),
        ("/api/documents", {"limit": "many"}, "limit"),
        ("/api/incidents", {"q": "x" * 500}, "q"),
        ("/api/search", {}, "q"),
        ("/api/search", {"q": "   "}, "q"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(client, path, params, word):
    r = client.get(path, params=params)
    assert r.status_code == 422
    assert r.json()["detail"].startswith(word + ":")


def test_unknown_ids_get_404(client):
    assert client.get("/api/incidents/inc-nope").status_code == 404
    assert client.get("/api/incidents/inc-nope/timeline").status_code == 404
    r = client.get("/api/documents/ffff0000")
    assert r.status_code == 404 and "ffff0000" in r.json()["detail"]


def test_search_and_documents(client):
    hits = client.get("/api/search", params={"q": "Prensa Latina"}).json()
    assert hits["total"] == len(hits["items"]) >= 1 and "Prensa Latina" in hits["items"][0]["snippet"]
    doc_id = hits["items"][0]["document"]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["published"] == "2026-01-04" and doc["length"] == len(doc["text"])
    assert len(doc["claims"]) >= 5
    for c in doc["claims"]:
        assert doc["text"][c["start"] : c["end"]] == c["sentence"]
    assert doc["incidents"] == [raid_id(client)]  # the seed belongs to the raid, through its claims
    listed = client.get("/api/documents", params={"q": "Beira"}).json()
    assert listed["total"] >= 1 and all("text" not in d for d in listed["items"])


def test_writes_need_the_token(fresh):
    for headers in ({}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": "Bearer"}, {"Authorization": f"Bearer {TOKEN}x"}):  # fmt: skip
        r = fresh.post("/api/documents", content=LEEDS, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert stored(fresh) == 0
    r = fresh.post("/api/documents", content=LEEDS, headers=AUTH)
    assert r.status_code == 201 and r.json()["new"] == 1 and r.json()["claims_added"] == 1
    again = fresh.post("/api/documents", content=LEEDS, headers=AUTH)
    assert again.status_code == 200 and again.json()["known"] == 1 and again.json()["new"] == 0
    assert stored(fresh) == 1


def test_token_is_compared_in_constant_time(fresh, monkeypatch):
    import tolltrack.web.deps as deps

    calls = []
    real = deps.hmac.compare_digest
    monkeypatch.setattr(deps.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert (
        fresh.post("/api/documents", content=LEEDS, headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )
    assert calls == [(b"nope", TOKEN.encode())]


def test_text_upload_with_metadata(fresh):
    r = fresh.post(
        "/api/documents",
        content=GAO.encode(),
        params={"published": "2026-02-06", "outlet": "Sahel Wire"},
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201 and r.json()["incidents"]
    doc = fresh.get(f"/api/documents/{r.json()['documents'][0]}").json()
    assert doc["outlet"] == "Sahel Wire" and doc["published"] == "2026-02-06" and doc["text"] == GAO
    (claim,) = doc["claims"]
    assert claim["count"]["value"] == 2 and claim["outcome"] == "killed"


def test_jsonl_file_upload_with_a_path_like_name(fresh, tmp_path, monkeypatch):
    cwd = tmp_path / "cwd" / "deeper"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    lines = [
        {"text": GAO, "published": "2026-02-06", "outlet": "Sahel Wire", "title": "Ambush near Gao"},
        {"text": LEEDS.decode(), "published": "2026-02-02"},
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    r = fresh.post("/api/documents", files={"file": ("../../etc/x.jsonl", data)}, headers=AUTH)
    assert r.status_code == 201 and r.json()["new"] == 2 and len(r.json()["documents"]) == 2
    titles = {d["title"] for d in fresh.get("/api/documents").json()["items"]}
    assert "Ambush near Gao" in titles
    assert (
        list(cwd.iterdir()) == []
        and not (tmp_path / "cwd" / "etc").exists()
        and not (tmp_path / "etc").exists()
    )


def test_malformed_jsonl_is_400_naming_the_line_and_stores_nothing(fresh):
    good = json.dumps({"text": GAO, "published": "2026-02-06"})
    r = fresh.post("/api/documents", files={"file": ("reports.jsonl", f"{good}\n{{broken\n".encode())},
                   headers=AUTH)  # fmt: skip
    assert r.status_code == 400
    body = r.json()
    assert (
        "reports.jsonl:2" in body["detail"]
        and "JSON" in body["detail"]
        and "nothing was stored" in body["detail"]
    )
    assert body["errors"] == [e for e in body["errors"] if "reports.jsonl:2" in e]
    assert stored(fresh) == 0  # the good first line was not stored either


@pytest.mark.parametrize(
    ("name", "payload", "word"),
    [("x.txt", b"\x00\x01\x02\xff" * 100, "binary"), ("x.txt", b"   \n ", "empty"),
     ("x.html", b"<html><body><script>var a = 1;</script></body></html>", "x.html")],
)  # fmt: skip
def test_unusable_uploads_are_400(fresh, name, payload, word):
    r = fresh.post("/api/documents", files={"file": (name, payload)}, headers=AUTH)
    assert r.status_code == 400 and word in r.json()["detail"].lower()
    assert stored(fresh) == 0


def test_multipart_without_a_file_field_is_400_and_forms_are_refused(fresh):
    r = fresh.post("/api/documents", files={"report": ("a.txt", GAO.encode())}, headers=AUTH)
    assert r.status_code == 400 and "'file'" in r.json()["detail"]
    r = fresh.post("/api/documents", data={"text": GAO}, headers=AUTH)
    assert r.status_code == 415 and "multipart" in r.json()["detail"]
    assert stored(fresh) == 0


def test_too_large_upload_is_413_and_stores_nothing(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}", token=TOKEN, max_upload=200)) as c:
        text = (GAO + " ") * 10
        assert c.post("/api/documents", content=text.encode(), headers=AUTH).status_code == 413
        r = c.post("/api/documents", files={"file": ("big.txt", text.encode())}, headers=AUTH)
        assert r.status_code == 413 and "limit of 200 bytes" in r.json()["detail"]
        assert c.post("/api/documents", content=GAO.encode(), headers=AUTH).status_code == 201
        assert c.get("/api/documents").json()["total"] == 1


def test_openapi_schema_describes_the_api_and_no_page_loads_foreign_script(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    reads = ["/api/documents", "/api/documents/{doc_id}", "/api/claims", "/api/incidents", "/api/search",
             "/api/incidents/{incident_id}", "/api/incidents/{incident_id}/timeline"]  # fmt: skip
    for p in reads:
        assert "get" in paths[p], p
    post = paths["/api/documents"]["post"]
    assert (
        post["security"] == [{"HTTPBearer": []}] and "multipart/form-data" in post["requestBody"]["content"]
    )
    assert {
        "incident",
        "claimant",
        "outcome",
        "group",
        "kind",
        "since",
        "until",
        "doc",
        "limit",
        "offset",
    } <= {p["name"] for p in paths["/api/claims"]["get"]["parameters"]}
    assert "ClaimOut" in schema["components"]["schemas"]
    # FastAPI's stock docs pages pull script from a CDN: they are switched off
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_api_responses_carry_the_security_headers(client):
    r = client.get("/api/incidents")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_open_writes_only_for_the_no_auth_demo(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'a.db'}", open_writes=True)) as c:
        assert c.post("/api/documents", content=LEEDS).status_code == 201
    with TestClient(create_app(f"sqlite:///{tmp_path / 'b.db'}")) as c:
        assert c.post("/api/documents", content=LEEDS).status_code == 401
        assert (
            c.post("/api/documents", content=LEEDS, headers={"Authorization": "Bearer "}).status_code == 401
        )


def test_serve_refuses_to_start_an_unprotected_write_api(monkeypatch):
    from typer.testing import CliRunner

    from tolltrack.cli.app import app

    monkeypatch.delenv("TOLLTRACK_TOKEN", raising=False)
    r = CliRunner().invoke(app, ["serve"])
    assert r.exit_code == 2 and "TOLLTRACK_TOKEN" in r.output
    for host in ("0.0.0.0", "192.168.1.5", "example.org", "::"):
        r = CliRunner().invoke(app, ["serve", "--no-auth", "--host", host])
        assert r.exit_code == 2 and "loopback" in r.output, host


def test_loopback_hosts():
    from tolltrack.cli.serve import check_serve_options, is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.5.0.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "localhost.example.org", ""))
    assert check_serve_options("127.0.0.1", None, True) is None
    assert check_serve_options("0.0.0.0", "secret", False) is None  # a token protects writes anywhere
    assert "TOLLTRACK_TOKEN" in check_serve_options("127.0.0.1", None, False)


def test_a_server_settles_its_heap_before_taking_requests():
    """What the server loads at start (the gazetteer among it) goes to the collector's permanent
    generation, so that no request pays for a full collection of it."""
    import gc

    from tolltrack.web.app import settle_heap

    try:
        frozen = settle_heap()
        assert frozen == gc.get_freeze_count() > 0
        gazetteer = [o for o in gc.get_objects() if isinstance(o, dict) and "geonameid" in o]
        assert not gazetteer  # every city record is frozen, none left for the collector to walk
    finally:
        gc.unfreeze()


def test_incidents_sort_filter_and_cursor_over_everything(client):
    every = client.get("/api/incidents", params={"limit": 200, "sort": "killed_best"}).json()
    assert every["next_cursor"] is None and every["total"] == len(every["items"]) >= 7
    ids, cursor = [], None
    while True:
        params = {"limit": 3, "sort": "killed_best", **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/incidents", params=params).json()
        ids += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert ids == [i["id"] for i in every["items"]]
    first = client.get("/api/incidents", params={"limit": 3, "sort": "killed_best"}).json()
    for named, bad in (("cursor", {"cursor": "not-a-cursor"}),
                       ("cursor", {"cursor": first["next_cursor"], "sort": "date"}),
                       ("offset", {"cursor": first["next_cursor"], "sort": "killed_best", "offset": 3}),
                       ("sort", {"sort": "label; drop"}), ("order", {"order": "up"}),
                       ("min_killed", {"min_killed": "-1"}), ("since", {"since": "2026-13-01"}),
                       ("flag", {"flag": "maybe"})):  # fmt: skip
        r = client.get("/api/incidents", params=bad)
        assert r.status_code == 422 and r.json()["detail"].startswith(named), (bad, r.text)
    high = client.get("/api/incidents", params={"min_killed": 30, "limit": 200}).json()
    assert high["total"] == len(high["items"]) >= 1
    for inc in high["items"]:
        assert max((f["best"] or 0) for f in inc["figures"] if f["outcome"] == "killed") >= 30
    blank = client.get("/api/incidents", params={"min_killed": "", "country": "", "flag": ""}).json()
    assert blank["total"] == every["total"]  # empty form fields are no filter


def test_a_toll_update_shows_the_figure_it_revises(fresh):
    text = "The toll from the landslide near Gao has risen to 45 from 30, officials said on Friday."
    r = fresh.post(
        "/api/documents",
        content=text.encode(),
        params={"published": "2026-02-06"},
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201
    doc = fresh.get(f"/api/documents/{r.json()['documents'][0]}").json()
    by_value = {c["count"]["value"]: c for c in doc["claims"]}
    assert by_value[45]["supersedes"] == by_value[30]["index"] and by_value[30]["supersedes"] is None


def test_the_incident_list_is_brief_unless_asked_for_in_full(client):
    brief = client.get("/api/incidents", params={"limit": 200, "sort": "killed_best"}).json()
    full = client.get("/api/incidents", params={"limit": 200, "sort": "killed_best", "detail": "full"}).json()
    assert [i["id"] for i in brief["items"]] == [i["id"] for i in full["items"]]
    assert brief["total"] == full["total"]
    for short, whole in zip(brief["items"], full["items"], strict=True):
        assert (
            short["n_docs"] == len(whole["doc_ids"]) and "doc_ids" not in short and "claim_ids" not in short
        )
        assert short["flags"] == whole["flags"]
        figures = [
            {k: f[k] for k in ("group", "outcome", "low", "best", "high", "flags")} for f in whole["figures"]
        ]
        assert short["figures"] == figures
        assert all("best_reason" not in f and "claim_ids" not in f for f in short["figures"])
    raid = next(i for i in full["items"] if i["id"] == raid_id(client))
    assert raid == {k: v for k, v in client.get(f"/api/incidents/{raid['id']}").json().items()}
    r = client.get("/api/incidents", params={"detail": "everything"})
    assert r.status_code == 422 and r.json()["detail"].startswith("detail")
