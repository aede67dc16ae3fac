#!/usr/bin/env python3
"""Glossary matching speed: the shipped glossary over every sample paragraph.

Baseline measured in the same run: a naive matcher that tries every term at
every position with str.find on match keys (what one would write first).
usage: python bench/bench_glossary.py
"""

import time
from pathlib import Path

from xlate.glossary import load
from xlate.text.normalize import match_key

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    paragraphs = [p for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8-sig").splitlines() if p.strip()]
    started = time.perf_counter()
    glossary, _ = load(ROOT / "glossary", ROOT)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(glossary.find(p)) for p in paragraphs)
    indexed = time.perf_counter() - started
    keys = [match_key(t.vi) for t in glossary.terms]
    started = time.perf_counter()
    texts = [match_key(p) for p in paragraphs]
    naive = sum(text.count(k) for text in texts for k in keys)
    baseline = time.perf_counter() - started
    print(f"terms: {len(glossary)}, paragraphs: {len(paragraphs)}, load: {loaded * 1000:.0f} ms")
    print(f"xlate find     : {indexed * 1000:7.1f} ms, {found} matches (longest, non-overlapping)")
    print(f"naive str.find : {baseline * 1000:7.1f} ms, {naive} raw hits (no boundaries, overlaps)")
    print(f"speed ratio    : {baseline / indexed:7.2f} (naive time / xlate time; >1 means xlate is faster)")


if __name__ == "__main__":
    main()
