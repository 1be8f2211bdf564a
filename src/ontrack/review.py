"""Review: people confirm, correct, reject or add statements, and nothing is overwritten.

Each reviewed statement keeps every version of itself in `statement_versions`: version 1 is
the extractor's reading (written when the statement is first reviewed) or the statement a
person added; each later version records the fields it changed (old and new value), who made
it, when and why. The `statements` row always holds the latest accepted version, so the
scorecard, links and exports read the corrected fields; a rejected statement leaves them
(Store.statements skips it) and stays listed as rejected.

States: extracted -> confirmed | corrected | rejected; a statement added by hand is `added`.
Edits are validated as on ingest: units through pint, periods through the period grammar,
regions and indicators through the catalog.
"""

from __future__ import annotations

import getpass
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .errors import CatalogError, NotFoundError, PeriodError, ReviewError, UnitError
from .model import Comparator, Statement, StatementKind, ValueType
from .periods import parse_period
from .searchindex import reindex
from .store import Store
from .tables import (
    assessments_t,
    documents_t,
    links_t,
    observations_t,
    statement_from_db,
    statement_versions_t,
    statements_t,
)
from .units import parse_unit

EXTRACTED, CONFIRMED, CORRECTED, REJECTED, ADDED = (
    "extracted",
    "confirmed",
    "corrected",
    "rejected",
    "added",
)
STATES = (EXTRACTED, CONFIRMED, CORRECTED, REJECTED, ADDED)
CHECKED_STATES = frozenset({CONFIRMED, CORRECTED, ADDED})
CHECKED_LABEL, MACHINE_LABEL, REJECTED_LABEL = "checked by a person", "machine-read", "rejected"
EXTRACTOR = "extractor"
# Fields a reviewer may set, with the statements column each one is stored in. The quote and
# its offsets are the evidence itself and are never edited (reject and add instead).
EDITABLE: dict[str, str] = {
    "kind": "kind",
    "indicator": "indicator",
    "indicator_id": "indicator_id",
    "region": "region_id",
    "value": "value",
    "unit": "unit",
    "comparator": "comparator",
    "period": "period",
    "baseline_value": "baseline_value",
    "baseline_period": "baseline_period",
    "value_type": "value_type",
}
NULL_WORDS = frozenset({"", "none", "null", "-"})
COMPARATOR_WORDS = {
    "gt": ">",
    "ge": ">=",
    "eq": "=",
    "le": "<=",
    "lt": "<",
    "approx": "~",
    "about": "~",
    "at least": ">=",
    "more than": ">",
    "no more than": "<=",
}


def reviewer(name: str | None = None) -> str:
    """Who is reviewing: the given name, else $ONTRACK_REVIEWER, else the login name."""
    found = (name or os.environ.get("ONTRACK_REVIEWER") or "").strip()
    if not found:
        try:
            found = getpass.getuser()
        except (KeyError, OSError):
            found = "unknown"
    return found[:200]


def label(state: str) -> str:
    """What readers see for a state."""
    if state == REJECTED:
        return REJECTED_LABEL
    return CHECKED_LABEL if state in CHECKED_STATES else MACHINE_LABEL


# -- validation ---------------------------------------------------------------------------
def _number(field: str, text: str) -> float | None:
    if text.strip().lower() in NULL_WORDS:
        return None
    try:
        value = float(text.replace(",", "").replace("_", "").strip())
    except ValueError:
        raise ReviewError(f"{field}={text!r}: not a number; write e.g. 120 or 5.3") from None
    if not math.isfinite(value):
        raise ReviewError(f"{field}={text!r}: the value must be a finite number")
    return value


