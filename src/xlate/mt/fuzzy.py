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
memory. Each stored unit is indexed by its features: its words and its word
pairs (Vietnamese words are mostly two syllables, so pairs are rare where
syllables are not). A stored unit reaching `threshold` percent is at most D
edits away from the query (`max_edits`), and an edit removes at most one word
or two pairs of the query; so it lacks at most D of the query's distinct words,
or 2·D of its pairs, and holds at least k of any D + k (or 2·D + k) of them
("prefix filtering", as in similarity joins). `plan` takes the rarest ones of
whichever kind costs fewer index entries to read. The filter is exact (it
never drops a unit that would have matched); the few survivors are then
scored exactly.
"""

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from xlate.text.normalize import fold_tones, normalize

# A number with its separators is one word; otherwise a run of letters and digits.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")
PAIR = "~"  # joins the two words of a pair feature (the index's tokenizer keeps it inside a token)
# How many of the looked-up features a candidate must hold, at most (see the module doc): more
# means reading more index entries but scoring far fewer candidates.
REQUIRED_HITS = 3


@lru_cache(maxsize=1 << 15)
def words(text: str) -> tuple[str, ...]:
    """The words of a unit in comparison form (normalize.match_key, word by word), in order.
    (Kept for the units of a run: a unit is looked up in the memory and indexed as waiting.)"""
    return tuple(_folded(word) for word in _WORD.findall(normalize(text).casefold()))


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


def max_edits(n: int, threshold: int) -> int:
    """At most how many word edits separate an n-word query from a unit reaching `threshold`."""
    # Edits ≤ (100 − t)% of the longer unit, itself at most n·100/t words long.
    return (100 - threshold) * length_bounds(n, threshold)[1] // 100


def features(words: list[str]) -> set[str]:
    """What the index holds for a unit: its distinct words and word pairs."""
    found = set(words)
    found.update([a + PAIR + b for a, b in zip(words, words[1:])])
    return found


def indexed(text: str) -> tuple[str, int, str]:
    """How an index keeps a text: its words joined by spaces, how many, and its features joined
    (made where there is time for it — the run's worker — and kept by xlate.state)."""
    found = words(text)
    return " ".join(found), len(found), " ".join(features(list(found)))


def plan(query: list[str], frequency: dict[str, int], threshold: int) -> tuple[list[str], int] | None:
    """The features to look up and how many of them a candidate must hold; None if no unit can match.

    `frequency`: in how many stored units each feature occurs. It picks the
    cheapest features, and a feature counted 0 is taken to be in no unit.
    """
    edits = max_edits(len(query), threshold)
    words = sorted(set(query))
    pairs = sorted({f"{a}{PAIR}{b}" for a, b in zip(query, query[1:])})
    options = []
    for wanted, allowed in ((words, edits), (pairs, 2 * edits)):
        known = sorted((f for f in wanted if frequency.get(f, 0) > 0), key=lambda f: (frequency[f], f))
        allowed -= len(wanted) - len(known)  # a feature no unit has is missing from every candidate
        if allowed < 0:
            return None  # more are missing everywhere than a match may lack
        if len(known) > allowed:
            hits = min(REQUIRED_HITS, len(known) - allowed)
            look = known[:allowed + hits]
            options.append((sum(frequency[f] for f in look), look, hits))
    if options:
        return min(options)[1:]
    # Too short to narrow by counting: a match shares at least one word (else it is 0 % alike).
    known = [w for w in words if frequency.get(w, 0) > 0]
    return (known, 1) if known else None
