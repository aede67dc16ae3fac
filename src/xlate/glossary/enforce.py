"""Glossary, name and value enforcement around MT: protect, restore, verify.

Every glossary match, every personal name and every value (xlate.text.values:
numbers, dates, times, money, ordinals …) in a unit is a Requirement: its
English must appear in the unit's translation. Before MT each required span is
replaced by its English rendering (the engine sees "General Secretary To Lam
gặp mặt … 16 July …" and carries Latin-script spans through far better than it
translates titles word by word or converts 16-7 itself). After MT each
rendering is looked for — a term or name by its words, a value by its meaning:

- restored: it came back (a value in any accepted English form: "July 16" for "16 July");
- repaired: it came back mangled (case, spacing, diacritics, hyphens) or the
  engine echoed the Vietnamese (a value: its Vietnamese form, "16-7", or its
  rendering with the spacing broken): that span is replaced by the exact rendering;
- missing: nothing recognisable came back; QA names it and the entry stays fuzzy.

Where a glossary term and a value overlap, the longer span wins and a tie goes
to the glossary: "Đại hội XIII của Đảng" is the glossary's 13th National Party
Congress, a bare "Đại hội XIII" is the value's 13th Congress (the shipped rows
agree with the values they contain: `xlate glossary check` says when one does not).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from xlate.glossary.termbase import Glossary
from xlate.model import StrEnum
from xlate.text.names import find_names
from xlate.text.normalize import strip_diacritics
from xlate.text.values import DEFAULT, Comparison, Style, Value, compare, english_values, find_values

NAME = "name"  # Requirement.kind of a detected personal name (glossary types are the others)
VALUE = "value"  # Requirement.kind of a value; Requirement.value says which


class Outcome(StrEnum):
    """What restore() found of one rendering in the engine's output."""

    RESTORED = "restored"  # every occurrence came back exactly
    REPAIRED = "repaired"  # damaged occurrences were put right
    MISSING = "missing"  # none is there: QA names it and the draft stays fuzzy


@dataclass(frozen=True)
class Requirement:
    vi: str  # the span as written in the unit
    en: str  # the English it must be rendered as
    kind: str  # the glossary type, NAME for a detected personal name, VALUE for a value
    start: int
    end: int
    value: Value | None = None  # for a VALUE: what it means (checked by meaning, not by string)

    @property
    def is_name(self) -> bool:
        return self.kind == NAME

    @property
    def is_value(self) -> bool:
        return self.value is not None


