"""Pre-translate: fill what nobody has translated yet, from memory first, then MT.

Order (DESIGN.md, step 5): the translation memory's approved translations of
the same unit elsewhere → an MT draft. MT runs once over the whole batch of
missing units of the run, and the engine is loaded only when something is
actually missing, so a run with nothing new never imports CTranslate2.

A reviewer's work is never replaced: only empty entries, and drafts that are
still exactly as xlate wrote them, are filled.
"""

from dataclasses import dataclass
from typing import Callable, Protocol

import polib

from xlate import catalog
from xlate.data import APPROVED, UNTRANSLATED
from xlate.memory import Memory


class Engine(Protocol):
    name: str
    version: str
    model_id: str

    def translate(self, texts: list[str], progress: Callable[[int], None] | None = None) -> list[str]: ...


@dataclass
class Drafting:
    """How MT input is prepared and its output finished (glossary protection plugs in here)."""

    prepare: Callable[[str], str] = lambda text: text
    finish: Callable[[str, str], tuple[str, list[str]]] = lambda source, raw: (raw, [])


def sync_memory(memory: Memory, catalogs: dict[str, polib.POFile], keep: set[str]) -> None:
    """Memory := the approved entries of the catalogs as reviewers left them."""
    for stem, po in catalogs.items():
        memory.sync_article(stem, {e.msgid: e.msgstr for e in po
                                   if not e.obsolete and catalog.status(e) == APPROVED})
    memory.forget_articles_except(keep)


def replaceable(entry: polib.POEntry, stem: str, memory: Memory) -> bool:
    """Empty, or a draft nobody has touched since xlate wrote it."""
    if entry.obsolete:
        return False
    state = catalog.status(entry)
    if state == UNTRANSLATED:
        return True
    return state != APPROVED and memory.is_untouched_draft(stem, entry.msgid, entry.msgstr)


@dataclass(frozen=True)
class Fill:
    """A translation this run puts into an entry nobody has translated (or only xlate has)."""

    stem: str
    msgid: str
    msgstr: str
    fuzzy: bool  # a draft; False only for an exact reuse of one approved translation
    provenance: str  # the `#. tm:` / `#. mt:` line naming where it came from
    notes: tuple[str, ...] = ()  # further `#.` lines

    def apply(self, entry: polib.POEntry) -> None:
        entry.msgstr = self.msgstr
        flags = set(entry.flags)
        entry.flags = sorted(flags | {"fuzzy"}) if self.fuzzy else [f for f in entry.flags if f != "fuzzy"]
        _set_provenance(entry, self.provenance)
        if self.notes:
            entry.comment = "\n".join([*catalog.comment_lines(entry.comment), *self.notes])


def fill_from_memory(catalogs: dict[str, polib.POFile], memory: Memory) -> list[Fill]:
    """Reuse approved translations of identical units from other articles; returns what was filled."""
    wanted = [(stem, e) for stem, po in catalogs.items() for e in po if replaceable(e, stem, memory)]
    found = memory.approved([e.msgid for _, e in wanted])
    filled = []
    for stem, entry in wanted:
        others = [(t, a) for t, a in found.get(entry.msgid, []) if a != stem]
        if not others:
            continue
        targets = sorted({t for t, _ in others})
        articles = ", ".join(sorted({a for _, a in others}))
        if len(targets) == 1:  # an exact reuse is approved
            fill = Fill(stem, entry.msgid, targets[0], False, f"tm: approved in {articles}")
        else:  # reviewers disagree: offer one, but a person must choose
            fill = Fill(stem, entry.msgid, targets[0], True,
                        f"tm: {len(targets)} different approved translations in {articles}")
        # The drafts table keeps its row: it no longer matches the msgstr, and
        # forgetting it before the catalog is written would lose the reuse on a crash.
        fill.apply(entry)
        filled.append(fill)
    return filled


def missing(catalogs: dict[str, polib.POFile]) -> list[tuple[str, polib.POEntry]]:
    return [(stem, e) for stem, po in catalogs.items() for e in po
            if not e.obsolete and catalog.status(e) == UNTRANSLATED]


def to_translate(todo: list[tuple[str, polib.POEntry]], memory: Memory, model_id: str,
                 settings_key: str, drafting: Drafting) -> int:
    """How many distinct sentences the engine will see (the progress bar's total)."""
    distinct = sorted({drafting.prepare(e.msgid) for _, e in todo})
    return len(distinct) - len(memory.cached(distinct, model_id, settings_key))


def machine_translate(todo: list[tuple[str, polib.POEntry]], memory: Memory, engine: Engine,
                      settings_key: str, drafting: Drafting,
                      progress: Callable[[int], None] | None = None) -> list[Fill]:
    """One batch for the whole run: cache first, the engine for the rest; drafts are fuzzy.

    `progress(n)` counts distinct sentences sent to the engine (see `to_translate`).
    """
    inputs = {e.msgid: drafting.prepare(e.msgid) for _, e in todo}
    distinct = sorted(set(inputs.values()))
    raw = memory.cached(distinct, engine.model_id, settings_key)
    fresh = [text for text in distinct if text not in raw]
    if fresh:
        new = dict(zip(fresh, engine.translate(fresh, progress)))
        memory.store(new, engine.model_id, settings_key)
        raw.update(new)
    written = []
    for stem, entry in todo:
        text, notes = drafting.finish(entry.msgid, raw[inputs[entry.msgid]])
        if not text.strip():
            continue  # the engine gave nothing: leave it for a person
        fill = Fill(stem, entry.msgid, text, True, f"mt: {engine.name} {engine.version}", tuple(notes))
        fill.apply(entry)
        written.append(fill)
    memory.remember_drafts([(f.stem, f.msgid, f.msgstr) for f in written])
    return written


def _set_provenance(entry: polib.POEntry, line: str) -> None:
    """One provenance line per entry: the latest origin of its msgstr."""
    kept = [c for c in catalog.comment_lines(entry.comment) if not c.startswith(catalog.PROVENANCE)]
    entry.comment = "\n".join(kept + [line])
