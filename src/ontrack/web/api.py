"""REST API under /api/: regions, documents, statements, series, observations, assessments.

Reads call the Store (and the cached scorecards); writes are uploads that run extraction or
ingest and re-link, guarded by the token check of `app.Guard`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Query, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPBearer

from ..errors import NotFoundError
from ..review import review_states
from ..review import show as review_show
from . import context as pages
from .schemas import (
    DocumentOut,
    ObservationOut,
    RegionSummaryOut,
    ScorecardOut,
    SeriesOut,
    StatementOut,
    errors,
    ok,
)

# Writes are checked by app.Guard before the body is read; this documents the scheme.
BEARER = HTTPBearer(auto_error=False, description="the server's ONTRACK_TOKEN")


def add_api(
    app: FastAPI,
    dash: pages.Dashboard,
    *,
    upload: Callable[[str, UploadFile], Awaitable[dict[str, Any]]],
) -> None:
    from .app import _json

    store = dash.store

    @app.get(
        "/api/regions",
        tags=["api"],
        summary="Regions with statements, counts by status",
        responses={**ok(list[RegionSummaryOut]), **errors(422)},
    )
    def regions(as_of: str | None = None) -> Response:
        return _json(pages.home_context(dash, as_of=as_of)["regions"])

    @app.get(
        "/api/regions/{region}",
        tags=["api"],
        summary="One region's scorecard (region: id in any case, name, alias or code)",
        responses={**ok(ScorecardOut), **errors(404, 422)},
    )
    def region(region: str, as_of: str | None = None) -> Response:
        return _json(dash.card(region, pages.parse_as_of(as_of)).card)

    @app.get(
        "/api/documents",
        tags=["api"],
        summary="Stored documents",
        responses=ok(list[DocumentOut]),
    )
    def documents() -> Response:
        return _json(store.list_documents())

    @app.get(
        "/api/documents/{document_id}",
        tags=["api"],
        summary="One document with its text",
        responses={**ok(DocumentOut), **errors(404)},
    )
    def document(document_id: str) -> Response:
        doc = store.get_document(document_id)
        return _json(
            {
                "id": document_id,
                "title": doc.title,
                "date": doc.date,
                "source": doc.source,
                "language": doc.language,
                "region": doc.region_id,
                "text": doc.text,
                "statements": [s.to_dict() for s in store.statements(document_id=document_id)],
            }
        )

    @app.get(
        "/api/statements",
        tags=["api"],
        summary="Statements, filtered",
        responses={**ok(list[StatementOut]), **errors(404, 422)},
    )
    def statements(
        region: str | None = None,
        kind: str | None = Query(None, description="target, result, comparison, goal"),
        document: str | None = None,
        limit: int = Query(1000, ge=1, le=100_000),
        offset: int = Query(0, ge=0),
    ) -> Response:
        region_id = dash.region_id(region) if region else None
        found = store.statements(region_id=region_id, kind=kind, document_id=document)
        page = found[offset : offset + limit]
        states = review_states(store, [s.id for s in page if s.id is not None])
        return _json(
            [{**s.to_dict(), "review_state": states.get(s.id or -1, "extracted")} for s in page]
        )

    @app.get(
        "/api/statements/{statement_id}",
        tags=["api"],
        summary="One statement",
        responses={**ok(StatementOut), **errors(404, 422)},
    )
    def statement(statement_id: int) -> Response:
        found = store.statements(statement_id=statement_id)
        if not found:
            raise NotFoundError(f"no statement {statement_id}")
        link = store.links().get(statement_id)
        out = found[0].to_dict()
        out["link"] = (
            {"series": link.series_id, "score": link.score, "method": link.method} if link else None
        )
        shown = review_show(store, statement_id)
        out["review"] = {k: shown[k] for k in ("state", "review", "extracted", "history")}
        return _json(out)

    @app.get(
        "/api/series",
        tags=["api"],
        summary="The series index, by region and/or indicator",
        responses={**ok(list[SeriesOut]), **errors(404)},
    )
    def series(region: str | None = None, indicator: str | None = None) -> Response:
        return _json([i.to_dict() for i in store.list_series(region=region, indicator=indicator)])

    @app.get(
        "/api/series/{series_id}",
        tags=["api"],
        summary="One series",
        responses={**ok(SeriesOut), **errors(404, 422)},
    )
    def one_series(series_id: int) -> Response:
        s = store.get_series(series_id)
        return _json(
            {
                "id": s.id,
                "key": s.key,
                "region": s.region_id,
                "indicator": s.indicator_id,
                "unit": s.unit,
                "frequency": str(s.frequency),
            }
        )

    @app.get(
        "/api/observations",
        tags=["api"],
        summary="Observations of a series",
        responses={**ok(list[ObservationOut]), **errors(404, 422)},
    )
    def observations(
        series_id: int,
        all_vintages: bool = Query(False, description="every vintage, not only the latest"),
        kind: str | None = Query("official", description="official, reported, or empty for all"),
    ) -> Response:
        obs = store.observations(series_id, all_vintages=all_vintages, kind=kind or None)
        return _json(
            [
                {
                    "period": o.period,
                    "value": o.value,
                    "vintage": o.vintage,
                    "source": o.source,
                    "note": o.note,
                    "kind": str(o.kind),
                }
                for o in obs
            ]
        )

    @app.get(
        "/api/assessments",
        tags=["api"],
        summary="Assessed statements of a region",
        responses={**ok(ScorecardOut), **errors(404, 422)},
    )
    def assessments(
        region: str,
        as_of: str | None = Query(None, description="YYYY-MM-DD; default today"),
        status: str | None = None,
        kind: str | None = None,
    ) -> Response:
        card = dash.card(region, pages.parse_as_of(as_of)).card
        items = [
            it
            for it in card["items"]
            if (not status or it["status"] == status)
            and (not kind or it["statement"]["kind"] == kind)
        ]
        return _json({**card, "items": items})

    @app.post(
        "/api/documents",
        tags=["api"],
        summary="Upload a document (.txt .md .html .pdf): extract, store, re-link",
        status_code=201,
        responses=errors(401, 403, 413, 422),
    )
    async def post_document(
        file: Annotated[UploadFile, File()], _auth: Annotated[Any, Depends(BEARER)]
    ) -> Response:
        return _json(await upload("document", file), 201)

    @app.post(
        "/api/observations",
        tags=["api"],
        summary="Upload a data file (.csv .tsv .xlsx): ingest, re-link",
        status_code=201,
        responses=errors(401, 403, 413, 422),
    )
    async def post_observations(
        file: Annotated[UploadFile, File()], _auth: Annotated[Any, Depends(BEARER)]
    ) -> Response:
        return _json(await upload("data", file), 201)

    @app.delete(
        "/api/documents/{document_id}",
        tags=["api"],
        summary="Remove a document with its statements, links, assessments and figures",
    )
    def delete_document(document_id: str, _auth: Annotated[Any, Depends(BEARER)]) -> Response:
        removed = store.remove_document(document_id)
        dash.invalidate()
        return _json(removed)
