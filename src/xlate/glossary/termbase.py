"""The curated glossary: loading, checking and finding terms in a unit.

File format (docs/design.md, "Glossary"): ``glossary/*.tsv``, UTF-8 (a BOM is
allowed), first line exactly ``vi<TAB>en<TAB>type<TAB>note``, then one term a
line. The note column may be left off (3 columns). Blank lines and lines
starting with ``#`` are ignored. Files are read in name order; when two rows
define the same source the first one wins.

Matching (`Glossary.find`):

- longest match wins, matches never overlap (leftmost-longest, left to right);
- a match starts and ends on a syllable boundary: text is cut into tokens
  (runs of letters/digits/combining marks, and single punctuation marks), and a
  term matches a run of whole tokens, so "Đảng bộ" never matches "Đảng bộc";
- insensitive to Unicode form (NFC/NFD), Ð/Đ, tone placement (hoà/hòa) and
  case (`normalize.match_key` per token), and to spacing: whitespace, NBSP and
  spaces around punctuation are not tokens, so "Thi đua - Khen thưởng" and
  "Thi đua-Khen thưởng" match each other;
- written variants are equal: `VARIANTS` (T.Ư, T.W, TƯ, TW → Trung ương) and
  `PUNCTUATION` (dashes, curly quotes) are applied to the text and to every
  term alike, so a term with "Trung ương" matches "T.Ư" and vice versa.
  Add rows there to teach xlate another abbreviation;
- case-sensitive terms: if the note contains ``case-sensitive``, or the type is
  ``abbreviation`` and the source has an upper-case letter (TTXVN, XHCN), the
  term only matches text with the same case ("Đảng" = the Party, not "đảng").
  Where a case-sensitive and a case-insensitive term match the same words, the
  case-sensitive one wins; the two are not duplicates of each other.

Offsets in a `Match` point into the text exactly as given (NFD or not); a
`Match.text` is that text's own spelling.
"""

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from pathlib import Path

from xlate.fsutil import NotUtf8, decode_utf8, shown
from xlate.model import Diagnostic, Severity
from xlate.text.normalize import fold_tones, match_key, normalize
from xlate.text.values import compare, english_values, find_values

TYPES = ("title", "organization", "document", "campaign", "slogan", "name", "place", "abbreviation", "term")
HEADER = ("vi", "en", "type", "note")
CASE_FLAG = "case-sensitive"

# Written variants → the canonical form used when building keys (for text and
# terms alike). Sources are compared by their exact case: "tư" (four, private)
# is a common word, only the capitalised abbreviation stands for Trung ương.
# Limit: an all-caps headline "LẦN THỨ TƯ" also reads TƯ as Trung ương.
VARIANTS = {
    "T.Ư": "Trung ương",
    "T.W": "Trung ương",
    "TƯ": "Trung ương",
    "TW": "Trung ương",
}
# Punctuation marks that are written interchangeably.
PUNCTUATION = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
               "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"}

# A word token: letters and digits plus combining marks, so NFD syllables stay
# whole. Anything else that is not space (or an invisible joiner) is one token. (Possessive runs:
# the same tokens as (?:[^\W_]|marks)+, without the engine's backtracking state per character.)
_TOKEN = re.compile(r"(?:[^\W_]++|[\u0300-\u036f\u1dc0-\u1dff]++)++|[^\s\u00ad\u200b-\u200d\u2060\ufeff]")
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # text → [between, token, between, …, between]


@dataclass(frozen=True)
class Term:
    vi: str
    en: str
    type: str  # one of TYPES
    note: str = ""
    path: str = ""  # where it is defined: glossary/<file>.tsv …
    line: int = 0  # … and its line

    @property
    def case_sensitive(self) -> bool:
        return CASE_FLAG in self.note.casefold() or (
            self.type == "abbreviation" and any(c.isupper() for c in self.vi))


class Match(NamedTuple):  # not a frozen dataclass: one is made for every term in every unit
    start: int
    end: int
    text: str
    term: Term


