"""Statistical messages as files: SDMX-ML, SDMX-JSON, JSON-stat, PxWeb JSON, data packages.

The messages under tests/data/messages are written for these tests in each format's
published layout; their figures are test data, not statistics.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontrack import Store
from ontrack.cli import app
from ontrack.errors import InputFileError, ValidationError
from ontrack.ingest import Mapping
from ontrack.ingest.cube import normalise_period, unit_text

DATA = Path(__file__).parent / "data" / "messages"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def _values(store: Store, region: str, indicator: str) -> dict[str, float]:
    [info] = [i for i in store.list_series(region=region) if i.series.indicator_id == indicator]
    return {o.period: o.value for o in store.observations(info.series.id)}


def _count(store: Store) -> int:
    return store.counts()["observations"]


def test_sdmx_ml_generic_with_mapping(store: Store) -> None:
    summary = store.ingest(DATA / "weo_generic.xml", mapping=DATA / "weo.toml")
    assert summary.observations_added == 2
    assert _values(store, "China", "gdp_real_growth_yoy") == {"2022": 3.0, "2023": 5.2}
    obs = store.observations(store.list_series(region="CN")[0].series.id)
    assert obs[0].source == "Test Fund Outlook, October 2025"


def test_sdmx_ml_structure_specific_unit_mult_and_quarters(store: Store) -> None:
    store.ingest(DATA / "weo_ss.xml", mapping=DATA / "weo.toml")
    series = {i.series.key: i for i in store.list_series(region="CN")}
    # UNIT_MEASURE=USD with UNIT_MULT=9 is billions of USD; 2023-Q1 is a quarter
    assert "CN/test_output_nominal/A/billion USD" in series
    quarterly = series["CN/test_output_nominal/Q/billion USD"]
    assert quarterly.first_period == "2023Q1" and quarterly.last_value == 4300.0


def test_sdmx_json_series_attributes_and_iso3_regions(store: Store) -> None:
    store.ingest(DATA / "weo.sdmx.json", mapping=DATA / "weo.toml")
    assert _values(store, "United States", "gdp_real_growth_yoy") == {
        "2022": 1.9,
        "2023": 2.9,
        "2024": 2.8,
    }
    [info] = store.list_series(region="US")
    assert info.series.unit == "percent"  # UNIT_MEASURE=PC, given per series


def test_jsonstat_labelled_with_catalog_names_needs_no_mapping(store: Store) -> None:
    summary = store.ingest(DATA / "provinces.jsonstat.json")
    assert summary.observations_added == 5 and summary.rows_skipped == 1  # one null value
    assert _values(store, "Liaoning", "gdp_real_growth_yoy") == {"2021": 8.1, "2022": 2.0}
    [info] = store.list_series(region="Jilin")
    [obs] = [o for o in store.series_points([info.series.id])[info.series.id] if o.period == "2021"]
    assert str(obs.released) == "2025-02-01"  # the dataset's `updated`
    assert obs.source == "Test Statistics Office"


def test_pxweb_content_columns_are_indicators(store: Store) -> None:
    summary = store.ingest(DATA / "population.pxweb.json", mapping=DATA / "pxweb.toml")
    assert summary.observations_added == 7 and summary.rows_skipped == 1  # ".." is missing
    assert _values(store, "Sweden", "population_test") == {"2022": 10452.0, "2023": 10551.0}
    assert _values(store, "Norway", "gdp_real_growth_yoy") == {"2022": 3.1, "2023": 0.6}
    units = {i.series.indicator_id: i.series.unit for i in store.list_series(region="NO")}
    assert units == {"gdp_real_growth_yoy": "percent", "population_test": "thousand persons"}


def test_datapackage_measures_with_schema_units(store: Store) -> None:
    store.ingest(DATA / "package" / "datapackage.json", mapping=DATA / "package.toml")
    assert _values(store, "Liaoning", "share_clean_energy_in_capacity") == {
        "2022": 45.0,
        "2023": 48.0,
    }
    assert _values(store, "Jilin", "test_clean_capacity") == {"2023": 25.0}  # NA skipped


def test_unmapped_code_names_it_and_the_closest_and_stores_nothing(store: Store) -> None:
    with pytest.raises(InputFileError) as err:
        store.ingest(DATA / "weo_generic.xml")
    message = str(err.value)
    assert "'TEST_GROWTH'" in message and "closest known" in message and "mapping" in message
    assert _count(store) == 0


def test_unknown_region_code_is_named(store: Store, tmp_path: Path) -> None:
    doc = json.loads((DATA / "provinces.jsonstat.json").read_text())
    doc["dimension"]["geo"]["category"]["label"]["p2"] = "Liaoningg"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(InputFileError, match=r"'p2' \(Liaoningg\).*closest known: 'Liaoning"):
        store.ingest(bad)
    assert _count(store) == 0


def test_truncated_xml_and_json_give_clear_errors(store: Store, tmp_path: Path) -> None:
    text = (DATA / "weo_ss.xml").read_text()
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: len(text) // 2])
    with pytest.raises(InputFileError, match="not a readable SDMX-ML data message"):
        store.ingest(cut, mapping=DATA / "weo.toml")
    cut_json = tmp_path / "cut.json"
    cut_json.write_text((DATA / "provinces.jsonstat.json").read_text()[:300])
    with pytest.raises(InputFileError, match="not valid JSON"):
        store.ingest(cut_json)
    assert _count(store) == 0


def test_jsonstat_value_count_must_match_sizes(store: Store, tmp_path: Path) -> None:
    doc = json.loads((DATA / "provinces.jsonstat.json").read_text())
    doc["value"] = doc["value"][:4]
    bad = tmp_path / "short.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(InputFileError, match="4 entries but the sizes make 6"):
        store.ingest(bad)


def test_missing_period_dimension_is_an_error(store: Store, tmp_path: Path) -> None:
    doc = json.loads((DATA / "provinces.jsonstat.json").read_text())
    doc["id"], doc["size"] = ["geo", "indicator"], [2, 1]
    doc["value"] = [1.0, 2.0]
    del doc["dimension"]["time"]
    doc["role"] = {"geo": ["geo"]}
    bad = tmp_path / "noperiod.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(InputFileError, match="no period dimension"):
        store.ingest(bad)


def test_extra_dimension_needs_select(store: Store, tmp_path: Path) -> None:
    doc = json.loads((DATA / "provinces.jsonstat.json").read_text())
    doc["id"].append("scenario")
    doc["size"].append(2)
    doc["dimension"]["scenario"] = {"category": {"index": ["low", "high"]}}
    doc["value"] = [float(i) for i in range(12)]
    path = tmp_path / "scen.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InputFileError, match=r"'scenario' has 2 codes .*\[select\]"):
        store.ingest(path)
    mapping = tmp_path / "m.toml"
    mapping.write_text('[select]\nscenario = "high"\n')
    store.ingest(path, mapping=mapping)
    # position = ((geo * 1 + indicator) * 3 + time) * 2 + scenario; Liaoning 2021 high = 7
    assert _values(store, "Liaoning", "gdp_real_growth_yoy")["2021"] == 7.0


def test_bad_value_is_a_row_error_and_nothing_is_stored(store: Store, tmp_path: Path) -> None:
    text = (DATA / "weo_generic.xml").read_text().replace('value="5.2"', 'value="five"')
    bad = tmp_path / "bad.xml"
    bad.write_text(text)
    with pytest.raises((ValidationError, InputFileError)):
        store.ingest(bad, mapping=DATA / "weo.toml")
    assert _count(store) == 0


def test_revised_message_adds_a_vintage(store: Store, tmp_path: Path) -> None:
    store.ingest(DATA / "provinces.jsonstat.json")
    doc = json.loads((DATA / "provinces.jsonstat.json").read_text())
    doc["value"][4] = 2.1  # Liaoning 2022 revised
    doc["updated"] = "2025-06-01"
    revised = tmp_path / "revised.json"
    revised.write_text(json.dumps(doc))
    summary = store.ingest(revised)
    assert summary.vintages_added == 1 and summary.unchanged == 4
    [info] = store.list_series(region="Liaoning")
    rows = [o for o in store.observations(info.series.id, all_vintages=True) if o.period == "2022"]
    assert [o.value for o in rows] == [2.0, 2.1]


def test_mapping_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text("[indicator\n")
    with pytest.raises(InputFileError, match="m.toml: not a valid TOML"):
        Mapping.load(bad)
    bad.write_text('[dimensions]\nplace = "GEO"\n')
    with pytest.raises(InputFileError, match="role 'place'"):
        Mapping.load(bad)


@pytest.mark.parametrize(
    ("code", "label"),
    [("2023-Q1", "2023Q1"), ("2023K2", "2023Q2"), ("2024A", "2024Q1"), ("2023D", "2023Q4"),
     ("2023-M05", "2023-05"), ("202311", "2023-11"), ("2023", "2023")],
)  # fmt: skip
def test_provider_period_codes(code: str, label: str) -> None:
    assert normalise_period(code) == label


def test_unit_codes() -> None:
    assert unit_text("PC") == "percent"
    assert unit_text("GDP growth (annual %)") == "percent"
    assert unit_text("GDP (current US$)") == "USD"
    assert unit_text("XDC") is None


def test_cli_ingest_folder_of_messages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "provinces.jsonstat.json", folder)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        app, ["ingest", str(DATA / "weo_generic.xml"), "--db", str(tmp_path / "c.db")]
    )
    assert result.exit_code == 2  # bad input
    assert "TEST_GROWTH" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "name",
    ["weo_generic.xml", "weo_ss.xml", "../providers/sdmx_data_v1.xml"],
)
def test_streaming_reader_matches_sdmx1(name: str) -> None:
    """The streaming SDMX-ML 2.1 reader gives the cube sdmx1's model gives."""
    from ontrack.ingest.sdmx import message_to_cube, read_sdmx_message
    from ontrack.ingest.sdmx_stream import read_sdmx_stream

    data = (DATA / name).read_bytes()
    ours = read_sdmx_stream(name, data)
    theirs = message_to_cube(name, read_sdmx_message(name, data), "sdmx-ml")
    assert set(ours.dimensions) == set(theirs.dimensions)
    assert ours.source == theirs.source
    cols = sorted(theirs.frame.columns)
    assert sorted(ours.frame.columns) == cols
    key = [c for c in cols if c not in ("value", "line")]
    a = ours.frame.select(cols).sort(key)
    b = theirs.frame.select(cols).sort(key)
    assert a.drop("value", "line").equals(b.drop("value", "line"))
    assert [float(v) for v in a["value"]] == [float(v) for v in b["value"]]


