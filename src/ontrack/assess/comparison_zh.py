"""What a Chinese comparison claims, read from its words ("十年来首次高于全国增速").

The counterpart of `verify.parse_comparison` for Chinese quotes; it returns the same
`ComparisonClaim`, so a Chinese statement is checked by the same streak and rank rules.
"""

from __future__ import annotations

import re
from typing import Final

from ..extract.zh.figures import cn_number

_ABOVE: Final = re.compile(r"(?<!不)(?:高于|快于|超过|超出|高出|领先|好于|跑赢|比全国高|比全国快)")
_BELOW: Final = re.compile(r"(?<!不)(?:低于|慢于|落后于?|比全国低|比全国慢|跑输)")
_NATIONAL: Final = re.compile(r"全国|我国|中国")
_FIRST_TIME: Final = re.compile(
    r"(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,3})年(?:来|以来|内)?(?:的)?首次|"
    r"近(?P<n2>\d{1,3}|[一二三四五六七八九十]{1,3})年(?:来)?(?:的)?首次"
)
_RANK: Final = re.compile(
    r"第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)|(?P<first>首位|榜首)"
)
_AMONG: Final = re.compile(r"全国|各省|省份|省区市|31个")


def _number(text: str) -> int | None:
    n = float(text) if text.isdigit() else cn_number(text)
    return int(n) if n is not None else None


def parse_comparison_zh(
    quote: str, value: float | None = None
) -> tuple[str | None, bool, int | None, int | None, bool]:
    """(relation, against the national figure, "first time in N years", rank, among the
    provinces) of a Chinese comparison quote."""
    relation = ">" if _ABOVE.search(quote) else "<" if _BELOW.search(quote) else None
    years = None
    m = _FIRST_TIME.search(quote)
    if m:
        years = _number(m.group("n") or m.group("n2"))
    rank = None
    r = _RANK.search(quote)
    if r:
        rank = 1 if r.group("first") else _number(r.group("n"))
    if rank is None and value is not None and re.search(r"居|位列|排名|排", quote):
        rank = int(value)
    return relation, bool(_NATIONAL.search(quote)), years, rank, bool(_AMONG.search(quote))
