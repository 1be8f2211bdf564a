"""Each status path of target progress, against values computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.assess.progress import Point, TargetSpec, satisfies, status_from_ratio, target_status
from ontrack.model import Comparator, Status, ValueType
from ontrack.periods import parse_period


def pt(period: str, value: float, kind: str = "official") -> Point:
    return Point(period, parse_period(period).end, value, kind=kind)


def spec(value: float, comparator: str, deadline: str, **kw: object) -> TargetSpec:
    return TargetSpec(value, Comparator(comparator), parse_period(deadline), **kw)  # type: ignore[arg-type]


def test_thresholds() -> None:
    assert status_from_ratio(1.2) is Status.ON_TRACK
    assert status_from_ratio(0.95) is Status.ON_TRACK
    assert status_from_ratio(0.94) is Status.ACCELERATION_NEEDED
    assert status_from_ratio(0.6) is Status.ACCELERATION_NEEDED
    assert status_from_ratio(0.59) is Status.LIMITED_PROGRESS
    assert status_from_ratio(0.0) is Status.LIMITED_PROGRESS
    assert status_from_ratio(-0.01) is Status.WRONG_DIRECTION


def test_satisfies() -> None:
    assert satisfies(50.5, Comparator.GT, 50) and not satisfies(50, Comparator.GT, 50)
    assert satisfies(50, Comparator.GE, 50) and satisfies(56.8, Comparator.EQ, 56.8)
    assert satisfies(4.6, Comparator.APPROX, 5, tolerance=0.5)
    assert not satisfies(4.4, Comparator.APPROX, 5, tolerance=0.5)
    assert satisfies(6.7, Comparator.GE, 6.5, high=7.0) and not satisfies(
        7.1, Comparator.GE, 6.5, high=7.0
    )


def test_met_and_missed_after_deadline() -> None:
    s = spec(60, ">=", "2020")
    met = target_status(s, [pt("2015", 50), pt("2020", 61)], date(2021, 6, 1))
    assert met.status is Status.MET and "61" in met.explanation
    missed = target_status(s, [pt("2015", 50), pt("2020", 59)], date(2021, 6, 1))
    assert missed.status is Status.MISSED and missed.inputs["outcome"] == 59


def test_met_early_counts_as_met() -> None:
    s = spec(50, ">", "2024-12-31")
    p = target_status(
        s, [pt("2024-03-31", 49.5, "reported"), pt("2024-06", 50.5)], date(2026, 11, 28)
    )
    assert p.status is Status.MET and "2024-06" in p.explanation


def test_deadline_passed_without_data_cannot_assess() -> None:
    s = spec(56.8, "=", "2025-12-31")
    p = target_status(s, [pt("2024-06", 50.5)], date(2026, 11, 28))
    assert p.status is Status.CANNOT_ASSESS and "2025-12-31" in p.explanation


def test_cagr_ratio_by_hand() -> None:
    # baseline 100 at end-2020, 110 at end-2022, target 133.1 at end-2023
    s = spec(133.1, ">=", "2023")
    p = target_status(s, [pt("2020", 100), pt("2022", 110)], date(2023, 3, 1))
    y_obs = (date(2022, 12, 31) - date(2020, 12, 31)).days / 365.25
    y_req = (date(2023, 12, 31) - date(2020, 12, 31)).days / 365.25
    r_obs = 1.1 ** (1 / y_obs) - 1
    r_req = 1.331 ** (1 / y_req) - 1
    assert p.ratio == pytest.approx(r_obs / r_req)
    assert p.ratio == pytest.approx(0.488, abs=0.01)
    assert p.status is Status.LIMITED_PROGRESS


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (118, Status.ON_TRACK),
        (112, Status.ACCELERATION_NEEDED),
        (103, Status.LIMITED_PROGRESS),
        (95, Status.WRONG_DIRECTION),
    ],
)
def test_each_open_status(current: float, status: Status) -> None:
    s = spec(140, ">=", "2024")
    p = target_status(s, [pt("2020", 100), pt("2022", current)], date(2023, 6, 1))
    assert p.status is status


def test_decrease_target_direction() -> None:
    s = spec(80, "<=", "2025")  # cut from 100 to 80
    down = target_status(s, [pt("2020", 100), pt("2022", 90)], date(2023, 1, 1))
    assert down.status is Status.ON_TRACK
    up = target_status(s, [pt("2020", 100), pt("2022", 105)], date(2023, 1, 1))
    assert up.status is Status.WRONG_DIRECTION


def test_stated_baseline_wins() -> None:
    s = spec(140, ">=", "2024", baseline=pt("2018", 80))
    p = target_status(s, [pt("2020", 100), pt("2022", 120)], date(2023, 1, 1))
    assert p.inputs["baseline"] == 80 and p.inputs["baseline_period"] == "2018"


@pytest.mark.parametrize("values", [[0, 5], [-2, 3], [2, -1]])
def test_cagr_undefined_cannot_assess(values: list[float]) -> None:
    s = spec(10, ">", "2025")
    p = target_status(s, [pt("2020", values[0]), pt("2021", values[1])], date(2022, 1, 1))
    assert p.status is Status.CANNOT_ASSESS and "zero or negative" in p.explanation


def test_single_point_and_no_data() -> None:
    s = spec(56.8, "=", "2025-12-31")
    one = target_status(s, [pt("2024-03-31", 49.5, "reported")], date(2024, 4, 23))
    assert one.status is Status.CANNOT_ASSESS and "no official observation" in one.explanation
    none = target_status(s, [], date(2024, 4, 23))
    assert none.status is Status.CANNOT_ASSESS and "no observation" in none.explanation


def test_observations_after_as_of_are_ignored() -> None:
    s = spec(50, ">", "2024-12-31")
    p = target_status(s, [pt("2024-06", 50.5)], date(2024, 4, 23))
    assert p.status is Status.CANNOT_ASSESS


def test_growth_rate_target_paths() -> None:
    s = spec(5, ">", "2024", value_type=ValueType.GROWTH_RATE)
    final = target_status(s, [pt("2023", 5.3), pt("2024", 5.1)], date(2025, 2, 1))
    assert final.status is Status.MET
    missed = target_status(
        spec(5, ">", "2025", value_type=ValueType.GROWTH_RATE), [pt("2025", 3.7)], date(2026, 2, 1)
    )
    assert missed.status is Status.MISSED
    q1 = target_status(s, [pt("2023", 5.3)], date(2024, 5, 1), in_year=[pt("2024Q1", 5.4)])
    assert q1.status is Status.ON_TRACK and q1.inputs["in_year_period"] == "2024Q1"
    slow = target_status(s, [], date(2024, 8, 1), in_year=[pt("2024Q2", 4.0)])
    assert slow.status is Status.ACCELERATION_NEEDED and slow.ratio == pytest.approx(0.8)
    falling = target_status(s, [], date(2024, 8, 1), in_year=[pt("2024Q2", -1.0)])
    assert falling.status is Status.WRONG_DIRECTION
    early = target_status(s, [pt("2023", 5.3)], date(2024, 2, 1))
    assert early.status is Status.CANNOT_ASSESS


def test_missed_only_on_the_deadlines_own_observation() -> None:
    # a span target (2021-2025) is settled by its last year, never by an earlier figure
    s = spec(56.8, ">=", "2021-2025")
    early = target_status(s, [pt("2021", 40.0), pt("2024-06", 50.5)], date(2026, 11, 28))
    assert early.status is Status.CANNOT_ASSESS
    assert "no figure for it" in early.explanation and "50.5 (2024-06)" in early.explanation
    mid_year = target_status(spec(56.8, ">=", "2025"), [pt("2025-06", 50.0)], date(2026, 3, 1))
    assert mid_year.status is Status.CANNOT_ASSESS
    final = target_status(s, [pt("2024-06", 50.5), pt("2025", 55.0)], date(2026, 11, 28))
    assert final.status is Status.MISSED and final.inputs["outcome_period"] == "2025"
    december = target_status(s, [pt("2025-12", 57.0)], date(2026, 11, 28))
    assert december.status is Status.MET
