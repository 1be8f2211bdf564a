"""Concurrent writers (issue 16): two `ingest` and two `extract --save` processes writing one
store at once, on SQLite and on PostgreSQL: nothing duplicated, nothing lost, nothing corrupt;
a writer waits for a long-held lock instead of failing with "database is locked"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from ontrack.store import Store

PG_URL = os.environ.get("ONTRACK_TEST_POSTGRES")
HEADER = "region,indicator,period,value,unit,source\n"
CLI = [sys.executable, "-c", "from ontrack.cli import main; main()"]


def table(region: str, indicator: str, years: range, base: float) -> str:
    return HEADER + "".join(
        f"{region},{indicator},{y},{base + (y - years.start) * 0.5:.1f},percent,test\n"
        for y in years
    )


def run_together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once; wait for all."""
    procs = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    out = []
    for p, c in zip(procs, commands, strict=True):
        stdout, stderr = p.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(c, p.returncode, stdout, stderr))
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = str(tmp_path / "c.db")
        Store(url).close()
        yield url
        return
    if not PG_URL:
        pytest.skip("set ONTRACK_TEST_POSTGRES to a PostgreSQL URL")
    name = f"ontrack_conc_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    Store(url).close()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def observation_keys(url: str) -> list[tuple[object, ...]]:
    with Store(url) as store, store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.text(
                    "SELECT s.region_id, s.indicator_id, o.period, o.value FROM observations o "
                    "JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3, 4"
                )
            )
        ]


def test_two_ingests_adding_the_same_new_indicator(db: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(table("Liaoning", "wind_share_test", range(1990, 2010), 1.0))
    b.write_text(table("Jilin", "wind_share_test", range(1990, 2010), 2.0))
    for _ in range(2):  # twice: the second round must be a no-op that says so
        results = run_together(
            [*CLI, "ingest", str(a), "--db", db], [*CLI, "ingest", str(b), "--db", db]
        )
        for r in results:
            assert r.returncode == 0, r.stderr
            assert "Traceback" not in r.stderr
    assert "already stored, nothing changed" in results[0].stderr
    keys = observation_keys(db)
    assert len(keys) == 40 and len(set(keys)) == 40
    with Store(db) as store:
        assert [i.id for i in store.catalog.indicators() if i.id == "wind_share_test"]


def test_two_ingests_of_the_same_file_store_it_once(db: str, tmp_path: Path) -> None:
    a = tmp_path / "same.csv"
    a.write_text(table("Liaoning", "gdp_real_growth_yoy", range(1980, 2020), 3.0))
    results = run_together(*([*CLI, "ingest", str(a), "--db", db] for _ in range(2)))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    keys = observation_keys(db)
    assert len(keys) == 40 and len(set(keys)) == 40
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ingests")).scalar_one() == 1


def test_two_extract_saves_of_one_folder(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(12):
        (folder / f"d{n:02d}.md").write_text(
            f"Liaoning's output of item {n} grew {n + 1}.5 percent in 2023.\n\n"
            f"Jilin aims to raise its exports of item {n} by {n + 2} percent by 2025.\n"
        )
    results = run_together(
        *(
            [*CLI, "extract", str(folder), "--save", "--db", db, "--format", "json"]
            for _ in range(2)
        )
    )
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    with Store(db) as store:
        docs = store.list_documents()
        assert len(docs) == 12
        statements = store.statements()
        assert len({(s.document_id, s.start, s.end) for s in statements}) == len(statements)
        assert sum(d["statements"] for d in docs) == len(statements) > 0


def test_a_writer_waits_for_a_long_held_sqlite_lock(tmp_path: Path) -> None:
    url = str(tmp_path / "locked.db")
    Store(url).close()
    data = tmp_path / "d.csv"
    data.write_text(table("Liaoning", "gdp_real_growth_yoy", range(2000, 2010), 3.0))
    holder = sqlite3.connect(url, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for 11 s
    release = threading.Timer(11.0, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    done = subprocess.run([*CLI, "ingest", str(data), "--db", url], capture_output=True, text=True)
    release.join()
    holder.close()
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 10.5
    assert len(observation_keys(url)) == 10


def test_reading_while_writing_never_shows_half_a_file(db: str, tmp_path: Path) -> None:
    """A reader polls while a 20,000-row file goes in: it sees 0 rows or all of them."""
    big = tmp_path / "big.csv"
    big.write_text(
        HEADER
        + "".join(
            f"Liaoning,test_indicator_{i % 50},{1800 + i // 50},{i}.5,percent,t\n"
            for i in range(20_000)
        )
    )
    writer = subprocess.Popen([*CLI, "ingest", str(big), "--db", db], stderr=subprocess.PIPE)
    seen: set[int] = set()
    with Store(db) as reader:
        while writer.poll() is None:
            seen.add(reader.counts()["observations"])
            time.sleep(0.01)
        seen.add(reader.counts()["observations"])
    assert writer.returncode == 0
    assert seen <= {0, 20_000} and 20_000 in seen
