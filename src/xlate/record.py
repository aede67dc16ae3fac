"""Keeping the run state (xlate.state) in step with what a run processed, wrote and carried.

After an article is exported, its record says what the run saw and left: the
seed's stamp, the catalog as the run left it (only when the file still holds
exactly those bytes: a save that lands meanwhile keeps the article due for the
next run), the keys it was processed with, the entries a memory match may still
fill, a summary for `xlate status`, and what the combined exports need of it.
"""

import json
from pathlib import Path

import polib

from xlate.article import ArticleResult
from xlate.catalog import comments, status
from xlate.catalog.comments import Key
from xlate.exports import COMBINED, Carried, CarriedArticles
from xlate.exports.preview import IndexEntry
from xlate.exports.tmx import ArticleTm
from xlate.model import Edition, Status, StatusCounts
from xlate.mt import Memory, confidence
from xlate.plan import VOCABULARY, Keys
from xlate.fsutil import Stamp, digest
from xlate.state import ArticleRecord, State, Summary
from xlate.workspace import Workspace

TM, INDEX, ROW = "tm", "index", "row"  # the blobs kept per article for the combined exports


class Recorder:
    def __init__(self, ws: Workspace, state: State, memory: Memory, keys: Keys):
        self.ws, self.state, self.memory, self.keys = ws, state, memory, keys
        self.mt_key = ""
        self.results: dict[str, ArticleResult] = {}
        self.summaries: dict[str, Summary] = {}
        self.unrecorded: dict[str, Carried] = {}  # exported but not recorded (its catalog moved)
        self.exported_any = False
        self.unsaved: list[tuple] = []
        self.indexed_forms: dict[str, tuple[str, int, str]] = {}  # of the unsaved articles' msgids
        self.combined_of: tuple[list[str], list[str]] | None = None

    def chunk(self, results: list[ArticleResult], mt_key: str, summaries: dict[str, Summary]) -> None:
        """The articles exported next, the MT key they were processed with ('' if MT did not run),
        and their summaries."""
        self.results, self.mt_key, self.summaries = {r.stem: r for r in results}, mt_key, summaries

    def carried(self, records: dict[str, ArticleRecord]) -> CarriedArticles:
        """The articles the run did not process; what the combined exports need of them is read
        from the state only if those are written again (not on a run where nothing changed)."""
        return CarriedArticles(frozenset(records), lambda: self._load(records))

    def _load(self, records) -> list[Carried]:
        # Parsed as read (not all the blobs first): the TM of a large archive is most of a run's memory.
        rows = {stem: blob for stem, blob in self.state.blobs(ROW) if stem in records}
        indexes = {stem: index_entry_of(blob, rows.get(stem)) for stem, blob in self.state.blobs(INDEX)
                   if stem in records}
        found = {stem: Carried(ArticleTm.from_json(blob), indexes[stem]) for stem, blob in self.state.blobs(TM)
                 if stem in indexes and stem not in self.unrecorded}
        found.update((stem, part) for stem, part in self.unrecorded.items() if stem in records)
        return [found[stem] for stem in sorted(found)]

    def exported(self, edition: Edition, part: Carried, files: dict[str, Path]) -> None:
        if not self.exported_any:
            self.exported_any = True
            self.state.set_meta({"combined": ""})  # until the combined files are written again
        result = self.results.get(edition.stem)
        self.unrecorded[edition.stem] = part  # until it is recorded: a later chunk's combined files need it
        if result is None or result.seed is None:
            return
        po_stamp = _as_left(result.path, result.read)
        if po_stamp is None:
            return  # the catalog is not what the run left: it stays due
        del self.unrecorded[edition.stem]
        outputs = {}
        for rel, path in files.items():
            st = path.stat()
            outputs[rel] = (st.st_size, st.st_mtime_ns)
        entries = [e for e in result.catalog if not e.obsolete]
        pending = [(e.msgid, not e.msgstr) for e in entries if self._replaceable(result.stem, e)]
        record = ArticleRecord(result.seed, po_stamp, self.keys.process, self.mt_key,
                               sum(1 for e in entries if not e.msgstr),
                               self.summaries[result.stem], self.keys.export, outputs,
                               self.keys.glossary if result.vocabulary is not None else "")
        blobs = {TM: part.tm.to_json().encode("utf-8"), **index_blobs(part.index)}
        if result.vocabulary is not None:  # token keys hold no line break (they hold no space)
            blobs[VOCABULARY] = "\n".join(sorted(result.vocabulary)).encode("utf-8")
        self.unsaved.append((edition.stem, record, pending, blobs))
        self.indexed_forms.update(result.indexed_forms or {})
        if len(self.unsaved) >= 500:  # bounded memory in a long first run
            self.flush()

    def flush(self) -> None:
        """Save what was recorded since the last flush, in one transaction."""
        self.state.save_many(self.unsaved, self.indexed_forms)
        self.unsaved, self.indexed_forms = [], {}

    def _replaceable(self, stem: str, entry: polib.POEntry) -> bool:
        state = status(entry)
        return state == Status.UNTRANSLATED or (
            state == Status.DRAFT and self.memory.is_untouched_draft(stem, entry.msgid, entry.msgstr))

    def combine(self, stems: list[str], kept: list[str]) -> bool:
        """Whether the combined files must be written again: something was exported, they are not
        as the last run left them, or the articles they are made of differ."""
        self.combined_of = (stems, kept)
        if self.exported_any:
            return True
        return self.state.meta("combined") != self._combined(stems, kept)

    def combined_done(self) -> None:
        """The combined files are as the export left them (after it ran)."""
        if self.combined_of is not None:
            self.state.set_meta({"combined": self._combined(*self.combined_of)})

    def _combined(self, stems: list[str], kept: list[str]) -> str:
        stamps = {}
        for rel in COMBINED:
            try:
                st = (self.ws.output_dir / rel).stat()
            except OSError:
                continue
            stamps[rel] = [st.st_size, st.st_mtime_ns]
        return json.dumps([digest(json.dumps([stems, kept, self.keys.export])), stamps], sort_keys=True)

    def forget_except(self, stems: set[str]) -> None:
        """Articles whose seed is gone leave the state too."""
        self.state.forget([stem for stem in self.state.stems() if stem not in stems])


