"""How long one review action takes, re-linking and re-assessing included.

    python benchmarks/review_speed.py [--targets 1000] [--repeat 3]

Builds the store of benchmarks/web_load.py (N synthetic targets for Liaoning, each with a
15-year annual series), then times `confirm`, `edit` (a new target value, which re-links
the store and re-assesses the statement) and `reject` on different targets, and prints the
median and the worst time of each action. A confirmation writes two rows and nothing else;
an edit or a rejection recomputes the region's scorecard, so its time grows with the
region's size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from web_load import build_store  # noqa: E402

from ontrack import review  # noqa: E402
from ontrack.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ontrack-review-bench-") as tmp:
        started = time.perf_counter()
        db, ids = build_store(Path(tmp), args.targets)
        targets = [i for i in ids if i > 0]
        print(f"store with {len(targets)} targets built in {time.perf_counter() - started:.1f} s")
        store = Store(db)
        times: dict[str, list[float]] = {"confirm": [], "edit": [], "reject": []}
        for n in range(args.repeat):
            for action, sid in zip(times, targets[3 * n : 3 * n + 3], strict=True):
                t0 = time.perf_counter()
                if action == "confirm":
                    review.confirm(store, sid, by="bench")
                elif action == "edit":
                    review.edit(store, sid, {"value": str(100 + n)}, reason="bench", by="bench")
                else:
                    review.reject(store, sid, reason="bench", by="bench")
                times[action].append(time.perf_counter() - t0)
        store.close()
    print(f"{'action':<8} {'median':>9} {'worst':>9}  (n={args.repeat} each)")
    for action, values in times.items():
        print(f"{action:<8} {statistics.median(values):>8.3f}s {max(values):>8.3f}s")


if __name__ == "__main__":
    main()
