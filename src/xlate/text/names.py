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

import bisect
import itertools
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
_SYLLABLE = re.compile(r"[^\W\d_](?:[^\W\d_]++|[\u0300-\u036f]++)*+")  # possessive: no backtracking state
_SPLIT = re.compile(f"({_SYLLABLE.pattern})")  # text → [between, syllable, between, …, between]
_GLUE = ".-'’/_@"  # "T.Ư", "đua-Khen", URLs: a syllable glued on is no name
_CLOSING = ",;:.!?)]”\"'’…"


@dataclass(frozen=True)
class Name:
    start: int  # character offsets into the text passed in
    end: int
    text: str  # the Vietnamese name as written, e.g. "Nguyễn Văn Nên"
    english: str  # "Nguyen Van Nen"


class _Toks(NamedTuple):
    """A text's syllables as parallel lists (a unit has tens of them; a run, millions)."""

    start: list[int]  # character offsets into the text
    end: list[int]
    key: list[str]  # match_key of the syllable
    style: list[str | None]  # "title", "caps", "one" (single capital letter) or None

    def __len__(self) -> int:
        return len(self.key)


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


def _tokens(text: str) -> _Toks:
    # split, not finditer: the offsets and the (cached) keys are then computed in bulk.
    parts = _SPLIT.split(text)
    offsets = list(itertools.accumulate(map(len, parts), initial=0))
    keys = list(map(_syllable, parts[1::2]))
    return _Toks(offsets[1::2], offsets[2::2], [k for k, _ in keys], [s for _, s in keys])


def _by(phrases: tuple[tuple[str, ...], ...], at: int) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by one of their keys (0: the first, -1: the last): one dict lookup per
    syllable instead of trying every phrase at every position."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[at], []).append(phrase)
    return {key: tuple(found) for key, found in index.items()}


def _adjacent(text: str, toks: _Toks, a: int, b: int) -> bool:
    """Syllables a and b are separated by white space only."""
    return text[toks.end[a]:toks.start[b]].isspace()


def _glued(text: str, start: int, end: int) -> bool:
    """True if the span is part of a longer token: "T" in "T.Ư", "Khen" in "đua-Khen"."""
    after, before = text[end:end + 2], text[max(0, start - 2):start]
    return bool((after[:1] in _GLUE and after[1:].isalnum()) or
                (before[-1:] in _GLUE and before[:-1][-1:].isalnum()))


def _phrase_at(text: str, toks: _Toks, i: int, phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if i < 0 or i + n > len(toks):
        return False
    return (tuple(toks.key[i:i + n]) == phrase
            and all(_adjacent(text, toks, k, k + 1) for k in range(i, i + n - 1)))


def _capitals(toks: _Toks) -> list[int]:
    """The syllables that start with a capital: only they can start a name or a NON_NAMES phrase."""
    return [i for i, style in enumerate(toks.style) if style]


def _blocked(text: str, toks: _Toks, capitals: list[int]) -> set[int]:
    """Indices of syllables inside a capitalised NON_NAMES sequence."""
    out: set[int] = set()
    for i in capitals:
        for phrase in _NON_NAMES_BY_FIRST.get(toks.key[i], ()):
            if _phrase_at(text, toks, i, phrase):
                out.update(range(i, i + len(phrase)))
    return out


def _run(text: str, toks: _Toks, i: int, blocked: set[int]) -> list[int]:
    """Name-like syllables from i on: capitalised alike, space-separated, not stop
    words, not blocked. One more than MAX_SYLLABLES means a title-cased heading."""
    if toks.style[i] is None or i in blocked or toks.key[i] in STOP_SYLLABLES:
        return []
    style, run = toks.style[i], [i]
    while len(run) <= MAX_SYLLABLES and run[-1] + 1 < len(toks):
        k = run[-1] + 1
        this = toks.style[k]
        if (this is None or k in blocked or toks.key[k] in STOP_SYLLABLES
                or not _adjacent(text, toks, k - 1, k)):
            break
        if "one" not in (style, this) and this != style:
            break
        style = this if style == "one" else style
        run.append(k)
    return run


def _sentence_start(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \t\"“‘'(*-–")
    return not head or head[-1] in ".!?:\n"


def _cue_before(text: str, toks: _Toks, i: int, blocked: set[int]) -> str | None:
    """"title" or "person" if a cue ends right before syllable i, else None."""
    if i == 0 or not _adjacent(text, toks, i - 1, i) or i - 1 in blocked:
        return None
    for cue in _TITLE_CUES_BY_LAST.get(toks.key[i - 1], ()):
        if _phrase_at(text, toks, i - len(cue), cue):
            return "title"
    prev = toks.key[i - 1]
    if prev not in PERSON_CUES:
        return None
    if toks.style[i - 1] and not _sentence_start(text, toks.start[i - 1]):
        return None
    if prev == "đồng" and i > 1 and toks.key[i - 2] in _DONG_COMPOUNDS:
        return None
    return "person"


def _candidates(text: str, toks: _Toks, capitals: list[int], blocked: set[int]) -> list[tuple[int, int]]:
    """(first, last) syllable indices of every proposed name."""
    found = []
    for i in capitals:  # a name starts with a capital: the other syllables give an empty run
        run = _run(text, toks, i, blocked)
        if not run or len(run) > MAX_SYLLABLES:
            continue
        if _glued(text, toks.start[run[0]], toks.end[run[-1]]):
            continue
        key, style = toks.key[i], toks.style[i]
        if key in SURNAMES and style in ("title", "caps"):
            if len(run) >= 2:
                found.append((run[0], run[-1]))
            continue
        cue = _cue_before(text, toks, i, blocked)
        if cue is None or style == "caps":
            continue
        # "Bộ trưởng Công Thương Nguyễn Hồng Diên": an institution, then the name.
        if any(toks.key[k] in SURNAMES for k in run[1:-1]):
            continue
        after = text[toks.end[run[-1]]:].lstrip(" ")
        if cue == "person" or len(run) >= 2 or not after or after[0] in _CLOSING:
            found.append((run[0], run[-1]))
    return found + _bylines(text, toks, blocked)


def _bylines(text: str, toks: _Toks, blocked: set[int]) -> list[tuple[int, int]]:
    """Whole ";"-separated parts that are only 2–4 name-like syllables."""
    found, pos = [], 0
    for part in text.split(";"):
        credit = _CREDIT.match(part)
        a = pos + (credit.end() if credit else 0)
        b = pos + len(part)
        pos = b + 1
        first, last = bisect.bisect_left(toks.start, a), bisect.bisect_right(toks.end, b)
        idx = list(range(first, last))  # the syllables inside [a, b]: offsets are sorted
        if not 2 <= len(idx) <= MAX_SYLLABLES:
            continue
        body = text[a:b].strip().rstrip(".")
        run = _run(text, toks, idx[0], blocked)
        if (run == idx and body == text[toks.start[idx[0]]:toks.end[idx[-1]]]
                and not _glued(text, toks.start[idx[0]], toks.end[idx[-1]])):
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
    capitals = _capitals(toks)
    if not capitals:
        return []
    spans = _pick(_candidates(text, toks, capitals, _blocked(text, toks, capitals)), set())
    names = []
    for first, last in sorted(spans):
        start, end = toks.start[first], toks.end[last]
        names.append(Name(start, end, text[start:end], transliterate(text[start:end])))
    return names
