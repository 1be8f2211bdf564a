"""Damped-trend forecasts, target probabilities, calibration and the engines."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import stats

from ontrack.assess import forecast as fc
from ontrack.assess.calibration import Calibration, calibrate, fit_student_t
from ontrack.assess.engine import assess_arrays
from ontrack.assess.forecast import (
    Forecast,
    comparator_codes,
    damped_trend,
    default_tolerance,
    fit_damped,
    prepare,
    probability_met,
    target_met,
)
from ontrack.model import Comparator

NAN = np.nan


def one(mean: float, scale: float, df: float = math.inf, n: int = 1) -> Forecast:
    return Forecast(
        mean=np.full(n, mean),
        scale=np.full(n, scale),
        df=np.full(n, df),
        n_obs=np.full(n, 10),
        fallback=np.zeros(n, dtype=bool),
    )


def panel(n: int, t_len: int = 20, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y = rng.normal(0.3, 1.0, (n, t_len)).cumsum(axis=1)
    y[rng.random((n, t_len)) < 0.08] = NAN
    return y


# --- preparation ---------------------------------------------------------------------------


def test_prepare_interpolates_gaps_and_left_aligns():
    y = np.array([[NAN, NAN, 1.0, NAN, 3.0, 4.0, NAN]])
    p = prepare(y)
    assert p.span[0] == 4 and p.n_obs[0] == 3 and p.last_index[0] == 5
    np.testing.assert_allclose(p.values[0, :4], [1.0, 2.0, 3.0, 4.0])
    assert np.isnan(p.values[0, 4:]).all()
    assert p.real[0, :4].tolist() == [True, False, True, True]


# --- damped trend: hand-computed cases -----------------------------------------------------


def test_straight_line_with_undamped_trend_extrapolates_exactly():
    # l = 10, b = 1 and every one-step error is 0, so mean_h = 10 + h
    y = np.arange(1.0, 11.0)
    f = damped_trend(y, [1], alpha=0.5, beta=0.1, phi=1.0)
    assert f.mean[0] == pytest.approx(11.0)
    f3 = damped_trend(y, [3], alpha=0.5, beta=0.1, phi=1.0)
    assert f3.mean[0] == pytest.approx(13.0)


def test_damped_line_by_hand():
    # three points 1, 2, 3 with alpha = beta = 0 (no updating), phi = 0.5:
    # l2 = 2, b2 = 1; step 3: pred = 2 + 0.5 = 2.5, l3 = 2.5, b3 = 0.5
    # mean_2 = 2.5 + (0.5 + 0.25) * 0.5 = 2.875
    f = damped_trend([1.0, 2.0, 3.0], [2], alpha=0.0, beta=0.0, phi=0.5)
    assert f.mean[0] == pytest.approx(2.875)
    # sigma = |error| = 0.5 (floor 0.01 * 2 does not bind); var factor 1 + alpha^2 = 1
    # default multiplier 1.25 -> scale 0.625; one error -> df clip(0.5, 1, 10) = 1
    assert f.scale[0] == pytest.approx(0.625)
    assert f.df[0] == 1.0


def test_variance_factor_grows_with_horizon():
    # ETS(A,Ad,N): var_h / sigma^2 = 1 + sum_{j<h} (alpha + beta * phi_j)^2
    fit = fit_damped(np.arange(1.0, 11.0)[None, :], [(0.5, 0.1, 0.9)])
    _, s1 = fc.damped_mean_and_base_scale(fit, np.array([1]))
    _, s3 = fc.damped_mean_and_base_scale(fit, np.array([3]))
    c1 = 0.5 + 0.1 * 0.9
    c2 = 0.5 + 0.1 * (0.9 + 0.81)
    assert (s3[0] / s1[0]) ** 2 == pytest.approx(1 + c1**2 + c2**2)


def test_constant_series_forecasts_the_constant_with_a_small_positive_spread():
    f = damped_trend(np.full((2, 10), 5.0), [1, 3])
    np.testing.assert_allclose(f.mean, [5.0, 5.0])
    # volatility floor: 1% of the mean absolute value
    assert (f.scale > 0).all() and f.scale[0] == pytest.approx(0.05 * 1.25)


def test_one_point_series_has_no_trend_and_a_wide_spread():
    f = damped_trend([[NAN, NAN, 3.0]], [1])
    assert f.mean[0] == 3.0
    assert f.scale[0] == pytest.approx(1.25 * 0.1 * 3.0)  # 10% of the value, inflated
    assert damped_trend([[NAN, NAN, 3.0]], [4]).mean[0] == 3.0
    assert f.df[0] == 1.0  # Cauchy tails: one point says little
    assert f.n_obs[0] == 1


def test_two_point_series_follows_the_damped_step():
    f = damped_trend([[NAN, 4.0, 6.0]], [1])
    a, b, phi = fc.DEFAULT_PARAMETERS
    assert f.mean[0] == pytest.approx(6.0 + phi * 2.0)
    assert f.scale[0] == pytest.approx(1.25 * 2.0)  # sigma = |step|


def test_gaps_are_interpolated_not_propagated():
    with_gap = damped_trend([[1.0, 2.0, NAN, 4.0, 5.0, NAN, 7.0]], [1], phi=1.0, beta=0.1)
    assert with_gap.mean[0] == pytest.approx(8.0)
    assert with_gap.n_obs[0] == 5


def test_trailing_nan_counts_h_from_last_observation():
    a = damped_trend([[1.0, 2.0, 3.0, 4.0, NAN]], [2])
    b = damped_trend([[NAN, 1.0, 2.0, 3.0, 4.0]], [2])
    assert a.mean[0] == pytest.approx(b.mean[0])


def test_negative_values_and_sign_changes():
    y = np.array([[-1.0, -3.0, -2.0, -4.0, -3.0, -5.0, -4.0, -6.0]])
    f = damped_trend(y, [1])
    assert np.isfinite(f.mean).all() and f.mean[0] < -4.0
    g = damped_trend([[2.0, 1.0, 0.0, -1.0, -2.0]], [2], alpha=0.5, beta=0.1, phi=1.0)
    assert g.mean[0] == pytest.approx(-4.0)


def test_zeros_and_empty_rows():
    f = damped_trend([[0.0, 0.0, 0.0], [NAN, NAN, NAN], [NAN, NAN, 0.0]], [1, 1, 1])
    assert f.mean[0] == 0.0 and f.scale[0] > 0
    assert np.isnan(f.mean[1]) and np.isnan(f.scale[1])
    assert f.mean[2] == 0.0 and f.scale[2] > 0


def test_never_nan_when_a_row_has_an_observation():
    y = panel(500)
    y[::7, :-1] = NAN  # one-point rows
    y[::7, -1] = 1.0
    y[::11] = 3.0  # constant rows
    h = np.random.default_rng(1).integers(0, 8, 500)
    f = damped_trend(y, h)
    assert np.isfinite(f.mean).all() and np.isfinite(f.scale).all()


def test_h_zero_is_the_observed_value_with_zero_spread():
    f = damped_trend([[1.0, 2.0, 3.5]], [0])
    assert f.mean[0] == 3.5 and f.scale[0] == 0.0
    with pytest.raises(ValueError):
        damped_trend([[1.0, 2.0]], [-1])


def test_vectorized_equals_row_by_row():
    y = panel(40)
    h = np.arange(40) % 5 + 1
    whole = damped_trend(y, h)
    for i in range(0, 40, 9):
        row = damped_trend(y[i : i + 1], h[i : i + 1])
        assert row.mean[0] == whole.mean[i] and row.scale[0] == whole.scale[i]


def test_grid_picks_low_alpha_for_noise_and_full_alpha_for_a_random_walk():
    rng = np.random.default_rng(3)
    noise = 5.0 + rng.normal(0, 1, (200, 20))
    walk = rng.normal(0, 1, (200, 20)).cumsum(axis=1)
    assert np.median(fit_damped(noise).alpha) < np.median(fit_damped(walk).alpha)


# --- probabilities -------------------------------------------------------------------------


def test_probability_of_normal_forecast_matches_the_cdf():
    f = one(10.0, 2.0)
    assert probability_met(f, 12.0, ">=")[0] == pytest.approx(1 - stats.norm.cdf(1.0))
    assert probability_met(f, 12.0, "<")[0] == pytest.approx(stats.norm.cdf(1.0))
    assert probability_met(f, 10.0, ">")[0] == pytest.approx(0.5)


def test_student_t_probability():
    f = one(0.0, 1.0, df=3.0)
    assert probability_met(f, 1.0, ">=")[0] == pytest.approx(stats.t.sf(1.0, 3))


def test_probability_monotonic_in_target():
    targets = np.linspace(-40, 50, 91)
    f = one(5.0, 2.0, df=4.0, n=targets.size)
    up = probability_met(f, targets, ">=")
    down = probability_met(f, targets, "<=")
    assert (np.diff(up) <= 0).all() and (np.diff(down) >= 0).all()
    assert up[0] == 0.999 and up[-1] == 0.001  # documented clipping


def test_reach_uses_direction():
    f = one(10.0, 1.0, n=2)
    p = probability_met(f, [11.0, 11.0], "=", direction=[1, -1])
    assert p[0] == pytest.approx(1 - stats.norm.cdf(1.0))
    assert p[1] == pytest.approx(stats.norm.cdf(1.0))


def test_about_uses_tolerance_and_ranges():
    f = one(7.0, 1.0, n=3)
    p = probability_met(
        f, [7.0, 7.0, 6.0], "~", tolerance=[0.5, 0.5, 0.5], target_high=[NAN, NAN, 8.0]
    )
    assert p[0] == pytest.approx(stats.norm.cdf(0.5) - stats.norm.cdf(-0.5))
    assert p[2] == pytest.approx(stats.norm.cdf(1.0) - stats.norm.cdf(-1.0))
    # a range with ">=" uses the low end as the threshold
    q = probability_met(one(7.0, 1.0), 6.0, ">=", target_high=8.0)
    assert q[0] == pytest.approx(stats.norm.cdf(1.0))


def test_default_tolerance_is_half_the_last_significant_digit():
    tol = default_tolerance([7.5, 7.0, 6000.0, 0.0, 0.25, 12.3, -3.4])
    np.testing.assert_allclose(tol, [0.05, 0.5, 500.0, 0.5, 0.005, 0.05, 0.05])
    np.testing.assert_allclose(default_tolerance([6.5, 6.5], percent=[True, False]), [0.5, 0.05])


def test_comparators_as_strings_enums_or_codes():
    np.testing.assert_array_equal(
        comparator_codes(np.array([">", ">=", "=", "<=", "<", "~"])), np.arange(6)
    )
    assert comparator_codes(Comparator.LE, 3).tolist() == [3, 3, 3]
    assert comparator_codes(np.array([0, 5])).tolist() == [0, 5]
    with pytest.raises(ValueError):
        comparator_codes(["≥"])


def test_observed_deadline_is_decided_exactly():
    f = damped_trend([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], [0, 0])
    p = probability_met(f, [3.0, 3.0], np.array([">=", ">"]))
    assert p.tolist() == [0.999, 0.001]


def test_target_met_conventions():
    met = target_met(
        [5.0, 5.0, 5.0, 5.0, 7.04, 6.9, NAN],
        [5.0, 5.0, 6.0, 6.0, 7.0, 6.5, 1.0],
        np.array([">=", ">", "=", "=", "~", "~", ">"]),
        direction=[1, 1, 1, -1, 1, 1, 1],
        target_high=[NAN, NAN, NAN, NAN, NAN, 7.0, NAN],
    )
    assert met.tolist() == [True, False, False, True, True, True, False]


def test_nan_mean_gives_nan_probability():
    f = damped_trend([[NAN, NAN], [1.0, 2.0]], [1, 1])
    p = probability_met(f, [1.0, 1.0], ">=")
    assert np.isnan(p[0]) and 0 < p[1] < 1


# --- calibration ---------------------------------------------------------------------------


def test_fit_student_t_recovers_scale_and_tails():
    rng = np.random.default_rng(0)
    scale, df = fit_student_t(2.0 * rng.standard_normal(20_000))
    assert scale == pytest.approx(2.0, rel=0.05) and df >= 20
    _, heavy = fit_student_t(rng.standard_t(2, 20_000))
    assert heavy <= 3


def test_calibration_round_trip_through_json():
    cal = calibrate(panel(300, t_len=12), max_h=3)
    text = json.dumps(cal.to_dict())
    back = Calibration.from_dict(json.loads(text))
    assert back.to_dict() == cal.to_dict()
    np.testing.assert_array_equal(np.asarray(back.scale), np.asarray(cal.scale))
    assert sum(map(sum, cal.count)) > 0


def test_calibration_widens_an_overconfident_model():
    # volatility rises tenfold at t = 10, so in-sample errors understate what follows
    rng = np.random.default_rng(5)
    step_sd = np.where(np.arange(20) < 10, 0.2, 2.0)
    y = (rng.standard_normal((2000, 20)) * step_sd).cumsum(axis=1)
    cal = calibrate(y, max_h=2)
    mult, _ = cal.lookup(np.array([14]), np.array([1]))
    assert mult[0] > 1.3
    f_cal = damped_trend(y[:5], [1] * 5, calibration=cal)
    f_raw = damped_trend(y[:5], [1] * 5)
    assert not np.array_equal(f_cal.scale, f_raw.scale)


def test_calibration_lookup_clips_horizon_and_length():
    cal = calibrate(panel(300, t_len=10), max_h=2)
    m, d = cal.lookup(np.array([1, 100]), np.array([1, 9]))
    assert m[1] == np.asarray(cal.scale)[-1, -1]


# --- engines -------------------------------------------------------------------------------


def _engine_inputs(n: int):
    y = panel(n, seed=4)
    rng = np.random.default_rng(4)
    h = rng.integers(0, 6, n)
    target = np.round(np.nan_to_num(y[:, -1]) + rng.normal(1, 2, n), 1)
    comp = rng.choice(np.array([">=", ">", "<=", "<", "~", "="]), n)
    direction = np.where(rng.random(n) < 0.8, 1.0, -1.0)
    return y, h, target, comp, direction


def test_local_engine_chunking_does_not_change_results():
    y, h, target, comp, direction = _engine_inputs(1000)
    a = assess_arrays(y, h, target, comp, direction, chunk=1000)
    b = assess_arrays(y, h, target, comp, direction, chunk=37)
    for x, z in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, z)


def test_dask_engine_equals_local():
    pytest.importorskip("distributed")
    y, h, target, comp, direction = _engine_inputs(600)
    cal = calibrate(panel(300), max_h=5)
    local = assess_arrays(y, h, target, comp, direction, calibration=cal, chunk=150)
    remote = assess_arrays(y, h, target, comp, direction, calibration=cal, chunk=150, engine="dask")
    for x, z in zip(local, remote, strict=True):
        assert np.array_equal(x, z, equal_nan=True)


def test_statsforecast_adapter_falls_back_for_short_series():
    pytest.importorskip("statsforecast")
    y = panel(6, seed=2)
    y[0, :-2] = NAN  # 2 points: too short for AutoETS
    h = np.array([1, 2, 3, 1, 2, 3])
    f = fc.statsforecast_forecast(y, h, model="AutoETS")
    assert f.fallback[0] and not f.fallback[1:].any()
    assert np.isfinite(f.mean).all() and (f.scale > 0).all()
    assert np.isinf(f.df[1:]).all()
    damped = damped_trend(y[:1], h[:1])
    assert f.mean[0] == damped.mean[0]


def test_anchored_model_averages_trend_and_target() -> None:
    from ontrack.assess.engine import assess_arrays

    y = np.array([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [10.0, 10.0, 10.0, 10.0, 10.0, 10.0]])
    h = np.array([2, 1])
    target = np.array([20.0, 12.0])
    damped_mean, damped_scale, _ = assess_arrays(y, h, target, [">=", ">="])
    mean, scale, prob = assess_arrays(y, h, target, [">=", ">="], model="anchored")
    np.testing.assert_allclose(mean, (damped_mean + target) / 2)
    np.testing.assert_array_equal(scale, damped_scale)
    assert np.all((prob > 0) & (prob < 1))
