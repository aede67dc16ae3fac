"""Values in Vietnamese text: one compiled regex, one pass, then a builder per alternative.

The alternatives are tried in the order of `_ALTERNATIVES` at each position,
so the more specific form wins where two could start at the same place
(16-7-2020 is a date before 16-7 could be a range). Conventions the
patterns encode:

- a dot groups thousands when three digits follow it (1.250 = 1250; 1.25 is a
  decimal); a comma is the decimal mark (12,5); 1,250,000 is English grouping;
- d-m and d/m are dates after a cue (ngày, sáng, chiều, tối, trưa, đêm, hôm,
  an opening bracket); d/m also before punctuation or words like "tại", "năm";
  d-m-yyyy, d/m/yyyy, d.m.yyyy always; otherwise a-b is a range (or a score);
- numbers after a document word (Chỉ thị, Nghị quyết, số …), and numbers with
  a leading zero, are identifiers, kept as written (Chỉ thị 05);
- spelt-out numbers are read where unambiguous: hai, ba, bốn, sáu, bảy, tám,
  chín, mười (and tens) before a lower-case word; "năm" only as "thứ năm" or
  in "năm mươi", because alone it is usually "year"; "một" never (it is "a");
- Roman numerals are read only in congress, plenum, tenure, "lần thứ",
  century and quarter names (Đại hội XIII, khóa XII, lần thứ IV, thế kỷ XXI, quý I).
"""

import re
from decimal import Decimal
from functools import cache

from xlate.text.normalize import strip_diacritics
from xlate.text.values import render
from xlate.text.values.model import Code, Date, Ordinal, Quantity, Quarter, Range, Time, Value, ValueKind
from xlate.text.values.style import Style

_B = r"(?<![\w.,/])(?<![^\W\d_]-)"  # a number starts here: not glued to a word, a number or a code
_END = r"(?![\w]|[.,/-]\d)"  # … and ends here
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
YEAR = r"\d{4}"
HOUR = r"(?:[01]?\d|2[0-3])"
MINUTE = r"[0-5]\d"
NUM = r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+"
ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})(?!\w)"
ORDINAL_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10}
DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
               "bảy": 7, "tám": 8, "chín": 9}
_ONES = "một|hai|ba|bốn|lăm|sáu|bảy|tám|chín"
WORDNUM = (rf"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín) mươi(?: (?:mốt|tư|{_ONES}))?"
           rf"|mười(?: (?:{_ONES}))?|hai|ba|bốn|sáu|bảy|tám|chín")
# Words after which hai/ba/bốn/tám/chín are no number (ba mẹ = parents, chín chắn = mature).
NOT_AFTER_WORDNUM = "mẹ|má|tôi|ơi|lô|gác|hoa|phải|láp|chuyện|chắn|muồi|mọng|bề|phương|trợn|xạo|nẫu"
SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9, "nghìn tỷ": 12, "ngàn tỷ": 12, "triệu tỷ": 15}
SCALE = r"(?: (?:nghìn tỷ|ngàn tỷ|triệu tỷ|nghìn|ngàn|triệu|tỷ|tỉ))(?!\w)"
CURRENCIES = {"đồng": "VND", "VNĐ": "VND", "VND": "VND", "đ": "VND", "USD": "USD", "đô la Mỹ": "USD",
              "đô-la Mỹ": "USD", "đô la": "USD", "đô-la": "USD", "đôla": "USD", "EUR": "EUR", "euro": "EUR",
              "Euro": "EUR", "yên": "JPY", "nhân dân tệ": "CNY"}
# "đồng" is also a word of its own: đồng chí (comrade), đồng bào, đồng nghiệp …
_NOT_DONG = "chí|bào|nghiệp|hương|minh|đội|ý|thời|tâm|hành|lòng|loại|phục|ruộng|bằng|tiền|hồ|cỏ|quê|đều|thuận|ca"
CURRENCY = (r"(?: ?(?:VNĐ|VND|USD|EUR)(?!\w)|đ(?!\w)"
            rf"| (?:đồng(?!\w)(?! (?:{_NOT_DONG})(?!\w))|đô la Mỹ|đô-la Mỹ|đô la|đô-la|đôla|euro|Euro|yên"
            r"|nhân dân tệ)(?!\w))")
