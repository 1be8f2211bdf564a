"""What changed: the targets and claims whose status, probability or verdict moved after an
ingest or a fetch.

    tracker = ChangeTracker(store)            # the scorecards before (as of today)
    summary = store.ingest("new_release.xml")
    tracker.record(cause="IMF World Economic Outlook (SDMX, retrieved 2026-12-07)",
                   ingest_id=summary.ingest_id)

`record` re-links the statements, rebuilds the scorecards of every region with
statements, and stores one row per statement whose status changed or whose probability
moved by at least 0.01 (the precision the scorecard prints). `list_changes` reads them
back, newest first; the CLI (`ontrack changes`), the web app and the static site (an Atom
feed per region) show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..tables import changes_t
from .scorecard import build_scorecard, link_statements

if TYPE_CHECKING:
    from ..store import Store

MIN_PROBABILITY_MOVE = 0.01


@dataclass(frozen=True)
class Entry:
    region_id: str
    kind: str
    label: str
    status: str | None
    probability: float | None


def _label(region_name: str, statement: dict[str, Any], indicator_name: str | None) -> str:
    """'Liaoning Real GDP growth (annual) 2022': the linked series' indicator when there is
    one (the text's phrase often repeats the region), else the phrase."""
    what = indicator_name or statement.get("indicator") or statement.get("display")
    what = what or statement.get("kind")
    period = statement.get("period") or ""
    return " ".join(p for p in (region_name, str(what), str(period)) if p)


def snapshot(store: Store, as_of: date | None = None, model: str = "damped") -> dict[int, Entry]:
    """Status and probability of every statement of every region, as of `as_of` (today)."""
    regions = sorted({s.region_id for s in store.statements() if s.region_id})
    if not regions:
        return {}
    link_statements(store)
    catalog = store.catalog
    names: dict[int, str] = {}
    for sid, series in store.series_by_id().items():
        known = catalog.find_indicator(series.indicator_id)
        names[sid] = known.name if known else series.indicator_id
    out: dict[int, Entry] = {}
    for region in regions:
        card = build_scorecard(store, region, as_of=as_of or date.today(), model=model)
        for item in card["items"]:
            st = item["statement"]
            out[st["id"]] = Entry(
                card["region"],
                st["kind"],
                _label(card.get("region_name", card["region"]), st, names.get(item["series"])),
                item["status"],
                item.get("probability"),
            )
    return out


def diff(before: dict[int, Entry], after: dict[int, Entry]) -> list[tuple[int, Entry, Entry]]:
    """(statement id, before, after) for every statement whose status or P moved."""
    moved = []
    for sid, new in after.items():
        old = before.get(sid)
        if old is None:
            continue  # a new statement is not a change of assessment
        p_moved = (old.probability is None) != (new.probability is None) or (
            old.probability is not None
            and new.probability is not None
            and abs(old.probability - new.probability) >= MIN_PROBABILITY_MOVE
        )
        if old.status != new.status or p_moved:
            moved.append((sid, old, new))
    return moved


class ChangeTracker:
    """Scorecards before a write; `record` compares them with after and stores the moves.
    After a `record`, the new scorecards are the baseline of the next write."""

    def __init__(self, store: Store, *, as_of: date | None = None, model: str = "damped") -> None:
        self.store, self.as_of, self.model = store, as_of, model
        self.before = snapshot(store, as_of, model)

    def record(self, *, cause: str, ingest_id: int | None = None) -> list[dict[str, Any]]:
        if not self.before:
            return []  # no statements: nothing can have moved (and nothing is computed)
        after = snapshot(self.store, self.as_of, self.model)
        moved = diff(self.before, after)
        self.before = after
        now = datetime.now(UTC)
        when = self.as_of or date.today()
        rows = [
            {
                "recorded_at": now,
                "ingest_id": ingest_id,
                "cause": cause,
                "region_id": new.region_id,
                "statement_id": sid,
                "label": new.label,
                "kind": new.kind,
                "old_status": old.status,
                "new_status": new.status,
                "old_probability": old.probability,
                "new_probability": new.probability,
                "as_of": when,
            }
            for sid, old, new in moved
        ]
        if rows:
            with self.store.engine.begin() as conn:
                conn.execute(changes_t.insert(), rows)
        return [change_json(r) for r in rows]


def describe(row: dict[str, Any]) -> str:
    """'Liaoning clean-energy share 2025: on track -> at risk, P 0.71 -> 0.42, after ...'"""

    def status(s: str | None) -> str:
        return (s or "none").replace("_", " ")

    parts = [f"{row['label']}: {status(row['old_status'])} -> {status(row['new_status'])}"]
    old_p, new_p = row.get("old_probability"), row.get("new_probability")
    if old_p is not None or new_p is not None:
        fmt = lambda p: "-" if p is None else f"{p:.2f}"  # noqa: E731
        parts.append(f"P {fmt(old_p)} -> {fmt(new_p)}")
    return ", ".join(parts) + f", after {row['cause']}"


def change_json(row: Any) -> dict[str, Any]:
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    recorded = data["recorded_at"]
    if isinstance(recorded, datetime) and recorded.tzinfo is None:
        recorded = recorded.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    out = {
        "id": data.get("id"),
        "recorded_at": recorded.isoformat() if isinstance(recorded, datetime) else recorded,
        "region": data["region_id"],
        "statement_id": data["statement_id"],
        "kind": data["kind"],
        "label": data["label"],
        "old_status": data["old_status"],
        "new_status": data["new_status"],
        "old_probability": data["old_probability"],
        "new_probability": data["new_probability"],
        "as_of": str(data["as_of"]),
        "cause": data["cause"],
        "ingest_id": data.get("ingest_id"),
    }
    out["text"] = describe({**data, **out})
    return out


def list_changes(
    store: Store, *, since: date | None = None, region: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    """Recorded changes, newest first; `since` a date (inclusive), `region` a name or id."""
    q = sa.select(changes_t).order_by(changes_t.c.recorded_at.desc(), changes_t.c.id.desc())
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        if store.is_sqlite:
            start = start.replace(tzinfo=None)  # SQLite stores naive UTC text
        q = q.where(changes_t.c.recorded_at >= start)
    if region:
        q = q.where(changes_t.c.region_id == store.catalog.region(region).id)
    with store.engine.connect() as conn:
        return [change_json(r) for r in conn.execute(q.limit(limit))]


__all__ = ["ChangeTracker", "describe", "diff", "list_changes", "snapshot"]
