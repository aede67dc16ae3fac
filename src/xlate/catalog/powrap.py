"""Lay out a PO file's lines exactly as GNU gettext does (msgcat, msgmerge, and so Poedit).

Why: reviewers edit the catalogs in Poedit, which saves a file by piping it
through `msgcat --width=W` (W: the longest line of the file it opened). polib
lays lines out otherwise (header fields unwrapped, other breaks, re-wrapped
comments): each xlate run after a Poedit save moved lines: churn in git.

gettext's rules (0.21's write-po.c with libunistring 1.0): a string is cut after
each "\\n"; it stays on its keyword line only if that makes one line that fits,
else `msgid ""` and new lines. Each piece is escaped, then broken greedily at
UAX #14 line-break opportunities: a line takes all that fits in `width` display
columns (CJK 2, combining marks 0), prefix and quotes included; what cannot be
broken stays whole. So breaks fall after spaces (the line keeps the space),
after a hyphen before a letter (not in "2019-2024"), after "/" before a letter,
between CJK characters; never inside an escape nor before a final "\\n". `#:`
references are re-packed into lines of at most `width` bytes; other comments
are never re-wrapped ("#x" becomes "# x"). gettext also changes content, which
layout leaves alone: it drops obsolete entries with an empty msgstr, the fuzzy
flag of untranslated entries, duplicate references and their leading "./",
puts "fuzzy" first among flags, does not break inside c-format & co. directives.
Line-break classes here are exact for Latin, Vietnamese, CJK and punctuation
(checked against libunistring), approximate for other scripts and emoji.
"""

import bisect
import functools
import itertools
import re
import textwrap
import unicodedata

WIDTH = 78  # xlate's width; Poedit keeps it as long as a line of the file is that long

# UAX #14 line-break classes (OW: East Asian opening bracket, may follow a letter on a new line) and
# libunistring 1.0's table of them: may a line break between a character of the row's class and one
# of the column's? D: yes, I: only if spaces come between them, P: no.
_CLASSES = "WJ GL B2 BA BB HY CL CP EX IN NS OP OW QU IS NU PO PR SY AL ID".split()
_PAIRS = dict(
    WJ="PIIIIIPPPIIIIIPIIIPII", GL="PIIIIIPPPIIIIIPIIIPII", B2="PIPIDIPPPIIDDIPDDDPDD", BA="PDDIDIPPPIIDDIPDDDPDD",
    BB="PIIIIIPPPIIIIIPIIIPII", HY="PDDIDIPPPIIDDIPIDDPDD", CL="PIDIDIPPPIPDDIPDIIPDD", CP="PIDIDIPPPIIDDIPIIIPID",
    EX="PIDIDIPPPIIDDIPDDDPDD", IN="PIDIDIPPPIIDDIPDDDPDD", NS="PIDIDIPPPIIDDIPDDDPDD", OP="PPPPPPPPPPPPPPPPPPPPP",
    OW="PPPPPPPPPPPPPPPPPPPPP", QU="PIIIIIPPPIIPPIPIIIPII", IS="PIDIDIPPPIIDDIPIDDPDD", NU="PIDIDIPPPIIIDIPIIIPID",
    PO="PIDIDIPPPIIIIIPIDDPID", PR="PIDIDIPPPIIIIIPIDDPII", SY="PIDIDIPPPIIDDIPIDDPDD", AL="PIDIDIPPPIIIDIPIIIPID",
    ID="PIDIDIPPPIIDDIPDIDPDD")
_ASCII = dict(zip(map(chr, range(0x21, 0x7F)), (
    "EX QU AL PR PO AL QU OP CP AL PR IS HY IS SY" + " NU" * 10 + " IS IS AL AL AL EX AL" + " AL" * 26
    + " OP PR CP AL AL AL" + " AL" * 26 + " OP BA CL AL").split()))
