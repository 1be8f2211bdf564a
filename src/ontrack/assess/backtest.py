"""Backtest: replay every target whose outcome is known, as a user would have seen it.

Each stored target the data now decide (met or missed) is replayed at the dates a reader
could have looked at it, with only the observations released by then (release dates as in
scorecard.release_date):

* from the plan date (the document's date; for a plan-table row, the spring session of the
  first year of its plan's span, or REPLAY_DAYS[0] of the deadline year for an annual
  target; never more than MAX_YEARS_AHEAD years before the deadline),
* then after each first-quarter, half-year, three-quarter and annual release date of every
  later year (REPLAY_DAYS[1:], and REPLAY_DAYS[0] after the annual figures), each kept only
  when a figure of the target's series, or of its in-year refinement (cumulative growth),
  was released since the previous replay: a replay with nothing new would count the same
  forecast twice.

Side by side, every replay gets a probability from: always 0.5; the base rate of the same
indicator's earlier targets (the Laplace-smoothed met share of those resolved before the
as-of date); the status rule (on track or met 0.9, acceleration needed 0.5, limited
progress or wrong direction 0.1); each forecast model alone (damped trend, AutoETS); the
scorecard's reported probability (the forecast averaged with the store's track record);
and the learned combination (stacking.py), scored by cross-validation across regions.
The default is whichever scores best across regions, and it keeps the title only if it
beats every baseline with the cluster-bootstrap 90% interval of the Brier difference
excluding zero; otherwise the best baseline is the default and the report says so.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import OntrackError, PeriodError
from ..periods import Period, parse_period
from . import stacking
from .scorecard import RELEASE_LAG_DAYS, build_scorecard, release_date
from .scoring import bootstrap_brier_difference, brier, log_loss, score_table

if TYPE_CHECKING:
    from ..store import Store

# (month, day): the plan date, then after the Q1, H1 and Q1-Q3 releases (25 days' lag)
REPLAY_DAYS = ((3, 15), (4, 25), (7, 25), (10, 25))
MAX_YEARS_AHEAD = 3
STATUS_PROBABILITY = {
    "met": 0.9,
    "on_track": 0.9,
    "acceleration_needed": 0.5,
    "limited_progress": 0.1,
    "wrong_direction": 0.1,
    "cannot_assess": 0.5,
}
BASELINES = ("always_0.5", "base_rate", "status_rule")
LEARNED = "learned"
HORIZONS = ((92, "up to 3 months"), (183, "3-6 months"), (366, "6-12 months"), (1096, "1-3 years"))


class _Snapshot:
    """A store read once: a backtest builds hundreds of scorecards from unchanging data."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._memo: dict[Any, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _cached(self, key: Any, read: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]

    def statements(self, **kw: Any) -> Any:
        return self._cached(("st", tuple(sorted(kw.items()))), lambda: self._store.statements(**kw))

    def links(self) -> Any:
        return self._cached("links", self._store.links)

    def series_by_id(self) -> Any:
        return self._cached("series", self._store.series_by_id)

    def series_points(self, ids: Iterable[int]) -> Any:
        wanted = frozenset(ids)
        return self._cached(("pts", wanted), lambda: self._store.series_points(wanted))

    def counts(self) -> Any:
        return self._cached("counts", self._store.counts)

    def get_document(self, doc_id: str) -> Any:
        return self._cached(("doc", doc_id), lambda: self._store.get_document(doc_id))


@dataclass(frozen=True)
class Decided:
    """A target whose outcome the data decide."""

    statement_id: int
    region: str
    indicator: str
    deadline: Period
    outcome: int
    series_id: int
    target_type: str
    resolved_on: date  # when the deciding figure was out (deadline + the annual lag)
    plan_date: date | None = None  # when the target was set, where the source says


_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–~至到]\s*((?:19|20)\d\d)\b")


