"""One context function per page: store + parameters -> a JSON-ready dict.

The same dict feeds the Jinja2 template (HTML), the `.json` variant of the page, the static
site and the report, so what a reader sees and what a program reads never disagree. No
business logic lives in templates: statuses, probabilities and explanations come from
`ontrack.assess.build_scorecard`; this module only selects, sorts and shapes.

Scorecards are cached per (region, as-of date, model, store state); the state is the row
counts of the store plus a generation number that uploads bump (see `Dashboard.invalidate`).
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..assess import build_scorecard
from ..assess.scorecard import known_rows, latest_points
from ..assess.story import CHANCE_LABEL, PROGRESS_LABEL, comparator_words, readable_inputs
from ..assess.wording import statement_words
from ..catalog import humanise_id
from ..cite import cite_page
from ..errors import NotFoundError, OntrackError, ParameterError, PeriodError
from ..model import Statement, StatementKind
from ..periods import parse_period
from ..releases import vintage_label
from ..review import CHECKED_STATES, EDITABLE, label, review_generation, review_states
from ..review import show as review_show
from ..search import search
from ..sources import cite_document, describe_observation, reported_document_id
from ..store import Store

TARGET_STATUSES = [
    "met",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "wrong_direction",
    "missed",
    "cannot_assess",
]
CLAIM_STATUSES = ["supported", "contradicted", "unverifiable"]
STATUS_LABELS = {
    "met": "met",
    "on_track": "on track",
    "acceleration_needed": "acceleration needed",
    "limited_progress": "limited progress",
    "wrong_direction": "wrong direction",
    "missed": "missed",
    "cannot_assess": "cannot assess",
    "supported": "supported",
    "contradicted": "contradicted",
    "unverifiable": "unverifiable",
    "not_measurable": "not measurable",
}
SORTS = ("deadline", "probability", "status", "indicator", "id")
CONTEXT_CHARS = 400  # document text shown around a quote on its statement page
SEARCH_LIMIT = 100
CACHE_SIZE = 32
STATE_TTL = 1.0  # seconds between checks of the store's row counts


class PageNotFound(OntrackError):
    """A page asked for something the store does not hold (HTTP 404)."""


@dataclass
class _Card:
    card: dict[str, Any]
    latest: dict[int, dict[str, Any]]  # series id -> latest known official point
    by_statement: dict[int, dict[str, Any]]


class Dashboard:
    """The store plus caches of computed scorecards; one per web app or export."""

    def __init__(self, store: Store, *, model: str = "damped") -> None:
        self.store = store
        self.model = model
        self.generation = 0
        self._cards: OrderedDict[tuple[Any, ...], _Card] = OrderedDict()
        self._lock = threading.Lock()
        self._state: tuple[float, tuple[Any, ...]] = (0.0, ())

    # -- cache -------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget every computed scorecard (after an upload changed the store)."""
        with self._lock:
            self.generation += 1
            self._cards.clear()
            self._state = (0.0, ())

    def state(self) -> tuple[Any, ...]:
        now = time.monotonic()
        checked, state = self._state
        if now - checked > STATE_TTL or not state:
            from .cache import store_version

            reviews = review_generation(self.store)  # a review changes no row counts
            state = (self.generation, *store_version(self.store), reviews)
            self._state = (now, state)
        return state

    def card(self, region: str, as_of: date) -> _Card:
        region_id = self.region_id(region)
        key = (region_id, as_of, self.model, self.state())
        hit = self._cards.get(key)
        if hit is not None:
            return hit
        with self._lock:
            hit = self._cards.get(key)
            if hit is not None:
                return hit
            card = build_scorecard(self.store, region_id, as_of=as_of, model=self.model)
            sids = {it["series"] for it in card["items"] if it["series"] is not None}
            latest = self._latest(sids, as_of)
            value = _Card(card, latest, {it["statement"]["id"]: it for it in card["items"]})
            self._cards[key] = value
            while len(self._cards) > CACHE_SIZE:
                self._cards.popitem(last=False)
            return value

    def _latest(self, sids: set[int], as_of: date) -> dict[int, dict[str, Any]]:
        freq = {i.series.id: str(i.series.frequency) for i in self.store.list_series()}
        rows = self.store.series_points(sids)
        out: dict[int, dict[str, Any]] = {}
        for sid in sids:
            pts = [
                p
                for p in latest_points(known_rows(rows.get(sid, []), freq.get(sid, "A"), as_of))
                if p.kind == "official"
            ]
            if pts:
                out[sid] = {"period": pts[-1].period, "value": pts[-1].value}
        return out

    def region_id(self, region: str) -> str:
        try:
            return self.store.catalog.region(region).id
        except OntrackError:
            raise PageNotFound(f"no region {region!r}") from None

    def regions(self) -> list[str]:
        """Regions that have statements, in id order."""
        return sorted({s.region_id for s in self.store.statements() if s.region_id})


