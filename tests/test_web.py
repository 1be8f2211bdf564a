"""The web dashboard: every page and its .json, the API, auth, uploads, escaping, headers."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from ontrack.datasets import demo_store  # noqa: E402
from ontrack.model import Document, Statement, StatementKind  # noqa: E402
from ontrack.store import Store  # noqa: E402
from ontrack.web import create_app  # noqa: E402
from ontrack.web.charts import ChartPoint, svg_chart  # noqa: E402
from ontrack.web.context import highlight_segments, quote_context  # noqa: E402
from ontrack.web.render import Links, safe_id  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

XSS_TEXT = (
    "Liaoning's gross domestic product grew 5.3 percent in 2023 <script>alert(1)</script>.\n\n"
    'The share of clean energy is set to exceed 50 percent by the end of 2024 " onmouseover="'
    'alert(2)" x=".\n\n'
    '<img src=x onerror=alert(3)> <a href="javascript:alert(4)">click</a> <svg onload=alert(5)>'
    " and </textarea><iframe src=javascript:alert(6)>.\n"
)
XSS_TITLE = '<script>alert("title")</script> "><img src=x onerror=alert(7)>'


def add_xss_document(store: Store) -> str:
    """A document full of XSS payloads, with statements spanning them."""
    from ontrack.extract import extract_document

    doc = Document(
        text=XSS_TEXT,
        title=XSS_TITLE,
        date=date(2024, 4, 23),
        source="javascript:alert(8)",
        region_id="CN-LN",
    )
    stmts = extract_document(doc)
    a = XSS_TEXT.index("<img")
    b = XSS_TEXT.index("alert(5)>") + len("alert(5)>")
    stmts.append(
        Statement(
            kind=StatementKind.GOAL,
            quote=XSS_TEXT[a:b],
            start=a,
            end=b,
            indicator='<b onmouseover="alert(9)">x</b>',
            region_id="CN-LN",
            document_id=doc.id,
        )
    )
    store.save_document(doc, stmts)
    return doc.id


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = demo_store(tmp_path_factory.mktemp("web") / "d.db")
    add_xss_document(store)
    from ontrack.assess import link_statements

    link_statements(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(demo: Store) -> TestClient:
    return TestClient(create_app(demo, token=""))


def _clean_energy_target(store: Store) -> Statement:
    return next(
        s
        for s in store.statements(region_id="CN-LN", kind="target")
        if "end of 2024" in s.quote and "clean energy" in s.quote
    )


def _xss_doc_id(store: Store) -> str:
    return next(d["id"] for d in store.list_documents() if d["title"] == XSS_TITLE)


# -- pages ---------------------------------------------------------------------------------
def test_every_page_and_its_json(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    doc_id = target.document_id
    series_id = demo.links()[target.id].series_id
    for path in [
        "/",
        "/region/CN-LN",
        f"/statement/{target.id}",
        f"/document/{doc_id}",
        f"/series/{series_id}",
        "/series",
        "/series?page=2",
        "/search?q=clean",
        "/upload",
        "/docs",
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "<main" in r.text
    for path in [
        "/index.json",
        "/region/CN-LN.json",
        f"/statement/{target.id}.json",
        f"/document/{doc_id}.json",
        f"/series/{series_id}.json",
        "/series.json",
        "/search.json?q=clean",
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("application/json")
        assert isinstance(r.json(), dict)


def test_home_counts_targets_by_status(client: TestClient) -> None:
    data = client.get("/index.json").json()
    ln = next(r for r in data["regions"] if r["id"] == "CN-LN")
    assert ln["targets"] == sum(ln["by_status"].values()) > 0
    assert ln["goals"] > 0 and ln["claims"] > 0
    html = client.get("/").text
    assert 'href="/region/CN-LN"' in html


def test_region_scorecard_filter_and_sort(client: TestClient, demo: Store) -> None:
    data = client.get("/region/Liaoning.json").json()
    assert data["region"] == "CN-LN"
    assert data["targets"] and data["claims"] and data["goals"]
    t = data["targets"][0]
    assert {"status", "probability", "deadline", "latest", "quote"} <= set(t)
    met = client.get("/region/CN-LN.json?status=met").json()
    assert met["targets"] and all(x["status"] == "met" for x in met["targets"])
    assert not met["claims"]
    by_p = client.get("/region/CN-LN.json?sort=probability&order=desc").json()["targets"]
    probs = [x["probability"] for x in by_p if x["probability"] is not None]
    assert probs == sorted(probs, reverse=True)
    text = client.get("/region/CN-LN.json?q=clean+energy&kind=target").json()
    # a statement matches by its words (a quote, a table row) or the indicator it was linked to
    words = [
        re.sub(r"[-_]", " ", f"{x['quote']} {x['indicator_name'] or ''}").lower()
        for x in text["targets"]
    ]
    assert words and all("clean energy" in w for w in words)
    # the same filters work as an HTML form without JavaScript
    html = client.get("/region/CN-LN?status=met").text
    assert '<option value="met" selected>' in html
    target = _clean_energy_target(demo)
    assert f'href="/statement/{target.id}?as_of=' in client.get("/region/CN-LN").text


def test_as_of_changes_the_scorecard(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    then = client.get(f"/statement/{target.id}.json?as_of=2024-04-23").json()
    now = client.get(f"/statement/{target.id}.json").json()
    assert then["as_of"] == "2024-04-23"
    assert then["status"] != "met" and now["status"] == "met"
    bad = client.get("/region/CN-LN.json?as_of=not-a-date")
    assert bad.status_code == 422 and "YYYY-MM-DD" in str(bad.json()["detail"])


def test_target_page_chart_quote_and_inputs(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    data = client.get(f"/statement/{target.id}.json").json()
    assert data["chart"]["points"] and data["chart"]["target"] == 50.0
    assert data["chart"]["deadline"] == "2024-12-31"
    marked = [s["text"] for s in data["context"] if s["mark"]]
    assert marked == [target.quote]
    assert any(i["name"] == "target" for i in data["inputs"])
    html = client.get(f"/statement/{target.id}").text
    assert '<path class="series-line"' in html
    assert 'class="target-line"' in html and 'class="deadline-line"' in html
    assert f"<mark>{target.quote}</mark>" in html


def test_document_page_highlights_every_statement(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    stmts = demo.statements(document_id=target.document_id)
    html = client.get(f"/document/{target.document_id}").text
    for s in stmts:
        assert f'href="/statement/{s.id}"' in html
    assert html.count("<mark ") >= len(stmts) - 2  # overlapping spans are merged


def test_series_page_lists_vintages_and_sources(client: TestClient, demo: Store) -> None:
    sid = demo.links()[_clean_energy_target(demo).id].series_id
    data = client.get(f"/series/{sid}.json").json()
    assert data["observations"] and all("source" in o for o in data["observations"])
    assert any(o["vintage"] for o in data["observations"])
    assert "<svg" in client.get(f"/series/{sid}").text


def test_search(client: TestClient) -> None:
    data = client.get("/search.json?q=clean energy").json()
    assert data["statements"] and data["series"]
    assert client.get("/search.json").json()["statements"] == []


def test_not_found_pages(client: TestClient) -> None:
    for path in ["/region/Atlantis", "/statement/999999", "/document/nope", "/series/999999"]:
        assert client.get(path).status_code == 404, path
        assert client.get(path + ".json").status_code == 404, path
    assert client.get("/statement/abc").status_code == 404


# -- API -----------------------------------------------------------------------------------
def test_api_reads(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    regions = client.get("/api/regions").json()
    assert {"CN", "CN-LN"} <= {r["id"] for r in regions}
    assert client.get("/api/regions/Liaoning").json()["region"] == "CN-LN"
    docs = client.get("/api/documents").json()
    assert any(d["id"] == target.document_id for d in docs)
    doc = client.get(f"/api/documents/{target.document_id}").json()
    assert doc["text"][target.start : target.end] == target.quote
    stmts = client.get("/api/statements?region=Liaoning&kind=target").json()
    assert stmts and all(s["kind"] == "target" for s in stmts)
    one = client.get(f"/api/statements/{target.id}").json()
    assert one["quote"] == target.quote and one["link"]["series"] is not None
    series = client.get("/api/series?region=Liaoning").json()
    assert series and client.get(f"/api/series/{series[0]['id']}").json()["id"] == series[0]["id"]
    obs = client.get(f"/api/observations?series_id={one['link']['series']}&all_vintages=true")
    assert obs.status_code == 200 and obs.json()
    card = client.get("/api/assessments?region=CN-LN&kind=target&status=met").json()
    assert card["items"] and all(i["status"] == "met" for i in card["items"])
    assert client.get("/api/statements/999999").status_code == 404


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ["/api/regions", "/api/documents", "/api/statements", "/api/series"]:
        assert path in spec["paths"]
    assert "/api/observations" in spec["paths"] and "/api/assessments" in spec["paths"]
    assert "post" in spec["paths"]["/api/documents"]
    html = client.get("/docs").text
    assert "/api/assessments" in html
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html


# -- security ------------------------------------------------------------------------------
def test_security_headers(client: TestClient) -> None:
    for path in ["/", "/index.json", "/static/style.css", "/region/Atlantis"]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_or_external_assets(client: TestClient, demo: Store) -> None:
    target = _clean_energy_target(demo)
    for path in ["/", "/region/CN-LN", f"/statement/{target.id}", "/docs", "/upload"]:
        html = client.get(path).text
        assert "<script" not in html.replace("&lt;script", "")
        # no external assets; links to the sources of figures are ordinary anchors
        assert not re.search(r'src="(https?:)?//', html), path
        assert not re.search(r'<link[^>]+href="(https?:)?//', html), path
        for anchor in re.findall(r'<a [^>]*href="(?:https?:)?//[^>]*>', html):
            assert 'class="src-link"' in anchor and 'rel="noopener noreferrer"' in anchor
        assert " style=" not in html


def test_xss_document_is_escaped(client: TestClient, demo: Store) -> None:
    doc_id = _xss_doc_id(demo)
    pages = [f"/document/{doc_id}", "/", "/region/CN-LN", "/search?q=alert"]
    pages += [f"/statement/{s.id}" for s in demo.statements(document_id=doc_id)]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html and "<svg onload" not in html, path
        assert "<iframe" not in html, path
        assert 'onmouseover="alert' not in html, path
        assert not re.search(r"href=\"?javascript:", html, re.I), path
    html = client.get(f"/document/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html


def test_static_path_traversal(client: TestClient) -> None:
    for path in [
        "/static/..%2fapp.py",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%2f%2e%2e%2fstore.py",
    ]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert "def create_app" not in r.text and "root:" not in r.text
    assert client.get("/document/..%2f..%2fetc%2fpasswd").status_code == 404


def test_links_refuse_unsafe_ids() -> None:
    with pytest.raises(ValueError):
        safe_id("../etc")
    with pytest.raises(ValueError):
        Links(static=True, depth=1)("document", "a/b")
    assert Links()("region", "CN/LN") == "/region/CN%2FLN"


# -- writes: auth and uploads --------------------------------------------------------------
BRIEFING = """---
title: Liaoning briefing
date: 2024-04-23
region: Liaoning
---
Liaoning's gross domestic product grew 5.3 percent in 2023.

