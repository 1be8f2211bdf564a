"""Backtest on a small store built for the test: replays, scores and baselines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from ontrack.assess import backtest, link_statements
from ontrack.cli import app
from ontrack.ingest.targets import import_targets
from ontrack.store import Store

HEADER = (
    "plan,region,indicator,unit,target_kind,baseline_period,baseline_value,target_period,"
    "target_operator,target_value,target_value_high,outcome_period,outcome_value,"
    "outcome_value_revised,reported_assessment,target_source,outcome_source,note\n"
)


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "bt.db")
    growth = {
        2008: 9.7,
        2009: 9.4,
        2010: 10.6,
        2011: 9.6,
        2012: 7.9,
        2013: 7.8,
        2014: 7.4,
        2015: 7.0,
        2016: 6.8,
        2017: 6.9,
        2018: 6.7,
        2019: 6.0,
    }
    data = tmp_path / "g.csv"
    data.write_text(
        "region,indicator,period,value,unit,source\n"
        + "".join(f"China,gdp_real_growth_yoy,{y},{v},percent,test\n" for y, v in growth.items()),
        encoding="utf-8",
    )
    store.ingest(data)
    targets = tmp_path / "t.csv"
    targets.write_text(
        HEADER
        + "".join(
            f"Plan,China,gdp_real_growth,percent,,,,{y},{op},{v},,,,,,s,,\n"
            for y, op, v in [
                (2015, "at_least", 7),
                (2016, "at_least", 7),
                (2017, "at_least", 6.5),
                (2018, "above", 7),
                (2019, "at_least", 6),
            ]
        ),
        encoding="utf-8",
    )
    import_targets(store, targets)
    link_statements(store)
    return store


def test_backtest_scores_and_baselines(tmp_path: Path) -> None:
    store = _store(tmp_path)
    report = backtest(store, today=date(2026, 1, 1))
    # outcomes: 2015 7.0>=7 met, 2016 6.8 missed, 2017 6.9 met, 2018 6.7 missed, 2019 6.0 met
    assert report["n_targets"] == 5
    outcomes = {c["deadline"][:4]: c["outcome"] for c in report["cases"]}
    assert outcomes == {"2015": 1, "2016": 0, "2017": 1, "2018": 0, "2019": 1}
    scores = report["scores"]
    n = len(report["cases"])
    assert n == 15  # each target replayed 1, 2 and 3 years before its deadline
    assert scores["baseline_0.5"]["brier"] == 0.25 and scores["baseline_0.5"]["n"] == n
    assert set(scores) == {"damped", "baseline_0.5", "baseline_status"}
    for case in report["cases"]:
        assert 0 < case["damped"] < 1 and case["as_of"] < case["deadline"]
    by_hand = sum((c["damped"] - c["outcome"]) ** 2 for c in report["cases"]) / n
    assert abs(scores["damped"]["brier"] - by_hand) < 1e-12


def test_cli_backtest_json(tmp_path: Path) -> None:
    _store(tmp_path).close()
    result = CliRunner().invoke(app, ["backtest", "--db", str(tmp_path / "bt.db"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for name in ("damped", "baseline_0.5", "baseline_status"):
        assert set(report["models"][name]) >= {"n", "brier", "log_loss", "reliability"}


def test_probability_is_shrunk_toward_the_track_record(tmp_path: Path) -> None:
    from ontrack.assess import build_scorecard
    from ontrack.assess.scorecard import BASE_RATE_WEIGHT, resolved_base_rate

    store = _store(tmp_path)
    # by mid-February 2018, the 2015, 2016 and 2017 targets have resolved: met, missed, met
    assert resolved_base_rate(store, date(2018, 2, 15)) == (2, 3)
    card = build_scorecard(store, "China", as_of=date(2018, 2, 15))
    (open_2019,) = [i for i in card["items"] if i["statement"]["period"] == "2019"]
    fc = open_2019["forecast"]
    assert fc["base_rate"] == {"met": 2, "resolved": 3, "rate": 0.6}  # (2 + 1) / (3 + 2)
    expected = (1 - BASE_RATE_WEIGHT) * fc["model_probability"] + BASE_RATE_WEIGHT * 0.6
    assert abs(open_2019["probability"] - expected) < 1e-3
