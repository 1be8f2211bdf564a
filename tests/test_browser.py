"""End to end in a real browser: Debian's chromium driven by Playwright (never a downloaded
browser). Starts uvicorn on 127.0.0.1 with the demo store, follows the Liaoning end-2024
clean-energy target from the scorecard, checks the chart and the highlighted quote, saves
screenshots, and checks that the XSS document executes nothing."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = (
    Path(os.environ.get("ONTRACK_SCREENSHOTS", ""))
    if os.environ.get("ONTRACK_SCREENSHOTS")
    else None
)

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium); "
        ".ci/run does this",
        allow_module_level=True,
    )
playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    from ontrack.assess import link_statements
    from ontrack.datasets import demo_store
    from ontrack.web import create_app

    from .test_web import add_xss_document

    store = demo_store(tmp_path_factory.mktemp("browser") / "d.db")
    add_xss_document(store)
    link_statements(store)
    port = _free_port()
    config = uvicorn.Config(
        create_app(store, token=""), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_scorecard_to_target_chart_and_quote(server, browser, tmp_path: Path) -> None:
    base, _store = server
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/")
    page.get_by_role("link", name="Liaoning", exact=True).click()
    page.wait_for_url("**/region/CN-LN")
    assert page.get_by_role("heading", name="Liaoning: scorecard").is_visible()
    shots = SCREENSHOTS or tmp_path
    page.screenshot(path=str(shots / "scorecard.png"))
    page.get_by_role("link", name="above 50 percent by 2024-12-31").first.click()
    page.wait_for_url("**/statement/*")
    svg = page.locator("figure.chart-box svg.chart-wide")
    assert svg.is_visible()
    path = svg.locator("path.series-line")
    assert path.count() == 1 and int(path.get_attribute("data-points") or 0) >= 1
    assert svg.locator("line.target-line").count() == 1
    assert svg.locator("line.deadline-line").count() == 1
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 80
    mark = page.locator("blockquote.context mark")
    assert mark.count() == 1
    assert "exceed 50 percent by the end of 2024" in mark.inner_text()
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(shots / "target.png"), full_page=True)
    assert (shots / "target.png").stat().st_size > 10_000
    # keyboard: the skip link is the first stop and takes focus to the content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()


def test_xss_document_executes_nothing(server, browser) -> None:
    base, store = server
    from .test_web import XSS_TITLE

    doc_id = next(d["id"] for d in store.list_documents() if d["title"] == XSS_TITLE)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    targets = [f"/document/{doc_id}", "/", "/region/CN-LN", "/search?q=alert"]
    targets += [f"/statement/{s.id}" for s in store.statements(document_id=doc_id)]
    for path in targets:
        page.goto(base + path)
        page.mouse.move(200, 200)
        for el in page.locator("mark").all()[:5]:
            el.hover()
        page.wait_for_timeout(100)
        assert page.locator("script").count() == 0, path
        assert page.locator("main img, main iframe, main svg[onload]").count() == 0, path
    assert dialogs == []
    text = page.goto(base + f"/document/{doc_id}") and page.locator("article.doctext").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    page.close()


def test_phone_viewport(server, browser) -> None:
    base, _ = server
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True)
    page.goto(base + "/region/CN-LN")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"page overflows a phone screen: {width}px"
    page.close()


def test_track_record_page(server, browser) -> None:
    base, _ = server
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.set_default_timeout(240_000)  # the first view replays every bundled target
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/")
    page.get_by_role("link", name="Track record", exact=True).click()
    page.wait_for_url("**/track-record")
    assert page.get_by_role("heading", name="Track record", exact=True).is_visible()
    rows = page.locator("table#scores tbody tr")
    assert rows.count() >= 5
    assert page.locator("table#scores").get_by_text("always 0.5").is_visible()
    assert page.locator("tr.default").count() == 1
    svg = page.locator("figure#reliability svg")
    assert svg.is_visible() and svg.locator("circle").count() >= 5
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    assert page.locator("#default-model").inner_text().startswith("Default:")
    page.locator("table#regions").get_by_role("link", name="CN-LN", exact=True).click()
    page.wait_for_url("**/region/CN-LN")
    data = page.goto(base + "/track-record.json")
    assert data is not None and data.ok
    body = data.json()
    assert body["n_targets"] > 100 and body["n_regions"] >= 25
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()


def _pages(store) -> list[str]:
    target = next(s for s in store.statements(region_id="CN-LN", kind="target") if s.value == 56.8)
    cmp_ = next(s for s in store.statements(kind="comparison") if "decade" in s.quote)
    sid = store.links()[target.id].series_id
    growth = store.list_series(region="Liaoning", indicator="gdp_real_growth_yoy")[0].series.id
    return [
        "/",
        "/region/CN-LN",
        f"/statement/{target.id}?as_of=2025-06-30",
        f"/statement/{cmp_.id}",
        f"/series/{sid}",
        f"/series/{growth}",
        "/series",
        "/series?page=2",
        f"/document/{target.document_id}",
        "/search?q=辽宁",
        "/glossary",
        "/upload",
        "/changes",
        "/changes/CN-LN",
        "/docs",
        "/no-such-page",  # the error page
    ]


def test_phone_width_never_scrolls_sideways(server, browser) -> None:
    base, store = server
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in _pages(store):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    page.close()


def test_chart_year_on_its_year_search_and_probability_basis(server, browser) -> None:
    base, store = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    cmp_ = next(s for s in store.statements(kind="comparison") if "decade" in s.quote)
    page.goto(f"{base}/statement/{cmp_.id}")
    svg = page.locator("figure.chart-box svg.chart-wide")
    point = svg.locator('circle.point[data-period="2023"]').first.bounding_box()
    labels = {}
    for i in range(svg.locator("text.x-label").count()):
        el = svg.locator("text.x-label").nth(i)
        box = el.bounding_box()
        labels[int(el.get_attribute("data-year"))] = box["x"] + box["width"] / 2
    assert point and len(labels) >= 2
    (y1, x1), (y2, x2) = sorted(labels.items())[:2]
    per_year = (x2 - x1) / (y2 - y1)
    expected = x1 + (2023 - y1) * per_year  # the middle of 2023, where its label would be
    assert abs(point["x"] + point["width"] / 2 - expected) < per_year / 4
    target = next(s for s in store.statements(region_id="CN-LN", kind="target") if s.value == 56.8)
    for as_of in ("2024-04-23", "2025-06-30", "2026-11-28"):
        page.goto(f"{base}/statement/{target.id}?as_of={as_of}")
        verdict = page.locator("dl.verdict").inner_text()
        assert "not computed" in verdict or "based on" in verdict, verdict
    page.goto(f"{base}/search?q=辽宁")
    page.locator('main a[href="/region/CN-LN"]').first.click()
    assert page.url.endswith("/region/CN-LN")
    page.close()


def test_axe_finds_no_violations(server, browser) -> None:
    axe_mod = pytest.importorskip("axe_playwright_python.sync_playwright")
    base, store = server
    axe = axe_mod.Axe()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = {}
    for path in _pages(store):
        page.goto(base + path)
        result = axe.run(page)
        if result.violations_count:
            problems[path] = [v["id"] for v in result.response["violations"]]
    page.close()
    assert not problems, problems


def test_every_source_on_a_series_page_is_a_link_with_a_publisher(server, browser) -> None:
    """Each source cell links to the figure's address or stored document, and names its
    publisher or says plainly that none is recorded (bundled rows that name no issuer)."""
    base, store = server
    target = next(s for s in store.statements(region_id="CN-LN", kind="target") if s.value == 56.8)
    growth = store.list_series(region="Liaoning", indicator="gdp_real_growth_yoy")[0].series.id
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for sid in (store.links()[target.id].series_id, growth):
        page.goto(f"{base}/series/{sid}")
        cells = page.locator("td.src")
        assert cells.count() >= 3
        for i in range(cells.count()):
            cell = cells.nth(i)
            assert cell.locator("a.src-link, a.doc-link").count() >= 1, cell.inner_text()
            named = cell.locator("strong").count() == 1
            assert named or "publisher not recorded" in cell.inner_text(), cell.inner_text()
    page.close()
