"""Ingest: one scraped seed file → an Article (metadata + title/body/caption blocks).

Scraped news pages are messy (see seeds/): front matter, Markdown link and
image lines, site navigation and footers, datelines, section labels, a stray
teaser from another article before the title, photo captions and credits,
captions shown twice, image-alt artefacts, bylines. Each rule below is a small
table or pattern; every line that is not translated is kept in
Article.dropped with its reason, so nothing is silently lost.
"""

import email.utils
import re
from pathlib import Path

from xlate.data import BODY, CAPTION, TITLE, Article, Block, Dropped
from xlate.errors import InputError
from xlate.normalize import normalize

SEED_SUFFIXES = (".txt", ".md")
MAX_SEED_BYTES = 5_000_000  # a news article is ~20 kB; more is a wrong file

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


def read_seed(path: Path, workspace: Path | None = None) -> str:
    """The seed's text, or an InputError that says what is wrong with the file."""
    shown = _shown(path, workspace)
    if workspace is not None:
        real = path.resolve()
        if not real.is_relative_to(workspace.resolve()):
            raise InputError(f"is a link to {real}, outside the workspace", path=shown,
                             hint="copy the article into seeds/ instead of linking to it")
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise InputError(f"is {size:,} bytes; a news article is at most {MAX_SEED_BYTES:,}",
                         path=shown, hint="split it into one file per article")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text", path=shown,
                         hint="seeds/ holds UTF-8 .txt or .md articles only")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"is not UTF-8 (byte 0x{data[exc.start]:02x} at line {line})",
                         path=shown, line=line,
                         hint="re-save it as UTF-8 (e.g. iconv -f WINDOWS-1258 -t UTF-8)") from None
    if not text.strip():
        raise InputError("is empty", path=shown, hint="add the article's text or remove the file")
    return text


def _shown(path: Path, workspace: Path | None) -> str:
    if workspace is not None:
        try:
            return str(path.absolute().relative_to(workspace.absolute()))
        except ValueError:
            pass
    return str(path)


def parse(text: str, stem: str, source: str) -> Article:
    """Turn a seed's text into an Article. Pure: no I/O."""
    article = Article(stem=stem, source=source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _front_matter(lines, article)
    paragraphs = _paragraphs(lines, start, article)
    paragraphs = _footer(paragraphs, article)
    head, body = _split_head(paragraphs, article)
    for line, kind, value in head:
        article.dropped.append(Dropped(line, value, kind))
    _blocks(body, article)
    article.dropped.sort(key=lambda d: d.line)
    return article


RESERVED_STEMS = {"all"}  # output/tmx/all.tmx and parallel/all.* belong to the whole workspace


def ingest(path: Path, workspace: Path) -> Article:
    if path.stem.lower() in RESERVED_STEMS:
        raise InputError(f"the name {path.stem!r} is reserved for the combined exports",
                         path=_shown(path, workspace), hint="rename the file")
    text = read_seed(path, workspace)
    article = parse(text, path.stem, _shown(path, workspace))
    if not article.blocks:
        raise InputError("has no article text after removing boilerplate", path=article.source,
                         hint="check that the file is a news article")
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


def _paragraphs(lines: list[str], start: int, article: Article) -> list[tuple[int, str, bool]]:
    """Non-blank lines as (line number, text, follows_previous_without_blank).

    Markdown link and image lines are taken out here (the first link's URL is the
    article's source); inline links keep their text.
    """
    out: list[tuple[int, str, bool]] = []
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
            out.append((number, text, joined))
    return out


def _footer(paragraphs, article):
    kept = []
    for n, (number, text, joined) in enumerate(paragraphs):
        key = text.casefold().rstrip(":.")
        if key in FOOTER_START:
            for number2, text2, _ in paragraphs[n:]:
                article.dropped.append(Dropped(number2, text2, "site footer"))
            break
        if key in BOILERPLATE:
            article.dropped.append(Dropped(number, text, "site navigation"))
            continue
        kept.append((number, text, joined))
    return kept


def _is_headline(text: str) -> bool:
    # A caption ends with its photo credit, not with punctuation, yet is no headline.
    return not (SENTENCE_END.search(text) or DATELINE.match(text) or PHOTO_CREDIT.search(text))


def _split_head(paragraphs, article):
    """Separate the page head (datelines, labels, strays) from the article from its title on.

    The title is the last headline-like line (no sentence-final punctuation)
    before the first real sentence; headline-like lines before it are section
    labels or teasers of other articles. When the front matter or a link gave a
    title, the paragraph that matches it wins.
    """
    head: list[tuple[int, str, str]] = []
    first_sentence = next((k for k, (_, t, _) in enumerate(paragraphs)
                           if not _is_headline(t) and not DATELINE.match(t)), len(paragraphs))
    title_at = None
    known = article.title.rstrip(".… ").rstrip()
    if known:
        title_at = next((k for k, (_, t, _) in enumerate(paragraphs[:first_sentence + 1])
                         if t.startswith(known)), None)
    if title_at is None:
        title_at = next((k for k in range(first_sentence - 1, -1, -1)
                         if _is_headline(paragraphs[k][1])), None)
    if title_at is None:
        title_at = 0 if paragraphs else None
        if paragraphs and DATELINE.match(paragraphs[0][1]):
            title_at = None
    stop = title_at if title_at is not None else 0
    dates = []
    for number, text, _ in paragraphs[:stop]:
        if DATELINE.match(text):
            dates.append(text)
            head.append((number, "dateline", text))
        elif len(text.split()) <= 5:
            head.append((number, "section label", text))
        else:
            head.append((number, "stray line before the title", text))
    if title_at is None:
        return head, []
    number, title, _ = paragraphs[title_at]
    article.title = title
    body = [(number, title, False, TITLE)]
    for number, text, joined in paragraphs[title_at + 1:]:
        if DATELINE.match(text) and len(dates) < 3:
            dates.append(text)
            head.append((number, "dateline", text))
            continue
        body.append((number, text, joined, None))
    if dates and not article.date:
        # The page header carries today's date; the article's own dateline is the last one.
        article.date = _dateline_iso(dates[-1])
    return head, body


def _dateline_iso(text: str) -> str:
    m = re.search(DATE, text)
    day, month, year = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _blocks(body, article: Article) -> None:
    """Classify body paragraphs as title, body or caption; pick out bylines."""
    n = len(body)
    k = 0
    while k < n:
        number, text, joined, kind = body[k]
        nxt = body[k + 1] if k + 1 < n else None
        if kind == TITLE:
            article.blocks.append(Block(TITLE, text, number))
        elif IMAGE_ALT.search(text) and nxt is not None and nxt[2]:
            # "<title> -0" then the caption on the next line: the alt text goes,
            # the caption stays.
            article.dropped.append(Dropped(number, text, "image alt text"))
            article.blocks.append(Block(CAPTION, nxt[1], nxt[0]))
            k += 2
            continue
        elif IMAGE_ALT.search(text) and text[:-3].strip() == article.title:
            article.dropped.append(Dropped(number, text, "image alt text"))
        elif _is_byline(text, k, n):
            article.byline = text if not article.byline else f"{article.byline}; {text}"
            article.dropped.append(Dropped(number, text, "byline"))
        elif nxt is not None and nxt[1] == text:
            # The same paragraph twice in a row: a photo's alt text and caption.
            article.blocks.append(Block(CAPTION, text, number, repeats=(nxt[0],)))
            k += 2
            continue
        elif PHOTO_CREDIT.search(text):
            article.blocks.append(Block(CAPTION, text, number))
        else:
            article.blocks.append(Block(BODY, text, number))
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
