#!/usr/bin/env python3
"""MT throughput: xlate's Engine vs argostranslate's translate() vs raw CTranslate2.

A benchmark, not a test. It builds a random-weight model shaped like the real
translate-vi_en (transformer-base: 6+6 layers, d=512, 8 heads, FFN 2048, int8,
~32k vocabulary) into a throwaway ARGOS_PACKAGES_DIR, turns the sample seeds
into units exactly as `xlate run` does (xlate.ingest + xlate.text), and
times three ways of translating the same units with the same beam size and
the same max_decoding_length (random weights never emit </s>, so the limit
decides how long every output is):

  (a) xlate.mt.engine.Engine.translate over all units at once;
  (b) argostranslate.translate.translate() once per paragraph, as a user of
      argostranslate would call it, with its sentencizer replaced by xlate's
      splits (its own downloads stanza/MiniSBD models at run time: offline it
      fails) and its Translator capped at the same max_decoding_length;
  (c) one ctranslate2.Translator.translate_batch over the pre-tokenized units.

Each path runs in its own process, so its peak RSS (getrusage) is its own.

With --grid it times (a) only, over batch_type ("examples", "tokens") and a
grid of max_batch_size values, each configuration in its own process, the
configurations interleaved round by round; the table it prints is where the
defaults of `[mt] batch_type` and `batch_size` come from.

usage: PYTHONPATH=src python bench/bench_mt.py [--beam 2] [--max-len 64] [--batch 32] [--repeat 3] [--limit N]
       PYTHONPATH=src python bench/bench_mt.py --grid [--repeat 3]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


def argos_environment(work: Path) -> dict:
    """Every Argos folder inside ``work``; its index URL a closed loopback port."""
    return {"ARGOS_PACKAGES_DIR": str(work / "packages"), "XDG_DATA_HOME": str(work / "data"),
            "XDG_CONFIG_HOME": str(work / "config"), "XDG_CACHE_HOME": str(work / "cache"),
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "ARGOS_DEVICE_TYPE": "cpu",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def paragraphs_of_seeds() -> tuple[list[list[str]], str]:
    """Each paragraph (title, body paragraph, caption) as its list of units."""
    try:
        from xlate.ingest import ingest
        from xlate.text import units_of
    except ImportError:  # an early checkout: fall back to a plain splitter
        import re
        paragraphs = []
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            for line in path.read_text(encoding="utf-8-sig").splitlines():
                line = " ".join(line.split())
                if line:
                    paragraphs.append([s for s in re.split(r"(?<=[.!?…])\s+", line) if s])
        return paragraphs, "a regex splitter over seed lines (xlate.text not available)"
    paragraphs = []
    for path in sorted((ROOT / "seeds").iterdir()):
        if path.suffix in (".txt", ".md"):
            groups: dict[int, list[str]] = {}
            for unit in units_of(ingest(path, ROOT)):
                groups.setdefault(unit.block, []).append(unit.text)
            paragraphs += list(groups.values())
    return paragraphs, "xlate.ingest blocks split by xlate.text.split_sentences"


# --- each step runs in a child process: its peak RSS is its own --------------------


def step_build(args, paragraphs):
    """Build the model and install it (the parent stays small: RSS survives fork+exec)."""
    import modelkit

    from xlate.mt import packages

    texts = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    started = time.perf_counter()
    # BPE gives ~1.2 pieces per Vietnamese word on this small corpus, close to
    # the real model's tokenizer; unigram would give ~1.7.
    model = modelkit.build_random_model(
        Path(args.work) / "base.argosmodel", texts, layers=6, d=512, heads=8, ffn=2048,
        vocab=8000, pad_vocab_to=args.vocab, quantization="int8", version="1.9.9", sp_model_type="bpe")
    seconds = time.perf_counter() - started
    info = packages.install_file(model)
    return {"seconds": seconds, "mb": model.stat().st_size / 1e6, "package": str(info.path)}


def path_xlate(args, paragraphs):
    from xlate.mt import engine
    from xlate.settings import Settings

    units = [u for p in paragraphs for u in p]
    settings = Settings()
    settings.mt.beam_size, settings.mt.max_decoding_length = args.beam, args.max_len
    settings.mt.batch_size, settings.mt.batch_type = args.batch, args.batch_type
    started = time.perf_counter()
    eng = engine.load_engine(settings)
    eng.translate(units[:2])  # warm-up: first-call allocations are not throughput
    loaded = time.perf_counter()
    out = [t.text for t in eng.translate(units)]
    return {"load_s": loaded - started, "seconds": time.perf_counter() - loaded, "outputs": out,
            "compute_type": eng._translator.compute_type}


class _Capped:
    """argostranslate's Translator with a max_decoding_length (it passes none)."""

    def __init__(self, translator, max_len):
        self._translator, self._max_len = translator, max_len

    def translate_batch(self, *args, **kwargs):
        kwargs.setdefault("max_decoding_length", self._max_len)
        return self._translator.translate_batch(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._translator, name)


