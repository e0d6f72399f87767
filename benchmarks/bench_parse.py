"""Parse the seed reports many times, bytes in and JSON out, and print the figures.

Run: ``python benchmarks/bench_parse.py [--seconds S] [--cli-runs N]``.

It prints, in one run on one core:

* the floor: reading and decoding the same bytes (what no parser can beat);
* govreport: ``parse(bytes)`` then ``to_json``, as reports per second and µs per report,
  with its ratio to the floor;
* the wall time of a one-file CLI run (``python -m govreport parse FILE``), median of N,
  with bytecode cached as it is for an installed package.

Figures from one run compare with each other; machines are shared and noisy, so compare
ratios, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govreport

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def _rate(work: Callable[[], None], per_call: int, seconds: float) -> float:
    """Seconds per report, measured for about ``seconds``; best of five rounds."""
    work()  # warm up: grammar, converter, caches
    rounds = []
    for _ in range(5):
        calls = 0
        start = time.perf_counter()
        deadline = start + seconds / 5
        while True:
            work()
            calls += 1
            now = time.perf_counter()
            if now >= deadline:
                break
        rounds.append((now - start) / (calls * per_call))
    return min(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    parser.add_argument("--cli-runs", type=int, default=7, help="one-file CLI runs")
    args = parser.parse_args()

    def floor() -> None:
        for path in SEEDS:
            path.read_bytes().decode("utf-8")

    def full() -> None:
        for path in SEEDS:
            govreport.to_json(govreport.parse(path.read_bytes()))

    t_floor = _rate(floor, len(SEEDS), args.seconds)
    t_full = _rate(full, len(SEEDS), args.seconds)
    print(f"seed reports: {len(SEEDS)} ({sum(p.stat().st_size for p in SEEDS)} bytes)")
    print(f"floor (read + decode): {1 / t_floor:10.0f} reports/s {t_floor * 1e6:8.1f} µs/report")
    print(f"parse + to_json:       {1 / t_full:10.0f} reports/s {t_full * 1e6:8.1f} µs/report")
    print(f"ratio to floor:        {t_full / t_floor:10.1f}x")

    # As installed: bytecode cached (a machine that sets PYTHONDONTWRITEBYTECODE would
    # otherwise compile every module on every run), after one warm-up run that writes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "govreport", "parse", str(SEEDS[0])]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    walls = []
    for _ in range(args.cli_runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        walls.append(time.perf_counter() - start)
    median = statistics.median(walls) * 1e3
    print(f"one-file CLI run:      {median:10.0f} ms (median of {len(walls)})")


if __name__ == "__main__":
    main()
