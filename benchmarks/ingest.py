"""Ingest speed and memory: ontrack vs `sqlite-utils insert --csv` on the same 1M-row file.

    python benchmarks/ingest.py [--rows 1000000] [--keep DIR]

Generates a tidy CSV (region, indicator, period, value, unit, source), then, each in a
fresh child process so peak memory is its own:
  1. ontrack ingests it into a new SQLite store (periods, units, regions parsed and
     validated, series created, vintages checked),
  2. sqlite-utils inserts the same CSV into a plain table.
Prints rows/s, peak RSS and the speed ratio.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROVINCES = [
    "Beijing",
    "Tianjin",
    "Hebei",
    "Shanxi",
    "Inner Mongolia",
    "Liaoning",
    "Jilin",
    "Heilongjiang",
    "Shanghai",
    "Jiangsu",
    "Zhejiang",
    "Anhui",
    "Fujian",
    "Jiangxi",
    "Shandong",
    "Henan",
    "Hubei",
    "Hunan",
    "Guangdong",
    "Guangxi",
    "Hainan",
    "Chongqing",
    "Sichuan",
    "Guizhou",
    "Yunnan",
    "Tibet",
    "Shaanxi",
    "Gansu",
    "Qinghai",
    "Ningxia",
    "Xinjiang",
    "China",
]


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    years = list(range(2000, 2020))
    per_indicator = len(PROVINCES) * len(years)
    indicators = rows // per_indicator + 1
    written = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["region", "indicator", "period", "value", "unit", "source"])
        for i in range(indicators):
            unit = ("percent", "100 million yuan", "万千瓦", "GW")[i % 4]
            for region in PROVINCES:
                for year in years:
                    if written == rows:
                        return
                    w.writerow(
                        [
                            region,
                            f"bench_indicator_{i:05d}",
                            year,
                            f"{rng.uniform(-5, 500):.3f}",
                            unit,
                            "synthetic benchmark",
                        ]
                    )
                    written += 1


def run_child(code: str) -> tuple[float, int, str]:
    """Run python code in a child; return (seconds, peak RSS in bytes, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"child failed:\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all children so far: run ontrack first.
    return seconds, max(peak, before) * 1024, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="keep files in this folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ontrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "tidy.csv"
    t = time.perf_counter()
    make_csv(data, args.rows)
    size_mb = data.stat().st_size / 1e6
    print(f"generated {args.rows:,} rows ({size_mb:.1f} MB) in {time.perf_counter() - t:.1f} s")

    db = work / "ontrack.db"
    db.unlink(missing_ok=True)
    code = (
        "from ontrack.store import Store\n"
        f"s = Store({str(db)!r})\n"
        f"r = s.ingest({str(data)!r})\n"
        "print(r.observations_added, r.series_added)\n"
    )
    o_sec, o_peak, o_out = run_child(code)
    added, series = (int(x) for x in o_out.split())
    assert added == args.rows, f"ontrack stored {added} of {args.rows} rows"

    su_db = work / "sqlite_utils.db"
    su_db.unlink(missing_ok=True)
    su = shutil.which("sqlite-utils")
    if su is None:
        raise SystemExit("sqlite-utils is not installed: pip install '.[bench]'")
    start = time.perf_counter()
    subprocess.run([su, "insert", str(su_db), "rows", str(data), "--csv"], check=True)
    s_sec = time.perf_counter() - start

    print(
        f"ontrack ingest      : {o_sec:6.1f} s  {args.rows / o_sec:>10,.0f} rows/s  "
        f"peak RSS {o_peak / 2**20:,.0f} MiB  ({series:,} series, periods+units+vintages)"
    )
    print(
        f"sqlite-utils insert : {s_sec:6.1f} s  {args.rows / s_sec:>10,.0f} rows/s  "
        "(plain table, no parsing)"
    )
    print(f"speed ratio ontrack / sqlite-utils: {s_sec / o_sec:.2f}x")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
