"""Who made a piece, and for whom: an outlet's lead tag, a photo credit, a byline or an attribution.

Like chrome.py, each function looks at one normalized piece and answers from its
shape: a lead tag is an outlet's short mark before a dash ("TTO - ",
"(Chinhphu.vn) - "); a credit is "Ảnh:" and a few names at the end of a
caption; a byline is a few capitalised names with separators and an outlet.
The block rules (assemble.py) decide with these where each one goes.
"""

import re

# --- outlet lead tags -----------------------------------------------------------------------

# The dash stands apart ("TTO - ", "(PLO)- "): one inside a word ("PT-TH") is not the separator.
_LEAD_TAG = re.compile(r"^(?P<tag>.{2,45}?)(?:\s+|(?<=\)))[-–—]{1,2}\s*(?=\S)")
# "Báo Ninh Bình - …", "Đài PT-TH Hà Nội - …": an outlet named in words, each capitalised.
OUTLET_WORDS = {"báo", "tạp", "đài", "cổng", "kênh", "truyền", "phát", "thông"}
_DOMAIN = re.compile(r"[\w.+-]+\.(?:vn|com|net|org|info)", re.I)
_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?,?")


def lead_tag(text: str) -> tuple[str, str] | None:
    """(outlet, the rest) for a lead that opens with an outlet's tag: "TTO - ",
    "(Chinhphu.vn) - ", "VOV.VN - ", "(Dân trí) – ", "HÀ NỘI, 12/3 (TTXVN) - "."""
    m = _LEAD_TAG.match(text)
    if m is None:
        return None
    tag = m.group("tag").strip()
    outlet = None
    paren = re.search(r"\(([^()]{2,30})\)$", tag)
    if paren:
        outlet = paren.group(1).strip()
        tag = tag[:paren.start()].strip(" ,")
    words = tag.replace(",", " ").split()
    named = len(words) >= 2 and words[0].casefold() in OUTLET_WORDS and all(w[:1].isupper() for w in words)
    for word in words:
        if named or _DOMAIN.fullmatch(word) or _DAY_MONTH.fullmatch(word):
            continue
        if not (word.isupper() and len(word) >= 2):
            return None
    if outlet is None:
        if not words:
            return None
        outlet = tag if len(words) == 1 or named else None
    rest = text[m.end():]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"'‘("):
        return None
    return (outlet or tag), rest


# --- photo credits ----------------------------------------------------------------------------

_CREDIT_WORDS = (r"(?:ảnh|nguồn ảnh|ảnh/video|ảnh và video|ảnh, video|video|clip|đồ họa|đồ hoạ|"
                 r"infographic|photo|ảnh minh họa|ảnh minh hoạ|ảnh tư liệu|ảnh chụp màn hình|ảnh cắt từ clip|"
                 r"ảnh cắt từ video|ảnh chụp)")  # not a bare "Nguồn:": that names the article's source
_BARE_CREDITS = r"(?:ảnh minh họa|ảnh minh hoạ|ảnh tư liệu|ảnh chụp màn hình|ảnh cắt từ clip|ảnh cắt từ video|ảnh: internet)"
# "… Ảnh: TTXVN", "… - Ảnh: VGP/Nhật Bắc", "… (Ảnh: T.L)", "… Ảnh minh họa", "ẢNH: NGỌC THẮNG".
_CREDIT = re.compile(
    rf"(?:^|(?<=[\s.,;(]))\(?\s*(?:{_CREDIT_WORDS}\s*[:：]\s*(?P<who>[^():]{{1,70}}?)|{_BARE_CREDITS}(?:\s*[:：]\s*[^():]{{1,60}}?)?)"
    r"\s*\)?\s*\.?$")


def photo_credit(text: str) -> int | None:
    """Where a photo credit at the end of the text starts (0: the text is only a
    credit), or None. The credit is a few names, not a sentence."""
    low = text.casefold()
    if "ảnh" not in low and "đồ h" not in low and "video" not in low and "clip" not in low and \
            "photo" not in low and "infographic" not in low:
        return None
    m = _CREDIT.search(low)
    if m is None:
        return None
    who = m.group("who")
    if who is not None:
        words = who.split()
        if len(words) > 9 or re.search(r"[.!?] \w", who):
            return None
        # A credit names people or outlets: in the original text most of its words are capitalised.
        original = text[m.start("who"):m.end("who")].split()
        capitals = sum(1 for w in original if w[:1].isupper() or w[:1].isdigit() or "/" in w or "." in w)
        if capitals * 2 < len(original):
            return None
    return m.start()


