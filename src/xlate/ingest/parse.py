"""A seed's text → an Article: the reader its kind needs, then the block rules.

    parse(text, stem, source)   .txt/.md text, or a saved page's HTML when `source` ends in .html/.htm

Pure: no I/O. See markup.py (text seeds), page.py (saved pages) and
assemble.py (the rules both share); every piece not translated is kept in
Article.dropped with its reason.
"""

from xlate.ingest import assemble, markup
from xlate.ingest.read import PAGE_SUFFIXES
from xlate.ingest.rules import DEFAULT_RULES, IngestRules
from xlate.model import Article


def is_page(source: str) -> bool:
    return source.lower().endswith(PAGE_SUFFIXES)


def parse(text: str, stem: str, source: str, rules: IngestRules = DEFAULT_RULES) -> Article:
    """Turn a seed's text into an Article. A page with no article raises page.NoArticle."""
    if is_page(source):
        from xlate.ingest import page  # trafilatura: only for saved pages

        read = page.pieces(text)
    else:
        read = markup.pieces(text)
    return assemble.assemble(read, stem, source, rules)
