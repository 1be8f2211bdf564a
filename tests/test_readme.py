"""README's "Data from statistics offices" section works as written: every `ontrack ingest`
example ingests its test file through the CLI, every `ontrack fetch` example is accepted
and makes the requests its query names, replayed against the recorded answers of
tests/data/providers (no network), and the mapping shown is a valid mapping file.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from ontrack import Store
from ontrack.cli import app
from ontrack.ingest import Mapping
from ontrack.ingest.providers import fetch, get_provider

from .test_fetch import DATA, WB_MAPPING, _file, _http, worldbank  # noqa: F401 - worldbank is a fixture

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[
    README.index("## Data from statistics offices") : README.index("**What changed.**")
]
INGESTS = re.findall(r"`(ontrack ingest [^`]+)`", SECTION)
FETCHES = [
    line.split("  #")[0].strip()
    for line in SECTION.splitlines()
    if line.startswith("ontrack fetch ")
]


def test_every_format_and_provider_has_an_example() -> None:
    files = " ".join(INGESTS)
    for part in ("tidy.csv", ".xlsx", "owid.csv", ".xml", ".sdmx.json", ".jsonstat.json",
                 ".pxweb.json", "datapackage.json", "wb_page1.json", "nbs_"):  # fmt: skip
        assert part in files, f"README shows no ingest example for {part}"
    providers = {shlex.split(line)[2] for line in FETCHES}
    assert {"IMF_DATA", "ESTAT", "worldbank", "nbs"} <= providers


def test_readme_mapping_block_is_a_valid_mapping() -> None:
    block = SECTION[SECTION.index("```toml\n") + 8 :]
    mapping = Mapping.from_dict(tomllib.loads(block[: block.index("```")]))
    assert mapping.indicator["NGDP_RPCH"] == "gdp_real_growth_yoy"


@pytest.mark.parametrize("command", INGESTS)
def test_readme_ingest_example(command: str, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)
    db = str(tmp_path / "readme.db")
    Store(db).close()
    result = CliRunner().invoke(app, [*shlex.split(command)[1:], "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.counts()["observations"] > 0


def _args(command: str) -> tuple[str, str, date | None, str | None]:
    words = shlex.split(command)[2:]
    provider, query, rest = words[0], words[1], words[2:]
    opts = dict(zip(rest[::2], rest[1::2], strict=True))
    assert set(opts) <= {"--since", "--map"}, command
    since = date.fromisoformat(opts["--since"]) if "--since" in opts else None
    return provider, query, since, opts.get("--map")


def _recorded(request: httpx.Request) -> httpx.Response:
    """Any SDMX service's dataflow and data; the NBS portal's national or provincial
    answer by its dbcode."""
    if "dbcode" in request.url.params:
        db = request.url.params["dbcode"]
        return _file("nbs_fsnd_210000.json" if db.startswith("fs") else "nbs_hgjd.json")
    if "/dataflow/" in request.url.path:
        return _file("sdmx_dataflow.xml")
    if "/data/" in request.url.path:
        return _file("sdmx_data_v1.xml")
    return httpx.Response(404)


@pytest.mark.parametrize("command", FETCHES)
def test_readme_fetch_example(command: str, worldbank: Any) -> None:  # noqa: F811
    provider, query, since, map_file = _args(command)
    assert map_file is None or map_file == "weo.toml" or (ROOT / map_file).is_file(), map_file
    if map_file and map_file != "weo.toml":
        Mapping.load(ROOT / map_file)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(httpx.URL(str(request.url))).replace("%3B", ";").replace("%2F", "/"))
        return _recorded(request)

    if provider == "worldbank":
        with worldbank() as server:
            fetched = get_provider(provider).fetch(query, since, _http(handler), None)
        seen = server.paths()
    else:
        fetched = get_provider(provider).fetch(query, since, _http(handler), None)
    assert fetched.cube.frame.height > 0
    requested = " ".join(seen)
    codes = re.split(r"[/;]", query)
    if provider == "nbs":  # regions go as their GB/T 2260 codes, the rest as written
        codes = codes[:2]
    for code in codes:
        assert code in requested, f"{command}: no request names {code!r}: {requested}"


def test_readme_worldbank_example_ingests(tmp_path: Path, worldbank: Any) -> None:  # noqa: F811
    [line] = [c for c in FETCHES if " worldbank " in c]
    _, query, since, map_file = _args(line)
    assert map_file is not None
    with Store(tmp_path / "wb.db") as store, worldbank():
        summary = fetch(store, "worldbank", query, since=since,
                        mapping=Mapping.load(ROOT / map_file), http=_http(_recorded))  # fmt: skip
        assert summary.observations_added == 3
    assert Mapping.load(ROOT / map_file).indicator == WB_MAPPING.indicator


def test_cli_error_quotes_mapping_tables_literally(tmp_path: Path) -> None:
    """Rich must not read "[indicator]" in an error message as markup."""
    db = str(tmp_path / "e.db")
    Store(db).close()
    path = DATA.parent / "messages" / "package" / "datapackage.json"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 2 and '([indicator] CODE = "catalog name")' in result.output
