"""What a Vietnamese sentence and an English sentence share, with no MT model: the aligner's evidence.

Every sentence gets a set of *anchors*, keys both languages can produce:

    value    a number, date, money, time, ordinal or code, by meaning (xlate.text.values)
    term     a glossary term in the Vietnamese, its rendering in the English (glossary.requirements);
             "loose" also when the English has the rendering's words in another order or form
             ("Industry and Trade Ministry" for "Ministry of Industry and Trade")
    name     a personal name, transliterated (xlate.text.names); "given" for its last syllable
             alone, as English editions write a name the second time ("Chinh said")
    cognate  a capitalised word both write the same once diacritics go (ASEAN, Samsung, Hanoi)
    quote    a quotation mark on both sides
    word     a common news word and its usual English (align/lexicon.py: "tăng" and "rose")
    mt       a word of the sentence's machine translation, when a vi→en model is installed

An anchor weighs its kind's weight divided by how many sentences of either
edition hold it, so "Vietnam" in every sentence says little and "5.2%" in one
says a lot. `Evidence.similarity` sums the anchors two sides share;
`Evidence.conflict` the strong anchors one side holds that the other edition
has elsewhere — the sign that a sentence belongs with another one.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from xlate.align import lexicon
from xlate.align.model import Sentence
from xlate.glossary import Glossary, Requirement, rendered, requirements
from xlate.model import StrEnum
from xlate.text.normalize import strip_diacritics
from xlate.text.values import DEFAULT, Code, Date, Ordinal, Quantity, Quarter, Range, Style, Time, english_values


class AnchorKind(StrEnum):
    VALUE = "value"
    TERM = "term"
    LOOSE = "loose"
    NAME = "name"
    GIVEN = "given"
    COGNATE = "cognate"
    QUOTE = "quote"
    WORD = "word"
    MT = "mt"


# How much one shared anchor of each kind is worth (a unique one; see the module docstring).
WEIGHTS = {AnchorKind.VALUE: 3.0, AnchorKind.TERM: 1.2, AnchorKind.LOOSE: 0.8, AnchorKind.NAME: 2.5,
           AnchorKind.GIVEN: 1.0, AnchorKind.COGNATE: 1.2, AnchorKind.QUOTE: 2.5, AnchorKind.WORD: 0.5,
           AnchorKind.MT: 0.4}
# Kinds whose presence on one side only, when the other edition has them elsewhere, counts against a
# bead, and how much (a common word found elsewhere says less than a figure found elsewhere).
STRONG = {AnchorKind.VALUE: 1.0, AnchorKind.NAME: 1.0, AnchorKind.TERM: 1.0, AnchorKind.COGNATE: 1.0,
          AnchorKind.WORD: 0.5, AnchorKind.QUOTE: 0.5}

Anchor = tuple  # (AnchorKind, key …)

_QUOTES = re.compile("[“”\"«»]")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
STOPWORDS = frozenset("""a an the of and or to in on at by for from with as is are was were be been has have had
    its it this that these those their his her he she they we i not no but which who will would said says also
    than then into over under after before about up out more most new""".split())
SMALL_COUNT = 10  # bare counts up to this say little ("hai bên", "three ministries"): no anchor


@dataclass(frozen=True)
class TermUse:
    """A glossary term of a Vietnamese sentence, for `xlate align --terms`."""

    vi: str
    en: str  # the glossary's rendering


@dataclass
class Evidence:
    """The anchors of both editions and their weights: what the search scores beads with."""

    vi: list[frozenset]
    en: list[frozenset]
    weight: dict
    terms: list[list[TermUse]]  # per Vietnamese sentence
    # Facts one edition states and the other states nowhere: an English sentence with a figure the
    # Vietnamese lacks is background the desk added; a Vietnamese one full of names, terms and
    # figures the English never mentions is a list of attendees or a passage left out.
    novel_vi: list[float]
    novel_en: list[float]

    def similarity(self, vi: Sequence[int], en: Sequence[int]) -> float:
        shared = self._side(self.vi, vi) & self._side(self.en, en)
        return sum(self.weight[k] for k in shared)

    def conflict(self, vi: Sequence[int], en: Sequence[int]) -> float:
        """Strong anchors on one side that the other side lacks but its edition has elsewhere."""
        a, b = self._side(self.vi, vi), self._side(self.en, en)
        return sum(self.weight[k] * STRONG.get(k[0], 0.0) for k in a ^ b)

    @staticmethod
    def _side(sets: list[frozenset], indices: Sequence[int]) -> frozenset:
        if len(indices) == 1:
            return sets[indices[0]]
        return frozenset().union(*(sets[i] for i in indices))


def gather(vi: list[Sentence], en: list[Sentence], glossary: Glossary, style: Style = DEFAULT,
           mt: list[str] | None = None) -> Evidence:
    """The anchors of every sentence of a pair (`mt`: a machine translation of each Vietnamese sentence)."""
    reqs = [requirements(s.text, glossary, style) for s in vi]
    vi_keys = [_vietnamese(s.text, r) for s, r in zip(vi, reqs)]
    terms = [[TermUse(r.vi, r.en) for r in rs if not r.is_value and not r.is_name] for rs in reqs]
    renderings = sorted({t.en for ts in terms for t in ts})
    names = sorted({r.en for rs in reqs for r in rs if r.is_name or r.kind == "name"})
    en_keys = [_english(s.text, renderings, names) for s in en]
    words = [lexicon.in_vietnamese(s.text) for s in vi]
    wanted = set().union(*words) if words else set()
    vi_keys = [keys | {(AnchorKind.WORD, w) for w in ws} for keys, ws in zip(vi_keys, words)]
    en_keys = [keys | {(AnchorKind.WORD, w) for w in lexicon.in_english(s.text, wanted)}
               for keys, s in zip(en_keys, en)]
    if mt is not None:
        vi_keys = [keys | {(AnchorKind.MT, w) for w in content_words(t)} for keys, t in zip(vi_keys, mt)]
        en_keys = [keys | {(AnchorKind.MT, w) for w in content_words(s.text)} for keys, s in zip(en_keys, en)]
    df_vi, df_en = Counter(k for ks in vi_keys for k in ks), Counter(k for ks in en_keys for k in ks)
    # Only anchors both editions hold can be shared or conflict: the rest are dropped here.
    weight = {k: WEIGHTS[k[0]] / max(df_vi[k], df_en[k]) for k in df_vi.keys() & df_en.keys()}
    novel_vi = [sum(k[0] in NOVEL_VI and k not in weight for k in ks) for ks in vi_keys]
    novel_en = [sum(k[0] == AnchorKind.VALUE and k not in weight for k in _english_facts(s.text)) for s in en]
    vi_keys = [frozenset(k for k in ks if k in weight) for ks in vi_keys]
    en_keys = [frozenset(k for k in ks if k in weight) for ks in en_keys]
    return Evidence(vi_keys, en_keys, weight, terms, novel_vi, novel_en)


# What counts as a fact the other edition lacks (see Evidence.novel_vi).
NOVEL_VI = {AnchorKind.VALUE, AnchorKind.NAME, AnchorKind.TERM}


def _english_facts(text: str) -> set:
    """The values of an English sentence outside brackets (a conversion "(US$2.7 million)" is no new fact)."""
    bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)
    keys = set()
    for v in english_values(bare):
        if not v.spelled:
            keys |= value_keys(v.canonical)
    return keys


def _vietnamese(text: str, reqs: list[Requirement]) -> set:
    keys = set()
    taken = []
    for r in reqs:
        if r.is_value:
            keys |= value_keys(r.value.canonical)
        elif r.is_name or r.kind == "name":
            keys |= _name_keys(r.en)
            taken.append((r.start, r.end))
        else:
            keys |= {(AnchorKind.TERM, r.en), (AnchorKind.LOOSE, r.en)}
            taken.append((r.start, r.end))
    free = "".join(" " if any(a <= i < b for a, b in taken) else c for i, c in enumerate(text))
    keys |= {(AnchorKind.COGNATE, w) for w in _vietnamese_cognates(free)}
    if _QUOTES.search(text):
        keys.add((AnchorKind.QUOTE,))
    return keys


def _name_keys(english: str) -> set:
    words = english.split()
    keys = {(AnchorKind.NAME, english.casefold())}
    if len(words) > 1:
        keys.add((AnchorKind.GIVEN, words[-1].casefold()))
    return keys


def _vietnamese_cognates(text: str) -> set[str]:
    """Capitalised words without their marks, and each two in a row joined ("Hà Nội" → ha, noi, hanoi)."""
    found: set[str] = set()
    run: list[str] = []
    for m in _WORD.finditer(text + " ."):
        word = m.group()
        if word[:1].isupper() and not word.isdigit():
            bare = strip_diacritics(word).casefold()
            if run and m.start() - run_end <= 1:
                found.add(run[-1] + bare)
            else:
                run = []
            run.append(bare)
            run_end = m.end()
            if len(bare) >= 3 or word.isupper():
                found.add(bare)
        else:
            run = []
    return {w for w in found if len(w) >= 2}


def _english(text: str, renderings: list[str], names: list[str]) -> set:
    keys = set()
    for v in english_values(text):
        if not v.spelled:
            keys |= value_keys(v.canonical)
    for en in renderings:
        if rendered(text, en):
            keys |= {(AnchorKind.TERM, en), (AnchorKind.LOOSE, en)}
        elif loose_span(text, en) is not None:
            keys.add((AnchorKind.LOOSE, en))
    bare = strip_diacritics(text).casefold()
    for name in names:
        if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", bare):
            keys.add((AnchorKind.NAME, name.casefold()))
    words = [strip_diacritics(m.group()) for m in _WORD.finditer(text)]
    capitalised = {w.casefold() for w in words if w[:1].isupper()}
    keys |= {(AnchorKind.GIVEN, w) for w in capitalised}
    keys |= {(AnchorKind.COGNATE, w) for w in capitalised}
    keys |= {(AnchorKind.COGNATE, w.casefold()) for w in words if w.isupper() and len(w) >= 2}
    if _QUOTES.search(text):
        keys.add((AnchorKind.QUOTE,))
    return keys


def value_keys(canonical) -> set:
    """Keys that two writings of one value share, leniently (an English edition drops a date's year)."""
    if isinstance(canonical, Quantity):
        if canonical.unit == "" and canonical.amount <= SMALL_COUNT:
            return set()
        return {(AnchorKind.VALUE, "q", _amount(canonical.amount))}
    if isinstance(canonical, Date):
        if canonical.day is not None:
            return {(AnchorKind.VALUE, "d", canonical.day, canonical.month)}
        return {(AnchorKind.VALUE, "m", canonical.month, canonical.year)}
    if isinstance(canonical, Range):
        return value_keys(canonical.low) | value_keys(canonical.high) | {(AnchorKind.VALUE, "r", repr(canonical))}
    if isinstance(canonical, Quarter):
        return {(AnchorKind.VALUE, "Q", canonical.quarter, canonical.year)}
    if isinstance(canonical, Time):
        return {(AnchorKind.VALUE, "t", canonical.hour, canonical.minute)}
    if isinstance(canonical, Ordinal):
        return {(AnchorKind.VALUE, "o", canonical.n)} if canonical.n > SMALL_COUNT else set()
    if isinstance(canonical, Code):
        return {(AnchorKind.VALUE, "c", canonical.code)}
    return set()


def _amount(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


@lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    """Crude English stemming for comparing words: enough to meet "exports" with "export"."""
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The stemmed words of English text, without function words."""
    return {_stem(w) for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in STOPWORDS}


def loose_span(text: str, rendering: str) -> tuple[int, int] | None:
    """Where the English has every content word of `rendering` close together, in any order,
    case or inflection ("the ambassador" for "Ambassador"); None if it does not."""
    wanted = [w for w in (m.group().casefold() for m in _WORD.finditer(rendering)) if w not in STOPWORDS]
    if not wanted:
        return None
    stems = {_stem(w) for w in wanted}
    hits = [(m.start(), m.end(), _stem(m.group().casefold())) for m in _WORD.finditer(text)]
    hits = [h for h in hits if h[2] in stems]
    window = 2 * len(rendering.split()) + 2  # words: a little room for reordering
    words = [m.start() for m in _WORD.finditer(text)]
    for i, (start, _, _) in enumerate(hits):
        seen, end = set(), None
        for s, e, stem in hits[i:]:
            if _words_between(words, start, s) > window:
                break
            seen.add(stem)
            end = e
            if seen == stems:
                return (start, end)
    return None


def _words_between(starts: list[int], a: int, b: int) -> int:
    return sum(a <= s <= b for s in starts)