def test_streaming_reader_flat_generic_observations(tmp_path: Path, store: Store) -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?>
<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
 xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
 xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
<message:Header><message:ID>FLAT</message:ID><message:Test>true</message:Test>
<message:Prepared>2025-01-01T00:00:00</message:Prepared><message:Sender id="TEST"/>
<message:Structure structureID="S" dimensionAtObservation="AllDimensions"><common:Structure>
<Ref agencyID="TEST" id="FLAT" version="1.0"/></common:Structure></message:Structure>
</message:Header><message:DataSet structureRef="S">
<generic:Obs><generic:ObsKey><generic:Value id="REF_AREA" value="CN-JL"/>
<generic:Value id="TIME_PERIOD" value="2023"/></generic:ObsKey><generic:ObsValue value="6.3"/>
<generic:Attributes><generic:Value id="UNIT_MEASURE" value="PC"/></generic:Attributes></generic:Obs>
<generic:Obs><generic:ObsKey><generic:Value id="REF_AREA" value="CN-LN"/>
<generic:Value id="TIME_PERIOD" value="2023"/></generic:ObsKey><generic:ObsValue value="5.3"/>
<generic:Attributes><generic:Value id="UNIT_MEASURE" value="PC"/></generic:Attributes></generic:Obs>
</message:DataSet></message:GenericData>"""
    path = tmp_path / "flat.xml"
    path.write_text(text)
    mapping = tmp_path / "m.toml"
    mapping.write_text('[fixed]\nindicator = "gdp_real_growth_yoy"\n')
    store.ingest(path, mapping=mapping)
    assert _values(store, "Jilin", "gdp_real_growth_yoy") == {"2023": 6.3}
    assert _values(store, "Liaoning", "gdp_real_growth_yoy") == {"2023": 5.3}
