"""The pipeline over a workspace: ingest → segment → merge → pre-translate → QA → write → export.

    run(ws)      `xlate run`: every stage, under the workspace lock
    export(ws)   `xlate export`: output/ from the catalogs as reviewers left them
    check(ws)    `xlate check`: QA over the catalogs as reviewers left them

Each stage lives in its own module or subpackage; this one only sequences them
and collects what went wrong, so that one bad file costs only its own article.
Everything before the final writes happens in memory, so a set-up error (no
model, say) stops a run with no catalog or export touched. Each function
returns a result that carries its own exit status (docs/design.md, "Commands").
"""

import gc
import json
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from xlate import __version__, catalog, drafting, ingest, plan, prepare, qa, record, writeback
from xlate.align import run as align_run
from xlate.article import ArticleResult, now_stamp
from xlate.errors import ATTENTION, OK, InputError, OutputError, SetupError
from xlate.exports import CarriedArticles, ExportReport, edition, export_all
from xlate.fsutil import Lock, remove_temp
from xlate.model import Diagnostic, Severity
from xlate.mt import Fill, Memory, pretranslate, tmfiles
from xlate.mt import confidence as mt_confidence
from xlate.text.values import carry_values
from xlate.state import State, Summary
from xlate.workspace import Workspace
from xlate.writeback import Conflict
from xlate.ui import QuietUI


@dataclass
class RunResult:
    articles: list[ArticleResult] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # files skipped, each with its reason
    written: list[Path] = field(default_factory=list)  # catalogs written
    fills: list[Fill] = field(default_factory=list)  # what this run translated, memory first, then MT
    translated: int = 0  # units given an MT draft this run
    reused: int = 0  # units filled from the translation memory this run
    exported: ExportReport | None = None
    conflicts: list[Conflict] = field(default_factory=list)  # catalogs saved by someone during the run
    carried: dict[str, Summary] = field(default_factory=dict)  # articles not processed: unchanged since
    summaries: dict[str, Summary] = field(default_factory=dict)  # every article processed, as `status` shows it
    changed_inputs: list[str] = field(default_factory=list)  # seeds/glossary files edited during the run

    @property
    def exit_code(self) -> int:
        return ATTENTION if self.problems or any(not c.merged for c in self.conflicts) else OK


@dataclass
class ExportResult:
    articles: list[ArticleResult] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    exported: ExportReport | None = None

    @property
    def exit_code(self) -> int:
        return ATTENTION if self.problems else OK


