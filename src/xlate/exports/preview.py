"""What the HTML preview shows, decided here; how it looks is the templates' job (exports/html.py).

An editor reads each unit as: its status in words (Approved, Draft, Fuzzy
match 86%, Untranslated — never colour alone), where the English came from
(MT, the memory, a changed sentence's old translation), low MT confidence,
the QA findings of the last run, the glossary terms and names in both columns
with their renderings, and where the entry is in translate/<stem>.po. The
index ranks articles so that those ready to publish come first.

Everything here is a plain record built from an Edition: no markup, no clock.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from typing import NamedTuple

from xlate.catalog import comments
from xlate.catalog.comments import Key
from xlate.exports.xml import blocks
from xlate.model import AlignedUnit, Edition, Kind, Status, StatusCounts, TermMark

# How each kind of provenance is named to an editor.
ORIGINS = {Key.MT: "machine translation", Key.TM: "translation memory",
           Key.FUZZY_MATCH: "old translation of a changed sentence"}


class Piece(NamedTuple):
    """A run of a unit's text; a glossary term or name when `mark` is set. (A named tuple, not a
    frozen dataclass: a page makes one per run of every unit's text, and it is made in less than
    half the time.)"""

    text: str
    mark: TermMark | None = None
    tip: str = ""  # the id of the term's tooltip
    missing: bool = False  # a term whose rendering the English lacks


@dataclass(frozen=True)
class UnitView:
    unit: AlignedUnit
    state: str  # approved / draft / fuzzy / untranslated: the status colour
    label: str  # the status in words
    origin: str  # where a draft's English came from, in words ("" if nothing says, or approved)
    confidence: int | None
    low_confidence: bool  # a draft whose MT confidence is below the threshold
    vi: list[Piece]
    en: list[Piece]  # [] when untranslated
    po_ref: str  # "translate/<stem>.po:<line>"
    po_href: str | None
    seed_ref: str  # "seeds/<file>:<line>" (the entry's `#:` reference)


@dataclass(frozen=True)
class BlockView:
    kind: str
    number: int  # the block's index in the article
    label: str
    units: list[UnitView]


@dataclass(frozen=True)
class ArticleView:
    edition: Edition
    title: str  # the English title when there is one, else the Vietnamese
    title_mark: str  # how the published view marks a title not approved: "[draft]", "[untranslated]" or ""
    counts: StatusCounts
    qa_errors: int  # QA findings (`#. qa:` lines) of the units on the page
    low_confidence: int
    ready: bool  # every unit approved and no QA error
    verdict: str  # the notice at the top, in words
    blocks: list[BlockView]
    source_href: str | None  # the article's URL, when it is a web address
    approved_only: bool  # only approved units are on the page (as in every export)
    changed: str  # the catalog's last change, for people


@dataclass(frozen=True)
class IndexEntry:
    """An article's line in the index: what the index shows of it, small enough to be kept
    between runs for an article a run did not process."""

    stem: str
    title: str  # as ArticleView.title
    vi_title: str  # the Vietnamese title
    counts: StatusCounts
    qa_errors: int
    low_confidence: int
    changed_iso: str  # the catalog's last change (ISO), for sorting
    changed: str  # for people
    ready: bool
    approved_only: bool
    row: tuple[str, str] | None = None  # its row of index.html, around its rank (exports.html.index_row)

    # Its fields as a JSON array in their order, the counts as four numbers, but not its row (kept
    # beside it as rendered: xlate.record.index_blobs): a large archive's index decodes thousands.
    def to_json(self) -> str:
        c = self.counts
        return json.dumps([self.stem, self.title, self.vi_title, [c.units, c.approved, c.draft, c.untranslated],
                           self.qa_errors, self.low_confidence, self.changed_iso, self.changed, self.ready,
                           self.approved_only], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, row: tuple[str, str] | None = None) -> "IndexEntry":
        stem, title, vi_title, counts, *rest = json.loads(text)
        return cls(stem, title, vi_title, StatusCounts(*counts), *rest, row=row)


@dataclass(frozen=True)
class IndexRow:
    article: IndexEntry
    href: str
    rank: int  # the default order: ready first, then the nearest to ready


def article_view(edition: Edition, *, approved_only: bool = False, low_confidence: int | None = None,
                 root_href: str | None = None) -> ArticleView:
    """`root_href`: the workspace root as seen from output/html/ (links to the catalog), if known.
    With `approved_only` the page leaves out what is not approved, as every export does; its
    counts still tell how much that is."""
    shown = [u for u in edition.units if u.status == Status.APPROVED or not approved_only]
    views = [_unit_view(u, edition, low_confidence, root_href) for u in edition.units]
    by_id = {v.unit.id: v for v in views}
    block_views = [BlockView(str(group[0].kind), group[0].block, _block_label(group[0]),
                             [by_id[u.id] for u in group]) for group in blocks(shown)]
    counts = edition.counts
    qa_errors = sum(len(u.notes.qa) for u in edition.units)
    ready = counts.units > 0 and counts.not_approved == 0 and not qa_errors
    titles = [u for u in edition.units if u.kind == Kind.TITLE]
    in_english = bool(titles) and all(u.en and (u.status == Status.APPROVED or not approved_only) for u in titles)
    title = " ".join(u.en for u in titles) if in_english else edition.title
    statuses = {u.status for u in titles}
    mark = "" if statuses <= {Status.APPROVED} else "[untranslated]" if Status.UNTRANSLATED in statuses else "[draft]"
    return ArticleView(edition=edition, title=title or edition.stem, title_mark=mark, counts=counts,
                       qa_errors=qa_errors,
                       low_confidence=sum(v.low_confidence for v in views), ready=ready,
                       verdict=_verdict(counts, qa_errors), blocks=block_views,
                       source_href=edition.url if _web_address(edition.url) else None,
                       approved_only=approved_only, changed=shown_date(edition.changed))


def index_entry(view: ArticleView) -> IndexEntry:
    e = view.edition
    return IndexEntry(e.stem, view.title, e.title, view.counts, view.qa_errors, view.low_confidence, e.changed,
                      view.changed, view.ready, view.approved_only)


def index_rows(articles: list[IndexEntry]) -> list[IndexRow]:
    """Ready articles first, then the nearest to ready (share approved, then fewest QA errors), then by stem."""
    def key(a: IndexEntry):
        share = a.counts.approved / a.counts.units if a.counts.units else 0.0
        return (not a.ready, -share, a.qa_errors, a.stem)
    ranked = sorted(articles, key=key)
    return [IndexRow(a, f"{quote(a.stem)}.html", n) for n, a in enumerate(ranked)]


def shown_date(iso: str) -> str:
    """"2024-05-06T09:30:00+00:00" → "2024-05-06 09:30 UTC" (as it came if it is not ISO)."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.utcoffset() is not None else "")


