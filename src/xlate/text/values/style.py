"""House style for values: the `[style]` section of xlate.toml (docs/design.md, "Values").

Defaults are the Vietnam News Agency's English service: British usage,
day-month dates ("16 July 2024"), a 12-hour clock ("2:30 pm"), amounts of
dong with the ISO code after them ("2.3 trillion VND"), the % sign, and the
numbers one to nine spelt out in running text ("five years").
"""

from dataclasses import dataclass, field, fields
from enum import Enum

from xlate.model import StrEnum


class DateOrder(StrEnum):
    DAY_MONTH = "day-month"  # 16 July 2024 (British, VNA)
    MONTH_DAY = "month-day"  # July 16, 2024 (American)


class TimeFormat(StrEnum):
    H12 = "12h"  # 2:30 pm, 7 am
    H24 = "24h"  # 14:30, 07:00


class CurrencyForm(StrEnum):
    CODE_AFTER = "code-after"  # 2.3 trillion VND, 1.5 million USD
    CODE_BEFORE = "code-before"  # VND2.3 trillion, US$1.5 million
    WORDS = "words"  # 2.3 trillion dong, 1.5 million US dollars


class PercentForm(StrEnum):
    SYMBOL = "symbol"  # 12.5%
    WORDS = "per cent"  # 12.5 per cent


@dataclass(frozen=True)
class Style:
    """How values are written in English. Every choice is a `[style]` key of xlate.toml."""

    date_order: DateOrder = field(default=DateOrder.DAY_MONTH, metadata={
        "doc": '"day-month" (16 July 2024) or "month-day" (July 16, 2024)'})
    time_format: TimeFormat = field(default=TimeFormat.H12, metadata={
        "doc": '"12h" (14h30 → 2:30 pm) or "24h" (14h30 → 14:30)'})
    currency: CurrencyForm = field(default=CurrencyForm.CODE_AFTER, metadata={
        "doc": '"code-after" (2.3 trillion VND), "code-before" (VND2.3 trillion) or "words" (2.3 trillion dong)'})
    percent: PercentForm = field(default=PercentForm.SYMBOL, metadata={
        "doc": '"symbol" (12.5%) or "per cent" (12.5 per cent)'})
    spell_out_below: int = field(default=10, metadata={
        "doc": "counts and ordinals below this are spelt out (5 năm → five years, lần thứ 4 → fourth); 0: never"})

    def __post_init__(self):
        # Settings come from TOML as plain strings: take those that name a choice, refuse the rest.
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(f.default, Enum):
                choices = type(f.default)
                if value not in {c.value for c in choices}:
                    raise ValueError(f"{f.name} must be one of {', '.join(repr(c.value) for c in choices)}, "
                                     f"not {value!r}")
                object.__setattr__(self, f.name, choices(value))
        if isinstance(self.spell_out_below, bool) or not isinstance(self.spell_out_below, int) \
                or self.spell_out_below < 0:
            raise ValueError(f"spell_out_below must be a whole number, 0 or more, not {self.spell_out_below!r}")


DEFAULT = Style()
