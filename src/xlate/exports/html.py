"""output/html/<stem>.html and output/html/index.html: the bilingual preview editors read in a browser.

The pages are rendered by Jinja2 with autoescaping from the templates shipped
in the package (exports/templates/). The two parts that run for every unit (its
row, unit_html, and its text, unit_text) are Python functions, for speed; they
escape every value as the engine does (markupsafe's five characters). What a page shows
is decided in exports/preview.py; the templates only lay it out.

A page is one self-contained file: the style sheet and the script are inlined,
and its Content-Security-Policy allows exactly those two (by their SHA-256)
and nothing else — no font, image, script or style from anywhere — so a page
looks the same on a desk that never sees the internet, and markup that slipped
past escaping could not run. Control characters, which HTML cannot carry, are
shown as their Unicode control pictures (U+0001 → ␁). Output depends only on
its input: no clock, fixed order.
"""

import base64
import hashlib
import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from xlate import __version__
from xlate.exports.preview import ArticleView, IndexEntry, index_rows
from xlate.model import Status

# C0 and C1 controls (but tab, newline, carriage return) and the noncharacters are parse errors in HTML.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def visible(text: str) -> str:
    """Text HTML can carry, one character for one (so term offsets still hold)."""
    return _UNSHOWABLE.sub(_picture, text) if _UNSHOWABLE.search(text) else text


def _picture(m: re.Match) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7f else "\ufffd"


def _escape(value) -> str:
    """What the engine writes for a value (markupsafe's five characters) as a plain string, without
    a Markup object made per call: this runs for every piece of every unit."""
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def _shown(text: str) -> str:
    """escape(visible(text))."""
    return _escape(visible(text))


_MISSING = '<span class="tip-missing">missing from the English</span>'


def unit_text(pieces, side: str) -> Markup:
    """A unit's text on one side ("vi" or "en"): plain runs, and its glossary terms and names with
    their tooltips (the other language's rendering and the kind). One line, no stray whitespace: the
    text cells keep the unit's own line breaks (white-space: pre-line).

    Written here rather than as a template macro: it runs for every unit of every page, and a
    macro's per-piece calls and escapes were a tenth of a first run. Every piece of text is escaped."""
    out = []
    for p in pieces:
        mark = p.mark
        if not mark:
            out.append(_shown(p.text))
            continue
        kind = mark.kind
        tip = _escape(p.tip)
        lang, other = ("en", mark.en) if side == "vi" else ("vi", mark.vi)
        shown_kind = kind if kind in ("name", "value") else "glossary: " + kind
        out.append(f'<mark class="term term-{"name" if kind == "name" else "glossary"}'
                   f'{" term-missing" if p.missing else ""}" tabindex="0" aria-describedby="{tip}">'
                   f'{_shown(p.text)}<span class="tip" role="tooltip" id="{tip}">'
                   f'<span class="tip-text" lang="{lang}">{_shown(other)}</span>'
                   f'<span class="tip-kind">{_escape(shown_kind)}</span>'
                   f'{_MISSING if p.missing else ""}'
                   '</span></mark>')
    return Markup("".join(out))


_PO_TITLE = "the entry in the catalog, to tell the translator where"


