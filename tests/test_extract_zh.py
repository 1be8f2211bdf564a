"""The Chinese front end: each pattern of issue 14 with sentences written for these tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontrack.cli import app
from ontrack.errors import ExtractionError
from ontrack.extract import extract_path, extract_text
from ontrack.extract.zh import detect_language
from ontrack.extract.zh.figures import find_figures
from ontrack.extract.zh.text import fold_text
from ontrack.extract.zh.timeframe import find_times, plan_years
from ontrack.model import Statement

APRIL = date(2024, 4, 23)
JANUARY = date(2025, 1, 20)


def zh(text: str, when: date | None = APRIL) -> list[Statement]:
    return extract_text(text, date=when, lang="zh")


def one(text: str, when: date | None = APRIL) -> Statement:
    (st,) = zh(text, when)
    return st


def test_language_detection_and_dispatch() -> None:
    assert detect_language("某市工业增加值增长6.2%，其中高技术制造业增长11%。") == "zh"
    assert detect_language("Industrial output rose 6.2 percent in the city.") == "en"
    # Chinese with English terms and a few Latin words stays Chinese
    assert detect_language("全市GDP增长5%，R&D投入强度达到2.4%，5G基站超过1万个。") == "zh"
    (st,) = extract_text("全市地区生产总值增长5.1%。", date=APRIL)
    assert st.value == 5.1 and st.indicator_id == "gdp_real_growth_yoy"
    with pytest.raises(ExtractionError, match="no extractor for language"):
        extract_text("全市地区生产总值增长5.1%。", lang="fr")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("某省地区生产总值达到30508.6亿元。", 30508.6e8, "yuan"),
        ("全省风电装机达到1250.4万千瓦。", 1250.4e4, "kW"),
        ("进出口总额突破1.8万亿元。", 1.8e12, "yuan"),
        ("全年发电量2150亿千瓦时。", 2150e8, "kWh"),
        ("实际使用外资42亿美元。", 42e8, "USD"),
        ("粮食总产量520.3万吨。", 520.3e4, "tonnes"),
        ("城镇新增就业32.5万人。", 32.5e4, "persons"),
        ("新登记市场主体8.6万户。", 8.6e4, "count"),
        ("城镇调查失业率为5.1%。", 5.1, "percent"),
    ],
)
def test_scale_words_and_units(sentence: str, value: float, unit: str) -> None:
    st = one(sentence)
    assert st.value == pytest.approx(value) and st.unit == unit


def test_percentage_points_chinese_numerals_fractions_and_multiples() -> None:
    assert one("城镇化率比上年末提高1.1个百分点。").unit == "percentage points"
    assert one("城镇化率比上年末提高三个百分点。").value == 3
    share = one("到2027年，新能源装机占比达到六成以上。")
    assert (share.value, share.unit, share.comparator) == (0.6, "fraction", ">=")
    assert one("到2030年，居民收入比2020年翻一番。").value == 2
    third = one("今年以来，新能源发电量占比超过三分之一。")
    assert third.value == pytest.approx(1 / 3) and third.unit == "fraction"
    assert one("出口额增长1.6倍。").unit == "times"


def test_full_width_digits_and_punctuation() -> None:
    assert fold_text("增长５．３％，") == "增长5.3%,"
    (a, b) = zh("全市新建５Ｇ基站１．２万个，同比增长１５．３％。")
    assert (a.value, a.unit) == (12000, "count") and (b.value, b.unit) == (15.3, "percent")
    # the quote is cut from the original text, full-width characters and all
    assert b.quote.endswith("１５．３％")
    # a decimal point stored as "。" and a lost percent sign after a growth verb
    assert one("过去五年，全市地区生产总值年均增长6。8，").value == 6.8


@pytest.mark.parametrize(
    ("sentence", "comparator"),
    [
        ("今年力争全市工业增加值增长超过6%。", ">"),
        ("今年全省粮食产量不低于500亿斤。", ">="),
        ("今年地区生产总值增长5%以上。", ">="),
        ("到2026年，森林覆盖率达到42%。", "="),
        ("今年经济增长的预期目标是增长5.5%左右。", "~"),
        ("今年城镇调查失业率控制在5.5%以内。", "<="),
        ("今年居民消费价格涨幅控制在3%左右。", "~"),  # 左右 wins over 控制在
    ],
)
def test_target_comparators(sentence: str, comparator: str) -> None:
    st = one(sentence)
    assert st.kind == "target" and st.comparator == comparator


def test_range_is_two_bounds() -> None:
    low, high = zh("今年全市地区生产总值增长6%-6.5%。")
    assert (low.value, low.comparator, high.value, high.comparator) == (6, ">=", 6.5, "<=")
    assert high.indicator == low.indicator


@pytest.mark.parametrize(
    ("sentence", "when", "period"),
    [
        ("到2025年，可再生能源装机占比达到60%。", APRIL, "2025"),
        ("一季度，全市地区生产总值同比增长4.9%。", APRIL, "2024Q1"),
        ("前三季度，全市规模以上工业增加值增长6.1%。", APRIL, "2024-01/2024-09"),
        ("上半年，全市社会消费品零售总额增长7%。", APRIL, "2024-01/2024-06"),
        ("1至2月，规模以上工业企业利润总额增长3.2%。", APRIL, "2024-01/2024-02"),
        ("“十四五”期间，全市地区生产总值年均增长6%。", date(2026, 2, 1), "2021/2025"),
        ("去年全市地区生产总值增长5.2%。", APRIL, "2023"),
        ("今年全市地区生产总值预期增长5%左右。", APRIL, "2024"),
        ("到“十四五”末，清洁能源装机占比达到58%。", APRIL, "2025-12-31"),
        ("过去五年，全市地区生产总值年均增长6.2%。", JANUARY, "2020/2024"),
    ],
)
def test_periods(sentence: str, when: date, period: str) -> None:
    assert one(sentence, when).period == period


def test_plan_numbers_and_baselines() -> None:
    assert plan_years(14) == (2021, 2025) and plan_years(13) == (2016, 2020)
    roles = [(t.role, t.label) for t in find_times("比2020年下降13.5%", 2024)]
    assert roles == [("baseline", "2020")]
    st = one("到2025年，单位地区生产总值能耗比2020年下降13.5%。")
    assert (st.kind, st.period, st.baseline_period, st.value_type) == (
        "target",
        "2025",
        "2020",
        "change",
    )


def test_january_report_describes_the_year_just_ended() -> None:
    text = "全年地区生产总值增长5.3%。预计全年居民消费价格上涨2%左右。"
    growth, prices = zh(text, JANUARY)
    assert (growth.kind, growth.period) == ("result", "2024")
    assert (prices.kind, prices.period) == ("result", "2024")  # 预计 of a year already over


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("今年力争地区生产总值增长6%。", "target"),
        ("到2027年，数字经济核心产业增加值占比达到12%。", "target"),
        ("全市将新增城镇就业5万人。", "target"),
        ("上年全市地区生产总值增长5.8%。", "result"),
    ],
)
def test_kind_from_modality(sentence: str, kind: str) -> None:
    assert one(sentence).kind == kind


def test_goal_paragraph_makes_targets_and_past_years_stay_results() -> None:
    text = (
        "2023年，全市地区生产总值增长5.5%。\n\n"
        "2024年主要预期目标是：地区生产总值增长5%左右。城镇新增就业6万人以上。\n"
    )
    past, goal, jobs = zh(text, JANUARY.replace(year=2024))
    assert (past.kind, past.period) == ("result", "2023")
    assert (goal.kind, goal.comparator, goal.period) == ("target", "~", "2024")
    assert (jobs.kind, jobs.comparator, jobs.value) == ("target", ">=", 60000)


def test_comparisons_with_other_entities_and_periods() -> None:
    growth, vs_nation, vs_quarter = zh(
        "上半年，全市规模以上工业增加值增长7.2%，高于全国1.3个百分点，比一季度加快0.8个百分点。"
    )
    assert growth.kind == "result"
    assert (vs_nation.kind, vs_nation.value, vs_nation.unit) == (
        "comparison",
        1.3,
        "percentage points",
    )
    assert vs_quarter.kind == "comparison" and vs_quarter.value == 0.8
    # a share's change in points is a result, a growth rate's change a comparison
    assert one("服务业增加值占比较上年提高1.2个百分点。").kind == "result"
    assert zh("投资增长9%，增速比上年加快1.5个百分点。")[1].kind == "comparison"


def test_ranks_records_and_first_to() -> None:
    rank = one("全市数字经济规模居全省第2位。")
    assert (rank.kind, rank.value, rank.unit) == ("comparison", 2, "rank")
    assert one("该县粮食产量连续20年居全省首位。").value == 1
    assert one("全市有8个县入围全国百强县。").kind == "comparison"
    record = one("全市外贸进出口总额创历史新高。")
    assert record.kind == "comparison" and record.value is None
    result, first = zh("该市成为全省第二个经济总量突破1万亿元的城市。")
    assert (result.kind, result.value) == ("result", 1e12)
    assert first.kind == "comparison" and first.value is None
    # in a plan, "率先" is an aspiration, not a comparison
    assert zh("到2035年，率先基本实现现代化。") == []


def test_lists_with_fenbie() -> None:
    urban, rural = zh("今年城镇和农村居民人均可支配收入分别增长5%左右和6.5%左右。")
    assert (urban.value, urban.comparator, rural.value, rural.comparator) == (5, "~", 6.5, "~")
    assert urban.indicator == "城镇居民人均可支配收入增长"
    assert rural.indicator == "农村居民人均可支配收入增长"
    a, b, c = zh("一二三季度分别增长4.1%、4.6%和5.2%。")
    assert [a.value, b.value, c.value] == [4.1, 4.6, 5.2]


def test_indicator_and_region_resolve_to_the_catalog() -> None:
    growth = one("2023年，辽宁地区生产总值增长5.3%。")
    assert (growth.indicator_id, growth.region_id) == ("gdp_real_growth_yoy", "CN-LN")
    share = one("目前，全省清洁能源装机占电力总装机的比重达到49.5%。")
    assert share.indicator_id == "share_clean_energy_in_capacity"
    assert one("全国地区生产总值增长5.2%。").region_id == "CN"
    # the head of the phrase decides: energy per unit of GDP is not GDP
    assert one("单位地区生产总值能耗下降3%。").indicator_id is None
    # "这一比重" names the indicator named last
    _, later = zh("清洁能源装机占比达到50%。到2025年，这一比重将达到56%。")
    assert later.indicator_id == "share_clean_energy_in_capacity"


def test_numbers_that_are_not_statements() -> None:
    assert zh("2024年4月23日，第十四届全国人大第二次会议在北京召开。") == []
    assert zh("实施“3510”工程，推进《2021—2025年行动方案》。") == []
    # a count that only scopes another figure, and a definitional threshold
    (st,) = zh("120个重点项目完成投资560亿元。")
    assert st.unit == "yuan"
    assert zh("5000万元以上项目开工建设。") == []
    assert [f.value for f in find_figures("19个行业中,8个行业增长")] == [19, 8]


def test_offsets_are_quotes_of_the_document() -> None:
    text = "  一季度，全市地区生产总值同比增长５.２％，高于全国0.3个百分点。\n今年力争增长6%。"
    for st in zh(text):
        assert text[st.start : st.end] == st.quote


def test_cli_lang_option_and_detection(tmp_path: Path) -> None:
    doc = tmp_path / "report.md"
    doc.write_text(
        "---\ndate: 2024-04-23\n---\n\n一季度，全省地区生产总值同比增长5.4%。\n", "utf-8"
    )
    runner = CliRunner()
    detected = runner.invoke(app, ["extract", str(doc), "--format", "json"])
    assert detected.exit_code == 0, detected.output
    (st,) = json.loads(detected.stdout)
    assert (st["value"], st["period"]) == (5.4, "2024Q1")
    forced = runner.invoke(app, ["extract", str(doc), "--format", "json", "--lang", "zh"])
    assert json.loads(forced.stdout) == json.loads(detected.stdout)
    bad = runner.invoke(app, ["extract", str(doc), "--lang", "xx"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    (pair,) = extract_path(doc, lang="zh")
    assert pair[0].language == "zh"


def test_report_pdf_renders_chinese_quotes(tmp_path: Path) -> None:
    """The demo's Chinese statements reach the PDF report as text in a CJK font."""
    pytest.importorskip("weasyprint", exc_type=ImportError)
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils (pdftotext, pdffonts) not installed")
    from ontrack.datasets import demo_store
    from ontrack.publish import write_report

    store = demo_store(tmp_path / "d.db", with_targets=False)
    try:
        pdf = write_report(store, "CN-LN", tmp_path / "r.pdf")
    finally:
        store.close()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the brief names targets by what they ask; the Chinese claims are quoted
    assert "十年来首次高于全国增速" in "".join(text.split())  # table cells wrap lines
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts  # the stylesheet's CJK font, not a fallback


def test_subset_counts_thresholds_changes_and_streaks() -> None:
    # a count of the cities over a threshold is the statement, the threshold is not
    (count,) = zh("全省16个市中有5个市地区生产总值超过4000亿元。")
    assert (count.kind, count.value, count.unit) == ("result", 5, "count")
    # "从2015年的…增加到2020年的…": both ends are results of their own years
    start, end = zh("全市地区生产总值从2015年的2.1万亿元增加到2020年的2.9万亿元。", None)
    assert (start.kind, start.period, end.kind, end.period) == ("result", "2015", "result", "2020")
    assert start.indicator == "地区生产总值"
    streak = zh("农村居民收入增长8.1%，增速连续六年快于城镇居民。")[-1]
    assert streak.kind == "comparison" and streak.value is None
