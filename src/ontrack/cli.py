"""Command line: parse, make one library call, render with rich. Nothing else lives here."""

from __future__ import annotations

import json
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

from .datasets import briefing_paths, demo_store, series_files
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
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)


def handles_errors(func: F) -> F:
    """Turn any OntrackError into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            _fail(f"{exc.path}: {exc.count} bad row(s); nothing from this file was stored")
            for row in exc.errors:
                err.print(f"  {row}", highlight=False, soft_wrap=True)
            if exc.count > len(exc.errors):
                err.print(f"  ... and {exc.count - len(exc.errors)} more", highlight=False)
            raise typer.Exit(1) from None
        except OntrackError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


# -- init and ingest ------------------------------------------------------------------------
@app.command()
@handles_errors
def init(db: DbOption = None) -> None:
    """Create (or migrate) a store."""
    with Store(db) as store:
        out.print(f"store ready at {store.url}")


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
    as_json: JsonOption = False,
) -> None:
    """Ingest CSV / Excel / Our World in Data tables; each file is stored atomically."""
    from .ingest import expand_paths

    units = dict(u.split("=", 1) for u in unit or [] if "=" in u)
    files = expand_paths(paths)
    if not files:
        raise OntrackError("no data files found in the given paths (.csv, .tsv, .xlsx)")
    summaries: list[IngestSummary] = []
    failed = 0
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
        task = bar.add_task("ingest", total=len(files))
        for path in files:
            step = bar.add_task(f"  {path.name}", total=None)

            def report(
                stage: str, done: int, total: int, step: Any = step, name: str = path.name
            ) -> None:
                bar.update(step, description=f"  {name}: {stage}", completed=done, total=total)

            try:
                summaries.append(
                    store.ingest(path, add_regions=add_regions, units=units, progress=report)
                )
            except ValidationError as exc:
                failed += 1
                bar.stop()
                _fail(f"{exc.path}: {exc.count} bad row(s); nothing from this file was stored")
                for row in exc.errors:
                    err.print(f"  {row}", highlight=False, soft_wrap=True)
                if exc.count > len(exc.errors):
                    err.print(f"  ... and {exc.count - len(exc.errors)} more", highlight=False)
                bar.start()
            except OntrackError as exc:
                failed += 1
                _fail(str(exc))
            bar.remove_task(step)
            bar.advance(task)
    if as_json:
        _print_json([s.to_dict() for s in summaries])
    elif summaries:
        out.print(summary_table(summaries))
        added = sorted({r for s in summaries for r in s.regions_added})
        if added:
            out.print(f"regions added: {', '.join(added)}")
    if failed:
        raise typer.Exit(1)


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
    with Store(db) as store:
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
    series_id: Annotated[int, typer.Argument(help="Series id from `ontrack series list`.")],
    db: DbOption = None,
    vintages: Annotated[bool, typer.Option("--vintages", help="Show every vintage.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one series: its observations (latest vintage, or all) and a sparkline."""
    with Store(db) as store:
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
    with Store(db) as store:
        regions, indicators = store.add_catalog_file(path)
    out.print(f"added {regions} region(s) and {indicators} indicator(s) from {path}")


