"""Units: parse what statistical tables and press texts write, normalise the name, convert.

A parsed `Unit` keeps a normalised display name ("100 million yuan", "10 MW", "percent")
and a pint quantity (1e8 yuan, 10 MW, 1 percent) so that any two compatible units can
be converted. Chinese statistical units are defined explicitly because their scale words
(万 = 10^4, 亿 = 10^8) are not SI prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

from .currencies import CURRENCY_CODES
from .errors import UnitError
from .limits import limits

_registry: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
# Currencies are separate dimensions: pint must never convert yuan to dollars.
_registry.define("yuan = [currency_cny] = CNY = RMB")
_registry.define("USD = [currency_usd] = usd_dollar")
_registry.define("EUR = [currency_eur]")
# A percentage point is not a percent: 5% -> 6% is +1 pp but +20 percent.
_registry.define("percentage_point = [percentage_point] = pp")
_registry.define("person = [person]")
_registry.define("item = [item]")  # counted things: enterprises, patents, vehicles
_registry.define("tce = [coal_equivalent]")  # tonnes of standard coal equivalent
_registry.define("jin = 0.5 * kilogram")
_registry.define("stat_quarter = 3 * month")
_registry.define("index_point = [index]")

SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "ten thousand": 1e4,
    "10 thousand": 1e4,
    "10,000": 1e4,
    "10000": 1e4,
    "10k": 1e4,
    "million": 1e6,
    "mn": 1e6,
    "100 million": 1e8,
    "hundred million": 1e8,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

# Normalised display names of scale factors, largest first.
_SCALE_NAMES: list[tuple[float, str]] = [
    (1e12, "trillion"),
    (1e9, "billion"),
    (1e8, "100 million"),
    (1e6, "million"),
    (1e4, "10 thousand"),
    (1e3, "thousand"),
    (1e2, "hundred"),
]

# word as written (lowercase) -> (pint expression, normalised name)
_WORDS: dict[str, tuple[str, str]] = {}


def _words(names: str, expr: str, display: str) -> None:
    for name in names.split("|"):
        _WORDS[name] = (expr, display)


_words("percent|per cent|%|pct|percentage|％", "percent", "percent")
_words(
    "percentage points|percentage point|pp|ppt|ppts|points|point",
    "percentage_point",
    "percentage points",
)
_words("yuan|rmb|cny|元|renminbi", "yuan", "yuan")
_words("usd|us dollars|dollars|us$|$|u.s. dollars|dollar", "USD", "USD")
_words("eur|euros|euro|€", "EUR", "EUR")
_words("kw|kilowatts|kilowatt|千瓦", "kW", "kW")
_words("mw|megawatts|megawatt", "MW", "MW")
_words("gw|gigawatts|gigawatt", "GW", "GW")
_words("kwh|kilowatt-hours|kilowatt hours|kilowatt-hour|kilowatt hour|千瓦时|度", "kWh", "kWh")
_words("mwh|megawatt-hours|megawatt hours", "MWh", "MWh")
_words("gwh|gigawatt-hours|gigawatt hours", "GWh", "GWh")
_words("twh|terawatt-hours|terawatt hours", "TWh", "TWh")
_words("tonnes|tonne|tons|ton|metric tons|metric ton|t|吨", "tonne", "tonnes")
_words(
    "tce|tonnes of standard coal|tons of standard coal|tonnes of coal equivalent|吨标准煤",
    "tce",
    "tce",
)
_words("jin|斤", "jin", "jin")
_words("km|kilometres|kilometers|kilometre|kilometer|公里", "km", "km")
_words("metres|meters|metre|meter|米", "meter", "metres")
_words("miles|mile", "mile", "miles")
_words("cubic meters|cubic metres|m3|立方米", "meter**3", "cubic meters")
_words("years|year|年", "year", "years")
_words("days|day|天", "day", "days")
_words("quarters|quarter|consecutive quarters", "stat_quarter", "quarters")
_words("months|month|个月", "month", "months")
_words(
    "persons|person|people|jobs|workers|worker|residents|tourists|visitors|人|人次",
    "person",
    "persons",
)
_words(
    "count|enterprises|enterprise|companies|company|firms|projects|patents|units|unit|"
    "vehicles|items|个|家|项|件|辆",
    "item",
    "count",
)
_words("times|fold|倍", "dimensionless", "times")
_words("fraction|share|ratio|proportion", "dimensionless", "fraction")
_words("index|points of index", "index_point", "index")
_words("rank|place", "dimensionless", "rank")

# What the extractor writes beyond the Chinese press (extract/unitwords.py): every other ISO
# currency its own dimension, never converted into another; volumes, flows, temperatures.
for _code in sorted(CURRENCY_CODES - {"USD", "EUR", "CNY"}):
    _registry.define(f"{_code} = [currency_{_code.lower()}]")
    _words(_code.lower(), _code, _code)
_registry.define("basis_point = 0.01 * percentage_point")
_registry.define("oil_barrel_unit = 158.987294928 * liter")
_words("basis points|basis point|bps", "basis_point", "basis points")
_words("litres|liters|litre|liter|l", "liter", "litres")
_words("barrels|barrel|bbl", "oil_barrel_unit", "barrels")
_words("barrels per day|barrels a day|bpd|b/d", "oil_barrel_unit / day", "barrels per day")
_words("degrees celsius|degree celsius|°c|℃", "delta_degC", "degrees Celsius")
_words(
    "µg/m3|μg/m3|micrograms per cubic meter|micrograms per cubic metre",
    "microgram / meter**3",
    "µg/m3",
)
_words("pj|petajoules", "petajoule", "PJ")
_words("acres|acre", "acre", "acres")
_words("gallons|gallon", "gallon", "gallons")
_words("homes|houses|dwellings", "item", "count")

# Chinese compounds with their own scale: written -> (factor, unit word)
_CHINESE: dict[str, tuple[float, str]] = {
    "亿元": (1e8, "元"),
    "万元": (1e4, "元"),
    "千元": (1e3, "元"),
    "万亿元": (1e12, "元"),
    "万千瓦": (1e4, "千瓦"),
    "亿千瓦": (1e8, "千瓦"),
    "亿千瓦时": (1e8, "千瓦时"),
    "万千瓦时": (1e4, "千瓦时"),
    "亿度": (1e8, "千瓦时"),
    "万吨": (1e4, "吨"),
    "亿吨": (1e8, "吨"),
    "万吨标准煤": (1e4, "吨标准煤"),
    "亿吨标准煤": (1e8, "吨标准煤"),
    "万人": (1e4, "人"),
    "万人次": (1e4, "人"),
    "亿人次": (1e8, "人"),
    "万斤": (1e4, "斤"),
    "亿斤": (1e8, "斤"),
    "万个": (1e4, "个"),
    "万家": (1e4, "家"),
    "万辆": (1e4, "辆"),
}

_SINGULAR = {
    "years": "year",
    "persons": "person",
    "days": "day",
    "months": "month",
    "quarters": "quarter",
    "tonnes": "tonne",
    "barrels": "barrel",
    "litres": "litre",
    "gallons": "gallon",
}

# Units whose scale is better written with an SI prefix than a scale word.
_SI_POWER = {"kW": [(1e6, "GW"), (1e3, "MW"), (1, "kW")], "kWh": [(1e9, "TWh"), (1, "kWh")]}


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # normalised, e.g. "100 million yuan"
    factor: float  # how many base units one of this is
    base: str  # normalised base unit name, e.g. "yuan"
    expr: str  # pint expression of the base unit

    @property
    def quantity(self) -> pint.Quantity:
        return _registry.Quantity(self.factor, self.expr)

    @property
    def dimensionality(self) -> str:
        return str(self.quantity.dimensionality)

    def factor_to(self, other: Unit) -> float:
        """Multiply a value in this unit by the result to express it in `other`."""
        if self.base == other.base and self.expr == other.expr:
            return self.factor / other.factor
        try:
            ratio = float(self.quantity.to(other.quantity.units).magnitude / other.factor)
        except pint.DimensionalityError:
            raise UnitError(
                f"cannot convert {self.name!r} to {other.name!r}: they measure different "
                "things; check the unit column or ingest into a separate indicator"
            ) from None
        # pint's float arithmetic leaves 0.010000000000000002 for 10^4 kW -> GW.
        return float(f"{ratio:.12g}")

    def compatible(self, other: Unit) -> bool:
        try:
            self.factor_to(other)
        except UnitError:
            return False
        return True


def _display(factor: float, base_name: str) -> str:
    if factor == 1:
        return base_name
    for size, prefixed in _SI_POWER.get(base_name, []):
        scaled = factor / size
        if scaled >= 1 and float(scaled).is_integer() and scaled in (1, 10, 100):
            return prefixed if scaled == 1 else f"{int(scaled)} {prefixed}"
    for size, word in _SCALE_NAMES:
        if factor == size:
            return f"{word} {base_name}"
    return f"{factor:g} {base_name}"


# one number: thousands groups of three ("1,000"), at most one decimal point ("2.5");
# "5.3,5.3" is not a number but a list, and stays text for the unit parser to refuse
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![.,]?\d)\s*")


def _split_scale(text: str) -> tuple[float, str]:
    """Split a leading scale ('100 million', 'thousand', '10k') off a unit string."""
    factor = 1.0
    rest = text
    changed = True
    while changed:
        changed = False
        for word in sorted(SCALE_WORDS, key=len, reverse=True):
            if rest == word or rest.startswith(word + " "):
                factor *= SCALE_WORDS[word]
                rest = rest[len(word) :].strip()
                changed = True
                break
        else:
            m = _NUMBER.match(rest)
            if m and rest[m.end() :]:
                factor *= float(m.group(1).replace(",", ""))
                rest = rest[m.end() :].strip()
                changed = True
    return factor, rest


def _simple(text: str) -> tuple[float, str, str] | None:
    """(factor, pint expression, display name) of one unit word with optional scale."""
    if text in _CHINESE:
        scale, word = _CHINESE[text]
        expr, name = _WORDS[word]
        return scale, expr, name
    factor, rest = _split_scale(text)
    if rest == "" and factor != 1:
        return factor, "item", "count"  # "thousand", "million": a bare count
    if rest in _WORDS:
        expr, name = _WORDS[rest]
        return factor, expr, name
    return None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Parse a unit string as written in a table or text; raise UnitError if unknown."""
    raw = str(text).strip()
    if not raw:
        raise UnitError("empty unit: give one, e.g. percent, GW, 100 million yuan, 亿元")
    # A unit is a few words; a bound keeps every pattern below cheap on hostile input.
    most = limits().unit_chars
    if len(raw) > most:
        raise UnitError(
            f"unit text of {len(raw):,} characters is longer than the limit of {most:,} "
            "($ONTRACK_MAX_UNIT_CHARS): give a unit such as percent, GW or 100 million yuan"
        )
    candidates = [raw]
    # "100 million kWh (亿千瓦时)": try the text outside brackets, then inside them.
    # The innermost brackets only: an opening bracket inside ends the search, so a run of
    # "(((" is scanned once, not once per bracket.
    outside = re.sub(r"[(（][^()（）]*[)）]", "", raw).strip()
    inside = re.findall(r"[(（]([^()（）]*)[)）]", raw)
    # "100 million yuan, current prices" / "percent of GDP": the qualifier is not the unit.
    for base in (outside, raw):
        head = base.split(",")[0].strip()
        candidates += [base, head, re.sub(r"\s+of\s+.*$", "", head)]
    candidates += [s.strip() for s in inside]
    for cand in dict.fromkeys(c.lower() for c in candidates if c):
        parsed = _parse_compound(cand)
        if parsed is not None:
            return parsed
    raise UnitError(
        f"unknown unit {raw!r}: use a unit such as percent, percentage points, yuan, "
        "100 million yuan, 亿元, GW, 万千瓦, kWh, 亿千瓦时, tonnes, tce, persons, count"
    )


