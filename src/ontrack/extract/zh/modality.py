"""Kind and comparator of a Chinese figure: is it a target or a result, and which bound.

Targets are told by modality (力争, 目标, 预期, 确保, 计划, 将), by a deadline ahead of the
document, or by the section they stand in ("主要预期目标是:", a heading "2026年重点工作").
"预计" speaks of the future only when its period has not ended at the reference date
("预计全年…增长2%左右" in a January work report is the result of the year just ended).
"""

from __future__ import annotations

import re
from typing import Final

from ...model import Comparator

TARGET_CUE: Final = re.compile(
    r"力争|争取|确保|目标|控制在|预期|计划到|规划到|要达到|将达到|将(?:突破|超过|达|实现|提高|提升|"
    r"控制|降低|下降|增长|建成|新增|形成|培育|打造)|力求|努力(?:实现|达到|保持)|奋斗|拟|"
    r"(?<!增加|提高|上升|下降|增长|扩大|减少)到(?:19|20)\d\d年(?!的)|(?:19|20)\d\d年前|[十][一二三四五六七八九]?五[”\"]?末|今后|未来[一二三四五六七八九十\d]+年"
)
ESTIMATE_CUE: Final = re.compile(r"预计|预测|有望")
# a clause that reports what happened, even inside a plan's paragraph
RESULT_CUE: Final = re.compile(
    r"同比|已经|已(?!经)|完成了|实现了|累计完成|比上年(?:同期)?(?:增长|下降)"
)
# a paragraph or heading that introduces goals, or reviews the past
TARGET_FRAME: Final = re.compile(
    r"(?:主要|预期|发展|工作|奋斗|总体)目标(?:是|为|任务)?[:：]?|重点工作|重点任务|工作安排|工作部署|"
    r"目标任务是|主要预期目标|预期目标"
)
RESULT_FRAME: Final = re.compile(
    r"工作回顾|回顾|过去一年|过去五年|刚刚过去|成绩单|主要成就|运行情况"
)


def comparator_for(before: str, after: str, *, range_role: str = "") -> Comparator:
    """The bound a target sets, from the words just before and just after its figure."""
    if range_role == "low":
        return Comparator.GE
    if range_role == "high":
        return Comparator.LE
    if re.match(r"\s?(?:左右|上下)", after) or re.search(r"(?:约|大约|近)$", before):
        return Comparator.APPROX  # 左右 wins over 控制在 ("控制在3.5%左右")
    if re.match(r"\s?(?:以上|及以上)", after) or re.search(
        r"(?:不低于|不少于|至少|达到以上|迈上|不小于)[^,，。]{0,4}$", before
    ):
        return Comparator.GE
    if re.match(r"\s?(?:以内|以下)", after) or re.search(
        r"(?:控制在|不超过|不高于|不多于|(?<!不)低于|(?<!不)少于|以内)[^,，。]{0,4}$", before
    ):
        return Comparator.LE
    if re.search(r"(?:超过|突破|超|高于|多于|过)$", before):
        return Comparator.GT
    return Comparator.EQ
