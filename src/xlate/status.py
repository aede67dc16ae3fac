"""Where every article stands, at 5 articles and at 10,000: `xlate status`.

An article's figures come from the run state (xlate.state) while its catalog is
exactly as the last run left it and the settings that count (the QA and
confidence thresholds, the glossary) are those it ran with — a stat, nothing
read — and from the catalog itself otherwise (a reviewer saved it since). An article needs attention when
it has drafts, low-confidence MT drafts, QA findings, ingest warnings, or when
its seed or catalog could not be read.
"""

import fnmatch
from dataclasses import dataclass, field

import polib

from xlate import catalog
from xlate.catalog import comments
from xlate.catalog.comments import Key
from xlate.errors import InputError
from xlate.model import StatusCounts
from xlate.mt import confidence
from xlate.plan import keys
from xlate.state import Summary, peek
from xlate.workspace import Workspace

STATES = ("approved", "in review", "untranslated", "not started", "error")


@dataclass(frozen=True)
class Row:
    article: str
    counts: StatusCounts = StatusCounts()
    qa: int = 0  # `#. qa:` findings
    error: str = ""
    low: int = 0  # MT drafts under [mt] low_confidence
    warnings: tuple[str, ...] = field(default=())  # what ingest was unsure of

    @property
    def state(self) -> str:
        c = self.counts
        if self.error:
            return "error"
        if c.units == 0:
            return "not started"
        if c.approved == c.units:
            return "approved"
        if c.untranslated == c.units:
            return "untranslated"
        return "in review"

    @property
    def attention(self) -> bool:
        return bool(self.error or self.counts.draft or self.low or self.qa or self.warnings)

    def as_dict(self) -> dict:
        c = self.counts
        return {"article": self.article, "state": self.state, "units": c.units, "approved": c.approved,
                "draft": c.draft, "untranslated": c.untranslated, "qa": self.qa, "low": self.low,
                "warnings": list(self.warnings), "error": self.error or None}


def row_of(stem: str, po: polib.POFile, low_confidence: int = 50) -> Row:
    live = [e for e in po if not e.obsolete]
    return Row(stem, StatusCounts.of(catalog.status(e) for e in live),
               sum(len(comments.values(e.comment, Key.QA)) for e in live),
               low=len(confidence.low_drafts(po, low_confidence)))


def row_of_summary(stem: str, summary: Summary) -> Row:
    return Row(stem, StatusCounts(summary.units, summary.approved, summary.draft, summary.untranslated),
               summary.qa, low=summary.low, warnings=summary.warnings)


def rows(ws: Workspace) -> list[Row]:
    """One row per article: every seed, and every catalog whose seed is gone."""
    records, failures = peek(ws.state_path, ws.memory_path)  # read-only: status writes nothing
    current = keys(ws).process if records else None
    out = []
    for stem in sorted({p.stem for p in ws.seeds()} | ws.catalog_stems()):
        path = ws.catalog_path(stem)
        record = records.get(stem)
        if stem in failures:
            out.append(Row(stem, error=failures[stem]))
            continue
        try:
            st = path.stat()
        except OSError:
            st = None
        if (record is not None and record.catalog is not None and st is not None and record.catalog.same_stat(st)
                and record.process_key == current):
            out.append(row_of_summary(stem, record.summary))
            continue
        try:
            po = catalog.read(path, ws.shown(path))
        except InputError as exc:
            out.append(Row(stem, error=str(exc).splitlines()[0]))
            continue
        out.append(row_of(stem, po, ws.settings.mt.low_confidence) if po is not None else Row(stem))
    return out


def select(found: list[Row], states: tuple[str, ...] = (), pattern: str | None = None) -> list[Row]:
    """The rows in one of `states` (any if none) whose article matches the glob `pattern`."""
    return [r for r in found if (not states or r.state in states)
            and (pattern is None or fnmatch.fnmatchcase(r.article, pattern))]