@lru_cache(maxsize=65536)
def _keys(token: str) -> tuple[str, str]:
    """(case-insensitive key, case-preserving key) of one token: match_key, and
    match_key without the case-folding."""
    if len(token) == 1 and not token.isalnum():
        token = PUNCTUATION.get(token, token)
    return match_key(token), fold_tones(normalize(token))


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """The text's tokens, with the offset where each starts and ends."""
    # split, not finditer: no match object per token, and the offsets are computed in bulk.
    parts = _SPLIT.split(text)
    offsets = list(itertools.accumulate(map(len, parts), initial=0))
    return parts[1::2], offsets[1::2], offsets[2::2]


class _Canon(NamedTuple):
    """A text as a sequence of canonical tokens: their keys, the original span each comes from,
    and whether a match may begin/end there (not inside an expanded variant such as T.Ư).
    Parallel lists, not an object per token: one is made for every unit of a run."""

    folds: list[str]  # case-insensitive keys
    cases: list[str]  # case-preserving keys
    starts: list[int]
    ends: list[int]
    can_start: list[bool] | None  # None: everywhere (no variant in the text)
    can_end: list[bool] | None

    def __len__(self) -> int:
        return len(self.folds)


def _canon(text: str) -> _Canon:
    words, starts, ends = _tokens(text)
    keys = list(map(_keys, words))
    folds, exact = ([k[0] for k in keys], [k[1] for k in keys])
    if _VARIANT_FIRSTS.isdisjoint(exact):
        return _Canon(folds, exact, starts, ends, None, None)
    out = _Canon([], [], [], [], [], [])
    done = 0  # the tokens before this one are in `out`
    # Only where a variant can begin is it looked for; the tokens between are copied in runs (a
    # lone "T" is common enough that a step per token was a tenth of matching).
    for i in [i for i, key in enumerate(exact) if key in _VARIANT_FIRSTS]:
        if i < done:
            continue  # inside a variant already expanded
        for variant in _VARIANTS_BY_FIRST[exact[i]]:
            n = len(variant.written)
            if tuple(exact[i:i + n]) == variant.written:
                break
        else:
            continue
        _copy(out, folds, exact, starts, ends, done, i)
        start, end = starts[i], ends[i + n - 1]
        last = len(variant.canonical) - 1
        for k, (fold, case) in enumerate(variant.canonical):
            _append(out, fold, case, start, end, k == 0, k == last)
        done = i + n
    _copy(out, folds, exact, starts, ends, done, len(words))
    return out


def _copy(canon: _Canon, folds: list[str], cases: list[str], starts: list[int], ends: list[int],
          first: int, stop: int) -> None:
    """Tokens first … stop-1 as they are, each of which may begin and end a match."""
    canon.folds.extend(folds[first:stop])
    canon.cases.extend(cases[first:stop])
    canon.starts.extend(starts[first:stop])
    canon.ends.extend(ends[first:stop])
    canon.can_start.extend([True] * (stop - first))
    canon.can_end.extend([True] * (stop - first))


def _append(canon: _Canon, fold: str, case: str, start: int, end: int, can_start: bool, can_end: bool) -> None:
    canon.folds.append(fold)
    canon.cases.append(case)
    canon.starts.append(start)
    canon.ends.append(end)
    canon.can_start.append(can_start)
    canon.can_end.append(can_end)


@dataclass(frozen=True)
class _Variant:
    written: tuple[str, ...]  # the variant's exact token keys ("T", ".", "Ư")
    canonical: tuple[tuple[str, str], ...]  # the keys of what it stands for ("Trung", "ương")


# VARIANTS as token keys, by their first token, longest first so "T.Ư" is tried before a
# shorter variant could take its first token.
_VARIANTS_BY_FIRST: dict[str, list[_Variant]] = {}
for _variant in sorted((_Variant(tuple(_keys(t)[1] for t in _tokens(v)[0]),
                                 tuple(_keys(t) for t in _tokens(c)[0])) for v, c in VARIANTS.items()),
                       key=lambda variant: -len(variant.written)):
    _VARIANTS_BY_FIRST.setdefault(_variant.written[0], []).append(_variant)
_VARIANT_FIRSTS = frozenset(_VARIANTS_BY_FIRST)


def _key(canon: _Canon, case_sensitive: bool) -> tuple[str, ...]:
    return tuple(canon.cases if case_sensitive else canon.folds)


def _term_key(term: Term) -> tuple[str, ...]:
    """What two terms must share to match the same text (used for duplicates)."""
    return _key(_canon(term.vi), term.case_sensitive)