def plan_date(quote: str, doc_title: str, doc_date: date | None, deadline: Period) -> date | None:
    """When a reader could first see the target: the document's date; for a plan-table row,
    the spring session of the first year of the span its plan names ("13th Five-Year Plan
    (2016-2020)"), or of a multi-year deadline's first year; None when only the deadline
    year is known (an annual target)."""
    from ..ingest.targets import TABLE_TITLE

    if not doc_title.startswith(TABLE_TITLE):
        return doc_date
    plan = next(csv.reader([quote]), [""])[0]
    span = _SPAN.search(plan)
    if span:
        return date(int(span.group(1)), *REPLAY_DAYS[0])
    if deadline.end.year > deadline.start.year:
        return date(deadline.start.year, *REPLAY_DAYS[0])
    return None


def target_type(indicator: str, value_type: str | None) -> str:
    """growth rate, share, intensity or level: the split the README table reports."""
    name = indicator.lower()
    if "intensity" in name:
        return "intensity"
    if "share" in name or "rate" in name and "growth" not in name or "cover" in name:
        return "share"
    if "growth" in name or value_type == "growth_rate":
        return "growth rate"
    return "level"


def horizon_label(days: int) -> str:
    for limit, label in HORIZONS:
        if days <= limit:
            return label
    return "over 3 years"


def decided_targets(store: Store, today: date) -> list[Decided]:
    regions = sorted({s.region_id for s in store.statements(kind="target") if s.region_id})
    lag = timedelta(days=RELEASE_LAG_DAYS["A"])
    out: list[Decided] = []
    for region in regions:
        card = build_scorecard(store, region, as_of=today, probabilities=False)
        for item in card["items"]:
            st = item["statement"]
            if st["kind"] != "target" or item["status"] not in ("met", "missed"):
                continue
            try:
                deadline = parse_period(st["period"])
            except (PeriodError, TypeError):
                continue
            if deadline.end >= today or item["series"] is None:
                continue
            doc = store.get_document(st["document_id"] or "")
            out.append(
                Decided(
                    st["id"],
                    card["region"],
                    st["indicator"],
                    deadline,
                    int(item["status"] == "met"),
                    int(item["series"]),
                    target_type(st["indicator"], (item.get("inputs") or {}).get("value_type")),
                    deadline.end + lag,
                    plan_date(st["quote"], doc.title, doc.date, deadline),
                )
            )
    return out


def _release_dates(store: Any, target: Decided) -> list[date]:
    """Release dates of every figure of the target's series and its in-year refinements."""
    series = store.series_by_id()
    own = series.get(target.series_id)
    if own is None:
        return []
    related = [
        sid
        for sid, s in series.items()
        if s.region_id == own.region_id
        and (sid == target.series_id or s.indicator_id.startswith(own.indicator_id + "_"))
    ]
    rows = store.series_points(related)
    return sorted(
        release_date(r.period_end, str(series[sid].frequency), r.vintage, r.released)
        for sid in related
        for r in rows.get(sid, [])
    )


def replay_dates(target: Decided, released: list[date]) -> list[date]:
    """The dates a reader could have looked at the target (see the module docstring)."""
    end = target.deadline.end
    start = target.plan_date
    if start is None:  # an annual target: set in the spring of its year
        start = date(end.year, *REPLAY_DAYS[0])
    start = max(start, date(end.year - MAX_YEARS_AHEAD, *REPLAY_DAYS[0]))
    later = [date(y, m, d) for y in range(start.year, end.year + 1) for m, d in REPLAY_DAYS]
    candidates = [start, *(c for c in later if start < c < end)] if start < end else []
    kept: list[date] = []
    for when in candidates:
        if not kept or any(kept[-1] < r <= when for r in released):
            kept.append(when)
    return kept


def _base_rates(
    decided: list[Decided],
) -> Callable[[str | None, date, str | None], tuple[int, int]]:
    """(met, resolved) among targets (of one indicator or region, or all) resolved by a date."""

    def rate(indicator: str | None, as_of: date, region: str | None = None) -> tuple[int, int]:
        done = [
            t
            for t in decided
            if t.resolved_on <= as_of
            and (indicator is None or t.indicator == indicator)
            and (region is None or t.region == region)
        ]
        return sum(t.outcome for t in done), len(done)

    return rate