def path_argos(args, paragraphs):
    import argostranslate.translate as argos_translate
    from argostranslate import settings as argos_settings

    splits = {" ".join(p): p for p in paragraphs}

    class GivenSplits:  # stands in for MiniSBD/stanza/spacy: xlate's sentences
        def __init__(self, pkg):
            self.pkg = pkg

        def split_sentences(self, text):
            return splits[text]

    for name in ("MiniSBDSentencizer", "StanzaSentencizer", "SpacySentencizerSmall"):
        setattr(argos_translate, name, GivenSplits)
    argos_settings.beam_size = args.beam
    started = time.perf_counter()
    translation = argos_translate.get_translation_from_codes("vi", "en")
    argos_translate.translate(" ".join(paragraphs[0]), "vi", "en")  # warm-up; builds its Translator
    package_translation = translation.underlying
    package_translation.translator = _Capped(package_translation.translator, args.max_len)
    loaded = time.perf_counter()
    out = [argos_translate.translate(" ".join(p), "vi", "en") for p in paragraphs]
    return {"load_s": loaded - started, "seconds": time.perf_counter() - loaded, "outputs": out,
            "compute_type": package_translation.translator.compute_type,
            "argos_batching": f"max_batch_size={argos_settings.batch_size} tokens"}


def path_ct2(args, paragraphs):
    import ctranslate2
    import sentencepiece

    from xlate.mt import packages

    package = packages.find_vi_en().path
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = [sp.encode(u, out_type=str) for p in paragraphs for u in p]
    started = time.perf_counter()
    translator = ctranslate2.Translator(str(package / "model"), device="cpu", inter_threads=1, intra_threads=0)
    options = dict(max_batch_size=args.batch, batch_type="examples", beam_size=args.beam,
                   max_decoding_length=args.max_len, length_penalty=0.2, replace_unknowns=True)
    translator.translate_batch(tokens[:2], **options)
    loaded = time.perf_counter()
    results = translator.translate_batch(tokens, **options)
    seconds = time.perf_counter() - loaded
    out = [sp.decode_pieces(r.hypotheses[0]).replace("▁", " ").replace("_", " ").lstrip(" ") for r in results]
    return {"load_s": loaded - started, "seconds": seconds, "outputs": out,
            "compute_type": translator.compute_type,
            "output_tokens": sum(len(r.hypotheses[0]) for r in results)}


PATHS = {"build": ("build + install the model", step_build),
         "a": ("xlate Engine.translate (all units)", path_xlate),
         "b": ("argostranslate translate() per paragraph", path_argos),
         "c": ("raw ctranslate2 translate_batch", path_ct2)}