@dataclass
class CheckResult:
    findings: list[Diagnostic] = field(default_factory=list)  # every catalog's, with file:line
    weakest: list[Diagnostic] = field(default_factory=list)  # MT drafts under [mt] low_confidence, weakest first
    problems: list[InputError] = field(default_factory=list)  # catalogs or seeds that could not be read

    @property
    def errors(self) -> int:
        return sum(f.severity == Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        return ATTENTION if self.errors or self.problems else OK


# A run processes this many articles at a time (catalogs merged, filled, written and exported
# together): it bounds the memory of a first run or a glossary change over a large archive. The
# files are those of processing them all at once (tests/test_incremental.py runs with 2).
CHUNK = 200
# On a Ray cluster each chunk is a Ray Data job (actors started, the model loaded in each): a
# backfill's chunks are larger, for a few jobs of minutes rather than many of seconds.
CLUSTER_CHUNK = 2000


def run(ws: Workspace, *, mt: bool = True, cluster: str | None = None, ui=QuietUI()) -> RunResult:
    """`xlate run`: the whole pipeline under the workspace lock, over the articles that need it
    (xlate.plan: a run does work in proportion to what changed).

    `cluster`: a Ray address for MT (xlate.mt.cluster); None means `[mt] cluster`, "" this process.
    """
    result = RunResult()
    mt = mt and ws.settings.mt.enabled
    cluster = ws.settings.mt.cluster if cluster is None else cluster
    if mt and cluster:
        from xlate.mt import cluster as mt_cluster

        mt_cluster.require_ray()  # before any work: a backfill should not find out at the end
    with Lock(ws.lock_path), ExitStack() as stack, _collecting_less():
        remove_temp(ws.translate_dir)  # left by a run killed mid-write
        inputs = ws.input_stamps()  # before reading: a save after this is noticed
        seeds = _seeds(ws, result.problems)
        glossary = prepare.workspace_glossary(ws, result.problems)
        keys = plan.keys(ws)
        # Opened only if they exist: with no memory yet, nothing is written before MT is known to work.
        memory = stack.enter_context(Memory(ws.memory_path)) if ws.memory_path.exists() else None
        state = stack.enter_context(State(ws.state_path, memory.id)) if memory is not None else None
        decided = plan.plan(ws, seeds, state, keys, (lambda: drafting.mt_key(ws)) if mt else None, glossary)
        if unsynced := _wake(decided, seeds, left := _unsynced(state)):  # left by a chunked run killed midway
            due = {seed.stem for seed in decided.todo + unsynced}
            decided.todo = [seed for seed in seeds if seed.stem in due]
        for stem in left:  # its approvals may not be in the memory yet
            decided.settled.pop(stem, None)
        created = now_stamp()
        size = CLUSTER_CHUNK if mt and cluster else CHUNK
        # First the approvals of every catalog the run processes go into the memory, before any entry
        # is filled from it. The articles of a run of one chunk are kept for what follows; over more,
        # only their approvals (and an article with no catalog yet has none).
        one_chunk = len(decided.todo) <= size
        preparer = stack.enter_context(prepare.Preparer(ws, glossary, created, result.problems, len(decided.todo)))
        if one_chunk:
            results = preparer.now(decided.todo)
            approved = pretranslate.approvals({r.stem: r.catalog for r in results})
            needs_mt = bool(pretranslate.missing({r.stem: r.catalog for r in results}))
        else:
            # The memory holds the approvals of a settled article already (a glossary change that
            # reaches every article reads each catalog once, not twice).
            with_po = [seed for seed in decided.todo if seed.stem not in decided.settled
                       and ws.catalog_path(seed.stem).exists()]
            results, (approved, needs_mt) = [], preparer.approvals(with_po)
            needs_mt = needs_mt or any(record.empty for record in decided.settled.values()) or \
                len(with_po) + len(decided.settled) < len(decided.todo)  # a new article has empty entries
        if mt and needs_mt:
            drafting.ensure_model(ws, ui)  # before anything is written, even .xlate/memory.sqlite
        if memory is None:
            memory = stack.enter_context(Memory(ws.memory_path))
            state = stack.enter_context(State(ws.state_path, memory.id))
        plan.remember_glossary(state, keys, glossary)  # before any record made with it is saved
        result.problems += tmfiles.sync(ws, memory)
        result.problems += align_run.sync(ws, memory, glossary)  # published editions (xlate.align)
        present = ws.catalog_stems() | {seed.stem for seed in seeds}
        # What the memory's approvals change is noted in the state before the memory changes (and
        # dropped only once every article it concerns is processed): a run killed in between still
        # leaves the next one knowing which carried articles to wake.
        unconsumed = set(json.loads(state.meta("changed") or "[]"))
        changed = unconsumed | pretranslate.approval_changes(memory, approved, keep=present)
        _note_changes(state, changed)
        pretranslate.sync_approvals(memory, approved, keep=present)
        reference = memory.reference_key()
        # The memory changed where a carried article waits: it is processed too, as a full run would.
        waiting = state.waiting_for(changed, ws.settings.tm.fuzzy_threshold) if changed else set()
        if state.meta("reference") not in (None, reference):  # a TMX came, went or changed
            waiting = set(decided.carried)
        woken = _wake(decided, seeds, waiting)
        if one_chunk and len(results) + len(woken) <= size:
            more = preparer.now(woken)
            if mt and pretranslate.missing({r.stem: r.catalog for r in more}):
                drafting.ensure_model(ws, ui)
            parts = [results + more]
        else:  # prepared a chunk at a time, as it comes
            if mt and woken:
                drafting.ensure_model(ws, ui)
            parts = ([results] if one_chunk else []) + _chunks(woken if one_chunk else decided.todo + woken, size)
        # Then, a chunk at a time: fill from the memory, MT, QA, write, export. What the writes approve
        # (an exact reuse) reaches the memory only after the last chunk, so that every chunk is filled
        # from the memory as it was before the first: the files of a run of one chunk.
        recorder = record.Recorder(ws, state, memory, keys)
        later_approved: pretranslate.Approvals = {}
        engines: dict[str, object] = {}  # loaded once, for every chunk
        results = more = None  # held by `parts` only, and dropped from it once written and exported
        parts = [part for part in parts if part] or [[]]  # one pass at least: it writes the combined files
        sizes = [len(part) for part in parts]
        coming = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if len(parts) > 1:  # a long run: where it is, before the chunk's own progress bars
                first, last_one = sum(sizes[:index]) + 1, sum(sizes[:index + 1])
                span = f"article {first}" if first == last_one else f"articles {first}–{last_one}"
                ui.say(f"{span} of {sum(sizes)} (part {index + 1} of {len(parts)})")
            if part and isinstance(part[0], Path):
                part = preparer.collect(coming) if coming else preparer.now(part)
            following = parts[index + 1] if index + 1 < len(parts) else []
            # The next chunk is prepared in the worker while this one is filled, written and exported.
            coming = preparer.ahead(following) if following and isinstance(following[0], Path) else None
            done, ran_mt = _translate(ws, part, memory, mt, cluster, ui, result, engines)
            later_approved.update(pretranslate.approvals({r.stem: r.catalog for r in done}))
            for r in part:
                result.summaries[r.stem] = record.summary(r, ws.settings.mt.low_confidence)
            result.articles = part
            if last:
                later = pretranslate.approval_changes(memory, later_approved, keep=present)
                _note_changes(state, changed | later)
                pretranslate.sync_approvals(memory, later_approved, keep=present)
                state.set_meta({"unsynced": "[]"})
            else:  # the records saved now are of articles whose approvals are not in the memory yet
                state.set_meta({"unsynced": json.dumps(sorted(later_approved), ensure_ascii=False)})
            recorder.chunk(part, drafting.mt_key(ws) if ran_mt else "", result.summaries)
            report = _export(ws, done, ws.settings.export.approved_only, ui, reread=True, seeds=seeds,
                             carried=recorder.carried(set(decided.carried) | set(result.exported.articles
                                                                                  if result.exported else ()))
                             if last else None,
                             done=recorder.exported, combine=recorder.combine, partial=not last)
            recorder.flush()
            result.exported = _merged_reports(result.exported, report)
            parts[index] = []
        result.changed_inputs = [name for name, stamp in ws.input_stamps().items() if inputs.get(name) != stamp]
        recorder.combined_done()
        recorder.forget_except({seed.stem for seed in seeds})
        result.carried = {stem: rec.summary for stem, rec in decided.carried.items()}
        _note_changes(state, later)  # what this run woke it processed: only its own writes are left
        state.set_meta({"reference": reference, "failures": json.dumps(_failures(result.problems), ensure_ascii=False)})
    return result


# Collector thresholds during a run. Its objects live for a chunk (some 1,000 per article: catalogs,
# units, requirements, pages) and are freed by reference counting; at the default (700, 10, 10) the
# collector still went through all of a chunk's 200,000 every 80 articles or so, a tenth of a run's
# work for the few cycles a run makes (docs/design.md, "Incremental runs"). The CLI sets the same for
# every command (cli.main); a library caller gets them for the run.
THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _collecting_less():
    """The collector at least as lax as THRESHOLDS while a run lasts (its worker, forked inside,
    inherits them); a caller's own laxer thresholds stay."""
    before = gc.get_threshold()
    gc.set_threshold(*map(max, before, THRESHOLDS))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _translate(ws: Workspace, results: list[ArticleResult], memory: Memory, mt: bool, cluster: str,
               ui, result: RunResult, engines: dict) -> tuple[list[ArticleResult], bool]:
    """Fill these articles from the memory, then by MT; QA; write their catalogs. Returns those
    written as the run left them, and whether MT ran."""
    catalogs = {r.stem: r.catalog for r in results}
    style = ws.settings.style
    fills = pretranslate.fill_from_memory(
        catalogs, memory, ws.settings.tm.fuzzy_threshold,
        carry=lambda old, new, english: carry_values(old, new, english, style))
    result.reused += len(fills)
    todo = pretranslate.missing(catalogs)
    if mt and todo:
        drafted = drafting.machine_translate(ws, todo, memory, results, ui, cluster, engines)
        result.translated += len(drafted)
        fills += drafted
    result.fills = fills  # over more than one chunk, the last chunk's (a long run does not keep them all)
    filled: dict[str, set[str]] = {}
    for fill in fills:
        filled.setdefault(fill.stem, set()).add(fill.msgid)
    for r in results:
        pretranslate.mark_low_confidence(r.catalog, ws.settings.mt.low_confidence)
        qa.annotate(r.catalog, r.requirements, filled.get(r.stem, set()))
    written, done, conflicts = writeback.write_catalogs(results, fills, memory, ws.shown, style)
    result.written += written
    result.conflicts += conflicts
    return done, bool(mt and todo)


def _chunks(seeds: list[Path], size: int) -> list[list[Path]]:
    return [seeds[k:k + size] for k in range(0, len(seeds), size)]


def _wake(decided: plan.Plan, seeds: list[Path], stems: set[str]) -> list[Path]:
    """Move these carried articles to the run's work (in seed order); returns their seeds."""
    woken = [seed for seed in seeds if seed.stem in stems and seed.stem in decided.carried]
    for seed in woken:
        decided.carried.pop(seed.stem)
    return woken


def _unsynced(state: State | None) -> set[str]:
    return set(json.loads(state.meta("unsynced") or "[]")) if state is not None else set()


def _merged_reports(before: ExportReport | None, report: ExportReport) -> ExportReport:
    if before is None:
        return report
    before.written += report.written
    before.unchanged += report.unchanged
    before.removed += report.removed
    before.articles.update(report.articles)
    return before


def export(ws: Workspace, *, approved_only: bool | None = None, ui=QuietUI()) -> ExportResult:
    """`xlate export`: output/ from the current PO files; no MT, no catalog writes."""
    result = ExportResult()
    with Lock(ws.lock_path):
        result.articles = prepare.read_back(ws, result.problems)
        only = ws.settings.export.approved_only if approved_only is None else approved_only
        result.exported = _export(ws, result.articles, only, ui)
    return result


def check(ws: Workspace) -> CheckResult:
    """`xlate check`: QA over the PO files as reviewers left them."""
    result = CheckResult()
    catalogs = []
    for r in prepare.read_back(ws, result.problems):
        result.findings += r.findings(ws.shown(r.path))
        catalogs.append((ws.shown(r.path), r.catalog))
    result.weakest = mt_confidence.weakest(catalogs, ws.settings.mt.low_confidence)
    return result


def _note_changes(state: State, sources: set[str]) -> None:
    """The memory's changed sources that carried articles may still wait for."""
    state.set_meta({"changed": json.dumps(sorted(sources), ensure_ascii=False)})


def _failures(problems: list[InputError]) -> dict[str, str]:
    """The articles whose seed or catalog could not be read this run, with why (`xlate status`)."""
    return {Path(p.path).stem: str(p).splitlines()[0] for p in problems
            if p.path and p.path.startswith(("seeds/", "translate/")) and p.path.endswith(
                (".po", *ingest.SEED_SUFFIXES))}


def _seeds(ws: Workspace, problems: list[InputError]) -> list[Path]:
    """The seeds; every other file in seeds/ becomes a problem; none at all is a setup error."""
    seeds = ws.seeds()
    others = _not_seeds(ws)
    if not seeds:
        raise SetupError("no articles to translate", path=ws.shown(ws.seeds_dir),
                         hint="put UTF-8 .txt or .md articles, or saved .html pages, in seeds/ "
                              "(xlate init creates the folder)" + "".join(f"\n  {p}" for p in others))
    problems += others
    return seeds


def _not_seeds(ws: Workspace) -> list[InputError]:
    """Every file in seeds/ that xlate does not read, named with what it is (never skipped in silence)."""
    found = []
    for path in ws.not_seeds():
        what, hint = ingest.not_a_seed(path)
        found.append(InputError(what, path=ws.shown(path), hint=hint))
    return found


def _export(ws: Workspace, results: list[ArticleResult], approved_only: bool, ui, *,
            reread: bool = False, carried: CarriedArticles | None = None, done=None, combine=None,
            seeds: list[Path] | None = None, partial: bool = False) -> ExportReport:
    """Regenerate output/ from the catalogs in `results` (and the combined files from `carried` too).
    `reread`: the catalogs were merged in memory, so the preview takes each entry's line from the
    file as written."""
    editions = (edition(r.article, r.units, r.catalog, r.requirements, catalog=ws.shown(r.path),
                        lines=_lines_on_disk(ws, r) if reread else None) for r in results)  # one at a time
    # An article skipped this run (bad seed or catalog, or up to date) keeps its last exports; only the
    # sweep of the last chunk asks (a set of every seed per chunk would be built for nothing).
    skipped = frozenset() if partial else \
        frozenset(p.stem for p in (ws.seeds() if seeds is None else seeds)) - {r.stem for r in results}
    try:
        with ui.progress("exporting", len(results)) as advance:
            return export_all(editions, ws.output_dir, approved_only=approved_only,
                              tool_version=__version__, progress=advance, keep=skipped,
                              low_confidence=ws.settings.mt.low_confidence, root=ws.root, carried=carried,
                              done=done, combine=combine, partial=partial)
    except OSError as exc:  # the catalogs are written; the exports are remade by the next run or export
        raise OutputError(f"cannot be written: {exc.strerror or exc}",
                          path=ws.shown(Path(exc.filename)) if exc.filename else ws.shown(ws.output_dir),
                          hint="the catalogs are saved; make room or fix this path (a file where a folder "
                               "should be, permissions), then run `xlate export`") from None


def _lines_on_disk(ws: Workspace, result: ArticleResult) -> dict[str, int]:
    """Where each entry starts in the catalog file as it is now (as `xlate check` reports lines)."""
    if result.lines:
        return result.lines  # known from writing it
    try:
        po = catalog.read(result.path, ws.shown(result.path))
    except InputError:
        return {}  # unreadable just after the run wrote it: the preview shows no line numbers
    return {e.msgid: e.linenum for e in po or [] if not e.obsolete}
