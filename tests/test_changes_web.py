"""What changed, on the web and in the static site: pages, `.json` twins, Atom feeds."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontrack import Store
from ontrack.assess.changes import ChangeTracker
from ontrack.cli import app as cli_app
from ontrack.extract import extract_path
from ontrack.ingest import Mapping
from ontrack.ingest.providers import fetch
from ontrack.publish import export_site

from .test_fetch import _http, sdmx_handler

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack.web import create_app  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ATOM = "{http://www.w3.org/2005/Atom}"
MAPPING = Mapping.from_dict({"indicator": {"TEST_GROWTH": "gdp_real_growth_yoy"}})


@pytest.fixture
def changed(tmp_path: Path) -> Store:
    """A store with one claim about China whose verdict moved twice."""
    store = Store(tmp_path / "w.db")
    path = tmp_path / "claim.md"
    path.write_text("---\ndate: 2026-01-10\nregion: China\n---\nChina's GDP grew 5.4% in 2023.\n")
    [(doc, statements)] = extract_path(path)
    store.save_document(doc, statements)
    tracker = ChangeTracker(store)
    for version in ("v1", "v2"):
        s = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
                  http=_http(sdmx_handler(f"sdmx_data_{version}.xml")))  # fmt: skip
        tracker.record(cause=f"test fetch {version}", ingest_id=s.ingest_id)
    yield store
    store.close()


def test_pages_json_and_atom(changed: Store) -> None:
    client = TestClient(create_app(changed, token=""))
    data = client.get("/changes/China.json").json()
    assert data["region"]["id"] == "CN"
    assert [(c["old_status"], c["new_status"]) for c in data["changes"]] == [
        ("contradicted", "supported"),
        ("unverifiable", "contradicted"),
    ]
    html = client.get("/changes/CN").text
    assert "contradicted -&gt; supported, after test fetch v2" in html
    assert 'href="/changes/CN.atom"' in html
    assert client.get("/changes.json").json()["regions"] == ["CN"]
    feed = client.get("/changes/CN.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}title").text.endswith("after test fetch v2")
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/statement/")
    assert client.get("/changes/Atlantis.json").status_code == 404
    assert 'href="/changes/CN"' in client.get("/region/CN").text


def test_static_site_has_feed_and_twin(changed: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(changed, out)
    ctx = json.loads((out / "changes" / "CN.json").read_text())
    assert len(ctx["changes"]) == 2
    root = ET.fromstring((out / "changes" / "CN.atom").read_bytes())
    hrefs = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert all(h.startswith("../statement/") and (out / "changes" / h).resolve().exists()
               for h in hrefs)  # fmt: skip
    assert 'href="../changes/CN.atom"' in (out / "changes" / "CN.html").read_text()


def test_cli_changes_lists_them(changed: Store) -> None:
    db = changed.url.removeprefix("sqlite:///")
    result = CliRunner().invoke(cli_app, ["changes", "--db", db, "--region", "China", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["text"].startswith("China ")
    assert ", P " not in rows[0]["text"]  # a claim has a verdict, no probability
    result = CliRunner().invoke(cli_app, ["changes", "--db", db, "--since", "2000-01-01"])
    assert "after test fetch v1" in result.output
