"""The pipeline: ingest → segment → merge catalogs → pre-translate → QA → write → export.

Each stage lives in its own module; this one only sequences them over the
workspace and collects what went wrong, so that one bad file costs only its
own article. Everything before the final writes happens in memory, so a set-up
error (no model, say) stops a run with no catalog or export touched.
"""

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polib

from xlate import __version__, catalog, enforce, ingest, pretranslate, qa
from xlate.data import Article, Unit
from xlate.errors import InputError, SetupError
from xlate.fsutil import Lock, remove_temp
from xlate.glossary import Glossary, load as load_glossary
from xlate.memory import Memory
from xlate.segment import units_of
from xlate.settings import Settings


@dataclass
class Work:
    """One article in flight: its seed, its units, its merged catalog and their requirements."""

    article: Article
    units: list[Unit]
    po: polib.POFile
    path: Path  # translate/<stem>.po
    reqs: dict[str, list[enforce.Requirement]] = field(default_factory=dict)  # by msgid


@dataclass
class Report:
    articles: list[Work] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translated: int = 0  # units given an MT draft this run
    reused: int = 0  # units filled from the translation memory this run
    exported: object = None  # export.ExportReport

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


class QuietUI:
    """What the pipeline needs from a user interface; this one shows nothing."""

    @contextmanager
    def progress(self, label: str, total: int):
        yield lambda n: None

    def say(self, message: str) -> None:
        pass


def seed_files(settings: Settings) -> list[Path]:
    if not settings.seeds.is_dir():
        return []
    return sorted(p for p in settings.seeds.iterdir()
                  if p.suffix.lower() in ingest.SEED_SUFFIXES and not p.name.startswith("."))


