"""Vectorized damped-trend forecasts and the probability that a target is met.

Every function works on many series at once. ``y`` has shape ``(n_series, T)``: one row per
series on a regular grid (years or quarters), oldest to newest, NaN where a value is missing
(leading NaNs for short series, interior gaps allowed). ``h`` has shape ``(n_series,)``: the
number of steps from each row's last non-NaN value to the deadline (``h == 0``: the deadline
period is already observed, the forecast is that value with zero spread).

The model is Holt's linear method with a damped trend in error-correction form
(ETS(A,Ad,N), Hyndman et al. 2008, ch. 2 and Table 6.1)::

    e_t = y_t - (l_{t-1} + phi * b_{t-1})            one-step error
    l_t = l_{t-1} + phi * b_{t-1} + alpha * e_t      level
    b_t = phi * b_{t-1} + beta * e_t                 slope
    mean_h = l_n + phi_h * b_n,   phi_h = phi + phi^2 + ... + phi^h = phi (1 - phi^h) / (1 - phi)
    var_h / sigma^2 = 1 + sum_{j=1}^{h-1} (alpha + beta * phi_j)^2

started from ``l_1 = y_1, b_1 = y_2 - y_1, l_2 = y_2`` (the first two points are fitted
exactly). ``(alpha, beta, phi)`` is chosen per row from a small grid (:data:`PARAMETER_GRID`)
by the in-sample sum of squared one-step errors, all rows and all grid points at once; rows
with fewer than :data:`MIN_ERRORS_FOR_GRID` one-step errors use :data:`DEFAULT_PARAMETERS`.

The spread is ``scale_h = sigma * sqrt(var_h / sigma^2) * m`` with a Student-t of ``df``
degrees of freedom, where ``sigma`` is the row's in-sample volatility (see :func:`fit_damped`)
and ``(m, df)`` come from an empirical :class:`~ontrack.assess.calibration.Calibration` (the
distribution of rolling-origin forecast errors by horizon and history length). Without one,
``m = DEFAULT_INFLATION`` and ``df = clip(k / 2, 1, 10)`` where ``k`` is the number of in-sample
one-step errors: a conservative default that widens for short histories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

if TYPE_CHECKING:
    from .calibration import Calibration

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: Comparator codes used by :func:`probability_met` (strings are mapped to these).
COMPARATOR_CODES: dict[str, int] = {">": 0, ">=": 1, "=": 2, "<=": 3, "<": 4, "~": 5}
GT, GE, EQ, LE, LT, APPROX = range(6)

ALPHAS: tuple[float, ...] = (0.2, 0.5, 0.8, 1.0)
BETAS: tuple[float, ...] = (0.0, 0.1, 0.3)
PHIS: tuple[float, ...] = (0.8, 0.98)  # 0.98 over 0.95: Brier 0.139 vs 0.145 (synthetic)


def parameter_grid(
    alphas: Sequence[float] = ALPHAS,
    betas: Sequence[float] = BETAS,
    phis: Sequence[float] = PHIS,
) -> tuple[tuple[float, float, float], ...]:
    """(alpha, beta, phi) candidates; beta <= alpha keeps the slope from outrunning the level."""
    grid = tuple((a, b, p) for a in alphas for b in betas for p in phis if b <= a)
    if not grid:
        raise ValueError("empty parameter grid (beta must be <= alpha)")
    if any(not 0 < p <= 1 for p in phis) or any(not 0 <= a <= 1 for a in alphas):
        raise ValueError("need 0 < phi <= 1 and 0 <= alpha <= 1")
    return grid


#: (alpha, beta, phi) candidates searched per row.
PARAMETER_GRID = parameter_grid()
#: Used when a row has too few one-step errors to choose (1 to 3 observations).
DEFAULT_PARAMETERS: tuple[float, float, float] = (0.8, 0.1, 0.8)
MIN_ERRORS_FOR_GRID = 2
#: Spread multiplier without a calibration (>1: uncalibrated forecasts are overconfident).
DEFAULT_INFLATION = 1.25
#: Volatility floor as a share of the row's mean absolute value (constant series still move).
RELATIVE_FLOOR = 0.01
#: Volatility of a single-observation row as a share of its absolute value.
SINGLE_POINT_SPREAD = 0.1
#: Absolute volatility floor, so that a row of zeros gets a (tiny) positive scale.
ABSOLUTE_FLOOR = 1e-9
#: Probabilities are kept inside [P_MIN, P_MAX]: no model is certain about the future.
P_MIN, P_MAX = 0.001, 0.999


@dataclass(frozen=True, eq=False)
class Forecast:
    """Predictive distribution per row: ``mean + scale * T(df)`` (``df = inf``: normal).

    ``n_obs`` counts the real (not interpolated) observations used; ``fallback`` marks rows
    that a different model than the one asked for produced (statsforecast rows too short for
    the model are forecast with :func:`damped_trend`). Rows without any observation have NaN
    mean, scale and df: the caller reports them as cannot_assess.
    """

    mean: FloatArray
    scale: FloatArray
    df: FloatArray
    n_obs: IntArray
    fallback: BoolArray

    def __len__(self) -> int:
        return int(self.mean.shape[0])

    def take(self, rows: IntArray | BoolArray | slice) -> Forecast:
        """The forecasts of some rows (fancy index, mask or slice)."""
        return Forecast(
            self.mean[rows], self.scale[rows], self.df[rows], self.n_obs[rows], self.fallback[rows]
        )


@dataclass(frozen=True, eq=False)
class Prepared:
    """Series left-aligned (first observation in column 0) with interior gaps interpolated.

    ``span`` is the number of columns from the first to the last observation, ``real`` marks
    columns that were observed rather than interpolated, ``last_index`` is the column of the
    last observation in the caller's grid (-1 for empty rows).
    """

    values: FloatArray
    real: BoolArray
    span: IntArray
    n_obs: IntArray
    last_index: IntArray


@dataclass(frozen=True, eq=False)
class DampedFit:
    """Fitted state per row: ``level``, ``slope``, the chosen parameters and ``sigma``.

    ``n_errors`` is the number of in-sample one-step errors at real observations, ``sigma``
    their root mean square (or the documented fallbacks of :func:`fit_damped`), ``last_value``
    the last real observation.
    """

    level: FloatArray
    slope: FloatArray
    alpha: FloatArray
    beta: FloatArray
    phi: FloatArray
    sigma: FloatArray
    n_errors: IntArray
    n_obs: IntArray
    last_value: FloatArray
    last_index: IntArray


def as_2d(y: ArrayLike) -> FloatArray:
    """``y`` as a float64 array of shape (n_series, T); a 1-D input is one series."""
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"y must have shape (n_series, T), got {arr.shape}")
    return arr


def as_horizon(h: ArrayLike, n: int) -> IntArray:
    """``h`` broadcast to (n,) integers; negative horizons are an error."""
    arr = np.broadcast_to(np.asarray(h), (n,))
    if arr.dtype.kind == "f" and np.any(arr != np.round(arr)):
        raise ValueError("h must be whole steps")
    out = arr.astype(np.int64)
    if np.any(out < 0):
        raise ValueError("h must be >= 0 (steps from the last observation to the deadline)")
    return out


def prepare(y: ArrayLike) -> Prepared:
    """Interpolate interior gaps linearly and shift each row so its first value is column 0.

    Interpolation keeps the grid regular (one step = one period) so the recursion and the
    horizon stay in periods; interpolated points are excluded from the error statistics.
    """
    arr = as_2d(y)
    n, t_len = arr.shape
    valid = ~np.isnan(arr)
    col = np.arange(t_len)
    prev = np.maximum.accumulate(np.where(valid, col, -1), axis=1)
    nxt = np.minimum.accumulate(np.where(valid, col, t_len)[:, ::-1], axis=1)[:, ::-1]
    first = nxt[:, 0]
    last = prev[:, -1]
    prev_c = np.clip(prev, 0, t_len - 1)
    nxt_c = np.clip(nxt, 0, t_len - 1)
    y_prev = np.take_along_axis(arr, prev_c, axis=1)
    y_next = np.take_along_axis(arr, nxt_c, axis=1)
    gap = np.maximum(nxt - prev, 1)
    weight = (col - prev) / gap
    inside = (prev >= 0) & (nxt < t_len)
    with np.errstate(invalid="ignore"):
        filled = np.where(valid, arr, np.where(inside, y_prev + weight * (y_next - y_prev), np.nan))
    source = col[None, :] + first[:, None]
    in_span = source <= last[:, None]
    source_c = np.clip(source, 0, t_len - 1)
    values = np.where(in_span, np.take_along_axis(filled, source_c, axis=1), np.nan)
    real = in_span & np.take_along_axis(valid, source_c, axis=1)
    span = np.where(last >= 0, last - first + 1, 0).astype(np.int64)
    return Prepared(
        values=values,
        real=real,
        span=span,
        n_obs=valid.sum(axis=1).astype(np.int64),
        last_index=last.astype(np.int64),
    )


def fit_damped(
    y: ArrayLike | Prepared, grid: Sequence[tuple[float, float, float]] = PARAMETER_GRID
) -> DampedFit:
    """Fit the damped trend to every row, choosing (alpha, beta, phi) per row from the grid.

    ``sigma`` (the in-sample volatility) is::

        k >= 1 errors:   sqrt(mean(e_t^2))  over one-step errors at real observations
        2 observations:  |b| = |y_2 - y_1| per step (the only change seen)
        1 observation:   SINGLE_POINT_SPREAD * |y_1|

    floored at ``max(RELATIVE_FLOOR * mean|y|, ABSOLUTE_FLOOR)``. The loop runs over time
    columns (about 20), never over series. Rows with too few errors to choose use the grid
    point nearest :data:`DEFAULT_PARAMETERS`.
    """
    prep = y if isinstance(y, Prepared) else prepare(y)
    values, real, span = prep.values, prep.real, prep.span
    n, t_len = values.shape
    params = np.asarray(grid, dtype=np.float64).reshape(-1, 3)
    alpha, beta, phi = params[:, 0], params[:, 1], params[:, 2]

    y0 = np.nan_to_num(values[:, 0]) if t_len else np.zeros(n)
    y1 = np.nan_to_num(values[:, 1]) if t_len > 1 else y0
    has_two = span >= 2
    level0 = np.where(has_two, y1, y0)
    slope0 = np.where(has_two, y1 - y0, 0.0)
    level = np.repeat(level0[:, None], params.shape[0], axis=1)
    slope = np.repeat(slope0[:, None], params.shape[0], axis=1)
    sse = np.zeros_like(level)
    n_errors = np.zeros(n, dtype=np.int64)
    for t in range(2, t_len):
        active = t < span
        if not active.any():
            break
        pred = level + phi * slope
        err = values[:, t, None] - pred
        act = active[:, None]
        # where() rather than masked assignment: same cost, and rows past their end keep state
        level = np.where(act, pred + alpha * err, level)
        slope = np.where(act, phi * slope + beta * err, slope)
        counted = active & real[:, t]
        sse += np.where(counted[:, None], err * err, 0.0)
        n_errors += counted

    default = int(np.argmin(np.abs(params - np.asarray(DEFAULT_PARAMETERS)).sum(axis=1)))
    chosen = np.where(n_errors >= MIN_ERRORS_FOR_GRID, np.argmin(sse, axis=1), default)
    pick = chosen[:, None]
    level_c = np.take_along_axis(level, pick, axis=1)[:, 0]
    slope_c = np.take_along_axis(slope, pick, axis=1)[:, 0]
    sse_c = np.take_along_axis(sse, pick, axis=1)[:, 0]

    observed = np.where(real, np.abs(values), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_abs = observed.sum(axis=1) / np.maximum(real.sum(axis=1), 1)
        rmse = np.sqrt(sse_c / n_errors)
    sigma = np.where(
        n_errors >= 1,
        rmse,
        np.where(has_two, np.abs(slope_c), SINGLE_POINT_SPREAD * np.abs(y0)),
    )
    floor = np.maximum(RELATIVE_FLOOR * np.nan_to_num(mean_abs), ABSOLUTE_FLOOR)
    sigma = np.maximum(np.nan_to_num(sigma), floor)
    last_col = np.clip(span - 1, 0, max(t_len - 1, 0))
    last_value = values[np.arange(n), last_col] if t_len else np.full(n, np.nan)
    empty = span == 0
    nan = np.float64(np.nan)
    return DampedFit(
        level=np.where(empty, nan, level_c),
        slope=np.where(empty, nan, slope_c),
        alpha=alpha[chosen],
        beta=beta[chosen],
        phi=phi[chosen],
        sigma=np.where(empty, nan, sigma),
        n_errors=n_errors,
        n_obs=prep.n_obs,
        last_value=np.where(empty, nan, last_value),
        last_index=prep.last_index,
    )


def phi_sum(phi: FloatArray, h: FloatArray | int) -> FloatArray:
    """``phi + phi^2 + ... + phi^h`` (``= h`` when ``phi == 1``, Holt's undamped trend)."""
    undamped = phi == 1.0
    safe = np.where(undamped, 0.5, phi)
    out: FloatArray = np.where(undamped, h, safe * (1.0 - safe**h) / (1.0 - safe))
    return out


def damped_mean_and_base_scale(fit: DampedFit, h: IntArray) -> tuple[FloatArray, FloatArray]:
    """``mean_h`` and ``sigma * sqrt(var_h / sigma^2)`` (no calibration multiplier).

    ``h == 0`` gives the last observed value and scale 0.
    """
    phi, alpha, beta = fit.phi, fit.alpha, fit.beta
    hf = h.astype(np.float64)
    mean = np.where(h == 0, fit.last_value, fit.level + phi_sum(phi, hf) * fit.slope)
    var_factor = np.ones_like(hf)
    max_h = int(h.max()) if h.size else 0
    for j in range(1, max_h):
        c_j = alpha + beta * phi_sum(phi, j)
        var_factor += np.where(j < h, c_j * c_j, 0.0)
    scale = np.where(h == 0, 0.0, fit.sigma * np.sqrt(var_factor))
    return mean, scale


def default_df(n_errors: IntArray) -> FloatArray:
    """Degrees of freedom without a calibration: ``clip(k / 2, 1, 10)`` for ``k`` in-sample errors.

    Half of ``k`` and at most 10 because rolling-origin errors (synthetic and the bundled
    provincial GDP panel) have heavier tails than the in-sample errors suggest: fitted df
    was 2-10 even for 13+ point histories.
    """
    return np.clip(n_errors / 2.0, 1.0, 10.0)


def damped_forecast(
    fit: DampedFit, h: ArrayLike, calibration: Calibration | None = None
) -> Forecast:
    """Forecast ``h`` steps ahead from a fit; see the module docstring for the formulas."""
    n = fit.level.shape[0]
    hh = as_horizon(h, n)
    mean, base = damped_mean_and_base_scale(fit, hh)
    if calibration is None:
        multiplier = np.full(n, DEFAULT_INFLATION)
        df = default_df(fit.n_errors)
    else:
        multiplier, df = calibration.lookup(fit.n_obs, hh)
        df = np.where(np.isnan(df), default_df(fit.n_errors), df)
    empty = np.isnan(fit.level)
    return Forecast(
        mean=mean,
        scale=np.where(empty, np.nan, base * multiplier),
        df=np.where(empty, np.nan, df),
        n_obs=fit.n_obs,
        fallback=np.zeros(n, dtype=bool),
    )


def damped_trend(
    y: ArrayLike,
    h: ArrayLike,
    *,
    alpha: float | None = None,
    beta: float | None = None,
    phi: float | None = None,
    calibration: Calibration | None = None,
) -> Forecast:
    """Damped-trend forecast of every row ``h`` steps after its last observation.

    ``mean_h = l_n + phi (1 - phi^h) / (1 - phi) * b_n``;
    ``scale_h = m * sigma * sqrt(1 + sum_{j<h} (alpha + beta phi (1 - phi^j) / (1 - phi))^2)``
    with ``(m, df)`` from ``calibration`` (by history length and horizon) or the defaults
    ``m = 1.25``, ``df = clip(k / 2, 1, 10)``. Parameters are chosen per row from the grid
    (module docstring); passing ``alpha``, ``beta`` or ``phi`` fixes that parameter
    (``phi = 1`` is Holt's undamped linear trend).
    """
    grid = PARAMETER_GRID
    if alpha is not None or beta is not None or phi is not None:
        grid = parameter_grid(
            ALPHAS if alpha is None else (alpha,),
            BETAS if beta is None else (beta,),
            PHIS if phi is None else (phi,),
        )
    return damped_forecast(fit_damped(y, grid), h, calibration)


# --- probabilities -----------------------------------------------------------------------


def comparator_codes(comparator: Any, n: int | None = None) -> NDArray[np.int8]:
    """Comparators as int8 codes (:data:`COMPARATOR_CODES`).

    Accepts one string (or :class:`ontrack.model.Comparator`, a ``str``), a sequence or array of
    strings, or an integer array of codes already. ``n`` broadcasts a single comparator.
    """
    if isinstance(comparator, str):
        codes = np.asarray([_code(comparator)], dtype=np.int8)
    else:
        arr = np.asarray(comparator)
        if arr.dtype.kind in "iu":
            if arr.size and (arr.min() < 0 or arr.max() > APPROX):
                raise ValueError("comparator codes must be 0..5")
            codes = arr.astype(np.int8).reshape(-1)
        else:
            # np.unique keeps the mapping vectorized: one dict lookup per distinct string
            uniq, inverse = np.unique(arr.astype(str).reshape(-1), return_inverse=True)
            lut = np.asarray([_code(u) for u in uniq], dtype=np.int8)
            codes = lut[inverse.reshape(-1)]
    if n is not None:
        codes = np.broadcast_to(codes, (n,)).copy() if codes.size == 1 else codes
        if codes.shape[0] != n:
            raise ValueError(f"{codes.shape[0]} comparators for {n} rows")
    return codes


def _code(text: str) -> int:
    key = str(text).strip()
    if key not in COMPARATOR_CODES:
        raise ValueError(f"unknown comparator {text!r}; expected one of {list(COMPARATOR_CODES)}")
    return COMPARATOR_CODES[key]


def default_tolerance(target: ArrayLike, percent: ArrayLike | None = None) -> FloatArray:
    """Tolerance of an "about" target: half a unit of its last significant digit.

    ``7.5 -> 0.05``, ``7 -> 0.5``, ``6000 -> 500``, ``0 -> 0.5``. Where ``percent`` is true the
    tolerance is 0.5 (half a percentage point), because "about 6.5 percent" growth is judged
    in half points, not hundredths.
    """
    tgt = np.abs(np.asarray(target, dtype=np.float64)).reshape(-1)
    n = tgt.shape[0]
    finite = np.isfinite(tgt) & (tgt > 0)
    safe = np.where(finite, tgt, 1.0)
    top = np.floor(np.log10(safe))  # the leading digit's exponent caps the search
    exponent = np.full(n, np.nan)
    for k in range(15, -10, -1):
        scaled = safe / 10.0**k
        exact = np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, scaled)
        take = np.isnan(exponent) & exact & (k <= top)
        exponent = np.where(take, k, exponent)
    tol = np.where(finite & ~np.isnan(exponent), 0.5 * 10.0 ** np.nan_to_num(exponent), 0.5)
    if percent is not None:
        tol = np.where(np.broadcast_to(np.asarray(percent, dtype=bool), (n,)), 0.5, tol)
    return tol


