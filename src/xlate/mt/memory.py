"""Translation memory and MT cache: one SQLite file under .xlate/, rebuildable from the workspace's files.

The memory holds translation units, each belonging to one origin
(xlate.mt.origins): the approved entries of each catalog, re-synced from the PO
files on every run, and each TMX kept in tm/. An origin is replaced whole
(`replace_origin`, one transaction) and carries a fingerprint of what it was
built from, so an unchanged catalog or a 200,000-unit TMX that did not change
is not read again. Lookups are exact (by source) or fuzzy (xlate.mt.fuzzy): an
FTS5 index of each unit's words finds the few units that can reach the
threshold, which are then scored exactly.

The MT cache holds raw engine output and its confidence, keyed by (text sent
to the engine, model id, decoding settings), so a re-run translates only what
is new. The drafts table remembers every draft xlate wrote, so a draft nobody
touched may be replaced by something better and a reviewer's edit never is.
"""

import hashlib
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from xlate.fsutil import read_only_db
from xlate.mt import fuzzy
from xlate.mt.confidence import Translation
from xlate.mt.features import FeatureIndex, chunks as _chunks
from xlate.mt.origins import Origin, OriginKind, article as article_origin

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);  -- id: this memory's own
CREATE TABLE IF NOT EXISTS origins (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,     -- OriginKind
    name        TEXT NOT NULL,     -- an article's stem, a TMX's name
    trusted     INTEGER NOT NULL,  -- an exact match from it is approved
    fingerprint TEXT NOT NULL,     -- of the files it was built from
    UNIQUE (kind, name)
);
CREATE TABLE IF NOT EXISTS units (
    id      INTEGER PRIMARY KEY,
    origin  INTEGER NOT NULL REFERENCES origins (id),
    source  TEXT NOT NULL,         -- normalized Vietnamese, as a msgid
    target  TEXT NOT NULL,
    words   TEXT NOT NULL,         -- fuzzy.words(source), space-separated: what the index holds
    length  INTEGER NOT NULL,      -- how many words
    created TEXT NOT NULL,         -- TMX date (YYYYMMDDThhmmssZ) or ''
    changed TEXT NOT NULL,         -- TMX date or '': the more recent wins a tie
    score   REAL                   -- the origin's own certainty of the pair (an alignment), if any
);                                 -- a pair is stored once per origin (replace_origin folds repeats)
CREATE INDEX IF NOT EXISTS units_by_source ON units (source);
CREATE INDEX IF NOT EXISTS units_by_origin ON units (origin);
-- Each unit's words and word pairs are indexed by unit id in unit_features (FTS5, contentless:
-- computed from units.words when a unit is indexed or unindexed), and feature_units counts in how
-- many units each occurs (the rarest are looked up): xlate.mt.features.FeatureIndex.
CREATE TABLE IF NOT EXISTS drafts (
    article TEXT NOT NULL,   -- a draft xlate wrote into this article's catalog…
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,   -- …exactly as written: if the PO still says this, nobody touched it
    PRIMARY KEY (article, source, target)
);
CREATE TABLE IF NOT EXISTS mt_cache (
    source     TEXT NOT NULL,  -- exactly what was sent to the engine
    model      TEXT NOT NULL,
    settings   TEXT NOT NULL,
    target     TEXT NOT NULL,
    confidence REAL NOT NULL,  -- 0–1, xlate.mt.confidence
    PRIMARY KEY (source, model, settings)
);
"""


@dataclass(frozen=True)
class TmUnit:
    """A source and its translation, as an origin offers them."""

    source: str
    target: str
    created: str = ""
    changed: str = ""
    score: float | None = None


@dataclass(frozen=True)
class Match:
    """A unit of the memory found for a source: exact (100) or fuzzy."""

    source: str  # the stored unit's source: for a fuzzy match, what the translation was made for
    target: str
    origin: Origin
    percent: int = 100
    changed: str = ""
    score: float | None = None


@dataclass(frozen=True)
class OriginSummary:
    origin: Origin
    units: int
    first: str  # earliest unit date (TMX format) or ''
    last: str  # latest


class Memory:
    """An open translation memory; use as a context manager. Memory(":memory:") lives in RAM."""

    def __init__(self, path: Path | str):
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        # WAL + NORMAL: a killed run loses at most its last uncommitted batch,
        # never the file; and the memory is rebuildable anyway.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        _migrate(self.db)
        self.db.executescript(SCHEMA)
        self.index = FeatureIndex(self.db, "unit_features", "feature_units")
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('id', ?)", (secrets.token_hex(8),))
        # A memory made anew (deleted, rebuilt) has another id: what was kept beside it is stale.
        self.id = _id_of(self.db)

    def __enter__(self) -> "Memory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- origins ------------------------------------------------------------------------------

    def fingerprint(self, origin: Origin) -> str | None:
        row = self.db.execute("SELECT fingerprint, trusted FROM origins WHERE kind = ? AND name = ?",
                              (origin.kind, origin.name)).fetchone()
        return row[0] if row is not None and bool(row[1]) == origin.trusted else None

    def replace_origin(self, origin: Origin, units: Iterable[TmUnit], fingerprint: str) -> int:
        """Make `origin` hold exactly `units` (pairs repeated in them are folded), in one transaction:
        if iterating `units` raises, the memory is left as it was. Returns how many units it holds."""
        with self.db:
            self._drop(origin)
            cur = self.db.execute("INSERT INTO origins (kind, name, trusted, fingerprint) VALUES (?, ?, ?, ?)",
                                  (origin.kind, origin.name, int(origin.trusted), fingerprint))
            oid = cur.lastrowid
            repeats: list[TmUnit] = []
            first = (self.db.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1
            # In batches, so that a 200,000-unit TMX streams through with bounded memory.
            for rows, indexed in _batches(oid, first, units, repeats):
                self.db.executemany(
                    "INSERT INTO units (id, origin, source, target, words, length, created, changed, score) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self.index.add(indexed)
            # A repeated pair widens the first one's dates ('' is no date).
            self.db.executemany(
                "UPDATE units SET created = CASE WHEN created = '' OR (?1 != '' AND ?1 < created) THEN ?1 "
                "ELSE created END, changed = max(changed, ?2) WHERE origin = ?3 AND source = ?4 AND target = ?5",
                [(u.created, u.changed, oid, u.source, u.target) for u in repeats])
            return self.db.execute("SELECT count(*) FROM units WHERE origin = ?", (oid,)).fetchone()[0]

    def replace_fingerprint(self, origin: Origin, fingerprint: str) -> None:
        """Its files were touched, not changed: the units stay, the fingerprint follows the files."""
        with self.db:
            self.db.execute("UPDATE origins SET fingerprint = ? WHERE kind = ? AND name = ?",
                            (fingerprint, origin.kind, origin.name))

    def forget(self, origin: Origin) -> None:
        with self.db:
            self._drop(origin)

    def known(self, kind: OriginKind) -> list[Origin]:
        """The origins of one kind (cheap: nothing is counted)."""
        return [Origin(kind, name, bool(trusted)) for name, trusted in
                self.db.execute("SELECT name, trusted FROM origins WHERE kind = ? ORDER BY name", (kind,))]

    def origins(self, kind: OriginKind | None = None) -> list[OriginSummary]:
        """Every origin with its unit count and date range, by kind then name."""
        rows = self.db.execute(
            "SELECT o.kind, o.name, o.trusted, count(u.id), min(nullif(u.created, '')), "
            "max(nullif(u.changed, '')) FROM origins o LEFT JOIN units u ON u.origin = o.id "
            "WHERE ? IS NULL OR o.kind = ? GROUP BY o.id ORDER BY o.kind, o.name", (kind, kind))
        return [OriginSummary(Origin(OriginKind(k), n, bool(t)), count, first or "", last or "")
                for k, n, t, count, first, last in rows]

    def _drop(self, origin: Origin) -> None:
        row = self.db.execute("SELECT id FROM origins WHERE kind = ? AND name = ?",
                              (origin.kind, origin.name)).fetchone()
        if row is None:
            return
        oid = row[0]
        self.index.remove_selected("SELECT id, words FROM units WHERE origin = ?", (oid,))
        self.db.execute("DELETE FROM units WHERE origin = ?", (oid,))
        self.db.execute("DELETE FROM origins WHERE id = ?", (oid,))

    # --- approved translations of the catalogs --------------------------------------------------

    def sync_article(self, article: str, approved: dict[str, str], changed: str = "") -> set[str]:
        """Make the memory hold exactly this article's approved translations (`changed`: the
        catalog's revision date, TMX format). Does nothing when they are what it holds already.
        Returns the sources whose units changed (what another catalog's entries may now find)."""
        origin = article_origin(article)
        digest = _approvals_digest(approved, changed)
        if self.fingerprint(origin) == digest:
            return set()
        before = self._pairs(origin)
        self.replace_origin(origin, (TmUnit(s, t, changed, changed) for s, t in approved.items()), digest)
        return {source for source, _, _ in before ^ self._pairs(origin)}

    def article_changes(self, article: str, approved: dict[str, str], changed: str = "") -> set[str]:
        """What sync_article would change, without changing it."""
        origin = article_origin(article)
        if self.fingerprint(origin) == _approvals_digest(approved, changed):
            return set()
        return {source for source, _, _ in self._pairs(origin) ^ {(s, t, changed) for s, t in approved.items()}}

    def forget_articles_except(self, articles: set[str]) -> set[str]:
        """Drop the approvals of catalogs that no longer exist; returns the sources they held."""
        gone: set[str] = set()
        with self.db:
            for origin in self._articles_not_in(articles):
                gone |= {source for source, _, _ in self._pairs(origin)}
                self._drop(origin)
        return gone

    def forgotten_sources(self, articles: set[str]) -> set[str]:
        """The sources forget_articles_except(articles) would drop, without dropping them."""
        return {source for origin in self._articles_not_in(articles) for source, _, _ in self._pairs(origin)}

    def _articles_not_in(self, articles: set[str]) -> list[Origin]:
        # Names only: an archive's memory has an origin per article, and most of them stay.
        names = [name for name, in self.db.execute("SELECT name FROM origins WHERE kind = ?", (OriginKind.ARTICLE,))]
        return [article_origin(name) for name in sorted(set(names) - articles)]

    def _pairs(self, origin: Origin) -> set[tuple[str, str, str]]:
        return set(self.db.execute("SELECT u.source, u.target, u.changed FROM units u JOIN origins o "
                                   "ON o.id = u.origin WHERE o.kind = ? AND o.name = ?", (origin.kind, origin.name)))

    def reference_key(self) -> str:
        """What the memory holds besides the catalogs' approvals (imported TMX, …): its fingerprints."""
        rows = self.db.execute("SELECT kind, name, trusted, fingerprint FROM origins WHERE kind != ? "
                               "ORDER BY kind, name", (OriginKind.ARTICLE,)).fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    # --- lookups --------------------------------------------------------------------------------

    def exact(self, sources: list[str]) -> dict[str, list[Match]]:
        """Every stored unit with exactly this source, per source (best first: see `_best_first`)."""
        found: dict[str, list[Match]] = {}
        for chunk in _chunks(sorted(set(sources))):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {_COLUMNS} {_FROM} WHERE u.source IN ({marks})", chunk):
                match = _match(row)
                found.setdefault(match.source, []).append(match)
        return {source: _best_first(matches) for source, matches in found.items()}

    def approved(self, sources: list[str]) -> dict[str, list[tuple[str, str]]]:
        """For each source approved in some catalog: [(target, article), …], sorted by article."""
        return {source: sorted((m.target, m.origin.name) for m in matches)
                for source, matches in self.exact(sources).items()
                if any(m.origin.kind == OriginKind.ARTICLE for m in matches)}

    def fuzzy(self, sources: list[str], threshold: int, best: int = 5) -> dict[str, list[Match]]:
        """For each source, up to `best` stored units with another source at least `threshold` % alike,
        best first: the most alike, then the desk's own over imports, then the most recent."""
        threshold = max(1, min(100, int(threshold)))
        if self.db.execute("SELECT 1 FROM units LIMIT 1").fetchone() is None:
            return {}  # an empty memory (a desk's first run): nothing to look up
        queries = {source: fuzzy.words(source) for source in set(sources)}
        frequency = self.index.frequency({f for q in queries.values() for f in fuzzy.features(q)})
        found = {}
        for source, query in sorted(queries.items()):
            ids = self.index.candidates(query, threshold, frequency)
            candidates = self._units(ids, fuzzy.length_bounds(len(query), threshold))
            matches = []
            for row in candidates:
                if row[0] == source:
                    continue  # an exact match is exact()'s to offer
                value = fuzzy.percent(query, row[-1].split())
                if value >= threshold:
                    matches.append(_match(row[:-1], value))
            if matches:
                found[source] = _best_first(matches)[:best]
        return found

    def _units(self, ids: list[int], bounds: tuple[int, int]) -> list[tuple]:
        """The rows of these units (with their words) within the length bounds."""
        rows = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT {_COLUMNS}, u.words {_FROM} WHERE u.id IN ({marks}) "
                                    "AND u.length BETWEEN ? AND ?", [*chunk, *bounds])
        return rows

    # --- drafts xlate wrote ------------------------------------------------------------------------

    def remember_drafts(self, rows: list[tuple[str, str, str]]) -> None:
        """Record (article, source, target) of drafts about to be written."""
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO drafts (article, source, target) VALUES (?, ?, ?)", rows)

    def is_untouched_draft(self, article: str, source: str, target: str) -> bool:
        """The catalog holds a draft exactly as xlate once wrote it (any of the drafts it wrote there:
        a run killed after remembering a new draft but before writing it leaves the older one)."""
        return self.db.execute("SELECT 1 FROM drafts WHERE article = ? AND source = ? AND target = ?",
                               (article, source, target)).fetchone() is not None

    # --- MT cache ---------------------------------------------------------------------------------

    def cached(self, sources: list[str], model: str, settings: str) -> dict[str, Translation]:
        found = {}
        for chunk in _chunks(sorted(set(sources))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT source, target, confidence FROM mt_cache WHERE model = ? "
                                   f"AND settings = ? AND source IN ({marks})", [model, settings, *chunk])
            found.update((source, Translation(target, confidence)) for source, target, confidence in rows)
        return found

    def store(self, pairs: dict[str, Translation], model: str, settings: str) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO mt_cache (source, model, settings, target, confidence) "
                                "VALUES (?, ?, ?, ?, ?)",
                                [(s, model, settings, t.text, t.confidence) for s, t in pairs.items()])


