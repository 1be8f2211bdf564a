"""The same store on PostgreSQL. Runs when ONTRACK_TEST_POSTGRES names a database URL
(.ci/run starts a throwaway server and sets it); skipped otherwise."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

import pytest

from ontrack.errors import ValidationError
from ontrack.store import Store

URL = os.environ.get("ONTRACK_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="set ONTRACK_TEST_POSTGRES to a PostgreSQL URL")


@pytest.fixture
def pg_store() -> Store:
    import sqlalchemy as sa

    assert URL is not None
    name = f"ontrack_test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = URL.rsplit("/", 1)[0]
    store = Store(f"{base}/{name}")
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_ingest_vintages_and_rollback(pg_store: Store, tmp_path: Path) -> None:
    header = "region,indicator,period,value,unit,source\n"
    first = tmp_path / "a.csv"
    first.write_text(header + "China,gdp_real_growth_yoy,2021,8.1,percent,x\n", encoding="utf-8")
    assert pg_store.ingest(first).observations_added == 1
    assert pg_store.ingest(first).observations_added == 0
    revised = tmp_path / "b.csv"
    revised.write_text(header + "China,gdp_real_growth_yoy,2021,8.4,percent,y\n", encoding="utf-8")
    assert pg_store.ingest(revised).vintages_added == 1
    bad = tmp_path / "c.csv"
    bad.write_text(
        header + "China,gdp_real_growth_yoy,2022,3.0,percent,x\n"
        "China,gdp_real_growth_yoy,2023,oops,percent,x\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError):
        pg_store.ingest(bad)
    assert pg_store.counts()["observations"] == 2


def test_demo_scorecard_on_postgres(pg_store: Store) -> None:
    from ontrack.assess import build_scorecard, link_statements
    from ontrack.datasets import briefing_path, series_files
    from ontrack.extract import extract_path

    for path in series_files():
        pg_store.ingest(path)
    for doc, stmts in extract_path(briefing_path()):
        pg_store.save_document(doc, stmts)
    link_statements(pg_store)
    card = build_scorecard(pg_store, "Liaoning", as_of=date(2024, 4, 23))
    statuses = [i["status"] for i in card["items"]]
    assert statuses[:2] == ["supported", "supported"] and statuses.count("not_measurable") == 9


def test_review_versions_on_postgres(pg_store: Store) -> None:
    """The review schema (0003_review) and every transition on PostgreSQL."""
    from ontrack import review
    from ontrack.extract import extract_document
    from ontrack.model import Document

    text = "Jilin built 120 kilometers of new bike lanes in 2023. It will plant 3 million trees."
    doc = Document(text=text, date=date(2024, 3, 1), region_id="CN-JL")
    assert pg_store.save_document(doc, extract_document(doc))
    first = pg_store.statements()[0].id or 0
    assert review.confirm(pg_store, first, by="ana")["state"] == "confirmed"
    edited = review.edit(
        pg_store, first, {"unit": "miles"}, reason="the source gives miles", by="ana"
    )
    assert edited["state"] == "corrected" and edited["extracted"]["unit"] == "km"
    added = review.add(pg_store, doc.id, kind="result", quote="3 million trees", reason="missed")
    assert added["state"] == "added"
    review.reject(pg_store, first, reason="duplicate")
    assert first not in {s.id for s in pg_store.statements()}
    assert [h["field"] for h in review.show(pg_store, first)["history"]] == [
        "state",
        "unit",
        "state",
        "state",
    ]
