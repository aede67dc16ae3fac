#!/usr/bin/env python3
"""Translation memory: fuzzy lookups as the memory grows, and importing a 200,000-unit TMX.

A benchmark, not a test. It makes a synthetic news memory: sentences walked
from the word pairs of the sample seeds (a bigram chain over their syllables,
so common words and pairs are as common as in the desk's own text), each
naming what news names — one to three of a person (surname, middle and given
name from common Vietnamese ones), a glossary term (an office, a province, a
body), a figure or a date — with an English stand-in. Five articles alone
would make a memory of a few thousand distinct word pairs; a desk's years of
news name thousands of people and places, and so does this one. Then:

  import   `xlate tm import` of a 200,000-unit TMX 1.4b file (written here),
           in its own process: seconds, units per second, peak RSS; then a
           second `xlate tm list` with the file unchanged (what every run pays:
           the index is not rebuilt).
  lookups  the time per fuzzy lookup (threshold 75 %) at 1k, 10k, 100k and
           200k units: xlate's index (Memory.fuzzy) against comparing the
           query with every unit (rapidfuzz, the same similarity), measured in
           the same run. Queries are memory units with one word changed, so
           each has a real match to find.

usage: PYTHONPATH=src python bench/bench_memory.py [--units 200000] [--queries 200]
"""

import argparse
import bisect
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xlate.mt import fuzzy, origins  # noqa: E402
from xlate.mt.memory import Memory, TmUnit  # noqa: E402


def syllables() -> tuple[list[str], list[float]]:
    """The seeds' syllables and their cumulative frequencies."""
    counts: Counter = Counter(w for line in _seed_lines() for w in line)
    words = [w for w, _ in counts.most_common()]
    return words, list(itertools.accumulate(counts[w] for w in words))


def _seed_lines() -> list[list[str]]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8-sig").lower().splitlines():
            if words := re.findall(r"[^\W\d_]+", line):
                lines.append(words)
    return lines


SURNAMES = "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương lương tô".split()
MIDDLES = "văn thị hữu đức minh quang thanh ngọc xuân hồng kim thu mạnh bá công đình quốc trọng như anh".split()


def corpus(n: int, seed: int = 12) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    following: dict[str, list[str]] = {}
    for line in _seed_lines():
        for a, b in zip(line, line[1:]):
            following.setdefault(a, []).append(b)
    starts = list(following)
    givens = sorted({w for line in _seed_lines() for w in line})
    terms = [line.split("\t")[0].lower() for path in sorted((ROOT / "glossary").glob("*.tsv"))
             for line in path.read_text(encoding="utf-8").splitlines()[1:] if line and not line.startswith("#")]

    def entity() -> str:
        pick = rng.random()
        if pick < 0.4:
            return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(givens)}"
        if pick < 0.7:
            return rng.choice(terms)
        if pick < 0.85:
            return f"ngày {rng.randint(1, 28)}-{rng.randint(1, 12)}-{rng.randint(1990, 2025)}"
        return f"{rng.randint(2, 9999):,}".replace(",", ".")

    out = []
    for i in range(n):
        body = [rng.choice(starts)]
        for _ in range(rng.randint(6, 30) - 1):
            body.append(rng.choice(following.get(body[-1]) or starts))
        for _ in range(rng.randint(1, 3)):
            body.insert(rng.randrange(len(body) + 1), entity())
        sentence = " ".join(body).capitalize() + "."
        out.append((sentence, f"English sentence {i} of the synthetic memory."))
    return out


