"""Merging a catalog like msgmerge: what the seed asks for, carrying over everything reviewers did.

The PO file is the reviewers' workspace, so the rules are conservative:
- an entry keeps its msgstr, flags and translator comments as long as its
  msgid exists; xlate owns only references and extracted comments;
- a changed sentence inherits the closest old translation, flagged fuzzy with
  the old msgid kept as `#| msgid`; if only its values changed (16-7 → 17-7),
  they are carried into the inherited translation by value (July 16 → July 17);
- an old entry that matches nothing becomes obsolete (`#~`), never deleted,
  and is revived when its sentence comes back;
- the same input renders the same bytes (no timestamps that move).
"""

import difflib
from dataclasses import dataclass, field

import polib

from xlate import __version__
from xlate.catalog import comments, powrap
from xlate.catalog.comments import Key
from xlate.model import Article, Kind, Unit
from xlate.text.values import DEFAULT, Style, carry_values

FUZZY_THRESHOLD = 0.6  # msgmerge's similarity cut-off


@dataclass
class Entry:
    """What the seed says a catalog entry should be (before merging with the PO file)."""

    msgid: str
    kinds: list[Kind] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra `#.` lines (glossary, QA)


def entries_for(article: Article, units: list[Unit]) -> list[Entry]:
    """One entry per distinct unit, in source order, listing every place it occurs."""
    by_id: dict[str, Entry] = {}
    for unit in units:
        entry = by_id.setdefault(unit.text, Entry(unit.text))
        if unit.kind not in entry.kinds:
            entry.kinds.append(unit.kind)
        for line in (unit.line, *unit.repeats):
            ref = (article.source, str(line))
            if ref not in entry.references:
                entry.references.append(ref)
    return list(by_id.values())


def merge(old: polib.POFile | None, entries: list[Entry], article: Article,
          created: str, style: Style = DEFAULT) -> polib.POFile:
    """msgmerge: the new catalog for `entries`, carrying over everything reviewers did.

    `created` is the POT-Creation-Date for a brand-new catalog; an existing
    catalog keeps its own, so re-runs do not churn. `style` renders values
    carried into an inherited translation.
    """
    po = polib.POFile(wrapwidth=powrap.WIDTH, check_for_duplicates=False)
    po.metadata = _header(old, article, created)
    po.header = old.header if old is not None and old.header else (
        f"English edition of {article.source}.\n"
        "Review in Poedit: untick \"Needs work\" to approve a translation; xlate never changes "
        "an approved one.")
    old_entries = list(old) if old is not None else []
    exact = carried_over(old_entries)
    used: set[str] = set()
    pending: list[polib.POEntry] = []
    for new in entries:
        previous = exact.get(new.msgid)
        entry = polib.POEntry(msgid=new.msgid, msgstr="", occurrences=list(new.references))
        if previous is not None:
            used.add(previous.msgid)
            entry.msgstr = previous.msgstr
            entry.flags = list(previous.flags)
            entry.tcomment = previous.tcomment
            if previous.fuzzy:
                entry.previous_msgid = previous.previous_msgid
        else:
            pending.append(entry)
        entry.comment = _comments(new, previous)
        po.append(entry)
    _fuzzy_fill(pending, [e for e in old_entries if e.msgid not in used and e.msgstr], used, style)
    for e in old_entries:
        if e.msgid in used or not e.msgstr:
            continue  # carried over, or nothing a person wrote
        # No `#~| msgid`: polib cannot read it back, so it would vanish on the next run.
        keep = polib.POEntry(msgid=e.msgid, msgstr=e.msgstr, flags=list(e.flags),
                             tcomment=e.tcomment, comment=e.comment, obsolete=True)
        po.append(keep)
    return po


def carried_over(old_entries: list[polib.POEntry]) -> dict[str, polib.POEntry]:
    """The old entry whose msgstr and flags a unit with this msgid keeps."""
    exact = {e.msgid: e for e in old_entries if not e.msgctxt}
    # Obsolete entries come after live ones, so a live entry wins a tie.
    for e in old_entries:
        if e.obsolete and not e.msgctxt and e.msgid not in exact:
            exact[e.msgid] = e
    return exact


def approved_after_merge(old: polib.POFile, msgids: set[str]) -> dict[str, str]:
    """The approved entries merge(old, …) would give these units, without merging: each unit keeps
    its carried-over entry's msgstr and flags, and a fuzzy fill is never approved."""
    exact = carried_over(list(old))
    return {m: e.msgstr for m in msgids if (e := exact.get(m)) is not None and e.msgstr and not e.fuzzy}


def _fuzzy_fill(pending: list[polib.POEntry], candidates: list[polib.POEntry], used: set[str],
                style: Style) -> None:
    """Give each new entry the translation of its most similar vanished entry (its values carried)."""
    for entry in pending:
        best, best_score = None, FUZZY_THRESHOLD
        for cand in candidates:
            matcher = difflib.SequenceMatcher(None, entry.msgid, cand.msgid, autojunk=False)
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            if score >= best_score:
                best, best_score = cand, score
        if best is None:
            continue
        used.add(best.msgid)
        entry.msgstr = carry_values(best.msgid, entry.msgid, best.msgstr, style) or best.msgstr
        entry.flags = ["fuzzy"]
        # As msgmerge: the translation was made for the oldest msgid, so a draft
        # that moves again keeps pointing at it.
        entry.previous_msgid = best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid
        entry.tcomment = best.tcomment
        entry.comment = comments.replace(entry.comment, add=[comments.line(Key.FUZZY_MATCH,
                                                                           f"{round(best_score * 100)}%")])


def _comments(new: Entry, previous: polib.POEntry | None) -> str:
    lines = [comments.kinds_line(new.kinds)] + new.notes
    if previous is not None and previous.msgstr:
        lines += [c for c in comments.lines(previous.comment) if comments.key_of(c) in comments.PROVENANCE]
    return "\n".join(lines)


def _header(old: polib.POFile | None, article: Article, created: str) -> dict:
    """Header fields: xlate sets what it owns and keeps the rest (Poedit's, the reviewer's)."""
    meta = dict(old.metadata) if old is not None else {}
    title = f"{article.stem} — {article.title}" if article.title else article.stem
    meta["Project-Id-Version"] = title
    meta.setdefault("Report-Msgid-Bugs-To", "")
    meta.setdefault("POT-Creation-Date", created)
    meta.setdefault("PO-Revision-Date", created)
    meta.setdefault("Last-Translator", "")
    meta.setdefault("Language-Team", "English")
    meta["Language"] = "en"
    meta["X-Source-Language"] = "vi"
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    meta["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    meta.setdefault("X-Generator", f"xlate {__version__}")
    return meta


