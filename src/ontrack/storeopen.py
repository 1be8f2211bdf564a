"""How a Store opens its database: refuse a missing store for reading, read a store in a
read-only folder, and let writers wait for each other instead of failing.

* A read command (`series list`, `scorecard`, `serve`...) given a path where no store
  exists gets a StoreError naming the path, instead of a new empty store and an empty table.
* A store whose folder (or file) is not writable is opened read-only and immutable: SQLite in
  WAL mode would otherwise need to create its -wal and -shm files beside it, and fail.
* Writers wait for the lock up to $ONTRACK_BUSY_TIMEOUT seconds (default 600): two ingests
  into one file run one after the other, never "database is locked" after a few seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import StoreError

DEFAULT_BUSY_TIMEOUT_S = 600.0


def busy_timeout_ms() -> int:
    raw = os.environ.get("ONTRACK_BUSY_TIMEOUT", "").strip()
    try:
        seconds = float(raw) if raw else DEFAULT_BUSY_TIMEOUT_S
    except ValueError:
        raise StoreError(f"$ONTRACK_BUSY_TIMEOUT={raw!r} is not a number of seconds") from None
    return max(0, int(seconds * 1000))


def sqlite_file(url: str) -> Path | None:
    """The file of a sqlite:/// URL (None for other databases and in-memory stores)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    database = url[len(prefix) :].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database)


def _writable(path: Path) -> bool:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


def connect_target(url: str, *, create: bool) -> tuple[str, bool]:
    """(URL to connect with, read_only) for `url`; raises StoreError for a missing store
    when `create` is false."""
    path = sqlite_file(url)
    if path is None:
        return url, False
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the store's file path with --db")
    if not path.exists():
        if not create:
            raise StoreError(
                f"no store at {path}; check --db (or $ONTRACK_DB), or create one with "
                f"`ontrack init --db {path}` and ingest data into it"
            )
        return url, False
    if _writable(path):
        return url, False
    # Read-only: an immutable URI needs no -wal/-shm files and takes no locks.
    return f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true", True


def sqlite_on_connect(read_only: bool) -> Callable[[Any, Any], None]:
    """The PRAGMAs every SQLite connection of a Store gets."""
    timeout = busy_timeout_ms()

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            cur.execute("PRAGMA synchronous=NORMAL")  # durable with WAL, and much faster
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={timeout}")
        cur.close()

    return on_connect


__all__ = ["busy_timeout_ms", "connect_target", "sqlite_file", "sqlite_on_connect"]
