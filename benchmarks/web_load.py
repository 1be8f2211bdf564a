"""Load test of the web dashboard: 1,000 targets, 50 concurrent clients, 30 seconds.

    python benchmarks/web_load.py [--targets 1000] [--clients 50] [--seconds 30]

Builds a store with N synthetic targets for Liaoning (a targets table imported with
ontrack.ingest.targets.import_targets, each target with a 15-year annual series), starts
uvicorn in a subprocess on 127.0.0.1, and runs the clients (httpx, asyncio) against the
scorecard page, its JSON and the REST API. Prints p50/p95/p99 latency, requests/s and
errors, overall and per URL.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from ontrack.assess import link_statements
from ontrack.ingest.targets import import_targets
from ontrack.store import Store

HEADER = [
    "plan",
    "region",
    "indicator",
    "unit",
    "target_kind",
    "baseline_period",
    "baseline_value",
    "target_period",
    "target_operator",
    "target_value",
    "target_value_high",
    "outcome_period",
    "outcome_value",
    "outcome_value_revised",
    "reported_assessment",
    "target_source",
    "outcome_source",
    "note",
]


def build_store(folder: Path, n: int) -> tuple[Path, list[int]]:
    rng = random.Random(7)
    data = folder / "series.csv"
    targets = folder / "targets.csv"
    with data.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["region", "indicator", "period", "value", "unit", "source"])
        for i in range(n):
            level = rng.uniform(10, 1000)
            growth = rng.uniform(-0.02, 0.08)
            for year in range(2010, 2025):
                level *= 1 + growth + rng.gauss(0, 0.02)
                w.writerow(
                    ["Liaoning", f"bench_ind_{i:04d}", year, round(level, 3), "percent", "s"]
                )
    with targets.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(n):
            row = dict.fromkeys(HEADER, "")
            row |= {
                "plan": "Synthetic plan for the load test",
                "region": "Liaoning",
                "indicator": f"bench_ind_{i:04d}",
                "unit": "percent",
                "target_period": str(rng.choice([2025, 2026, 2027, 2030])),
                "target_operator": rng.choice(["at_least", "above", "about"]),
                "target_value": str(round(rng.uniform(50, 2000), 1)),
                "target_source": "synthetic",
            }
            w.writerow([row[h] for h in HEADER])
    db = folder / "load.db"
    store = Store(db)
    store.ingest(data)
    import_targets(store, targets)
    link_statements(store)
    ids = [s.id or 0 for s in store.statements(region_id="CN-LN", kind="target")]
    series = [i.series.id or 0 for i in store.list_series(region="Liaoning")]
    store.close()
    return db, ids + [-s for s in series]


def _label(url: str) -> str:
    return re.sub(r"/\d+$", "/{id}", url.split("?")[0])


def _cpu(pid: int) -> float:
    try:
        import psutil

        t = psutil.Process(pid).cpu_times()
        return float(t.user + t.system)
    except (ImportError, OSError):
        return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run_clients(
    base: str, urls: list[str], clients: int, seconds: float
) -> dict[str, list[float] | int]:
    latencies: dict[str, list[float]] = {}
    errors = 0
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
            while time.perf_counter() < end:  # bounded by the clock
                url = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    r = await http.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                if ok:
                    latencies.setdefault(_label(url), []).append(dt)
                else:
                    errors += 1

    await asyncio.gather(*(client(k) for k in range(clients)))
    return {"latencies": latencies, "errors": errors}  # type: ignore[dict-item]


async def run_raw_clients(
    host: str, port: int, urls: list[str], clients: int, seconds: float
) -> dict[str, list[float] | int]:
    """The same load with a minimal keep-alive HTTP/1.1 client on asyncio streams: httpx
    costs the load generator far more CPU than the server spends, which on a 2-core machine
    measures the client, not the server. Each response is read in full (Content-Length)."""
    latencies: dict[str, list[float]] = {}
    errors = 0
    end = time.perf_counter() + seconds

    async def client(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < end:  # bounded by the clock
                url = rng.choice(urls)
                t0 = time.perf_counter()
                writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
                dt = time.perf_counter() - t0
                if status == 200:
                    latencies.setdefault(_label(url), []).append(dt)
                else:
                    errors += 1
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(client(k) for k in range(clients)))
    return {"latencies": latencies, "errors": errors}  # type: ignore[dict-item]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--client", choices=["raw", "httpx"], default="raw")
    ap.add_argument("--folder", help="keep the generated store here and reuse it next time")
    args = ap.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="ontrack-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if (folder / "load.db").exists():
        with Store(folder / "load.db") as store:
            db = folder / "load.db"
            ids = [s.id or 0 for s in store.statements(region_id="CN-LN", kind="target")]
            ids += [-(i.series.id or 0) for i in store.list_series(region="Liaoning")]
    else:
        db, ids = build_store(folder, args.targets)
    targets = [i for i in ids if i > 0]
    series = [-i for i in ids if i < 0]
    print(f"store: {len(targets)} targets, {len(series)} series ({time.perf_counter() - t0:.1f} s)")
    port = free_port()
    env = {**os.environ, "ONTRACK_DB": str(db)}
    env.pop("ONTRACK_TOKEN", None)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "ontrack.web:create_app"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        t1 = time.perf_counter()
        r = httpx.get(base + "/region/CN-LN", timeout=300)
        r.raise_for_status()
        cold = time.perf_counter() - t1
        print(f"scorecard page, first (uncached) request: {cold:.2f} s, {len(r.content):,} bytes")
        rng = random.Random(1)
        urls = ["/region/CN-LN", "/region/CN-LN.json", "/api/regions"]
        urls += ["/api/statements?region=CN-LN&kind=target&limit=50"]
        urls += [f"/api/statements/{i}" for i in rng.sample(targets, 20)]
        urls += [f"/api/series/{i}" for i in rng.sample(series, 20)]
        urls += [f"/api/observations?series_id={i}" for i in rng.sample(series, 20)]
        for u in urls:  # warm the cache of each URL once, as a visit would
            httpx.get(base + u, timeout=300).raise_for_status()
        cpu0 = _cpu(server.pid), time.process_time()
        if args.client == "httpx":
            res = asyncio.run(run_clients(base, urls, args.clients, args.seconds))
        else:
            res = asyncio.run(run_raw_clients("127.0.0.1", port, urls, args.clients, args.seconds))
        cpu1 = _cpu(server.pid), time.process_time()
    finally:
        server.terminate()
        server.wait(timeout=10)
    lat: dict[str, list[float]] = res["latencies"]  # type: ignore[assignment]
    every = [x for v in lat.values() for x in v]
    n = len(every)
    print(
        f"\n{args.clients} {args.client} clients, {args.seconds:.0f} s, {args.targets} targets: "
        f"{n:,} requests, {n / args.seconds:,.0f} req/s, errors {res['errors']}"
    )
    print(f"{'url':<28} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, v in sorted(lat.items()):
        print(
            f"{name:<28} {len(v):>7} {pct(v, 0.5):>8.1f} {pct(v, 0.95):>8.1f} {pct(v, 0.99):>8.1f}"
        )
    p50, p95, p99 = (pct(every, q) for q in (0.5, 0.95, 0.99))
    print(f"{'all':<28} {n:>7} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    print(
        f"CPU seconds used during the run: server {cpu1[0] - cpu0[0]:.1f}, "
        f"load clients {cpu1[1] - cpu0[1]:.1f} (on {os.cpu_count()} cores)"
    )
    print(f"mean {statistics.fmean(every) * 1000:.1f} ms" if every else "no successful requests")


if __name__ == "__main__":
    main()
