"""The front half of a run, per article and in memory: ingest the seed, segment it, merge its
catalog (xlate.article) — nothing is written. Also the catalogs as reviewers left them, for
`xlate export` and `xlate check`; and Preparer, which does this front half in a worker process
beside the run.
"""

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import polib

from xlate import catalog, ingest
from xlate.article import ArticleResult, as_left, catalog_article
from xlate.catalog.merge import approved_after_merge
from xlate.errors import InputError
from xlate.fsutil import Stamp, digest, drop_inherited_locks
from xlate.glossary import Glossary, load as load_glossary
from xlate.model import Severity, Status
from xlate.mt import fuzzy, pretranslate
from xlate.text import units_of
from xlate.workspace import Workspace


def workspace_glossary(ws: Workspace, problems: list[InputError]) -> Glossary:
    """The workspace glossary; bad rows are skipped and reported, never fatal."""
    glossary, found = load_glossary(ws.glossary_dir, ws.root)
    problems += [InputError(p.message, path=p.path, line=p.line,
                            hint="run `xlate glossary check` for the full list")
                 for p in found if p.severity == Severity.ERROR]
    return glossary


def prepare(ws: Workspace, glossary: Glossary, seeds: list[Path], problems: list[InputError],
             created: str) -> list[ArticleResult]:
    """Ingest these seeds and merge their catalogs in memory; nothing is written."""
    rules = ws.ingest_rules()
    results = []
    for seed in seeds:
        try:
            st = seed.stat()
            data = seed.read_bytes()
            article = ingest.ingest(seed, ws.root, rules, data)
            units = units_of(article, ws.settings.segment.abbreviations)
            path = ws.catalog_path(article.stem)
            old, read = catalog.read_with_bytes(path, ws.shown(path))
        except InputError as problem:
            problems.append(problem)
            continue
        except OSError as exc:
            problems.append(InputError(f"cannot be read: {exc.strerror}", path=ws.shown(seed)))
            continue
        result = catalog_article(article, units, glossary, old, created, ws.settings.style)
        result.path, result.read = path, read
        result.seed = Stamp(st.st_size, st.st_mtime_ns, digest(data))
        result.indexed_forms = {e.msgid: fuzzy.indexed(e.msgid) for e in result.catalog
                                if not e.obsolete and catalog.status(e) != Status.APPROVED}
        results.append(result)
    return results


def approvals(ws: Workspace, seeds: list[Path], created: str) -> tuple[pretranslate.Approvals, bool]:
    """What the memory takes of these articles' catalogs — the approvals merging them would give —
    without merging them (the first pass of a run of several chunks); and whether MT may be needed.
    An article that cannot be read is left out: it is reported when it is processed."""
    rules = ws.ingest_rules()
    approved: pretranslate.Approvals = {}
    needs_mt = False
    for seed in seeds:
        path = ws.catalog_path(seed.stem)
        try:
            msgids = {u.text for u in units_of(ingest.ingest(seed, ws.root, rules), ws.settings.segment.abbreviations)}
            old = catalog.read(path, ws.shown(path))
        except (InputError, OSError):
            continue
        old = old if old is not None else polib.POFile()
        entries = approved_after_merge(old, msgids)
        approved[seed.stem] = (entries, pretranslate.revision_date(old.metadata.get("PO-Revision-Date", created)))
        needs_mt = needs_mt or len(entries) < len(msgids)  # over-counts drafts: only ever asks too soon
    return approved, needs_mt


def read_back(ws: Workspace, problems: list[InputError]) -> list[ArticleResult]:
    """The catalogs as reviewers left them, with their articles (for export and check)."""
    terms = workspace_glossary(ws, problems)
    rules = ws.ingest_rules()
    results = []
    for seed in ws.seeds():
        path = ws.catalog_path(seed.stem)
        try:
            article = ingest.ingest(seed, ws.root, rules)
            po = catalog.read(path, ws.shown(path))
        except InputError as problem:
            problems.append(problem)
            continue
        if po is None:
            continue  # never run: nothing to export or check yet
        result = as_left(article, units_of(article, ws.settings.segment.abbreviations), po, terms,
                         ws.settings.style)
        result.path = path
        results.append(result)
    return results


# --- the front half beside the rest, in a worker process ------------------------------------------

# Fewer seeds than this are prepared here: starting a worker costs more than it saves.
PARALLEL_MIN = 16
# Seeds go to the worker in parts of this many, so that this process can take back the parts the
# worker has not started (Preparer.collect); a part is a tenth of a second's work or so.
PART = 10


