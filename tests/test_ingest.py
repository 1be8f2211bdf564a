"""Every reader, every period form, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ontrack.errors import InputFileError, ValidationError
from ontrack.store import Store

from .conftest import TIDY_HEADER


def _values(store: Store, region: str, indicator: str) -> dict[str, float]:
    (info,) = store.list_series(region=region, indicator=indicator)
    return {o.period: o.value for o in store.observations(info.series.id)}


def test_tidy_csv_with_every_period_form(store: Store, write) -> None:
    path = write(
        "tidy.csv",
        TIDY_HEADER
        + "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,stats bureau\n"
        + "Liaoning,gdp_real_growth_yoy_ytd,2024Q1,5.4,percent,stats bureau\n"
        + "辽宁省,retail_sales_growth,2024-01/2024-10,3.1,%,stats bureau\n"
        + "NE China's Liaoning,capacity_clean_energy,2024-06-30,38.13,GW,State Grid\n"
        + "Liaoning,capacity_total,2024-06,75.5,GW,State Grid\n"
        + "China,gdp_real_growth_avg,2016-2020,5.75,percent,derived\n",
    )
    summary = store.ingest(path)
    assert (summary.rows_read, summary.observations_added, summary.series_added) == (6, 6, 6)
    assert _values(store, "CN-LN", "gdp_real_growth_yoy") == {"2023": 5.3}
    assert _values(store, "CN-LN", "retail_sales_growth") == {"2024-01/2024-10": 3.1}
    assert _values(store, "CN", "gdp_real_growth_avg") == {"2016/2020": 5.75}
    freqs = {i.series.indicator_id: str(i.series.frequency) for i in store.list_series()}
    assert freqs == {
        "gdp_real_growth_yoy": "A",
        "gdp_real_growth_yoy_ytd": "Q",
        "retail_sales_growth": "YTD",
        "capacity_clean_energy": "D",
        "capacity_total": "M",
        "gdp_real_growth_avg": "MY",
    }


def test_tidy_with_vintage_and_note_and_thousands_separators(store: Store, write) -> None:
    path = write(
        "v.csv",
        "region,indicator,period,value,unit,source,vintage,note\n"
        'Liaoning,grp_nominal,2016,"22,246.9",亿元,NBS,2018 export,falsified data corrected\n'
        "Liaoning,grp_nominal,2016,20658.0,亿元,NBS,2026 export,after census\n",
    )
    summary = store.ingest(path)
    assert summary.observations_added == 2 and summary.vintages_added == 0
    (info,) = store.list_series(region="Liaoning")
    assert info.series.unit == "100 million yuan"
    every = store.observations(info.series.id, all_vintages=True)
    assert [(o.value, o.vintage) for o in every] == [
        (22246.9, "2018 export"),
        (20658.0, "2026 export"),
    ]
    assert every[0].note == "falsified data corrected"
    assert [o.value for o in store.observations(info.series.id)] == [20658.0]


def test_wide_csv(store: Store, write) -> None:
    path = write(
        "wide.csv",
        "region,indicator,unit,source,2021,2022,2023Q1\n"
        "Liaoning,gdp_real_growth_yoy,percent,communique,5.8,2.1,\n"
        "Jilin,gdp_real_growth_yoy,percent,communique,6.6,-1.9,\n",
    )
    summary = store.ingest(path)
    assert summary.observations_added == 4 and summary.rows_skipped == 0
    assert _values(store, "Jilin", "gdp_real_growth_yoy") == {"2021": 6.6, "2022": -1.9}


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_wide_and_tidy_excel(store: Store, tmp_path: Path) -> None:
    wide = _xlsx(
        tmp_path / "wide.xlsx",
        [
            ["region", "indicator", "unit", 2022, 2023],
            ["Liaoning", "capacity_total", "万千瓦", 6580, 7060],
        ],
    )
    assert store.ingest(wide).observations_added == 2
    assert _values(store, "CN-LN", "capacity_total") == {"2022": 6580.0, "2023": 7060.0}
    tidy = _xlsx(
        tmp_path / "tidy.xlsx",
        [
            ["region", "indicator", "period", "value", "unit", "source"],
            ["China", "gdp_real_growth_yoy", 2023, 5.2, "percent", "NBS"],
            ["China", "gdp_real_growth_yoy", "2024", 5.0, "percent", "NBS"],
        ],
    )
    assert store.ingest(tidy).observations_added == 2


def test_excel_bad_row_names_the_sheet_row(store: Store, tmp_path: Path) -> None:
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            ["region", "indicator", "period", "value", "unit", "source"],
            ["China", "gdp_real_growth_yoy", 2023, 5.2, "percent", "NBS"],
            ["China", "gdp_real_growth_yoy", 2024, "n/a", "percent", "NBS"],
        ],
    )
    with pytest.raises(ValidationError) as info:
        store.ingest(bad)
    assert f"{bad}:3: column 'value': 'n/a' is not a number" in str(info.value)


def test_owid_table(store: Store, write) -> None:
    path = write(
        "owid.csv",
        "Entity,Code,Year,Electricity generation (TWh),Renewables (% electricity)\n"
        "China,CHN,2020,7779.1,28.2\n"
        "Germany,DEU,2020,571.2,44.9\n"
        "Africa,,2020,839.6,\n",
    )
    with pytest.raises(ValidationError, match="unknown region 'Africa'"):
        store.ingest(path)
    summary = store.ingest(path, add_regions=True)
    assert summary.regions_added == ["AFRICA"]
    assert summary.observations_added == 5  # the empty Africa share is not an observation
    assert _values(store, "Germany", "renewables")["2020"] == 44.9
    gen = store.list_series(region="China", indicator="Electricity generation")
    assert (gen[0].series.indicator_id, gen[0].series.unit) == ("generation_total", "TWh")


def test_owid_column_without_unit_needs_one(store: Store, write) -> None:
    path = write(
        "owid2.csv", "Country,Year,Electricity as share of primary energy\nChina,2020,24\n"
    )
    with pytest.raises(InputFileError, match="names no unit"):
        store.ingest(path)
    summary = store.ingest(path, units={"Electricity as share of primary energy": "percent"})
    assert summary.observations_added == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "Liaoning,gdp_real_growth_yoy,2023,five,percent,x\n",
            ":2: column 'value': 'five' is not a number",
        ),
        (
            "Liaoning,gdp_real_growth_yoy,last year,5.3,percent,x\n",
            ":2: column 'period': unknown period 'last year'",
        ),
        (
            "Liaoning,gdp_real_growth_yoy,2023,5.3,zorkmids,x\n",
            ":2: column 'unit': unknown unit 'zorkmids'",
        ),
        (
            "Liaonig,gdp_real_growth_yoy,2023,5.3,percent,x\n",
            ":2: column 'region': unknown region 'Liaonig'",
        ),
        (",gdp_real_growth_yoy,2023,5.3,percent,x\n", ":2: column 'region' is empty"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_stored(
    store: Store, write, body: str, message: str
) -> None:
    good = "China,gdp_real_growth_yoy,2023,5.2,percent,x\n"
    path = write("bad.csv", TIDY_HEADER + body + good)
    with pytest.raises(ValidationError) as info:
        store.ingest(path)
    assert f"{path}{message}" in str(info.value)
    assert store.counts()["observations"] == 0 and store.counts()["series"] == 0


def test_missing_column(store: Store, write) -> None:
    path = write("m.csv", "region,indicator,period,unit\nChina,x,2023,percent\n")
    with pytest.raises(
        InputFileError, match=r"m.csv: unrecognised table layout: missing column\(s\) value"
    ):
        store.ingest(path)


def test_many_bad_rows_are_capped_then_counted(store: Store, write) -> None:
    rows = "".join(f"China,gdp_real_growth_yoy,{2000 + i},bad,percent,x\n" for i in range(50))
    path = write("many.csv", TIDY_HEADER + rows)
    with pytest.raises(ValidationError) as info:
        store.ingest(path)
    assert info.value.count == 50 and len(info.value.errors) == 20
    assert "and 30 more bad rows" in str(info.value)


def test_duplicate_rows_with_different_values(store: Store, write) -> None:
    path = write(
        "dup.csv", TIDY_HEADER + "China,g,2023,5.2,percent,x\nChina,g,2023,5.3,percent,x\n"
    )
    with pytest.raises(
        ValidationError, match=r":3: gives a different value for period 2023 than line 2"
    ):
        store.ingest(path)
    same = write(
        "dup2.csv", TIDY_HEADER + "China,g,2023,5.2,percent,x\nChina,g,2023,5.2,percent,x\n"
    )
    assert store.ingest(same).observations_added == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\n\n  \n", "the file is empty"),
        ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("notatable.csv", b"just some words on a line\n", "not a table"),
        ("data.json", b'{"a": 1}', "unrecognised JSON: not a JSON-stat 2.0 dataset"),
        ("data.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel workbook"),
    ],
)
def test_files_that_are_not_tables(
    store: Store, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as info:
        store.ingest(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        store.ingest(tmp_path / "nope.csv")


def test_gbk_encoded_file_is_decoded(store: Store, write) -> None:
    text = (
        "地区,指标,年份,数值,单位,来源\n"
        "辽宁省,地区生产总值,2016,20658.0,亿元,国家统计局\n"
        "吉林省,地区生产总值,2016,14776.8,亿元,国家统计局\n"
    )
    path = write("gbk.csv", text, encoding="gbk")
    summary = store.ingest(path)
    assert summary.observations_added == 2
    assert _values(store, "辽宁", "grp_nominal") == {"2016": 20658.0}


def test_release_dates_are_kept_and_checked(store: Store, write) -> None:
    header = "region,indicator,period,value,unit,source,released\n"
    good = write("r.csv", header + "China,gdp_real_growth_yoy,2023,5.2,percent,NBS,2024-01-17\n")
    assert store.ingest(good).observations_added == 1
    import sqlite3

    con = sqlite3.connect(store.engine.url.database)
    assert con.execute("SELECT released FROM observations").fetchone() == ("2024-01-17",)
    con.close()
    bad = write("rb.csv", header + "China,gdp_real_growth_yoy,2024,5.0,percent,NBS,soon\n")
    with pytest.raises(ValidationError, match=r"rb.csv:2: column 'released': 'soon' is not a date"):
        store.ingest(bad)