def stored_id(path: Path) -> str | None:
    """The id of the memory at `path`, read without changing it (None: none there, or unreadable)."""
    try:
        with closing(read_only_db(path)) as db:
            return _id_of(db)
    except (sqlite3.Error, TypeError):
        return None


def _id_of(db: sqlite3.Connection) -> str:
    return db.execute("SELECT value FROM meta WHERE key = 'id'").fetchone()[0]


def _approvals_digest(approved: dict[str, str], changed: str) -> str:
    return hashlib.sha256(repr((changed, sorted(approved.items()))).encode()).hexdigest()


_COLUMNS = "u.source, u.target, u.changed, u.score, o.kind, o.name, o.trusted"  # what _match reads
_FROM = "FROM units u JOIN origins o ON o.id = u.origin"


def _match(row: tuple, percent: int = 100) -> Match:
    source, target, changed, score, kind, name, trusted = row
    return Match(source, target, Origin(OriginKind(kind), name, bool(trusted)), percent, changed, score)


def _best_first(matches: list[Match]) -> list[Match]:
    # Stable sorts, last key first: most alike, lowest origin rank, most recent, then a fixed order.
    ordered = sorted(matches, key=lambda m: (m.origin.name, m.source, m.target))
    ordered.sort(key=lambda m: m.changed, reverse=True)
    ordered.sort(key=lambda m: (-m.percent, m.origin.rank))
    return ordered


