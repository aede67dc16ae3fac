"""Canonical values → English, in house style (Style): the renderings protected before MT.

Figures get thousands commas (1,250; a year, written without separators, keeps
none); amounts of money from a million up take a scale word (2.3 trillion VND);
counts and ordinals below `spell_out_below` are words (five, fourth); ranges take
an en dash and one unit (19–21°C).
"""

from decimal import Decimal

from xlate.text.values.model import Date, Quantity, Quarter, Range, Time
from xlate.text.values.style import CurrencyForm, DateOrder, PercentForm, Style, TimeFormat

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL_UNITS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth " \
                "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
ORDINAL_TENS = "_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
MONTHS = "January February March April May June July August September October November December".split()
SCALES = (("trillion", 12), ("billion", 9), ("million", 6))

CURRENCY_CODE = {"VND": "VND", "USD": "USD", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY"}
CURRENCY_SIGN = {"VND": "VND", "USD": "US$", "EUR": "€", "JPY": "¥", "CNY": "CNY"}
CURRENCY_WORD = {"VND": "dong", "USD": "US dollars", "EUR": "euros", "JPY": "yen", "CNY": "yuan"}
# Canonical unit → (singular, plural); units written straight after the figure have no space.
UNIT_WORDS = {"t": ("tonne", "tonnes"), "l": ("litre", "litres")}
GLUED = {"%", "°C"}


def cardinal_word(n: int) -> str:
    """0–99 in words: seven, twenty-one."""
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (f"-{UNITS[unit]}" if unit else "")


def ordinal_word(n: int) -> str:
    """1–99 in words: fourth, twenty-first."""
    if n < 20:
        return ORDINAL_UNITS[n]
    tens, unit = divmod(n, 10)
    return f"{TENS[tens]}-{ORDINAL_UNITS[unit]}" if unit else ORDINAL_TENS[tens]


def ordinal_figures(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal(n: int, style: Style) -> str:
    return ordinal_word(n) if 0 < n < min(style.spell_out_below, 100) else ordinal_figures(n)


def figures(amount: Decimal, group: bool = True) -> str:
    """1250 → 1,250; 12.5 stays 12.5 (its written decimals kept); group=False leaves 2024 alone."""
    if amount == amount.to_integral_value():
        whole = int(amount)
        return f"{whole:,}" if group else str(whole)
    text = format(amount, "f")
    head, _, tail = text.partition(".")
    sign = "-" if head.startswith("-") else ""
    return f"{sign}{int(head.lstrip('-') or 0):,}.{tail}"


def count(amount: Decimal, style: Style, group: bool = True) -> str:
    """A plain count: spelt out below the style's limit, else figures."""
    if amount == amount.to_integral_value() and 0 < amount < min(style.spell_out_below, 100):
        return cardinal_word(int(amount))
    return figures(amount, group)


def scaled(amount: Decimal) -> str:
    """2300000000000 → "2.3 trillion"; figures when no scale word gives at most three decimals."""
    for word, exponent in SCALES:
        if amount >= 10 ** exponent:
            q = (amount / Decimal(10) ** exponent).normalize()
            if q.as_tuple().exponent >= -3:
                return f"{figures(q)} {word}"
            break
    return figures(amount)


def _money_number(amount: Decimal) -> str:
    return scaled(amount) if amount >= 10 ** 6 else figures(amount)


def _with_currency(number: str, currency: str, style: Style) -> str:
    if style.currency == CurrencyForm.CODE_BEFORE:
        return f"{CURRENCY_SIGN[currency]}{number}"
    if style.currency == CurrencyForm.WORDS:
        return f"{number} {CURRENCY_WORD[currency]}"
    return f"{number} {CURRENCY_CODE[currency]}"


def _with_unit(number: str, unit: str, amount: Decimal, style: Style) -> str:
    if unit == "%":
        return f"{number}%" if style.percent == PercentForm.SYMBOL else f"{number} per cent"
    if unit in GLUED:
        return f"{number}{unit}"
    if unit in UNIT_WORDS:
        singular, plural = UNIT_WORDS[unit]
        return f"{number} {singular if amount == 1 else plural}"
    return f"{number} {unit}"


def quantity(q: Quantity, style: Style, group: bool = True, scale_word: bool = False) -> str:
    """A count, percentage, measure or amount of money. `scale_word`: the source wrote one
    (1,2 triệu người), so the English keeps one (1.2 million)."""
    if q.unit in CURRENCY_CODE:
        return _with_currency(_money_number(q.amount), q.unit, style)
    number = scaled(q.amount) if scale_word else figures(q.amount, group)
    return number if not q.unit else _with_unit(number, q.unit, q.amount, style)


def date(d: Date, style: Style) -> str:
    if d.month is None:
        return ordinal_figures(d.day) if d.year is None else str(d.year)
    month = MONTHS[d.month - 1]
    if d.day is None:
        return month if d.year is None else f"{month} {d.year}"
    if style.date_order == DateOrder.MONTH_DAY:
        return f"{month} {d.day}" + (f", {d.year}" if d.year is not None else "")
    return f"{d.day} {month}" + (f" {d.year}" if d.year is not None else "")


def quarter(q: Quarter) -> str:
    return f"{ordinal_word(q.quarter)} quarter" + (f" of {q.year}" if q.year is not None else "")


def time(t: Time, style: Style) -> str:
    if style.time_format == TimeFormat.H24:
        return f"{t.hour:02d}:{t.minute:02d}"
    hour = t.hour % 12 or 12
    minutes = f":{t.minute:02d}" if t.minute else ""
    return f"{hour}{minutes} {'am' if t.hour < 12 else 'pm'}"


def date_range(r: Range, style: Style) -> str:
    lo, hi = r.low, r.high
    if lo.month == hi.month and lo.year == hi.year and lo.day is not None and hi.day is not None:
        if lo.month is None:
            return f"{lo.day}–{hi.day}"
        month = MONTHS[lo.month - 1]
        year = "" if lo.year is None else (f", {lo.year}" if style.date_order == DateOrder.MONTH_DAY
                                           else f" {lo.year}")
        if style.date_order == DateOrder.MONTH_DAY:
            return f"{month} {lo.day}–{hi.day}{year}"
        return f"{lo.day}–{hi.day} {month}{year}"
    return f"{date(lo, style)}–{date(hi, style)}"


def _shared_scale(lo: Decimal, hi: Decimal) -> str | None:
    """2e9 and 3e9 → "2–3 billion"; None when the two take different scale words."""
    a, b = scaled(lo), scaled(hi)
    for word, _ in SCALES:
        if a.endswith(f" {word}") and b.endswith(f" {word}"):
            return f"{a[:-len(word) - 1]}–{b}"
    return None


def quantity_range(r: Range, style: Style, group: bool = True, scale_word: bool = False) -> str:
    """19–21°C, 150–300 mm, 2019–2024, 2–3 billion VND: the unit (and a shared scale word) once."""
    lo, hi = r.low, r.high
    unit = hi.unit
    if unit in CURRENCY_CODE or scale_word:
        number = _shared_scale(lo.amount, hi.amount)
        if number is None and hi.amount < 10 ** 6:
            number = f"{figures(lo.amount)}–{figures(hi.amount)}"
        if number is None:
            return f"{quantity(lo, style, scale_word=scale_word)}–{quantity(hi, style, scale_word=scale_word)}"
        return _with_currency(number, unit, style) if unit in CURRENCY_CODE else \
            (number if not unit else _with_unit(number, unit, hi.amount, style))
    number = f"{figures(lo.amount, group)}–{figures(hi.amount, group)}"
    return number if not unit else _with_unit(number, unit, hi.amount, style)

