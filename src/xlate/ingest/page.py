"""A saved web page → pieces and the page's metadata, with trafilatura.

trafilatura (imported here only, and only for .html/.htm seeds) finds the
article inside the navigation, scripts, banners and footers, and reads the
page's metadata (og:, JSON-LD, <meta>) and publication date. Its output is
walked in order: headings, paragraphs, list items, quotes, figure captions
and table rows become pieces for the same block rules as a text seed.

Line numbers: trafilatura's output does not say where in the file a paragraph
was. The page is parsed once more with lxml, its text laid end to end without
whitespace, and each piece is found there in order; the line is that of the
element holding it. The same lookup says whether a paragraph stands inside a
<figcaption> or an element whose class names a caption.
"""

import bisect
import re
from dataclasses import dataclass

from xlate.ingest.pieces import Hint, Piece, Source
from xlate.text.normalize import normalize

SKIP = {"script", "style", "noscript", "template", "svg"}
CAPTION_CLASS = re.compile(r"caption|chu-?thich|img-?desc|image-?desc|desc-?image|photo-?desc|fig-?desc|"
                           r"^image$|imgcaption|photocms_caption|picture-?note", re.I)
CAPTION_DEPTH = 4  # how far up from a paragraph a caption element may be
_NO_SPACE = re.compile(r"\s+")
KEY_CHARS = 40


class NoArticle(ValueError):
    """The page holds no article text the extractor can find."""


@dataclass(frozen=True)
class _Hit:
    line: int
    caption: bool


class _SourceIndex:
    """Where a text stands in the page: its line, and whether it is inside a caption."""

    def __init__(self, html: str):
        from lxml import etree, html as lxml_html

        self.starts: list[int] = []
        self.hits: list[_Hit] = []
        self.meta_lines: dict[str, int] = {}
        parts: list[str] = []
        size = 0
        try:
            root = lxml_html.document_fromstring(html)
        except (etree.ParserError, ValueError):
            self.stream = ""
            return
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.lower()
            if tag == "meta":
                key = (el.get("property") or el.get("name") or "").lower()
                self.meta_lines.setdefault(key, el.sourceline or 1)
            inside_skip = tag in SKIP
            for text, line_of in ((el.text, el), (el.tail, el.getparent())):
                if text is None or (inside_skip and text is el.text):
                    continue
                squeezed = _NO_SPACE.sub("", normalize(text))
                if not squeezed or line_of is None:
                    continue
                self.starts.append(size)
                self.hits.append(_Hit(el.sourceline or 1, _captioned(line_of)))
                parts.append(squeezed)
                size += len(squeezed)
        self.stream = "".join(parts)
        self.cursor = 0

    def find(self, text: str) -> _Hit | None:
        key = _NO_SPACE.sub("", text)[:KEY_CHARS]
        if not key or not self.stream:
            return None
        at = self.stream.find(key, self.cursor)
        if at < 0:
            at = self.stream.find(key)
        if at < 0:
            return None
        self.cursor = at + len(key)
        return self.hits[bisect.bisect_right(self.starts, at) - 1]


def _captioned(el) -> bool:
    for _ in range(CAPTION_DEPTH):
        if el is None or not isinstance(el.tag, str):
            return False
        if el.tag.lower() == "figcaption" or CAPTION_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
        el = el.getparent()
    return False


def pieces(html: str) -> Source:
    """The page's article as pieces, with the metadata it declares; NoArticle if there is none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=True,
        include_links=True, include_formatting=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None or not normalize(" ".join(body.itertext())):
        raise NoArticle("the extractor found no article text in the page")
    index = _SourceIndex(html)
    source = Source(title=normalize(doc.title or ""), date=doc.date or None, url=doc.url or None,
                    byline=normalize(doc.author) if doc.author else None,
                    outlet=normalize(doc.sitename) if doc.sitename else None)
    out: list[Piece] = []
    line = 1
    after_graphic = False
    for el in body:
        tag = el.tag
        if tag == "graphic":
            after_graphic = True
            continue
        for hint, level, element in _blocks(el):
            text = normalize(" ".join(element.itertext()))
            if not text:
                continue
            hit = index.find(text)
            if hit is not None:
                line = max(line, hit.line) if out else hit.line
            if hint == Hint.PARAGRAPH and hit is not None and hit.caption:
                hint = Hint.CAPTION
            elif hint == Hint.PARAGRAPH and after_graphic and _short(text) and hit is not None and hit.caption:
                hint = Hint.CAPTION
            out.append(Piece(line, text, hint, link=_link_only(element, text), level=level))
        after_graphic = False
    source.pieces = out
    if source.title:
        hit = _SourceIndex.find(index, source.title)
        source.title_line = hit.line if hit else index.meta_lines.get("og:title", 1)
    return source


def _short(text: str) -> bool:
    return len(text.split()) <= 60


def _blocks(el):
    """(hint, heading level, element) for one child of trafilatura's <main>/<body>."""
    tag = el.tag
    if tag == "head":
        rend = el.get("rend", "h2")
        level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        yield Hint.HEADING, level, el
    elif tag == "list":
        for item in el.iter("item"):
            yield Hint.ITEM, 0, item
    elif tag == "quote":
        yield Hint.QUOTE, 0, el
    elif tag == "table":
        for row in el.iter("row"):
            yield Hint.TABLE, 0, _Row(row)
    elif tag in ("p", "div", "lb", "hi"):
        yield Hint.PARAGRAPH, 0, el


class _Row:
    """A table row read as one piece: its cells joined by " | "."""

    def __init__(self, row):
        self.cells = [normalize(" ".join(c.itertext())) for c in row.iter("cell")]

    def itertext(self):
        yield " | ".join(c for c in self.cells if c)

    def iter(self, tag):
        return iter(())


def _link_only(element, text: str) -> bool:
    refs = list(element.iter("ref")) if hasattr(element, "iter") else []
    return len(refs) == 1 and normalize(" ".join(refs[0].itertext())) == text
