"""How sure the engine was of a draft: its confidence, from CTranslate2's own scores (docs/design.md, "MT engine").

The confidence is the geometric mean of the probabilities the model gave the
tokens it chose, end-of-sentence included: exp(log-likelihood / tokens), as a
percentage. Dividing by the token count makes a long unit and a short one
comparable. CTranslate2 returns the log-likelihood already divided by
length^length_penalty (the decoding option the engine passes), so that is
undone first.

It measures the model's certainty, not the translation's correctness: a
fluent, confident draft can still be wrong (a name the model always gets
wrong, a number it drops), and a correct but unusual phrasing can score low.
It ranks drafts for review; it is never a reason to approve one.
"""

import math
from dataclasses import dataclass

import polib

from xlate.catalog import comments
from xlate.model import Diagnostic, Severity


@dataclass(frozen=True)
class Translation:
    """One engine output: the English and how sure the engine was of it (0–1)."""

    text: str
    confidence: float


def from_score(score: float, tokens: int, length_penalty: float) -> float:
    """Confidence (0–1) from CTranslate2's hypothesis score over `tokens` scored tokens."""
    if tokens <= 0:
        return 0.0
    log_likelihood = score * tokens ** length_penalty
    return math.exp(min(0.0, log_likelihood / tokens))


def percent(confidence: float) -> int:
    """As shown in a draft's `mt:` line: a whole percentage, 0–100."""
    return max(0, min(100, round(confidence * 100)))


def is_low(value: int | None, threshold: int) -> bool:
    """An MT draft the engine was unsure of (`[mt] low_confidence`); None: not an MT draft with a figure."""
    return value is not None and value < threshold


def low_drafts(po: polib.POFile, threshold: int) -> list[tuple[int, polib.POEntry]]:
    """(confidence, entry) of every MT draft under `threshold`, weakest first, then in file order."""
    found = []
    for entry in po:
        value = comments.confidence(entry.comment)
        if not entry.obsolete and entry.msgstr and entry.fuzzy and is_low(value, threshold):
            found.append((value, entry))
    return sorted(found, key=lambda pair: pair[0])


def weakest(catalogs: list[tuple[str, polib.POFile]], threshold: int) -> list[Diagnostic]:
    """`xlate check`'s first rows: the MT drafts under `threshold` over all catalogs (shown path,
    catalog), weakest first, so a reviewer with ten minutes starts where the engine was least sure."""
    rows = [(value, shown, entry) for shown, po in catalogs for value, entry in low_drafts(po, threshold)]
    rows.sort(key=lambda row: (row[0], row[1], row[2].linenum))
    return [Diagnostic(Severity.WARNING, f"low MT confidence {value}% (under [mt] low_confidence {threshold}%): "
                                         "review this draft first", "confidence", shown, entry.linenum, entry.msgid)
            for value, shown, entry in rows]