def index_blobs(entry: IndexEntry) -> dict[str, bytes]:
    """How the state keeps an article's line of index.html: its fields as JSON, and its rendered row
    as it is (joined as read, not decoded from an escaped JSON string: a large archive has thousands)."""
    if entry.row is None:  # b"", never left out: a row saved before must not be taken for this one's
        return {INDEX: entry.to_json().encode("utf-8"), ROW: b""}
    start, rest = entry.row
    if "\0" in start:  # the pages picture every control character (html.visible)
        raise ValueError(f"bug: the index row of {entry.stem!r} holds a NUL")
    return {INDEX: entry.to_json().encode("utf-8"), ROW: f"{start}\0{rest}".encode("utf-8")}


def index_entry_of(index: bytes, row: bytes | None) -> IndexEntry:
    """The IndexEntry index_blobs kept."""
    if not row:
        return IndexEntry.from_json(index)
    start, _, rest = row.decode("utf-8").partition("\0")
    return IndexEntry.from_json(index, (start, rest))


def _as_left(path: Path, data: bytes | None) -> Stamp | None:
    if data is None:
        return None
    try:
        st = path.stat()
        now = path.read_bytes()
    except OSError:
        return None
    return Stamp(st.st_size, st.st_mtime_ns, digest(data)) if now == data else None


def summary(result: ArticleResult, low_confidence: int) -> Summary:
    """The article as `xlate status` shows it (the same figures as reading its catalog)."""
    entries = [e for e in result.catalog if not e.obsolete]
    counts = StatusCounts.of(status(e) for e in entries)
    findings = [len(comments.values(e.comment, Key.QA)) for e in entries]
    return Summary(counts.units, counts.approved, counts.draft, counts.untranslated, sum(findings),
                   sum(1 for n in findings if n), len(confidence.low_drafts(result.catalog, low_confidence)),
                   tuple(str(w) for w in result.article.warnings))
