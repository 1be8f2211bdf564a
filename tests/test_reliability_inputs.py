"""Every bad input a hostile or careless user found (issue 16) gets one clear message naming
the file (and line, column or flag), exit status 2, no traceback, and stores nothing."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ontrack.cli import app
from ontrack.store import Store

runner = CliRunner()
HEADER = "region,indicator,period,value,unit,source\n"
GOOD = HEADER + "Liaoning,gdp_real_growth_yoy,2022,2.1,percent,test\n"


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def fingerprint(db: Path) -> str:
    """Every row of every table, hashed: equal fingerprints mean nothing was stored."""
    h = hashlib.sha256()
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        for name in sorted(names):
            for row in conn.execute(sa.text(f'SELECT * FROM "{name}" ORDER BY 1')):
                h.update(repr(tuple(row)).encode())
    engine.dispose()
    return h.hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    assert run("ingest", str(good), "--db", str(path)).exit_code == 0
    return path


def _xlsx(rows: list[list[object]]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)

    return make


def _text(body: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(body.encode(encoding))


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


ROW = "Liaoning,gdp_real_growth_yoy,2023,{},percent,test\n"
BAD_TABLES = [
    # (name, writer, text the message must contain)
    ("header.csv", _text(HEADER), "header.csv: the table has a header but no data rows"),
    ("header.xlsx", _xlsx([HEADER.strip().split(",")]), "header.xlsx: the table has a header"),
    ("empty_values.csv", _text(HEADER + ROW.format("") * 3), "every row's value is empty"),
    ("empty.csv", _text(""), "empty.csv: the file is empty"),
    ("binary.csv", _bytes(b"\x00\x01\x02\x03binary"), "binary.csv: this is a binary file"),
    ("nodelim.csv", _text("just some words\nmore words\n"), "nodelim.csv:1: not a table"),
    ("inf.csv", _text(HEADER + ROW.format("1e400")), "inf.csv:2: column 'value': '1e400' is too"),
    ("tiny.csv", _text(HEADER + ROW.format("1e-400")), "tiny.csv:2: column 'value': '1e-400'"),
    ("nan.csv", _text(HEADER + ROW.format("nan")), "nan.csv:2: column 'value': 'nan' is not a"),
    ("infword.csv", _text(HEADER + ROW.format("inf")), "infword.csv:2: column 'value': 'inf'"),
    ("text.csv", _text(HEADER + ROW.format("lots")), "text.csv:2: column 'value': 'lots' is not"),
    (
        "dupcol.csv",
        _text("region,indicator,period,value,value,unit,source\nLiaoning,x,2023,1,2,percent,t\n"),
        "dupcol.csv:1: column 'value' (column 5) repeats column 4",
    ),
    (
        "longname.csv",
        _text(HEADER + f"Liaoning,{'g' * 100_000},2023,1,percent,t\n"),
        "longname.csv:2: column 'indicator': 100000 characters is longer than the limit",
    ),
    (
        "longvintage.csv",
        _text(
            "region,indicator,period,value,unit,source,vintage\n"
            f"Liaoning,gdp,2023,1,percent,t,{'v' * 400}\n"
        ),
        "longvintage.csv:2: column 'vintage': 400 characters",
    ),
    (
        "extra.csv",
        _text(HEADER + "Liaoning,gdp_real_growth_yoy,2023,1,percent,t,surplus\n"),
        "extra.csv: not a readable CSV table: a row has more fields than the header",
    ),
    ("missingcol.csv", _text("region,value\nLiaoning,1\n"), "missing column(s) indicator"),
    (
        "baddate.csv",
        _text(HEADER + "Liaoning,gdp_real_growth_yoy,2023-02-30,1,percent,t\n"),
        "baddate.csv:2: column 'period'",
    ),
    (
        "badperiod.csv",
        _text(HEADER + "Liaoning,gdp_real_growth_yoy,2023Q9,1,percent,t\n"),
        "badperiod.csv:2: column 'period'",
    ),
    (
        "region.csv",
        _text(HEADER + "Atlantis,gdp_real_growth_yoy,2023,1,percent,t\n"),
        "region.csv:2: column 'region'",
    ),
    (
        "badxlsx.xlsx",
        _bytes(b"PK\x03\x04 not really a workbook"),
        "badxlsx.xlsx: not a readable Excel workbook",
    ),
    ("utf16bad.csv", _bytes(b"\xff\xfe\x00\xd8"), "utf16bad.csv"),
]


@pytest.mark.parametrize(("name", "make", "expected"), BAD_TABLES, ids=[b[0] for b in BAD_TABLES])
def test_bad_table_is_one_message_exit_2_nothing_stored(
    tmp_path: Path, db: Path, name: str, make: Callable[[Path], None], expected: str
) -> None:
    path = tmp_path / name
    make(path)
    before = fingerprint(db)
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 2, result.output
    assert expected in result.stderr.replace(str(tmp_path) + "/", "")
    assert "Traceback" not in result.output and "Error:" not in result.stderr
    assert fingerprint(db) == before


def test_folder_with_a_header_only_file_names_it_and_stores_the_rest(
    tmp_path: Path, db: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_header.csv").write_text(HEADER)
    (folder / "b_good.csv").write_text(HEADER + "China,gdp_real_growth_yoy,2023,5.2,percent,t\n")
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 2
    assert "a_header.csv: the table has a header but no data rows" in result.stderr
    assert "1 file(s) stored, 1 refused" in result.stderr
    listing = json.loads(run("series", "list", "--db", str(db), "--json").stdout)
    assert sorted(s["region"] for s in listing) == ["CN", "CN-LN"]


@pytest.mark.parametrize(
    ("value", "stored"),
    [("５.３", 5.3), ("١٢٫٥".replace("٫", "."), 12.5), ("－２", -2.0), ("1,234.5", 1234.5)],
)
def test_unicode_digits_are_read_as_their_numbers(
    tmp_path: Path, db: Path, value: str, stored: float
) -> None:
    path = tmp_path / "digits.csv"
    path.write_text(HEADER + f'Liaoning,gdp_real_growth_yoy,2023,"{value}",percent,t\n')
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (info,) = store.list_series(region="Liaoning")
        assert store.observations(info.series.id or 0)[-1].value == pytest.approx(stored)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_other_encodings_are_detected(tmp_path: Path, db: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    body = HEADER + "Liaoning,gdp_real_growth_yoy,2023,5.3,percent,Statistisches Jahrbuch Köln\n"
    path.write_bytes(body.encode(encoding) if encoding != "utf-16" else body.encode("utf-16"))
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (info,) = store.list_series(region="Liaoning")
        assert store.observations(info.series.id or 0)[-1].source.endswith("Köln")


FLAG_CASES = [
    (["assess", "--model", "foo"], "--model 'foo' is not a model; use one of damped"),
    (["scorecard", "Liaoning", "--model", "foo"], "--model 'foo' is not a model"),
    (["backtest", "--model", "foo"], "--model 'foo' is not a model"),
    (["assess", "--engine", "foo"], "--engine 'foo' is not an engine"),
    (["assess", "--as-of", "2024-13-01"], "--as-of '2024-13-01' is not a date"),
    (["scorecard", "Liaoning", "--as-of", "soon"], "--as-of 'soon' is not a date"),
    (["series", "show", str(10**23)], "10^23"),
    (["link", "1", str(10**23)], "10^23"),
    (["serve", "--port", "99999"], "65535"),
    (["export", "--out", "x", "--format", "xls"], "xls"),
    (["extract", "nothere.md", "--date", "23/04/2024"], "--date '23/04/2024' is not a date"),
    (["ingest", "nothere.csv", "--unit", "gdp"], "--unit 'gdp': write COLUMN=UNIT"),
]


@pytest.mark.parametrize(("args", "expected"), FLAG_CASES, ids=[" ".join(a) for a, _ in FLAG_CASES])
def test_bad_flags_get_a_message_and_exit_2(db: Path, args: list[str], expected: str) -> None:
    before = fingerprint(db)
    result = run(*args, "--db", str(db))
    assert result.exit_code == 2, result.output
    if expected != "10^23":
        assert expected.split("'")[0] in result.output
    assert "Traceback" not in result.output
    assert fingerprint(db) == before


@pytest.mark.parametrize(
    "command",
    [
        ["series", "list"],
        ["series", "show", "1"],
        ["scorecard", "Liaoning"],
        ["assess"],
        ["export", "--out", "ex"],
        ["publish", "--out", "site"],
        ["catalog", "regions"],
        ["document", "list"],
    ],
)
def test_read_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo" / "ontrak.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 2
    assert f"no store at {missing}" in result.stderr
    assert not missing.parent.exists()


def test_unexpected_failure_is_a_message_unless_debug(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Store, "list_series", broken)
    quiet = run("series", "list", "--db", str(db))
    assert quiet.exit_code == 2 and "internal error (RuntimeError)" in quiet.stderr
    assert "ONTRACK_DEBUG=1" in quiet.stderr and "Traceback" not in quiet.output
    loud = run("series", "list", "--db", str(db), env={"ONTRACK_DEBUG": "1"})
    assert isinstance(loud.exception, RuntimeError)


DOCS = [
    (
        "atlantis.md",
        "---\nregion: Atlantis\n---\nGDP grew 5% in 2023.\n",
        "front matter region: unknown region 'Atlantis'",
    ),
    ("nul.md", "GDP grew 5% in 2023.\n" + "x" * 70_000 + "\x00 tail\n", "NUL character"),
    ("binary.txt", "\x00\x01\x02", "binary file"),
    ("broken.pdf", "%PDF-1.4 this is not a pdf", "broken.pdf"),
    ("nofront.md", "---\n" + "key: v\n" * 100_000, "front matter is longer than"),
]


@pytest.mark.parametrize(("name", "text", "expected"), DOCS, ids=[d[0] for d in DOCS])
def test_bad_documents_are_refused_and_the_good_ones_still_saved(
    tmp_path: Path, db: Path, name: str, text: str, expected: str
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / name).write_bytes(text.encode("utf-8"))
    (folder / "good.md").write_text("Liaoning's GDP grew 5.3 percent in 2023.\n")
    result = run("extract", str(folder), "--save", "--db", str(db))
    assert result.exit_code == 2, result.output
    assert name in result.stderr and expected in result.stderr
    assert "Traceback" not in result.output
    assert "saved 1 new document(s)" in result.stderr  # the good file is not held back
    with Store(db) as store:
        assert len(store.list_documents()) == 1


def test_unknown_region_flag_is_refused_and_stores_nothing(tmp_path: Path, db: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_text("GDP grew 5% in 2023.\n")
    before = fingerprint(db)
    result = run("extract", str(doc), "--region", "Atlantis", "--save", "--db", str(db))
    assert result.exit_code == 2 and "--region: unknown region 'Atlantis'" in result.stderr
    assert fingerprint(db) == before


def test_far_future_document_date_extracts_and_assesses(tmp_path: Path, db: Path) -> None:
    doc = tmp_path / "far.md"
    doc.write_text("---\ndate: 9999-12-31\n---\nLiaoning's GDP will grow 5% next year.\n")
    saved = run("extract", str(doc), "--save", "--db", str(db), "--format", "json")
    assert saved.exit_code == 0, saved.output
    assert all(s["period"] is None for s in json.loads(saved.stdout))
    assessed = run("assess", "--db", str(db), "--as-of", "2024-05-01")
    assert assessed.exit_code == 0, assessed.output


def test_publish_and_report_refuse_wrong_kinds_of_out(tmp_path: Path, db: Path) -> None:
    afile = tmp_path / "a.txt"
    afile.write_text("keep me")
    pub = run("publish", "--out", str(afile), "--db", str(db))
    assert pub.exit_code == 2 and "is a file" in pub.stderr and afile.read_text() == "keep me"
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    pub2 = run("publish", "--out", str(other), "--db", str(db))
    assert pub2.exit_code == 2 and "holds other files" in pub2.stderr
    assert (other / "notes.txt").read_text() == "mine"
    rep = run("report", "Liaoning", "--out", str(tmp_path), "--db", str(db))
    assert rep.exit_code == 2 and "is a folder" in rep.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_read_only_store_is_read_and_refuses_writes(tmp_path: Path, db: Path) -> None:
    data = tmp_path / "more.csv"
    data.write_text(HEADER + "China,gdp_real_growth_yoy,2023,5.2,percent,t\n")
    for leftover in db.parent.glob("s.db-*"):
        leftover.unlink()
    db.parent.chmod(0o555)
    db.chmod(0o444)
    try:
        listed = run("series", "list", "--db", str(db), "--json")
        assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 1
        refused = run("ingest", str(data), "--db", str(db))
        assert refused.exit_code == 2 and "read-only" in refused.stderr
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


def test_exports_are_strict_json_and_csv_cells_are_not_formulas(tmp_path: Path, db: Path) -> None:
    with Store(db) as store, store.engine.begin() as conn:  # an older store holding infinity
        conn.execute(sa.text("UPDATE observations SET value = 9e999, source = '=HYPERLINK(1)'"))
    out = tmp_path / "ex"
    assert run("export", "--out", str(out), "--format", "json", "--db", str(db)).exit_code == 0
    text = (out / "observations.json").read_text()
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON token {c}"))
    assert run("export", "--out", str(out), "--format", "csv", "--db", str(db)).exit_code == 0
    csv_text = (out / "observations.csv").read_text()
    assert "'=HYPERLINK(1)" in csv_text and "inf" not in csv_text
    shown = run("series", "list", "--db", str(db), "--json")
    json.loads(shown.stdout, parse_constant=lambda c: pytest.fail(f"non-JSON token {c}"))
