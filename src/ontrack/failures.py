"""What the user sees when something fails: a message, never a traceback.

`explain(exc)` turns the exceptions that reach a command or a page from outside ontrack's
own tree (the database, the operating system) into an OntrackError whose message says
what happened and what to do. Anything it does not recognise is an internal error: the
message says so and how to see the traceback (ONTRACK_DEBUG=1).
"""

from __future__ import annotations

import os

from .errors import OntrackError, StoreError


def debug_enabled() -> bool:
    return os.environ.get("ONTRACK_DEBUG", "").strip() not in ("", "0", "false", "no")


def _database_message(exc: BaseException) -> str | None:
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else ""
    low = text.lower()
    if "readonly database" in low or "read-only" in low or "read only" in low:
        return (
            "the store is read-only (file or folder permissions); nothing was changed. "
            "Use a writable --db path, or only read commands on this store"
        )
    if "database is locked" in low or "database table is locked" in low:
        return (
            "the store stayed locked by another writer for too long; nothing was changed. "
            "Run the command again once the other ingest or extract has finished"
        )
    if "disk i/o error" in low or "database or disk is full" in low:
        return f"the store cannot be written ({text}); free disk space and run again"
    if "unable to open database" in low:
        return f"the store cannot be opened ({text}); check the --db path and its permissions"
    if "statement timeout" in low or "canceling statement" in low:
        return "the database took too long to answer (statement timeout); try a narrower query"
    return None


def explain(exc: BaseException) -> OntrackError | None:
    """An OntrackError describing `exc`, or None when it is not a known kind of failure."""
    if isinstance(exc, OntrackError):
        return exc
    try:
        import sqlalchemy as sa
    except ImportError:  # pragma: no cover - a core dependency
        sa = None  # type: ignore[assignment]
    if sa is not None and isinstance(exc, sa.exc.DBAPIError):
        message = _database_message(exc)
        if message:
            return StoreError(message)
    if isinstance(exc, PermissionError):
        return OntrackError(f"permission denied: {exc.filename or exc}; nothing was changed")
    if isinstance(exc, IsADirectoryError):
        return OntrackError(f"{exc.filename} is a folder; give a file path")
    if isinstance(exc, NotADirectoryError):
        return OntrackError(f"{exc.filename}: a part of this path is a file, not a folder")
    if isinstance(exc, FileNotFoundError):
        return OntrackError(f"{exc.filename}: no such file or folder")
    if isinstance(exc, OSError) and exc.errno == 28:
        return OntrackError("no space left on the device; nothing was changed")
    if isinstance(exc, MemoryError):
        return OntrackError(
            "out of memory; split the input into smaller files or lower the limits "
            "(see the README's Reliability section)"
        )
    return None


def internal_error_message(exc: BaseException) -> str:
    return (
        f"internal error ({type(exc).__name__}). This is a bug in ontrack: "
        "please report it with the command you ran. Set ONTRACK_DEBUG=1 to see the traceback"
    )


def describe_failure(exc: BaseException, where: object) -> str:
    """The message for one failed file, naming it (ONTRACK_DEBUG=1 re-raises instead)."""
    if debug_enabled():
        raise exc
    known = explain(exc)
    message = str(known) if known is not None else internal_error_message(exc)
    return message if str(where) in message else f"{where}: {message}"


__all__ = ["debug_enabled", "describe_failure", "explain", "internal_error_message"]
