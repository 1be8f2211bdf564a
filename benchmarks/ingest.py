"""Ingest speed and memory: ontrack vs `sqlite-utils insert --csv` on the same 1M-row file,
and the same observations as an SDMX-ML message and a JSON-stat dataset.

    python benchmarks/ingest.py [--rows 1000000] [--keep DIR] [--formats csv,sdmx,jsonstat]
                                [--no-sqlite-utils]

Generates a tidy CSV (region, indicator, period, value, unit, source), then, each in a
fresh child process so peak memory is its own:
  1. ontrack ingests it into a new SQLite store (periods, units, regions parsed and
     validated, series created, vintages checked),
  2. sqlite-utils inserts the same CSV into a plain table.
With sdmx / jsonstat in --formats it also writes the same observations as a
structure-specific SDMX-ML 2.1 message (one Series element per region and indicator,
UNIT_MEASURE and UNIT_MULT attributes, read through sdmx1) and as one dense JSON-stat 2.0
dataset (region x indicator x year), each with its mapping file, and ingests each into a
new store. Prints rows/s, peak RSS and each format's time relative to the CSV path.
"""

from __future__ import annotations

import argparse
import csv
import random
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


SDMX_UNITS = {"percent": ("PC", "0"), "100 million yuan": ("CNY", "8"), "万千瓦": ("KW", "4"),
              "GW": ("GW", "0")}  # fmt: skip
REGION_IDS = None  # filled lazily from the catalog: SDMX and JSON-stat use region ids as codes


def _grid(rows: int) -> tuple[list[str], list[int], int]:
    years = list(range(2000, 2020))
    per_indicator = len(PROVINCES) * len(years)
    return PROVINCES, years, rows // per_indicator + (1 if rows % per_indicator else 0)


def _region_codes() -> list[str]:
    from ontrack.catalog import default_catalog

    cat = default_catalog()
    return [cat.region(p).id for p in PROVINCES]


def write_mapping(path: Path, indicators: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write('source = "synthetic benchmark"\n[indicator]\n')
        for i in range(indicators):
            f.write(f'IND{i:05d} = "bench_indicator_{i:05d}"\n')


def make_sdmx(path: Path, rows: int, seed: int = 7) -> int:
    """The CSV's observations (same values, same order) as structure-specific SDMX-ML."""
    rng = random.Random(seed)
    regions, years, indicators = _grid(rows)
    codes = _region_codes()
    ns = "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=BENCH:DSD(1.0)"
    ns += ":ObsLevelDim:TIME_PERIOD"
    schemas = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1"
    written = 0
    with path.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<message:StructureSpecificData '
            f'xmlns:message="{schemas}/message" '
            f'xmlns:ss="{schemas}/data/structurespecific" '
            f'xmlns:ns1="{ns}" xmlns:common="{schemas}/common" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<message:Header>'
            "<message:ID>BENCH</message:ID><message:Test>true</message:Test>"
            '<message:Prepared>2026-01-01T00:00:00</message:Prepared><message:Sender id="BENCH"/>'
            f'<message:Structure structureID="DSD" namespace="{ns}" '
            'dimensionAtObservation="TIME_PERIOD">'
            '<common:Structure><Ref agencyID="BENCH" id="DSD" version="1.0"/></common:Structure>'
            "</message:Structure></message:Header>\n"
            '<message:DataSet ss:structureRef="DSD" xsi:type="ns1:DataSetType">\n'
        )
        for i in range(indicators):
            unit, mult = SDMX_UNITS[("percent", "100 million yuan", "万千瓦", "GW")[i % 4]]
            for code in codes:
                if written == rows:
                    break
                f.write(f'<Series REF_AREA="{code}" INDICATOR="IND{i:05d}" FREQ="A" '
                        f'UNIT_MEASURE="{unit}" UNIT_MULT="{mult}">')  # fmt: skip
                for year in years:
                    if written == rows:
                        break
                    f.write(f'<Obs TIME_PERIOD="{year}" OBS_VALUE="{rng.uniform(-5, 500):.3f}"/>')
                    written += 1
                f.write("</Series>\n")
        f.write("</message:DataSet></message:StructureSpecificData>\n")
    return indicators


def make_jsonstat(path: Path, rows: int, seed: int = 7) -> int:
    """The CSV's observations as one dense JSON-stat dataset (nulls pad the last indicator)."""
    import json

    rng = random.Random(seed)
    regions, years, indicators = _grid(rows)
    codes = _region_codes()
    # JSON-stat is row-major over id = [indicator, geo, time]: the CSV's order
    values: list[float | None] = [
        float(f"{rng.uniform(-5, 500):.3f}") for _ in range(rows)
    ]  # fmt: skip
    values += [None] * (indicators * len(codes) * len(years) - rows)
    ind_codes = [f"IND{i:05d}" for i in range(indicators)]
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "synthetic benchmark",
        "source": "synthetic benchmark",
        "id": ["indicator", "geo", "time"],
        "size": [indicators, len(codes), len(years)],
        "role": {"metric": ["indicator"], "geo": ["geo"], "time": ["time"]},
        "dimension": {
            "indicator": {
                "category": {
                    "index": ind_codes,
                    "unit": {
                        c: {"label": ("percent", "100 million yuan", "万千瓦", "GW")[i % 4]}
                        for i, c in enumerate(ind_codes)
                    },
                }
            },  # fmt: skip
            "geo": {"category": {"index": codes}},
            "time": {"category": {"index": [str(y) for y in years]}},
        },
        "value": values,
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return indicators


