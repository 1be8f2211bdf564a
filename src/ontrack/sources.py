"""Citable sources: who issued a figure, in which document, when, and where it was read.

An observation's `source` is free text: an address ("http://en.people.cn/…"), several
("A ; mirror B"), a repository path, or a description. Its `vintage` and `note` often
name the body that issued the figure ("first release (NBS 2024-01-17)", "State Grid
Liaoning via Xinhua"). `cite_source` reads these into a `Citation`:

* **publisher**: the official body that issued the figure, only when the row's own text
  names it (never guessed from a domain); empty, and said so, when it names none;
* **title**: the document the row names ("Liaoning statistical communique 2021"), if any;
* **published**: the latest date the row's vintage (else note) names;
* **url**: the address as a link; **copy_at**: the site it was read on when that is not
  the publisher's own (a news re-post or a mirror), so the publisher stays first;
* **official**: True only when the named publisher is a government body.

Pure functions over the row's strings; nothing here reads the network.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from .releases import named_date, vintage_label

_URL = re.compile(r"(?:https?://|github:)[^\s;,)\"']+")
# Bodies that issue official figures, as rows name them -> their full name. Government
# bodies only: a newspaper or a company is a reporter, not an official publisher.
OFFICIAL_BODIES: list[tuple[str, str]] = [
    (r"\bNBS\b|National Bureau of Statistics|国家统计局", "National Bureau of Statistics of China"),
    (r"\bNEA\b|National Energy Administration|国家能源局", "National Energy Administration"),
    (r"\bNDRC\b", "National Development and Reform Commission"),
    (r"\bMOST\b", "Ministry of Science and Technology"),
    (
        r"Liaoning statistic(?:s|al) (?:bureau|communiqu)|Liaoning Provincial Bureau of Statistics"
        r"|mirror of the Liaoning statistics bureau",
        "Liaoning Provincial Bureau of Statistics",
    ),
    (
        r"Liaoning DRC|provincial DRC|Liaoning Development and Reform",
        "Liaoning Provincial Development and Reform Commission",
    ),
    (
        r"provincial S&T department",
        "Liaoning Provincial Department of Science and Technology",
    ),
    (r"Liaoning (?:2\d{3} )?government work report", "Liaoning Provincial People's Government"),
    (
        r"national government work report|State Council(?! Information Office)",
        "State Council of China",
    ),
]
# Other issuers a row may name (state companies, media): named, but not "official".
OTHER_BODIES: list[tuple[str, str]] = [
    (r"State Grid Liaoning", "State Grid Liaoning Electric Power (state-owned company)"),
    (r"China Media Group|\bCMG\b", "China Media Group"),
]
# Hosts of government sites: an address there is the publisher's own copy.
_OFFICIAL_HOST = re.compile(r"(?:^|\.)(?:gov\.cn|stats\.gov\.cn)$")


@dataclass(frozen=True)
class Citation:
    publisher: str
    title: str
    published: str | None  # ISO date, or None when the row names none
    url: str | None
    copy_at: str | None  # the host of a re-post, when the address is not the publisher's
    official: bool
    text: str  # the stored source text, unchanged
    missing: tuple[str, ...]  # which of publisher, title, published the row does not give
    document_id: str | None = None  # a self-reported figure: the stored document it is from

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["missing"] = list(self.missing)
        return out


def _host(url: str) -> str:
    if url.startswith("github:"):
        return "github.com"
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def _link(url: str) -> str:
    """A stored address as a link a browser opens (github:owner/repo@commit:path)."""
    if url.startswith("github:"):
        m = re.match(r"github:([^@:]+)(?:@([0-9a-f]+))?:?(.*)", url)
        if m:
            repo, commit, path = m.group(1), m.group(2) or "HEAD", m.group(3)
            return (
                f"https://github.com/{repo}/blob/{commit}/{path}"
                if path
                else (f"https://github.com/{repo}")
            )
    return url


def _title(vintage: str, note: str) -> str:
    """The document a row names in its vintage or note (communique, work report, plan …)."""
    for text in (vintage, note):
        m = re.search(
            r"(?i)((?:Liaoning |NBS |national )?(?:\d{4} )?(?:statistical communiqu\w*|"
            r"government work report|plan(?:-execution)? report|S&T expenditure bulletin|"
            r"communiqu\w*)(?: \d{4})?)",
            text,
        )
        if m:
            return m.group(1).strip()
    return ""


def _publisher(text: str, *, lead: bool = False) -> tuple[str, bool]:
    """(name, official) of the first issuing body `text` names; with `lead`, only a body
    named first or after 'citing', 'via', 'by' or 'from'."""
    for bodies, official in ((OFFICIAL_BODIES, True), (OTHER_BODIES, False)):
        for pattern, name in bodies:
            for m in re.finditer(pattern, text):
                before = text[: m.start()].rstrip().lower()
                if not lead or not before or before.endswith(("citing", "via", "by", "from")):
                    return name, official
    return "", False


def cite_source(source: str, vintage: str = "", note: str = "") -> Citation:
    """Who issued the figure, in which document, when, and where it was read."""
    text = source or ""
    publisher, official = _publisher(f"{vintage or ''} {text}")
    if not publisher and note:
        # A note names many things; only a body it says the figure came from counts:
        # at its start ("NEA 2021 statistics"), or after "citing", "via", "by", "from".
        publisher, official = _publisher(note, lead=True)
    urls = _URL.findall(text)
    url = _link(urls[0]) if urls else None
    copy_at = None
    if urls:
        host = _host(urls[0])
        if not (official and _OFFICIAL_HOST.search(host)):
            copy_at = host
    when = named_date(vintage) or named_date(note)
    title = _title(vintage or "", note or "")
    missing = tuple(
        k for k, v in (("publisher", publisher), ("title", title), ("published", when)) if not v
    )
    return Citation(
        publisher=publisher,
        title=title,
        published=when,
        url=url,
        copy_at=copy_at,
        official=official,
        text=text,
        missing=missing,
    )


_REPORTED_IN = re.compile(r"^reported in document (\w+)$")


def reported_document_id(vintage: str) -> str | None:
    """The stored document a self-reported figure's vintage names, if any."""
    m = _REPORTED_IN.match(vintage or "")
    return m.group(1) if m else None


