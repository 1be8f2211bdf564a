"""The search index: a term table the database answers, kept in step with every write.

`search_records` holds one row per searchable thing (region, series, statement, document)
with the weighted fields `ontrack.search` ranks; `search_terms` maps each term of those
fields to its record: every Latin word and its stem, and every Chinese character and
character pair (a Chinese query term is matched as a substring, and any substring of two
or more characters starts with a pair). A search asks the database, in one statement, for
the records holding a query term, its stem or a word it begins (a range on the term
column's B-tree index), and ranks only those candidates in Python with the same scoring
as before, so results do not depend on whether the index was used.

Every write that changes what a record shows calls `reindex` in its own transaction:
saving and removing documents, review edits, links, ingest of new series and catalog
files. `INDEX_VERSION` and a fingerprint of the built-in catalog are kept in
`search_meta`; when they differ (a newer ontrack) the index is rebuilt on the next open or
search.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .catalog import Catalog, default_catalog
from .search import _CJK, MIN_PREFIX, Record, query_terms, stem
from .tables import (
    chunks,
    documents_t,
    indicator_from_db,
    indicators_t,
    links_t,
    region_from_db,
    regions_t,
    series_t,
    statement_from_db,
    statements_t,
)

INDEX_VERSION = "1"
TERM_CHARS = 64  # longer words are indexed by their beginning; ranking checks the whole

metadata = sa.MetaData()
records_t = sa.Table(
    "search_records",
    metadata,
    sa.Column("key", sa.String, primary_key=True),  # "series:12"
    sa.Column("kind", sa.String),
    sa.Column("ref", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("snippet", sa.Text),
    sa.Column("region_id", sa.String),
    sa.Column("fields", sa.Text),  # JSON [[text, weight], ...]
)
terms_t = sa.Table(
    "search_terms",
    metadata,
    sa.Column("term", sa.String, primary_key=True),
    sa.Column("record", sa.String, primary_key=True),
)
meta_t = sa.Table(
    "search_meta",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.Text),
)
ALL = None  # reindex every record of a kind


def store_catalog(conn: Connection) -> Catalog:
    """The built-in catalog plus the regions and indicators stored, as `conn` sees them."""
    cat = default_catalog()
    for row in conn.execute(sa.select(regions_t).where(regions_t.c.origin != "builtin")):
        cat.add_region(region_from_db(row))
    for row in conn.execute(sa.select(indicators_t).where(indicators_t.c.origin != "builtin")):
        cat.add_indicator(indicator_from_db(row))
    return cat


class _Words:
    def __init__(self, cat: Catalog) -> None:
        self.catalog = cat
        self.regions = {
            r.id: " ; ".join([r.name, r.name_zh, r.id, *r.aliases]) for r in cat.regions()
        }
        self.region_names = {r.id: r.name for r in cat.regions()}
        self.indicators = {i.id: (i.name, " ; ".join([i.id, *i.aliases])) for i in cat.indicators()}


def _where_in(column: Any, ids: list[Any] | None) -> Iterable[Any]:
    """Conditions selecting `ids` of `column` in chunks (one `true` for every row)."""
    if ids is None:
        yield sa.true()
        return
    for part in chunks(sorted(set(ids)), 500):
        yield column.in_(part)


def _series(conn: Connection, w: _Words, ids: list[int] | None) -> list[Record]:
    out = []
    for cond in _where_in(series_t.c.id, ids):
        for s in conn.execute(sa.select(series_t).where(cond).order_by(series_t.c.id)):
            ind_name, ind_alias = w.indicators.get(s.indicator_id, (s.indicator_id, s.indicator_id))
            out.append(
                Record(
                    "series",
                    s.id,
                    f"{ind_name}, {w.region_names.get(s.region_id, s.region_id)}",
                    region=s.region_id,
                    fields=[
                        (ind_name, 2.0),
                        (ind_alias, 1.5),
                        (w.regions.get(s.region_id, ""), 1.0),
                    ],
                )
            )
    return out


def _accepted() -> Any:
    return sa.or_(statements_t.c.review_state.is_(None), statements_t.c.review_state != "rejected")


def _statements(conn: Connection, w: _Words, ids: list[int] | None) -> list[Record]:
    from .assess.wording import statement_words

    out = []
    for cond in _where_in(statements_t.c.id, ids):
        q = (
            sa.select(
                statements_t,
                series_t.c.indicator_id.label("linked_indicator"),
                documents_t.c.title.label("document_title"),
            )
            .outerjoin(links_t, links_t.c.statement_id == statements_t.c.id)
            .outerjoin(series_t, series_t.c.id == links_t.c.series_id)
            .outerjoin(documents_t, documents_t.c.id == statements_t.c.document_id)
            .where(cond, _accepted())
            .order_by(statements_t.c.document_id, statements_t.c.start_offset)
        )
        for row in conn.execute(q):
            st = statement_from_db(row)
            ind = w.indicators.get(row.linked_indicator) if row.linked_indicator else None
            words = statement_words(st, row.document_title, w.catalog)  # plan rows in words
            fields = [(words, 2.0), (st.indicator or "", 1.5)]
            if ind:
                fields += [(ind[0], 1.5), (ind[1], 1.0)]
            if st.region_id:
                fields.append((w.regions.get(st.region_id, st.region_id), 1.0))
            out.append(
                Record(
                    "statement",
                    st.id,
                    words,
                    snippet=str(st.kind),
                    region=st.region_id,
                    fields=fields,
                )
            )
    return out


def _documents(conn: Connection, w: _Words, ids: list[str] | None) -> list[Record]:
    d = documents_t
    out = []
    for cond in _where_in(d.c.id, ids):
        q = sa.select(d.c.id, d.c.title, d.c.date, d.c.source, d.c.region_id).where(cond)
        for row in conn.execute(q.order_by(d.c.date, d.c.id)):
            fields = [(row.title or "", 2.0), (row.source or "", 1.0)]
            if row.region_id:
                fields.append((w.regions.get(row.region_id, ""), 1.0))
            out.append(
                Record(
                    "document",
                    row.id,
                    row.title or row.id,
                    snippet=str(row.date or ""),
                    region=row.region_id,
                    fields=fields,
                )
            )
    return out


def _regions(conn: Connection, w: _Words, ids: list[str] | None) -> list[Record]:
    """Regions that some series or accepted statement refers to."""
    used: set[str] = set()
    for cond in _where_in(series_t.c.region_id, ids):
        used |= {r[0] for r in conn.execute(sa.select(series_t.c.region_id).where(cond).distinct())}
    for cond in _where_in(statements_t.c.region_id, ids):
        q = sa.select(statements_t.c.region_id).where(cond, _accepted()).distinct()
        used |= {r[0] for r in conn.execute(q) if r[0]}
    return [
        Record("region", rid, w.region_names[rid], fields=[(w.regions[rid], 2.0)])
        for rid in sorted(used)
        if rid in w.regions
    ]


def build_records(conn: Connection, cat: Catalog | None = None) -> list[Record]:
    """Every searchable record, in the order search has always listed them."""
    w = _Words(cat or store_catalog(conn))
    out = _regions(conn, w, ALL) + _series(conn, w, ALL)
    out += _statements(conn, w, ALL) + _documents(conn, w, ALL)
    for r in out:
        r.prepare()
    return out


def _key(kind: str, ref: Any) -> str:
    return f"{kind}:{ref}"


def record_terms(record: Record) -> set[str]:
    """The index terms of a record: its words, their stems, Chinese characters and pairs."""
    out: set[str] = set()
    for words, stems, _weight, low in record._words:
        out |= {t[:TERM_CHARS] for t in words | stems}
        for run in _CJK.findall(low):
            out |= set(run) | {run[i : i + 2] for i in range(len(run) - 1)}
    return out


def _write(conn: Connection, items: list[Record]) -> None:
    rows, terms = [], []
    for r in items:
        r.prepare()
        key = _key(r.kind, r.id)
        rows.append(
            {
                "key": key,
                "kind": r.kind,
                "ref": str(r.id),
                "title": r.title,
                "snippet": r.snippet,
                "region_id": r.region,
                "fields": json.dumps(r.fields, ensure_ascii=False),
            }
        )
        terms += [{"term": t, "record": key} for t in record_terms(r)]
    for part in chunks(rows, 5_000):
        conn.execute(records_t.insert(), part)
    for part in chunks(terms, 50_000):
        conn.execute(terms_t.insert(), part)


def _drop(conn: Connection, keys: list[str]) -> None:
    for part in chunks(sorted(set(keys)), 500):
        conn.execute(terms_t.delete().where(terms_t.c.record.in_(part)))
        conn.execute(records_t.delete().where(records_t.c.key.in_(part)))


def reindex(
    conn: Connection,
    *,
    regions: Iterable[str | None] = (),
    series: Iterable[int] = (),
    statements: Iterable[int] = (),
    documents: Iterable[str] = (),
) -> None:
    """Bring the index records of these things up to date (dropping those that are gone),
    in the caller's transaction."""
    wanted: dict[str, list[Any]] = {
        "region": [r for r in regions if r],
        "series": list(series),
        "statement": list(statements),
        "document": list(documents),
    }
    if not any(wanted.values()):
        return
    w = _Words(store_catalog(conn))
    _drop(conn, [_key(kind, ref) for kind, refs in wanted.items() for ref in refs])
    items: list[Record] = []
    if wanted["region"]:
        items += _regions(conn, w, wanted["region"])
    if wanted["series"]:
        items += _series(conn, w, wanted["series"])
    if wanted["statement"]:
        items += _statements(conn, w, wanted["statement"])
    if wanted["document"]:
        items += _documents(conn, w, wanted["document"])
    _write(conn, items)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The index format and the built-in catalog's words: a change means a rebuild."""
    w = _Words(default_catalog())
    text = json.dumps([INDEX_VERSION, sorted(w.regions.items()), sorted(w.indicators.items())])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rebuild(conn: Connection) -> int:
    """Index everything again (after a catalog file, or a newer ontrack); return records."""
    conn.execute(terms_t.delete())
    conn.execute(records_t.delete())
    items = build_records(conn)
    _write(conn, items)
    conn.execute(meta_t.delete().where(meta_t.c.key == "version"))
    conn.execute(meta_t.insert().values(key="version", value=fingerprint()))
    return len(items)


