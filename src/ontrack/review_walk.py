"""The terminal walk of `ontrack review`: one statement at a time, one key per decision.

The walk talks to the terminal only through three callables (read a key, read a line, show
text), so its key handling runs the same under a test as at a keyboard. Every decision goes
through ontrack.review, validated exactly as `ontrack statement ...` is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import review
from .errors import OntrackError
from .model import Document, Statement
from .store import Store

KEYS = "c confirm · e edit a field · r reject · s skip · q quit · ? help"
CONTEXT_CHARS = 160
FIELD_ORDER = ("kind", "indicator", "indicator_id", "region", "value", "unit", "comparator",
               "period", "baseline_value", "baseline_period", "value_type")  # fmt: skip


@dataclass
class Terminal:
    """How the walk reads and writes: a key, a line after a prompt, text to show."""

    key: Callable[[], str]
    line: Callable[[str], str]
    show: Callable[[str], None]


@dataclass
class WalkSummary:
    total: int
    confirmed: list[int] = field(default_factory=list)
    corrected: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    quit: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "confirmed": self.confirmed,
            "corrected": self.corrected,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "quit": self.quit,
        }

    def line(self) -> str:
        left = self.total - len(self.confirmed + self.corrected + self.rejected)
        return (
            f"{len(self.confirmed)} confirmed, {len(self.corrected)} corrected, "
            f"{len(self.rejected)} rejected, {len(self.skipped)} skipped; "
            f"{left} still unreviewed"
        )


def in_context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The quote inside its surrounding text, marked »like this«, on one line."""
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    before = ("…" if lo else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return " ".join(f"{before}»{text[start:end]}«{after}".split())


def card(stmt: Statement, doc: Document, position: int, total: int) -> str:
    """What the walk shows for one statement."""
    data = stmt.to_dict()
    head = f"[{position}/{total}] statement {stmt.id} · {stmt.kind} · {doc.title or doc.id}"
    lines = [head, "", in_context(doc.text, stmt.start, stmt.end), ""]
    for name in FIELD_ORDER:
        value = data["region" if name == "region" else name]
        if value is not None and value != "":
            lines.append(f"  {name:<16}{value}")
    lines += ["", KEYS]
    return "\n".join(lines)


def _edits(term: Terminal) -> dict[str, str]:
    term.show("FIELD=VALUE, one per line (fields: " + ", ".join(FIELD_ORDER) + "); empty ends")
    out: dict[str, str] = {}
    while True:
        entry = term.line("set> ").strip()
        if not entry:
            return out
        out.update(review.parse_assignments([entry]))


def walk(
    store: Store, statements: Sequence[Statement], term: Terminal, *, by: str | None = None
) -> WalkSummary:
    """Ask for a decision on each statement; a refused one (bad value, ...) is asked again."""
    summary = WalkSummary(total=len(statements))
    docs: dict[str, Document] = {}
    who = review.reviewer(by)
    i = 0
    while i < len(statements):
        stmt = statements[i]
        sid = stmt.id or 0
        key_doc = stmt.document_id or ""
        doc = docs.setdefault(key_doc, store.get_document(key_doc))
        term.show(card(stmt, doc, i + 1, len(statements)))
        try:
            key = term.key().strip().lower()[:1]
        except (KeyboardInterrupt, EOFError):  # Ctrl+C or a closed input: stop, keep what is done
            key = "q"
        try:
            if key == "c":
                review.confirm(store, sid, by=who)
                summary.confirmed.append(sid)
                term.show(f"statement {sid} confirmed")
            elif key == "e":
                changes = _edits(term)
                if not changes:
                    term.show("no field given; nothing changed")
                    continue
                reason = term.line("reason> ")
                after = review.edit(store, sid, changes, reason=reason, by=who)
                summary.corrected.append(sid)
                term.show(f"statement {sid} corrected: {_changed(after)}")
            elif key == "r":
                reason = term.line("reason> ")
                review.reject(store, sid, reason=reason, by=who)
                summary.rejected.append(sid)
                term.show(f"statement {sid} rejected")
            elif key == "s":
                summary.skipped.append(sid)
            elif key == "q":
                summary.quit = True
                break
            else:
                term.show(f"keys: {KEYS}")
                continue
        except OntrackError as exc:
            term.show(f"error: {exc}")
            continue
        except (KeyboardInterrupt, EOFError):  # while typing a field or a reason
            summary.quit = True
            break
        i += 1
    term.show(summary.line())
    return summary


def _changed(shown: dict[str, object]) -> str:
    history = shown.get("history")
    entries = history if isinstance(history, list) else []
    last = max((h["version"] for h in entries), default=0)
    return ", ".join(
        f"{h['field']} {h['old']!r} -> {h['new']!r}"
        for h in entries
        if h["version"] == last and h["field"] != "state"
    )


__all__ = ["KEYS", "Terminal", "WalkSummary", "card", "in_context", "walk"]
