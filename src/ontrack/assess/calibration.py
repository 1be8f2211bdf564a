"""Empirical calibration of forecast spread from rolling-origin errors.

For a panel of historical series ``y`` (shape ``(n_series, T)``, NaN where missing) and every
cut point ``c = 1 .. T-1``, the damped trend is fitted on ``y[:, :c]`` only and forecast
``h = 1 .. max_h`` steps after each row's last observation before the cut. Each forecast that
lands on an observed value gives a standardized error::

    z = (y_{L+h} - mean_h) / base_scale_h

where ``base_scale_h = sigma * sqrt(var_h / sigma^2)`` is the model's own (uncalibrated,
multiplier 1) scale of :func:`ontrack.assess.forecast.damped_mean_and_base_scale`. The errors
are grouped by horizon ``h`` and by history length ``n_obs`` (buckets :data:`LENGTH_EDGES`),
because short histories estimate ``sigma`` badly and need heavier tails.

In each group a Student-t ``z ~ m * T(df)`` is fitted: for each ``df`` in :data:`DF_GRID` the
scale is matched robustly, ``m_df = median(|z|) / t_{df}^{-1}(0.75)`` (the median of ``|T|``
is its 0.75 quantile), and the ``df`` with the largest log-likelihood is kept. Groups with
fewer than :data:`MIN_COUNT` errors use the fit pooled over all lengths for that horizon, or
the model defaults (NaN df) if even that is too small. Horizons beyond ``max_h`` reuse the
last horizon's multiplier (the model part of the scale still grows with ``h``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

#: Bucket b holds histories with LENGTH_EDGES[b] <= n_obs < LENGTH_EDGES[b + 1].
LENGTH_EDGES: tuple[int, ...] = (1, 2, 3, 5, 8, 13)
DF_GRID: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 20.0, 50.0, math.inf)
QUANTILE_LEVELS: tuple[float, ...] = (0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975)
MIN_COUNT = 50

Table = tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Calibration:
    """Spread multiplier ``scale[b][h-1]`` and Student-t ``df[b][h-1]`` per length bucket b.

    ``count`` is the number of errors each cell was fitted on, ``quantiles[b][h-1]`` the
    empirical quantiles of ``z`` at ``quantile_levels`` (NaN where the cell was empty).
    ``df`` may be ``inf`` (normal) or NaN (use the model default).
    """

    max_h: int
    length_edges: tuple[int, ...]
    scale: Table
    df: Table
    count: tuple[tuple[int, ...], ...]
    quantile_levels: tuple[float, ...]
    quantiles: tuple[Table, ...]
    model: str = "damped"

    def lookup(self, n_obs: ArrayLike, h: ArrayLike) -> tuple[NDArray[np.float64], ...]:
        """(multiplier, df) per row for history lengths ``n_obs`` and horizons ``h``."""
        n_arr = np.asarray(n_obs)
        bucket = np.searchsorted(np.asarray(self.length_edges), n_arr, side="right") - 1
        bucket = np.clip(bucket, 0, len(self.length_edges) - 1)
        step = np.clip(np.asarray(h), 1, self.max_h) - 1
        scale = np.asarray(self.scale, dtype=np.float64)[bucket, step]
        df = np.asarray(self.df, dtype=np.float64)[bucket, step]
        return scale, df

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict: non-finite numbers become the strings "inf" / "nan"."""
        return {
            "model": self.model,
            "max_h": self.max_h,
            "length_edges": list(self.length_edges),
            "scale": _encode(self.scale),
            "df": _encode(self.df),
            "count": [list(row) for row in self.count],
            "quantile_levels": list(self.quantile_levels),
            "quantiles": [_encode(cell) for cell in self.quantiles],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        return cls(
            max_h=int(data["max_h"]),
            length_edges=tuple(int(x) for x in data["length_edges"]),
            scale=_decode(data["scale"]),
            df=_decode(data["df"]),
            count=tuple(tuple(int(x) for x in row) for row in data["count"]),
            quantile_levels=tuple(float(x) for x in data["quantile_levels"]),
            quantiles=tuple(_decode(cell) for cell in data["quantiles"]),
            model=str(data.get("model", "damped")),
        )


def _encode(table: Table) -> list[list[float | str]]:
    return [[x if math.isfinite(x) else str(x) for x in row] for row in table]


def _decode(rows: list[list[Any]]) -> Table:
    return tuple(tuple(float(x) for x in row) for row in rows)


def rolling_origin_errors(
    y: ArrayLike, max_h: int = 5
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]]:
    """Standardized out-of-sample errors ``z``, with their horizon and history length.

    Only forecasts from data strictly before the cut are compared with values at or after it.
    """
    from .forecast import as_2d, damped_mean_and_base_scale, fit_damped

    arr = as_2d(y)
    n, t_len = arr.shape
    rows = np.arange(n)
    zs: list[NDArray[np.float64]] = []
    hs: list[NDArray[np.int64]] = []
    lengths: list[NDArray[np.int64]] = []
    for cut in range(1, t_len):
        fit = fit_damped(arr[:, :cut])
        has = fit.last_index >= 0
        for step in range(1, max_h + 1):
            col = fit.last_index + step
            ok = has & (col >= cut) & (col < t_len)
            if not ok.any():
                continue
            idx = rows[ok]
            truth = arr[idx, col[ok]]
            h = np.full(idx.size, step, dtype=np.int64)
            sub = _take_fit(fit, idx)
            mean, base = damped_mean_and_base_scale(sub, h)
            with np.errstate(invalid="ignore", divide="ignore"):
                z = (truth - mean) / base
            good = np.isfinite(z)
            zs.append(z[good])
            hs.append(h[good])
            lengths.append(sub.n_obs[good])
    if not zs:
        empty_f = np.zeros(0)
        empty_i = np.zeros(0, dtype=np.int64)
        return empty_f, empty_i, empty_i
    return np.concatenate(zs), np.concatenate(hs), np.concatenate(lengths)


