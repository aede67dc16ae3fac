"""Ingest: one seed file → an Article (metadata + title/body/caption blocks), pipeline step 1.

    read_seed(path)  the file's text, or an InputError saying what is wrong with the file
    parse(text)      the text as an Article; every line not translated is kept in Article.dropped
    ingest(path)     both, for a seed in a workspace
"""

from pathlib import Path

from xlate.errors import InputError
from xlate.fsutil import shown
from xlate.ingest.parse import parse
from xlate.ingest.read import MAX_SEED_BYTES, SEED_SUFFIXES, read_seed
from xlate.model import RESERVED_STEMS, Article

__all__ = ["MAX_SEED_BYTES", "SEED_SUFFIXES", "ingest", "parse", "read_seed"]


def ingest(path: Path, workspace: Path) -> Article:
    if path.stem.lower() in RESERVED_STEMS:
        raise InputError(f"the name {path.stem!r} is reserved for the combined exports",
                         path=shown(path, workspace), hint="rename the file")
    text = read_seed(path, workspace)
    article = parse(text, path.stem, shown(path, workspace))
    if not article.blocks:
        raise InputError("has no article text after removing boilerplate", path=article.source,
                         hint="check that the file is a news article")
    return article
