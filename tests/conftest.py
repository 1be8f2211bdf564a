from __future__ import annotations

from pathlib import Path

import pytest

from ontrack.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file into tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return _write


TIDY_HEADER = "region,indicator,period,value,unit,source\n"
