"""Values in English text, in every form a translator may write them: what QA compares.

One compiled regex, one pass, like the Vietnamese side. Accepted forms, by
kind (all of them, whatever the house style chose for the draft):

- numbers: 1,250 · 1250 · 1.25 thousand · 1 million · a million · 2.3bn · two · twenty-five;
- percentages: 12.5% · 12.5 per cent · 12.5 percent;
- money: 2.3 trillion VND · VND2.3 trillion · 2.3 trillion dong · US$1.5 million · $1.5m is not
  (m is metres) · 1.5 million USD · 1.5 million US dollars · €2 million;
- measures: 150 km · 150 kilometres · 20 km² · 20 sq km · 500 ha · 500 hectares · 21°C ·
  21 degrees Celsius · 5 tonnes;
- ranges: 2019–2024 · 2019-2024 · 2019 to 2024 · between 19 and 21°C · 19°C to 21°C;
- dates: 16 July · July 16 · 16th July · the 16th of July · July 16, 2024 · 16 July 2024 ·
  July 2024 · July · 16/7/2024 (British order) · 2024-07-16 · 15–16 July · July 15–16;
- quarters: Q1 2024 · first quarter of 2024;
- times: 14:30 · 2:30 pm · 2.30pm · 2:30 p.m. · 7 am · noon · midnight;
- ordinals: 12th · twelfth · fourth · secondly;
- codes: 04/NQ-CDVC · 18-NQ/TW · COVID-19 · 5G.

Vietnamese forms are not English and are read as English would read them: 1.250
is one and a quarter, so a copied "1.250" fails QA as a changed value.
"""

import re
from decimal import Decimal
from functools import cache

from xlate.text.normalize import strip_diacritics
from xlate.text.values import render
from xlate.text.values.model import Code, Date, EnglishValue, Ordinal, Quantity, Quarter, Range, Time, ValueKind

_B = r"(?<![\w.,/])(?<![^\W\d_]-)"
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?(?![\d])"
SCALE_WORDS = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "tn": 12}
SCALE = r"(?: (?:hundred|thousand|million|billion|trillion)| ?(?:bn|tn))(?!\w)"
CARDINALS = {w: n for n, w in enumerate(render.UNITS)} | {w: n * 10 for n, w in enumerate(render.TENS) if n > 1}
ORDINALS = {w: n for n, w in enumerate(render.ORDINAL_UNITS)} | {
    w: n * 10 for n, w in enumerate(render.ORDINAL_TENS) if n > 1}
_TENS = "|".join(render.TENS[2:])
_UNITS = "|".join(sorted(render.UNITS[1:10], key=len, reverse=True))
WORD_CARDINAL = rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{'|'.join(sorted(render.UNITS, key=len, reverse=True))})"
WORD_ORDINAL = (rf"(?:(?:{_TENS})-(?:{'|'.join(render.ORDINAL_UNITS[1:10])})"
                rf"|{'|'.join(sorted(render.ORDINAL_UNITS[1:] + render.ORDINAL_TENS[2:], key=len, reverse=True))})")
MONTH_NAMES = {m.lower(): n for n, m in enumerate(render.MONTHS, 1)} | {
    m.lower()[:3]: n for n, m in enumerate(render.MONTHS, 1)} | {"sept": 9}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\w)"
YEAR = r"\d{4}(?!\d)"
CURRENCY_WORDS = {"vnd": "VND", "vnđ": "VND", "dong": "VND", "usd": "USD", "us dollars": "USD",
                  "us dollar": "USD", "dollars": "USD", "dollar": "USD", "us$": "USD", "$": "USD", "eur": "EUR",
                  "euros": "EUR", "euro": "EUR", "€": "EUR", "yen": "JPY", "jpy": "JPY", "¥": "JPY",
                  "yuan": "CNY", "cny": "CNY"}
