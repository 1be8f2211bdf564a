"""The mypyc build of the extraction engine: all of it or none of it, and never stale."""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

import pytest

from ontrack.extract import _compiled
from ontrack.extract._compiled import compiled_modules, stale_modules

# what setup.py compiles, sorted (reader and __init__ stay pure Python)
ENGINE_MODULES = [
    "ontrack.extract.docdate",
    "ontrack.extract.engine",
    "ontrack.extract.figures",
    "ontrack.extract.goals",
    "ontrack.extract.lexicon",
    "ontrack.extract.regions",
    "ontrack.extract.sentences",
    "ontrack.extract.statements",
    "ontrack.extract.timex",
    "ontrack.extract.wordsearch",
]


def test_the_engine_is_compiled_whole_or_not_at_all() -> None:
    compiled = compiled_modules()
    if compiled:
        assert compiled == ENGINE_MODULES
    else:  # pure Python: every engine module runs from its .py file
        for name in ENGINE_MODULES:
            assert Path(importlib.import_module(name).__file__ or "").suffix == ".py", name


def test_no_compiled_module_is_stale() -> None:
    stale = stale_modules()
    assert not stale, (
        f"stale compiled modules {', '.join(stale)}: compiled from an older source, so edits "
        "to their .py files have no effect. Re-run `pip install -e '.[test]'`, or install with "
        "ONTRACK_PURE_PYTHON=1 to run the .py files while developing the extractor"
    )


def test_stale_modules_compares_each_source_with_its_recorded_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "ontrack.extract.engine"
    engine = importlib.import_module(name)
    source = Path(engine.__file__ or "").with_name("engine.py")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    # as if engine were compiled, whether or not it is in this install
    monkeypatch.setattr(_compiled, "compiled_modules", lambda: [name])
    build_info = tmp_path / "_build_info.json"
    monkeypatch.setattr(_compiled, "BUILD_INFO", build_info)

    build_info.write_text(json.dumps({"sources": {name: digest}}))
    assert stale_modules() == []
    build_info.write_text(json.dumps({"sources": {name: "0" * 64}}))  # engine.py edited since
    assert stale_modules() == [name]
    build_info.unlink()  # compiled by hand, no record: cannot be shown to match
    assert stale_modules() == [name]