# --- bylines and attributions -------------------------------------------------------------

_ATTRIBUTION = re.compile(r"^\(?\s*(?:theo|nguồn)\s*[:：]?\s+[^.()]{2,60}(?:\([^()]{1,30}\))?\s*\)?\.?$", re.I)
_LABELLED = re.compile(
    r"^(?:bài(?:\s*(?:và|,|&|\+|-)\s*ảnh)?|ảnh|tin(?:\s*(?:và|,|&)\s*ảnh)?|video|clip|thực hiện|tác giả|"
    r"phóng viên|nhóm phóng viên|nhóm pv|biên tập|trình bày|đồ họa|đồ hoạ|thiết kế|nội dung|thể hiện|ghi|"
    r"ghi chép|lược dịch|dịch|tổng hợp|bài viết|người viết)\s*[:：]\s*\S", re.I)
_BYLINE_TAIL = re.compile(r"\s*\((?:[^()]{1,40})\)\s*$|\s*/\s*\S[^/]{0,30}$")
_NAME_SPLIT = re.compile(r"\s*(?:[-–—,;&/+]|\s(?:và|cùng)\s)\s*")
_STAFF = {"PV", "CTV", "BTV", "PV/TTXVN", "NHÓM PV", "PV-CTV", "NPV"}
BYLINE_MAX_WORDS = 12


def attribution(text: str) -> bool:
    """ "(Theo Báo ĐCSVN)", "Theo VnExpress", "Nguồn: TTXVN"."""
    return len(text) <= 80 and _ATTRIBUTION.match(text) is not None


def labelled_byline(text: str) -> bool:
    """ "Bài và ảnh: Minh Đức", "Tin, ảnh: Văn Hùng", "Nội dung: …; Ảnh: …", "Tác giả: …"."""
    if len(text) > 120 or len(text.split()) > BYLINE_MAX_WORDS + 4 or text.rstrip()[-1:] in ".!?" and \
            not text.rstrip().endswith(("./.", ".)")):
        return False
    return _LABELLED.match(text) is not None


def name_byline(text: str) -> bool:
    """A signature of names: "Thu Hằng", "VĂN TOÁN; Ảnh: TRẦN HẢI", "Nguyễn Hùng/VOV.VN (tổng hợp)",
    "Lê Hiếu - Ngọc Anh", "Minh Châu (t/h)", "PV"."""
    if len(text) > 90 or text[-1:] in ".!?:;,\"”" and not text.endswith("."):
        return False
    words = text.split()
    if len(words) > BYLINE_MAX_WORDS or text.endswith(".") and not _initials_end(words[-1]):
        return False
    if text.upper() in _STAFF:
        return True
    core = _BYLINE_TAIL.sub("", text)
    core = _BYLINE_TAIL.sub("", core).strip()  # "Hùng/VOV.VN (tổng hợp)": both tails
    core = re.sub(r"(?i)\bảnh\s*[:：]", ";", core)
    names = [n for n in _NAME_SPLIT.split(core) if n.strip()]
    if not names:
        return False
    for name in names:
        parts = name.split()
        if not 1 <= len(parts) <= 5:
            return False
        if not all(_name_word(p) for p in parts):
            return False
    # A lone capitalised word is a name only in capitals ("PV", "HƯƠNG") or with an outlet after it.
    return len(names) > 1 or len(names[0].split()) > 1 or core.isupper() or core != text.strip()


def _name_word(word: str) -> bool:
    w = word.strip("().")
    if not w:
        return False
    if w.upper() in _STAFF:
        return True
    return (w[0].isupper() and not any(c.isdigit() for c in w)) or bool(re.fullmatch(r"[A-ZĐ]\.[\w.]+", w))


def _initials_end(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-ZĐ]\.)+", word))
