"""Source values against English values: QA's comparison, and carrying values into a reused translation.

compare() pairs the values by meaning, in three rounds: the same value
(same_value), then a range against its two ends written apart ("2019 and
2024", "from 1,250 to 1,500"), then what is left of one family (a date for a
date, a quantity for a quantity) as a changed value. Whatever source value is
still alone is missing; whatever English value is still alone is extra.
"""

import dataclasses
import re
from dataclasses import dataclass, field

from xlate.text.values import render
from xlate.text.values.english import english_values
from xlate.text.values.model import Date, EnglishValue, Ordinal, Quantity, Range, Time, Value, family, same_value
from xlate.text.values.style import DEFAULT, DateOrder, Style, TimeFormat
from xlate.text.values.vietnamese import find_values


@dataclass(frozen=True)
class Comparison:
    matched: list[tuple[Value, EnglishValue]] = field(default_factory=list)
    changed: list[tuple[Value, EnglishValue]] = field(default_factory=list)  # (source, what the English has)
    missing: list[Value] = field(default_factory=list)
    extra: list[EnglishValue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.changed and not self.missing


def compare(expected: list[Value], found: list[EnglishValue]) -> Comparison:
    """Pair every source value with an English value of the same meaning (see the module docstring)."""
    result = Comparison()
    free = list(found)
    alone: list[Value] = []
    for value in expected:
        hit = next((f for f in free if same_value(value.canonical, f.canonical)), None)
        if hit is None:
            alone.append(value)
        else:
            free.remove(hit)
            result.matched.append((value, hit))
    alone = _ends_apart(alone, free, result)
    alone = _ranges_apart(alone, free, result)
    for value in alone:
        hit = next((f for f in free if family(f.canonical) is family(value.canonical)), None)
        if hit is None:
            result.missing.append(value)
        else:
            free.remove(hit)
            result.changed.append((value, hit))
    result.extra.extend(free)
    return result


def _ends_apart(alone: list[Value], free: list[EnglishValue], result: Comparison) -> list[Value]:
    """A source range whose two ends the English writes apart: "between 2019 and 2024" read as two."""
    left = []
    for value in alone:
        if isinstance(value.canonical, Range):
            lo = next((f for f in free if same_value(value.canonical.low, f.canonical)), None)
            hi = next((f for f in free if f is not lo and same_value(value.canonical.high, f.canonical)), None)
            if lo is not None and hi is not None:
                free.remove(lo)
                free.remove(hi)
                result.matched.extend([(value, lo), (value, hi)])
                continue
        left.append(value)
    return left


def _ranges_apart(alone: list[Value], free: list[EnglishValue], result: Comparison) -> list[Value]:
    """Two source values the English joins into a range: tăng từ 1.250 lên 1.500 → from 1,250 to 1,500."""
    for f in [f for f in free if isinstance(f.canonical, Range)]:
        lo = next((v for v in alone if same_value(v.canonical, f.canonical.low)), None)
        hi = next((v for v in alone if v is not lo and same_value(v.canonical, f.canonical.high)), None)
        if lo is not None and hi is not None:
            free.remove(f)
            alone = [v for v in alone if v is not lo and v is not hi]
            result.matched.extend([(lo, f), (hi, f)])
    return alone


# --- carry_values ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")


def _skeleton(text: str, values: list[Value]) -> list[list[str]]:
    """The text's tokens between its values: equal skeletons differ only in values."""
    gaps, last = [], 0
    for v in values:
        gaps.append(_TOKEN.findall(text[last:v.start]))
        last = v.end
    return gaps + [_TOKEN.findall(text[last:])]


def carry_values(old_source: str, new_source: str, old_translation: str, style: Style = DEFAULT) -> str | None:
    """old_translation made right for new_source, when the two sources differ only in values.

    Each value that changed is found in old_translation by value (16-7 is "16 July"
    or "July 16" there) and replaced by the new value, in the form the translation
    used where that is a plain number, ordinal, date or time (two → three, 13th →
    14th, July 16 → July 17), else in house style. None when the sources differ in
    anything but values, or a changed value is not in the translation.
    """
    old, new = find_values(old_source, style), find_values(new_source, style)
    if len(old) != len(new) or _skeleton(old_source, old) != _skeleton(new_source, new):
        return None
    free = english_values(old_translation)
    edits: list[tuple[EnglishValue, str]] = []
    for before, after in zip(old, new):
        hit = next((f for f in free if same_value(before.canonical, f.canonical)), None)
        if hit is not None:
            free.remove(hit)  # an unchanged value keeps its place, so a changed twin cannot take it
        if before.canonical == after.canonical:
            continue
        if hit is None:
            return None
        edits.append((hit, _like(hit, after, style)))
    text = old_translation
    for hit, replacement in sorted(edits, key=lambda e: e[0].start, reverse=True):
        text = text[:hit.start] + replacement + text[hit.end:]
    return text


def _like(hit: EnglishValue, new: Value, style: Style) -> str:
    """The new value written the way the translation wrote the old one, where that is clear."""
    was, now = hit.canonical, new.canonical
    if isinstance(was, Ordinal) and isinstance(now, Ordinal):
        text = render.ordinal_word(now.n) if hit.spelled and now.n < 100 else render.ordinal_figures(now.n)
    elif isinstance(was, Quantity) and isinstance(now, Quantity) and was.unit == now.unit == "":
        whole = now.amount == now.amount.to_integral_value()
        if hit.spelled and whole and 0 <= now.amount < 100:
            text = render.cardinal_word(int(now.amount))  # two → three
        elif any(c.isalpha() for c in hit.text):
            text = render.scaled(now.amount)  # 1 million → 1.5 million
        else:
            # Grouping as the translation had it (1,250 or 1250); a figure under 1,000 shows neither: house style.
            shown = hit.text if was.amount >= 1000 else new.english
            text = render.figures(now.amount, group=now.amount >= 10000 or "," in shown)
    elif isinstance(was, Date) and isinstance(now, Date):
        kept = Date(*(getattr(now, f.name) if getattr(now, f.name) is not None else getattr(was, f.name)
                      for f in dataclasses.fields(Date)))
        order = DateOrder.MONTH_DAY if hit.text[:1].isalpha() and not hit.text.lower().startswith("the") \
            else DateOrder.DAY_MONTH
        text = render.date(kept, dataclasses.replace(style, date_order=order)) if kept.month else new.english
    elif isinstance(was, Time) and isinstance(now, Time):
        form = TimeFormat.H12 if re.search(r"[ap]\.?m", hit.text, re.I) else TimeFormat.H24
        text = render.time(now, dataclasses.replace(style, time_format=form))
    else:
        text = new.english
    if hit.text[:1].isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text

