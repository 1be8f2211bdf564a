"""Comparisons in Chinese text: against another entity, another period, ranks and records.

A comparison is a statement about the relation, not a level: "高于全国1.8个百分点",
"比一季度加快1.9个百分点", "居全国第5位", "创历史新高". A percentage-point change of a share
or rate of one entity ("占比…提高1.8个百分点") is a result, not a comparison; so are
changes of a level ("比2020年下降14.5%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .figures import cn_number

# another entity or the average: 全国, 全省, 东部地区, 平均水平, 同期全国
_OTHER_ENTITY: Final = (
    r"(?:全国|全省|全市|全区|全球|世界|东部|中部|西部|东北|沿海|平均|同期全国|同类)"
)
# the verbs of a comparison with another entity, when no "不" turns them into a bound
ENTITY_COMPARISON: Final = re.compile(
    rf"(?<!不)(?:高于|低于|快于|慢于|高出|低出|领先|超出|好于)(?P<what>[^,，。;；]{{0,14}}?)$|"
    rf"(?:比|较)(?P<other>{_OTHER_ENTITY}[^,，。]{{0,10}}?)(?:高|低|快|慢|多|少)(?:出)?$|"
    rf"超过{_OTHER_ENTITY}[^,，。]{{0,10}}?$"
)
# one period against another: the verbs that speak of speed (加快, 回落, 收窄) always compare
_SPEED_VERBS: Final = (
    r"(?:加快|放缓|回升|回落|收窄|扩大|提升|提高|上升|下降|降低|增加|减少|前移|后移|快|慢|高|低)"
)
PERIOD_COMPARISON: Final = re.compile(
    rf"(?:比|较)(?:上年|去年|上年同期|去年同期|同期|上月|上季度|[一二三四]季度|上半年|前三季度|"
    rf"\d{{1,2}}(?:-|至)\d{{1,2}}月|(?:19|20)\d\d年|前一年|上一年)(?:全年|同期)?(?P<verb>{_SPEED_VERBS})$"
)
_ALWAYS_COMPARE_VERBS: Final = (
    "加快",
    "放缓",
    "回升",
    "回落",
    "收窄",
    "扩大",
    "前移",
    "后移",
    "快",
    "慢",
)
# the subject is a growth rate (its change is a comparison of two growth figures)
GROWTH_SUBJECT: Final = re.compile(r"增速|增幅|降幅|增长速度|涨幅|增长率")
SHARE_SUBJECT: Final = re.compile(r"占比|比重|份额|率|占[^,，]{0,8}比例|占[^,，]{0,10}$")

RANK: Final = re.compile(
    r"(?:居|位居|位列|列|排名|排|名列|稳居|跃居|升至|跻身|居于|保持|排在|位于)"
    r"(?P<scope>全国|全省|全市|全区|世界|全球|中国|西部|中部|东部|东北|北方|南方|长江经济带|"
    r"[^,，。第前]{1,12}?)?"
    r"(?:第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?|前(?P<top>\d{1,3}|[一二两三四五六七八九十]{1,3})(?:位|名|强)?|"
    r"(?P<first>首位|榜首))"
)
RANK_MORE: Final = re.compile(
    r"[、,，和](?:[^,，。第前]{1,8}?)第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)"
)
TOP_N: Final = re.compile(r"(?:跻身|入围|进入)(?P<scope>[^,，。]{0,8}?)(?P<n>\d{2,4})强")
# a count of entities that entered a relative ranking ("13个区入围全国百强区")
RANKED_COUNT_AFTER: Final = re.compile(
    r"[^,，。\d]{0,8}?(?:入围|跻身|进入|入选|上榜)[^,，。]{0,12}?(?:强|榜)"
)
PLACES: Final = re.compile(
    r"(?:前移|上升|提升|前进|后移|下降)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:位|个位次)"
)
# statements of record, streak, first time or "first to": comparisons without a value
RECORD: Final = re.compile(
    r"创(?:历史)?新高|历史(?:最好|最高|新高|最优|之最)|创(?:造)?(?:了)?(?:历史)?纪录|首次|率先|"
    r"名列前茅|位居前列|走在前列|前列|第一方阵|[一二三四五六七八九十]+连(?:增|丰|涨|升|冠|胜)|"
    r"连续(?:\d+|[一二三四五六七八九十]{1,3})年(?:居|位居|保持|实现|稳居|增长|排名|高于|快于|领先|位列)|成为[^,，。第]{0,6}第[一二三四五六七八九十\d]+个|"
    r"超额完成|均超额|首位|领跑|第一梯队"
)


@dataclass(frozen=True, slots=True)
class Rank:
    start: int
    end: int
    value: float
    unit: str


def find_ranks(sentence: str) -> list[Rank]:
    """Ranks ("居全国第5位" -> 5, "位居全国前5位" -> 5, "居全国首位" -> 1), rank moves
    ("比上年前移2位" -> 2 places) and "top N" entries ("跻身世界500强" -> 500)."""
    out: list[Rank] = []
    for m in RANK.finditer(sentence):
        if m.group("first"):
            out.append(Rank(m.start(), m.end(), 1.0, "rank"))
            continue
        text = m.group("n") or m.group("top")
        n = float(text) if text.isdigit() else cn_number(text)
        if n is None:
            continue
        out.append(Rank(m.start(), m.end(), n, "rank"))
    for m in RANK_MORE.finditer(sentence):
        # "居全国第3位、西部第1位": a further rank in another scope
        if any(r.end == m.start() for r in out):
            text = m.group("n")
            n = float(text) if text.isdigit() else cn_number(text)
            if n is not None:
                out.append(Rank(m.start() + 1, m.end(), n, "rank"))
    for m in TOP_N.finditer(sentence):
        out.append(Rank(m.start(), m.end(), float(m.group("n")), "rank"))
    for m in PLACES.finditer(sentence):
        text = m.group("n")
        n = float(text) if text.isdigit() else cn_number(text)
        if n is not None:
            out.append(Rank(m.start(), m.end(), n, "places"))
    out.sort(key=lambda r: r.start)
    return out


def is_comparison(before: str, unit: str, subject: str, prev_growth: bool) -> bool:
    """Is a figure, with the clause text `before` it, a comparison rather than a figure?

    `subject` is the clause's indicator phrase; `prev_growth` says the figure just before it
    in the sentence was a growth rate (its change in points compares two growth rates).
    """
    if ENTITY_COMPARISON.search(before):
        return True
    m = PERIOD_COMPARISON.search(before)
    if m is None or unit not in ("percentage points", "places"):
        return False
    verb = m.group("verb")
    if verb in _ALWAYS_COMPARE_VERBS or GROWTH_SUBJECT.search(subject):
        return True
    if SHARE_SUBJECT.search(subject):
        return False
    return prev_growth
