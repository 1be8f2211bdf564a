"""The series index: every stored series, a page of them at a time, for people.

Each row names the indicator and the region in words, the frequency in words, how many
periods have an official figure, and the latest period and value; ids appear only in the
row's link and the JSON. The page says which rows of how many it shows ("101-200 of 267").
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import CatalogError
from .context import FREQUENCY_WORDS, BadParameter, Dashboard, PageNotFound, indicator_name

PAGE_SIZE = 100  # series per page of the index


def page_number(text: str | None) -> int:
    """`?page=` as a positive whole number (1 when absent); anything else is a 422."""
    if text in (None, ""):
        return 1
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < 1:
        raise BadParameter(f"page must be a whole number from 1, not {text[:40]!r}")
    return int(text)


def series_index_context(
    dash: Dashboard, *, page: int = 1, region: str | None = None, per_page: int = PAGE_SIZE
) -> dict[str, Any]:
    """One page of the series index (all series, or one region's), in the store's order:
    region, indicator, frequency."""
    store = dash.store
    region_id = region_name = None
    if region:
        try:
            found = store.catalog.region(region)
        except CatalogError as exc:
            raise PageNotFound(str(exc)) from None
        region_id, region_name = found.id, found.name
    total = store.count_series(region=region_id)
    pages = max(1, math.ceil(total / per_page))
    if page > pages:
        raise PageNotFound(f"the series index has {pages} page(s), not {page}")
    infos = store.list_series(region=region_id, limit=per_page, offset=(page - 1) * per_page)
    rows = []
    for info in infos:
        s = info.series
        freq = str(s.frequency)
        rows.append(
            {
                "id": s.id,
                "indicator": s.indicator_id,
                "indicator_name": indicator_name(dash, s.indicator_id),
                "region": s.region_id,
                "region_name": info.region_name,
                "frequency": freq,
                "frequency_name": FREQUENCY_WORDS.get(freq, freq),
                "unit": s.unit,
                "observations": info.observations,
                "first_period": info.first_period,
                "last_period": info.last_period,
                "last_value": info.last_value,
            }
        )
    first = (page - 1) * per_page + 1 if rows else 0
    return {
        "page": "series-index",
        "title": f"Series of {region_name}" if region_name else "Series",
        "region": region_id,
        "region_name": region_name,
        "total": total,
        "shown": len(rows),
        "first": first,
        "last": first + len(rows) - 1 if rows else 0,
        "page_number": page,
        "pages": pages,
        "per_page": per_page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
        "series": rows,
    }


__all__ = ["PAGE_SIZE", "page_number", "series_index_context"]
