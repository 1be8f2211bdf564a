"""Figures in Chinese text: Arabic and Chinese numerals, scale words, units, ranges, ratios.

`find_figures(sentence)` returns every number a statement can be about, with its value
expanded (30209.4亿元 -> 3.02094e12 yuan, 1882.53万千瓦 -> 1.882553e7 kW) and its unit
normalised to the names the English engine uses. Offsets are relative to the sentence.
Numbers that only name a date, an ordinal, a programme or a definitional threshold are left
out here, so later stages never see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import cn2an

_CN_DIGITS: Final = "零〇一二两三四五六七八九十百千"
_SCALES: Final = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3,
}  # fmt: skip
# unit words, longest first, and the unit name they normalise to
_UNITS: Final = (
    ("个百分点", "percentage points"), ("百分点", "percentage points"),
    ("%", "percent"), ("‰", "per mille"),
    ("千瓦时", "kWh"), ("千瓦", "kW"), ("兆瓦", "MW"), ("吉瓦", "GW"), ("度电", "kWh"),
    ("美元", "USD"), ("欧元", "EUR"), ("元", "yuan"),
    ("吨标准煤", "tonnes of coal equivalent"), ("吨标煤", "tonnes of coal equivalent"),
    ("吨", "tonnes"), ("公斤/亩", "kg/mu"), ("公斤", "kg"), ("斤", "jin"),
    ("亩", "mu"), ("公顷", "hectares"), ("平方公里", "km2"), ("平方米", "m2"),
    ("微克/立方米", "µg/m3"), ("毫克/立方米", "mg/m3"), ("立方米", "m3"),
    ("公里", "km"), ("千米", "km"),
    ("人次", "person-times"), ("人", "persons"), ("标箱", "TEU"), ("重量箱", "weight cases"),
    ("户", "count"), ("家", "count"),
    ("市", "count"), ("县", "count"), ("个", "count"), ("项", "count"), ("处", "count"),
    ("件", "count"), ("座", "count"), ("所", "count"), ("条", "count"), ("批", "count"),
    ("辆", "units"), ("套", "units"), ("把", "units"), ("台", "units"), ("部", "units"),
    ("只", "units"), ("艘", "units"), ("架", "units"), ("头", "head"),
    ("倍", "times"), ("成", "fraction"), ("岁", "years"),
)  # fmt: skip
_UNIT_ALT: Final = "|".join(re.escape(u) for u, _ in _UNITS)
_UNIT_NAME: Final = dict(_UNITS)
_SCALE_ALT: Final = "万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?!瓦|米|克|伏|帕)"

_ARABIC: Final = r"\d+(?:,\d{3})*(?:\.\d+)?"
# an Arabic figure: number, "多/余" (more than), scale word, unit
FIGURE_RE: Final = re.compile(
    rf"(?P<num>{_ARABIC})\s?(?P<more>多|余)?(?P<scale>{_SCALE_ALT})?(?P<more2>多|余)?\s?"
    rf"(?P<unit>{_UNIT_ALT})?"
)
# a Chinese-numeral figure needs a scale or a unit that makes it a quantity ("四成", "1.3倍",
# "三个百分点", "两万人"); bare numerals are names and ordinals ("十四五", "第一产业")
CN_FIGURE_RE: Final = re.compile(
    rf"(?P<num>[{_CN_DIGITS}]+)(?P<more>多|余)?(?P<scale>{_SCALE_ALT})?"
    r"(?P<unit>个百分点|百分点|成|倍|万人|亿元|万元|万吨)"
)
_DOUBLING: Final = re.compile(r"翻(?P<n>一|两|二|三)番")
_HALF: Final = re.compile(r"(?:近|超过?|过)半")
_FRACTION: Final = re.compile(
    r"(?P<den>\d{1,3}|[一二三四五六七八九十]{1,2})分之(?P<num>\d{1,3}|[一二三四五六七八九十]{1,2})"
)
_BARE_SCALE: Final = re.compile(
    r"(?:过|突破|超过|超|达到|近)(?P<scale>千亿|百亿|万亿|亿)(?P<unit>元|美元)?(?=$|[,，。;；、)）])"
)
# a page that lost the percent sign after a growth verb ("年均增长6。4")
_BARE_GROWTH: Final = re.compile(r"(?:增长|下降|增|降|提高|上涨)$")
_DURATION_BEFORE: Final = re.compile(r"(?:历时|历经|用时|耗时|用了)$")
RATIO_RE: Final = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?)){1,3}(?![\d.])")
_RANGE_SEP: Final = re.compile(r"\s?(?:-{1,2}|~|～|至|到)\s?")
_QUOTES: Final = (("“", "”"), ('"', '"'), ("《", "》"), ("「", "」"), ("‘", "’"))

# what a number directly before is: a date, an ordinal, a session, a class
_NOT_QUANTITY_AFTER: Final = re.compile(
    r"(?:年(?!均|度增|来)|月|日|号|时(?!期)|季度|届|次会议|代|期|级|型|版|周年|世纪|点\d)"
)
_THRESHOLD_AFTER: Final = re.compile(
    r"(?:以上|以下|及以上)(?:的)?(?:项目|企业|工业|规模|重点|产业|城市|大|园区|工程|重大)"
)
_CLASS_AFTER: Final = re.compile(r"(?:级|量级|以上规模)")


@dataclass(frozen=True, slots=True)
class Figure:
    start: int  # offsets in the sentence
    end: int
    value: float
    unit: str
    more_than: bool = False  # "1250多万": the written number is a lower bound
    range_role: str = ""  # "low" or "high" of "7.5%-8%"
    ratio_part: int = -1  # index in "10.7:52.5:36.8" (three percent items)
    chinese_numeral: bool = False


@lru_cache(maxsize=4096)
def cn_number(text: str) -> float | None:
    """A Chinese numeral ("十二", "两", "一万二千") as a number, or None."""
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _scaled(value: float, scale: str | None, unit: str) -> tuple[float, str]:
    v = value * _SCALES[scale] if scale else value
    if unit == "fraction":
        v = value / 10  # 四成 = 0.4
    return v, unit


def _inside_name(sentence: str, start: int, end: int) -> bool:
    """The figure is the whole of a quoted name or title ("“33618”", "《2015--2020年》")."""
    for left, right in _QUOTES:
        i = sentence.rfind(left, 0, start)
        if i < 0:
            continue
        j = sentence.find(right, i + 1)
        if left == right:
            if sentence.count(left, 0, start) % 2 == 0:
                continue
            j = sentence.find(right, start)
        if j >= end and j - i <= 30:
            return True
    return False


def _skip(sentence: str, start: int, end: int, unit: str | None) -> bool:
    """Numbers that are not quantities a statement is about."""
    before = sentence[max(0, start - 1) : start]
    after = sentence[end : end + 6]
    if before in ("第", "“") and unit in (None, "count"):
        return True
    if unit is None:
        return True
    if unit in ("count", "units") and _inside_name(sentence, start, end):
        return True
    if unit not in ("percent", "percentage points") and _CLASS_AFTER.match(after):
        return True
    return bool(_THRESHOLD_AFTER.match(after))


def find_figures(sentence: str) -> list[Figure]:
    """Every quantity of a (folded) sentence, left to right."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in RATIO_RE.finditer(sentence):
        parts = [float(p) for p in re.findall(r"\d+(?:\.\d+)?", m.group(0))]
        after = sentence[m.end() : m.end() + 1]
        if after and (after.isdigit() or after in "点时分"):
            continue  # a clock time "10:11"
        if len(parts) >= 3 and 98 <= sum(parts) <= 102:
            # a sector structure: each share is a percent figure
            pos = m.start()
            for k, p in enumerate(parts):
                s = sentence.index(str(m.group(0)).split(":")[k], pos)
                out.append(
                    Figure(s, s + len(str(m.group(0)).split(":")[k]), p, "percent", ratio_part=k)
                )
                pos = s + 1
            taken.append((m.start(), m.end()))
        elif len(parts) == 2 and parts[1] == 1:
            out.append(Figure(m.start(), m.end(), parts[0], "ratio"))
            taken.append((m.start(), m.end()))
    for m in FIGURE_RE.finditer(sentence):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in taken):
            continue
        if sentence[max(0, s - 1) : s].isdigit() or sentence[max(0, s - 1) : s] == ".":
            continue
        unit_word = m.group("unit")
        if unit_word is None and not m.group("scale"):
            head = sentence[max(0, s - 4) : s]
            if sentence[e : e + 1] == "年" and _DURATION_BEFORE.search(head):
                out.append(Figure(s, e + 1, float(m.group("num").replace(",", "")), "years"))
                continue
            if _BARE_GROWTH.search(head) and re.match(r"\s*(?:$|[,，;；、)）])", sentence[e:]):
                out.append(Figure(s, e, float(m.group("num").replace(",", "")), "percent"))
                continue
        if unit_word is None and _NOT_QUANTITY_AFTER.match(sentence, e):
            continue
        if unit_word is None:
            # "7.5%-8%" written "7.5-8%": the first number takes the second's unit
            nxt = _RANGE_SEP.match(sentence, e)
            if nxt:
                m2 = FIGURE_RE.match(sentence, nxt.end())
                if m2 and m2.group("unit"):
                    unit_word = m2.group("unit")
                    scale = m.group("scale") or m2.group("scale")
                    value, unit = _scaled(
                        float(m.group("num").replace(",", "")), scale, _UNIT_NAME[unit_word]
                    )
                    out.append(Figure(s, e, value, unit, range_role="low"))
                    continue
        if unit_word is None and m.group("scale"):
            # "突破1万亿" with no unit word: a bare amount
            value = float(m.group("num").replace(",", "")) * _SCALES[m.group("scale")]
            if _NOT_QUANTITY_AFTER.match(sentence, e):
                continue
            out.append(Figure(s, e, value, "", more_than=bool(m.group("more"))))
            continue
        unit_name = _UNIT_NAME[unit_word] if unit_word else None
        if _skip(sentence, s, e, unit_name) or (
            unit_name == "count" and _NOT_QUANTITY_AFTER.match(sentence, e)
        ):
            continue
        if unit_name is None or (
            unit_name == "years" and not re.search(r"(?:岁|寿命)", sentence[max(0, s - 8) : e])
        ):
            continue
        value, unit = _scaled(float(m.group("num").replace(",", "")), m.group("scale"), unit_name)
        out.append(Figure(s, e, value, unit, more_than=bool(m.group("more") or m.group("more2"))))
    for m in CN_FIGURE_RE.finditer(sentence):
        s, e = m.start(), m.end()
        if sentence[max(0, s - 1) : s] in ("第", "十") or any(a <= s < b for a, b in taken):
            continue
        n = cn_number(m.group("num"))
        if n is None:
            continue
        unit_word = m.group("unit")
        scale = m.group("scale")
        if unit_word in ("万人", "亿元", "万元", "万吨"):
            # "两万人": the scale word is fused with the unit in the pattern
            scale = scale or unit_word[0]
            unit_word = unit_word[1:]
        unit = _UNIT_NAME[unit_word]
        value, unit = _scaled(n, scale if scale in _SCALES else None, unit)
        out.append(Figure(s, e, value, unit, chinese_numeral=True))
    for m in _BARE_SCALE.finditer(sentence):
        # "投资过千亿": a scale word alone after a bound verb is one unit of that scale
        out.append(
            Figure(
                m.start("scale"),
                m.end(),
                _SCALES[m.group("scale")],
                _UNIT_NAME.get(m.group("unit") or "", "yuan"),
            )
        )
    for m in _DOUBLING.finditer(sentence):
        n = {"一": 1, "两": 2, "二": 2, "三": 3}[m.group("n")]
        out.append(Figure(m.start(), m.end(), float(2**n), "times", chinese_numeral=True))
    for m in _FRACTION.finditer(sentence):
        den, num = (
            float(t) if t.isdigit() else cn_number(t) for t in (m.group("den"), m.group("num"))
        )
        if den and num is not None and 0 < num <= den:
            out.append(Figure(m.start(), m.end(), num / den, "fraction", chinese_numeral=True))
    for m in _HALF.finditer(sentence):
        out.append(Figure(m.start(), m.end(), 0.5, "fraction", more_than=True))
    fractions = [(f.start, f.end) for f in out if f.unit == "fraction" and f.chinese_numeral]
    out = [
        f
        for f in out
        if not any(a <= f.start < b and (a, b) != (f.start, f.end) for a, b in fractions)
    ]
    out.sort(key=lambda f: f.start)
    return _mark_ranges(sentence, out)


def _mark_ranges(sentence: str, figures: list[Figure]) -> list[Figure]:
    """The second figure of "7.5%-8%" / "2-3个百分点" is the high end of the first's range."""
    out = list(figures)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = sentence[a.end : b.start]
        if a.unit == b.unit and _RANGE_SEP.fullmatch(gap):
            out[i] = Figure(a.start, a.end, a.value, a.unit, a.more_than, "low", a.ratio_part)
            out[i + 1] = Figure(b.start, b.end, b.value, b.unit, b.more_than, "high", b.ratio_part)
    return out
