"""The nouns of ontrack: frozen dataclasses and enums shared by every stage.

Nothing here does I/O. Stages exchange these objects; the store persists them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class StatementKind(StrEnum):
    TARGET = "target"  # a goal with a number and (usually) a deadline
    RESULT = "result"  # a reported past or current figure
    COMPARISON = "comparison"  # one entity or period against another, ranks, records
    GOAL = "goal"  # a qualitative aim with no number


class Comparator(StrEnum):
    GT = ">"
    GE = ">="
    EQ = "="
    LE = "<="
    LT = "<"
    APPROX = "~"


class ValueType(StrEnum):
    """What a target's number measures, which decides how progress is computed."""

    LEVEL = "level"  # the indicator itself reaches the value (56.8 percent share)
    CHANGE = "change"  # a change from a baseline (cut energy intensity by 13.5 percent)
    GROWTH_RATE = "growth_rate"  # a rate of growth over the period (GDP growth above 5 percent)


class Frequency(StrEnum):
    ANNUAL = "A"
    QUARTERLY = "Q"
    MONTHLY = "M"
    DAILY = "D"  # a stock at a date (end-June capacity)
    YEAR_TO_DATE = "YTD"  # cumulative from January to a month
    MULTI_YEAR = "MY"  # a plan period such as 2016-2020
    MONTH_RANGE = "MR"  # whole months not from January: a fiscal year 2023-04/2024-03


class ObservationKind(StrEnum):
    OFFICIAL = "official"  # from a statistical release or data file
    REPORTED = "reported"  # a figure stated in a document; informs, never verifies itself


class Status(StrEnum):
    # targets
    MET = "met"
    MISSED = "missed"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    WRONG_DIRECTION = "wrong_direction"
    CANNOT_ASSESS = "cannot_assess"
    # results and comparisons
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    # goals
    NOT_MEASURABLE = "not_measurable"


def checksum(text: str) -> str:
    """Content address of a text: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    title: str = ""
    date: date | None = None
    source: str = ""
    language: str = "en"
    region_id: str | None = None
    checksum: str = ""

    def __post_init__(self) -> None:
        if not self.checksum:
            object.__setattr__(self, "checksum", checksum(self.text))

    @property
    def id(self) -> str:
        """Documents are identified by their content, so saving twice is a no-op."""
        return self.checksum[:16]


@dataclass(frozen=True, slots=True)
class Statement:
    kind: StatementKind
    quote: str
    start: int
    end: int
    indicator: str = ""  # the phrase from the text
    value: float | None = None
    unit: str | None = None
    comparator: Comparator | None = None
    period: str | None = None  # results: period measured; targets: deadline
    baseline_value: float | None = None
    baseline_period: str | None = None
    value_type: ValueType | None = None
    indicator_id: str | None = None
    region_id: str | None = None
    confidence: float = 1.0
    document_id: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "indicator": self.indicator,
            "indicator_id": self.indicator_id,
            "region": self.region_id,
            "value": self.value,
            "unit": self.unit,
            "comparator": str(self.comparator) if self.comparator else None,
            "period": self.period,
            "baseline_value": self.baseline_value,
            "baseline_period": self.baseline_period,
            "value_type": str(self.value_type) if self.value_type else None,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "document_id": self.document_id,
        }


@dataclass(frozen=True, slots=True)
class Region:
    id: str  # ISO 3166 code: "CN", "CN-LN", "US"
    name: str
    name_zh: str = ""
    code: str = ""  # GB/T 2260 six-digit code for Chinese regions
    level: str = "country"  # country | province | aggregate | other
    parent_id: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    unit: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Series:
    region_id: str
    indicator_id: str
    unit: str
    frequency: Frequency
    id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.region_id}/{self.indicator_id}/{self.frequency}/{self.unit}"


@dataclass(frozen=True, slots=True)
class Observation:
    period: str
    value: float
    vintage: str = ""
    source: str = ""
    note: str = ""
    kind: ObservationKind = ObservationKind.OFFICIAL
    series_id: int | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    statement_id: int | None
    status: Status
    explanation: str
    series_id: int | None = None
    probability: float | None = None
    as_of: date | None = None
    evidence: tuple[Observation, ...] = field(default=())
