"""Store: migrations, vintages, atomicity (including SIGKILL), documents."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ontrack.errors import NotFoundError, StoreError, ValidationError
from ontrack.model import Document, Statement, StatementKind
from ontrack.store import Store, resolve_url

from .conftest import TIDY_HEADER


def _dump(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT series_id, period, value, vintage, kind FROM observations ORDER BY id"
        ).fetchall()
        rows += con.execute("SELECT * FROM series ORDER BY id").fetchall()
        rows += con.execute("SELECT id, path, checksum FROM ingests ORDER BY id").fetchall()
        return rows
    finally:
        con.close()


def test_fresh_store_is_migrated_and_seeded(tmp_path: Path) -> None:
    db = tmp_path / "new" / "s.db"
    with Store(db) as store:
        assert store.counts() == {
            "documents": 0,
            "statements": 0,
            "series": 0,
            "observations": 0,
            "ingests": 0,
        }
    con = sqlite3.connect(db)
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("ontrack") / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("SELECT count(*) FROM regions WHERE parent_id = 'CN'").fetchone() == (31,)
    con.close()
    Store(db).close()  # reopening an up-to-date store is fine


def test_db_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ONTRACK_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("ONTRACK_DB")
    assert resolve_url(None).endswith("/ontrack.db")


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not an ontrack database"):
        Store(junk)


def test_changed_value_adds_vintage_identical_file_changes_nothing(store: Store, write) -> None:
    first = write(
        "a.csv",
        TIDY_HEADER + "China,gdp_real_growth_yoy,2021,8.1,percent,first\n"
        "China,gdp_real_growth_yoy,2022,3.0,percent,first\n",
    )
    assert store.ingest(first).observations_added == 2
    before = _dump(Path(store.engine.url.database))
    again = store.ingest(first)
    assert (again.observations_added, again.unchanged, again.vintages_added) == (0, 2, 0)
    assert _dump(Path(store.engine.url.database)) == before  # not even an ingest log row

    revised = write(
        "b.csv",
        TIDY_HEADER + "China,gdp_real_growth_yoy,2021,8.4,percent,revised\n"
        "China,gdp_real_growth_yoy,2022,3.0,percent,revised\n",
    )
    summary = store.ingest(revised)
    assert (summary.observations_added, summary.vintages_added, summary.unchanged) == (1, 1, 1)
    (info,) = store.list_series()
    every = store.observations(info.series.id, all_vintages=True)
    assert [(o.period, o.value) for o in every] == [("2021", 8.1), ("2021", 8.4), ("2022", 3.0)]
    assert every[0].vintage != every[1].vintage
    assert [o.value for o in store.observations(info.series.id)] == [8.4, 3.0]


def test_explicit_vintage_is_never_overwritten(store: Store, write) -> None:
    header = "region,indicator,period,value,unit,source,vintage\n"
    store.ingest(write("v1.csv", header + "China,g,2020,2.3,percent,x,first release\n"))
    clash = write(
        "v2.csv",
        header + "China,g,2021,8.1,percent,x,first release\n"
        "China,g,2020,2.2,percent,x,first release\n",
    )
    with pytest.raises(
        ValidationError,
        match=r"v2.csv:3: vintage 'first release' of period 2020 "
        r"is already stored with value 2.3",
    ):
        store.ingest(clash)
    assert store.counts()["observations"] == 1  # the good 2021 row was not stored either
    ok = store.ingest(write("v3.csv", header + "China,g,2020,2.2,percent,x,revision 2023\n"))
    assert ok.vintages_added == 1


def test_values_are_converted_into_the_series_unit(store: Store, write) -> None:
    store.ingest(write("gw.csv", TIDY_HEADER + "Liaoning,capacity_total,2023,70.6,GW,x\n"))
    summary = store.ingest(
        write("wan.csv", TIDY_HEADER + "Liaoning,capacity_total,2024,7550,万千瓦,x\n")
    )
    assert summary.observations_added == 1
    (info,) = store.list_series()
    assert [o.value for o in store.observations(info.series.id)] == pytest.approx([70.6, 75.5])
    bad = write("bad.csv", TIDY_HEADER + "Liaoning,capacity_total,2025,80,kWh,x\n")
    with pytest.raises(ValidationError, match="unit 'kWh' does not fit the stored series"):
        store.ingest(bad)


def test_sigkill_mid_file_leaves_store_as_before(tmp_path: Path, write) -> None:
    db = tmp_path / "kill.db"
    with Store(db) as store:
        store.ingest(
            write("base.csv", TIDY_HEADER + "China,gdp_real_growth_yoy,2023,5.2,percent,x\n")
        )
    before = _dump(db)
    rows = "".join(
        f"{r},bench_{i},{y},{i + y / 1000},percent,x\n"
        for i in range(60)
        for r in ("Liaoning", "Jilin", "Hebei", "Hubei")
        for y in range(2000, 2020)
    )
    big = write("big.csv", TIDY_HEADER + rows + "China,gdp_real_growth_yoy,2023,5.3,percent,x\n")
    # The child kills itself with SIGKILL once its rows are written but not yet committed.
    code = textwrap.dedent(f"""
        import os, signal
        from ontrack.store import Store
        def progress(stage, done, total):
            if stage == "write" and done > 0:
                os.kill(os.getpid(), signal.SIGKILL)
        Store({str(db)!r}).ingest({str(big)!r}, progress=progress)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _dump(db) == before
    with Store(db) as store:  # and the store still works
        assert store.ingest(big).observations_added == 4801


def test_documents_are_saved_once(store: Store) -> None:
    doc = Document(text="Liaoning's GDP grew 5.3 percent in 2023.", title="t", region_id="CN-LN")
    stmt = Statement(
        kind=StatementKind.RESULT,
        quote="5.3 percent",
        start=20,
        end=31,
        value=5.3,
        unit="percent",
        period="2023",
        region_id="CN-LN",
    )
    assert store.save_document(doc, [stmt]) is True
    assert store.save_document(doc, [stmt]) is False
    assert store.counts()["documents"] == 1 and store.counts()["statements"] == 1
    (saved,) = store.statements(document_id=doc.id)
    assert (saved.value, saved.start, saved.end, saved.document_id) == (5.3, 20, 31, doc.id)
    assert store.get_document(doc.id).text == doc.text
    with pytest.raises(NotFoundError):
        store.get_document("nope")


def test_unknown_series(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no series with id 99"):
        store.observations(99)


def test_catalog_file_persists(tmp_path: Path) -> None:
    extra = tmp_path / "r.csv"
    extra.write_text("id,name,aliases\nCN-LN-DL,Dalian,大连\n", encoding="utf-8")
    db = tmp_path / "c.db"
    with Store(db) as store:
        assert store.add_catalog_file(extra) == (1, 0)
    with Store(db) as store:
        assert store.catalog.find_region("大连").id == "CN-LN-DL"  # type: ignore[union-attr]


if os.name != "posix":  # pragma: no cover
    pytest.skip("SIGKILL test needs POSIX", allow_module_level=True)