CURRENCY_AFTER = r" (?:VND|VNĐ|dong|USD|US dollars?|dollars?|euros?|EUR|yen|JPY|yuan|CNY)(?!\w)"
CURRENCY_BEFORE = r"(?:US\$|\$|€|¥|(?:VND|VNĐ|USD|EUR|JPY|CNY) ?)"
PERCENT = r"(?: ?%| per ?cent(?!\w)| percent(?!\w))"
UNIT_WORDS = [
    ("km²", r"km²|km2|sq\.? ?km|square kilomet(?:re|er)s?"), ("km/h", r"km/h|kph|kilomet(?:re|er)s per hour"),
    ("km", r"km|kilomet(?:re|er)s?"), ("m²", r"m²|m2|square met(?:re|er)s?"),
    ("m³", r"m³|m3|cubic met(?:re|er)s?"), ("cm", r"cm|centimet(?:re|er)s?"), ("mm", r"mm|millimet(?:re|er)s?"),
    ("ha", r"ha|hectares?"), ("kg", r"kg|kilo(?:gram)?(?:me)?s?"), ("t", r"tonnes?|tons?"),
    ("MW", r"MW|megawatts?"), ("kWh", r"kWh"), ("kW", r"kW"), ("GW", r"GW|gigawatts?"),
    ("°C", r"°C|ºC|° C|degrees? Celsius|degrees? C"), ("l", r"litres?|liters?"), ("m", r"m|met(?:re|er)s?"),
]
UNIT = r"(?: ?(?:" + "|".join(p for _, p in UNIT_WORDS) + r"))(?!\w)"
_UNIT_RES = [(u, re.compile(rf"(?:{p})$", re.I)) for u, p in UNIT_WORDS]
PERIOD = r"(?P<{}>[ap]\.m\.|[ap]m)(?!\w)"


def _tail(p: str) -> str:
    return rf"(?:(?P<{p}c>{CURRENCY_AFTER})|(?P<{p}p>{PERCENT})|(?P<{p}u>{UNIT}))"


_ALTERNATIVES = [
    ("edr", rf"(?:(?i:from|between) )?(?<!\w)(?P<edr_a>{DAY})(?: ?[-–] ?| to | and )(?P<edr_b>{DAY}) (?:of )?"
            rf"(?P<edr_m>{MONTH})(?:,? (?P<edr_y>{YEAR}))?"),
    ("emr", rf"(?<!\w)(?P<emr_m>{MONTH}) (?P<emr_a>{DAY})(?: ?[-–] ?| to | and )(?P<emr_b>{DAY})"
            rf"(?:,? (?P<emr_y>{YEAR}))?"),
    ("edm", rf"(?<!\w)(?P<edm_d>{DAY}) (?:of )?(?P<edm_m>{MONTH})(?:,? (?P<edm_y>{YEAR}))?"),
    ("emd", rf"(?<!\w)(?P<emd_m>{MONTH}) (?P<emd_d>{DAY})(?:,? (?P<emd_y>{YEAR}))?"),
    ("emy", rf"(?<!\w)(?P<emy_m>{MONTH}),? (?P<emy_y>{YEAR})"),
    ("eiso", rf"{_B}(?P<eiso_y>{YEAR})-(?P<eiso_m>[01]\d)-(?P<eiso_d>[0-3]\d)(?!\w)"),
    ("edmy", rf"{_B}(?P<edmy_d>[0-3]?\d)/(?P<edmy_m>[01]?\d)/(?P<edmy_y>{YEAR})(?![\w/])"),
    ("emo", r"(?<!\w)(?P<emo_m>January|February|March|April|June|July|August|September|October|November"
            r"|December)(?!\w)"),
    ("eq", rf"(?<!\w)(?:Q(?P<eq_q>[1-4])(?:/| )?(?P<eq_y>{YEAR})?|(?P<eq_w>(?i:first|second|third|fourth"
           rf"|1st|2nd|3rd|4th)) quarter(?: of (?:the year )?(?P<eq_y2>{YEAR}))?)(?!\w)"),
    ("et", rf"{_B}(?:(?P<et_h>\d{{1,2}})[:.](?P<et_m>[0-5]\d) ?{PERIOD.format('et_p')}"
           rf"|(?P<et_h2>\d{{1,2}}):(?P<et_m2>[0-5]\d)(?![\d:])(?:\s?{PERIOD.format('et_p2')})?"
           rf"|(?P<et_h3>\d{{1,2}}) ?{PERIOD.format('et_p3')})"),
    ("etw", r"(?<!\w)(?:noon|midday|midnight)(?!\w)"),
    ("eo", rf"{_B}(?P<eo_n>\d+)(?:st|nd|rd|th)(?!\w)"),
    ("eow", rf"(?<!\w)(?P<eow_n>(?i:{WORD_ORDINAL}))(?:ly)?(?!\w)"),
    ("emp", rf"(?<![\w.,])(?P<emp_c>{CURRENCY_BEFORE})(?P<emp_n>{NUM})(?P<emp_s>{SCALE})?"),
    ("er", rf"(?:(?i:from|between) )?{_B}(?P<er_a>{NUM})(?P<er_as>{SCALE})?(?P<er_at>{PERCENT}|{UNIT})?"
           rf"(?: ?[-–—] ?| to | and )(?P<er_b>{NUM})(?P<er_bs>{SCALE})?(?:{_tail('er_')}|(?![\w]|[-/]\w))"),
    ("ecd", r"(?<![\w.,/-])(?:\d+(?:[/-]\d+)*(?:[/-][A-Z][\w]*)+(?:[/-]\w+)*|[A-Z][A-Za-z]*-?\d+(?:[A-Za-z]\w*)?"
            r"(?:-\d+)?|\d+[A-Za-z]\w*)(?!\w)"),
    ("eqt", rf"{_B}(?P<eqt_n>{NUM})(?P<eqt_s>{SCALE})?(?:{_tail('eqt_')}|(?![\w]|[-/][A-Z\d]))"),  # 30-year
    ("ewn", rf"(?<!\w)(?P<ewn_n>(?i:{WORD_CARDINAL})(?!\w)|(?i:an?)(?={SCALE}))(?P<ewn_s>{SCALE})?(?!\w)"),
]


