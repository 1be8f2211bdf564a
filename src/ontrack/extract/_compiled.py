"""Which modules of ontrack.extract run compiled by mypyc, and whether they match their sources.

setup.py compiles the extraction engine at install time (unless ONTRACK_PURE_PYTHON=1) and
records the sha256 of each compiled source in _build_info.json beside it. In an editable
install a compiled module (engine.cpython-311-x86_64-linux-gnu.so) shadows its source
(engine.py), so an edit to the source has no effect until the next `pip install -e .`;
stale_modules() names such modules.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

PACKAGE = "ontrack.extract"
BUILD_INFO = Path(__file__).with_name("_build_info.json")

__all__ = ["compiled_modules", "stale_modules"]


def compiled_modules() -> list[str]:
    """Names of the ontrack.extract modules that run as compiled extension modules."""
    package = importlib.import_module(PACKAGE)
    names = []
    for info in pkgutil.iter_modules(package.__path__, f"{PACKAGE}."):
        if info.name.endswith("__mypyc"):  # mypyc's shared library, not one of our modules
            continue
        path = importlib.import_module(info.name).__file__ or ""
        if path.endswith(tuple(EXTENSION_SUFFIXES)):
            names.append(info.name)
    return sorted(names)


def stale_modules() -> list[str]:
    """Compiled modules whose source beside them differs from the one they were compiled from
    (or whose build recorded no hash); modules without a readable source beside them are not
    stale: there is nothing they could shadow."""
    recorded = _recorded_hashes()
    stale = []
    for name in compiled_modules():
        compiled = Path(sys.modules[name].__file__ or "")
        source = compiled.with_name(name.rpartition(".")[2] + ".py")
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            continue
        if recorded.get(name) != digest:
            stale.append(name)
    return stale


def _recorded_hashes() -> dict[str, str]:
    """Module name -> sha256 of its source at build time, from _build_info.json."""
    try:
        info = json.loads(BUILD_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(info.get("sources", {}))
