"""The Chinese front end: from a document to Statements, one named stage at a time.

    reading        text.fold_text, text.iter_sentences, text.clause_bounds
    figures        figures.find_figures (numerals, scale words, units, ranges, ratios)
    time frame     timeframe.reference_date, timeframe.find_times, _Frame (carried context)
    kind           modality (target cues, frames), comparisons.is_comparison / find_ranks
    comparator     modality.comparator_for, _list_qualifier (分别 lists)
    indicator      indicators.clean_subject, indicators.resolve_indicator, indicators.region_in

The document is read one sentence at a time with a small carried context (the period the
text is talking about, the section's and the paragraph's frame, the deadline in force), so
memory stays bounded. Statements are the same records the English engine makes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from ...model import Comparator, Document, Statement, StatementKind, ValueType
from ..statements import make_statement, round_value
from .comparisons import RANKED_COUNT_AFTER, RECORD, find_ranks, is_comparison
from .figures import Figure, find_figures
from .indicators import (
    DECLINE_VERB,
    GROWTH_VERB,
    clean_subject,
    main_region_zh,
    region_in,
    resolve_indicator,
)
from .modality import (
    ESTIMATE_CUE,
    RESULT_FRAME,
    TARGET_CUE,
    TARGET_FRAME,
    comparator_for,
)
from .text import Span, clause_bounds, fold_text, is_heading, iter_sentences
from .timeframe import TimeWord, find_times, label_year, reference_date, with_year

# a comparison with no number: "增速高于全国水平", "增速快于城镇居民" (to the clause end)
_NULL_COMPARISON: Final = re.compile(
    r"(?<!不)(?:高于|低于|快于|慢于|好于|领先于?|超过(?=全国|全省|全市|同期|平均))[^,，。\d]{1,12}$"
)
_QUALIFIER_AFTER: Final = re.compile(r"\s?(?:左右|上下|以上|及以上|以内|以下)")
_SUBSET_BEFORE: Final = re.compile(r"中(?:有|共有)?$")
# a figure after a bound verb that follows a subset count is the threshold it was counted by
_THRESHOLD_VERB: Final = re.compile(r"(?:超过|突破|过|达到|以上)$")
_SO_FAR: Final = re.compile(r"以来|累计|已经|已|截至|截止|目前|当前")
_ANAPHOR: Final = re.compile(r"^(?:这一|这个|该|此|上述)(?:比重|比例|指标|占比|数字|规模|增速)?$")
_PLAN_COMPONENT: Final = re.compile(r"项目|工程|行动|任务|举措|政策|措施|文件|标准|会议|活动|条")


@dataclass
class _Frame:
    """What the text around a sentence is about, carried from sentence to sentence."""

    ref_year: int | None
    result_year: int | None  # the year a figure with no written time describes
    year: int | None = None  # the year last written
    period: str | None = None  # the period last named ("2022Q1")
    section_target: bool = False  # under a heading of goals ("2026年重点工作")
    section_year: int | None = None
    paragraph_target: bool = False  # after "主要预期目标是:" in this paragraph
    deadline: str | None = None  # "到2025年" in force in this paragraph


def _new_paragraph(folded: str, prev_end: int, start: int) -> bool:
    return "\n" in folded[prev_end:start]


def _apply_times(frame: _Frame, times: list[TimeWord], sentence: str) -> list[tuple[int, str, str]]:
    """Resolve the sentence's time words to (offset, role, full label), updating the frame."""
    out: list[tuple[int, str, str]] = []
    last_year_end, last_year = -10, None
    for t in times:
        if t.role == "from":
            out.append((t.start, "from", t.label))
            continue
        if t.role == "baseline":
            label = with_year(t.label, frame.year or frame.result_year)
            if label:
                out.append((t.start, "baseline", label))
            continue
        if t.label[:1].isdigit():
            y = label_year(t.label)
            if t.role == "period" and t.explicit_year and "/" not in t.label:
                frame.year = y
            elif t.role == "period" and not t.explicit_year and frame.year is None:
                frame.year = frame.result_year
                out.append((t.start, t.role, str(frame.result_year)))
                continue
            if t.role == "period" and not t.explicit_year and frame.year is not None:
                out.append((t.start, t.role, str(frame.year)))
                continue
            last_year_end, last_year = t.end, y
            out.append((t.start, t.role, t.label))
            if t.role in ("period", "span"):
                frame.period = t.label
            elif t.role == "deadline":
                frame.deadline = t.label
            continue
        # a sub-year period: the year written just before it, else the year in force
        year = last_year if t.start - last_year_end <= 1 else (frame.year or frame.result_year)
        label = with_year(t.label, year)
        if label:
            out.append((t.start, t.role, label))
            frame.period = label
    return out


