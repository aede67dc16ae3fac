"""Split a normalized Vietnamese news paragraph into sentences (pipeline step 3).

How it works: every run of sentence-final punctuation followed by whitespace is
a *candidate* boundary. A candidate becomes a split when the text after the
whitespace looks like the start of a sentence (BREAK_RULES) and no no-break
rule claims the punctuation (ABBREVIATIONS, initials, PROTECTED_SPANS).

Guiding principle where the text is ambiguous: do not split. A missed split
only makes one unit longer, which still translates; a false split cuts a
sentence into fragments that translate badly and break translation-memory
reuse. Every table below is meant to be extended; each entry says why it exists.

The result is lossless: sentences are cut only at whitespace runs, so for
normalized input (single spaces) " ".join(split_sentences(p)) == p.
"""

import re
from typing import Iterable

from xlate.model import SENTENCE_KINDS, Article, Unit

# Quotes and brackets that open or close a sentence's text.
OPEN = "“\"‘'«(["
CLOSE = "”\"’'»)]"

# Every upper-case letter, Vietnamese capitals included (Đ, Ả, Ở, Ư, Ỹ, …):
# the Latin Extended Additional block interleaves capitals and small letters,
# so a character range cannot express it.
_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())

# A candidate boundary: sentence-final punctuation, the closing quotes or
# brackets right after it (they belong to the sentence that ends: `tránh.” Coi`),
# then the whitespace where the cut is made. A closing quote *before* the
# punctuation needs nothing special (`tránh”. Coi`); a closing quote followed by
# a comma (`tốt”, coi`) has no final punctuation and is never a candidate.
# Semicolons and colons are not sentence-final (`cho biết : Là` stays whole).
_CANDIDATE = re.compile(rf"(?P<end>[.!?…]+)[{re.escape(CLOSE)}]*(?P<gap>\s+)")

# Break rules: (how the punctuation run looks, what must follow the gap).
# The first rule whose first pattern matches the whole run decides.
BREAK_RULES = [
    # An ellipsis (… or ...) also trails off inside a sentence ("tăng… 50%",
    # "làm… và"), so it ends one only before a capital letter, possibly quoted:
    # "phong phú hơn... Xuất hiện".
    (re.compile(r".*(?:…|\.\.\.).*"), re.compile(rf"[{re.escape(OPEN)}]{{0,2}}\s?[{_UPPER}]")),
    # . ! ? (also ?! and typo-doubled ..) end a sentence before a capital, a
    # digit ("năm 2019. 150 cá nhân") or an opening quote/bracket followed by
    # either. "\s?" admits the scraped `“ Học tập` (space inside the quote).
    (re.compile(r"[.!?]+"), re.compile(rf"[{re.escape(OPEN)}]{{0,2}}\s?[{_UPPER}\d]")),
]

# Dotted abbreviations, written with their final dot. A word that is one of
# these keeps its dot: no sentence ends there ("TP. Hồ Chí Minh", "GS. Lê").
# Matched case-insensitively: none of these is also a Vietnamese word.
ABBREVIATIONS = {
    "TP.", "TX.", "TT.",                      # thành phố, thị xã, thị trấn
    "GS.", "PGS.", "TS.", "ThS.", "Th.S.",    # academic titles before names
    "TSKH.", "NCS.", "KTS.",                  # tiến sĩ khoa học, nghiên cứu sinh, kiến trúc sư
    "BS.", "KS.", "LS.", "NXB.",              # bác sĩ, kỹ sư, luật sư, nhà xuất bản
    "BSCKI.", "BSCKII.", "CKI.", "CKII.",     # bác sĩ chuyên khoa I/II ("ThS.BSCKII. Lê")
    "T.Ư.",                                   # Trung ương; the dot after it is absorbed like "U.S."
    "tr.",                                    # trang (page) before a number
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.",
    "Inc.", "Ltd.", "Corp.", "vs.", "e.g.", "i.e.",
}
# "v.v." ("etc.") closes a list. Before a lower-case word the sentence goes on
# ("gạo, cà phê v.v. đều tăng giá"); before a capital a new one starts ("… v.v.
# Năm nay …"): a proper noun cannot continue a sentence right after "etc.".
LIST_ENDS = {"v.v.", "vv.", "v.v..", "v.v...", "etc."}
# Abbreviations whose lower-case form is an ordinary word ("ăn no.", "co."):
# matched with exact case only.
ABBREVIATIONS_EXACT_CASE = {"No.", "Co."}

# Protected spans: a candidate whose punctuation lies inside one of these
# never splits. Several cannot contain a candidate today (their dots are not
# followed by a space) but are listed so the protection stays explicit and
# survives any loosening of _CANDIDATE.
PROTECTED_SPANS = [
    # List markers "1." "II." "a." opening a paragraph or an item after : ; or
    # after a finished sentence: "những điểm sau: 1. Tiếp tục …; 2. Đổi mới".
    re.compile(r"(?:^|(?<=[:;.!?…] )|(?<=[:;]))(?:\d{1,2}|[IVXL]{1,5}|[a-zđ])\.(?= )"),
    # Omission marks inside quotations: “Chúng tôi (...) Đảng”.
    re.compile(r"[(\[](?:…|\.{3})[)\]]"),
    # "T. Ư" / "T. W": Trung ương spaced out by a scraper ("Ủy viên T. Ư Đảng").
    re.compile(r"\bT\. (?:Ư|W)\b"),
    # Dotted dates: 16.8.2019, 16.8.19.
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"),
    # Thousands separators and decimal commas: 1.250, 1.250.000, 1.250,5, 12,5%.
    re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b|\b\d+,\d+"),
    # URLs and e-mail addresses; a trailing full stop is not part of them.
    re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?…”\"')\]]"),
    re.compile(r"[\w.+-]+@\w[\w-]*(?:\.[\w-]+)+"),
]
# What a text must hold for each of PROTECTED_SPANS to find anything in it (None: always tried):
# a paragraph is scanned by the patterns it can hold only.
_NEEDS = [None, re.compile(r"[(\[]"), re.compile(r"T\. "), re.compile(r"\d\."), re.compile(r"\d[.,]"),
          re.compile(r"://|www\."), re.compile("@")]

