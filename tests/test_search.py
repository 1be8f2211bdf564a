"""Search: Chinese aliases, stems, partial words, every kind of record, ranked."""

from __future__ import annotations

from ontrack.model import Document, Region, Statement, StatementKind
from ontrack.search import query_terms, search, stem
from ontrack.store import Store


def _store(store: Store) -> Store:
    store.catalog.add_region(Region("XX-TS", "Testland", "测试省", aliases=("Test Province",)))
    text = (
        "Testland's share of wind power rose to 20 percent.\n\n"
        "Its grain output reached 30 million tonnes."
    )
    doc = Document(text, "Testland briefing on energy", None, "test", region_id="XX-TS")
    stmts = [
        Statement(
            kind=StatementKind.RESULT,
            quote="Testland's share of wind power rose to 20 percent",
            start=0,
            end=49,
            indicator="share of wind power",
            region_id="XX-TS",
            value=20.0,
        ),
        Statement(
            kind=StatementKind.RESULT,
            quote="Its grain output reached 30 million tonnes",
            start=51,
            end=93,
            indicator="grain output",
            region_id="XX-TS",
            value=3e7,
        ),
    ]
    store.save_document(doc, stmts)
    return store


def test_terms_and_stems() -> None:
    assert query_terms("Shares of 清洁能源 in 辽宁") == ["清洁能源", "辽宁", "shares"]
    assert stem("shares") == stem("share") == "share"
    assert stem("energies") == "energy" and stem("growing") == "grow"
    assert query_terms("of the") == ["of", "the"]  # only stopwords: kept


def test_chinese_alias_finds_the_region_first_and_its_statements(store: Store) -> None:
    _store(store)
    results = search(store, "测试")
    assert results[0]["kind"] == "region" and results[0]["id"] == "XX-TS"
    assert {r["kind"] for r in results} >= {"region", "statement"}
    assert [r["kind"] for r in search(store, "briefings")] == ["document"]
    assert sum(r["kind"] == "statement" for r in results) == 2


def test_stems_partial_words_and_ranking(store: Store) -> None:
    _store(store)
    wind = search(store, "wind shares")
    assert [r["kind"] for r in wind] == ["statement"] and "wind" in wind[0]["title"]
    partial = search(store, "grai")
    assert partial and partial[0]["title"].startswith("Its grain output")
    # a record with the query as a phrase ranks above one with the words apart
    both = search(store, "Testland share")
    assert both[0]["kind"] == "statement" and "share of wind" in both[0]["title"]
    assert search(store, "nothing-like-this") == [] and search(store, "  ") == []
