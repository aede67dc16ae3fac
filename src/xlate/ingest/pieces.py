"""What the two readers hand to the block rules: a seed as pieces, before any rule decides about them.

    text seed (.txt/.md) ──markup.pieces──┐
                                          ├──▶ Source (Pieces + what the file itself says) ──assemble──▶ Article
    saved page (.html)  ──page.pieces─────┘

A Piece is one paragraph-sized run of text with what its markup said about it
(a heading, a list item, a caption, a table row, a link). The readers never
drop text on their own judgement: what they take out (front matter, markup
lines) they record as Dropped with a reason, like every later rule.
"""

from dataclasses import dataclass, field

from xlate.model import Dropped, StrEnum


class Hint(StrEnum):
    """What the markup says a piece is; the block rules decide what it becomes."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"  # Markdown `#`, HTML <h1>–<h6>
    ITEM = "item"  # a bullet, <li>
    QUOTE = "quote"  # Markdown `>`, <blockquote>
    CAPTION = "caption"  # <figcaption>, a Markdown image's title, the line under an image
    TABLE = "table"  # a pipe or tab table row, <tr>


@dataclass(frozen=True)
class Piece:
    line: int  # 1-based line of the seed where it starts
    text: str  # normalized, markup removed
    hint: Hint = Hint.PARAGRAPH
    joined: bool = False  # text seeds: follows the previous line with no blank line between
    link: bool = False  # the whole text is one link (a headline pointing elsewhere)
    level: int = 0  # heading level, 1 for <h1> / `#`


@dataclass
class Source:
    """A seed read into pieces, and the metadata the file itself declares (front matter, page meta)."""

    pieces: list[Piece] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    title: str = ""  # declared: front matter, or the page's headline metadata
    title_line: int | None = None  # where the declared title stands, if the body lacks it
    title_wins: bool = False  # front matter: the declared title is the title even if the text differs
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    byline_wins: bool = False  # front matter: the declared byline beats any found in the text
    outlet: str | None = None  # the page's site name
    link_title: str = ""  # a Markdown link line's text (the scraper's pointer to the article)
