r"""Regenerate output/ from editions: XML, TMX, parallel text, English Markdown, HTML preview.

    output/xml/<stem>.xml      aligned bilingual article (export.xml; schema/article.rng)
    output/tmx/<stem>.tmx      TMX 1.4b per article  (export.tmx)
    output/tmx/all.tmx         TMX 1.4b over all articles, one <tu> per distinct source
    output/parallel/all.vi     \
    output/parallel/all.en      } line-aligned translated units (export.parallel)
    output/parallel/all.tsv    /
    output/en/<stem>.md        the English article for publication (export.markdown)
    output/html/<stem>.html    the bilingual preview editors read in a browser (export.html)
    output/html/index.html     every article's progress, ready to publish first

Every file goes through write_atomic, so a file whose bytes did not change is
not touched (quiet git, stable mtimes); the bytes depend only on the editions
and the options (sorted by stem, no clock). Files of articles that no longer
exist are removed. With approved_only, drafts and untranslated units are left
out of every file, and an article not fully approved is withheld from en/.
"""

import fnmatch
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from xlate.exports.html import article_page, index_page, with_row
from xlate.exports.markdown import article_md
from xlate.exports.parallel import parallel_files
from xlate.exports.preview import IndexEntry, article_view, index_entry
from xlate.exports.tmx import ArticleTm, all_tmx, article_tm, article_tmx, tm_entries
from xlate.exports.xml import article_xml
from xlate.fsutil import remove_temp, write_atomic
from xlate.model import INDEX_STEM, RESERVED_STEM, RESERVED_STEMS, Edition

# The folders export owns, and the files in them it may delete when stale.
OWNED = {"xml": "*.xml", "tmx": "*.tmx", "en": "*.md", "parallel": f"{RESERVED_STEM}.*", "html": "*.html"}
ALL_TMX = f"{RESERVED_STEM}.tmx"
INDEX_HTML = f"{INDEX_STEM}.html"
# The files made from every article at once.
COMBINED = (f"tmx/{ALL_TMX}", *(f"parallel/{RESERVED_STEM}.{x}" for x in ("vi", "en", "tsv")), f"html/{INDEX_HTML}")


@dataclass(frozen=True)
class ArticleCounts:
    units: int  # units in the article
    approved: int
    draft: int
    untranslated: int
    exported: int  # units in xml/<stem>.xml (all, or only the approved ones)
    tm: int  # distinct translation-memory entries (tmx/<stem>.tmx, parallel rows)
    withheld: bool  # en/<stem>.md carries a not-ready notice instead of the text


