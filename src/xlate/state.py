"""What the last runs left behind, so that a run does work in proportion to what changed.

`.xlate/state.sqlite` records, per article, the seed and the catalog as the
last run left them (size and modification time, then a content digest), the
keys of everything else its result depends on (settings, glossary, model), what
its catalog still waits for (entries a memory match or MT may fill), and what
its exports are made of (the rows of the combined files, the index line, the
files written). A run reads this, a stat per file, and processes only the
articles whose inputs differ (xlate.plan). The state is a cache: delete it, or
the memory beside it, and the next run is a full one with the same result.
"""

import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, fields
from pathlib import Path

from xlate import __version__
from xlate.mt import fuzzy
from xlate.fsutil import Stamp, read_only_db
from xlate.mt.features import FeatureIndex, chunks
from xlate.mt.memory import stored_id

SCHEMA_VERSION = 3  # 2: records and index entries as arrays, index rows kept raw, token keys and glossary;
# 3: the index of waiting entries counts its features in FTS5's vocabulary
VERSION = f"{__version__}/{SCHEMA_VERSION}"  # a state is only used by the xlate that made it
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    stem    TEXT PRIMARY KEY,
    record  TEXT NOT NULL           -- ArticleRecord as JSON
);
CREATE TABLE IF NOT EXISTS pending (  -- entries a memory match may fill: empty, or xlate's untouched drafts
    id      INTEGER PRIMARY KEY,
    stem    TEXT NOT NULL,
    msgid   TEXT NOT NULL,
    empty   INTEGER NOT NULL,       -- untranslated (a fuzzy match may fill it too)
    words   TEXT NOT NULL,          -- fuzzy.words(msgid), for the index of the empty ones
    length  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_by_msgid ON pending (msgid);
CREATE INDEX IF NOT EXISTS pending_by_stem ON pending (stem);
CREATE TABLE IF NOT EXISTS blobs (    -- what the combined exports are made of, per article
    stem    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    value   BLOB NOT NULL,
    PRIMARY KEY (stem, kind)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Summary:
    """An article at a glance: what `xlate status` shows without reading its catalog."""

    units: int = 0
    approved: int = 0
    draft: int = 0
    untranslated: int = 0
    qa: int = 0  # `#. qa:` findings
    qa_errors: int = 0
    low: int = 0  # drafts under [mt] low_confidence
    warnings: tuple[str, ...] = ()  # what ingest was unsure of


@dataclass(frozen=True)
class ArticleRecord:
    seed: Stamp
    catalog: Stamp | None  # the catalog as the run left it (None: there is none)
    process_key: str  # the settings it was processed with
    mt_key: str  # the model and decoding settings MT last ran with over its empty entries ('' if none)
    empty: int  # entries still untranslated
    summary: Summary = field(default_factory=Summary)
    export_key: str = ""  # the export options its files were written with
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # output file → (size, mtime)
    glossary_key: str = ""  # the glossary it was processed with (its token keys are kept beside it)

    # Kept as a JSON array, fields in their order (the state is private, and its SCHEMA_VERSION names
    # the layout): every run decodes the record of every article, and an array of values decodes in
    # half the time of the same values under their names.
    def to_json(self) -> str:
        summary = [getattr(self.summary, f.name) for f in fields(Summary)]
        return json.dumps([_stamp(self.seed), _stamp(self.catalog), self.process_key, self.mt_key, self.empty,
                           summary, self.export_key, [[rel, *stat] for rel, stat in self.outputs.items()],
                           self.glossary_key], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "ArticleRecord":
        seed, catalog, process_key, mt_key, empty, summary, export_key, outputs, glossary_key = json.loads(text)
        *counts, warnings = summary
        return cls(Stamp(*seed), Stamp(*catalog) if catalog else None, process_key, mt_key, empty,
                   Summary(*counts, tuple(warnings)), export_key, {rel: (size, mtime) for rel, size, mtime in outputs},
                   glossary_key)


def _stamp(stamp: Stamp | None) -> list | None:
    return [stamp.size, stamp.mtime, stamp.digest] if stamp is not None else None


class State:
    """An open run state; use as a context manager. `valid` is False for a new or foreign one."""

    def __init__(self, path: Path, memory_id: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.index = FeatureIndex(self.db, "pending_features", None)
        self._made = {"version": VERSION, "memory": memory_id}
        # Only valid for the memory it was made beside, by this xlate: anything else starts afresh.
        self.valid = all(self.meta(key) == value for key, value in self._made.items())
        if not self.valid:
            self._start_afresh()

    def _start_afresh(self) -> None:
        self.clear()
        self.set_meta(self._made)
        self.valid = False

    def __enter__(self) -> "State":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def clear(self) -> None:
        with self.db:
            for table in ("meta", "articles", "pending", "blobs"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DROP TABLE IF EXISTS pending_feature_units")  # schema 2's feature counts
            self.db.execute("INSERT INTO pending_features (pending_features) VALUES ('delete-all')")

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())

    # --- articles ---------------------------------------------------------------------------------

    def stems(self) -> list[str]:
        return [stem for stem, in self.db.execute("SELECT stem FROM articles")]

    def records(self) -> dict[str, ArticleRecord]:
        """Every article's record; none if one cannot be read (a state damaged, or written by a
        development build of this version): the state starts afresh and the run is a full one."""
        try:
            return {stem: ArticleRecord.from_json(text)
                    for stem, text in self.db.execute("SELECT stem, record FROM articles")}
        except (ValueError, TypeError):  # json's errors are ValueErrors
            self._start_afresh()
            return {}

    def save(self, stem: str, record: ArticleRecord, pending: Iterable[tuple[str, bool]] | None = None,
             blobs: dict[str, bytes] | None = None) -> None:
        """Record one article: its record, the entries it waits for (msgid, empty), its export rows."""
        self.save_many([(stem, record, pending, blobs)])

    def save_many(self, items: Iterable[tuple[str, ArticleRecord, Iterable[tuple[str, bool]] | None,
                                              dict[str, bytes] | None]],
                  indexed_forms: dict[str, tuple[str, int, str]] | None = None) -> None:
        """Record articles in one transaction (as save). `indexed_forms`: fuzzy.indexed of the
        waiting msgids, where already made (by msgid); the others are made here."""
        items = list(items)
        forms = indexed_forms or {}
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO articles (stem, record) VALUES (?, ?)",
                                [(stem, record.to_json()) for stem, record, _, _ in items])
            waiting = [(stem, list(pending)) for stem, _, pending, _ in items if pending is not None]
            for stem, _ in waiting:
                self._drop_pending(stem)
            first = (self.db.execute("SELECT max(id) FROM pending").fetchone()[0] or 0) + 1
            rows, indexed = [], []
            for stem, pending in waiting:
                for msgid, empty in pending:
                    words, length, features = forms.get(msgid) or fuzzy.indexed(msgid)
                    rows.append((first, stem, msgid, int(empty), words, length))
                    if empty:
                        indexed.append((first, features))
                    first += 1
            self.db.executemany("INSERT INTO pending (id, stem, msgid, empty, words, length) "
                                "VALUES (?, ?, ?, ?, ?, ?)", rows)
            self.index.add_joined(indexed)
            self.db.executemany("INSERT OR REPLACE INTO blobs (stem, kind, value) VALUES (?, ?, ?)",
                                [(stem, kind, value) for stem, _, _, blobs in items
                                 for kind, value in (blobs or {}).items()])

    def forget(self, stems: Iterable[str]) -> None:
        with self.db:
            for stem in stems:
                self._drop_pending(stem)
                self.db.execute("DELETE FROM articles WHERE stem = ?", (stem,))
                self.db.execute("DELETE FROM blobs WHERE stem = ?", (stem,))

    def _drop_pending(self, stem: str) -> None:
        self.index.remove_selected("SELECT id, words FROM pending WHERE stem = ? AND empty = 1", (stem,))
        self.db.execute("DELETE FROM pending WHERE stem = ?", (stem,))

    def blob(self, stem: str, kind: str) -> bytes | None:
        row = self.db.execute("SELECT value FROM blobs WHERE stem = ? AND kind = ?", (stem, kind)).fetchone()
        return row[0] if row else None

    def blobs(self, kind: str) -> Iterator[tuple[str, bytes]]:
        """(stem, value) of every article's blob of this kind, in stem order."""
        yield from self.db.execute("SELECT stem, value FROM blobs WHERE kind = ? ORDER BY stem", (kind,))

    # --- what a change of the memory may fill -----------------------------------------------------

    def waiting_for(self, sources: set[str], threshold: int) -> set[str]:
        """The articles with an entry the memory's changed `sources` may now fill: the same msgid
        (empty, or an untouched draft), or an empty one at least `threshold` % alike."""
        stems: set[str] = set()
        for chunk in chunks(sorted(sources)):
            marks = ",".join("?" * len(chunk))
            stems.update(s for (s,) in self.db.execute(f"SELECT DISTINCT stem FROM pending WHERE msgid IN ({marks})",
                                                       chunk))
        queries = [fuzzy.words(s) for s in sources]
        frequency = self.index.frequency({f for q in queries for f in fuzzy.features(q)})
        for query in queries:
            ids = self.index.candidates(query, threshold, frequency)
            low, high = fuzzy.length_bounds(len(query), threshold)
            for chunk in chunks(ids):
                marks = ",".join("?" * len(chunk))
                for stem, words in self.db.execute(
                        f"SELECT stem, words FROM pending WHERE id IN ({marks}) AND length BETWEEN ? AND ?",
                        [*chunk, low, high]):
                    if stem not in stems and fuzzy.percent(query, words.split()) >= threshold:
                        stems.add(stem)
        return stems


def peek(state_path: Path, memory_path: Path) -> tuple[dict[str, ArticleRecord], dict[str, str]]:
    """The records and the failures of the last run, for `xlate status`, read without changing a byte:
    a state made by another xlate or beside another memory, or one that cannot be read, gives none
    (status then reads the catalogs; the next run starts the state afresh)."""
    memory_id = stored_id(memory_path)
    try:
        with closing(read_only_db(state_path)) as db:
            made = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('version', 'memory', 'failures')"))
            if memory_id is None or made.get("memory") != memory_id or made.get("version") != VERSION:
                return {}, {}
            records = {stem: ArticleRecord.from_json(text)
                       for stem, text in db.execute("SELECT stem, record FROM articles")}
            return records, json.loads(made.get("failures") or "{}")
    except (sqlite3.Error, ValueError, TypeError):
        return {}, {}


def new_memory_id() -> str:
    return secrets.token_hex(8)
