"""The document's time frame, kind from the clause, fiscal years and horizons.

Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import extract_text
from ontrack.extract.fiscal import FiscalYear, fiscal_year_of
from ontrack.extract.kind import Modality, decide_kind
from ontrack.extract.timeframe import document_time_frame, resolve_by_tense, shift_years
from ontrack.extract.timex import TimeMention, find_times
from ontrack.model import StatementKind


def _by_value(text: str, day: str | None = None, title: str = "") -> dict[float, object]:
    found = extract_text(text, date=date.fromisoformat(day) if day else None, title=title)
    return {st.value: st for st in found if st.value is not None}


def test_a_january_review_reports_last_year_and_aims_at_this_year() -> None:
    text = (
        "The annual report looked back on the work of 2020.\n\n"
        "Industrial output grew 4.4 percent. Farm income is expected to rise about 6 percent."
    )
    found = _by_value(text, "2021-01-18")
    assert found[4.4].kind is StatementKind.RESULT and found[4.4].period == "2020"
    assert found[6.0].kind is StatementKind.TARGET and found[6.0].period == "2021"


def test_the_lead_sets_the_period_of_figures_with_no_time_of_their_own() -> None:
    text = (
        "The bulletin covering April to June 2021 is out.\n\n"
        "Tourist arrivals rose 12 percent on the same quarter last year. "
        "About 40,000 visitors came by ferry."
    )
    found = _by_value(text, "2021-08-30")
    assert found[12.0].period == "2021Q2"  # not the base quarter of 2020
    assert found[40000.0].period == "2021Q2"


def test_a_quarter_without_a_year_in_a_past_tense_report_is_the_latest_one_over() -> None:
    found = _by_value(
        "In the fourth quarter, sales of heat pumps rose 7.5 percent. "
        "In the first quarter, sales fell 1.5 percent.",
        "2018-04-26",
    )
    assert found[7.5].kind is StatementKind.RESULT and found[7.5].period == "2017Q4"
    assert found[1.5].period == "2018Q1"


def test_past_tense_verbs_make_results_and_modal_verbs_targets() -> None:
    found = _by_value(
        "In the third quarter, rail freight climbed 2.8 percent. "
        "Port traffic will grow 5.5 percent in the third quarter.",
        "2019-02-10",
    )
    assert found[2.8].kind is StatementKind.RESULT and found[2.8].period == "2018Q3"
    assert found[5.5].kind is StatementKind.TARGET and found[5.5].period == "2019Q3"


def test_an_estimate_for_a_period_already_over_is_a_result() -> None:
    found = _by_value("Exports are expected to have grown 3.3 percent in 2022.", "2023-01-12")
    assert found[3.3].kind is StatementKind.RESULT and found[3.3].period == "2022"


def test_a_target_noun_makes_a_target_whatever_the_verb() -> None:
    found = _by_value("The recycling target was set at 65 percent for 2030.", "2021-05-05")
    assert found[65.0].kind is StatementKind.TARGET and found[65.0].period == "2030"


@pytest.mark.parametrize(
    ("mood", "period", "kind"),
    [
        (Modality.PAST, (date(2030, 1, 1), date(2030, 12, 31)), StatementKind.RESULT),
        (Modality.INTENT, (date(2020, 1, 1), date(2020, 12, 31)), StatementKind.RESULT),
        (Modality.INTENT, (date(2026, 1, 1), date(2026, 12, 31)), StatementKind.TARGET),
        (Modality.PRESENT, (date(2027, 1, 1), date(2027, 12, 31)), StatementKind.TARGET),
        (Modality.PRESENT, None, StatementKind.RESULT),
    ],
)
def test_decide_kind_reads_the_modality_first(
    mood: Modality, period: tuple[date, date] | None, kind: StatementKind
) -> None:
    published = date(2025, 3, 1)
    assert decide_kind(mood, target_noun=False, period=period, published=published) is kind


def test_without_a_date_or_a_year_the_period_stays_unknown() -> None:
    found = _by_value("Bus ridership grew 9.5 percent last year.")
    assert found[9.5].period is None


@pytest.mark.parametrize(
    ("region", "text", "label"),
    [
        ("SG", "FY2024", "2024-04/2025-03"),  # named for the year it starts in
        ("JP", "fiscal 2023", "2023-04/2024-03"),
        ("IN", "FY24", "2023-04/2024-03"),  # named for the year it ends in
        ("IN", "2023-24", "2023-04/2024-03"),
        ("GB", "2023/24", "2023-04/2024-03"),
        ("AU", "2024-25", "2024-07/2025-06"),
        ("BD", "fiscal 2023-24", "2023-07/2024-06"),
        ("EG", "the fiscal year 2012-2013", "2012-07/2013-06"),
        ("US", "fiscal year 2023", "2022-10/2023-09"),
        ("DE", "FY2024", "2024"),  # calendar fiscal years
    ],
)
def test_fiscal_years_follow_the_jurisdiction(region: str, text: str, label: str) -> None:
    times = find_times(f"Revenue in {text} rose.", 2024, 2024, fiscal=fiscal_year_of(region))
    assert [t.label for t in times] == [label]


def test_two_calendar_years_are_a_span_where_fiscal_years_are_calendar_years() -> None:
    times = find_times("Output in 2021-22 rose.", 2024, 2024, fiscal=fiscal_year_of("FR"))
    assert [t.label for t in times] == ["2021/2022"]


def test_relative_fiscal_years_count_from_the_publication_date() -> None:
    au = FiscalYear(7)
    published = date(2024, 5, 14)  # in fiscal 2023-24
    times = find_times(
        "It was 1.2 percent in the last financial year and is 0.9 percent in the current "
        "financial year.",
        2024,
        2024,
        published=published,
        fiscal=au,
    )
    assert [t.label for t in times] == ["2022-07/2023-06", "2023-07/2024-06"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Spending will double over the next decade.", "2034"),
        ("Capacity will grow in the coming five years.", "2029"),
        ("The plant will be built within the next 18 months.", "2025-12"),
        ("Coal will be gone by the end of the decade.", "2030"),
    ],
)
def test_horizons_count_from_the_publication(text: str, label: str) -> None:
    times = find_times(text, 2024, 2024, published=date(2024, 6, 20))
    assert [t.label for t in times if t.role == "deadline"] == [label]


def test_the_past_five_years_of_a_report_early_in_a_year_end_last_year() -> None:
    found = _by_value("Over the past five years, exports grew 6.1 percent a year.", "2016-01-25")
    assert found[6.1].period == "2011/2015"


def test_a_plan_that_comes_to_an_end_is_a_deadline_at_its_last_day() -> None:
    found = _by_value(
        "When the 12th Five-Year Plan (2011-2015) comes to an end, forest cover will reach "
        "21.7 percent.",
        "2011-03-14",
    )
    assert found[21.7].kind is StatementKind.TARGET and found[21.7].period == "2015-12-31"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the share was 0.8 points lower than in March 2020", "2020-03"),
        ("up 4 percent compared with the second quarter of 2021", "2021Q2"),
        ("still 30% below the level seen in the 2019 June quarter", "2019Q2"),
    ],
)
def test_a_period_after_a_baseline_preposition_is_a_base(text: str, label: str) -> None:
    times = find_times(text, 2022, 2022)
    assert [(t.role, t.label) for t in times] == [("baseline", label)]


def test_a_range_after_from_stays_the_period() -> None:
    times = find_times("Sales grew 3 percent from January to June 2022.", 2022, 2022)
    assert [(t.role, t.label) for t in times] == [("period", "2022-01/2022-06")]


def test_month_named_quarters_and_month_runs() -> None:
    assert [t.label for t in find_times("in the September quarter of 2022", 2022, 2022)] == [
        "2022Q3"
    ]
    assert [t.label for t in find_times("from March to May 2023", 2023, 2023)] == [
        "2023-03/2023-05"
    ]
    # the day pattern does not read the "20" of a year as a day
    assert [t.label for t in find_times("it fell in June 2022", 2022, 2022)] == ["2022-06"]


def test_a_clause_after_the_figure_does_not_lend_it_its_period() -> None:
    found = _by_value(
        "The bureau published its figures on the third quarter today.\n\n"
        "Retail sales grew 3.5 percent, against 2.4 percent in the second quarter.",
        "2019-10-20",
    )
    assert found[2.4].period == "2019Q2"
    assert found[3.5].period == "2019Q3"  # the document's frame, not the other clause's


def test_time_frame_of_a_document() -> None:
    frame = document_time_frame(
        "Figures covering July to September 2022 were published today.\n\nMore text.",
        date_given=date(2022, 12, 8),
        region_id="NZ",
    )
    assert frame.report_period == "2022Q3"
    assert frame.fiscal == FiscalYear(7)
    assert frame.review_year is None
    review = document_time_frame(
        "The report reviewed the work of 2016.", date_given=date(2017, 1, 20)
    )
    assert review.review_year == 2016 and review.undated_target_period() == "2017"


def test_resolve_by_tense_and_shift_years() -> None:
    yearless = TimeMention(0, 10, "period", "2016Q4", 2016, False)
    assert resolve_by_tense(yearless, "2016Q4", True, date(2016, 4, 28)) == "2015Q4"
    assert resolve_by_tense(yearless, "2016Q4", False, date(2016, 4, 28)) == "2016Q4"
    written = TimeMention(0, 10, "period", "2016Q4", 2016, True)
    assert resolve_by_tense(written, "2016Q4", True, date(2016, 4, 28)) == "2016Q4"
    assert shift_years("2016-01/2016-06", -1) == "2015-01/2015-06"


def test_a_budgets_figures_without_a_time_are_targets_for_its_fiscal_year() -> None:
    text = (
        "The finance minister delivered the budget speech on Thursday.\n\n"
        "Total spending is set at 52.4 billion dollars. Revenue grew 3.1 percent last year."
    )
    found = _by_value(text, "2024-02-15", title="Ministry of Finance, Japan")
    assert found[52.4e9].kind is StatementKind.TARGET
    assert found[52.4e9].period == "2024-04/2025-03"
    assert found[3.1].kind is StatementKind.RESULT  # past tense: reported


def test_a_named_budget_year_and_a_calendar_fiscal_year() -> None:
    frame = document_time_frame("Budget 2025 was presented today.", date_given=date(2024, 10, 1))
    assert frame.budget_period == "2025"
    frame = document_time_frame(
        "The national budget was unveiled.", date_given=date(2023, 6, 1), region_id="BD"
    )
    assert frame.budget_period == "2023-07/2024-06"
    assert document_time_frame("Deficit news.", date_given=date(2023, 6, 1)).budget_period is None


def test_an_expectation_for_a_year_about_to_close_is_its_outturn() -> None:
    found = _by_value(
        "The ministry is forecasting tax revenue of 88 billion euros this year.", "2023-10-10"
    )
    assert found[88e9].kind is StatementKind.RESULT and found[88e9].period == "2023"
    found = _by_value(
        "The ministry is forecasting tax revenue of 90 billion euros next year.", "2023-10-10"
    )
    assert found[90e9].kind is StatementKind.TARGET and found[90e9].period == "2024"


def test_a_time_between_a_base_figure_and_the_figure_is_the_bases() -> None:
    # our own sentence: "from X in P1 to Y in P2" gives Y the period P2, not P1
    from ontrack.extract import extract_text

    got = {
        st.value: st.period
        for st in extract_text(
            "The debt ratio of Ruritania fell from 98% in June 2019 to 81.5% in June 2023."
        )
    }
    assert got.get(81.5) == "2023-06"


def test_twelve_months_named_for_their_last_month() -> None:
    # our own sentences: a rolling year ends with its month, the latest one already over
    found = _by_value(
        "Rents rose 4.2 percent in the 12 months to December. Fares grew 2.7 percent in the "
        "year ending March 2024, and wages 5.1 percent in the year to June.",
        "2024-08-20",
    )
    assert found[4.2].period == "2023" and found[4.2].kind is StatementKind.RESULT
    assert found[2.7].period == "2023-04/2024-03"
    assert found[5.1].period == "2023-07/2024-06"


def test_a_reported_month_sets_no_target_period_and_a_base_sets_no_result_period() -> None:
    # our own sentences: "in November" in a January release is last November, the next
    # sentence's undated figure is the headline's (December), not the base's
    found = _by_value(
        "Bus fares rose 3.6 percent in December, up from 3.2 percent in November. "
        "Rail fares eased to 2.8 percent.",
        "2024-01-15",
    )
    assert found[3.2].period == "2023-11"
    assert found[2.8].kind is StatementKind.RESULT and found[2.8].period == "2023-12"


@pytest.mark.parametrize(
    "sentence",
    [
        "The jobless rate held at 4.1 percent.",
        "Core inflation slowed to 2.9 percent.",
        "Retail sales dipped to 1.1 percent.",
    ],
)
def test_movements_of_a_level_are_results(sentence: str) -> None:
    (st,) = [s for s in extract_text(sentence, date=date(2024, 3, 1)) if s.value is not None]
    assert st.kind is StatementKind.RESULT


def test_a_budgets_allocations_and_projections_are_targets() -> None:
    # our own sentences, a budget for the year ahead
    found = _by_value(
        "For FY2025 the budget projects revenue of $91 billion. It allocates $4.5 billion "
        "to hospitals and proposes a 2.5 percent rise in pensions.",
        "2024-02-20",
    )
    assert all(found[v].kind is StatementKind.TARGET for v in (91e9, 4.5e9, 2.5))
