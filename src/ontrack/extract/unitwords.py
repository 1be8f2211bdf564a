"""Units and scale words the figure reader knows beyond the Chinese press: what they are.

Decides how a unit written in the text is named in a statement:

* currencies by ISO 4217 code, whether written as a symbol before the number ("£", "S$",
  "R$", "₹", "Tk"), as a code before or after it ("EGP 100 billion", "100 billion AUD") or
  as a word after it ("300 billion yen", "5 lakh crore rupees"); the yuan keeps the name the
  project has always used;
* scale words of South Asia (lakh = 10^5, crore = 10^7, so "lakh crore" = 10^12);
* power and energy kept in the scale the text wrote (MW, GWh: the scorer and pint compare
  them as quantities), volumes (litres), flows (barrels per day, "mbpd" = million barrels per
  day), temperatures (degrees Celsius), lengths (km) and concentrations (µg/m3);
* prices per unit: a currency figure followed by "per MWh" or "/MWh" is "ZAR/MWh".

The tables and the three small readers that use them (currency before a number, South Asian
digit grouping, price per unit) live here; figures.py calls them token by token.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from ..currencies import CURRENCY_CODES

if TYPE_CHECKING:
    from .tokens import Tokens

# ISO codes are accepted when written in capitals before or after a number ("EGP 100 billion")

# A symbol or abbreviation written before the number, lower case as tokens are.
CURRENCY_SYMBOLS: Final[dict[str, str]] = {
    "$": "USD",
    "us$": "USD",
    "¥": "yuan",
    "￥": "yuan",
    "rmb": "yuan",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "rs": "INR",
    "₨": "INR",
    "tk": "BDT",
    "৳": "BDT",
    "₦": "NGN",
    "₩": "KRW",
    "₫": "VND",
    "฿": "THB",
    "₱": "PHP",
    "dh": "AED",
    "dhs": "AED",
}

# Letters written against "$": "S$5 billion", "R$10.9 trillion", "NZ$ 3 million".
DOLLAR_LETTERS: Final[dict[str, str]] = {
    "us": "USD",
    "u.s.": "USD",
    "s": "SGD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "nz": "NZD",
    "hk": "HKD",
    "r": "BRL",
    "nt": "TWD",
    "mx": "MXN",
}

# Single capitals glued to a number as currency signs ("N52,255.6 million", "R2.5 billion").
# A single letter is also an ordinary abbreviation, so it counts only when the number has
# thousands separators, decimals or a scale word after it.
GLUED_LETTER_CURRENCIES: Final[dict[str, str]] = {"n": "NGN", "r": "ZAR"}

# Currency words after the number: (words, ISO code), longest first when matched.
CURRENCY_WORDS: Final[list[tuple[str, str]]] = [
    ("yuan", "yuan"),
    ("rmb", "yuan"),
    ("renminbi", "yuan"),
    ("u . s . dollars", "USD"),
    ("us dollars", "USD"),
    ("american dollars", "USD"),
    ("dollars", "USD"),
    ("australian dollars", "AUD"),
    ("canadian dollars", "CAD"),
    ("singapore dollars", "SGD"),
    ("new zealand dollars", "NZD"),
    ("hong kong dollars", "HKD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds sterling", "GBP"),
    ("pound sterling", "GBP"),
    ("sterling", "GBP"),
    ("egyptian pounds", "EGP"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("pakistani rupees", "PKR"),
    ("sri lankan rupees", "LKR"),
    ("nepalese rupees", "NPR"),
    ("taka", "BDT"),
    ("baht", "THB"),
    ("yen", "JPY"),
    ("won", "KRW"),
    ("naira", "NGN"),
    ("rand", "ZAR"),
    ("reais", "BRL"),
    ("dirhams", "AED"),
    ("dirham", "AED"),
    ("riyals", "SAR"),
    ("dong", "VND"),
    ("ringgit", "MYR"),
    ("rupiah", "IDR"),
    ("shillings", "KES"),
    ("cedis", "GHS"),
    ("francs", "CHF"),
]

# South Asian scale words ("Rs 10 lakh crore" = 10^13 rupees).
INDIAN_SCALES: Final[dict[str, float]] = {
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
}

# (tokens as they are split, unit, multiplier) for units outside the Chinese press.
PHYSICAL_UNITS: Final[list[tuple[str, str, float]]] = [
    ("per cent points", "percentage points", 1),
    ("per cent point", "percentage points", 1),
    ("percent points", "percentage points", 1),
    ("percent point", "percentage points", 1),
    ("pct points", "percentage points", 1),
    ("pct point", "percentage points", 1),
    ("pp", "percentage points", 1),
    ("ppt", "percentage points", 1),
    ("ppts", "percentage points", 1),
    ("basis points", "basis points", 1),
    ("basis point", "basis points", 1),
    ("bps", "basis points", 1),
    ("mt", "tonnes", 1e6),
    ("kt", "tonnes", 1e3),
    ("gt", "tonnes", 1e9),
    ("mtco2e", "tonnes", 1e6),
    ("mtco2", "tonnes", 1e6),
    ("bcm", "cubic meters", 1e9),
    ("mwp", "MW", 1),
    ("gwp", "GW", 1),
    ("kwp", "kW", 1),
    ("acres", "acres", 1),
    ("square miles", "square miles", 1),
    ("gallons", "gallons", 1),
    ("petajoules", "PJ", 1),
    ("pj", "PJ", 1),
    ("megawatt - hours", "MWh", 1),
    ("megawatt hours", "MWh", 1),
    ("megawatt - hour", "MWh", 1),
    ("mwh", "MWh", 1),
    ("megawatts", "MW", 1),
    ("megawatt", "MW", 1),
    ("mw", "MW", 1),
    ("gigawatt - hours", "GWh", 1),
    ("gigawatt hours", "GWh", 1),
    ("gigawatt - hour", "GWh", 1),
    ("gwh", "GWh", 1),
    ("litres", "litres", 1),
    ("liters", "litres", 1),
    ("litre", "litres", 1),
    ("liter", "litres", 1),
    ("barrels per day", "barrels per day", 1),
    ("barrels a day", "barrels per day", 1),
    ("barrels of oil per day", "barrels per day", 1),
    ("barrels of oil a day", "barrels per day", 1),
    ("bpd", "barrels per day", 1),
    ("b / d", "barrels per day", 1),
    ("mbpd", "barrels per day", 1e6),
    ("mb / d", "barrels per day", 1e6),
    ("barrels", "barrels", 1),
    ("degrees celsius", "degrees Celsius", 1),
    ("degree celsius", "degrees Celsius", 1),
    ("degrees centigrade", "degrees Celsius", 1),
    ("° c", "degrees Celsius", 1),
    ("°c", "degrees Celsius", 1),
    ("℃", "degrees Celsius", 1),
    ("degrees fahrenheit", "degrees Fahrenheit", 1),
    ("° f", "degrees Fahrenheit", 1),
    ("degrees", "degrees Celsius", 1),
    ("degree", "degrees Celsius", 1),
    ("kilometers", "km", 1),
    ("kilometres", "km", 1),
    ("kilometer", "km", 1),
    ("kilometre", "km", 1),
    ("km", "km", 1),
    ("miles", "miles", 1),
    ("micrograms per cubic meter", "µg/m3", 1),
    ("micrograms per cubic metre", "µg/m3", 1),
    ("µ g / m3", "µg/m3", 1),
    ("μ g / m3", "µg/m3", 1),
    ("µ g / m ³", "µg/m3", 1),
    ("μ g / m ³", "µg/m3", 1),
    ("ug / m3", "µg/m3", 1),
]

# Units a price is quoted per ("R450 per MWh", "$80 a barrel"), as the price's unit names them.
PER_UNITS: Final[dict[str, str]] = {
    "mwh": "MWh",
    "kwh": "kWh",
    "gwh": "GWh",
    "tonne": "tonne",
    "ton": "tonne",
    "t": "tonne",
    "barrel": "barrel",
    "bbl": "barrel",
    "litre": "litre",
    "liter": "litre",
    "gallon": "gallon",
    "kg": "kg",
    "person": "person",
    "capita": "person",
    "head": "person",
}

# Everyday things an illustrative equivalence counts ("enough to power 37,000 homes").
HOME_NOUNS: Final = frozenset({"homes", "houses", "dwellings", "apartments", "flats"})


_INDIAN_CURRENCIES: Final = frozenset({"INR", "BDT", "PKR", "NPR", "LKR"})
_INDIAN_GROUPED_RE: Final = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?")
_SCALE_AFTER_GLUED: Final = frozenset(
    {"thousand", "million", "billion", "trillion", "bn", "mn", "m", "b", "k", "tn", "crore"}
)


def currency_before(sentence: str, tk: Tokens, i: int) -> tuple[str, int] | None:
    """The currency written before the number token i and where it starts: a symbol or
    abbreviation ("£", "Tk", "Rs."), letters against a dollar sign ("S$", "R$", "NZ$"), an
    ISO code in capitals ("EGP 100 billion") or a capital glued to a number that cannot be
    a plain label ("N52,255.62 million", "R2.5 billion")."""
    if i == 0:
        return None
    ts = tk.start[i]
    prev = tk.low[i - 1]
    if prev == "." and i > 1 and tk.low[i - 2] == "rs" and tk.end[i - 1] >= ts - 1:
        return "INR", tk.start[i - 2]  # "Rs. 500 crore"
    if tk.end[i - 1] < ts - 1:
        return None  # more than one space between sign and number
    if prev == "$" and i > 1 and tk.end[i - 2] == tk.start[i - 1]:
        code = DOLLAR_LETTERS.get(tk.low[i - 2])
        if code is not None and not _letter_before(sentence, tk.start[i - 2]):
            return code, tk.start[i - 2]
    if prev in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[prev], tk.start[i - 1]
    written = sentence[tk.start[i - 1] : tk.end[i - 1]]
    if len(written) == 3 and written in CURRENCY_CODES:
        return written, tk.start[i - 1]
    if (
        prev in GLUED_LETTER_CURRENCIES
        and written.isupper()
        and tk.end[i - 1] == ts
        and not _letter_before(sentence, tk.start[i - 1])
    ):
        nxt = tk.low[i + 1] if i + 1 < tk.n else ""
        if "," in tk.low[i] or "." in tk.low[i] or nxt in _SCALE_AFTER_GLUED or nxt in {"/", "per"}:
            return GLUED_LETTER_CURRENCIES[prev], tk.start[i - 1]
    return None


def _letter_before(sentence: str, at: int) -> bool:
    return at > 0 and sentence[at - 1].isalnum()


def indian_grouped_number(tk: Tokens, i: int, currency: str | None) -> tuple[float, int] | None:
    """'7,61,785 crore', 'Tk 7, 61, 785 crore': digits grouped in twos before the last three
    (South Asian usage), read as one number with the index of the token after it. Taken only
    before lakh/crore or after a South Asian currency, where that grouping is the norm."""
    parts: list[str] = []
    k = i
    prev_end = tk.start[i]
    while k < tk.n and tk.start[k] - prev_end <= 1:
        if tk.kind[k] == "num" or (tk.low[k] == "," and parts):
            parts.append(tk.low[k])
            prev_end = tk.end[k]
            k += 1
            continue
        break
    if len(parts) < 3:
        return None
    joined = "".join(parts)
    m = _INDIAN_GROUPED_RE.match(joined)
    if m is None:
        return None
    # give back tokens past the match ("7,61,785, 20" keeps the 20)
    used = 0
    k = i
    while k < tk.n and used < m.end():
        used += len(tk.low[k])
        k += 1
    if used != m.end():
        return None
    nxt = tk.low[k] if k < tk.n else ""
    if nxt not in INDIAN_SCALES and currency not in _INDIAN_CURRENCIES:
        return None
    return float(m.group(0).replace(",", "")), k


def price_per_unit(tk: Tokens, j: int) -> tuple[str, int] | None:
    """'per MWh', '/MWh', 'a barrel' after a currency amount: the unit it is priced per and
    the index after it."""
    if j + 1 >= tk.n or tk.low[j] not in {"per", "/", "a", "an"}:
        return None
    unit = PER_UNITS.get(tk.low[j + 1])
    if unit is None or (tk.low[j] in {"a", "an"} and unit in {"MWh", "kWh", "GWh", "kg"}):
        return None
    return unit, j + 2