CHILD_PEAK = (
    "import resource; u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
)
CPU: dict[str, float] = {}  # CPU seconds of the last child: steadier than wall time when busy


def run_child(code: str) -> tuple[float, int, str]:
    """Run python code in a child; return (seconds, its own peak RSS in bytes, stdout
    without the last line, which is the child's peak RSS and CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code + CHILD_PEAK], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"child failed:\n{proc.stderr}")
    *lines, last = proc.stdout.strip().splitlines()
    peak, cpu = last.split()
    CPU["last"] = float(cpu)
    return seconds, int(peak) * 1024, "\n".join(lines)


def ingest_child(
    db: Path, path: Path, mapping: Path | None, rows: int
) -> tuple[float, int, float, int]:
    """Ingest `path` (with its mapping file) into a fresh store `db` in a child process;
    return (seconds, peak RSS in bytes, CPU seconds, series added). Every row must be stored."""
    db.unlink(missing_ok=True)
    code = (
        "from ontrack.store import Store\n"
        f"s = Store({str(db)!r})\n"
        f"r = s.ingest({str(path)!r}, mapping={str(mapping) if mapping else None!r})\n"
        "print(r.observations_added, r.series_added)\n"
    )
    seconds, peak, out = run_child(code)
    added, series = (int(x) for x in out.split())
    assert added == rows, f"{path.name}: stored {added} of {rows} observations"
    return seconds, peak, CPU["last"], series


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="keep files in this folder")
    ap.add_argument("--formats", default="csv,sdmx,jsonstat", help="csv plus sdmx, jsonstat")
    ap.add_argument("--no-sqlite-utils", action="store_true", help="skip the sqlite-utils run")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    work = args.keep or Path(tempfile.mkdtemp(prefix="ontrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "tidy.csv"
    t = time.perf_counter()
    make_csv(data, args.rows)
    size_mb = data.stat().st_size / 1e6
    print(f"generated {args.rows:,} rows ({size_mb:.1f} MB) in {time.perf_counter() - t:.1f} s")

    o_sec, o_peak, o_cpu, series = ingest_child(work / "ontrack.db", data, None, args.rows)
    print(
        f"ontrack ingest      : {o_sec:6.1f} s  {args.rows / o_sec:>10,.0f} rows/s  "
        f"peak RSS {o_peak / 2**20:,.0f} MiB  CPU {o_cpu:.1f} s  "
        f"({series:,} series, periods+units+vintages)"
    )
    makers = {"sdmx": (make_sdmx, "message.xml"), "jsonstat": (make_jsonstat, "dataset.json")}
    for fmt in formats:
        if fmt not in makers:
            continue
        make, name = makers[fmt]
        path = work / name
        t = time.perf_counter()
        indicators = make(path, args.rows)
        mapping = work / f"{fmt}.toml"
        write_mapping(mapping, indicators)
        size_mb = path.stat().st_size / 1e6
        print(f"generated {fmt} ({size_mb:.1f} MB) in {time.perf_counter() - t:.1f} s")
        f_sec, f_peak, f_cpu, f_series = ingest_child(
            work / f"ontrack_{fmt}.db", path, mapping, args.rows
        )
        print(
            f"ontrack {fmt:<11} : {f_sec:6.1f} s  {args.rows / f_sec:>10,.0f} rows/s  "
            f"peak RSS {f_peak / 2**20:,.0f} MiB  CPU {f_cpu:.1f} s  ({f_series:,} series; "
            f"{f_sec / o_sec:.2f}x the CSV path's time, {f_cpu / o_cpu:.2f}x its CPU)"
        )
        path.unlink()  # the next format's child should not compete for the page cache

    if args.no_sqlite_utils:
        if args.keep is None:
            shutil.rmtree(work)
        return
    su_db = work / "sqlite_utils.db"
    su_db.unlink(missing_ok=True)
    su = shutil.which("sqlite-utils")
    if su is None:
        raise SystemExit("sqlite-utils is not installed: pip install '.[bench]'")
    start = time.perf_counter()
    subprocess.run([su, "insert", str(su_db), "rows", str(data), "--csv"], check=True)
    s_sec = time.perf_counter() - start
    print(
        f"sqlite-utils insert : {s_sec:6.1f} s  {args.rows / s_sec:>10,.0f} rows/s  "
        "(plain table, no parsing)"
    )
    print(f"speed ratio ontrack / sqlite-utils: {s_sec / o_sec:.2f}x")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
