"""One story per target: progress so far and the chance of meeting it, told so they agree.

Two different questions get two different answers, and a reader must see which is which:

* **progress so far** (the status: UNSD / Statistics Canada CAGR method) compares the
  average yearly change since the baseline with the change the target requires;
* **chance of meeting it by the deadline** (the probability) averages a forecast's
  probability at the deadline with the store's track record of earlier targets.

This module turns the numbers behind both into sentences whose every figure can be
recomputed from the inputs shown beside it, rounded for people, and says why the two
answers differ when they seem to disagree. Pure functions of the scorecard item.
"""

from __future__ import annotations

from typing import Any

from .progress import _COMPARATOR_WORDS, _fmt

# z of the 10th and 90th percentiles of a normal distribution: the forecast band shown
# is mean +- Z80 x the forecast's spread ("80% interval, normal approximation").
Z80 = 1.2816

PROGRESS_LABEL = "progress so far"
CHANCE_LABEL = "chance of meeting it by the deadline"

# Formula inputs as people read them: (label, how to show the value).
_INPUT_LABELS: dict[str, tuple[str, str]] = {
    "target": ("target", "num"),
    "comparator": ("comparison", "text"),
    "deadline": ("deadline", "text"),
    "as_of": ("as of", "text"),
    "baseline": ("baseline value", "num"),
    "baseline_period": ("baseline period", "text"),
    "baseline_kind": ("baseline source", "text"),
    "current": ("latest official value", "num"),
    "current_period": ("latest period", "text"),
    "observed_rate": ("observed yearly rate (r_obs)", "pct"),
    "required_rate": ("required yearly rate (r_req)", "pct"),
    "years_elapsed": ("years from baseline to latest", "years"),
    "years_to_deadline_from_baseline": ("years from baseline to deadline", "years"),
    "ratio": ("ratio r_obs / r_req", "ratio"),
    "outcome": ("outcome", "num"),
    "outcome_period": ("outcome period", "text"),
    "reached": ("value that met it", "num"),
    "reached_period": ("period it was met", "text"),
    "in_year": ("latest in-year figure", "num"),
    "in_year_period": ("in-year period", "text"),
}


def comparator_words(comparator: str | None) -> str:
    """'>=' -> 'at least': how a target's comparison reads in a sentence."""
    return _COMPARATOR_WORDS.get(comparator or "", comparator or "")


def readable_inputs(inputs: dict[str, Any]) -> list[dict[str, str]]:
    """The formula inputs, labelled and rounded for people (full precision stays in JSON)."""
    out = []
    for key, value in inputs.items():
        label, how = _INPUT_LABELS.get(key, (key.replace("_", " "), "text"))
        if value is None:
            shown = "—"
        elif how == "num" and isinstance(value, int | float):
            shown = _fmt(float(value))
        elif how == "pct" and isinstance(value, int | float):
            shown = f"{value:+.2%} a year"
        elif how == "years" and isinstance(value, int | float):
            shown = f"{value:.2f} years"
        elif how == "ratio" and isinstance(value, int | float):
            shown = f"{value:.2f}"
        elif key == "comparator":
            shown = f"{comparator_words(str(value))} ({value})"
        else:
            shown = str(value)
        out.append({"key": key, "name": label, "value": shown})
    return out


def forecast_band(mean: float, scale: float) -> tuple[float, float]:
    """The 80% band shown around a forecast: mean +- 1.28 spread (normal approximation)."""
    return mean - Z80 * scale, mean + Z80 * scale


def probability_sentence(forecast: dict[str, Any], probability: float) -> str:
    """'Chance of meeting it by the deadline: 47% = (27% + 67%) / 2, ...' with its inputs."""
    rate = forecast["base_rate"]
    model_p = forecast["model_probability"]
    band = ""
    if forecast.get("low") is not None and forecast.get("high") is not None:
        band = f" (80% band {_fmt(forecast['low'])} to {_fmt(forecast['high'])})"
    return (
        f"Chance of meeting it by the deadline: {probability:.0%}, the average of two "
        f"estimates. (1) A {forecast['model_name']} forecast from "
        f"{forecast['observations']} official observation(s) puts the value at "
        f"{_fmt(forecast['mean'])}{band} by {forecast['deadline']}, giving "
        f"{model_p:.0%}. (2) The track record: {rate['met']} of {rate['resolved']} earlier "
        f"targets with a known outcome were met, counted as ({rate['met']} + 1) / "
        f"({rate['resolved']} + 2) = {rate['rate']:.0%}. ({model_p:.0%} + {rate['rate']:.0%})"
        f" / 2 = {probability:.0%}."
    )


def agreement_note(item: dict[str, Any], target: float, comparator: str) -> str:
    """Why progress so far and the chance at the deadline seem to disagree, if they do."""
    status = item.get("status")
    fc = item.get("forecast")
    if not fc or status is None:
        return ""
    status = str(status)
    below = fc["model_probability"] < 0.5
    if status in ("on_track",) and below:
        return (
            f"Why the two differ: progress so far extrapolates the average yearly change "
            f"since the baseline, which would reach the target; the {fc['model_name']} "
            f"forecast weighs the latest changes and expects {_fmt(fc['mean'])} by "
            f"{fc['deadline']}, against a target of {comparator_words(comparator)} "
            f"{_fmt(target)}."
        )
    if status in ("acceleration_needed", "limited_progress", "wrong_direction") and not below:
        return (
            f"Why the two differ: progress so far uses the average yearly change since the "
            f"baseline, which is too slow; the {fc['model_name']} forecast of "
            f"{_fmt(fc['mean'])} by {fc['deadline']} weighs the latest changes, which are "
            "faster."
        )
    if status == "cannot_assess":
        return (
            "Progress so far cannot be computed (see above), so the chance rests on the "
            f"forecast from {fc['observations']} official observation(s) and the track "
            "record only."
        )
    return ""


MODEL_NAMES = {
    "damped": "damped-trend",
    "anchored": "anchored damped-trend",
    "AutoETS": "AutoETS (exponential smoothing)",
    "AutoARIMA": "AutoARIMA",
}


__all__ = [
    "CHANCE_LABEL",
    "MODEL_NAMES",
    "PROGRESS_LABEL",
    "agreement_note",
    "comparator_words",
    "forecast_band",
    "probability_sentence",
    "readable_inputs",
]
