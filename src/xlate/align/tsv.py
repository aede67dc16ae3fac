"""output/align/<stem>.tsv: one row per bead (docs/design.md, "Published editions").

Header `kind	score	vi	en`; rows in Vietnamese order, each 0-1 bead where it
falls in the English; a bead's sentences joined by one space. Sentences are
normalized (no tab, no newline), so no escaping is needed; `read` also takes
the gold files of tests/corpus/align, which leave the score column out.
"""

from dataclasses import dataclass

from xlate.align.model import Alignment, BeadKind

HEADER = ("kind", "score", "vi", "en")


@dataclass(frozen=True)
class Row:
    kind: BeadKind
    vi: str
    en: str
    score: float | None = None


def rows(alignment: Alignment) -> list[Row]:
    return [Row(b.kind, *alignment.text(b), b.score) for b in alignment.beads]


def dumps(alignment: Alignment) -> str:
    lines = ["\t".join(HEADER)]
    for row in rows(alignment):
        lines.append("\t".join([str(row.kind), f"{row.score:.2f}", _cell(row.vi), _cell(row.en)]))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def loads(text: str) -> list[Row]:
    """Rows of an alignment TSV, with or without its score column."""
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    if header not in (list(HEADER), ["kind", "vi", "en"]):
        raise ValueError(f"not an alignment TSV: the header is {lines[0]!r}" if lines else "empty file")
    scored = "score" in header
    found = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"line {number}: {len(cells)} columns, expected {len(header)}")
        if scored:
            kind, score, vi, en = cells
            found.append(Row(BeadKind(kind), vi, en, float(score)))
        else:
            kind, vi, en = cells
            found.append(Row(BeadKind(kind), vi, en))
    return found
