"""What a Chinese figure measures, and where: the indicator phrase, its catalog id, the region.

The phrase is the clause's subject: the words before the predicate, without the time words,
place words and adverbs that open a clause ("一季度，全省…"). A clause that starts with its
predicate ("，增长5.5%") inherits the subject of the clause before it. The catalog id comes
from the Chinese aliases in the bundled catalog: the longest alias the phrase contains, else
the best word overlap of the phrase and an alias cut into words by jieba.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from ...catalog import default_catalog

# the predicate before a figure, read backwards from the figure
PREDICATE: Final = re.compile(
    r"(?:(?:比|较)(?:上年末|上年底|去年末|去年底|上年|去年|上年同期|去年同期|同期|(?:19|20)\d\d年(?:末|底)?|"
    r"[一二三四]季度|上半年|上月)|同比|"
    r"按(?:不变价|可比价)(?:格)?(?:计算|核算)|分别|累计|预计|力争|争取|确保|全年|年均|平均|"
    r"增长|增加|提高|提升|上升|上涨|下降|降低|减少|下滑|回落|回升|加快|放缓|收窄|扩大|"
    r"达到|达|到达|为|是|实现|完成|突破|超过|超|过|控制在|保持在|保持|稳定在|占|约|近|接近|到|至|"
    r"新增|建成|开行|生产|增|降|涨|了|在|以上|左右|和|、|及|与|将|[\s\d.%]|个百分点|亿元|万元|"
    r"的?(?:主要|预期|发展)?目标(?:是|为)?|调整为|由|(?:从|到)(?:19|20)\d\d年的|在(?:19|20)\d\d年(?:的)?基础上|翻一番|翻两番)+$"
)
GROWTH_VERB: Final = re.compile(r"(?:增长|增加|上涨|增|涨|提高|提升|上升)(?!到|至)[^到至]{0,4}$")
DECLINE_VERB: Final = re.compile(r"(?:下降|降低|减少|下滑|降)(?!到|至|为)[^到至]{0,4}$")
# words that open a clause without being part of what is measured
_OPENERS: Final = re.compile(
    r"^(?:其中|同时|此外|另外|总体看|总的来看|初步核算|据[^,，]{0,12}?(?:核算|统计|测算)|"
    r"根据[^,，]{0,20}?(?:结果|数据)|从[^,，]{1,10}看|分[^,，]{1,6}看|"
    r"全省|全市|全区|全县|全州|全国|我省|我市|我区|我国|本省|本市|今年以来|年内|"
    r"\d{4}年(?:底|末)?|(?:今年|去年|上年|当年|全年)|(?:第?[一二三四]季度|上半年|下半年|前三季度)|"
    r"\d{1,2}(?:-|至)\d{1,2}月|\d{1,2}月(?:份|末|底)?|"
    r"到(?:\d{4}年)?(?:底|末)?|截至(?:\d{4}年)?\d{0,2}月?(?:底|末)?|"
    r"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期间|时期|末)?|"
    r"力争|争取|确保|预计|努力|将|要|目前|当前|截至目前|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})年(?:来|以来)|近(?:\d{1,2}|[一二三四五六七八九十]{1,3})年|\s|的)+"
)


# words jieba's bundled dictionary cuts apart but statistics keeps whole
_STAT_WORDS: Final = (
    "占比",
    "清洁能源",
    "新能源",
    "可再生能源",
    "非化石能源",
    "规模以上",
    "增加值",
)
_FOLD_WORDS: Final = ((re.compile(r"比重|比例|份额"), "占比"), (re.compile(r"增速|增幅"), "增长"))


@lru_cache(maxsize=1)
def _tokenizer() -> object:
    """A private jieba tokenizer (its own dictionary additions, cache in a temp dir, quiet)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.mkdtemp(prefix="ontrack-jieba-")  # never the user's home or cwd
    tk.cache_file = os.path.join(tk.tmp_dir, "jieba.cache")
    for w in _STAT_WORDS:
        tk.add_word(w)
    return tk


