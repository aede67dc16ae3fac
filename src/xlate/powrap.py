"""Lay out a PO file's lines exactly as GNU gettext does (msgcat, msgmerge, and so Poedit).

Why: reviewers edit the catalogs in Poedit and keep them in git. Poedit saves a
file by piping it through `msgcat --width=W`, while xlate writes catalogs with
polib, which lays lines out differently: it never wraps header fields, its
textwrap breaks strings elsewhere (it may start a line with the space gettext
leaves at the end of the line before, and splits escapes differently), and it
re-wraps comments. Every xlate run after a Poedit save would then move lines
around: churn in git. `layout()` takes polib's text and re-lays it out as
msgcat does, so both tools write the same bytes.

What gettext does (write-po.c and libunistring's u8_width_linebreaks, 0.21/1.0):
- A string is cut after each "\\n" into portions. A field stays on its keyword
  line (`msgid "..."`) only if it is one portion and fits; otherwise it starts
  with `msgid ""` and each portion starts a new line.
- A portion is escaped (\\" \\\\ \\n \\t ...) and then broken greedily at the
  Unicode line-break opportunities (UAX #14): each line takes as many pieces
  as fit within `width` columns, quotes and prefix included; a piece longer
  than a line stays whole. Columns are display columns (CJK 2, combining
  marks 0), not bytes. Breaks fall after spaces (the space ends the line),
  after hyphens before letters (not in "2019-2024"), after "/" before a
  letter or "(", between CJK ideographs; never inside an escape nor before
  a final "\\n".
- `#:` references are re-packed into lines of at most `width` bytes.
- Other comments are kept as they are, never re-wrapped: gettext only writes
  "#text" as "# text" and a blank "# " as "#" (same for "#.").
Not reproduced (gettext changes content there, layout does not): it drops
obsolete entries whose msgstr is empty, drops duplicate references, orders
flags "fuzzy" first, and keeps breaks out of format directives of entries
flagged c-format & co. The UAX #14 classes come from unicodedata plus the
exceptions below: exact for Latin, Vietnamese, CJK and common punctuation,
approximate for other scripts, emoji and Hangul jamo.
"""

import functools
import re
import unicodedata

WIDTH = 78  # the longest line of a catalog laid out by xlate (Poedit reuses it)

# Line-break classes of UAX #14 (libunistring's names); OW is an East Asian
# opening bracket (LB30 lets a line break between a letter and it).
_CLASSES = "WJ GL B2 BA BB HY CL CP EX IN NS OP OW QU IS NU PO PR SY AL ID".split()
# libunistring 1.0's pair table: may a line break between a character of the
# row's class and one of the column's class? D: yes; I: only if spaces come
# between them; P: no.
_PAIRS = dict(
    WJ="PIIIIIPPPIIIIIPIIIPII", GL="PIIIIIPPPIIIIIPIIIPII", B2="PIPIDIPPPIIDDIPDDDPDD",
    BA="PDDIDIPPPIIDDIPDDDPDD", BB="PIIIIIPPPIIIIIPIIIPII", HY="PDDIDIPPPIIDDIPIDDPDD",
    CL="PIDIDIPPPIPDDIPDIIPDD", CP="PIDIDIPPPIIDDIPIIIPID", EX="PIDIDIPPPIIDDIPDDDPDD",
    IN="PIDIDIPPPIIDDIPDDDPDD", NS="PIDIDIPPPIIDDIPDDDPDD", OP="PPPPPPPPPPPPPPPPPPPPP",
    OW="PPPPPPPPPPPPPPPPPPPPP", QU="PIIIIIPPPIIPPIPIIIPII", IS="PIDIDIPPPIIDDIPIDDPDD",
    NU="PIDIDIPPPIIIDIPIIIPID", PO="PIDIDIPPPIIIIIPIDDPID", PR="PIDIDIPPPIIIIIPIDDPII",
    SY="PIDIDIPPPIIDDIPIDDPDD", AL="PIDIDIPPPIIIDIPIIIPID", ID="PIDIDIPPPIIDDIPDIDPDD",
)
_ASCII = dict(zip(map(chr, range(0x21, 0x7F)), (
    "EX QU AL PR PO AL QU OP CP AL PR IS HY IS SY" + " NU" * 10 + " IS IS AL AL AL EX AL" + " AL" * 26
    + " OP PR CP AL AL AL" + " AL" * 26 + " OP BA CL AL").split()))
