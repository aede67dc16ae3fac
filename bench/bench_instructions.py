#!/usr/bin/env python3
"""The work of a first run per unit, in CPU instructions: a figure the machine's speed does not move.

Wall and CPU times on a shared machine drift by a third from hour to hour, which
hides a change of a few per cent. Valgrind's callgrind counts the instructions a
process executes instead: the same count for the same code and input, however
busy the machine is. This runs `xlate run --no-mt` in one process (no worker, so
every stage is counted once: ingest, segment, glossary, names, values, merge,
QA, PO layout, the state and the exports) over two synthetic archives of
bench/archive.py, and prints the instructions per unit of the larger one beyond
the smaller (start-up and imports cancel out).

With --against REV it measures that revision too (from a git worktree) and
prints the ratio of the two. Needs valgrind (Debian's package); takes about four
minutes per revision.

usage: python bench/bench_instructions.py [--against REV] [--sizes 10,40]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import archive  # noqa: E402

RUN = """
import sys
from pathlib import Path
from xlate import pipeline, prepare
from xlate.workspace import Workspace
prepare.PARALLEL_MIN = 10 ** 9  # one process: every stage counted once, no pickling between two
pipeline.run(Workspace.open(Path(sys.argv[1])), mt=False)
"""


def measured(src: Path, ws: Path) -> tuple[int, int]:
    """(instructions, units) of one in-process first run over a copy of the workspace `ws`, with xlate
    from `src`. The hash seed is fixed: set iteration order, and so the count, is then the same every time."""
    with tempfile.TemporaryDirectory(prefix="xlate-instr-") as tmp:
        copy = shutil.copytree(ws, Path(tmp) / "ws")
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                               sys.executable, "-c", RUN, str(copy)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"})
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or found is None:
            sys.exit(f"the run under valgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
        units = sum(p.read_text(encoding="utf-8").count('\nmsgid "') - 1 for p in (copy / "translate").glob("*.po"))
        return int(found.group(1)), units


def per_unit(src: Path, small: Path, large: Path) -> tuple[float, int]:
    """Instructions per unit of the large archive beyond the small one, and how many units that is."""
    (few, few_units), (many, many_units) = measured(src, small), measured(src, large)
    return (many - few) / (many_units - few_units), many_units - few_units


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", help="a git revision to measure beside this checkout")
    parser.add_argument("--sizes", default="10,40", help="the two archive sizes (articles)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    a, b = (int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="xlate-bench-") as tmp:
        small, large = archive.make(Path(tmp) / "small", a), archive.make(Path(tmp) / "large", b)
        here, extra = per_unit(ROOT / "src", small, large)
        print(f"first run, in one process, --no-mt: {here / 1e6:.3f} M instructions per unit "
              f"({b} articles beyond {a}: {extra:,} units)")
        if args.against:
            tree = Path(tmp) / "against"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.against],
                           check=True)
            try:
                there, _ = per_unit(tree / "src", small, large)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
            print(f"{args.against}: {there / 1e6:.3f} M instructions per unit; this checkout does "
                  f"{here / there:.3f}× its work")


if __name__ == "__main__":
    main()
