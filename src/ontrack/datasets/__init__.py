"""Bundled real data (see SOURCES.md) and the demo store built from it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["briefing_path", "briefing_paths", "demo_store", "series_files", "target_files"]


def _csv_files(folder: str) -> list[Path]:
    root = resources.files("ontrack.datasets").joinpath(folder)
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith(".csv"))


def series_files() -> list[Path]:
    """The bundled observation tables (every file `ontrack demo` ingests)."""
    return _csv_files("series")


def target_files() -> list[Path]:
    """The bundled plan-target tables with outcomes (for backtests)."""
    return _csv_files("targets")


def briefing_path() -> Path:
    """The demo briefing, written for ontrack from the facts of the 2024-04-23 briefing."""
    return Path(str(resources.files("ontrack.datasets") / "liaoning_briefing_2024-04-23.md"))


def briefing_paths() -> list[Path]:
    """The demo briefings: the English one and the Chinese one written from the same facts."""
    zh = Path(str(resources.files("ontrack.datasets") / "liaoning_briefing_2024-04-23_zh.md"))
    return [briefing_path(), zh]


def demo_store(db: str | Path, *, with_targets: bool = True) -> Store:
    """A store with the bundled series, the demo briefing (extracted) and, by default, the
    bundled target tables, every statement linked to its series."""
    from ..assess import link_statements
    from ..extract import extract_path
    from ..ingest.targets import import_targets
    from ..store import Store

    store = Store(db)
    for path in series_files():
        store.ingest(path)
    for briefing in briefing_paths():
        for doc, stmts in extract_path(briefing):
            store.save_document(doc, stmts)
    if with_targets:
        for path in target_files():
            import_targets(store, path)
    link_statements(store)
    return store