def _margin(item: dict[str, Any]) -> float:
    """How far the forecast at the deadline lies above the target, relative to the target."""
    forecast = item.get("forecast") or {}
    goal = (item.get("inputs") or {}).get("target")
    if "mean" not in forecast or not isinstance(goal, int | float):
        return 0.0
    gap = (float(forecast["mean"]) - float(goal)) / max(abs(float(goal)), 1.0)
    return float(np.clip(gap, -2.0, 2.0))


def _replay(store: Any, decided: list[Decided], models: tuple[str, ...]) -> list[dict[str, Any]]:
    by_id = {t.statement_id: t for t in decided}
    wanted: dict[tuple[date, str], list[int]] = {}
    for t in decided:
        for when in replay_dates(t, _release_dates(store, t)):
            wanted.setdefault((when, t.region), []).append(t.statement_id)
    rate = _base_rates(decided)
    cases: dict[tuple[int, date], dict[str, Any]] = {}
    for (when, region), ids in sorted(wanted.items()):
        keep = set(ids)
        for model in models:
            card = build_scorecard(
                store, region, as_of=when, model=model, base_rate=rate(None, when, None)
            )
            for item in card["items"]:
                sid = item["statement"]["id"]
                if sid not in keep or item["probability"] is None:
                    continue
                t = by_id[sid]
                forecast = item.get("forecast") or {}
                case = cases.setdefault(
                    (sid, when),
                    {
                        "statement_id": sid,
                        "region": region,
                        "indicator": t.indicator,
                        "target_type": t.target_type,
                        "as_of": when.isoformat(),
                        "deadline": t.deadline.label,
                        "horizon": horizon_label((t.deadline.end - when).days),
                        "outcome": t.outcome,
                        "status": item["status"],
                    },
                )
                case[model] = float(forecast.get("model_probability", item["probability"]))
                if model == models[0]:
                    case["scorecard"] = float(item["probability"])
                    met, n = rate(t.indicator, when, None)
                    case["base_rate"] = (met + 1) / (n + 2)
                    met, n = rate(None, when, region)
                    case["region_base_rate"] = (met + 1) / (n + 2)
                    case["margin"] = _margin(item)
    return [c for c in cases.values() if all(m in c for m in models)]


def _scores(rows: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, Any]]:
    outcome = [c["outcome"] for c in rows]
    return score_table({m: ([c[m] for c in rows], outcome) for m in names})


