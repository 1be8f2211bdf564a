"""Extraction speed (documents/s, MB/s on one core) side by side with quantulum3, and the
peak memory of extracting one 50 MB text.

    python benchmarks/extraction_speed.py [--mb 5] [--quantulum-seconds 20] [--memory-mb 50]
        [--zh-mb 2]

The corpus is the devset texts (../shared/devset/docs, relative to the repository root)
repeated until it holds at least --mb megabytes; without ../shared the demo briefing is used.
quantulum3 (quantities only, classifier off) is slow, so it parses the same documents in the
same order for a fixed time budget and its steady rate is extrapolated; the output says so.
Repeated texts find their indicator phrases and region names in the extractor's caches, so
a second figure, "first sight", extracts each distinct text once in a fresh process: the
speed on text never seen before.
Chinese throughput is measured on a corpus generated from sentences written for ontrack
(benchmarks/zh_corpus.py, --zh-mb megabytes; 0 skips it), with the Chinese front end.
The memory case runs in a child process and reports its peak resident set size. On a shared
machine the wall-clock rate also counts time the process waited for the core; the rate by
CPU time of the process is printed next to it.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BRIEFING = ROOT / "src" / "ontrack" / "datasets" / "liaoning_briefing_2024-04-23.md"


def base_texts() -> list[str]:
    from ontrack.extract import split_front_matter

    docs = sorted((SHARED / "devset" / "docs").glob("*.txt"))
    paths = docs or [BRIEFING]
    return [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in paths]


def corpus(min_bytes: int) -> list[str]:
    texts = base_texts()
    out: list[str] = []
    size = 0
    while size < min_bytes:
        for t in texts:
            out.append(t)
            size += len(t.encode("utf-8"))
    return out


def run_ontrack(texts: list[str]) -> tuple[float, int, float]:
    """(wall seconds, statements, CPU seconds of this process)."""
    from ontrack.extract import extract_document
    from ontrack.model import Document

    n = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for t in texts:
        n += len(extract_document(Document(text=t, region_id="CN")))
    return time.perf_counter() - t0, n, time.process_time() - c0


def run_ontrack_zh(texts: list[str]) -> tuple[float, int, float]:
    """(wall seconds, statements, CPU seconds) of the Chinese front end on `texts`."""
    from datetime import date

    from ontrack.extract import extract_document
    from ontrack.model import Document

    n = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for t in texts:
        doc = Document(text=t, region_id="CN-LN", language="zh", date=date(2024, 4, 23))
        n += len(extract_document(doc))
    return time.perf_counter() - t0, n, time.process_time() - c0


def run_quantulum(texts: list[str], budget: float) -> tuple[float, int, int] | None:
    try:
        import quantulum3.classifier
        from quantulum3 import parser
    except ImportError:
        return None
    quantulum3.classifier.USE_CLF = False
    parser.parse(texts[0][:200])  # warm-up: loads its unit tables
    done = 0
    nbytes = 0
    t0 = time.perf_counter()
    for t in texts:
        parser.parse(t)
        done += 1
        nbytes += len(t.encode("utf-8"))
        if time.perf_counter() - t0 > budget:
            break
    return time.perf_counter() - t0, done, nbytes


def memory_child(path: str) -> None:
    from ontrack.extract import iter_statements, read_document

    t0 = time.perf_counter()
    doc = read_document(path)
    count = 0
    for _st in iter_statements(doc):
        count += 1
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = os.path.getsize(path) / 1e6
    print(
        f"{size_mb:.1f} MB text: {count} statements in {elapsed:.1f} s "
        f"({size_mb / elapsed:.2f} MB/s), peak RSS {peak_mb:.0f} MB"
    )


def cold_child() -> None:
    """One pass over the distinct texts in a fresh process: the phrase and name caches hold
    nothing of them, as with texts never seen before (the demo briefing warms the rest)."""
    from ontrack.extract import extract_document
    from ontrack.model import Document

    extract_document(Document(text=BRIEFING.read_text(encoding="utf-8"), region_id="CN"))
    texts = base_texts()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    c0 = time.process_time()
    for t in texts:
        extract_document(Document(text=t, region_id="CN"))
    cpu = time.process_time() - c0
    print(f"{mb / cpu:.3f} MB/s by CPU time on {len(texts)} texts ({mb:.3f} MB) seen once")


def write_big_text(path: Path, mb: int) -> None:
    """Devset-like text of `mb` megabytes; digits are varied so no passage repeats verbatim."""
    rng = random.Random(7)
    texts = base_texts()
    target = mb * 1_000_000
    size = 0
    with path.open("w", encoding="utf-8") as f:
        while size < target:
            for t in texts:
                t = re.sub(r"\d", lambda _m: str(rng.randrange(10)), t)
                f.write(t + "\n\n")
                size += len(t.encode("utf-8")) + 2
                if size >= target:
                    break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--quantulum-seconds", type=float, default=20.0)
    ap.add_argument("--memory-mb", type=int, default=50, help="0 skips the memory case")
    ap.add_argument("--zh-mb", type=float, default=2.0, help="Chinese corpus MB (0 skips)")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    ap.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if args.cold_child:
        cold_child()
        return 0

    texts = corpus(int(args.mb * 1_000_000))
    total_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    source = "devset" if (SHARED / "devset" / "docs").is_dir() else "demo briefing"
    print(f"corpus: {len(texts)} documents, {total_mb:.2f} MB ({source} texts repeated), one core")

    run_ontrack(texts[:20])  # warm-up: compiles regular expressions
    secs, n_stmts, cpu = run_ontrack(texts)
    ot_mbs = total_mb / secs
    print(
        f"ontrack.extract  : {len(texts) / secs:9.1f} docs/s {ot_mbs:8.3f} MB/s "
        f"({n_stmts} statements in {secs:.2f} s; full extraction; "
        f"{total_mb / cpu:.3f} MB/s by CPU time)"
    )
    cold = subprocess.run(
        [sys.executable, __file__, "--cold-child"], capture_output=True, text=True, check=False
    )
    print("  first sight    : " + (cold.stdout.strip() or cold.stderr.strip()[-500:]))

    if args.zh_mb:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from zh_corpus import zh_corpus

        zh_texts = zh_corpus(int(args.zh_mb * 1_000_000))
        zh_mb = sum(len(t.encode("utf-8")) for t in zh_texts) / 1e6
        run_ontrack_zh(zh_texts[:20])  # warm-up: jieba's dictionary, regular expressions
        zsecs, zn, zcpu = run_ontrack_zh(zh_texts)
        print(
            f"ontrack zh       : {len(zh_texts) / zsecs:9.1f} docs/s {zh_mb / zsecs:8.3f} MB/s "
            f"({zn} statements in {zsecs:.2f} s; {len(zh_texts)} generated Chinese documents, "
            f"{zh_mb:.2f} MB; {zh_mb / zcpu:.3f} MB/s by CPU time)"
        )

    q = run_quantulum(texts, args.quantulum_seconds)
    if q is None:
        print("quantulum3       : not installed (pip install quantulum3) - no comparison")
    else:
        qsecs, qdocs, qbytes = q
        q_mbs = qbytes / 1e6 / qsecs
        note = (
            f"timed on {qdocs} of {len(texts)} documents ({qbytes / 1e6:.3f} MB in {qsecs:.1f} s), "
            "steady rate extrapolated"
            if qdocs < len(texts)
            else "whole corpus"
        )
        print(
            f"quantulum3       : {qdocs / qsecs:9.1f} docs/s {q_mbs:8.3f} MB/s "
            f"(quantities only, classifier off; {note})"
        )
        print(f"ratio            : ontrack is {ot_mbs / q_mbs:.0f}x quantulum3 (MB/s)")

    if args.memory_mb:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "big.txt"
            write_big_text(big, args.memory_mb)
            cmd = [sys.executable, __file__, "--memory-child", str(big)]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            print("memory           : " + (res.stdout.strip() or res.stderr.strip()[-500:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
