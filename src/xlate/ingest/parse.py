"""Parsing a seed's text into an Article: metadata, title/body/caption blocks, dropped lines.

Scraped news pages are messy (see seeds/): front matter, Markdown link and
image lines, site navigation and footers, datelines, section labels, a stray
teaser from another article before the title, photo captions and credits,
captions shown twice, image-alt artefacts, bylines. Each rule below is a small
table or pattern; every line that is not translated is kept in
Article.dropped with its reason, so nothing is silently lost.
"""

import email.utils
import re
from dataclasses import dataclass

from xlate.model import Article, Block, Dropped, Kind
from xlate.text.normalize import normalize

# Site chrome: lines that are navigation or widgets, never article text.
BOILERPLATE = {
    "phản hồi", "các tin khác", "tin khác", "thư viện ảnh", "liên kết website", "mới nhất",
    "trở về", "quay lại", "về đầu trang", "in bài", "in trang", "gửi bài", "gửi email",
    "chia sẻ", "bình luận", "ý kiến bạn đọc", "tin liên quan", "tin cùng chuyên mục",
    "xem thêm", "đọc nhiều", "đọc tiếp", "bài viết liên quan", "tags", "từ khóa", "từ khoá",
}
# Once one of these appears, the rest of the page is lists of other headlines.
FOOTER_START = {"phản hồi", "các tin khác", "tin khác", "tin liên quan", "tin cùng chuyên mục",
                "bài viết liên quan", "trở về", "quay lại"}

WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+[Nn]hật)"
DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
# "Thứ Năm, 16-07-2020, 15:39", "Thứ Bảy, 13/7/2024", "Thứ Năm, 18/5/2023 18:1'(GMT+7)"
DATELINE = re.compile(rf"^(?:{WEEKDAY},?\s*)?{DATE}(?:[,\s]+\d{{1,2}}:\d{{1,2}}\S*)?\s*(?:\(GMT[+-]\d+\))?$")

