"""atheris harness: `python fuzz/run.py TARGET --seconds N` fuzzes one target (or `all`,
each for N seconds) with coverage guidance and prints how many inputs it tried. A crash
writes the input to fuzz/crash-TARGET-* and exits non-zero. CI runs each target briefly."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SEEDS = {
    "period": [b"2023", b"2024Q1", b"2024-03", b"2024-01/2024-10", b"2016-2020"],
    "unit": [b"percent", b"100 million yuan", "亿元".encode(), b"GW", b"10 kt"],
    "table_csv": [b"region,indicator,period,value,unit,source\nLiaoning,gdp,2023,5.3,percent,x\n"],
    "table_xlsx": [b"PK\x03\x04"],
    "front_matter": [b"---\ndate: 2024-04-23\nregion: Liaoning\n---\nbody\n"],
    "document": [b"Liaoning's GDP grew 5.3 percent in 2023, and will grow 5.5% in 2024.\n"],
    "figure": [b"5.3", b"1e400", b"1,234,567.8", b"0." + b"0" * 400 + b"1"],
}


def fuzz_one(name: str, seconds: float) -> int:
    """Fuzz in a child process (atheris.Fuzz never returns); return its exit status."""
    pid = os.fork()
    if pid == 0:
        import atheris

        with atheris.instrument_imports():
            from targets import TARGETS, check

            import ontrack.catalog
            import ontrack.extract
            import ontrack.extract.reader
            import ontrack.ingest.readers
            import ontrack.ingest.validate
            import ontrack.periods
            import ontrack.units  # noqa: F401  (instrumented for coverage guidance)

        target = TARGETS[name]
        tried = 0
        deadline = time.monotonic() + seconds

        def one(data: bytes) -> None:
            nonlocal tried
            tried += 1
            if time.monotonic() > deadline:
                print(f"{name}: {tried - 1} inputs in {seconds:g} s, no failure", flush=True)
                os._exit(0)
            check(target, data)

        corpus = Path(__file__).resolve().parent / "corpus" / name
        corpus.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(SEEDS.get(name, [])):
            (corpus / f"seed{i}").write_bytes(seed)
        artifact = str(Path(__file__).resolve().parent / f"crash-{name}-")
        atheris.Setup(
            [
                sys.argv[0],
                str(corpus),
                f"-artifact_prefix={artifact}",
                "-max_len=4096",
                "-timeout=10",
                "-rss_limit_mb=2048",
            ],
            one,
        )
        atheris.Fuzz()
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def main() -> None:
    from targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    names = list(TARGETS) if args.target == "all" else [args.target]
    failed = [n for n in names if fuzz_one(n, args.seconds) != 0]
    if failed:
        sys.exit(f"failures in: {', '.join(failed)} (inputs under fuzz/crash-*)")


if __name__ == "__main__":
    main()
