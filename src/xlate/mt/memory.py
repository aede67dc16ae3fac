"""Translation memory and MT cache: one SQLite file under .xlate/.

The memory holds what reviewers approved, per article, and is re-synced from
the PO files on every run, so the catalogs stay the source of truth and the
memory can always be rebuilt from them (`rebuild`). The MT cache holds raw
engine output keyed by (text sent to the engine, model id, decoding settings),
so a re-run translates only what is new.
"""

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS approved (
    source  TEXT NOT NULL,   -- normalized Vietnamese unit (the msgid)
    target  TEXT NOT NULL,
    article TEXT NOT NULL,   -- stem of the catalog it was approved in
    PRIMARY KEY (source, article)
);
CREATE TABLE IF NOT EXISTS drafts (
    article TEXT NOT NULL,   -- a draft xlate wrote into this article's catalog…
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,   -- …exactly as written: if the PO still says this, nobody touched it
    PRIMARY KEY (article, source)
);
CREATE TABLE IF NOT EXISTS mt_cache (
    source   TEXT NOT NULL,  -- exactly what was sent to the engine
    model    TEXT NOT NULL,
    settings TEXT NOT NULL,
    target   TEXT NOT NULL,
    PRIMARY KEY (source, model, settings)
);
"""


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
        self.db.executescript(SCHEMA)

    def __enter__(self) -> "Memory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- approved translations ------------------------------------------------

    def sync_article(self, article: str, approved: dict[str, str]) -> None:
        """Make the memory hold exactly this article's approved translations."""
        with self.db:
            self.db.execute("DELETE FROM approved WHERE article = ?", (article,))
            self.db.executemany("INSERT INTO approved (source, target, article) VALUES (?, ?, ?)",
                                [(s, t, article) for s, t in approved.items()])

    def forget_articles_except(self, articles: set[str]) -> None:
        """Drop the approvals of catalogs that no longer exist."""
        with self.db:
            known = [row[0] for row in self.db.execute("SELECT DISTINCT article FROM approved")]
            self.db.executemany("DELETE FROM approved WHERE article = ?",
                                [(a,) for a in known if a not in articles])

    def approved(self, sources: list[str]) -> dict[str, list[tuple[str, str]]]:
        """For each source with approvals: [(target, article), …], sorted by article."""
        found: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks(sorted(set(sources))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT source, target, article FROM approved WHERE source IN ({marks}) "
                                   "ORDER BY source, article", chunk)
            for source, target, article in rows:
                found.setdefault(source, []).append((target, article))
        return found

    # --- drafts xlate wrote ------------------------------------------------------

    def remember_drafts(self, rows: list[tuple[str, str, str]]) -> None:
        """Record (article, source, target) of drafts about to be written."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO drafts (article, source, target) VALUES (?, ?, ?)",
                                rows)

    def is_untouched_draft(self, article: str, source: str, target: str) -> bool:
        row = self.db.execute("SELECT target FROM drafts WHERE article = ? AND source = ?",
                              (article, source)).fetchone()
        return row is not None and row[0] == target

    # --- MT cache ---------------------------------------------------------------

    def cached(self, sources: list[str], model: str, settings: str) -> dict[str, str]:
        found = {}
        for chunk in _chunks(sorted(set(sources))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT source, target FROM mt_cache WHERE model = ? AND settings = ? "
                                   f"AND source IN ({marks})", [model, settings, *chunk])
            found.update(rows)
        return found

    def store(self, pairs: dict[str, str], model: str, settings: str) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO mt_cache (source, model, settings, target) "
                                "VALUES (?, ?, ?, ?)", [(s, model, settings, t) for s, t in pairs.items()])


def _chunks(items: list[str], size: int = 500):
    # SQLite limits the number of bound parameters per statement.
    for start in range(0, len(items), size):
        yield items[start:start + size]
