from __future__ import annotations

import pytest

from ontrack.errors import UnitError
from ontrack.units import convert, parse_unit


@pytest.mark.parametrize(
    ("text", "name", "factor"),
    [
        ("亿元", "100 million yuan", 1e8),
        ("100 million yuan (亿元), current prices", "100 million yuan", 1e8),
        ("万千瓦", "10 MW", 1e4),
        ("亿千瓦时", "100 million kWh", 1e8),
        ("100 million kWh (亿千瓦时)", "100 million kWh", 1e8),
        ("percent", "percent", 1),
        ("%", "percent", 1),
        ("percent of GDP", "percent", 1),
        ("percentage points", "percentage points", 1),
        ("GW", "GW", 1),
        ("million kilowatts", "GW", 1e6),
        ("trillion yuan", "trillion yuan", 1e12),
        ("billion USD", "billion USD", 1e9),
        ("万吨标准煤", "10 thousand tce", 1e4),
        ("million tonnes", "million tonnes", 1e6),
        ("enterprises", "count", 1),
        ("percent per year", "percent per year", 1),
    ],
)
def test_parse_and_normalise(text: str, name: str, factor: float) -> None:
    unit = parse_unit(text)
    assert unit.name == name
    assert unit.factor == pytest.approx(factor)


def test_conversions() -> None:
    assert convert(3813, "万千瓦", "GW") == pytest.approx(38.13)
    assert convert(1, "亿元", "yuan") == pytest.approx(1e8)
    assert convert(13472.38, "亿千瓦时", "TWh") == pytest.approx(1347.238)
    assert convert(49.5, "percent", "fraction") == pytest.approx(0.495)
    assert convert(2, "100 million jin", "million tonnes") == pytest.approx(0.1)


def test_percent_and_points_and_currencies_do_not_mix() -> None:
    with pytest.raises(UnitError, match="different things"):
        convert(1, "percent", "percentage points")
    with pytest.raises(UnitError):
        convert(1, "yuan", "USD")
    with pytest.raises(UnitError):
        convert(1, "GW", "kWh")


@pytest.mark.parametrize("text", ["", "furlongs per fortnight", "zorkmids"])
def test_unknown_units_name_examples(text: str) -> None:
    with pytest.raises(UnitError, match="unit"):
        parse_unit(text)


# --- units the extractor writes beyond the Chinese press (extract/unitwords.py) -----------


@pytest.mark.parametrize("code", ["GBP", "INR", "SGD", "BDT", "ZAR", "NGN", "JPY", "BRL"])
def test_every_currency_is_its_own_dimension(code: str) -> None:
    assert convert(2.5, code, code) == 2.5
    with pytest.raises(UnitError):
        convert(1, code, "USD")


def test_prices_flows_and_points() -> None:
    assert parse_unit("ZAR/MWh").name == "ZAR per MWh"
    assert parse_unit("USD/barrel").name == "USD per barrel"
    assert convert(50, "basis points", "percentage points") == pytest.approx(0.5)
    assert convert(1, "barrels per day", "barrels per day") == 1
    assert convert(2, "MW", "kW") == pytest.approx(2000)
    with pytest.raises(UnitError):
        convert(1, "litres", "degrees Celsius")
