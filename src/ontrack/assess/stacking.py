"""A learned combination of the forecast, the track record and the status: the default model.

P(met) = sigmoid(w · x) with the features of `features` (the forecast, two track records,
the status and the forecast's margin over the target), fitted by L2-penalised logistic
regression (Newton's method; the penalty keeps the weights finite when a feature separates
the outcomes). It is scored honestly by
cross-validation across regions: the weights that predict a region's targets are fitted
on the other regions only. The weights fitted on every region are kept with the data
version they came from, so a changed data set is never scored with stale weights.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import OntrackError

FEATURES = (
    "intercept",
    "logit_forecast",
    "logit_base_rate",
    "status_score",
    "logit_region_base_rate",
    "forecast_margin",
)
STATUS_SCORE = {
    "met": 1.0,
    "on_track": 1.0,
    "acceleration_needed": 0.0,
    "cannot_assess": 0.0,
    "limited_progress": -1.0,
    "wrong_direction": -1.0,
}
PENALTY = 1.0  # L2 weight on every coefficient but the intercept
EPS = 1e-3  # probabilities are clipped to [EPS, 1 - EPS] before the logit


def logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.clip(p, EPS, 1.0 - EPS)
    return np.log(q / (1.0 - q))


def features(
    forecast: Sequence[float],
    base_rate: Sequence[float],
    status: Sequence[str],
    region_base_rate: Sequence[float],
    margin: Sequence[float],
) -> NDArray[np.float64]:
    """The design matrix, one row per replay (see FEATURES): the forecast model's P(met),
    the met share of the indicator's and of the region's earlier resolved targets
    (Laplace-smoothed), the progress status (+1 on track or met, -1 limited progress or
    wrong direction, else 0) and the forecast's distance above the target, relative to it."""
    f = np.asarray(forecast, dtype=np.float64)
    b = np.asarray(base_rate, dtype=np.float64)
    s = np.array([STATUS_SCORE.get(x, 0.0) for x in status], dtype=np.float64)
    r = np.asarray(region_base_rate, dtype=np.float64)
    m = np.asarray(margin, dtype=np.float64)
    return np.column_stack([np.ones_like(f), logit(f), logit(b), s, logit(r), m])


def fit(x: NDArray[np.float64], y: NDArray[np.float64], *, penalty: float = PENALTY) -> Any:
    """Weights of the penalised logistic regression of y (0/1) on x."""
    if x.shape[0] == 0:
        raise OntrackError("nothing to fit the default model on: no replays")
    w = np.zeros(x.shape[1])
    ridge = np.full(x.shape[1], penalty)
    ridge[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + ridge * w
        hess = (x * (p * (1.0 - p))[:, None]).T @ x + np.diag(ridge) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def predict(x: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ w))), dtype=np.float64)


def region_folds(regions: Sequence[str], k: int = 5) -> list[set[str]]:
    """Regions split into k folds, deterministically (sorted, then dealt round-robin)."""
    names = sorted(set(regions))
    k = max(2, min(k, len(names)))
    folds: list[set[str]] = [set() for _ in range(k)]
    for i, name in enumerate(names):
        folds[i % k].add(name)
    return [f for f in folds if f]


def cross_validated(
    x: NDArray[np.float64], y: NDArray[np.float64], regions: Sequence[str], k: int = 5
) -> NDArray[np.float64]:
    """Out-of-fold P(met): each region's replays predicted by weights fitted elsewhere."""
    out = np.full(y.shape[0], np.nan)
    region_arr = np.asarray(regions)
    if len(set(regions)) < 2:
        return out  # one region: nothing to hold out
    for fold in region_folds(regions, k):
        test = np.isin(region_arr, sorted(fold))
        if test.all() or not test.any():
            continue
        out[test] = predict(x[test], fit(x[~test], y[~test]))
    return out


def data_version(rows: Iterable[tuple[Any, ...]]) -> str:
    """A short digest of the replayed data (targets, as-of dates, outcomes)."""
    digest = hashlib.sha256()
    for row in sorted(repr(r) for r in rows):
        digest.update(row.encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Weights:
    coefficients: tuple[float, ...]
    data_version: str
    n_replays: int
    n_targets: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": "logistic combination",
            "features": list(FEATURES),
            "coefficients": [round(c, 6) for c in self.coefficients],
            "data_version": self.data_version,
            "n_replays": self.n_replays,
            "n_targets": self.n_targets,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Weights:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(
                tuple(float(c) for c in data["coefficients"]),
                str(data["data_version"]),
                int(data["n_replays"]),
                int(data["n_targets"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise OntrackError(f"{path}: not a weights file ({exc})") from None


__all__ = [
    "FEATURES",
    "Weights",
    "cross_validated",
    "data_version",
    "features",
    "fit",
    "predict",
    "region_folds",
]
