"""`ontrack fetch`: recorded provider answers replayed through httpx.MockTransport (SDMX,
NBS) or served on a local port that wbgapi is pointed at (World Bank), so the code path
is the one of a live fetch. The answers under tests/data/providers are written
for these tests in each provider's published format; their figures are test data.
A live smoke test runs only with ONTRACK_LIVE=1.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ontrack import Store
from ontrack.assess import build_scorecard
from ontrack.cli import app
from ontrack.errors import CatalogError, InputFileError, ProviderError
from ontrack.ingest import Mapping
from ontrack.ingest.providers import Http, fetch, get_provider, provider_list
from ontrack.tables import fetches_t, observations_t

from .recorded_http import RecordedServer, Route, closed_port_url, serve

DATA = Path(__file__).parent / "data" / "providers"
Handler = Callable[[httpx.Request], httpx.Response]


def _file(name: str, content_type: str = "application/xml") -> httpx.Response:
    return httpx.Response(
        200, content=(DATA / name).read_bytes(), headers={"content-type": content_type}
    )


def _http(handler: Handler, **kw: object) -> Http:
    return Http(httpx.Client(transport=httpx.MockTransport(handler)), sleep=lambda s: None, **kw)


def _no_httpx(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"the World Bank provider asked httpx for {request.url}")


def sdmx_handler(data_file: str, seen: list[str] | None = None) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(str(request.url))
        if "/dataflow/" in request.url.path:
            return _file("sdmx_dataflow.xml")
        if "/data/WEO/" in request.url.path:
            return _file(data_file)
        return httpx.Response(404)

    return handle


MAPPING = Mapping.from_dict({"indicator": {"TEST_GROWTH": "gdp_real_growth_yoy"}})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_sdmx_fetch_keeps_provenance(store: Store) -> None:
    seen: list[str] = []
    when = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    summary = fetch(
        store,
        "IMF_DATA",
        "WEO/CHN.TEST_GROWTH.A",
        mapping=MAPPING,
        http=_http(sdmx_handler("sdmx_data_v1.xml", seen)),
        now=when,
    )
    assert summary.observations_added == 3
    assert any("/dataflow/" in u for u in seen) and any(
        "/data/WEO/CHN.TEST_GROWTH.A" in u for u in seen
    )
    [info] = store.list_series(region="China")
    obs = store.observations(info.series.id)
    assert obs[0].source == (
        "International Monetary Fund World Economic Outlook (recorded test answer) "
        "(SDMX, retrieved 2026-12-03)"
    )
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(fetches_t)).one()
        ingest_ids = {r[0] for r in conn.execute(sa.select(observations_t.c.ingest_id))}
    assert (row.provider, row.query, row.channel) == ("IMF_DATA", "WEO/CHN.TEST_GROWTH.A", "SDMX")
    assert row.ingest_id in ingest_ids and "api.imf.org" in row.url


def test_second_fetch_with_revisions_adds_vintages(store: Store) -> None:
    fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
          http=_http(sdmx_handler("sdmx_data_v1.xml")))  # fmt: skip
    again = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
                  http=_http(sdmx_handler("sdmx_data_v1.xml")))  # fmt: skip
    assert again.observations_added == 0 and again.ingest_id is None  # nothing new, no trace
    revised = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
                    http=_http(sdmx_handler("sdmx_data_v2.xml")))  # fmt: skip
    assert revised.vintages_added == 2 and revised.unchanged == 1
    [info] = store.list_series(region="CN")
    history = [o.value for o in store.observations(info.series.id, all_vintages=True)
               if o.period == "2023"]  # fmt: skip
    assert history == [5.2, 5.4]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(fetches_t)).scalar_one() == 2


def test_retries_then_succeeds(store: Store) -> None:
    calls = {"n": 0}
    inner = sdmx_handler("sdmx_data_v1.xml")

    def flaky(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] <= 2:
            return httpx.Response(503)
        return inner(request)

    summary = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING, http=_http(flaky))
    assert summary.observations_added == 3 and calls["n"] == 4


def test_provider_down_is_a_clear_error(store: Store) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    with pytest.raises(ProviderError, match=r"not answering .*ConnectError.* after 3 tries"):
        fetch(store, "OECD", "WEO/CHN", mapping=MAPPING, http=_http(down, tries=3))
    assert store.counts()["observations"] == 0


def test_empty_answer_is_a_clear_error(store: Store) -> None:
    def empty(request: httpx.Request) -> httpx.Response:
        if "/dataflow/" in request.url.path:
            return _file("sdmx_dataflow.xml")
        return httpx.Response(404, content=(DATA / "sdmx_error.xml").read_bytes())

    with pytest.raises(ProviderError, match="returned no observations"):
        fetch(store, "ECB", "WEO/XXX", http=_http(empty))


def test_truncated_answer_stores_nothing(store: Store) -> None:
    text = (DATA / "sdmx_data_v1.xml").read_bytes()

    def cut(request: httpx.Request) -> httpx.Response:
        if "/dataflow/" in request.url.path:
            return _file("sdmx_dataflow.xml")
        return httpx.Response(200, content=text[: len(text) // 2])

    with pytest.raises(InputFileError, match="not a readable SDMX-ML"):
        fetch(store, "IMF_DATA", "WEO/CHN", mapping=MAPPING, http=_http(cut))
    assert store.counts()["observations"] == 0


WB_FILES = {
    "/v2/en/sources/2": "wb_source.json",
    "/v2/en/sources/2/concepts": "wb_concepts.json",
    "/v2/en/sources/2/time/all": "wb_time.json",
    "/v2/en/region": "wb_region.json",
    "/v2/en/incomelevel": "wb_incomelevel.json",
    "/v2/en/lendingtype": "wb_lendingtype.json",
    "/v2/en/country/all": "wb_countries.json",
}
WB_DATA = "/v2/en/sources/2/series/NY.GDP.MKTP.KD.ZG/country/CHN;USA/time/"
WB_QUERY = "CHN;USA/NY.GDP.MKTP.KD.ZG"
WB_MAPPING = Mapping.from_dict({"indicator": {"NY.GDP.MKTP.KD.ZG": "gdp_real_growth_yoy"}})


def wb_recorded(path: str, params: dict[str, str]) -> tuple[int, bytes]:
    """The World Bank API as wbgapi asks it: metadata, then the data pages."""
    if path in WB_FILES:
        return 200, (DATA / WB_FILES[path]).read_bytes()
    if path.startswith(WB_DATA):
        return 200, (DATA / f"wb_data_page{params['page']}.json").read_bytes()
    return 404, b"<html>not found</html>"


@pytest.fixture
def worldbank(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Serve recorded answers on a local port and point wbgapi at it (its endpoint is
    the library's own setting): the live code path, sockets included."""
    import wbgapi

    # a fresh process: wbgapi's metadata caches empty, so each test replays every request
    monkeypatch.setattr(wbgapi.source, "_concepts", {})
    monkeypatch.setattr(wbgapi.time, "_time_values", {})
    monkeypatch.setattr(wbgapi.economy, "_localized_metadata", {})
    monkeypatch.setattr(wbgapi.economy, "_class_data", None)
    monkeypatch.setattr(wbgapi.economy, "_aggs", None)

    @contextmanager
    def at(route: Route = wb_recorded) -> Iterator[RecordedServer]:
        with serve(route) as server:
            monkeypatch.setattr(wbgapi, "endpoint", f"{server.url}/v2")
            yield server

    return at