The share of clean energy in installed capacity is set to exceed 50 percent by the end of 2024.
"""
DATA = (
    "region,indicator,period,value,unit,source\n"
    "Liaoning,share_clean_energy_in_capacity,2022,45.0,percent,test\n"
    "Liaoning,share_clean_energy_in_capacity,2023,49.0,percent,test\n"
)


def _files(name: str, body: str | bytes, ctype: str = "text/plain") -> dict:
    return {"file": (name, body.encode() if isinstance(body, str) else body, ctype)}


def test_read_only_without_token(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ONTRACK_TOKEN", raising=False)
    c = TestClient(create_app(store))
    r = c.post("/api/documents", files=_files("b.md", BRIEFING))
    assert r.status_code == 403
    assert c.post("/api/observations", files=_files("d.csv", DATA)).status_code == 403
    form = c.post("/upload", files=_files("b.md", BRIEFING), data={"token": "x"})
    assert form.status_code == 403
    assert store.counts()["documents"] == 0


def test_token_required(store: Store) -> None:
    c = TestClient(create_app(store, token="s3cret"))
    assert c.post("/api/documents", files=_files("b.md", BRIEFING)).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    r = c.post("/api/documents", files=_files("b.md", BRIEFING), headers=bad)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    basic = {"Authorization": "Basic s3cret"}
    r = c.post("/api/documents", files=_files("b.md", BRIEFING), headers=basic)
    assert r.status_code == 401
    assert store.counts()["documents"] == 0


def test_uploads_extract_ingest_and_reassess(store: Store) -> None:
    c = TestClient(create_app(store, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    assert c.get("/index.json").json()["regions"] == []
    r = c.post("/api/documents", files=_files("briefing.md", BRIEFING), headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] and body["statements"] >= 2 and body["region"] == "CN-LN"
    region = c.get("/region/CN-LN.json").json()
    assert region["targets"] and region["targets"][0]["status"] == "cannot_assess"
    r = c.post("/api/observations", files=_files("data.csv", DATA, "text/csv"), headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["observations_added"] == 2
    # the cached scorecard was invalidated and the new series linked
    target = c.get("/region/CN-LN.json").json()["targets"][0]
    assert target["series"] is not None and target["latest"]["value"] == 49.0
    # the page form works too, with the token in the form
    r = c.post(
        "/upload",
        files=_files("again.md", BRIEFING + "\nMore text.\n"),
        data={"token": "s3cret", "kind": "document"},
    )
    assert r.status_code == 200 and "statements extracted" in r.text
    assert (
        c.post("/upload", files=_files("x.md", BRIEFING), data={"token": "nope"}).status_code == 401
    )


def test_upload_type_and_size_limits(store: Store) -> None:
    c = TestClient(create_app(store, token="t", max_upload_bytes=2000))
    auth = {"Authorization": "Bearer t"}
    r = c.post("/api/documents", files=_files("evil.exe", "MZ..."), headers=auth)
    assert r.status_code == 415
    r = c.post("/api/observations", files=_files("data.md", DATA), headers=auth)
    assert r.status_code == 415
    big = "x" * 5000
    r = c.post("/api/documents", files=_files("big.txt", big), headers=auth)
    assert r.status_code == 413
    huge = "x" * 200_000  # rejected from Content-Length before the body is read
    r = c.post("/api/documents", files=_files("huge.txt", huge), headers=auth)
    assert r.status_code == 413
    # a traversal in the file name only ever names a file inside a private temp dir
    r = c.post("/api/documents", files=_files("../../../tmp/pwn.md", BRIEFING), headers=auth)
    assert r.status_code == 201
    assert not Path("/tmp/pwn.md").exists()


def test_bad_data_upload_is_rejected_whole(store: Store) -> None:
    c = TestClient(create_app(store, token="t"))
    bad = DATA + "Liaoning,share_clean_energy_in_capacity,20x3,1,percent,test\n"
    r = c.post(
        "/api/observations",
        files=_files("bad.csv", bad),
        headers={"Authorization": "Bearer t"},
    )
    assert r.status_code == 422
    assert store.counts()["observations"] == 0


# -- pure helpers --------------------------------------------------------------------------
def test_highlight_segments_cover_text_once() -> None:
    text = "abc def ghi jkl"
    stmts = [
        Statement(kind=StatementKind.RESULT, quote="def ghi", start=4, end=11, id=1),
        Statement(kind=StatementKind.COMPARISON, quote="ghi jkl", start=8, end=15, id=2),
    ]
    segs = highlight_segments(text, stmts)
    assert "".join(s["text"] for s in segs) == text
    assert [s["statements"] for s in segs] == [[], [1], [2]]
    same = [*stmts, Statement(kind=StatementKind.TARGET, quote="def ghi", start=4, end=11, id=3)]
    assert [s["statements"] for s in highlight_segments(text, same)] == [[], [1, 3], [2]]


def test_quote_context_marks_the_quote() -> None:
    text = "First paragraph.\n\nSome words before the quote and after it.\n\nLast."
    start = text.index("the quote")
    segs = quote_context(text, start, start + len("the quote"))
    assert [s["text"] for s in segs if s["mark"]] == ["the quote"]
    assert "First" not in "".join(s["text"] for s in segs)


def test_svg_chart_escapes_and_draws() -> None:
    svg = svg_chart(
        [ChartPoint(date(2020, 12, 31), 1.0, "2020"), ChartPoint(date(2021, 12, 31), 2.0, "2021")],
        title="<script>alert(1)</script>",
        unit="&",
        target=3.0,
        deadline=date(2023, 12, 31),
        as_of=date(2022, 6, 1),
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'data-points="2"' in svg and 'class="asof-line"' in svg
    assert "no observations" in svg_chart([])


def _target_of(demo: Store, value: float) -> Statement:
    return next(
        s
        for s in demo.statements(region_id="CN-LN", kind="target")
        if s.indicator_id == "share_clean_energy_in_capacity" and f"{value:g} percent" in s.quote
    )


@pytest.mark.parametrize("as_of", ["2024-04-23", "2025-06-30", "2026-11-28"])
def test_probability_is_never_shown_without_its_basis(
    client: TestClient, demo: Store, as_of: str
) -> None:
    target = _target_of(demo, 56.8)
    data = client.get(f"/statement/{target.id}.json?as_of={as_of}").json()
    assert data["probability_basis"], data
    html = client.get(f"/statement/{target.id}?as_of={as_of}").text
    assert "Progress so far" in html and "Chance of meeting it by the deadline" in html
    if data["probability"] is None:
        assert "not computed" in html and "a forecast needs 3" in html
    else:
        assert f"based on {data['probability_basis']}" in html
    # headings and titles in words, not machine keys
    assert "share_clean_energy" not in html.split("<main", 1)[1].split("This page as JSON")[0]
    assert "<title>Target: " in html and "56.8 percent" in html


def test_inputs_are_rounded_for_people(client: TestClient, demo: Store) -> None:
    target = _target_of(demo, 56.8)
    data = client.get(f"/statement/{target.id}.json?as_of=2025-06-30").json()
    shown = {i["key"]: i["value"] for i in data["inputs"]}
    assert shown["observed_rate"].endswith("% a year") and len(shown["observed_rate"]) < 16
    assert data["inputs_exact"]["observed_rate"] == pytest.approx(0.1134, abs=1e-3)


def test_glossary_page_and_links(client: TestClient, demo: Store) -> None:
    html = client.get("/glossary").text
    for anchor in ("status", "probability", "models", "vintages", "self_reported"):
        assert f'id="{anchor}"' in html
    terms = client.get("/glossary.json").json()["terms"]
    assert any("0.95" in t["text"] for t in terms)
    page = client.get(f"/statement/{_target_of(demo, 56.8).id}").text
    assert 'href="/glossary#probability"' in page and 'href="/glossary#status"' in page


def test_series_sources_are_links_with_their_publisher_and_cite_this(
    client: TestClient, demo: Store
) -> None:
    sid = demo.list_series(region="Liaoning", indicator="gdp_real_growth_yoy")[0].series.id
    data = client.get(f"/series/{sid}.json").json()
    for o in data["observations"]:
        c = o["citation"]
        assert c["url"] or c["text"]
        assert c["publisher"] or "publisher" in c["missing"]
        assert o["kind_label"] != "official" or c["official"]
    html = client.get(f"/series/{sid}").text
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if 'class="src"' in r]
    cells = [r.split('<td class="src">', 1)[1] for r in rows]
    assert cells and all(
        'class="src-link"' in c
        for r, c in zip(rows, cells, strict=True)
        if "self-reported" not in r
    )
    assert all("<strong>" in c or "publisher not recorded" in c for c in cells)
    assert "T21:" not in html  # automatic vintages are named for people
    assert "Cite this" in html and "@misc{ontrack-series-" in html
    target = _target_of(demo, 56.8)
    page = client.get(f"/statement/{target.id}.json?as_of=2025-06-30").json()
    assert page["cite"]["csl"]["URL"].endswith(f"/statement/{target.id}?as_of=2025-06-30")
    assert "as of 2025-06-30" in page["cite"]["text"]


def test_comparison_page_shows_both_series_and_regions(client: TestClient, demo: Store) -> None:
    cmp_ = next(s for s in demo.statements(kind="comparison") if "decade" in s.quote)
    data = client.get(f"/statement/{cmp_.id}.json").json()
    assert [o["name"] for o in data["chart"]["others"]] == ["China"]
    assert {e["region"] for e in data["evidence"]} == {"Liaoning", "China"}
    html = client.get(f"/statement/{cmp_.id}").text
    assert '<th scope="col">region</th>' in html
    assert html.count('class="series-line other-line"') == 2  # wide and narrow pictures


def test_search_chinese_aliases_stems_and_ranking(client: TestClient, demo: Store) -> None:
    liaoning = client.get("/search.json?q=辽宁").json()
    assert liaoning["results"][0]["kind"] == "region" and liaoning["results"][0]["id"] == "CN-LN"
    assert 'href="/region/CN-LN"' in client.get("/search?q=辽宁").text
    all_ln = {s.id for s in demo.statements(region_id="CN-LN")}
    found = {s["id"] for s in client.get("/search.json?q=Liaoning").json()["statements"]}
    assert all_ln <= found
    clean = client.get("/search.json?q=清洁能源").json()
    assert clean["statements"] and clean["series"]
    share = client.get("/search.json?q=clean energy share").json()
    assert share["statements"] and share["series"]
    assert share["series"][0]["title"].startswith("Clean-energy share")
    assert client.get("/search.json?q=liaon").json()["regions"]


def test_api_contract_schemas_422s_and_case_insensitive_regions(
    client: TestClient, demo: Store
) -> None:
    from ontrack.web.schemas import ScorecardOut, SeriesOut, StatementOut

    spec = client.get("/openapi.json").json()
    region = spec["paths"]["/api/regions/{region}"]["get"]["responses"]
    assert region["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ScorecardOut")
    assert {"404", "422"} <= set(region)
    assert "ErrorDetail" in spec["components"]["schemas"]
    card = client.get("/api/regions/cn-ln?as_of=2025-06-30")
    assert card.status_code == 200 and card.json()["region"] == "CN-LN"
    ScorecardOut.model_validate(card.json())
    assert client.get("/region/cn-ln").status_code == 200
    for s in client.get("/api/series?region=cn-ln").json():
        SeriesOut.model_validate(s)
    quotes = {s["quote"] for s in client.get("/api/statements?region=Liaoning").json()}
    for s in client.get("/api/statements?region=Liaoning").json():
        StatementOut.model_validate(s)
    region_json = client.get("/region/CN-LN.json").json()
    assert all(t["quote"] in quotes or t["quote"] for t in region_json["targets"])
    assert not any(t["quote"].endswith("…") for t in region_json["targets"] + region_json["claims"])
    bad = client.get("/api/assessments?region=CN-LN&as_of=2024-13-01")
    assert bad.status_code == 422  # FastAPI's shape: where, and a sentence
    assert [d["loc"] for d in bad.json()["detail"]] == [["query", "as_of"]]
    assert "YYYY-MM-DD" in bad.json()["detail"][0]["msg"]
    bad_id = client.get("/api/statements/abc")
    assert bad_id.status_code == 422 and isinstance(bad_id.json()["detail"], str)


def test_series_page_shows_plan_rows_in_words_and_self_reported_figures_cited(
    client: TestClient, demo: Store
) -> None:
    """A plan-table target is linked from the series page and found by search in words,
    never as its CSV line; a self-reported figure is cited as its document, with a link."""
    sid = demo.links()[_clean_energy_target(demo).id].series_id
    data = client.get(f"/series/{sid}.json").json()
    rows = [s for s in data["statements"] if "share_clean_energy_in_capacity" in s["quote"]]
    assert rows, "the demo links plan-table targets to this series"
    for s in rows:
        assert "share_clean_energy" not in s["words"] and ",," not in s["words"]
        assert s["words"].startswith("Clean-energy share of installed power capacity")
    html = client.get(f"/series/{sid}").text
    listed = html.split("Statements linked to this series", 1)[1].split("</ul>", 1)[0]
    assert "share_clean_energy" not in listed and ",," not in listed
    found = client.get("/search.json?q=clean-energy build-out").json()["statements"]
    assert found and not any(",," in s["quote"] for s in found)
    reported = [o for o in data["observations"] if o["kind"] == "reported"]
    assert reported
    for o in reported:
        c = o["citation"]
        assert c["document_id"] and c["publisher"] and c["title"] and c["published"]
        assert not c["official"]
        assert f'href="/document/{c["document_id"]}"' in html


def test_explanations_say_the_comparison_in_words(client: TestClient, demo: Store) -> None:
    target = _target_of(demo, 56.8)
    data = client.get(f"/statement/{target.id}.json?as_of=2025-06-30").json()
    assert "reaching at least 56.8" in data["explanation"], data["explanation"]
    assert "= 56.8" not in data["explanation"]
