"""CLI of reviews: `ontrack review` (the terminal walk, --stats, --export-labelled) and
`ontrack statement show|confirm|edit|reject|add`. Registered on the app of cli.py, which
imports this module at its end."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import DbOption, JsonOption, _print_json, app, err, handles_errors, out
from .store import Store

# -- review: statements confirmed, corrected, rejected or added by people ----------------------
statement_app = typer.Typer(
    help="Show, confirm, edit, reject or add statements (a person's review).",
    no_args_is_help=True,
)
app.add_typer(statement_app, name="statement")
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who reviews (default $ONTRACK_REVIEWER, else the login name)."),
]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why: readers see it in the history.")]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="FIELD=VALUE (kind, indicator, indicator_id, region, value, "
                 "unit, comparator, period, baseline_value, baseline_period, value_type)."),
]  # fmt: skip


def _show_statement(shown: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _print_json(shown)
        return
    from .render_review import review_table

    out.print(review_table(shown))


@statement_app.command("show")
@handles_errors
def statement_show(
    statement_id: Annotated[int, typer.Argument(help="Statement id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A statement's current fields, its review state and its history."""
    from . import review

    with Store(db, create=False) as store:
        _show_statement(review.show(store, statement_id), as_json)


@statement_app.command("confirm")
@handles_errors
def statement_confirm(
    statement_id: Annotated[int, typer.Argument(help="Statement id.")],
    db: DbOption = None,
    by: ByOption = None,
    reason: ReasonOption = "",
    as_json: JsonOption = False,
) -> None:
    """The extractor read this statement right."""
    from . import review

    with Store(db, create=False) as store:
        _show_statement(review.confirm(store, statement_id, by=by, reason=reason), as_json)


@statement_app.command("edit")
@handles_errors
def statement_edit(
    statement_id: Annotated[int, typer.Argument(help="Statement id.")],
    set_: SetOption = None,
    reason: ReasonOption = "",
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct fields (validated as on ingest); the statement is re-linked and re-assessed."""
    from . import review

    changes = review.parse_assignments(set_ or [])
    with Store(db, create=False) as store:
        _show_statement(review.edit(store, statement_id, changes, reason=reason, by=by), as_json)


@statement_app.command("reject")
@handles_errors
def statement_reject(
    statement_id: Annotated[int, typer.Argument(help="Statement id.")],
    reason: ReasonOption = "",
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """The statement is wrong: it leaves the scorecard and stays listed as rejected."""
    from . import review

    with Store(db, create=False) as store:
        _show_statement(review.reject(store, statement_id, reason=reason, by=by), as_json)


@statement_app.command("add")
@handles_errors
def statement_add(
    document: Annotated[str, typer.Option("--document", help="Document id.")],
    kind: Annotated[str, typer.Option("--kind", help="target, result, comparison or goal.")],
    start: Annotated[int | None, typer.Option(help="First character of the quote.")] = None,
    end: Annotated[int | None, typer.Option(help="One past its last character.")] = None,
    quote: Annotated[
        str | None, typer.Option(help="The exact quote (found in the text if no offsets).")
    ] = None,
    set_: SetOption = None,
    reason: ReasonOption = "",
    db: DbOption = None,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a statement the extractor missed, from a span of the document."""
    from . import review

    fields = review.parse_assignments(set_ or [])
    with Store(db, create=False) as store:
        shown = review.add(
            store,
            document,
            kind=kind,
            start=start,
            end=end,
            quote=quote,
            fields=fields,
            reason=reason,
            by=by,
        )
        _show_statement(shown, as_json)


def _review_key() -> str:
    """One key at a terminal; from a pipe, the first character of the next line (EOF: quit)."""
    if sys.stdin.isatty():
        return typer.getchar()
    line = sys.stdin.readline()
    return line[:1] if line else "q"


def _review_line(prompt: str) -> str:
    out.print(prompt, end="", markup=False, highlight=False)
    line = sys.stdin.readline()
    return line.rstrip("\n")


@app.command("review")
@handles_errors
def review_walk(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="Only statements about this region.")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document (id).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="How often the extractor was confirmed or corrected.")
    ] = False,
    export_labelled: Annotated[
        Path | None,
        typer.Option("--export-labelled", help="Write reviewed documents as NN.txt + NN.json."),
    ] = None,
    include_unreviewed: Annotated[
        bool,
        typer.Option(help="With --export-labelled: keep documents not fully reviewed."),
    ] = False,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Walk the unreviewed statements: confirm, edit a field, reject or skip each one."""
    from . import review
    from .review_export import export_labelled as write_labelled
    from .review_export import review_stats
    from .review_walk import Terminal, walk

    with Store(db, create=False) as store:
        if stats:
            report = review_stats(store)
            if as_json:
                _print_json(report)
            else:
                from .render_review import review_stats_table

                out.print(review_stats_table(report))
            return
        if export_labelled is not None:
            done = write_labelled(
                store,
                export_labelled,
                documents=[document] if document else None,
                include_unreviewed=include_unreviewed,
            )
            if as_json:
                _print_json(done)
                return
            for d in done["documents"]:
                out.print(f"{d['name']}: document {d['document']}, {d['items']} items")
            for s in done["skipped"]:
                err.print(f"skipped document {s['document']}: {s['unreviewed']} unreviewed")
            out.print(f"{len(done['documents'])} document(s) written to {done['folder']}")
            return
        todo = review.unreviewed(store, region=region, document=document, kind=kind)
        if not todo:
            out.print("nothing to review: every statement here has been checked by a person")
            return
        term = Terminal(
            key=_review_key,
            line=_review_line,
            show=lambda text: out.print(text, markup=False, highlight=False),
        )
        summary = walk(store, todo, term, by=by)
    if as_json:
        _print_json(summary.to_dict())
