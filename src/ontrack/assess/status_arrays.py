"""The progress status and the status rule's P(met), vectorized over many level targets.

The same rule as `progress.target_status` for an open level target (deadline not passed),
on a regular annual grid: row i holds the series' values in columns ending with the latest
year (NaN for gaps), `h[i]` years to the deadline, a target value and a comparator code
(forecast.COMPARATOR_CODES). Met early when any value satisfies the target (not for
"about"); else the CAGR ratio of the first and latest values against the rate the target
needs; cannot assess without two values or with a value or target at or below zero. The
backtest's status rule reads the status as P(met) 0.9 / 0.5 / 0.1 (STATUS_PROBABILITY).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .forecast import APPROX, EQ, GE, GT, LE, LT, comparator_codes
from .progress import ACCELERATION, DAYS_PER_YEAR, ON_TRACK

# status codes, in the order of STATUS_NAMES
MET, ON, ACCEL, LIMITED, WRONG, CANNOT = range(6)
STATUS_NAMES = (
    "met",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "wrong_direction",
    "cannot_assess",
)
RULE_PROBABILITY = np.array([0.9, 0.9, 0.5, 0.1, 0.1, 0.5])


def _year_end_days(year: NDArray[np.int64]) -> NDArray[np.float64]:
    """Days since 1970-01-01 of 31 December of each year (leap years counted)."""
    ends = (year + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - np.timedelta64(
        1, "D"
    )
    return ends.astype(np.int64).astype(np.float64)


def status_codes(
    y: ArrayLike, h: ArrayLike, target: ArrayLike, comparator: ArrayLike, last_year: int = 2020
) -> NDArray[np.int8]:
    """Status code per row (see the module docstring); the last column is `last_year`."""
    arr = np.asarray(y, dtype=np.float64)
    n, t = arr.shape
    steps = np.asarray(h, dtype=np.int64).reshape(-1)
    goal = np.asarray(target, dtype=np.float64).reshape(-1)
    codes = comparator_codes(comparator, n)
    seen = ~np.isnan(arr)
    has = seen.any(axis=1)
    first = np.argmax(seen, axis=1)
    last = t - 1 - np.argmax(seen[:, ::-1], axis=1)
    rows = np.arange(n)
    base = arr[rows, first]
    cur = arr[rows, last]
    years = last_year - (t - 1) + np.arange(t)
    days = _year_end_days(years)
    g = goal[:, None]
    c = codes[:, None]
    hit = np.where(
        c == GT,
        arr > g,
        np.where(
            (c == GE) | (c == EQ),
            arr >= g,
            np.where(c == LT, arr < g, np.where(c == LE, arr <= g, False)),
        ),
    )
    early = (hit & seen).any(axis=1) & (codes != APPROX)
    with np.errstate(divide="ignore", invalid="ignore"):
        elapsed = (days[last] - days[first]) / DAYS_PER_YEAR
        deadline = _year_end_days(years[last] + steps)
        horizon = (deadline - days[first]) / DAYS_PER_YEAR
        r_obs = (cur / base) ** (1 / elapsed) - 1
        r_req = (goal / base) ** (1 / horizon) - 1
        ratio = r_obs / r_req
    status = np.where(
        ratio >= ON_TRACK,
        ON,
        np.where(ratio >= ACCELERATION, ACCEL, np.where(ratio >= 0, LIMITED, WRONG)),
    )
    cannot = (
        ~has
        | (last <= first)
        | (np.minimum(np.minimum(base, cur), goal) <= 0)
        | (r_req == 0)
        | ~np.isfinite(ratio)
    )
    status = np.where(cannot, CANNOT, status)
    return np.where(early, MET, status).astype(np.int8)


def status_rule_probability(codes: ArrayLike) -> NDArray[np.float64]:
    """The status rule's P(met) for status codes from :func:`status_codes`."""
    return np.asarray(RULE_PROBABILITY[np.asarray(codes, dtype=np.int64)], dtype=np.float64)


__all__ = ["STATUS_NAMES", "status_codes", "status_rule_probability"]