# The characters (from LineBreak.txt) whose class _lbclass's category rules get wrong (first match wins).
_EXCEPTIONS = [(cls, re.compile(f"[{chars}]")) for cls, chars in [
    ("ZW", "\u200b"), ("ZWJ", "\u200d"), ("WJ", "\u2060\ufeff"), ("BB", "\u00b4"), ("B2", "\u2014"),
    ("GL", "\u00a0\u034f\u035c-\u0362\u2007\u2011\u202f"), ("BA", "\u00ad\u2027\u2056\u2058-\u205b\u205d\u205e"),
    ("AL", "\u2015\u2061-\u2064"), ("CM", "\u3035"), ("OP", "\u00a1\u00bf"), ("IS", "\u2044\ufe10\ufe13\ufe14"),
    ("IN", "\u2024-\u2026\ufe19"), ("EX", "\ufe15\ufe16\uff01\uff1f"), ("PR", "\u00b1\uff04\uffe1\uffe5\uffe6"),
    ("CL", "\u3001\u3002\ufe11\ufe12\uff0c\uff0e\uff61\uff64"),
    ("PO", "\u00a2\u00b0\u2030-\u2037\u20a7\u20b6\u20bb\u20be\u20c0\uff05\uffe0"),
    ("NS", "\u203c\u203d\u2047-\u2049\u3005\u301c\u303b\u303c\u309b-\u309e\u30a0\u30fb-\u30fe"
           "\uff1a\uff1b\uff65\uff67-\uff70\uff9e\uff9f"), ("ID", "\u303f\uff66-\uff9d\uffa0-\uffdc")]]
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_PIECE = re.compile(r"[^\n]*\n|[^\n]+")  # a string is cut after each newline
# polib's field lines: `[prefix]keyword "..."` then `[prefix]"..."`; prefix: #| previous, #~ obsolete.
_FIELD = re.compile(r'(#~\| |#~ |#\| |)(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
_MORE = re.compile(r'(#~\| |#~ |#\| |)"(.*)"$')


@functools.lru_cache(maxsize=None)  # a catalog reuses a few hundred characters
def _lbclass(ch: str) -> str:
    """The UAX #14 line-break class of a character, as libunistring resolves it."""
    if ch == " " or ch in _ASCII:
        return _ASCII.get(ch, "SP")
    cat, eaw = unicodedata.category(ch), unicodedata.east_asian_width(ch)
    if cat == "Cn":
        return "AL"  # unassigned
    for cls, chars in _EXCEPTIONS:
        if chars.match(ch):
            return cls
    if cat[0] == "M" or cat in ("Cc", "Cf"):
        return "CM"
    if cat == "Ps":
        return "OW" if eaw in "WFH" else "OP"
    if "SMALL" in unicodedata.name(ch, "") and "\u3040" <= ch <= "\u31ff":
        return "NS"  # small kana never start a line
    if eaw in "WF" and cat not in ("Pe", "Pi", "Pf", "Zs"):
        return "ID"
    return {"Pe": "CL", "Pi": "QU", "Pf": "QU", "Zs": "BA", "Nd": "NU", "Pd": "BA", "Sc": "PR"}.get(cat, "AL")


@functools.lru_cache(maxsize=None)
def _columns(ch: str) -> int:
    """Display width of a character, as libunistring's uc_width (non-CJK encoding)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc") or "\u1160" <= ch <= "\u11ff" \
            or "\ud7b0" <= ch <= "\ud7ff":  # combining, control and Hangul vowel and final jamo
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# _PAIRS as a lookup: _RULE[row class][column class] → "D", "I" or "P".
_RULE = {row: dict(zip(_CLASSES, cells)) for row, cells in _PAIRS.items()}


def _opportunities(text: str) -> list[bool]:
    """May a line start at text[i]? (libunistring's u8_possible_linebreaks), one character at a time."""
    possible = [False] * len(text)
    last, spaces, prev = "BK", False, "BK"  # last non-space class, spaces since?, previous class
    lbclass = _lbclass
    for i, ch in enumerate(text):
        cls = lbclass(ch)
        joined, prev = prev == "ZWJ", cls  # no break right after a zero-width joiner
        if cls == "SP":
            spaces = True  # a break comes after spaces, never before one
        elif cls == "ZW":
            last, spaces = "ZW", False
        elif cls in ("CM", "ZWJ"):  # a combining mark goes with the character before it,
            if last in ("BK", "ZW") or spaces:  # if any: else it is a letter of its own
                possible[i] = last != "BK"
                last, spaces = "AL", False
        else:
            if last == "ZW":
                possible[i] = True
            elif last != "BK" and not joined:  # BK: never at the very start
                rule = _RULE[last][cls]
                possible[i] = rule == "D" or (rule == "I" and spaces)
            last, spaces = cls, False
    return possible


# The same rules over a string of class codes (one letter a class, upper case for a character two
# columns wide), for text without the characters whose rules depend on more than the previous
# non-space character (combining marks, zero-width space and joiner) or that take no column: then a
# line may start where a character follows the one before it directly and the pair rule is D, or
# follows spaces and the rule is D or I.
_CODES = {cls: chr(ord("a") + n) for n, cls in enumerate(_CLASSES)} | {"SP": " "}
_SLOW = {"CM", "ZW", "ZWJ"}
_DIRECT = frozenset(_CODES[r] + _CODES[c] for r in _CLASSES for c in _CLASSES if _RULE[r][c] == "D")
_SPACED = frozenset(_CODES[r] + _CODES[c] for r in _CLASSES for c in _CLASSES if _RULE[r][c] in "DI")
_WIDE = re.compile("[A-Z]")


class _CodeTable(dict):
    def __missing__(self, ordinal: int) -> str:
        ch = chr(ordinal)
        cls, columns = _lbclass(ch), _columns(ch)
        self[ordinal] = code = "!" if cls in _SLOW or columns == 0 else \
            _CODES[cls].upper() if columns == 2 else _CODES[cls]
        return code


_CODE_OF = _CodeTable()


def _is_break(codes: str, p: int) -> bool:
    """May a line start at position p (0 < p < len) of text whose class codes (in lower case) are
    `codes`, free of "!"? The rules _opportunities applies, looking back at one position only."""
    here = codes[p]
    if here == " ":
        return False  # a break comes after spaces, never before one
    before = codes[p - 1]
    if before != " ":
        return before + here in _DIRECT
    q = p - 2
    while q >= 0 and codes[q] == " ":
        q -= 1
    return q >= 0 and codes[q] + here in _SPACED  # leading spaces: never at the very start


class _WidthTable(dict):
    def __missing__(self, ordinal: int) -> str:
        self[ordinal] = code = str(_columns(chr(ordinal)))
        return code


_WIDTH_OF = _WidthTable()


def _break_positions(text: str) -> list[int]:
    """Where a line may start, in order: the positions _opportunities marks True."""
    codes = text.translate(_CODE_OF)
    if "!" in codes:
        return [i for i, ok in enumerate(_opportunities(text)) if ok]
    codes = codes.lower()
    return [p for p in range(1, len(codes)) if _is_break(codes, p)]


@functools.lru_cache(maxsize=16)
def _codes(text: str) -> str:
    # A field that does not fit its first line is wrapped twice (the keyword then gets a line of
    # its own): its codes are made once.
    return text.translate(_CODE_OF)


def _wrap(text: str, starts: set[int] | None, avail: int, column: int, final_newline: bool) -> list[int]:
    """Where new lines start in a piece of a string, escaped as `text` (`starts`: where its cells
    start, an escape being one cell; None: every position), in lines of `avail` columns, the first
    starting at `column` (libunistring's u8_width_linebreaks): a line takes every opportunity whose
    text still fits — at least the first, for what cannot be broken stays whole.

    Only the opportunities near each line's end are looked at: the last one that fits, found by
    walking back from where the room ends (a word or two), not every one of the string."""
    n = len(text)
    if column + 2 * n <= avail:
        return []  # it fits, even two columns a character
    codes = _codes(text)
    if "!" in codes:
        possible = _opportunities(text)
        widths = list(itertools.accumulate(map(int, text.translate(_WIDTH_OF)), initial=0))
        rule = possible.__getitem__
    else:
        if _WIDE.search(codes):
            widths = list(itertools.accumulate((2 if c.isupper() else 1 for c in codes), initial=0))
            codes = codes.lower()
        else:
            widths = None  # one column a character: most text
        rule = functools.partial(_is_break, codes)
    newline = n - 2 if final_newline else -1  # a break never comes before the final "\n"

    def ok(p: int) -> bool:
        return p != newline and (starts is None or p in starts) and rule(p)

    cuts, start, offset = [], 0, column
    while True:
        if widths is None:
            if offset + n - start <= avail:
                return cuts  # the rest fits
            room = start + avail - offset  # the last position a line from start may end at
        else:
            if offset + widths[n] - widths[start] <= avail:
                return cuts
            room = bisect.bisect_right(widths, widths[start] + avail - offset) - 1
        p = min(room, n - 1)
        while p > start and not ok(p):
            p -= 1
        if p <= start:  # nothing fits: the line runs to the first opportunity there is
            p = max(room, start) + 1
            while p < n and not ok(p):
                p += 1
            if p >= n:
                return cuts
        cuts.append(p)
        start, offset = p, 0


def _field(prefix: str, keyword: str, value: str, width: int) -> list[str]:
    """The lines gettext writes for one string field (write-po.c's wrap())."""
    lines, first = [], True
    avail = width - len(prefix) - 2  # room between the quotes
    pieces = _PIECE.findall(value) or [""]
    for n, piece in enumerate(pieces):
        if _ESCAPE.search(piece):
            cells = ["\\" + _ESCAPES[ch] if ch in _ESCAPES else ch for ch in piece]
            text = "".join(cells)
            starts, pos = set(), 0
            for cell in cells:
                starts.add(pos)
                pos += len(cell)
        else:
            text, starts = piece, None  # nothing escaped: every position starts a cell
        newline = piece.endswith("\n")
        start = len(keyword) + 1 if first else 0
        cuts = _wrap(text, starts, avail, start, newline)
        if first and piece and (n < len(pieces) - 1 or start > avail or cuts):
            lines.append(f'{prefix}{keyword} ""')  # several lines: the keyword gets one of its own
            first, cuts = False, _wrap(text, starts, avail, 0, newline)
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:]):
            lines.append(f'{prefix}{keyword + " " if first else ""}"{text[a:b]}"')
            first = False
    return lines


