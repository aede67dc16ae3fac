"""The command line: a thin layer over the pipeline modules.

Modules are imported inside the commands so that `xlate --help` stays fast and
never loads argostranslate, CTranslate2 or torch.
"""

import gc
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from xlate import __version__
from xlate.errors import XlateError


class _Group(click.Group):
    """Turns expected failures into a message and an exit status, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except XlateError as exc:
            click.echo(f"xlate: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("xlate: interrupted; reviewed work is safe (every write is atomic)", err=True)
            ctx.exit(130)


class _ClickUI:
    """Progress bars and notes on stderr, so stdout stays a clean report."""

    @contextmanager
    def progress(self, label: str, total: int):
        if total <= 0:
            yield lambda n: None
            return
        with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
            yield bar.update

    def say(self, message: str) -> None:
        click.echo(message, err=True)


def _workspace(ctx: click.Context):
    from xlate.workspace import Workspace

    return Workspace.open(ctx.obj["dir"])


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in DIR (like git -C).")
@click.version_option(__version__, prog_name="xlate")
@click.pass_context
def cli(ctx: click.Context, directory: Path | None) -> None:
    """Vietnamese news articles to reviewed English editions, offline.

    \b
    Typical day:
      xlate run        draft every article (PO files in translate/)
      (review translate/*.po in Poedit)
      xlate status     where every article stands
      xlate export     publish output/ from the reviewed catalogs
    """
    if directory is not None and not directory.is_dir():
        raise click.BadParameter(f"{directory} is not a folder", param_hint="-C")
    ctx.obj = {"dir": directory}


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.pass_context
def init(ctx: click.Context, directory: Path | None) -> None:
    """Create a workspace: folders and a commented xlate.toml."""
    from xlate import workspace

    base = ctx.obj["dir"] or Path.cwd()
    target = (base / directory) if directory else base
    created = workspace.init(target)
    for path in created:
        click.echo(f"created {path}")
    if not created:
        click.echo(f"{target} is already a workspace; nothing changed")


@cli.command()
@click.option("--no-mt", is_flag=True, help="Skip machine translation: untranslated units stay empty.")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Machine-translate on a Ray cluster this machine is a node of (HEAD:6379, auto, local); "
                   "needs pip install 'xlate[cluster]'. Default: [mt] cluster.")
@click.pass_context
def run(ctx: click.Context, no_mt: bool, cluster: str | None) -> None:
    """The whole pipeline: seeds → catalogs (translate/) → drafts → QA → output/."""
    from xlate import pipeline, report

    if no_mt and cluster:
        raise click.UsageError("--cluster is for machine translation; it makes no sense with --no-mt")
    ws = _workspace(ctx)
    result = pipeline.run(ws, mt=not no_mt, cluster=cluster, ui=_ClickUI())
    report.print_run(result, ws)
    ctx.exit(result.exit_code)


@cli.command()
@click.argument("pattern", required=False)
@click.option("--all", "everything", is_flag=True, help="Every article, not only those that need attention.")
@click.option("--state", "states", multiple=True,
              type=click.Choice(["approved", "in review", "untranslated", "not started", "error", "draft"]),
              help="Only articles in this state (repeatable); draft = in review.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="json: the totals and one object per article, for scripts.")
@click.pass_context
def status(ctx: click.Context, pattern: str | None, everything: bool, states: tuple[str, ...], fmt: str) -> None:
    """Where every article stands: totals, and the articles that need attention (or PATTERN's)."""
    from xlate import report, status as board

    found = board.select(board.rows(_workspace(ctx)), states, pattern)
    if fmt == "json":
        report.print_status_json(found)
    else:
        report.print_status(found, everything=everything or bool(states or pattern))
    ctx.exit(1 if any(r.error for r in found) else 0)


@cli.command()
@click.argument("stems", nargs=-1)
@click.option("--dropped", is_flag=True, help="Only what ingest kept out of translation.")
@click.option("--full", is_flag=True, help="Do not shorten long lines.")
@click.pass_context
def show(ctx: click.Context, stems: tuple[str, ...], dropped: bool, full: bool) -> None:
    """What ingest kept and dropped in each seed (or in STEMS), with the reasons."""
    from xlate import report

    ctx.exit(report.print_show(_workspace(ctx), stems, dropped_only=dropped, full=full))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="json: one object per finding, for scripts.")
@click.pass_context
def check(ctx: click.Context, fmt: str) -> None:
    """QA over the PO files as reviewers left them; exit 1 if there are errors."""
    from xlate import pipeline, report

    result = pipeline.check(_workspace(ctx))
    report.print_check(result, fmt)
    ctx.exit(result.exit_code)


@cli.command()
@click.option("--approved-only", is_flag=True, help="Leave drafts and untranslated units out.")
@click.pass_context
def export(ctx: click.Context, approved_only: bool) -> None:
    """Regenerate output/ from the current PO files (no MT, catalogs untouched)."""
    from xlate import pipeline, report

    result = pipeline.export(_workspace(ctx), approved_only=approved_only or None, ui=_ClickUI())
    report.print_export(result)
    ctx.exit(result.exit_code)


@cli.command()
@click.argument("stems", nargs=-1)
@click.option("--show", "show_stem", metavar="STEM", help="Print one pair's beads (whatever its score) and write its page.")
@click.option("--terms", is_flag=True, help="Also report glossary terms the published editions render otherwise.")
@click.option("--no-mt", is_flag=True, help="Do not use an installed vi→en model as a signal.")
@click.pass_context
def align(ctx: click.Context, stems: tuple[str, ...], show_stem: str | None, terms: bool, no_mt: bool) -> None:
    """Align published English editions (published/) with their seeds: output/align/, and the memory."""
    from xlate.align import report, run

    ws = _workspace(ctx)
    if show_stem is not None:
        alignment, page = run.show(ws, show_stem)
        report.print_show(alignment, ws.shown(page))
        return
    result = run.align(ws, stems, mt=not no_mt, ui=_ClickUI())
    report.print_align(result, ws)
    if terms:
        from xlate.align.terms import report as term_report
        from xlate.glossary import load

        glossary, _ = load(ws.glossary_dir, ws.root)
        report.print_terms(term_report(result.alignments, glossary, ws.settings.style), len(result.alignments))
    ctx.exit(result.exit_code)


@cli.group()
def glossary() -> None:
    """The curated term base in glossary/*.tsv."""


@glossary.command("check")
@click.pass_context
def glossary_check(ctx: click.Context) -> None:
    """Validate the glossary: bad rows, duplicates, conflicts, empty targets."""
    from xlate import glossary as terms, report
    from xlate.model import Severity

    ws = _workspace(ctx)
    loaded, problems = terms.load(ws.glossary_dir, ws.root)
    report.print_glossary_check(loaded, problems)
    ctx.exit(1 if any(p.severity == Severity.ERROR for p in problems) else 0)


@cli.group()
def model() -> None:
    """The vi→en machine-translation model (an Argos package)."""


@model.command("list")
def model_list() -> None:
    """Installed Argos packages; the vi→en one is what xlate uses."""
    from xlate.mt import packages

    found = packages.installed()
    click.echo(f"Argos packages in {packages.packages_dir()}:")
    if not found:
        click.echo("  none. Install the vi→en model with `xlate model install` "
                   "(or `xlate model install FILE.argosmodel` offline).")
    for p in found:
        mark = "*" if (p.from_code, p.to_code) == (packages.FROM_CODE, packages.TO_CODE) else " "
        click.echo(f" {mark} {p.from_code}→{p.to_code}  {p.version:<8} {p.description}")


@model.command("install")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.pass_context
def model_install(ctx: click.Context, file: Path | None) -> None:
    """Install the vi→en model from FILE.argosmodel, or from the Argos index (needs network)."""
    from xlate import drafting
    from xlate.mt import packages

    if file is not None:
        info = packages.install_file(file)
    else:
        info = drafting.install_from_index(_workspace(ctx), _ClickUI())
    click.echo(f"installed {info.from_code}→{info.to_code} {info.version} in {info.path}")


@cli.group()
def tm() -> None:
    """Translation memories from other tools (TMX), kept in tm/: in, list, out."""


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", help="What to call it (default: the file's name); importing a name again replaces it.")
@click.option("--trusted", is_flag=True, help="Exact matches from it arrive approved, not as drafts.")
@click.pass_context
def tm_import(ctx: click.Context, file: Path, name: str | None, trusted: bool) -> None:
    """Import FILE.tmx (vi and en in any variant): checked whole, then kept in tm/."""
    from xlate import report
    from xlate.mt import tmfiles

    ws = _workspace(ctx)
    report.print_tm_import(tmfiles.import_tmx(ws, file, name, trusted), ws)


@tm.command("list")
@click.pass_context
def tm_list(ctx: click.Context) -> None:
    """Where the memory's translations come from: catalogs and imported TMX, with counts and dates."""
    from xlate import report
    from xlate.mt import tmfiles

    ws = _workspace(ctx)
    found, problems = tmfiles.summaries(ws)
    report.print_tm_list(found, problems, ws)
    ctx.exit(1 if problems else 0)


@tm.command("remove")
@click.argument("name")
@click.pass_context
def tm_remove(ctx: click.Context, name: str) -> None:
    """Remove the imported memory NAME (its file in tm/ and its index)."""
    from xlate.mt import tmfiles

    ws = _workspace(ctx)
    click.echo(f"removed {ws.shown(tmfiles.remove(ws, name))}")


@tm.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def tm_export(ctx: click.Context, file: Path) -> None:
    """Write every approved translation of the catalogs to FILE.tmx (TMX 1.4b)."""
    from xlate import report
    from xlate.mt import tmfiles

    units, problems = tmfiles.export(_workspace(ctx), file)
    click.echo(f"{file}: {units} approved unit(s)")
    report.print_skipped(problems)
    ctx.exit(1 if problems else 0)


def main() -> None:
    # A run holds hundreds of thousands of small objects until it ends (catalogs, units, their
    # requirements), and the collector's default thresholds walk them again and again: about a
    # tenth of a first run over an archive, measured. Cycles are rare here; collect far less often.
    # (pipeline.THRESHOLDS, written out: importing the pipeline here would slow `xlate --help`.)
    gc.set_threshold(50_000, 20, 100)
    cli(prog_name="xlate")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
