"""Brier score, log loss, reliability bins and the backtest score table."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from ontrack.assess.scoring import brier, log_loss, reliability, score_table


def test_brier_of_known_vectors():
    assert brier([1.0, 0.0], [1, 0]) == 0.0
    assert brier([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]) == pytest.approx(0.25)
    # (0.8-1)^2 = 0.04, (0.3-0)^2 = 0.09, (0.6-0)^2 = 0.36 -> 0.49 / 3
    assert brier([0.8, 0.3, 0.6], [True, False, False]) == pytest.approx(0.49 / 3)


def test_brier_ignores_nan_rows():
    assert brier([0.8, math.nan, 0.3], [1, 1, 0]) == pytest.approx((0.04 + 0.09) / 2)
    assert math.isnan(brier([], []))


def test_log_loss_by_hand_and_clipping():
    expected = -(math.log(0.8) + math.log(0.7)) / 2
    assert log_loss([0.8, 0.3], [1, 0]) == pytest.approx(expected)
    # a certain miss costs -log(eps), not infinity
    assert log_loss([0.0], [1], eps=1e-6) == pytest.approx(-math.log(1e-6))


def test_bad_inputs_raise():
    with pytest.raises(ValueError):
        brier([1.2], [1])
    with pytest.raises(ValueError):
        brier([0.5], [2])
    with pytest.raises(ValueError):
        brier([0.5, 0.5], [1])


def test_reliability_bins():
    p = [0.05, 0.15, 0.12, 0.95, 1.0]
    o = [0, 1, 0, 1, 1]
    table = reliability(p, o, bins=10)
    assert len(table) == 10
    assert table[0] == {
        "lower": 0.0,
        "upper": 0.1,
        "n": 1,
        "mean_predicted": 0.05,
        "observed_frequency": 0.0,
    }
    assert table[1]["n"] == 2
    assert table[1]["mean_predicted"] == pytest.approx(0.135)
    assert table[1]["observed_frequency"] == 0.5
    assert table[5]["n"] == 0 and table[5]["mean_predicted"] is None
    assert table[9]["n"] == 2  # p == 1 falls in the last bin
    assert sum(row["n"] for row in table) == 5


def test_calibrated_forecasts_are_reliable():
    rng = np.random.default_rng(0)
    p = rng.random(200_000)
    o = rng.random(200_000) < p
    for row in reliability(p, o, bins=5):
        assert abs(row["mean_predicted"] - row["observed_frequency"]) < 0.01


def test_score_table_is_json_ready():
    table = score_table({"damped": ([0.8, 0.3], [1, 0]), "empty": ([], [])})
    assert table["damped"]["n"] == 2
    assert table["damped"]["brier"] == pytest.approx((0.04 + 0.09) / 2)
    assert table["damped"]["log_loss"] == pytest.approx(-(math.log(0.8) + math.log(0.7)) / 2)
    assert len(table["damped"]["reliability"]) == 10
    assert table["empty"]["brier"] is None
    json.dumps(table, allow_nan=False)
