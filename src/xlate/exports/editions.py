"""An article and its catalog → an Edition: what every export is made from."""

import re
from datetime import datetime, timezone

import polib

from xlate.catalog import status as entry_status
from xlate.model import AlignedUnit, Article, Edition, Status, Unit


def edition(article: Article, units: list[Unit], po: polib.POFile) -> Edition:
    """Units in source order with their current English and status.

    A repeated unit appears at each of its places; its English is the one
    catalog entry's. Dates come from the catalog header, never the clock.
    """
    entries = {e.msgid: e for e in po if not e.obsolete}
    aligned = []
    for unit in units:
        entry = entries.get(unit.text)
        en, status = (entry.msgstr, entry_status(entry)) if entry is not None else ("", Status.UNTRANSLATED)
        aligned.append(AlignedUnit(id=f"b{unit.block}s{unit.index}", kind=unit.kind, block=unit.block,
                                   vi=unit.text, en=en if status != Status.UNTRANSLATED else "", status=status,
                                   line=unit.line))
    created = po_date(po.metadata.get("POT-Creation-Date", "")) or "1970-01-01T00:00:00+00:00"
    changed = po_date(po.metadata.get("PO-Revision-Date", "")) or created
    return Edition(stem=article.stem, source=article.source, title=article.title, date=article.date,
                   url=article.url, byline=article.byline, units=aligned, created=created, changed=changed,
                   outlet=article.outlet)


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