def _references(tokens: list[str], width: int) -> list[str]:
    """`#:` lines as gettext packs them: greedily, at most `width` bytes each."""
    lines = ["#:"]
    for token in tokens:
        if lines[-1] != "#:" and len(lines[-1].encode()) + 1 + len(token.encode()) > width:
            lines.append("#:")
        lines[-1] += " " + token
    return lines


def layout(text: str, width: int = WIDTH) -> str:
    """Re-lay out a PO file's text (as polib renders it) the way gettext's msgcat --width=<width> does."""
    out: list[str] = []
    field = None  # [prefix, keyword, escaped value so far] of the field being read
    refs: list[str] = []  # references of the `#:` lines being read

    def flush() -> None:
        nonlocal field, refs
        if field:
            value = re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m[1], m[1]), field[2])
            out.extend(_field(field[0], field[1], value, width))
        out.extend(_references(refs, width) if refs else [])
        field, refs = None, []

    for line in text.rstrip("\n").split("\n"):
        more = _MORE.match(line)
        if field and more and more[1] == field[0]:
            field[2] += more[2]
        elif line.startswith("#:"):
            if field:
                flush()
            refs += re.findall(r"[^ \t]+", line[2:])  # not str.split(): a no-break space is no separator
        else:
            flush()
            start = _FIELD.match(line)
            if start:
                field = list(start.groups())
            elif line.startswith("#") and not line.startswith(("#,", "#|", "#~")):
                mark, rest = re.match(r"(#\.?) ?(.*)", line).groups()  # gettext: "#x" is "# x"
                out.append(f"{mark} {rest}" if rest else mark)
            else:
                out.append(line)
    flush()
    return "\n".join(out) + "\n"


