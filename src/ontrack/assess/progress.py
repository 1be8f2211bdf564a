"""Progress status of a target: met, missed, on track, ... with the inputs that decided it.

The rules (the CAGR method of the UN Statistics Division's SDG progress charts and of
Statistics Canada's progress assessment), for a target value x* due at time T, a baseline
x0 at t0 and the latest observation xc at tc (times in years):

    observed rate  r_obs = (xc / x0) ** (1 / (tc - t0)) - 1
    required rate  r_req = (x* / x0) ** (1 / (T - t0)) - 1
    ratio          R     = r_obs / r_req

    R >= 0.95          on_track
    0.6 <= R < 0.95    acceleration_needed
    0 <= R < 0.6       limited_progress
    R < 0                wrong_direction

A target whose comparator is already satisfied by an observation made before the deadline
is `met` ("already met counts as met"); once the deadline has passed, the observation for
the deadline decides `met` or `missed`. CAGR needs positive values: a zero or negative
baseline, current value or target gives `cannot_assess` with that reason.

Growth-rate targets ("growth above 5% in 2024") are not trends of a level: before the
annual figure exists, the latest in-year figure (quarterly or year to date) of the same
year is compared with the target, R = in-year value / target, with the same thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import Comparator, Status, ValueType
from ..periods import Period

ON_TRACK = 0.95
ACCELERATION = 0.6
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class Point:
    """One observation as the assessment sees it."""

    period: str
    end: date
    value: float
    vintage: str = ""
    source: str = ""
    kind: str = "official"  # official | reported
    region: str = ""  # named when evidence compares regions

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "period": self.period,
            "value": self.value,
            "vintage": self.vintage,
            "source": self.source,
            "kind": self.kind,
        }
        if self.region:
            out["region"] = self.region
        return out


@dataclass(frozen=True, slots=True)
class TargetSpec:
    value: float
    comparator: Comparator
    deadline: Period
    value_type: ValueType = ValueType.LEVEL
    baseline: Point | None = None  # stated in the target, or the figure when it was set
    value_high: float | None = None  # upper bound of a range target


@dataclass(frozen=True)
class Progress:
    status: Status
    explanation: str
    ratio: float | None = None
    inputs: dict[str, object] = field(default_factory=dict)
    evidence: tuple[Point, ...] = ()


def satisfies(
    value: float,
    comparator: Comparator,
    target: float,
    high: float | None = None,
    tolerance: float = 0.0,
) -> bool:
    """Does a value meet a target? "=" (reach) means at least the target; "~" within tolerance."""
    if high is not None:
        return target - tolerance <= value <= high + tolerance
    if comparator is Comparator.GT:
        return value > target
    if comparator in (Comparator.GE, Comparator.EQ):
        return value >= target - tolerance
    if comparator is Comparator.LT:
        return value < target
    if comparator is Comparator.LE:
        return value <= target + tolerance
    return abs(value - target) <= tolerance  # APPROX


def years_between(a: date, b: date) -> float:
    return (b - a).days / DAYS_PER_YEAR


def status_from_ratio(ratio: float) -> Status:
    if ratio >= ON_TRACK:
        return Status.ON_TRACK
    if ratio >= ACCELERATION:
        return Status.ACCELERATION_NEEDED
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.WRONG_DIRECTION


# How a target's comparison reads in a sentence ("reaching at least 56.8", never "= 56.8").
_COMPARATOR_WORDS = {
    ">": "above",
    ">=": "at least",
    "=": "reach (at least)",
    "<": "below",
    "<=": "at most",
    "~": "about",
}
# The same inside a sentence that already says "reaching" or "a target of".
_IN_SENTENCE = {**_COMPARATOR_WORDS, "=": "at least"}


def _fmt(x: float) -> str:
    """Figures as a reader writes them: 5.3, 49.5, 30,209, 1.2e+12."""
    if abs(x) >= 1e9:
        return f"{x:.4g}"
    if abs(x) >= 1000:
        return f"{x:,.0f}" if abs(x - round(x)) < 0.05 or abs(x) >= 1e5 else f"{x:,.1f}"
    return f"{x:.4g}"


def approx_tolerance(target: float) -> float:
    """How far 'about X' may miss: half a unit of X's last written digit, and at least 5% of
    X ('about 7.5 percent' growth is met by 7.2 to 7.8; 'about 5' by 4.75 to 5.25... and by
    4.5 to 5.5, since half a unit of 5 is 0.5)."""
    text = f"{target:g}"
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return max(0.5 * 10 ** (-decimals), 0.05 * abs(target))


def growth_floor(spec: TargetSpec) -> TargetSpec:
    """'About X%' growth read as 'at least X% less the rounding tolerance'.

    Work reports and statistical communiqués count growth above an 'about X%' target as
    meeting it (7.8% against 'about 7.5%' was reported as exceeding the target), so for
    growth rates 'about' is a floor, not a band; other 'about' targets stay two-sided.
    """
    if (
        spec.value_type is ValueType.GROWTH_RATE
        and spec.comparator is Comparator.APPROX
        and spec.value_high is None
    ):
        return replace(
            spec, comparator=Comparator.GE, value=spec.value - approx_tolerance(spec.value)
        )
    return spec


def target_status(
    spec: TargetSpec, points: Sequence[Point], as_of: date, in_year: Sequence[Point] = ()
) -> Progress:
    """Status of one target from the observations known at `as_of` (sorted by end date).

    `points` are the linked series' latest-vintage values, reported figures included (they
    may serve as the baseline); `in_year` are in-year figures for growth-rate targets.
    """
    known = [p for p in points if p.end <= as_of]
    tol = approx_tolerance(spec.value) if spec.comparator is Comparator.APPROX else 0.0
    words = _IN_SENTENCE.get(str(spec.comparator), str(spec.comparator))
    target_text = f"{words} {_fmt(spec.value)}" + (
        f" to {_fmt(spec.value_high)}" if spec.value_high is not None else ""
    )
    deadline_passed = as_of >= spec.deadline.end
    inputs: dict[str, object] = {
        "target": spec.value,
        "comparator": str(spec.comparator),
        "deadline": spec.deadline.label,
        "as_of": as_of.isoformat(),
    }

    if spec.value_type is ValueType.GROWTH_RATE:
        return _growth_status(
            growth_floor(spec),
            known,
            [p for p in in_year if p.end <= as_of],
            as_of,
            target_text,
            0.0 if spec.comparator is Comparator.APPROX and spec.value_high is None else tol,
            inputs,
        )

    official = [p for p in known if p.kind == "official"]
    # Only a figure for the deadline itself settles the target: one whose period ends when
    # the deadline ends (2025, 2025Q4, 2025-12 for "by 2025"; the last year of a span target
    # such as 2021/2025). An earlier figure below the target never makes it missed.
    at_deadline = [p for p in official if p.end == spec.deadline.end]
    if deadline_passed and at_deadline:
        final = at_deadline[-1]
        return _settled(
            spec,
            final,
            tol,
            inputs,
            f"{_fmt(final.value)} in {final.period} against a target of {target_text} by "
            f"{spec.deadline.label}.",
        )
    before = [p for p in official if p.end <= spec.deadline.end]
    reached = [
        p for p in before if satisfies(p.value, spec.comparator, spec.value, spec.value_high, tol)
    ]
    if reached and spec.comparator not in (Comparator.APPROX,) and spec.value_high is None:
        first = reached[0]
        return Progress(
            Status.MET,
            f"Met early: {_fmt(first.value)} in {first.period} already satisfies the target of "
            f"{target_text} due {spec.deadline.label}.",
            inputs={**inputs, "reached": first.value, "reached_period": first.period},
            evidence=(first,),
        )
    if deadline_passed:
        latest = before[-1] if before else None
        have = f" The latest before it is {_fmt(latest.value)} ({latest.period})." if latest else ""
        return Progress(
            Status.CANNOT_ASSESS,
            f"The deadline {spec.deadline.label} has passed but the data hold no figure for "
            f"it.{have}",
            inputs=inputs,
            evidence=(latest,) if latest else (),
        )

    baseline = spec.baseline or (known[0] if known else None)
    current = official[-1] if official else None
    if baseline is None or current is None or current.end <= baseline.end:
        why = (
            "no observation of the indicator yet"
            if baseline is None
            else "no official observation after the baseline "
            f"({_fmt(baseline.value)} in {baseline.period}) yet"
        )
        return Progress(
            Status.CANNOT_ASSESS,
            f"Cannot compute progress: {why}.",
            inputs=inputs,
            evidence=(baseline,) if baseline else (),
        )
    inputs.update(
        {
            "baseline": baseline.value,
            "baseline_period": baseline.period,
            "current": current.value,
            "current_period": current.period,
        }
    )
    if min(baseline.value, current.value, spec.value) <= 0:
        return Progress(
            Status.CANNOT_ASSESS,
            "Cannot compute a compound growth rate: the baseline, latest value or target is "
            f"zero or negative (baseline {_fmt(baseline.value)}, latest {_fmt(current.value)}, "
            f"target {_fmt(spec.value)}).",
            inputs=inputs,
            evidence=(baseline, current),
        )
    elapsed = years_between(baseline.end, current.end)
    horizon = years_between(baseline.end, spec.deadline.end)
    r_obs = (current.value / baseline.value) ** (1 / elapsed) - 1
    r_req = (spec.value / baseline.value) ** (1 / horizon) - 1
    inputs.update(
        {
            "observed_rate": r_obs,
            "required_rate": r_req,
            "years_elapsed": elapsed,
            "years_to_deadline_from_baseline": horizon,
        }
    )
    if r_req == 0:
        return Progress(
            Status.CANNOT_ASSESS,
            "The target equals the baseline; no rate is required.",
            inputs=inputs,
            evidence=(baseline, current),
        )
    ratio = r_obs / r_req
    status = status_from_ratio(ratio)
    return Progress(
        status,
        f"From {_fmt(baseline.value)} ({baseline.period}) to {_fmt(current.value)} "
        f"({current.period}) is {r_obs:+.2%} a year; reaching {target_text} by "
        f"{spec.deadline.label} needs {r_req:+.2%} a year (ratio {ratio:.2f}).",
        ratio=ratio,
        inputs={**inputs, "ratio": ratio},
        evidence=(baseline, current),
    )


def _settled(
    spec: TargetSpec, final: Point, tol: float, inputs: dict[str, object], what: str
) -> Progress:
    """Met or missed, judged on the official outcome `final` for the deadline."""
    ok = satisfies(final.value, spec.comparator, spec.value, spec.value_high, tol)
    return Progress(
        Status.MET if ok else Status.MISSED,
        f"{'Met' if ok else 'Missed'}: {what}",
        inputs={**inputs, "outcome": final.value, "outcome_period": final.period},
        evidence=(final,),
    )


def _growth_status(
    spec: TargetSpec,
    known: list[Point],
    in_year: list[Point],
    as_of: date,
    target_text: str,
    tol: float,
    inputs: dict[str, object],
) -> Progress:
    year = spec.deadline.end.year
    annual = [
        p for p in known if p.kind == "official" and p.end.year == year and p.period == str(year)
    ]
    if annual:
        final = annual[-1]
        return _settled(
            spec,
            final,
            tol,
            inputs,
            f"growth of {_fmt(final.value)} in {final.period} against a target of {target_text}.",
        )
    this_year = [p for p in in_year if p.kind == "official" and p.end.year == year]
    if as_of >= spec.deadline.end and not this_year:
        return Progress(
            Status.CANNOT_ASSESS, f"No growth figure for {year} is in the data yet.", inputs=inputs
        )
    if not this_year:
        return Progress(
            Status.CANNOT_ASSESS,
            f"No in-year growth figure for {year} is in the data yet.",
            inputs=inputs,
        )
    latest = this_year[-1]
    inputs.update({"in_year": latest.value, "in_year_period": latest.period})
    if satisfies(latest.value, spec.comparator, spec.value, spec.value_high, tol):
        return Progress(
            Status.ON_TRACK,
            f"Growth of {_fmt(latest.value)} so far ({latest.period}) meets the target of "
            f"{target_text} for {year}.",
            ratio=None,
            inputs=inputs,
            evidence=(latest,),
        )
    if spec.value <= 0:
        return Progress(
            Status.CANNOT_ASSESS,
            "A zero or negative growth target has no ratio.",
            inputs=inputs,
            evidence=(latest,),
        )
    ratio = latest.value / spec.value
    if spec.comparator in (Comparator.LT, Comparator.LE):
        ratio = spec.value / latest.value if latest.value > 0 else -1.0
    status = status_from_ratio(ratio)
    return Progress(
        status,
        f"Growth of {_fmt(latest.value)} so far ({latest.period}) is {ratio:.2f} of the target "
        f"of {target_text} for {year}.",
        ratio=ratio,
        inputs={**inputs, "ratio": ratio},
        evidence=(latest,),
    )
