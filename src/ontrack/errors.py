"""One exception tree. Every message says what is wrong and how to fix it."""

from __future__ import annotations


class OntrackError(Exception):
    """Base of every error ontrack raises on purpose."""


class StoreError(OntrackError):
    """The store cannot be opened, migrated or written."""


class CatalogError(OntrackError):
    """A region or indicator is unknown, or a catalog file is malformed."""


class PeriodError(OntrackError, ValueError):
    """A period string is not one of the supported forms."""


class UnitError(OntrackError, ValueError):
    """A unit string cannot be understood or converted."""


class InputFileError(OntrackError):
    """A file cannot be read at all: missing, binary, empty, wrong encoding, not a table."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class RowError(OntrackError):
    """One bad row in an input table (kept for the summary of a rejected file)."""

    def __init__(self, path: object, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


class ValidationError(OntrackError):
    """A file has bad rows; nothing from it was stored.

    `errors` holds up to `limit` RowErrors; `count` is the total number of bad rows.
    """

    def __init__(self, path: object, errors: list[RowError], count: int) -> None:
        self.path = str(path)
        self.errors = errors
        self.count = count
        shown = "\n".join(str(e) for e in errors)
        more = f"\n... and {count - len(errors)} more bad rows" if count > len(errors) else ""
        super().__init__(
            f"{self.path}: {count} bad row(s); nothing from this file was stored. "
            f"Fix the rows below and ingest again.\n{shown}{more}"
        )


class VintageConflictError(OntrackError):
    """A file gives a different value for a (series, period, vintage) that is already stored."""


class NotFoundError(OntrackError, LookupError):
    """An id given by the user does not exist in the store."""


class ExtractionError(OntrackError):
    """A document cannot be read for extraction."""


class ReviewError(OntrackError):
    """A review action cannot be applied: a bad field value, offsets outside the document,
    a transition the statement's state does not allow (editing a rejected statement)."""


class ParameterError(OntrackError, ValueError):
    """A request or command parameter has a bad value; `field` names it (HTTP 422)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class ProviderError(OntrackError):
    """A data provider is down, refused a query, or answered with nothing to ingest."""
