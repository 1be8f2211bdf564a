"""Static site and reports: files exist, relative links resolve, charts are inline SVG."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from typer.testing import CliRunner

from ontrack.datasets import demo_store
from ontrack.errors import OntrackError
from ontrack.publish import PublishError, export_site, report_context, write_report
from ontrack.publish import _inside as inside
from ontrack.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = demo_store(tmp_path_factory.mktemp("pub") / "d.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def site(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    written = export_site(demo, out)
    assert written["pages"] > 100 and written["regions"] >= 2
    return out


def _target(store: Store):
    return next(
        s
        for s in store.statements(region_id="CN-LN", kind="target")
        if "end of 2024" in s.quote and "clean energy" in s.quote
    )


def test_site_pages_exist(site: Path, demo: Store) -> None:
    t = _target(demo)
    for rel in [
        "index.html",
        "index.json",
        "region/CN-LN.html",
        "region/CN-LN.json",
        f"statement/{t.id}.html",
        f"document/{t.document_id}.html",
        "static/style.css",
    ]:
        assert (site / rel).is_file(), rel
    data = json.loads((site / "region/CN-LN.json").read_text())
    assert data["region"] == "CN-LN" and data["targets"]


def test_site_links_are_relative_and_resolve(site: Path) -> None:
    broken = []
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # links to the sources of figures (class src-link) are the only absolute ones
        html = re.sub(r'<a class="src-link" href="https?://[^"]*"', "<a", html)
        for link in re.findall(r'(?:href|src)="([^"]*)"', html):
            parsed = urlparse(link)
            assert not parsed.scheme and not link.startswith("/"), (page, link)
            if not parsed.path:
                continue
            target = (page.parent / unquote(parsed.path)).resolve()
            checked += 1
            if not target.is_file():
                broken.append((str(page.relative_to(site)), link))
    assert checked > 1000
    assert not broken, broken[:10]


def test_site_target_page_has_chart_and_highlight(site: Path, demo: Store) -> None:
    t = _target(demo)
    html = (site / f"statement/{t.id}.html").read_text(encoding="utf-8")
    assert '<path class="series-line"' in html
    assert f"<mark>{t.quote}</mark>" in html
    assert 'href="../static/style.css"' in html
    assert "<script" not in html


def test_export_refuses_paths_outside(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    with pytest.raises(PublishError):
        inside(root, "../evil.html")
    with pytest.raises(PublishError):
        inside(root, "/etc/passwd")
    assert inside(root, "region/CN-LN.html").is_relative_to(root)


def test_report_markdown_and_html(demo: Store, tmp_path: Path) -> None:
    md = write_report(demo, "Liaoning", tmp_path / "r.md")
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Liaoning: is it on track?")
    assert "## Targets" in text and "## Checked claims" in text and "## Goals" in text
    charts = list((tmp_path / "r_charts").glob("*.svg"))
    assert charts and "r_charts/" in text
    assert "<script" not in text
    html = write_report(demo, "Liaoning", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'class="series-line"' in html
    assert "<style>" in html and "<link" not in html  # one self-contained file
    with pytest.raises(OntrackError):
        write_report(demo, "Liaoning", tmp_path / "r.docx")


def test_report_pdf(demo: Store, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", exc_type=ImportError)
    pdf = write_report(demo, "CN-LN-CEB", tmp_path / "r.pdf")
    head = pdf.read_bytes()[:5]
    assert head == b"%PDF-"


def test_cli_publish_and_report(demo: Store, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ontrack.cli import app

    db = demo.url.removeprefix("sqlite:///")
    runner = CliRunner()
    r = runner.invoke(app, ["publish", "--out", str(tmp_path / "s"), "--db", db])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "s" / "index.html").is_file()
    out = tmp_path / "rep.md"
    r = runner.invoke(app, ["report", "Liaoning", "--format", "md", "--out", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert out.is_file()


def test_exports_in_every_format(tmp_path: Path) -> None:
    import json as json_module

    import polars as pl

    from ontrack.cli import app

    db = tmp_path / "e.db"
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--db", str(db)]).exit_code == 0
    for fmt in ("csv", "json", "parquet"):
        out = tmp_path / fmt
        result = runner.invoke(app, ["export", "--db", str(db), "--out", str(out), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.iterdir()) == sorted(
            f"{t}.{fmt}" for t in ("series", "observations", "statements", "scorecards")
        )
    obs = pl.read_parquet(tmp_path / "parquet" / "observations.parquet")
    assert obs.filter(pl.col("kind") == "reported").height >= 1  # the briefing's own figures
    assert obs.height == pl.read_csv(tmp_path / "csv" / "observations.csv").height
    cards = json_module.loads((tmp_path / "json" / "scorecards.json").read_text(encoding="utf-8"))
    assert {c["status"] for c in cards} >= {"supported", "not_measurable"}
    bad = runner.invoke(app, ["export", "--db", str(db), "--out", str(db), "--format", "csv"])
    assert bad.exit_code == 2 and "is a file" in bad.stderr


def test_report_pdf_looks_like_a_brief(demo: Store, tmp_path: Path) -> None:
    """The PDF checked as pictures: nothing runs off the page, no half-empty pages, and
    the sources section is there."""
    import shutil
    import subprocess

    pytest.importorskip("weasyprint", exc_type=ImportError)
    image = pytest.importorskip("PIL.Image")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    pdf = write_report(demo, "Liaoning", tmp_path / "r.pdf", as_of=date(2025, 6, 30))
    dpi = 50
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    charts = sum(1 for t in report_context(demo, "Liaoning")["targets"] if t["chart"])
    assert 1 <= len(pages) <= 3 + (2 * charts) // 3  # charts fill pages; tables, sources
    margin = int(10 / 25.4 * dpi)  # 10 mm of the 14 mm side margin must stay blank
    for i, page in enumerate(pages):
        gray = image.open(page).convert("L")
        w, h = gray.size
        right = gray.crop((w - margin, 0, w, h))
        assert right.getextrema()[0] > 200, f"page {i + 1}: ink in the right margin"
        left = gray.crop((0, 0, margin, h))
        assert left.getextrema()[0] > 200, f"page {i + 1}: ink in the left margin"
        if i < len(pages) - 1:  # every page but the last is used to its lower part
            lower = gray.crop((margin, int(h * 0.6), w - margin, int(h * 0.9)))
            assert lower.getextrema()[0] < 128, f"page {i + 1} is half empty"
    html = write_report(demo, "Liaoning", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Sources and citations" in html and "Cite this report" in html
    assert "Method." in html and "as of <strong>" in html
