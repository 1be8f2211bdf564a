"""The forecast models and engines a user can name, checked before any work starts."""

from __future__ import annotations

from ..engines import ENGINES, check_engine, dask_client
from ..errors import OntrackError

MODELS = ("damped", "anchored", "AutoETS", "AutoARIMA")


def check_model(name: str) -> str:
    """The model's canonical name (case-insensitive), or an OntrackError listing them all."""
    for model in MODELS:
        if name.strip().lower() == model.lower():
            return model
    raise OntrackError(f"--model {name!r} is not a model; use one of {', '.join(MODELS)}")


__all__ = ["ENGINES", "MODELS", "check_engine", "check_model", "dask_client"]
