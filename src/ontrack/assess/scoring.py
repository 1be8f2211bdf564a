"""Scores for probability forecasts of binary outcomes (target met or not).

With forecasts ``p_i`` in [0, 1] and outcomes ``o_i`` in {0, 1}:

- Brier score: ``mean((p_i - o_i)^2)``; 0 is perfect, 0.25 is always saying 0.5.
- Log loss: ``-mean(o_i log p_i + (1 - o_i) log(1 - p_i))`` with ``p`` clipped to
  ``[eps, 1 - eps]`` so one confident miss costs ``-log(eps)`` (13.8 for 1e-6), not infinity.
- Reliability: forecasts grouped into ``bins`` equal-width bins of ``p`` (the last bin closed
  at 1); per bin the number of forecasts, their mean and the observed frequency of the
  outcome. A calibrated forecaster has mean predicted ≈ observed frequency in every bin.

Rows where ``p`` or the outcome is NaN are left out of every score.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray


def _clean(p: ArrayLike, outcome: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    prob = np.asarray(p, dtype=np.float64).reshape(-1)
    obs = np.asarray(outcome, dtype=np.float64).reshape(-1)
    if prob.shape != obs.shape:
        raise ValueError(f"{prob.size} probabilities for {obs.size} outcomes")
    keep = ~(np.isnan(prob) | np.isnan(obs))
    prob, obs = prob[keep], obs[keep]
    if np.any((prob < 0) | (prob > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    if np.any((obs != 0) & (obs != 1)):
        raise ValueError("outcomes must be 0/1 or booleans")
    return prob, obs


def brier(p: ArrayLike, outcome: ArrayLike) -> float:
    """``mean((p - o)^2)``; NaN when there is nothing to score."""
    prob, obs = _clean(p, outcome)
    return float(np.mean((prob - obs) ** 2)) if prob.size else float("nan")


def log_loss(p: ArrayLike, outcome: ArrayLike, eps: float = 1e-6) -> float:
    """``-mean(o log p + (1 - o) log(1 - p))`` with ``p`` clipped to ``[eps, 1 - eps]``."""
    prob, obs = _clean(p, outcome)
    if not prob.size:
        return float("nan")
    prob = np.clip(prob, eps, 1.0 - eps)
    return float(-np.mean(obs * np.log(prob) + (1.0 - obs) * np.log1p(-prob)))


def reliability(p: ArrayLike, outcome: ArrayLike, bins: int = 10) -> list[dict[str, Any]]:
    """One dict per equal-width bin of ``p``: ``lower``, ``upper``, ``n``, ``mean_predicted``,
    ``observed_frequency`` (the last two are None for an empty bin)."""
    if bins < 1:
        raise ValueError("bins must be >= 1")
    prob, obs = _clean(p, outcome)
    edges = np.linspace(0.0, 1.0, bins + 1)
    # bin i holds lower <= p < upper; p == 1 goes into the last bin
    index = np.clip(np.floor(prob * bins).astype(np.int64), 0, bins - 1)
    count = np.bincount(index, minlength=bins)
    sum_p = np.bincount(index, weights=prob, minlength=bins)
    sum_o = np.bincount(index, weights=obs, minlength=bins)
    table: list[dict[str, Any]] = []
    for i in range(bins):
        n = int(count[i])
        table.append(
            {
                "lower": float(edges[i]),
                "upper": float(edges[i + 1]),
                "n": n,
                "mean_predicted": float(sum_p[i] / n) if n else None,
                "observed_frequency": float(sum_o[i] / n) if n else None,
            }
        )
    return table


def score_table(
    models: Mapping[str, tuple[ArrayLike, ArrayLike]], bins: int = 10
) -> dict[str, dict[str, Any]]:
    """``{model: {"n", "brier", "log_loss", "reliability"}}`` for ``{model: (p, outcome)}``.

    This is the JSON shape ``ontrack backtest --json`` prints. NaN scores (nothing to score)
    become None so the result is valid JSON.
    """
    out: dict[str, dict[str, Any]] = {}
    for name, (p, outcome) in models.items():
        prob, obs = _clean(p, outcome)
        b = brier(prob, obs)
        ll = log_loss(prob, obs)
        out[name] = {
            "n": int(prob.size),
            "brier": None if np.isnan(b) else b,
            "log_loss": None if np.isnan(ll) else ll,
            "reliability": reliability(prob, obs, bins),
        }
    return out


def bootstrap_brier_difference(
    p_other: ArrayLike,
    p_default: ArrayLike,
    outcome: ArrayLike,
    groups: ArrayLike,
    *,
    reps: int = 2000,
    level: float = 0.90,
    seed: int = 0,
) -> dict[str, float | None]:
    """Brier(other) - Brier(default) with a cluster-bootstrap interval.

    Replays of one target share its outcome, so whole targets (``groups``) are resampled,
    not single replays. A positive difference means the default scores better; the interval
    excludes zero when both ends have the same sign.
    """
    other = np.asarray(p_other, dtype=np.float64).reshape(-1)
    default = np.asarray(p_default, dtype=np.float64).reshape(-1)
    obs = np.asarray(outcome, dtype=np.float64).reshape(-1)
    if not (other.shape == default.shape == obs.shape):
        raise ValueError("probabilities, outcomes and groups must have the same length")
    if not obs.size:
        return {"difference": None, "low": None, "high": None}
    diff = (other - obs) ** 2 - (default - obs) ** 2
    _, index = np.unique(np.asarray(groups).reshape(-1), return_inverse=True)
    n_groups = int(index.max()) + 1
    sums = np.bincount(index, weights=diff, minlength=n_groups)
    counts = np.bincount(index, minlength=n_groups).astype(np.float64)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_groups, size=(reps, n_groups))
    stats = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    tail = (1.0 - level) / 2.0
    return {
        "difference": float(diff.mean()),
        "low": float(np.quantile(stats, tail)),
        "high": float(np.quantile(stats, 1.0 - tail)),
    }


__all__ = ["bootstrap_brier_difference", "brier", "log_loss", "reliability", "score_table"]
