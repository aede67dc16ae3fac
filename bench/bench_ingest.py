#!/usr/bin/env python3
"""Ingest over the development corpus (tests/corpus/ingest/): quality per article, and speed.

Prints, per article: recall and precision of the gold units, junk found inside
units, whether the title, date and byline are right, and kinds right; then the
totals for dev/ (what the rules were written against) and heldout/ (scored
only at the end); then articles per second for text seeds and for saved
pages, with the cost of trafilatura's extraction beside the rest of ingest.

usage: python bench/bench_ingest.py [--repeat N] [--verbose]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

import corpuskit  # noqa: E402

from xlate.ingest import ingest, page, read_seed  # noqa: E402
from xlate.text import units_of  # noqa: E402


def run_set(folder: Path, verbose: bool):
    rows = []
    for gold in corpuskit.load(folder):
        article = ingest(gold.path, folder)
        units = units_of(article)
        s = corpuskit.score(gold, article, units)
        rows.append((gold, s))
        if verbose and (s.recall < 1 or s.precision < 1 or s.junk or not (s.title_ok and s.date_ok and s.byline_ok)):
            want = {t for _, t in gold.units}
            got = {u.text for u in units}
            print(f"--- {gold.name}")
            for t in sorted(want - got):
                print(f"  missing: {t}")
            for t in sorted(got - want):
                print(f"  extra:   {t}")
            for j in s.junk:
                print(f"  junk:    {j}")
            if not s.title_ok:
                print(f"  title:   {article.title!r} (gold {gold.title!r})")
            if not s.date_ok:
                print(f"  date:    {article.date!r} (gold {gold.date!r})")
            if not s.byline_ok:
                print(f"  byline:  {article.byline!r} (gold {gold.byline!r})")
    return rows


def table(label: str, rows) -> None:
    print(f"\n{label}")
    print(f"  {'article':<34} {'kind':<5} {'gold':>4} {'recall':>6} {'prec.':>6} {'junk':>4}  title date byline kinds")
    yes = lambda b: "ok" if b else "NO"  # noqa: E731
    for gold, s in rows:
        print(f"  {s.name:<34} {'html' if gold.is_page else 'text':<5} {s.gold:>4} {s.recall:>6.3f} {s.precision:>6.3f}"
              f" {len(s.junk):>4}  {yes(s.title_ok):<5} {yes(s.date_ok):<4} {yes(s.byline_ok):<6} {s.kinds_ok}/{s.matched}")
    gold_n = sum(s.gold for _, s in rows)
    found = sum(s.found for _, s in rows)
    matched = sum(s.matched for _, s in rows)
    print(f"  {'total':<34} {'':<5} {gold_n:>4} {matched / gold_n:>6.3f} {matched / found:>6.3f}"
          f" {sum(len(s.junk) for _, s in rows):>4}  titles {sum(s.title_ok for _, s in rows)}/{len(rows)},"
          f" dates {sum(s.date_ok for _, s in rows)}/{len(rows)}, bylines {sum(s.byline_ok for _, s in rows)}/{len(rows)},"
          f" kinds {sum(s.kinds_ok for _, s in rows)}/{matched}")


def baseline(golds, repeat: int) -> float:
    """Seconds per unit of the least any ingest must do: read each text seed, normalize
    each line and cut it into sentences — no rules at all."""
    from xlate.text.normalize import normalize
    from xlate.text.segment import split_sentences

    total, units = 0.0, 0
    for _ in range(repeat):
        for g in golds:
            t0 = time.perf_counter()
            for line in read_seed(g.path, g.path.parent).splitlines():
                if text := normalize(line):
                    units += len(split_sentences(text))
            total += time.perf_counter() - t0
    return total / max(units, 1)


def speed(golds, repeat: int) -> None:
    texts = [g for g in golds if not g.is_page]
    floor = baseline(texts, repeat) if texts else 0.0
    if texts:
        print(f"  {'baseline':<12} {1000 * floor:36.3f} ms/unit (read + normalize + split each line: no rules)")
    for label, chosen in (("text seeds", texts), ("saved pages", [g for g in golds if g.is_page])):
        if not chosen:
            continue
        ingest(chosen[0].path, chosen[0].path.parent)  # warm: imports (trafilatura for pages)
        total = extract = 0.0
        units = 0
        for _ in range(repeat):
            for g in chosen:
                t0 = time.perf_counter()
                a = ingest(g.path, g.path.parent)
                units += len(units_of(a))
                total += time.perf_counter() - t0
                if g.is_page:
                    html = read_seed(g.path, g.path.parent)
                    t1 = time.perf_counter()
                    page.extract(html)
                    extract += time.perf_counter() - t1
        n = len(chosen) * repeat
        line = (f"  {label:<12} {n / total:8.1f} articles/s   {1000 * total / n:7.2f} ms/article"
                f"   {1000 * total / units:6.3f} ms/unit (read + ingest + segment)")
        if floor:
            line += f", {total / units / floor:.1f}× the baseline"
        if extract:
            line += (f"\n  {'':<12} of which trafilatura {1000 * extract / n:6.2f} ms/article"
                     f" ({100 * extract / total:.0f}%), the rest of ingest {1000 * (total - extract) / n:6.2f} ms/article")
        print(line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="list what differs from the gold")
    ap.add_argument("--dev-only", action="store_true")
    args = ap.parse_args()
    dev = run_set(corpuskit.CORPUS / "dev", args.verbose)
    table("dev/ (rules written against these)", dev)
    everything = [g for g, _ in dev]
    if not args.dev_only:
        held = run_set(corpuskit.CORPUS / "heldout", args.verbose)
        table("heldout/ (scored only at the end)", held)
        table("all", dev + held)
        everything += [g for g, _ in held]
    print(f"\nspeed (median machine noise applies; {args.repeat} passes):")
    speed(everything, args.repeat)


if __name__ == "__main__":
    main()
