"""Lists that share a unit, a subject or a verb (sentences written for the tests)."""

from __future__ import annotations

from datetime import date

from ontrack.extract import extract_text
from ontrack.extract.coordination import elided_subject, listed_regions
from ontrack.model import StatementKind


def _extract(text: str, day: str = "2024-02-01") -> list:
    return extract_text(text, date=date.fromisoformat(day))


def test_numbers_listed_before_one_unit_share_it() -> None:
    found = _extract("Offshore wind passed the 5, 10 and 15 gigawatt marks in 2023.")
    assert sorted((st.value, st.unit) for st in found) == [(5, "GW"), (10, "GW"), (15, "GW")]


def test_listed_numbers_share_the_scale_word() -> None:
    found = _extract("Grain stocks stood at 2, 3 and 4 million tonnes in 2021, 2022 and 2023.")
    assert {st.value for st in found} == {2e6, 3e6, 4e6}
    assert all(st.unit == "tonnes" for st in found)


def test_years_in_a_list_are_never_figures() -> None:
    found = _extract("In 2019, 2020 and 2021 ridership grew 4 percent a year.")
    assert [st.value for st in found] == [4.0]


def test_each_region_listed_as_the_subject_gets_the_figure() -> None:
    found = _extract("Sichuan, Gansu and Hebei all grew faster than 6% in 2023.")
    assert [st.region_id for st in found if st.value == 6.0] == ["CN-SC", "CN-GS", "CN-HE"]
    assert all(st.quote.startswith("Sichuan") for st in found)


def test_one_region_is_no_list() -> None:
    assert listed_regions("Sichuan grew 6%", [(0, 7, "CN-SC")], 0, 13) == ([], 13)


def test_a_level_and_its_change_share_the_subject() -> None:
    found = _extract(
        "Cement output was 40 million tonnes, up 2.5%; glass 9 million tonnes, down 1.2%."
    )
    by_value = {st.value: st for st in found}
    assert by_value[2.5].indicator.startswith("Cement output")
    assert by_value[1.2].indicator == "decline in glass"


def test_an_elided_subject_carries_the_indicator_into_a_target() -> None:
    found = _extract(
        "Heat pumps make up 12 percent of heating, and are expected to pass 20 percent by 2030."
    )
    level, target = sorted(found, key=lambda st: st.start)
    assert level.kind is StatementKind.RESULT and level.period == "2024"
    assert target.kind is StatementKind.TARGET and target.period == "2030"
    assert target.comparator is not None and target.comparator.value == ">"
    assert target.indicator == level.indicator != ""


def test_elided_subjects() -> None:
    assert elided_subject("") and elided_subject("down") and elided_subject(", and up")
    assert not elided_subject("crude steel")
