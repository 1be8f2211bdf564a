"""'Cite this': how to cite an ontrack page, as plain text, BibTeX and CSL-JSON.

A verdict changes as data arrive, so a citation names the page's permalink *with* its
as-of date, and the publishers of the figures it rests on (publisher first, as in
sources.py). The three forms carry the same facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def cite_page(
    *,
    key: str,
    title: str,
    url: str,
    as_of: str,
    publishers: Iterable[str] = (),
    accessed: date | None = None,
) -> dict[str, Any]:
    """{"text", "bibtex", "csl"} for one page; `key` makes the BibTeX/CSL id unique."""
    made = accessed or date.today()
    sources = sorted({p for p in publishers if p})
    data = f"; data from {', '.join(sources)}" if sources else ""
    text = f'ontrack, "{title}", as of {as_of}{data}. {url} (accessed {made.isoformat()}).'
    ident = re.sub(r"[^A-Za-z0-9]+", "-", f"ontrack-{key}-{as_of}").strip("-")
    note = f"As of {as_of}" + (f". Data: {', '.join(sources)}" if sources else "")
    bibtex = (
        f"@misc{{{ident},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  author = {{{{ontrack}}}},\n"
        f"  year = {{{as_of[:4]}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  note = {{{_bibtex_escape(note)}}},\n"
        f"  urldate = {{{made.isoformat()}}}\n"
        f"}}"
    )
    y, m, d = (int(x) for x in as_of.split("-"))
    csl = {
        "id": ident,
        "type": "webpage",
        "title": title,
        "author": [{"literal": "ontrack"}],
        "publisher": "ontrack",
        "URL": url,
        "issued": {"date-parts": [[y, m, d]]},
        "accessed": {"date-parts": [[made.year, made.month, made.day]]},
        "note": note,
    }
    return {
        "text": text,
        "bibtex": bibtex,
        "csl": csl,
        "csl_json": json.dumps(csl, ensure_ascii=False, indent=1),
    }


__all__ = ["cite_page"]