@dataclass(frozen=True)
class _Candidate:
    """A term in the index: all its tokens' keys, and how it ranks against another match at the
    same place (longest first; on a tie the case-sensitive, more specific term; then file order)."""

    rank: tuple[int, bool, int]
    case_sensitive: bool
    key: tuple[str, ...]
    term: Term


# Token keys are joined by a character no token can hold (it is whitespace), so that the
# automaton matches whole tokens only: syllable boundaries come for free.
_SEP = "\x1f"


def _joined(folds) -> str:
    return _SEP + _SEP.join(folds) + _SEP


class Glossary:
    """Terms in one Aho–Corasick automaton over their tokens' case-insensitive keys: a text is
    scanned once, whatever the size of the glossary."""

    def __init__(self, terms=()):
        import ahocorasick

        self.terms: list[Term] = list(terms)
        by_key: dict[str, list[_Candidate]] = {}
        for order, term in enumerate(self.terms):
            items = _canon(term.vi)
            if not items:
                continue
            cs = term.case_sensitive
            cand = _Candidate((-len(items), not cs, order), cs, _key(items, cs), term)
            by_key.setdefault(_joined(items.folds), []).append(cand)
        self._automaton = ahocorasick.Automaton()
        for joined, cands in by_key.items():
            self._automaton.add_word(joined, (len(joined), tuple(sorted(cands, key=lambda c: c.rank))))
        if by_key:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.terms)

    def term_keys(self) -> list[list]:
        """Each term as far as a catalog or an export can tell it: its token keys, its English, its
        type and whether it is case-sensitive (not its note or its line). Two glossaries whose keys
        differ only in order give every text the same matches: duplicates are refused at load, and
        a tie at one place is between terms of one key, settled by case."""
        return [[_canon(t.vi).folds, t.en, t.type, t.case_sensitive] for t in self.terms]

    def find(self, text: str, vocabulary: set[str] | None = None) -> list[Match]:
        """Leftmost, then longest, matches that never overlap, in text order. `vocabulary` is given
        the text's token keys (what any term must be made of to match there: xlate.plan)."""
        items = _canon(text)
        if vocabulary is not None:
            vocabulary.update(items.folds)
        if not items or not len(self._automaton):
            return []
        folds, cases = items.folds, items.cases
        joined = _joined(folds)
        token_at, offset = {}, 0  # offset of the separator before each token → the token's index
        for k, fold in enumerate(folds):
            token_at[offset] = k
            offset += len(fold) + 1
        best: dict[int, _Candidate] = {}  # the winning candidate starting at each token
        for end, (length, cands) in self._automaton.iter(joined):
            first = token_at[end - length + 1]
            last = first + len(cands[0].key) - 1
            if items.can_start is not None and not (items.can_start[first] and items.can_end[last]):
                continue
            for cand in cands:
                if cand.case_sensitive and tuple(cases[first:last + 1]) != cand.key:
                    continue
                if first not in best or cand.rank < best[first].rank:
                    best[first] = cand
                break
        out: list[Match] = []
        free = 0  # the first token not inside a match already taken
        for first in sorted(best):
            if first < free:
                continue
            cand = best[first]
            last = first + len(cand.key) - 1
            start, end = items.starts[first], items.ends[last]
            out.append(Match(start, end, text[start:end], cand.term))
            free = last + 1
        return out


def load(folder: Path, root: Path | None = None) -> tuple[Glossary, list[Diagnostic]]:
    """Every glossary/*.tsv, in name order; bad files and rows become diagnostics and are skipped."""
    folder = Path(folder)
    root = Path(root) if root is not None else folder.parent
    terms: list[Term] = []
    problems: list[Diagnostic] = []
    seen: dict[tuple[bool, tuple[str, ...]], Term] = {}
    files = sorted(p for p in folder.glob("*.tsv") if p.is_file() and not p.name.startswith(".")) \
        if folder.is_dir() else []
    for path in files:
        where = shown(path, root)
        for term in _read(path, where, problems):
            cs = term.case_sensitive
            key = (cs, _term_key(term))
            first = seen.get(key)
            if first is None:
                seen[key] = term
                terms.append(term)
            elif first.en != term.en:
                problems.append(_problem(where, term.line, (
                    f"{term.vi!r} is already defined at {first.path}:{first.line} as {first.vi!r} with a "
                    f"different English ({first.en!r} there, {term.en!r} here); this row was skipped — keep "
                    f"one rendering and delete the other row")))
            else:
                problems.append(_problem(where, term.line, (
                    f"{term.vi!r} duplicates {first.vi!r} at {first.path}:{first.line} (same English "
                    f"{term.en!r}; one row is enough: T.Ư/TW, Ð, tone placement, case, spacing and "
                    f"dashes match either way); delete this row"), Severity.WARNING))
    return Glossary(terms), problems