PERCENT = r"(?: ?%| phần trăm(?!\w))"
UNITS = {"km²": "km²", "km2": "km²", "ki-lô-mét vuông": "km²", "km/h": "km/h", "km/giờ": "km/h", "km": "km",
         "ki-lô-mét": "km", "cây số": "km", "m²": "m²", "m2": "m²", "mét vuông": "m²", "m³": "m³", "m3": "m³",
         "mét khối": "m³", "cm": "cm", "mm": "mm", "m": "m", "mét": "m", "ha": "ha", "héc-ta": "ha",
         "hecta": "ha", "kg": "kg", "tấn": "t", "MW": "MW", "kW": "kW", "kWh": "kWh", "GW": "GW", "°C": "°C",
         "oC": "°C", "độ C": "°C", "lít": "l"}
UNIT = (r"(?: ?(?:km²|km2|km/h|km/giờ|km|m²|m2|m³|m3|cm|mm|ha|kg|MW|kWh|kW|GW|°C|oC|m)(?!\w)"
        r"| (?:độ C|tấn(?! công)|lít|mét vuông|mét khối|mét|ki-lô-mét vuông|ki-lô-mét|cây số|héc-ta|hecta)(?!\w))")
PERIOD = r"sáng|trưa|chiều|tối|đêm|khuya"
DATE_CUE = r"(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Hh]ôm|[Kk]huya|[Rr]ạng sáng)(?: (?:ngày|hôm))?"
DOC_WORDS = (r"Chỉ thị|Nghị quyết|Kết luận|Quyết định|Nghị định|Thông tư|Công văn|Công điện|Thông báo|Luật"
             r"|Điều|Khoản|Chương|Quy định|Hướng dẫn|Kế hoạch|Đề án|Tờ trình")
CODE_TAIL = r"(?:[/-]\d+)*(?:[/-][A-ZĐ][\w]*)+(?:[/-]\w+)*"


def _tail(p: str) -> str:
    """Currency, percent or unit after a number, named per alternative; or a clean end."""
    return rf"(?:(?P<{p}c>{CURRENCY})|(?P<{p}p>{PERCENT})|(?P<{p}u>{UNIT}))"


