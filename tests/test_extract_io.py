"""Extraction inputs (files, encodings, formats), the demo briefing, robustness and the devset."""

from __future__ import annotations

import importlib.util
import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontrack.errors import InputFileError
from ontrack.extract import extract_document, extract_path, extract_text, read_document
from ontrack.model import Comparator, Document, StatementKind

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
BRIEFING = ROOT / "src" / "ontrack" / "datasets" / "liaoning_briefing_2024-04-23.md"

FRONT = "---\ntitle: Test\ndate: 2023-03-01\nsource: written for this test\nregion: Hubei\n---\n\n"
BODY = "Hubei's exports grew 6.1 percent last year.\n"


# --- reading -------------------------------------------------------------------------------


def test_front_matter_and_offsets_into_body(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(FRONT + BODY, encoding="utf-8")
    doc = read_document(p)
    assert doc.text == BODY
    assert (doc.title, doc.date, doc.region_id) == ("Test", date(2023, 3, 1), "CN-HB")
    [s] = extract_document(doc)
    assert (s.value, s.period, s.document_id) == (6.1, "2022", doc.id)
    assert doc.text[s.start : s.end] == s.quote


def test_arguments_override_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(FRONT + BODY, encoding="utf-8")
    doc = read_document(p, date=date(2025, 1, 10), region="Anhui")
    assert doc.date == date(2025, 1, 10) and doc.region_id == "CN-AH"
    assert extract_document(doc)[0].period == "2024"


def test_unknown_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("---\nsource: x\ndate: unknown\n---\n\n" + BODY, encoding="utf-8")
    assert read_document(p).date is None


def test_bad_front_matter_date_names_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_text("---\ndate: 23/04/2024\n---\n\ntext", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"bad\.txt.*YYYY-MM-DD"):
        read_document(p)


def test_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    text = "Guangdong’s output rose 4.8 percent in 2023 – faster than planned.\n"
    p = tmp_path / "cp.txt"
    p.write_bytes(text.encode("cp1252"))
    assert read_document(p).text == text
    q = tmp_path / "gb.txt"
    zh = "广东省2023年地区生产总值增长4.8%。Guangdong's output rose 4.8 percent in 2023.\n"
    q.write_bytes(zh.encode("gb18030"))
    assert read_document(q).text == zh


def test_empty_file_gives_no_statements(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert extract_document(read_document(p)) == []


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputFileError, match=r"blob\.txt.*binary"):
        read_document(p)


def test_unsupported_and_missing(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="unsupported"):
        p = tmp_path / "x.docx"
        p.write_bytes(b"PK")
        read_document(p)
    with pytest.raises(InputFileError, match="no such"):
        read_document(tmp_path / "missing.txt")


def test_html_main_text_only(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Report</title><script>var x = 2023;</script></head><body>"
        "<nav>Home | News | 2024 | Contact</nav><header>Site header with 12 links</header>"
        "<article><h1>Shaanxi economy</h1><p>Shaanxi&#8217;s GDP grew 4.3 percent in 2023.</p>"
        "</article><footer>Copyright 2024, 100 rights</footer></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p, date=date(2024, 2, 1))
    assert "header" not in doc.text and "Copyright" not in doc.text
    [s] = extract_document(doc)
    assert (s.value, s.period, s.region_id) == (4.3, "2023", "CN-SN")


def _tiny_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    p = tmp_path / "r.pdf"
    p.write_bytes(_tiny_pdf("Jilin's grain output reached 41.6 million tons in 2023."))
    doc = read_document(p, date=date(2024, 1, 20))
    [s] = extract_document(doc)
    assert (s.value, s.unit) == (41.6e6, "tonnes")


def test_folder_reads_every_supported_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FRONT + BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text("Output rose 3 percent in 2022.\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    got = extract_path(tmp_path)
    assert [len(stmts) for _doc, stmts in got] == [1, 1]


# --- the demo briefing ---------------------------------------------------------------------


def test_liaoning_briefing_extraction() -> None:
    doc = read_document(BRIEFING)
    assert doc.date == date(2024, 4, 23) and doc.region_id == "CN-LN"
    stmts = extract_document(doc)
    for s in stmts:
        assert doc.text[s.start : s.end] == s.quote
    figures = [
        (s.kind, s.value, s.unit, s.comparator, s.period)
        for s in stmts
        if s.kind != StatementKind.GOAL
    ]
    assert figures == [
        ("result", 5.3, "percent", None, "2023"),
        ("comparison", None, None, None, "2023"),
        ("result", 5.4, "percent", None, "2024Q1"),
        ("result", 49.5, "percent", None, "2024"),
        ("target", 50.0, "percent", Comparator.GT, "2024-12-31"),
        ("target", 56.8, "percent", Comparator.EQ, "2025-12-31"),
    ]
    cmp = [s for s in stmts if s.kind == StatementKind.COMPARISON][0]
    assert "national" in cmp.quote and "first time in a decade" in cmp.quote
    share = [s for s in stmts if s.value == 49.5][0]
    assert "clean energy" in share.indicator.lower() and "capacity" in share.indicator
    goals = [s.quote for s in stmts if s.kind == StatementKind.GOAL]
    assert goals == [
        "a major supporting area for national strategies",
        "a key source of technological innovation",
        "a competitive hub for advanced manufacturing",
        "a pioneer of modern agriculture",
        "a demonstration area for integrated culture, sports and tourism",
        "a core region for opening up and cooperation in Northeast Asia",
        "build key industrial clusters and key laboratory clusters",
        "strengthen research in chemistry, materials, new energy, high-end equipment and "
        "integrated-circuit equipment",
        "pursue a green, low-carbon transformation of its heavy-industry base",
    ]
    assert all(s.region_id == "CN-LN" for s in stmts)


# --- robustness ----------------------------------------------------------------------------

_alphabet = st.sampled_from(
    list("abcdefghij ABCDE 0123456789 .,;:%-–()$“”'\"\n")
    + [
        "percent",
        " billion",
        " yuan",
        " by 2025",
        " in 2023",
        " will ",
        " about ",
        " first ",
        " quarter",
        " half of ",
        " ranking second",
        " tons",
        " the end of ",
        " doubled ",
    ]
)


@settings(deadline=2000, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_alphabet, max_size=300).map("".join))
def test_quotes_are_exact_substrings_on_random_text(text: str) -> None:
    stmts = extract_text(text, date=date(2024, 4, 23))
    for s in stmts:
        assert text[s.start : s.end] == s.quote
        assert 0.0 <= s.confidence <= 1.0
    assert [s.start for s in stmts] == sorted(s.start for s in stmts)


@settings(deadline=5000, max_examples=20)
@given(
    st.sampled_from([".", ",", "(", "-", "%", "1", " ", "“", "1,", "1.", "a "]),
    st.integers(min_value=20_000, max_value=100_000),
)
def test_adversarial_punctuation_does_not_hang(piece: str, n: int) -> None:
    text = piece * (n // len(piece))
    stmts = extract_text(text, date=date(2024, 1, 1))
    for s in stmts:
        assert text[s.start : s.end] == s.quote


@settings(deadline=10_000, max_examples=3)
@given(st.integers(min_value=0, max_value=2))
def test_hundred_thousand_character_sentence(seed: int) -> None:
    words = ["output", "rose", "5.3", "percent", "and", "1,2", "the", "of", "by", "2025", "half"]
    text = " ".join(words[(i * 7 + seed) % len(words)] for i in range(20_000))[:100_000]
    stmts = extract_text(text, date=date(2024, 1, 1))
    for s in stmts:
        assert text[s.start : s.end] == s.quote


# --- the devset (skipped when ../shared is absent) -----------------------------------------


def test_devset_quality() -> None:
    docs = SHARED / "devset" / "docs"
    scorer_path = SHARED / "eval" / "score_extraction.py"
    if not docs.is_dir() or not scorer_path.is_file():
        pytest.skip("shared devset not available")
    spec = importlib.util.spec_from_file_location("score_extraction", scorer_path)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with tempfile.TemporaryDirectory() as tmp:
        for p in sorted(docs.glob("*.txt")):
            doc = read_document(p)
            items = [s.to_dict() for s in extract_document(doc)]
            for s in extract_document(doc):
                assert doc.text[s.start : s.end] == s.quote
            Path(tmp, f"{p.stem}.json").write_text(json.dumps(items), encoding="utf-8")
        for strict, floor in ((False, 0.85), (True, 0.75)):
            counts = scorer.score(docs, tmp, strict, False)
            total = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
            _p, _r, f1 = scorer.prf(total)
            assert f1 >= floor, (strict, f1)


def test_document_checksum_identity() -> None:
    a = Document(text="Output rose 3 percent in 2022.")
    assert extract_document(a)[0].document_id == a.id
