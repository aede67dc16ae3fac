"""What a single piece of page chrome looks like: general shapes, not one site's strings.

Each function looks at one normalized piece of text and says what it is, or
None. They are written for the shapes Vietnamese outlets share: share bars
and counters are runs of widget words and numbers; time lines are dates,
times, weekdays and labels and nothing else; a related box or a footer opens
with one of a few labels (credits.py has lead tags, photo credits and
bylines). Cheap first: most pieces are long sentences, and every test
below bails out on length or on a missing character before any pattern runs.
The block rules (assemble.py) decide with these what is kept.
"""

import email.utils
import re

from xlate.model import StrEnum


class Reason(StrEnum):
    """Why a piece is kept out of translation (Dropped.reason; shown by `xlate show`)."""

    FRONT_MATTER = "front matter"
    OUTSIDE = "outside the article (page chrome the extractor left out)"
    MARKUP = "markup"  # a Markdown rule, a reference-link definition, an HTML comment or script
    LINK = "link"
    IMAGE = "image"
    TABLE = "table"
    TIME = "time line"
    WIDGET = "share, like or comment widget"
    FOLLOW = "follow-us or app line"
    NAVIGATION = "page navigation"
    TAGS = "tags"
    ATTACHMENT = "attachment"
    CONTACT = "contact or copyright box"
    COOKIE = "cookie or consent banner"
    RELATED = "related articles"
    FOOTER = "site footer"
    SECTION = "section label"
    STRAY = "stray line before the title"
    HEADLINE = "headline (the declared title replaces it)"
    BYLINE = "byline"
    LEAD_TAG = "outlet lead tag"
    ALT = "image alt text"
    CREDIT = "photo credit with no caption"
    WORKSPACE = "workspace drop rule"


def _alternation(phrases) -> str:
    # Longest first, so "bình luận" is taken before "bình".
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


# --- share bars, counters, font-size and audio widgets ---------------------------------

WIDGET_WORDS = {
    "chia sẻ", "share", "facebook", "twitter", "zalo", "messenger", "telegram", "linkedin", "pinterest",
    "email", "e-mail", "gửi email", "gửi bài", "in bài", "in bài viết", "in trang", "print",
    "lưu", "lưu bài", "lưu bài viết", "lưu tin", "đã lưu", "bookmark", "thích", "like", "tweet",
    "bình luận", "gửi bình luận", "viết bình luận", "comment", "comments", "ý kiến", "copy link",
    "sao chép", "sao chép liên kết", "copy", "link", "lượt xem", "lượt đọc", "lượt thích",
    "lượt chia sẻ", "đã xem", "views", "view", "cỡ chữ", "a-", "a+", "aa", "nghe bài viết",
    "nghe bài", "nghe", "đọc bài", "dừng", "tạm dừng", "phát", "podcast", "báo lỗi", "góp ý",
    "gửi góp ý", "đăng nhập", "đăng ký", "quảng cáo", "advertisement", "tài trợ", "tin tài trợ",
    "zoom", "font", "tải app", "tải ứng dụng", "x", "rss", "top", "lên đầu trang", "về đầu trang",
    "trang chủ", "đóng", "close", "menu", "tìm kiếm", "search", "theo dõi",
    "nghe đọc", "giọng nam", "giọng nữ", "miền bắc", "miền nam",
}
# Words that may stand beside widget words in a widget line but say nothing on their own.
FILLER_WORDS = {"bài viết", "bài", "viết", "lên", "qua", "trên", "với", "bạn bè", "bạn", "này", "ngay",
                "tin", "a", "gửi", "xem", "đọc", "trang", "tiếp", "sau", "trước", "và", "hoặc"}
_WIDGET = re.compile(rf"(?<!\w)(?:{_alternation(WIDGET_WORDS)})(?!\w)")
_WIDGET_OR_FILLER = re.compile(rf"(?<!\w)(?:{_alternation(WIDGET_WORDS | FILLER_WORDS)})(?!\w)")
_LETTER = re.compile(r"[^\W\d_]")
WIDGET_MAX_CHARS = 90

