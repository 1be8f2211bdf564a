"""SIGKILL at random points (issue 16): `ingest`, `extract --save` and `publish` killed
part-way leave an intact store holding exactly what was committed before (no partial file or
document), a published site that is either the old one or the new one, and a rerun completes."""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ontrack.store import Store

CLI = [sys.executable, "-c", "from ontrack.cli import main; main()"]
HEADER = "region,indicator,period,value,unit,source\n"
SEEDS = [1, 2, 3, 4]


def kill_after(command: list[str], delay: float) -> int:
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def timed(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def big_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "big.csv"
    path.write_text(
        HEADER
        + "".join(
            f"Liaoning,crash_test_{i % 200},{1800 + i // 200},{i}.25,percent,t\n"
            for i in range(60_000)
        )
    )
    return path


@pytest.mark.parametrize("seed", SEEDS)
def test_sigkill_during_ingest(tmp_path: Path, big_table: Path, seed: int) -> None:
    db = tmp_path / "k.db"
    small = tmp_path / "small.csv"
    small.write_text(HEADER + "China,gdp_real_growth_yoy,2023,5.2,percent,t\n")
    subprocess.run([*CLI, "ingest", str(small), "--db", str(db)], check=True, capture_output=True)
    full = timed([*CLI, "ingest", str(big_table), "--db", str(tmp_path / "ref.db")])
    delay = random.Random(seed).uniform(0.3, full)
    kill_after([*CLI, "ingest", str(big_table), "--db", str(db)], delay)
    assert integrity(db) == "ok"
    with Store(db) as store:
        count = store.counts()["observations"]
    assert count in (1, 60_001)  # exactly what was committed: all of the file or none
    rerun = subprocess.run([*CLI, "ingest", str(big_table), "--db", str(db)], capture_output=True)
    assert rerun.returncode == 0
    with Store(db) as store:
        assert store.counts()["observations"] == 60_001


def _docs(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i:03d}.md").write_text(
            f"Liaoning's output of product {i} grew {i % 9 + 1}.5 percent in 2023.\n\n"
            f"Jilin will raise the output of product {i} to {i + 10} million tonnes by 2025.\n" * 20
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_sigkill_during_extract_save(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "docs"
    _docs(folder, 60)
    ref = tmp_path / "ref.db"
    full = timed([*CLI, "extract", str(folder), "--save", "--db", str(ref), "--format", "json"])
    with Store(ref) as store:
        expected = {d["id"]: d["statements"] for d in store.list_documents()}
    db = tmp_path / "k.db"
    Store(db).close()
    kill_after(
        [*CLI, "extract", str(folder), "--save", "--db", str(db), "--format", "json"],
        random.Random(seed).uniform(0.3, full),
    )
    assert integrity(db) == "ok"
    with Store(db) as store:
        for doc in store.list_documents():  # no partial document
            assert doc["statements"] == expected[doc["id"]]
    rerun = subprocess.run(
        [*CLI, "extract", str(folder), "--save", "--db", str(db), "--format", "json"],
        capture_output=True,
    )
    assert rerun.returncode == 0
    with Store(db) as store:
        assert {d["id"]: d["statements"] for d in store.list_documents()} == expected


# relative links only: "https://...", "mailto:..." point outside the site
_HREF = re.compile(r'(?:href|src)="(?![a-z][a-z0-9+.-]*:)([^"#?]+)')


def site_state(root: Path) -> tuple[int, list[str]]:
    """(number of pages, broken relative links)."""
    broken = []
    pages = list(root.rglob("*.html"))
    for page in pages:
        for target in _HREF.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(root)} -> {target}")
    return len(pages), broken


@pytest.mark.parametrize("seed", SEEDS)
def test_sigkill_during_publish_leaves_the_old_site_or_the_new(tmp_path: Path, seed: int) -> None:
    from ontrack.datasets import demo_store

    db = tmp_path / "demo.db"
    demo_store(db).close()
    out = tmp_path / "site"
    subprocess.run([*CLI, "publish", "--out", str(out), "--db", str(db)], check=True)
    old_pages, broken = site_state(out)
    assert not broken
    folder = tmp_path / "docs"
    _docs(folder, 5)
    subprocess.run(
        [*CLI, "extract", str(folder), "--save", "--db", str(db)], check=True, capture_output=True
    )
    full = timed([*CLI, "publish", "--out", str(tmp_path / "ref"), "--db", str(db)])
    new_pages, _ = site_state(tmp_path / "ref")
    kill_after(
        [*CLI, "publish", "--out", str(out), "--db", str(db)],
        random.Random(seed).uniform(0.5, full),
    )
    pages, broken = site_state(out)
    assert not broken and pages in (old_pages, new_pages)
    subprocess.run([*CLI, "publish", "--out", str(out), "--db", str(db)], check=True)
    assert site_state(out) == (new_pages, [])
    assert not list(tmp_path.glob(".site.*"))  # leftovers of the killed run are cleaned up
