"""What a value is: its kind, its canonical form (what QA compares), and where it was written.

Canonical forms are frozen dataclasses, hashable and equal exactly when two
writings mean the same thing: 1.250 (Vietnamese) and 1,250 and "1.25
thousand" (English) are all Quantity(Decimal(1250)). `same_value` adds the
one leniency QA needs: an English date may say more than the source (16-7 is
met by "16 July 2024"), never less.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

from xlate.model import StrEnum


class ValueKind(StrEnum):
    NUMBER = "number"  # 1.250, 12,5, 2024, hai, 1,2 triệu
    PERCENT = "percent"  # 12,5%
    MONEY = "money"  # 2.300 tỷ đồng, 1,5 triệu USD
    MEASURE = "measure"  # 150 km, 20 ha, 21 độ C
    RANGE = "range"  # 2019-2024, 19-21 độ C, 15-16/7; also a score, 2-1
    DATE = "date"  # 16-7, 16/7/2024, 16.8.2019, ngày 1 tháng 11 năm 2024, tháng 11/2024, quý I/2024
    TIME = "time"  # 14h30, 7h sáng, 14:30
    ORDINAL = "ordinal"  # lần thứ XII, thứ hai, khóa XII, Đại hội XIII, Hội nghị Trung ương 4, thế kỷ XXI
    CODE = "code"  # document numbers and codes kept as written: 04/NQ-CĐVC, số 01, COVID-19


@dataclass(frozen=True)
class Quantity:
    """An amount, exact (Decimal), with its unit: "" (a count), "%", "VND", "USD", "km", "°C" …"""

    amount: Decimal
    unit: str = ""


@dataclass(frozen=True)
class Date:
    """A calendar date, as much of it as was written (16-7 has no year; tháng 11/2024 no day)."""

    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Quarter:
    quarter: int  # 1–4
    year: int | None = None


@dataclass(frozen=True)
class Time:
    hour: int  # 0–23
    minute: int = 0


@dataclass(frozen=True)
class Ordinal:
    """The n-th: lần thứ XII, the 13th Congress, the fourth plenum, the 12th tenure."""

    n: int


@dataclass(frozen=True)
class Code:
    """An identifier as written, compared without diacritics and in capitals: 04/NQ-CDVC, COVID-19."""

    code: str


@dataclass(frozen=True)
class Range:
    """low–high (a period, a span of measures, a span of dates); also a score, where low > high."""

    low: "Canonical"
    high: "Canonical"


Canonical = Quantity | Date | Quarter | Time | Ordinal | Code | Range


@dataclass(frozen=True)
class Value:
    """A value in Vietnamese text: where it is, what it means, and its house-style English."""

    start: int  # offsets into the text given to find_values
    end: int
    text: str  # as written: "2.300 tỷ đồng"
    kind: ValueKind
    canonical: Canonical  # Quantity(Decimal("2.3E+12"), "VND")
    english: str  # "2.3 trillion VND" (per Style)


@dataclass(frozen=True)
class EnglishValue:
    """A value in English text (what QA and carry_values look for in a translation)."""

    start: int
    end: int
    text: str  # as written: "July 16", "1.25 thousand", "two"
    kind: ValueKind
    canonical: Canonical
    spelled: bool = False  # written in words ("two", "fourth"): idiom, never an "extra" value


def same_value(source: Canonical, english: Canonical) -> bool:
    """Does the English value carry the source value? Equal, except that a date (or a date
    range) may give more of itself than the source did; and the 16th is day 16."""
    if isinstance(source, Date) and isinstance(english, Date):
        return all(getattr(source, f.name) in (None, getattr(english, f.name)) for f in fields(Date))
    if isinstance(source, Date) and isinstance(english, Ordinal):
        return source.month is None and source.year is None and source.day == english.n
    if isinstance(source, Quarter) and isinstance(english, Quarter):
        return source.quarter == english.quarter and source.year in (None, english.year)
    if isinstance(source, Range) and isinstance(english, Range):
        return same_value(source.low, english.low) and same_value(source.high, english.high)
    return source == english


def family(canonical: Canonical) -> type:
    """Values of one family can be mistaken for each other: a changed value, not a missing one."""
    return type(canonical)