class Preparer:
    """prepare() for a run, with a worker process beside this one on a machine of more than one CPU.

    Why: preparing (ingest, segment, glossary, names, values, merge) is half a first run's work and
    needs nothing but the seeds, the catalogs and the glossary; the other half (the memory, MT, the
    writes, the exports) stays in this process, which alone writes. `now` splits its seeds between the
    worker and this process; `ahead` starts the next chunk in the worker while this process finishes
    the current one. Results and problems come back in seed order, as prepare() gives them, so the
    files are those of preparing here. The worker writes nothing: killing it, or the run, loses no work.

    The worker is started on entry, and only if the run has at least PARALLEL_MIN seeds to prepare:
    it is forked before this process has any MT engine (and its threads) loaded.
    """

    def __init__(self, ws: Workspace, glossary: Glossary, created: str, problems: list[InputError],
                 expected: int = 0):
        self.ws, self.glossary, self.created, self.problems = ws, glossary, created, problems
        self.expected = expected
        self._pool = None

    def __enter__(self) -> "Preparer":
        if self.expected >= PARALLEL_MIN and _cpus() > 1 and "fork" in multiprocessing.get_all_start_methods():
            # fork: the worker starts with the glossary's automaton and the settings as they are here,
            # nothing pickled.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_worker_start,
                                             initargs=(self.ws, self.glossary, self.created, os.getpid()))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def now(self, seeds: list[Path]) -> list[ArticleResult]:
        """These seeds prepared: the second half in the worker while this process does the first."""
        if len(seeds) < PARALLEL_MIN or self._pool is None:
            return self._here(seeds)
        half = len(seeds) // 2
        later = self.ahead(seeds[half:])
        return self._here(seeds[:half]) + self.collect(later)

    def approvals(self, seeds: list[Path]) -> tuple[pretranslate.Approvals, bool]:
        """approvals() of these seeds: the second half in the worker while this process does the first."""
        if len(seeds) < PARALLEL_MIN or self._pool is None:
            return approvals(self.ws, seeds, self.created)
        half = len(seeds) // 2
        there = self._submit(_approvals_there, seeds[half:])
        approved, needs_mt = approvals(self.ws, seeds[:half], self.created)
        more, more_mt = self._result(there, lambda: approvals(self.ws, seeds[half:], self.created))
        return {**approved, **more}, needs_mt or more_mt

    def ahead(self, seeds: list[Path]) -> list[tuple]:
        """Start preparing these seeds in the worker, in parts of PART; collect() takes the results."""
        return [(part, self._submit(_prepare_there, part)) for part in _parts(seeds, PART)]

    def collect(self, handle: list[tuple]) -> list[ArticleResult]:
        """What ahead() started, its problems added to the run's, in seed order.

        The parts the worker has not started yet are taken back and prepared here, the last first,
        while it works through the others: whichever process is free prepares (this one is ahead
        when its own work was the lighter)."""
        made: list[tuple | None] = [None] * len(handle)
        for n in reversed(range(len(handle))):
            part, future = handle[n]
            if future is not None and not future.cancel():
                break  # started there (and so is every part before it)
            made[n] = self._here_alone(part)
        for n, (part, future) in enumerate(handle):
            if made[n] is None:
                made[n] = self._result(future, lambda: self._here_alone(part))
        results = []
        for part_results, problems in made:
            results += part_results
            self.problems += problems
        return results

    def _submit(self, work, seeds: list[Path]) -> Future | None:
        """`work(seeds)` started in the worker; None without one (or with one that died)."""
        if not seeds or self._pool is None:
            return None
        try:
            return self._pool.submit(work, seeds)
        except BrokenProcessPool:
            self._lost()
            return None

    def _result(self, future: Future | None, here):
        """What the worker made, or `here()` if it made nothing: the rest of the run does without it."""
        if future is None:
            return here()
        try:
            return future.result()
        except BrokenProcessPool:
            self._lost()
            return here()

    def _lost(self) -> None:
        self._pool.shutdown(wait=True)
        self._pool = None

    def _here(self, seeds: list[Path]) -> list[ArticleResult]:
        results, problems = self._here_alone(seeds)
        self.problems += problems
        return results

    def _here_alone(self, seeds: list[Path]) -> tuple[list[ArticleResult], list[InputError]]:
        """prepare() here, its problems kept apart (to be added in seed order), as the worker gives them."""
        problems: list[InputError] = []
        return prepare(self.ws, self.glossary, seeds, problems, self.created), problems


def _parts(seeds: list[Path], size: int) -> list[list[Path]]:
    return [seeds[k:k + size] for k in range(0, len(seeds), size)]


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_WORKER: tuple | None = None  # (ws, glossary, created) in a worker process


def _worker_start(ws: Workspace, glossary: Glossary, created: str, parent: int) -> None:
    global _WORKER
    _WORKER = (ws, glossary, created)
    drop_inherited_locks()  # the run's lock is the run's: a killed run must not leave it held
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once the run that started it is gone (killed: nothing told the worker)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _prepare_there(seeds: list[Path]) -> tuple[list[ArticleResult], list[InputError]]:
    ws, glossary, created = _WORKER
    problems: list[InputError] = []
    return prepare(ws, glossary, seeds, problems, created), problems


def _approvals_there(seeds: list[Path]) -> tuple[pretranslate.Approvals, bool]:
    ws, _, created = _WORKER
    return approvals(ws, seeds, created)
