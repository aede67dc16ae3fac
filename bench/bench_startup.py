#!/usr/bin/env python3
"""Start-up cost of `xlate --help`, against a bare `python -c pass` measured in the same run.

Prints median wall times over N runs and the ratio; also lists any heavy module
(argostranslate, ctranslate2, torch, spacy, stanza) that `--help` imported.
usage: python bench/bench_startup.py [N]
"""

import statistics
import subprocess
import sys
import time

HEAVY = ("argostranslate", "ctranslate2", "torch", "spacy", "stanza")


def wall(args: list[str], n: int) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    base = wall([sys.executable, "-c", "pass"], n)
    helped = wall([sys.executable, "-m", "xlate", "--help"], n)
    probe = ("import sys; from xlate.cli import cli\ntry: cli(['--help'])\nexcept SystemExit: pass\n"
             f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)")
    heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stderr.strip()
    print(f"python -c pass : {base * 1000:7.1f} ms (median of {n})")
    print(f"xlate --help   : {helped * 1000:7.1f} ms (median of {n})")
    print(f"ratio          : {helped / base:7.2f}x the bare interpreter; heavy modules imported: {heavy}")


if __name__ == "__main__":
    main()