class BadParameter(OntrackError):
    """A query parameter that is not what the page expects (HTTP 422)."""


def parse_as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParameterError(
            "as_of", f"{value[:40]!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-04-23"
        ) from None


def _deadline(period: str | None) -> date | None:
    if not period:
        return None
    try:
        return parse_period(period).end
    except PeriodError:
        return None


def _summary(stmt: dict[str, Any]) -> str:
    """'reach (at least) 56.8 percent by 2025-12-31': a statement's figure in words."""
    comparator = comparator_words(stmt.get("comparator"))
    parts = [comparator, _fmt(stmt.get("value")), stmt.get("unit") or ""]
    text = " ".join(p for p in parts if p)
    return f"{text} by {stmt['period']}" if text and stmt.get("period") else text


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:,.4g}"


def indicator_name(dash: Dashboard, indicator: str | None) -> str:
    """The catalog's name of an indicator id or phrase, else the id made readable."""
    if not indicator:
        return ""
    known = dash.store.catalog.find_indicator(indicator)
    return known.name if known else humanise_id(indicator)


def _linked_indicator_name(dash: Dashboard, series_id: int | None, phrase: str) -> str:
    if series_id is not None:
        try:
            return indicator_name(dash, dash.store.get_series(series_id).indicator_id)
        except NotFoundError:
            pass
    return indicator_name(dash, phrase)


def series_name(dash: Dashboard, series_id: int) -> str:
    """'Clean-energy share of installed power capacity, Liaoning (monthly)'."""
    series = dash.store.get_series(series_id)
    try:
        region = dash.store.catalog.region(series.region_id).name
    except OntrackError:
        region = series.region_id
    freq = FREQUENCY_WORDS.get(str(series.frequency), str(series.frequency))
    name = indicator_name(dash, series.indicator_id)
    return f"{name}, {region}" + ("" if freq in name else f" ({freq})")


FREQUENCY_WORDS = {
    "A": "annual",
    "Q": "quarterly",
    "M": "monthly",
    "D": "daily",
    "YTD": "year to date",
    "MY": "several years",
}
KIND_WORDS = {
    "target": "Target",
    "result": "Reported figure",
    "comparison": "Comparison",
    "goal": "Goal",
}


def _short(text: str, n: int = 240) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# -- home ---------------------------------------------------------------------------------
def home_context(dash: Dashboard, *, as_of: str | None = None) -> dict[str, Any]:
    when = parse_as_of(as_of)
    regions = []
    for rid in dash.regions():
        c = dash.card(rid, when)
        items = c.card["items"]
        targets = Counter(it["status"] for it in items if it["statement"]["kind"] == "target")
        claims = Counter(
            it["status"] for it in items if it["statement"]["kind"] in ("result", "comparison")
        )
        regions.append(
            {
                "id": rid,
                "name": c.card["region_name"],
                "targets": sum(targets.values()),
                "claims": sum(claims.values()),
                "goals": sum(1 for it in items if it["statement"]["kind"] == "goal"),
                "by_status": {s: targets.get(s, 0) for s in TARGET_STATUSES},
                "claims_by_status": {s: claims.get(s, 0) for s in CLAIM_STATUSES},
            }
        )
    return {
        "page": "home",
        "as_of": when.isoformat(),
        "model": dash.model,
        "statuses": TARGET_STATUSES,
        "regions": regions,
        "documents": [
            {**d, "date": d["date"].isoformat() if d["date"] else None}
            for d in dash.store.list_documents()
        ],
        "counts": dash.store.counts(),
    }


