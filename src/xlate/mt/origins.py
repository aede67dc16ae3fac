"""Where a translation in the memory comes from: its origin (docs/design.md, "Translation memory").

Every unit of the memory belongs to exactly one origin, and every origin is
rebuilt from files a person can see and keep in git:

    kind      name            from                          an exact match arrives
    article   <stem>          approved entries of translate/<stem>.po    approved
    tmx       <name>          tm/<name>.tmx                              as a draft
    tmx       <name>, trusted tm/trusted/<name>.tmx                      approved
    published <stem>          beads of published/<stem>.* aligned with its seed   as a draft

Adding an origin (issue 14: aligned published editions) is one OriginKind
member, its rank and its label here, and a sync step that calls
Memory.replace_origin with its units.
"""

from dataclasses import dataclass

from xlate.model import StrEnum


class OriginKind(StrEnum):
    ARTICLE = "article"
    TMX = "tmx"
    PUBLISHED = "published"  # an English edition aligned with its seed (xlate.align)


@dataclass(frozen=True)
class Origin:
    kind: OriginKind
    name: str  # an article's stem, a TMX's name
    trusted: bool = False  # an exact match from it is approved, not a draft

    @property
    def label(self) -> str:
        """How comments, `xlate tm list` and reports name it."""
        return f"published {self.name}" if self.kind == OriginKind.PUBLISHED else self.name

    @property
    def rank(self) -> int:
        """Ties between equally good matches go to the lowest rank: the desk's own approvals first,
        then memories imported as trusted, then other imports, then what an aligner paired."""
        if self.kind == OriginKind.ARTICLE:
            return 0
        if self.kind == OriginKind.PUBLISHED:
            return 3
        return 1 if self.trusted else 2


def article(stem: str) -> Origin:
    """The approved entries of translate/<stem>.po: reviewed here, so always trusted."""
    return Origin(OriginKind.ARTICLE, stem, trusted=True)


def tmx(name: str, trusted: bool = False) -> Origin:
    return Origin(OriginKind.TMX, name, trusted)


def published(stem: str) -> Origin:
    """The beads of published/<stem>.* aligned with seeds/<stem>.*: paired by a program, so never trusted."""
    return Origin(OriginKind.PUBLISHED, stem)