@lru_cache(maxsize=8192)
def words(phrase: str) -> frozenset[str]:
    """The content words of a Chinese phrase (jieba, precise mode, no HMM), with the
    spellings of one idea folded (比重 = 比例 = 占比, 增速 = 增长)."""
    for pattern, repl in _FOLD_WORDS:
        phrase = pattern.sub(repl, phrase)
    cut: Callable[..., list[str]] = _tokenizer().lcut  # type: ignore[attr-defined]
    return frozenset(w for w in cut(phrase, HMM=False) if len(w) > 1 or w == "率")


_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[str, str], ...]:
    """(Chinese alias, indicator id), longest first."""
    pairs = []
    for ind in default_catalog().indicators():
        for alias in ind.aliases:
            if _CJK.search(alias):
                pairs.append((alias, ind.id))
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple(pairs)


_MODIFIERS: Final = ("人均", "单位", "万元", "每万人", "亿元")


def _phrase_kind(phrase: str) -> tuple[bool, bool]:
    """(is about growth, is about a share): an alias must agree with the phrase on both."""
    return bool(re.search(r"增长|增速|增幅", phrase)), bool(
        re.search(r"占比|比重|比例|份额", phrase)
    )


@lru_cache(maxsize=8192)
def resolve_indicator(phrase: str) -> str | None:
    """The catalog id a Chinese phrase names, or None.

    A growth phrase ("…增长") only takes an alias that is itself about growth, and a level
    phrase only a level alias, so "地区生产总值" and "地区生产总值增长" stay apart.
    """
    if not phrase:
        return None
    kind = _phrase_kind(phrase)
    for alias, ind_id in _aliases():
        # the head of a Chinese noun phrase is its end: "单位地区生产总值能耗" is not GDP,
        # and "人均"/"单位" before the alias make it another measure
        if (
            phrase.endswith(alias)
            and _phrase_kind(alias) == kind
            and not phrase[: len(phrase) - len(alias)].endswith(_MODIFIERS)
        ):
            return ind_id
    target = words(phrase)
    best, best_score = None, 0.0
    for alias, ind_id in _aliases():
        if _phrase_kind(alias) != kind:
            continue
        aw = words(alias)
        score = 2 * len(target & aw) / (len(target) + len(aw)) if target and aw else 0.0
        if score > best_score:
            best, best_score = ind_id, score
    return best if best_score >= 0.75 else None


def clean_subject(text: str) -> str:
    """The subject of a clause's text before its figure: openers and predicate removed."""
    s = _OPENERS.sub("", text)
    s = PREDICATE.sub("", s)
    s = re.sub(r"^[、,，:：\s]+|[、,，:：\s(（]+$", "", s)
    return s


@lru_cache(maxsize=1)
def _region_names() -> tuple[tuple[str, str], ...]:
    names = [(n, r) for n, r in default_catalog().text_names() if _CJK.search(n)]
    names.sort(key=lambda p: -len(p[0]))
    return tuple(names)


_TIME_OPENER: Final = re.compile(
    r"^(?:\d{4}年(?:底|末)?|今年|去年|上年|全年|当年|第?[一二三四]季度|上半年|下半年|前三季度|"
    r"\d{1,2}(?:-|至)\d{1,2}月|\d{1,2}月(?:份|末|底)?|以来|\s)+"
)


@lru_cache(maxsize=8192)
def region_in(text: str) -> str | None:
    """The region a Chinese phrase names at its start ("全国" -> CN, "江西省" -> CN-JX),
    after any time words ("2023年全国…")."""
    text = _TIME_OPENER.sub("", text)
    if text.startswith(("全国", "我国")):
        return "CN"
    m = _region_pattern().match(text)
    return _region_ids()[m.group(0)] if m else None


@lru_cache(maxsize=1)
def _region_ids() -> dict[str, str]:
    return dict(_region_names())


@lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n, _ in _region_names()))


def main_region_zh(title: str, text: str) -> str | None:
    """The province a Chinese text is about: the one its title, else its body, names most
    (the whole country only when no province is named)."""
    ids = _region_ids()
    for part in (title, text[:20000]):
        counts = Counter(ids[m.group(0)] for m in _region_pattern().finditer(part))
        provinces = [(n, r) for r, n in counts.most_common() if r != "CN"]
        if provinces:
            return provinces[0][1]
    return None