# -- region scorecard ------------------------------------------------------------------------
def region_context(
    dash: Dashboard,
    region: str,
    *,
    as_of: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    sort: str | None = None,
    order: str | None = None,
    checked: str | None = None,
) -> dict[str, Any]:
    """`checked`: "yes" keeps the rows a person checked, "no" the machine-read ones."""
    when = parse_as_of(as_of)
    c = dash.card(region, when)
    card = c.card
    sort = sort if sort in SORTS else "deadline"
    desc = order == "desc"
    needle = (q or "").strip().lower()

    def keep(it: dict[str, Any]) -> bool:
        st = it["statement"]
        if status and it["status"] != status:
            return False
        if kind and st["kind"] != kind:
            return False
        if checked in ("yes", "no") and it["review"]["checked_by_person"] != (checked == "yes"):
            return False
        return not needle or needle in f"{st['quote']} {st['indicator']}".lower()

    targets, claims, goals = [], [], []
    for it in card["items"]:
        if not keep(it):
            continue
        st = it["statement"]
        row = {
            "id": st["id"],
            "kind": st["kind"],
            "indicator": st["indicator"],
            "indicator_name": _linked_indicator_name(dash, it["series"], st["indicator"]),
            "quote": st.get("display") or st["quote"],  # whole: pages shorten, JSON never
            "summary": _summary(st),
            "status": it["status"],
            "status_label": STATUS_LABELS.get(it["status"] or "", it["status"] or ""),
            "probability": it["probability"],
            "probability_basis": it.get("probability_basis"),
            "deadline": st["period"],
            "series": it["series"],
            "latest": c.latest.get(it["series"]) if it["series"] is not None else None,
            "explanation": it["explanation"],
            "document_id": st["document_id"],
            "review": it["review"],
        }
        if st["kind"] == "target":
            # Two targets may share a sentence: the link names each by what it asks.
            row["title"] = (
                f"{row['indicator_name']}: {row['summary']}" if row["summary"] else (row["quote"])
            )
            targets.append(row)
        elif st["kind"] == "goal":
            row["measured_by"] = it.get("measured_by", [])
            goals.append(row)
        else:
            claims.append(row)
    order_index = {s: i for i, s in enumerate(TARGET_STATUSES)}

    def sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
        if sort == "probability":
            p = row["probability"]
            return (p is None, p if p is not None else 0.0, row["id"])
        if sort == "status":
            return (order_index.get(row["status"], 99), row["id"])
        if sort == "indicator":
            return (row["indicator"].lower(), row["id"])
        if sort == "id":
            return (row["id"],)
        d = _deadline(row["deadline"])
        return (d is None, d or date.min, row["id"])

    targets.sort(key=sort_key, reverse=desc)
    all_targets = [it for it in card["items"] if it["statement"]["kind"] == "target"]
    counts = Counter(it["status"] for it in all_targets)
    return {
        "page": "region",
        "region": card["region"],
        "region_name": card["region_name"],
        "as_of": card["as_of"],
        "model": card["model"],
        "filters": {
            "status": status or "",
            "kind": kind or "",
            "q": q or "",
            "sort": sort,
            "order": "desc" if desc else "asc",
            "checked": checked if checked in ("yes", "no") else "",
        },
        "status_options": TARGET_STATUSES + CLAIM_STATUSES + ["not_measurable"],
        "status_labels": STATUS_LABELS,
        "sorts": list(SORTS),
        "counts": {s: counts.get(s, 0) for s in TARGET_STATUSES},
        "targets": targets,
        "claims": claims,
        "goals": goals,
    }


# -- statement (target) page -----------------------------------------------------------------
def _statement(dash: Dashboard, statement_id: int) -> Statement:
    found = dash.store.statements(statement_id=statement_id)
    if not found:
        raise PageNotFound(f"no statement {statement_id}")
    return found[0]


def quote_context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> list[dict]:
    """The text around a quote as segments: before, the quote (marked), after."""
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    para = text.rfind("\n\n", lo, start)
    if para >= 0:
        lo = para + 2
    elif lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    para = text.find("\n\n", end, hi)
    if para >= 0:
        hi = para
    elif hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    segs = [
        {"text": ("…" if lo > 0 else "") + text[lo:start], "mark": False},
        {"text": text[start:end], "mark": True},
        {"text": text[end:hi] + ("…" if hi < len(text) else ""), "mark": False},
    ]
    return [s for s in segs if s["text"]]


