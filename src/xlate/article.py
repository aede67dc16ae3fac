"""One article through the stages, in memory: text → units → catalog with requirements.

process_article() needs no disk and no workspace: give it the seed's text (and,
to merge, the catalog reviewers left), get back everything the later stages
use. pipeline.run does the same for every seed of a workspace, then
pre-translates, QA-checks and writes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polib

from xlate import catalog, qa
from xlate.catalog import comments
from xlate.glossary import Glossary, Requirement, requirements
from xlate.ingest import parse
from xlate.fsutil import Stamp
from xlate.model import Article, Diagnostic, Dropped, Unit
from xlate.text import units_of
from xlate.text.values import DEFAULT, Style


@dataclass
class ArticleResult:
    """An article, its units, and its catalog merged with what reviewers did."""

    article: Article
    units: list[Unit]
    catalog: polib.POFile
    requirements: dict[str, list[Requirement]]  # by msgid: the renderings (terms, names, values) its English needs
    path: Path | None = None  # translate/<stem>.po, in a workspace
    read: bytes | None = None  # the catalog's bytes as read (None: there was none), to guard the write
    seed: Stamp | None = None  # the seed as read (in a workspace): what the run state keeps
    lines: dict[str, int] | None = None  # where each entry starts in the catalog as written (by msgid)
    vocabulary: set[str] | None = None  # its units' token keys as the glossary reads them (xlate.plan)
    # fuzzy.indexed of the msgids not approved (by msgid): how the run state indexes what still waits
    # for a translation, made with the rest of the article (in the run's worker)
    indexed_forms: dict[str, tuple[str, int, str]] | None = None

    @property
    def stem(self) -> str:
        return self.article.stem

    def seed_entries(self) -> list[catalog.Entry]:
        """What the seed asks of the catalog, as merge takes it. Made again when needed (a catalog
        saved during the run is merged anew) rather than kept: a worker sends results without it."""
        return _noted(catalog.entries_for(self.article, self.units), self.requirements)

    @property
    def dropped(self) -> list[Dropped]:
        """What ingest kept out of translation, each line with its reason."""
        return self.article.dropped

    def findings(self, shown: str | None = None) -> list[Diagnostic]:
        """QA over the catalog as it stands (errors and warnings), each with its entry's msgid."""
        return qa.catalog_rows(shown or f"{self.stem}.po", self.catalog, self.requirements)


def now_stamp() -> str:
    """POT-Creation-Date of a new catalog: the only place xlate reads the clock."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def process_article(text: str, name: str, *, glossary: Glossary | None = None,
                    previous: polib.POFile | None = None, abbreviations: Iterable[str] = (),
                    source: str | None = None, created: str | None = None, style: Style = DEFAULT) -> ArticleResult:
    """Ingest, segment and catalog one article held in a string; pure (no disk, no clock but `created`).

    `name` is the article's stem; `previous` the catalog to merge with (as
    reviewers left it); `source` the path shown in `#:` references (default
    "seeds/<name>.txt"); `created` the POT-Creation-Date of a new catalog; `style` the house
    style values are rendered in (a workspace's `[style]`).
    """
    article = parse(text, name, source or f"seeds/{name}.txt")
    units = units_of(article, abbreviations)
    return catalog_article(article, units, glossary or Glossary(), previous, created or now_stamp(), style)


def catalog_article(article: Article, units: list[Unit], glossary: Glossary,
                    previous: polib.POFile | None, created: str, style: Style = DEFAULT) -> ArticleResult:
    entries = catalog.entries_for(article, units)
    vocabulary: set[str] = set()
    reqs = {e.msgid: requirements(e.msgid, glossary, style, vocabulary) for e in entries}
    po = catalog.merge(previous, _noted(entries, reqs), article, created, style)
    return ArticleResult(article, units, po, reqs, vocabulary=vocabulary)


def _noted(entries: list[catalog.Entry], reqs: dict[str, list[Requirement]]) -> list[catalog.Entry]:
    for entry in entries:
        entry.notes = comments.requirement_lines(reqs[entry.msgid])
    return entries


def as_left(article: Article, units: list[Unit], po: polib.POFile, glossary: Glossary,
            style: Style = DEFAULT) -> ArticleResult:
    """An article with its catalog exactly as reviewers left it (export, check): nothing merged."""
    reqs = {e.msgid: requirements(e.msgid, glossary, style) for e in po if not e.obsolete}
    return ArticleResult(article, units, po, reqs)
