"""Citable sources: publisher first, re-posts as 'copy at', honest kinds, Cite this."""

from __future__ import annotations

import csv
import json
from datetime import date

from ontrack.cite import cite_page
from ontrack.datasets import series_files
from ontrack.sources import cite_source, describe_observation, source_line


def test_publisher_first_and_copy_at_for_a_repost() -> None:
    c = cite_source(
        "https://m.example-mirror.com/a/1.html ; mirror http://other.example.org/x",
        "first release (Liaoning statistics bureau, Jan 2024)",
    )
    assert c.publisher == "Liaoning Provincial Bureau of Statistics" and c.official
    assert c.url == "https://m.example-mirror.com/a/1.html"
    assert c.copy_at == "m.example-mirror.com" and c.published == "2024-01"
    assert source_line(c).startswith("Liaoning Provincial Bureau of Statistics, 2024-01; copy at")


def test_official_site_is_not_a_copy_and_unknowns_are_said() -> None:
    own = cite_source("https://www.stats.gov.cn/sj/zxfb/x.html", "first release (NBS 2024-01-17)")
    assert own.official and own.copy_at is None and own.published == "2024-01-17"
    blank = cite_source("http://some-blog.example.net/post", "", "rounded")
    assert blank.publisher == "" and not blank.official
    assert set(blank.missing) == {"publisher", "title", "published"}
    assert source_line(blank).startswith("publisher not recorded, date not recorded; copy at")
    # a year in a document's name is not its publication date
    assert (
        cite_source("x", "first release (Liaoning statistical communique 2022)").published is None
    )


def test_notes_name_a_publisher_only_as_the_source_of_the_figure() -> None:
    said = cite_source("http://news.example.com/a", "", "Xinhua 2024-07-16 citing Liaoning DRC")
    assert said.publisher.startswith("Liaoning Provincial Development")
    aside = cite_source("http://news.example.com/a", "", "the NBS revised series shows +0.5")
    assert aside.publisher == ""


def test_only_an_official_body_is_labelled_official() -> None:
    assert (
        describe_observation("http://a.example/x", "first release (NBS 2024-01-17)")["kind_label"]
        == "official"
    )
    assert describe_observation("http://a.example/x", "", "")["kind_label"] == (
        "publisher not recorded"
    )
    company = describe_observation("http://a.example/x", "State Grid Liaoning, 2024-03-14")
    assert company["kind_label"] == "not an official body"
    assert "self-reported" in describe_observation("doc", "", "", "reported")["kind_label"]
    assert "javascript" not in str(cite_source("javascript:alert(1)").url)


def test_github_paths_become_links() -> None:
    c = cite_source("github:owner/repo@582d20bf:data/file.csv (=raw/x.csv)", "NBS export 2021")
    assert c.url == "https://github.com/owner/repo/blob/582d20bf/data/file.csv"
    assert c.copy_at == "github.com" and c.publisher.startswith("National Bureau")


def test_every_bundled_row_has_an_address_or_says_what_it_is() -> None:
    rows = [
        r
        for f in series_files()
        for r in csv.DictReader(f.read_text(encoding="utf-8").splitlines())
    ]
    cites = [cite_source(r["source"], r.get("vintage", ""), r.get("note", "")) for r in rows]
    assert cites and all(c.url or c.text for c in cites)
    assert all(c.publisher for c in cites if c.official)
    # the NBS database export (most rows) is cited to the NBS, read at a copy on GitHub
    nbs = [
        c for c, r in zip(cites, rows, strict=True) if "NBS database export" in r.get("vintage", "")
    ]
    assert nbs and all(c.publisher.startswith("National Bureau") for c in nbs)
    assert all(c.copy_at == "github.com" for c in nbs)


def test_cite_this_in_three_forms() -> None:
    cite = cite_page(
        key="statement-6",
        title="Target: clean-energy share, reach 56.8 percent by 2025-12-31 (Liaoning)",
        url="http://example.org/statement/6?as_of=2025-06-30",
        as_of="2025-06-30",
        publishers=["State Grid Liaoning", "", "State Grid Liaoning"],
        accessed=date(2026, 1, 2),
    )
    assert "as of 2025-06-30; data from State Grid Liaoning." in cite["text"]
    assert cite["text"].endswith("(accessed 2026-01-02).")
    assert cite["bibtex"].startswith("@misc{ontrack-statement-6-2025-06-30,")
    assert "\\url{http://example.org/statement/6?as_of=2025-06-30}" in cite["bibtex"]
    csl = json.loads(cite["csl_json"])
    assert csl["issued"] == {"date-parts": [[2025, 6, 30]]} and csl["type"] == "webpage"