def _chart_points(dash: Dashboard, series_id: int, as_of: date | None) -> list[dict[str, Any]]:
    """The latest release of each period known at `as_of`, placed on its period."""
    series = dash.store.get_series(series_id)
    rows = dash.store.series_points([series_id]).get(series_id, [])
    if as_of is not None:
        rows = known_rows(rows, str(series.frequency), as_of)
    out = []
    for p in latest_points(rows):
        try:
            start = parse_period(p.period).start.isoformat()
        except PeriodError:
            start = None
        out.append(
            {
                "date": p.end.isoformat(),
                "start": start,
                "value": p.value,
                "label": p.period,
                "kind": p.kind,
                "vintage": vintage_label(p.vintage),
            }
        )
    return out


def chart_spec(
    dash: Dashboard,
    series_id: int,
    *,
    as_of: date | None,
    title: str,
    target: float | None = None,
    deadline: date | None = None,
    forecast: dict[str, Any] | None = None,
    highlight: list[str] | None = None,
    compare_with: list[int] | None = None,
) -> dict[str, Any]:
    """Everything the SVG chart needs, as plain data (see charts.svg_chart).

    `compare_with` are further series drawn beside this one (a comparison's national
    line); each is named by its region.
    """
    series = dash.store.get_series(series_id)
    region = dash.store.catalog.region(series.region_id).name
    spec: dict[str, Any] = {
        "title": title,
        "unit": series.unit,
        "frequency": str(series.frequency),
        "name": region,
        "points": _chart_points(dash, series_id, as_of),
        "others": [
            {
                "name": dash.store.catalog.region(dash.store.get_series(o).region_id).name,
                "points": _chart_points(dash, o, as_of),
            }
            for o in compare_with or []
        ],
        "target": target,
        "deadline": deadline.isoformat() if deadline else None,
        "as_of": as_of.isoformat() if as_of else None,
        "forecast": None,
        "band": None,
        "highlight": highlight or [],
    }
    if forecast and deadline is not None:
        spec["forecast"] = {"date": deadline.isoformat(), "value": forecast["mean"]}
        if forecast.get("low") is not None and forecast.get("high") is not None:
            spec["band"] = {
                "date": deadline.isoformat(),
                "low": forecast["low"],
                "high": forecast["high"],
            }
    return spec


def _national_twin(dash: Dashboard, series_id: int) -> list[int]:
    """The national series of the same indicator and frequency (for comparison charts)."""
    series = dash.store.get_series(series_id)
    if series.region_id == "CN":
        return []
    return [
        sid
        for sid, s in dash.store.series_by_id().items()
        if s.region_id == "CN"
        and s.indicator_id == series.indicator_id
        and s.frequency == series.frequency
    ]


def statement_context(
    dash: Dashboard, statement_id: int, *, as_of: str | None = None, base_url: str = ""
) -> dict[str, Any]:
    when = parse_as_of(as_of)
    stmt = _statement(dash, statement_id)
    item: dict[str, Any] | None = None
    region_name = stmt.region_id or ""
    if stmt.region_id:
        c = dash.card(stmt.region_id, when)
        item = c.by_statement.get(statement_id)
        region_name = c.card["region_name"]
    doc = dash.store.get_document(stmt.document_id or "")
    st = stmt.to_dict()
    deadline = _deadline(stmt.period) if stmt.kind == "target" else None
    chart = None
    series = None
    sid = item["series"] if item else None
    if sid is not None:
        info = dash.store.get_series(sid)
        name = series_name(dash, sid)
        series = {"id": sid, "key": info.key, "name": name, "unit": info.unit}
        evidence = [e["period"] for e in (item or {}).get("evidence", [])]
        chart = chart_spec(
            dash,
            sid,
            as_of=when,
            title=name,
            target=(item or {}).get("inputs", {}).get("target", stmt.value)
            if stmt.kind == "target"
            else None,
            deadline=deadline,
            forecast=(item or {}).get("forecast"),
            highlight=evidence,
            compare_with=_national_twin(dash, sid) if stmt.kind == "comparison" else None,
        )
    inputs = (item or {}).get("inputs") or {}
    evidence = [
        {
            **e,
            **describe(
                dash, str(e.get("source") or ""), str(e.get("vintage") or ""), "", str(e["kind"])
            ),
        }
        for e in (item or {}).get("evidence", [])
    ]
    ind_name = indicator_name(dash, stmt.indicator_id or stmt.indicator)
    summary = _summary(st)
    kind_word = KIND_WORDS.get(str(stmt.kind), str(stmt.kind))
    if stmt.kind == "target":
        heading = f"{kind_word}: {ind_name}" + (f", {summary}" if summary else "")
    else:  # a claim or goal reads best in its own words
        heading = f"{kind_word}: {_short(stmt.quote, 120)}"
    return {
        "page": "statement",
        "title": f"{heading} ({region_name})" if region_name else heading,
        "heading": heading,
        "indicator_name": ind_name,
        "progress_label": PROGRESS_LABEL if stmt.kind == "target" else "verdict",
        "chance_label": CHANCE_LABEL,
        "probability_basis": (item or {}).get("probability_basis"),
        "probability_text": (item or {}).get("probability_text"),
        "statement": st,
        "summary": summary,
        "region": stmt.region_id,
        "region_name": region_name,
        "as_of": when.isoformat(),
        "status": item["status"] if item else None,
        "status_label": STATUS_LABELS.get((item or {}).get("status") or "", ""),
        "probability": item["probability"] if item else None,
        "explanation": item["explanation"] if item else "",
        "inputs": readable_inputs(inputs),
        "inputs_exact": inputs,
        "evidence": evidence,
        "cite": cite_page(
            key=f"statement-{statement_id}",
            title=f"{heading} ({region_name})" if region_name else heading,
            url=f"{base_url}/statement/{statement_id}?as_of={when.isoformat()}",
            as_of=when.isoformat(),
            publishers=[e["citation"]["publisher"] for e in evidence],
        ),
        "forecast": (item or {}).get("forecast"),
        "measured_by": (item or {}).get("measured_by", []),
        "link": (item or {}).get("link"),
        "series": series,
        "chart": chart,
        "document": {
            "id": stmt.document_id,
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else None,
            "source": doc.source,
        },
        "context": quote_context(doc.text, stmt.start, stmt.end),
        "review": _review_block(dash.store, statement_id),
    }


