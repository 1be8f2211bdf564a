"""The scorecard end to end on the bundled data: links, verdicts, statuses, probabilities."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontrack.assess import build_scorecard, link_statements
from ontrack.cli import app
from ontrack.datasets import briefing_path, series_files
from ontrack.extract import extract_path
from ontrack.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("sc") / "demo.db")
    for path in series_files():
        store.ingest(path)
    for doc, stmts in extract_path(briefing_path()):
        store.save_document(doc, stmts)
    link_statements(store)
    return store


def _by_quote(card: dict, words: str, kind: str) -> dict:
    (item,) = [
        i
        for i in card["items"]
        if words in i["statement"]["quote"] and i["statement"]["kind"] == kind
    ]
    return item


def test_contract_shape(demo_store: Store) -> None:
    card = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    assert set(card) >= {"region", "as_of", "items"} and card["region"] == "CN-LN"
    for item in card["items"]:
        assert set(item) >= {
            "statement",
            "series",
            "status",
            "probability",
            "evidence",
            "explanation",
        }
        assert set(item["statement"]) >= {
            "kind",
            "indicator",
            "value",
            "unit",
            "comparator",
            "period",
            "quote",
        }
        assert item["explanation"]
    json.dumps(card)  # serialisable as it is


def test_briefing_claims_as_of_briefing_and_now(demo_store: Store) -> None:
    then = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    now = build_scorecard(demo_store, "Liaoning", as_of=date(2026, 11, 28))
    growth = _by_quote(then, "5.3 percent in 2023", "result")
    assert growth["status"] == "supported" and growth["evidence"][0]["value"] == 5.3
    decade = _by_quote(then, "first time in a decade", "comparison")
    assert decade["status"] == "supported" and "2014-2022" in decade["explanation"]
    # The first-quarter figure: only the briefing's own reports existed on the day ...
    q1_then = _by_quote(then, "5.4 percent", "result")
    assert q1_then["status"] == "unverifiable" and "self-reported" in q1_then["explanation"]
    # ... an independent release (2024-05-07) supports it later.
    assert _by_quote(now, "5.4 percent", "result")["status"] == "supported"


def test_clean_energy_targets(demo_store: Store) -> None:
    then = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    now = build_scorecard(demo_store, "Liaoning", as_of=date(2026, 11, 28))
    t50 = [i for i in then["items"] if i["statement"]["kind"] == "target"]
    assert [i["statement"]["value"] for i in t50] == [50, 56.8]
    for item in t50:  # one self-reported point only: no status and no forecast on it
        assert item["status"] == "cannot_assess" and item["probability"] is None
        assert item["probability_basis"].startswith("none")
        assert "besides 1 self-reported figure" in item["explanation"]
    met, open_ = [i for i in now["items"] if i["statement"]["kind"] == "target"]
    assert met["status"] == "met" and met["probability"] == 1.0
    assert "50.5 in 2024-06" in met["explanation"]
    assert open_["status"] == "cannot_assess" and "2025-12-31" in open_["explanation"]
    # one official figure (2024-06) is no trend: no chance computed, and the page says why
    assert open_["probability"] is None and "needs 3" in open_["probability_basis"]


def test_goals_are_not_measurable_with_suggested_indicators(demo_store: Store) -> None:
    card = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    innovation = _by_quote(card, "technological innovation", "goal")
    assert innovation["status"] == "not_measurable"
    assert innovation["measured_by"][0]["indicator"] == "rd_expenditure_share_of_gdp"
    assert innovation["measured_by"][0]["has_data"] is True


def test_manual_link_wins(demo_store: Store) -> None:
    card = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    growth = _by_quote(card, "5.3 percent in 2023", "result")
    other = demo_store.list_series(region="Liaoning", indicator="grp_nominal")[0].series.id
    demo_store.link_by_hand(growth["statement"]["id"], other)
    link_statements(demo_store)  # automatic linking runs again and keeps the manual link
    assert demo_store.links()[growth["statement"]["id"]].series_id == other
    card = build_scorecard(demo_store, "Liaoning", as_of=date(2024, 4, 23))
    assert _by_quote(card, "5.3 percent in 2023", "result")["status"] == "unverifiable"
    demo_store.link_by_hand(growth["statement"]["id"], growth["series"])


def test_cli_assess_scorecard_link_targets(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner.invoke(app, ["demo", "--db", db])
    result = runner.invoke(app, ["assess", "--db", db, "--as-of", "2024-04-23", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["regions"]["CN-LN"]["not_measurable"] >= 9
    card = json.loads(runner.invoke(app, ["scorecard", "Liaoning", "--db", db, "--json"]).stdout)
    # the demo store also holds the bundled plan tables; the briefings' own statements:
    # 15 of the English briefing and 6 of the Chinese one written from its facts
    briefing = [i for i in card["items"] if not i["statement"]["quote"].count(",") > 8]
    assert card["region"] == "CN-LN" and len(briefing) == 21
    table = runner.invoke(app, ["scorecard", "辽宁", "--db", db])
    assert table.exit_code == 0 and "supported" in table.stdout
    bad = runner.invoke(app, ["link", "999", "1", "--db", db])
    assert bad.exit_code == 2 and "no statement with id 999" in bad.stderr
    targets = tmp_path / "t.csv"
    targets.write_text(
        "plan,region,indicator,unit,target_kind,baseline_period,baseline_value,target_period,"
        "target_operator,target_value,target_value_high,outcome_period,outcome_value,"
        "outcome_value_revised,reported_assessment,target_source,outcome_source,note\n"
        "Plan,Liaoning,gdp_real_growth,percent,,,,2025,above,5,,2025,3.7,,,src,out,\n"
        "Plan,China,gdp_real_growth,percent,,,,2016,range,6.5,7,2016,6.7,,,src,out,\n"
        "Plan,Liaoning,digital_economy_share,percent,,,,2025,qualitative: grow,,,,,,,src,,\n",
        encoding="utf-8",
    )
    imported = runner.invoke(app, ["targets", "import", str(targets), "--db", db, "--json"])
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["targets"] == 3  # a range is two bounds
    runner.invoke(app, ["assess", "--db", db])
    card = json.loads(runner.invoke(app, ["scorecard", "Liaoning", "--db", db, "--json"]).stdout)
    (gdp,) = [
        i
        for i in card["items"]
        if i["statement"]["kind"] == "target"
        and i["statement"]["value"] == 5
        and i["statement"]["quote"].startswith("Plan,")
    ]
    assert gdp["status"] == "missed" and gdp["probability"] == 0.0
    bad_file = tmp_path / "bad.csv"
    bad_file.write_text(
        targets.read_text(encoding="utf-8").replace("above", "sideways"), encoding="utf-8"
    )
    failed = runner.invoke(app, ["targets", "import", str(bad_file), "--db", db])
    assert failed.exit_code == 2 and "bad.csv:2: column 'target_operator'" in failed.stderr


def test_dask_engine_gives_the_same_scorecard(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from ontrack.datasets import target_files
    from ontrack.ingest.targets import import_targets

    store = Store(tmp_path / "dask.db")
    for path in series_files():
        store.ingest(path)
    for path in target_files():
        import_targets(store, path)
    link_statements(store)
    local = build_scorecard(store, "Liaoning", as_of=date(2014, 4, 23))
    dask = build_scorecard(store, "Liaoning", as_of=date(2014, 4, 23), engine="dask")
    assert [i["probability"] for i in dask["items"]] == [i["probability"] for i in local["items"]]
    assert any(i["probability"] for i in dask["items"])


def test_bad_targets_and_units_never_crash(tmp_path: Path) -> None:
    from ontrack.model import Comparator, Document, Statement, StatementKind

    store = Store(tmp_path / "u.db")
    data = tmp_path / "d.csv"
    data.write_text(
        "region,indicator,period,value,unit,source\n"
        "Liaoning,grp_nominal,2022,28975.1,亿元,NBS\nLiaoning,grp_nominal,2023,30209.4,亿元,NBS\n"
        "Liaoning,capacity_total,2022,65.8,GW,NEA\nLiaoning,capacity_total,2023,70.6,GW,NEA\n"
        "Liaoning,share_x,2022,0,percent,x\nLiaoning,share_x,2023,-1,percent,x\n",
        encoding="utf-8",
    )
    store.ingest(data)
    text = "a" * 400
    doc = Document(text=text, title="t", date=date(2023, 6, 1), region_id="CN-LN")

    def target(
        i: int,
        indicator: str,
        value: float,
        unit: str | None,
        period: str | None,
        kind: StatementKind = StatementKind.TARGET,
    ) -> Statement:
        return Statement(
            kind=kind,
            quote=text[i * 10 : i * 10 + 5],
            start=i * 10,
            end=i * 10 + 5,
            indicator=indicator,
            value=value,
            unit=unit,
            period=period,
            comparator=Comparator.GE,
            region_id="CN-LN",
            document_id=doc.id,
        )

    store.save_document(
        doc,
        [
            target(0, "gross regional product", 3.5e12, "yuan", "2025"),  # converts to 亿元
            target(1, "gross regional product", 35000, "GW", "2025"),  # unit mismatch
            target(2, "installed capacity", 80, "GW", None),  # no deadline
            target(3, "share x", 5, "percent", "2025"),  # zero and negative: CAGR undefined
            target(
                4,
                "gross regional product",
                28975.1,
                "100 million yuan",
                "2022",
                StatementKind.RESULT,
            ),
        ],
    )
    link_statements(store)
    card = build_scorecard(store, "Liaoning", as_of=date(2024, 6, 1))
    status = [(i["statement"]["value"], i["status"], i["explanation"]) for i in card["items"]]
    assert status[0][1] in ("on_track", "acceleration_needed", "limited_progress")
    assert "28,975" in status[0][2]  # baseline in the series' unit after conversion
    assert status[1][1] == "cannot_assess"
    assert status[2][1] == "cannot_assess" and "deadline" in status[2][2]
    assert status[3][1] == "cannot_assess" and "zero or negative" in status[3][2]
    assert status[4][1] == "supported"


def test_comparison_size_is_checked_not_only_its_direction(tmp_path: Path) -> None:
    from ontrack.extract import extract_text

    store = Store(tmp_path / "size.db")
    for path in series_files():
        store.ingest(path)
    text = (
        "Liaoning's GDP grew 5.3 percent in 2023, 2.5 percentage points higher than the "
        "national average.\n\nLiaoning's GDP grew 5.3 percent in 2023, 0.1 percentage points "
        "higher than the national average."
    )
    from ontrack.model import Document

    doc = Document(text, "size test", date(2024, 4, 23), "test", region_id="CN-LN")
    store.save_document(doc, extract_text(text, date=doc.date, region="Liaoning"))
    link_statements(store)
    card = build_scorecard(store, "Liaoning", as_of=date(2024, 4, 23), probabilities=False)
    wrong = _by_quote(card, "2.5 percentage points", "comparison")
    assert wrong["status"] == "contradicted"
    assert "direction right, size 0.1 not 2.5" in wrong["explanation"]
    right = _by_quote(card, "0.1 percentage points", "comparison")
    assert right["status"] == "supported", right["explanation"]


def test_plan_targets_read_as_sentences_and_are_listed_once(tmp_path: Path) -> None:
    from collections import Counter

    from ontrack.datasets import target_files
    from ontrack.ingest.targets import import_targets

    store = Store(tmp_path / "plan.db")
    summaries = [import_targets(store, path) for path in target_files()]
    assert any("repeat of an imported target" in s for x in summaries for s in x.skipped)
    again = import_targets(store, target_files()[0])
    assert again.already_stored
    card = build_scorecard(store, "Liaoning", as_of=date(2026, 1, 1), probabilities=False)
    shown = Counter(
        i["statement"]["display"] for i in card["items"] if i["statement"]["kind"] == "target"
    )
    assert shown and max(shown.values()) == 1, shown.most_common(2)
    assert "Real GDP growth (annual) about 6 percent in 2015, Liaoning government work report" in (
        " | ".join(shown)
    )
