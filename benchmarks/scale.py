"""Corpus scale: documents extracted and saved per second on a Dask cluster of 1 and 2 workers.

    python benchmarks/scale.py [--documents 10000] [--chunk 100] [--batch 500]

Generates --documents briefings from sentences written for the benchmark
(benchmarks/scale_corpus.py) as Markdown files in a temporary folder, then runs
`extract_corpus(..., engine="dask")` with a SQLite store, once on a LocalCluster of one
worker process and once on two (threads_per_worker=1). Each run starts with a fresh store and
cluster; the cluster's start-up is timed apart, the run itself (connect, read, extract,
save) is the figure. Parallel efficiency is (t1 / t2) / 2. The client saves the documents in
batches while the workers extract, so on a machine with as many cores as workers the
client's share (saving, unpickling results) competes with the workers: it is printed too.
Both runs must store the same statements; the script checks it. The CPU seconds of the
workers and of the client and the load average before each run are printed: on a shared
machine other processes' load lowers the wall-clock efficiency.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run(paths: list[Path], workers: int, db: Path, chunk: int, batch: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from ontrack.extract.corpus import extract_corpus
    from ontrack.store import Store

    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    startup = time.perf_counter() - started
    try:
        with Store(db) as store:
            saving = [0.0]
            save_many = store.save_documents

            def timed(items):  # type: ignore[no-untyped-def]
                t = time.perf_counter()
                try:
                    return save_many(items)
                finally:
                    saving[0] += time.perf_counter() - t

            store.save_documents = timed  # type: ignore[method-assign]
            with Client(cluster) as client:
                workers_cpu = sum(client.run(time.process_time).values())
            load = os.getloadavg()[0]
            cpu = time.process_time()
            t0 = time.perf_counter()
            result = extract_corpus(
                paths,
                store=store,
                engine="dask",
                scheduler=cluster.scheduler_address,
                chunk=chunk,
                batch=batch,
                keep=False,
            )
            seconds = time.perf_counter() - t0
            client_cpu = time.process_time() - cpu
            with Client(cluster) as client:
                workers_cpu = sum(client.run(time.process_time).values()) - workers_cpu
            digest = hashlib.sha256()
            statements = sorted(store.statements(), key=lambda s: s.id or 0)
            for st in statements:
                digest.update(repr(sorted(st.to_dict().items())).encode())
    finally:
        cluster.close()
    if result.refused:
        raise SystemExit(f"{len(result.refused)} document(s) refused: {result.refused[:3]}")
    return {
        "startup": startup,
        "seconds": seconds,
        "saved": result.saved,
        "statements": len(statements),
        "saving": saving[0],
        "client_cpu": client_cpu,
        "workers_cpu": workers_cpu,
        "load": load,
        "digest": int(digest.hexdigest()[:12], 16),
    }


def main() -> None:
    from scale_corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=100, help="files per Dask task")
    parser.add_argument("--batch", type=int, default=500, help="documents per transaction")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ontrack-scale-") as tmp:
        t = time.perf_counter()
        paths = write_corpus(Path(tmp) / "docs", args.documents)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"{len(paths):,} documents, {size / 1e6:.1f} MB, generated in "
            f"{time.perf_counter() - t:.1f} s; {os.cpu_count()} CPU(s); "
            f"chunk {args.chunk}, batch {args.batch}"
        )
        results = {}
        for workers in (1, 2):
            r = run(paths, workers, Path(tmp) / f"w{workers}.db", args.chunk, args.batch)
            results[workers] = r
            print(
                f"{workers} worker(s): {r['seconds']:.1f} s, {len(paths) / r['seconds']:,.0f} "
                f"docs/s; {r['saved']:,} documents and {r['statements']:,} statements saved; "
                f"CPU: workers {r['workers_cpu']:.1f} s, client {r['client_cpu']:.1f} s "
                f"(saving {r['saving']:.1f} s wall); cluster start-up {r['startup']:.1f} s "
                f"(not counted); load average before {r['load']:.1f}"
            )
        if results[1]["digest"] != results[2]["digest"]:
            raise SystemExit("the two runs stored different statements")
        t1, t2 = results[1]["seconds"], results[2]["seconds"]
        print(
            f"speed-up {t1 / t2:.2f}x at 2 workers; parallel efficiency (t1 / t2) / 2 = "
            f"{t1 / t2 / 2:.2f}; both runs stored the same statements"
        )


if __name__ == "__main__":
    main()
