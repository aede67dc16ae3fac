"""The front half of a run, per article and in memory: ingest the seed, segment it, merge its
catalog (xlate.article) — nothing is written. Also the catalogs as reviewers left them, for
`xlate export` and `xlate check`.
"""

from pathlib import Path

import polib

from xlate import catalog, ingest
from xlate.article import ArticleResult, as_left, catalog_article
from xlate.catalog.merge import approved_after_merge
from xlate.errors import InputError
from xlate.fsutil import Stamp, digest
from xlate.glossary import Glossary, load as load_glossary
from xlate.model import Severity
from xlate.mt import pretranslate
from xlate.text import units_of
from xlate.workspace import Workspace


def workspace_glossary(ws: Workspace, problems: list[InputError]) -> Glossary:
    """The workspace glossary; bad rows are skipped and reported, never fatal."""
    glossary, found = load_glossary(ws.glossary_dir, ws.root)
    problems += [InputError(p.message, path=p.path, line=p.line,
                            hint="run `xlate glossary check` for the full list")
                 for p in found if p.severity == Severity.ERROR]
    return glossary


def prepare(ws: Workspace, glossary: Glossary, seeds: list[Path], problems: list[InputError],
             created: str) -> list[ArticleResult]:
    """Ingest these seeds and merge their catalogs in memory; nothing is written."""
    rules = ws.ingest_rules()
    results = []
    for seed in seeds:
        try:
            st = seed.stat()
            data = seed.read_bytes()
            article = ingest.ingest(seed, ws.root, rules, data)
            units = units_of(article, ws.settings.segment.abbreviations)
            path = ws.catalog_path(article.stem)
            old, read = catalog.read_with_bytes(path, ws.shown(path))
        except InputError as problem:
            problems.append(problem)
            continue
        except OSError as exc:
            problems.append(InputError(f"cannot be read: {exc.strerror}", path=ws.shown(seed)))
            continue
        result = catalog_article(article, units, glossary, old, created, ws.settings.style)
        result.path, result.read = path, read
        result.seed = Stamp(st.st_size, st.st_mtime_ns, digest(data))
        results.append(result)
    return results


def approvals(ws: Workspace, seeds: list[Path], created: str) -> tuple[pretranslate.Approvals, bool]:
    """What the memory takes of these articles' catalogs — the approvals merging them would give —
    without merging them (the first pass of a run of several chunks); and whether MT may be needed.
    An article that cannot be read is left out: it is reported when it is processed."""
    rules = ws.ingest_rules()
    approved: pretranslate.Approvals = {}
    needs_mt = False
    for seed in seeds:
        path = ws.catalog_path(seed.stem)
        try:
            msgids = {u.text for u in units_of(ingest.ingest(seed, ws.root, rules), ws.settings.segment.abbreviations)}
            old = catalog.read(path, ws.shown(path))
        except (InputError, OSError):
            continue
        old = old if old is not None else polib.POFile()
        entries = approved_after_merge(old, msgids)
        approved[seed.stem] = (entries, pretranslate.revision_date(old.metadata.get("PO-Revision-Date", created)))
        needs_mt = needs_mt or len(entries) < len(msgids)  # over-counts drafts: only ever asks too soon
    return approved, needs_mt


def read_back(ws: Workspace, problems: list[InputError]) -> list[ArticleResult]:
    """The catalogs as reviewers left them, with their articles (for export and check)."""
    terms = workspace_glossary(ws, problems)
    rules = ws.ingest_rules()
    results = []
    for seed in ws.seeds():
        path = ws.catalog_path(seed.stem)
        try:
            article = ingest.ingest(seed, ws.root, rules)
            po = catalog.read(path, ws.shown(path))
        except InputError as problem:
            problems.append(problem)
            continue
        if po is None:
            continue  # never run: nothing to export or check yet
        result = as_left(article, units_of(article, ws.settings.segment.abbreviations), po, terms,
                         ws.settings.style)
        result.path = path
        results.append(result)
    return results
