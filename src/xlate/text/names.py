"""Personal names in Vietnamese text: detection and transliteration (docs/design.md, "Glossary").

Names are rendered without diacritics in Vietnamese order (Tô Lâm → To Lam), never
translated syllable by syllable, whether or not the glossary lists them. Detection
needs no glossary; three rules propose names, tables below veto false positives:

1. surname rule: 2–4 capitalised syllables starting with a common surname
   ("... Trung ương Đảng Lâm Thị Phương Thanh", "Ảnh: TRẦN HẢI");
2. cue rule: capitalised syllables right after a cue ("đồng chí", "ông", "Thủ tướng");
3. byline rule: a whole text, or a ";"-separated part of it after an optional
   credit ("Ảnh:"), made only of 2–4 capitalised syllables ("Thu Hằng", "VĂN TOÁN").

All comparisons use `match_key`, so Ð/Đ, Unicode form, case and tone placement
never matter; offsets always refer to the text as passed in.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from xlate.text.normalize import match_key, strip_diacritics


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words.split())


# Common Vietnamese surnames (the great majority of people). Deliberately left out,
# although they are surnames, because they mostly start places or common phrases:
# Giang, Ninh, La, Kim, Từ, Quan, Tăng (Hà Giang, Ninh Bình, Từ Đà Nẵng …), and
# Văn, a middle name far more often than a surname ("Văn phòng" is no name either).
SURNAMES = _keys("""
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lại
    Trương Tô Sơn Lương Đinh Mai Trịnh Đào Cao Hà Lâm Vương Thái Tạ Đoàn Chu Kiều
    Mạc Tống Tôn Triệu Quách Phùng Lưu Diệp Khổng Hứa Thân Doãn Nông Lò Âu Lục
    Khúc Mẫn Nghiêm Thạch Châu Cù Đàm Hầu Lã Lạc Bế Viên Khương
""")

# Capitalised sequences that are not personal names although they start with (or
# contain) a surname-like syllable: provinces and places, countries, institution
# words. A detected name never starts inside one nor runs into one, and a cue
# inside one is no cue ("Bà Rịa", "Lâm Đồng").
NON_NAMES = tuple(tuple(match_key(p).split()) for p in [
    # provinces, cities, districts, islands starting with a surname syllable
    "Hà Nội", "Hà Giang", "Hà Tĩnh", "Hà Nam", "Hà Tây", "Hà Đông", "Hà Tiên", "Hà Bắc",
    "Lâm Đồng", "Lâm Hà", "Cao Bằng", "Cao Lãnh", "Thái Bình", "Thái Nguyên",
    "Sơn La", "Sơn Tây", "Sơn Trà", "Phan Thiết", "Phan Rang", "Lý Sơn", "Mai Châu",
    "Hoàng Mai", "Hoàng Sa", "Hoàng Thành", "Hồ Tây", "Hồ Gươm", "Hồ Hoàn Kiếm",
    "Lương Sơn", "Đồng Tháp", "Đồng Nai", "Bà Rịa", "Bà Đen", "Châu Đốc",
    # places ending in a surname syllable (a name must not start on their last word)
    "Bình Dương", "Hải Dương", "Lạng Sơn", "Thái Bình Dương",
    # countries and continents
    "Việt Nam", "Trung Quốc", "Hàn Quốc", "Anh Quốc", "Hoa Kỳ", "Nhật Bản", "Thái Lan",
    "Hà Lan", "Ấn Độ", "Triều Tiên", "Liên Hợp Quốc", "Châu Âu", "Châu Á", "Châu Phi",
    "Châu Mỹ", "Đông Nam Á",
    # institution words: capitalised in titles, never part of a name
    "Văn phòng", "Trung ương", "Đảng", "Đại hội", "Hội nghị", "Ban Chỉ đạo", "Chính phủ",
    "Quốc hội", "Thường trực", "Công đoàn", "Liên đoàn", "Đoàn Thanh niên",
    "Đoàn Chủ tịch", "Đoàn Kiểm tra", "Đoàn Công tác", "Mặt trận", "Nhà nước",
])

# Syllables that occur capitalised in titles and institution names but never in a
# personal name: a name stops before them ("Tô Lâm Ảnh", "Đảng Lâm Thị …").
STOP_SYLLABLES = _keys("""
    Đảng Ủy Uỷ Ban Bộ Hội Ảnh Tổng Phó Chủ Bí Trưởng Thủ Thứ Nhà Nước Sở Cục Vụ
    Viện Tỉnh Huyện Xã Phường Khối TP TW UBND HĐND
