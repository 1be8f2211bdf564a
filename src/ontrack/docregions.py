"""A document's region, resolved through the store's catalog (user-added regions too).

Extraction reads a region from `--region` or front matter with the built-in catalog and
keeps an unknown name as it was written. Before a document is stored its region must be
a catalog id: a name, alias or id the store knows (`ontrack catalog add` regions
included), else the error names the file and the closest known regions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .catalog import Catalog
from .errors import CatalogError
from .model import Document, Statement


def resolve_document_region(
    catalog: Catalog, doc: Document, stmts: Sequence[Statement], *, where: str = ""
) -> tuple[Document, list[Statement]]:
    """The document and its statements with the region written as a catalog id."""
    raw = doc.region_id
    if not raw:
        return doc, list(stmts)
    try:
        region = catalog.region(raw)
    except CatalogError as exc:
        raise CatalogError(f"{where or doc.title or 'document'}: {exc}") from None
    if region.id == raw:
        return doc, list(stmts)
    fixed = [
        dataclasses.replace(s, region_id=region.id) if s.region_id == raw else s for s in stmts
    ]
    return dataclasses.replace(doc, region_id=region.id), fixed


__all__ = ["resolve_document_region"]
