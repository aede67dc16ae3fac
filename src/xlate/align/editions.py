"""The two editions of a pair, read into sentences: seeds/<stem>.* (Vietnamese) and published/<stem>.* (English).

Both files are ingested by the same rules (xlate.ingest: text, Markdown or a
saved page; chrome dropped; front matter wins). The Vietnamese is cut into units
exactly as `xlate run` cuts it (so a bead's Vietnamese is a msgid), the English
by the English rules (xlate.text.english). A published file that is empty or
is not English is an InputError naming it.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from xlate import ingest
from xlate.align.model import Sentence
from xlate.errors import InputError
from xlate.ingest import IngestRules
from xlate.model import SENTENCE_KINDS, Article
from xlate.text import english, units_of

# Letters only Vietnamese writes (and tone marks): more than this share of a text's letters
# means it is not an English edition. English names keep no diacritics in house style;
# a few quoted Vietnamese names with their marks stay far below it.
VIETNAMESE_SHARE = 0.04
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")
# Words that tell English prose from another Latin-script language.
ENGLISH_WORDS = frozenset("the of and to in a is that for on with by as at from was were has have".split())
MIN_ENGLISH_SHARE = 0.05


@dataclass(frozen=True)
class Edition:
    article: Article
    sentences: list[Sentence]


def vietnamese(path: Path, workspace: Path, rules: IngestRules, abbreviations=()) -> Edition:
    article = ingest.ingest(path, workspace, rules)
    return Edition(article, [Sentence(u.text, u.kind, u.block, u.line) for u in units_of(article, abbreviations)])


def english_edition(path: Path, workspace: Path, rules: IngestRules) -> Edition:
    article = ingest.ingest(path, workspace, rules)
    sentences = []
    for number, block in enumerate(article.blocks):
        pieces = english.split_sentences(block.text) if block.kind in SENTENCE_KINDS else [block.text]
        sentences += [Sentence(text, block.kind, number, block.line) for text in pieces if text]
    why = not_english(" ".join(s.text for s in sentences))
    if why:
        raise InputError(f"is not an English edition: {why}", path=article.source,
                         hint="published/ holds the English edition of the seed with the same name")
    return Edition(article, sentences)


def not_english(text: str) -> str | None:
    """Why `text` is not English prose, or None."""
    decomposed = unicodedata.normalize("NFD", text)
    letters = sum(c.isalpha() for c in decomposed)
    if letters == 0:
        return "it has no text"
    marks = len(_VIETNAMESE.findall(decomposed))
    if marks / letters > VIETNAMESE_SHARE:
        return f"{100 * marks // letters}% of its letters are Vietnamese (is it the Vietnamese original?)"
    words = re.findall(r"[a-z]+", text.casefold())
    if words and sum(w in ENGLISH_WORDS for w in words) / len(words) < MIN_ENGLISH_SHARE:
        return "too few English words"
    return None