def validate_field(store: Store, field: str, text: str) -> Any:
    """The stored value of `FIELD=text`, checked as ingest checks it; ReviewError if bad."""
    name = field.strip().lower()
    if name not in EDITABLE:
        raise ReviewError(
            f"{field!r} cannot be edited; editable fields: {', '.join(EDITABLE)} "
            "(the quote and its offsets are the evidence: reject and add instead)"
        )
    raw = text.strip()
    empty = raw.lower() in NULL_WORDS
    if name == "kind":
        try:
            return str(StatementKind(raw.lower()))
        except ValueError:
            kinds = ", ".join(k.value for k in StatementKind)
            raise ReviewError(f"kind={text!r}: not a kind; use one of {kinds}") from None
    if name == "indicator":
        if empty:
            raise ReviewError("indicator: give the phrase for what is measured")
        return raw[:500]
    if name in ("value", "baseline_value"):
        return _number(name, raw)
    if empty:
        return None
    if name == "indicator_id":
        found = store.catalog.find_indicator(raw)
        if found is None:
            raise ReviewError(
                f"indicator_id={text!r}: unknown indicator; `ontrack catalog indicators` lists "
                "them, `ontrack catalog add FILE` adds one"
            )
        return found.id
    if name == "region":
        try:
            return store.catalog.region(raw).id
        except CatalogError as exc:
            raise ReviewError(f"region={text!r}: {exc}") from None
    if name == "unit":
        try:
            return parse_unit(raw).name
        except UnitError as exc:
            raise ReviewError(f"unit={text!r}: {exc}") from None
    if name in ("period", "baseline_period"):
        try:
            return parse_period(raw).label
        except PeriodError as exc:
            raise ReviewError(f"{name}={text!r}: {exc}") from None
    if name == "comparator":
        symbol = COMPARATOR_WORDS.get(raw.lower(), raw)
        try:
            return str(Comparator(symbol))
        except ValueError:
            raise ReviewError(
                f"comparator={text!r}: use one of {', '.join(c.value for c in Comparator)}"
            ) from None
    try:  # value_type
        return str(ValueType(raw.lower()))
    except ValueError:
        types = ", ".join(v.value for v in ValueType)
        raise ReviewError(f"value_type={text!r}: use one of {types}") from None


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """`FIELD=VALUE` strings (as given to --set) -> {field: text}; a field given twice is an
    error, so a script never silently loses one of its edits."""
    out: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field = field.strip().lower()
        if not sep or not field:
            raise ReviewError(f"--set {item!r}: write FIELD=VALUE, e.g. --set unit=km")
        if field in out:
            raise ReviewError(f"--set {field} is given twice")
        out[field] = value
    return out


# -- snapshots and history --------------------------------------------------------------
def _fields(row: Any) -> dict[str, Any]:
    """A statement row as the JSON snapshot kept in each version."""
    out = {name: getattr(row, column) for name, column in EDITABLE.items()}
    out.update(quote=row.quote, start=row.start_offset, end=row.end_offset)
    return out


def _state(row: Any) -> str:
    return row.review_state or EXTRACTED


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    field: str
    old: Any
    new: Any
    by: str
    at: datetime
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "by": self.by,
            "at": self.at.isoformat(),
            "reason": self.reason,
        }


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def histories(
    store: Store, statement_ids: Iterable[int] | None = None
) -> dict[int, list[HistoryEntry]]:
    """Every change made by people, per statement, oldest first (extracted ones: none)."""
    v = statement_versions_t
    q = sa.select(v).where(v.c.version > 1).order_by(v.c.statement_id, v.c.version)
    wanted = None if statement_ids is None else sorted(set(statement_ids))
    out: dict[int, list[HistoryEntry]] = {}
    with store.engine.connect() as conn:
        parts = (
            [q]
            if wanted is None
            else [
                q.where(v.c.statement_id.in_(wanted[i : i + 500]))
                for i in range(0, len(wanted), 500)
            ]
        )
        keep = None if wanted is None else set(wanted)
        for part in parts:
            for row in conn.execute(part):
                for change in json.loads(row.changes):
                    out.setdefault(row.statement_id, []).append(
                        HistoryEntry(
                            row.version,
                            change["field"],
                            change["old"],
                            change["new"],
                            row.by,
                            _aware(row.at),
                            row.reason,
                        )
                    )
        # An added statement's first version is a person's work too.
        added = sa.select(v).where(v.c.version == 1, v.c.state == ADDED)
        for row in conn.execute(added):
            if keep is None or row.statement_id in keep:
                entry = HistoryEntry(1, "state", None, ADDED, row.by, _aware(row.at), row.reason)
                out.setdefault(row.statement_id, []).insert(0, entry)
    return out


def review_states(store: Store, statement_ids: Iterable[int] | None = None) -> dict[int, str]:
    """The review state of every stored statement (or of the given ones)."""
    s = statements_t
    q = sa.select(s.c.id, s.c.review_state)
    if statement_ids is not None:
        q = q.where(s.c.id.in_(sorted(set(statement_ids))))
    with store.engine.connect() as conn:
        return {r.id: r.review_state or EXTRACTED for r in conn.execute(q)}


def review_generation(store: Store) -> tuple[int, int]:
    """Changes whenever a review is stored (for caches keyed on the store's state)."""
    v = statement_versions_t
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(sa.func.count(), sa.func.max(v.c.id))).one()
    return int(row[0] or 0), int(row[1] or 0)