# Characters whose class the general-category rules in _lbclass get wrong
# (from LineBreak.txt), as regex character classes.
_EXCEPTIONS = [(cls, re.compile(f"[{chars}]")) for cls, chars in [
    ("ZW", "\u200b"), ("WJ", "\u2060\ufeff"), ("GL", "\u00a0\u034f\u035c-\u0362\u2007\u2011\u202f"),
    ("BA", "\u00ad\u2027\u2056\u2058-\u205b\u205d\u205e"), ("BB", "\u00b4"), ("B2", "\u2014"),
    ("AL", "\u2015"), ("OP", "\u00a1\u00bf"), ("IS", "\u2044\ufe10\ufe13\ufe14"),
    ("IN", "\u2024-\u2026\ufe19"), ("EX", "\ufe15\ufe16\uff01\uff1f"),
    ("CL", "\u3001\u3002\ufe11\ufe12\uff0c\uff0e\uff61\uff64"),
    ("PO", "\u00a2\u00b0\u2030-\u2037\u20a7\u20b6\u20bb\u20be\u20c0\uff05\uffe0"),
    ("PR", "\u00b1\uff04\uffe1\uffe5\uffe6"),
    ("NS", "\u203c\u203d\u2047-\u2049\u3005\u301c\u303b\u303c\u309b-\u309e\u30a0\u30fb-\u30fe"
           "\uff1a\uff1b\uff65\uff67-\uff70\uff9e\uff9f"),
    ("ID", "\uff66-\uff9d"),
]]
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
# polib's field lines: `[prefix]keyword "..."`, continued by `[prefix]"..."`;
# the prefix marks previous (#|), obsolete (#~) and obsolete previous (#~|).
_FIELD = re.compile(r'(#~\| |#~ |#\| |)(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
_MORE = re.compile(r'(#~\| |#~ |#\| |)"(.*)"$')


@functools.lru_cache(maxsize=4096)
def _lbclass(ch: str) -> str:
    """The UAX #14 line-break class of a character, as libunistring resolves it."""
    if ch == " ":
        return "SP"
    if ch in _ASCII:
        return _ASCII[ch]
    for cls, chars in _EXCEPTIONS:
        if chars.match(ch):
            return cls
    cat, eaw = unicodedata.category(ch), unicodedata.east_asian_width(ch)
    if cat[0] == "M" or cat in ("Cc", "Cf"):
        return "CM"
    if cat == "Ps":
        return "OW" if eaw in "WFH" else "OP"
    if cat in ("Pe", "Pi", "Pf"):
        return "CL" if cat == "Pe" else "QU"
    if "SMALL" in unicodedata.name(ch, "") and ("\u3040" <= ch <= "\u31ff"):
        return "NS"  # small kana never start a line
    if eaw in "WF":
        return "ID"
    return {"Nd": "NU", "Pd": "BA", "Sc": "PR", "Zs": "BA"}.get(cat, "AL")


def _columns(ch: str) -> int:
    """Display width of a character, as libunistring's uc_width (non-CJK encoding)."""
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf", "Cc") or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _opportunities(text: str) -> list[bool]:
    """May a line start at text[i]? (libunistring's u8_possible_linebreaks)"""
    possible = [False] * len(text)
    last, spaces = "BK", False  # class of the last non-space character; spaces since?
    for i, ch in enumerate(text):
        cls = _lbclass(ch)
        if cls == "SP":
            spaces = True  # a break never comes before a space, only after it
            continue
        if cls == "ZW":
            last, spaces = "ZW", False
            continue
        if cls == "CM":
            if last not in ("BK", "ZW") and not spaces:
                continue  # a combining mark belongs to the character before it
            cls = "AL"  # ... or stands alone, as a letter
        if last == "ZW":
            possible[i] = True
        elif last != "BK":  # never at the very start
            rule = _PAIRS[last][_CLASSES.index(cls)]
            possible[i] = rule == "D" or (rule == "I" and spaces)
        last, spaces = cls, False
    return possible


def _wrap(cells: list[str], avail: int, column: int) -> list[int]:
    """Where gettext starts new lines in an escaped portion (u8_width_linebreaks).

    `cells` holds each character as written (an escape is one cell of two
    characters; no break inside it); a line holds `avail` columns and the
    first one starts at `column`. Greedy: a piece (text between two break
    opportunities) that does not fit moves to the next line.
    """
    text = "".join(cells)
    possible = _opportunities(text)
    if cells and cells[-1] == "\\n":
        possible[len(text) - 2] = False  # the final \n stays with the text before it
    cuts, last, piece, pos = [], None, 0, 0
    for cell in cells:
        if possible[pos]:
            if last is not None and column + piece > avail:
                cuts.append(last)
                column = 0
            last, column, piece = pos, column + piece, 0
        piece += sum(_columns(ch) for ch in cell)
        pos += len(cell)
    if last is not None and column + piece > avail:
        cuts.append(last)
    return cuts


def _field(prefix: str, keyword: str, value: str, width: int) -> list[str]:
    """The lines gettext writes for one string field (write-po.c's wrap())."""
    lines, first = [], True
    avail = width - len(prefix) - 2  # room between the quotes
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    for n, portion in enumerate(portions):
        cells = ["\\" + _ESCAPES[ch] if ch in _ESCAPES else ch for ch in portion]
        start = len(keyword) + 1 if first else 0
        cuts = _wrap(cells, avail, start)
        if first and portion and (n < len(portions) - 1 or start > avail or cuts):
            # Several lines: the keyword gets a line of its own, `msgid ""`.
            lines.append(f'{prefix}{keyword} ""')
            first, cuts = False, _wrap(cells, avail, 0)
        text = "".join(cells)
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:]):
            lines.append(f'{prefix}{keyword + " " if first else ""}"{text[a:b]}"')
            first = False
    return lines


