"""Opening a store from a command: reading commands never create one by accident.

`ontrack scorecard Liaoning --db typo.db` used to create an empty store and print an
empty table with exit 0. Now only the commands that build a store (`init`, `ingest`,
`demo`, `extract --save`) may create one, and they say so; every other command refuses
a SQLite path that does not exist, naming it and the commands that create one. Server
URLs (PostgreSQL) are opened as given: their database must exist anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from .errors import StoreError
from .store import Store, resolve_url

CREATORS = "`ontrack init`, `ontrack ingest`, `ontrack demo` or `ontrack extract --save`"


def sqlite_path(db: str | os.PathLike[str] | None) -> Path | None:
    """The file a store argument names, or None for a server URL or an in-memory store."""
    url = sa.engine.make_url(resolve_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def open_existing(db: str | os.PathLike[str] | None) -> Store:
    """The store at `db`, which must exist (a reading command's store)."""
    path = sqlite_path(db)
    if path is not None and not path.is_file():
        raise StoreError(
            f"no store at {path}: check --db or $ONTRACK_DB, or create one with {CREATORS}"
        )
    return Store(db)


def open_or_create(db: str | os.PathLike[str] | None) -> tuple[Store, str | None]:
    """The store at `db`, created if missing; the second value says so ("created …")."""
    path = sqlite_path(db)
    created = path is not None and not path.is_file()
    store = Store(db)
    return store, (f"created a new store at {path}" if created else None)


__all__ = ["CREATORS", "open_existing", "open_or_create", "sqlite_path"]
