"""The pages in a real browser: Debian's chromium driven by Playwright (never a downloaded browser).

`tolltrack serve` runs in a subprocess on a free loopback port over a store built from the seed, the
example reports and tests/data/reports; a report whose title and text carry script payloads is
uploaded through the API with the token. Screenshots go to test-output/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.web_store import build_demo_store

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).parents[1] / "test-output"
TOKEN = "browser-test-token"
PAYLOAD_TITLE = '<script>window.__pwned = "title"</script>Kano market <img src=x onerror="alert(1)">'
PAYLOAD_TEXT = (
    "Three people were killed in an attack on a market in Kano on Sunday, police said. "
    '<img src=x onerror="window.__pwned = 1; alert(document.domain)"> '
    "<script>window.__pwned = 2; alert('xss')</script> Traders said the market stayed closed on Monday."
)

if not CHROMIUM.exists():
    why = "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(why + "; under CI this is an error", pytrace=False)
    pytest.skip(why, allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("browser")
    db = f"sqlite:///{work / 'b.db'}"
    build_demo_store(db).close()
    port = free_port()
    env = {**os.environ, "TOLLTRACK_TOKEN": TOKEN}
    cmd = [str(Path(sys.executable).parent / "tolltrack"), "serve", "--db", db, "--port", str(port)]
    log = (work / "server.log").open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                break
            try:
                if httpx.get(base + "/api/incidents", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("tolltrack serve did not answer")
        if proc.poll() is not None:
            raise RuntimeError((work / "server.log").read_text())
        report = json.dumps({"text": PAYLOAD_TEXT, "title": PAYLOAD_TITLE, "published": "2026-02-01"})
        r = httpx.post(
            base + "/api/documents",
            files={"file": ("payload.json", report.encode())},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=60,
        )
        assert r.status_code == 201, r.text
        yield base, r.json()["documents"][0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
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
    base, _ = server
    page.goto(base + "/")
    rows = page.locator("tr.incident-row")
    assert rows.count() == httpx.get(base + "/api/incidents").json()["total"]
    page.screenshot(path=str(OUT / "incidents.png"), full_page=True)

    page.get_by_role("link", name="raid, Caracas (Venezuela)").click()
    page.wait_for_url("**/incidents/**")
    assert page.locator("h1").inner_text().startswith("raid, Caracas (Venezuela)")
    chart = page.locator("svg.range-chart")
    assert chart.is_visible() and chart.bounding_box()["height"] > 300
    assert page.locator("svg.range-chart rect.range-bar").count() >= 5
    assert page.locator("svg.range-chart circle.claim-point").count() >= 15
    labels = chart.locator("text.label").all_text_contents()
    assert "Cuba: 32" in labels and any(t.startswith("Pentagon: ") for t in labels)
    assert page.locator("svg.timeline-chart circle.timeline-point").count() >= 8
    claim_rows = page.locator("tr.claim-row")
    assert claim_rows.count() >= 20
    prensa = claim_rows.filter(has_text="Prensa Latina")
    assert prensa.count() >= 1 and "Al Jazeera" in prensa.first.inner_text()
    page.screenshot(path=str(OUT / "incident-raid.png"), full_page=True)
    chart.screenshot(path=str(OUT / "incident-raid-range-chart.png"))

    prensa.first.get_by_role("link").click()
    page.wait_for_url("**/documents/**#claim-*")
    marks = page.locator("mark.claim-sentence")
    assert marks.count() >= 5
    active = page.locator("mark.claim-sentence.active")
    assert active.count() == 1 and "Prensa Latina" in active.inner_text() and active.is_visible()
    assert page.locator(".claim-card.active").inner_text().startswith("#2")
    bg = active.evaluate("m => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(OUT / "report-seed.png"), full_page=True)
    assert all(u.startswith(base) for u in page.requests), "a page loaded something from another host"
    assert page.dialogs == []


def test_list_sorts_every_incident_by_killed_figure_filters_and_searches(server, page):
    base, _ = server

    def column(n: int) -> list[float]:
        cells = page.locator(f"tr.incident-row td:nth-child({n})").all_inner_texts()
        return [float(t.split()[0]) if t.strip() not in ("", "–") else float("-inf") for t in cells]

    page.goto(base + "/?limit=200")
    every = sorted(column(5), reverse=True)  # best killed of every incident
    assert len(every) == httpx.get(base + "/api/incidents").json()["total"] >= 7
    page.goto(base + "/?limit=3")  # three rows a page: the sort must be over all incidents, not the page
    header = page.locator("th", has_text="best")
    header.get_by_role("link").click()
    page.wait_for_url("**sort=killed_best**")
    assert header.get_attribute("aria-sort") == "descending" and column(5) == every[:3]
    page.get_by_role("link", name="next →").click()
    page.wait_for_url("**offset=3**")
    assert column(5) == every[3:6]
    page.locator("th", has_text="best").get_by_role("link").click()  # again: ascending, unknowns last
    page.wait_for_url("**order=asc**")
    known = sorted(v for v in every if v != float("-inf"))
    assert column(5) == (known + [float("-inf")] * (len(every) - len(known)))[:3]
    page.screenshot(path=str(OUT / "incidents-sorted.png"), full_page=True)

    page.goto(base + "/")
    page.locator("details.more-filters summary").click()
    page.get_by_label("Killed at least").fill("10")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**min_killed=10**")
    shown = column(5)
    assert shown and all(v >= 10 for v in shown) and len(shown) == sum(v >= 10 for v in every)
    page.goto(base + "/")
    page.get_by_label("Find incidents").fill("Mozambique")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?q=Mozambique**")
    assert page.locator("tr.incident-row").count() == 1
    assert "flood, Beira" in page.locator("tr.incident-row").inner_text()


def test_pages_fit_a_phone(server, browser):
    """At 390 px wide no page scrolls sideways: the incidents table becomes cards, charts fit."""
    base, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(base + "/")
        width = lambda: page.evaluate("document.documentElement.scrollWidth")  # noqa: E731
        assert width() <= 390
        assert page.locator("tr.incident-row").first.bounding_box()["width"] <= 390
        page.screenshot(path=str(OUT / "phone-incidents.png"), full_page=True)
        page.get_by_role("link", name="raid, Caracas (Venezuela)").click()
        page.wait_for_url("**/incidents/**")
        assert width() <= 390
        page.screenshot(path=str(OUT / "phone-incident-raid.png"), full_page=True)
        page.locator("tr.claim-row").first.get_by_role("link").click()
        page.wait_for_url("**/documents/**")
        assert width() <= 390
        page.screenshot(path=str(OUT / "phone-report.png"), full_page=True)
    finally:
        context.close()


def test_script_payloads_show_as_text_and_never_run(server, page):
    base, doc_id = server
    page.goto(f"{base}/documents/{doc_id}")
    page.wait_for_load_state("networkidle")
    text = page.locator("article.report-text")
    assert "<script>window.__pwned = 2; alert('xss')</script>" in text.inner_text()
    assert '<img src=x onerror="window.__pwned = 1' in text.inner_text()
    assert page.locator("h1").inner_text() == PAYLOAD_TITLE
    assert page.locator("mark.claim-sentence").count() >= 1
    page.screenshot(path=str(OUT / "report-payload.png"), full_page=True)
    visited = [page.url]

    page.locator(".report-claims a", has_text="incident").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.range-chart").count() == 1
    visited.append(page.url)
    page.goto(base + "/documents")
    assert PAYLOAD_TITLE in page.locator("ol.report-list").inner_text()
    visited.append(page.url)
    page.goto(base + "/documents?q=Kano")
    visited.append(page.url)

    for url in visited:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("img").count() == 0, url  # the payload's <img> never became an element
        scripts = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
        assert scripts == ["/static/app.js"], url
    assert page.dialogs == []
