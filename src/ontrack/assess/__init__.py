"""Assess: link statements to series, verify claims, give targets a status and a probability.

    from ontrack.assess import link_statements, build_scorecard, backtest
    link_statements(store)                                 # automatic links, manual ones kept
    card = build_scorecard(store, "Liaoning", as_of=date(2024, 4, 23))
    report = backtest(store, models=("damped", "AutoETS"))

The formulas live in the docstrings of progress.py (status), verify.py (verdicts),
forecast.py and calibration.py (probabilities) and scoring.py (Brier, log loss).
"""

from __future__ import annotations

from .backtest import backtest
from .scorecard import build_scorecard, link_statements, release_date

__all__ = ["backtest", "build_scorecard", "link_statements", "release_date"]
