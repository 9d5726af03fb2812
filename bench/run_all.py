"""Runs every benchmark in bench/ one after another and keeps their output.

    .venv/bin/python bench/run_all.py [--scale F] [--only NAME ...]

Each benchmark runs in its own process (so one's memory does not weigh on the next);
its output goes to the terminal and to bench/out/NAME.txt (not committed). --scale is
passed to the inventory benchmark and scales the row counts of the others (1 = the
sizes in docs/PERFORMANCE.md; a full run takes about half an hour, most of it the
1,000,000-item export of bench_listing.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import machine  # noqa: E402


def commands(scale: float) -> dict[str, list[str]]:
    """Benchmark name -> its command line; a script that is not there is skipped."""
    return {
        "inventory": ["bench_inventory.py", "--scale", str(scale)],
        "vouchers": [
            "bench_vouchers.py",
            *("--moves", str(max(10_000, int(100_000 * scale)))),
            *("--lines", str(max(100, int(1000 * scale)))),
        ],
        "import_items": ["bench_import_items.py", str(max(1000, int(50_000 * scale)))],
        "listing": ["bench_listing.py", str(max(10_000, int(1_000_000 * scale)))],
        "ui_list": ["bench_ui_list.py"],
    }


def run(name: str, argv: list[str]) -> int:
    script = HERE / argv[0]
    if not script.exists():
        print(f"== {name}: {argv[0]} is not on this branch, skipped")
        return 0
    OUT.mkdir(exist_ok=True)
    print(f"== {name}: {' '.join(argv)}", flush=True)
    started = time.perf_counter()
    with open(OUT / f"{name}.txt", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, str(script), *argv[1:]],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
        code = proc.wait()
    print(f"== {name}: exit {code} after {time.perf_counter() - started:,.0f} s\n", flush=True)
    return code


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args(argv)
    print(f"machine: {machine.describe()}\n")
    failed = 0
    for name, cmd in commands(args.scale).items():
        if args.only and name not in args.only:
            continue
        failed += run(name, cmd) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
