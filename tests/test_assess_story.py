"""Progress so far and the chance of meeting a target, told with reproducible numbers."""

from __future__ import annotations

import re

from ontrack.assess.story import (
    agreement_note,
    forecast_band,
    probability_sentence,
    readable_inputs,
)


def _forecast(model_p: float, met: int, resolved: int) -> dict:
    rate = round((met + 1) / (resolved + 2), 3)
    return {
        "mean": 52.14,
        "low": 50.3,
        "high": 54.02,
        "model_name": "damped-trend",
        "observations": 5,
        "deadline": "2025-12-31",
        "model_probability": model_p,
        "base_rate": {"met": met, "resolved": resolved, "rate": rate},
    }


def test_probability_sentence_shows_the_arithmetic_that_gives_it() -> None:
    fc = _forecast(0.27, 1, 1)
    text = probability_sentence(fc, round(0.5 * 0.27 + 0.5 * 0.667, 3))
    assert "(1 + 1) / (1 + 2) = 67%" in text
    assert "(27% + 67%) / 2 = 47%" in text
    assert "52.14 (80% band 50.3 to 54.02) by 2025-12-31" in text
    # every percentage in the sentence is recomputed from the two inputs shown
    shown = [int(x) for x in re.findall(r"(\d+)%", text)]
    assert shown[-1] == round((shown[-3] + shown[-2]) / 2)


def test_readable_inputs_are_rounded_and_labelled() -> None:
    rows = readable_inputs(
        {
            "observed_rate": 0.11341297666152883,
            "years_elapsed": 0.1861738535249829,
            "ratio": 1.3367515366902778,
            "comparator": ">=",
            "baseline": 49.5,
        }
    )
    shown = {r["key"]: r["value"] for r in rows}
    assert shown == {
        "observed_rate": "+11.34% a year",
        "years_elapsed": "0.19 years",
        "ratio": "1.34",
        "comparator": "at least (>=)",
        "baseline": "49.5",
    }
    assert rows[0]["name"] == "observed yearly rate (r_obs)"


def test_agreement_note_explains_on_track_with_a_low_forecast() -> None:
    item = {"status": "on_track", "forecast": _forecast(0.2, 0, 0)}
    note = agreement_note(item, 56.8, "=")
    assert note.startswith("Why the two differ") and "52.14 by 2025-12-31" in note
    assert agreement_note({"status": "on_track", "forecast": _forecast(0.8, 0, 0)}, 56.8, "=") == ""
    low, high = forecast_band(10.0, 1.0)
    assert round(low, 2) == 8.72 and round(high, 2) == 11.28
