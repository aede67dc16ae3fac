"""The curated glossary: loading, checking and finding terms in a unit.

File format (DESIGN.md, "Glossary"): ``glossary/*.tsv``, UTF-8 (a BOM is
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

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xlate.normalize import fold_tones, match_key, normalize

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
# whole. Anything else that is not space (or an invisible joiner) is one token.
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u1dc0-\u1dff])+|[^\s\u00ad\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Term:
    vi: str
    en: str
    type: str
    note: str
    path: str
    line: int

    @property
    def case_sensitive(self) -> bool:
        return CASE_FLAG in self.note.casefold() or (
            self.type == "abbreviation" and any(c.isupper() for c in self.vi))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    term: Term


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str  # "error" | "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@lru_cache(maxsize=65536)
def _keys(token: str) -> tuple[str, str]:
    """(case-insensitive key, case-preserving key) of one token: match_key, and
    match_key without the case-folding."""
    if len(token) == 1 and not token.isalnum():
        token = PUNCTUATION.get(token, token)
    return match_key(token), fold_tones(normalize(token))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# One position of the canonical sequence: keys, the original span it comes
# from, and whether a match may begin/end here (not inside an expanded variant).
_Item = tuple[str, str, int, int, bool, bool]


def _canon(text: str) -> list[_Item]:
    toks = _tokens(text)
    exact = [_keys(t)[1] for t, _, _ in toks]
    items: list[_Item] = []
    i = 0
    while i < len(toks):
        for n, variant, canonical in _VARIANT_TOKENS:
            if tuple(exact[i:i + n]) == variant:
                start, end = toks[i][1], toks[i + n - 1][2]
                for k, (fold, case) in enumerate(canonical):
                    items.append((fold, case, start, end, k == 0, k == len(canonical) - 1))
                i += n
                break
        else:
            fold, case = _keys(toks[i][0])
            items.append((fold, case, toks[i][1], toks[i][2], True, True))
            i += 1
    return items


# VARIANTS as (token count, its exact token keys, canonical token keys), longest
# first so "T.Ư" is tried before a shorter variant could take its first token.
_VARIANT_TOKENS = sorted(
    ((len(_tokens(v)), tuple(_keys(t)[1] for t, _, _ in _tokens(v)), tuple(_keys(t) for t, _, _ in _tokens(c)))
     for v, c in VARIANTS.items()), key=lambda row: -row[0])


def _term_key(term: Term) -> tuple[str, ...]:
    """What two terms must share to match the same text (used for duplicates)."""
    items = _canon(term.vi)
    return tuple(it[1] if term.case_sensitive else it[0] for it in items)


class Glossary:
    """Terms plus an index from the first token's key to candidate terms."""

    def __init__(self, terms=()):
        self.terms: list[Term] = list(terms)
        self._index: dict[str, list[tuple[int, bool, tuple[str, ...], Term]]] = {}
        for order, term in enumerate(self.terms):
            items = _canon(term.vi)
            if not items:
                continue
            cs = term.case_sensitive
            key = tuple(it[1] if cs else it[0] for it in items)
            self._index.setdefault(items[0][0], []).append((order, cs, key, term))
        for cands in self._index.values():
            # Longest first; on a tie the case-sensitive (more specific) term, then file order.
            cands.sort(key=lambda c: (-len(c[2]), not c[1], c[0]))

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[Match]:
        items = _canon(text)
        out: list[Match] = []
        i = 0
        while i < len(items):
            hit = self._match_at(items, i) if items[i][4] else None
            if hit is None:
                i += 1
                continue
            n, term = hit
            start, end = items[i][2], items[i + n - 1][3]
            out.append(Match(start, end, text[start:end], term))
            i += n
        return out

    def _match_at(self, items: list[_Item], i: int):
        for _, cs, key, term in self._index.get(items[i][0], ()):
            n = len(key)
            if i + n > len(items) or not items[i + n - 1][5]:
                continue
            col = 1 if cs else 0
            if all(items[i + k][col] == key[k] for k in range(n)):
                return n, term
        return None


def load(folder: Path, root: Path | None = None) -> tuple[Glossary, list[Problem]]:
    """Every glossary/*.tsv, in name order; bad files and rows become Problems and are skipped."""
    folder = Path(folder)
    root = Path(root) if root is not None else folder.parent
    terms: list[Term] = []
    problems: list[Problem] = []
    seen: dict[tuple[bool, tuple[str, ...]], Term] = {}
    files = sorted(p for p in folder.glob("*.tsv") if p.is_file() and not p.name.startswith(".")) \
        if folder.is_dir() else []
    for path in files:
        shown = _shown(path, root)
        for term in _read(path, shown, problems):
            cs = term.case_sensitive
            key = (cs, _term_key(term))
            first = seen.get(key)
            if first is None:
                seen[key] = term
                terms.append(term)
            elif first.en != term.en:
                problems.append(Problem(shown, term.line, (
                    f"{term.vi!r} is already defined at {first.path}:{first.line} as {first.vi!r} with a "
                    f"different English ({first.en!r} there, {term.en!r} here); this row was skipped — keep "
                    f"one rendering and delete the other row"), "error"))
            else:
                problems.append(Problem(shown, term.line, (
                    f"{term.vi!r} duplicates {first.vi!r} at {first.path}:{first.line} (same English "
                    f"{term.en!r}; one row is enough: T.Ư/TW, Ð, tone placement, case, spacing and "
                    f"dashes match either way); delete this row"), "warning"))
    return Glossary(terms), problems


def check(folder: Path, root: Path | None = None) -> list[Problem]:
    """Findings of `xlate glossary check` (errors and warnings), in file and line order."""
    return load(folder, root)[1]


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, shown: str, problems: list[Problem]) -> list[Term]:
    """The good rows of one file; what is wrong goes to `problems`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 0, f"cannot read the file ({exc.strerror}); check its permissions",
                                "error"))
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, (
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); the whole file was skipped — "
            f"save it as UTF-8 (tab-separated)"), "error"))
        return []
    # Split on line breaks only: str.splitlines would also split on form feeds
    # or U+2028 and shift every line number after them.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected = "\t".join(HEADER)
    if not text.strip():
        problems.append(Problem(shown, 1, f"the file is empty; give it the header row {_tabs(expected)} "
                                          f"or delete it", "warning"))
        return []
    if lines[0] != expected:
        problems.append(Problem(shown, 1, (
            f"the header row is {_tabs(lines[0])!s}, expected {_tabs(expected)}; the whole file was "
            f"skipped — make the first line exactly that (tab-separated)"), "error"))
        return []
    terms = []
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        term = _row(raw, shown, number, problems)
        if term is not None:
            terms.append(term)
    return terms


def _row(raw: str, shown: str, line: int, problems: list[Problem]) -> Term | None:
    def problem(message: str, severity: str = "error") -> None:
        problems.append(Problem(shown, line, message, severity))

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
                f"{'s' if len(padded) > 1 else ''}; remove it", "warning")
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
    return None if bad else Term(vi, en, kind, note, shown, line)


def _tabs(text: str) -> str:
    return repr(text).replace("\\t", "<TAB>")
