"""Review and correction: every transition, validation errors, the audit trail across a
re-extraction, re-linking and re-assessment, statistics, the labelled export and the walk."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontrack import review
from ontrack.assess import build_scorecard, link_statements
from ontrack.cli import app
from ontrack.errors import NotFoundError, ReviewError
from ontrack.extract import extract_document
from ontrack.model import Document
from ontrack.review_export import export_labelled, review_stats
from ontrack.review_walk import Terminal, in_context, walk
from ontrack.store import Store

TEXT = (
    "Jilin reported on its transport plan.\n\n"
    "Jilin built 120 kilometers of new bike lanes in 2023, the transport office said. "
    "Its gross domestic product grew 6.1 percent in 2023. The province aims to raise the "
    "share of clean energy in installed capacity to 40 percent by the end of 2025. "
    "It also pledged to plant 3 million trees by 2026.\n"
)
DATA = (
    "region,indicator,period,value,unit,source\n"
    "Jilin,gdp_real_growth_yoy,2021,6.6,percent,test bureau\n"
    "Jilin,gdp_real_growth_yoy,2022,-1.9,percent,test bureau\n"
    "Jilin,gdp_real_growth_yoy,2023,6.3,percent,test bureau\n"
)
runner = CliRunner()


def _doc() -> Document:
    return Document(text=TEXT, date=date(2024, 3, 1), region_id="CN-JL", title="Transport note")


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    csv = tmp_path / "jilin.csv"
    csv.write_text(DATA, encoding="utf-8")
    store.ingest(csv)
    doc = _doc()
    assert store.save_document(doc, extract_document(doc))
    link_statements(store)
    return store


def _id(store: Store, words: str) -> int:
    found = [s for s in store.statements(include_rejected=True) if words in s.quote]
    assert len(found) == 1, [s.quote for s in found]
    return found[0].id or 0


def _item(store: Store, sid: int) -> dict | None:
    card = build_scorecard(store, "Jilin", as_of=date(2024, 6, 1), probabilities=False)
    return next((it for it in card["items"] if it["statement"]["id"] == sid), None)


# -- transitions ------------------------------------------------------------------------------
def test_unreviewed_statement_is_extracted_and_machine_read(filled: Store) -> None:
    shown = review.show(filled, _id(filled, "bike lanes"))
    assert shown["state"] == "extracted" and shown["review"] == "machine-read"
    assert shown["history"] == [] and shown["checked_by_person"] is False
    assert shown["extracted"]["unit"] == shown["unit"] == "km"


def test_confirm_records_who_when_and_the_state(filled: Store) -> None:
    sid = _id(filled, "grew 6.1")
    shown = review.confirm(filled, sid, by="ana", reason="checked against the bulletin")
    assert shown["state"] == "confirmed" and shown["review"] == "checked by a person"
    (entry,) = shown["history"]
    assert entry["field"] == "state" and (entry["old"], entry["new"]) == ("extracted", "confirmed")
    assert entry["by"] == "ana" and entry["reason"] == "checked against the bulletin"
    assert entry["at"].startswith(str(date.today().year))
    with pytest.raises(ReviewError, match="already confirmed"):
        review.confirm(filled, sid, by="ana")


def test_edit_keeps_the_extracted_version_and_the_scorecard_uses_the_correction(
    filled: Store,
) -> None:
    sid = _id(filled, "bike lanes")
    shown = review.edit(
        filled,
        sid,
        {"unit": "kilometers", "indicator": "new bike lanes", "value": "120"},
        reason="the figure is a length of lanes",
        by="ana",
    )
    assert shown["state"] == "corrected" and shown["unit"] == "km"
    assert shown["indicator"] == "new bike lanes"
    assert shown["extracted"]["unit"] == "km" and shown["extracted"]["indicator"] == "Jilin built"
    changed = {h["field"]: (h["old"], h["new"]) for h in shown["history"]}
    assert changed == {
        "indicator": ("Jilin built", "new bike lanes"),
        "state": ("extracted", "corrected"),
    }  # value 120 and the unit (kilometers is km) were unchanged: not in the history
    item = _item(filled, sid)
    assert item is not None and item["statement"]["unit"] == "km"
    assert item["statement"]["indicator"] == "new bike lanes"
    again = review.edit(filled, sid, {"period": "2023-12-31"}, reason="a stock", by="li")
    assert [h["version"] for h in again["history"]][-1] == 3
    assert again["extracted"]["period"] == "2023" and again["period"] == "2023-12-31"


def test_edit_of_a_confirmed_statement_makes_it_corrected(filled: Store) -> None:
    sid = _id(filled, "plant 3 million")
    review.confirm(filled, sid, by="ana")
    shown = review.edit(filled, sid, {"unit": "count", "indicator": "trees planted"}, reason="x")
    assert shown["state"] == "corrected"
    assert [h["new"] for h in shown["history"] if h["field"] == "state"] == [
        "confirmed",
        "corrected",
    ]


def test_reject_leaves_the_scorecard_and_stays_listed(filled: Store) -> None:
    sid = _id(filled, "plant 3 million")
    assert _item(filled, sid) is not None
    shown = review.reject(filled, sid, reason="a pledge without a measure", by="ana")
    assert (
        shown["state"] == "rejected" and shown["rejection_reason"] == "a pledge without a measure"
    )
    assert _item(filled, sid) is None
    assert sid not in {s.id for s in filled.statements()}
    assert sid in {s.id for s in filled.statements(include_rejected=True)}
    assert review.review_states(filled)[sid] == "rejected"


@pytest.mark.parametrize(
    "action",
    [
        lambda s, i: review.edit(s, i, {"unit": "miles"}, reason="late fix"),
        lambda s, i: review.confirm(s, i),
        lambda s, i: review.reject(s, i, reason="twice"),
    ],
    ids=["edit", "confirm", "reject"],
)
def test_a_rejected_statement_cannot_be_changed(filled: Store, action: object) -> None:
    sid = _id(filled, "bike lanes")
    review.reject(filled, sid, reason="not a statistic")
    with pytest.raises(ReviewError, match="was rejected"):
        action(filled, sid)  # type: ignore[operator]
    assert review.show(filled, sid)["unit"] == "km"


def test_add_from_a_quote_the_extractor_missed(filled: Store) -> None:
    doc_id = _doc().id
    shown = review.add(
        filled,
        doc_id,
        kind="result",
        quote="120 kilometers of new bike lanes",
        fields={"value": "120", "unit": "km", "period": "2023", "indicator": "bike lanes built"},
        reason="missed length",
        by="ana",
    )
    start = TEXT.index("120 kilometers")
    assert (shown["start"], shown["end"]) == (
        start,
        start + len("120 kilometers of new bike lanes"),
    )
    assert shown["state"] == "added" and shown["review"] == "checked by a person"
    assert shown["region"] == "CN-JL" and shown["extracted"] is None
    assert shown["history"][0]["new"] == "added" and shown["history"][0]["by"] == "ana"
    assert _item(filled, shown["id"]) is not None
    edited = review.edit(filled, shown["id"], {"value": "125"}, reason="typo")
    assert edited["state"] == "added" and edited["value"] == 125.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": 5, "end": 100_000}, "outside document"),
        ({"start": -1, "end": 4}, "outside document"),
        ({"start": 9, "end": 9}, "start must be below end"),
        ({"quote": "a sentence that is not there"}, "does not occur"),
        ({"quote": "Jilin"}, "more than once"),
        ({"start": 0, "end": 5, "quote": "Other"}, "not the quote"),
        ({}, "--start and --end"),
    ],
)
def test_add_checks_offsets_against_the_document(filled: Store, kwargs: dict, message: str) -> None:
    before = len(filled.statements(include_rejected=True))
    with pytest.raises(ReviewError, match=message):
        review.add(filled, _doc().id, kind="result", **kwargs)
    assert len(filled.statements(include_rejected=True)) == before


def test_add_to_an_unknown_document(filled: Store) -> None:
    with pytest.raises(NotFoundError):
        review.add(filled, "0000", kind="result", start=0, end=3)


# -- validation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": "furlongs per fortnight"}, "unknown unit"),
        ({"region": "Atlantis"}, "unknown region"),
        ({"indicator_id": "no_such_indicator"}, "unknown indicator"),
        ({"period": "the year of the dragon"}, "period="),
        ({"value": "lots"}, "not a number"),
        ({"value": "inf"}, "finite"),
        ({"kind": "wish"}, "not a kind"),
        ({"comparator": "roughly-ish"}, "comparator="),
        ({"quote": "other words"}, "cannot be edited"),
        ({"value": "120"}, "nothing changed"),
    ],
)
def test_edits_are_validated_as_on_ingest(filled: Store, changes: dict, message: str) -> None:
    sid = _id(filled, "bike lanes")
    with pytest.raises(ReviewError, match=message):
        review.edit(filled, sid, changes, reason="trying")
    shown = review.show(filled, sid)
    assert shown["state"] == "extracted" and shown["history"] == []


def test_edits_and_rejections_need_a_reason(filled: Store) -> None:
    sid = _id(filled, "bike lanes")
    with pytest.raises(ReviewError, match="reason"):
        review.edit(filled, sid, {"unit": "miles"}, reason="  ")
    with pytest.raises(ReviewError, match="reason"):
        review.reject(filled, sid, reason="")


def test_valid_values_are_normalised(filled: Store) -> None:
    sid = _id(filled, "clean energy")
    shown = review.edit(
        filled,
        sid,
        {"region": "吉林省", "comparator": "at least", "period": "2025Q4", "indicator_id": "GDP"},
        reason="normalising",
    )
    assert shown["region"] == "CN-JL" and shown["comparator"] == ">="
    assert shown["period"] == "2025Q4" and shown["indicator_id"] == "grp_nominal"


def test_assignments_parse_and_refuse_duplicates() -> None:
    assert review.parse_assignments(["unit=km", "value= 3"]) == {"unit": "km", "value": " 3"}
    with pytest.raises(ReviewError, match="twice"):
        review.parse_assignments(["unit=km", "UNIT=m"])
    with pytest.raises(ReviewError, match="FIELD=VALUE"):
        review.parse_assignments(["unit"])


# -- audit trail, re-link, re-assess ------------------------------------------------------------
def test_audit_trail_survives_a_reextraction(filled: Store, tmp_path: Path) -> None:
    sid = _id(filled, "bike lanes")
    review.edit(filled, sid, {"unit": "miles"}, reason="length", by="ana")
    gone = _id(filled, "plant 3 million")
    review.reject(filled, gone, reason="pledge", by="ana")
    doc = _doc()
    assert filled.save_document(doc, extract_document(doc)) is False  # same document
    source = tmp_path / "note.md"
    source.write_text(f"---\ndate: 2024-03-01\nregion: Jilin\n---\n{TEXT}", encoding="utf-8")
    url = filled.url
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(source), "--save", "--db", url])
        assert result.exit_code == 0, result.output
    link_statements(filled)
    assert review.show(filled, sid)["unit"] == "miles"
    assert [h["field"] for h in review.show(filled, sid)["history"]] == ["unit", "state"]
    assert review.show(filled, gone)["state"] == "rejected"
    assert gone not in {s.id for s in filled.statements()}


def test_a_corrected_figure_is_relinked_and_reassessed(filled: Store) -> None:
    sid = _id(filled, "grew 6.1")
    before = _item(filled, sid)
    assert before is not None and before["series"] is not None
    assert before["status"] == "contradicted"  # 6.1 against the official 6.3
    filled.save_assessments(
        [
            {
                "statement_id": sid,
                "series_id": before["series"],
                "as_of": date(2024, 6, 1),
                "model": "damped",
                "status": before["status"],
                "probability": None,
                "explanation": before["explanation"],
            }
        ]
    )
    edited = review.edit(filled, sid, {"value": "6.3"}, reason="the bulletin says 6.3", by="ana")
    assert edited["assessment"]["status"] == "supported"  # re-assessed as of today
    assert edited["assessment"]["series"] == before["series"]
    after = _item(filled, sid)
    assert after is not None and after["status"] == "supported"
    reported = [
        o for o in filled.observations(before["series"], all_vintages=True, kind="reported")
    ]
    assert [o.value for o in reported] == [6.3]  # the old reading's figure is gone
    import sqlalchemy as sa

    from ontrack.tables import assessments_t

    with filled.engine.connect() as conn:
        stored = conn.execute(
            sa.select(assessments_t.c.status).where(assessments_t.c.statement_id == sid)
        ).all()
    assert [r.status for r in stored] == ["supported"]


def test_a_region_correction_moves_the_statement(filled: Store) -> None:
    sid = _id(filled, "grew 6.1")
    review.edit(filled, sid, {"region": "Liaoning"}, reason="the text is about Liaoning")
    assert _item(filled, sid) is None
    card = build_scorecard(filled, "Liaoning", as_of=date(2024, 6, 1), probabilities=False)
    assert sid in {it["statement"]["id"] for it in card["items"]}


# -- statistics and the labelled export --------------------------------------------------------
def test_stats_per_kind_and_field(filled: Store) -> None:
    review.confirm(filled, _id(filled, "grew 6.1"))
    review.edit(filled, _id(filled, "bike lanes"), {"unit": "miles"}, reason="length")
    review.reject(filled, _id(filled, "plant 3 million"), reason="pledge")
    review.add(filled, _doc().id, kind="result", quote="120 kilometers", reason="missed")
    stats = review_stats(filled)
    result, target = stats["kinds"]["result"], stats["kinds"]["target"]
    assert (result["reviewed"], result["confirmed"], result["corrected"]) == (2, 1, 1)
    assert result["precision"] == 1.0 and result["exact"] == 0.5 and result["added"] == 1
    assert result["fields"]["unit"] == {"corrected": 1, "accuracy": 0.5}
    assert result["fields"]["value"] == {"corrected": 0, "accuracy": 1.0}
    assert (target["reviewed"], target["rejected"], target["precision"]) == (1, 1, 0.0)
    assert stats["overall"]["precision"] == round(2 / 3, 4) and stats["unreviewed"] == 1


def test_labelled_export_in_the_devset_format(filled: Store, tmp_path: Path) -> None:
    ids = [s.id or 0 for s in filled.statements()]
    out = tmp_path / "labelled"
    assert export_labelled(filled, out)["documents"] == []  # nothing reviewed yet
    review.edit(filled, _id(filled, "bike lanes"), {"unit": "miles"}, reason="length")
    partial = export_labelled(filled, out)
    assert partial["documents"] == [] and partial["skipped"][0]["unreviewed"] == len(ids) - 1
    for sid in ids:
        if review.review_states(filled)[sid] == "extracted":
            if sid == _id(filled, "plant 3 million"):
                review.reject(filled, sid, reason="pledge")
            else:
                review.confirm(filled, sid)
    done = export_labelled(filled, out)
    assert [d["name"] for d in done["documents"]] == ["01"]
    text = (out / "01.txt").read_text(encoding="utf-8")
    assert text.startswith("---\nsource: unknown\ndate: 2024-03-01\n---\n\n")
    body = text.split("---\n\n", 1)[1]
    items = json.loads((out / "01.json").read_text(encoding="utf-8"))
    assert len(items) == len(ids) - 1
    for it in items:
        assert set(it) == {
            "kind", "indicator", "region", "value", "unit", "comparator", "period", "quote"
        }  # fmt: skip
        assert body.find(it["quote"]) >= 0 and it["region"] == "Jilin"
    bike = next(it for it in items if "bike" in it["quote"])
    assert bike["unit"] == "miles" and bike["comparator"] is None
    with pytest.raises(ReviewError, match="already holds"):
        export_labelled(filled, out)


# -- the terminal walk ---------------------------------------------------------------------------
class Script:
    """A terminal that answers from a script and records what it was shown."""

    def __init__(self, keys: str, lines: list[str]) -> None:
        self.keys, self.lines, self.shown = list(keys), list(lines), []

    def terminal(self) -> Terminal:
        return Terminal(
            key=lambda: self.keys.pop(0), line=lambda _p: self.lines.pop(0), show=self.shown.append
        )


def test_walk_confirms_edits_rejects_skips_and_quits(filled: Store) -> None:
    todo = review.unreviewed(filled, region="Jilin")
    assert len(todo) == 4
    script = Script("x" "c" "e" "e" "r" "s", ["unit=parsecs", "", "nope", "unit=miles", "",
                                             "length", "pledge"])  # fmt: skip
    summary = walk(filled, todo, script.terminal(), by="ana")
    assert summary.confirmed == [todo[0].id] and summary.corrected == [todo[1].id]
    assert summary.rejected == [todo[2].id] and summary.skipped == [todo[3].id]
    assert any(s.startswith("keys:") for s in script.shown)  # 'x' is not a key
    assert any("unknown unit" in s for s in script.shown)  # the bad edit is refused, re-asked
    assert script.shown[0].startswith("[1/4] statement")
    assert any(s.startswith("[4/4]") for s in script.shown)
    assert review.show(filled, todo[1].id or 0)["unit"] == "miles"
    assert review.show(filled, todo[1].id or 0)["history"][0]["by"] == "ana"
    assert [s.id for s in review.unreviewed(filled)] == [todo[3].id]
    assert "1 confirmed, 1 corrected, 1 rejected, 1 skipped; 1 still unreviewed" in script.shown


def test_walk_quits_on_q(filled: Store) -> None:
    todo = review.unreviewed(filled, kind="target")
    summary = walk(filled, todo, Script("q", []).terminal())
    assert summary.quit and not summary.confirmed
    assert len(review.unreviewed(filled, kind="target")) == len(todo)


def test_in_context_marks_the_quote() -> None:
    assert in_context("one two three four", 4, 7, chars=3) == "…ne »two« th…"


def test_unreviewed_filters_are_checked(filled: Store) -> None:
    with pytest.raises(ReviewError, match="--kind"):
        review.unreviewed(filled, kind="targets")
    with pytest.raises(NotFoundError):
        review.unreviewed(filled, document="nope")


# -- CLI -------------------------------------------------------------------------------------------
def test_cli_statement_commands(filled: Store) -> None:
    db = filled.url
    sid = str(_id(filled, "bike lanes"))
    shown = json.loads(runner.invoke(app, ["statement", "show", sid, "--json", "--db", db]).stdout)
    assert shown["state"] == "extracted" and shown["history"] == []
    result = runner.invoke(
        app,
        ["statement", "edit", sid, "--set", "unit=miles", "--set", "indicator=bike lanes",
         "--reason", "a length", "--by", "ana", "--json", "--db", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    edited = json.loads(result.stdout)
    assert edited["state"] == "corrected"
    assert {h["field"] for h in edited["history"]} == {"unit", "indicator", "state"}
    assert all(set(h) >= {"field", "old", "new", "by", "at", "reason"} for h in edited["history"])
    bad = runner.invoke(app, ["statement", "edit", sid, "--set", "region=Atlantis",
                              "--reason", "x", "--db", db])  # fmt: skip
    assert bad.exit_code == 2 and "unknown region" in bad.output
    assert "Traceback" not in bad.output
    rejected = runner.invoke(app, ["statement", "reject", sid, "--reason", "dup", "--db", db])
    assert rejected.exit_code == 0 and "rejected" in rejected.output
    late = runner.invoke(app, ["statement", "confirm", sid, "--db", db])
    assert late.exit_code == 2 and "was rejected" in late.output
    added = runner.invoke(
        app,
        ["statement", "add", "--document", _doc().id, "--kind", "result", "--quote",
         "120 kilometers of new bike lanes", "--set", "unit=km", "--set", "value=120",
         "--reason", "re-added", "--json", "--db", db],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["state"] == "added"
    missing = runner.invoke(app, ["statement", "show", "99999", "--db", db])
    assert missing.exit_code == 2 and "no statement with id 99999" in missing.output


def test_cli_review_walk_stats_and_export(filled: Store, tmp_path: Path) -> None:
    db = filled.url
    walked = runner.invoke(
        app, ["review", "--db", db, "--kind", "target", "--by", "ana", "--json"], input="c\nr\nx\n"
    )
    assert walked.exit_code == 0, walked.output
    assert "[1/2]" in walked.output and "[2/2]" in walked.output
    states = review.review_states(filled)
    assert sorted(states.values()).count("confirmed") == 1
    assert sorted(states.values()).count("rejected") == 1
    stats = json.loads(runner.invoke(app, ["review", "--stats", "--json", "--db", db]).stdout)
    assert stats["kinds"]["target"]["reviewed"] == 2
    table = runner.invoke(app, ["review", "--stats", "--db", db])
    assert table.exit_code == 0 and "precision" in table.output
    out = tmp_path / "set"
    exported = runner.invoke(app, ["review", "--export-labelled", str(out), "--db", db])
    assert exported.exit_code == 0 and "skipped document" in exported.output
    nothing = runner.invoke(app, ["review", "--db", db, "--kind", "target"])
    assert "nothing to review" in nothing.output


def test_migration_0003_up_and_down_keeps_statements(filled: Store) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    sid = _id(filled, "bike lanes")
    review.edit(filled, sid, {"unit": "miles"}, reason="length")
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("ontrack") / "migrations"))
    with filled.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with filled.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        count = conn.exec_driver_sql("SELECT count(*) FROM statements").scalar()
    assert "statement_versions" not in names and count == 4
    reopened = Store(filled.url)  # migrates up again; the old store's rows are extracted
    assert review.review_states(reopened)[sid] == "extracted"
    assert review.show(reopened, sid)["unit"] == "miles"  # the row kept its last version
    reopened.close()


def test_walk_stops_cleanly_on_ctrl_c(filled: Store) -> None:
    todo = review.unreviewed(filled)

    def interrupted() -> str:
        raise KeyboardInterrupt

    shown: list[str] = []
    keys = iter("c")
    term = Terminal(key=lambda: next(keys, "") or interrupted(), line=input, show=shown.append)
    summary = walk(filled, todo, term)
    assert summary.quit and summary.confirmed == [todo[0].id]
    assert shown[-1].startswith("1 confirmed")


def test_a_rejected_statement_says_so_before_checking_values(filled: Store) -> None:
    sid = _id(filled, "bike lanes")
    review.reject(filled, sid, reason="not a statistic")
    with pytest.raises(ReviewError, match="was rejected"):
        review.edit(filled, sid, {"unit": "furlongs"}, reason="late")


def test_a_comparison_follows_a_correction_of_its_figure(filled: Store, tmp_path: Path) -> None:
    """A comparison takes its indicator from the figure before it: correcting that figure
    re-links the comparison too, while other statements' links stay as they were."""
    text = (
        "Jilin's gross domestic product grew 6.3 percent in 2023, "
        "surpassing the national growth rate for the first time in a decade."
    )
    doc = Document(text=text, date=date(2024, 3, 1), region_id="CN-JL", title="Growth note")
    filled.save_document(doc, extract_document(doc))
    link_statements(filled)
    ours = filled.statements(document_id=doc.id)
    figure = next(s for s in ours if s.kind == "result")
    comparison = next(s for s in ours if s.kind == "comparison")
    before = filled.links()
    assert before[comparison.id or 0].series_id == before[figure.id or 0].series_id is not None
    review.edit(filled, figure.id or 0, {"indicator": "tourist arrivals"}, reason="test")
    after = filled.links()
    assert after[figure.id or 0].series_id is None  # no series of tourists
    assert after[comparison.id or 0].series_id is None  # followed its figure
    other = _id(filled, "grew 6.1")
    assert after[other] == before[other]
