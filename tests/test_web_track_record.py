"""The track-record page, its JSON twin, the static site's copy and the SVG diagram, on a
small store written for the tests (the browser test covers the bundled data)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from ontrack.publish import export_site
from ontrack.web import create_app
from ontrack.web.trackrecord import reliability_svg

from .test_assess_backtest import _store


def test_track_record_page_and_json(tmp_path: Path) -> None:
    store = _store(tmp_path, ("China", "Liaoning", "Jilin"))
    client = TestClient(create_app(store, token=""))
    data = client.get("/track-record.json").json()
    assert data["n_targets"] == 15 and data["n_regions"] == 3
    names = [s["model"] for s in data["scores"]]
    assert {"always_0.5", "status_rule", "damped", "learned"} <= set(names)
    assert sum(s["is_default"] for s in data["scores"]) == 1
    (cn,) = [r for r in data["regions"] if r["region"] == "CN"]
    assert cn["targets"] == 5 and [y["year"] for y in cn["years"]] == [
        str(y) for y in range(2015, 2020)
    ]
    page = client.get("/track-record")
    assert page.status_code == 200
    html = page.text
    assert "<svg" in html and "Reliability diagram" in html and 'href="/region/CN"' in html
    assert "<script" not in html


def test_empty_store_track_record_says_nothing_to_score(tmp_path: Path) -> None:
    from ontrack.store import Store

    client = TestClient(create_app(Store(tmp_path / "e.db"), token=""))
    page = client.get("/track-record")
    assert page.status_code == 200 and "nothing to score" in page.text


def test_static_site_has_the_track_record(tmp_path: Path) -> None:
    store = _store(tmp_path, ("China", "Liaoning"))
    export_site(store, tmp_path / "site")
    html = (tmp_path / "site" / "track-record.html").read_text(encoding="utf-8")
    assert "Track record" in html and 'href="region/CN.html"' in html
    assert (tmp_path / "site" / "track-record.json").exists()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="track-record.html"' in home


def test_reliability_svg_escapes_model_names() -> None:
    bins = [
        {"lower": 0.0, "upper": 0.5, "n": 4, "mean_predicted": 0.3, "observed_frequency": 0.25},
        {"lower": 0.5, "upper": 1.0, "n": 6, "mean_predicted": 0.7, "observed_frequency": 0.8},
    ]
    svg = str(reliability_svg({"<b>x</b>": bins, "damped": bins}))
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<circle") == 4 and svg.count("<polyline") == 2
    assert str(reliability_svg({})) == ""


def test_report_has_the_region_track_record(tmp_path: Path) -> None:
    from ontrack.publish import write_report

    store = _store(tmp_path)
    md = write_report(store, "China", tmp_path / "r.md", fmt="md")
    text = Path(md).read_text(encoding="utf-8")
    assert "## Track record" in text and "| 2016 | 0 | 1 |" in text and "| 2015 | 1 | 1 |" in text
    html = Path(write_report(store, "China", tmp_path / "r.html", fmt="html")).read_text(
        encoding="utf-8"
    )
    assert 'id="track-record"' in html and "<td>2019</td>" in html