# A single capital after a lower-case word or a number is a label or a unit
# that ends the sentence ("khóa X.", "bảng B.", "độ C.", "220 V."), not an
# initial — unless that word introduces a person ("ông A. Smith", "của Đ. Hùng",
# "bị cáo Nguyễn Văn A." has a capitalised word before the initial anyway).
# Such a letter followed by a capital is ambiguous; these words keep it whole.
NAME_INTRODUCERS = {
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "ngài", "cháu", "thầy", "bé", "cậu",
    "của", "và", "với", "cho", "là", "tên", "gặp", "theo", "bởi", "do", "từ", "như", "hoặc", "hay",
    "mr", "mrs", "ms", "dr",
}


def _is_abbreviation(word: str, exact: set[str], folded: set[str]) -> bool:
    """True if `word` (ending with its dot) is a known dotted abbreviation,
    or a compound of them written without spaces ("PGS.TS.", "GS.TS.")."""
    def known(w: str) -> bool:
        return w in exact or w.casefold() in folded

    if known(word):
        return True
    parts = re.findall(r"[^.]+\.", word)
    return len(parts) > 1 and "".join(parts) == word and all(known(p) for p in parts)


def _is_initials(word: str, previous: str) -> bool:
    """True for name initials: "A." (Nguyễn A. Tuấn), "N.V.", "T.Ư.". A lone
    capital after a number or a lower-case word (other than one that introduces
    a name) is a label, numeral or unit ending the sentence: "bảng B.", "độ C."."""
    letters = word[:-1].split(".")
    if not all(len(x) == 1 and x.isupper() for x in letters):
        return False
    if len(letters) > 1:
        return True
    ends_label = previous[:1].isdigit() or (previous[:1].islower() and previous.casefold() not in NAME_INTRODUCERS)
    return not ends_label


class _Protected:
    """The protected spans of one paragraph, found once (the first time a candidate asks)."""

    def __init__(self, text: str):
        self.text, self.spans = text, None

    def __contains__(self, pos: int) -> bool:
        if self.spans is None:
            self.spans = [m.span() for pattern, need in zip(PROTECTED_SPANS, _NEEDS, strict=True)
                          if need is None or need.search(self.text) for m in pattern.finditer(self.text)]
        return any(start <= pos < end for start, end in self.spans)


def _is_break(text: str, m: re.Match, exact: set[str], folded: set[str], protected: _Protected) -> bool:
    run = m.group("end")
    rule = next((start for end, start in BREAK_RULES if end.fullmatch(run)), None)
    if rule is None or not rule.match(text, m.end()):
        return False
    if run == ".":
        # The word carrying the dot, without opening quotes/brackets: "(TP." → "TP."
        words = text[:m.end("end")].split()
        word = words[-1].lstrip(OPEN)
        previous = words[-2].lstrip(OPEN) if len(words) > 1 else ""
        if word.casefold() in LIST_ENDS:
            return m.end("end") - 1 not in protected
        if _is_abbreviation(word, exact, folded) or _is_initials(word, previous):
            return False
    return m.end("end") - 1 not in protected


def split_sentences(text: str, extra_abbreviations: Iterable[str] = ()) -> list[str]:
    """Split one normalized paragraph (NFC, single spaces, already stripped) into sentences.

    Returns stripped, non-empty sentences whose concatenation with single spaces
    equals the input (no characters lost or invented, apart from the single
    spaces between sentences).

    `extra_abbreviations` come from the user's settings; they are matched with
    exact case, and a missing final dot is added ("Đ/c" and "Đ/c." mean the same).
    """
    extra = {a if a.endswith(".") else a + "." for a in (s.strip() for s in extra_abbreviations) if a}
    exact = ABBREVIATIONS_EXACT_CASE | extra
    folded = {a.casefold() for a in ABBREVIATIONS}
    sentences, start = [], 0
    protected = _Protected(text)
    for m in _CANDIDATE.finditer(text):
        if _is_break(text, m, exact, folded, protected):
            sentences.append(text[start:m.start("gap")])
            start = m.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def units_of(article: Article, extra_abbreviations: Iterable[str] = ()) -> list[Unit]:
    """The article's translation units in source order (docs/design.md: a unit is one
    sentence, title, subheading or caption): paragraphs and list items are split
    into sentences; titles, subheadings and captions stay whole, as they are
    short and often verbless."""
    extra = list(extra_abbreviations)
    units = []
    for number, block in enumerate(article.blocks):
        if block.kind in SENTENCE_KINDS:
            pieces = split_sentences(block.text, extra)
        else:
            pieces = [block.text] if block.text else []
        units += [Unit(block.kind, text, block.line, number, index, block.repeats)
                  for index, text in enumerate(pieces)]
    return units