def _references(tokens: list[str], width: int) -> list[str]:
    """`#:` lines as gettext packs them: greedily, at most `width` bytes each."""
    lines, line = [], "#:"
    for token in tokens:
        while token.startswith("./"):  # gettext drops a leading ./
            token = token[2:]
        if line != "#:" and len(line.encode()) + 1 + len(token.encode()) > width:
            lines.append(line)
            line = "#:"
        line += " " + token
    return lines + [line]


def _comment(line: str) -> str:
    """A `#` or `#.` comment as gettext writes it back: its text after one space."""
    mark = "#." if line.startswith("#.") else "#"
    text = line[len(mark):]
    text = text[1:] if text.startswith(" ") else text
    return f"{mark} {text}" if text else mark


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
        if refs:
            out.extend(_references(refs, width))
        field, refs = None, []

    for line in text.rstrip("\n").split("\n"):
        more = _MORE.match(line)
        if field and more and more[1] == field[0]:
            field[2] += more[2]
            continue
        if line.startswith("#:"):
            if field:
                flush()
            refs += line[2:].split()
            continue
        flush()
        start = _FIELD.match(line)
        if start:
            field = [start[1], start[2], start[3]]
        elif line.startswith("#") and not line.startswith(("#:", "#,", "#|", "#~")):
            out.append(_comment(line))
        else:
            out.append(line)
    flush()
    return "\n".join(out) + "\n"
