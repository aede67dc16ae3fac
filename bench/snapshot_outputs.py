#!/usr/bin/env python3
"""Fingerprint what `xlate run` makes of the five samples: every file under translate/ and output/.

Two runs, each in a fresh copy of the repository's workspace (seeds/ + glossary/):
`xlate run --no-mt`, and `xlate run` with the copy model (tests/modelkit.py: a real
CTranslate2 model whose output equals its input). Prints one "sha256  path" line per
file. Save the output before a refactoring and diff it after: the files must not change.

usage: python bench/snapshot_outputs.py > before.txt   (then: … > after.txt; diff before.txt after.txt)
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]


# A new catalog's POT-Creation-Date is the one thing read from the clock; it reaches
# the TMX dates too. Masked, so that two snapshots taken at different times compare.
CLOCK = [(re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d\+0000"), b"<po-date>"),
         (re.compile(rb"\d{8}T\d{6}Z"), b"<tmx-date>"),
         (re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"), b"<iso-date>"),
         (re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d UTC"), b"<shown-date>")]  # the HTML preview's


def fingerprint(ws: Path, label: str) -> list[str]:
    lines = []
    for folder in ("translate", "output"):
        for path in sorted((ws / folder).rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                for pattern, mask in CLOCK:
                    data = pattern.sub(mask, data)
                digest = hashlib.sha256(data).hexdigest()
                lines.append(f"{digest}  {label}/{path.relative_to(ws)}")
    return lines


def main() -> None:
    import modelkit

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, ARGOS_PACKAGES_DIR=str(tmp / "packages"), XDG_DATA_HOME=str(tmp / "data"),
                   XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"),
                   ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/", ARGOS_DEVICE_TYPE="cpu")
        texts = [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").iterdir())
                 if p.suffix in (".txt", ".md")]
        model = modelkit.build_copy_model(tmp / "copy.argosmodel", texts)
        xlate = [sys.executable, "-m", "xlate"]
        subprocess.run(xlate + ["model", "install", str(model)], env=env, check=True, capture_output=True)
        out = []
        for label, args in (("no-mt", ["run", "--no-mt"]), ("copy-model", ["run"])):
            ws = tmp / label
            shutil.copytree(ROOT / "seeds", ws / "seeds")
            shutil.copytree(ROOT / "glossary", ws / "glossary")
            (ws / "xlate.toml").write_text("[mt]\nmax_decoding_length = 512\nbeam_size = 1\n", encoding="utf-8")
            done = subprocess.run(xlate + ["-C", str(ws), *args], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"xlate {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
            out += fingerprint(ws, label)
        print("\n".join(out))


if __name__ == "__main__":
    main()