def test_worldbank_pages_and_release_date(store: Store, worldbank: Callable[..., Any]) -> None:
    steps: list[tuple[str, int, int]] = []
    with worldbank() as server:
        summary = fetch(store, "worldbank", WB_QUERY, mapping=WB_MAPPING, http=_http(_no_httpx),
                        progress=lambda *a: steps.append(a))  # fmt: skip
    data = [params["page"] for path, params in server.seen if path.startswith(WB_DATA)]
    assert data == ["1", "2"] and ("pages", 1, 2) in steps and ("pages", 2, 2) in steps
    assert all("ontrack" in h.get("User-Agent", "") for h in server.headers)
    assert summary.observations_added == 3 and summary.rows_skipped == 1
    [cn] = store.list_series(region="CN")
    assert cn.series.unit == "percent"  # from the series name "(annual %)"
    [row] = [r for r in store.series_points([cn.series.id])[cn.series.id] if r.period == "2023"]
    assert str(row.released) == "2025-07-01"
    assert row.source == "World Bank World Development Indicators (World Bank API, retrieved " + (
        f"{date.today():%Y-%m-%d})"
    )
    with store.engine.connect() as conn:
        fetched = conn.execute(sa.select(fetches_t)).one()
    assert (fetched.provider, fetched.query, fetched.channel) == (
        "worldbank",
        WB_QUERY,
        "World Bank API",
    )
    assert fetched.url == f"{server.url}{WB_DATA}all" and str(fetched.released) == "2025-07-01"


