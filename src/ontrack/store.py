"""Store: the one central object. Everything ontrack knows lives behind it.

SQLAlchemy 2 Core over SQLite (default, a file) or any SQLAlchemy URL (PostgreSQL).
The schema is versioned with Alembic and migrated on open. Every write is one
transaction, so a failed or killed write leaves the store exactly as it was.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .catalog import Catalog, Link, SeriesCandidate, default_catalog
from .errors import NotFoundError, StoreError, ValidationError
from .model import Document, Indicator, Observation, Region, Series, Statement
from .searchindex import rebuild as rebuild_search_index
from .searchindex import reindex
from .tables import (
    assessments_t,
    chunks,
    document_from_db,
    documents_t,
    indicator_from_db,
    indicator_row,
    indicators_t,
    ingests_t,
    links_t,
    observation_from_db,
    observations_t,
    region_from_db,
    region_ids,
    region_row,
    regions_t,
    series_from_db,
    series_t,
    statement_from_db,
    statement_row,
    statements_t,
)

DEFAULT_DB = "ontrack.db"
WRITE_LOCK_KEY = 0x6F6E747261636B  # "ontrack": the PostgreSQL advisory lock of writers
MAX_ID = 2**63 - 1  # the largest integer id a database column holds
MAX_ROW_ERRORS = 20  # shown per rejected file; the rest are counted


@dataclass
class IngestSummary:
    """What one ingested file changed."""

    path: str
    rows_read: int = 0
    observations_added: int = 0
    vintages_added: int = 0  # observations that revise an already stored period
    series_added: int = 0
    unchanged: int = 0
    regions_added: list[str] = field(default_factory=list)
    indicators_added: list[str] = field(default_factory=list)
    rows_skipped: int = 0  # rows with no value (missing data)
    ingest_id: int | None = None  # the ingest log row, when anything was stored

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SeriesInfo:
    """A series with what a listing shows about it."""

    series: Series
    region_name: str
    indicator_name: str
    observations: int
    first_period: str | None
    last_period: str | None
    last_value: float | None

    def to_dict(self) -> dict[str, Any]:
        s = self.series
        return {
            "id": s.id,
            "key": s.key,
            "region": s.region_id,
            "region_name": self.region_name,
            "indicator": s.indicator_id,
            "indicator_name": self.indicator_name,
            "unit": s.unit,
            "frequency": str(s.frequency),
            "observations": self.observations,
            "first_period": self.first_period,
            "last_period": self.last_period,
            "last_value": self.last_value,
        }


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """`--db PATH|URL`, else $ONTRACK_DB, else ./ontrack.db; a plain path means SQLite."""
    target = os.fspath(db) if db is not None else os.environ.get("ONTRACK_DB") or DEFAULT_DB
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


class Store:
    """Documents, statements, catalog, series and observations, in one database."""

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        *,
        migrate: bool = True,
        create: bool = True,
    ) -> None:
        """Open (and with `create`, make) a store; `create=False` refuses a missing one."""
        from .storeopen import connect_target, sqlite_on_connect

        self.url = resolve_url(db)
        connect_url, self.read_only = connect_target(self.url, create=create)
        try:
            self.engine: Engine = sa.create_engine(connect_url, future=True)
        except (sa.exc.ArgumentError, ModuleNotFoundError) as exc:
            raise StoreError(
                f"cannot use database {self.url!r}: {exc}. Give a file path or a URL such as "
                "postgresql+psycopg://user@host/db (with its driver installed)."
            ) from None
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:" and not self.read_only:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        if self.is_sqlite:
            sa.event.listen(self.engine, "connect", sqlite_on_connect(self.read_only))
        self._catalog: Catalog | None = None
        self._search_index_ok = False  # checked once per Store by search.search
        if migrate:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- schema --------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision and seed the built-in catalog."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script_location = str(resources.files("ontrack") / "migrations")
        cfg = Config()
        cfg.set_main_option("script_location", script_location)
        head = ScriptDirectory.from_config(cfg).get_current_head()
        try:
            with self.engine.begin() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                if current != head and self.read_only:
                    raise StoreError(
                        f"the store at {self.url} is read-only and needs a schema upgrade; "
                        "open it once where it is writable"
                    )
                if current != head:
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                # Cheap, and brings regions or indicators added to a newer ontrack.
                if not self.read_only:
                    self._seed_catalog(conn)
                if current != head:
                    from .searchindex import is_current, rebuild

                    if not is_current(conn):
                        rebuild(conn)
        except sa.exc.OperationalError as exc:
            raise StoreError(
                f"cannot open the store at {self.url}: {exc.orig}. Check the path or URL and "
                "that the database server is running."
            ) from None
        except sa.exc.DatabaseError as exc:
            raise StoreError(
                f"{self.url} is not an ontrack database ({exc.orig}). Use another --db path."
            ) from None

    def _seed_catalog(self, conn: Connection) -> None:
        cat = default_catalog()
        have = {r[0] for r in conn.execute(sa.select(regions_t.c.id))}
        rows = [region_row(r, "builtin") for r in cat.regions() if r.id not in have]
        if rows:
            conn.execute(regions_t.insert(), rows)
        have = {r[0] for r in conn.execute(sa.select(indicators_t.c.id))}
        rows = [indicator_row(i, "builtin") for i in cat.indicators() if i.id not in have]
        if rows:
            conn.execute(indicators_t.insert(), rows)

    # -- catalog -------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        """The built-in catalog plus every region and indicator stored here."""
        if self._catalog is None:
            cat = default_catalog()
            with self.engine.connect() as conn:
                for row in conn.execute(
                    sa.select(regions_t).where(regions_t.c.origin != "builtin")
                ):
                    cat.add_region(region_from_db(row))
                for row in conn.execute(
                    sa.select(indicators_t).where(indicators_t.c.origin != "builtin")
                ):
                    cat.add_indicator(indicator_from_db(row))
            self._catalog = cat
        return self._catalog

    def add_catalog_file(self, path: str | Path) -> tuple[int, int]:
        """Add the regions and indicators of a TOML/CSV file; return (regions, indicators)."""
        extra = Catalog()
        counts = extra.load_file(path)
        merged = self.catalog.copy()
        for region in extra.regions():
            merged.add_region(region, strict=True)  # raises on a name clash, before writing
        with self.engine.begin() as conn:
            self._lock_writes(conn)
            self._upsert_regions(conn, extra.regions(), "user")
            self._upsert_indicators(conn, extra.indicators(), "user")
            rebuild_search_index(conn)  # names and aliases show in many records
        self._catalog = None
        return counts

    def _lock_writes(self, conn: Connection) -> None:
        """Writers take turns: on PostgreSQL a transaction-scoped advisory lock (two ingests
        adding the same indicator would otherwise both insert it); SQLite's write lock is
        taken by the transaction's first write and waited for (busy timeout)."""
        if self.engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})

    def _upsert_regions(self, conn: Connection, regions: Iterable[Region], origin: str) -> None:
        self._upsert(conn, regions_t, [region_row(r, origin) for r in regions])

    def _upsert_indicators(
        self, conn: Connection, indicators: Iterable[Indicator], origin: str
    ) -> None:
        self._upsert(conn, indicators_t, [indicator_row(i, origin) for i in indicators])

    @staticmethod
    def _upsert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Update by id, insert when absent (portable: no dialect-specific upsert)."""
        for row in rows:
            done = conn.execute(table.update().where(table.c.id == row["id"]).values(**row))
            if not done.rowcount:
                conn.execute(table.insert().values(**row))

    # -- ingest --------------------------------------------------------------------------
    def ingest(
        self,
        path: str | Path,
        *,
        add_regions: bool = False,
        units: dict[str, str] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        mapping: Any = None,
    ) -> IngestSummary:
        """Read, validate and store one data file atomically (see ontrack.ingest);
        `mapping` (a TOML path or ingest.Mapping) maps a message's dimensions and codes."""
        from .ingest import ingest_file

        return ingest_file(
            self,
            Path(path),
            add_regions=add_regions,
            units=units,
            progress=progress,
            mapping=mapping,
        )

    def write_observations(
        self,
        frame: pl.DataFrame,
        *,
        path: str,
        checksum: str,
        fmt: str,
        new_regions: Sequence[Region] = (),
        new_indicators: Sequence[Indicator] = (),
        progress: Callable[[str, int, int], None] | None = None,
        provenance: Any = None,
    ) -> IngestSummary:
        """Store validated observations in one transaction, keeping every vintage.

        `provenance` (a mapping with the columns of the fetches table) records where a
        fetched answer came from, in the same transaction as its observations.

        `frame` columns: region_id, indicator_id, frequency, unit, period, period_start,
        period_end, value, vintage (null = automatic), source, note, line.
        A value equal to the latest stored one for its period changes nothing; a different
        value is added as a new vintage; a different value for an existing explicit vintage
        is a conflict and rejects the file.
        """
        from .ingest.vintages import plan_writes

        summary = IngestSummary(path=path, rows_read=frame.height)
        summary.regions_added = [r.id for r in new_regions]
        summary.indicators_added = [i.id for i in new_indicators]
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            self._lock_writes(conn)
            if new_regions:
                self._upsert_regions(conn, new_regions, "ingest")
            if new_indicators:
                self._upsert_indicators(conn, new_indicators, "ingest")
            ingest_id: int = conn.execute(
                ingests_t.insert().values(
                    path=path, checksum=checksum, format=fmt, created_at=now, rows_read=frame.height
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            series_ids, series_units, added = self._ensure_series(conn, frame)
            summary.series_added = len(added)
            if added:
                reindex(conn, series=added, regions={k[0] for k in series_ids})
            existing = self._existing_observations(conn, series_ids)
            auto_vintage = f"{now:%Y-%m-%dT%H:%M:%SZ}#{ingest_id}"
            plan = plan_writes(frame, series_ids, series_units, existing, auto_vintage, path)
            if plan.errors:
                raise ValidationError(path, plan.errors[:MAX_ROW_ERRORS], len(plan.errors))
            rows = plan.rows.with_columns(
                pl.lit(ingest_id).alias("ingest_id"), pl.lit("official").alias("kind")
            )
            self._bulk_insert_observations(conn, rows, progress)
            summary.observations_added = rows.height
            summary.vintages_added = plan.revisions
            summary.unchanged = plan.unchanged
            if not (rows.height or summary.series_added or new_regions or new_indicators):
                # Nothing new: leave no trace, so an identical re-ingest changes nothing.
                conn.execute(ingests_t.delete().where(ingests_t.c.id == ingest_id))
                return summary
            conn.execute(
                ingests_t.update()
                .where(ingests_t.c.id == ingest_id)
                .values(
                    observations_added=summary.observations_added,
                    vintages_added=summary.vintages_added,
                    series_added=summary.series_added,
                )
            )
            if provenance:
                from .tables import fetches_t

                conn.execute(fetches_t.insert().values(ingest_id=ingest_id, **provenance))
            summary.ingest_id = ingest_id
        if new_regions or new_indicators:
            self._catalog = None
        return summary

    def _ensure_series(
        self, conn: Connection, frame: pl.DataFrame
    ) -> tuple[dict[tuple[str, str, str], int], dict[int, str], list[int]]:
        keys = frame.select("region_id", "indicator_id", "frequency", "unit").unique(
            subset=["region_id", "indicator_id", "frequency"], keep="first", maintain_order=True
        )
        wanted = {(r, i, f): u for r, i, f, u in keys.iter_rows()}
        ids: dict[tuple[str, str, str], int] = {}
        units: dict[int, str] = {}
        indicator_ids = sorted({k[1] for k in wanted})
        for chunk in chunks(indicator_ids, 500):
            for row in conn.execute(sa.select(series_t).where(series_t.c.indicator_id.in_(chunk))):
                key = (row.region_id, row.indicator_id, row.frequency)
                if key in wanted:
                    ids[key] = row.id
                    units[row.id] = row.unit
        missing = [
            {"region_id": k[0], "indicator_id": k[1], "frequency": k[2], "unit": u}
            for k, u in wanted.items()
            if k not in ids
        ]
        if missing:
            conn.execute(series_t.insert(), missing)
            for chunk in chunks(indicator_ids, 500):
                for row in conn.execute(
                    sa.select(series_t).where(series_t.c.indicator_id.in_(chunk))
                ):
                    key = (row.region_id, row.indicator_id, row.frequency)
                    if key in wanted and key not in ids:
                        ids[key] = row.id
                        units[row.id] = row.unit
        new = {(m["region_id"], m["indicator_id"], m["frequency"]) for m in missing}
        return ids, units, [i for k, i in ids.items() if k in new]

    def _existing_observations(
        self, conn: Connection, series_ids: dict[tuple[str, str, str], int]
    ) -> pl.DataFrame:
        """Stored official observations of the given series (all vintages)."""
        cols = ["series_id", "period", "vintage", "value", "id"]
        parts = []
        for chunk in chunks(sorted(series_ids.values()), 500):
            q = sa.select(*(observations_t.c[c] for c in cols)).where(
                observations_t.c.series_id.in_(chunk), observations_t.c.kind == "official"
            )
            data = conn.execute(q).all()
            if data:
                parts.append(pl.DataFrame(data, schema=cols, orient="row"))
        if not parts:
            return pl.DataFrame(
                schema={
                    "series_id": pl.Int64,
                    "period": pl.String,
                    "vintage": pl.String,
                    "value": pl.Float64,
                    "id": pl.Int64,
                }
            )
        return pl.concat(parts)

    def _bulk_insert_observations(
        self,
        conn: Connection,
        rows: pl.DataFrame,
        progress: Callable[[str, int, int], None] | None,
    ) -> None:
        cols = [
            "series_id",
            "period",
            "period_start",
            "period_end",
            "value",
            "vintage",
            "source",
            "note",
            "kind",
            "ingest_id",
            "released",
        ]
        total = rows.height
        batch = 50_000
        if self.is_sqlite:
            # The DBAPI's executemany on tuples is several times faster than dicts through
            # SQLAlchemy; this loop is where large ingests spend their time.
            sql = (
                f"INSERT INTO observations ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' for _ in cols)})"
            )
            raw = conn.connection.driver_connection
            assert raw is not None
            cursor = raw.cursor()
            frame = rows.select(
                *cols[:2],
                pl.col("period_start").cast(pl.String),
                pl.col("period_end").cast(pl.String),
                *cols[4:-1],
                pl.col("released").cast(pl.String),
            )
            for offset in range(0, total, batch):
                cursor.executemany(sql, frame.slice(offset, batch).iter_rows())
                if progress:
                    progress("write", min(offset + batch, total), total)
            cursor.close()
            return
        for offset in range(0, total, batch):
            conn.execute(observations_t.insert(), rows.slice(offset, batch).select(cols).to_dicts())
            if progress:
                progress("write", min(offset + batch, total), total)

    # -- series --------------------------------------------------------------------------
    def _series_filter(self, q: Any, region: str | None, indicator: str | None) -> Any:
        if region:
            q = q.where(series_t.c.region_id == self.catalog.region(region).id)
        if indicator:
            found = self.catalog.find_indicator(indicator)
            q = q.where(series_t.c.indicator_id == (found.id if found else indicator))
        return q

    def count_series(self, *, region: str | None = None, indicator: str | None = None) -> int:
        """How many series `list_series` with the same filters lists in all."""
        q = self._series_filter(sa.select(sa.func.count()).select_from(series_t), region, indicator)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def list_series(
        self,
        *,
        region: str | None = None,
        indicator: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SeriesInfo]:
        """Series, optionally for one region and/or indicator (names and aliases accepted);
        `limit` and `offset` give one page of them, in the same order."""
        q = (
            sa.select(
                series_t,
                regions_t.c.name.label("region_name"),
                indicators_t.c.name.label("indicator_name"),
            )
            .join(regions_t, regions_t.c.id == series_t.c.region_id)
            .join(indicators_t, indicators_t.c.id == series_t.c.indicator_id)
            .order_by(
                series_t.c.region_id, series_t.c.indicator_id, series_t.c.frequency, series_t.c.id
            )
        )
        q = self._series_filter(q, region, indicator)
        paged = limit is not None or offset > 0
        if paged:
            q = q.limit(limit).offset(offset)
        stats = (
            sa.select(
                observations_t.c.series_id,
                sa.func.count(sa.distinct(observations_t.c.period)).label("n"),
                sa.func.min(observations_t.c.period_start).label("first"),
                sa.func.max(observations_t.c.period_end).label("last"),
            )
            .where(observations_t.c.kind == "official")
            .group_by(observations_t.c.series_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            if paged:  # statistics for this page's series only
                stats = stats.where(observations_t.c.series_id.in_([r.id for r in rows]))
            counts = {r.series_id: r for r in conn.execute(stats)}
            out = []
            for row in rows:
                series = series_from_db(row)
                obs = self._latest(conn, series.id) if row.id in counts else []
                out.append(
                    SeriesInfo(
                        series=series,
                        region_name=row.region_name,
                        indicator_name=row.indicator_name,
                        observations=counts[row.id].n if row.id in counts else 0,
                        first_period=obs[0].period if obs else None,
                        last_period=obs[-1].period if obs else None,
                        last_value=obs[-1].value if obs else None,
                    )
                )
        return out

    def series_by_id(self) -> dict[int, Series]:
        """Every series, by id (one query; no statistics, unlike list_series)."""
        with self.engine.connect() as conn:
            return {row.id: series_from_db(row) for row in conn.execute(sa.select(series_t))}

    def get_series(self, series_id: int) -> Series:
        if not 0 < series_id <= MAX_ID:  # a database integer cannot hold it: no such id
            raise NotFoundError(f"no series with id {series_id}; `ontrack series list` shows them")
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(series_t).where(series_t.c.id == series_id)).first()
        if row is None:
            raise NotFoundError(f"no series with id {series_id}; `ontrack series list` shows them")
        return series_from_db(row)

    def observations(
        self, series_id: int, *, all_vintages: bool = False, kind: str | None = "official"
    ) -> list[Observation]:
        """A series' observations in period order: the latest vintage of each period,
        or every vintage (oldest first within a period) with `all_vintages`."""
        self.get_series(series_id)
        with self.engine.connect() as conn:
            if not all_vintages:
                return self._latest(conn, series_id, kind)
            q = sa.select(observations_t).where(observations_t.c.series_id == series_id)
            if kind:
                q = q.where(observations_t.c.kind == kind)
            q = q.order_by(
                observations_t.c.period_end, observations_t.c.period_start, observations_t.c.id
            )
            return [observation_from_db(r) for r in conn.execute(q)]

    def _latest(
        self, conn: Connection, series_id: int | None, kind: str | None = "official"
    ) -> list[Observation]:
        o = observations_t
        newest = sa.select(sa.func.max(o.c.id)).where(o.c.series_id == series_id)
        if kind:
            newest = newest.where(o.c.kind == kind)
        newest = newest.group_by(o.c.period)
        q = sa.select(o).where(o.c.id.in_(newest)).order_by(o.c.period_end, o.c.period_start)
        return [observation_from_db(r) for r in conn.execute(q)]

    def counts(self) -> dict[str, int]:
        """How many rows each kind of thing has (for status lines and the demo)."""
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for name, t in [
                    ("documents", documents_t),
                    ("statements", statements_t),
                    ("series", series_t),
                    ("observations", observations_t),
                    ("ingests", ingests_t),
                ]
            }

    # -- links -------------------------------------------------------------------------------
    def link_candidates(self) -> list[SeriesCandidate]:
        """Every series with its indicator and the periods it has official data for."""
        cat = self.catalog
        with self.engine.connect() as conn:
            periods: dict[int, set[str]] = {}
            q = (
                sa.select(observations_t.c.series_id, observations_t.c.period)
                .where(observations_t.c.kind == "official")
                .distinct()
            )
            for sid, period in conn.execute(q):
                periods.setdefault(sid, set()).add(period)
            out = []
            for row in conn.execute(sa.select(series_t)):
                ind = cat.find_indicator(row.indicator_id) or Indicator(
                    row.indicator_id, row.indicator_id
                )
                out.append(
                    SeriesCandidate(
                        row.id,
                        row.region_id,
                        ind,
                        row.frequency,
                        row.unit,
                        frozenset(periods.get(row.id, ())),
                    )
                )
        return out

    def links(self) -> dict[int, Link]:
        with self.engine.connect() as conn:
            return {
                r.statement_id: Link(r.series_id, r.score, r.method, r.reason)
                for r in conn.execute(sa.select(links_t))
            }

    def save_links(self, links: dict[int, Link]) -> int:
        """Store automatic links; a manual link is never replaced by an automatic one."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            self._lock_writes(conn)
            manual = {
                r[0]
                for r in conn.execute(
                    sa.select(links_t.c.statement_id).where(links_t.c.method == "manual")
                )
            }
            todo = {k: v for k, v in links.items() if k not in manual or v.method == "manual"}
            if todo:
                conn.execute(links_t.delete().where(links_t.c.statement_id.in_(list(todo))))
                conn.execute(
                    links_t.insert(),
                    [
                        {
                            "statement_id": k,
                            "series_id": v.series_id,
                            "score": v.score,
                            "method": v.method,
                            "reason": v.reason,
                            "created_at": now,
                        }
                        for k, v in todo.items()
                    ],
                )
                reindex(conn, statements=todo)  # a statement's record names its series
        return len(todo)

    def link_by_hand(self, statement_id: int, series_id: int) -> Link:
        """Link a statement to a series; the manual link wins over automatic ones."""
        series = self.get_series(series_id)
        if not self.statements(statement_id=statement_id):
            raise NotFoundError(
                f"no statement with id {statement_id}; `ontrack scorecard REGION --json` "
                "lists statement ids"
            )
        link = Link(series_id, 1.0, "manual", f"linked by hand to {series.key}")
        self.save_links({statement_id: link})
        return link

    def series_points(self, series_ids: Iterable[int]) -> dict[int, list[Any]]:
        """Every observation (all vintages, official and reported) of the given series,
        ordered by period end then insertion: rows with period, period_end, value,
        vintage, source, note, kind, released, statement_id."""
        o = observations_t
        cols = [
            o.c.series_id,
            o.c.period,
            o.c.period_end,
            o.c.value,
            o.c.vintage,
            o.c.source,
            o.c.note,
            o.c.kind,
            o.c.released,
            o.c.statement_id,
            o.c.id,
        ]
        out: dict[int, list[Any]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(series_ids)), 500):
                q = (
                    sa.select(*cols)
                    .where(o.c.series_id.in_(chunk))
                    .order_by(o.c.series_id, o.c.period_end, o.c.id)
                )
                for row in conn.execute(q):
                    out.setdefault(row.series_id, []).append(row)
        return out

    def add_reported(
        self,
        statement: Statement,
        series_id: int,
        period: str,
        value: float,
        source: str,
        *,
        released: date | None = None,
    ) -> bool:
        """Keep a figure stated in a document as a 'reported' observation (idempotent)."""
        from .periods import parse_period

        p = parse_period(period)
        vintage = f"reported in document {statement.document_id}"
        with self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(observations_t.c.id).where(
                    observations_t.c.series_id == series_id,
                    observations_t.c.period == p.label,
                    observations_t.c.vintage == vintage,
                    observations_t.c.kind == "reported",
                )
            ).first()
            if exists:
                return False
            conn.execute(
                observations_t.insert().values(
                    series_id=series_id,
                    period=p.label,
                    period_start=p.start,
                    period_end=p.end,
                    value=value,
                    vintage=vintage,
                    source=source,
                    note=statement.quote[:500],
                    kind="reported",
                    statement_id=statement.id,
                    released=released,
                )
            )
        return True

    def save_assessments(self, rows: list[dict[str, Any]]) -> None:
        """Replace the stored assessments of the same statements, date and model."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            for row in rows:
                conn.execute(
                    assessments_t.delete().where(
                        assessments_t.c.statement_id == row["statement_id"],
                        assessments_t.c.as_of == row["as_of"],
                        assessments_t.c.model == row["model"],
                    )
                )
            if rows:
                conn.execute(
                    assessments_t.insert(),
                    [
                        {
                            **r,
                            "details": json.dumps(
                                r.get("details", {}), default=str, ensure_ascii=False
                            ),
                            "computed_at": now,
                        }
                        for r in rows
                    ],
                )

    # -- documents and statements --------------------------------------------------------
    def save_document(self, doc: Document, statements: Sequence[Statement]) -> bool:
        """Store a document and its statements; False (and no change) if already stored."""
        try:
            return self.save_documents([(doc, statements)])[0]
        except sa.exc.IntegrityError:
            # Another process saved the same text between our check and our insert.
            if self._has_document(doc.checksum):
                return False
            raise

    def save_documents(self, items: Sequence[tuple[Document, Sequence[Statement]]]) -> list[bool]:
        """Store many documents in one transaction (for a corpus: one commit per batch, not
        per file); for each, False if already stored (or earlier in `items`). All or nothing:
        one refused document raises and stores none, so a caller that must report per file
        saves that batch again with `save_document`."""
        from .documents import check_document

        if not items:
            return []
        with self.engine.begin() as conn:
            self._lock_writes(conn)
            known = region_ids(conn)
            # Regions added to this store's catalog object in this process (and not yet
            # written) are written now, so that the catalog object is the store's.
            wanted = {r for doc, sts in items for r in (doc.region_id, *(s.region_id for s in sts))}
            added = [r for r in map(self._catalog_region, wanted - {None} - known) if r]
            if added:
                self._upsert_regions(conn, added, "user")
                known |= {r.id for r in added}
            for doc, sts in items:
                check_document(doc, sts, known)
            seen = set()
            for part in chunks(sorted({doc.checksum for doc, _ in items}), 500):
                q = sa.select(documents_t.c.checksum).where(documents_t.c.checksum.in_(part))
                seen |= {row[0] for row in conn.execute(q)}
            new: list[bool] = []
            docs, rows = [], []
            now = datetime.now(UTC)
            for doc, sts in items:
                new.append(doc.checksum not in seen)
                if not new[-1]:
                    continue
                seen.add(doc.checksum)
                docs.append(
                    {
                        "id": doc.id,
                        "checksum": doc.checksum,
                        "title": doc.title,
                        "date": doc.date,
                        "source": doc.source,
                        "language": doc.language,
                        "region_id": doc.region_id,
                        "text": doc.text,
                        "created_at": now,
                    }
                )
                rows += [statement_row(s, doc.id) for s in sts]
            if docs:
                conn.execute(documents_t.insert(), docs)
            if rows:
                conn.execute(statements_t.insert(), rows)
            if docs:
                doc_ids = [str(d["id"]) for d in docs]
                stored = sa.select(statements_t.c.id).where(statements_t.c.document_id.in_(doc_ids))
                reindex(
                    conn,
                    documents=doc_ids,
                    statements=[r[0] for r in conn.execute(stored)],
                    regions=wanted,
                )
        return new

    def _catalog_region(self, region_id: str | None) -> Region | None:
        if region_id is None or self._catalog is None:
            return None
        found = self._catalog.find_region(region_id)
        return found if found is not None and found.id == region_id else None

    def _has_document(self, checksum: str) -> bool:
        with self.engine.connect() as conn:
            q = sa.select(documents_t.c.id).where(documents_t.c.checksum == checksum)
            return conn.execute(q).first() is not None

    def remove_document(self, doc_id: str) -> dict[str, Any]:
        """Delete a document and its statements, links, assessments and reported figures."""
        from .documents import remove_document

        return remove_document(self.engine, doc_id)

    def get_document(self, doc_id: str) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents_t).where(documents_t.c.id == doc_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id!r}; `ontrack documents` lists them")
        return document_from_db(row)

    def list_documents(self) -> list[dict[str, Any]]:
        q = (
            sa.select(
                documents_t.c.id,
                documents_t.c.title,
                documents_t.c.date,
                documents_t.c.source,
                documents_t.c.region_id,
                sa.func.count(statements_t.c.id).label("statements"),
            )
            .outerjoin(statements_t, statements_t.c.document_id == documents_t.c.id)
            .group_by(documents_t.c.id)
            .order_by(documents_t.c.date, documents_t.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def statements(
        self,
        *,
        document_id: str | None = None,
        region_id: str | None = None,
        kind: str | None = None,
        statement_id: int | None = None,
        include_rejected: bool = False,
    ) -> list[Statement]:
        """Stored statements as currently accepted (a reviewer's corrections applied).
        Statements a reviewer rejected are left out unless asked for by id or with
        `include_rejected` (see review.py)."""
        q = sa.select(statements_t).order_by(
            statements_t.c.document_id, statements_t.c.start_offset
        )
        if statement_id is not None:
            if not 0 < statement_id <= MAX_ID:
                return []
            q = q.where(statements_t.c.id == statement_id)
        elif not include_rejected:
            q = q.where(
                sa.or_(
                    statements_t.c.review_state.is_(None),
                    statements_t.c.review_state != "rejected",
                )
            )
        if document_id:
            q = q.where(statements_t.c.document_id == document_id)
        if region_id:
            q = q.where(statements_t.c.region_id == region_id)
        if kind:
            q = q.where(statements_t.c.kind == kind)
        with self.engine.connect() as conn:
            return [statement_from_db(r) for r in conn.execute(q)]


__all__ = ["DEFAULT_DB", "IngestSummary", "SeriesInfo", "Store", "resolve_url"]