def show(store: Store, statement_id: int) -> dict[str, Any]:
    """The statement's current fields, its state and its history (what `statement show
    --json` prints)."""
    with store.engine.connect() as conn:
        row = _row(conn, statement_id)
        first = conn.execute(
            sa.select(statement_versions_t.c.fields).where(
                statement_versions_t.c.statement_id == statement_id,
                statement_versions_t.c.version == 1,
            )
        ).first()
        reason = conn.execute(
            sa.select(statement_versions_t.c.reason)
            .where(statement_versions_t.c.statement_id == statement_id)
            .order_by(statement_versions_t.c.version.desc())
            .limit(1)
        ).scalar()
    state = _state(row)
    out = statement_from_db(row).to_dict()
    out["state"] = state
    out["review"] = label(state)
    out["checked_by_person"] = state in CHECKED_STATES
    out["rejection_reason"] = reason if state == REJECTED else None
    if first is not None and state != ADDED:
        out["extracted"] = json.loads(first.fields)
    elif state == EXTRACTED:
        out["extracted"] = _fields(row)
    else:
        out["extracted"] = None  # added by a person: the extractor never read it
    out["history"] = [h.to_dict() for h in histories(store, [statement_id]).get(statement_id, [])]
    return out


def _row(conn: Connection, statement_id: int) -> Any:
    row = conn.execute(sa.select(statements_t).where(statements_t.c.id == statement_id)).first()
    if row is None:
        raise NotFoundError(
            f"no statement with id {statement_id}; `ontrack review` or "
            "`ontrack scorecard REGION --json` list statement ids"
        )
    return row


# -- transitions --------------------------------------------------------------------------
def _write_version(
    conn: Connection,
    row: Any,
    *,
    state: str,
    values: Mapping[str, Any],
    changes: list[dict[str, Any]],
    by: str,
    reason: str,
    now: datetime,
) -> None:
    """Append a version (writing the extractor's version 1 first, once) and update the row."""
    v = statement_versions_t
    last = conn.execute(
        sa.select(sa.func.max(v.c.version)).where(v.c.statement_id == row.id)
    ).scalar()
    if last is None:
        created = conn.execute(
            sa.select(documents_t.c.created_at).where(documents_t.c.id == row.document_id)
        ).scalar()
        conn.execute(
            v.insert().values(
                statement_id=row.id,
                version=1,
                state=EXTRACTED,
                fields=json.dumps(_fields(row), ensure_ascii=False),
                changes="[]",
                by=EXTRACTOR,
                at=created or now,
                reason="",
            )
        )
        last = 1
    snapshot = {
        **_fields(row),
        **{k: values[EDITABLE[k]] for k in EDITABLE if EDITABLE[k] in values},
    }
    try:
        conn.execute(
            v.insert().values(
                statement_id=row.id,
                version=last + 1,
                state=state,
                fields=json.dumps(snapshot, ensure_ascii=False),
                changes=json.dumps(changes, ensure_ascii=False),
                by=by,
                at=now,
                reason=reason,
            )
        )
    except sa.exc.IntegrityError:
        raise ReviewError(
            f"statement {row.id} was reviewed by someone else meanwhile; show it and try again"
        ) from None
    conn.execute(
        statements_t.update()
        .where(statements_t.c.id == row.id)
        .values(review_state=state, **values)
    )
    # its search record (a rejected one leaves the index) and the regions it named
    reindex(conn, statements=[row.id], regions={row.region_id, values.get("region_id")})


def _check_open(row: Any, action: str) -> str:
    state = _state(row)
    if state == REJECTED:
        raise ReviewError(
            f"statement {row.id} was rejected; it cannot be {action}. Add the statement "
            "again from its quote with `ontrack statement add` if the rejection was wrong"
        )
    return state


def confirm(store: Store, statement_id: int, *, by: str | None = None, reason: str = "") -> dict:
    """A person checked the statement and the extractor read it right."""
    with store.engine.begin() as conn:
        row = _row(conn, statement_id)
        state = _check_open(row, "confirmed")
        if state != EXTRACTED:
            raise ReviewError(
                f"statement {statement_id} is already {state} (checked by a person); edit or "
                "reject it instead"
            )
        change = {"field": "state", "old": state, "new": CONFIRMED}
        _write_version(
            conn,
            row,
            state=CONFIRMED,
            values={},
            changes=[change],
            by=reviewer(by),
            reason=reason.strip(),
            now=datetime.now(UTC),
        )
    return show(store, statement_id)


