"""Run the forecast and probability over many rows, locally or on a Dask cluster.

Rows are independent, so the arrays are cut into chunks of ``chunk`` rows and each chunk goes
through the same function (:func:`assess_chunk`). Locally the chunks run one after another
(chunking bounds memory: the damped fit holds ``chunk x grid`` arrays); with
``engine="dask"`` they run as tasks on a ``distributed`` cluster. Every operation inside a
chunk is per row, so both engines return bit-identical arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .calibration import Calibration
from .forecast import (
    Forecast,
    as_2d,
    as_horizon,
    comparator_codes,
    damped_trend,
    default_tolerance,
    probability_met,
    statsforecast_forecast,
)

FloatArray = NDArray[np.float64]
PRE_SPAWN = "distributed.nanny.pre-spawn-environ"
MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's maximum on 64-bit
DEFAULT_CHUNK = 20_000  # measured: 2x faster per row than 200k-row chunks (cache-sized)


def assess_chunk(
    y: FloatArray,
    h: NDArray[np.int64],
    target: FloatArray,
    comparator: NDArray[np.int8],
    direction: FloatArray,
    target_high: FloatArray,
    tolerance: FloatArray,
    model: str = "damped",
    calibration: dict[str, Any] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(mean, scale, probability) for one chunk; the calibration travels as a plain dict."""
    cal = Calibration.from_dict(calibration) if calibration is not None else None
    if model == "damped":
        fc = damped_trend(y, h, calibration=cal)
    elif model == "anchored":
        fc = anchored(damped_trend(y, h, calibration=cal), target, target_high)
    else:
        fc = statsforecast_forecast(y, h, model=model, calibration=cal)
    prob = probability_met(
        fc,
        target,
        comparator,
        direction=direction,
        target_high=target_high,
        tolerance=tolerance,
    )
    return fc.mean, fc.scale, prob


def anchored(fc: Forecast, target: FloatArray, target_high: FloatArray) -> Forecast:
    """Combine the trend forecast with the plan's own figure, with equal weights.

    A government target is itself an official projection of the indicator; averaging two
    forecasts with equal weights (Bates and Granger 1969) is the classic way to combine
    them without fitting anything. A range target contributes its midpoint.
    """
    goal = np.where(np.isfinite(target_high), (target + target_high) / 2, target)
    mean = np.where(np.isfinite(goal) & np.isfinite(fc.mean), (fc.mean + goal) / 2, fc.mean)
    return Forecast(mean, fc.scale, fc.df, fc.n_obs, fc.fallback)


Chunk = tuple[
    FloatArray, NDArray[np.int64], FloatArray, NDArray[np.int8], FloatArray, FloatArray, FloatArray
]


def _chunks(arrays: Chunk, chunk: int, n: int) -> list[Chunk]:
    y, h, target, comparator, direction, high, tol = arrays
    return [
        (
            y[s : s + chunk],
            h[s : s + chunk],
            target[s : s + chunk],
            comparator[s : s + chunk],
            direction[s : s + chunk],
            high[s : s + chunk],
            tol[s : s + chunk],
        )
        for s in range(0, n, chunk)
    ]


def assess_arrays(
    y: ArrayLike,
    h: ArrayLike,
    target: ArrayLike,
    comparator: Any,
    direction: ArrayLike | None = None,
    *,
    target_high: ArrayLike | None = None,
    tolerance: ArrayLike | None = None,
    percent: ArrayLike | None = None,
    engine: str = "local",
    model: str = "damped",
    calibration: Calibration | None = None,
    scheduler: str | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Forecast mean, scale and P(target met) for every row, chunked over rows.

    Arguments follow :func:`ontrack.assess.forecast.damped_trend` and
    :func:`~ontrack.assess.forecast.probability_met`; ``direction`` defaults to +1.
    ``engine="dask"`` connects ``distributed.Client(scheduler)`` or, without an address,
    starts a 2-worker ``LocalCluster`` on 127.0.0.1 and closes it afterwards; callers that
    start it from a script need an ``if __name__ == "__main__":`` guard. Workers of an
    external cluster should be started with ``MALLOC_MMAP_THRESHOLD_=33554432`` in their
    environment (see :func:`_run_dask`), or they run about 4x slower.
    ``model`` is ``"damped"`` or a statsforecast model name (``"AutoETS"``, ``"AutoARIMA"``).
    """
    if chunk < 1:
        raise ValueError("chunk must be >= 1")
    arr = as_2d(y)
    n = arr.shape[0]
    hh = as_horizon(h, n)
    tgt = np.broadcast_to(np.asarray(target, dtype=np.float64), (n,)).copy()
    codes = comparator_codes(comparator, n)
    dirn = (
        np.ones(n)
        if direction is None
        else np.broadcast_to(np.asarray(direction, dtype=np.float64), (n,)).copy()
    )
    high = (
        np.full(n, np.nan)
        if target_high is None
        else np.broadcast_to(np.asarray(target_high, dtype=np.float64), (n,)).copy()
    )
    # resolve the tolerance once so every chunk (and engine) sees the same numbers
    tol = (
        default_tolerance(tgt, percent)
        if tolerance is None
        else np.broadcast_to(np.asarray(tolerance, dtype=np.float64), (n,)).copy()
    )
    cal = calibration.to_dict() if calibration is not None else None
    parts = _chunks((arr, hh, tgt, codes, dirn, high, tol), chunk, n)
    if engine == "local":
        results = [assess_chunk(*p, model=model, calibration=cal) for p in parts]
    elif engine == "dask":
        results = _run_dask(parts, model, cal, scheduler)
    else:
        raise ValueError("engine must be 'local' or 'dask'")
    if not results:
        empty = np.zeros(0)
        return empty, empty.copy(), empty.copy()
    mean, scale, prob = (np.concatenate([r[i] for r in results]) for i in range(3))
    return mean, scale, prob


def _run_dask(
    parts: list[Chunk],
    model: str,
    calibration: dict[str, Any] | None,
    scheduler: str | None,
) -> list[tuple[FloatArray, FloatArray, FloatArray]]:
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        # distributed sets MALLOC_TRIM_THRESHOLD_ for workers, which switches off glibc's
        # adaptive mmap threshold: every chunk-sized numpy temporary is then mmap'ed and
        # page-faulted afresh, 4x slower (measured). Raising the mmap threshold undoes that.
        with dask.config.set({f"{PRE_SPAWN}.MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD}):
            cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
            )
        client = Client(cluster)
    else:
        from .choices import dask_client

        client = dask_client(scheduler)  # type: ignore[assignment]
    try:
        # scatter the data first: large numpy arguments inside the task graph are slow
        scattered = client.scatter(parts)
        futures = [
            client.submit(_assess_packed, part, model, calibration, pure=False)
            for part in scattered
        ]
        results: list[tuple[FloatArray, FloatArray, FloatArray]] = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return results


def _assess_packed(
    part: Chunk, model: str, calibration: dict[str, Any] | None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    return assess_chunk(*part, model=model, calibration=calibration)


__all__ = ["DEFAULT_CHUNK", "assess_arrays", "assess_chunk"]
