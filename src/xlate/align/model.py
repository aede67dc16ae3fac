"""The records of an alignment: the sentences of both editions, and the beads that pair them."""

from dataclasses import dataclass, field

from xlate.model import Diagnostic, Kind, StrEnum


class BeadKind(StrEnum):
    """How many Vietnamese and English sentences a bead holds (docs/design.md, "Published editions")."""

    ONE_ONE = "1-1"
    TWO_ONE = "2-1"  # two Vietnamese sentences the English merged
    ONE_TWO = "1-2"  # one Vietnamese sentence the English split
    ONE_ZERO = "1-0"  # left out of the English
    ZERO_ONE = "0-1"  # added in the English

    @classmethod
    def of(cls, vi: int, en: int) -> "BeadKind":
        return cls(f"{vi}-{en}")


# A bead scoring this much is more than a fair guess by length (search.py, "Scores").
SURE = 0.6

# The bead shapes the search considers, as (Vietnamese sentences, English sentences).
SHAPES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class Sentence:
    """One sentence (or title, subheading, caption) of an edition, in its edition's order."""

    text: str
    kind: Kind
    block: int  # index of its block (paragraph) in its edition
    line: int  # line of the file where its block starts


@dataclass(frozen=True)
class Bead:
    """Vietnamese sentences vi and English sentences en (indices, ascending) that say the same."""

    vi: tuple[int, ...]
    en: tuple[int, ...]
    score: float = 0.0  # 0–1: how sure the aligner is that these belong together (or alone)

    @property
    def kind(self) -> BeadKind:
        return BeadKind.of(len(self.vi), len(self.en))

    @property
    def links(self) -> bool:
        """Pairs something with something (not a 1-0 or 0-1)."""
        return bool(self.vi) and bool(self.en)


@dataclass
class Alignment:
    """A pair of editions aligned: beads in Vietnamese order, each 0-1 bead where it falls in the English."""

    stem: str
    vi: list[Sentence]
    en: list[Sentence]
    beads: list[Bead]
    seed: str = ""  # shown paths of the two files
    published: str = ""
    warnings: list[Diagnostic] = field(default_factory=list)

    def text(self, bead: Bead) -> tuple[str, str]:
        """A bead's two sides, its sentences joined by one space."""
        return (" ".join(self.vi[i].text for i in bead.vi), " ".join(self.en[j].text for j in bead.en))

    @property
    def score(self) -> float:
        """How well the pair aligns as a whole: the share of both editions' sentences that stand in
        beads that link and score at least SURE. Lengths alone pair any two articles, at about 0.5
        a bead; shared anchors lift the beads of true editions above it (bench/bench_align.py: two
        different articles stay under 0.3, an article and its edition over 0.4)."""
        total = len(self.vi) + len(self.en)
        if total == 0:
            return 0.0
        return sum(len(b.vi) + len(b.en) for b in self.beads if b.links and b.score >= SURE) / total
