"""The vectorized status agrees with progress.target_status, row by row, on random level
targets (the property the fast path must keep)."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ontrack.assess.progress import Point, TargetSpec, target_status
from ontrack.assess.status_arrays import (
    STATUS_NAMES,
    status_codes,
    status_rule_probability,
)
from ontrack.model import Comparator, ValueType
from ontrack.periods import parse_period

COMPARATORS = [">", ">=", "=", "<=", "<", "~"]
LAST = 2020


def _by_hand(row: list[float], h: int, goal: float, comparator: str) -> str:
    t = len(row)
    points = [
        Point(str(LAST - (t - 1) + j), date(LAST - (t - 1) + j, 12, 31), v)
        for j, v in enumerate(row)
        if not np.isnan(v)
    ]
    latest = max((p.end.year for p in points), default=LAST)  # h counts from the latest year
    deadline = parse_period(str(latest + h))
    spec = TargetSpec(goal, Comparator(comparator), deadline, ValueType.LEVEL)
    return str(target_status(spec, points, date(latest + 1, 2, 1)).status)


# statistical values, not subnormal floats (whose ratios overflow in either version)
finite = st.floats(-5, 200, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-6)
values = st.one_of(st.just(float("nan")), finite)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(values, min_size=6, max_size=6), min_size=1, max_size=8),
    data=st.data(),
)
def test_vectorized_status_matches_target_status(rows: list[list[float]], data) -> None:
    n = len(rows)
    h = data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    goal = data.draw(st.lists(finite, min_size=n, max_size=n))
    comp = data.draw(st.lists(st.sampled_from(COMPARATORS), min_size=n, max_size=n))
    codes = status_codes(np.array(rows), h, goal, comp, last_year=LAST)
    for i in range(n):
        assert STATUS_NAMES[codes[i]] == _by_hand(rows[i], h[i], goal[i], comp[i]), i


def test_examples_and_rule_probability() -> None:
    y = np.array(
        [
            [100, 110, 121, np.nan],  # 10% a year; target 160 in 3 more years needs ~9.7%
            [100, 101, 102, 103],  # 1% a year against the same need
            [100, 90, 80, 70],  # the wrong way
            [np.nan, np.nan, np.nan, 50],  # one value: cannot assess
            [100, 130, 150, 170],  # already above 160: met early
        ],
        dtype=float,
    )
    codes = status_codes(y, [4, 3, 3, 3, 3], [160] * 5, ">=", last_year=2020)
    assert [STATUS_NAMES[c] for c in codes] == [
        "on_track",
        "limited_progress",
        "wrong_direction",
        "cannot_assess",
        "met",
    ]
    assert status_rule_probability(codes).tolist() == [0.9, 0.1, 0.1, 0.5, 0.9]
