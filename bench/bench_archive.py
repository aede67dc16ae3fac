#!/usr/bin/env python3
"""An archive at scale: `xlate run --no-mt` over synthetic archives of 1,000 and 10,000 articles.

Archives come from bench/archive.py (the five samples, every body paragraph
given a prefix no other article has). For each size it prints, each figure
measured in this run in a child process (wall time and its own peak RSS):

  first run          per unit, against a floor measured in the same run (reading
                     every seed and splitting it into lines: no rule applied)
  no-change re-run   against the floor of a stat of every seed and catalog
  adding one article against that article processed alone in an empty workspace
  adding a glossary term few articles have, then one every article has
  peak memory of each (the run's and its worker's, added: both are alive together)

usage: python bench/bench_archive.py [--sizes 1000,10000]
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import archive  # noqa: E402

FLOOR_READ = """
import sys, time
from pathlib import Path
seeds = sorted(Path(sys.argv[1], "seeds").iterdir())
t = time.perf_counter()
lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in seeds)
print(time.perf_counter() - t)
"""
FLOOR_STAT = """
import sys, time
from pathlib import Path
root = Path(sys.argv[1])
t = time.perf_counter()
n = sum(1 for folder in ("seeds", "translate") for p in (root / folder).iterdir() if p.stat())
print(time.perf_counter() - t)
"""


CPU: list[float] = []  # CPU seconds of each xlate() call, its worker process included
OUT: list[str] = []  # what each xlate() call printed


def xlate(ws: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `xlate -C ws ARGS` in a child process of its own: the run's
    peak plus its worker's (xlate.prepare.Preparer), as both are alive together."""
    code = ("import resource, runpy, sys\n"
            "sys.argv = ['xlate', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('xlate', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
            "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print('MAXRSS', me.ru_maxrss, kids.ru_maxrss, file=sys.stderr)\n"
            "print('CPU', me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, file=sys.stderr)\n"
            "sys.exit(code)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "-C", str(ws), *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"xlate {' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    report = {line.split()[0]: line.split()[1:] for line in done.stderr.splitlines()
              if line.startswith(("MAXRSS ", "CPU "))}
    run_rss, worker_rss = map(int, report["MAXRSS"])
    CPU.append(float(report["CPU"][0]))
    OUT.append(done.stdout)
    return wall, (run_rss + worker_rss) / 1024


def _processed(ws: Path) -> int:
    """How many articles the last xlate() run processed: all but those its summary says it did not read."""
    total = len(list((ws / "seeds").iterdir()))
    carried = re.search(r"\((\d+) not read again", OUT[-1])
    return total - int(carried.group(1)) if carried else total


def floor(script: str, ws: Path) -> float:
    return float(subprocess.run([sys.executable, "-c", script, str(ws)], capture_output=True, text=True,
                                check=True).stdout)


def units_of(ws: Path) -> int:
    return sum(p.read_text(encoding="utf-8").count('\nmsgid "') - 1 for p in (ws / "translate").glob("*.po"))


def measure(n: int, scratch: Path) -> None:
    ws = archive.make(scratch / f"a{n}", n)
    read_floor = floor(FLOOR_READ, ws)
    first, first_rss = xlate(ws, "run", "--no-mt")
    first_cpu = CPU[-1]
    units = units_of(ws)
    stat_floor = floor(FLOOR_STAT, ws)
    again, again_rss = xlate(ws, "run", "--no-mt")
    # One more article: beside the archive, and alone in an empty workspace (its own work).
    name, text = archive.article(n + 7)
    (ws / "seeds" / name).write_text(text, encoding="utf-8")
    added, added_rss = xlate(ws, "run", "--no-mt")
    alone = archive.make(scratch / f"alone{n}", 0)
    (alone / "seeds" / name).write_text(text, encoding="utf-8")
    own, _ = xlate(alone, "run", "--no-mt")
    # A term a few articles have (the name of one, as a desk adds a new name), then one they all have.
    with open(ws / "glossary" / "terms.tsv", "a", encoding="utf-8") as fh:
        fh.write(f"bản tin {archive.tag(3)}\tthe {archive.tag(3)} bulletin\tterm\t\n")
    few, few_rss = xlate(ws, "run", "--no-mt")
    processed, reached = _processed(ws), len(list((ws / "seeds").iterdir()))
    with open(ws / "glossary" / "terms.tsv", "a", encoding="utf-8") as fh:
        fh.write("bản tin\tbulletin\tterm\t\n")
    glossary, glossary_rss = xlate(ws, "run", "--no-mt")
    print(f"\n{n:,} articles, {units:,} units (first run)")
    print(f"  first run (--no-mt)  {first:8.1f} s   {first * 1000 / units:6.3f} ms/unit   "
          f"{first / read_floor:7.0f}× reading the seeds ({read_floor:.2f} s)   peak {first_rss:6.0f} MB")
    print(f"                       CPU {first_cpu:.1f} s over both processes: {first_cpu * 1000 / units:.3f} ms/unit")
    print(f"  no-change re-run     {again:8.2f} s   {again * 1000 / n:6.3f} ms/article "
          f"{again / stat_floor:7.0f}× a stat of every seed and catalog ({stat_floor:.3f} s)   peak {again_rss:6.0f} MB")
    print(f"  one article added    {added:8.2f} s   that article alone in an empty workspace: {own:.2f} s; "
          f"the archive adds {added - own:.2f} s   peak {added_rss:6.0f} MB")
    print(f"  term few have added  {few:8.1f} s   {few / first:5.2f}× the first run "
          f"({processed:,} of {reached:,} articles processed: a glossary term a few articles hold)   "
          f"peak {few_rss:6.0f} MB")
    print(f"  term all have added  {glossary:8.1f} s   {glossary / first:5.2f}× the first run "
          f"(a glossary term every article holds)   peak {glossary_rss:6.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    print("xlate run --no-mt over synthetic archives (bench/archive.py); each figure from a child process.")
    print("At the start of this work (issue 16), a no-change run took 2.6 s at 50 articles, 10.3 s at 200 and 48.9 s "
          "at 800 (about 60 ms per article).")
    with tempfile.TemporaryDirectory(prefix="xlate-archive-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            measure(n, Path(tmp))
            shutil.rmtree(Path(tmp) / f"a{n}")


if __name__ == "__main__":
    main()
