"""Fuzzy matching: how alike two Vietnamese units are, word by word, and which stored units may be alike.

Similarity is OmegaT's: one minus the word-level edit distance divided by the
longer unit's length in words, as a whole percentage (floored, so 75 % means
"at least three words in four line up"). Vietnamese writes one syllable per
word, so a syllable is a word here; numbers (1.250, 12,5, 16.8.2019) are one
word each; punctuation is not a word. Words are compared in match_key form
(case, tone-mark placement and Unicode form folded), so only a real change of
wording costs. Two units whose words are all the same but whose text is not
(punctuation, case) are 99 %, never 100 %: only an identical unit is exact.

Retrieval (memory.Memory.fuzzy) must not compare a unit with the whole
memory. A stored unit reaching `threshold` percent can differ from the query by
at most `max_missing` words and its length is within `length_bounds`, so it
contains at least k of any `max_missing + k` distinct words of the query
("prefix filtering", as in similarity joins). Taking the rarest ones keeps the
index's posting lists short; the filter is exact (it never drops a unit that
would have matched), and survivors are then scored exactly.
"""

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from xlate.text.normalize import fold_tones, normalize

# A number with its separators is one word; otherwise a run of letters and digits.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")
# How many of the chosen rare words a candidate must hold (see the module doc).
REQUIRED_HITS = 2


def words(text: str) -> list[str]:
    """The words of a unit in comparison form (normalize.match_key, word by word), in order."""
    return [_folded(word) for word in _WORD.findall(normalize(text).casefold())]


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    # Tone placement only moves within a syllable: folding word by word is folding the text,
    # and a language has few enough syllables for a cache to answer almost every call.
    return fold_tones(word)


def percent(query: list[str], candidate: list[str], same_text: bool = False) -> int:
    """OmegaT's word-level similarity, 0–100; 100 only for identical text (`same_text`)."""
    longest = max(len(query), len(candidate))
    if longest == 0:
        return 100 if same_text else 0
    distance = Levenshtein.distance(query, candidate)
    value = (100 * (longest - distance)) // longest
    return value if same_text or value < 100 else 99


def length_bounds(n: int, threshold: int) -> tuple[int, int]:
    """The word counts a unit may have and still reach `threshold` against a unit of n words."""
    return -(-n * threshold // 100), n * 100 // threshold


def max_missing(n: int, threshold: int) -> int:
    """At most how many distinct words of an n-word query a unit reaching `threshold` can lack."""
    # Each absent word costs at least one edit; edits ≤ (100 − t)% of the longer unit, itself ≤ n·100/t.
    return (100 - threshold) * length_bounds(n, threshold)[1] // 100


def probe(query: list[str], frequency: dict[str, int], threshold: int) -> tuple[list[str], int] | None:
    """The words to look up and how many of them a candidate must hold; None if no unit can match.

    `frequency`: in how many stored units each word occurs (approximate is fine:
    it only decides which words are cheapest to look up).
    """
    distinct = sorted(set(query))
    allowed = max_missing(len(query), threshold)
    known = sorted((w for w in distinct if frequency.get(w, 0) > 0), key=lambda w: (frequency[w], w))
    allowed -= len(distinct) - len(known)  # a word no unit has is missing from every candidate
    if allowed < 0 or not known:
        return None
    hits = max(1, min(REQUIRED_HITS, len(known) - allowed))
    if allowed + hits > len(known):
        return known, max(1, len(known) - allowed)
    return known[:allowed + hits], hits
