"""output/align/<stem>.html: an alignment to check at a glance, with the HTML preview's machinery and look.

One row per bead, the Vietnamese beside the English as in the preview
(xlate.exports.html: Jinja2 with autoescaping, the same inlined style sheet
and script, the same hash-only Content-Security-Policy, one self-contained
file). Each bead says its shape, its score and what becomes of it in words —
into the memory (green), to check (amber), left out or added (grey) — and
whether the English moved it.
"""

from dataclasses import dataclass

from xlate.align.model import Alignment, Bead, BeadKind
from xlate.exports import html
from xlate.model import Kind
from xlate.settings import AlignSettings


@dataclass(frozen=True)
class BeadView:
    kind: str
    score: float
    state: str  # the preview's status colours: approved (into the memory), draft (to check), untranslated
    label: str
    vi: str
    en: str
    moved: bool
    refs: str  # where the sentences are: "seeds line 5 · published line 7"


@dataclass(frozen=True)
class AlignmentView:
    stem: str
    title: str
    english_title: str
    seed: str
    published: str
    score: float
    threshold: float
    aligns: bool
    verdict: str
    beads: list[BeadView]
    sure: int
    unsure: int
    left_out: int
    added: int
    moved: int


def view(alignment: Alignment, threshold: float = AlignSettings.threshold,
         min_score: float = AlignSettings.min_score) -> AlignmentView:
    moved = _moved(alignment.beads)
    beads = [_bead(alignment, b, threshold, id(b) in moved) for b in alignment.beads]
    titles = [s.text for s in alignment.vi if s.kind == Kind.TITLE]
    english = [s.text for s in alignment.en if s.kind == Kind.TITLE]
    aligns = alignment.score >= min_score
    verdict = (f"The editions align (score {alignment.score:.2f})." if aligns else
               f"The editions do not align (score {alignment.score:.2f}, below {min_score:.2f}): "
               "is the published file the English edition of this seed?")
    return AlignmentView(alignment.stem, titles[0] if titles else alignment.stem, english[0] if english else "",
                         alignment.seed, alignment.published, alignment.score, threshold, aligns, verdict, beads,
                         sum(b.state == "approved" for b in beads), sum(b.state == "draft" for b in beads),
                         sum(b.kind == BeadKind.ONE_ZERO for b in beads), sum(b.kind == BeadKind.ZERO_ONE for b in beads),
                         len(moved))


def render(alignment: Alignment, threshold: float = AlignSettings.threshold,
           min_score: float = AlignSettings.min_score) -> bytes:
    return html.render_page("align.html.j2", v=view(alignment, threshold, min_score))


LABELS = {BeadKind.ONE_ONE: "one sentence each", BeadKind.TWO_ONE: "two sentences merged in the English",
          BeadKind.ONE_TWO: "one sentence split in the English", BeadKind.ONE_ZERO: "left out of the English",
          BeadKind.ZERO_ONE: "added in the English"}


def _bead(alignment: Alignment, bead: Bead, threshold: float, moved: bool) -> BeadView:
    vi, en = alignment.text(bead)
    if not bead.links:
        state, what = "untranslated", LABELS[bead.kind]
    elif bead.score >= threshold:
        state, what = "approved", LABELS[bead.kind] + "; into the memory"
    else:
        state, what = "draft", LABELS[bead.kind] + "; below the threshold: check it"
    refs = []
    if bead.vi:
        refs.append(f"{alignment.seed}:{alignment.vi[bead.vi[0]].line}")
    if bead.en:
        refs.append(f"{alignment.published}:{alignment.en[bead.en[0]].line}")
    return BeadView(str(bead.kind), bead.score, state, what, vi, en, moved, " · ".join(refs))


def _moved(beads: list[Bead]) -> set[int]:
    """Beads whose English stands before the English of a bead above them (what the English moved up),
    or after one below (moved down): the fewer of the two, by the longest run kept in order."""
    linked = [b for b in beads if b.links]
    order = [b.en[0] for b in linked]
    keep = _longest_increasing(order)
    return {id(b) for k, b in enumerate(linked) if k not in keep}


def _longest_increasing(values: list[int]) -> set[int]:
    best: list[list[int]] = []
    for k, value in enumerate(values):
        run = max((r for r in best if values[r[-1]] < value), key=len, default=[])
        best.append(run + [k])
    return set(max(best, key=len, default=[]))
