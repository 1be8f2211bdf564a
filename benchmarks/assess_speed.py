"""Speed, memory and calibration of the vectorized target assessment.

Generates N synthetic series of 20 annual points (default 1,000,000) with a held-out future,
a target per series (value, comparator, deadline 1-5 steps ahead), and

1. assesses all of them with the damped trend (local engine on one core, then the Dask engine
   on a 2-worker LocalCluster), printing wall time, series/s and peak memory;
2. runs statsforecast AutoETS on a subset (default 10,000) and prints its series/s and the
   ratio to the damped trend on one core;
3. scores both on that subset against the held-out outcomes (Brier, log loss), the damped
   trend with a calibration fitted on a separate synthetic panel and without one.

Usage: ``python benchmarks/assess_speed.py [--n 1000000] [--sf-n 10000] [--no-dask]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ontrack.assess.calibration import calibrate
from ontrack.assess.engine import assess_arrays
from ontrack.assess.forecast import (
    comparator_codes,
    damped_trend,
    default_tolerance,
    probability_met,
    statsforecast_forecast,
    target_met,
)
from ontrack.assess.scoring import brier, log_loss, reliability
from ontrack.assess.stacking import features, fit, predict
from ontrack.assess.status_arrays import STATUS_NAMES, status_codes, status_rule_probability

T_OBS = 20
MAX_DEADLINE = 5
COMPARATORS = np.array([">=", ">", "<=", "<", "~", "="])
COMPARATOR_SHARE = [0.45, 0.10, 0.15, 0.05, 0.15, 0.10]


@dataclass
class Panel:
    y: NDArray[np.float64]  # (n, T_OBS) observed, NaN gaps and short histories
    future: NDArray[np.float64]  # (n, MAX_DEADLINE) what happened next
    h: NDArray[np.int64]
    target: NDArray[np.float64]
    target_high: NDArray[np.float64]
    comparator: NDArray[np.int8]
    direction: NDArray[np.float64]
    outcome: NDArray[np.bool_]


def synthetic_panel(n: int, seed: int = 0) -> Panel:
    """A realistic mixture, generated column by column (vectorized over series):

    35% trending levels (log-growth about 6%/yr with a slowly drifting, damped growth rate),
    35% noisy growth rates (AR(1) around a mean of N(5, 3), often negative in bad years),
    15% random walks with drift that cross zero, 15% percentage shares on a logistic path.
    20% of series are short (1-15 points), 10% have 1-3 interior gaps.
    """
    rng = np.random.default_rng(seed)
    total = T_OBS + MAX_DEADLINE
    kind = rng.choice(4, size=n, p=[0.35, 0.35, 0.15, 0.15])
    y = np.empty((n, total))

    # per-kind parameters drawn for every row (cheap) and used where the kind applies
    g = rng.normal(0.06, 0.03, n)
    log_level = np.log(rng.lognormal(5.0, 2.0, n))
    mu = rng.normal(5.0, 3.0, n)
    rho = rng.uniform(0.3, 0.9, n)
    sd = rng.uniform(0.3, 2.5, n)
    rw = rng.normal(0.0, 5.0, n)
    drift = rng.normal(0.0, 0.5, n)
    logit = rng.normal(-1.0, 1.0, n)
    logit_step = rng.normal(0.08, 0.05, n)
    ar = mu + rng.normal(0, 1, n) * sd / np.sqrt(1 - rho**2)
    for t in range(total):
        shock = rng.standard_normal(n)
        g = 0.9 * g + 0.1 * 0.05 + 0.01 * rng.standard_normal(n)
        log_level = log_level + g + 0.02 * shock
        ar = mu + rho * (ar - mu) + sd * shock
        rw = rw + drift + sd * 0.5 * shock
        logit = logit + logit_step + 0.05 * shock
        y[:, t] = np.select(
            [kind == 0, kind == 1, kind == 2],
            [np.exp(log_level), ar, rw],
            100.0 / (1.0 + np.exp(-logit)),
        )
    observed = y[:, :T_OBS].copy()
    future = y[:, T_OBS:].copy()
    del y

    short = rng.random(n) < 0.20
    length = rng.integers(1, 16, n)
    cols = np.arange(T_OBS)
    observed[short[:, None] & (cols[None, :] < T_OBS - length[:, None])] = np.nan
    gappy = rng.random(n) < 0.10
    for _ in range(3):
        pos = rng.integers(1, T_OBS - 1, n)
        hit = gappy & (rng.random(n) < 0.7)
        observed[np.flatnonzero(hit), pos[hit]] = np.nan

    h = rng.integers(1, MAX_DEADLINE + 1, n)
    last = observed[:, -1]
    back = observed[:, -4]
    slope = np.where(np.isnan(back), 0.0, (last - back) / 3.0)
    diffs = np.diff(observed, axis=1)
    with warnings.catch_warnings():  # one-point rows have no difference: NaN, handled below
        warnings.simplefilter("ignore", RuntimeWarning)
        spread = np.sqrt(np.nanmean(diffs**2, axis=1))
    spread = np.where(np.isfinite(spread), spread, 0.1 * np.abs(last))
    ambition = rng.uniform(0.3, 1.7, n)
    target = last + h * slope * ambition + rng.standard_normal(n) * spread * np.sqrt(h) * 0.8
    target = np.round(target, 1)
    comparator = comparator_codes(rng.choice(COMPARATORS, n, p=COMPARATOR_SHARE))
    direction = np.where(rng.random(n) < 0.8, 1.0, -1.0)
    ranged = (comparator == 5) & (rng.random(n) < 0.3)
    target_high = np.where(ranged, np.round(target + np.abs(spread), 1), np.nan)
    truth = future[np.arange(n), h - 1]
    outcome = target_met(
        truth,
        target,
        comparator,
        direction=direction,
        target_high=target_high,
        tolerance=default_tolerance(target),
    )
    return Panel(observed, future, h, target, target_high, comparator, direction, outcome)


def peak_mb() -> float:
    """Peak resident memory (MB) of this process, data generation included (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sf-n", type=int, default=10_000)
    parser.add_argument("--calibration-n", type=int, default=20_000)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    panel = synthetic_panel(args.n, seed=0)
    t_gen = time.perf_counter() - t0
    print(f"generated {args.n:,} series x {T_OBS} points in {t_gen:.1f} s")
    print(
        f"  short {np.mean(np.isnan(panel.y[:, 0])):.0%}, negatives in "
        f"{np.mean(np.nanmin(panel.y, axis=1) < 0):.0%} of series, "
        f"base rate met {panel.outcome.mean():.2f}"
    )

    t0 = time.perf_counter()
    cal = calibrate(synthetic_panel(args.calibration_n, seed=1).y, max_h=MAX_DEADLINE)
    print(
        f"calibration on {args.calibration_n:,} separate series: {time.perf_counter() - t0:.1f} s"
    )

    common = dict(target_high=panel.target_high, calibration=cal)
    t0 = time.perf_counter()
    mean, scale, prob = assess_arrays(
        panel.y, panel.h, panel.target, panel.comparator, panel.direction, **common
    )
    t_local = time.perf_counter() - t0
    rate_local = args.n / t_local
    own = peak_mb()
    print(
        f"damped, local engine (1 core): {t_local:.1f} s, {rate_local:,.0f} series/s, "
        f"peak RSS {own:,.0f} MB"
    )
    print(f"  NaN probabilities: {int(np.isnan(prob).sum())} (rows with no observation)")

    # the backtest's default: the status rule (see README, "Backtest on real targets"),
    # then the learned combination on top of the damped forecast, both on one core
    t0 = time.perf_counter()
    codes = status_codes(panel.y, panel.h, panel.target, panel.comparator)
    p_rule = status_rule_probability(codes)
    t_rule = time.perf_counter() - t0
    print(
        f"status rule (the default), 1 core: {t_rule:.1f} s, {args.n / t_rule:,.0f} series/s; "
        f"Brier {brier(p_rule, panel.outcome):.4f} on the held-out outcomes"
    )
    t0 = time.perf_counter()
    margin = np.clip((mean - panel.target) / np.maximum(np.abs(panel.target), 1.0), -2, 2)
    x = features(
        np.nan_to_num(prob, nan=0.5),
        np.full(args.n, 0.5),
        [STATUS_NAMES[c] for c in codes],
        np.full(args.n, 0.5),
        np.nan_to_num(margin),
    )
    w = fit(x[:100_000], panel.outcome[:100_000].astype(float))
    p_learned = predict(x, w)
    t_learned = time.perf_counter() - t0
    print(
        f"learned combination (fit on 100,000, applied to all), 1 core: {t_learned:.1f} s; "
        f"damped + status + combination: {t_local + t_rule + t_learned:.1f} s; Brier "
        f"{brier(p_learned[100_000:], panel.outcome[100_000:]):.4f} on the other series"
    )

    if not args.no_dask:
        import dask
        from distributed import LocalCluster

        from ontrack.assess.engine import MMAP_THRESHOLD, PRE_SPAWN

        t0 = time.perf_counter()
        # the same worker environment assess_arrays sets when it starts its own cluster
        with dask.config.set({f"{PRE_SPAWN}.MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD}):
            cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
            )
        t_start = time.perf_counter() - t0
        addr = cluster.scheduler_address
        # warm-up: workers import numpy/scipy/ontrack on their first task
        assess_arrays(panel.y[:100], panel.h[:100], panel.target[:100], ">=", scheduler=addr)
        t0 = time.perf_counter()
        d_mean, d_scale, d_prob = assess_arrays(
            panel.y,
            panel.h,
            panel.target,
            panel.comparator,
            panel.direction,
            engine="dask",
            scheduler=addr,
            **common,
        )
        t_dask = time.perf_counter() - t0
        cluster.close()
        same = all(
            np.array_equal(a, b, equal_nan=True)
            for a, b in ((mean, d_mean), (scale, d_scale), (prob, d_prob))
        )
        print(
            f"damped, dask engine (2 workers x 1 thread): cluster start {t_start:.1f} s, "
            f"compute incl. data transfer {t_dask:.1f} s, {args.n / t_dask:,.0f} series/s, "
            f"identical to local: {same}"
        )

    # statsforecast on a subset of series long enough for AutoETS (>= 7 points), so both
    # models forecast the same rows from the same data
    sub = np.flatnonzero(np.sum(~np.isnan(panel.y), axis=1) >= 7)[: args.sf_n]
    ys, hs = panel.y[sub], panel.h[sub]
    t0 = time.perf_counter()
    sf = statsforecast_forecast(ys, hs, model="AutoETS")
    t_sf = time.perf_counter() - t0
    rate_sf = sub.size / t_sf
    print(
        f"statsforecast AutoETS on {sub.size:,} series (1 core): {t_sf:.1f} s, "
        f"{rate_sf:,.0f} series/s (fallback rows: {int(sf.fallback.sum())})"
    )
    print(f"throughput ratio damped/AutoETS, both on 1 core: {rate_local / rate_sf:,.0f}x")
    print(
        f"  AutoETS extrapolated to {args.n:,} series: {args.n / rate_sf / 60:,.0f} min "
        "(extrapolated, not measured)"
    )

    kw = dict(direction=panel.direction[sub], target_high=panel.target_high[sub])
    truth = panel.outcome[sub]
    p_sf = probability_met(sf, panel.target[sub], panel.comparator[sub], **kw)
    p_cal = prob[sub]
    p_raw = probability_met(damped_trend(ys, hs), panel.target[sub], panel.comparator[sub], **kw)
    print(f"held-out outcomes on the same {sub.size:,} series (base rate {truth.mean():.2f}):")
    for name, p in (
        ("damped+calibration", p_cal),
        ("damped, default spread", p_raw),
        ("AutoETS", p_sf),
    ):
        rel = reliability(p, truth, bins=5)
        gaps = [abs(r["mean_predicted"] - r["observed_frequency"]) for r in rel if r["n"]]
        print(
            f"  {name:24s} Brier {brier(p, truth):.4f}  log loss {log_loss(p, truth):.4f}"
            f"  max reliability gap (5 bins) {max(gaps):.3f}"
        )
    print(
        f"  whole panel, damped+calibration: Brier {brier(prob, panel.outcome):.4f} "
        f"on {args.n:,} series"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
