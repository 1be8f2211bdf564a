"""What reviews teach: the extractor's precision as reviewers saw it, and corrected
documents written out in the development set's labelled format (NN.txt + NN.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from . import review
from .errors import ReviewError
from .store import Store
from .tables import documents_t, statement_versions_t, statements_t

LABELLED_KINDS = ("target", "result", "comparison")  # the devset labels no goals


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def review_stats(store: Store) -> dict[str, Any]:
    """Per kind (as the extractor read it) and per field: how often people confirmed,
    corrected or rejected the machine's reading, and how many statements it missed.

    `precision` counts a statement right when a person kept it (confirmed or corrected);
    `exact` only when confirmed unchanged; a field's `accuracy` is the share of kept
    statements whose field the person left as read."""
    v = statement_versions_t
    q = (
        sa.select(v.c.fields, statements_t)
        .join(statements_t, statements_t.c.id == v.c.statement_id)
        .where(v.c.version == 1, v.c.state == review.EXTRACTED)
    )
    kinds: dict[str, dict[str, Any]] = {}

    def bucket(kind: str) -> dict[str, Any]:
        return kinds.setdefault(
            kind,
            {
                "reviewed": 0,
                "confirmed": 0,
                "corrected": 0,
                "rejected": 0,
                "added": 0,
                "fields": {f: 0 for f in review.EDITABLE},
            },
        )

    with store.engine.connect() as conn:
        for row in conn.execute(q):
            first = json.loads(row.fields)
            state = row.review_state or review.EXTRACTED
            if state == review.EXTRACTED:
                continue
            b = bucket(first["kind"])
            b["reviewed"] += 1
            b[state] += 1
            if state == review.CORRECTED:
                for name, column in review.EDITABLE.items():
                    if first.get(name) != getattr(row, column):
                        b["fields"][name] += 1
        added = sa.select(statements_t.c.kind).where(statements_t.c.review_state == review.ADDED)
        for (kind,) in conn.execute(added):
            bucket(kind)["added"] += 1
    out: dict[str, Any] = {}
    totals = {"reviewed": 0, "confirmed": 0, "corrected": 0, "rejected": 0, "added": 0}
    for kind in sorted(kinds):
        b = kinds[kind]
        kept = b["confirmed"] + b["corrected"]
        out[kind] = {
            **{k: b[k] for k in totals},
            "precision": _ratio(kept, b["reviewed"]),
            "exact": _ratio(b["confirmed"], b["reviewed"]),
            "fields": {
                name: {"corrected": n, "accuracy": _ratio(kept - n, kept)}
                for name, n in b["fields"].items()
            },
        }
        for k in totals:
            totals[k] += b[k]
    kept = totals["confirmed"] + totals["corrected"]
    return {
        "kinds": out,
        "overall": {
            **totals,
            "precision": _ratio(kept, totals["reviewed"]),
            "exact": _ratio(totals["confirmed"], totals["reviewed"]),
        },
        "unreviewed": len(review.unreviewed(store)),
    }


def labelled_item(row: Any, region_names: dict[str, str]) -> dict[str, Any]:
    """A statement row as one item of the devset schema."""
    kind = row.kind
    period = row.period if row.period else ("unknown" if kind == "target" else None)
    return {
        "kind": kind,
        "indicator": row.indicator,
        "region": region_names.get(row.region_id or "", row.region_id),
        "value": row.value,
        "unit": row.unit if row.value is not None else None,
        "comparator": row.comparator if kind == "target" else None,
        "period": period,
        "quote": row.quote,
    }


def export_labelled(
    store: Store,
    out_dir: str | Path,
    *,
    documents: list[str] | None = None,
    include_unreviewed: bool = False,
) -> dict[str, Any]:
    """Write each reviewed document as NN.txt (front matter + text) and NN.json (its
    checked statements). A document with statements nobody reviewed yet is skipped (its
    labels would be the machine's), unless `include_unreviewed` keeps them as read."""
    out = Path(out_dir)
    if out.exists() and any(out.glob("[0-9][0-9]*.json")):
        raise ReviewError(f"{out} already holds a labelled set; give an empty or new folder")
    region_names = {r.id: r.name for r in store.catalog.regions()}
    written: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        q = sa.select(documents_t).order_by(documents_t.c.date, documents_t.c.id)
        if documents:
            q = q.where(documents_t.c.id.in_(documents))
        docs = conn.execute(q).all()
        missing = set(documents or []) - {d.id for d in docs}
        if missing:
            raise ReviewError(f"no document with id {', '.join(sorted(missing))}")
        for doc in docs:
            rows = conn.execute(
                sa.select(statements_t)
                .where(statements_t.c.document_id == doc.id)
                .order_by(statements_t.c.start_offset, statements_t.c.id)
            ).all()
            states = [r.review_state or review.EXTRACTED for r in rows]
            if not any(s != review.EXTRACTED for s in states):
                continue  # nobody reviewed it: not a corrected document
            open_ = states.count(review.EXTRACTED)
            if open_ and not include_unreviewed:
                skipped.append({"document": doc.id, "unreviewed": open_})
                continue
            items = [
                labelled_item(r, region_names)
                for r, s in zip(rows, states, strict=True)
                if s != review.REJECTED and r.kind in LABELLED_KINDS
            ]
            written.append({"document": doc.id, "items": items, "row": doc})
    if not written:
        return {"folder": str(out), "documents": [], "skipped": skipped}
    out.mkdir(parents=True, exist_ok=True)
    width = max(2, len(str(len(written))))
    listed = []
    for n, entry in enumerate(written, start=1):
        doc = entry["row"]
        name = f"{n:0{width}d}"
        front = (
            f"---\nsource: {doc.source or 'unknown'}\n"
            f"date: {doc.date.isoformat() if doc.date else 'unknown'}\n---\n\n"
        )
        (out / f"{name}.txt").write_text(front + doc.text, encoding="utf-8")
        (out / f"{name}.json").write_text(
            json.dumps(entry["items"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        listed.append({"name": name, "document": entry["document"], "items": len(entry["items"])})
    return {"folder": str(out), "documents": listed, "skipped": skipped}


__all__ = ["export_labelled", "labelled_item", "review_stats"]
