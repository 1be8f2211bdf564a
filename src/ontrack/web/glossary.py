"""The glossary page: the words ontrack's verdicts use, explained for readers.

Pages link each term to its anchor here (`glossary#status`), so a reader who meets
"progress so far", "chance of meeting it", "damped-trend forecast" or "first release"
can read what it means and how it is computed. The numbers quoted are the thresholds
the code uses (imported, not retyped), so the page cannot drift from the method.
"""

from __future__ import annotations

from typing import Any

from ..assess.progress import ACCELERATION, ON_TRACK
from ..assess.scorecard import BASE_RATE_WEIGHT, MIN_FORECAST_OBSERVATIONS
from ..assess.story import Z80


def glossary_terms() -> list[dict[str, str]]:
    """Every term as {"id", "term", "text"}; ids are the page's anchors."""
    return [
        {
            "id": "status",
            "term": "Progress so far (status)",
            "text": (
                "How far a target has come, by the compound-growth (CAGR) method of the UN "
                "Statistics Division's SDG progress charts and of Statistics Canada. From a "
                "baseline x0 to the latest official value xc, the observed yearly rate is "
                "r_obs = (xc / x0)^(1 / years) - 1; the rate the target needs is "
                "r_req = (target / x0)^(1 / years to the deadline) - 1. Their ratio gives "
                f"the status: at least {ON_TRACK:g} on track, {ACCELERATION:g} to "
                f"{ON_TRACK:g} acceleration needed, 0 to {ACCELERATION:g} limited progress, "
                "below 0 wrong direction. A target already reached is met; after the "
                "deadline only the figure for the deadline itself decides met or missed."
            ),
        },
        {
            "id": "cannot_assess",
            "term": "Cannot assess",
            "text": (
                "The data do not allow a status: no official figure after the baseline, no "
                "figure for a passed deadline, a unit that does not convert, or values at "
                "or below zero (compound rates need positive values). The page says which."
            ),
        },
        {
            "id": "probability",
            "term": "Chance of meeting it by the deadline",
            "text": (
                "A different question from progress so far: how likely the figure for the "
                "deadline meets the target. It is the average (weight "
                f"{BASE_RATE_WEIGHT:g} each) of two estimates: a forecast's probability at "
                "the deadline, and the track record, the share of the store's earlier "
                "targets met, counted as (met + 1) / (resolved + 2) so that it starts at "
                f"50%. A forecast needs at least {MIN_FORECAST_OBSERVATIONS} official "
                "observations; with fewer, no chance is shown and the page says so."
            ),
        },
        {
            "id": "models",
            "term": "Forecast models",
            "text": (
                "damped-trend: an exponential-smoothing trend whose slope fades over the "
                "horizon, with its spread calibrated on the store's own rolling-origin "
                "forecast errors. anchored: the damped-trend forecast averaged with the "
                "plan's own figure. AutoETS and AutoARIMA: statsforecast's automatic "
                f"models. Charts show an 80% band, mean ± {Z80:.2f} × the forecast's "
                "spread (a normal approximation)."
            ),
        },
        {
            "id": "verdicts",
            "term": "Supported, contradicted, unverifiable",
            "text": (
                "A reported figure is supported when an independent official figure for the "
                "same period lies within its rounding (5.3 covers 5.25 to 5.35), "
                "contradicted when official figures exist and none does, unverifiable when "
                "there is none. A comparison is checked for its direction and its size: "
                "'2.5 points higher' must be 2.45 to 2.55 points; a right direction with a "
                "wrong size is contradicted and says so."
            ),
        },
        {
            "id": "self_reported",
            "term": "Self-reported",
            "text": (
                "A figure that comes from the statement's own document (or was published "
                "the same day by the same body). It is shown, and may serve as a baseline "
                "marked as such, but it cannot support the claim or feed a forecast."
            ),
        },
        {
            "id": "official",
            "term": "Official",
            "text": (
                "A figure published by an official body: a statistics bureau, ministry or "
                "government agency. Where ontrack read it in a copy (a news re-post or a "
                "mirror), the source names the publisher first and says 'copy at'."
            ),
        },
        {
            "id": "vintages",
            "term": "Vintages and releases",
            "text": (
                "Statistics are revised: the first release of a year's figure can differ "
                "from a later one (after a census, for instance). ontrack keeps every "
                "vintage; charts and assessments use the latest release known at the "
                "as-of date, and verification accepts any vintage of the period."
            ),
        },
        {
            "id": "as_of",
            "term": "As of",
            "text": (
                "The date a page is computed for: only figures released by then count (the "
                "release date the data give, else one written in the vintage, else the end "
                "of the period plus a publication lag of about a month)."
            ),
        },
    ]


def glossary_context() -> dict[str, Any]:
    return {"page": "glossary", "terms": glossary_terms()}


__all__ = ["glossary_context", "glossary_terms"]
