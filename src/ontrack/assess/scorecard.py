"""Scorecard: every statement of a region with a verdict, a status or a probability.

This module joins the store's statements, links and observations with the pure functions
of progress.py, verify.py and the vectorized forecast, at a given as-of date. An
observation counts as known at `as_of` from its release date: the `released` column when
the data give it, else an ISO date written in its vintage, else the end of its period
plus a publication lag (RELEASE_LAG_DAYS, a documented approximation).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from ..catalog import Catalog, Link, humanise_id, link_statement
from ..errors import OntrackError, PeriodError, UnitError
from ..model import Comparator, Document, Statement, StatementKind, Status, ValueType
from ..periods import Period, parse_period
from ..releases import vintage_date
from ..units import parse_unit
from .calibration import Calibration, calibrate
from .counts import count_verdict, parse_count_claim, rank_total, values_in, with_rank_total
from .progress import (
    Point,
    TargetSpec,
    _fmt,
    approx_tolerance,
    growth_floor,
    target_status,
)
from .story import (
    MODEL_NAMES,
    agreement_note,
    forecast_band,
    probability_sentence,
)
from .verify import parse_comparison, verify_rank, verify_result, verify_streak
from .wording import statement_words

if TYPE_CHECKING:
    from ..store import Store

RELEASE_LAG_DAYS = {"A": 30, "MY": 60, "Q": 25, "YTD": 25, "M": 30, "D": 30}
_ISO_DATE = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
NEIGHBOUR_CHARS = 300  # how far back a comparison looks for the figure it qualifies
MAX_GRID = 60  # forecast history kept per series (grid steps)
# Fewer official points give no trend to extrapolate: one point's forecast is its own
# value with a spread so wide (10 to 90 for a 50% share) that its probability says nothing.
MIN_FORECAST_OBSERVATIONS = 3

# What kinds of indicator could measure a qualitative aim, by the aim's words. General
# vocabulary of development plans; each maps to catalog indicator ids.
GOAL_INDICATORS: list[tuple[str, tuple[str, ...]]] = [
    (
        r"innovat|technolog|research|laborator|science|r&d|integrated-circuit|high-end equipment",
        (
            "rd_expenditure_share_of_gdp",
            "hightech_enterprises",
            "tech_smes",
            "invention_patents_per_10k",
        ),
    ),
    (
        r"manufactur|industr|cluster|equipment",
        ("above_scale_industrial_va_growth", "secondary_industry_va_real_growth_yoy"),
    ),
    (r"agricultur|farm|grain|rural", ("primary_industry_va_real_growth_yoy", "grain_output")),
    (r"touris|\bcultur|\bsport", ("tourism_revenue", "tertiary_industry_va_real_growth_yoy")),
    (
        r"open(?:ing)? up|cooperation|trade|export|foreign|northeast asia",
        ("foreign_trade_growth", "fdi"),
    ),
    (
        r"green|low-carbon|carbon|clean|energy|emission",
        ("share_clean_energy_in_capacity", "capacity_clean_energy", "energy_intensity_reduction"),
    ),
    (r"national strateg|support|growth|econom|revitali", ("gdp_real_growth_yoy", "grp_nominal")),
]


def release_date(period_end: date, frequency: str, vintage: str, released: date | None) -> date:
    if released is not None:
        return released
    m = _ISO_DATE.search(vintage or "")
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return period_end + timedelta(days=RELEASE_LAG_DAYS.get(frequency, 30))


def _point(row: Any) -> Point:
    return Point(
        row.period, row.period_end, row.value, row.vintage or "", row.source or "", row.kind
    )


def known_rows(rows: Iterable[Any], frequency: str, as_of: date) -> list[Any]:
    return [
        r for r in rows if release_date(r.period_end, frequency, r.vintage, r.released) <= as_of
    ]


def _release_key(row: Any, order: int) -> tuple[date, int]:
    """Order of releases: the release date given, else the latest date the vintage names,
    else load order (rows come ordered by insertion)."""
    return (row.released or vintage_date(row.vintage) or date.min, order)


def latest_points(rows: Iterable[Any]) -> list[Point]:
    """One point per period: the latest official release, else the last reported figure."""
    by_period: dict[str, tuple[Any, tuple[date, int]]] = {}
    for i, r in enumerate(rows):  # ordered by period end, then insertion
        key = _release_key(r, i)
        held = by_period.get(r.period)
        if held is None:
            by_period[r.period] = (r, key)
            continue
        old, old_key = held
        official_wins = r.kind == "official" and (old.kind != "official" or key >= old_key)
        if official_wins or (r.kind != "official" and old.kind != "official"):
            by_period[r.period] = (r, key)
    return sorted((_point(r) for r, _ in by_period.values()), key=lambda p: p.end)


# -- linking ---------------------------------------------------------------------------------
def _subject_of(stmt: Statement, siblings: Sequence[Statement]) -> Statement | None:
    """The figure a comparison qualifies: the nearest earlier figure in the same passage."""
    best = None
    for s in siblings:
        figure = s.kind in (StatementKind.RESULT, StatementKind.TARGET)
        near = s.end <= stmt.start + 1 and stmt.start - s.end <= NEIGHBOUR_CHARS
        if figure and near and (best is None or s.end > best.end):
            best = s
    return best


def reported_period(stmt: Statement, doc: Document) -> str | None:
    """A figure for the report's own year, published before December, is a stock at the
    report date ('now accounts for 49.5 percent'), not a value for the whole year."""
    if not stmt.period:
        return None
    if doc.date and stmt.period == str(doc.date.year) and doc.date.month < 12:
        return doc.date.isoformat()
    return stmt.period


def link_statements(store: Store, *, only: Iterable[int] | None = None) -> dict[int, Link]:
    """Link every statement to a series (manual links kept) and keep reported figures.
    With `only`, just those statements are (re)linked (after a review changed them)."""
    keep = None if only is None else set(only)
    cat = store.catalog
    candidates = store.link_candidates()
    existing = store.links()
    units = {c.series_id: c.unit for c in candidates}
    new: dict[int, Link] = {}
    docs: dict[str, Document] = {}
    statements = store.statements()
    by_doc: dict[str, list[Statement]] = {}
    for s in statements:
        by_doc.setdefault(s.document_id or "", []).append(s)
    for stmt in statements:
        if stmt.kind is StatementKind.GOAL or stmt.id is None:
            continue
        if keep is not None and stmt.id not in keep:
            continue
        if existing.get(stmt.id) and existing[stmt.id].method == "manual":
            continue
        phrase, period, unit = stmt.indicator, stmt.period, stmt.unit
        note = ""
        if stmt.kind is StatementKind.COMPARISON:
            subject = _subject_of(stmt, by_doc.get(stmt.document_id or "", []))
            if subject is not None:
                phrase, period, unit = subject.indicator, subject.period, subject.unit
                note = f" (the figure it qualifies: {subject.quote!r})"
        link = link_statement(
            cat,
            indicator_phrase=phrase,
            region_id=stmt.region_id,
            period=period,
            unit=unit,
            candidates=candidates,
        )
        new[stmt.id] = Link(link.series_id, link.score, link.method, link.reason + note)
    store.save_links(new)
    for stmt in statements:
        kept = new.get(stmt.id or -1) or existing.get(stmt.id or -1)
        if keep is not None and stmt.id not in keep:
            continue
        if (
            stmt.kind is not StatementKind.RESULT
            or kept is None
            or kept.series_id is None
            or stmt.value is None
            or not stmt.document_id
        ):
            continue
        doc = docs.setdefault(stmt.document_id, store.get_document(stmt.document_id))
        period = reported_period(stmt, doc)
        value = _convert(stmt.value, stmt.unit, units.get(kept.series_id))
        if period and value is not None:
            with contextlib.suppress(PeriodError):
                store.add_reported(
                    stmt, kept.series_id, period, value, doc.source, released=doc.date
                )
    return {**existing, **new}


def _convert(value: float | None, unit: str | None, series_unit: str | None) -> float | None:
    if value is None:
        return None
    if not unit or not series_unit:
        return value
    try:
        return value * parse_unit(unit).factor_to(parse_unit(series_unit))
    except UnitError:
        return None


_CALIBRATIONS: dict[tuple[str, date, int], Calibration | None] = {}
_BASE_RATES: dict[tuple[str, date, int], tuple[int, int]] = {}
# Weight of the base rate in the reported probability (an equal-weight combination of the
# forecast with the track record, fixed, not fitted; see the README's backtest).
BASE_RATE_WEIGHT = 0.5


def resolved_base_rate(store: Store, as_of: date) -> tuple[int, int]:
    """(met, resolved) over the store's targets whose outcome was known at `as_of`.

    Time-honest: a target counts only once its deadline, plus the publication lag, has
    passed and the data then available decide it met or missed.
    """
    key = (store.url, as_of, store.counts()["observations"])
    if key not in _BASE_RATES:
        lag = timedelta(days=RELEASE_LAG_DAYS["A"])
        regions = sorted({s.region_id for s in store.statements(kind="target") if s.region_id})
        met = resolved = 0
        for region in regions:
            card = build_scorecard(store, region, as_of=as_of, probabilities=False)
            for item in card["items"]:
                st = item["statement"]
                if st["kind"] != "target" or item["status"] not in ("met", "missed"):
                    continue
                try:
                    due = parse_period(st["period"]).end
                except PeriodError:
                    continue
                if due + lag <= as_of:
                    resolved += 1
                    met += item["status"] == "met"
        _BASE_RATES[key] = (met, resolved)
    return _BASE_RATES[key]


def panel_calibration(store: Store, as_of: date, *, max_h: int = 5) -> Calibration | None:
    """Forecast-error calibration fitted on the store's annual series known at `as_of`.

    Real series, not synthetic ones: their errors decide how wide a forecast must be.
    Cached per store, date and number of observations.
    """
    key = (store.url, as_of, store.counts()["observations"])
    if key in _CALIBRATIONS:
        return _CALIBRATIONS[key]
    annual = [sid for sid, s in store.series_by_id().items() if str(s.frequency) == "A"]
    rows = store.series_points(annual)
    panel = []
    for sid in annual:
        pts = [
            p
            for p in latest_points(known_rows(rows.get(sid, []), "A", as_of))
            if p.kind == "official"
        ]
        if len(pts) >= 4:
            years = {p.end.year: p.value for p in pts}
            first, last = min(years), max(years)
            panel.append([years.get(y, math.nan) for y in range(first, last + 1)])
    if len(panel) < 10:
        result = None  # too little history: the model's documented default spread
    else:
        width = max(len(r) for r in panel)
        y = np.full((len(panel), width), np.nan)
        for i, r in enumerate(panel):
            y[i, width - len(r) :] = r
        result = calibrate(y, max_h=max_h)
    _CALIBRATIONS[key] = result
    return result


# -- the scorecard -----------------------------------------------------------------------------
@dataclass
class _Target:
    index: int
    spec: TargetSpec
    points: list[Point]
    frequency: str


def _grid(points: Sequence[Point], frequency: str, deadline: Period) -> tuple[list[float], int]:
    """Values on a regular grid (years, quarters or months) and steps to the deadline."""
    step = {"A": 12, "MY": 12, "Q": 3, "YTD": 3}.get(frequency, 1)

    def index(d: date) -> int:
        return (d.year * 12 + d.month - 1) // step

    idx = [index(p.end) for p in points]
    first, last = min(idx), max(idx)
    first = max(first, last - MAX_GRID + 1)
    row = [math.nan] * (last - first + 1)
    for i, p in zip(idx, points, strict=True):
        if i >= first:
            row[i - first] = p.value
    return row, max(index(deadline.end) - last, 0)


def _value_type(stmt: Statement, indicator_id: str) -> ValueType:
    if stmt.value_type is not None:
        return stmt.value_type
    text = f"{stmt.indicator} {indicator_id}".lower()
    if "growth" in text or re.search(r"\bgr[eo]w", text):
        return ValueType.GROWTH_RATE
    return ValueType.LEVEL


def build_scorecard(
    store: Store,
    region: str,
    *,
    as_of: date | None = None,
    model: str = "damped",
    engine: str = "local",
    scheduler: str | None = None,
    calibration: Calibration | None = None,
    probabilities: bool = True,
    base_rate: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """The scorecard contract: {"region", "as_of", "items": [...]} (see the README).

    `calibration` scales forecast spreads (see calibration.py); by default it is fitted on
    every annual series of the store, as known at `as_of`. With `probabilities=False` only
    statuses and verdicts are computed (no forecasts). `base_rate` (met, resolved) replaces
    the store's time-honest track record (the backtest supplies its own, already known).
    """
    from .choices import check_engine, check_model

    model, engine = check_model(model), check_engine(engine, scheduler)
    reg = store.catalog.region(region)
    as_of = as_of or date.today()
    links = store.links()
    statements = [s for s in store.statements(region_id=reg.id)]
    series_ids = {ln.series_id for ln in links.values() if ln.series_id is not None}
    all_series = store.series_by_id()
    names = {r.id: r.name for r in store.catalog.regions()}
    provinces = [
        r.id for r in store.catalog.regions() if r.level == "province" and r.parent_id == "CN"
    ]
    docs: dict[str, Document] = {}

    def doc_of(s: Statement) -> Document:
        key = s.document_id or ""
        if key not in docs:
            docs[key] = store.get_document(key)
        return docs[key]

    # Comparisons and growth targets need related series (national, provinces, in-year).
    by_indicator: dict[str, set[int]] = {}
    for i, ser in all_series.items():
        by_indicator.setdefault(ser.indicator_id, set()).add(i)
    indicator_ids = sorted(by_indicator)

    def refinements(indicator_id: str) -> list[str]:
        """Indicators named as refinements of this one (gdp_x -> gdp_x_ytd), by bisection."""
        prefix = indicator_id + "_"
        lo = bisect.bisect_left(indicator_ids, prefix)
        hi = bisect.bisect_left(indicator_ids, prefix + "\U0010ffff")
        return indicator_ids[lo:hi]

    wanted = set(series_ids)
    for ind in {all_series[i].indicator_id for i in series_ids if i in all_series}:
        for other in [ind, *refinements(ind)]:
            wanted |= by_indicator.get(other, set())
    rows = store.series_points(wanted)
    freq = {i: str(s.frequency) for i, s in all_series.items()}

    in_year_cache: dict[tuple[str, str], list[int]] = {}

    def in_year_series(region_id: str, indicator_id: str) -> list[int]:
        """Series of the same region whose indicator refines this one (gdp_..._ytd)."""
        key = (region_id, indicator_id)
        if key not in in_year_cache:
            in_year_cache[key] = [
                i
                for other in refinements(indicator_id)
                for i in by_indicator[other]
                if all_series[i].region_id == region_id
            ]
        return in_year_cache[key]

    def points(sid: int) -> list[Point]:
        return latest_points(known_rows(rows.get(sid, []), freq.get(sid, "A"), as_of))

    items: list[dict[str, Any]] = []
    targets: list[_Target] = []
    for stmt in statements:
        link = links.get(stmt.id or -1)
        sid = link.series_id if link else None
        item: dict[str, Any] = {
            "statement": _statement_json(stmt, doc_of(stmt), store.catalog),
            "series": sid,
            "status": None,
            "probability": None,
            "evidence": [],
            "explanation": "",
            "link": {"score": link.score, "method": link.method, "reason": link.reason}
            if link
            else None,
        }
        items.append(item)
        if stmt.kind is StatementKind.GOAL:
            _goal(item, stmt, store, reg.id, all_series)
            continue
        if sid is None or sid not in all_series:
            reason = link.reason if link else "not linked yet: run `ontrack assess`"
            item["status"] = (
                Status.CANNOT_ASSESS if stmt.kind is StatementKind.TARGET else Status.UNVERIFIABLE
            )
            item["explanation"] = f"No data series for this statement: {reason}."
            continue
        info = all_series[sid]
        if stmt.kind is StatementKind.RESULT:
            _result(
                item,
                stmt,
                doc_of(stmt),
                info.unit,
                known_rows(rows.get(sid, []), freq[sid], as_of),
            )
        elif stmt.kind is StatementKind.COMPARISON:
            _comparison(item, stmt, info, all_series, points, names, reg.id, statements, provinces)
        else:
            target = _target(
                item,
                stmt,
                info,
                points(sid),
                doc_of(stmt),
                as_of,
                in_year_series,
                points,
                len(items) - 1,
            )
            if target is not None:
                targets.append(target)
    if targets and probabilities:
        if calibration is None:
            calibration = panel_calibration(store, as_of)
        _probabilities(
            items,
            targets,
            model=model,
            engine=engine,
            scheduler=scheduler,
            calibration=calibration,
            base_rate=base_rate if base_rate is not None else resolved_base_rate(store, as_of),
        )
    for item in items:
        item["status"] = str(item["status"]) if item["status"] is not None else None
    _mark_reviews(store, items)
    return {
        "region": reg.id,
        "region_name": reg.name,
        "as_of": as_of.isoformat(),
        "model": model,
        "items": items,
    }


def _mark_reviews(store: Store, items: list[dict[str, Any]]) -> None:
    """Each item says whether a person checked its statement (see ontrack.review)."""
    from ..review import CHECKED_STATES, EXTRACTED, label, review_states

    states = review_states(store, [it["statement"]["id"] for it in items])
    for item in items:
        state = states.get(item["statement"]["id"], EXTRACTED)
        item["review"] = {
            "state": state,
            "label": label(state),
            "checked_by_person": state in CHECKED_STATES,
        }


def _statement_json(s: Statement, doc: Document, catalog: Catalog) -> dict[str, Any]:
    display = statement_words(s, doc.title, catalog)
    return {
        "display": display,
        "id": s.id,
        "document_id": s.document_id,
        "kind": str(s.kind),
        "indicator": s.indicator,
        "value": s.value,
        "unit": s.unit,
        "comparator": str(s.comparator) if s.comparator else None,
        "period": s.period,
        "quote": s.quote,
        "start": s.start,
        "end": s.end,
    }


def _goal(
    item: dict[str, Any], stmt: Statement, store: Store, region_id: str, all_series: dict[int, Any]
) -> None:
    text = f"{stmt.indicator} {stmt.quote}".lower()
    suggested: list[str] = []
    for pattern, ids in GOAL_INDICATORS:
        if re.search(pattern, text):
            suggested += [i for i in ids if i not in suggested]
    have = {s.indicator_id for s in all_series.values() if s.region_id == region_id}
    measures: list[dict[str, Any]] = []
    for ind_id in suggested[:4]:
        known = store.catalog.find_indicator(ind_id)
        name = known.name if known else humanise_id(ind_id)
        measures.append({"indicator": ind_id, "name": name, "has_data": ind_id in have})
    item["status"] = Status.NOT_MEASURABLE
    item["measured_by"] = measures
    shown = ", ".join(m["name"] + ("" if m["has_data"] else " (no data yet)") for m in measures)
    item["explanation"] = (
        f"A qualitative aim with no number or deadline; it could be tracked with {shown}."
        if measures
        else "A qualitative aim with no number or deadline."
    )


def _result(
    item: dict[str, Any], stmt: Statement, doc: Document, series_unit: str, rows: list[Any]
) -> None:
    value = _convert(stmt.value, stmt.unit, series_unit)
    period = reported_period(stmt, doc)
    if value is None or not period:
        item["status"] = Status.UNVERIFIABLE
        item["explanation"] = (
            f"The figure's unit does not convert to the series unit {series_unit!r}."
            if stmt.value is not None
            else "The statement has no figure or period to check."
        )
        return
    official = [_point(r) for r in rows if r.kind == "official"]
    verdict = verify_result(value, period, official, doc_source=doc.source, doc_date=doc.date)
    item["status"] = verdict.status
    item["explanation"] = verdict.explanation
    item["evidence"] = [p.to_dict() for p in verdict.evidence]
    item["tolerance"] = verdict.tolerance


def _comparison(
    item: dict[str, Any],
    stmt: Statement,
    info: Any,
    all_series: dict[int, Any],
    points: Any,
    names: dict[str, str],
    region_id: str,
    statements: Sequence[Statement],
    provinces: Sequence[str] = (),
) -> None:
    claim = parse_comparison(stmt.quote, stmt.value, stmt.unit)
    relation = claim.relation
    if relation is None and claim.size_kind == "times" and claim.size is not None:
        relation = ">" if claim.size > 1 else "<" if claim.size < 1 else None
    series = info
    same = {
        s.region_id: sid
        for sid, s in all_series.items()
        if s.indicator_id == series.indicator_id and s.frequency == series.frequency
    }
    subject = _subject_of(stmt, [s for s in statements if s.document_id == stmt.document_id])
    period = stmt.period or (subject.period if subject else None)
    try:
        year = parse_period(period).end.year if period else None
    except PeriodError:
        year = None
    count = parse_count_claim(stmt.quote, against_national=claim.against_national)
    if count and period and (count.relation or (relation and "CN" in same)):
        verdict = count_verdict(count, relation, period, same, points, names, provinces)
    elif claim.against_national and relation and year and "CN" in same:

        def yearly(sid: int, name: str) -> dict[int, Point]:
            return {
                p.end.year: dataclasses.replace(p, region=name)
                for p in points(sid)
                if p.kind == "official" and p.period == str(p.end.year)
            }

        verdict = verify_streak(
            yearly(same[region_id], names.get(region_id, region_id)),
            yearly(same["CN"], "China"),
            year,
            relation,
            claim.first_time_years,
            names.get(region_id, region_id),
            "China",
            claim.size,
            claim.size_kind,
        )
    elif claim.rank and period:
        values = values_in(period, same, points, names, provinces)
        verdict = verify_rank(region_id, values, claim.rank, expected=len(provinces), names=names)
        total = rank_total(stmt.quote)
        if total is not None:
            verdict = with_rank_total(verdict, total, len(provinces), len(values))
    else:
        item["status"] = Status.UNVERIFIABLE
        item["explanation"] = (
            "ontrack cannot tell from the words what is compared with what; "
            "link it by hand or check it in the source."
        )
        return
    item["status"] = verdict.status
    item["explanation"] = verdict.explanation
    item["evidence"] = [p.to_dict() for p in verdict.evidence]


def _target(
    item: dict[str, Any],
    stmt: Statement,
    info: Any,
    pts: list[Point],
    doc: Document,
    as_of: date,
    related: Any,
    points: Any,
    index: int,
) -> _Target | None:
    series = info
    value = _convert(stmt.value, stmt.unit, series.unit)
    problem = None
    if value is None:
        problem = (
            f"its unit {stmt.unit!r} does not convert to the series unit {series.unit!r}"
            if stmt.value is not None
            else "it has no number"
        )
    deadline = None
    if problem is None:
        try:
            deadline = parse_period(stmt.period) if stmt.period else None
        except PeriodError:
            deadline = None
        if deadline is None:
            problem = f"it has no deadline that ontrack can read ({stmt.period!r})"
    if problem is not None or deadline is None or value is None:
        item["status"] = Status.CANNOT_ASSESS
        item["explanation"] = f"Cannot assess this target: {problem}."
        return None
    baseline = None
    if stmt.baseline_value is not None and stmt.baseline_period:
        try:
            bp = parse_period(stmt.baseline_period)
            bv = _convert(stmt.baseline_value, stmt.unit, series.unit)
            baseline = Point(bp.label, bp.end, bv, "stated baseline") if bv is not None else None
        except PeriodError:
            baseline = None
    if baseline is None and doc.date is not None:
        before = [p for p in pts if p.end <= doc.date]
        baseline = before[-1] if before else None
    vtype = _value_type(stmt, series.indicator_id)
    in_year: list[Point] = []
    if vtype is ValueType.GROWTH_RATE:
        for sid in related(series.region_id, series.indicator_id):
            in_year += points(sid)
        in_year.sort(key=lambda p: p.end)
    spec = TargetSpec(value, stmt.comparator or Comparator.EQ, deadline, vtype, baseline)
    progress = target_status(spec, pts, as_of, in_year)
    item["status"] = progress.status
    item["explanation"] = progress.explanation
    item["evidence"] = [p.to_dict() for p in progress.evidence]
    inputs = dict(progress.inputs)
    if "baseline" in inputs and baseline is not None:
        inputs["baseline_kind"] = (
            "self-reported (the statement's own document)"
            if baseline.kind == "reported"
            else baseline.vintage or "official"
        )
    item["inputs"] = inputs
    if baseline is not None and baseline.kind == "reported" and "baseline" in inputs:
        item["explanation"] += (
            f" The baseline {_fmt(baseline.value)} ({baseline.period}) is self-reported: it "
            "comes from the target's own document, not from an independent release."
        )
    if progress.status is Status.MET:
        item["probability"] = 1.0
        item["probability_basis"] = "settled: the target is met"
    elif progress.status is Status.MISSED:
        item["probability"] = 0.0
        item["probability_basis"] = "settled: the target is missed"
    else:
        # A forecast stands on official observations only: a figure the document reports
        # about itself may serve as a baseline, never as data to extrapolate.
        official = [p for p in pts if p.kind == "official"]
        if len(official) >= MIN_FORECAST_OBSERVATIONS:
            return _Target(index, growth_floor(spec), official, str(series.frequency))
        reported = len(pts) - len(official)
        item["probability_basis"] = (
            f"none: {len(official)} official observation(s), a forecast needs "
            f"{MIN_FORECAST_OBSERVATIONS}"
        )
        item["explanation"] += (
            f" No chance of meeting it is computed: a trend needs at least "
            f"{MIN_FORECAST_OBSERVATIONS} official observations and the data hold "
            f"{len(official)}"
            + (f" (besides {reported} self-reported figure(s))." if reported else ".")
        )
    return None


def _probabilities(
    items: list[dict[str, Any]],
    targets: list[_Target],
    *,
    model: str,
    engine: str,
    scheduler: str | None,
    calibration: Calibration | None = None,
    base_rate: tuple[int, int] = (0, 0),
) -> None:
    """P(target met) for all open targets in one vectorized call."""
    if not targets:
        return
    from .engine import assess_arrays

    grids = [_grid(t.points, t.frequency, t.spec.deadline) for t in targets]
    width = max(len(g[0]) for g in grids)
    y = np.full((len(targets), width), np.nan)
    for i, (row, _) in enumerate(grids):
        y[i, width - len(row) :] = row
    h = np.array([max(g[1], 1) for g in grids])
    last = np.array([t.points[-1].value for t in targets])
    goal = np.array([t.spec.value for t in targets])
    direction = np.where(goal >= last, 1.0, -1.0)
    comparators = [str(t.spec.comparator) for t in targets]
    tolerance = np.array([approx_tolerance(v) for v in goal])  # the same rule as the status
    try:
        mean, scale, prob = assess_arrays(
            y,
            h,
            goal,
            comparators,
            direction,
            engine=engine,
            model=model,
            scheduler=scheduler,
            tolerance=tolerance,
            calibration=calibration,
        )
    except ImportError as exc:
        raise OntrackError(f"model {model!r} needs an optional package: {exc}") from None
    met, resolved = base_rate
    rate = (met + 1) / (resolved + 2)  # Laplace: 0.5 before any target has resolved
    for t, m, sc, p, n in zip(targets, mean, scale, prob, np.isfinite(y).sum(axis=1), strict=True):
        if not np.isfinite(p):
            continue
        item = items[t.index]
        shrunk = (1 - BASE_RATE_WEIGHT) * float(p) + BASE_RATE_WEIGHT * rate
        low, high = forecast_band(float(m), float(sc)) if np.isfinite(sc) else (None, None)
        item["probability"] = round(shrunk, 3)
        item["forecast"] = {
            "mean": float(m),
            "scale": float(sc) if np.isfinite(sc) else None,
            "low": low,
            "high": high,
            "band": "80% band: mean ± 1.28 × spread (normal approximation)",
            "model": model,
            "model_name": MODEL_NAMES.get(model, model),
            "observations": int(n),
            "deadline": t.spec.deadline.label,
            "model_probability": round(float(p), 3),
            "base_rate": {"met": met, "resolved": resolved, "rate": round(rate, 3)},
        }
        item["probability_basis"] = (
            f"forecast from {int(n)} official observation(s) and the track record"
        )
        item["probability_text"] = probability_sentence(item["forecast"], round(shrunk, 3))
        note = agreement_note(item, t.spec.value, str(t.spec.comparator))
        item["explanation"] += " " + item["probability_text"] + (f" {note}" if note else "")


__all__ = ["build_scorecard", "link_statements", "release_date"]
