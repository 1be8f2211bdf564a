"""Numbers that are not statements, with sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import extract_text
from ontrack.model import StatementKind

D = date(2024, 4, 23)


def values(text: str) -> list[tuple[float | None, str | None]]:
    return [(s.value, s.unit) for s in extract_text(text, date=D) if s.kind != StatementKind.GOAL]


@pytest.mark.parametrize(
    "text",
    [
        "Exports reached 5.4 trillion yuan (about 750 billion U.S. dollars) in 2023.",
        "Exports reached 5.4 trillion yuan ($750 billion) in 2023.",
        "The scheme cost Rs 8,000 crore, or about $960 million, in 2022.",
        "The fund holds €3 billion (roughly £2.6 billion) in 2023.",
    ],
)
def test_currency_conversions_are_dropped(text: str) -> None:
    assert len(values(text)) == 1


def test_two_measures_of_one_quantity_are_kept() -> None:
    got = values("The surplus was €8.8 billion or 3 per cent of national income in 2023.")
    assert got == [(8.8e9, "EUR"), (3, "percent")]


def test_two_amounts_in_one_currency_after_or_are_kept() -> None:
    got = values("Grants rose to $2 billion in 2022, or $3 billion in 2023.")
    assert len(got) == 2


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Firms with yearly sales above 20 million yuan grew 6 percent in 2023.", [6.0]),
        ("Households earning less than $30,000 got 12 percent more aid in 2023.", [12.0]),
        ("Enterprises with annual revenue of 5 million euros or more grew 3% in 2022.", [3.0]),
    ],
)
def test_definitional_thresholds_are_dropped(text: str, kept: list[float]) -> None:
    assert [v for v, _ in values(text)] == kept


@pytest.mark.parametrize(
    "text",
    [
        "The farm will generate 300 GWh a year by 2026, enough to power more than 52,000 homes.",
        "The new park produces 90 GWh in 2023, enough electricity to supply 20,000 households.",
        "The trees absorb 4,000 tonnes of CO2 in 2023, the equivalent of 2,600 cars.",
        "Cycling saved 9,000 tonnes in 2023, like taking 5,000 cars off the road.",
    ],
)
def test_illustrative_equivalences_are_dropped(text: str) -> None:
    assert len(values(text)) == 1


def test_partner_counts_are_dropped() -> None:
    assert values("The agency signed agreements with 12 local governments in 2023.") == []
    assert values("It set up partnerships with 40 companies in 2022.") == []


def test_a_count_that_is_the_statement_stays() -> None:
    got = values("The city added 40 companies to its register in 2022.")
    assert got == [(40, "count")]


@pytest.mark.parametrize(
    "text",
    [
        "Just over half (58%) of the power came from wind in 2022.",
        "More than half of the power used in 2022 came from wind (54.5%).",
    ],
)
def test_a_fraction_restated_as_a_percentage_is_one_item(text: str) -> None:
    got = values(text)
    assert len(got) == 1 and got[0][1] == "percent"


def test_a_fraction_beside_a_different_percentage_is_kept() -> None:
    got = values("More than half of the new jobs went to women in 2022 (up 12% on 2021).")
    assert (0.5, "fraction") in got


def test_counts_of_events_and_agreements_are_dropped() -> None:
    assert values("The minister attended 12 summits and signed 30 agreements in 2023.") == []


def test_numbers_in_programme_names_are_dropped() -> None:
    assert values("Bid Window 5 added 2,583 MW in 2021.") == [(2583, "MW")]
    assert values("Round 3 of the scheme closed in 2022.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The minister paid 3 visits to the region in 2023.",
        "The plan lists 30 key projects for 2025.",
        "The plant supplies enough power for 40,000 homes.",
        "The bill passed by 52 votes in 2022.",
        "A survey of 1,200 adults was conducted in May 2023.",
        "The forum gathered 2,000 participants in 2023.",
    ],
)
def test_procedural_counts_are_dropped(text: str) -> None:
    assert values(text) == []


def test_visits_received_are_a_statement() -> None:
    assert values("The city received 20 million visits in 2023.") == [(20e6, "persons")]
