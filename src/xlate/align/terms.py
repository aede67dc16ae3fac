"""`xlate align --terms`: glossary terms the published editions render otherwise than the glossary says.

For every bead that links, each glossary term of its Vietnamese (glossary.requirements,
names and values left out) is looked for in its English by the rule QA applies
(`glossary.rendered`). A term whose rendering is missing there is counted, with
the English as an example — the words of the rendering found in another order
or form if there are ("Industry and Trade Ministry"), else the sentence — so the
desk can correct its glossary from what it actually publishes.
"""

from dataclasses import dataclass, field

from xlate.align.model import Alignment
from xlate.align.signals import loose_span
from xlate.glossary import Glossary, rendered, requirements
from xlate.text.normalize import match_key
from xlate.text.values import DEFAULT, Style

EXAMPLES = 3  # per term
EXCERPT = 90  # characters of a sentence shown


@dataclass
class TermUse:
    vi: str  # as the first Vietnamese sentence wrote it
    en: str  # the glossary's rendering
    beads: int = 0  # aligned beads whose Vietnamese holds the term
    differ: int = 0  # …whose English lacks the glossary's rendering
    examples: list[tuple[str, str]] = field(default_factory=list)  # (stem, what the English has)


def report(alignments: list[Alignment], glossary: Glossary, style: Style = DEFAULT) -> list[TermUse]:
    """Terms rendered otherwise at least once, most often first."""
    uses: dict[tuple[str, str], TermUse] = {}
    for alignment in alignments:
        for bead in alignment.beads:
            if not bead.links:
                continue
            vi, en = alignment.text(bead)
            for r in requirements(vi, glossary, style):
                if r.is_value or r.is_name:
                    continue
                use = uses.setdefault((match_key(r.vi), r.en), TermUse(r.vi, r.en))
                use.beads += 1
                if rendered(en, r.en):
                    continue
                use.differ += 1
                example = (alignment.stem, _excerpt(en, r.en))
                if len(use.examples) < EXAMPLES and example not in use.examples:
                    use.examples.append(example)
    found = [u for u in uses.values() if u.differ]
    return sorted(found, key=lambda u: (-u.differ, -u.beads, u.vi))


def _excerpt(english: str, rendering: str) -> str:
    span = loose_span(english, rendering)
    if span is not None:
        start, end = span
        return ("…" if start else "") + english[start:end] + ("…" if end < len(english) else "")
    return english if len(english) <= EXCERPT else english[:EXCERPT - 1] + "…"
