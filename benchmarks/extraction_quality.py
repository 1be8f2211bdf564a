"""Extraction quality on the shared devset: precision, recall and F1 by kind.

Runs `ontrack.extract` over ../shared/devset/docs/*.txt (relative to the repository root),
writes one JSON list of statements per document into a temporary folder and runs the shared
scorer on it, printing its output.

    python benchmarks/extraction_quality.py [--corpus DIR] [--verbose] [--keep OUTDIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def write_predictions(docs_dir: Path, out_dir: Path) -> int:
    from ontrack.extract import extract_document, read_document

    count = 0
    for path in sorted(docs_dir.glob("*.txt")):
        doc = read_document(path)
        stmts = extract_document(doc)
        items = [st.to_dict() for st in stmts]
        (out_dir / f"{path.stem}.json").write_text(
            json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "devset", help="folder with docs/")
    ap.add_argument("--verbose", action="store_true", help="list missed and extra statements")
    ap.add_argument("--keep", type=Path, help="write the predictions here instead of a temp dir")
    args = ap.parse_args(argv)
    docs = args.corpus / "docs"
    scorer = SHARED / "eval" / "score_extraction.py"
    if not docs.is_dir() or not scorer.is_file():
        print(f"no devset found at {docs} (or no scorer at {scorer}); nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        n = write_predictions(docs, out)
        print(f"extracted {n} documents from {docs}")
        cmd = [sys.executable, str(scorer), "--gold", str(docs), "--pred", str(out)]
        if args.verbose:
            cmd.append("--verbose")
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        print(result.stdout, end="")
        if result.returncode:
            print(result.stderr, end="", file=sys.stderr)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