def _split(rows: list[dict[str, Any]], key: str, names: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in sorted({c[key] for c in rows}):
        part = [c for c in rows if c[key] == value]
        o = [c["outcome"] for c in part]
        out[value] = {
            "n": len(part),
            "targets": len({c["statement_id"] for c in part}),
            "met_share": sum(o) / len(o),
            "brier": {m: brier([c[m] for c in part], o) for m in names},
        }
    return out


def region_track_record(decided: list[Decided]) -> dict[str, dict[str, dict[str, int]]]:
    """For each region, its decided targets by deadline year: {"met", "targets"}."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for t in sorted(decided, key=lambda t: (t.region, t.deadline.end)):
        year = out.setdefault(t.region, {}).setdefault(
            str(t.deadline.end.year), {"met": 0, "targets": 0}
        )
        year["met"] += t.outcome
        year["targets"] += 1
    return out


def record_from_items(items: Iterable[dict[str, Any]], today: date) -> dict[str, dict[str, int]]:
    """One region's decided targets by deadline year, from its scorecard items."""
    out: dict[str, dict[str, int]] = {}
    for item in items:
        st = item["statement"]
        if st["kind"] != "target" or item["status"] not in ("met", "missed"):
            continue
        try:
            end = parse_period(st["period"]).end
        except (PeriodError, TypeError):
            continue
        if end < today:
            year = out.setdefault(str(end.year), {"met": 0, "targets": 0})
            year["met"] += item["status"] == "met"
            year["targets"] += 1
    return dict(sorted(out.items()))


def backtest(
    store: Store,
    *,
    models: tuple[str, ...] = ("damped",),
    today: date | None = None,
    folds: int = 5,
) -> dict[str, Any]:
    """Replays, scores, splits, the default chosen across regions and its weights."""
    if not models:
        raise OntrackError("the backtest needs at least one forecast model")
    today = today or date.today()
    snap: Any = _Snapshot(store)
    decided = decided_targets(snap, today)
    empty: dict[str, Any] = {
        "n_targets": 0,
        "n_regions": 0,
        "cases": [],
        "scores": {},
        "default": None,
        "differences": {},
        "splits": {},
        "regions": region_track_record(decided),
        "weights": None,
    }
    if not decided:
        return empty
    rows = _replay(snap, decided, models)
    if not rows:
        return empty
    for c in rows:
        c["always_0.5"] = 0.5
        c["status_rule"] = STATUS_PROBABILITY.get(c["status"], 0.5)
    y = np.array([c["outcome"] for c in rows], dtype=np.float64)
    x = stacking.features(
        [c[models[0]] for c in rows],
        [c["base_rate"] for c in rows],
        [c["status"] for c in rows],
        [c["region_base_rate"] for c in rows],
        [c["margin"] for c in rows],
    )
    regions = [c["region"] for c in rows]
    held_out = stacking.cross_validated(x, y, regions, folds)
    names = [*BASELINES, *models, "scorecard"]
    if np.isfinite(held_out).all():
        for c, p in zip(rows, held_out, strict=True):
            c[LEARNED] = float(p)
        names.append(LEARNED)
    outcome = [c["outcome"] for c in rows]
    cv_brier = {m: brier([c[m] for c in rows], outcome) for m in names}
    default = min(names, key=lambda m: (cv_brier[m], m != LEARNED))
    groups = [c["statement_id"] for c in rows]

    def differences(against: str) -> dict[str, Any]:
        return {
            m: bootstrap_brier_difference(
                [c[m] for c in rows], [c[against] for c in rows], outcome, groups
            )
            for m in names
            if m != against
        }

    diffs = differences(default)
    beats_all = all((d["low"] or 0.0) > 0 for d in diffs.values())
    note = (
        f"{default} beats every other model and baseline with the 90% interval of the "
        "Brier difference above zero"
        if beats_all
        else f"{default} has the lowest Brier score across regions, but not every 90% "
        "interval of the difference excludes zero"
    )
    if not beats_all and default not in BASELINES:
        best_baseline = min(BASELINES, key=lambda m: cv_brier[m])
        note += f"; the best baseline, {best_baseline}, is the default"
        default = best_baseline
        diffs = differences(default)
    w = stacking.fit(x, y)
    version = stacking.data_version(
        (c["statement_id"], c["as_of"], c["outcome"], c["region"]) for c in rows
    )
    weights = stacking.Weights(
        tuple(float(v) for v in w), version, len(rows), len({c["statement_id"] for c in rows})
    )
    scores = _scores(rows, names)
    for m in names:
        scores[m]["log_loss"] = log_loss([c[m] for c in rows], outcome)
    return {
        "n_targets": len({c["statement_id"] for c in rows}),
        "n_regions": len(set(regions)),
        "cases": rows,
        "scores": scores,
        "default": {"model": default, "beats_every_baseline": beats_all, "note": note},
        "differences": diffs,
        "splits": {
            "target_type": _split(rows, "target_type", names),
            "horizon": _split(rows, "horizon", names),
        },
        "regions": region_track_record(decided),
        "weights": weights.to_dict(),
    }


__all__ = [
    "backtest",
    "decided_targets",
    "record_from_items",
    "region_track_record",
    "replay_dates",
    "target_type",
]
