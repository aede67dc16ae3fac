"""A text or Markdown seed → pieces: front matter, what scrapers leave, Markdown, tables, hard wraps.

In order, because each step needs the one before:
1. front matter (`---` … `---`): title, date, byline, URL — declared, so it wins later;
2. HTML the scraper left: entities decoded, tags removed (a `<p>`, `<br>`, `<li>`
   or `<h2>` still says where a paragraph, line, item or heading starts;
   `<script>`/`<style>` content and comments are dropped);
3. Markdown: link and image lines, headings (`#`, underlined), bullets, quotes,
   emphasis, inline links, rules, reference definitions; an image's title or
   the line right under an image is its caption;
4. tables (pipe rows, or tab-separated rows) become TABLE pieces: kept out of
   translation by the block rules unless the workspace asks for them;
5. hard-wrapped paragraphs are re-joined (see _join).

Every line taken out here is recorded (Dropped) with its reason. Fast: a line
meets a pattern only when it holds the character that pattern needs.
"""

import html
import re
import statistics
from dataclasses import dataclass, replace

from xlate.ingest.chrome import Reason, declared_date
from xlate.ingest.pieces import Hint, Piece, Source
from xlate.model import Dropped
from xlate.text.normalize import normalize

MD_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<url>\S+?)(?:\s+[\"'(](?P<title>[^\"')]*)[\"')])?\)$")
MD_LINK_LINE = re.compile(r"^(?:[*+-]\s+)?\[(?P<text>[^\]]*)\]\((?P<url>\S+?)(?:\s+\"[^\"]*\")?\)$")
MD_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_INLINE_LINK = re.compile(r"\[([^\]]*)\]\((?:https?://|/|#|www\.)[^)]*\)")
MD_REFERENCE = re.compile(r"^\[[^\]]+\]:\s*\S+")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
MD_BULLET = re.compile(r"^(?:[*+•·▪●◦‣-]|\d{1,2}[.)])\s+")
MD_QUOTE = re.compile(r"^>(?!>)\s?")  # ">> Xem thêm" is an arrow, not a quote
MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
MD_SETEXT = re.compile(r"^(?:=+|-+)$")
MD_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
MD_CODE = re.compile(r"`([^`]+)`")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$")

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->")
BLOCK_TAGS = {"p", "div", "section", "article", "ul", "ol", "table", "tbody", "thead", "figure", "blockquote",
              "header", "footer", "main", "aside", "nav", "center"}
HINT_TAGS = {"h1": Hint.HEADING, "h2": Hint.HEADING, "h3": Hint.HEADING, "h4": Hint.HEADING,
             "h5": Hint.HEADING, "h6": Hint.HEADING, "li": Hint.ITEM, "figcaption": Hint.CAPTION,
             "blockquote": Hint.QUOTE, "tr": Hint.TABLE}
SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg"}
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# A sentence or a quotation is finished; a hard-wrapped line usually is not.
FINAL = re.compile(r"[.!?…:;]['\"”’)\]»]*$|[”\"»]$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
MIN_WRAPPED_LINES = 3
MAX_WRAP_WIDTH = 120


@dataclass
class _Line:
    number: int
    text: str
    joined: bool  # no blank line (and no block-level tag) before it
    hint: Hint = Hint.PARAGRAPH
    level: int = 0
    cells: tuple[str, ...] = ()  # a table row's cells
    breaks: bool = False  # a block tag closed before it: never re-joined to the line above
    italic: bool = False  # the whole line was emphasis (a caption under an image, in Markdown)
    last: str = ""  # a re-joined paragraph: its last physical line (what the wrapper filled)
    marker: str = ""  # a bullet's character


def pieces(text: str) -> Source:
    """Read a text or Markdown seed into pieces. Pure: no I/O."""
    source = Source()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _front_matter(lines, source)
    raw = _strip_html(lines, start, source) if ("<" in text or "&" in text) else \
        [(i + 1, line, False, Hint.PARAGRAPH) for i, line in enumerate(lines) if i >= start]
    out = _markdown(raw, source)
    source.pieces = _join(out)
    return source


def _front_matter(lines: list[str], source: Source) -> int:
    """`---`-delimited front matter; returns the index of the first line after it."""
    if not lines or lines[0].strip().lstrip("\ufeff") != "---":
        return 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return 0
    for i in range(1, end):
        key, _, value = lines[i].partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'").strip()
        if not value:
            continue
        if key in ("title", "headline"):
            # Scrapers prefix a tag "[Tổng bí thư Tô Lâm]"; the real title follows.
            source.title = normalize(re.sub(r"^\[[^\]]*\]\s*", "", value))
            source.title_line = i + 1
            source.title_wins = True
        elif key in ("date", "published", "pubdate"):
            source.date = declared_date(value)
        elif key in ("url", "source", "link", "permalink", "canonical") and value.startswith("http"):
            source.url = value
        elif key in ("author", "byline", "authors"):
            source.byline = normalize(value)
            source.byline_wins = True
        elif key in ("outlet", "site", "sitename", "publisher"):
            source.outlet = normalize(value)
    for i in range(0, end + 1):
        source.dropped.append(Dropped(i + 1, lines[i], Reason.FRONT_MATTER))
    return end + 1


def _strip_html(lines: list[str], start: int, source: Source) -> list[tuple[int, str, bool, Hint]]:
    """(line number, text, starts a block, hint) with tags removed and entities decoded.

    A line holding several `<p>`s becomes several lines with the same number.
    """
    out = []
    skipping = None  # inside <script>…</script>: the tag that ends it
    for i in range(start, len(lines)):
        number, line = i + 1, lines[i]
        if "<" not in line and "&" not in line and skipping is None:
            out.append((number, line, False, Hint.PARAGRAPH))
            continue
        pieces_of_line = [[ "", False, Hint.PARAGRAPH ]]
        pos = 0
        dropped_any = False
        for m in TAG.finditer(line):
            before = line[pos:m.start()]
            pos = m.end()
            if skipping is None:
                pieces_of_line[-1][0] += before
            else:
                dropped_any = True
            if m.group(2) is None:  # a comment
                dropped_any = True
                continue
            closing, name = m.group(1) == "/", m.group(2).lower()
            if skipping is not None:
                if closing and name == skipping:
                    skipping = None
                continue
            if name in SKIP_TAGS and not closing and not m.group(0).endswith("/>"):
                skipping = name
                dropped_any = True
                continue
            if name == "br":
                pieces_of_line.append(["", False, pieces_of_line[-1][2]])
            elif name in ("td", "th"):
                pieces_of_line[-1][0] += "\t" if not closing else ""
            elif name in BLOCK_TAGS or name in HINT_TAGS:
                hint = HINT_TAGS.get(name, Hint.PARAGRAPH) if not closing else Hint.PARAGRAPH
                pieces_of_line.append(["", True, hint])
            elif name == "img":
                dropped_any = True
        rest = line[pos:]
        if skipping is None:
            pieces_of_line[-1][0] += rest
        for k, (text, block, hint) in enumerate(pieces_of_line):
            text = _unescape(text)
            if text.strip() or k == 0:
                out.append((number, text, block, hint))
        if dropped_any and not any(p[0].strip() for p in pieces_of_line):
            source.dropped.append(Dropped(number, line, Reason.MARKUP))
    return out


def _unescape(text: str) -> str:
    for _ in range(2):  # "&amp;quot;": encoded twice by a careless scraper
        if "&" not in text or not ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def _markdown(raw: list[tuple[int, str, bool, Hint]], source: Source) -> list[_Line]:
    out: list[_Line] = []
    previous_blank = True
    after_image = False  # the line before was an image: this one may be its caption
    for number, line, block, hint in raw:
        has_tabs = "\t" in line and re.search(r"\S\t+\S", line) is not None
        text = normalize(line)
        if not text:
            previous_blank = True
            if not block:
                after_image = after_image and out and out[-1].number == number
            continue
        joined = not previous_blank and not block
        previous_blank = False
        if text[0] in "!" and (m := MD_IMAGE.match(text)):
            if m.group("title"):
                out.append(_Line(number, normalize(m.group("title")), False, Hint.CAPTION, breaks=True))
            else:
                source.dropped.append(Dropped(number, line, Reason.IMAGE))
            after_image = True
            continue
        caption_here, after_image = after_image, False
        if "](" in text and (m := MD_LINK_LINE.match(text)):
            if not out:
                source.url = source.url or m.group("url")
                source.link_title = source.link_title or normalize(m.group("text"))
            source.dropped.append(Dropped(number, line, Reason.LINK))
            continue
        if URL_ONLY.match(text) or (text[0] == "[" and MD_REFERENCE.match(text)):
            source.dropped.append(Dropped(number, line, Reason.LINK))
            continue
        if MD_RULE.match(text) and not MD_BULLET.match(text + " x"):
            source.dropped.append(Dropped(number, line, Reason.MARKUP))
            continue
        if MD_SETEXT.match(text) and out and out[-1].number == number - 1 and len(text) >= 3:
            out[-1].hint, out[-1].level = Hint.HEADING, 1 if text[0] == "=" else 2
            source.dropped.append(Dropped(number, line, Reason.MARKUP))
            continue
        cells: tuple[str, ...] = ()
        level = 0
        marker = ""
        if has_tabs:
            cells = tuple(normalize(c) for c in line.split("\t") if c.strip())
        elif text.count("|") >= 2 or PIPE_SEPARATOR.match(text):
            if PIPE_SEPARATOR.match(text):
                cells = ("---",)
            else:
                cells = tuple(c.strip() for c in text.strip().strip("|").split("|"))
        elif text[0] == "#" and (m := MD_HEADING.match(text)):
            hint, level, text = Hint.HEADING, len(m.group(1)), m.group(2)
        elif text[0] == ">" and MD_QUOTE.match(text):
            hint, text = Hint.QUOTE, MD_QUOTE.sub("", text)
        elif MD_BULLET.match(text) and not text[0].isdigit():
            hint, marker, text = Hint.ITEM, text[0], MD_BULLET.sub("", text)
        italic = bool(re.fullmatch(r"([*_])[^*_].*[^*_]\1|([*_])[^*_]\2", text))
        text = _inline(text)
        if not text:
            source.dropped.append(Dropped(number, line, Reason.MARKUP))
            continue
        if caption_here and hint == Hint.PARAGRAPH and (joined or italic):
            hint = Hint.CAPTION
        out.append(_Line(number, text, joined, hint, level, cells, breaks=block, italic=italic, marker=marker))
    return _lone_bullets(_tables(out))


def _lone_bullets(lines: list[_Line]) -> list[_Line]:
    """A bullet with no bullet of its kind beside it is a paragraph: "* Nhân dịp này, …"
    is the Vietnamese mark of an addendum, not a list."""
    for k, line in enumerate(lines):
        if line.hint == Hint.ITEM and line.marker:
            near = [lines[j] for j in (k - 1, k + 1) if 0 <= j < len(lines)]
            if not any(n.hint == Hint.ITEM and n.marker == line.marker for n in near):
                line.hint = Hint.PARAGRAPH
    return lines


def _inline(text: str) -> str:
    if "[" in text or "!" in text:
        text = MD_INLINE_LINK.sub(r"\1", MD_INLINE_IMAGE.sub("", text))
    if "*" in text or "_" in text or "~" in text:
        text = MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    if "`" in text:
        text = MD_CODE.sub(r"\1", text)
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    return normalize(text)


def _tables(lines: list[_Line]) -> list[_Line]:
    """A row with cells is a table row when another row stands next to it (or it has
    three cells or more, tab-separated); a single `a | b | c` line is left to the block rules."""
    out = []
    for k, line in enumerate(lines):
        if line.cells:
            near = [lines[j] for j in (k - 1, k + 1) if 0 <= j < len(lines)]
            neighbour = any(n.cells and abs(n.number - line.number) <= 2 for n in near)
            if neighbour or (line.hint == Hint.TABLE) or ("\t" in line.text and len(line.cells) >= 3):
                text = " | ".join(c for c in line.cells if c != "---")
                out.append(replace(line, hint=Hint.TABLE, text=text or "---"))
                continue
            line = replace(line, cells=())
        out.append(line)
    return out


def _join(lines: list[_Line]) -> list[Piece]:
    """Re-join hard-wrapped paragraphs; every other line break is a paragraph break.

    A file is hard-wrapped when its lines that run on into the next one are of a
    like length, under MAX_WRAP_WIDTH. There, a line joins the one above unless
    the one above is finished (final punctuation) and had room for the next
    word — a greedy wrapper breaks only where the next word does not fit. In any
    file, an unfinished line followed by a lower-case word runs on.
    """
    pairs = [(lines[k], lines[k + 1]) for k in range(len(lines) - 1) if lines[k + 1].joined and _plain(lines[k])]
    width_chars = width_bytes = 0
    # Wrapped text breaks mid-sentence: most of its breaks come before a lower-case word.
    running_on = sum(1 for _, below in pairs if below.text[:1].islower())
    if running_on >= MIN_WRAPPED_LINES and running_on * 2 >= len(pairs):
        chars = [len(above.text) for above, _ in pairs]
        width_chars = max(chars)
        width_bytes = max(len(above.text.encode("utf-8")) for above, _ in pairs)
        if width_chars > MAX_WRAP_WIDTH or statistics.median(chars) < 0.7 * width_chars:
            width_chars = width_bytes = 0
    out: list[Piece] = []
    current: _Line | None = None
    for line in lines:
        if current is not None and line.joined and _plain(current) and _plain(line) and \
                _runs_on(current, line, width_chars, width_bytes):
            current = replace(current, text=f"{current.text} {line.text}", last=line.text, italic=False)
            continue
        if current is not None:
            out.append(_piece(current))
        current = line
    if current is not None:
        out.append(_piece(current))
    return out


def _plain(line: _Line) -> bool:
    return line.hint in (Hint.PARAGRAPH, Hint.QUOTE, Hint.ITEM) and not line.cells


def _runs_on(above: _Line, below: _Line, width_chars: int, width_bytes: int) -> bool:
    if below.hint != Hint.PARAGRAPH or below.breaks:
        return False
    first = below.text.split(" ", 1)[0]
    starts_low = first[:1].islower()
    finished = FINAL.search(above.text) is not None
    if not finished and starts_low:
        return True
    if not width_chars:
        return False
    tail = above.last or above.text  # what the wrapper filled: the last physical line
    return (len(tail) + 1 + len(first) > width_chars - 2 or
            len(tail.encode("utf-8")) + 1 + len(first.encode("utf-8")) > width_bytes - 2)


def _piece(line: _Line) -> Piece:
    return Piece(line.number, line.text, line.hint, line.joined, level=line.level)
