"""The engines a corpus run or an assessment can run on: local, or a Dask cluster.

Outside `ontrack.assess` so that extracting a corpus does not import the forecasting code.
"""

from __future__ import annotations

from .errors import OntrackError

ENGINES = ("local", "dask")


def check_engine(engine: str, scheduler: str | None = None) -> str:
    name = engine.strip().lower()
    if name not in ENGINES:
        raise OntrackError(f"--engine {engine!r} is not an engine; use one of {', '.join(ENGINES)}")
    if scheduler is not None and name != "dask":
        raise OntrackError("--scheduler needs --engine dask")
    return name


def dask_client(scheduler: str | None, *, timeout: float = 10.0) -> object:
    """A distributed.Client for `scheduler`, or an OntrackError saying it cannot be reached."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise OntrackError(
            f"--engine dask needs the dask extra: pip install 'ontrack[dask]' ({exc})"
        ) from None
    try:
        return Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OntrackError(
            f"cannot reach the Dask scheduler at {scheduler!r} within {timeout:g} s ({exc}); "
            "check the address (tcp://HOST:8786) and that the scheduler is running"
        ) from None


__all__ = ["ENGINES", "check_engine", "dask_client"]
