"""Command line for data from providers: `ontrack fetch` and `ontrack changes`.

Registered on the main Typer app by cli.py; like every command, parse, call the library,
render. Kept apart so cli.py stays small.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

# cli.py imports this module at its end, so its names below already exist.
from .cli import DbOption, JsonOption, _parse_date, _print_json, err, handles_errors, out

if TYPE_CHECKING:
    from .assess.changes import ChangeTracker
    from .store import Store


def ingest_tracker(store: Store, enabled: bool) -> ChangeTracker | None:
    """A change tracker when asked for and the store has statements to assess."""
    if not enabled or not store.counts()["statements"]:
        return None
    from .assess.changes import ChangeTracker

    return ChangeTracker(store)


def _fetch_help() -> str:
    from rich.markup import escape

    from .ingest.providers import provider_list

    lines = "\n\n".join(f"{name}: {escape(desc)}" for name, desc in provider_list())
    return (
        "Download a provider's data and ingest it in one step, keeping provider, query, "
        "retrieval time and release date per observation; revised values become new "
        f"vintages.\n\nProviders:\n\n{lines}"
    )


def register(app: typer.Typer) -> None:
    @app.command(help=_fetch_help())
    @handles_errors
    def fetch(
        provider: Annotated[str, typer.Argument(help="Provider name (listed below).")],
        query: Annotated[str, typer.Argument(help="The provider's query (see below).")],
        since: Annotated[
            str | None, typer.Option(help="Only periods ending on or after YYYY-MM-DD.")
        ] = None,
        mapping: Annotated[
            Path | None, typer.Option("--map", help="TOML mapping of dimensions and codes.")
        ] = None,
        add_regions: Annotated[
            bool, typer.Option("--add-regions", help="Register unknown regions.")
        ] = False,
        track: Annotated[
            bool, typer.Option("--changes/--no-changes", help="Record what changed.")
        ] = True,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        from .ingest import Mapping
        from .ingest.providers import fetch as fetch_data
        from .render import summary_table
        from .store import Store

        mapped = Mapping.load(mapping) if mapping else None
        with (
            Store(db) as store,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                disable=as_json,
            ) as bar,
        ):
            task = bar.add_task(f"{provider} {query}", total=None)

            def report(stage: str, done: int, total: int) -> None:
                bar.update(task, description=f"{provider}: {stage}", completed=done, total=total)

            tracker = ingest_tracker(store, track)
            summary = fetch_data(
                store,
                provider,
                query,
                since=_parse_date(since),
                mapping=mapped,
                progress=report,
                add_regions=add_regions,
            )
            changes: list[dict[str, Any]] = []
            if tracker and summary.ingest_id is not None:
                changes = tracker.record(
                    cause=f"{provider} fetch of {query}", ingest_id=summary.ingest_id
                )
        if as_json:
            _print_json({**summary.to_dict(), "changes": changes})
            return
        out.print(summary_table([summary]))
        for change in changes:
            out.print(f"changed: {change['text']}", highlight=False)

    @app.command()
    @handles_errors
    def changes(
        since: Annotated[
            str | None, typer.Option(help="Only changes recorded on or after YYYY-MM-DD.")
        ] = None,
        region: Annotated[str | None, typer.Option(help="Only this region.")] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Targets and claims whose status, probability or verdict moved after an ingest or
        fetch, newest first."""
        from .assess.changes import list_changes
        from .store import Store

        with Store(db) as store:
            rows = list_changes(store, since=_parse_date(since), region=region)
        if as_json:
            _print_json(rows)
            return
        if not rows:
            out.print("no recorded changes" + (f" since {since}" if since else ""))
            return
        table = Table(title="what changed")
        for col in ("recorded", "region", "change"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(row["recorded_at"][:16].replace("T", " "), row["region"], row["text"])
        out.print(table)


__all__ = ["ingest_tracker", "register"]
