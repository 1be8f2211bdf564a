"""Backtest on small stores built for the tests: replay dates, scores, baselines, the
learned combination across regions, bootstrap intervals and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from ontrack.assess import backtest, link_statements
from ontrack.assess.backtest import Decided, plan_date, replay_dates, target_type
from ontrack.assess.scoring import bootstrap_brier_difference
from ontrack.assess.stacking import Weights, cross_validated, fit, predict, region_folds
from ontrack.cli import app
from ontrack.errors import OntrackError
from ontrack.ingest.targets import import_targets
from ontrack.periods import parse_period
from ontrack.store import Store

HEADER = (
    "plan,region,indicator,unit,target_kind,baseline_period,baseline_value,target_period,"
    "target_operator,target_value,target_value_high,outcome_period,outcome_value,"
    "outcome_value_revised,reported_assessment,target_source,outcome_source,note\n"
)
GROWTH = {
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


def _store(tmp_path: Path, regions: tuple[str, ...] = ("China",)) -> Store:
    store = Store(tmp_path / "bt.db")
    data = tmp_path / "g.csv"
    rows = []
    for k, region in enumerate(regions):
        rows += [
            f"{region},gdp_real_growth_yoy,{y},{v + 0.4 * k},percent,test\n"
            for y, v in GROWTH.items()
        ]
    data.write_text("region,indicator,period,value,unit,source\n" + "".join(rows), encoding="utf-8")
    store.ingest(data)
    targets = tmp_path / "t.csv"
    targets.write_text(
        HEADER
        + "".join(
            f"Plan,{region},gdp_real_growth,percent,,,,{y},{op},{v},,,,,,s,,\n"
            for region in regions
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


def test_backtest_replays_from_the_plan_date_with_baselines(tmp_path: Path) -> None:
    store = _store(tmp_path)
    report = backtest(store, today=date(2026, 1, 1))
    # outcomes: 2015 7.0>=7 met, 2016 6.8 missed, 2017 6.9 met, 2018 6.7 missed, 2019 6.0 met
    assert report["n_targets"] == 5
    outcomes = {c["deadline"]: c["outcome"] for c in report["cases"]}
    assert outcomes == {"2015": 1, "2016": 0, "2017": 1, "2018": 0, "2019": 1}
    # annual figures only: nothing is released within the year, so one replay per target,
    # on its plan date
    assert sorted(c["as_of"] for c in report["cases"]) == [f"{y}-03-15" for y in range(2015, 2020)]
    scores = report["scores"]
    assert scores["always_0.5"]["brier"] == 0.25
    # one region: the learned combination cannot be cross-validated across regions
    assert set(scores) == {"always_0.5", "base_rate", "status_rule", "damped", "scorecard"}
    by_year = {c["deadline"]: c for c in report["cases"]}
    # by 2017-03-15 the 2015 (met) and 2016 (missed) targets had resolved: (1 + 1) / (2 + 2)
    assert by_year["2017"]["base_rate"] == 0.5
    assert by_year["2018"]["base_rate"] == pytest.approx(0.6)  # 2 met of 3
    assert by_year["2015"]["base_rate"] == 0.5  # nothing resolved yet
    n = len(report["cases"])
    by_hand = sum((c["damped"] - c["outcome"]) ** 2 for c in report["cases"]) / n
    assert abs(scores["damped"]["brier"] - by_hand) < 1e-12
    assert report["regions"]["CN"] == {
        str(y): {"met": o, "targets": 1}
        for y, o in [(2015, 1), (2016, 0), (2017, 1), (2018, 0), (2019, 1)]
    }
    assert report["default"]["model"] in scores and report["weights"]["n_replays"] == n


def test_the_learned_model_is_scored_across_regions(tmp_path: Path) -> None:
    store = _store(tmp_path, ("China", "Liaoning", "Jilin", "Hebei"))
    report = backtest(store, today=date(2026, 1, 1), folds=2)
    assert report["n_regions"] == 4 and "learned" in report["scores"]
    assert report["default"]["model"] in report["scores"]
    for name, d in report["differences"].items():
        assert d["low"] <= d["difference"] <= d["high"], name
    assert set(report["splits"]["target_type"]) == {"growth rate"}
    assert set(report["splits"]["horizon"]) == {"6-12 months"}
    w = report["weights"]
    assert len(w["coefficients"]) == len(w["features"]) and len(w["data_version"]) == 16


def test_replay_dates_follow_releases() -> None:
    target = Decided(1, "CN", "gdp", parse_period("2015"), 1, 1, "growth rate", date(2016, 1, 30))
    assert replay_dates(target, []) == [date(2015, 3, 15)]
    q1, h1 = date(2015, 4, 25), date(2015, 7, 20)
    assert replay_dates(target, [date(2015, 1, 30), q1, h1]) == [
        date(2015, 3, 15),
        date(2015, 4, 25),
        date(2015, 7, 25),
    ]
    five_year = parse_period("2020")
    start = plan_date(
        "13th Five-Year Plan (2016-2020),China,x", "Targets table t.csv", None, five_year
    )
    assert start == date(2016, 3, 15)
    assert (
        plan_date("Government work report,China,x", "Targets table t.csv", None, five_year) is None
    )
    assert plan_date("", "Briefing", date(2024, 4, 23), five_year) == date(2024, 4, 23)
    plan = Decided(2, "CN", "share", five_year, 1, 1, "share", date(2021, 1, 30), start)
    yearly = [date(y, 2, 1) for y in range(2015, 2021)]
    # at most three years back, then once a year after each annual release
    assert replay_dates(plan, yearly) == [date(y, 3, 15) for y in range(2017, 2021)]
    assert target_type("energy_intensity_reduction", None) == "intensity"
    assert target_type("share_clean_energy_in_capacity", None) == "share"
    assert target_type("gdp_real_growth", None) == "growth rate"
    assert target_type("grp_nominal", None) == "level"


def test_logistic_fit_recovers_weights_and_cv_holds_regions_out() -> None:
    rng = np.random.default_rng(7)
    x = np.column_stack([np.ones(4000), rng.normal(size=4000), rng.normal(size=4000)])
    true = np.array([0.5, 1.5, -1.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(x @ true)))).astype(float)
    w = fit(x, y, penalty=0.0)
    assert np.allclose(w, true, atol=0.15)
    assert np.all((predict(x, w) > 0) & (predict(x, w) < 1))
    regions = [f"R{i % 6}" for i in range(4000)]
    folds = region_folds(regions, 3)
    assert sorted(r for f in folds for r in f) == sorted(set(regions))
    held = cross_validated(x, y, regions, 3)
    # flipping one region's outcomes must not change that region's own predictions
    flipped = y.copy()
    mine = np.array([r == "R0" for r in regions])
    flipped[mine] = 1 - flipped[mine]
    assert np.allclose(cross_validated(x, flipped, regions, 3)[mine], held[mine])
    with pytest.raises(OntrackError):
        fit(np.zeros((0, 3)), np.zeros(0))


def test_bootstrap_interval_of_brier_differences() -> None:
    outcome = np.array([1, 0, 1, 1, 0, 1, 0, 1] * 10)
    groups = np.arange(outcome.size) // 2
    same = bootstrap_brier_difference(outcome * 0.6, outcome * 0.6, outcome, groups)
    assert same == {"difference": 0.0, "low": 0.0, "high": 0.0}
    good = np.where(outcome == 1, 0.9, 0.1)
    good[:6] = 1 - good[:6]  # a few confident misses
    better = bootstrap_brier_difference(np.full(outcome.size, 0.5), good, outcome, groups)
    by_hand = 0.25 - float(np.mean((good - outcome) ** 2))
    assert better["difference"] == pytest.approx(by_hand)
    assert 0 < better["low"] < better["difference"] < better["high"]
    with pytest.raises(ValueError):
        bootstrap_brier_difference([0.5], [0.5, 0.5], [1, 0], [0, 1])


def test_weights_file_round_trip_and_bad_file(tmp_path: Path) -> None:
    w = Weights((0.1, 0.2), "abc", 3, 2)
    w.save(tmp_path / "w.json")
    assert Weights.load(tmp_path / "w.json") == w
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(OntrackError, match="bad.json"):
        Weights.load(tmp_path / "bad.json")


def test_cli_backtest_json_and_weights(tmp_path: Path) -> None:
    _store(tmp_path, ("China", "Liaoning")).close()
    out = tmp_path / "w.json"
    result = CliRunner().invoke(
        app,
        [
            "backtest",
            "--db",
            str(tmp_path / "bt.db"),
            "--json",
            "--model",
            "damped",
            "--weights-out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for name in ("damped", "always_0.5", "status_rule", "base_rate", "scorecard"):
        assert set(report["models"][name]) >= {"n", "brier", "log_loss", "reliability"}
    assert report["weights"]["data_version"] == json.loads(out.read_text())["data_version"]
    table = CliRunner().invoke(
        app, ["backtest", "--db", str(tmp_path / "bt.db"), "--model", "damped"]
    )
    assert table.exit_code == 0 and "90% interval" in table.stdout


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


def test_bundled_weights_name_their_features_and_data_version() -> None:
    from importlib import resources

    from ontrack.assess.stacking import FEATURES

    path = Path(str(resources.files("ontrack.datasets") / "backtest_weights.json"))
    w = Weights.load(path)
    assert len(w.coefficients) == len(FEATURES) and len(w.data_version) == 16
    assert w.n_targets > 100
