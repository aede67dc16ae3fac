r"""Plain-text exports: output/parallel/all.{vi,en,tsv} and output/en/<stem>.md.

Parallel text
-------------
One row per distinct translated unit of each article — exactly the units of
tmx/<stem>.tmx, in the same order: articles in stem order, units in source
order, a sentence repeated within an article once (its first id), a sentence
shared by two articles once per article (all.tmx is the deduplicated memory).
Untranslated units are skipped, so every line pair is a translation. Line i
of all.vi and all.en is row i of all.tsv (after its header line
`article	id	status	vi	en`).

Every field, in all three files, is escaped the same way so that a line is
always one unit: backslash → `\\`, newline → `\n`, carriage return → `\r`,
tab → `\t`, and the other characters that line splitters treat as line
breaks (VT, FF, FS, GS, RS, NEL, U+2028, U+2029) → `\uXXXX`. Nothing else is
escaped or quoted (read the TSV with quoting off: csv.QUOTE_NONE).

English article (Markdown)
--------------------------
`# Title`, a dateline (date · source URL), the paragraphs (the sentences of
a block joined with a space), captions as `*Caption*`, the byline last.
Text is escaped so it renders literally in CommonMark/GFM: inline markup
characters everywhere, block markers at line starts, `&` before an
entity-like run; a newline inside a unit becomes a hard line break (in the
title, a space). Status marking, so nothing unreviewed is published by
mistake:
- export of everything: a draft sentence is followed by a bold `[draft]`, an
  untranslated one is shown as bold `[untranslated: <Vietnamese>]`, and any
  article with such units starts with a "NOT FOR PUBLICATION" notice;
- approved-only: an article with any unit not approved is withheld whole —
  the file holds only a "Not ready: N of M units are not approved" notice,
  never an article with holes.
"""

import re

from xlate.data import BODY, CAPTION, DRAFT, TITLE, UNTRANSLATED, AlignedUnit, Edition
from xlate.export_tmx import tm_entries
from xlate.export_xml import blocks

TSV_HEADER = "article\tid\tstatus\tvi\ten"

_FIELD_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_FIELD_SPECIAL = re.compile("[\\\\\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_field(text: str) -> str:
    """One unit on one line (see the module docstring)."""
    return _FIELD_SPECIAL.sub(
        lambda m: _FIELD_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def parallel_files(editions: list[Edition], *, approved_only: bool) -> dict[str, bytes]:
    """{"all.vi": …, "all.en": …, "all.tsv": …}; editions must be in stem order."""
    vi_lines, en_lines, tsv_lines = [], [], [TSV_HEADER]
    for edition in editions:
        for entry in tm_entries([edition], approved_only):
            vi, en = escape_field(entry.vi), escape_field(entry.en)
            vi_lines.append(vi)
            en_lines.append(en)
            tsv_lines.append("\t".join((escape_field(edition.stem), entry.first_id,
                                        entry.status, vi, en)))
    return {name: "".join(line + "\n" for line in lines).encode("utf-8")
            for name, lines in (("all.vi", vi_lines), ("all.en", en_lines),
                                ("all.tsv", tsv_lines))}


# --- Markdown ---------------------------------------------------------------

# Inline markup (code, emphasis, links, raw HTML/autolinks, headings' closing #,
# GFM tables and strikethrough) — escaped wherever they stand.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# "&amp;" or "&#38;" would render as "&": keep entity-looking text literal.
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block markers that only count at the start of a line: list bullets ("- ",
# "+ "), ordered-list numbers ("2019. "), setext underlines and thematic breaks
# (a line of only - or =). ("*", "#", ">" are escaped everywhere already.)
_MD_BULLET = re.compile(r"^([ \t]*)([-+])(?=[ \t]|$)", re.M)
_MD_RULE = re.compile(r"^([ \t]*)([-=])(?=[-= \t]*$)", re.M)
_MD_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])(?=[ \t]|$)", re.M)

DRAFT_MARK = r"**\[draft\]**"


def md_escape(text: str, *, one_line: bool = False) -> str:
    """Text that renders literally; newlines become hard breaks (or spaces if one_line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if one_line:
        text = re.sub(r"\s*\n\s*", " ", text)
    text = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", text))
    for marker in (_MD_BULLET, _MD_RULE, _MD_ORDERED):
        text = marker.sub(r"\1\\\2", text)
    return text.replace("\n", "\\\n")


def _render_unit(unit: AlignedUnit, one_line: bool) -> str:
    if unit.status == UNTRANSLATED:
        return f"**\\[untranslated: {md_escape(unit.vi, one_line=one_line)}\\]**"
    text = md_escape(unit.en, one_line=one_line)
    return f"{text} {DRAFT_MARK}" if unit.status == DRAFT else text


def _counts(edition: Edition) -> tuple[int, int, int]:
    """(units, draft, untranslated)."""
    statuses = [u.status for u in edition.units]
    return len(statuses), statuses.count(DRAFT), statuses.count(UNTRANSLATED)


def _not_approved(total: int, draft: int, untranslated: int) -> str:
    return (f"{draft + untranslated} of {total} units are not approved "
            f"({draft} draft, {untranslated} untranslated)")


def _dateline(edition: Edition) -> str | None:
    parts = []
    if edition.date:
        parts.append(md_escape(edition.date, one_line=True))
    if edition.url:
        # An autolink only for a plain absolute URL; anything else as literal text.
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>`]*", edition.url):
            parts.append(f"Source: <{edition.url}>")
        else:
            parts.append(f"Source: {md_escape(edition.url, one_line=True)}")
    return " · ".join(parts) or None


def article_md(edition: Edition, *, approved_only: bool) -> tuple[bytes, bool]:
    """(the Markdown page, whether its text was withheld)."""
    total, draft, untranslated = _counts(edition)
    if approved_only and draft + untranslated:
        notice = (f"> **Not ready:** {_not_approved(total, draft, untranslated)}; "
                  "the English text is withheld until every unit is approved.")
        return (notice + "\n").encode("utf-8"), True

    out: list[str] = []
    if draft + untranslated:
        out.append(f"> **NOT FOR PUBLICATION:** {_not_approved(total, draft, untranslated)}; "
                   "they are marked below.")
    dateline = _dateline(edition)
    if dateline and not any(u.kind == TITLE for u in edition.units):
        out.append(dateline)
        dateline = None
    for group in blocks(edition.units):
        kind = group[0].kind
        one_line = kind == TITLE
        text = " ".join(_render_unit(u, one_line) for u in group)
        if kind == TITLE:
            out.append(f"# {text}")
            if dateline:
                out.append(dateline)
                dateline = None
        elif kind == CAPTION:
            out.append(f"*{text}*")
        elif kind == BODY:
            out.append(text)
        else:
            raise ValueError(f"{edition.stem} {group[0].id}: unknown unit kind {kind!r}")
    if edition.byline:
        out.append(f"*{md_escape(edition.byline, one_line=True)}*")
    return "\n\n".join(out).encode("utf-8") + b"\n", False
