#!/usr/bin/env python3
"""Alignment of published editions: precision and recall over beads, speed, and how cost grows with length.

1. tests/corpus/align/dev (tuned against) and tests/corpus/align/heldout (written with the dev set,
   never tuned against): each pair aligned with the shipped glossary and no MT model, against its
   gold beads. A bead counts only if both its Vietnamese and its English side are exactly right.
   Per pair: precision, recall, and the beads missed or wrong; then the beads at or above the
   memory threshold ([align] threshold): how many, and how many of them are right.
2. Speed: pairs aligned per second (read, anchors, search), best of 5.
3. Growth: long pairs made by chaining the development pairs (15 to 180 Vietnamese sentences):
   seconds per pair and per sentence, against the shortest in the same run. Linear growth keeps
   the per-sentence cost flat; quadratic growth would double it with every doubling of length.

usage: python bench/bench_align.py [--set dev|heldout|all] [--quiet]
"""

import sys
import time
from dataclasses import replace
from pathlib import Path

from xlate.align import editions, search, signals, tsv
from xlate.align.aligner import align_pair
from xlate.align.model import Alignment
from xlate.glossary import load
from xlate.ingest import DEFAULT_RULES
from xlate.settings import AlignSettings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "align"


def pairs(part: str) -> list[tuple[str, Path, Path, Path]]:
    folder = CORPUS / part
    found = []
    for gold in sorted((folder / "gold").glob("*.tsv")):
        stem = gold.stem
        seed = next((folder / "seeds").glob(stem + ".*"))
        published = next((folder / "published").glob(stem + ".*"))
        found.append((stem, seed, published, gold))
    return found


def beads_of(rows) -> set[tuple[str, str]]:
    return {(r.vi, r.en) for r in rows}


def evaluate(part: str, glossary, quiet: bool) -> tuple[int, int, int, int, int]:
    threshold = AlignSettings().threshold
    right = found = gold_total = sure = sure_right = 0
    print(f"\n{part}:")
    print(f"  {'pair':<36} {'beads':>5} {'gold':>5} {'right':>5} {'precision':>9} {'recall':>7}")
    for stem, seed, published, gold_path in pairs(part):
        alignment = align_pair(seed, published, seed.parents[1], glossary)
        got = tsv.rows(alignment)
        gold = beads_of(tsv.loads(gold_path.read_text(encoding="utf-8")))
        mine = beads_of(got)
        hits = mine & gold
        right += len(hits)
        found += len(mine)
        gold_total += len(gold)
        linked = [r for r in got if r.vi and r.en and r.score >= threshold]
        sure += len(linked)
        sure_right += sum((r.vi, r.en) in gold for r in linked)
        print(f"  {stem:<36} {len(mine):>5} {len(gold):>5} {len(hits):>5} {len(hits) / len(mine):>9.2f} "
              f"{len(hits) / len(gold):>7.2f}")
        if not quiet:
            for r in got:
                if (r.vi, r.en) not in gold:
                    print(f"      wrong {r.kind} {r.score:.2f}: {r.vi[:60]!r} | {r.en[:60]!r}")
            for vi, en in sorted(gold - mine):
                print(f"      missed: {vi[:60]!r} | {en[:60]!r}")
    print(f"  all: {found} beads, {gold_total} gold, {right} right: precision {right / found:.3f}, "
          f"recall {right / gold_total:.3f}")
    print(f"  beads that link, scoring ≥ {threshold} (would enter the memory): {sure}, of which right "
          f"{sure_right} ({100 * sure_right / max(sure, 1):.1f}%)")
    return found, gold_total, right, sure, sure_right


def speed(glossary) -> None:
    todo = pairs("dev") + pairs("heldout")
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _, seed, published, _ in todo:
            align_pair(seed, published, seed.parents[1], glossary)
        best = min(best, time.perf_counter() - start)
    print(f"\nspeed: {len(todo)} pairs in {best:.3f} s (best of 5): {len(todo) / best:.1f} pairs/s")


def chained(times: int, glossary) -> tuple[list, list]:
    """One long pair: the development pairs one after another, `times` rounds (the titles kept once)."""
    vi, en = [], []
    for round_ in range(times):
        for _, seed, published, _ in pairs("dev"):
            a = editions.vietnamese(seed, seed.parents[1], DEFAULT_RULES).sentences
            b = editions.english_edition(published, seed.parents[1], DEFAULT_RULES).sentences
            if vi:  # only the first title stays a title: the rest are paragraphs of one long article
                a = [replace(s, kind="body") if s.kind == "title" else s for s in a]
                b = [replace(s, kind="body") if s.kind == "title" else s for s in b]
            offset_vi = vi[-1].block + 1 if vi else 0
            offset_en = en[-1].block + 1 if en else 0
            vi += [replace(s, block=s.block + offset_vi) for s in a]
            en += [replace(s, block=s.block + offset_en) for s in b]
    return vi, en


def growth(glossary) -> None:
    print("\ngrowth with length (chained development pairs):")
    print(f"  {'vi sentences':>12} {'en sentences':>12} {'seconds':>8} {'ms/sentence':>11} {'vs shortest':>11}")
    base = None
    for size in (15, 30, 60, 120, 180):
        vi_all, en_all = chained(2, glossary)
        share = size / len(vi_all)
        vi = vi_all[:size]
        en = en_all[:max(1, round(len(en_all) * share))]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            evidence = signals.gather(vi, en, glossary)
            search.align(vi, en, evidence)
            best = min(best, time.perf_counter() - start)
        per = 1000 * best / size
        base = base or per
        print(f"  {size:>12} {len(en):>12} {best:>8.3f} {per:>11.2f} {per / base:>10.2f}×")


def main() -> None:
    part = "dev"
    if "--set" in sys.argv:
        part = sys.argv[sys.argv.index("--set") + 1]
    quiet = "--quiet" in sys.argv
    glossary, _ = load(ROOT / "glossary", ROOT)
    for name in (("dev", "heldout") if part == "all" else (part,)):
        evaluate(name, glossary, quiet)
    speed(glossary)
    growth(glossary)


if __name__ == "__main__":
    main()
