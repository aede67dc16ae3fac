"""A small lexicon of common news words (data/lexicon.tsv): a weak signal beside the glossary.

The glossary says how a term must be rendered; this says only that "tăng" in a
Vietnamese sentence and "rose" in an English one point the same way. It is
never a requirement and never leaves the aligner. Vietnamese entries match
whole syllables, longest first, ignoring case and tone placement; an English
alternative matches a word it begins (stems: "manufactur", "investigat") or,
with a space in it, the phrase.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from xlate.text.normalize import match_key

MAX_SYLLABLES = 4
_SYLLABLE = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class Entry:
    vi: str
    en: tuple[str, ...]


@lru_cache(maxsize=1)
def entries() -> dict[tuple[str, ...], Entry]:
    text = resources.files("xlate.align").joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith("#") or line.startswith("vi\t"):
            continue
        vi, en = line.split("\t")
        key = tuple(match_key(vi).split())
        found.setdefault(key, Entry(vi, tuple(e.strip().lower() for e in en.split("|"))))
    return found


def in_vietnamese(text: str) -> set[str]:
    """The entries (by their Vietnamese) a Vietnamese sentence holds, longest match first."""
    table = entries()
    syllables = [match_key(m.group()) for m in _SYLLABLE.finditer(text)]
    found, i = set(), 0
    while i < len(syllables):
        for size in range(min(MAX_SYLLABLES, len(syllables) - i), 0, -1):
            entry = table.get(tuple(syllables[i:i + size]))
            if entry is not None:
                found.add(entry.vi)
                i += size
                break
        else:
            i += 1
    return found


def in_english(text: str, wanted: set[str]) -> set[str]:
    """Which of the `wanted` entries (by their Vietnamese) an English sentence has a rendering of."""
    lowered = text.casefold()
    words = _WORD.findall(lowered)
    by_vi = {e.vi: e for e in entries().values()}
    found = set()
    for vi in wanted:
        for alternative in by_vi[vi].en:
            if " " in alternative:
                hit = alternative in lowered
            else:
                hit = any(w == alternative or (len(alternative) >= 4 and w.startswith(alternative)) for w in words)
            if hit:
                found.add(vi)
                break
    return found