def queries(units: list[tuple[str, str]], n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    words, cumulative = syllables()
    out = []
    for source, _ in rng.sample(units, n):
        tokens = source.rstrip(".").split()
        tokens[rng.randrange(len(tokens))] = rng.choices(words, cum_weights=cumulative)[0]
        out.append(" ".join(tokens) + ".")
    return out


def write_tmx(path: Path, units: list[tuple[str, str]]) -> None:
    from xml.sax.saxutils import escape

    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bench" '
                  'segtype="sentence" o-tmf="bench" adminlang="en" srclang="vi-VN" datatype="plaintext" '
                  'creationdate="20200101T000000Z"/>\n<body>\n')
        for vi, en in units:
            out.write(f'<tu><tuv xml:lang="vi-VN"><seg>{escape(vi)}</seg></tuv>'
                      f'<tuv xml:lang="en-GB"><seg>{escape(en)}</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


IMPORT = """
import json, resource, sys, time
from pathlib import Path
from xlate.mt import tmfiles
from xlate.workspace import Workspace
ws = Workspace.open(sys.argv[1])
started = time.perf_counter()
done = tmfiles.import_tmx(ws, Path(sys.argv[2]), "bench")
seconds = time.perf_counter() - started
from xlate.mt.memory import Memory
with Memory(ws.memory_path) as memory:
    started = time.perf_counter()
    tmfiles.sync(ws, memory)
    unchanged = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "units": done.units, "unchanged": unchanged,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_import(work: Path, units: list[tuple[str, str]]) -> dict:
    tmx = work / "bench.tmx"
    write_tmx(tmx, units)
    ws = work / "ws"
    ws.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", IMPORT, str(ws), str(tmx)], capture_output=True, text=True,
                          env=env, check=True)
    figures = json.loads(done.stdout)
    figures["mb"] = tmx.stat().st_size / 1e6
    figures["db_mb"] = sum(p.stat().st_size for p in (ws / ".xlate").glob("memory.sqlite*")) / 1e6
    return figures


def bench_lookups(work: Path, units: list[tuple[str, str]], sizes: list[int], n: int) -> list[dict]:
    rows = []
    for size in sizes:
        part = units[:size]
        asked = queries(part, min(n, size))
        with Memory(work / f"lookup-{size}.sqlite") as memory:
            memory.replace_origin(origins.tmx("bench"), (TmUnit(s, t) for s, t in part), "x")
            memory.fuzzy(asked[:5], 75)  # warm the page cache
            started = time.perf_counter()
            found = sum(bool(memory.fuzzy([q], 75)) for q in asked)
            indexed = (time.perf_counter() - started) / len(asked)
            sample = asked[:max(5, len(asked) // 10)]
            by_index = [{m.source for m in memory.fuzzy([q], 75, best=10**9).get(q, [])} for q in sample]
        stored = [(s, fuzzy.words(s)) for s, _ in part]
        started = time.perf_counter()
        by_scan = []
        for q in sample:
            words = fuzzy.words(q)
            by_scan.append({s for s, w in stored if s != q and fuzzy.percent(words, w) >= 75})
        scan = (time.perf_counter() - started) / len(sample)
        rows.append({"size": size, "indexed_ms": indexed * 1000, "scan_ms": scan * 1000, "found": found,
                     "asked": len(asked), "agree": sum(a == b for a, b in zip(by_index, by_scan)),
                     "sample": len(sample)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    sizes = [s for s in (1_000, 10_000, 100_000, 200_000) if s <= args.units] or [args.units]
    units = corpus(args.units)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        imp = bench_import(work, units)
        print(f"import   {imp['units']:,} units from a {imp['mb']:.0f} MB TMX: {imp['seconds']:.1f} s "
              f"({imp['units'] / imp['seconds']:,.0f} units/s), peak RSS {imp['rss_mb']:.0f} MB; "
              f"memory.sqlite {imp['db_mb']:.0f} MB")
        print(f"         a run's sync with the file unchanged: {imp['unchanged'] * 1000:.0f} ms")
        rows = bench_lookups(work, units, sizes, args.queries)
    first = rows[0]
    print(f"lookups  threshold 75 %, {first['asked']} queries a size (memory units with one word changed)")
    print(f"{'units':>9}  {'indexed':>10}  {'growth':>7}  {'every unit':>11}  {'growth':>7}  {'ratio':>6}  "
          f"found  same matches as every-unit")
    for r in rows:
        print(f"{r['size']:>9,}  {r['indexed_ms']:>7.2f} ms  {r['indexed_ms'] / first['indexed_ms']:>6.1f}x  "
              f"{r['scan_ms']:>8.1f} ms  {r['scan_ms'] / first['scan_ms']:>6.1f}x  "
              f"{r['scan_ms'] / r['indexed_ms']:>5.0f}x  {r['found']}/{r['asked']}  {r['agree']}/{r['sample']}")
    print(f"(memory grew {rows[-1]['size'] / first['size']:.0f}x; growth: time per lookup against the smallest memory; "
          f"ratio: every-unit time / indexed time; found: queries with a match ≥ 75 %)")


if __name__ == "__main__":
    main()
