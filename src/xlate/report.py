"""What xlate tells a person: the run summary and the status table."""

from dataclasses import dataclass
from pathlib import Path

import click

from xlate import catalog
from xlate.data import APPROVED, DRAFT, UNTRANSLATED
from xlate.errors import InputError
from xlate.settings import Settings


@dataclass
class Row:
    article: str
    units: int = 0
    approved: int = 0
    draft: int = 0
    untranslated: int = 0
    qa: int = 0
    error: str = ""

    @property
    def state(self) -> str:
        if self.error:
            return "error"
        if self.units == 0:
            return "not started"
        if self.approved == self.units:
            return "approved"
        if self.untranslated == self.units:
            return "untranslated"
        return "in review"


def count(row: Row, po) -> Row:
    for entry in po:
        if entry.obsolete:
            continue
        row.units += 1
        kind = catalog.status(entry)
        row.approved += kind == APPROVED
        row.draft += kind == DRAFT
        row.untranslated += kind == UNTRANSLATED
        row.qa += sum(1 for c in catalog.comment_lines(entry.comment) if c.startswith("qa:"))
    return row


def status_rows(settings: Settings) -> list[Row]:
    """One row per article: every seed, and every catalog whose seed is gone."""
    from xlate.pipeline import seed_files, shown

    stems = {p.stem for p in seed_files(settings)}
    if settings.translate.is_dir():
        stems |= {p.stem for p in settings.translate.glob("*.po")}
    rows = []
    for stem in sorted(stems):
        row = Row(stem)
        path = settings.translate / f"{stem}.po"
        try:
            po = catalog.read(path, shown(settings, path))
        except InputError as exc:
            row.error = str(exc).splitlines()[0]
        else:
            if po is not None:
                count(row, po)
        rows.append(row)
    return rows


def print_status(rows: list[Row]) -> None:
    header = ("article", "units", "approved", "draft", "untranslated", "qa", "state")
    total = Row("total")
    for r in rows:
        for f in ("units", "approved", "draft", "untranslated", "qa"):
            setattr(total, f, getattr(total, f) + getattr(r, f))
    width = max([len(header[0]), len(total.article)] + [len(r.article) for r in rows])
    line = f"{{:<{width}}}  {{:>5}}  {{:>8}}  {{:>5}}  {{:>12}}  {{:>3}}  {{}}"
    click.echo(line.format(*header))
    for r in rows + [total]:
        if r is total:
            click.echo("-" * (width + 44))
        state = "" if r is total else r.state
        click.echo(line.format(r.article, r.units, r.approved, r.draft, r.untranslated, r.qa, state))
    for r in rows:
        if r.error:
            click.echo(f"  {r.error}", err=True)


def print_run(result, settings: Settings) -> None:
    rows = [count(Row(w.article.stem), w.po) for w in result.articles]
    print_status(rows)
    click.echo(f"{len(result.written)} catalog(s) written, "
               f"{len(result.articles) - len(result.written)} unchanged; "
               f"{result.reused} unit(s) from memory, {result.translated} machine-translated")
    for conflict in result.conflicts:
        where = conflict.path.relative_to(settings.root) if conflict.path.is_relative_to(settings.root) \
            else conflict.path
        if conflict.merged:
            click.echo(f"{where} was saved by someone else during the run: {conflict.detail}")
        else:
            click.echo(f"xlate: {where} was saved by someone else during the run: {conflict.detail}; "
                       f"its exports are from before; run `xlate run` again to add this run's drafts "
                       f"(they are cached: nothing is translated twice)", err=True)
    for name in result.changed_inputs:
        click.echo(f"{name} changed during the run: this run used the version it read; "
                   f"the next `xlate run` picks up the change")
    for problem in result.problems:
        click.echo(f"xlate: skipped {problem}", err=True)
    attention = len(result.problems) + sum(not c.merged for c in result.conflicts)
    if attention:
        click.echo(f"xlate: {attention} file(s) need attention (see above)", err=True)


def print_check(rows, problems, fmt: str) -> None:
    from xlate import qa

    errors = sum(r.severity == qa.ERROR for r in rows)
    warnings = len(rows) - errors
    if fmt == "json":
        import json

        click.echo(json.dumps({"errors": errors, "warnings": warnings,
                               "unreadable": [str(p) for p in problems],
                               "findings": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=2))
        return
    for row in sorted(rows, key=lambda r: (r.file, r.line, r.severity)):
        click.echo(str(row))
    for problem in problems:
        click.echo(f"xlate: skipped {problem}", err=True)
    files = len({r.file for r in rows})
    click.echo(f"{errors} error(s), {warnings} warning(s) in {files} catalog(s)")


def print_export(result) -> None:
    exported = result.exported
    if exported is not None:
        click.echo(f"output/: {len(exported.written)} file(s) written, {len(exported.unchanged)} unchanged, "
                   f"{len(exported.removed)} removed")
        for stem, counts in sorted(exported.articles.items()):
            note = "  (withheld from en/: not fully approved)" if counts.withheld else ""
            click.echo(f"  {stem}: {counts.exported} unit(s) exported, {counts.approved} approved, "
                       f"{counts.draft} draft, {counts.untranslated} untranslated{note}")
    for problem in result.problems:
        click.echo(f"xlate: skipped {problem}", err=True)


def print_glossary_check(glossary, problems) -> None:
    from collections import Counter

    for problem in problems:
        click.echo(str(problem))
    by_type = Counter(t.type for t in glossary.terms)
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{len(glossary)} term(s): " + ", ".join(f"{n} {t}" for t, n in sorted(by_type.items())))
    click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)")
