"""Every CLI command on an empty store, the demo store and a store holding only targets:
each ends with exit status 0 (done), 1 (nothing to do) or 2 (a one-line error), never a
traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from ontrack.cli import app

runner = CliRunner()

# a plan table written for this test: two annual targets of a made-up plan, no series
TARGETS = (
    "plan,region,indicator,unit,target_kind,baseline_period,baseline_value,target_period,"
    "target_operator,target_value,target_value_high,outcome_period,outcome_value,"
    "outcome_value_revised,reported_assessment,target_source,outcome_source,note\n"
    "Test plan,China,gdp_real_growth,percent,,,,2016,about,6.5,,2016,6.7,,,written for a test,"
    "written for a test,\n"
    "Test plan,Liaoning,gdp_real_growth,percent,,,,2017,about,6.5,,2017,4.2,,,written for a test,"
    "written for a test,\n"
)
NOTE = "---\ndate: 2020-01-10\n---\nGDP is expected to grow by about 6% this year.\n"


def _commands() -> list[tuple[str, ...]]:
    names: list[tuple[str, ...]] = []

    def walk(cmd: Any, prefix: tuple[str, ...]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs is None:
            names.append(prefix)
            return
        for name, sub in subs.items():
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return names


def _args(command: tuple[str, ...], db: str, tmp: Path) -> list[str] | None:
    """The arguments each command is run with; None for the server (it would not return)."""
    files = {"targets": tmp / "t.csv", "note": tmp / "note.md", "data": tmp / "d.csv"}
    extra: dict[tuple[str, ...], list[str]] = {
        ("ingest",): [str(files["data"])],
        ("extract",): [str(files["note"])],
        ("scorecard",): ["China"],
        ("link",): ["1", "1"],
        ("publish",): ["--out", str(tmp / "site")],
        ("export",): ["--out", str(tmp / "exports")],
        ("report",): ["China", "--format", "md", "--out", str(tmp / "r.md")],
        ("series", "show"): ["1"],
        ("catalog", "add"): [str(tmp / "missing.toml")],
        ("targets", "import"): [str(files["targets"])],
        ("demo",): [],  # on an existing store it must refuse with one line
        ("backtest",): ["--model", "damped"],  # AutoETS too would only take longer
        ("statement", "show"): ["1"],
        ("statement", "confirm"): ["1"],
        ("statement", "edit"): ["1", "--set", "value=5", "--reason", "written for a test"],
        ("statement", "reject"): ["1", "--reason", "written for a test"],
        ("statement", "add"): ["--document", "1", "--kind", "result", "--quote", "GDP"],
    }
    if command == ("serve",):
        return None
    return [*command, *extra.get(command, []), "--db", db]


def _targets_only(tmp: Path) -> str:
    db = str(tmp / "targets.db")
    result = runner.invoke(app, ["targets", "import", str(tmp / "t.csv"), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _demo(tmp: Path) -> str:
    db = str(tmp / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _empty(tmp: Path) -> str:
    db = str(tmp / "empty.db")
    assert runner.invoke(app, ["init", "--db", db]).exit_code == 0
    return db


@pytest.mark.parametrize("kind", ["empty", "demo", "targets_only"])
def test_every_command_ends_without_a_traceback(tmp_path: Path, kind: str) -> None:
    (tmp_path / "t.csv").write_text(TARGETS, encoding="utf-8")
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        "region,indicator,period,value,unit,source\nChina,gdp_real_growth_yoy,2015,6.9,percent,t\n",
        encoding="utf-8",
    )
    db = {"empty": _empty, "demo": _demo, "targets_only": _targets_only}[kind](tmp_path)
    commands = _commands()
    assert ("backtest",) in commands and ("targets", "import") in commands
    for command in commands:
        args = _args(command, db, tmp_path)
        if args is None:
            continue
        result = runner.invoke(app, args)
        shown = " ".join(args)
        # 0: done; 1: nothing to do, said in one line; 2: refused, with one error message
        assert result.exit_code in (0, 1, 2), f"{shown}: exit {result.exit_code}\n{result.output}"
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), (
                f"{shown} raised {type(result.exception).__name__}: {result.exception}"
            )
        assert "Traceback" not in result.output, f"{shown}\n{result.output}"
        if result.exit_code in (1, 2):
            assert "error" in result.output.lower() or "no " in result.output.lower(), shown


def test_backtest_after_demo_replays_the_bundled_targets(tmp_path: Path) -> None:
    import json

    db = _demo(tmp_path)
    result = runner.invoke(app, ["backtest", "--db", db, "--json", "--model", "damped"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_targets"] > 100 and report["n_cases"] >= report["n_targets"]
    assert report["n_regions"] >= 25
    assert report["models"]["always_0.5"]["brier"] == pytest.approx(0.25)
    assert report["default"]["model"] in report["models"]
