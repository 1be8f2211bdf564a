"""'N of M' sizes checked exactly, with made-up provincial figures: the count, the total,
and a verdict sentence that says which part holds (issue 13 item 10)."""

from __future__ import annotations

from datetime import date

from ontrack.assess.counts import (
    CountClaim,
    parse_count_claim,
    rank_total,
    verify_count,
    with_rank_total,
)
from ontrack.assess.progress import Point
from ontrack.assess.verify import verify_rank
from ontrack.model import Status

END = date(2023, 12, 31)


def _values(n: int, above: int, *, bar: float = 5.0) -> dict[str, Point]:
    """n made-up provinces, the first `above` of them above the bar."""
    return {
        f"P{i:02d}": Point("2023", END, bar + (1.0 + i / 10 if i < above else -1.0 - i / 10))
        for i in range(n)
    }


def test_parse_count_claims() -> None:
    national = parse_count_claim(
        "20 of the 31 provinces grew faster than the national average", against_national=True
    )
    assert national == CountClaim(20, 31, None)
    words = parse_count_claim(
        "eight of the 31 provincial-level regions had growth above 6 percent",
        against_national=False,
    )
    assert words == CountClaim(8, 31, 6.0, ">")
    below = parse_count_claim("Five of 31 provinces grew less than 3%", against_national=False)
    assert below == CountClaim(5, 31, 3.0, "<")
    zh = parse_count_claim("31个省份中有20个增速高于全国", against_national=True)
    assert zh == CountClaim(20, 31, None)
    # no bar to count by, or not a count of regions: nothing to check
    assert parse_count_claim("8 of the 14 cities met the target", against_national=False) is None
    assert parse_count_claim("3 of 4 reactors", against_national=True) is None
    assert rank_total("ranked 3rd of 31 provinces in growth") == 31
    assert rank_total("ranking first among the 31 provinces") == 31
    assert rank_total("31个省份中居第3") == 31
    assert rank_total("ranked third in the country") is None


def test_count_and_total_hold() -> None:
    v = verify_count(
        CountClaim(20, 31, None),
        _values(31, 20),
        group=31,
        relation=">",
        bar=5.0,
        bar_name="China's",
        period="2023",
    )
    assert v.status is Status.SUPPORTED
    assert v.explanation == (
        "Supported: 20 of the 31 provinces with a 2023 figure are above China's 5 "
        "(claimed 20 of 31)."
    )
    assert v.details and v.details["count"] == 20 and len(v.evidence) == 31


def test_right_total_wrong_count_says_which_part_holds() -> None:
    v = verify_count(
        CountClaim(20, 31, None),
        _values(31, 18),
        group=31,
        relation=">",
        bar=5.0,
        bar_name="China's",
        period="2023",
    )
    assert v.status is Status.CONTRADICTED
    assert v.explanation.startswith(
        "Contradicted: the total holds (31 provinces), but the count is 18, not 20"
    )


def test_right_count_wrong_total_says_which_part_holds() -> None:
    v = verify_count(
        CountClaim(20, 34, None),
        _values(31, 20),
        group=31,
        relation=">",
        bar=5.0,
        bar_name="China's",
        period="2023",
    )
    assert v.status is Status.CONTRADICTED
    assert "the count holds" in v.explanation and "there are 31 provinces, not 34" in v.explanation


def test_a_threshold_below_and_missing_figures() -> None:
    # 29 of 31 provinces have a figure; 3 of them are below 4: the claim of 4 could hold
    values = _values(29, 26, bar=4.0)
    v = verify_count(
        CountClaim(4, 31, 4.0, "<"),
        values,
        group=31,
        relation="<",
        bar=4.0,
        bar_name="",
        period="2023",
    )
    assert v.status is Status.UNVERIFIABLE
    assert "3 of the 29 provinces" in v.explanation and "2 have no figure" in v.explanation
    # ... but 7 cannot, whatever the two missing provinces hold
    wrong = verify_count(
        CountClaim(7, 31, 4.0, "<"),
        values,
        group=31,
        relation="<",
        bar=4.0,
        bar_name="",
        period="2023",
    )
    assert wrong.status is Status.CONTRADICTED and "the count is 3 to 5, not 7" in wrong.explanation


def test_a_rank_of_m_checks_the_m_too() -> None:
    values = _values(31, 31)
    best = max(values, key=lambda r: values[r].value)
    rank = verify_rank(best, values, 1, expected=31)
    assert rank.status is Status.SUPPORTED
    assert with_rank_total(rank, 31, 31, 31) is rank
    fewer = with_rank_total(rank, 30, 31, 31)  # 31 have a figure: which 30 is not known
    assert fewer.status is Status.UNVERIFIABLE
    assert fewer.explanation.endswith(
        "31 provinces have a figure, so which 30 are meant is not known."
    )
    too_many = with_rank_total(rank, 40, 31, 31)
    assert too_many.status is Status.CONTRADICTED
    assert too_many.explanation == (
        "Contradicted: the rank holds, but there are 31 provinces, not 40."
    )
    miss = with_rank_total(verify_rank(best, values, 2, expected=31), 40, 31, 31)
    assert miss.status is Status.CONTRADICTED and miss.explanation.endswith(
        "; and there are 31 provinces, not 40."
    )


def test_scorecard_checks_n_of_m_against_the_provinces(tmp_path) -> None:
    """End to end: a national briefing's 'N of the 31 provinces' claim, made-up figures."""
    from ontrack.assess import build_scorecard, link_statements
    from ontrack.catalog import default_catalog
    from ontrack.extract import extract_document
    from ontrack.model import Document
    from ontrack.store import Store

    provinces = [r.id for r in default_catalog().regions() if r.level == "province"]
    rows = [
        "region,indicator,period,value,unit,source",
        "CN,gdp_real_growth_yoy,2023,5.2,percent,NBS",
    ]
    for i, rid in enumerate(provinces):  # 18 provinces above China's 5.2, 13 below
        rows.append(f"{rid},gdp_real_growth_yoy,2023,{6 + i / 10 if i < 18 else 4:.1f},percent,x")
    (tmp_path / "g.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    store.ingest(tmp_path / "g.csv")
    text = (
        "China's economy grew 5.2 percent in 2023. "
        "In 2023, 20 of the 31 provinces grew faster than the national average.\n"
    )
    doc = Document(text=text, title="t", date=date(2024, 3, 1), region_id="CN")
    store.save_document(doc, extract_document(doc))
    link_statements(store)
    items = build_scorecard(store, "CN", as_of=date(2024, 6, 1))["items"]
    claim = next(it for it in items if it["statement"]["kind"] == "comparison")
    assert claim["status"] == Status.CONTRADICTED
    assert claim["explanation"] == (
        "Contradicted: the total holds (31 provinces), but the count is 18, not 20 "
        "(18 of the 31 provinces with a 2023 figure are above China's 5.2)."
    )
    assert len(claim["evidence"]) == 31
    store.close()