def _broadcast(value: ArrayLike | None, n: int, fill: float) -> FloatArray:
    if value is None:
        return np.full(n, fill)
    return np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).astype(np.float64)


@dataclass(frozen=True, eq=False)
class _Intervals:
    """What "met" means per row: low < X (lower), X < high (upper), or low <= X <= high."""

    low: FloatArray
    high: FloatArray
    kind: NDArray[np.int8]  # 0: X above low, 1: X below high, 2: low <= X <= high
    strict: BoolArray  # ">" and "<": only matters when the value is known exactly


def _intervals(
    target: FloatArray,
    codes: NDArray[np.int8],
    direction: FloatArray,
    target_high: FloatArray,
    tolerance: FloatArray,
) -> _Intervals:
    has_range = np.isfinite(target_high)
    high = np.where(has_range, target_high, target)
    eq_up = (codes == EQ) & (direction > 0)
    eq_down = (codes == EQ) & (direction < 0)
    eq_none = (codes == EQ) & ~(direction > 0) & ~(direction < 0)
    above = (codes == GT) | (codes == GE) | eq_up
    below = (codes == LT) | (codes == LE) | eq_down
    approx = (codes == APPROX) | eq_none
    # "about x" without a range is x +- tolerance; with a range it is the range itself
    low = np.where(approx & ~has_range, target - tolerance, target)
    high = np.where(approx & ~has_range, target + tolerance, high)
    kind = np.where(above, 0, np.where(below, 1, 2)).astype(np.int8)
    return _Intervals(low, high, kind, (codes == GT) | (codes == LT))


