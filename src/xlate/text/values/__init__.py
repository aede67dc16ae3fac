"""Values — numbers, dates, times, money, measures, ordinals — recognised, rendered and compared by meaning.

Vietnamese writes 1.250 for 1,250, 12,5% for 12.5%, 16-7 for 16 July, 14h30 for
2:30 pm, 2.300 tỷ đồng for 2.3 trillion VND and khóa XII for the 12th tenure.
xlate renders each value in house style before MT (glossary.enforce makes them
requirements, protected like glossary terms) and QA checks the English by
value, not by string: "1 million" carries 1.000.000, "July 16" carries 16-7.

The stable API (docs/python-api.md, "Values"):

    find_values(text, style=DEFAULT) -> list[Value]
        values in Vietnamese text (a normalized unit, as xlate stores msgids): each a
        frozen Value(start, end, text, kind, canonical, english) — offsets into `text`,
        the value as written, a ValueKind, a comparable canonical form, its English.
    english_values(text) -> list[EnglishValue]
        values in English text, in any accepted form: EnglishValue(start, end, text,
        kind, canonical, spelled) — what QA compares with the source's canonicals.
    carry_values(old_source, new_source, old_translation, style=DEFAULT) -> str | None
        when two sources differ only in values, old_translation with each changed value
        replaced (found by value); None when they differ otherwise or a value is not found.
    compare(expected, found) -> Comparison(matched, changed, missing, extra)
        source Values against EnglishValues, paired by meaning (same_value).

Style (the `[style]` section of xlate.toml) holds the house-style choices; DEFAULT
is the Vietnam News Agency's. Canonical forms: Quantity(amount, unit), Date(day,
month, year), Quarter, Time(hour, minute), Ordinal(n), Code(code), Range(low, high).

Inside: vietnamese.py (the source regex), english.py (the English regex),
render.py (canonical → house style), compare.py (compare, carry_values),
model.py (the records), style.py (the settings).
"""

from xlate.text.values.compare import Comparison, carry_values, compare
from xlate.text.values.english import english_values
from xlate.text.values.model import (Canonical, Code, Date, EnglishValue, Ordinal, Quantity, Quarter, Range, Time,
                                     Value, ValueKind, same_value)
from xlate.text.values.style import DEFAULT, CurrencyForm, DateOrder, PercentForm, Style, TimeFormat
from xlate.text.values import vietnamese


def find_values(text: str, style: Style = DEFAULT) -> list[Value]:
    """Every value in a Vietnamese unit, left to right, never overlapping, each with its English."""
    return vietnamese.find_values(text, style)


__all__ = ["DEFAULT", "Canonical", "Code", "Comparison", "CurrencyForm", "Date", "DateOrder", "EnglishValue",
           "Ordinal", "PercentForm", "Quantity", "Quarter", "Range", "Style", "Time", "TimeFormat", "Value",
           "ValueKind", "carry_values", "compare", "english_values", "find_values", "same_value"]