def _parse_compound(text: str) -> Unit | None:
    text = re.sub(r"\s+", " ", text.strip())
    if text not in _WORDS and re.fullmatch(r"[a-z]{3}/\w+", text):
        text = text.replace("/", " per ", 1)  # a price per unit as the extractor writes it
    if " per " in text or text.startswith("per "):
        num_text, _, den_text = text.partition("per ")
        num_text = num_text.strip()
        num = _simple(num_text) if num_text else (1.0, "dimensionless", "")
        den = _simple(den_text.strip())
        if num is None or den is None:
            return None
        factor = num[0] / den[0]
        expr = f"({num[1]}) / ({den[1]})"
        den_scale = "" if den[0] == 1 else f"{_display(den[0], '').strip()} "
        den_name = _SINGULAR.get(den[2], den[2]) if den[0] == 1 else den[2]
        name = f"{_display(num[0], num[2])} per {den_scale}{den_name}".strip()
        base = f"{num[2]} per {_SINGULAR.get(den[2], den[2])}".strip()
        return Unit(name=name, factor=factor, base=base, expr=expr)
    simple = _simple(text)
    if simple is None:
        return None
    factor, expr, base = simple
    return Unit(name=_display(factor, base), factor=factor, base=base, expr=expr)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between two unit strings (raises UnitError when incompatible)."""
    return value * parse_unit(from_unit).factor_to(parse_unit(to_unit))