def target_met(
    value: ArrayLike,
    target: ArrayLike,
    comparator: Any,
    *,
    direction: ArrayLike | None = None,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
) -> BoolArray:
    """Whether observed values meet their targets (same conventions as :func:`probability_met`).

    NaN values are not met.
    """
    val = np.asarray(value, dtype=np.float64).reshape(-1)
    n = val.shape[0]
    tgt = _broadcast(target, n, np.nan)
    iv = _intervals(
        tgt,
        comparator_codes(comparator, n),
        _broadcast(direction, n, 1.0),
        _broadcast(target_high, n, np.nan),
        _broadcast(tolerance, n, np.nan) if tolerance is not None else default_tolerance(tgt),
    )
    above = np.where(iv.strict, val > iv.low, val >= iv.low)
    below = np.where(iv.strict, val < iv.high, val <= iv.high)
    inside = (val >= iv.low) & (val <= iv.high)
    return np.where(iv.kind == 0, above, np.where(iv.kind == 1, below, inside))


def _cdf(x: FloatArray, mean: FloatArray, scale: FloatArray, df: FloatArray) -> FloatArray:
    """Student-t CDF ``F((x - mean) / scale; df)``; ``df = inf`` is the normal CDF."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (x - mean) / scale
    out: FloatArray = special.stdtr(df, z)
    return out


def probability_met(
    forecast: Forecast,
    target: ArrayLike,
    comparator: Any,
    *,
    direction: ArrayLike | None = None,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
    percent: ArrayLike | None = None,
    clip: tuple[float, float] = (P_MIN, P_MAX),
) -> FloatArray:
    """P(target met at the deadline) per row under ``X ~ mean + scale * T(df)``.

    Comparators (strings, :class:`~ontrack.model.Comparator` or codes 0..5, see
    :func:`comparator_codes`):

    - ``">"``, ``">="``: ``P(X > target) = 1 - F(target)``; with a range, ``target`` (the low
      end) is the threshold.
    - ``"<"``, ``"<="``: ``P(X < target) = F(target)``; with a range, ``target_high``.
    - ``"="`` (reach): ``">="`` where ``direction > 0`` (higher is better), ``"<="`` where
      ``direction < 0``, and ``"~"`` where direction is 0 or NaN.
    - ``"~"`` (about): ``P(target - tol <= X <= target + tol) = F(target + tol) - F(target - tol)``
      with ``tol = tolerance`` or :func:`default_tolerance` (half a unit of the target's last
      significant digit; 0.5 where ``percent``); with a range ``P(target <= X <= target_high)``.

    ``direction`` defaults to +1. For a continuous forecast strict and non-strict comparators
    give the same probability; they differ only when ``scale == 0`` (deadline already observed,
    ``h == 0``), where the outcome is decided exactly by :func:`target_met`. Results are clipped
    to ``clip`` (default [0.001, 0.999]); rows with a NaN mean or target give NaN.
    """
    n = len(forecast)
    tgt = _broadcast(target, n, np.nan)
    tol = (
        _broadcast(tolerance, n, np.nan)
        if tolerance is not None
        else default_tolerance(tgt, percent)
    )
    codes = comparator_codes(comparator, n)
    dirn = _broadcast(direction, n, 1.0)
    high_in = _broadcast(target_high, n, np.nan)
    iv = _intervals(tgt, codes, dirn, high_in, tol)
    mean, scale, df = forecast.mean, forecast.scale, forecast.df
    f_low = _cdf(iv.low, mean, scale, df)
    f_high = _cdf(iv.high, mean, scale, df)
    prob = np.where(iv.kind == 0, 1.0 - f_low, np.where(iv.kind == 1, f_high, f_high - f_low))
    exact = scale == 0
    if exact.any():
        met = target_met(mean, tgt, codes, direction=dirn, target_high=high_in, tolerance=tol)
        prob = np.where(exact, met.astype(np.float64), prob)
    prob = np.clip(prob, clip[0], clip[1])
    return np.where(np.isnan(mean) | np.isnan(tgt), np.nan, prob)


# --- statsforecast adapter ---------------------------------------------------------------

#: Shortest series each model accepts: statsforecast's ETS raises "tiny datasets" for
#: n <= 6 (n <= parameters + 4); ARIMA needs a few points to difference and fit.
STATSFORECAST_MIN_OBS: dict[str, int] = {"AutoETS": 7, "AutoARIMA": 5}


def statsforecast_forecast(
    y: ArrayLike,
    h: ArrayLike,
    model: str = "AutoETS",
    freq: int | str = 1,
    *,
    n_jobs: int = 1,
    min_obs: int | None = None,
    calibration: Calibration | None = None,
) -> Forecast:
    """Forecast with statsforecast (optional dependency) on the same arrays.

    Gaps are interpolated as for :func:`damped_trend` (statsforecast assumes consecutive
    points), rows are stacked into the long ``unique_id / ds / y`` frame with integer ``ds``,
    and ``StatsForecast(models=[Model(season_length=1)], freq=freq).forecast(df, h=max(h),
    level=[68, 95])`` is called once. The mean is the model column; the normal scale is
    ``(hi95 - lo95) / (2 * 1.959964)``. Rows with fewer than ``min_obs`` observations (default
    :data:`STATSFORECAST_MIN_OBS`: 7 for AutoETS, 5 for AutoARIMA), rows whose
    model fit fails to produce finite numbers, and rows with ``h == 0`` come from
    :func:`damped_trend` and are marked in ``Forecast.fallback``.
    """
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA, AutoETS

    models = {"AutoETS": AutoETS, "AutoARIMA": AutoARIMA}
    if model not in models:
        raise ValueError(f"model must be one of {list(models)}")
    if min_obs is None:
        min_obs = STATSFORECAST_MIN_OBS[model]
    prep = prepare(y)
    n, t_len = prep.values.shape
    hh = as_horizon(h, n)
    base = damped_forecast(fit_damped(prep), hh, calibration)
    use = (prep.n_obs >= min_obs) & (hh >= 1)
    rows = np.flatnonzero(use)
    mean, scale, df = base.mean.copy(), base.scale.copy(), base.df.copy()
    fallback = ~use & (prep.n_obs > 0)
    if rows.size:
        span = prep.span[rows]
        vals = prep.values[rows]
        keep = np.arange(t_len)[None, :] < span[:, None]
        uid = np.broadcast_to(np.arange(rows.size)[:, None], vals.shape)[keep]
        ds = np.broadcast_to(np.arange(t_len)[None, :], vals.shape)[keep]
        frame = pd.DataFrame({"unique_id": uid, "ds": ds, "y": vals[keep]})
        max_h = int(hh[rows].max())
        sf = StatsForecast(models=[models[model](season_length=1)], freq=freq, n_jobs=n_jobs)
        out = pd.DataFrame(sf.forecast(df=frame, h=max_h, level=[68, 95]))
        out = out.sort_values(["unique_id", "ds"]).reset_index(drop=True)
        # every series gets exactly max_h rows, ordered by id then step
        m = out[model].to_numpy(np.float64).reshape(rows.size, max_h)
        lo = out[f"{model}-lo-95"].to_numpy(np.float64).reshape(rows.size, max_h)
        hi = out[f"{model}-hi-95"].to_numpy(np.float64).reshape(rows.size, max_h)
        step = (hh[rows] - 1)[:, None]
        m_h = np.take_along_axis(m, step, axis=1)[:, 0]
        s_h = (np.take_along_axis(hi, step, axis=1) - np.take_along_axis(lo, step, axis=1))[:, 0]
        s_h = s_h / (2 * 1.959963984540054)
        ok = np.isfinite(m_h) & np.isfinite(s_h) & (s_h > 0)
        mean[rows[ok]] = m_h[ok]
        scale[rows[ok]] = s_h[ok]
        df[rows[ok]] = np.inf
        fallback[rows[~ok]] = True
    return Forecast(mean=mean, scale=scale, df=df, n_obs=prep.n_obs, fallback=fallback)


def forecast_rows(
    y: ArrayLike,
    h: ArrayLike,
    model: str = "damped",
    *,
    calibration: Calibration | None = None,
    freq: int | str = 1,
) -> Forecast:
    """Dispatch by model name: ``"damped"`` or a statsforecast model (``"AutoETS"``...)."""
    if model == "damped":
        return damped_trend(y, h, calibration=calibration)
    return statsforecast_forecast(y, h, model=model, freq=freq)


__all__: Sequence[str] = (
    "COMPARATOR_CODES",
    "DampedFit",
    "Forecast",
    "Prepared",
    "comparator_codes",
    "damped_forecast",
    "damped_trend",
    "default_tolerance",
    "fit_damped",
    "forecast_rows",
    "prepare",
    "probability_met",
    "statsforecast_forecast",
    "target_met",
)
