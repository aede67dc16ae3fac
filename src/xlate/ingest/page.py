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

from xlate.ingest.chrome import Reason
from xlate.ingest.pieces import Hint, Piece, Source
from xlate.model import Dropped
from xlate.text.normalize import normalize

SKIP = {"script", "style", "noscript", "template", "svg", "title"}  # text no reader sees in the page
CAPTION_CLASS = re.compile(r"caption|chu-?thich|img-?desc|image-?desc|desc-?image|photo-?desc|fig-?desc|"
                           r"(?:^|\s)image(?:\s|$)|imgcaption|photocms_caption|picture-?note", re.I)
CAPTION_DEPTH = 4  # how far up from a paragraph a caption element may be
_NO_SPACE = re.compile(r"\s+")
KEY_CHARS = 40


class NoArticle(ValueError):
    """The page holds no article text the extractor can find."""


@dataclass(frozen=True)
class _Hit:
    line: int
    caption: bool
    element: object  # the lxml element holding the text


class _SourceIndex:
    """Where a text stands in the page: its line, and whether it is inside a caption."""

    def __init__(self, html: str):
        from lxml import etree, html as lxml_html

        self.starts: list[int] = []
        self.hits: list[_Hit] = []
        self.texts: list[str] = []  # each text as written (normalized), for the record of what was left out
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
            for text, line_of, own in ((el.text, el, True), (el.tail, el.getparent(), False)):
                if text is None or (own and tag in SKIP):
                    continue
                clean = normalize(text)
                squeezed = _NO_SPACE.sub("", clean)
                if not squeezed or line_of is None:
                    continue
                self.texts.append(clean)
                self.starts.append(size)
                self.hits.append(_Hit(el.sourceline or 1, _captioned(line_of), line_of))
                parts.append(squeezed)
                size += len(squeezed)
        self.stream = "".join(parts)
        self.cursor = 0

    def find(self, text: str, anywhere: bool = False) -> _Hit | None:
        """The text's place, searched from where the last one was found (anywhere: from the top,
        without moving on)."""
        key = _NO_SPACE.sub("", text)[:KEY_CHARS]
        if not key or not self.stream:
            return None
        at = self.stream.find(key, 0 if anywhere else self.cursor)
        if at < 0 and not anywhere:
            at = self.stream.find(key)
        if at < 0:
            return None
        if not anywhere:
            self.cursor = at + len(key)
        return self.hits[bisect.bisect_right(self.starts, at) - 1]

    def captions(self) -> list[_Hit]:
        """The outermost caption element of each caption in the page, once each."""
        seen, out = set(), []
        for hit in self.hits:
            if hit.caption and id(hit.element) not in seen:
                top = _caption_top(hit.element)
                if id(top) not in seen:
                    seen.add(id(top))
                    out.append(_Hit(top.sourceline or hit.line, True, top))
                seen.add(id(hit.element))
        return out


def _caption_top(el):
    """The caption element itself (a <figcaption> or captioned class) above a text-holding element."""
    best = el
    for _ in range(CAPTION_DEPTH):
        if el is None or not isinstance(el.tag, str):
            break
        if el.tag.lower() == "figcaption" or CAPTION_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            best = el
        el = el.getparent()
    return best


def _captioned(el) -> bool:
    for _ in range(CAPTION_DEPTH):
        if el is None or not isinstance(el.tag, str):
            return False
        if el.tag.lower() == "figcaption" or CAPTION_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
        el = el.getparent()
    return False


def extract(html: str):
    """trafilatura's reading of the page: its main content and metadata (None if it finds none)."""
    import trafilatura

    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=True,
        include_links=True, include_formatting=False, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})