# (name, pattern): the group called `name` is the value's span.
_ALTERNATIVES = [
    ("dw", rf"(?<!\w)[Nn]gày (?P<dw_d>{DAY}) tháng (?P<dw_m>{MONTH})(?: năm (?P<dw_y>{YEAR}))?(?!\d)"),
    ("dc", rf"(?<!\w){DATE_CUE} (?P<dc>(?P<dc_d>{DAY})[-/](?P<dc_m>{MONTH})){_END}"),
    ("dd", rf"(?<!\w)[Nn]gày (?P<dd>{DAY}){_END}(?! (?:đêm|đến))"),  # ngày 16: the 16th (but 5 ngày 3 đêm)
    ("dp", rf"(?<=\()(?P<dp_d>{DAY})[-/](?P<dp_m>{MONTH}){_END}"),  # (16-7)
    ("mw", rf"(?<!\w)[Tt]háng (?P<mw_m>{MONTH})(?:(?: năm |/|-)(?P<mw_y>{YEAR}))?{_END}"),
    ("qr", rf"(?<!\w)[Qq]uý (?P<qr_q>IV|I{{1,3}}|[1-4])(?:(?:/| năm )(?P<qr_y>{YEAR}))?(?!\w)"),
    ("pl", rf"(?:(?P<pl_h>Hội nghị )|(?<=Nghị quyết )|(?<=Kết luận ))(?:Trung ương|T\.Ư|TƯ|T\.W|TW) "
           rf"(?P<pl_n>\d{{1,2}}|{ROMAN})(?!\w)(?! (?:năm|tháng|ngày|tuần)(?!\w))"),
    ("cg", rf"(?<!\w)Đại hội (?P<cg_n>{ROMAN})"),
    ("kh", rf"(?<!\w)[Kk]h(?:óa|oá) (?P<kh_n>{ROMAN}|\d{{1,2}}(?!\w))"),
    ("lt", rf"(?<!\w)[Ll]ần thứ (?P<lt_n>{ROMAN}|\d{{1,3}}(?!\w)|(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?!\w))"),
    ("tk", rf"(?<!\w)[Tt]hế kỷ (?P<tk_n>{ROMAN}|\d{{1,2}}(?!\w))"),
    ("ow", r"(?<!\w)[Tt]hứ (?P<ow_n>nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?!\w)"),
    # Kỳ họp thứ 8 (thứ 2 alone may be Monday, so only after a word that counts sessions and rounds)
    ("on", r"(?:(?<=họp )|(?<=phiên )|(?<=vòng )|(?<=hạng )|(?<=đợt )|(?<=mùa )|(?<=khóa )|(?<=khoá ))"
           r"thứ (?P<on_n>\d{1,3})(?!\w)"),
    ("dn", rf"(?<!\w)(?:(?:{DOC_WORDS})(?: số:?)?|(?<![Tt]ỷ )(?<![Tt]ỉ )[Ss]ố:?) (?P<dn>\d+{CODE_TAIL}|\d+(?![\w]|[.,/]\d))"),
    ("df", rf"{_B}(?P<df_d>{DAY})(?P<df_sep>[-/.])(?P<df_m>{MONTH})(?P=df_sep)(?P<df_y>{YEAR}){_END}"),
    ("dr", rf"(?:(?<=[Tt]ừ ngày )|{_B})(?P<dr_a>{DAY})(?: ?[-–] ?| đến (?:ngày )?)(?P<dr_b>{DAY})[/-](?P<dr_m>{MONTH})"
           rf"(?:[/-](?P<dr_y>{YEAR}))?{_END}"),
    ("ds", rf"{_B}(?P<ds_d>{DAY})/(?P<ds_m>{MONTH})"
           r"(?=[,.;:!?)”\"]|$| (?:tại|năm|vừa|tới|đến|và|hoặc|hằng|hàng|này|nay|sẽ|đã)(?!\w))"),
    ("th", rf"{_B}(?P<th_h>{HOUR})h(?P<th_m>{MINUTE})?'?(?!\w)(?: (?P<th_p>{PERIOD})(?!\w))?"),
    # "trong 2 giờ 35 phút" is a duration, not a time of day
    ("tg", rf"{_B}(?<!trong )(?<!sau )(?<!mất )(?<!dài )(?<!hơn )(?<!gần )(?P<tg_h>{HOUR}) giờ(?: (?P<tg_m>{MINUTE})(?: phút)?(?: (?P<tg_q>{PERIOD}))?"
           rf"| (?P<tg_p>{PERIOD}))(?!\w)"),
    ("tc", rf"{_B}(?P<tc_h>{HOUR}):(?P<tc_m>{MINUTE})(?::[0-5]\d)?(?![\w:]|[.,]\d)(?: (?P<tc_p>{PERIOD})(?!\w))?"),
    ("rg", rf"(?:[Tt]ừ {_B}(?P<rg_a>{NUM})(?P<rg_as>{SCALE})?(?P<rg_at>{PERCENT}|{UNIT})? đến "
           rf"|{_B}(?P<rg_a2>{NUM})(?P<rg_as2>{SCALE})?(?P<rg_at2>%)? ?[-–] ?)"
           rf"(?P<rg_b>{NUM})(?P<rg_bs>{SCALE})?(?:{_tail('rg_')}|(?![\w]|[.,]\d|[-/]\w))"),
    ("qt", rf"{_B}(?P<qt_n>{NUM})(?![.,]\d)(?P<qt_s>{SCALE})?(?:{_tail('qt_')}|(?![\w]|[-/]\w|/\d))"),
    ("cd", rf"(?<![\w.,/-])(?:\d+{CODE_TAIL}|[A-ZĐ][A-ZĐa-z]*-?\d+(?:[A-Za-z]\w*)?(?:-\d+)?|\d+[A-Za-z]\w*)(?!\w)"),
    ("wn", rf"(?<!\w)(?P<wn_n>(?i:{WORDNUM}))(?P<wn_s>{SCALE})?"
           rf"(?:{_tail('wn_')}|(?= (?!(?:{NOT_AFTER_WORDNUM})(?!\w))\w))"),
]


