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
