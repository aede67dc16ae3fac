"""Pre-translate: fill what nobody has translated yet, from memory first, then MT (pipeline step 5).

Order (docs/design.md, "Pipeline"): an exact match in the translation memory
(approved when it comes from the desk's own approvals or a trusted TMX, else a
draft) → the best fuzzy match at or above `[tm] fuzzy_threshold` (a draft
with the match's source as `#| msgid`, as msgmerge leaves a changed
sentence) → an MT draft with its confidence. MT runs once over the whole batch
of missing units of the run, and the engine is loaded only when something is
actually missing, so a run with nothing new never imports CTranslate2.

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
from xlate.exports.tmx import tmx_date
from xlate.exports.editions import po_date
from xlate.glossary import Outcome, Requirement, protect, restore
from xlate.model import Status
from xlate.mt import confidence as mt_confidence
from xlate.mt.confidence import Translation
from xlate.mt.memory import Match, Memory
from xlate.mt.origins import OriginKind

Todo = list[tuple[str, polib.POEntry]]  # (article stem, entry) pairs
DEFAULT_THRESHOLD = 75  # [tm] fuzzy_threshold
# (matched source, new source, matched translation) → the translation with the new source's
# numbers and dates in it, or None when the sources differ in more than those (xlate.text.values).
Carry = Callable[[str, str, str], str | None]


class Engine(Protocol):
    name: str
    version: str
    model_id: str

    def translate(self, texts: list[str], progress: Callable[[int], None] | None = None
                  ) -> list[Translation]: ...


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
    fuzzy: bool  # a draft; False only for an exact reuse of an approved (or trusted) translation
    provenance: str  # the `#. tm:` / `#. mt:` line naming where it came from
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # MT: what restore() found
    previous: str | None = None  # a fuzzy match: the source its translation was made for (`#| msgid`)

    def apply(self, entry: polib.POEntry) -> None:
        entry.msgstr = self.msgstr
        entry.fuzzy = self.fuzzy
        entry.previous_msgid = self.previous
        # One provenance line per entry: the latest origin of its msgstr.
        entry.comment = comments.replace(entry.comment, drop=comments.PROVENANCE, add=[self.provenance])

    def holds(self, entry: polib.POEntry) -> bool:
        """The entry says this already (a re-run finding the same match changes nothing)."""
        return (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (self.msgstr, self.fuzzy, self.previous) \
            and self.provenance in comments.lines(entry.comment)


# Per article: its approved entries (msgid → msgstr) and when its catalog last changed (a TMX date).
Approvals = dict[str, tuple[dict[str, str], str]]


def approvals(catalogs: dict[str, polib.POFile]) -> Approvals:
    """What the memory keeps of these catalogs: their approved entries, and their revision dates."""
    return {stem: ({e.msgid: e.msgstr for e in po if not e.obsolete and status(e) == Status.APPROVED},
                   revision_date(po.metadata.get("PO-Revision-Date", ""))) for stem, po in catalogs.items()}


def revision_date(value: str) -> str:
    """A catalog's PO-Revision-Date as the memory dates its approvals (TMX format; '' if none)."""
    changed = po_date(value)
    return tmx_date(changed) if changed else ""


def sync_memory(memory: Memory, catalogs: dict[str, polib.POFile], keep: set[str]) -> set[str]:
    """Memory := the approved entries of the catalogs as reviewers left them (those in `catalogs`;
    the memory forgets the catalogs not in `keep`). Returns the sources whose approvals changed."""
    return sync_approvals(memory, approvals(catalogs), keep)


def sync_approvals(memory: Memory, approved: Approvals, keep: set[str]) -> set[str]:
    """sync_memory from what approvals() kept of the catalogs (a long run need not keep them all)."""
    changed_sources: set[str] = set()
    for stem, (entries, changed) in approved.items():
        changed_sources |= memory.sync_article(stem, entries, changed)
    return changed_sources | memory.forget_articles_except(keep)


def approval_changes(memory: Memory, approved: Approvals, keep: set[str] | None = None) -> set[str]:
    """The sources sync_approvals would change for these approvals (and `keep`), without changing them."""
    found = memory.forgotten_sources(keep) if keep is not None else set()
    for stem, (entries, changed) in approved.items():
        found |= memory.article_changes(stem, entries, changed)
    return found


def replaceable(entry: polib.POEntry, stem: str, memory: Memory) -> bool:
    """Empty, or a draft nobody has touched since xlate wrote it."""
    if entry.obsolete:
        return False
    state = status(entry)
    if state == Status.UNTRANSLATED:
        return True
    return state != Status.APPROVED and memory.is_untouched_draft(stem, entry.msgid, entry.msgstr)


def fill_from_memory(catalogs: dict[str, polib.POFile], memory: Memory,
                     threshold: int = DEFAULT_THRESHOLD, carry: Carry | None = None) -> list[Fill]:
    """Exact matches for every replaceable entry, then fuzzy matches for those still empty (their
    numbers and dates carried over by `carry`); returns what was filled (a re-run that finds the
    same matches fills nothing)."""
    wanted = [(stem, e) for stem, po in catalogs.items() for e in po if replaceable(e, stem, memory)]
    found = memory.exact([e.msgid for _, e in wanted])
    filled = []
    for stem, entry in wanted:
        fill = exact_fill(stem, entry.msgid, found.get(entry.msgid, []))
        if fill is not None and not fill.holds(entry):
            fill.apply(entry)
            filled.append(fill)
    empty = [(stem, e) for stem, e in wanted if status(e) == Status.UNTRANSLATED]
    similar = memory.fuzzy([e.msgid for _, e in empty], threshold)
    for stem, entry in empty:
        if matches := similar.get(entry.msgid):
            fill = fuzzy_fill(stem, entry.msgid, matches, carry)
            fill.apply(entry)
            filled.append(fill)
    # Drafts are remembered before the catalogs are written (a crash in between only leaves the
    # older draft, also remembered); an approved reuse needs no remembering: nothing replaces it.
    memory.remember_drafts([(f.stem, f.msgid, f.msgstr) for f in filled if f.fuzzy])
    return filled


