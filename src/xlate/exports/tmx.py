"""output/tmx/<stem>.tmx and output/tmx/all.tmx: TMX 1.4b translation memory.

What goes in (the translation-memory material, shared with the parallel text):
- only translated units: an untranslated unit has no target to remember;
- one <tu> per distinct Vietnamese source (a repeated sentence is one entry,
  as it is one PO entry);
- when the same source carries different translations (in all.tmx: in two
  articles), one wins: approved beats draft, then the most recently changed
  article, then the first in stem order. The <tu> lists, as x-article props,
  the articles that share the winning pair; every losing translation is kept
  visible as a <note> ("Different translation in 002_b (draft): …") so a
  terminologist can reconcile them, but it is not offered as a match.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from lxml import etree

from xlate.model import AlignedUnit, Edition, Status
from xlate.exports.xml import DECLARATION, XML_LANG, set_text

DOCTYPE = b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


@dataclass(frozen=True)
class OtherTranslation:
    """A translation of the same source that lost to the chosen one (kept visible as a <note>)."""

    en: str
    status: Status
    articles: tuple[str, ...]


@dataclass(frozen=True)
class TmEntry:
    """One distinct source with its chosen translation."""

    vi: str
    en: str
    status: Status  # approved if any article sharing the pair approved it
    articles: tuple[str, ...]  # stems sharing this exact pair, in stem order
    first_id: str  # id of the first occurrence (in the first article)
    created: str  # TMX date: earliest creation among those articles
    changed: str  # TMX date: latest change among those articles
    others: tuple[OtherTranslation, ...]  # in first-occurrence order


def tmx_date(value: str) -> str:
    """ISO 8601 (Z, +00:00, +0000, or naive = UTC) → TMX's YYYYMMDDThhmmssZ, in UTC."""
    text = value.strip()
    text = re.sub(r"(?:Z|z)$", "+00:00", text)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)  # PO-style +0700
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO 8601 date: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class TmRow:
    """A translated unit as the memory exports see it."""

    id: str
    vi: str
    en: str
    status: Status


@dataclass(frozen=True)
class ArticleTm:
    """What one article gives the memory exports (tmx/, parallel/): its translated units in order.

    Small and self-contained, so that a run can keep it for an article it did not process
    and still write the combined files (all.tmx, parallel/all.*) of every article."""

    stem: str
    created: str  # TMX dates, from the catalog
    changed: str
    rows: tuple[TmRow, ...]

    def to_json(self) -> str:
        return json.dumps([self.stem, self.created, self.changed, [[r.id, r.vi, r.en, str(r.status)] for r in self.rows]],
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> "ArticleTm":
        stem, created, changed, rows = json.loads(text)
        return cls(stem, created, changed, tuple(TmRow(i, vi, en, Status(st)) for i, vi, en, st in rows))


def tm_units(edition: Edition, approved_only: bool) -> list[AlignedUnit]:
    """The units that may enter a translation memory, in source order.

    Untranslated units never do: a memory entry without a target is no memory.
    """
    allowed = (Status.APPROVED,) if approved_only else (Status.APPROVED, Status.DRAFT)
    return [u for u in edition.units if u.status in allowed]


def article_tm(edition: Edition, approved_only: bool) -> ArticleTm:
    return ArticleTm(edition.stem, tmx_date(edition.created), tmx_date(edition.changed),
                     tuple(TmRow(u.id, u.vi, u.en, u.status) for u in tm_units(edition, approved_only)))


@dataclass
class _Candidate:
    """One translation of a source, gathered over the articles that use it."""

    en: str
    statuses: set[Status]
    stems: list[str]
    first_id: str
    created: str
    changed: str
    position: int  # first occurrence over the whole export, for stable order

    @property
    def status(self) -> Status:
        return Status.APPROVED if Status.APPROVED in self.statuses else Status.DRAFT


def tm_entries(articles: list[ArticleTm]) -> list[TmEntry]:
    """Distinct sources over the articles (given in stem order), first-occurrence order."""
    by_source: dict[str, dict[str, _Candidate]] = {}
    position = 0
    for article in articles:
        created, changed = article.created, article.changed
        for unit in article.rows:
            candidates = by_source.setdefault(unit.vi, {})
            cand = candidates.get(unit.en)
            if cand is None:
                candidates[unit.en] = _Candidate(unit.en, {unit.status}, [article.stem], unit.id,
                                                 created, changed, position)
            else:
                cand.statuses.add(unit.status)
                if cand.stems[-1] != article.stem:
                    cand.stems.append(article.stem)
                cand.created, cand.changed = min(cand.created, created), max(cand.changed, changed)
            position += 1

    entries = []
    for vi, candidates in by_source.items():  # dicts keep first-insertion order
        # Approved beats draft; then the latest reviewed wording; then the first seen.
        ranked = sorted(candidates.values(), reverse=True,
                        key=lambda c: (c.status == Status.APPROVED, c.changed, -c.position))
        win = ranked[0]
        others = tuple(OtherTranslation(o.en, o.status, tuple(o.stems))
                       for o in sorted(ranked[1:], key=lambda c: c.position))
        entries.append(TmEntry(vi, win.en, win.status, tuple(win.stems), win.first_id,
                               win.created, win.changed, others))
    return entries


def tmx_file(entries: list[TmEntry], *, tool_version: str, created: str | None,
             changed: str | None) -> bytes:
    """Serialize entries as TMX 1.4b. created/changed are TMX dates for the header, if any."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header")
    # Attribute order is fixed by insertion: same input, same bytes.
    for name, value in (("creationtool", "xlate"), ("creationtoolversion", tool_version),
                        ("segtype", "sentence"), ("o-tmf", "PO"), ("adminlang", "en"),
                        ("srclang", "vi"), ("datatype", "plaintext"),
                        ("creationdate", created), ("changedate", changed)):
        if value:
            header.set(name, value)
    body = etree.SubElement(root, "body")
    for entry in entries:
        tu = etree.SubElement(body, "tu", creationdate=entry.created, changedate=entry.changed)
        where = f"tmx {entry.articles[0]} {entry.first_id}"
        # TMX 1.4b: a <tu> holds notes and props before its <tuv>s.
        for other in entry.others:
            note = etree.SubElement(tu, "note")
            set_text(note, f"Different translation in {', '.join(other.articles)} ({other.status}): {other.en}",
                     where)
        for stem in entry.articles:
            set_text(etree.SubElement(tu, "prop", type="x-article"), stem, where)
        etree.SubElement(tu, "prop", type="x-status").text = entry.status
        for lang, text in (("vi", entry.vi), ("en", entry.en)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            set_text(etree.SubElement(tuv, "seg"), text, where)
    return DECLARATION + DOCTYPE + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def article_tmx(article: ArticleTm, *, tool_version: str) -> bytes:
    return tmx_file(tm_entries([article]), tool_version=tool_version,
                    created=article.created, changed=article.changed)


def all_tmx(articles: list[ArticleTm], *, tool_version: str) -> bytes:
    """The whole memory; articles must already be in stem order."""
    created = min((a.created for a in articles), default=None)
    changed = max((a.changed for a in articles), default=None)
    return tmx_file(tm_entries(articles), tool_version=tool_version, created=created, changed=changed)