def edit(
    store: Store,
    statement_id: int,
    changes: Mapping[str, str],
    *,
    reason: str,
    by: str | None = None,
    reassess: bool = True,
) -> dict:
    """Correct fields (`{field: text}`), each validated; then re-link and re-assess."""
    if not changes:
        raise ReviewError("nothing to edit: give at least one --set FIELD=VALUE")
    if not reason.strip():
        raise ReviewError("an edit needs a reason (--reason TEXT): readers see why it changed")
    with store.engine.connect() as conn:  # a rejected statement says so before any value
        _check_open(_row(conn, statement_id), "edited")
    parsed = {
        field.strip().lower(): validate_field(store, field, text) for field, text in changes.items()
    }
    with store.engine.begin() as conn:
        row = _row(conn, statement_id)
        state = _check_open(row, "edited")
        values: dict[str, Any] = {}
        diffs: list[dict[str, Any]] = []
        for field, new in parsed.items():
            old = getattr(row, EDITABLE[field])
            if old != new:
                values[EDITABLE[field]] = new
                diffs.append({"field": field, "old": old, "new": new})
        if not diffs:
            raise ReviewError(f"statement {statement_id} already has these values; nothing changed")
        new_state = ADDED if state == ADDED else CORRECTED
        if new_state != state:
            diffs.append({"field": "state", "old": state, "new": new_state})
        _write_version(
            conn,
            row,
            state=new_state,
            values=values,
            changes=diffs,
            by=reviewer(by),
            reason=reason.strip(),
            now=datetime.now(UTC),
        )
    item = refresh(store, statement_id) if reassess else None
    return {**show(store, statement_id), "assessment": assessment_of(item)}


def reject(
    store: Store, statement_id: int, *, reason: str, by: str | None = None, reassess: bool = True
) -> dict:
    """The statement is wrong (not a figure, a duplicate...): it leaves the scorecard."""
    if not reason.strip():
        raise ReviewError("a rejection needs a reason (--reason TEXT)")
    with store.engine.begin() as conn:
        row = _row(conn, statement_id)
        state = _check_open(row, "rejected again")
        _write_version(
            conn,
            row,
            state=REJECTED,
            values={},
            changes=[{"field": "state", "old": state, "new": REJECTED}],
            by=reviewer(by),
            reason=reason.strip(),
            now=datetime.now(UTC),
        )
    if reassess:
        refresh(store, statement_id)
    return show(store, statement_id)


