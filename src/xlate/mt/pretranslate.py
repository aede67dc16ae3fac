"""Pre-translate: fill what nobody has translated yet, from memory first, then MT (pipeline step 5).

Order (docs/design.md, "Pipeline"): the translation memory's approved
translations of the same unit elsewhere → an MT draft. MT runs once over the
whole batch of missing units of the run, and the engine is loaded only when
something is actually missing, so a run with nothing new never imports
CTranslate2.

A reviewer's work is never replaced: only empty entries, and drafts that are
still exactly as xlate wrote them, are filled. Each stage returns the Fills it
made; QA and the safe write-back work from those.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import polib

from xlate.catalog import comments, status
from xlate.catalog.comments import Key
from xlate.glossary import Outcome, Requirement, protect, restore
from xlate.model import Status
from xlate.mt.memory import Memory

Todo = list[tuple[str, polib.POEntry]]  # (article stem, entry) pairs


class Engine(Protocol):
    name: str
    version: str
    model_id: str

    def translate(self, texts: list[str], progress: Callable[[int], None] | None = None) -> list[str]: ...


@dataclass(frozen=True)
class Finished:
    """An engine output made ready for the catalog."""

    text: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # per required rendering


@dataclass(frozen=True)
class Drafting:
    """How MT input is prepared and its output finished (glossary protection plugs in here)."""

    prepare: Callable[[str], str] = lambda text: text
    finish: Callable[[str, str], Finished] = lambda source, raw: Finished(raw)


def glossary_drafting(reqs: dict[str, list[Requirement]]) -> Drafting:
    """Required renderings protected before MT (by msgid) and restored after it."""
    def finish(source: str, raw: str) -> Finished:
        return Finished(*restore(raw, reqs.get(source, [])))

    return Drafting(prepare=lambda text: protect(text, reqs.get(text, [])), finish=finish)


@dataclass(frozen=True)
class Fill:
    """A translation this run puts into an entry nobody has translated (or only xlate has)."""

    stem: str
    msgid: str
    msgstr: str
    fuzzy: bool  # a draft; False only for an exact reuse of one approved translation
    provenance: str  # the `#. tm:` / `#. mt:` line naming where it came from
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # MT: what restore() found

    def apply(self, entry: polib.POEntry) -> None:
        entry.msgstr = self.msgstr
        entry.fuzzy = self.fuzzy
        # One provenance line per entry: the latest origin of its msgstr.
        entry.comment = comments.replace(entry.comment, drop=comments.PROVENANCE, add=[self.provenance])


def sync_memory(memory: Memory, catalogs: dict[str, polib.POFile], keep: set[str]) -> None:
    """Memory := the approved entries of the catalogs as reviewers left them."""
    for stem, po in catalogs.items():
        memory.sync_article(stem, {e.msgid: e.msgstr for e in po
                                   if not e.obsolete and status(e) == Status.APPROVED})
    memory.forget_articles_except(keep)


def replaceable(entry: polib.POEntry, stem: str, memory: Memory) -> bool:
    """Empty, or a draft nobody has touched since xlate wrote it."""
    if entry.obsolete:
        return False
    state = status(entry)
    if state == Status.UNTRANSLATED:
        return True
    return state != Status.APPROVED and memory.is_untouched_draft(stem, entry.msgid, entry.msgstr)


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
            fill = Fill(stem, entry.msgid, targets[0], False, comments.line(Key.TM, f"approved in {articles}"))
        else:  # reviewers disagree: offer one, but a person must choose
            fill = Fill(stem, entry.msgid, targets[0], True, comments.line(
                Key.TM, f"{len(targets)} different approved translations in {articles}"))
        # The drafts table keeps its row: it no longer matches the msgstr, and
        # forgetting it before the catalog is written would lose the reuse on a crash.
        fill.apply(entry)
        filled.append(fill)
    return filled


def missing(catalogs: dict[str, polib.POFile]) -> Todo:
    return [(stem, e) for stem, po in catalogs.items() for e in po
            if not e.obsolete and status(e) == Status.UNTRANSLATED]


@dataclass(frozen=True)
class Batch:
    """The run's MT work, planned before the engine runs (so the progress bar knows its size)."""

    todo: Todo
    drafting: Drafting
    settings_key: str  # the decoding settings, part of the cache key
    inputs: dict[str, str]  # msgid → what the engine is given
    cached: dict[str, str]  # engine input → output, from the MT cache
    fresh: list[str]  # distinct engine inputs the cache lacks: what the engine will translate


def plan(todo: Todo, memory: Memory, model_id: str, settings_key: str, drafting: Drafting = Drafting()) -> Batch:
    inputs = {e.msgid: drafting.prepare(e.msgid) for _, e in todo}
    distinct = sorted(set(inputs.values()))
    cached = memory.cached(distinct, model_id, settings_key)
    return Batch(todo, drafting, settings_key, inputs, cached, [t for t in distinct if t not in cached])


def machine_translate(batch: Batch, memory: Memory, engine: Engine,
                      progress: Callable[[int], None] | None = None) -> list[Fill]:
    """One batch for the whole run: the cache's outputs, the engine for the rest; drafts are fuzzy.

    `progress(n)` counts distinct sentences sent to the engine (len(batch.fresh) in all).
    """
    raw = dict(batch.cached)
    if batch.fresh:
        new = dict(zip(batch.fresh, engine.translate(batch.fresh, progress)))
        memory.store(new, engine.model_id, batch.settings_key)
        raw.update(new)
    written = []
    provenance = comments.line(Key.MT, f"{engine.name} {engine.version}")
    for stem, entry in batch.todo:
        done = batch.drafting.finish(entry.msgid, raw[batch.inputs[entry.msgid]])
        if not done.text.strip():
            continue  # the engine gave nothing: leave it for a person
        fill = Fill(stem, entry.msgid, done.text, True, provenance, done.outcomes)
        fill.apply(entry)
        written.append(fill)
    memory.remember_drafts([(f.stem, f.msgid, f.msgstr) for f in written])
    return written