def now_stamp() -> str:
    """POT-Creation-Date of a new catalog: the only place xlate reads the clock."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def catalog_path(settings: Settings, stem: str) -> Path:
    return settings.translate / f"{stem}.po"


def shown(settings: Settings, path: Path) -> str:
    try:
        return str(path.relative_to(settings.root))
    except ValueError:
        return str(path)


def glossary_of(settings: Settings, report: Report) -> Glossary:
    """The workspace glossary; bad rows are skipped and reported, never fatal."""
    glossary, problems = load_glossary(settings.glossary, settings.root)
    report.problems += [InputError(p.message, path=p.path, line=p.line,
                                   hint="run `xlate glossary check` for the full list")
                        for p in problems if p.severity == qa.ERROR]
    return glossary


def prepare(settings: Settings, report: Report, glossary: Glossary) -> list[Work]:
    """Ingest every seed and merge its catalog in memory; nothing is written."""
    seeds = seed_files(settings)
    if not seeds:
        raise SetupError("no articles to translate", path=shown(settings, settings.seeds),
                         hint="put UTF-8 .txt or .md articles in seeds/ (xlate init creates the folder)")
    created = now_stamp()
    work = []
    for seed in seeds:
        try:
            article = ingest.ingest(seed, settings.root)
            units = units_of(article, settings.segment.abbreviations)
            path = catalog_path(settings, article.stem)
            old = catalog.read(path, shown(settings, path))
        except InputError as problem:
            report.problems.append(problem)
            continue
        entries = catalog.entries_for(article, units)
        reqs = {e.msgid: enforce.requirements(e.msgid, glossary) for e in entries}
        for entry in entries:
            entry.notes = enforce.notes(reqs[entry.msgid])
        po = catalog.merge(old, entries, article, created)
        work.append(Work(article, units, po, path, reqs))
    return work


def apply_qa(work: list[Work], filled: set[int]) -> None:
    """QA findings become `#. qa:` comments; a unit filled this run that fails them is fuzzy.

    An approved translation keeps its status: only its source changing may un-approve it.
    """
    for item in work:
        for entry in item.po:
            if entry.obsolete:
                continue
            findings = qa.check(entry.msgid, entry.msgstr, item.reqs.get(entry.msgid, []))
            lines = [c for c in catalog.comment_lines(entry.comment) if not c.startswith("qa:")]
            entry.comment = "\n".join(lines + [f.comment for f in findings])
            if id(entry) in filled and any(f.severity == qa.ERROR for f in findings):
                entry.flags = sorted(set(entry.flags) | {"fuzzy"})


def run(settings: Settings, *, mt: bool = True, ui=QuietUI()) -> Report:
    """`xlate run`: the whole pipeline under the workspace lock."""
    report = Report()
    with Lock(settings.state / "lock"):
        remove_temp(settings.translate)  # left by a run killed mid-write
        glossary = glossary_of(settings, report)
        work = prepare(settings, report, glossary)
        report.articles = work
        catalogs = {w.article.stem: w.po for w in work}
        existing = {p.stem for p in settings.translate.glob("*.po")} if settings.translate.is_dir() else set()
        if mt and settings.mt.enabled and pretranslate.missing(catalogs):
            ensure_model(settings, ui)  # before anything is written, even .xlate/memory.sqlite
        with Memory(settings.state / "memory.sqlite") as memory:
            pretranslate.sync_memory(memory, catalogs, keep=existing | set(catalogs))
            filled = pretranslate.fill_from_memory(catalogs, memory)
            report.reused = len(filled)
            todo = pretranslate.missing(catalogs)
            if mt and settings.mt.enabled and todo:
                drafted = _machine_translate(settings, todo, memory, work, ui)
                report.translated = len(drafted)
                filled += drafted
        apply_qa(work, {id(e) for e in filled})
        for item in work:
            if catalog.write(item.path, item.po):
                report.written.append(item.path)
        report.exported = export(settings, work, settings.export.approved_only, ui)
    return report


def ensure_model(settings: Settings, ui) -> None:
    """The vi→en model is installed, or is installed now from the Argos index, or ModelMissing."""
    from xlate import packages  # imports argostranslate: only when MT runs

    if packages.find_vi_en() is not None:
        return
    if not settings.mt.auto_install:
        raise packages.missing_model_error(
            "no Vietnamese→English model is installed, and [mt] auto_install is off",
            path=shown(settings, settings.root / "xlate.toml"))
    ui.say("The vi→en model is not installed; fetching it from the Argos index…")
    install_from_index(settings, ui)


def install_from_index(settings: Settings, ui):
    """Download and install the model with a progress bar that opens once bytes flow."""
    from xlate import packages

    with ExitStack() as stack:
        bar = []

        def step(done: int, total: int) -> None:
            if not bar:
                bar.extend([stack.enter_context(ui.progress("downloading model", total)), 0])
            bar[0](done - bar[1])
            bar[1] = done

        return packages.install_from_index(settings, progress=step)


def _machine_translate(settings: Settings, todo, memory: Memory, work: list[Work], ui) -> list:
    from xlate import engine

    eng = engine.load_engine(settings)
    reqs = {msgid: r for item in work for msgid, r in item.reqs.items()}
    drafting = pretranslate.Drafting(
        prepare=lambda text: enforce.protect(text, reqs.get(text, [])),
        finish=lambda source, raw: (enforce.restore(raw, reqs.get(source, []))[0], []))
    key = engine.cache_key(settings)
    total = pretranslate.to_translate(todo, memory, eng.model_id, key, drafting)
    with ui.progress(f"translating {total} sentence(s)", total) as advance:
        return pretranslate.machine_translate(todo, memory, eng, key, drafting, advance)


def read_back(settings: Settings, report: Report) -> list[Work]:
    """The catalogs as reviewers left them, with their articles (for export and check)."""
    glossary = glossary_of(settings, report)
    work = []
    for seed in seed_files(settings):
        path = catalog_path(settings, seed.stem)
        try:
            article = ingest.ingest(seed, settings.root)
            po = catalog.read(path, shown(settings, path))
        except InputError as problem:
            report.problems.append(problem)
            continue
        if po is None:
            continue  # never run: nothing to export or check yet
        units = units_of(article, settings.segment.abbreviations)
        reqs = {e.msgid: enforce.requirements(e.msgid, glossary) for e in po if not e.obsolete}
        work.append(Work(article, units, po, path, reqs))
    return work


def export(settings: Settings, work: list[Work], approved_only: bool, ui):
    """Regenerate output/ from the catalogs in `work`."""
    from xlate import editions
    from xlate.export import export_all

    eds = [editions.edition(w.article, w.units, w.po) for w in work]
    # An article skipped this run (bad seed or catalog) keeps its last exports.
    skipped = frozenset(p.stem for p in seed_files(settings)) - {w.article.stem for w in work}
    with ui.progress("exporting", len(eds)) as advance:
        return export_all(eds, settings.output, approved_only=approved_only,
                          tool_version=__version__, progress=advance, keep=skipped)


def export_only(settings: Settings, approved_only: bool, ui=QuietUI()) -> Report:
    """`xlate export`: output/ from the current PO files; no MT, no catalog writes."""
    report = Report()
    with Lock(settings.state / "lock"):
        work = read_back(settings, report)
        report.articles = work
        report.exported = export(settings, work, approved_only, ui)
    return report
