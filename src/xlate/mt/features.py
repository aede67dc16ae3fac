"""An index of texts by their words and word pairs (xlate.mt.fuzzy.features), in SQLite FTS5.

It answers one question exactly: which stored texts can be at least
`threshold` % alike to a query (fuzzy.plan's prefix filter never drops one
that would be); the caller scores the few candidates. The translation memory
indexes its units with it, and the run state indexes the entries still waiting
for a translation, so that an approval anywhere finds the entries it may fill.

A text is added and removed by (id, words); the ids belong to the caller's own
table, which also keeps each text's words (so they can be removed again).
"""

import sqlite3
from collections import Counter
from collections.abc import Iterable

from xlate.mt import fuzzy


def _joined_features(words: str) -> str:
    return " ".join(fuzzy.features(words.split()))


class FeatureIndex:
    """The FTS5 table `features` (rowid = the caller's id) and how many texts hold each feature:
    kept in the table `counts`, or (counts None) read from FTS5's own vocabulary (`features`_vocab),
    which costs nothing to keep up as texts come and go — the run state's index, remade on every
    run that processes an article, uses that. (The memory's keeps its table: its files are the desk's.)"""

    def __init__(self, db: sqlite3.Connection, features: str, counts: str | None):
        self.db, self.features, self.counts = db, features, counts
        db.create_function("xlate_features", 1, _joined_features, deterministic=True)
        db.executescript(f"""
            CREATE VIRTUAL TABLE IF NOT EXISTS {features} USING fts5 (
                features, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '.,~'",
                detail=none, columnsize=0);
        """)
        if counts is None:
            db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {features}_vocab USING fts5vocab ({features}, 'row')")
        else:
            db.execute(f"CREATE TABLE IF NOT EXISTS {counts} (feature TEXT PRIMARY KEY, units INTEGER NOT NULL) "
                       "WITHOUT ROWID")

    def add(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """Index texts given as (id, words); inside the caller's transaction."""
        self.add_joined((rowid, " ".join(fuzzy.features(words))) for rowid, words in rows)

    def add_joined(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index texts given as (id, their features joined by spaces: fuzzy.indexed)."""
        rows = list(rows)
        self.db.executemany(f"INSERT INTO {self.features} (rowid, features) VALUES (?, ?)", rows)
        if self.counts is not None:
            self.count(Counter(f for _, joined in rows for f in joined.split()), +1)

    def count(self, counts: Counter, sign: int) -> None:
        """Add (sign +1) or take away (-1) feature counts; a feature no text holds any more goes."""
        if self.counts is None:
            return  # the vocabulary counts itself
        self.db.executemany(f"INSERT INTO {self.counts} (feature, units) VALUES (?, ?) "
                            "ON CONFLICT (feature) DO UPDATE SET units = units + excluded.units",
                            [(f, sign * n) for f, n in counts.items()])
        if sign < 0:
            self.db.executemany(f"DELETE FROM {self.counts} WHERE feature = ? AND units <= 0",
                                [(f,) for f in counts])

    def remove_selected(self, select: str, params: Iterable = ()) -> None:
        """Unindex the texts a query gives as (id, space-separated words): one statement for many
        (a 200,000-unit memory goes in seconds, not in a trigger per row)."""
        if self.counts is not None:
            counts: Counter = Counter()
            for _, words in self.db.execute(select, list(params)):
                counts.update(fuzzy.features(words.split()))
            self.count(counts, -1)
        self.db.execute(f"INSERT INTO {self.features} ({self.features}, rowid, features) "
                        f"SELECT 'delete', id, xlate_features(words) FROM ({select})", list(params))

    def frequency(self, features: set[str]) -> dict[str, int]:
        counts = {}
        for chunk in chunks(sorted(features)):
            marks = ",".join("?" * len(chunk))
            counts.update(self.db.execute(
                f"SELECT term, doc FROM {self.features}_vocab WHERE term IN ({marks})" if self.counts is None
                else f"SELECT feature, units FROM {self.counts} WHERE feature IN ({marks})", chunk))
        return counts

    def candidates(self, query: list[str], threshold: int, frequency: dict[str, int]) -> list[int]:
        """The ids of the texts that can be `threshold` % alike to `query` (of words)."""
        plan = fuzzy.plan(query, frequency, threshold)
        if plan is None:
            return []
        look, hits = plan
        postings = " UNION ALL ".join([f"SELECT rowid AS id FROM {self.features} WHERE {self.features} MATCH ?"]
                                      * len(look))
        return [rowid for (rowid,) in self.db.execute(
            f"SELECT id FROM ({postings}) GROUP BY id HAVING count(*) >= ?", [*(f'"{f}"' for f in look), hits])]


def chunks(items: list, size: int = 500):
    # SQLite limits the number of bound parameters per statement.
    for start in range(0, len(items), size):
        yield items[start:start + size]
