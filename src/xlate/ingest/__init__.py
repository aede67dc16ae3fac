"""Ingest: one seed file → an Article (metadata + title/subheading/body/item/caption blocks), pipeline step 1.

    read_seed(path)     the file's text (a page: in its declared charset), or an InputError saying what is wrong
    parse(text, …)      the text as an Article; every piece not translated is kept in Article.dropped
    ingest(path, …)     both, for a seed in a workspace
    not_a_seed(path)    what a file in seeds/ is when xlate does not read it, and what to do
    compile_rules(…)    a workspace's [ingest] drop/keep patterns

Modules, in data-flow order: read (file checks, charsets), markup (text seeds →
pieces), page (saved pages → pieces, with trafilatura), chrome (what one piece
of page chrome looks like), credits (lead tags, photo credits, bylines),
assemble (the block rules), rules (workspace rules), explain (`xlate show`).
"""

from pathlib import Path

from xlate.errors import InputError
from xlate.fsutil import shown
from xlate.ingest.parse import is_page, parse
from xlate.ingest.read import MAX_SEED_BYTES, SEED_SUFFIXES, not_a_seed, read_seed
from xlate.ingest.rules import DEFAULT_RULES, IngestRules, compile_rules
from xlate.model import RESERVED_STEMS, Article, Kind

__all__ = ["MAX_SEED_BYTES", "SEED_SUFFIXES", "IngestRules", "compile_rules", "ingest", "not_a_seed", "parse",
           "read_seed"]


def ingest(path: Path, workspace: Path, rules: IngestRules = DEFAULT_RULES, data: bytes | None = None) -> Article:
    """The seed at `path` as an Article (`data`: its bytes, if read already)."""
    where = shown(path, workspace)
    if path.stem.lower() in RESERVED_STEMS:
        raise InputError(f"the name {path.stem!r} is reserved for the combined exports",
                         path=where, hint="rename the file")
    text = read_seed(path, workspace, data)
    if is_page(where):
        from xlate.ingest.page import NoArticle

        try:
            article = parse(text, path.stem, where, rules)
        except NoArticle as exc:
            raise _no_article(str(exc), where) from None
        if not any(b.kind != Kind.TITLE for b in article.blocks):
            raise _no_article("nothing but a headline is left once the page's chrome is removed", where)
    else:
        article = parse(text, path.stem, where, rules)
    if not article.blocks:
        raise InputError("has no article text after removing boilerplate", path=article.source,
                         hint=f"check that the file is a news article; `xlate show {path.stem}` shows what was dropped")
    return article


def _no_article(why: str, where: str) -> InputError:
    return InputError(f"has no article in it: {why}", path=where,
                      hint="save the article's own page (not a home or section page), "
                           "or paste its text into a .txt file")
