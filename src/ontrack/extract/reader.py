"""Reading documents for extraction: .txt/.md with front matter, .html, .pdf; folders.

Offsets convention: `Document.text` is the *body* of the file, i.e. for a text file with a
front-matter block everything after the closing `---` line (leading blank lines dropped). Every
`Statement.start/end` produced by `ontrack.extract` is an offset into `Document.text`, so a
viewer that shows `Document.text` can highlight `text[start:end]` directly. For HTML the body is
the main text (scripts, navigation, headers, footers and asides dropped), for PDF the text layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExtractionError, InputFileError
from ..model import Document

if TYPE_CHECKING:
    from ..catalog import Catalog

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def decode_bytes(data: bytes, path: object = "<bytes>") -> str:
    """Decode file bytes: UTF-8 (with or without BOM) first, else detect the encoding.

    Raises InputFileError for data that looks binary (NUL bytes, undecodable).
    """
    if not data:
        return ""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputFileError(
            path,
            "looks like a binary file (it contains NUL bytes), not text; "
            "give a .txt, .md, .html or .pdf file",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        best = None
    from ..encodings import prefer_windows_1252

    guess = prefer_windows_1252(data, best.encoding if best is not None else None)
    if guess:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    for encoding in ("gb18030", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError(
        path, "cannot be decoded as text in any known encoding; convert it to UTF-8 and retry"
    )


def _parse_date(value: str, path: object) -> date | None:
    value = value.strip().strip("'\"")
    if not value or value.lower() in {"unknown", "none", "null", "n/a", "-"}:
        return None
    m = _DATE.match(value)
    if not m:
        raise InputFileError(
            path, f"front matter date {value!r} is not YYYY-MM-DD; fix it or write 'date: unknown'"
        )
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputFileError(path, f"front matter date {value!r}: {exc}") from None


def split_front_matter(text: str, path: object = "<text>") -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from the body.

    Returns (fields, body). Without a front-matter block, fields is empty and body is the text.
    """
    if not text.startswith("---"):
        return {}, text
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text
    fields: dict[str, str] = {}
    pos = first_nl + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end].rstrip("\r")
        if line.strip() == "---":
            body = text[line_end + 1 :] if nl >= 0 else ""
            return fields, body.lstrip("\r\n")
        m = _FRONT_KEY.match(line)
        if m:
            fields[m.group(1).lower()] = m.group(2).strip().strip("'\"")
        elif line.strip():
            # not a front-matter block after all (e.g. a markdown rule): keep the text whole
            return {}, text
        if nl < 0:
            break
        if pos - first_nl > _front_matter_limit():
            raise InputFileError(
                path,
                f"the front matter is longer than {_front_matter_limit():,} characters "
                "($ONTRACK_MAX_FRONT_MATTER_CHARS); is its closing '---' line missing?",
            )
        pos = nl + 1
    raise InputFileError(path, "front matter starts with '---' but has no closing '---' line")


def _front_matter_limit() -> int:
    from ..limits import limits

    return limits().front_matter_chars


class _MainTextParser(HTMLParser):
    """Collect visible text; drop scripts, styles, navigation, headers, footers and asides."""

    SKIP = {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "button",
        "select",
        "template",
        "iframe",
        "menu",
    }
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "figcaption",
    }
    MAIN = {"article", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.main_depth = 0
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.MAIN:
            self.main_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in self.BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in self.MAIN and self.main_depth:
            self.main_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        self._add(data)

    def _add(self, data: str) -> None:
        self.all_parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """Main text and title of an HTML page (stdlib parser, no dependency)."""
    parser = _MainTextParser()
    parser.feed(html)
    parser.close()
    parts = parser.main_parts if "".join(parser.main_parts).strip() else parser.all_parts
    raw = "".join(parts)
    paragraphs = []
    for line in raw.split("\n"):
        line = re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip()
        if line:
            paragraphs.append(line)
    # boilerplate lines in pages: very short lines without a verb-like word are menu leftovers
    body = [p for p in paragraphs if len(p) > 40 or re.search(r"\d|[.!?]$", p)]
    return "\n\n".join(body), " ".join("".join(parser.title).split())


def pdf_to_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise ExtractionError(
            f"{path}: reading PDF needs the 'pypdf' package; install it with `pip install pypdf`"
        ) from exc
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for broken files
        raise InputFileError(path, f"cannot read the PDF ({exc}); is it a valid PDF file?") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip() and pages:
        raise InputFileError(
            path, "the PDF has no text layer (scanned image?); run OCR on it first"
        )
    return text


def _first_heading(body: str) -> str:
    for line in body.split("\n", 20)[:20]:
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


def read_document(
    path: str | Path,
    *,
    date: date | None = None,
    region: str | None = None,
    catalog: Catalog | None = None,
) -> Document:
    """Read one .txt/.md/.html/.pdf file into a Document (date/region override front matter).

    `region` may be a region id ("CN-LN") or a name ("Liaoning"); names are resolved to ids,
    through `catalog` when given (a store's, with its user-added regions), else the built-in.
    """
    p = Path(path)
    if not p.exists():
        raise InputFileError(p, "no such file; check the path")
    if p.is_dir():
        raise InputFileError(p, "is a folder; use extract_path() to read every file in it")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputFileError(
            p, f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .html or .pdf"
        )
    from ..limits import limits

    most = limits().document_bytes
    if p.stat().st_size > most:
        raise InputFileError(
            p,
            f"{p.stat().st_size:,} bytes is over the limit of {most:,} for a document "
            "($ONTRACK_MAX_DOCUMENT_BYTES)",
        )
    fields: dict[str, str] = {}
    title = ""
    if suffix in PDF_SUFFIXES:
        body = pdf_to_text(p)
    else:
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputFileError(p, f"cannot be read ({exc.strerror or exc})") from exc
        text = decode_bytes(data, p)
        if suffix in HTML_SUFFIXES:
            body, title = html_to_text(text)
        else:
            fields, body = split_front_matter(text, p)
    at = body.find("\x00")
    if at >= 0:
        raise InputFileError(p, f"contains a NUL character (at offset {at}); is it a binary file?")
    doc_date = date if date is not None else _parse_date(fields.get("date", ""), p)
    title = fields.get("title") or title or _first_heading(body)
    from .regions import known_region_id
    from .zh import detect_language

    language = fields.get("language") or detect_language(body)
    region_name = region if region is not None else fields.get("region")
    if not region_name:
        region_id = None
    elif catalog is not None:
        found = catalog.find_region(region_name)
        region_id = found.id if found is not None else None
    else:
        region_id = known_region_id(region_name)
    if region_name and region_id is None:
        from ..catalog import default_catalog
        from ..errors import CatalogError

        where = "--region" if region is not None else "front matter region"
        try:  # the catalog's own message: the name, close matches and how to add it
            (catalog or default_catalog()).region(region_name[:100])
            why = f"{region_name[:100]!r} is not a document region"
        except CatalogError as exc:
            why = str(exc)
        raise InputFileError(p, f"{where}: {why}")
    if region_id is None and language == "en":
        from .regions import main_region

        region_id = main_region(title, body)
    elif region_id is None:
        from .zh.indicators import main_region_zh

        region_id = main_region_zh(title, body)
    return Document(
        text=body,
        title=title,
        date=doc_date,
        source=fields.get("source", str(p)),
        language=language,
        region_id=region_id,
    )


def iter_files(path: str | Path) -> Iterator[Path]:
    """The file itself, or every supported file in a folder (sorted, recursive)."""
    p = Path(path)
    if not p.exists():
        raise InputFileError(p, "no such file or folder; check the path")
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                yield child
    else:
        yield p
