"""Time in Chinese text: the reference date of a document and the periods its clauses name.

A clause can name the period a figure measures ("一季度", "上半年", "2015年", "去年"), a
deadline ("到2025年", "“十四五”末", "今年"), a span ("过去五年", "“十四五”时期") or a
baseline ("比上年", "比2020年", "较一季度"). Baselines never become a figure's period.
Relative words are resolved against the document's reference year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from .figures import cn_number

_FULL_DATE: Final = re.compile(r"((?:19|20)\d\d)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
_ISO_DATE: Final = re.compile(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")


def reference_date(doc_date: date | None, text: str) -> date | None:
    """The publication date, or the first full date written near the start of the text."""
    if doc_date is not None:
        return doc_date
    head = text[:3000]
    for pattern in (_FULL_DATE, _ISO_DATE):
        m = pattern.search(head)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", head)]
    return date(max(years), 12, 31) if years else None


def plan_years(number: int) -> tuple[int, int]:
    """The years of the N-th five-year plan (from the third on: 十四五 = 2021-2025)."""
    start = 2006 + 5 * (number - 11)
    return start, start + 4


@dataclass(frozen=True, slots=True)
class TimeWord:
    start: int  # offsets in the sentence
    end: int
    role: str  # "period" (what is measured), "deadline", "span", "baseline"
    label: str  # a period label of ontrack.periods ("2023", "2023Q1", "2021/2025")
    explicit_year: bool  # the year is written, not inherited


_PLAN: Final = re.compile(
    r"[“\"]?(?P<n>十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)五[”\"]?"
    r"(?:规划)?(?P<tail>期间|时期|以来|末期?|初|头两年|前|中期)?"
)
_YEAR_WORD: Final = re.compile(
    r"(?P<lead>到|至|截至|截止|截止到|截至到|在|从)?(?P<y>(?:19|20)\d\d)\s?年"
    r"(?P<tail>底|末|年底|年末|前|以前|以后|后)?"
)
_REL_YEAR: Final = re.compile(
    r"(?P<lead>比|较|同|于|由|到|至)?(?P<w>今年|本年|当年|全年|明年|去年|上年|上一年|前年|目前|当前|截至目前)"
    r"(?P<tail>同期|度|年底|年末|底|末)?"
)
_SUB_YEAR: Final = re.compile(
    r"(?P<lead>比|较|同|于)?(?:第?(?P<q>[一二三四1-4])季度|(?P<h>上|下)半年|前三季度|"
    r"(?P<m1>\d{1,2}|[一二三四五六七八九十]{1,2})\s?(?:-|至|~|到|—)\s?"
    r"(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?|(?P<mo>\d{1,2})月(?:份)?(?!\d{0,2}日))"
    r"(?P<tail>末|底|同期)?"
)
_SPAN: Final = re.compile(
    r"(?P<w>过去|近|今后|未来|前)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})年(?P<tail>内|来|间|中)?"
)


def _month(text: str) -> int | None:
    n = int(text) if text.isdigit() else cn_number(text)
    return int(n) if n is not None and 1 <= n <= 12 else None


def find_times(sentence: str, ref_year: int | None, text_year: int | None = None) -> list[TimeWord]:
    """Every time expression of a sentence, in order; sub-year periods carry no year yet
    (label "Qn", "Hn", "M1-M2" with year filled in by `with_year`).

    去年 and 明年 count from the reference year; 上年 and 当年 from `text_year`, the year the
    text is reporting (a January communiqué's 上年 is the year before the one it reports).
    A time introduced by 由 ("由上年的…调整为…") has the role "from"."""
    out: list[TimeWord] = []
    for m in _PLAN.finditer(sentence):
        n = cn_number(m.group("n"))
        if n is None or n < 3:
            continue
        a, b = plan_years(int(n))
        tail = m.group("tail") or ""
        if tail.startswith("末") or tail == "前":
            out.append(TimeWord(m.start(), m.end(), "deadline", f"{b}-12-31", True))
        elif tail:
            out.append(TimeWord(m.start(), m.end(), "span", f"{a}/{b}", True))
        elif sentence[m.end() : m.end() + 1] in ("", "”"):
            continue
    for m in _YEAR_WORD.finditer(sentence):
        y = m.group("y")
        lead, tail = m.group("lead") or "", m.group("tail") or ""
        before = sentence[max(0, m.start() - 1) : m.start()]
        if re.match(r"(?:的)?(?:基础上|水平上|基数上)", sentence[m.end() : m.end() + 4]):
            role = "baseline"  # "在2020年基础上翻一番"
        elif before in ("比", "较", "于") or sentence[m.end() : m.end() + 1] in ("比",):
            role = "baseline" if before in ("比", "较", "于") else "period"
        elif lead == "从":
            role = "from"  # "从2015年的7.3万亿元增加到…"
        elif lead in ("到", "至") and sentence[m.end() : m.end() + 1] == "的":
            role = "period"  # "增加到2020年的11.1万亿元": the end of a change, not a deadline
        elif lead in ("到", "至") or tail in ("前", "以前"):
            role = "deadline"
        else:
            role = "period"
        if sentence[m.end() : m.end() + 2] in ("-2", "--") or re.match(
            r"\s?[-—]{1,2}\s?\d{4}", sentence[m.end() :]
        ):
            continue  # a year range in a plan name
        label = f"{y}-12-31" if tail in ("底", "末", "年底", "年末") else y
        out.append(TimeWord(m.start(), m.end(), role, label, True))
    for m in _REL_YEAR.finditer(sentence):
        if ref_year is None:
            continue
        w, lead, tail = m.group("w"), m.group("lead") or "", m.group("tail") or ""
        offset = {"今年": 0, "本年": 0, "当年": 0, "全年": 0, "明年": 1, "去年": -1, "上年": -1,
                  "上一年": -1, "前年": -2, "目前": 0, "当前": 0, "截至目前": 0}[w]  # fmt: skip
        base = text_year if text_year is not None and w in ("上年", "上一年", "当年") else ref_year
        if lead in ("比", "较", "同", "于") or tail == "同期":
            out.append(TimeWord(m.start(), m.end(), "baseline", str(base + offset), False))
            continue
        if lead == "由":
            out.append(TimeWord(m.start(), m.end(), "from", str(base + offset), True))
            continue
        role = "deadline" if offset > 0 or lead in ("到", "至") else "period"
        # 全年 and 当年 name the year of the text around them, not necessarily the report's
        explicit = w not in ("全年", "当年")
        label = str(base + offset)
        if tail in ("年底", "年末", "底", "末"):
            label += "-12-31"
        out.append(TimeWord(m.start(), m.end(), role, label, explicit))
    for m in _SUB_YEAR.finditer(sentence):
        lead, tail = m.group("lead") or "", m.group("tail") or ""
        if m.group("q"):
            q = m.group("q")
            label = "Q" + (q if q.isdigit() else str(int(cn_number(q) or 1)))
        elif m.group("h"):
            label = "H1" if m.group("h") == "上" else "H2"
        elif m.group("m1"):
            first, last = _month(m.group("m1")), _month(m.group("m2"))
            if first is None or last is None or last < first:
                continue
            label = f"M{first}-{last}"
        elif m.group("mo"):
            mo = _month(m.group("mo"))
            if mo is None:
                continue
            label = f"M{mo}-{mo}" if tail not in ("末", "底") else f"E{mo}"
        else:
            label = "M1-9"
        role = "baseline" if lead in ("比", "较", "同", "于") or tail == "同期" else "period"
        out.append(TimeWord(m.start(), m.end(), role, label, False))
    for m in _SPAN.finditer(sentence):
        if ref_year is None:
            continue
        n_text = m.group("n")
        n = int(n_text) if n_text.isdigit() else int(cn_number(n_text) or 0)
        if not 1 <= n <= 30:
            continue
        if m.group("w") in ("过去", "近", "前"):
            if m.group("w") == "前" and m.group("tail") is None:
                continue
            label = str(ref_year - 1) if n == 1 else f"{ref_year - n}/{ref_year - 1}"
            out.append(TimeWord(m.start(), m.end(), "span", label, True))
        else:
            out.append(TimeWord(m.start(), m.end(), "deadline", f"{ref_year}/{ref_year + n}", True))
    out.sort(key=lambda t: t.start)
    return out


def with_year(label: str, year: int | None) -> str | None:
    """A period label with the year filled in: ("Q1", 2024) -> "2024Q1"."""
    if label[:1].isdigit():
        return label
    if year is None:
        return None
    if label.startswith("Q"):
        return f"{year}{label}"
    if label == "H1":
        return f"{year}-01/{year}-06"
    if label == "H2":
        return f"{year}-07/{year}-12"
    if label.startswith("E"):
        import calendar

        mo = int(label[1:])
        return f"{year}-{mo:02d}-{calendar.monthrange(year, mo)[1]:02d}"
    if label.startswith("M"):
        a, b = (int(x) for x in label[1:].split("-"))
        return f"{year}-{a:02d}" if a == b else f"{year}-{a:02d}/{year}-{b:02d}"
    return None


def label_year(label: str | None) -> int | None:
    """The last year a label names ("2021/2025" -> 2025)."""
    if not label:
        return None
    years = re.findall(r"(?:19|20)\d\d", label)
    return int(years[-1]) if years else None