def add(
    store: Store,
    document_id: str,
    *,
    kind: str,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    fields: Mapping[str, str] | None = None,
    reason: str = "",
    by: str | None = None,
    reassess: bool = True,
) -> dict:
    """Add a statement the extractor missed, from a span of the document: offsets checked
    against the document text (or found from an exact quote that occurs once)."""
    doc = store.get_document(document_id)
    text = doc.text
    if start is None or end is None:
        if not quote:
            raise ReviewError("give the span with --start and --end, or an exact --quote")
        first = text.find(quote)
        if first < 0:
            raise ReviewError(f"the quote {quote!r} does not occur in document {document_id}")
        if text.find(quote, first + 1) >= 0:
            raise ReviewError(
                f"the quote {quote!r} occurs more than once in document {document_id}; "
                "give --start and --end"
            )
        start, end = first, first + len(quote)
    if not (0 <= start < end <= len(text)):
        raise ReviewError(
            f"offsets {start}-{end} are outside document {document_id} "
            f"(its text has {len(text)} characters; start must be below end)"
        )
    if quote is not None and text[start:end] != quote:
        raise ReviewError(
            f"the text at {start}-{end} is {text[start:end]!r}, not the quote {quote!r}"
        )
    if not text[start:end].strip():
        raise ReviewError(f"the text at {start}-{end} is blank; select the words that state it")
    given = {k.strip().lower(): v for k, v in (fields or {}).items()}
    given["kind"] = kind
    given.setdefault("indicator", text[start:end])
    parsed = {field: validate_field(store, field, value) for field, value in given.items()}
    if "region" not in parsed:
        parsed["region"] = doc.region_id
    row = {column: parsed.get(field) for field, column in EDITABLE.items()}
    now = datetime.now(UTC)
    who = reviewer(by)
    with store.engine.begin() as conn:
        new_id = conn.execute(
            statements_t.insert().values(
                document_id=document_id,
                quote=text[start:end],
                start_offset=start,
                end_offset=end,
                confidence=1.0,
                review_state=ADDED,
                **row,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        stored = _row(conn, new_id)
        reindex(conn, statements=[new_id], regions=[stored.region_id])
        conn.execute(
            statement_versions_t.insert().values(
                statement_id=new_id,
                version=1,
                state=ADDED,
                fields=json.dumps(_fields(stored), ensure_ascii=False),
                changes=json.dumps([{"field": "state", "old": None, "new": ADDED}]),
                by=who,
                at=now,
                reason=reason.strip(),
            )
        )
    item = refresh(store, new_id) if reassess else None
    return {**show(store, new_id), "assessment": assessment_of(item)}


# -- re-link and re-assess ------------------------------------------------------------------
def refresh(store: Store, statement_id: int) -> dict[str, Any] | None:
    """Re-link the statement and re-assess it after a review.

    The figure it reported (a 'reported' observation) and its automatic link are derived
    from the old reading, so they go; link_statements then links the current version (a
    manual link stays). Stored assessments of the statement are recomputed for the same
    dates and models, or dropped when it was rejected. Returns the statement's scorecard
    item as of today (None when rejected or without a region).
    """
    from .assess import build_scorecard, link_statements

    with store.engine.begin() as conn:
        row = _row(conn, statement_id)
        conn.execute(
            observations_t.delete().where(
                observations_t.c.statement_id == statement_id,
                observations_t.c.kind == "reported",
            )
        )
        gone = links_t.delete().where(links_t.c.statement_id == statement_id)
        if _state(row) != REJECTED:
            gone = gone.where(links_t.c.method != "manual")  # a manual link is kept
        conn.execute(gone)
        reindex(conn, statements=[statement_id])  # its record names the linked series
        stored = conn.execute(
            sa.select(assessments_t.c.as_of, assessments_t.c.model)
            .where(assessments_t.c.statement_id == statement_id)
            .distinct()
        ).all()
        conn.execute(assessments_t.delete().where(assessments_t.c.statement_id == statement_id))
    # A comparison takes its indicator from the figure before it, so the comparisons of
    # the same document are re-linked with it; the rest of the store is left as it is.
    again = {statement_id} | {
        s.id
        for s in store.statements(document_id=row.document_id, kind=str(StatementKind.COMPARISON))
        if s.id is not None
    }
    link_statements(store, only=again)
    if _state(row) == REJECTED or not row.region_id:
        return None
    rows = []
    for as_of, model in stored:
        card = build_scorecard(store, row.region_id, as_of=as_of, model=model)
        for it in card["items"]:
            if it["statement"]["id"] == statement_id:
                rows.append(_assessment_row(it, as_of, model))
    store.save_assessments(rows)
    card = build_scorecard(store, row.region_id, as_of=date.today())
    return next((it for it in card["items"] if it["statement"]["id"] == statement_id), None)


def assessment_of(item: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a scorecard item an edit reports: what the statement is assessed as now."""
    if item is None:
        return None
    return {
        "as_of": date.today().isoformat(),
        "series": item["series"],
        "status": item["status"],
        "probability": item["probability"],
        "explanation": item["explanation"],
    }


def _assessment_row(item: dict[str, Any], as_of: date, model: str) -> dict[str, Any]:
    return {
        "statement_id": item["statement"]["id"],
        "series_id": item["series"],
        "as_of": as_of,
        "model": model,
        "status": item["status"],
        "probability": item["probability"],
        "explanation": item["explanation"],
        "details": {"evidence": item["evidence"], "inputs": item.get("inputs")},
    }


# -- walking the unreviewed ------------------------------------------------------------------
def unreviewed(
    store: Store,
    *,
    region: str | None = None,
    document: str | None = None,
    kind: str | None = None,
) -> list[Statement]:
    """Statements no person has looked at yet, in document order."""
    region_id = store.catalog.region(region).id if region else None
    if kind is not None and kind not in {k.value for k in StatementKind}:
        raise ReviewError(
            f"--kind {kind!r}: use one of {', '.join(k.value for k in StatementKind)}"
        )
    if document is not None:
        store.get_document(document)
    states = review_states(store)
    found = store.statements(document_id=document, region_id=region_id, kind=kind)
    return [s for s in found if s.id is not None and states.get(s.id) == EXTRACTED]


def statements_with_states(
    store: Store, statements: Sequence[Statement]
) -> list[tuple[Statement, str]]:
    states = review_states(store, [s.id for s in statements if s.id is not None])
    return [(s, states.get(s.id or -1, EXTRACTED)) for s in statements]


__all__ = [
    "ADDED",
    "CHECKED_STATES",
    "CONFIRMED",
    "CORRECTED",
    "EDITABLE",
    "EXTRACTED",
    "REJECTED",
    "STATES",
    "HistoryEntry",
    "add",
    "confirm",
    "edit",
    "histories",
    "label",
    "parse_assignments",
    "refresh",
    "reject",
    "review_generation",
    "review_states",
    "reviewer",
    "show",
    "unreviewed",
    "validate_field",
]