FOLLOW_US = re.compile(
    r"^(?:mời (?:bạn|quý vị)(?: đọc)? |hãy |bạn đọc )?(?:theo dõi|đọc|xem|tải|cài đặt|like|nhấn|bấm|đăng ký)\b"
    r".{0,80}\b(?:google news|google tin tức|fanpage|facebook|youtube|zalo|tiktok|app|ứng dụng|kênh|"
    r"để nhận|để cập nhật|để không bỏ lỡ)\b")


def widget(text: str) -> bool:
    """A share bar, counter or widget: widget words, numbers and separators only
    ("Chia sẻ Facebook Zalo", "Bình luận (12)", "1.234 lượt xem", "Cỡ chữ A- A A+")."""
    if len(text) > WIDGET_MAX_CHARS:
        return False
    low = text.casefold()
    if not _WIDGET.search(low):
        return False
    return not _LETTER.search(_WIDGET_OR_FILLER.sub(" ", low))


def follow_us(text: str) -> bool:
    """ "Theo dõi Báo Thanh Niên trên Google News", "Tải ứng dụng … để nhận tin nhanh"."""
    return len(text) <= 160 and FOLLOW_US.match(text.casefold()) is not None


# --- time lines ---------------------------------------------------------------------------

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])"
_DMY = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_YMD = r"(?P<Y>\d{4})-(?P<M>\d{1,2})-(?P<D>\d{1,2})"
_WORDY = r"ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*,?\s+năm\s+(?P<wy>\d{4})"
_DATE = re.compile(rf"{_DMY}|{_YMD}|{_WORDY}")
_TIME_TOKENS = re.compile(
    rf"{_WEEKDAY}|{_DMY}|{_YMD}|{_WORDY}"
    r"|\d{1,2}\s*(?::|h)\s*\d{1,2}(?:\s*:\s*\d{1,2})?\s*['’]?\s*(?:am|pm|sa|ch)?"  # 15:39, 18:1', 9h30
    r"|\d{1,2}\s+giờ(?:\s+\d{1,2}\s+phút)?"
    r"|\(?\s*(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?"
    r"|cập nhật(?: lúc| ngày)?|đăng(?: lúc| ngày| tải)?|ngày đăng|ngày cập nhật|xuất bản|thời gian"
    r"|published|updated|posted|lúc|ngày|giờ|hôm nay")
_TIME_MAX_CHARS = 90


def time_line(text: str) -> str | None:
    """A dateline or time stamp and nothing else, in any common form; its ISO
    date ("" when it has no year): "Thứ Năm, 16-07-2020, 15:39", "08:15, 12/3/2024",
    "12/03/2024 - 08:15 (GMT+7)", "Cập nhật: 10:31 ngày 11/3/2024", "2024-03-11"."""
    if len(text) > _TIME_MAX_CHARS or not any(c.isdigit() for c in text):
        return None
    low = text.casefold()
    if _LETTER.search(_TIME_TOKENS.sub(" ", low)):
        return None
    m = _DATE.search(low)
    if m is None:
        if not re.search(r"\d\s*(?::|h)\s*\d", low):
            return None  # digits but no date or time: "2024" alone is no time line
        return ""
    return iso_date(m)


def iso_date(m: re.Match) -> str:
    groups = m.groupdict()
    if groups.get("d"):
        d, mo, y = groups["d"], groups["m"], groups["y"]
    elif groups.get("D"):
        d, mo, y = groups["D"], groups["M"], groups["Y"]
    else:
        d, mo, y = groups["wd"], groups["wm"], groups["wy"]
    day, month, year = int(d), int(mo), int(y)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def declared_date(value: str) -> str:
    """A date as front matter or page metadata gives it: RFC 2822 ("Wed, 04 Sep 2024
    17:00:00 +0700"), ISO ("2024-09-04T17:00:00+07:00") or dd/mm/yyyy; else the value as written."""
    value = value.strip()
    if m := re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return first_date(value) or value