def pieces(text: str, marks: tuple[TermMark, ...], tip_prefix: str, *, translated: bool = False) -> list[Piece]:
    """The text cut at its marks (sorted, never overlapping), each mark with its tooltip id;
    `translated`: the unit has English, so a term not rendered in it is missing."""
    out, last = [], 0
    for n, mark in enumerate(marks):
        if mark.start < last or mark.end > len(text):
            continue  # a mark that does not fit this text is left out, never drawn wrong
        if mark.start > last:
            out.append(Piece(text[last:mark.start]))
        out.append(Piece(text[mark.start:mark.end], mark, f"{tip_prefix}{n}", translated and not mark.rendered))
        last = mark.end
    if last < len(text) or not out:
        out.append(Piece(text[last:]))
    return out


def _unit_view(unit: AlignedUnit, edition: Edition, low: int | None, root_href: str | None) -> UnitView:
    notes = unit.notes
    state, label = _status(unit)
    shows_en = unit.status != Status.UNTRANSLATED
    # Where a draft's English came from tells the editor how far to trust it; once a person
    # approved it, the approval is what counts (the line stays in the catalog all the same).
    origin_key = comments.key_of(notes.provenance) if notes.provenance else None
    origin = ""
    if origin_key is not None and unit.status == Status.DRAFT:
        detail = comments.values(notes.provenance, origin_key)[0]
        origin = f"{ORIGINS[origin_key]}: {detail}"
    low_confidence = (unit.status == Status.DRAFT and low is not None and notes.confidence is not None
                      and notes.confidence < low)
    po_ref = f"{edition.catalog or edition.stem + '.po'}:{notes.po_line}" if notes.po_line else ""
    po_href = None
    if po_ref and root_href is not None and edition.catalog:
        po_href = f"{root_href}/{quote(edition.catalog)}"
    return UnitView(
        unit=unit, state=state, label=label, origin=origin, confidence=notes.confidence,
        low_confidence=low_confidence,
        vi=pieces(unit.vi, notes.terms, f"{unit.id}-vi", translated=shows_en),
        en=pieces(unit.en, notes.renderings, f"{unit.id}-en") if shows_en else [],
        po_ref=po_ref, po_href=po_href, seed_ref=f"{edition.source}:{unit.line}")


def _status(unit: AlignedUnit) -> tuple[str, str]:
    if unit.status == Status.APPROVED:
        return "approved", "Approved"
    if unit.status == Status.UNTRANSLATED:
        return "untranslated", "Untranslated"
    if unit.notes.match is not None:
        return "fuzzy", f"Fuzzy match {unit.notes.match}%"
    return "draft", "Draft"


def _block_label(unit: AlignedUnit) -> str:
    if unit.kind == Kind.BODY:
        return f"¶ {unit.block}"
    return str(unit.kind).replace("_", " ").capitalize()  # title, caption, and any kind ingest adds


def _verdict(counts: StatusCounts, qa_errors: int) -> str:
    if not counts.units:
        return "Not for publication: the article has no units."
    if not counts.not_approved and not qa_errors:
        return "Ready to publish: every unit is approved and QA found nothing."
    parts = []
    if counts.not_approved:
        parts.append(f"{counts.not_approved} of {counts.units} units are not approved "
                     f"({counts.draft} draft, {counts.untranslated} untranslated)")
    if qa_errors:
        parts.append(f"QA found {qa_errors} error{'s' if qa_errors != 1 else ''}")
    return "Not for publication: " + "; ".join(parts) + "."


def _web_address(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))
