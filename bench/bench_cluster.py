#!/usr/bin/env python3
"""`xlate run` in process vs `xlate run --cluster` on a Ray cluster here, over the five samples.

A benchmark, not a test. It builds the random transformer-base-shaped model
of bench_mt.py (or, with --copy, the tests' tiny copy model) into a throwaway
Argos home, then times, each in a fresh workspace and its own process:

  (in-process)  xlate run
  (local)       xlate run --cluster local     Ray started and stopped by the run itself
  (cluster)     xlate run --cluster ADDRESS   a head node started once beforehand (2 CPUs),
                                              as a desk's backfill cluster would be

Each (cluster) run still pays for connecting, shipping the runtime_env (the
first run only: Ray keeps it by content hash), starting its actors and
loading the model in each. The Ray paths use [mt] cluster_cpus_per_actor = 1,
so the two cores hold two actors, each with one thread; in process, one
CTranslate2 translator uses both cores.

usage: PYTHONPATH=src python bench/bench_cluster.py [--repeat 2] [--copy] [--max-len 64]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]


def workspace(work: Path, name: str, settings: str) -> Path:
    ws = work / name
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    (ws / "xlate.toml").write_text(settings, encoding="utf-8")
    return ws


def timed_run(ws: Path, env: dict, *extra: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "xlate", "-C", str(ws), "run", *extra],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode or " machine-translated" not in done.stdout:
        sys.exit(f"xlate run {' '.join(extra)} failed:\n{done.stdout}\n{done.stderr}")
    translated = done.stdout.rsplit(" machine-translated", 1)[0].rsplit(" ", 1)[-1]
    return seconds, translated


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--copy", action="store_true", help="the tiny copy model instead of transformer-base")
    ap.add_argument("--max-len", type=int, default=64)
    args = ap.parse_args()

    import bench_mt
    import modelkit

    with tempfile.TemporaryDirectory(prefix="xlate-bench-cluster-") as tmp:
        work = Path(tmp)
        env = {**os.environ, **bench_mt.argos_environment(work), "RAY_USAGE_STATS_ENABLED": "0"}
        os.environ.update(env)
        texts = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        if args.copy:
            model, shape = modelkit.build_copy_model(work / "m.argosmodel", texts), "copy model (d=64, 1+1 layers)"
            max_len = 512
        else:
            model = modelkit.build_random_model(
                work / "m.argosmodel", texts, layers=6, d=512, heads=8, ffn=2048, vocab=8000,
                pad_vocab_to=32000, quantization="int8", version="1.9.9", sp_model_type="bpe")
            shape, max_len = "random transformer-base (6+6, d=512, int8)", args.max_len
        subprocess.run([sys.executable, "-m", "xlate", "model", "install", str(model)], env=env,
                       check=True, capture_output=True)
        settings = f"[mt]\nmax_decoding_length = {max_len}\ncluster_cpus_per_actor = 1.0\n"

        from ray.cluster_utils import Cluster

        started = time.perf_counter()
        head = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "include_dashboard": False})
        head_seconds = time.perf_counter() - started
        try:
            runs: dict[str, list[float]] = {"in-process": [], "local": [], "cluster": []}
            flags = {"in-process": [], "local": ["--cluster", "local"], "cluster": ["--cluster", head.address]}
            translated = set()
            for n in range(args.repeat):  # interleaved: the machine's load hits all three alike
                for name, extra in flags.items():
                    seconds, count = timed_run(workspace(work, f"{name}{n}", settings), env, *extra)
                    runs[name].append(seconds)
                    translated.add(count)
        finally:
            head.shutdown()
        print(f"model: {shape}; max_decoding_length {max_len}; {'/'.join(sorted(translated))} units translated; "
              f"{os.cpu_count()} cores; head node started in {head_seconds:.1f} s (not counted below)")
        base = min(runs["in-process"])
        for name, seconds in runs.items():
            print(f"{name:11s} best {min(seconds):6.1f} s  of [{', '.join(f'{s:.1f}' for s in seconds)}]  "
                  f"ratio to in-process {min(seconds) / base:.2f}x")
        print(f"load average now {os.getloadavg()[0]:.2f} (the machine is shared)")


if __name__ == "__main__":
    main()