# Every value holds an anchor — digits, a Roman numeral or a number word — at most WINDOW
# characters after its start ("Hội nghị Trung ương 4": 20). The big regex is tried only at the
# word starts just before each anchor: the same leftmost matches as a scan of every position,
# at a fraction of the cost (most of a sentence holds no value).
ANCHOR_WORDS = ("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "nhất", "tư")
ANCHOR_PLAIN = rf"\d+|(?<!\w)(?:[IVXL]+|(?i:{'|'.join(ANCHOR_WORDS)}))(?!\w)"  # what _ANCHOR finds
# Letters that case-insensitive matching takes for an ASCII letter besides its two cases.
_FOLDS_TO = {"s": "ſ", "k": "\u212a"}


def _anchor_pattern(words: tuple[str, ...]) -> str:
    """ANCHOR_PLAIN written to start with one character class: the regex engine then skips to the
    characters an anchor can start with, instead of trying every alternative at every position
    (tests/test_values.py checks that both find the same anchors)."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])

    def cased(c: str) -> str:
        return c + c.upper() + _FOLDS_TO.get(c, "")

    firsts = "".join(cased(c) for c in by_first)
    rests = "".join(f"|(?<=[{cased(c)}])(?i:{'|'.join(rest)})" for c, rest in by_first.items())
    # The first character is taken, so "no word character before it" looks two characters back.
    return rf"[\dIVXL{firsts}](?:(?<=\d)\d*|(?<!\w.)(?:(?<=[IVXL])[IVXL]*{rests})(?!\w))"


_ANCHOR = re.compile(_anchor_pattern(ANCHOR_WORDS))
_WORD_START = re.compile(r"(?<![\w])[\w(]")
WINDOW = 30


@cache
def _regex() -> re.Pattern:
    # Compiled on first use, so that importing xlate (and `xlate --help`) stays fast.
    parts = []
    for name, pattern in _ALTERNATIVES:
        parts.append(pattern if f"(?P<{name}>" in pattern else f"(?P<{name}>{pattern})")
    return re.compile("|".join(parts))


def find_values(text: str, style: Style) -> list[Value]:
    """Every value in the (normalized) text, left to right, never overlapping."""
    found, pos, rx = [], 0, _regex()
    tried: dict[int, tuple] = {}  # start → (value or None, end): anchors close together share starts
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < pos:
            continue  # inside the value just found
        starts = [m.start() for m in _WORD_START.finditer(text, max(pos, anchor.start() - WINDOW), anchor.start())]
        for start in starts + [anchor.start()]:
            if start not in tried:
                m = rx.match(text, start)
                # None from a builder: the pattern matched but the reading is no value (31/2, "Hai" mid-sentence)
                tried[start] = (_BUILDERS[m.lastgroup](m, style), m.end()) if m is not None else (None, 0)
            value, end = tried[start]
            if value is not None:
                found.append(value)
                pos = end
                break
    return found


# --- builders: match → Value (or None) ---------------------------------------------------------


def _value(m: re.Match, name: str, kind: ValueKind, canonical, english: str) -> Value:
    start, end = m.span(name)
    written = m.string[start:end]
    if written[:1].isupper() and english[:1].islower() and _sentence_start(m.string, start):
        english = english[0].upper() + english[1:]
    return Value(start, end, written, kind, canonical, english)


def _sentence_start(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \"“‘'(")
    return not head or head[-1] in ".!?:;…"


def number(written: str) -> tuple[Decimal, bool]:
    """A Vietnamese number: its value, and whether the writer grouped its thousands."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", written):
        return Decimal(written.replace(",", "")), True
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", written):
        return Decimal(written.replace(".", "").replace(",", ".")), True
    return Decimal(written.replace(",", ".")), len(written) >= 5 and written.isdigit()