def unit_html(v) -> Markup:
    """One unit of an article page (a UnitView): its status, flags, references, both texts and its
    notes. Written here for the reason unit_text is; every value is escaped as the engine would."""
    unit, state = v.unit, v.state
    qa = unit.notes.qa
    draft = unit.status == Status.DRAFT
    out = [(f'<div class="unit state-{_escape(state)}{" has-qa" if qa else ""}'
           f'{" low-confidence" if v.low_confidence else ""}" id="{_escape(unit.id)}" '
           f'data-status="{_escape(unit.status)}" data-kind="{_escape(unit.kind)}">\n'
           f'<div class="unit-head">\n<span class="badge badge-{_escape(state)}">{_escape(v.label)}</span>\n')]
    if v.low_confidence:
        out.append(f'<span class="flag flag-low">Low MT confidence: {_escape(v.confidence)}%</span>\n')
    elif v.confidence is not None and draft:
        out.append(f'<span class="flag flag-confidence">MT confidence: {_escape(v.confidence)}%</span>\n')
    if qa:
        out.append(f'<span class="flag flag-qa">QA: {len(qa)} error{"" if len(qa) == 1 else "s"}</span>\n')
    out.append('<span class="refs">')
    if v.po_ref:
        ref = _shown(v.po_ref)
        out.append(f'<a class="po-ref" href="{_escape(v.po_href)}" title="{_PO_TITLE}">{ref}</a> · ' if v.po_href
                   else f'<code class="po-ref">{ref}</code> · ')
    out.append(f'<code class="seed-ref">{_shown(v.seed_ref)}</code></span>\n</div>\n'
               f'<div class="vi" lang="vi">{unit_text(v.vi, "vi")}</div>\n<div class="en" lang="en">')
    if v.en:
        out.append(unit_text(v.en, "en"))
        if draft:
            out.append('<span class="pub-mark"> [draft]</span>')
    else:
        out.append('<span class="placeholder">not translated yet</span><span class="pub-mark">[untranslated: '
                   f'<span lang="vi">{_shown(unit.vi)}</span>]</span>')
    out.append("</div>\n")
    if qa or v.origin:
        out.append('<ul class="notes">\n')
        out += [f'<li class="qa"><strong>QA error:</strong> {_shown(finding)}</li>\n' for finding in qa]
        if v.origin:
            out.append(f'<li class="origin">English from {_shown(v.origin)}</li>\n')
        out.append("</ul>\n")
    out.append("</div>")
    return Markup("".join(out))


@dataclass(frozen=True)
class Assets:
    css: Markup
    js: Markup
    csp: str


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def assets() -> Assets:
    """The inlined style sheet and script (package data), and the policy that allows only them."""
    folder = resources.files("xlate.exports").joinpath("templates")
    css = folder.joinpath("preview.css").read_text(encoding="utf-8")
    js = folder.joinpath("preview.js").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    # Our own files, inlined verbatim: the hashes must match the bytes the browser sees.
    return Assets(Markup(css), Markup(js), csp)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("xlate.exports", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, auto_reload=False)  # shipped files: no stat per page
    env.filters["visible"] = visible
    env.globals["unit_text"] = unit_text
    env.globals["unit_html"] = unit_html
    return env


def render_page(template: str, **context) -> bytes:
    """A page from one of the shipped templates, with the preview's assets and policy (xlate align uses it too)."""
    page = environment().get_template(template).render(assets=assets(), version=__version__, **context)
    return page.encode("utf-8")


def article_page(article: ArticleView) -> bytes:
    """output/html/<stem>.html."""
    return render_page("article.html.j2", a=article, e=article.edition)


def index_page(articles: list[IndexEntry], kept: list[str] = ()) -> bytes:
    """output/html/index.html: every article, ready to publish first; `kept`: the stems whose
    pages are from an earlier export (their seed or catalog could not be read this time)."""
    rows = index_rows(articles)
    # The page around a mark where the rows go, then the rows joined in as bytes: at 10,000
    # articles they are megabytes, which a Markup and the engine's own join would each copy again.
    page = render_page("index.html.j2", rows=rows, rows_html=Markup(_ROWS),
                       ready=sum(r.article.ready for r in rows),
                       approved_only=any(a.approved_only for a in articles),
                       kept=[(stem, f"{quote(stem)}.html") for stem in kept])
    head, tail = page.split(_ROWS.encode("utf-8"))
    body = "".join(itertools.chain.from_iterable((start, str(row.rank), rest) for row in rows
                                                 for start, rest in [index_row(row.article)]))
    return b"".join((head, body.encode("utf-8"), tail))


_ROWS = "\0rows\0"  # no page holds a NUL: visible() pictures every control character


def index_row(entry: IndexEntry) -> tuple[str, str]:
    """The article's row of index.html, before and after its rank (as kept in `entry.row`, or made now)."""
    if entry.row is not None:
        return entry.row
    row = environment().get_template("index_row.html.j2").module
    return str(row.start(entry)), str(row.rest(entry, f"{quote(entry.stem)}.html"))


def with_row(entry: IndexEntry) -> IndexEntry:
    """The entry with its row of index.html made, to be kept with it."""
    return replace(entry, row=index_row(entry))