def pieces(html: str) -> Source:
    """The page's article as pieces, with the metadata it declares; NoArticle if there is none."""
    doc = extract(html)
    body = getattr(doc, "body", None) if doc is not None else None
    if body is None or not normalize(" ".join(body.itertext())):
        raise NoArticle("the extractor found no article text in the page")
    index = _SourceIndex(html)
    source = Source(title=normalize(doc.title or ""), date=doc.date or None, url=doc.url or None,
                    byline=normalize(doc.author) if doc.author else None,
                    outlet=normalize(doc.sitename) if doc.sitename else None)
    out: list[Piece] = []
    line = 1
    for el in body:
        if el.tag == "graphic":
            continue
        for hint, level, element in _blocks(el):
            text = normalize(" ".join(element.itertext()))
            if not text:
                continue
            hit = index.find(text)
            if hit is not None:
                line = max(line, hit.line) if out else hit.line
            if hint in (Hint.PARAGRAPH, Hint.TABLE) and hit is not None and hit.caption and _short(text):
                hint = Hint.CAPTION  # a <figcaption>, or a layout table holding a photo and its caption
            out.append(Piece(line, text, hint, link=_link_only(element, text), level=level))
    out = _rescued(out, index, normalize(doc.description or ""), normalize(doc.title or ""))
    source.pieces = out
    source.dropped = _left_out(index, out, source.title)
    if source.title:
        hit = _SourceIndex.find(index, source.title)
        source.title_line = hit.line if hit else index.meta_lines.get("og:title", 1)
    return source


LEAD_MIN_WORDS = 15
_FINISHED = re.compile(r"[.!?…]['\"”’)]*$")


def _rescued(out: list[Piece], index: _SourceIndex, description: str, title: str) -> list[Piece]:
    """Put back what an editor translates and the extractor left outside its main block:
    the lead (the page's description, or a paragraph printed between the headline
    and the body) and photo captions standing among the article's paragraphs."""
    if not out:
        return out
    have = {_NO_SPACE.sub("", p.text) for p in out}
    first, last = out[0].line, out[-1].line
    added = []
    for hit in index.captions():
        text = normalize(hit.element.text_content())
        key = _NO_SPACE.sub("", text)
        if key and key not in have and first <= hit.line <= last and _short(text):
            have.add(key)
            added.append(Piece(hit.line, text, Hint.CAPTION))
    if len(description) >= 40:
        hit = index.find(description[:KEY_CHARS], anywhere=True)
        if hit is not None and not hit.caption:
            text = normalize(hit.element.text_content())
            key = _NO_SPACE.sub("", text)
            if text.startswith(description[:KEY_CHARS]) and not any(key in h or h in key for h in have):
                added.append(Piece(min(hit.line, first), text))
    heading = index.find(title, anywhere=True) if title else None
    if heading is not None and not any(p.hint == Hint.PARAGRAPH and p.line < first for p in added):
        seen = set()
        for hit in index.hits:
            if not heading.line < hit.line <= first or id(hit.element) in seen or hit.caption:
                continue
            seen.add(id(hit.element))
            text = normalize(hit.element.text_content())
            key = _NO_SPACE.sub("", text)
            if len(text.split()) >= LEAD_MIN_WORDS and _FINISHED.search(text) and \
                    not any(key in h or h in key for h in have):
                have.add(key)
                added.append(Piece(hit.line, text))
    if not added:
        return out
    return sorted(out + added, key=lambda p: p.line)  # stable: the extractor's order within a line


def _left_out(index: _SourceIndex, out: list[Piece], title: str) -> list[Dropped]:
    """The page's text outside the article (navigation, banners, footers, boxes), one record per
    line, so that `xlate show` accounts for the whole page and not only for the article."""
    kept = "".join(_NO_SPACE.sub("", p.text) for p in out) + _NO_SPACE.sub("", title)
    lines: dict[int, list[str]] = {}
    bounds = index.starts[1:] + [len(index.stream)]
    for start, stop, hit, text in zip(index.starts, bounds, index.hits, index.texts):
        if index.stream[start:stop] not in kept:
            lines.setdefault(hit.line, []).append(text)
    return [Dropped(line, " ".join(texts), Reason.OUTSIDE) for line, texts in sorted(lines.items())]


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
