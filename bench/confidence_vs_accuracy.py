#!/usr/bin/env python3
"""How the MT confidence follows a model's mistakes, on models whose right answer is known.

A measurement, not a test, and not a calibration of the real model (which
cannot be fetched here): it uses the one model whose right answer is known
for every sentence, the copy model (tests/modelkit.py), made imperfect by
blurring its output layer with more and more noise. For every sample unit (the seeds, segmented as `xlate run` does)
and every noise level it records the engine's confidence (xlate.mt.engine,
the real CTranslate2 path) and the draft's accuracy: how much of the right
answer (the input) it got, in words (1 − word edit distance / longer length).
It prints, per confidence band, how many drafts fall in it and how accurate
they are, then what a threshold would flag: the share of bad drafts (accuracy
under 50 %) caught and of good ones (over 90 %) flagged for nothing.

usage: python bench/calibrate_confidence.py
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

NOISE = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
BANDS = ((90, 101), (70, 90), (50, 70), (30, 50), (0, 30))


def units() -> list[str]:
    from xlate.ingest import ingest
    from xlate.text import units_of

    found = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        found += [u.text for u in units_of(ingest(seed, ROOT))]
    return list(dict.fromkeys(found))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(ARGOS_PACKAGES_DIR=f"{tmp}/packages", XDG_DATA_HOME=f"{tmp}/data",
                          XDG_CONFIG_HOME=f"{tmp}/config", XDG_CACHE_HOME=f"{tmp}/cache",
                          ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/", ARGOS_DEVICE_TYPE="cpu")
        import modelkit
        from xlate.mt import confidence, engine, fuzzy, packages
        from xlate.settings import Settings

        texts = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        sample = units()
        settings = Settings()
        settings.mt.max_decoding_length, settings.mt.beam_size = 512, 2
        rows = []  # (noise, confidence %, accuracy %)
        for noise in NOISE:
            model = modelkit.build_copy_model(Path(tmp) / f"copy-{noise}.argosmodel", texts, noise=noise)
            packages.install_file(model)
            for source, out in zip(sample, engine.load_engine(settings).translate(sample)):
                accuracy = fuzzy.percent(fuzzy.words(source), fuzzy.words(out.text), source == out.text)
                rows.append((noise, confidence.percent(out.confidence), accuracy))
    print(f"{len(sample)} units x {len(NOISE)} noise levels of the copy model = {len(rows)} drafts")
    print(f"{'noise':>5}  {'mean confidence':>15}  {'mean accuracy':>13}")
    for noise in NOISE:
        mine = [r for r in rows if r[0] == noise]
        print(f"{noise:>5}  {sum(r[1] for r in mine) / len(mine):>14.0f}%  {sum(r[2] for r in mine) / len(mine):>12.0f}%")
    print(f"\n{'confidence':>10}  {'drafts':>6}  {'mean accuracy':>13}  {'accuracy < 50 %':>15}")
    for low, high in BANDS:
        band = [r for r in rows if low <= r[1] < high]
        if band:
            bad = sum(r[2] < 50 for r in band)
            print(f"{low:>3}–{min(high, 100):<3}%  {len(band):>7}  {sum(r[2] for r in band) / len(band):>12.0f}%  "
                  f"{bad:>8} ({100 * bad / len(band):.0f} %)")
    bad = [r for r in rows if r[2] < 50]
    good = [r for r in rows if r[2] > 90]
    print(f"\n{'threshold':>9}  {'bad drafts caught':>17}  {'good drafts flagged':>19}")
    for threshold in (30, 40, 50, 60, 70):
        caught = sum(confidence.is_low(r[1], threshold) for r in bad)
        wasted = sum(confidence.is_low(r[1], threshold) for r in good)
        print(f"{threshold:>8}%  {caught:>6}/{len(bad):<5} ({100 * caught / max(1, len(bad)):>3.0f} %)  "
              f"{wasted:>7}/{len(good):<5} ({100 * wasted / max(1, len(good)):>3.0f} %)")


if __name__ == "__main__":
    main()
