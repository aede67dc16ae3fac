"""The records that flow through the pipeline: enums and plain dataclasses, no behaviour.

    seed text ──ingest──▶ Article (Blocks, Dropped) ──segment──▶ Units
    Units + catalog ──export──▶ Edition (AlignedUnits)
    every stage ──▶ Diagnostics (glossary rows, QA findings, ingest warnings)

The enums are `str` enums: they compare equal to, and print as, the words the PO
comments, exports and reports use ("draft", "caption", "error").
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum

try:
    from enum import StrEnum
except ImportError:  # Python 3.10
    class StrEnum(str, Enum):
        def __str__(self) -> str:
            return str(self.value)

        def __format__(self, spec: str) -> str:
            return format(str(self.value), spec)


# The name of the combined exports (output/tmx/all.tmx, output/parallel/all.*): no article may take it.
RESERVED_STEM = "all"
# The preview's list of articles (output/html/index.html): no article may take that name either.
INDEX_STEM = "index"
RESERVED_STEMS = (RESERVED_STEM, INDEX_STEM)


class Kind(StrEnum):
    """What a block (and each unit cut from it) is."""

    TITLE = "title"
    SUBHEADING = "subheading"  # a crosshead inside the article
    BODY = "body"  # a paragraph (a lead, a blockquote)
    ITEM = "item"  # a list item
    CAPTION = "caption"  # a photo caption, with its credit


# Kinds whose blocks are cut into sentences; the others are one unit each.
SENTENCE_KINDS = frozenset({Kind.BODY, Kind.ITEM})


class Status(StrEnum):
    """A unit's review status (docs/design.md, "Status of a unit")."""

    UNTRANSLATED = "untranslated"  # empty msgstr
    DRAFT = "draft"  # msgstr + fuzzy: MT, a memory match, or a reviewer's unfinished work
    APPROVED = "approved"  # msgstr, no fuzzy: reviewed by a person, or an exact approved reuse


class Severity(StrEnum):
    ERROR = "error"  # something is wrong: `xlate check` exits 1
    WARNING = "warning"  # something is unfinished or doubtful


@dataclass(frozen=True)
class Diagnostic:
    """One finding about an input: a glossary row, a QA check of a translation, an ingest doubt.

    Where it is (`path`, `line`) and the unit it concerns (`msgid`) are filled in
    by whoever knows them; a QA check of a bare string has neither.
    """

    severity: Severity
    message: str
    check: str = ""  # what found it: glossary, name, number, brackets, diacritics, untranslated, fuzzy, …
    path: str | None = None
    line: int | None = None
    msgid: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.severity}: {self.message}"
        if self.msgid is not None:
            excerpt = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "…"
            text += f"  [{excerpt}]"
        return text

    def as_dict(self) -> dict:
        """The JSON shape of `xlate check --format json`."""
        row = asdict(self)
        return {"file": row["path"], "line": row["line"], "msgid": row["msgid"], "check": row["check"],
                "severity": str(row["severity"]), "message": row["message"]}


@dataclass(frozen=True)
class StatusCounts:
    """How many units of an article (or of all) stand at each status."""

    units: int = 0
    approved: int = 0
    draft: int = 0
    untranslated: int = 0

    @classmethod
    def of(cls, statuses: Iterable[Status]) -> "StatusCounts":
        seen = Counter(statuses)
        return cls(sum(seen.values()), seen[Status.APPROVED], seen[Status.DRAFT], seen[Status.UNTRANSLATED])

    def __add__(self, other: "StatusCounts") -> "StatusCounts":
        return StatusCounts(self.units + other.units, self.approved + other.approved,
                            self.draft + other.draft, self.untranslated + other.untranslated)

    @property
    def not_approved(self) -> int:
        return self.draft + self.untranslated


@dataclass(frozen=True)
class Block:
    """One translatable block of a seed: the title, a subheading, a paragraph, a list item or a caption."""

    kind: Kind
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
    outlet: str | None = None  # the outlet's lead tag ("TTO", "Chinhphu.vn") or the page's site name
    warnings: list[Diagnostic] = field(default_factory=list)  # where ingest is unsure (docs/design.md)


@dataclass(frozen=True)
class Unit:
    """One translatable unit: a sentence, a title or a caption."""

    kind: Kind
    text: str  # normalized Vietnamese: the msgid
    line: int  # seed line of the block it came from
    block: int  # index of its block in Article.blocks
    index: int  # position of the sentence within its block
    repeats: tuple[int, ...] = ()  # further seed lines holding the same block


@dataclass(frozen=True)
class TermMark:
    """A glossary term or personal name found in one column of a unit: text[start:end]."""

    start: int
    end: int
    vi: str  # the term as the Vietnamese writes it
    en: str  # the rendering the glossary (or the name rule) requires
    kind: str  # the glossary type, or "name"
    rendered: bool = True  # for a mark in the Vietnamese: is the rendering in the English?


@dataclass(frozen=True)
class UnitNotes:
    """What the catalog says about a unit besides its English: what the HTML preview shows."""

    po_line: int | None = None  # where the entry starts in translate/<stem>.po (as `xlate check` says)
    terms: tuple[TermMark, ...] = ()  # in the Vietnamese, in order
    renderings: tuple[TermMark, ...] = ()  # the same terms' renderings found in the English, in order
    qa: tuple[str, ...] = ()  # the `#. qa:` findings (errors), as written by the last run
    provenance: str = ""  # the msgstr's provenance line (`mt: …`, `tm: …`, `fuzzy match: …`), if any
    confidence: int | None = None  # an MT draft's confidence, 0–100, when the engine gave one
    match: int | None = None  # a fuzzy (memory or msgmerge) match's similarity, 0–100


@dataclass(frozen=True)
class AlignedUnit:
    """A unit with its current English, as exports see it."""

    id: str  # stable within an export: "b<block>s<index>", e.g. "b3s1"
    kind: Kind
    block: int
    vi: str
    en: str  # "" when untranslated
    status: Status
    line: int
    notes: UnitNotes = UnitNotes()  # only the HTML preview reads these


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
    catalog: str = ""  # the catalog's workspace-relative path ("translate/<stem>.po"), if known
    outlet: str | None = None

    @property
    def counts(self) -> StatusCounts:
        return StatusCounts.of(u.status for u in self.units)