def measured_width(text: str) -> int | None:
    """The width Poedit would save this file with: its longest line, in characters.

    Poedit (catalog_po.cpp) ignores `# ` and `#. ` comments, lines ending in a
    "\\n" escape, bare `msgid ""`/`msgstr ""`, and lines with no space after
    their first two columns; None when nothing is wrapped (it then uses --no-wrap).
    """
    longest = None
    for line in text.splitlines():
        if line.startswith(("# ", "#. ")) or line.endswith('\\n"') or line in ('msgid ""', 'msgstr ""'):
            continue
        if " " not in line[2:]:
            continue
        longest = max(longest or 0, len(line))
    return longest


# --- a catalog straight to gettext's layout ------------------------------------------------------

def render(po, width: int = WIDTH, lines: dict[str, int] | None = None) -> str:
    """What `layout(str(po), width)` gives, without polib writing (and wrapping) every string first.

    Entries go out as polib orders them: the header comment, the metadata entry, the live entries,
    then the obsolete ones. Comments are wrapped as polib wraps them (at the catalog's own wrapwidth);
    every string field and the references are laid out as gettext does. `lines`, if given, receives
    the line where each live entry starts (as polib's linenum, and so `xlate check`, count them).
    """
    out = layout(_header_comment(po.header or ""), width).splitlines()
    live = [e for e in po if not e.obsolete]
    entries = [po.metadata_as_entry(), *live, *po.obsolete_entries()]
    for n, entry in enumerate(entries):
        if n:
            out.append("")
            if lines is not None and n <= len(live):
                lines[entry.msgid] = len(out) + 1
        out += _entry(entry, po.wrapwidth, width)
    return "\n".join(out) + "\n"


