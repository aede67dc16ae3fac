"""Writing a run's catalogs back without ever overwriting a save the run did not read.

Reviewers keep working while a long run translates. Before replacing a catalog
the run checks that the file still holds the bytes it read (catalog.write with
`expect`, checked once more right before the rename). If someone saved it
meanwhile (Poedit, an editor, git), the saved file is read again, the run's own
work is merged onto it — new and obsolete entries, and this run's translations
for entries still empty or still xlate's untouched drafts — and that is
written: the saved version of every entry wins. A saved file that cannot be
read, or keeps changing, is left exactly as saved; the run's MT output is in
the cache, so the next run adds it without translating again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlate import catalog, qa
from xlate.article import ArticleResult
from xlate.errors import InputError
from xlate.fsutil import Changed, read_or_none
from xlate.mt import Fill, Memory
from xlate.mt.pretranslate import replaceable
from xlate.text.values import DEFAULT, Style

# How often a catalog that keeps changing under the run is merged again before it is left alone.
MERGE_ATTEMPTS = 5


@dataclass(frozen=True)
class Conflict:
    """A catalog someone saved while the run worked, and what the run did about it."""

    path: Path  # the catalog
    merged: bool  # True: the run's work was merged onto the saved file; False: it was left as saved
    detail: str


def write_catalogs(results: list[ArticleResult], fills: list[Fill], memory: Memory, shown: Callable[[Path], str],
                   style: Style = DEFAULT) -> tuple[list[Path], list[ArticleResult], list[Conflict]]:
    """Write every result's catalog (to its `path`, guarded by its `read`); `style`: the house
    style a catalog saved meanwhile is merged in, as the run merged it (values carried into
    inherited translations).

    Returns (paths written, results whose catalogs now hold the run's work, conflicts).
    """
    by_stem: dict[str, dict[str, Fill]] = {}
    for fill in fills:
        by_stem.setdefault(fill.stem, {})[fill.msgid] = fill
    written, done, conflicts = [], [], []
    for result in results:
        own = by_stem.get(result.stem, {})
        conflict = None
        for _ in range(MERGE_ATTEMPTS):
            try:
                result.lines = {}
                changed, result.read = catalog.write_catalog(result.path, result.catalog, expect=result.read,
                                                             lines=result.lines)
                if changed:
                    written.append(result.path)
                break
            except Changed:
                try:
                    added = rebase(result, own, memory, shown, style)
                except InputError as problem:
                    conflict = Conflict(result.path, False, f"cannot be read now ({problem.message}); "
                                                            "left as saved")
                    break
                conflict = Conflict(result.path, True, f"kept every entry as saved there and added "
                                                       f"{added} of this run's translation(s)")
        else:
            conflict = Conflict(result.path, False, "kept changing while the run tried to merge; left as saved")
        if conflict is not None:
            conflicts.append(conflict)
        if conflict is None or conflict.merged:
            done.append(result)
        else:
            _show_as_saved(result, shown)
    return written, done, conflicts


def rebase(result: ArticleResult, own: dict[str, Fill], memory: Memory, shown: Callable[[Path], str],
           style: Style = DEFAULT) -> int:
    """Merge the run's work onto the catalog as it is on disk now; returns how many of the
    run's translations went in. Raises InputError if the saved file cannot be read."""
    raw = read_or_none(result.path)
    saved = catalog.parse(raw, shown(result.path)) if raw is not None else None
    # A new catalog's date, should the saved one be gone: the one this run gave it.
    po = catalog.merge(saved, result.seed_entries(), result.article, result.catalog.metadata["POT-Creation-Date"],
                       style)
    applied = set()
    for entry in po:
        fill = own.get(entry.msgid)
        if fill is not None and replaceable(entry, result.stem, memory):
            fill.apply(entry)
            applied.add(entry.msgid)
    result.catalog, result.read = po, raw
    qa.annotate(po, result.requirements, applied)
    return len(applied)


def _show_as_saved(result: ArticleResult, shown: Callable[[Path], str]) -> None:
    """Let the run's summary count a catalog left as saved as it is on disk, when it can be read."""
    try:
        saved = catalog.read(result.path, shown(result.path))
    except InputError:
        return
    if saved is not None:
        result.catalog = saved
