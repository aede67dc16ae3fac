"""Glossary and name enforcement around MT: protect, restore, verify.

Every glossary match and every personal name in a unit is a Requirement: its
English must appear in the unit's translation. Before MT each required span is
replaced by its English rendering (the engine sees "General Secretary To Lam
gặp mặt …" and carries Latin-script spans through far better than it
translates titles word by word). After MT each rendering is looked for:

- restored: it came back exactly;
- repaired: it came back mangled (case, spacing, diacritics, hyphens) or the
  engine echoed the Vietnamese: that span is replaced by the exact rendering;
- missing: nothing recognisable came back; QA names it and the entry stays fuzzy.
"""

import re
from dataclasses import dataclass

from xlate.glossary import Glossary
from xlate.names import find_names
from xlate.normalize import strip_diacritics


@dataclass(frozen=True)
class Requirement:
    vi: str  # the span as written in the unit
    en: str  # the English it must be rendered as
    kind: str  # the glossary type, or "name" for a detected personal name
    start: int
    end: int

    @property
    def note(self) -> str:
        """The extracted comment that tells a reviewer about it."""
        label = "name" if self.kind == "name" else "glossary"
        return f"{label}: {self.vi} = {self.en}"


def requirements(text: str, glossary: Glossary) -> list[Requirement]:
    """Glossary matches, then names the glossary does not cover; sorted, non-overlapping."""
    found = [Requirement(m.text, m.term.en, m.term.type, m.start, m.end) for m in glossary.find(text)]
    taken = [(r.start, r.end) for r in found]
    for name in find_names(text):
        if all(name.end <= s or name.start >= e for s, e in taken):
            found.append(Requirement(name.text, name.english, "name", name.start, name.end))
    return sorted(found, key=lambda r: r.start)


def notes(reqs: list[Requirement]) -> list[str]:
    """One `#.` line per distinct requirement, in order of first appearance."""
    return list(dict.fromkeys(r.note for r in reqs))


def protect(text: str, reqs: list[Requirement]) -> str:
    """The MT input: each required span replaced by its English rendering."""
    out, last = [], 0
    for r in reqs:
        out += [text[last:r.start], r.en]
        last = r.end
    return "".join(out + [text[last:]])


def restore(translation: str, reqs: list[Requirement]) -> tuple[str, dict[str, str]]:
    """Put every rendering back in its exact form; returns (text, outcome per English).

    Outcomes: "restored", "repaired" or "missing".
    """
    outcome: dict[str, str] = {}
    # Longest first, so "General Secretary and President" is settled before "President".
    for en in sorted({r.en for r in reqs}, key=len, reverse=True):
        if _present(translation, en):
            outcome[en] = "restored"
            continue
        vis = [r.vi for r in reqs if r.en == en]
        span = _mangled(translation, en, vis)
        if span is None:
            outcome[en] = "missing"
            continue
        start, end = span
        translation = translation[:start] + en + translation[end:]
        outcome[en] = "repaired"
    return translation, outcome


def rendered(translation: str, en: str) -> bool:
    """Is the required English in the translation? (QA uses this too.)"""
    return _present(translation, en)


def _present(translation: str, en: str) -> bool:
    # A sentence may start with a rendering that is lower-case in the glossary
    # ("Party member" fine, "officials and Party members" fine): only the first
    # letter's case may differ, and plurals may follow.
    pattern = _loose(en, first_letter_only=True)
    return re.search(pattern, translation) is not None


def _mangled(translation: str, en: str, vis: list[str]) -> tuple[int, int] | None:
    """Where a damaged copy of the rendering (or the untouched source span) sits."""
    for candidate in [en, *vis]:
        m = re.search(_loose(candidate, first_letter_only=False), translation, flags=re.IGNORECASE)
        if m:
            return m.span()
    # Diacritics lost or added: compare on ASCII-folded text (same length for
    # NFC Vietnamese, so offsets carry over when the lengths agree).
    folded = strip_diacritics(translation)
    if len(folded) == len(translation):
        for candidate in [en, *vis]:
            m = re.search(_loose(strip_diacritics(candidate), first_letter_only=False), folded,
                          flags=re.IGNORECASE)
            if m:
                return m.span()
    return None


def _loose(text: str, first_letter_only: bool) -> str:
    """A regex for `text` on word boundaries, allowing a plural ending.

    Strict (first_letter_only): only whitespace may vary and only the first
    letter's case. Loose: any spacing or hyphenation between words (the caller
    adds IGNORECASE).
    """
    if first_letter_only:
        parts = [re.escape(w) for w in text.split()]
        if parts and text[:1].isalpha():
            parts[0] = f"[{re.escape(text[0].lower())}{re.escape(text[0].upper())}]" + parts[0][1:] \
                if not parts[0].startswith("\\") else parts[0]
        separator = r"\s+"
    else:
        parts = [re.escape(w) for w in re.split(r"[\s\-‐–—]+", text.strip()) if w]
        separator = r"[\s\-‐–—]*"
    return r"(?<!\w)" + separator.join(parts) + r"(?:e?s)?(?!\w)"
