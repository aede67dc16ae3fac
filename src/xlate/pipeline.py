"""The pipeline: ingest → segment → merge catalogs → pre-translate → QA → write → export.

Each stage lives in its own module; this one only sequences them over the
workspace and collects what went wrong, so that one bad file costs only its
own article.
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polib

from xlate import catalog, ingest
from xlate.data import Article, Unit
from xlate.errors import InputError, SetupError
from xlate.fsutil import Lock
from xlate.segment import units_of
from xlate.settings import Settings


@dataclass
class Work:
    """One article in flight: its seed, its units and its merged catalog."""

    article: Article
    units: list[Unit]
    po: polib.POFile
    path: Path  # translate/<stem>.po


@dataclass
class Report:
    articles: list[Work] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translated: int = 0  # units given an MT draft this run
    reused: int = 0  # units filled from the translation memory this run

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def seed_files(settings: Settings) -> list[Path]:
    if not settings.seeds.is_dir():
        return []
    return sorted(p for p in settings.seeds.iterdir()
                  if p.suffix.lower() in ingest.SEED_SUFFIXES and not p.name.startswith("."))


def now_stamp() -> str:
    """POT-Creation-Date of a new catalog: the only place xlate reads the clock."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def catalog_path(settings: Settings, stem: str) -> Path:
    return settings.translate / f"{stem}.po"


def shown(settings: Settings, path: Path) -> str:
    try:
        return str(path.relative_to(settings.root))
    except ValueError:
        return str(path)


def prepare(settings: Settings, report: Report) -> list[Work]:
    """Ingest every seed and merge its catalog in memory; nothing is written."""
    seeds = seed_files(settings)
    if not seeds:
        raise SetupError("no articles to translate", path=shown(settings, settings.seeds),
                         hint="put UTF-8 .txt or .md articles in seeds/ (xlate init creates the folder)")
    created = now_stamp()
    work = []
    for seed in seeds:
        try:
            article = ingest.ingest(seed, settings.root)
            units = units_of(article, settings.segment.abbreviations)
            path = catalog_path(settings, article.stem)
            old = catalog.read(path, shown(settings, path))
        except InputError as problem:
            report.problems.append(problem)
            continue
        po = catalog.merge(old, catalog.entries_for(article, units), article, created)
        work.append(Work(article, units, po, path))
    return work


def run(settings: Settings, *, mt: bool = True) -> Report:
    """`xlate run`: the whole pipeline under the workspace lock."""
    report = Report()
    with Lock(settings.state / "lock"):
        work = prepare(settings, report)
        report.articles = work
        for item in work:
            if catalog.write(item.path, item.po):
                report.written.append(item.path)
    return report
