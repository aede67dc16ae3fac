"""What xlate tells a person: the run summary, the status table, the check and export reports."""

import json
from collections import Counter

import click

from xlate.errors import InputError
from xlate.glossary import Glossary
from xlate.model import Diagnostic, Severity, StatusCounts
from xlate.pipeline import CheckResult, ExportResult, RunResult
from xlate.status import Row, row_of_summary
from xlate.workspace import Workspace


def print_status(found: list[Row], *, everything: bool = True, limit: int = 20, of: int | None = None) -> None:
    """The status table: every row given, or — when there are more than `limit` and not
    `everything` — those that need attention, at most `limit` of them; the total counts all."""
    shown = found if everything or len(found) <= limit else [r for r in found if r.attention][:limit]
    header = ("article", "units", "approved", "draft", "untranslated", "qa", "low", "state")
    total = Row("total", sum((r.counts for r in found), StatusCounts()), sum(r.qa for r in found),
                low=sum(r.low for r in found))
    width = max([len(header[0]), len(total.article)] + [len(r.article) for r in shown])
    line = f"{{:<{width}}}  {{:>5}}  {{:>8}}  {{:>5}}  {{:>12}}  {{:>3}}  {{:>3}}  {{}}"
    click.echo(line.format(*header))
    for r in shown + [total]:
        if r is total:
            click.echo("-" * (width + 49))
        state = "" if r is total else r.state
        c = r.counts
        click.echo(line.format(r.article, c.units, c.approved, c.draft, c.untranslated, r.qa, r.low, state))
    if len(shown) < len(found):
        waiting = sum(r.attention for r in found)
        states = Counter(r.state for r in found)
        click.echo(f"{len(found)} articles: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items()))
                   + f"; {waiting} need attention (drafts, low confidence, QA findings, warnings, errors), "
                     f"{len(shown)} shown — `xlate status --all` lists every article")
    for r in shown:
        if r.error:
            click.echo(f"  {r.error}", err=True)


def print_status_json(found: list[Row]) -> None:
    total = sum((r.counts for r in found), StatusCounts())
    click.echo(json.dumps({"articles": len(found), "units": total.units, "approved": total.approved,
                           "draft": total.draft, "untranslated": total.untranslated,
                           "qa": sum(r.qa for r in found), "low": sum(r.low for r in found),
                           "attention": sum(r.attention for r in found),
                           "rows": [r.as_dict() for r in found]}, ensure_ascii=False, indent=2))


def print_run(result: RunResult, ws: Workspace) -> None:
    found = [row_of_summary(stem, summary) for stem, summary in (result.summaries | result.carried).items()]
    print_status(sorted(found, key=lambda r: r.article), everything=False)
    carried = f" ({len(result.carried)} not read again: unchanged since the last run)" if result.carried else ""
    click.echo(f"{len(result.written)} catalog(s) written, "
               f"{len(result.summaries) - len(result.written) + len(result.carried)} unchanged{carried}; "
               f"{result.reused} unit(s) from memory, {result.translated} machine-translated")
    for conflict in result.conflicts:
        where = ws.shown(conflict.path)
        if conflict.merged:
            click.echo(f"{where} was saved by someone else during the run: {conflict.detail}")
        else:
            click.echo(f"xlate: {where} was saved by someone else during the run: {conflict.detail}; "
                       f"its exports are from before; run `xlate run` again to add this run's drafts "
                       f"(they are cached: nothing is translated twice)", err=True)
    for name in result.changed_inputs:
        click.echo(f"{name} changed during the run: this run used the version it read; "
                   f"the next `xlate run` picks up the change")
    for summary in result.summaries.values():
        for warning in summary.warnings:
            click.echo(f"xlate: {warning}", err=True)
    _skipped(result.problems)
    attention = len(result.problems) + sum(not c.merged for c in result.conflicts)
    if attention:
        click.echo(f"xlate: {attention} file(s) need attention (see above)", err=True)


def _skipped(problems: list[InputError]) -> None:
    for problem in problems:
        click.echo(f"xlate: skipped {problem}", err=True)


print_skipped = _skipped


def print_check(result: CheckResult, fmt: str) -> None:
    rows = result.findings
    errors = result.errors
    warnings = len(rows) + len(result.weakest) - errors
    ordered = result.weakest + sorted(rows, key=lambda r: (r.path, r.line, r.severity))
    if fmt == "json":
        click.echo(json.dumps({"errors": errors, "warnings": warnings,
                               "unreadable": [str(p) for p in result.problems],
                               "findings": [r.as_dict() for r in ordered]}, ensure_ascii=False, indent=2))
        return
    for row in ordered:  # the weakest MT drafts first: where a reviewer's first minutes matter most
        click.echo(str(row))
    _skipped(result.problems)
    files = len({r.path for r in rows})
    click.echo(f"{errors} error(s), {warnings} warning(s) in {files} catalog(s)")