def cite_document(doc_id: str, title: str, published: str | None, source: str) -> Citation:
    """A figure reported in a stored document, cited as that document: its issuer (the
    body its `source` names, else the source as written), title, date and a link to it
    on this site (`document_id`). Never official: the figure is the document's own."""
    named = cite_source(source or "")
    publisher = named.publisher or (source or "").strip()
    missing = tuple(
        k
        for k, v in (("publisher", publisher), ("title", title), ("published", published))
        if not v
    )
    return Citation(
        publisher=publisher,
        title=title,
        published=published,
        url=named.url,
        copy_at=named.copy_at,
        official=False,
        text=source or "",
        missing=missing,
        document_id=doc_id,
    )


def source_line(c: Citation) -> str:
    """One plain-text line: 'National Bureau of Statistics of China, communique, 2021-02-28;
    copy at en.people.cn: http://…' (publisher first; what is unknown is said)."""
    head = c.publisher or "publisher not recorded"
    parts = [head]
    if c.title:
        parts.append(c.title)
    parts.append(c.published or "date not recorded")
    line = ", ".join(parts)
    if c.url:
        line += f"; {'copy at ' + c.copy_at if c.copy_at else 'at'} {c.url}"
    elif c.text and c.text != c.publisher:
        line += f"; {c.text}"
    if c.document_id:
        line += f"; stored document {c.document_id}"
    return line


KIND_LABELS = {
    "reported": "self-reported (the statement's own document)",
}


def describe_observation(
    source: str,
    vintage: str = "",
    note: str = "",
    kind: str = "official",
    document: Citation | None = None,
) -> dict[str, Any]:
    """An observation's citation, its vintage named for people, and an honest kind:
    'official' only when an official body is named as its publisher. A self-reported
    figure passes its `document`'s citation (`cite_document`)."""
    c = document if document is not None else cite_source(source or "", vintage or "", note or "")
    if kind != "official":
        label = KIND_LABELS.get(kind, kind)
    elif c.official:
        label = "official"
    elif c.publisher:
        label = "not an official body"
    else:
        label = "publisher not recorded"
    return {
        "citation": c.to_dict(),
        "source_line": source_line(c),
        "vintage_label": vintage_label(vintage),
        "kind_label": label,
    }


__all__ = [
    "Citation",
    "cite_document",
    "cite_source",
    "describe_observation",
    "reported_document_id",
    "source_line",
]
