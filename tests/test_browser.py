"""The pages in a real browser: Debian's chromium driven by Playwright (never a downloaded browser).

`tolltrack serve` runs in a subprocess on a store built from the seed and the example reports plus a
report carrying script payloads. Screenshots go to test-output/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.web_store import build_demo_store

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).parents[1] / "test-output"
PAYLOAD = (
    'Three people were killed in Kano on Sunday, police said. <img src=x onerror="alert(document.domain)"> '
    "<script>alert('xss')</script>"
)

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "browser tests need Debian's chromium at /usr/bin/chromium (scripts/services installs it)"
        )
    pytest.skip(
        "Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}"
    ledger = build_demo_store(db)
    from tolltrack.model import Document

    ledger.ingest_documents([Document(text=PAYLOAD, title='<script>alert("title")</script>Kano report')])
    ledger.close()
    port = free_port()
    env = {**os.environ, "TOLLTRACK_TOKEN": "browser-test-token"}
    cmd = [str(Path(sys.executable).parent / "tolltrack"), "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/api/incidents", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError(proc.stdout.read().decode())
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    OUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs, requests = [], []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: requests.append(r.url))
    pg.dialogs, pg.requests = dialogs, requests
    yield pg
    context.close()


def test_incidents_list_then_raid_then_report(server, page):
    page.goto(server + "/")
    rows = page.locator("tr.incident-row")
    assert rows.count() == 5
    page.screenshot(path=str(OUT / "incidents.png"), full_page=True)
    page.get_by_role("link", name="raid, Caracas (Venezuela)").click()
    page.wait_for_url("**/incidents/**")
    chart = page.locator("svg.range-chart")
    assert chart.is_visible()
    assert page.locator("svg.range-chart rect.range-bar").count() >= 3
    assert page.locator("svg.range-chart circle.claim-point").count() >= 5
    assert page.locator("svg.timeline-chart circle.timeline-point").count() >= 3
    claim_rows = page.locator("tr.claim-row")
    assert claim_rows.count() >= 10
    assert "Prensa Latina" in page.locator("table.claims").inner_text()
    page.screenshot(path=str(OUT / "incident-raid.png"), full_page=True)
    claim_rows.filter(has_text="Prensa Latina").first.get_by_role("link").click()
    page.wait_for_url("**/documents/**")
    marks = page.locator("mark.claim-sentence")
    assert marks.count() >= 4
    assert "32" in marks.first.inner_text() or any("32" in m for m in marks.all_inner_texts())
    page.screenshot(path=str(OUT / "report-seed.png"), full_page=True)
    assert all(u.startswith(server) for u in page.requests), "a page loaded something from another host"


def test_list_sorts_by_killed_figure(server, page):
    page.goto(server + "/")
    page.locator("th", has_text="Killed low").click()
    first = [
        float(t) if t.strip() else -1
        for t in page.locator("tr.incident-row td:nth-child(4)").all_inner_texts()
    ]
    assert first == sorted(first)
    page.locator("th", has_text="Killed low").click()
    again = [
        float(t) if t.strip() else -1
        for t in page.locator("tr.incident-row td:nth-child(4)").all_inner_texts()
    ]
    assert again == sorted(again, reverse=True)


def test_script_payloads_show_as_text_and_never_run(server, page):
    page.goto(server + "/api/documents?q=Kano")
    doc_id = page.evaluate("() => JSON.parse(document.body.innerText).items[0].id")
    page.goto(f"{server}/documents/{doc_id}")
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.locator("article.report-text img").count() == 0
    assert "<script>alert('xss')</script>" in page.locator("article.report-text").inner_text()
    assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
    page.screenshot(path=str(OUT / "report-payload.png"), full_page=True)
    inc = page.locator(".report-claims a", has_text="incident").first
    inc.click()
    page.wait_for_load_state("networkidle")
    assert page.dialogs == [] and page.locator("svg.range-chart").count() == 1
