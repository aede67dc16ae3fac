"""An article and its catalog → an Edition: what every export is made from.

Besides each unit's English and status, the Edition carries what the catalog
says about the unit (UnitNotes: its PO line, its glossary terms, names and
values and where their renderings stand in the English, QA findings, provenance, MT
confidence, fuzzy-match similarity). Only the HTML preview reads the notes;
the `#.` lines are read through the comment codec, the renderings are found
by the very rule QA applies (glossary.rendered_spans).
"""

import re
from collections.abc import Mapping
from datetime import datetime, timezone

import polib

from xlate.catalog import comments, status as entry_status
from xlate.catalog.comments import Key
from xlate.glossary import Requirement, rendered, rendered_spans, value_comparison
from xlate.model import AlignedUnit, Article, Edition, Status, TermMark, Unit, UnitNotes


def edition(article: Article, units: list[Unit], po: polib.POFile,
            requirements: Mapping[str, list[Requirement]] | None = None, *,
            lines: Mapping[str, int] | None = None, catalog: str = "") -> Edition:
    """Units in source order with their current English and status.

    A repeated unit appears at each of its places; its English is the one
    catalog entry's. Dates come from the catalog header, never the clock.
    `requirements` (by msgid) are the unit's glossary terms and names; `lines`
    (by msgid) where each entry starts in the catalog file, if `po` was not
    parsed from that file as it is now; `catalog` its workspace-relative path.
    """
    entries = {e.msgid: e for e in po if not e.obsolete}
    requirements = requirements or {}
    aligned = []
    for unit in units:
        entry = entries.get(unit.text)
        en, status = (entry.msgstr, entry_status(entry)) if entry is not None else ("", Status.UNTRANSLATED)
        en = en if status != Status.UNTRANSLATED else ""
        line = None
        if entry is not None:
            line = lines.get(entry.msgid) if lines is not None else entry.linenum
        aligned.append(AlignedUnit(id=f"b{unit.block}s{unit.index}", kind=unit.kind, block=unit.block,
                                   vi=unit.text, en=en, status=status, line=unit.line,
                                   notes=unit_notes(entry, en, requirements.get(unit.text, []), line)))
    created = po_date(po.metadata.get("POT-Creation-Date", "")) or "1970-01-01T00:00:00+00:00"
    changed = po_date(po.metadata.get("PO-Revision-Date", "")) or created
    return Edition(stem=article.stem, source=article.source, title=article.title, date=article.date,
                   url=article.url, byline=article.byline, units=aligned, created=created, changed=changed,
                   catalog=catalog, outlet=article.outlet)


def unit_notes(entry: polib.POEntry | None, en: str, reqs: list[Requirement], po_line: int | None) -> UnitNotes:
    """What the preview shows of a unit beyond its text (en: its English, "" if untranslated).
    A value is found in the English by meaning, as QA finds it ("July 16" renders 16-7)."""
    # A value is marked only where its English differs from how it is written (as in the `#.` lines).
    reqs = [r for r in reqs if not (r.is_value and r.vi == r.en)]
    values = _values_found(en, reqs)
    terms = tuple(TermMark(r.start, r.end, r.vi, r.en, r.kind, rendered=bool(en) and (
        id(r.value) in values if r.is_value else rendered(en, r.en))) for r in sorted(reqs, key=lambda r: r.start))
    value_marks = [TermMark(*values[id(r.value)], r.vi, r.en, r.kind) for r in reqs
                   if r.is_value and id(r.value) in values]
    renderings = tuple(sorted(_renderings(en, [r for r in reqs if not r.is_value]) + tuple(value_marks),
                              key=lambda m: m.start))
    comment = entry.comment if entry is not None else None
    provenance = [text for text in comments.lines(comment) if comments.key_of(text) in comments.PROVENANCE]
    return UnitNotes(po_line=po_line, terms=terms, renderings=renderings,
                     qa=tuple(comments.values(comment, Key.QA)), provenance=provenance[0] if provenance else "",
                     confidence=comments.confidence(comment), match=comments.match_percent(comment))


def _values_found(en: str, reqs: list[Requirement]) -> dict[int, tuple[int, int]]:
    """Where each value requirement (by id of its Value) stands in the English, if it does."""
    if not en or not any(r.is_value for r in reqs):
        return {}
    return {id(v): (e.start, e.end) for v, e in value_comparison(en, reqs).matched}


def _renderings(en: str, reqs: list[Requirement]) -> tuple[TermMark, ...]:
    """The required renderings found in the English; longest first, so "General Secretary and
    President" is claimed before "President" (as enforcement settles them), never overlapping."""
    if not en:
        return ()
    first: dict[str, Requirement] = {}
    for r in reqs:
        first.setdefault(r.en, r)
    marks: list[TermMark] = []
    for rendering in sorted(first, key=len, reverse=True):
        r = first[rendering]
        for start, end in rendered_spans(en, rendering):
            if all(end <= m.start or start >= m.end for m in marks):
                marks.append(TermMark(start, end, r.vi, r.en, r.kind))
    return tuple(sorted(marks, key=lambda m: m.start))


def po_date(value: str) -> str | None:
    """A PO header date ("2024-05-06 07:08+0700") as ISO 8601 UTC; None if it is a placeholder."""
    m = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})\s*", value or "")
    if not m:
        return None
    day, hm, seconds, zh, zm = m.groups()
    try:
        moment = datetime.fromisoformat(f"{day}T{hm}:{seconds or '00'}{zh}:{zm}")
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).isoformat()