# As on the Vietnamese side: every value holds an anchor (digits, a number word, a month, a
# scale word, noon) within WINDOW characters of its start, and the big regex is tried only at
# the word starts just before each anchor.
_ANCHOR_WORDS = frozenset(w.lower() for w in (*CARDINALS, *ORDINALS, *render.MONTHS, *(m[:3] for m in render.MONTHS),
                                               *(f"{w}ly" for w in ORDINALS), "sept", *SCALE_WORDS, "noon",
                                               "midday", "midnight"))
# Digits, or a whole ASCII word (then looked up in _ANCHOR_WORDS: a set beats a 100-word alternation).
_TOKEN = re.compile(r"\d+|(?<![^\W\d_])[A-Za-z]+(?![^\W\d_])")
_WORD_START = re.compile(r"(?<![\w$€¥£])[\w$€¥£]")
WINDOW = 30


@cache
def _regex() -> re.Pattern:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES))


def english_values(text: str) -> list[EnglishValue]:
    """Every value in the English text, left to right, never overlapping."""
    found, pos, rx = [], 0, _regex()
    for anchor in _TOKEN.finditer(text):
        if anchor.start() < pos or not (anchor.group()[0].isdigit() or anchor.group().lower() in _ANCHOR_WORDS):
            continue
        starts = [m.start() for m in _WORD_START.finditer(text, max(pos, anchor.start() - WINDOW), anchor.start())]
        for start in starts + [anchor.start()]:
            m = rx.match(text, start)
            value = _BUILDERS[m.lastgroup](m) if m is not None else None
            if value is not None:
                found.append(value)
                pos = m.end()
                break
    return found


def number(written: str) -> Decimal:
    return Decimal(written.replace(",", ""))


def _scale(m: re.Match, group: str) -> int:
    scale = m.group(group)
    return SCALE_WORDS[scale.strip().lower()] if scale else 0


def _unit(written: str) -> str:
    written = written.strip()
    for unit, rx in _UNIT_RES:
        if rx.match(written):
            return unit
    raise ValueError(written)  # pragma: no cover - UNIT and UNIT_WORDS agree


def _tail_of(m: re.Match, p: str) -> tuple[ValueKind, str]:
    if m.group(f"{p}c"):
        return ValueKind.MONEY, CURRENCY_WORDS[m.group(f"{p}c").strip().lower()]
    if m.group(f"{p}p"):
        return ValueKind.PERCENT, "%"
    if m.group(f"{p}u"):
        return ValueKind.MEASURE, _unit(m.group(f"{p}u"))
    return ValueKind.NUMBER, ""


def _ev(m: re.Match, name: str, kind: ValueKind, canonical, spelled: bool = False) -> EnglishValue:
    start, end = m.span(name)
    return EnglishValue(start, end, m.string[start:end], kind, canonical, spelled)


def _month(written: str) -> int:
    return MONTH_NAMES[written.rstrip(".").lower()]


def _day(written: str) -> int:
    return int(re.match(r"\d+", written).group())


def _date(m, name, day, month, year):
    d = Date(_day(day) if day else None, int(month) if month and month.isdigit() else (
        _month(month) if month else None), int(year) if year else None)
    if d.month is not None and not 1 <= d.month <= 12:
        return None
    return _ev(m, name, ValueKind.DATE, d)


def _date_range(m, p):
    month, year = _month(m.group(f"{p}_m")), m.group(f"{p}_y")
    year = int(year) if year else None
    a, b = _day(m.group(f"{p}_a")), _day(m.group(f"{p}_b"))
    return _ev(m, p, ValueKind.RANGE, Range(Date(a, month, year), Date(b, month, year)))


