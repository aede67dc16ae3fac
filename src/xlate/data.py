"""The records that flow through the pipeline: plain dataclasses, no behaviour."""

from dataclasses import dataclass, field

# Unit kinds, in the words the PO comments and exports use.
TITLE, BODY, CAPTION = "title", "body", "caption"

# Unit statuses (DESIGN.md, "Status of a unit").
UNTRANSLATED, DRAFT, APPROVED = "untranslated", "draft", "approved"


@dataclass(frozen=True)
class Block:
    """One translatable block of a seed: the title, a body paragraph or a caption."""

    kind: str
    text: str  # normalized
    line: int  # 1-based line of the seed where the block starts
    # Lines where the seed repeats the block verbatim right after it (a photo's
    # alt text and its caption): one block, every place referenced.
    repeats: tuple[int, ...] = ()


@dataclass(frozen=True)
class Dropped:
    """A seed line kept out of translation, and why (never silently lost)."""

    line: int
    text: str
    reason: str


@dataclass
class Article:
    stem: str
    source: str  # workspace-relative path, e.g. "seeds/001_x.txt"
    title: str = ""
    date: str | None = None
    url: str | None = None
    byline: str | None = None
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    """One translatable unit: a sentence, a title or a caption."""

    kind: str
    text: str  # normalized Vietnamese: the msgid
    line: int  # seed line of the block it came from
    block: int  # index of its block in Article.blocks
    index: int  # position of the sentence within its block
    repeats: tuple[int, ...] = ()  # further seed lines holding the same block


@dataclass(frozen=True)
class AlignedUnit:
    """A unit with its current English, as exports see it."""

    id: str  # stable within an export: "b<block>s<index>", e.g. "b3s1"
    kind: str
    block: int
    vi: str
    en: str  # "" when untranslated
    status: str  # UNTRANSLATED / DRAFT / APPROVED
    line: int


@dataclass
class Edition:
    """One article ready for export: metadata plus its units in source order."""

    stem: str
    source: str
    title: str
    date: str | None
    url: str | None
    byline: str | None
    units: list[AlignedUnit]
    created: str  # ISO 8601 UTC, from the catalog (POT-Creation-Date), never the clock
    changed: str  # ISO 8601 UTC, from the catalog (PO-Revision-Date, else created)