MD_IMAGE = re.compile(r"^!\[[^\]]*\]\((\S+?)\)$")
MD_LINK_LINE = re.compile(r"^\[([^\]]*)\]\((\S+?)\)$")
MD_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\((?:https?://|/)\S*?\)")
MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|[*+-]\s+|>\s+)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")

# An image's alt text as scraped: the article title followed by " -0".
IMAGE_ALT = re.compile(r"\s-\d+$")
# "… tại cuộc gặp mặt. Ảnh: TTXVN" — a caption ends with its photo credit.
PHOTO_CREDIT = re.compile(r"(?:^|[.\s])(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:\s*\S[^.]{0,60}$")
# "(Theo Báo ĐCSVN)", "Theo TTXVN": where the article was taken from.
ATTRIBUTION = re.compile(r"^\(?\s*(?:Theo|Nguồn)\s*:?\s+[^.()]{2,60}\)?$")
SENTENCE_END = re.compile(r"[.!?…:;]\s*[”\"’')\]]*$")
BYLINE_MAX_WORDS = 6


@dataclass(frozen=True)
class _Line:
    """A non-blank line of the seed on its way to becoming a block."""

    number: int  # 1-based line in the seed
    text: str  # normalized, Markdown markers removed
    joined: bool  # follows the previous line without a blank line between them
    kind: Kind | None = None  # known already (the title), or left to _blocks


def parse(text: str, stem: str, source: str) -> Article:
    """Turn a seed's text into an Article. Pure: no I/O."""
    article = Article(stem=stem, source=source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _front_matter(lines, article)
    paragraphs = _paragraphs(lines, start, article)
    paragraphs = _footer(paragraphs, article)
    head, body = _split_head(paragraphs, article)
    article.dropped += head
    _blocks(body, article)
    article.dropped.sort(key=lambda d: d.line)
    return article


def _front_matter(lines: list[str], article: Article) -> int:
    """Read `---`-delimited front matter; returns the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        return 0
    for i in range(1, end):
        key, _, value = lines[i].partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'").strip()
        if key == "title":
            # Scrapers prefix a tag "[Tổng bị thư Tô Lâm]"; the real title follows.
            article.title = normalize(re.sub(r"^\[[^\]]*\]\s*", "", value))
        elif key == "date":
            article.date = _iso_date(value)
        elif key in ("url", "source", "link", "permalink") and value.startswith("http"):
            article.url = value
        elif key in ("author", "byline"):
            article.byline = normalize(value)
    for i in range(0, end + 1):
        article.dropped.append(Dropped(i + 1, lines[i], "front matter"))
    return end + 1


def _iso_date(value: str) -> str:
    """Front-matter dates are RFC 2822 ("Wed, 04 Sep 2024 17:00:00 +0700") or ISO."""
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        m = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return m.group(0) if m else value


def _paragraphs(lines: list[str], start: int, article: Article) -> list[_Line]:
    """Non-blank lines, each knowing whether it follows the previous one without a blank.

    Markdown link and image lines are taken out here (the first link's URL is the
    article's source); inline links keep their text.
    """
    out: list[_Line] = []
    previous_blank = True
    for i in range(start, len(lines)):
        raw = lines[i]
        text = normalize(raw)
        if not text:
            previous_blank = True
            continue
        number = i + 1
        joined = not previous_blank
        previous_blank = False
        if m := MD_IMAGE.match(text):
            article.dropped.append(Dropped(number, raw, "image"))
            continue
        if m := MD_LINK_LINE.match(text):
            article.url = article.url or m.group(2)
            if not article.title and m.group(1).strip():
                article.title = normalize(m.group(1))
            article.dropped.append(Dropped(number, raw, "link"))
            continue
        if URL_ONLY.match(text):
            article.dropped.append(Dropped(number, raw, "link"))
            continue
        text = normalize(MD_EMPHASIS.sub(r"\2", MD_INLINE_LINK.sub(r"\1", MD_PREFIX.sub("", text))))
        if text:
            out.append(_Line(number, text, joined))
    return out


def _footer(paragraphs: list[_Line], article: Article) -> list[_Line]:
    kept = []
    for n, line in enumerate(paragraphs):
        key = line.text.casefold().rstrip(":.")
        if key in FOOTER_START:
            article.dropped += [Dropped(rest.number, rest.text, "site footer") for rest in paragraphs[n:]]
            break
        if key in BOILERPLATE:
            article.dropped.append(Dropped(line.number, line.text, "site navigation"))
            continue
        kept.append(line)
    return kept


def _is_headline(text: str) -> bool:
    # A caption ends with its photo credit, not with punctuation, yet is no headline.
    return not (SENTENCE_END.search(text) or DATELINE.match(text) or PHOTO_CREDIT.search(text))


def _split_head(paragraphs: list[_Line], article: Article) -> tuple[list[Dropped], list[_Line]]:
    """Separate the page head (datelines, labels, strays) from the article from its title on.

    The title is the last headline-like line (no sentence-final punctuation)
    before the first real sentence; headline-like lines before it are section
    labels or teasers of other articles. When the front matter or a link gave a
    title, the paragraph that matches it wins.
    """
    head: list[Dropped] = []
    first_sentence = next((k for k, p in enumerate(paragraphs)
                           if not _is_headline(p.text) and not DATELINE.match(p.text)), len(paragraphs))
    title_at = None
    known = article.title.rstrip(".… ").rstrip()
    if known:
        title_at = next((k for k, p in enumerate(paragraphs[:first_sentence + 1])
                         if p.text.startswith(known)), None)
    if title_at is None:
        title_at = next((k for k in range(first_sentence - 1, -1, -1)
                         if _is_headline(paragraphs[k].text)), None)
    if title_at is None:
        title_at = 0 if paragraphs else None
        if paragraphs and DATELINE.match(paragraphs[0].text):
            title_at = None
    stop = title_at if title_at is not None else 0
    dates = []
    for p in paragraphs[:stop]:
        if DATELINE.match(p.text):
            dates.append(p.text)
            head.append(Dropped(p.number, p.text, "dateline"))
        elif len(p.text.split()) <= 5:
            head.append(Dropped(p.number, p.text, "section label"))
        else:
            head.append(Dropped(p.number, p.text, "stray line before the title"))
    if title_at is None:
        return head, []
    title = paragraphs[title_at]
    article.title = title.text
    body = [_Line(title.number, title.text, False, Kind.TITLE)]
    for p in paragraphs[title_at + 1:]:
        if DATELINE.match(p.text) and len(dates) < 3:
            dates.append(p.text)
            head.append(Dropped(p.number, p.text, "dateline"))
            continue
        body.append(p)
    if dates and not article.date:
        # The page header carries today's date; the article's own dateline is the last one.
        article.date = _dateline_iso(dates[-1])
    return head, body


def _dateline_iso(text: str) -> str:
    m = re.search(DATE, text)
    day, month, year = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _blocks(body: list[_Line], article: Article) -> None:
    """Classify body paragraphs as title, body or caption; pick out bylines."""
    n = len(body)
    k = 0
    while k < n:
        line = body[k]
        number, text = line.number, line.text
        nxt = body[k + 1] if k + 1 < n else None
        if line.kind == Kind.TITLE:
            article.blocks.append(Block(Kind.TITLE, text, number))
        elif IMAGE_ALT.search(text) and nxt is not None and nxt.joined:
            # "<title> -0" then the caption on the next line: the alt text goes,
            # the caption stays.
            article.dropped.append(Dropped(number, text, "image alt text"))
            article.blocks.append(Block(Kind.CAPTION, nxt.text, nxt.number))
            k += 2
            continue
        elif IMAGE_ALT.search(text) and text[:-3].strip() == article.title:
            article.dropped.append(Dropped(number, text, "image alt text"))
        elif _is_byline(text, k, n):
            article.byline = text if not article.byline else f"{article.byline}; {text}"
            article.dropped.append(Dropped(number, text, "byline"))
        elif nxt is not None and nxt.text == text:
            # The same paragraph twice in a row: a photo's alt text and caption.
            article.blocks.append(Block(Kind.CAPTION, text, number, repeats=(nxt.number,)))
            k += 2
            continue
        elif PHOTO_CREDIT.search(text):
            article.blocks.append(Block(Kind.CAPTION, text, number))
        else:
            article.blocks.append(Block(Kind.BODY, text, number))
        k += 1


def _is_byline(text: str, k: int, n: int) -> bool:
    """A byline or attribution: a short signature line among the last of the article."""
    if k < n - 3:
        return False
    if ATTRIBUTION.match(text):
        return True
    words = text.replace(";", " ").split()
    if len(words) > BYLINE_MAX_WORDS or SENTENCE_END.search(text):
        return False
    core = re.sub(r"Ảnh\s*:", " ", text)
    if core.isupper():
        return True  # "PV", "VĂN TOÁN; Ảnh: TRẦN HẢI"
    # "Thu Hằng": a short run of capitalised words.
    return len(words) <= 4 and all(w[0].isupper() for w in core.split() if w[0].isalpha())