def test_worldbank_since_asks_only_those_years(store: Store, worldbank: Callable[..., Any]) -> None:
    with worldbank() as server:
        fetch(store, "worldbank", WB_QUERY, mapping=WB_MAPPING, since=date(2023, 6, 1),
              http=_http(_no_httpx))  # fmt: skip
    assert any(p == WB_DATA + "YR2023;YR2024" for p in server.paths())
    with worldbank() as server, pytest.raises(ProviderError, match="no observations .* since"):
        fetch(store, "worldbank", WB_QUERY, since=date(2030, 1, 1), http=_http(_no_httpx))


def test_worldbank_unmapped_indicator_and_error_answer(
    store: Store, worldbank: Callable[..., Any]
) -> None:
    with (
        worldbank(),
        pytest.raises(InputFileError, match=r"'NY.GDP.MKTP.KD.ZG' \(GDP growth \(annual %\)\)"),
    ):
        fetch(store, "worldbank", WB_QUERY, http=_http(_no_httpx))

    def refused(path: str, params: dict[str, str]) -> tuple[int, bytes]:
        if "/series/" in path:
            return 200, (DATA / "wb_error.json").read_bytes()
        return wb_recorded(path, params)

    with worldbank(refused), pytest.raises(ProviderError, match="parameter value is not valid"):
        fetch(store, "worldbank", "XXX/NOPE", http=_http(_no_httpx))
    with pytest.raises(ProviderError, match="give COUNTRIES/SERIES"):
        fetch(store, "worldbank", "CHN", http=_http(_no_httpx))
    assert store.counts()["observations"] == 0