def _review_block(store: Store, statement_id: int) -> dict[str, Any]:
    """The statement's review state, the extractor's reading and its history."""
    shown = review_show(store, statement_id)
    return {
        "state": shown["state"],
        "label": shown["review"],
        "checked_by_person": shown["checked_by_person"],
        "rejection_reason": shown["rejection_reason"],
        "extracted": shown["extracted"],
        "history": shown["history"],
    }


# -- document page ------------------------------------------------------------------------
def highlight_segments(text: str, statements: list[Statement]) -> list[dict[str, Any]]:
    """The full text cut into plain and marked segments. Each character is shown once:
    overlapping spans are clipped (the earlier statement keeps the overlap) and a statement
    left with no text of its own (same span as another) joins the segment that covers it."""
    segs: list[dict[str, Any]] = []
    pos = 0
    for s in sorted(statements, key=lambda s: (s.start, -s.end)):
        start, end = max(s.start, pos), min(s.end, len(text))
        if end <= start:
            covering = [g for g in segs if g["statements"] and s.start < g["end"]]
            if covering:
                covering[-1]["statements"].append(s.id)
            continue
        if start > pos:
            segs.append({"text": text[pos:start], "statements": [], "end": start})
        segs.append(
            {"text": text[start:end], "statements": [s.id], "kind": str(s.kind), "end": end}
        )
        pos = end
    if pos < len(text):
        segs.append({"text": text[pos:], "statements": [], "end": len(text)})
    for g in segs:
        del g["end"]
    return segs


def document_context(dash: Dashboard, document_id: str) -> dict[str, Any]:
    try:
        doc = dash.store.get_document(document_id)
    except NotFoundError:
        raise PageNotFound(f"no document {document_id!r}") from None
    stmts = dash.store.statements(document_id=document_id, include_rejected=True)
    states = review_states(dash.store, [s.id for s in stmts if s.id is not None])
    shown = [s for s in stmts if states.get(s.id or -1) != "rejected"]
    segments = highlight_segments(doc.text, shown)
    pos = 0
    for seg in segments:  # offsets let a reviewer's selection name its span (static/review.js)
        seg["start"] = pos
        pos += len(seg["text"])
        if seg["statements"]:
            seg["state"] = states.get(seg["statements"][0], "extracted")
    return {
        "page": "document",
        "document": {
            "id": document_id,
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else None,
            "source": doc.source,
            "language": doc.language,
            "region": doc.region_id,
        },
        "statements": [_document_row(s, states.get(s.id or -1, "extracted")) for s in stmts],
        "segments": segments,
        "kinds": [k.value for k in StatementKind],
        "editable": list(EDITABLE),
    }