def child(args):
    paragraphs = json.loads(Path(args.work, "paragraphs.json").read_text(encoding="utf-8"))
    result = PATHS[args.child][1](args, paragraphs)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(key, args, work, env, batch=None, batch_type="examples"):
    done = subprocess.run([sys.executable, __file__, "--child", key, "--work", str(work),
                           "--beam", str(args.beam), "--max-len", str(args.max_len),
                           "--batch", str(batch or args.batch), "--batch-type", batch_type,
                           "--vocab", str(args.vocab)],
                          env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"step ({key}) failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--beam", type=int, default=2)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--limit", type=int, default=0, help="only the first N paragraphs")
    ap.add_argument("--repeat", type=int, default=3, help="runs of (a) and of (c), interleaved")
    ap.add_argument("--batch-type", choices=["examples", "tokens"], default="examples")
    ap.add_argument("--grid", action="store_true", help="(a) over batch_type x max_batch_size")
    ap.add_argument("--child", choices=list(PATHS))
    ap.add_argument("--work")
    args = ap.parse_args()
    if args.child:
        return child(args)

    with tempfile.TemporaryDirectory(prefix="xlate-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, **argos_environment(work)}
        os.environ.update(env)  # before anything imports argostranslate
        paragraphs, how = paragraphs_of_seeds()
        if args.limit:
            paragraphs = paragraphs[:args.limit]
        (work / "paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
        built = run_child("build", args, work, env)
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(Path(built["package"]) / "sentencepiece.model"))
        units = [u for p in paragraphs for u in p]
        lengths = [len(sp.encode(u)) for u in units]
        tokens = sum(lengths)
        print(f"model: random transformer-base (6+6 layers, d=512, 8 heads, FFN 2048), int8, "
              f"{built['mb']:.1f} MB .argosmodel, vocab {args.vocab} (SentencePiece BPE "
              f"{sp.get_piece_size()} pieces + padding); built in {built['seconds']:.1f} s, "
              f"builder peak RSS {built['rss_mb']:.0f} MB")
        print(f"units: {len(units)} in {len(paragraphs)} paragraphs, from {how}; {tokens} source tokens "
              f"(mean {tokens / len(units):.1f}, max {max(lengths)} per unit)")
        print(f"decoding: beam_size={args.beam} and max_decoding_length={args.max_len} tokens for all three; "
              f"batch_size={args.batch} (a, c); {os.cpu_count()} cores, intra_threads=0 (all), inter_threads=1")
        if args.grid:
            return grid(args, work, env, units, tokens)
        # (a) and (c) alternate, so a change in the machine's load hits both
        # alike; each figure is the median of its repeats. (b) is slow: once.
        runs: dict[str, list] = {"a": [], "b": [], "c": []}
        loads: dict[str, list] = {"a": [], "b": [], "c": []}
        for key in ["a", "c"] * args.repeat + ["b"]:
            loads[key].append(os.getloadavg()[0])
            runs[key].append(run_child(key, args, work, env))
        results = {}
        for key in "abc":
            label = PATHS[key][0]
            r = results[key] = sorted(runs[key], key=lambda x: x["seconds"])[len(runs[key]) // 2]
            r["rss_mb"] = max(x["rss_mb"] for x in runs[key])
            extra = "".join(f", {k}={r[k]}" for k in ("argos_batching", "output_tokens") if k in r)
            every = ", ".join(f"{x['seconds']:.1f}" for x in runs[key])
            print(f"({key}) {label:42s} {len(units) / r['seconds']:7.2f} units/s {tokens / r['seconds']:8.1f} "
                  f"src tok/s  median {r['seconds']:6.1f} s of [{every}] (+{r['load_s']:.1f} s load)  "
                  f"peak RSS {r['rss_mb']:.0f} MB  [{r['compute_type']}, load avg before "
                  f"{', '.join(f'{x:.2f}' for x in loads[key])}{extra}]")
        print(f"orchestrator peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
              "(a floor for the children's figures: Linux keeps ru_maxrss across fork+exec)")
        a, b, c = (results[k]["seconds"] for k in "abc")
        print(f"ratio a/b (xlate speed-up over argostranslate): {b / a:.2f}x; "
              f"ratio a/c (xlate vs raw CTranslate2): {c / a:.2f}x (throughput ratios)")
        same = sum(x == y for x, y in zip(results["a"]["outputs"], results["c"]["outputs"]))
        print(f"same output (a) vs (c): {same}/{len(units)} units")


# max_batch_size values: sentences for "examples", source tokens for "tokens"
# (the samples average ~60 tokens a sentence, so 2048 tokens is ~32 sentences).
GRID = [("examples", n) for n in (4, 8, 16, 32, 64, 128)] + [("tokens", n) for n in (512, 1024, 2048, 4096, 8192)]


def grid(args, work, env, units, tokens):
    """Units/s of xlate's Engine for every configuration of GRID: the median of --repeat rounds."""
    from xlate.settings import MTSettings

    runs: dict[tuple, list] = {config: [] for config in GRID}
    for _ in range(args.repeat):
        for config in GRID:  # round by round: a change in the machine's load hits every configuration
            runs[config].append(run_child("a", args, work, env, batch=config[1], batch_type=config[0]))
    default = (MTSettings().batch_type, MTSettings().batch_size)
    base = sorted(runs[default], key=lambda x: x["seconds"])[len(runs[default]) // 2] if default in runs else None
    print(f"\n| batch_type | max_batch_size | units/s (median) | units/s (best) | src tok/s (median) | runs (s) "
          f"| same output as {default[0]}/{default[1]} |")
    print("|---|---:|---:|---:|---:|---|---:|")
    best = None
    for config, results in runs.items():
        r = sorted(results, key=lambda x: x["seconds"])[len(results) // 2]
        same = sum(x == y for x, y in zip(r["outputs"], base["outputs"])) if base else 0
        mark = " (default)" if config == default else ""
        every = ", ".join(f"{x['seconds']:.1f}" for x in results)
        fastest = min(x["seconds"] for x in results)
        print(f"| {config[0]}{mark} | {config[1]} | {len(units) / r['seconds']:.2f} | {len(units) / fastest:.2f} | "
              f"{tokens / r['seconds']:.0f} | {every} | {same}/{len(units)} |")
        if best is None or r["seconds"] < best[1]:
            best = (config, r["seconds"])
    print(f"\nfastest (median): batch_type={best[0][0]} max_batch_size={best[0][1]}; "
          f"the default is batch_type={default[0]} batch_size={default[1]}; load average now "
          f"{os.getloadavg()[0]:.2f} (the machine is shared: compare rows, not runs)")


if __name__ == "__main__":
    main()