@catalog_app.command("regions")
@handles_errors
def catalog_regions(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List known regions."""
    with Store(db) as store:
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
    with Store(db) as store:
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
) -> None:
    """Extract targets, results, comparisons and goals, each with its exact quote."""
    from .extract import extract_path

    when = _parse_date(date_)
    if lang is not None and lang not in ("en", "zh"):
        raise typer.BadParameter(f"--lang {lang!r}: use en or zh")
    results = [
        pair for path in paths for pair in extract_path(path, date=when, region=region, lang=lang)
    ]
    if save:
        with Store(db) as store:
            added = sum(store.save_document(doc, stmts) for doc, stmts in results)
        err.print(f"saved {added} new document(s); {len(results) - added} already stored")
    records = [st.to_dict() for _, stmts in results for st in stmts]
    if fmt is OutputFormat.json:
        _print_json(records)
        return
    if fmt is OutputFormat.jsonl:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        return
    for doc, stmts in results:
        out.print(statements_table(doc, stmts))


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

    when = _parse_date(as_of) or date.today()
    with Store(db) as store:
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

    with Store(db) as store:
        card = build_scorecard(store, region, as_of=_parse_date(as_of), model=model)
    if as_json:
        _print_json(card)
    else:
        out.print(scorecard_table(card))


@app.command()
@handles_errors
def backtest(
    db: DbOption = None,
    model: Annotated[list[str] | None, typer.Option("--model", help="Models to score.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Replay targets with known outcomes as of earlier dates; score the probabilities."""
    from .assess import backtest as run_backtest

    models = tuple(model or ["damped"])
    with Store(db) as store:
        if not store.statements(kind="target"):
            err.print(
                "this store holds no targets: replaying the bundled ones in a temporary store"
            )
            store = demo_store(Path(tempfile.mkdtemp(prefix="ontrack-backtest-")) / "b.db")
        report = run_backtest(store, models=models)
    if as_json:
        _print_json(
            {
                "n_targets": report["n_targets"],
                "n_cases": len(report["cases"]),
                "models": report["scores"],
            }
        )
        return
    table = Table(
        title=f"backtest: {len(report['cases'])} replays of {report['n_targets']} "
        "targets with known outcomes"
    )
    for col in ("model", "n", "Brier", "log loss"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for name, score in report["scores"].items():
        table.add_row(
            name,
            str(score["n"]),
            f"{score['brier']:.3f}" if score["brier"] is not None else "—",
            f"{score['log_loss']:.3f}" if score["log_loss"] is not None else "—",
        )
    out.print(table)
    reliability = Table(title="reliability: observed share met per band of predicted P(met)")
    reliability.add_column("model")
    bands = [b for b in next(iter(report["scores"].values()))["reliability"]]
    for band in bands:
        reliability.add_column(f"{band['lower']:.1f}-{band['upper']:.1f}", justify="right")
    for name, score in report["scores"].items():
        reliability.add_row(
            name,
            *(
                f"{b['observed_frequency']:.2f} ({b['n']})" if b["n"] else "—"
                for b in score["reliability"]
            ),
        )
    out.print(reliability)


@targets_app.command("import")
@handles_errors
def targets_import(
    path: Annotated[Path, typer.Argument(help="CSV in the layout of targets_outcomes.csv.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import plan targets (and their outcomes) from a table."""
    from .ingest.targets import import_targets

    with Store(db) as store:
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
    statement_id: Annotated[int, typer.Argument(help="Statement id (see scorecard --json).")],
    series_id: Annotated[int, typer.Argument(help="Series id (see series list).")],
    db: DbOption = None,
) -> None:
    """Link a statement to a series by hand; the manual link wins over automatic ones."""
    with Store(db) as store:
        result = store.link_by_hand(statement_id, series_id)
    out.print(f"statement {statement_id}: {result.reason}")


# -- web and publishing ---------------------------------------------------------------------
def _serve(db: str | None, host: str, port: int) -> None:
    import uvicorn

    from .web import create_app

    application = create_app(db)
    mode = "uploads need the token" if os.environ.get("ONTRACK_TOKEN") else "read-only"
    err.print(f"ontrack dashboard on http://{host}:{port}/ ({mode}); Ctrl+C stops it")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
@handles_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
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

    with Store(db) as store:
        written = export_site(store, out_dir, as_of=_parse_date(as_of), model=model)
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

    with Store(db) as store:
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

    with Store(db) as store:
        region_id = store.catalog.region(region).id
        target = out_file or Path(f"report-{region_id}.{fmt.value}")
        path = write_report(
            store, region, target, fmt=fmt.value, as_of=_parse_date(as_of), model=model
        )
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
    with Store(db) as store:
        out.print(f"[bold]ontrack demo[/] — store at {store.url}")
        summaries = [store.ingest(path) for path in series_files()]
        out.print(summary_table(summaries))
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


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OntrackError(f"--date {value!r} is not a date; write YYYY-MM-DD") from None


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