def word_number(words: str) -> int:
    """hai → 2, mười lăm → 15, ba mươi mốt → 31."""
    parts = words.lower().split()
    if parts[0] == "mười":
        return 10 + (DIGIT_WORDS[parts[1]] if len(parts) > 1 else 0)
    if len(parts) > 1 and parts[1] == "mươi":
        return DIGIT_WORDS[parts[0]] * 10 + (DIGIT_WORDS[parts[2]] if len(parts) > 2 else 0)
    return DIGIT_WORDS[parts[0]]


def roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _ordinal_number(written: str) -> int:
    if written.isdigit():
        return int(written)
    return ORDINAL_WORDS.get(written.lower()) or roman(written)


def _valid(day: int, month: int | None) -> bool:
    return month is None or day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _date(m, name, style, day, month, year=None):
    d = Date(int(day) if day else None, int(month) if month else None, int(year) if year else None)
    if d.day is not None and not _valid(d.day, d.month):
        return None
    return _value(m, name, ValueKind.DATE, d, render.date(d, style))


def _tail_of(m: re.Match, p: str) -> tuple[ValueKind, str]:
    """(kind, unit) from the currency / percent / unit group of alternative `p`."""
    if m.group(f"{p}c"):
        return ValueKind.MONEY, CURRENCIES[m.group(f"{p}c").strip()]
    if m.group(f"{p}p"):
        return ValueKind.PERCENT, "%"
    if m.group(f"{p}u"):
        return ValueKind.MEASURE, UNITS[m.group(f"{p}u").strip()]
    return ValueKind.NUMBER, ""


def _scale(m: re.Match, group: str) -> int:
    scale = m.group(group)
    return SCALES[scale.strip()] if scale else 0


def _quantity(m, style):
    amount, grouped = number(m.group("qt_n"))
    kind, unit = _tail_of(m, "qt_")
    exponent = _scale(m, "qt_s")
    q = Quantity(amount * 10 ** exponent, unit)
    written = m.group("qt_n")
    if kind == ValueKind.NUMBER and not exponent and re.fullmatch(r"0\d+", written):
        return _value(m, "qt", ValueKind.CODE, q, written)  # Chỉ thị 05: an identifier, as written
    if kind == ValueKind.NUMBER and not exponent:
        # Spelt out only as a count before its noun (5 năm → five years); "vòng 5 V.League",
        # "1. Chuẩn bị", "= 1" keep their figure.
        counted = re.match(r" [^\W\d_]", m.string[m.end():m.end() + 2]) and m.string[m.end() + 1].islower()
        english = render.count(amount, style, grouped) if counted else render.figures(amount, grouped)
        return _value(m, "qt", kind, q, english)
    return _value(m, "qt", kind, q, render.quantity(q, style, grouped or exponent > 0, scale_word=exponent >= 6))


def _word_quantity(m, style):
    start = m.start("wn_n")
    if m.group("wn_n")[0].isupper() and not _sentence_start(m.string, start):
        return None  # "Hai" mid-sentence is a name
    nxt = m.string[m.end():m.end() + 2].strip()
    kind, unit = _tail_of(m, "wn_")
    if kind == ValueKind.NUMBER and not m.group("wn_s") and not nxt[:1].islower():
        return None
    exponent = _scale(m, "wn_s")
    q = Quantity(Decimal(word_number(m.group("wn_n")) * 10 ** exponent), unit)
    if kind == ValueKind.NUMBER and not exponent:
        return _value(m, "wn", kind, q, render.count(q.amount, style))
    return _value(m, "wn", kind, q, render.quantity(q, style, scale_word=exponent >= 6))


def _range(m, style):
    second = m.group("rg_a") is None
    lo_text, lo_scale = m.group("rg_a2" if second else "rg_a"), "rg_as2" if second else "rg_as"
    lo, lo_grouped = number(lo_text)
    hi, hi_grouped = number(m.group("rg_b"))
    kind, unit = _tail_of(m, "rg_")
    lo_tail = m.group("rg_at2" if second else "rg_at")
    if lo_tail and kind == ValueKind.NUMBER:  # 10%-15 is no range of percentages
        return None
    hi_exp = _scale(m, "rg_bs")
    lo_exp = _scale(m, lo_scale) or hi_exp  # 2-3 tỷ đồng: the scale is shared
    r = Range(Quantity(lo * 10 ** lo_exp, unit), Quantity(hi * 10 ** hi_exp, unit))
    group = lo_grouped or hi_grouped
    english = render.quantity_range(r, style, group or hi_exp > 0, scale_word=hi_exp >= 6)
    return _value(m, "rg", ValueKind.RANGE, r, english)


