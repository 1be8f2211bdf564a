"""A read-only server (no ONTRACK_TOKEN) shows every form that writes with its controls
disabled and a sentence saying why, and still refuses the writes themselves."""

from __future__ import annotations

import warnings
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack.assess import link_statements  # noqa: E402
from ontrack.extract import extract_document  # noqa: E402
from ontrack.model import Document  # noqa: E402
from ontrack.store import Store  # noqa: E402
from ontrack.web import create_app  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATA = (
    "region,indicator,period,value,unit,source\n"
    "Liaoning,gdp_real_growth_yoy,2022,2.1,percent,Liaoning Statistics Bureau\n"
    "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,Liaoning Statistics Bureau\n"
)
TEXT = "Liaoning's gross domestic product grew 5.3 percent in 2023.\n"
REASON = "This server is read-only"
HOW = "ONTRACK_TOKEN=a-long-secret ontrack serve"


class Forms(HTMLParser):
    """The POST forms of a page: each with its action and its visible controls."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._open = {"action": a.get("action"), "controls": []}
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea", "button"):
            if a.get("type") == "hidden":
                return
            self._open["controls"].append((tag, a.get("id") or a.get("name"), a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def post_forms(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> tuple[Store, str]:
    csv = tmp_path / "gdp.csv"
    csv.write_text(DATA, encoding="utf-8")
    store.ingest(csv)
    doc = Document(text=TEXT, title="Liaoning briefing", date=date(2024, 4, 23), region_id="CN-LN")
    store.save_document(doc, extract_document(doc))
    link_statements(store)
    return store, doc.id


def _write_pages(doc_id: str) -> list[str]:
    """Every page type with a form that writes."""
    return ["/upload", f"/document/{doc_id}"]


def test_read_only_server_disables_every_write_form_and_says_why(
    filled: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, doc_id = filled
    monkeypatch.delenv("ONTRACK_TOKEN", raising=False)
    client = TestClient(create_app(store))
    for path in _write_pages(doc_id):
        page = client.get(path)
        assert page.status_code == 200, path
        forms = post_forms(page.text)
        assert forms, f"{path} shows no form at all"
        assert REASON in page.text and HOW in page.text, path
        for form in forms:
            assert form["controls"], (path, form["action"])
            for tag, name, attrs in form["controls"]:
                assert "disabled" in attrs, (path, tag, name)
                # the reason is tied to each control, so a screen reader says it too
                assert attrs.get("aria-describedby", "").startswith("ro-"), (path, name)
        described = {a["aria-describedby"] for f in forms for _t, _n, a in f["controls"]}
        for ident in described:
            assert f'id="{ident}"' in page.text, (path, ident)


def test_read_only_server_still_refuses_every_write(
    filled: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, doc_id = filled
    monkeypatch.delenv("ONTRACK_TOKEN", raising=False)
    client = TestClient(create_app(store))
    before = store.counts()
    files = {"file": ("b.md", TEXT.encode(), "text/plain")}
    assert client.post("/upload", files=files, data={"token": "x"}).status_code == 403
    login = {"token": "x", "name": "Ana", "document": doc_id}
    assert client.post("/review/login", data=login).status_code == 403
    sid = store.statements()[0].id
    assert client.post(f"/review/statement/{sid}/confirm", data={"csrf": "x"}).status_code == 403
    assert client.post("/api/documents", files=files).status_code == 403
    assert store.counts() == before


def test_a_server_with_a_token_enables_its_forms(filled: tuple[Store, str]) -> None:
    store, doc_id = filled
    client = TestClient(create_app(store, token="s3cret"))
    for path in _write_pages(doc_id):
        page = client.get(path)
        assert REASON not in page.text, path
        controls = [c for f in post_forms(page.text) for c in f["controls"]]
        assert controls and not any("disabled" in attrs for _t, _n, attrs in controls), path


def test_the_static_site_has_no_write_forms(filled: tuple[Store, str], tmp_path: Path) -> None:
    from ontrack.publish import export_site

    store, doc_id = filled
    export_site(store, tmp_path / "site")
    html = (tmp_path / "site" / "document" / f"{doc_id}.html").read_text(encoding="utf-8")
    assert not post_forms(html) and REASON not in html
