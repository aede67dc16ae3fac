"""Text normalization shared by every stage.

Two different normal forms exist on purpose:
- `normalize` is what xlate stores and shows (msgids): NFC, Đ fixed,
  whitespace collapsed. The source keeps its own tone-mark placement.
- `match_key` is only for comparing (glossary, names): it also folds old/new
  tone-mark placement and case, so "hoà" and "hòa" compare equal.
"""

import re
import unicodedata

# U+00D0 (Icelandic eth) is a common mis-encoding of U+0110 (Vietnamese Đ); in
# Vietnamese text it always stands for Đ. The lower-case eth (ð) likewise for đ.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

_WHITE = r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
# Every run of white space becomes one space: a run of two or more, or one that is not a plain
# space, is replaced; a single plain space (most of them) is not even matched. The pattern starts
# with the class itself, so the regex engine skips ahead to white space rather than trying
# alternatives at every character.
_SPACES = re.compile(rf"{_WHITE}(?:{_WHITE}+|(?<! ))")

# Old-style placement (tone on the first vowel of oa/oe/uy) → new style (on the
# second vowel), the form Vietnamese standards recommend. Keys are NFD pieces.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave acute tilde hook dot-below
_OLD_TONE = re.compile(r"([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY])")


def normalize(text: str) -> str:
    """The stored form of a unit: NFC, Ð→Đ, whitespace collapsed and trimmed."""
    text = unicodedata.normalize("NFC", text)
    if "\u00d0" in text or "\u00f0" in text:  # str.translate is slow: only when there is an eth
        text = text.translate(_ETH)
    return _SPACES.sub(" ", text).strip()


def _move_tone(m: re.Match) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def fold_tones(text: str) -> str:
    """Move tone marks from old to new placement (hòa→hoà, Ủy→Uỷ); NFC out.

    Only the two-vowel nuclei where the styles differ (oa, oe, uy) followed by
    nothing that makes the placement fixed anyway (hoàn keeps the tone on a).
    """
    decomposed = unicodedata.normalize("NFD", text)

    def fix(m: re.Match) -> str:
        end = m.end()
        nxt = decomposed[end:end + 1]
        # With a final consonant or vowel after the nucleus both styles agree.
        if nxt and (nxt.isalpha() or unicodedata.combining(nxt)):
            return m.group(0)
        return _move_tone(m)

    return unicodedata.normalize("NFC", _OLD_TONE.sub(fix, decomposed))


def match_key(text: str) -> str:
    """The comparison form: normalized, new tone placement, case-folded."""
    return fold_tones(normalize(text)).casefold()


def strip_diacritics(text: str) -> str:
    """ASCII-fold Vietnamese: Nguyễn→Nguyen, Đặng→Dang (for names in English)."""
    text = normalize(text).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