def _time(m):
    for h, mi, p in (("et_h", "et_m", "et_p"), ("et_h2", "et_m2", "et_p2"), ("et_h3", None, "et_p3")):
        if m.group(h) is not None:
            hour, minute = int(m.group(h)), int(m.group(mi)) if mi and m.group(mi) else 0
            period = (m.group(p) or "").replace(".", "").lower()
            if period:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if period == "pm" else 0)
            elif hour > 23:
                return None
            return _ev(m, "et", ValueKind.TIME, Time(hour, minute))
    return None  # pragma: no cover


def _word_number(m):
    written = m.group("ewn_n").lower()
    exponent = _scale(m, "ewn_s")
    if written in ("a", "an"):  # "a million"; the regex takes "a" only before a scale word
        n = 1
    elif "-" in written:
        tens, unit = written.split("-")
        n = CARDINALS[tens] + CARDINALS[unit]
    else:
        n = CARDINALS[written]
    return _ev(m, "ewn", ValueKind.NUMBER, Quantity(Decimal(n * 10 ** exponent)), spelled=True)


def _word_ordinal(m):
    written = m.group("eow_n").lower()
    if "-" in written:
        tens, unit = written.split("-")
        n = CARDINALS[tens] + ORDINALS[unit]
    else:
        n = ORDINALS[written]
    return _ev(m, "eow", ValueKind.ORDINAL, Ordinal(n), spelled=True)


def _money_before(m):
    amount = number(m.group("emp_n")) * 10 ** _scale(m, "emp_s")
    return _ev(m, "emp", ValueKind.MONEY, Quantity(amount, CURRENCY_WORDS[m.group("emp_c").strip().lower()]))


def _range(m):
    kind, unit = _tail_of(m, "er_")
    lo_tail = m.group("er_at")
    if lo_tail:
        lo_unit = "%" if re.fullmatch(PERCENT, lo_tail) else _unit(lo_tail)
        if kind == ValueKind.NUMBER:
            kind, unit = (ValueKind.PERCENT if lo_unit == "%" else ValueKind.MEASURE), lo_unit
        elif lo_unit != unit:
            return None
    hi_exp = _scale(m, "er_bs")
    lo_exp = _scale(m, "er_as") or hi_exp
    lo, hi = number(m.group("er_a")) * 10 ** lo_exp, number(m.group("er_b")) * 10 ** hi_exp
    return _ev(m, "er", ValueKind.RANGE, Range(Quantity(lo, unit), Quantity(hi, unit)))


def _quantity(m):
    kind, unit = _tail_of(m, "eqt_")
    amount = number(m.group("eqt_n")) * 10 ** _scale(m, "eqt_s")
    return _ev(m, "eqt", kind, Quantity(amount, unit))


def _quarter(m):
    if m.group("eq_q"):
        return _ev(m, "eq", ValueKind.DATE, Quarter(int(m.group("eq_q")),
                                                    int(m.group("eq_y")) if m.group("eq_y") else None))
    word = m.group("eq_w").lower()
    q = int(word[0]) if word[0].isdigit() else ORDINALS[word]
    return _ev(m, "eq", ValueKind.DATE, Quarter(q, int(m.group("eq_y2")) if m.group("eq_y2") else None))


def _code(m):
    return _ev(m, "ecd", ValueKind.CODE, Code(strip_diacritics(m.group("ecd")).upper()))


_BUILDERS = {
    "edr": lambda m: _date_range(m, "edr"),
    "emr": lambda m: _date_range(m, "emr"),
    "edm": lambda m: _date(m, "edm", m.group("edm_d"), m.group("edm_m"), m.group("edm_y")),
    "emd": lambda m: _date(m, "emd", m.group("emd_d"), m.group("emd_m"), m.group("emd_y")),
    "emy": lambda m: _date(m, "emy", None, m.group("emy_m"), m.group("emy_y")),
    "eiso": lambda m: _date(m, "eiso", m.group("eiso_d"), m.group("eiso_m"), m.group("eiso_y")),
    "edmy": lambda m: _date(m, "edmy", m.group("edmy_d"), m.group("edmy_m"), m.group("edmy_y")),
    "emo": lambda m: _date(m, "emo", None, m.group("emo_m"), None),
    "eq": _quarter,
    "et": _time,
    "etw": lambda m: _ev(m, "etw", ValueKind.TIME, Time(0 if m.group("etw").lower() == "midnight" else 12)),
    "eo": lambda m: _ev(m, "eo", ValueKind.ORDINAL, Ordinal(int(m.group("eo_n")))),
    "eow": _word_ordinal,
    "emp": _money_before,
    "er": _range,
    "ecd": _code,
    "eqt": _quantity,
    "ewn": _word_number,
}
