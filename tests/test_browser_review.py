"""Review mode in a real browser (Debian's chromium through Playwright, as test_browser.py):
on the demo store, a reviewer signs in with the token, confirms, edits and rejects a
statement and adds one by selecting text; a server without a token shows the sign-in
switched off with its reason."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_browser import ARGS, CHROMIUM, SCREENSHOTS, _free_port

playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
uvicorn = pytest.importorskip("uvicorn")
TOKEN = "browser-review-token"
ADDED_PHRASE = "The recovery continued into this year"


def _serve(app: object) -> tuple[str, object, threading.Thread]:
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv, thread


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, object]]:
    from ontrack.assess import link_statements
    from ontrack.datasets import demo_store
    from ontrack.web import create_app

    store = demo_store(tmp_path_factory.mktemp("review-browser") / "d.db")
    link_statements(store)
    with_token = _serve(create_app(store, token=TOKEN))
    read_only = _serve(create_app(store, token=""))
    yield with_token[0], read_only[0], store
    for _, srv, thread in (with_token, read_only):
        srv.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _briefing(store: object) -> tuple[str, dict[str, int]]:
    doc = next(d for d in store.list_documents() if "Liaoning" in (d["title"] or ""))  # type: ignore[attr-defined]
    ids: dict[str, int] = {}
    for s in store.statements(document_id=doc["id"]):  # type: ignore[attr-defined]
        if "grew 5.3 percent" in s.quote:
            ids["confirm"] = s.id
        elif "accounts for 49.5 percent" in s.quote:
            ids["edit"] = s.id
        elif s.kind == "goal" and "heavy-industry" in s.quote:
            ids["reject"] = s.id
    assert len(ids) == 3, ids
    return doc["id"], ids


def test_controls_disabled_with_a_reason_without_a_token(servers, browser) -> None:
    _, read_only, store = servers
    doc, ids = _briefing(store)
    page = browser.new_page()
    page.goto(f"{read_only}/document/{doc}")
    assert page.locator("article.doctext mark").count() >= 10
    sign_in = page.get_by_role("button", name="Review this document")
    assert sign_in.count() == 1 and sign_in.is_disabled()
    assert page.locator("#rv-token").is_disabled() and page.locator("#rv-name").is_disabled()
    assert "This server is read-only" in page.locator("#ro-review").inner_text()
    assert page.locator("form[action^='/review/statement/']").count() == 0
    assert page.locator("script").count() == 0
    assert "machine-read" in page.locator(f"#r{ids['confirm']}").inner_text()
    page.close()


def test_reviewer_confirms_edits_rejects_and_adds(servers, browser, tmp_path: Path) -> None:
    from ontrack import review

    base, _, store = servers
    doc, ids = _briefing(store)
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/document/{doc}")
    assert page.get_by_role("button", name="Confirm statement").count() == 0  # not signed in
    page.get_by_label("Token").fill(TOKEN)
    page.get_by_label("Your name").fill("Browser Reviewer")
    page.get_by_role("button", name="Review this document").click()
    page.wait_for_selector("text=signed in as")

    page.get_by_role("button", name=f"Confirm statement {ids['confirm']}", exact=True).click()
    page.wait_for_url(f"**/document/{doc}#r{ids['confirm']}")
    assert "checked by a person (confirmed)" in page.locator(f"#r{ids['confirm']}").inner_text()

    item = page.locator(f"#r{ids['edit']}")
    item.locator("details.review-edit summary").click()
    item.locator(f"#e{ids['edit']}-unit").fill("parsecs")
    item.locator(f"#e{ids['edit']}-reason").fill("trying a bad unit")
    item.get_by_role("button", name="Save correction").click()
    page.wait_for_selector("p.review-error")
    assert "unknown unit" in page.locator("p.review-error").inner_text()
    item = page.locator(f"#r{ids['edit']}")
    item.locator("details.review-edit summary").click()
    item.locator(f"#e{ids['edit']}-period").fill("2024-04-23")
    item.locator(f"#e{ids['edit']}-reason").fill("a share at the briefing date")
    item.get_by_role("button", name="Save correction").click()
    page.wait_for_url(f"**#r{ids['edit']}")
    assert "(corrected)" in page.locator(f"#r{ids['edit']}").inner_text()

    item = page.locator(f"#r{ids['reject']}")
    item.locator("details.review-reject summary").click()
    item.locator(f"#j{ids['reject']}-reason").fill("a method, not a goal")
    item.get_by_role("button", name="Reject").click()
    page.wait_for_url(f"**#r{ids['reject']}")
    assert page.locator(f"li#r{ids['reject']}.st-rejected").count() == 1

    # add a statement by selecting its words in the text
    selected = page.evaluate(
        """(phrase) => {
          const art = document.getElementById('doctext');
          const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const i = n.data.indexOf(phrase);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + phrase.length);
            const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
            art.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return true;
          }
          return false;
        }""",
        ADDED_PHRASE,
    )
    assert selected
    text = store.get_document(doc).text
    start = text.index(ADDED_PHRASE)
    assert page.locator("#rv-start").input_value() == str(start)
    assert page.locator("#rv-end").input_value() == str(start + len(ADDED_PHRASE))
    assert page.locator("#rv-quote").input_value() == ADDED_PHRASE
    page.locator("#rv-kind").select_option("goal")
    page.locator("#rv-reason").fill("the extractor missed it")
    shots = SCREENSHOTS or tmp_path
    page.locator(f"#r{ids['edit']} details.review-edit summary").click()  # for the picture
    page.screenshot(path=str(shots / "review.png"), full_page=True)
    page.get_by_role("button", name="Add statement").click()
    page.wait_for_selector("text=" + ADDED_PHRASE[:20])

    states = review.review_states(store)
    assert states[ids["confirm"]] == "confirmed"
    assert states[ids["reject"]] == "rejected"
    edited = review.show(store, ids["edit"])
    assert edited["state"] == "corrected" and edited["period"] == "2024-04-23"
    assert edited["history"][0]["by"] == "Browser Reviewer"
    added = [s for s in store.statements(document_id=doc) if s.quote == ADDED_PHRASE]
    assert len(added) == 1 and states.get(added[0].id or 0) in (None, "added")
    assert review.show(store, added[0].id or 0)["state"] == "added"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.close()