def test_worldbank_retries_then_down(store: Store, worldbank: Callable[..., Any]) -> None:
    failed: set[str] = set()

    def flaky(path: str, params: dict[str, str]) -> tuple[int, bytes]:
        step = "data" if path.startswith(WB_DATA) else path
        if step in ("data", "/v2/en/country/all") and step not in failed:
            failed.add(step)
            return 503, b"busy"
        return wb_recorded(path, params)

    with worldbank(flaky) as server:
        summary = fetch(store, "worldbank", WB_QUERY, mapping=WB_MAPPING, http=_http(_no_httpx))
    # the country list and the first data page answer 503 once each: the step is tried
    # again (wbgapi keeps what it had read of its economy lists; only aggregates use them)
    assert summary.observations_added == 3
    assert [p["page"] for path, p in server.seen if path.startswith(WB_DATA)] == ["1", "1", "2"]

    import wbgapi

    wbgapi_endpoint = f"{closed_port_url()}/v2"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(wbgapi, "endpoint", wbgapi_endpoint)
        with pytest.raises(ProviderError, match=r"worldbank is not answering \(ConnectionError"):
            fetch(store, "worldbank", "CHN/NY.GDP.MKTP.KD.ZG/2", http=_http(_no_httpx, tries=2))


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        (lambda body: body[: len(body) // 2], ProviderError, "not JSON .* truncated"),
        (
            lambda body: body.replace(b'"concept":"Time",', b""),
            InputFileError,
            "not a World Bank API answer",
        ),
        (
            lambda body: body.replace(
                b'"concept":"Time","id":"YR2023","value":"2023"',
                b'"concept":"Country","id":"X","value":"X"',
            ),
            InputFileError,
            r"row 2: no time dimension",
        ),
        (
            lambda body: body.replace(b'"value":5.3', b'"value":"n/a"'),
            InputFileError,
            r"row 2: value 'n/a' is not a number",
        ),
        (
            lambda body: body.replace(b'"id":"CHN","value":"China"', b'"id":"XXX","value":"X"'),
            InputFileError,
            r"cannot map dimension 'country' to regions: region code 'XXX'",
        ),
    ],
)
def test_worldbank_bad_answers_store_nothing(
    store: Store,
    worldbank: Callable[..., Any],
    answer: Callable[[bytes], bytes],
    error: type[Exception],
    message: str,
) -> None:
    def bad(path: str, params: dict[str, str]) -> tuple[int, bytes]:
        status, body = wb_recorded(path, params)
        return (status, answer(body)) if path.startswith(WB_DATA) else (status, body)

    with worldbank(bad), pytest.raises(error, match=message):
        fetch(store, "worldbank", WB_QUERY, mapping=WB_MAPPING, http=_http(_no_httpx))
    assert store.counts()["observations"] == 0


def test_saved_worldbank_v2_answer_ingests(store: Store) -> None:
    """An Indicators API v2 answer saved to a file is one more message format."""
    path = DATA / "wb_page1.json"
    summary = store.ingest(path, mapping=WB_MAPPING)
    assert summary.observations_added == 2
    [cn] = store.list_series(region="CN")
    assert [o.period for o in store.observations(cn.series.id)] == ["2023", "2024"]


def test_nbs_provincial_and_national_quarterly(store: Store) -> None:
    seen: list[httpx.Request] = []

    def nbs(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        db = request.url.params["dbcode"]
        return _file("nbs_fsnd_210000.json" if db == "fsnd" else "nbs_hgjd.json", "text/json")

    summary = fetch(store, "nbs", "fsnd/A0201/Liaoning", http=_http(nbs))
    assert summary.observations_added == 2  # hasdata false is missing, not zero
    assert '"210000"' in seen[0].url.params["wds"]
    [info] = store.list_series(region="Liaoning")
    assert (info.series.indicator_id, info.series.unit) == ("grp_nominal", "100 million yuan")
    mapping = Mapping.load(DATA / "nbs.toml")
    fetch(store, "nbs", "hgjd/A0101", mapping=mapping, http=_http(nbs))
    [q] = store.list_series(region="China")
    assert (q.first_period, q.last_period) == ("2023Q4", "2024Q1")
    with pytest.raises(CatalogError, match="unknown region 'Liaonig'"):
        fetch(store, "nbs", "fsnd/A0201/Liaonig", http=_http(nbs))
    with pytest.raises(ProviderError, match="is provincial"):
        fetch(store, "nbs", "fsnd/A0201", http=_http(nbs))


def test_since_filters_periods(store: Store) -> None:
    seen: list[str] = []
    fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING, since=date(2023, 1, 1),
          http=_http(sdmx_handler("sdmx_data_v1.xml", seen)))  # fmt: skip
    assert any("startPeriod=2023" in u for u in seen)
    [info] = store.list_series(region="CN")
    assert [o.period for o in store.observations(info.series.id)] == ["2023", "2024"]