def _batches(oid: int, next_id: int, units: Iterable[TmUnit], repeats: list[TmUnit],
             size: int = 2000) -> Iterator[tuple[list[tuple], list[tuple[int, list[str]]]]]:
    """(unit rows, (id, words) to index) to insert, each pair once; the repeats are set aside (a
    16-byte digest per pair seen keeps memory small for a 200,000-unit TMX, and two pairs sharing
    one is beyond belief)."""
    seen: set[bytes] = set()
    rows: list[tuple] = []
    indexed: list[tuple] = []
    for unit in units:
        key = hashlib.blake2b(f"{unit.source}\0{unit.target}".encode(), digest_size=16).digest()
        if key in seen:
            repeats.append(unit)
            continue
        seen.add(key)
        words = fuzzy.words(unit.source)
        rows.append((next_id, oid, unit.source, unit.target, " ".join(words), len(words), unit.created,
                     unit.changed, unit.score))
        indexed.append((next_id, words))
        next_id += 1
        if len(rows) == size:
            yield rows, indexed
            rows, indexed = [], []
    if rows:
        yield rows, indexed


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a memory written by an older xlate to this schema (it is all rebuildable but the drafts)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    with db:
        # Version 1: approvals in one table (re-synced from the catalogs anyway), a cache without
        # confidences (re-translated: a cached draft must have its confidence too), one draft per unit.
        db.execute("DROP TABLE IF EXISTS approved")
        db.execute("DROP TABLE IF EXISTS mt_cache")
        if "drafts" in tables:
            db.execute("ALTER TABLE drafts RENAME TO drafts_v1")
    db.executescript(SCHEMA)
    if "drafts" in tables:
        with db:
            db.execute("INSERT OR IGNORE INTO drafts SELECT article, source, target FROM drafts_v1")
            db.execute("DROP TABLE drafts_v1")