def first_date(text: str) -> str:
    m = _DATE.search(text.casefold())
    return iso_date(m) if m else ""


# --- labels that open a related-articles box or the page footer ----------------------------

RELATED_LABELS = {
    "tin liên quan", "bài liên quan", "tin bài liên quan", "bài viết liên quan", "xem thêm", "đọc thêm",
    "có thể bạn quan tâm", "có thể bạn muốn đọc", "bạn có thể quan tâm", "tin cùng chủ đề", "cùng chủ đề",
    "mời xem thêm", "xem tiếp", "tin đọc thêm", "video liên quan", "tin nên đọc", "đừng bỏ lỡ",
    "bài đọc thêm", "tin mới liên quan", "xem video", "xem clip", "đọc tiếp",
}
_RELATED = re.compile(rf"^(?:>+|»|►|▶|→|\*)?\s*(?:{_alternation(RELATED_LABELS)})\s*(?:>>|»|:|>|\.\.\.|…)*\s*(?P<rest>.*)$")
_ARROW_LINK = re.compile(r"^(?:>>+|»|►|▶|→|⇒|\[>>\])\s*\S")

FOOTER_LABELS = {
    "phản hồi", "các tin khác", "tin khác", "tin cùng chuyên mục", "tin mới nhất", "tin mới", "mới nhất",
    "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin nổi bật", "tin tiêu điểm",
    "tin đã đưa", "ý kiến bạn đọc", "gửi ý kiến", "ý kiến của bạn", "viết bình luận", "thư viện ảnh",
    "liên kết website", "trở về", "quay lại", "tin xem nhiều", "bài viết cùng chuyên mục",
    "cùng chuyên mục", "tin tức khác", "bài khác", "các bài khác", "tin ảnh", "video nổi bật",
    "bình luận của bạn", "ý kiến (0)", "gửi phản hồi",
}


def _label_key(text: str) -> str:
    return text.casefold().strip(" :.>»…-–—*[]()").strip()


def related_label(text: str) -> str | None:
    """A related-articles label; returns what follows it on the line ("" if nothing):
    "Tin liên quan", "Xem thêm:", ">> Xem thêm: Hà Nội công bố …", "ĐỌC THÊM"."""
    if len(text) > 200 or text[:1].isdigit():
        return None
    m = _RELATED.match(text.casefold())
    if m is None:
        return None
    rest = text[m.start("rest"):].strip()  # casefold keeps Vietnamese lengths: same offsets
    if rest and rest[:1].islower():
        # "xem thêm các quy định tại …": a sentence that starts with the words, not a label.
        return None
    return rest


def arrow_link(text: str) -> bool:
    """ ">> Hà Nội công bố quy hoạch …": a pointer to another article."""
    return len(text) <= 200 and _ARROW_LINK.match(text) is not None


def footer_label(text: str) -> bool:
    """ "Các tin khác", "Tin cùng chuyên mục:", or such a label with the list run into it
    ("Các tin khác: Quảng Nam phát triển du lịch … (02/07/2025)")."""
    if len(text) <= 40 and _label_key(text) in FOOTER_LABELS:
        return True
    head, colon, _ = text.partition(":")
    return bool(colon) and len(head) <= 40 and _label_key(head) in FOOTER_LABELS


# --- tags, attachments, contact boxes, navigation, cookie banners -------------------------

_TAGS = re.compile(r"^(?:tags?|từ khóa|từ khoá|chủ đề|keywords?|tag liên quan|từ khóa liên quan)\s*[:：]")
_HASHTAGS = re.compile(r"^(?:#[\w-]+[\s,;]*)+$")
_ATTACHMENT = re.compile(
    r"^(?:(?:file|tệp|tập tin|văn bản|tài liệu) (?:đính kèm|kèm theo)|đính kèm|tải về|tải file|download|"
    r"tải xuống|xem toàn văn|toàn văn)\b|\.(?:pdf|docx?|xlsx?|pptx?|zip|rar)\s*(?:\(\s*[\d.,]+\s*[km]b\s*\))?$")