def test_as_of_sees_only_released_fetches(store: Store, worldbank: Callable[..., Any]) -> None:
    # The World Bank's lastupdated (2025-07-01) is the release date of the fetched rows.
    with worldbank():
        fetch(store, "worldbank", WB_QUERY, mapping=WB_MAPPING, http=_http(_no_httpx))
    from ontrack.assess.scorecard import known_rows

    [cn] = store.list_series(region="CN")
    rows = store.series_points([cn.series.id])[cn.series.id]
    assert known_rows(rows, "A", date(2025, 6, 30)) == []
    assert len(known_rows(rows, "A", date(2025, 7, 1))) == 2


def test_unknown_provider_suggests() -> None:
    with pytest.raises(ProviderError, match="Did you mean IMF"):
        get_provider("IMFF")
    names = [n for n, _ in provider_list()]
    assert {"IMF_DATA", "OECD", "ESTAT", "ECB", "ILO", "WB_WDI", "worldbank", "nbs"} <= set(names)


def test_cli_fetch_help_lists_providers() -> None:
    result = CliRunner().invoke(app, ["fetch", "--help"])
    assert result.exit_code == 0
    for name in ("IMF_DATA", "ESTAT", "worldbank", "nbs"):
        assert name in result.output


def test_changes_recorded_after_fetch(store: Store, tmp_path: Path) -> None:
    """A claim 'GDP grew 5.4% in 2023' moves from unverifiable to contradicted, then to
    supported when a revision arrives; each move is recorded with its cause."""
    from ontrack.assess.changes import ChangeTracker, list_changes
    from ontrack.extract import extract_path

    doc_text = "---\ndate: 2026-01-10\nregion: China\n---\nChina's GDP grew 5.4% in 2023.\n"
    path = tmp_path / "claim.md"
    path.write_text(doc_text)
    [(doc, statements)] = extract_path(path)
    store.save_document(doc, statements)
    tracker = ChangeTracker(store)
    first = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
                  http=_http(sdmx_handler("sdmx_data_v1.xml")))  # fmt: skip
    moved = tracker.record(cause="IMF fetch v1", ingest_id=first.ingest_id)
    assert [(m["old_status"], m["new_status"]) for m in moved] == [("unverifiable", "contradicted")]
    second = fetch(store, "IMF_DATA", "WEO/CHN.TEST_GROWTH.A", mapping=MAPPING,
                   http=_http(sdmx_handler("sdmx_data_v2.xml")))  # fmt: skip
    moved = tracker.record(cause="IMF fetch v2", ingest_id=second.ingest_id)
    assert [(m["old_status"], m["new_status"]) for m in moved] == [("contradicted", "supported")]
    listed = list_changes(store, region="China")
    assert [c["cause"] for c in listed] == ["IMF fetch v2", "IMF fetch v1"]
    assert listed[0]["text"].endswith("contradicted -> supported, after IMF fetch v2")
    card = build_scorecard(store, "China")
    assert card["items"][0]["status"] == "supported"


def test_cli_changes_json(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    Store(db).close()
    result = CliRunner().invoke(app, ["changes", "--db", db, "--json"])
    assert result.exit_code == 0 and result.output.strip() == "[]"
    result = CliRunner().invoke(app, ["changes", "--db", db, "--since", "nope"])
    assert result.exit_code == 2 and "not a date" in result.output


@pytest.mark.skipif(os.environ.get("ONTRACK_LIVE") != "1", reason="live fetch: ONTRACK_LIVE=1")
def test_live_worldbank_smoke(store: Store) -> None:  # pragma: no cover - network
    summary = fetch(store, "worldbank", "CHN/NY.GDP.MKTP.KD.ZG", mapping=WB_MAPPING,
                    since=date(2015, 1, 1))  # fmt: skip
    assert summary.observations_added >= 5
