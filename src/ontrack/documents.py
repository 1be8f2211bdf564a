"""Documents in the store: what may be saved, and removing one with everything it carries.

`check_document` is the door of `Store.save_document`: a document is refused whole (with a
message naming it and the field) when SQLite and PostgreSQL would not both store it the
same way: NUL characters (PostgreSQL refuses them in text), fields longer than their
columns (SQLite would keep them, PostgreSQL refuse them), regions the store does not know
(they would break every scorecard, the home page and the exports), non-finite values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from .errors import CatalogError, InputFileError, NotFoundError
from .limits import limits
from .model import Document, Statement

# Column sizes of the schema (migrations/versions/0001_initial.py).
STATEMENT_FIELDS = {
    "unit": 100,
    "period": 32,
    "baseline_period": 32,
    "indicator_id": 128,
    "region_id": 64,
}
DOCUMENT_FIELDS = {"language": 16}


def _where(doc: Document) -> str:
    return doc.source or doc.title or f"document {doc.id}"


def check_document(doc: Document, statements: Sequence[Statement], regions: set[str]) -> None:
    """Raise an OntrackError naming the document and field if it cannot be stored as is."""
    where = _where(doc)
    size = len(doc.text.encode("utf-8", "surrogatepass"))
    if size > limits().document_bytes:
        raise InputFileError(
            where,
            f"the text is {size:,} bytes, over the limit of {limits().document_bytes:,} "
            "($ONTRACK_MAX_DOCUMENT_BYTES)",
        )
    for name, value in (("text", doc.text), ("title", doc.title), ("source", doc.source)):
        at = value.find("\x00")
        if at >= 0:
            raise InputFileError(
                where,
                f"the {name} contains a NUL character (at offset {at}); a text document "
                "never does: is it a binary file?",
            )
    for name, most in DOCUMENT_FIELDS.items():
        if len(getattr(doc, name) or "") > most:
            raise InputFileError(where, f"{name} is longer than {most} characters")
    if doc.region_id is not None and doc.region_id not in regions:
        raise CatalogError(
            f"{where}: region {doc.region_id!r} is not in this store's catalog; use a region "
            "from `ontrack catalog regions` or add it with `ontrack catalog add`"
        )
    for st in statements:
        for name in ("value", "baseline_value"):
            v = getattr(st, name)
            if v is not None and not math.isfinite(v):
                raise InputFileError(where, f"statement {st.quote[:60]!r}: {name} is not finite")
        for name, most in STATEMENT_FIELDS.items():
            v = getattr(st, name)
            if v is not None and len(v) > most:
                raise InputFileError(
                    where, f"statement {st.quote[:60]!r}: {name} is longer than {most} characters"
                )
        if st.region_id is not None and st.region_id not in regions:
            raise CatalogError(
                f"{where}: statement {st.quote[:60]!r} names region {st.region_id!r}, which "
                "is not in this store's catalog"
            )


def remove_document(engine: sa.Engine, doc_id: str) -> dict[str, Any]:
    """Delete a document, its statements and what hangs on them (links, assessments, the
    figures it reported) in one transaction; return what was removed."""
    from .searchindex import reindex
    from .tables import assessments_t, documents_t, links_t, observations_t, statements_t

    with engine.begin() as conn:
        row = conn.execute(
            sa.select(documents_t.c.id, documents_t.c.title).where(documents_t.c.id == doc_id)
        ).first()
        if row is None:
            raise NotFoundError(
                f"no document with id {doc_id[:40]!r}; the web page /api/documents lists them"
            )
        ids = sa.select(statements_t.c.id).where(statements_t.c.document_id == doc_id)
        gone = [
            (r.id, r.region_id)
            for r in conn.execute(
                sa.select(statements_t.c.id, statements_t.c.region_id).where(
                    statements_t.c.document_id == doc_id
                )
            )
        ]
        removed = {
            "document": doc_id,
            "title": row.title,
            "observations": conn.execute(
                observations_t.delete().where(observations_t.c.statement_id.in_(ids))
            ).rowcount,
            "assessments": conn.execute(
                assessments_t.delete().where(assessments_t.c.statement_id.in_(ids))
            ).rowcount,
            "links": conn.execute(links_t.delete().where(links_t.c.statement_id.in_(ids))).rowcount,
        }
        removed["statements"] = conn.execute(
            statements_t.delete().where(statements_t.c.document_id == doc_id)
        ).rowcount
        doc_region = conn.execute(
            sa.select(documents_t.c.region_id).where(documents_t.c.id == doc_id)
        ).scalar()
        conn.execute(documents_t.delete().where(documents_t.c.id == doc_id))
        # the records go; a region no longer named anywhere leaves the index too
        reindex(
            conn,
            documents=[doc_id],
            statements=[i for i, _ in gone],
            regions={doc_region, *(r for _, r in gone)},
        )
    return removed


__all__ = ["check_document", "remove_document"]
