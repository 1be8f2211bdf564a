"""Review mode of the web dashboard: the token, the sign-in cookie and CSRF checks, each
action checked exactly as in the CLI, and what readers see in pages, JSON, exports, reports."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack import review  # noqa: E402
from ontrack.assess import link_statements  # noqa: E402
from ontrack.extract import extract_document  # noqa: E402
from ontrack.store import Store  # noqa: E402
from ontrack.web import create_app  # noqa: E402

from .test_review import DATA, TEXT, _doc  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
TOKEN = "s3cret-review-token"


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    csv = tmp_path / "jilin.csv"
    csv.write_text(DATA, encoding="utf-8")
    store.ingest(csv)
    doc = _doc()
    store.save_document(doc, extract_document(doc))
    link_statements(store)
    return store


def _sid(store: Store, words: str) -> int:
    return next(s.id or 0 for s in store.statements(include_rejected=True) if words in s.quote)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def _signed_in(store: Store) -> tuple[TestClient, str]:
    client = TestClient(create_app(store, token=TOKEN))
    doc = _doc().id
    r = client.post(
        "/review/login",
        data={"token": TOKEN, "name": "Ana Reviewer", "document": doc},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/document/{doc}"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get(f"/document/{doc}")
    assert "signed in as <strong>Ana Reviewer</strong>" in page.text
    return client, _csrf(page.text)


def test_no_token_controls_disabled_and_posts_refused(filled: Store) -> None:
    client = TestClient(create_app(filled, token=""))
    page = client.get(f"/document/{_doc().id}")
    assert page.status_code == 200
    # the sign-in is shown switched off, with the reason; no review action is offered
    assert "This server is read-only" in page.text
    assert '<button type="submit" disabled aria-describedby="ro-review">' in page.text
    assert "/review/statement/" not in page.text and "/review/logout" not in page.text
    assert "review.js" not in page.text
    assert "machine-read" in page.text  # readers still see who checked what
    sid = _sid(filled, "bike lanes")
    r = client.post(f"/review/statement/{sid}/confirm", data={"csrf": "x"})
    assert r.status_code == 403
    assert review.show(filled, sid)["state"] == "extracted"


def test_token_shows_sign_in_only_until_signed_in(filled: Store) -> None:
    client = TestClient(create_app(filled, token=TOKEN))
    doc = _doc().id
    page = client.get(f"/document/{doc}")
    assert 'class="review-login"' in page.text and "Confirm</button>" not in page.text
    wrong = client.post("/review/login", data={"token": "nope", "name": "x", "document": doc})
    assert wrong.status_code == 401
    sid = _sid(filled, "bike lanes")
    anonymous = client.post(f"/review/statement/{sid}/confirm", data={"csrf": "0" * 64})
    assert anonymous.status_code == 401
    forged = client.post(
        f"/review/statement/{sid}/confirm",
        data={"csrf": "0" * 64},
        cookies={"ontrack_reviewer": "QW5h.deadbeef"},
    )
    assert forged.status_code == 401
    assert review.show(filled, sid)["state"] == "extracted"


def test_csrf_and_origin_are_checked(filled: Store) -> None:
    client, csrf = _signed_in(filled)
    sid = _sid(filled, "bike lanes")
    assert client.post(f"/review/statement/{sid}/confirm", data={}).status_code == 403
    bad = client.post(f"/review/statement/{sid}/confirm", data={"csrf": "f" * 64})
    assert bad.status_code == 403
    cross = client.post(
        f"/review/statement/{sid}/confirm",
        data={"csrf": csrf},
        headers={"origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert review.show(filled, sid)["state"] == "extracted"


def test_confirm_edit_reject_add_through_the_page(filled: Store) -> None:
    client, csrf = _signed_in(filled)
    doc = _doc().id
    gdp, bike, trees = (_sid(filled, w) for w in ("grew 6.1", "bike lanes", "plant 3 million"))
    r = client.post(f"/review/statement/{gdp}/confirm", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/document/{doc}#r{gdp}"
    assert review.show(filled, gdp)["history"][0]["by"] == "Ana Reviewer"
    # the edit form sends every field; only the changed box is an edit
    shown = filled.statements(statement_id=bike)[0].to_dict()
    form = {name: "" if shown[k] is None else str(shown[k]) for name, k in
            [(n, "region" if n == "region" else n) for n in review.EDITABLE]}  # fmt: skip
    form["value"] = "120"
    bad = client.post(
        f"/review/statement/{bike}/edit",
        data={**form, "unit": "furlongs", "reason": "length", "csrf": csrf},
    )
    assert bad.status_code == 422 and "Not saved" in bad.text and "unknown unit" in bad.text
    assert review.show(filled, bike)["unit"] == "km"
    ok = client.post(
        f"/review/statement/{bike}/edit",
        data={**form, "unit": "miles", "reason": "the source gives miles", "csrf": csrf},
    )
    assert ok.status_code == 200
    after = review.show(filled, bike)
    assert after["state"] == "corrected" and after["unit"] == "miles"
    assert [h["field"] for h in after["history"]] == ["unit", "state"]
    r = client.post(f"/review/statement/{trees}/reject", data={"csrf": csrf, "reason": "pledge"})
    assert r.status_code == 200 and review.show(filled, trees)["state"] == "rejected"
    again = client.post(f"/review/statement/{trees}/reject", data={"csrf": csrf, "reason": "x"})
    assert again.status_code == 422 and "was rejected" in again.text
    start = TEXT.index("new bike lanes")
    outside = client.post(
        f"/review/document/{doc}/add",
        data={"csrf": csrf, "kind": "result", "start": "5", "end": "99999"},
    )
    assert outside.status_code == 422 and "outside document" in outside.text
    added = client.post(
        f"/review/document/{doc}/add",
        data={
            "csrf": csrf,
            "kind": "result",
            "start": str(start),
            "end": str(start + len("new bike lanes")),
            "quote": "new bike lanes",
            "value": "120",
            "unit": "km",
            "period": "2023",
            "reason": "missed",
        },
    )
    assert added.status_code == 200
    new = [s for s in filled.statements() if s.quote == "new bike lanes"]
    assert len(new) == 1 and review.show(filled, new[0].id or 0)["state"] == "added"
    page = client.get(f"/document/{doc}").text
    assert page.count('class="rv rv-checked"') >= 3 and "rv-rejected" in page
    assert '<script src="/static/review.js" defer></script>' in page
    assert "<script>" not in page


def test_readers_see_checked_rows_history_and_the_filter(filled: Store, tmp_path: Path) -> None:
    gdp, bike = _sid(filled, "grew 6.1"), _sid(filled, "bike lanes")
    review.confirm(filled, gdp, by="ana")
    review.edit(filled, bike, {"unit": "miles"}, reason="a length", by="ana")
    client = TestClient(create_app(filled, token=""))
    data = client.get("/region/CN-JL.json?as_of=2024-06-01").json()
    marks = {row["id"]: row["review"]["label"] for row in data["claims"] + data["targets"]}
    assert marks[gdp] == marks[bike] == "checked by a person"
    assert set(marks.values()) == {"checked by a person", "machine-read"}
    only = client.get("/region/CN-JL.json?as_of=2024-06-01&checked=yes").json()
    assert {r["id"] for r in only["claims"] + only["targets"]} == {gdp, bike}
    page = client.get("/region/CN-JL?as_of=2024-06-01").text
    assert f'href="/statement/{bike}#history">checked by a person' in page
    st = client.get(f"/statement/{bike}.json").json()["review"]
    assert st["state"] == "corrected" and st["history"][0]["old"] == "km"
    assert st["extracted"]["unit"] == "km"
    html = client.get(f"/statement/{bike}").text
    assert 'id="history"' in html and "a length" in html
    from ontrack.publish import write_report
    from ontrack.publish.exports import export_tables

    tables = export_tables(filled)
    rows = {r["id"]: r for r in tables["statements"].to_dicts()}
    assert rows[bike]["review_state"] == "corrected"
    assert json.loads(rows[bike]["history"])[0]["new"] == "miles"
    assert rows[gdp]["review"] == "checked by a person"
    cards = {r["statement_id"]: r for r in tables["scorecards"].to_dicts()}
    assert cards[bike]["review"] == "checked by a person"
    md = write_report(filled, "Jilin", tmp_path / "r.md").read_text(encoding="utf-8")
    assert "checked by a person" in md and "machine-read" in md


def test_a_review_made_elsewhere_refreshes_cached_pages(filled: Store) -> None:
    client = TestClient(create_app(filled, token=""))
    sid = _sid(filled, "grew 6.1")
    url = f"/statement/{sid}.json"
    assert client.get(url).json()["review"]["state"] == "extracted"
    review.confirm(filled, sid, by="cli user")  # e.g. `ontrack statement confirm` meanwhile
    import time

    time.sleep(1.1)  # the store state is re-read at most once a second
    assert client.get(url).json()["review"]["state"] == "confirmed"


def test_review_api_needs_the_bearer_token(filled: Store) -> None:
    sid = _sid(filled, "bike lanes")
    body = {"set": {"unit": "miles"}, "reason": "a length", "by": "script"}
    read_only = TestClient(create_app(filled, token=""))
    assert read_only.post(f"/api/statements/{sid}/edit", json=body).status_code == 403
    client = TestClient(create_app(filled, token=TOKEN))
    assert client.post(f"/api/statements/{sid}/edit", json=body).status_code == 401
    auth = {"authorization": f"Bearer {TOKEN}"}
    bad = client.post(
        f"/api/statements/{sid}/edit", json={**body, "set": {"unit": "parsecs"}}, headers=auth
    )
    assert bad.status_code == 400 and "unknown unit" in bad.json()["detail"]
    ok = client.post(f"/api/statements/{sid}/edit", json=body, headers=auth)
    assert ok.status_code == 200 and ok.json()["state"] == "corrected"
    assert ok.json()["history"][0]["by"] == "script"
    one = client.get(f"/api/statements/{sid}").json()
    assert one["review"]["state"] == "corrected" and one["review"]["extracted"]["unit"] == "km"
    listed = {s["id"]: s["review_state"] for s in client.get("/api/statements").json()}
    assert listed[sid] == "corrected"
    gone = client.post(f"/api/statements/{sid}/reject", json={"reason": "duplicate"}, headers=auth)
    assert gone.status_code == 200 and gone.json()["state"] == "rejected"
    assert sid not in {s["id"] for s in client.get("/api/statements").json()}
    added = client.post(
        f"/api/documents/{_doc().id}/statements",
        json={"kind": "result", "quote": "120 kilometers", "set": {"unit": "km", "value": 120}},
        headers=auth,
    )
    assert added.status_code == 200 and added.json()["state"] == "added"
    wrong = client.post(
        f"/api/documents/{_doc().id}/statements",
        json={"kind": "result", "start": "0", "end": 4},
        headers=auth,
    )
    assert wrong.status_code == 400 and "character offset" in wrong.json()["detail"]


def test_static_site_keeps_rejected_statements_with_their_reason(
    filled: Store, tmp_path: Path
) -> None:
    from ontrack.publish import export_site

    sid = _sid(filled, "plant 3 million")
    review.reject(filled, sid, reason="a pledge without a measure", by="ana")
    export_site(filled, tmp_path / "site")
    page = (tmp_path / "site" / "statement" / f"{sid}.html").read_text(encoding="utf-8")
    assert "a pledge without a measure" in page and "rv-rejected" in page
    doc = (tmp_path / "site" / "document" / f"{_doc().id}.html").read_text(encoding="utf-8")
    assert f'href="../statement/{sid}.html"' in doc and "<form" not in doc
