"""Command line: parse, make one library call, render with rich. Nothing else lives here."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .datasets import briefing_paths, demo_store, series_files, target_files
from .errors import OntrackError, ValidationError
from .render import (
    STATUS_STYLE,
    fmt,
    scorecard_table,
    sparkline,
    statements_table,
    store_latest_values,
    summary_table,
)
from .render_backtest import backtest_tables
from .store import IngestSummary, Store

app = typer.Typer(
    help="ontrack: is the plan on track? Extract targets and claims, check them against data.",
    no_args_is_help=True,
    add_completion=False,
)
series_app = typer.Typer(help="List and show statistical series.", no_args_is_help=True)
catalog_app = typer.Typer(help="Regions and indicators.", no_args_is_help=True)
app.add_typer(series_app, name="series")
app.add_typer(catalog_app, name="catalog")

# Piped output has no terminal width; 80 columns would fold every table.
out = Console() if sys.stdout.isatty() else Console(width=140)
err = Console(stderr=True) if sys.stderr.isatty() else Console(stderr=True, width=200)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store path or SQLAlchemy URL (default $ONTRACK_DB or ./ontrack.db)"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _fail(message: str) -> None:
    from rich.markup import escape

    # escaped: messages quote mapping tables ("[indicator] CODE = ...") that are not markup
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)


MAX_ID = 2**63 - 1  # the largest id a database integer column holds
EXIT_BAD_INPUT = 2  # bad input, a flag or a store problem: a message, never a traceback


def _report_validation(exc: ValidationError) -> None:
    _fail(f"{exc.path}: {exc.count} bad row(s); nothing from this file was stored")
    for row in exc.errors:
        err.print(f"  {row}", highlight=False, soft_wrap=True, markup=False)
    if exc.count > len(exc.errors):
        err.print(f"  ... and {exc.count - len(exc.errors)} more", highlight=False)


def handles_errors(func: F) -> F:
    """Turn any failure into a message and exit status 2; ONTRACK_DEBUG=1 re-raises."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .failures import debug_enabled, explain, internal_error_message

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
            raise
        except ValidationError as exc:
            _report_validation(exc)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:
            if debug_enabled():
                raise
            known = explain(exc)
            _fail(str(known) if known is not None else internal_error_message(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None

    return wrapper  # type: ignore[return-value]


def _open_store(db: str | None, *, create: bool, say: bool = True) -> Store:
    """A write command may create the store (and says so on stderr); a read command refuses
    a missing one."""
    from .store import resolve_url
    from .storeopen import sqlite_file

    path = sqlite_file(resolve_url(db)) if create else None
    new = path is not None and not path.exists()
    store = Store(db, create=create)
    if new and say:
        err.print(f"created a new store at {path}")
    return store


def _print_json(data: Any) -> None:
    from .jsonsafe import strict_json

    sys.stdout.write(strict_json(data, indent=2) + "\n")


# -- init and ingest ------------------------------------------------------------------------


def _progress_bar(*, disable: bool = False) -> Progress:
    """A bar on stderr for work over many files (gone when done; stdout stays data)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable,
    )


@app.command()
@handles_errors
def init(db: DbOption = None) -> None:
    """Create (or migrate) a store."""
    from .store import resolve_url
    from .storeopen import sqlite_file

    path = sqlite_file(resolve_url(db))
    new = path is not None and not path.exists()
    with _open_store(db, create=True, say=False) as store:
        out.print(f"created a new store at {path}" if new else f"store ready at {store.url}")


@app.command()
@handles_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Data files or folders of them.")],
    db: DbOption = None,
    add_regions: Annotated[
        bool, typer.Option("--add-regions", help="Register unknown region names as new regions.")
    ] = False,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", help="COLUMN=UNIT for a table column that names no unit."),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map", help="TOML mapping of a message's dimensions and codes (see README)."
        ),
    ] = None,
    track: Annotated[
        bool, typer.Option("--changes/--no-changes", help="Record what changed (ontrack changes).")
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Ingest CSV / Excel / Our World in Data tables, SDMX-ML / SDMX-JSON, JSON-stat, PxWeb
    JSON and data packages (datapackage.json); each file is stored atomically."""
    from .cli_data import ingest_tracker
    from .failures import describe_failure
    from .ingest import Mapping, expand_paths

    mapped = Mapping.load(mapping) if mapping else None

    bad_units = [u for u in unit or [] if "=" not in u]
    if bad_units:
        raise OntrackError(f"--unit {bad_units[0]!r}: write COLUMN=UNIT, e.g. --unit gdp=percent")
    units = dict(u.split("=", 1) for u in unit or [])
    files = expand_paths(paths)
    if not files:
        raise OntrackError("no data files found in the given paths (.csv, .tsv, .xlsx)")
    summaries: list[IngestSummary] = []
    refused: list[dict[str, str]] = []  # file by file: what was not stored, and why
    with (
        _open_store(db, create=True) as store,
        _progress_bar(disable=as_json) as bar,
    ):
        task = bar.add_task("ingest", total=len(files))
        tracker = ingest_tracker(store, track)
        for path in files:
            step = bar.add_task(f"  {path.name}", total=None)

            def report(
                stage: str, done: int, total: int, step: Any = step, name: str = path.name
            ) -> None:
                bar.update(step, description=f"  {name}: {stage}", completed=done, total=total)

            try:
                summaries.append(
                    store.ingest(
                        path, add_regions=add_regions, units=units, progress=report, mapping=mapped
                    )
                )
                done = summaries[-1].ingest_id
                if tracker and done is not None:
                    tracker.record(cause=f"ingest of {path.name}", ingest_id=done)
            except ValidationError as exc:
                bar.stop()
                _report_validation(exc)
                bar.start()
                refused.append({"path": str(path), "error": str(exc).split("\n", 1)[0]})
            except Exception as exc:  # one bad file never stops the others
                message = describe_failure(exc, path)
                _fail(message)
                refused.append({"path": str(path), "error": message})
            bar.remove_task(step)
            bar.advance(task)
    if as_json:
        _print_json([s.to_dict() for s in summaries])
    elif summaries:
        out.print(summary_table(summaries))
        added = sorted({r for s in summaries for r in s.regions_added})
        if added:
            out.print(f"regions added: {', '.join(added)}")
        for s in summaries:
            if not (s.observations_added or s.series_added):
                err.print(f"{s.path}: already stored, nothing changed", highlight=False)
    if refused:
        err.print(
            f"{len(summaries)} file(s) stored, {len(refused)} refused: "
            + ", ".join(r["path"] for r in refused),
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)


# -- series ---------------------------------------------------------------------------------
@series_app.command("list")
@handles_errors
def series_list(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="Region name, alias or id.")] = None,
    indicator: Annotated[str | None, typer.Option(help="Indicator id or alias.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored series."""
    with _open_store(db, create=False) as store:
        infos = store.list_series(region=region, indicator=indicator)
    if as_json:
        _print_json([i.to_dict() for i in infos])
        return
    table = Table(title=f"{len(infos)} series")
    for col in ("id", "region", "indicator", "freq", "unit", "n", "from", "to", "latest"):
        table.add_column(col, justify="right" if col in ("id", "n", "latest") else "left")
    for i in infos:
        s = i.series
        table.add_row(
            str(s.id),
            i.region_name,
            s.indicator_id,
            str(s.frequency),
            s.unit,
            str(i.observations),
            i.first_period or "",
            i.last_period or "",
            fmt(i.last_value),
        )
    out.print(table)


@series_app.command("show")
@handles_errors
def series_show(
    series_id: Annotated[
        int, typer.Argument(help="Series id from `ontrack series list`.", min=1, max=MAX_ID)
    ],
    db: DbOption = None,
    vintages: Annotated[bool, typer.Option("--vintages", help="Show every vintage.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one series: its observations (latest vintage, or all) and a sparkline."""
    with _open_store(db, create=False) as store:
        series = store.get_series(series_id)
        obs = store.observations(series_id, all_vintages=vintages)
        info = store.catalog
    region = info.find_region(series.region_id)
    ind = info.find_indicator(series.indicator_id)
    if as_json:
        _print_json(
            {
                "series": {
                    "id": series.id,
                    "key": series.key,
                    "region": series.region_id,
                    "indicator": series.indicator_id,
                    "unit": series.unit,
                    "frequency": str(series.frequency),
                },
                "observations": [
                    {
                        "period": o.period,
                        "value": o.value,
                        "vintage": o.vintage,
                        "source": o.source,
                        "note": o.note,
                    }
                    for o in obs
                ],
            }
        )
        return
    title = (
        f"{region.name if region else series.region_id} — "
        f"{ind.name if ind else series.indicator_id} ({series.unit}, {series.frequency})"
    )
    latest = store_latest_values(obs)
    out.print(f"[bold]{title}[/]  {sparkline(latest)}", highlight=False)
    table = Table()
    for col in ("period", "value", "vintage", "source"):
        table.add_column(col, justify="right" if col == "value" else "left", overflow="fold")
    for o in obs:
        table.add_row(o.period, fmt(o.value), o.vintage, o.source)
    out.print(table)


# -- catalog --------------------------------------------------------------------------------
@catalog_app.command("add")
@handles_errors
def catalog_add(
    path: Annotated[Path, typer.Argument(help="TOML or CSV file of regions or indicators.")],
    db: DbOption = None,
) -> None:
    """Add regions and indicators (with aliases) from a TOML or CSV file."""
    with _open_store(db, create=True) as store:
        regions, indicators = store.add_catalog_file(path)
    out.print(f"added {regions} region(s) and {indicators} indicator(s) from {path}")


@catalog_app.command("regions")
@handles_errors
def catalog_regions(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List known regions."""
    with _open_store(db, create=False) as store:
        regions = list(store.catalog.regions())
    if as_json:
        _print_json(
            [
                r.__class__.__name__
                and {
                    "id": r.id,
                    "name": r.name,
                    "name_zh": r.name_zh,
                    "code": r.code,
                    "level": r.level,
                    "aliases": list(r.aliases),
                }
                for r in regions
            ]
        )
        return
    table = Table(title=f"{len(regions)} regions")
    for col in ("id", "name", "中文", "code", "level", "aliases"):
        table.add_column(col, overflow="fold")
    for r in regions:
        table.add_row(r.id, r.name, r.name_zh, r.code, r.level, "; ".join(r.aliases))
    out.print(table)


@catalog_app.command("indicators")
@handles_errors
def catalog_indicators(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List known indicators."""
    with _open_store(db, create=False) as store:
        indicators = list(store.catalog.indicators())
    if as_json:
        _print_json(
            [
                {"id": i.id, "name": i.name, "unit": i.unit, "aliases": list(i.aliases)}
                for i in indicators
            ]
        )
        return
    table = Table(title=f"{len(indicators)} indicators")
    for col in ("id", "name", "unit", "aliases"):
        table.add_column(col, overflow="fold")
    for i in indicators:
        table.add_row(i.id, i.name, i.unit, "; ".join(i.aliases))
    out.print(table)


# -- extract ------------------------------------------------------------------------------
class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
@handles_errors
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Text, Markdown, HTML or PDF files, or folders.")
    ],
    date_: Annotated[
        str | None,
        typer.Option("--date", help="Publication date YYYY-MM-DD (resolves 'last year')."),
    ] = None,
    region: Annotated[str | None, typer.Option(help="The document's main region.")] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.table,
    save: Annotated[bool, typer.Option("--save", help="Store documents and statements.")] = False,
    db: DbOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: detected per document).")
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local, or dask (a LocalCluster unless --scheduler is given).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
) -> None:
    """Extract targets, results, comparisons and goals, each with its exact quote."""
    from .engines import check_engine
    from .extract.corpus import extract_corpus
    from .extract.reader import SUPPORTED_SUFFIXES, iter_files
    from .jsonsafe import strict_json

    when = _parse_date(date_)
    if lang is not None and lang not in ("en", "zh"):
        raise typer.BadParameter(f"--lang {lang!r}: use en or zh")
    engine = check_engine(engine, scheduler)
    files: list[Path] = []
    for path in paths:
        found = list(iter_files(path))
        if path.is_dir() and not found:
            raise OntrackError(
                f"{path}: the folder has no supported files "
                f"({', '.join(sorted(SUPPORTED_SUFFIXES))})"
            )
        files += found
    with contextlib.ExitStack() as stack:
        # Saving: regions are names of the store's catalog (user-added ones too).
        store = stack.enter_context(_open_store(db, create=True)) if save else None
        bar = stack.enter_context(_progress_bar(disable=len(files) < 2))
        task = bar.add_task("extract", total=len(files))
        # file by file (or chunk by chunk on Dask): one unreadable file never hides the others
        run = extract_corpus(
            files,
            date=when,
            region=region,
            lang=lang,
            store=store,
            engine=engine,
            scheduler=scheduler,
            progress=lambda n: bar.advance(task, n),
            on_refused=lambda _, message: _fail(message),
        )
        if store is not None and run.results:
            err.print(f"saved {run.saved} new document(s); {run.already} already stored")
    results, refused = run.results, run.refused
    records = [st.to_dict() for _, stmts in results for st in stmts]
    if fmt is OutputFormat.json:
        _print_json(records)
    elif fmt is OutputFormat.jsonl:
        for record in records:
            sys.stdout.write(strict_json(record) + "\n")
    else:
        for doc, stmts in results:
            out.print(statements_table(doc, stmts))
    if refused:
        err.print(
            f"{len(results)} file(s) read, {len(refused)} refused: "
            + ", ".join(name for name, _ in refused),
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)


# -- assess, scorecard, backtest, targets, link ------------------------------------------------
targets_app = typer.Typer(help="Targets from plan tables.", no_args_is_help=True)
app.add_typer(targets_app, name="targets")

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Assess with the data known at this date.")
]
ModelOption = Annotated[
    str,
    typer.Option(
        "--model", help="damped (default), anchored (trend + target), AutoETS, AutoARIMA."
    ),
]


@app.command()
@handles_errors
def assess(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="Only this region.")] = None,
    as_of: AsOfOption = None,
    model: ModelOption = "damped",
    engine: Annotated[
        str, typer.Option(help="local, or dask (a LocalCluster unless --scheduler is given).")
    ] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Link statements to series, then assess every target and claim and store the results."""
    from .assess import build_scorecard, link_statements
    from .engines import check_engine

    model, engine = _model(model), check_engine(engine, scheduler)
    when = _as_of(as_of) or date.today()
    with _open_store(db, create=False) as store:
        links = link_statements(store)
        regions = (
            [store.catalog.region(region).id]
            if region
            else sorted({s.region_id for s in store.statements() if s.region_id})
        )
        cards = [
            build_scorecard(store, r, as_of=when, model=model, engine=engine, scheduler=scheduler)
            for r in regions
        ]
        store.save_assessments(
            [
                {
                    "statement_id": it["statement"]["id"],
                    "series_id": it["series"],
                    "as_of": when,
                    "model": model,
                    "status": it["status"],
                    "probability": it["probability"],
                    "explanation": it["explanation"],
                    "details": {"evidence": it["evidence"], "inputs": it.get("inputs")},
                }
                for card in cards
                for it in card["items"]
            ]
        )
    counts: dict[str, dict[str, int]] = {}
    for card in cards:
        for it in card["items"]:
            counts.setdefault(card["region"], {}).setdefault(it["status"], 0)
            counts[card["region"]][it["status"]] += 1
    linked = sum(1 for ln in links.values() if ln.series_id is not None)
    if as_json:
        _print_json(
            {
                "as_of": when.isoformat(),
                "model": model,
                "linked": linked,
                "statements": len(links),
                "regions": counts,
            }
        )
        return
    out.print(f"linked {linked} of {len(links)} statements to series")
    table = Table(title=f"assessed as of {when} ({model})")
    table.add_column("region")
    table.add_column("statuses", overflow="fold")
    for reg, by_status in counts.items():
        table.add_row(
            reg,
            ", ".join(
                f"[{STATUS_STYLE.get(k, '')}]{k}[/] {v}" for k, v in sorted(by_status.items())
            ),
        )
    out.print(table)


@app.command()
@handles_errors
def scorecard(
    region: Annotated[str, typer.Argument(help="Region name, alias or id.")],
    db: DbOption = None,
    as_of: AsOfOption = None,
    model: ModelOption = "damped",
    as_json: JsonOption = False,
) -> None:
    """Every statement about a region with its status, probability, evidence and explanation."""
    from .assess import build_scorecard

    with _open_store(db, create=False) as store:
        card = build_scorecard(store, region, as_of=_as_of(as_of), model=model)
    if as_json:
        _print_json(card)
    else:
        out.print(scorecard_table(card))


@app.command()
@handles_errors
def backtest(
    db: DbOption = None,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", help="Forecast models to score (default: damped and AutoETS)."),
    ] = None,
    weights_out: Annotated[
        Path | None,
        typer.Option("--weights-out", help="Write the learned weights (with data version)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Replay targets with known outcomes as a reader saw them; score models and baselines."""
    from .assess import backtest as run_backtest
    from .assess.stacking import Weights

    models = tuple(_model(m) for m in model or ["damped", "AutoETS"])
    with _open_store(db, create=False) as store:
        if not store.statements(kind="target"):
            err.print(
                "this store holds no targets: replaying the bundled ones in a temporary store"
            )
            store = demo_store(Path(tempfile.mkdtemp(prefix="ontrack-backtest-")) / "b.db")
        report = run_backtest(store, models=models)
    if not report["cases"]:
        err.print(
            "no target in this store has an outcome the data decide and data to replay it "
            "with: nothing to score (import plan tables with `ontrack targets import`)"
        )
    if weights_out is not None and report["weights"]:
        w = report["weights"]
        Weights(tuple(w["coefficients"]), w["data_version"], w["n_replays"], w["n_targets"]).save(
            weights_out
        )
        err.print(f"weights written to {weights_out} (data version {w['data_version']})")
    if as_json:
        _print_json(
            {
                "n_targets": report["n_targets"],
                "n_regions": report.get("n_regions", 0),
                "n_cases": len(report["cases"]),
                "models": report["scores"],
                "default": report.get("default"),
                "differences": report.get("differences", {}),
                "splits": report.get("splits", {}),
                "regions": report.get("regions", {}),
                "weights": report.get("weights"),
            }
        )
        return
    out.print(backtest_tables(report))


@targets_app.command("import")
@handles_errors
def targets_import(
    path: Annotated[Path, typer.Argument(help="CSV in the layout of targets_outcomes.csv.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import plan targets (and their outcomes) from a table."""
    from .ingest.targets import import_targets

    with _open_store(db, create=True) as store:
        summary = import_targets(store, path)
    if as_json:
        _print_json(summary.to_dict())
        return
    note = " (already stored)" if summary.already_stored else ""
    out.print(
        f"{path.name}: {summary.targets} targets, {summary.goals} qualitative goals, "
        f"{summary.outcomes_added} outcome observations added{note}"
    )
    for problem in summary.skipped:
        err.print(f"  skipped outcome: {problem}", highlight=False)


@app.command()
@handles_errors
def link(
    statement_id: Annotated[
        int, typer.Argument(help="Statement id (see scorecard --json).", min=1, max=MAX_ID)
    ],
    series_id: Annotated[
        int, typer.Argument(help="Series id (see series list).", min=1, max=MAX_ID)
    ],
    db: DbOption = None,
) -> None:
    """Link a statement to a series by hand; the manual link wins over automatic ones."""
    with _open_store(db, create=False) as store:
        result = store.link_by_hand(statement_id, series_id)
    out.print(f"statement {statement_id}: {result.reason}")


# -- web and publishing ---------------------------------------------------------------------
def _serve(db: str | None, host: str, port: int) -> None:
    import uvicorn

    from .web import create_app

    application = create_app(_open_store(db, create=False))
    mode = "uploads need the token" if os.environ.get("ONTRACK_TOKEN") else "read-only"
    err.print(f"ontrack dashboard on http://{host}:{port}/ ({mode}); Ctrl+C stops it")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
@handles_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web dashboard and REST API (uploads need $ONTRACK_TOKEN; else read-only)."""
    _serve(db, host, port)


@app.command()
@handles_errors
def publish(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the static site.")],
    db: DbOption = None,
    as_of: AsOfOption = None,
    model: ModelOption = "damped",
) -> None:
    """Write a static site of the dashboard (works from file:// and any static host)."""
    from .publish import export_site

    model = _model(model)
    with _open_store(db, create=False) as store:
        written = export_site(store, out_dir, as_of=_as_of(as_of), model=model)
    out.print(f"{written['pages']} pages written; open {Path(out_dir) / 'index.html'}")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"


@app.command()
@handles_errors
def export(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the exported files.")],
    db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = (
        ExportFormat.csv
    ),
) -> None:
    """Export series, observations, statements and scorecards as CSV, JSON or Parquet."""
    from .publish.exports import write_exports

    with _open_store(db, create=False) as store:
        written = write_exports(store, out_dir, str(fmt))
    out.print("written: " + ", ".join(str(p) for p in written))


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


@app.command()
@handles_errors
def report(
    region: Annotated[str, typer.Argument(help="Region name, alias or id.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", help="html, pdf or md.")] = (
        ReportFormat.html
    ),
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Output file (default report-REGION.FORMAT).")
    ] = None,
    db: DbOption = None,
    as_of: AsOfOption = None,
    model: ModelOption = "damped",
) -> None:
    """A report of a region's scorecard with a chart per target (PDF through weasyprint)."""
    from .publish import write_report

    model = _model(model)
    with _open_store(db, create=False) as store:
        region_id = store.catalog.region(region).id
        target = out_file or Path(f"report-{region_id}.{fmt.value}")
        path = write_report(store, region, target, fmt=fmt.value, as_of=_as_of(as_of), model=model)
    out.print(f"report written to {path}")


# -- demo -----------------------------------------------------------------------------------
@app.command()
@handles_errors
def demo(
    db: DbOption = None,
    region: Annotated[list[str] | None, typer.Option(help="Regions to show.")] = None,
    serve_it: Annotated[
        bool, typer.Option("--serve", help="Then open the web dashboard on the demo store.")
    ] = False,
) -> None:
    """Build a fresh demo store from the bundled real data and show what it holds."""
    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="ontrack-demo-")) / "demo.db")
    elif Path(db).exists() and "://" not in db:
        raise OntrackError(f"{db} already exists; the demo builds a fresh store, give a new path")
    shown = region or ["Liaoning", "China"]
    with _open_store(db, create=True) as store:
        out.print(f"[bold]ontrack demo[/] — store at {store.url}")
        summaries = [store.ingest(path) for path in series_files()]
        out.print(summary_table(summaries))
        from .ingest.targets import import_targets

        # the bundled plan targets with outcomes, so `ontrack backtest` has a track record
        for path in target_files():
            import_targets(store, path)
        for name in shown:
            infos = store.list_series(region=name)
            table = Table(title=f"{store.catalog.region(name).name}: {len(infos)} series")
            for col in ("id", "indicator", "unit", "freq", "n", "from", "to", "latest", "trend"):
                table.add_column(
                    col,
                    justify="right" if col in ("id", "n", "latest") else "left",
                    no_wrap=col != "indicator",
                    overflow="fold",
                )
            for i in infos:
                values = [o.value for o in store.observations(i.series.id or 0)]
                table.add_row(
                    str(i.series.id),
                    i.series.indicator_id,
                    i.series.unit,
                    str(i.series.frequency),
                    str(i.observations),
                    i.first_period or "",
                    i.last_period or "",
                    fmt(i.last_value),
                    sparkline(values[-20:]),
                )
            out.print(table)
        from .extract import extract_path

        briefing_dates = []
        for briefing in briefing_paths():
            for doc, stmts in extract_path(briefing):
                store.save_document(doc, stmts)
                out.print(statements_table(doc, stmts))
                briefing_dates.append(doc.date)
        from .assess import build_scorecard, link_statements

        link_statements(store)
        for when in [*sorted(set(filter(None, briefing_dates))), date.today()]:
            out.print(scorecard_table(build_scorecard(store, "Liaoning", as_of=when)))
    out.print(f"Explore it: ontrack scorecard Liaoning --db {db} --json")
    if serve_it:
        _serve(db, "127.0.0.1", 8000)


def _parse_date(value: str | None, flag: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise OntrackError(f"{flag} {value!r} is not a date; write YYYY-MM-DD") from None


def _as_of(value: str | None) -> date | None:
    return _parse_date(value, "--as-of")


def _model(name: str) -> str:
    from .assess.choices import check_model

    return check_model(name)


# The review commands live in cli_review.py; importing it registers them on `app`.
from . import cli_review  # noqa: E402, F401
from .cli_data import register as _register_data_commands  # noqa: E402

_register_data_commands(app)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()


# -- documents ------------------------------------------------------------------------------
document_app = typer.Typer(help="Stored documents: list and remove.", no_args_is_help=True)
app.add_typer(document_app, name="document")


@document_app.command("list")
@handles_errors
def document_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List stored documents with their statement counts."""
    with _open_store(db, create=False) as store:
        docs = store.list_documents()
    if as_json:
        _print_json(docs)
        return
    table = Table(title=f"{len(docs)} documents")
    for col in ("id", "date", "region", "statements", "title"):
        table.add_column(col, overflow="fold")
    for d in docs:
        table.add_row(
            d["id"], str(d["date"] or ""), d["region_id"] or "", str(d["statements"]), d["title"]
        )
    out.print(table)


@document_app.command("remove")
@handles_errors
def document_remove(
    document_id: Annotated[str, typer.Argument(help="Document id (see `ontrack document list`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove a document with its statements, links, assessments and reported figures."""
    with _open_store(db, create=False) as store:
        removed = store.remove_document(document_id.strip())
    if as_json:
        _print_json(removed)
        return
    out.print(
        f"removed document {removed['document']} ({removed['title'] or 'untitled'}): "
        f"{removed['statements']} statements, {removed['links']} links, "
        f"{removed['assessments']} assessments, {removed['observations']} reported figures",
        highlight=False,
    )
