"""The demo briefing, and a news article written for this test with the same facts in another
style, both give the seed's statements: indicator, kind, value, comparator and period."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.datasets import briefing_path
from ontrack.extract import extract_document, extract_text, read_document
from ontrack.model import Statement

# (kind, indicator id, value, comparator, period); a first-quarter growth figure is the
# cumulative (year-to-date) series, not the annual one
SEED = {
    ("result", "gdp_real_growth_yoy", 5.3, None, "2023"),
    ("result", "gdp_real_growth_yoy_ytd", 5.4, None, "2024Q1"),
    ("result", "share_clean_energy_in_capacity", 49.5, None, "2024"),
    ("target", "share_clean_energy_in_capacity", 50.0, ">", "2024-12-31"),
    ("target", "share_clean_energy_in_capacity", 56.8, "=", "2025-12-31"),
}

NEWS_STYLE = """SHENYANG, April 23 -- Northeast China's Liaoning province said on Tuesday its
economy expanded 5.3 percent last year, outpacing the country
as a whole for the first time in ten years.

Gross domestic product rose 5.4 percent year on year in the January-March quarter, officials told
reporters in Beijing.

Clean energy makes up 49.5 percent of Liaoning's installed generating capacity today. By the end
of this year the share is expected to top 50 percent, and by the end of 2025 it should reach 56.8
percent, according to the provincial government.
"""


def _seed_rows(
    found: list[Statement],
) -> set[tuple[str, str | None, float | None, str | None, str | None]]:
    return {
        (
            st.kind.value,
            st.indicator_id,
            st.value,
            st.comparator.value if st.comparator else None,
            st.period,
        )
        for st in found
        if st.value is not None
    }


def test_the_demo_briefing_gives_the_seed() -> None:
    doc = read_document(briefing_path())
    assert _seed_rows(extract_document(doc)) >= SEED


@pytest.mark.parametrize("region", ["Liaoning", None])
def test_a_news_article_with_the_same_facts_gives_the_seed(region: str | None) -> None:
    found = extract_text(NEWS_STYLE, date=date(2024, 4, 23), region=region)
    assert _seed_rows(found) >= SEED
    assert {st.region_id for st in found if st.value is not None} == {"CN-LN"}
    comparisons = [st for st in found if st.kind.value == "comparison"]
    assert comparisons and "first time" in comparisons[0].quote