_CHANGE_TO: Final = re.compile(
    r"调整为|调整到|提高到|提高至|上升到|上升至|下降到|降至|升至|增加到|变为|提升到|提升至"
)


def _time_for(
    times: list[tuple[int, str, str]], pos: int, clause: tuple[int, int], sentence: str = ""
) -> tuple[str, str] | None:
    """The period or deadline a figure at `pos` falls under: the last one before it in the
    sentence, else one later in its own clause. A "from" time ("由上年的…") stops applying
    after the change verb ("…调整为…")."""
    before = [
        (r, lab)
        for s, r, lab in times
        if s < pos and r != "baseline" and not (r == "from" and _CHANGE_TO.search(sentence, s, pos))
    ]
    if before:
        return before[-1]
    after = [
        (r, lab)
        for s, r, lab in times
        if clause[0] <= s < clause[1] and r not in ("baseline", "from")
    ]
    return after[0] if after else None


def _clause_of(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(bounds):
        if a <= pos < b:
            return i
    return len(bounds) - 1


def _list_qualifier(sentence: str, figures: list[Figure], clause_of: list[int]) -> dict[int, str]:
    """分别 lists: one qualifier after the last figure governs every figure of the list."""
    out: dict[int, str] = {}
    by_clause: dict[int, list[int]] = {}
    for i, c in enumerate(clause_of):
        by_clause.setdefault(c, []).append(i)
    for idx in by_clause.values():
        if len(idx) < 2:
            continue
        first = figures[idx[0]]
        if "分别" not in sentence[max(0, first.start - 12) : first.start]:
            continue
        last = figures[idx[-1]]
        m = _QUALIFIER_AFTER.match(sentence, last.end)
        if m:
            for i in idx:
                out[i] = m.group(0).strip()
    return out


def _split_subject(subject: str, n: int, k: int) -> str:
    """ "城镇和农村居民人均可支配收入" with two figures: the k-th coordinated subject
    ("城镇居民人均可支配收入", "农村居民人均可支配收入"); the short first part shares the
    head of the second."""
    m = re.match(r"^(.{1,4}?)(?:和|、|及|与)(.+)$", subject)
    if n != 2 or m is None or len(m.group(2)) <= len(m.group(1)):
        return subject
    left, right = m.group(1), m.group(2)
    return right if k == 1 else left + right[len(left) :]


class _Extractor:
    def __init__(self, doc: Document, resolve: Callable[[str], str | None] | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.folded = fold_text(doc.text)
        ref = reference_date(doc.date, self.folded)
        self.ref = ref
        ref_year = ref.year if ref else None
        # in January and February a text reports the year just ended
        result_year = (ref_year - 1 if ref and ref.month <= 2 else ref_year) if ref_year else None
        self.frame = _Frame(ref_year=ref_year, result_year=result_year)
        self.region_id = doc.region_id or main_region_zh(doc.title, self.folded)
        self.resolve = resolve
        self.last_phrase = ""  # the indicator phrase of the last figure (for 这一比重)

    # -- kind -----------------------------------------------------------------------------
    def _is_target(self, sentence: str, pos: int, time: tuple[str, str] | None) -> bool:
        f = self.frame
        year = label_year(time[1]) if time else None
        head = sentence[:pos]
        if ESTIMATE_CUE.search(head) and not TARGET_CUE.search(head):
            return year is not None and f.result_year is not None and year > f.result_year
        if time and time[0] == "deadline":
            return year is None or f.ref_year is None or year >= f.ref_year
        if TARGET_CUE.search(head):
            return True
        if year is not None and f.ref_year is not None and year > f.ref_year:
            return True
        if (
            time is not None
            and self.ref is not None
            and time[1] == str(self.ref.year)
            and self.ref.month < 12
            and f.result_year == f.ref_year
            and not _SO_FAR.search(head)
        ):
            return True  # a figure for the whole of a year not yet over: "今年…增长5%以上"
        if f.paragraph_target or f.section_target:
            # a year written before the reference year is a result even under goals
            return year is None or f.ref_year is None or year >= f.ref_year
        return False

    # -- stages ---------------------------------------------------------------------------
    def statements(self) -> Iterator[Statement]:
        prev_end = 0
        for sent in iter_sentences(self.folded):
            if _new_paragraph(self.folded, prev_end, sent.start):
                self.frame.paragraph_target = False
                self.frame.deadline = None
            prev_end = sent.end
            yield from self._sentence(sent)

    def _sentence(self, sent: Span) -> Iterator[Statement]:
        f = self.frame
        s = sent.text
        heading = is_heading(sent, self.folded)
        times = _apply_times(f, find_times(s, f.ref_year, f.year or f.result_year), s)
        figures = find_figures(s)
        if heading and not figures:
            if TARGET_FRAME.search(s):
                f.section_target = True
                years = [label_year(lab) for _, r, lab in times]
                f.section_year = next((y for y in years if y), None)
            elif RESULT_FRAME.search(s):
                f.section_target = False
                f.section_year = None
        frame_at = -1
        m = TARGET_FRAME.search(s)
        if m and not heading:
            frame_at = m.start()
        bounds = clause_bounds(s)
        ranks = find_ranks(s)
        figures = [fg for fg in figures if not any(r.start <= fg.start < r.end for r in ranks)]
        clause_idx = [_clause_of(bounds, fg.start) for fg in figures]
        qualifiers = _list_qualifier(s, figures, clause_idx)
        subjects: dict[int, str] = {}
        prev_growth = False
        comparison_subjects: dict[int, str] = {}  # the subject a comparison clause qualifies
        out: list[Statement] = []
        verbs: dict[int, tuple[bool, bool]] = {}  # (grows, declines) of a clause's figures
        for i, fg in enumerate(figures):
            c = clause_idx[i]
            cs, ce = bounds[c]
            before = s[cs : fg.start]
            # a second figure of the clause reads its own words only ("…亿元、增长5.6%")
            local = before
            if i > 0 and clause_idx[i - 1] == c:
                local = s[figures[i - 1].end : fg.start]
            subject = clean_subject(local)
            inherited = False
            if not subject:
                # the subject of this clause, else of the nearest clause before it that has one
                subject = subjects.get(c, "") or next(
                    (subjects[k] for k in range(c - 1, -1, -1) if subjects.get(k)), ""
                )
                inherited = True
            elif local is before:
                subjects[c] = subject
            subjects.setdefault(c, subject)
            time = _time_for(times, fg.start, (cs, ce), s)
            if frame_at >= 0 and fg.start > frame_at:
                f.paragraph_target = True
            grows = bool(GROWTH_VERB.search(local[-8:])) and fg.unit == "percent"
            declines = bool(DECLINE_VERB.search(local[-8:]))
            if inherited and "分别" in before and c in verbs and not (grows or declines):
                grows, declines = verbs[c]  # "分别增长8%和8.5%": one verb for the list
            verbs.setdefault(c, (grows, declines))
            if inherited and comparison_subjects.get(c - 1):
                subject = comparison_subjects[c - 1]
            if is_comparison(before, fg.unit, subject, prev_growth) or (
                fg.unit == "count" and RANKED_COUNT_AFTER.match(s, fg.end)
            ):
                kind = StatementKind.COMPARISON
            elif self._is_target(s, fg.start, time):
                kind = StatementKind.TARGET
            else:
                kind = StatementKind.RESULT
            if kind is StatementKind.COMPARISON:
                # "增长5.4%,比全国高0.1个百分点,比去年同期提高1.2个百分点": each
                # comparison qualifies the growth figure before it
                subject = subjects.get(c - 1, subject) if not inherited else subject
                comparison_subjects[c] = subject
            if self._threshold(s, fg, figures, i, clause_idx):
                continue
            if self._drop(s, fg, kind, figures, c, clause_idx, ce):
                prev_growth = grows or declines
                continue
            period = self._period(kind, time)
            comparator = None
            value_type = None
            if kind is StatementKind.TARGET:
                q = qualifiers.get(i)
                after = q if q else s[fg.end : fg.end + 4]
                comparator = comparator_for(before, after, range_role=fg.range_role)
                if grows and not re.search(r"比(?:19|20)\d\d年", before):
                    value_type = ValueType.GROWTH_RATE
                elif declines or re.search(r"比(?:19|20)\d\d年", before):
                    value_type = ValueType.CHANGE
                else:
                    value_type = ValueType.LEVEL
            if _ANAPHOR.match(subject) and self.last_phrase:
                # "这一比重将达到56.8%": the indicator named last
                subject = self.last_phrase.removesuffix("增长").removesuffix("下降")
            n_in_clause = clause_idx.count(c)
            k_in_clause = clause_idx[: i + 1].count(c) - 1
            phrase = (
                _split_subject(subject, n_in_clause, k_in_clause) if "分别" in before else subject
            )
            if grows and fg.unit == "percent":
                phrase += "增长"
            elif declines:
                phrase += "下降"
            if fg.range_role == "high" and out and out[-1].value is not None:
                phrase = out[-1].indicator  # "增长7.5%-8%": the high end of the same range
                value_type = out[-1].value_type
            out.append(
                self._make(
                    kind,
                    sent,
                    cs,
                    fg.start,
                    fg.end,
                    phrase,
                    fg.value,
                    fg.unit,
                    comparator,
                    period,
                    value_type,
                    inherited,
                    baseline=_baseline(times, cs, fg.start),
                )
            )
            if kind is not StatementKind.COMPARISON:
                prev_growth = grows or declines
                self.last_phrase = phrase
        for r in ranks:
            c = _clause_of(bounds, r.start)
            cs, _ = bounds[c]
            subject = clean_subject(s[cs : r.start]) or subjects.get(c - 1, "")
            time = _time_for(times, r.start, bounds[c])
            out.append(
                self._make(
                    StatementKind.COMPARISON,
                    sent,
                    cs,
                    r.start,
                    r.end,
                    subject + "排名",
                    r.value,
                    r.unit,
                    None,
                    self._period(StatementKind.COMPARISON, time),
                    None,
                    False,
                )
            )
        for c, (cs, ce) in enumerate(bounds):
            clause = s[cs:ce]
            has_value = any(clause_idx[i] == c for i in range(len(figures))) or any(
                cs <= r.start < ce for r in ranks
            )
            m = RECORD.search(clause) or (None if has_value else _NULL_COMPARISON.search(clause))
            if m is None or (has_value and not RECORD.search(clause)):
                continue
            if any(cs <= r.start < ce for r in ranks):
                continue  # "连续35年居全国首位": the rank is the statement, not the streak
            if self._is_target(s, cs + m.start(), _time_for(times, cs + m.start(), (cs, ce), s)):
                continue  # "率先实现…", "走在前列" in a plan: an aspiration, not a comparison
            time = _time_for(times, cs + m.start(), (cs, ce))
            subject = clean_subject(clause[: m.start()]) or self.last_phrase
            out.append(
                self._make(
                    StatementKind.COMPARISON,
                    sent,
                    cs,
                    cs + m.start(),
                    ce,
                    subject,
                    None,
                    None,
                    None,
                    self._period(StatementKind.COMPARISON, time),
                    None,
                    False,
                    quote_from_clause=True,
                )
            )
        out.sort(key=lambda st: (st.start, st.end))
        yield from out

    def _threshold(
        self, s: str, fg: Figure, figures: list[Figure], i: int, clause_idx: list[int]
    ) -> bool:
        """ "13市中4市的GDP总量超过5000亿元": after a subset count the bound is a threshold."""
        if fg.unit in ("count", "units") or not _THRESHOLD_VERB.search(s, 0, fg.start):
            return False
        return any(
            clause_idx[k] == clause_idx[i]
            and figures[k].unit == "count"
            and _SUBSET_BEFORE.search(s, 0, figures[k].start)
            for k in range(i)
        )

    def _drop(
        self,
        s: str,
        fg: Figure,
        kind: StatementKind,
        figures: list[Figure],
        c: int,
        clause_idx: list[int],
        ce: int,
    ) -> bool:
        """Counts that only scope another figure, or count plan components of a target."""
        if fg.unit not in ("count", "units"):
            return False
        rest = s[fg.end : ce]
        if rest.rstrip().endswith("中"):
            return True  # "19个重点监测的工业行业中": the scope of the next clause
        if _SUBSET_BEFORE.search(s, 0, fg.start):
            return False  # "21个市中有9个市…超过3000亿元": the count is the statement
        later = [
            g for g, ci in zip(figures, clause_idx, strict=True) if ci == c and g.start > fg.start
        ]
        if any(g.unit not in ("count", "units") for g in later):
            return True  # "810个项目完成投资…亿元": only the investment is a statement
        # a target's count of projects or measures is a plan component, not a quantity
        return kind is StatementKind.TARGET and bool(
            _PLAN_COMPONENT.search(s[fg.end : fg.end + 16])
        )

    def _period(self, kind: StatementKind, time: tuple[str, str] | None) -> str | None:
        f = self.frame
        if kind is StatementKind.TARGET:
            if time and time[0] == "deadline":
                return time[1]
            if f.deadline:
                return f.deadline
            if time:
                return time[1]
            if f.section_year:
                return str(f.section_year)
            return str(f.ref_year) if (f.paragraph_target and f.ref_year) else None
        if time:
            return time[1]
        if f.period:
            return f.period
        if f.section_year:
            return str(f.section_year)
        return str(f.result_year) if f.result_year else None

    def _make(
        self,
        kind: StatementKind,
        sent: Span,
        cs: int,
        fs: int,
        fe: int,
        phrase: str,
        value: float | None,
        unit: str | None,
        comparator: Comparator | None,
        period: str | None,
        value_type: ValueType | None,
        inherited: bool,
        baseline: str | None = None,
        quote_from_clause: bool = False,
    ) -> Statement:
        s = sent.text
        q = _QUALIFIER_AFTER.match(s, fe)
        end = q.end() if q and not quote_from_clause else fe
        start = cs
        while start < fs and s[start] in " \t、,，:：":
            start += 1
        if fs - start > 60:
            start = fs - 60
        a, b = sent.start + start, sent.start + end
        region = region_in(s[start:fs]) or region_in(phrase) or self.region_id
        confidence = 0.6 if inherited else 0.8
        # a bare verb ("增长") names nothing: no catalog guess for it
        named = len(phrase) > 2
        ind_id = resolve_indicator(phrase) if named else None
        if ind_id is None and self.resolve is not None and named:
            ind_id = self.resolve(phrase)
        return make_statement(
            kind=kind, quote=self.text[a:b], start=a, end=b, indicator=phrase,
            indicator_id=ind_id, value=round_value(value) if value is not None else None,
            unit=unit, comparator=comparator, period=period, baseline_period=baseline,
            value_type=value_type, region_id=region, confidence=confidence,
            document_id=self.doc.id,
        )  # fmt: skip


def _baseline(times: list[tuple[int, str, str]], cs: int, pos: int) -> str | None:
    base = [lab for s, r, lab in times if r == "baseline" and cs <= s < pos]
    return base[-1] if base else None


def iter_statements_zh(
    doc: Document, resolve: Callable[[str], str | None] | None = None
) -> Iterator[Statement]:
    """Statements of a Chinese document as they are found (see the module docstring)."""
    return _Extractor(doc, resolve).statements()
