"""Response schemas of the REST API and the pages' JSON, as pydantic models.

They document the contract in `/openapi.json` (each route lists its 200 model and its
4xx answers) and tests validate real answers against them, so the schema cannot drift
from what the server sends. Fields the server may add later are allowed (`extra`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    """Every 4xx answer: what was wrong, in words."""

    detail: str


class StatementOut(_Open):
    id: int | None
    kind: str
    indicator: str
    indicator_id: str | None = None
    region: str | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    period: str | None = None
    quote: str  # the exact words, never truncated
    start: int
    end: int
    document_id: str | None = None


class EvidenceOut(_Open):
    period: str
    value: float
    vintage: str
    source: str
    kind: str
    region: str | None = None


class ScorecardItemOut(_Open):
    statement: dict[str, Any]
    series: int | None
    status: str | None
    probability: float | None
    probability_basis: str | None = None
    evidence: list[EvidenceOut]
    explanation: str


class ScorecardOut(_Open):
    region: str
    region_name: str
    as_of: str
    model: str
    items: list[ScorecardItemOut]


class RegionSummaryOut(_Open):
    id: str
    name: str
    targets: int
    claims: int
    goals: int
    by_status: dict[str, int]


class SeriesOut(_Open):
    id: int | None
    key: str
    region: str
    region_name: str | None = None
    indicator: str
    unit: str
    frequency: str


class ObservationOut(_Open):
    period: str
    value: float
    vintage: str | None
    source: str | None
    note: str | None = None
    kind: str


class DocumentOut(_Open):
    id: str
    title: str | None
    date: Any = None
    source: str | None
    region_id: str | None = None
    statements: Any = None


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry documenting a route's 4xx answers."""
    words = {
        401: "missing or wrong bearer token",
        403: "the server is read-only (no token set)",
        404: "no such region, statement, document or series",
        413: "upload too large",
        422: "a parameter or an uploaded file is not valid; the detail says which",
    }
    return {c: {"model": ErrorDetail, "description": words.get(c, "error")} for c in codes}


def ok(model: type[BaseModel] | Any, description: str = "OK") -> dict[int | str, Any]:
    return {200: {"model": model, "description": description}}


__all__ = [
    "DocumentOut",
    "ErrorDetail",
    "EvidenceOut",
    "ObservationOut",
    "RegionSummaryOut",
    "ScorecardItemOut",
    "ScorecardOut",
    "SeriesOut",
    "StatementOut",
    "errors",
    "ok",
]
