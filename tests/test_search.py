"""Search: Chinese aliases, stems, partial words, every kind of record, ranked."""

from __future__ import annotations

import pytest

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


def _whole(store: Store, query: str) -> list[dict]:
    """The ranking over every record, read whole (what search did before the index)."""
    from ontrack.search import rank, records

    return rank(records(store), query, limit=1000)


def _same_as_whole(store: Store, *queries: str) -> None:
    for q in queries:
        assert search(store, q, limit=1000) == _whole(store, q), q


def test_index_follows_every_write(store: Store, tmp_path) -> None:
    from ontrack import review
    from ontrack.search import records

    _store(store)
    data = tmp_path / "t.csv"
    data.write_text(
        "region,indicator,period,value,unit,source\n"
        "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,bureau\n"
        "辽宁省,retail_sales_growth,2024,3.1,%,bureau\n"
    )
    store.ingest(data)  # new series and the region they name
    queries = ["测试", "辽宁", "liaon", "retail sales", "gdp", "wind shares", "grai", "briefing"]
    _same_as_whole(store, *queries)
    assert {r["kind"] for r in search(store, "辽宁")} >= {"region", "series"}
    wind = next(s for s in store.statements() if "wind" in s.quote)
    review.edit(store, wind.id, {"indicator": "offshore turbines"}, reason="t", reassess=False)
    assert search(store, "turbines")[0]["id"] == wind.id
    review.reject(store, wind.id, reason="not a figure", reassess=False)
    assert search(store, "turbines") == []
    _same_as_whole(store, *queries)
    extra = tmp_path / "regions.toml"
    extra.write_text('[[regions]]\nid = "XX-DL"\nname = "Dalian"\nname_zh = "大连"\n')
    store.add_catalog_file(extra)
    doc_id = next(d["id"] for d in store.list_documents())
    store.remove_document(doc_id)
    assert search(store, "测试") == [] and search(store, "briefings") == []
    _same_as_whole(store, *queries)
    assert len(records(store)) == 3  # Liaoning and its two series


def test_search_reads_only_candidate_rows(store: Store, monkeypatch) -> None:
    import ontrack.search as search_module

    _store(store)
    store._search_index_ok = False
    search(store, "grain")  # the index is checked once per Store
    monkeypatch.setattr(search_module, "records", lambda _s: pytest.fail("read whole"))
    from ontrack import searchindex

    with store.engine.connect() as conn:
        found = searchindex.candidates(conn, "grain")
    assert [r.kind for r in found] == ["statement"]  # not the region, document, other one
    assert search(store, "grain")[0]["title"].startswith("Its grain output")


def test_index_migration_up_and_down(store: Store) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    _store(store)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("ontrack") / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004_datain")
    with store.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert not names & {"search_records", "search_terms", "search_meta"}
    reopened = Store(store.url)  # migrates up and fills the index
    with reopened.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM search_records").scalar()
    assert count == 4  # the region, two statements and the document
    _same_as_whole(reopened, "测试", "wind shares", "briefings")
    reopened.close()