def requirements(text: str, glossary: Glossary, style: Style = DEFAULT,
                 vocabulary: set[str] | None = None) -> list[Requirement]:
    """Glossary matches and values (the longer of two that overlap; a tie to the glossary),
    then the names neither covers; sorted, non-overlapping. `vocabulary`: as Glossary.find."""
    found = [Requirement(m.text, m.term.en, m.term.type, m.start, m.end) for m in glossary.find(text, vocabulary)]
    for v in find_values(text, style):
        hits = [r for r in found if _overlap(r, v)]
        if all(v.end - v.start > r.end - r.start for r in hits):
            found = [r for r in found if not any(r is h for h in hits)]
            found.append(Requirement(v.text, v.english, VALUE, v.start, v.end, v))
    taken = [(r.start, r.end) for r in found]
    for name in find_names(text):
        if all(name.end <= s or name.start >= e for s, e in taken):
            found.append(Requirement(name.text, name.english, NAME, name.start, name.end))
    return sorted(found, key=lambda r: r.start)


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


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
    Terms and names are settled first, then values, by meaning, around them.
    """
    terms = [r for r in reqs if not r.is_value]
    translation, outcome = _restore_terms(translation, terms)
    translation, by_value = _restore_values(translation, [r for r in reqs if r.is_value], terms)
    return translation, {**outcome, **by_value}


def _restore_terms(translation: str, reqs: list[Requirement]) -> tuple[str, dict[str, Outcome]]:
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
    return _strict_rx(en).search(translation) is not None


def value_comparison(translation: str, reqs: list[Requirement]) -> Comparison:
    """The unit's values against the values of the translation (QA uses this too).

    English values inside a rendered term or name belong to it ("13th" of "13th National
    Party Congress"), and an English value a term's rendering carries is no extra value."""
    terms = [r for r in reqs if not r.is_value]
    fences = _term_spans(translation, terms)
    found = [e for e in english_values(translation) if _free((e.start, e.end), fences)]
    result = compare([r.value for r in reqs if r.is_value], found)
    carried = [c for r in terms for c in _carried(r.en)]
    for e in list(result.extra):
        if e.canonical in carried:
            carried.remove(e.canonical)
            result.extra.remove(e)
    return result


@lru_cache(maxsize=4096)
def _carried(en: str) -> tuple:
    """The values a term's rendering carries (renderings repeat unit after unit: cached)."""
    return tuple(e.canonical for e in english_values(en))


def _term_spans(translation: str, reqs: list[Requirement]) -> list[tuple[int, int]]:
    """Where the renderings of terms and names stand in the translation, longest first, not overlapping."""
    spans: list[tuple[int, int]] = []
    for en in sorted({r.en for r in reqs}, key=len, reverse=True):
        spans += [span for span in rendered_spans(translation, en) if _free(span, spans)]
    return spans


def _restore_values(translation: str, reqs: list[Requirement],
                    terms: list[Requirement]) -> tuple[str, dict[str, Outcome]]:
    """Values by meaning: any accepted form counts; an echo of the Vietnamese form, or the
    rendering with its spacing broken, is put right; the rest is missing (QA names it)."""
    if not reqs:
        return translation, {}
    result = value_comparison(translation, reqs)
    present = {id(v) for v, _ in result.matched}
    fences = _term_spans(translation, terms) + [(e.start, e.end) for _, e in result.matched]
    repaired: set[int] = set()
    for r in reqs:
        if id(r.value) in present:
            continue
        hit = _echo(translation, r, fences)
        if hit is None:
            continue
        start, end = hit
        translation = translation[:start] + r.en + translation[end:]
        shift = len(r.en) - (end - start)
        fences = [(a + shift, b + shift) if a >= end else (a, b) for a, b in fences] + [(start, start + len(r.en))]
        repaired.add(id(r.value))
    outcome: dict[str, Outcome] = {}
    for en in dict.fromkeys(r.en for r in reqs):
        mine = [id(r.value) for r in reqs if r.en == en]
        if any(i in repaired for i in mine):
            outcome[en] = Outcome.REPAIRED
        else:
            outcome[en] = Outcome.RESTORED if any(i in present for i in mine) else Outcome.MISSING
    return translation, outcome


def _echo(translation: str, r: Requirement, fences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The value's Vietnamese form (with or without diacritics) or its rendering with broken
    spacing, outside the fences."""
    folded = strip_diacritics(translation)
    patterns = [(translation, _spaced(r.en)), (translation, re.escape(r.vi))]
    if len(folded) == len(translation):
        patterns.append((folded, re.escape(strip_diacritics(r.vi))))
    for text, pattern in patterns:
        for m in re.finditer(r"(?<![\w.,])" + pattern + r"(?![\w]|[.,/-]\d)", text, flags=re.IGNORECASE):
            if _free(m.span(), fences):
                return m.span()
    return None


def _spaced(en: str) -> str:
    """The rendering with any spacing, or none, between its pieces: "1, 250", "2.3trillion VND"."""
    return r"\s*".join(re.escape(piece) for piece in re.findall(r"\w+|[^\w\s]", en))


def rendered_spans(translation: str, en: str) -> list[tuple[int, int]]:
    """Where the required English stands in the translation, by the rule `rendered` applies."""
    return [m.span() for m in _strict_rx(en).finditer(translation)]


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


@lru_cache(maxsize=8192)
def _strict_rx(en: str) -> re.Pattern:
    return re.compile(_strict(en))


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
