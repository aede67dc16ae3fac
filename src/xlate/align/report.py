"""What `xlate align` prints: one row per pair, then what could not be aligned; the --terms report."""

import click

from xlate.align.model import Alignment, BeadKind
from xlate.align.run import AlignResult
from xlate.align.terms import TermUse
from xlate.workspace import Workspace


def print_align(result: AlignResult, ws: Workspace) -> None:
    threshold = ws.settings.align.threshold
    if result.engine:
        click.echo(f"machine translation as a further signal: {result.engine}")
    if result.alignments:
        click.echo(f"{'pair':<40} {'score':>5} {'1-1':>4} {'2-1':>4} {'1-2':>4} {'1-0':>4} {'0-1':>4} {'memory':>6}")
    for a in result.alignments:
        counts = {kind: sum(b.kind == kind for b in a.beads) for kind in BeadKind}
        click.echo(f"{a.stem:<40} {a.score:>5.2f} " + " ".join(f"{counts[k]:>4}" for k in BeadKind)
                   + f" {result.stored.get(a.stem, 0):>6}")
    if result.alignments:
        click.echo(f"{len(result.alignments)} pair(s) aligned into output/align/ (<stem>.tsv, <stem>.html); "
                   f"beads that link and score ≥ {threshold:.2f} are in the translation memory as drafts")
    elif not result.problems:
        click.echo(f"nothing to align: put English editions in {ws.shown(ws.published_dir)}/ under their seed's name")
    for problem in result.problems:
        click.echo(f"xlate: {problem}", err=True)


def print_show(alignment: Alignment, page: str) -> None:
    click.echo(f"{alignment.stem}: score {alignment.score:.2f}  ({alignment.seed} ↔ {alignment.published})")
    for bead in alignment.beads:
        vi, en = alignment.text(bead)
        click.echo(f"  {bead.kind} {bead.score:.2f}  {_short(vi) or '—'}")
        click.echo(f"  {'':8}  {_short(en) or '—'}")
    click.echo(f"the page: {page}")


def print_terms(uses: list[TermUse], pairs: int) -> None:
    if not uses:
        click.echo(f"every glossary term in the {pairs} aligned pair(s) is published as the glossary renders it")
        return
    click.echo(f"glossary terms the published editions render otherwise ({pairs} aligned pair(s)):")
    for use in uses:
        click.echo(f"  {use.vi} = {use.en}: {use.differ} of {use.beads} aligned bead(s) say otherwise")
        for stem, example in use.examples:
            click.echo(f"      {stem}: {example}")


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