_CONTACT = re.compile(
    r"^(?:©|\(c\)|(?:copyright|bản quyền|giấy phép|tổng biên tập|phó tổng biên tập|cơ quan chủ quản|"
    r"đường dây nóng|hotline|tòa soạn|toà soạn|liên hệ quảng cáo|liên hệ|điện thoại|đt|fax|email|"
    r"e-mail|địa chỉ|chịu trách nhiệm|ghi rõ nguồn|không được sao chép|all rights reserved)\b)")
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s*(?:>|»|›|/|\|)\s*[^.!?>»›/|]{1,40}){1,5}$")
_PAGINATION = re.compile(r"^(?:(?:trang|page)\s*)?(?:[«‹<]\s*)?(?:\d{1,3}\s*){2,}(?:[»›>]\s*)?(?:tiếp|sau|next)?\s*[»›>]?$"
                         r"|^(?:bài|trang|tin) (?:trước|sau|tiếp(?: theo)?)\s*[:»›>]?.{0,0}$"
                         r"|^[«‹]\s*(?:trước|bài trước)$|^(?:tiếp|sau|bài sau)\s*[»›]$")
_COOKIE = re.compile(r"\bcookies?\b.*\b(?:sử dụng|trải nghiệm|đồng ý|chấp nhận|chính sách|quyền riêng tư)\b"
                     r"|\b(?:sử dụng|dùng)\b.*\bcookies?\b")


def tags(text: str) -> bool:
    """ "Tags: …", "Từ khóa: …", a line of #hashtags."""
    low = text.casefold()
    if len(text) <= 300 and _TAGS.match(low) is not None:
        return True
    if not text.startswith("#") or text[1:2].isspace():
        return False
    if _HASHTAGS.match(low):
        return True
    # "#cao tốc #Biên Hòa - Vũng Tàu #giao thông": tags with spaces in them.
    chunks = text.split("#")[1:]
    return len(chunks) >= 2 and all(c.strip() and len(c.split()) <= 6 and not c.strip()[-1] in ".!?" for c in chunks)


def attachment(text: str) -> bool:
    """ "File đính kèm:", "Tải về", "Quyết định 123-QĐ.pdf (245 KB)"."""
    return len(text) <= 160 and _ATTACHMENT.search(text.casefold()) is not None


def contact(text: str) -> bool:
    """A masthead, copyright or contact line: "© 2025 …", "Tổng biên tập: …", "Hotline: 0912 …"."""
    if len(text) > 200:
        return False
    low = text.casefold()
    if not _CONTACT.match(low):
        return False
    # "Địa chỉ: …" and "Điện thoại: …" are chrome when they hold a number or an address, not prose.
    return low.startswith(("©", "(c)", "copyright", "bản quyền", "giấy phép", "all rights")) or ":" in low[:25]


def navigation(text: str) -> bool:
    """A breadcrumb ("Trang chủ > Thời sự > Chính trị") or pagination ("Trang 1 2 3 Tiếp »")."""
    if len(text) > 120:
        return False
    low = text.casefold()
    if _PAGINATION.match(low):
        return True
    if not any(sep in text for sep in (">", "»", "›", "|", " / ")):
        return False
    if not _BREADCRUMB.match(text):
        return False
    # Each step of a breadcrumb is a short label; a date or sentence is not.
    steps = [s.strip() for s in re.split(r"\s*(?:>|»|›|\||\s/\s)\s*", text) if s.strip()]
    return len(steps) >= 2 and all(len(s.split()) <= 5 and not s[-1:] in ".!?" for s in steps)


def cookie(text: str) -> bool:
    return "cookie" in text.casefold() and _COOKIE.search(text.casefold()) is not None
