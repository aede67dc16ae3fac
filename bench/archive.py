"""Synthetic archives made from the five sample articles, for benchmarks at scale.

Article i is sample i mod 5 with every body paragraph given a prefix that no
other article has ("Theo bản tin an bình cát, …"), so that no two articles share
a unit and the translation memory cannot make the work smaller. The titles and
captions repeat across articles, as they do in a real archive.

usage: python bench/archive.py DIR N
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ("an bình cát dũng em giang hà khánh lan minh nam oanh phúc quang sơn thanh uyên vân "
             "xuân yến").split()


def tag(i: int) -> str:
    """Three syllables that name article i (8,000 names; more articles reuse them with a fourth)."""
    words = []
    while True:
        words.append(SYLLABLES[i % len(SYLLABLES)])
        i //= len(SYLLABLES)
        if len(words) >= 3 and i == 0:
            return " ".join(words)


def samples() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8-sig")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def article(i: int, texts: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """(file name, text) of article i."""
    texts = texts or samples()
    stem, text = texts[i % len(texts)]
    lines = []
    for line in text.split("\n"):
        s = line.strip()
        if len(s) > 80 and s[-1:] in ".”\"":  # a body paragraph, not a title, caption or byline
            s = f"Theo bản tin {tag(i)}, " + s[0].lower() + s[1:]
            lines.append(s)
        else:
            lines.append(line)
    return f"a{i:05d}_{stem[:3]}.txt", "\n".join(lines)


def make(root: Path, n: int, start: int = 0) -> Path:
    """A workspace at `root` with articles start … start+n-1 and the shipped glossary."""
    texts = samples()
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    if not (root / "glossary").exists():
        shutil.copytree(ROOT / "glossary", root / "glossary")
    for i in range(start, start + n):
        name, text = article(i, texts)
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    make(Path(sys.argv[1]), int(sys.argv[2]))