def is_current(conn: Connection) -> bool:
    try:
        row = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "version")).first()
    except sa.exc.DatabaseError:  # a store from before the index (read-only, not migrated)
        return False
    return row is not None and row[0] == fingerprint()


def _next(term: str) -> str:
    return term[:-1] + chr(ord(term[-1]) + 1)


def candidates(conn: Connection, query: str) -> list[Record]:
    """The records holding a term of `query` (or its stem, or a word it begins), in one
    SQL statement; a superset of what matches, which `search.rank` scores exactly."""
    terms = query_terms(query)
    keys: set[str] = set()
    ranges = []
    for term in terms:
        if _CJK.fullmatch(term):
            keys.add(term[:2])
            continue
        keys |= {term[:TERM_CHARS], stem(term)[:TERM_CHARS]}
        if len(term) >= MIN_PREFIX:
            start = term[:TERM_CHARS]
            ranges.append(sa.and_(terms_t.c.term >= start, terms_t.c.term < _next(start)))
    if not keys:
        return []
    hits = sa.select(terms_t.c.record).where(sa.or_(terms_t.c.term.in_(sorted(keys)), *ranges))
    q = sa.select(records_t).where(records_t.c.key.in_(hits))
    out = []
    for row in conn.execute(q):
        ref: Any = int(row.ref) if row.kind in ("series", "statement") else row.ref
        fields = [(text, float(weight)) for text, weight in json.loads(row.fields)]
        rec = Record(row.kind, ref, row.title, row.snippet, row.region_id, fields)
        rec.prepare()
        out.append(rec)
    return out


__all__ = ["build_records", "candidates", "is_current", "rebuild", "reindex"]
