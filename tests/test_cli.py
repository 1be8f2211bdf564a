"""The CLI through Typer's runner: exit codes, one-line errors, JSON listings, the demo."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ontrack.cli import app
from ontrack.render import sparkline
from ontrack.store import Store

from .conftest import TIDY_HEADER

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_init_and_ingest_summary(tmp_path: Path, write) -> None:
    db = str(tmp_path / "cli.db")
    assert run("init", "--db", db).exit_code == 0
    data = write(
        "d.csv",
        TIDY_HEADER + "Liaoning,gdp_real_growth_yoy,2022,2.1,percent,x\n"
        "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,x\n",
    )
    result = run("ingest", str(data), "--db", db, "--json")
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)
    assert summary["observations_added"] == 2 and summary["series_added"] == 1
    table = run("ingest", str(data), "--db", db)
    assert table.exit_code == 0 and "unchanged" in table.stdout


def test_ingest_bad_file_exits_2_naming_file_and_line(tmp_path: Path, write) -> None:
    db = str(tmp_path / "cli.db")
    bad = write("bad.csv", TIDY_HEADER + "Liaoning,gdp_real_growth_yoy,2023,n/a,percent,x\n")
    good = write("good.csv", TIDY_HEADER + "China,gdp_real_growth_yoy,2023,5.2,percent,x\n")
    result = run("ingest", str(bad), str(good), "--db", db)
    assert result.exit_code == 2
    assert "bad.csv: 1 bad row(s); nothing from this file was stored" in result.stderr
    assert "bad.csv:2: column 'value': 'n/a' is not a number" in result.stderr
    listing = json.loads(run("series", "list", "--db", db, "--json").stdout)
    assert [s["region"] for s in listing] == ["CN"]  # the good file still went in


def test_unreadable_file_one_line_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02binary")
    result = run("ingest", str(junk), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2
    assert "junk.csv: this is a binary file" in result.stderr
    assert "Traceback" not in result.output


def test_series_list_filters_and_show(tmp_path: Path, write) -> None:
    db = str(tmp_path / "cli.db")
    data = write(
        "d.csv",
        TIDY_HEADER + "Liaoning,gdp_real_growth_yoy,2022,2.1,percent,x\n"
        "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,x\n"
        "China,gdp_real_growth_yoy,2023,5.2,percent,x\n",
    )
    run("ingest", str(data), "--db", db)
    listed = json.loads(run("series", "list", "--db", db, "--region", "辽宁", "--json").stdout)
    assert len(listed) == 1 and listed[0]["last_value"] == 5.3 and listed[0]["observations"] == 2
    sid = str(listed[0]["id"])
    shown = json.loads(run("series", "show", sid, "--db", db, "--json").stdout)
    assert [o["value"] for o in shown["observations"]] == [2.1, 5.3]
    table = run("series", "show", sid, "--db", db)
    assert table.exit_code == 0 and "Liaoning" in table.stdout and "▁█" in table.stdout
    missing = run("series", "show", "999", "--db", db)
    assert missing.exit_code == 2 and "no series with id 999" in missing.stderr
    unknown = run("series", "list", "--db", db, "--region", "Atlantis")
    assert unknown.exit_code == 2 and "unknown region 'Atlantis'" in unknown.stderr


def test_catalog_commands(tmp_path: Path, write) -> None:
    db = str(tmp_path / "cli.db")
    extra = write("cities.csv", "id,name,name_zh,aliases\nCN-LN-DL,Dalian,大连市,Dalian City\n")
    assert run("init", "--db", db).exit_code == 0
    assert run("catalog", "add", str(extra), "--db", db).exit_code == 0
    regions = json.loads(run("catalog", "regions", "--db", db, "--json").stdout)
    assert any(r["id"] == "CN-LN-DL" for r in regions)
    indicators = json.loads(run("catalog", "indicators", "--db", db, "--json").stdout)
    assert any(i["id"] == "share_clean_energy_in_capacity" for i in indicators)


def test_demo_shows_liaoning_and_china(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Liaoning:" in result.stdout and "China:" in result.stdout
    assert "gdp_real_growth_yoy" in result.stdout
    # the bundled briefing is extracted and saved: figures and the six strategic roles
    assert "56.8" in result.stdout and "2024-12-31" in result.stdout
    assert "a pioneer of modern agriculture" in result.stdout
    again = run("demo", "--db", str(db))
    assert again.exit_code == 2 and "already exists" in again.stderr
    listing = json.loads(
        run(
            "series",
            "list",
            "--db",
            str(db),
            "--region",
            "Liaoning",
            "--indicator",
            "gdp_real_growth_yoy",
            "--json",
        ).stdout
    )
    (gdp,) = listing
    assert gdp["last_period"] == "2025" and gdp["last_value"] == 3.7  # bundled first releases
    from ontrack.ingest.targets import TABLE_TITLE
    from ontrack.store import Store

    with Store(db) as store:
        tables = {d["id"] for d in store.list_documents() if d["title"].startswith(TABLE_TITLE)}
        stmts = [s for s in store.statements() if s.document_id not in tables]
        # the bundled plan tables are imported too, so `ontrack backtest` can replay them
        assert len(tables) >= 2 and len(store.statements(kind="target")) > 100
    kinds = [s.kind for s in stmts]
    # two targets in each of the English and the Chinese briefing
    assert kinds.count("target") == 4 and kinds.count("goal") >= 6
    assert sum(1 for s in stmts if s.kind == "target" and "清洁能源" in s.indicator) == 2


def test_sparkline() -> None:
    assert sparkline([1, 2, 3]) == "▁▄█"
    assert sparkline([5, 5]) == "▁▁"
    assert sparkline([]) == ""


def test_extract_json_and_save(tmp_path: Path, write) -> None:
    doc = write(
        "brief.md",
        "---\ntitle: Test briefing\ndate: 2024-04-23\nregion: Liaoning\n---\n\n"
        "Liaoning's GDP grew 5.3 percent last year. The province aims to raise the share of "
        "clean energy in installed capacity to more than 50 percent by the end of 2024.\n",
    )
    result = run("extract", str(doc), "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert {(r["kind"], r["value"], r["period"]) for r in records} >= {
        ("result", 5.3, "2023"),
        ("target", 50, "2024-12-31"),
    }
    db = str(tmp_path / "x.db")
    first = run("extract", str(doc), "--format", "jsonl", "--save", "--db", db)
    assert first.exit_code == 0 and len(first.stdout.splitlines()) == len(records)
    assert "saved 1 new document" in first.stderr
    again = run("extract", str(doc), "--save", "--db", db)
    assert again.exit_code == 0 and "saved 0 new document(s); 1 already stored" in again.stderr
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01 not a pdf")
    bad = run("extract", str(junk))
    assert bad.exit_code == 2 and "junk.pdf" in bad.stderr


def test_reading_commands_refuse_a_store_that_does_not_exist(tmp_path: Path) -> None:
    typo = str(tmp_path / "typo.db")
    for args in (
        ["scorecard", "Liaoning"],
        ["series", "list"],
        ["assess"],
        ["export", "--out", str(tmp_path / "x")],
        ["publish", "--out", str(tmp_path / "site")],
        ["report", "Liaoning"],
        ["catalog", "regions"],
    ):
        result = run(*args, "--db", typo)
        assert result.exit_code == 2, (args, result.output)
        assert f"no store at {typo}" in result.stderr and "ontrack init" in result.stderr
        assert "Traceback" not in result.output
    assert not Path(typo).exists()  # nothing was created
    made = run("init", "--db", typo)
    assert made.exit_code == 0 and f"created a new store at {typo}" in made.stdout
    again = run("init", "--db", typo)
    assert again.exit_code == 0 and "created" not in again.stdout
    assert run("scorecard", "Liaoning", "--db", typo).exit_code == 0


def test_document_regions_resolve_through_the_catalog(tmp_path: Path, write) -> None:
    db = str(tmp_path / "r.db")
    assert run("init", "--db", db).exit_code == 0
    cities = write("cities.csv", "id,name,name_zh,aliases\nCN-LN-DL,Dalian,大连市,Dalian City\n")
    assert run("catalog", "add", str(cities), "--db", db).exit_code == 0
    doc = write(
        "d.md",
        "---\ntitle: City note\ndate: 2024-05-01\nregion: Dalian City\n---\n\n"
        "The city's output grew 6.1 percent in 2023.\n",
    )
    saved = run("extract", str(doc), "--save", "--db", db, "--format", "json")
    assert saved.exit_code == 0, saved.output
    stored = Store(db).list_documents()
    assert [d["region_id"] for d in stored] == ["CN-LN-DL"]
    bad = run("extract", str(doc), "--region", "Atlantis", "--save", "--db", db)
    assert bad.exit_code == 2 and "unknown region 'Atlantis'" in bad.stderr
    typo = run("extract", str(doc), "--region", "Liaonin")
    assert typo.exit_code == 2 and "Did you mean" in typo.stderr
    wrong_fm = write("w.md", "---\nregion: Narnia\n---\n\nGrowth was 5 percent in 2023.\n")
    refused = run("extract", str(wrong_fm), "--save", "--db", db)
    assert refused.exit_code == 2 and "Narnia" in refused.stderr


def test_extract_on_a_folder_shows_progress(tmp_path: Path, monkeypatch) -> None:
    import io

    from rich.console import Console

    import ontrack.cli as cli

    for n in range(3):
        (tmp_path / f"{n}.md").write_text(f"Output grew {n + 4} percent in 2023.\n")
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100))
    result = run("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3  # stdout stays data
    assert "extract" in screen.getvalue() and "3/3" in screen.getvalue()
