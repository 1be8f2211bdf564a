"""Backtest: are the probabilities calibrated on targets whose outcome is known?

Every stored target whose outcome the data now decide (met or missed) is replayed as of
earlier dates: each year's REPLAY_DAY (mid-February, after the annual figures are out)
from up to MAX_YEARS_AHEAD years before its deadline. The scorecard is rebuilt with only
the observations released by then (see scorecard.release_date) and each model's P(met)
is scored against the outcome with the Brier score, log loss and a reliability table,
beside two baselines: always 0.5, and the progress status read as a probability
(on track or met 0.9, acceleration needed 0.5, limited progress or wrong direction 0.1,
cannot assess 0.5).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..periods import parse_period
from .scorecard import build_scorecard
from .scoring import score_table

if TYPE_CHECKING:
    from ..store import Store

REPLAY_MONTH, REPLAY_DAY = 2, 15
MAX_YEARS_AHEAD = 3
STATUS_PROBABILITY = {
    "met": 0.9,
    "on_track": 0.9,
    "acceleration_needed": 0.5,
    "limited_progress": 0.1,
    "wrong_direction": 0.1,
    "cannot_assess": 0.5,
}


def backtest(
    store: Store, *, models: tuple[str, ...] = ("damped",), today: date | None = None
) -> dict[str, Any]:
    today = today or date.today()
    regions = sorted({s.region_id for s in store.statements(kind="target") if s.region_id})
    outcomes: dict[int, int] = {}
    deadlines: dict[int, date] = {}
    for region in regions:
        for item in build_scorecard(store, region, as_of=today)["items"]:
            st = item["statement"]
            if st["kind"] == "target" and item["status"] in ("met", "missed"):
                try:
                    deadline = parse_period(st["period"]).end
                except Exception:
                    continue
                if deadline < today:
                    outcomes[st["id"]] = int(item["status"] == "met")
                    deadlines[st["id"]] = deadline
    if not outcomes:
        return {"n_targets": 0, "cases": [], "scores": {}}
    first = min(deadlines.values()).year - MAX_YEARS_AHEAD
    replay_dates = [
        date(y, REPLAY_MONTH, REPLAY_DAY) for y in range(first, max(deadlines.values()).year + 1)
    ]
    cases: dict[tuple[int, date], dict[str, Any]] = {}
    for model in models:
        for as_of in replay_dates:
            for region in regions:
                card = build_scorecard(store, region, as_of=as_of, model=model)
                for item in card["items"]:
                    sid = item["statement"]["id"]
                    if sid not in outcomes:
                        continue
                    deadline = deadlines[sid]
                    if not (as_of < deadline and (deadline - as_of).days <= 366 * MAX_YEARS_AHEAD):
                        continue
                    if item["probability"] is None:
                        continue  # no data at all then: nothing to score
                    case = cases.setdefault(
                        (sid, as_of),
                        {
                            "statement_id": sid,
                            "as_of": as_of.isoformat(),
                            "deadline": deadline.isoformat(),
                            "outcome": outcomes[sid],
                            "status": item["status"],
                            "indicator": item["statement"]["indicator"],
                        },
                    )
                    case[model] = item["probability"]
    rows = [c for c in cases.values() if all(m in c for m in models)]
    outcome = [c["outcome"] for c in rows]
    table: dict[str, tuple[list[float], list[int]]] = {
        m: ([c[m] for c in rows], outcome) for m in models
    }
    table["baseline_0.5"] = ([0.5] * len(rows), outcome)
    table["baseline_status"] = ([STATUS_PROBABILITY.get(c["status"], 0.5) for c in rows], outcome)
    return {
        "n_targets": len({c["statement_id"] for c in rows}),
        "cases": rows,
        "scores": score_table(table),
    }
