from __future__ import annotations

from pathlib import Path

import pytest

from ontrack.catalog import default_catalog
from ontrack.errors import CatalogError


@pytest.mark.parametrize(
    "name",
    [
        "Liaoning",
        "Liaoning Province",
        "NE China's Liaoning",
        "northeast China’s Liaoning Province",
        "辽宁",
        "辽宁省",
        "210000",
        "CN-LN",
        "liaoning sheng",
    ],
)
def test_liaoning_aliases(name: str) -> None:
    region = default_catalog().find_region(name)
    assert region is not None and region.id == "CN-LN" and region.code == "210000"


def test_china_and_its_31_provinces() -> None:
    cat = default_catalog()
    provinces = [r for r in cat.regions() if r.parent_id == "CN"]
    assert len(provinces) == 31
    assert len({r.code for r in provinces}) == 31
    assert all(r.name_zh for r in provinces)
    for name in ("China", "全国", "the country", "national", "中国"):
        assert cat.find_region(name).id == "CN"  # type: ignore[union-attr]
    assert cat.find_region("广西壮族自治区").id == "CN-GX"  # type: ignore[union-attr]
    assert cat.find_region("Inner Mongolia Autonomous Region").id == "CN-NM"  # type: ignore[union-attr]


def test_countries_by_name_and_code_but_codes_not_as_words() -> None:
    cat = default_catalog()
    assert cat.find_region("Germany").id == "DE"  # type: ignore[union-attr]
    assert cat.find_region("DEU").id == "DE"  # type: ignore[union-attr]
    assert cat.find_region("in") is None  # not India
    names = dict(cat.text_names())
    assert "IN" not in names and "Liaoning" in names


def test_unknown_region_suggests() -> None:
    with pytest.raises(CatalogError, match="Liaonig.*liaoning"):
        default_catalog().region("Liaonig")


def test_indicator_aliases() -> None:
    cat = default_catalog()
    assert cat.find_indicator("GDP growth").id == "gdp_real_growth_yoy"  # type: ignore[union-attr]
    share = cat.find_indicator("clean energy share of installed capacity")
    assert share is not None and share.id == "share_clean_energy_in_capacity"
    assert cat.find_indicator("R&D intensity").id == "rd_expenditure_share_of_gdp"  # type: ignore[union-attr]


def test_extend_from_toml_and_csv(tmp_path: Path) -> None:
    toml = tmp_path / "extra.toml"
    toml.write_text(
        '[[region]]\nid = "CN-LN-DL"\nname = "Dalian"\nname_zh = "大连市"\nlevel = "city"\n'
        'parent_id = "CN-LN"\naliases = ["Dalian City"]\n\n'
        '[[indicator]]\nid = "port_throughput"\nname = "Port cargo throughput"\n'
        'unit = "10 thousand tonnes"\naliases = ["cargo throughput"]\n',
        encoding="utf-8",
    )
    cat = default_catalog()
    assert cat.load_file(toml) == (1, 1)
    assert cat.find_region("大连").id == "CN-LN-DL"  # type: ignore[union-attr]
    assert cat.find_indicator("cargo throughput").id == "port_throughput"  # type: ignore[union-attr]
    csv_file = tmp_path / "regions.csv"
    csv_file.write_text("id,name,aliases\nCN-LN-SY,Shenyang,沈阳;Mukden\n", encoding="utf-8")
    assert cat.load_file(csv_file) == (1, 0)
    assert cat.find_region("Mukden").id == "CN-LN-SY"  # type: ignore[union-attr]
    assert default_catalog().find_region("Mukden") is None  # the built-in copy is untouched


def test_alias_clash_in_user_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,aliases\nXX-1,Somewhere,Liaoning\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="already means region 'CN-LN'"):
        default_catalog().load_file(bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("id,aliases\nXX-2,foo\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"missing.csv:2: a region needs"):
        default_catalog().load_file(missing)


def test_humanise_id() -> None:
    from ontrack.catalog import humanise_id

    assert humanise_id("gdp_real_growth_minus_national") == "GDP real growth minus national"
    assert humanise_id("above_scale_industrial_va_growth") == (
        "Above scale industrial value added growth"
    )
    assert humanise_id("rd_expenditure_growth") == "R&D expenditure growth"