def _take_fit(fit: Any, idx: NDArray[np.int64]) -> Any:
    from .forecast import DampedFit

    return DampedFit(**{name: getattr(fit, name)[idx] for name in DampedFit.__dataclass_fields__})


def fit_student_t(z: NDArray[np.float64]) -> tuple[float, float]:
    """(scale, df) of ``z ~ scale * T(df)``: robust scale per df, df by log-likelihood."""
    med = float(np.median(np.abs(z)))
    if med <= 0:
        med = float(np.mean(np.abs(z))) or 1.0
    best: tuple[float, float, float] = (-math.inf, 1.0, math.inf)
    for df in DF_GRID:
        scale = med / float(stats.t.ppf(0.75, df))
        loglik = float(np.sum(stats.t.logpdf(z / scale, df))) - z.size * math.log(scale)
        if loglik > best[0]:
            best = (loglik, scale, df)
    return best[1], best[2]


def calibrate(y: ArrayLike, max_h: int = 5) -> Calibration:
    """Fit a :class:`Calibration` from a historical panel (module docstring for the method)."""
    from .forecast import DEFAULT_INFLATION

    z, h, n_obs = rolling_origin_errors(y, max_h)
    edges = np.asarray(LENGTH_EDGES)
    bucket = np.clip(np.searchsorted(edges, n_obs, side="right") - 1, 0, len(edges) - 1)
    n_b = len(LENGTH_EDGES)
    n_q = len(QUANTILE_LEVELS)
    scale = np.full((n_b, max_h), DEFAULT_INFLATION)
    df = np.full((n_b, max_h), np.nan)
    count = np.zeros((n_b, max_h), dtype=np.int64)
    quant = np.full((n_b, max_h, n_q), np.nan)
    for step in range(1, max_h + 1):
        in_h = h == step
        pooled: tuple[float, float] | None = None
        if in_h.sum() >= MIN_COUNT:
            pooled = fit_student_t(z[in_h])
        for b in range(n_b):
            cell = z[in_h & (bucket == b)]
            count[b, step - 1] = cell.size
            if cell.size:
                quant[b, step - 1] = np.quantile(cell, QUANTILE_LEVELS)
            fitted = fit_student_t(cell) if cell.size >= MIN_COUNT else pooled
            if fitted is not None:
                scale[b, step - 1], df[b, step - 1] = fitted
    return Calibration(
        max_h=max_h,
        length_edges=LENGTH_EDGES,
        scale=tuple(tuple(float(x) for x in row) for row in scale),
        df=tuple(tuple(float(x) for x in row) for row in df),
        count=tuple(tuple(int(x) for x in row) for row in count),
        quantile_levels=QUANTILE_LEVELS,
        quantiles=tuple(tuple(tuple(float(x) for x in q) for q in row) for row in quant),
    )


__all__ = ["Calibration", "calibrate", "fit_student_t", "rolling_origin_errors"]