def check(folder: Path, root: Path | None = None) -> list[Diagnostic]:
    """Findings of `xlate glossary check` (errors and warnings), in file and line order."""
    glossary, problems = load(folder, root)
    found = problems + [d for term in glossary.terms for d in disagreements(term)]
    return sorted(found, key=lambda d: (d.path or "", d.line or 0))  # stable: a line's own order stays


def disagreements(term: Term) -> list[Diagnostic]:
    """Values of the Vietnamese its English does not carry (a glossary match wins over the values
    it covers, so its English must say them: Đại hội XIII … = 13th …)."""
    result = compare(find_values(term.vi), english_values(term.en))
    lost = [v for v, _ in result.changed] + result.missing
    return [_problem(term.path, term.line, (
        f"{term.vi!r}: the English {term.en!r} does not carry its value {v.text!r} (house style: "
        f"{v.english!r}); put it in the English"), Severity.WARNING) for v in lost]


def _problem(path: str, line: int, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(severity, message, "glossary file", path, line)


def _read(path: Path, where: str, problems: list[Diagnostic]) -> list[Term]:
    """The good rows of one file; what is wrong goes to `problems`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(_problem(where, 0, f"cannot read the file ({exc.strerror}); check its permissions"))
        return []
    try:
        text = decode_utf8(data)
    except NotUtf8 as bad:
        problems.append(_problem(where, bad.line, (
            f"the file is not UTF-8 (byte 0x{bad.byte:02x}); the whole file was skipped — "
            f"save it as UTF-8 (tab-separated)")))
        return []
    # Split on line breaks only: str.splitlines would also split on form feeds
    # or U+2028 and shift every line number after them.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected = "\t".join(HEADER)
    if not text.strip():
        problems.append(_problem(where, 1, f"the file is empty; give it the header row {_tabs(expected)} "
                                           f"or delete it", Severity.WARNING))
        return []
    if lines[0] != expected:
        problems.append(_problem(where, 1, (
            f"the header row is {_tabs(lines[0])!s}, expected {_tabs(expected)}; the whole file was "
            f"skipped — make the first line exactly that (tab-separated)")))
        return []
    terms = []
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        term = _row(raw, where, number, problems)
        if term is not None:
            terms.append(term)
    return terms


def _row(raw: str, where: str, line: int, problems: list[Diagnostic]) -> Term | None:
    def problem(message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(_problem(where, line, message, severity))

    cells = raw.split("\t")
    if len(cells) not in (3, 4):
        problem(f"found {len(cells)} column{'s' if len(cells) != 1 else ''}, expected 4: "
                f"vi<TAB>en<TAB>type<TAB>note (the note may be left off); separate the columns "
                f"with tabs, not spaces, and keep tabs out of the text")
        return None
    cells += [""] * (4 - len(cells))
    padded = [name for name, cell in zip(HEADER, cells) if cell != cell.strip()]
    if padded:
        problem(f"leading or trailing whitespace in the {', '.join(padded)} column"
                f"{'s' if len(padded) > 1 else ''}; remove it", Severity.WARNING)
    vi, en, kind, note = (normalize(c) for c in cells)
    bad = False
    for name, value in (("vi", vi), ("en", en)):
        if not value:
            problem(f"the {name} column is empty; fill it in or delete the row")
            bad = True
    if kind not in TYPES:
        problem(f"unknown type {kind!r}; use one of: {', '.join(TYPES)}")
        bad = True
    if vi and not _canon(vi):
        problem(f"the vi column {vi!r} has nothing to match; fill it in or delete the row")
        bad = True
    return None if bad else Term(vi, en, kind, note, where, line)


def _tabs(text: str) -> str:
    return repr(text).replace("\\t", "<TAB>")