""")

# Titles after which a capitalised sequence is a name. Title-cased institution
# words also follow titles ("Thủ tướng Chính phủ", "Bí thư Tỉnh ủy"), so a name
# found only through a title cue needs 2+ syllables, or 1 before punctuation.
TITLE_CUES = tuple(tuple(match_key(c).split()) for c in [
    "đồng chí", "Tổng Bí thư", "Chủ tịch nước", "Chủ tịch", "Thủ tướng", "Bộ trưởng",
    "Thứ trưởng", "Bí thư", "Giám đốc", "Đại sứ", "Đại tướng", "Thượng tướng",
    "Trung tướng", "Thiếu tướng", "Tổng thống",
])
# Person words: "ông Hải", "chị Thu Hằng". They must be lower case or open the
# sentence (mid-sentence "Anh" is England or a given name, "Đồng" a place word).
PERSON_CUES = _keys("đồng ông bà anh chị")
# "đồng" is a cue ("tặng đồng Trần Đình Hường") except inside these compounds.
_DONG_COMPOUNDS = _keys("hội cộng hợp bất tương")

# Credits that may precede a byline name: "Ảnh: TRẦN HẢI", "Bài và ảnh: Thu Hằng".
_CREDIT = re.compile(r"\s*(?:bài và ảnh|bài, ảnh|bài|ảnh|tin|video|clip)\s*:\s*", re.I)

MAX_SYLLABLES = 4
_SYLLABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*")
_GLUE = ".-'’/_@"  # "T.Ư", "đua-Khen", URLs: a syllable glued on is no name
_CLOSING = ",;:.!?)]”\"'’…"


@dataclass(frozen=True)
class Name:
    start: int  # character offsets into the text passed in
    end: int
    text: str  # the Vietnamese name as written, e.g. "Nguyễn Văn Nên"
    english: str  # "Nguyen Van Nen"


class _Tok(NamedTuple):
    """A syllable (a NamedTuple: there are tens of them per unit, made by the million)."""

    start: int
    end: int
    key: str  # match_key of the syllable
    style: str | None  # "title", "caps", "one" (single capital letter) or None


def transliterate(name: str) -> str:
    """Đặng Thị Ngọc Thịnh → Dang Thi Ngoc Thinh: NFC, no diacritics, Đ→D, same case
    and order, whitespace collapsed. Never a translation of the syllables."""
    return strip_diacritics(name)


def _style(word: str) -> str | None:
    if not word[0].isupper():
        return None
    rest = word[1:]
    if not rest:
        return "one"
    return "title" if rest.islower() else "caps" if rest.isupper() else None


@lru_cache(maxsize=1 << 16)
def _syllable(word: str) -> tuple[str, str | None]:
    """(match key, style) of a syllable: a text repeats few distinct syllables."""
    return match_key(word), _style(word)


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), *_syllable(m.group())) for m in _SYLLABLE.finditer(text)]


def _by(phrases: tuple[tuple[str, ...], ...], at: int) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by one of their keys (0: the first, -1: the last): one dict lookup per
    syllable instead of trying every phrase at every position."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[at], []).append(phrase)
    return {key: tuple(found) for key, found in index.items()}


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    return text[a.end:b.start].isspace()


def _glued(text: str, start: int, end: int) -> bool:
    """True if the span is part of a longer token: "T" in "T.Ư", "Khen" in "đua-Khen"."""
    after, before = text[end:end + 2], text[max(0, start - 2):start]
    return bool((after[:1] in _GLUE and after[1:].isalnum()) or
                (before[-1:] in _GLUE and before[:-1][-1:].isalnum()))


def _phrase_at(text: str, toks: list[_Tok], i: int, phrase: tuple[str, ...]) -> bool:
    if i < 0 or i + len(phrase) > len(toks):
        return False
    seq = toks[i:i + len(phrase)]
    return (all(t.key == k for t, k in zip(seq, phrase))
            and all(_adjacent(text, a, b) for a, b in zip(seq, seq[1:])))


def _blocked(text: str, toks: list[_Tok]) -> set[int]:
    """Indices of syllables inside a capitalised NON_NAMES sequence."""
    out: set[int] = set()
    for i, tok in enumerate(toks):
        if tok.style:
            for phrase in _NON_NAMES_BY_FIRST.get(tok.key, ()):
                if _phrase_at(text, toks, i, phrase):
                    out.update(range(i, i + len(phrase)))
    return out


def _run(text: str, toks: list[_Tok], i: int, blocked: set[int]) -> list[int]:
    """Name-like syllables from i on: capitalised alike, space-separated, not stop
    words, not blocked. One more than MAX_SYLLABLES means a title-cased heading."""
    first = toks[i]
    if first.style is None or i in blocked or first.key in STOP_SYLLABLES:
        return []
    style, run = first.style, [i]
    while len(run) <= MAX_SYLLABLES and run[-1] + 1 < len(toks):
        k = run[-1] + 1
        tok = toks[k]
        if (tok.style is None or k in blocked or tok.key in STOP_SYLLABLES
                or not _adjacent(text, toks[k - 1], tok)):
            break
        if "one" not in (style, tok.style) and tok.style != style:
            break
        style = tok.style if style == "one" else style
        run.append(k)
    return run


def _sentence_start(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \t\"“‘'(*-–")
    return not head or head[-1] in ".!?:\n"


def _cue_before(text: str, toks: list[_Tok], i: int, blocked: set[int]) -> str | None:
    """"title" or "person" if a cue ends right before syllable i, else None."""
    if i == 0 or not _adjacent(text, toks[i - 1], toks[i]) or i - 1 in blocked:
        return None
    for cue in _TITLE_CUES_BY_LAST.get(toks[i - 1].key, ()):
        if _phrase_at(text, toks, i - len(cue), cue):
            return "title"
    prev = toks[i - 1]
    if prev.key not in PERSON_CUES:
        return None
    if prev.style and not _sentence_start(text, prev.start):
        return None
    if prev.key == "đồng" and i > 1 and toks[i - 2].key in _DONG_COMPOUNDS:
        return None
    return "person"


def _candidates(text: str, toks: list[_Tok], blocked: set[int]) -> list[tuple[int, int]]:
    """(first, last) syllable indices of every proposed name."""
    found = []
    for i, tok in enumerate(toks):
        run = _run(text, toks, i, blocked)
        if not run or len(run) > MAX_SYLLABLES:
            continue
        if _glued(text, toks[run[0]].start, toks[run[-1]].end):
            continue
        if tok.key in SURNAMES and tok.style in ("title", "caps"):
            if len(run) >= 2:
                found.append((run[0], run[-1]))
            continue
        cue = _cue_before(text, toks, i, blocked)
        if cue is None or tok.style == "caps":
            continue
        # "Bộ trưởng Công Thương Nguyễn Hồng Diên": an institution, then the name.
        if any(toks[k].key in SURNAMES for k in run[1:-1]):
            continue
        after = text[toks[run[-1]].end:].lstrip(" ")
        if cue == "person" or len(run) >= 2 or not after or after[0] in _CLOSING:
            found.append((run[0], run[-1]))
    return found + _bylines(text, toks, blocked)


def _bylines(text: str, toks: list[_Tok], blocked: set[int]) -> list[tuple[int, int]]:
    """Whole ";"-separated parts that are only 2–4 name-like syllables."""
    found, pos = [], 0
    for part in text.split(";"):
        credit = _CREDIT.match(part)
        a = pos + (credit.end() if credit else 0)
        b = pos + len(part)
        pos = b + 1
        idx = [k for k, t in enumerate(toks) if a <= t.start and t.end <= b]
        if not 2 <= len(idx) <= MAX_SYLLABLES:
            continue
        body = text[a:b].strip().rstrip(".")
        run = _run(text, toks, idx[0], blocked)
        if (run == idx and body == text[toks[idx[0]].start:toks[idx[-1]].end]
                and not _glued(text, toks[idx[0]].start, toks[idx[-1]].end)):
            found.append((idx[0], idx[-1]))
    return found


def _pick(spans: list[tuple[int, int]], taken: set[int]) -> list[tuple[int, int]]:
    """Leftmost first, then longest; a span overlapping one already taken is dropped."""
    order = sorted(set(spans), key=lambda s: (s[0], s[0] - s[1]))
    out = []
    for first, last in order:
        if not taken.intersection(range(first, last + 1)):
            taken.update(range(first, last + 1))
            out.append((first, last))
    return out


_NON_NAMES_BY_FIRST = _by(NON_NAMES, 0)
_TITLE_CUES_BY_LAST = _by(TITLE_CUES, -1)


def find_names(text: str) -> list[Name]:
    """Personal names in a (normalized) Vietnamese text, sorted by start, not overlapping.

    Names the desk lists in its glossary need nothing here: glossary matches are
    found first and win over a name they overlap (glossary.enforce.requirements)."""
    toks = _tokens(text)
    spans = _pick(_candidates(text, toks, _blocked(text, toks)), set())
    names = []
    for first, last in sorted(spans):
        start, end = toks[first].start, toks[last].end
        names.append(Name(start, end, text[start:end], transliterate(text[start:end])))
    return names
