"""Split a normalized English news paragraph into sentences: published editions (xlate align).

The same design as segment.py, with English tables: every run of
sentence-final punctuation followed by whitespace is a candidate boundary;
it becomes a split when what follows looks like the start of a sentence and no
no-break rule claims the punctuation. Where the text is ambiguous, do not cut:
a missed split makes a 1-2 bead where a 1-1 was due, a false split makes a
fragment that aligns with nothing.

No model and no download: the rules are the tables below. Each says why it exists.

The result is lossless like segment.py's: " ".join(split_sentences(p)) == p
for normalized input.
"""

import re

from xlate.text.segment import CLOSE, OPEN

_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())

# Sentence-final punctuation, the closing quotes or brackets that belong to the
# sentence ending (`he said.” The`), then the whitespace where a cut is made.
_CANDIDATE = re.compile(rf"(?P<end>[.!?…]+)[{re.escape(CLOSE)}]*(?P<gap>\s+)")
# What starts a sentence: a capital or a digit, possibly after opening quotes or brackets.
_STARTS = re.compile(rf"[{re.escape(OPEN)}]{{0,2}}\s?[{_UPPER}\d]")

# Abbreviations that never end a sentence: titles before a name, and the words
# news English abbreviates mid-sentence. Matched with exact case ("No." is an
# abbreviation, "no." ends "He said no.").
TITLES = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.",
    "Sen.", "Rep.", "Gov.", "Pres.", "Rev.", "Fr.", "St.", "Jr.", "Sr.", "Hon.", "Amb.",
}
MID_SENTENCE = {
    "No.", "Nos.", "Vol.", "Art.", "Fig.", "Dept.", "vs.", "v.", "approx.", "est.", "cf.", "ca.", "Ave.", "Blvd.", "Rd.", "Mt.", "Ft.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "p.", "pp.", "para.", "ch.", "sec.",
}
# Dotted forms that end a sentence only before a word that cannot continue it:
# "in the U.S. The Fed" ends one, "the U.S. delegation", "U.S. President Biden",
# "at 9 a.m. Monday" and "e.g. Hanoi" do not. Lower-case words after them never start a sentence.
DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")  # U.S., U.K., a.m., p.m., e.g., i.e., D.C.
# Company suffixes end a name, and a sentence only as the dotted forms do ("… Samsung Electronics Co. The …").
COMPANY = {"Corp.", "Inc.", "Ltd.", "Co.", "Bros.", "Plc."}
# Words that only start a sentence (never follow a name, title or "a.m." inside one).
SENTENCE_STARTERS = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those", "There",
    "His", "Her", "Its", "Their", "Our", "In", "On", "At", "By", "For", "From", "With", "After",
    "Before", "During", "Under", "Over", "As", "But", "And", "However", "Meanwhile", "Also", "If",
    "When", "While", "According", "Earlier", "Later", "Last", "Next", "Such", "Some", "Many", "Most",
}
# "etc." closes a list: before a lower-case word the sentence goes on, before a capital one starts.
LIST_ENDS = {"etc.", "etc.."}


def _word_before(text: str, end: int) -> str:
    """The word carrying the punctuation that ends at `end`, without opening quotes or brackets."""
    words = text[:end].split()
    return words[-1].lstrip(OPEN) if words else ""


def _next_word(text: str, start: int) -> str:
    m = re.match(rf"[{re.escape(OPEN)}]*\s?([\w’']+)", text[start:])
    return m.group(1) if m else ""


def _is_initial(word: str) -> bool:
    """"J." of "J. K. Rowling" or "George W. Bush": a single capital is an initial, never a sentence's end
    (the ambiguous "Plan B. The" stays whole: see the module docstring)."""
    return len(word) == 2 and word[0] in _UPPER


def _is_break(text: str, m: re.Match) -> bool:
    if not _STARTS.match(text, m.end()):
        return False
    run = m.group("end")
    if "…" in run or "..." in run or run != ".":
        return True  # ! ? … and an ellipsis before a capital end a sentence
    word = _word_before(text, m.end("end"))
    if word in TITLES or word in MID_SENTENCE:
        return False
    if word.casefold() in LIST_ENDS:
        return True
    if _is_initial(word):
        return False
    if DOTTED.fullmatch(word) or word in COMPANY:
        return _next_word(text, m.end()) in SENTENCE_STARTERS
    return True


def split_sentences(text: str) -> list[str]:
    """One normalized English paragraph (single spaces, stripped) → its sentences, losslessly."""
    sentences, start = [], 0
    for m in _CANDIDATE.finditer(text):
        if _is_break(text, m):
            sentences.append(text[start:m.start("gap")])
            start = m.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]
