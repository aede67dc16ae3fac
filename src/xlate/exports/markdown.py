r"""output/en/<stem>.md: the English article for publication.

`# Title`, a dateline (date · source URL), the paragraphs (the sentences of
a block joined with a space), subheadings as `## Subheading`, list items as
`- item` (consecutive items one list), captions as `*Caption*`, the byline last.
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

from xlate.exports.xml import blocks
from xlate.model import AlignedUnit, Edition, Kind, Status, StatusCounts

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
    if unit.status == Status.UNTRANSLATED:
        return f"**\\[untranslated: {md_escape(unit.vi, one_line=one_line)}\\]**"
    text = md_escape(unit.en, one_line=one_line)
    return f"{text} {DRAFT_MARK}" if unit.status == Status.DRAFT else text


def _not_approved(counts: StatusCounts) -> str:
    return (f"{counts.not_approved} of {counts.units} units are not approved "
            f"({counts.draft} draft, {counts.untranslated} untranslated)")


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
    counts = edition.counts
    if approved_only and counts.not_approved:
        notice = (f"> **Not ready:** {_not_approved(counts)}; "
                  "the English text is withheld until every unit is approved.")
        return (notice + "\n").encode("utf-8"), True

    out: list[str] = []
    if counts.not_approved:
        out.append(f"> **NOT FOR PUBLICATION:** {_not_approved(counts)}; "
                   "they are marked below.")
    dateline = _dateline(edition)
    if dateline and not any(u.kind == Kind.TITLE for u in edition.units):
        out.append(dateline)
        dateline = None
    previous = None
    for group in blocks(edition.units):
        kind = group[0].kind
        one_line = kind in (Kind.TITLE, Kind.SUBHEADING)
        text = " ".join(_render_unit(u, one_line) for u in group)
        if kind == Kind.TITLE:
            out.append(f"# {text}")
            if dateline:
                out.append(dateline)
                dateline = None
        elif kind == Kind.SUBHEADING:
            out.append(f"## {text}")
        elif kind == Kind.ITEM:
            if out and out[-1].startswith("- ") and previous == Kind.ITEM:
                out[-1] += f"\n- {text}"  # consecutive items are one list
            else:
                out.append(f"- {text}")
        elif kind == Kind.CAPTION:
            out.append(f"*{text}*")
        elif kind == Kind.BODY:
            out.append(text)
        else:
            raise ValueError(f"{edition.stem} {group[0].id}: unknown unit kind {kind!r}")
        previous = kind
    if edition.byline:
        out.append(f"*{md_escape(edition.byline, one_line=True)}*")
    return "\n\n".join(out).encode("utf-8") + b"\n", False
