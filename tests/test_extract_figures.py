"""Figures: units, currencies, scale words and value types, with sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import extract_text
from ontrack.model import Statement, StatementKind, ValueType

D = date(2024, 4, 23)


def stmts(text: str, *, when: date = D, region: str | None = None) -> list[Statement]:
    return [s for s in extract_text(text, date=when, region=region) if s.kind != StatementKind.GOAL]


def one(text: str, **kw: object) -> Statement:
    found = stmts(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(s.kind, s.value, s.unit, s.quote) for s in found]
    return found[0]


def values(text: str, **kw: object) -> list[tuple[float | None, str | None]]:
    return [(s.value, s.unit) for s in stmts(text, **kw)]  # type: ignore[arg-type]


# --- currencies by ISO code ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The harbour fund held £768,000 at the end of 2019.", 768_000, "GBP"),
        ("The council spent €2.5 billion on transport in 2022.", 2.5e9, "EUR"),
        ("Tax receipts were S$19.4 billion in 2023.", 19.4e9, "SGD"),
        ("Household spending reached R$10.9 trillion in 2023.", 10.9e12, "BRL"),
        ("The port earned A$1.2 billion in 2022.", 1.2e9, "AUD"),
        ("Mining royalties were C$3 billion in 2021.", 3e9, "CAD"),
        ("The programme cost NZ$45 million in 2020.", 45e6, "NZD"),
        ("Aggregate output stood at N12,345,678.9 million in 2021.", 12_345_678.9e6, "NGN"),
        ("The utility raised R2.5 billion in 2022.", 2.5e9, "ZAR"),
        ("The fund reached EGP 40 billion in 2022.", 40e9, "EGP"),
        ("Farm exports were 5 billion AUD in 2023.", 5e9, "AUD"),
        ("Car exports earned 300 billion yen in 2023.", 300e9, "JPY"),
        ("Tourism brought in 1.5 trillion baht in 2019.", 1.5e12, "THB"),
        ("Trade passed Dh1.3 trillion in 2023.", 1.3e12, "AED"),
        ("Remittances were 20 billion rupees in 2022.", 20e9, "INR"),
    ],
)
def test_currencies_are_iso_codes(text: str, value: float, unit: str) -> None:
    s = one(text)
    assert s.value == pytest.approx(value) and s.unit == unit


def test_a_lower_case_word_is_not_a_currency_code() -> None:
    # "pen" is a word here, not the Peruvian sol's code PEN
    assert values("The school bought 300 pen sets in 2023.") != [(300.0, "PEN")]


def test_indian_scale_words() -> None:
    assert one("The outlay is Rs 10 lakh crore in 2023.").value == pytest.approx(1e13)
    assert one("The outlay is Rs. 2.5 lakh in 2023.").value == pytest.approx(2.5e5)
    s = one("The state allotted ₹450 crore for roads in 2023.")
    assert (s.value, s.unit) == (pytest.approx(4.5e9), "INR")
    s = one("Tk 4.30 lakh crore will be collected in 2025.")
    assert (s.value, s.unit) == (pytest.approx(4.3e12), "BDT")


def test_south_asian_digit_grouping() -> None:
    assert one("The plan costs Tk 7,61,785 crore in 2025.").value == pytest.approx(7_617_850e6)
    assert one("The plan costs Tk 7, 61, 785 crore in 2025.").value == pytest.approx(7_617_850e6)
    assert one("The plan costs Tk 761,785cr in 2025.").value == pytest.approx(7_617_850e6)


def test_grouping_in_twos_only_where_it_is_the_norm() -> None:
    # a list of small numbers is not one number when no lakh, crore or rupee is near
    got = values("Scores were 7, 61, 785 points.")
    assert (761785.0, None) not in got and (7_617_850.0, None) not in got


def test_price_per_unit() -> None:
    s = one("The average bid price was R450/MWh in 2021.")
    assert (s.value, s.unit) == (450, "ZAR/MWh")
    s = one("Brent averaged $82 a barrel in 2023.")
    assert (s.value, s.unit) == (82, "USD/barrel")
    s = one("The tariff was €0.25 per kWh in 2022.")
    assert (s.value, s.unit) == (0.25, "EUR/kWh")


# --- physical units kept as written -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The wind farm has 825 MW of capacity in 2019.", 825, "MW"),
        ("Solar parks added 4,200 megawatts in 2022.", 4200, "MW"),
        ("Wind turbines generated 12,345 GWh in 2022.", 12345, "GWh"),
        ("Batteries stored 310 MWh in 2023.", 310, "MWh"),
        ("Generation reached 48 TWh in 2023.", 48, "TWh"),
        ("Airlines used around 3 million litres of biofuel in 2022.", 3e6, "litres"),
        ("Oil output averaged 1.57mbpd in 2021.", 1.57e6, "barrels per day"),
        ("Oil output averaged 1.2 million barrels per day in 2021.", 1.2e6, "barrels per day"),
        ("Refineries processed 640,000 barrels a day in 2020.", 640_000, "barrels per day"),
        ("The summer was 2.1 degrees Celsius warmer in 2022.", 2.1, "degrees Celsius"),
        ("The peak was 41.5°C in 2023.", 41.5, "degrees Celsius"),
        ("The city built 120 kilometers of new bike lanes in 2023.", 120, "km"),
        ("Fine dust fell to 30 micrograms per cubic meter in 2023.", 30, "µg/m3"),
        ("Builders finished 14,000 homes in 2023.", 14000, "units"),
    ],
)
def test_units_written_in_the_text_are_kept(text: str, value: float, unit: str) -> None:
    s = one(text)
    assert s.value == pytest.approx(value) and s.unit == unit


def test_million_kilowatts_still_become_kilowatts() -> None:
    s = one("Hydropower capacity stood at 42 million kilowatts at the end of March.")
    assert (s.value, s.unit) == (42e6, "kW")


# --- fractions, multiples, percentage points ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Approximately two thirds of the power came from wind in 2019.", 0.667, "fraction"),
        ("About one third of the budget went to schools in 2022.", 0.333, "fraction"),
        ("Over half of the new buses were electric in 2023.", 0.5, "fraction"),
        ("The majority of electricity came from renewables in 2023.", 0.5, "fraction"),
        ("Exports tripled in 2023.", 3, "times"),
        ("Spending is three times the outlay of 2019, the minister said in 2023.", 3, "times"),
        ("Output rose 1.78 per cent points in 2022.", 1.78, "percentage points"),
    ],
)
def test_fractions_and_multiples(text: str, value: float, unit: str) -> None:
    s = one(text)
    assert s.value == pytest.approx(value) and s.unit == unit


def test_the_majority_of_them_is_no_fraction() -> None:
    assert all(u != "fraction" for _, u in values("The majority of them grew fast in 2023."))


def test_points_beside_percentages_are_percentage_points() -> None:
    got = values("Coal will be 20% in 2030, 1.5 points lower than wind at 21.5% in 2030.")
    assert (1.5, "percentage points") in got


def test_points_of_an_index_stay_out() -> None:
    got = values("The index rose 12 points higher in 2023, to 3,200.")
    assert all(u != "percentage points" for _, u in got)


def test_a_change_of_a_ratio_to_gdp_is_in_percentage_points() -> None:
    s = one("The debt ratio decreased by 15.6% of GDP in 2022.")
    assert (s.value, s.unit) == (15.6, "percentage points")
    s = one("The deficit was 6.1% of GDP in 2022.")
    assert s.unit == "percent"


# --- counts that are statements -----------------------------------------------------------


def test_counts_of_places_with_a_change() -> None:
    text = (
        "Thirty-one states had unemployment rate decreases in May 2014, 8 states had increases, "
        "and employment increased in 39 states."
    )
    assert [v for v, u in values(text) if u == "count"] == [31, 8, 39]


def test_a_count_of_places_alone_is_no_statement() -> None:
    assert values("The programme runs in 50 states.") == []


def test_signed_changes_in_brackets() -> None:
    text = "Payroll jobs rose in Ohio (+12,300) and Iowa (+4,100) in March 2014."
    assert values(text) == [(12300, "persons"), (4100, "persons")]
    assert values("Sales fell in Kent (-2,500) in 2020.") == [(2500, "count")]


def test_a_count_restating_a_share() -> None:
    got = values("In 2019, 90% of solar projects (41,200) were owned by households.")
    assert got == [(90, "percent"), (41200, "count")]


def test_a_change_of_the_count_just_given() -> None:
    got = values("In 2019 there were 12,500 charging stations, 2,100 more than in 2018.")
    assert (2100, "count") in got


# --- value types --------------------------------------------------------------------------


def test_second_figure_of_a_target_is_a_level_not_a_growth_rate() -> None:
    text = (
        "The county aims to grow its output by around 4 percent in 2025 and to raise the "
        "share of wind power to 45 percent by 2026."
    )
    got = [(s.value, s.value_type) for s in stmts(text)]
    assert got == [(4, ValueType.GROWTH_RATE), (45, ValueType.LEVEL)]


def test_the_object_of_than_is_a_level() -> None:
    text = "Gas will supply 30% in 2030, 2 points lower than 32% under the old plan."
    types = {s.value: s.value_type for s in stmts(text) if s.kind == StatementKind.TARGET}
    assert types[30] == ValueType.LEVEL and types[32] == ValueType.LEVEL


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Emissions were cut by a third in 2022.", 0.333, "fraction"),
        ("Landfill waste fell by half in 2021.", 0.5, "fraction"),
        ("The bank raised its rate by 50 basis points in 2023.", 50, "basis points"),
        ("Coal use was 5 Mt in 2022.", 5e6, "tonnes"),
        ("Gas demand was 12 bcm in 2022.", 12e9, "cubic meters"),
        ("Rooftop solar reached 300 MWp in 2023.", 300, "MW"),
    ],
)
def test_more_scale_and_unit_words(text: str, value: float, unit: str) -> None:
    s = one(text)
    assert s.value == pytest.approx(value) and s.unit == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The jobless rate fell three-tenths of a percentage point in 2023.", 0.3),
        ("Inflation rose half a percentage point in 2022.", 0.5),
        ("The policy rate dropped a quarter of a percentage point in 2021.", 0.25),
    ],
)
def test_fractions_of_a_percentage_point(text: str, value: float) -> None:
    s = one(text)
    assert (s.value, s.unit) == (value, "percentage points")


def test_thousands_grouped_with_spaces() -> None:
    text = (
        "At least 2 600 megawatts, including 1 600 MW from wind and 1 000MW from solar, "
        "will be added by 2026."
    )
    assert values(text, when=date(2022, 1, 1)) == [(2600, "MW"), (1600, "MW"), (1000, "MW")]
    assert one("The fund spent 12 500 000 euros in 2022.").value == 12_500_000


def test_numbers_grouped_with_spaces_need_a_unit() -> None:
    assert values("Scores were 3 500 and 4 200 in 2020.") == []


def test_short_scale_before_people_and_things() -> None:
    assert values("The firm hired 50k workers in 2022.") == [(50_000, "persons")]
    assert values("Builders finished 1.2m homes in 2023.") == [(1_200_000, "units")]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Payrolls rose by 214,000 in May.", 214000, "persons"),
        ("Net migration was estimated at 512,000 in 2023.", 512000, "persons"),
        ("Visitor arrivals fell by 130,000 in 2023.", 130000, "persons"),
    ],
)
def test_counted_subjects_give_figures_with_no_unit(sentence: str, value: float, unit: str) -> None:
    # our own sentences: statistics releases give counts of people with no unit word
    from datetime import date

    from ontrack.extract import extract_text

    got = [s for s in extract_text(sentence, date=date(2024, 6, 7)) if s.value is not None]
    assert [(s.value, s.unit) for s in got] == [(value, unit)]


def test_a_bare_number_needs_a_counted_subject_and_grouping() -> None:
    from datetime import date

    from ontrack.extract import extract_text

    assert not [
        s
        for s in extract_text("The index rose by 12 in May.", date=date(2024, 6, 7))
        if s.unit == "persons"
    ]
