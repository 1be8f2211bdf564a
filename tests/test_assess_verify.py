"""Verdicts on reported figures, streak comparisons and ranks, computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.assess.progress import Point
from ontrack.assess.verify import (
    is_self_reported,
    parse_comparison,
    rounding_tolerance,
    verify_rank,
    verify_result,
    verify_streak,
)
from ontrack.model import Status
from ontrack.periods import parse_period


def pt(period: str, value: float, vintage: str = "", source: str = "") -> Point:
    return Point(period, parse_period(period).end, value, vintage, source)


@pytest.mark.parametrize(
    ("value", "tol"),
    [
        (5.3, 0.05),
        (49.5, 0.05),
        (5.0, 0.5),
        (56.8, 0.05),
        (0.125, 0.0005),
        (1.2e12, 5e10),
        (30209.4, 0.5),
        (7000, 500),
    ],
)
def test_rounding_tolerance(value: float, tol: float) -> None:
    assert rounding_tolerance(value) == pytest.approx(tol)


def test_supported_contradicted_unverifiable() -> None:
    data = [pt("2022", 2.1), pt("2023", 5.3, "first release")]
    assert verify_result(5.3, "2023", data).status is Status.SUPPORTED
    assert verify_result(5.3, "2023", [pt("2023", 5.34)]).status is Status.SUPPORTED
    assert verify_result(5.3, "2023", [pt("2023", 5.36)]).status is Status.CONTRADICTED
    off = verify_result(5.4, "2023", data)
    assert off.status is Status.CONTRADICTED and "-0.1" in off.explanation
    none = verify_result(5.3, "2024", data)
    assert none.status is Status.UNVERIFIABLE and "2022 to 2023" in none.explanation
    assert "nearest is 5.3 for 2023" in none.explanation


def test_any_vintage_supports_and_others_are_mentioned() -> None:
    data = [pt("2021", 8.1, "first release"), pt("2021", 8.4, "revised")]
    v = verify_result(8.1, "2021", data)
    assert v.status is Status.SUPPORTED and "1 other vintage" in v.explanation
    assert len(v.evidence) == 2


def test_self_reported_evidence_cannot_support() -> None:
    briefing = date(2024, 4, 23)
    own = pt("2024Q1", 5.4, "", "https://example.org/xinhua-2024-04-23")
    same_day = pt("2024Q1", 5.4, "governor at briefing 2024-04-23", "https://other.example")
    assert is_self_reported(own, "https://example.org/xinhua-2024-04-23", None)
    assert is_self_reported(same_day, "", briefing)
    v = verify_result(
        5.4,
        "2024Q1",
        [own, same_day],
        doc_source="https://example.org/xinhua-2024-04-23",
        doc_date=briefing,
    )
    assert v.status is Status.UNVERIFIABLE and "self-reported" in v.explanation
    independent = pt("2024Q1", 5.4, "NBS index, 2024-05-07, independent of the 2024-04-23 report")
    v2 = verify_result(5.4, "2024Q1", [own, same_day, independent], doc_date=briefing)
    assert v2.status is Status.SUPPORTED


def test_parse_comparison() -> None:
    c = parse_comparison("surpassing the national growth rate for the first time in a decade")
    assert (c.relation, c.against_national, c.first_time_years) == (">", True, 10)
    c = parse_comparison("below the national average for the first time in five years")
    assert (c.relation, c.first_time_years) == ("<", 5)
    c = parse_comparison("ranking third among the country's provinces")
    assert c.rank == 3 and c.among_provinces
    assert parse_comparison("ranking No. 2 in the country").rank == 2


def _years(values: dict[int, float]) -> dict[int, Point]:
    return {y: pt(str(y), v) for y, v in values.items()}


def test_first_time_in_a_decade() -> None:
    china = _years({y: 7.0 for y in range(2012, 2024)})
    prov = _years({2012: 8.0, 2013: 7.5, **{y: 6.0 for y in range(2014, 2023)}, 2023: 7.2})
    v = verify_streak(prov, china, 2023, ">", 10, "Liaoning", "China")
    assert v.status is Status.SUPPORTED and "2014-2022" in v.explanation and "2013" in v.explanation
    prov[2018] = pt("2018", 7.5)
    v = verify_streak(prov, china, 2023, ">", 10, "Liaoning", "China")
    assert v.status is Status.CONTRADICTED and "2018" in v.explanation
    del prov[2018]
    v = verify_streak(prov, china, 2023, ">", 10, "Liaoning", "China")
    assert v.status is Status.UNVERIFIABLE and "2018 is missing" in v.explanation
    prov[2023] = pt("2023", 6.5)
    assert verify_streak(prov, china, 2023, ">", 10, "L", "C").status is Status.CONTRADICTED
    assert verify_streak(prov, china, 2024, ">", None, "L", "C").status is Status.UNVERIFIABLE


def test_rank() -> None:
    values = {r: pt("2023", v) for r, v in {"A": 9.0, "B": 7.0, "C": 5.0}.items()}
    assert verify_rank("B", values, 2, expected=3).status is Status.SUPPORTED
    assert verify_rank("B", values, 1, expected=3).status is Status.CONTRADICTED
    assert verify_rank("B", values, 3, expected=3).status is Status.CONTRADICTED
    assert verify_rank("B", values, 2, expected=5).status is Status.UNVERIFIABLE
    assert verify_rank("A", values, 1, expected=31).status is Status.UNVERIFIABLE
    assert verify_rank("C", values, 1, expected=31).status is Status.CONTRADICTED
    assert verify_rank("Z", values, 1, expected=3).status is Status.UNVERIFIABLE


def test_comparison_size_in_points_is_checked_within_its_rounding() -> None:
    liaoning = {2023: pt("2023", 6.3)}
    china = {2023: pt("2023", 5.2)}
    claim = parse_comparison(
        "2.5 percentage points higher than the national average", 2.5, "percentage points"
    )
    assert (claim.relation, claim.size, claim.size_kind) == (">", 2.5, "points")
    wrong = verify_streak(
        liaoning, china, 2023, ">", None, "Liaoning", "China", claim.size, claim.size_kind
    )
    assert wrong.status is Status.CONTRADICTED
    assert "direction right, size 1.1 not 2.5" in wrong.explanation
    right = verify_streak(liaoning, china, 2023, ">", None, "Liaoning", "China", 1.1, "points")
    assert right.status is Status.SUPPORTED and "gap of 1.1 points" in right.explanation
    # 1.15 is inside the rounding of "1.1" (1.05-1.15); 1.2 is not
    edge = verify_streak({2023: pt("2023", 6.35)}, china, 2023, ">", None, "L", "C", 1.1, "points")
    assert edge.status is Status.SUPPORTED
    off = verify_streak({2023: pt("2023", 6.4)}, china, 2023, ">", None, "L", "C", 1.1, "points")
    assert off.status is Status.CONTRADICTED


def test_comparison_size_in_times_and_wrong_direction() -> None:
    claim = parse_comparison("1.5 times the national level")
    assert (claim.size, claim.size_kind) == (1.5, "times")
    a, b = {2020: pt("2020", 3.0)}, {2020: pt("2020", 2.0)}
    assert verify_streak(a, b, 2020, ">", None, "A", "B", 1.5, "times").status is Status.SUPPORTED
    v = verify_streak(a, b, 2020, ">", None, "A", "B", 2.5, "times")
    assert v.status is Status.CONTRADICTED and "size 1.5 not 2.5" in v.explanation
    below = verify_streak(b, a, 2020, ">", None, "B", "A", 1.0, "points")
    assert below.status is Status.CONTRADICTED and "not above" in below.explanation


def test_rank_claims_carry_no_size() -> None:
    claim = parse_comparison("ranking first among the provinces", 1.0)
    assert claim.rank == 1 and claim.size is None