def exact_fill(stem: str, msgid: str, matches: list[Match]) -> Fill | None:
    """The best exact match from another origin than the entry's own catalog; None without one.

    The best origins decide (the desk's approvals, then trusted imports, then
    other imports); if they disagree, one is offered as a draft naming them all.
    An aligned published edition is never approved on its own: `tm: published
    <stem>, aligned 0.93` (the bead's score).
    """
    others = [m for m in matches if not (m.origin.kind == OriginKind.ARTICLE and m.origin.name == stem)]
    if not others:
        return None
    best = [m for m in others if m.origin.rank == others[0].origin.rank]  # others is best first
    targets = list(dict.fromkeys(m.target for m in best))
    names = ", ".join(sorted({m.origin.label for m in best}))
    own = best[0].origin.kind == OriginKind.ARTICLE
    if len(targets) > 1:  # a person must choose
        what = "approved translations" if own else "translations"
        return Fill(stem, msgid, targets[0], True, comments.line(Key.TM, f"{len(targets)} different {what} in {names}"))
    if own:
        return Fill(stem, msgid, targets[0], False, comments.line(Key.TM, f"approved in {names}"))
    if best[0].origin.kind == OriginKind.PUBLISHED:
        return Fill(stem, msgid, targets[0], True, comments.line(Key.TM, _named(best[0])))
    return Fill(stem, msgid, targets[0], not best[0].origin.trusted, comments.tm_match_line(100, names))


def _named(match: Match) -> str:
    """The match's origin as its provenance line names it; an alignment with its score."""
    if match.origin.kind == OriginKind.PUBLISHED and match.score is not None:
        return f"{match.origin.label}, aligned {match.score:.2f}"
    return match.origin.label


def fuzzy_fill(stem: str, msgid: str, matches: list[Match], carry: Carry | None = None) -> Fill:
    """A draft from the best fuzzy match, its source kept as `#| msgid` for Poedit to show the difference.

    A match whose source differs from the unit's only in numbers and dates wins
    over a closer one that differs in words: with the new values carried into
    its translation ("same sentence, new figure"), its draft is already right.
    """
    for match in matches if carry is not None else ():
        carried = carry(match.source, msgid, match.target)
        if carried is not None:
            return Fill(stem, msgid, carried, True, comments.tm_match_line(match.percent, _named(match)),
                        previous=match.source)
    match = matches[0]
    return Fill(stem, msgid, match.target, True, comments.tm_match_line(match.percent, _named(match)),
                previous=match.source)


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
    cached: dict[str, Translation]  # engine input → output, from the MT cache
    fresh: list[str]  # distinct engine inputs the cache lacks: what the engine will translate


def plan(todo: Todo, memory: Memory, model_id: str, settings_key: str, drafting: Drafting = Drafting()) -> Batch:
    inputs = {e.msgid: drafting.prepare(e.msgid) for _, e in todo}
    distinct = sorted(set(inputs.values()))
    cached = memory.cached(distinct, model_id, settings_key)
    return Batch(todo, drafting, settings_key, inputs, cached, [t for t in distinct if t not in cached])


def machine_translate(batch: Batch, memory: Memory, engine: Engine,
                      progress: Callable[[int], None] | None = None,
                      low_confidence: int = 50) -> list[Fill]:
    """One batch for the whole run: the cache's outputs, the engine for the rest; drafts are fuzzy,
    each with the engine's confidence (marked low under `low_confidence`).

    `progress(n)` counts distinct sentences sent to the engine (len(batch.fresh) in all).
    """
    raw = dict(batch.cached)
    if batch.fresh:
        new = dict(zip(batch.fresh, engine.translate(batch.fresh, progress)))
        memory.store(new, engine.model_id, batch.settings_key)
        raw.update(new)
    written = []
    for stem, entry in batch.todo:
        out = raw[batch.inputs[entry.msgid]]
        done = batch.drafting.finish(entry.msgid, out.text)
        if not done.text.strip():
            continue  # the engine gave nothing: leave it for a person
        value = mt_confidence.percent(out.confidence)
        provenance = comments.mt_line(engine.name, engine.version, value,
                                      low=mt_confidence.is_low(value, low_confidence))
        fill = Fill(stem, entry.msgid, done.text, True, provenance, done.outcomes)
        fill.apply(entry)
        written.append(fill)
    memory.remember_drafts([(f.stem, f.msgid, f.msgstr) for f in written])
    return written


def mark_low_confidence(po: polib.POFile, threshold: int) -> None:
    """Keep the "(low)" mark of each MT draft in step with `[mt] low_confidence` (it may have changed
    since the draft was written); an approved entry carries no mark."""
    for entry in po:
        if entry.obsolete or comments.confidence(entry.comment) is None:
            continue
        low = entry.fuzzy and mt_confidence.is_low(comments.confidence(entry.comment), threshold)
        entry.comment = comments.mark_low(entry.comment, low)
