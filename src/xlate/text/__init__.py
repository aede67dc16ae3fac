"""Vietnamese text: normal forms, sentence segmentation and personal names (pipeline steps 2–3).

    normalize(text)          the stored form of a unit: NFC, Ð→Đ, whitespace collapsed
    match_key(text)          the comparison form: also tone placement and case folded
    split_sentences(text)    one paragraph → its sentences (lossless)
    units_of(article)        an Article's translation units in source order
    find_names(text)         personal names, with their English (no diacritics, Vietnamese order)
"""

from xlate.text.names import Name, find_names, transliterate
from xlate.text.normalize import fold_tones, match_key, normalize, strip_diacritics
from xlate.text.segment import split_sentences, units_of

__all__ = ["Name", "find_names", "fold_tones", "match_key", "normalize", "split_sentences",
           "strip_diacritics", "transliterate", "units_of"]
