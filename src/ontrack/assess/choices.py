"""The forecast models and engines a user can name, checked before any work starts."""

from __future__ import annotations

from ..errors import OntrackError

MODELS = ("damped", "anchored", "AutoETS", "AutoARIMA")
ENGINES = ("local", "dask")


def check_model(name: str) -> str:
    """The model's canonical name (case-insensitive), or an OntrackError listing them all."""
    for model in MODELS:
        if name.strip().lower() == model.lower():
            return model
    raise OntrackError(f"--model {name!r} is not a model; use one of {', '.join(MODELS)}")


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


__all__ = ["ENGINES", "MODELS", "check_engine", "check_model", "dask_client"]
