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

from xlate.glossary.termbase import Glossary
from xlate.model import StrEnum
from xlate.text.names import find_names
from xlate.text.normalize import strip_diacritics

NAME = "name"  # Requirement.kind of a detected personal name (glossary types are the others)


class Outcome(StrEnum):
    """What restore() found of one rendering in the engine's output."""

    RESTORED = "restored"  # every occurrence came back exactly
    REPAIRED = "repaired"  # damaged occurrences were put right
    MISSING = "missing"  # none is there: QA names it and the draft stays fuzzy


@dataclass(frozen=True)
class Requirement:
    vi: str  # the span as written in the unit
    en: str  # the English it must be rendered as
    kind: str  # the glossary type, or NAME for a detected personal name
    start: int
    end: int

    @property
    def is_name(self) -> bool:
        return self.kind == NAME


def requirements(text: str, glossary: Glossary) -> list[Requirement]:
    """Glossary matches, then names the glossary does not cover; sorted, non-overlapping."""
    found = [Requirement(m.text, m.term.en, m.term.type, m.start, m.end) for m in glossary.find(text)]
    taken = [(r.start, r.end) for r in found]
    for name in find_names(text):
        if all(name.end <= s or name.start >= e for s, e in taken):
            found.append(Requirement(name.text, name.english, NAME, name.start, name.end))
    return sorted(found, key=lambda r: r.start)


def protect(text: str, reqs: list[Requirement]) -> str:
    """The MT input: each required span replaced by its English rendering."""
    out, last = [], 0
    for r in reqs:
        out += [text[last:r.start], r.en]
        last = r.end
    return "".join(out + [text[last:]])


def restore(translation: str, reqs: list[Requirement]) -> tuple[str, dict[str, Outcome]]:
    """Put every rendering back in its exact form; returns (text, outcome per English).

    Outcomes: "restored" (every occurrence came back), "repaired" (damaged
    occurrences were fixed) or "missing" (none is there). Renderings that came
    back intact are fenced off first, so a repair never rewrites a correct one.
    """
    wanted: dict[str, int] = {}
    vis: dict[str, list[str]] = {}
    for r in reqs:
        wanted[r.en] = wanted.get(r.en, 0) + 1
        vis.setdefault(r.en, []).append(r.vi)
    # Longest first, so "General Secretary and President" is settled before "President".
    order = sorted(wanted, key=len, reverse=True)
    fenced: list[tuple[int, int]] = []
    found: dict[str, int] = {}
    for en in order:
        spans = [m.span() for m in re.finditer(_strict(en), translation) if _free(m.span(), fenced)]
        fenced += spans
        found[en] = len(spans)
    outcome = {en: Outcome.RESTORED for en in order if found[en] >= wanted[en]}
    for en in order:
        repaired = False
        while found[en] < wanted[en]:
            hit = _damaged(translation, en, vis[en], fenced)
            if hit is None:
                break
            (start, end), fixed = hit
            translation = translation[:start] + fixed + translation[end:]
            shift = len(fixed) - (end - start)
            fenced = [(a + shift, b + shift) if a >= end else (a, b) for a, b in fenced]
            fenced.append((start, start + len(fixed)))
            found[en] += 1
            repaired = True
        if en not in outcome:
            outcome[en] = Outcome.REPAIRED if repaired else (Outcome.RESTORED if found[en] else Outcome.MISSING)
    return translation, outcome


def rendered(translation: str, en: str) -> bool:
    """Is the required English in the translation? (QA uses this too.)"""
    return re.search(_strict(en), translation) is not None


def rendered_spans(translation: str, en: str) -> list[tuple[int, int]]:
    """Where the required English stands in the translation, by the rule `rendered` applies."""
    return [m.span() for m in re.finditer(_strict(en), translation)]


def _free(span: tuple[int, int], fenced: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in fenced)


def _damaged(translation: str, en: str, vis: list[str],
             fenced: list[tuple[int, int]]) -> tuple[tuple[int, int], str] | None:
    """A damaged copy of the rendering (or the untouched source span) outside the fences,
    and what to put there: the exact rendering, keeping a plural ending."""
    folded = strip_diacritics(translation)
    # Diacritics lost or added: search the ASCII-folded text too (same length
    # for NFC Vietnamese, so offsets carry over when the lengths agree).
    texts = [translation] + ([folded] if len(folded) == len(translation) else [])
    for text in texts:
        for candidate in dict.fromkeys([en, *vis]):
            if text is folded:
                candidate = strip_diacritics(candidate)
            for m in re.finditer(_loose(candidate), text, flags=re.IGNORECASE):
                if _free(m.span(), fenced):
                    return m.span(), _pluralize(en, m)
    return None


def _pluralize(en: str, m: re.Match) -> str:
    if m.groupdict().get("ies"):
        return en[:-1] + "ies"
    return en + (m.group("plural") or "").lower()


def _words(text: str, split: str) -> list[str]:
    """Escaped words; a final "y" may also be the plural "ie(s)" (deputy → deputies)."""
    parts = [re.escape(w) for w in re.split(split, text.strip()) if w]
    if parts and parts[-1].endswith("y") and len(parts[-1]) > 1:
        parts[-1] = parts[-1][:-1] + "(?:y|(?P<ies>ie))"
    return parts


_END = r"(?P<plural>e?s)?(?!\w)"


def _strict(en: str) -> str:
    """The rendering as the house writes it: only whitespace may vary, a plural may follow,
    and a lower-case rendering may be capitalised (it can start a sentence)."""
    parts = _words(en, r"\s+")
    if parts and en[:1].islower():
        parts[0] = f"[{en[0]}{en[0].upper()}]" + parts[0][1:]
    return r"(?<!\w)" + r"\s+".join(parts) + _END


def _loose(text: str) -> str:
    """A damaged copy: any spacing or hyphenation between words (the caller ignores case)."""
    return r"(?<!\w)" + r"[\s\-‐–—]*".join(_words(text, r"[\s\-‐–—]+")) + _END
