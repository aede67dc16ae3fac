"""The `#.` (extracted comment) lines xlate writes into a catalog entry: one codec for all of them.

    #. body                                         the unit kind(s): always the first line
                                                    (title, subheading, body, item, caption)
    #. glossary: Bộ Chính trị = Politburo           a rendering the unit requires
    #. name: Tô Lâm = To Lam                        a personal name it requires
    #. value: 16-7 = 16 July                        a value it requires (listed when the English form differs)
    #. qa: missing glossary rendering "…" for "…"   a QA finding
    #. mt: argostranslate translate-vi_en 1.9, confidence 72%   where the msgstr came from (provenance) …
    #. mt: argostranslate translate-vi_en 1.9, confidence 31% (low)   … an MT draft under [mt] low_confidence …
    #. tm: approved in 002_x                        … an exact memory match …
    #. tm: 86% match, 002_x                         … a fuzzy memory match …
    #. fuzzy match: 86%                             … or the old translation msgmerge carried over

Provenance lines stay with their msgstr from run to run; every other line is
rebuilt on each run. polib wraps long comments onto several `#.` lines, so
reading re-joins a line that starts with none of these keys to the one before.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from xlate.glossary import Requirement
from xlate.model import Kind, StrEnum


class Key(StrEnum):
    GLOSSARY = "glossary"
    NAME = "name"
    VALUE = "value"
    QA = "qa"
    MT = "mt"
    TM = "tm"
    FUZZY_MATCH = "fuzzy match"


PROVENANCE = (Key.MT, Key.TM, Key.FUZZY_MATCH)
_PREFIXES = tuple(f"{key}:" for key in Key)
_KINDS = {str(kind) for kind in Kind}


def line(key: Key, value: str) -> str:
    return f"{key}: {value}"


def kinds_line(kinds: Iterable[Kind]) -> str:
    return ", ".join(kinds)


def requirement_lines(reqs: Iterable[Requirement]) -> list[str]:
    """One line per distinct required rendering, in order of first appearance; a value only
    when its English differs from how it is written (1.250 = 1,250, not 2024 = 2024)."""
    return list(dict.fromkeys(line(_key(r), f"{r.vi} = {r.en}") for r in reqs if not (r.is_value and r.vi == r.en)))


def _key(r: Requirement) -> Key:
    return Key.VALUE if r.is_value else Key.NAME if r.is_name else Key.GLOSSARY


_BY_NAME = {str(key): key for key in Key}  # no key holds a colon: what comes before the first one names it


def key_of(text: str) -> Key | None:
    """The key a comment line starts with (None for the kinds line)."""
    head, colon, _ = text.partition(":")
    return _BY_NAME.get(head) if colon else None


def lines(comment: str | None) -> list[str]:
    """The comment's lines as xlate wrote them, re-joining polib's wrapping."""
    return list(_lines(comment or ""))


@lru_cache(maxsize=4096)  # read again and again for one entry: its status, its confidence, its QA
def _lines(comment: str) -> tuple[str, ...]:
    out: list[str] = []
    for text in comment.splitlines():
        head = text.split(",")[0].strip()
        if out and not text.startswith(_PREFIXES) and head not in _KINDS:
            out[-1] = f"{out[-1]} {text.strip()}"
        else:
            out.append(text)
    return tuple(out)


def values(comment: str | None, key: Key) -> list[str]:
    """What follows "key: " on each line with that key."""
    prefix = f"{key}: "
    return [text[len(prefix):] for text in _lines(comment or "") if text.startswith(prefix)]


def replace(comment: str | None, drop: Iterable[Key] = (), add: Iterable[str] = ()) -> str:
    """The comment without its lines of the `drop` keys, with `add` appended."""
    dropped = set(drop)
    kept = [text for text in lines(comment) if key_of(text) not in dropped]
    return "\n".join([*kept, *add])


# --- what a provenance line says about its draft -------------------------------------------

_CONFIDENCE = re.compile(r"(?:^|[,;] )confidence (\d{1,3})%")
_LOW = " (low)"
_MATCH = re.compile(r"^(\d{1,3})% match\b")


def mt_line(engine: str, version: str, confidence: int | None = None, low: bool = False) -> str:
    """`mt: <engine> <version>[, confidence NN%[ (low)]]` (confidence: 0–100, see docs/design.md, "MT engine";
    low: under `[mt] low_confidence`)."""
    text = f"{engine} {version}" if confidence is None else f"{engine} {version}, confidence {confidence}%"
    return line(Key.MT, text + (_LOW if low and confidence is not None else ""))


def mark_low(comment: str | None, low: bool) -> str:
    """The comment with its `mt:` line marked "(low)", or unmarked."""
    out = []
    for text in lines(comment):
        if key_of(text) == Key.MT and _CONFIDENCE.search(text):
            text = text.removesuffix(_LOW) + (_LOW if low else "")
        out.append(text)
    return "\n".join(out)


def tm_match_line(percent: int, origin: str) -> str:
    """`tm: NN% match, <origin>`: a fuzzy match from the memory (origin: an article stem or a TMX name)."""
    return line(Key.TM, f"{percent}% match, {origin}")


def confidence(comment: str | None) -> int | None:
    """The MT confidence (0–100) an entry's `mt:` line gives, if any."""
    for value in values(comment, Key.MT):
        if m := _CONFIDENCE.search(value):
            return int(m.group(1))
    return None


def match_percent(comment: str | None) -> int | None:
    """How similar (0–100) the source of a memory or msgmerge match was, if the msgstr came from one."""
    for value in values(comment, Key.TM):
        if m := _MATCH.match(value):
            return int(m.group(1))
    for value in values(comment, Key.FUZZY_MATCH):
        if m := re.match(r"(\d{1,3})%", value):
            return int(m.group(1))
    return None