def _time(m, style, p):
    hour, minute = int(m.group(f"{p}_h")), int(m.group(f"{p}_m") or 0)
    period = next((m.group(g) for g in (f"{p}_p", f"{p}_q") if g in m.re.groupindex and m.group(g)), None)
    if period in ("chiều", "tối") and hour < 12:
        hour += 12
    elif period == "trưa" and 1 <= hour <= 4:
        hour += 12
    elif period == "đêm" and 6 <= hour < 12:
        hour += 12
    t = Time(hour, minute)
    return _value(m, p, ValueKind.TIME, t, render.time(t, style))


def _ordinal(m, style, group, head=""):
    o = Ordinal(_ordinal_number(m.group(group)))
    english = render.ordinal(o.n, style) + head
    return _value(m, group[:2], ValueKind.ORDINAL, o, english)


def _code(m, style):
    written = m.group("cd")
    english = strip_diacritics(written)
    return _value(m, "cd", ValueKind.CODE, Code(english.upper()), english)


def _document_number(m, style):
    written = m.group("dn")
    if written.isdigit():
        return _value(m, "dn", ValueKind.CODE, Quantity(Decimal(int(written))), written)
    english = strip_diacritics(written)
    return _value(m, "dn", ValueKind.CODE, Code(english.upper()), english)


def _quarter(m, style):
    q = Quarter(int(m.group("qr_q")) if m.group("qr_q").isdigit() else roman(m.group("qr_q")),
                int(m.group("qr_y")) if m.group("qr_y") else None)
    return _value(m, "qr", ValueKind.DATE, q, render.quarter(q))


def _date_range(m, style):
    a, b = int(m.group("dr_a")), int(m.group("dr_b"))
    month = int(m.group("dr_m"))
    year = int(m.group("dr_y")) if m.group("dr_y") else None
    if a >= b or not _valid(b, month):
        return None
    r = Range(Date(a, month, year), Date(b, month, year))
    return _value(m, "dr", ValueKind.RANGE, r, render.date_range(r, style))


_BUILDERS = {
    "dw": lambda m, s: _date(m, "dw", s, m.group("dw_d"), m.group("dw_m"), m.group("dw_y")),
    "dc": lambda m, s: _date(m, "dc", s, m.group("dc_d"), m.group("dc_m")),
    "dd": lambda m, s: _date(m, "dd", s, m.group("dd"), None),
    "dp": lambda m, s: _date(m, "dp", s, m.group("dp_d"), m.group("dp_m")),
    "mw": lambda m, s: _date(m, "mw", s, None, m.group("mw_m"), m.group("mw_y")),
    "qr": _quarter,
    "pl": lambda m, s: _ordinal(m, s, "pl_n", " plenum of the Party Central Committee" if m.group("pl_h")
                                else " plenum"),
    "cg": lambda m, s: _ordinal(m, s, "cg_n", " Congress"),
    "kh": lambda m, s: _ordinal(m, s, "kh_n", " tenure"),
    "lt": lambda m, s: _ordinal(m, s, "lt_n"),
    "tk": lambda m, s: _ordinal(m, s, "tk_n", " century"),
    "ow": lambda m, s: _ordinal(m, s, "ow_n"),
    "on": lambda m, s: _ordinal(m, s, "on_n"),
    "dn": _document_number,
    "df": lambda m, s: _date(m, "df", s, m.group("df_d"), m.group("df_m"), m.group("df_y")),
    "dr": _date_range,
    "ds": lambda m, s: _date(m, "ds", s, m.group("ds_d"), m.group("ds_m")),
    "th": lambda m, s: _time(m, s, "th"),
    "tg": lambda m, s: _time(m, s, "tg"),
    "tc": lambda m, s: _time(m, s, "tc"),
    "rg": _range,
    "qt": _quantity,
    "cd": _code,
    "wn": _word_quantity,
}