def _document_row(s: Statement, state: str) -> dict[str, Any]:
    data = s.to_dict()
    return {
        "id": s.id,
        "kind": str(s.kind),
        "quote": s.quote,
        "region": s.region_id,
        "state": state,
        "review": label(state),
        "checked_by_person": state in CHECKED_STATES,
        "fields": {name: data["region" if name == "region" else name] for name in EDITABLE},
    }


def describe(dash: Dashboard, source: str, vintage: str, note: str, kind: str) -> dict[str, Any]:
    """describe_observation, with a self-reported figure cited as its stored document."""
    doc_id = reported_document_id(vintage) if kind == "reported" else None
    cited = None
    if doc_id:
        try:
            doc = dash.store.get_document(doc_id)
        except NotFoundError:
            doc = None
        if doc is not None:
            published = doc.date.isoformat() if doc.date else None
            cited = cite_document(doc_id, doc.title, published, doc.source)
    return describe_observation(source, vintage, note, kind, document=cited)


# -- series page --------------------------------------------------------------------------
def series_context(dash: Dashboard, series_id: int, *, base_url: str = "") -> dict[str, Any]:
    try:
        series = dash.store.get_series(series_id)
    except NotFoundError:
        raise PageNotFound(f"no series {series_id}") from None
    rows = dash.store.series_points([series_id]).get(series_id, [])
    linked = [sid for sid, ln in dash.store.links().items() if ln.series_id == series_id]
    stmts = [s for s in dash.store.statements() if s.id in set(linked)]
    region = dash.store.catalog.region(series.region_id)
    titles = {d["id"]: d["title"] for d in dash.store.list_documents()} if stmts else {}
    observations = [
        {
            "period": r.period,
            "value": r.value,
            "vintage": r.vintage,
            "source": r.source,
            "kind": r.kind,
            "released": r.released.isoformat() if r.released else None,
            **describe(dash, r.source or "", r.vintage or "", r.note or "", r.kind),
        }
        for r in rows
    ]
    name = series_name(dash, series_id)
    today = date.today().isoformat()
    return {
        "page": "series",
        "title": name,
        "cite": cite_page(
            key=f"series-{series_id}",
            title=name,
            url=f"{base_url}/series/{series_id}",
            as_of=today,
            publishers=[o["citation"]["publisher"] for o in observations],
        ),
        "series": {
            "id": series_id,
            "key": series.key,
            "region": series.region_id,
            "region_name": region.name,
            "indicator": series.indicator_id,
            "indicator_name": indicator_name(dash, series.indicator_id),
            "unit": series.unit,
            "frequency": str(series.frequency),
            "frequency_name": FREQUENCY_WORDS.get(str(series.frequency), str(series.frequency)),
        },
        "chart": chart_spec(dash, series_id, as_of=None, title=name),
        "observations": observations,
        "statements": [
            {
                "id": s.id,
                "kind": str(s.kind),
                "quote": s.quote,  # as stored (a plan table's CSV row); pages show "words"
                "words": statement_words(s, titles.get(s.document_id), dash.store.catalog),
            }
            for s in stmts
        ],
    }


# -- search -------------------------------------------------------------------------------


def search_context(dash: Dashboard, q: str | None = None) -> dict[str, Any]:
    """Ranked results over regions, series, statements and documents (see ontrack.search)."""
    query = (q or "").strip()
    grouped: dict[str, list[dict[str, Any]]] = {
        "regions": [],
        "series": [],
        "statements": [],
        "documents": [],
    }
    results: list[dict[str, Any]] = []
    if query:
        # one query for the candidates (ontrack.searchindex), whatever the store's size
        names = {r.id: r.name for r in dash.store.catalog.regions()}
        for r in search(dash.store, query, limit=None):
            group = grouped[r["kind"] + ("s" if r["kind"] != "series" else "")]
            if len(group) >= SEARCH_LIMIT:  # each kind keeps its best SEARCH_LIMIT
                continue
            r["region_name"] = names.get(r["region"] or "", r["region"])
            if r["kind"] == "statement":
                r["quote"] = r["title"]
            group.append(r)
            results.append(r)
    return {"page": "search", "q": q or "", "results": results, **grouped}


__all__ = [
    "BadParameter",
    "Dashboard",
    "PageNotFound",
    "document_context",
    "highlight_segments",
    "home_context",
    "parse_as_of",
    "quote_context",
    "region_context",
    "describe",
    "search_context",
    "series_context",
    "statement_context",
]