@dataclass
class ExportReport:
    """Paths are relative to the output folder, POSIX style, sorted."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    articles: dict[str, ArticleCounts] = field(default_factory=dict)


@dataclass(frozen=True)
class Carried:
    """An article a run did not re-export: its files stay, and what the combined files need of it."""

    tm: ArticleTm
    index: IndexEntry


@dataclass(frozen=True)
class CarriedArticles:
    """The carried articles: their stems, and a way to load what the combined files need of them."""

    stems: frozenset[str]
    load: Callable[[], list[Carried]]


def export_all(editions: Iterable[Edition], out_dir: Path, *, approved_only: bool = False,
               tool_version: str, progress: Callable[[int], None] | None = None,
               keep: frozenset[str] = frozenset(), low_confidence: int | None = None,
               root: Path | None = None, carried: "CarriedArticles | None" = None,
               done: Callable[[Edition, Carried, dict[str, Path]], None] | None = None,
               combine: Callable[[list[str], list[str]], bool] | None = None,
               partial: bool = False) -> ExportReport:
    """Write every export under out_dir; progress(1) is called after each article.

    A file that fails its schema raises (RuntimeError): that is a bug in xlate,
    and it is raised before the file is written. Files of the articles in `keep`
    (whose catalogs could not be read this time) are left as they were.
    The preview marks drafts whose MT confidence is below `low_confidence`, and
    links each unit to its catalog when it knows the workspace `root`.
    `carried`: articles whose files are up to date (an incremental run): only the
    combined files take them in, and only when those are written is what they
    need of them loaded. `done(edition, carried, files)` is told of each
    article exported, with what a later run needs to carry it and its files.
    `combine(stems, kept)`: whether the combined files must be written again for
    these articles (None: always); a run that exported nothing new can skip them.
    `partial`: a chunk of a run before its last, which alone writes the combined files and
    removes stale ones (its editions are exported, nothing else).
    """
    out_dir = Path(out_dir)
    # Editions may come one at a time (a generator): a run over an archive never holds them all.
    # Their order does not matter: every combined file and list is made in stem order.
    seen: set[str] = set()
    report = ExportReport()
    expected: set[str] = set()
    # The workspace root as a link from output/html/ (a relative one: the folder may move).
    root_href = Path(os.path.relpath(root, out_dir / "html")).as_posix() if root is not None else None
    parts: dict[str, Carried] = {}

    def emit(rel: str, data: bytes) -> None:
        expected.add(rel)
        changed = write_atomic(out_dir / rel, data, durable=False)  # made again by any later run
        (report.written if changed else report.unchanged).append(rel)

    for edition in editions:
        _check_stem(edition.stem, seen)
        tm = article_tm(edition, approved_only)
        files = {f"xml/{edition.stem}.xml": article_xml(edition, approved_only=approved_only),
                 f"tmx/{edition.stem}.tmx": article_tmx(tm, tool_version=tool_version)}
        md, withheld = article_md(edition, approved_only=approved_only)
        files[f"en/{edition.stem}.md"] = md
        view = article_view(edition, approved_only=approved_only, low_confidence=low_confidence,
                            root_href=root_href)
        files[f"html/{edition.stem}.html"] = article_page(view)
        for rel, data in files.items():
            emit(rel, data)
        parts[edition.stem] = part = Carried(tm, with_row(index_entry(view)))
        report.articles[edition.stem] = _counts(edition, tm, approved_only, withheld)
        if done:
            done(edition, part, {rel: out_dir / rel for rel in files})
        if progress:
            progress(1)

    if not partial:  # only the last chunk of a run sees every stem: the combined files and the sweep
        report.removed = _combine_and_sweep(out_dir, parts, keep, carried, combine, emit, expected,
                                            tool_version)
    report.written.sort()
    report.unchanged.sort()
    report.articles = dict(sorted(report.articles.items()))
    return report


def _combine_and_sweep(out_dir: Path, parts: dict[str, Carried], keep: frozenset[str],
                       carried: "CarriedArticles | None", combine, emit, expected: set[str],
                       tool_version: str) -> list[str]:
    """The combined files (if `combine` says so), then the removal of stale files; returns those removed."""
    # An article kept from the last export is still listed, with why it was not updated.
    everyone = set(parts) | (carried.stems if carried is not None else set())
    kept = sorted(stem for stem in keep if stem not in everyone and stem.lower() not in RESERVED_STEMS
                  and (out_dir / "html" / f"{stem}.html").is_file())
    if combine is None or combine(sorted(everyone), kept):
        loaded = {c.tm.stem: c for c in carried.load()} if carried is not None else {}
        combined = [parts.get(stem) or loaded[stem] for stem in sorted(everyone) if stem in parts or stem in loaded]
        emit(f"tmx/{ALL_TMX}", all_tmx([c.tm for c in combined], tool_version=tool_version))
        for name, data in parallel_files([c.tm for c in combined]).items():
            emit(f"parallel/{name}", data)
        emit(f"html/{INDEX_HTML}", index_page([c.index for c in combined], kept))
    else:
        expected.update(COMBINED)
    return sorted(_remove_stale(out_dir, expected, keep | everyone))


def _check_stem(stem: str, seen: set[str]) -> None:
    # Stems become file names; all.tmx and html/index.html are ours. Anything else is a caller bug.
    if not stem or "/" in stem or "\\" in stem or stem.startswith(".") or stem.lower() in RESERVED_STEMS:
        raise ValueError(f"article stem {stem!r} cannot name an export file")
    if stem in seen:
        raise ValueError(f"two articles share the stem {stem!r}")
    seen.add(stem)


def _counts(edition: Edition, tm: ArticleTm, approved_only: bool, withheld: bool) -> ArticleCounts:
    counts = edition.counts
    return ArticleCounts(
        units=counts.units, approved=counts.approved, draft=counts.draft, untranslated=counts.untranslated,
        exported=counts.approved if approved_only else counts.units,
        tm=len(tm_entries([tm])), withheld=withheld)


def _remove_stale(out_dir: Path, expected: set[str], keep: frozenset[str]) -> list[str]:
    """Delete owned files no export wrote this time, and temp files of killed writes."""
    removed = []
    for folder, pattern in OWNED.items():
        base = out_dir / folder
        if not base.is_dir():
            continue
        removed += [f"{folder}/{path.name}" for path in remove_temp(base)]
        # One scandir, no stat per file: a no-change run over a large archive comes through here.
        owned = re.compile(fnmatch.translate(pattern)).match
        with os.scandir(base) as it:
            names = sorted(e.name for e in it if not e.name.startswith(".") and owned(e.name) and e.is_file())
        for name in names:
            rel = f"{folder}/{name}"
            if rel not in expected and name.rpartition(".")[0] not in keep:
                (base / name).unlink()
                removed.append(rel)
    return removed
