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
from xlate.fsutil import Changed, Lock, read_or_none, remove_temp
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
    entries: list[catalog.Entry] = field(default_factory=list)  # what the seed asks of the catalog
    read: bytes | None = None  # the catalog's bytes as this run read them (None: there was none)


@dataclass(frozen=True)
class Conflict:
    """A catalog someone saved while the run worked, and what the run did about it."""

    path: Path
    merged: bool  # True: the run's work was merged onto the saved file; False: the file was left as saved
    detail: str


@dataclass
class Report:
    articles: list[Work] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translated: int = 0  # units given an MT draft this run
    reused: int = 0  # units filled from the translation memory this run
    exported: object = None  # export.ExportReport
    conflicts: list[Conflict] = field(default_factory=list)
    changed_inputs: list[str] = field(default_factory=list)  # seeds/glossary files edited during the run

    @property
    def exit_code(self) -> int:
        return 1 if self.problems or any(not c.merged for c in self.conflicts) else 0


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
            old, read = catalog.read_with_bytes(path, shown(settings, path))
        except InputError as problem:
            report.problems.append(problem)
            continue
        entries = catalog.entries_for(article, units)
        reqs = {e.msgid: enforce.requirements(e.msgid, glossary) for e in entries}
        for entry in entries:
            entry.notes = enforce.notes(reqs[entry.msgid])
        po = catalog.merge(old, entries, article, created)
        work.append(Work(article, units, po, path, reqs, entries, read))
    return work


def apply_qa(work: list[Work], filled: set[tuple[str, str]]) -> None:
    """QA findings become `#. qa:` comments; a unit filled this run that fails them is fuzzy.

    `filled`: (stem, msgid) of the entries this run filled. An approved
    translation keeps its status: only its source changing may un-approve it.
    """
    for item in work:
        stem = item.article.stem
        for entry in item.po:
            if entry.obsolete:
                continue
            findings = qa.check(entry.msgid, entry.msgstr, item.reqs.get(entry.msgid, []))
            lines = [c for c in catalog.comment_lines(entry.comment) if not c.startswith("qa:")]
            entry.comment = "\n".join(lines + [f.comment for f in findings])
            if (stem, entry.msgid) in filled and any(f.severity == qa.ERROR for f in findings):
                entry.flags = sorted(set(entry.flags) | {"fuzzy"})


def run(settings: Settings, *, mt: bool = True, ui=QuietUI()) -> Report:
    """`xlate run`: the whole pipeline under the workspace lock."""
    report = Report()
    with Lock(settings.state / "lock"):
        remove_temp(settings.translate)  # left by a run killed mid-write
        inputs = input_stamps(settings)  # before reading: a save after this is noticed
        glossary = glossary_of(settings, report)
        work = prepare(settings, report, glossary)
        report.articles = work
        catalogs = {w.article.stem: w.po for w in work}
        existing = {p.stem for p in settings.translate.glob("*.po")} if settings.translate.is_dir() else set()
        if mt and settings.mt.enabled and pretranslate.missing(catalogs):
            ensure_model(settings, ui)  # before anything is written, even .xlate/memory.sqlite
        with Memory(settings.state / "memory.sqlite") as memory:
            pretranslate.sync_memory(memory, catalogs, keep=existing | set(catalogs))
            fills = pretranslate.fill_from_memory(catalogs, memory)
            report.reused = len(fills)
            todo = pretranslate.missing(catalogs)
            if mt and settings.mt.enabled and todo:
                drafted = _machine_translate(settings, todo, memory, work, ui)
                report.translated = len(drafted)
                fills += drafted
            apply_qa(work, {(f.stem, f.msgid) for f in fills})
            written = write_catalogs(settings, work, fills, memory, report)
        report.changed_inputs = [name for name, stamp in input_stamps(settings).items()
                                 if inputs.get(name) != stamp]
        report.exported = export(settings, written, settings.export.approved_only, ui)
    return report


def input_stamps(settings: Settings) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every seed and glossary file: a run reads them once, so an edit made
    while it works is only noticed, and picked up by the next run."""
    files = seed_files(settings)
    if settings.glossary.is_dir():
        files += sorted(settings.glossary.glob("*.tsv"))
    stamps = {}
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        stamps[shown(settings, path)] = (st.st_size, st.st_mtime_ns)
    return stamps


# How often a catalog that keeps changing under the run is merged again before it is left alone.
MERGE_ATTEMPTS = 5


def write_catalogs(settings: Settings, work: list[Work], fills: list, memory: Memory,
                   report: Report) -> list[Work]:
    """Write every catalog, never over a save the run did not read.

    A catalog someone saved since the run read it (Poedit, an editor, git) is read
    again, the run's own work is merged onto it (new and obsolete entries, and this
    run's drafts for entries still empty or still xlate's untouched drafts) and that
    is written: the saved version of every entry wins. A file that cannot be read or
    keeps changing is left as saved; its drafts are in the MT cache for the next run.
    Returns the articles whose catalogs now hold the run's work (the ones to export).
    """
    by_stem: dict[str, dict[str, object]] = {}
    for fill in fills:
        by_stem.setdefault(fill.stem, {})[fill.msgid] = fill
    kept = []
    for item in work:
        own = by_stem.get(item.article.stem, {})
        conflict = None
        for _ in range(MERGE_ATTEMPTS):
            try:
                if catalog.write(item.path, item.po, expect=item.read):
                    report.written.append(item.path)
                break
            except Changed:
                try:
                    added = rebase(settings, item, own, memory)
                except InputError as problem:
                    conflict = Conflict(item.path, False, f"cannot be read now ({problem.message}); "
                                                          "left as saved")
                    break
                conflict = Conflict(item.path, True, f"kept every entry as saved there and added "
                                                     f"{added} of this run's translation(s)")
        else:
            conflict = Conflict(item.path, False, "kept changing while the run tried to merge; left as saved")
        if conflict is not None:
            report.conflicts.append(conflict)
        if conflict is None or conflict.merged:
            kept.append(item)
        else:
            _show_as_saved(settings, item)
    # An article whose catalog was left as saved keeps its last exports until the next run.
    return kept


def _show_as_saved(settings: Settings, item: Work) -> None:
    """Let the run's summary count a catalog left as saved as it is on disk, when it can be read."""
    try:
        saved = catalog.read(item.path, shown(settings, item.path))
    except InputError:
        return
    if saved is not None:
        item.po = saved


def rebase(settings: Settings, item: Work, own: dict, memory: Memory) -> int:
    """Merge the run's work onto the catalog as it is on disk now; returns how many of the
    run's translations went in. Raises InputError if the saved file cannot be read."""
    raw = read_or_none(item.path)
    saved = catalog.parse(raw, shown(settings, item.path)) if raw is not None else None
    # A new catalog's date, should the saved one be gone: the one this run gave it.
    po = catalog.merge(saved, item.entries, item.article, item.po.metadata["POT-Creation-Date"])
    stem = item.article.stem
    applied = set()
    for entry in po:
        fill = own.get(entry.msgid)
        if fill is not None and pretranslate.replaceable(entry, stem, memory):
            fill.apply(entry)
            applied.add((stem, entry.msgid))
    item.po, item.read = po, raw
    apply_qa([item], applied)
    return len(applied)


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
