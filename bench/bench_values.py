#!/usr/bin/env python3
"""Values: how many are recognised and rendered right, what QA says of each form, and what it costs.

1. tests/data/values_dev.tsv (the development set, tuned against) and values_heldout.tsv (written
   after the code, never tuned against): gold values per sentence; counts of values recognised
   (the span as written), rendered right (also the house-style English), and spurious (found, not gold).
2. tests/data/value_forms.tsv: every value form, the English xlate renders, and the QA verdict
   for a right and a wrong English rendering (a Markdown table).
3. Cost per unit outside MT, over every unit of the samples and both sets, best of 5: find_values,
   requirements() with and without values, QA (qa.check) — against a baseline measured in the
   same run: the number-string regex the old QA used, and glossary matching.

usage: python bench/bench_values.py [--table]
"""

import csv
import re
import sys
import time
from pathlib import Path

from xlate import ingest, qa
from xlate.glossary import enforce, load, requirements
from xlate.text import find_names, units_of
from xlate.text.values import compare, english_values, find_values

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def gold_rows(name: str) -> list[tuple[str, list[tuple[str, str]]]]:
    rows = []
    with open(DATA / name, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append((row["sentence"], [tuple(v.split(" => ")) for v in row["values"].split(" | ")]))
    return rows


def score(name: str) -> None:
    rows = gold_rows(name)
    total = recognised = rendered = spurious = 0
    misses = []
    for sentence, gold in rows:
        got = [(v.text, v.english) for v in find_values(sentence)]
        written = [t for t, _ in got]
        total += len(gold)
        recognised += sum(t in written for t, _ in gold)
        rendered += sum(g in got for g in gold)
        extra = [t for t in got if t[0] not in {w for w, _ in gold}]
        spurious += len(extra)
        misses += [(sentence, g) for g in gold if g not in got] + [(sentence, ("(spurious)", e)) for e in extra]
    print(f"{name}: {len(rows)} sentences, {total} gold values: {recognised} recognised "
          f"({100 * recognised / total:.1f}%), {rendered} rendered right ({100 * rendered / total:.1f}%), "
          f"{spurious} spurious")
    for sentence, (written, english) in misses:
        print(f"    {written!r} → {english!r}  in  {sentence}")


def verdict(source: str, english: str) -> str:
    r = compare(find_values(source), english_values(english))
    if r.ok:
        return "ok"
    said = [f"changed: {e.text}" for _, e in r.changed] + ["missing" for _ in r.missing]
    return "error (" + ", ".join(said) + ")"


def table() -> None:
    with open(DATA / "value_forms.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    print("| form | source | English produced | right English → QA | wrong English → QA |")
    print("|---|---|---|---|---|")
    for r in rows:
        [value] = [v for v in find_values(r["source"]) if v.text == r["written"]]
        print(f"| {r['form']} | {r['written']} | {value.english} | {r['right']} → {verdict(r['source'], r['right'])} "
              f"| {r['wrong']} → {verdict(r['source'], r['wrong'])} |")


def units() -> list[str]:
    texts = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [u.text for u in units_of(ingest.ingest(seed, ROOT))]
    for name in ("values_dev.tsv", "values_heldout.tsv"):
        texts += [s for s, _ in gold_rows(name)]
    return texts


def best(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def cost() -> None:
    texts = units()
    glossary, _ = load(ROOT / "glossary", ROOT)
    find_values(texts[0])  # compile the regexes outside the timing
    english_values("x")
    reqs = {t: requirements(t, glossary) for t in texts}
    drafts = {t: enforce.protect(t, reqs[t]) for t in texts}  # what the copy model gives back
    old_numbers = re.compile(r"\d+(?:[.,/-]\d+)*")
    n = len(texts)
    timings = {
        "old QA number regex": best(lambda: [old_numbers.findall(t) for t in texts]),
        "glossary matching": best(lambda: [glossary.find(t) for t in texts]),
        "name detection": best(lambda: [find_names(t) for t in texts]),
        "find_values": best(lambda: [find_values(t) for t in texts]),
        "english_values (of the draft)": best(lambda: [english_values(drafts[t]) for t in texts]),
        "QA's value check (value_comparison)": best(lambda: [enforce.value_comparison(drafts[t], reqs[t])
                                                           for t in texts]),
        "restore of values": best(lambda: [enforce._restore_values(drafts[t], [r for r in reqs[t] if r.is_value],
                                                                   [r for r in reqs[t] if not r.is_value])
                                           for t in texts]),
        "requirements() (terms, names, values)": best(lambda: [requirements(t, glossary) for t in texts]),
        "qa.check (all checks)": best(lambda: [qa.check(t, drafts[t], reqs[t]) for t in texts]),
    }
    base = timings["glossary matching"]
    print(f"cost per unit over {n} units (best of 5); baselines measured in the same run: the old QA's number "
          f"regex, glossary matching and name detection (both unchanged by values)")
    for label, seconds in timings.items():
        print(f"  {label:40s} {seconds / n * 1e6:8.1f} µs/unit   {seconds / base:5.2f}× glossary matching")
    own = sum(timings[k] for k in ("find_values", "QA's value check (value_comparison)", "restore of values"))
    print(f"  values' own path outside MT (find + restore + QA check): {own / n * 1e3:.3f} ms/unit")


def main() -> None:
    score("values_dev.tsv")
    score("values_heldout.tsv")
    print()
    if "--table" in sys.argv:
        table()
        print()
    cost()


if __name__ == "__main__":
    main()
