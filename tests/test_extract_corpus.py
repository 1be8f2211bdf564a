"""Corpus runs: the Dask engine stores exactly what the local one stores, in batches."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ontrack.cli import app
from ontrack.errors import CatalogError, OntrackError
from ontrack.extract import read_document
from ontrack.extract.corpus import extract_corpus
from ontrack.model import Document
from ontrack.store import Store

runner = CliRunner()

TEXTS = {
    "a.md": "---\nregion: Liaoning\ndate: 2024-04-23\n---\n\n"
    "Liaoning's GDP grew 5.3 percent in 2023. Clean energy will reach 56.8 percent by 2025.\n",
    "b.md": "---\nregion: Dalian\ndate: 2024-01-10\n---\n\n"
    "Dalian's retail sales grew 7.2 percent in 2023, above the national rate.\n",
    "c.txt": "Sichuan aims to keep economic growth at around 6 percent this year.\n",
    "d.md": "---\nregion: Narnia\n---\n\nGrowth was 5 percent in 2023.\n",  # refused
    "e.html": "<html><title>Henan</title><body><p>Henan's grain output rose 1.2 percent "
    "in 2023.</p></body></html>",
    "f.md": "---\nregion: Liaoning\ndate: 2024-04-23\n---\n\n"
    "Liaoning's GDP grew 5.3 percent in 2023. Clean energy will reach 56.8 percent by 2025.\n",
}


def corpus(folder: Path) -> list[Path]:
    """Twenty-odd files: distinct briefings, a duplicate text, a binary and a bad region."""
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for n in range(16):
        (folder / f"g{n:02d}.md").write_text(
            f"Output of Hebei grew {n + 1}.{n} percent in {2000 + n}. Unemployment will be "
            f"kept within {5 + n % 3}.5 percent by {2010 + n}.\n",
            encoding="utf-8",
        )
    (folder / "z.txt").write_bytes(b"\x00\x01 not text")
    return sorted(folder.iterdir())


def open_store(path: Path, regions: Path) -> Store:
    store = Store(path)
    store.add_catalog_file(regions)  # Dalian is a user-added region: workers must know it
    return store


def stored(store: Store) -> tuple[list[dict[str, Any]], list[Any]]:
    docs = [store.get_document(d["id"]) for d in store.list_documents()]
    return [st.to_dict() for st in store.statements()], sorted(docs, key=lambda d: d.id)


@pytest.fixture
def regions(tmp_path: Path) -> Path:
    path = tmp_path / "r.csv"
    path.write_text("id,name,aliases\nCN-LN-DL,Dalian,大连\n", encoding="utf-8")
    return path


def test_dask_engine_stores_what_the_local_engine_stores(tmp_path: Path, regions: Path) -> None:
    files = corpus(tmp_path / "docs")
    runs, contents = [], []
    for engine, options in (("local", {}), ("dask", {"processes": False, "n_workers": 2})):
        with open_store(tmp_path / f"{engine}.db", regions) as store:
            seen: list[int] = []
            run = extract_corpus(
                files,
                store=store,
                engine=engine,
                chunk=3,
                batch=4,
                progress=seen.append,
                **options,  # type: ignore[arg-type]
            )
            assert sum(seen) == len(files)
            runs.append(run)
            contents.append(stored(store))
    local, dask = runs
    assert contents[0] == contents[1]
    statements, docs = contents[0]
    assert len(docs) == len(files) - 3  # the duplicate, the binary and Narnia
    assert {d.region_id for d in docs} >= {"CN-LN", "CN-LN-DL"}
    assert len(statements) > 30  # with their ids: saved in the same order
    assert (local.saved, local.already) == (dask.saved, dask.already) == (len(docs), 1)
    assert sorted(local.refused) == sorted(dask.refused)
    assert [Path(name).name for name, _ in sorted(local.refused)] == ["d.md", "z.txt"]
    assert [d.source for d, _ in local.results] == [d.source for d, _ in dask.results]


def test_worker_processes_give_the_same_statements(tmp_path: Path, regions: Path) -> None:
    files = corpus(tmp_path / "docs")
    with open_store(tmp_path / "p.db", regions) as store:
        run = extract_corpus(files, store=store, engine="dask", n_workers=1, chunk=5)
        with open_store(tmp_path / "l.db", regions) as local:
            extract_corpus(files, store=local)
            assert stored(store) == stored(local)
    assert run.saved == len(files) - 3


def test_a_refused_document_in_a_batch_is_named_and_the_rest_saved(
    tmp_path: Path, regions: Path
) -> None:
    files = corpus(tmp_path / "docs")
    # Dalian is not in this store's catalog: read with one that has it, refused at save only
    with Store(tmp_path / "x.db") as store, open_store(tmp_path / "y.db", regions) as other:
        run = extract_corpus(files, store=store, catalog=other.catalog, batch=50)
    names = sorted(Path(name).name for name, _ in run.refused)
    assert names == ["b.md", "d.md", "z.txt"]
    assert run.saved == len(files) - 4 and run.already == 1
    assert "CN-LN-DL" in dict((Path(n).name, m) for n, m in run.refused)["b.md"]


def test_save_documents_is_one_transaction_and_knows_repeats(tmp_path: Path, write) -> None:
    a = read_document(write("a.md", "Output grew 4 percent in 2023.\n"))
    b = read_document(write("b.md", "Output grew 5 percent in 2023.\n"))
    bad = Document(text="Growth was 3 percent.", region_id="XX-NOWHERE")
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(CatalogError):
            store.save_documents([(a, []), (bad, [])])
        assert store.list_documents() == []  # all or nothing
        assert store.save_documents([(a, []), (b, []), (a, [])]) == [True, True, False]
        assert store.save_documents([(b, [])]) == [False]
        assert store.save_document(a, []) is False


def cli(*args: str):
    return runner.invoke(app, list(args))


def test_cli_extract_on_dask_saves_like_local(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.md", "c.txt", "e.html"):
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    outputs = []
    for engine in ("local", "dask"):
        db = str(tmp_path / f"{engine}.db")
        result = cli(
            "extract", str(folder), "--save", "--db", db, "--engine", engine, "--format", "json"
        )
        assert result.exit_code == 0, result.output
        assert "saved 3 new document(s); 0 already stored" in result.stderr
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] and len(outputs[0]) >= 4


def test_cli_engine_errors_exit_2_without_traceback(tmp_path: Path, monkeypatch) -> None:
    import ontrack.engines as engines

    (tmp_path / "a.md").write_text(TEXTS["a.md"], encoding="utf-8")
    bad = cli("extract", str(tmp_path), "--engine", "spark")
    assert bad.exit_code == 2 and "not an engine; use one of local, dask" in bad.stderr
    lone = cli("extract", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9")
    assert lone.exit_code == 2 and "--scheduler needs --engine dask" in lone.stderr
    monkeypatch.setattr(engines, "dask_client", functools.partial(engines.dask_client, timeout=1))
    gone = cli("extract", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert gone.exit_code == 2 and "cannot reach the Dask scheduler" in gone.stderr
    assert "Traceback" not in gone.output


def test_library_refuses_a_bad_engine() -> None:
    with pytest.raises(OntrackError, match="not an engine"):
        extract_corpus([], engine="ray")
    with pytest.raises(ValueError, match="chunk"):
        extract_corpus([], chunk=0)