def print_export(result: ExportResult) -> None:
    exported = result.exported
    if exported is not None:
        click.echo(f"output/: {len(exported.written)} file(s) written, {len(exported.unchanged)} unchanged, "
                   f"{len(exported.removed)} removed")
        for stem, counts in sorted(exported.articles.items()):
            note = "  (withheld from en/: not fully approved)" if counts.withheld else ""
            click.echo(f"  {stem}: {counts.exported} unit(s) exported, {counts.approved} approved, "
                       f"{counts.draft} draft, {counts.untranslated} untranslated{note}")
    _skipped(result.problems)


def print_glossary_check(glossary: Glossary, problems: list[Diagnostic]) -> None:
    for problem in problems:
        click.echo(str(problem))
    by_type = Counter(t.type for t in glossary.terms)
    errors = sum(p.severity == Severity.ERROR for p in problems)
    click.echo(f"{len(glossary)} term(s): " + ", ".join(f"{n} {t}" for t, n in sorted(by_type.items())))
    click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)")


def print_tm_import(done, ws: Workspace) -> None:
    """`xlate tm import`: what was kept, what was skipped, how its matches arrive."""
    tally = done.tally
    verb = "replaced" if done.replaced else "imported"
    click.echo(f"{verb} {done.origin.name}: {done.units} unit(s) in {ws.shown(done.path)}")
    if tally.units:
        folded = tally.pairs - done.units
        notes = [f"{n} with {reason}" for reason, n in sorted(tally.skipped.items())]
        click.echo(f"  {tally.units} <tu> read: {tally.pairs} Vietnamese→English pair(s)"
                   + (f", {folded} repeated pair(s) folded" if folded > 0 else "")
                   + (f"; skipped {', '.join(notes)}" if notes else ""))
    if done.origin.trusted:
        click.echo("  trusted: an exact match from it arrives approved")
    else:
        click.echo("  an exact match from it arrives as a draft (import it with --trusted to approve them)")


def print_tm_list(found, problems: list[InputError], ws: Workspace) -> None:
    """`xlate tm list`: the catalogs' approvals in one row, then every imported TMX."""
    from xlate.mt.origins import OriginKind

    articles = [s for s in found if s.origin.kind == OriginKind.ARTICLE]
    imported = [s for s in found if s.origin.kind != OriginKind.ARTICLE]
    rows = [("origin", "units", "exact match", "dates", "file")]
    rows.append((f"catalogs ({len(articles)})", str(sum(s.units for s in articles)), "approved",
                 _dates([s.first for s in articles if s.units], [s.last for s in articles if s.units]),
                 ws.shown(ws.translate_dir) + "/*.po"))
    for s in imported:
        folder = ws.tm_dir / "trusted" if s.origin.trusted else ws.tm_dir
        rows.append((s.origin.label, str(s.units), "approved" if s.origin.trusted else "draft",
                     _dates([s.first], [s.last]), ws.shown(folder / f"{s.origin.name}.tmx")))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        click.echo("  ".join(f"{v:>{w}}" if i == 1 else f"{v:<{w}}" for i, (v, w) in enumerate(zip(r, widths))).rstrip())
    _skipped(problems)


def _dates(first: list[str], last: list[str]) -> str:
    """A TMX-date range as days: 2019-03-01 – 2024-05-06."""
    def day(value: str) -> str:
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) >= 8 else "?"
    first, last = [f for f in first if f], [x for x in last if x]
    if not first and not last:
        return "-"
    a, b = day(min(first or last)), day(max(last or first))
    return a if a == b else f"{a} – {b}"


def print_show(ws: Workspace, stems: tuple[str, ...], *, dropped_only: bool, full: bool) -> int:
    """`xlate show`: per seed, what ingest kept and dropped; the exit status (1: a file needs attention)."""
    from xlate import ingest
    from xlate.errors import SetupError
    from xlate.ingest.explain import explain
    from xlate.text import units_of

    seeds = ws.seeds()
    if stems:
        by_stem = {p.stem: p for p in seeds}
        missing = [s for s in stems if s not in by_stem]
        if missing:
            raise SetupError(f"no seed named {', '.join(missing)} in seeds/",
                             hint="`xlate show` with no name lists every seed")
        seeds = [by_stem[s] for s in stems]
    rules = ws.ingest_rules()
    status = 0
    for n, seed in enumerate(seeds):
        try:
            article = ingest.ingest(seed, ws.root, rules)
        except InputError as exc:
            click.echo(f"xlate: {exc}", err=True)
            status = 1
            continue
        units = len(units_of(article, ws.settings.segment.abbreviations))
        if n:
            click.echo("")
        click.echo("\n".join(explain(article, units, dropped_only=dropped_only, full=full)))
    if not stems:
        for path in ws.not_seeds():
            what, hint = ingest.not_a_seed(path)
            click.echo(f"xlate: {ws.shown(path)}: {what}\n  {hint}", err=True)
            status = 1
    return status