def _header_comment(header: str) -> str:
    # polib: an empty line (even an empty header) is "#", one starting with "," or ":" is glued to the "#".
    lines = [("#" if not h else f"#{h}" if h[:1] in ",:" else f"# {h}") for h in header.split("\n")]
    return "\n".join(lines) + "\n"


def _entry(entry, wrapwidth: int, width: int) -> list[str]:
    lines: list[str] = []
    delflag = "#~ " if entry.obsolete else ""
    kinds = [("tcomment", "# ")] if entry.obsolete else [("tcomment", "# "), ("comment", "#. ")]
    for attr, mark in kinds:
        text = getattr(entry, attr)
        for comment in text.split("\n") if text else ():
            if wrapwidth > 0 and len(comment) + len(mark) > wrapwidth:
                lines += _wrapped_comment(comment, mark, wrapwidth)
            else:
                lines.append(_comment_line(f"{mark}{comment}"))
    if not entry.obsolete and entry.occurrences:
        files = " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences)
        lines += _references(re.findall(r"[^ \t]+", files), width)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    previous = "#~| " if entry.obsolete else "#| "
    for attr, keyword in (("previous_msgctxt", "msgctxt"), ("previous_msgid", "msgid"),
                          ("previous_msgid_plural", "msgid_plural")):
        value = getattr(entry, attr)
        if value is not None:
            lines += _field(previous, keyword, value, width)
    if entry.msgctxt is not None:
        lines += _field(delflag, "msgctxt", entry.msgctxt, width)
    lines += _field(delflag, "msgid", entry.msgid, width)
    if entry.msgid_plural:
        lines += _field(delflag, "msgid_plural", entry.msgid_plural, width)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            lines += _field(delflag, f"msgstr[{index}]", entry.msgstr_plural[index], width)
    else:
        lines += _field(delflag, "msgstr", entry.msgstr, width)
    return lines


@functools.lru_cache(maxsize=4096)  # the same glossary lines come back in catalog after catalog
def _wrapped_comment(comment: str, mark: str, wrapwidth: int) -> tuple[str, ...]:
    """A comment longer than polib's wrapwidth, wrapped as polib wraps it."""
    wrapped = textwrap.wrap(comment, wrapwidth, initial_indent=mark, subsequent_indent=mark, break_long_words=False)
    return tuple(_comment_line(text) for text in wrapped)


def _comment_line(text: str) -> str:
    """gettext writes "#x" as "# x", and an empty comment as a bare mark."""
    if text.startswith(("#,", "#|", "#~")) or text.startswith("#:"):
        return text
    if len(text) > 3 and text.startswith("#. ") or len(text) > 2 and text.startswith("# "):
        return text  # already a mark, a space and a comment: most lines
    mark, rest = re.match(r"(#\.?) ?(.*)", text).groups()
    return f"{mark} {rest}" if rest else mark
