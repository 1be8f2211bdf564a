"""Compiles the text-extraction engine with mypyc; all metadata is in pyproject.toml.

ONTRACK_PURE_PYTHON=1 skips compilation. If compilation fails (no mypy, a mypyc error, no C
compiler), the package installs as pure Python with a warning, and no compiled module of the
engine is left behind: a compiled module without mypyc's shared library beside it would not
import, and an old one would shadow its edited source.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import textwrap
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

PACKAGE = "ontrack.extract"
PACKAGE_DIR = Path("src", "ontrack", "extract")
# reader.py (file formats, I/O) and __init__.py stay pure Python
COMPILED = [
    "engine", "figures", "lexicon", "timex", "docdate", "sentences", "statements", "wordsearch",
    "goals", "regions",
]  # fmt: skip
# sha256 of each compiled source, read by ontrack.extract._compiled to detect a stale build
BUILD_INFO = "_build_info.json"
PURE_PYTHON = os.environ.get("ONTRACK_PURE_PYTHON", "") not in ("", "0")


def warn(message: str) -> None:
    print(f"\nWARNING: {message}\n", file=sys.stderr, flush=True)


def describe(exc: BaseException) -> str:
    # a compiler error's message is its whole command line, already printed above it
    return f"{type(exc).__name__}: {textwrap.shorten(str(exc), 160)}"


def remove_compiled(directory: Path) -> None:
    """Delete the engine's extension modules and build info from one package directory."""
    if not directory.is_dir():
        return
    for path in directory.iterdir():
        if path.name == BUILD_INFO or path.name.endswith(tuple(EXTENSION_SUFFIXES)):
            path.unlink()


def mypyc_extensions() -> tuple[list[Extension], dict[str, str]]:
    """The engine's extension modules and the sha256 of each source, or ([], {}) on failure."""
    sources = {f"{PACKAGE}.{name}": PACKAGE_DIR / f"{name}.py" for name in COMPILED}
    # hashed before mypyc reads them: an edit racing the build shows as stale, never as fresh
    hashes = {mod: hashlib.sha256(path.read_bytes()).hexdigest() for mod, path in sources.items()}
    try:
        from mypyc.build import mypycify

        extensions = mypycify(
            [
                # type-check against ontrack alone, not whatever the environment has installed:
                # the same C code everywhere, and seconds instead of minutes with polars & co.
                "--no-site-packages",
                "--ignore-missing-imports",
                # mypyc's type check leaves `re._parser` (lexicon.py) unflagged, which would
                # turn its needed `type: ignore` into an error; `mypy src` still checks ignores
                "--no-warn-unused-ignores",
                *map(str, sources.values()),
            ],
            opt_level="3",
            # the shared library goes into the package: ontrack/extract/native__mypyc.*.so
            group_name=f"{PACKAGE}.native",
        )
    except (Exception, SystemExit) as exc:  # mypycify exits after printing type errors
        warn(f"mypyc could not compile {PACKAGE} ({describe(exc)}); installing it as pure Python")
        return [], {}
    return extensions, hashes


class BuildExtOrPurePython(build_ext):
    """Builds the mypyc extensions; if that fails, removes every one of them and goes on."""

    def run(self) -> None:
        inplace = self.inplace  # setuptools' run() clears it while building
        built = Path(self.build_lib, *PACKAGE.split("."))
        try:
            super().run()
        except Exception as exc:
            remove_compiled(built)
            if inplace:
                remove_compiled(PACKAGE_DIR)
            # nothing for the wheel or the editable install to pick up
            self.extensions: list[Extension] = []
            warn(
                f"compiling {PACKAGE} with mypyc failed ({describe(exc)}); installing it as pure "
                "Python (slower extraction). Set ONTRACK_PURE_PYTHON=1 to skip compilation."
            )
            return
        info = json.dumps({"compiler": "mypyc", "sources": SOURCE_HASHES}, indent=2) + "\n"
        for directory in [built, PACKAGE_DIR] if inplace else [built]:
            (directory / BUILD_INFO).write_text(info, encoding="utf-8")


class BuildPyRemovingCompiled(build_py):
    """A pure-Python editable install removes extension modules left in src/ by an earlier
    compiled one: they would shadow the .py files being edited."""

    def run(self) -> None:
        if self.editable_mode and not EXTENSIONS:
            remove_compiled(PACKAGE_DIR)
        super().run()


if PURE_PYTHON:
    EXTENSIONS: list[Extension] = []
    SOURCE_HASHES: dict[str, str] = {}
else:
    EXTENSIONS, SOURCE_HASHES = mypyc_extensions()

setup(
    ext_modules=EXTENSIONS,
    cmdclass={"build_ext": BuildExtOrPurePython, "build_py": BuildPyRemovingCompiled},
)
