"""Which articles a run must process: incremental runs (docs/design.md, "Incremental runs").

An article is processed when something its result depends on changed since the
run that last processed it (xlate.state keeps what that run saw):

- it is new, or its seed or its catalog differs: a stat, then — only when the
  stat differs — a digest of the bytes;
- the settings that shape catalogs differ (`Keys.process`; xlate itself: the state is its own);
- the glossary differs where the article has every token of a term added, dropped or changed
  (the state keeps each article's token keys, and the glossary the last run worked with);
- the export options differ, or one of its export files is missing or not as written;
- MT is on, its catalog still has empty entries, and MT has not run over them
  with this model and these decoding settings;
- the memory changed where its catalog waits — found during the run, once the
  changed catalogs are synced (state.State.waiting_for).

Everything else is carried with a stat per file; the files a run writes are the
same bytes a full run would write (tests/test_incremental.py checks it).
"""

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from xlate.fsutil import Stamp, digest
from xlate.glossary import Glossary
from xlate.state import ArticleRecord, State
from xlate.workspace import Workspace

VOCABULARY = "vocabulary"  # the state's blob of an article's token keys (xlate.record saves it)


@dataclass(frozen=True)
class Keys:
    """Digests of what every article's result depends on besides its own files."""

    process: str  # catalogs: segmentation, ingest rules, house style, memory and QA settings
    export: str  # exports: their options
    glossary: str = ""  # catalogs and exports: the glossary files


def keys(ws: Workspace) -> Keys:
    s = ws.settings
    glossary = [(p.name, p.read_bytes()) for p in sorted(ws.glossary_dir.glob("*.tsv"))] \
        if ws.glossary_dir.is_dir() else []
    process = json.dumps([asdict(s.segment), asdict(s.ingest), asdict(s.style), asdict(s.tm),
                          s.mt.low_confidence], sort_keys=True, default=str)
    export = json.dumps([asdict(s.export), s.mt.low_confidence], sort_keys=True, default=str)
    return Keys(digest(process), digest(export),
                digest(b"".join(name.encode() + b"\0" + data + b"\0" for name, data in glossary)))


@dataclass
class Plan:
    todo: list[Path] = field(default_factory=list)  # seeds to process, in order
    carried: dict[str, ArticleRecord] = field(default_factory=dict)  # stem → record of an article skipped
    reasons: dict[str, str] = field(default_factory=dict)  # stem → why it is processed
    # Processed articles whose seed, catalog and settings are as the run that last processed them
    # left them (a glossary or export change, an export file touched, MT due): the memory already
    # holds their approvals (stem → record).
    settled: dict[str, ArticleRecord] = field(default_factory=dict)


def plan(ws: Workspace, seeds: list[Path], state: State | None, keys: Keys,
         mt_key: Callable[[], str] | None, glossary: Glossary | None = None) -> Plan:
    """Decide for every seed; `mt_key()` (MT on) gives the model and decoding settings, and is only
    asked for when an article still has empty entries. `glossary`: the workspace's, to tell which
    articles a change of it reaches (None: a change reaches them all)."""
    out = Plan()
    records = state.records() if state is not None and state.valid else {}
    restamped: dict[str, ArticleRecord] = {}
    reaches = _reach(state, keys, glossary) if records else None
    current_mt = None
    for seed in seeds:
        record = records.get(seed.stem)
        reason, settled = _why(ws, seed, record, keys, restamped, reaches)
        if reason is None and mt_key is not None and record.empty:
            current_mt = current_mt if current_mt is not None else mt_key()
            if record.mt_key != current_mt:
                reason = "machine translation has not run over its empty entries"
        if reason is None:
            out.carried[seed.stem] = restamped.get(seed.stem, record)
        else:
            out.todo.append(seed)
            out.reasons[seed.stem] = reason
            if settled:
                out.settled[seed.stem] = record
    if state is not None:  # a stat that moved while the bytes did not (or a glossary change that
        # does not reach the article): not read again next time
        state.save_many([(stem, record, None, None) for stem, record in restamped.items() if stem in out.carried])
    return out


def remember_glossary(state: State, keys: Keys, glossary: Glossary) -> None:
    """Keep in the state the glossary a run works with, so that the next run can tell which articles
    a change of it reaches (xlate.pipeline calls this before the run's first record is saved)."""
    if state.meta("glossary_key") != keys.glossary:
        state.set_meta({"glossary_key": keys.glossary,
                        "glossary": json.dumps(glossary.term_keys(), ensure_ascii=False)})


def _reach(state: State, keys: Keys, glossary: Glossary | None) -> Callable[[str, str], bool] | None:
    """For an article processed with the glossary the last run kept: whether the change from that
    glossary to this one can touch it (a term added, dropped or changed whose every token key is
    among the article's). None if there is nothing to compare with."""
    kept_key = state.meta("glossary_key")
    if glossary is None or kept_key is None or kept_key == keys.glossary:
        return None

    def comparable(terms: list[list]) -> set[tuple]:
        return {(tuple(folds), en, kind, case) for folds, en, kind, case in terms}

    changed = [set(term[0]) for term in comparable(json.loads(state.meta("glossary")))
               ^ comparable(glossary.term_keys())]

    def reaches(stem: str, glossary_key: str) -> bool:
        if glossary_key != kept_key:
            return True  # processed with a glossary this run cannot compare with
        if not changed:
            return False  # a comment, a note or the order of rows: no match moves
        blob = state.blob(stem, VOCABULARY)  # one at a time: an archive's would fill the memory
        if blob is None:
            return True
        vocabulary = set(blob.decode("utf-8").split("\n"))
        return any(keys_of_term <= vocabulary for keys_of_term in changed)

    return reaches


def _why(ws: Workspace, seed: Path, record: ArticleRecord | None, keys: Keys,
         restamped: dict[str, ArticleRecord], reaches: Callable[[str, str], bool] | None
         ) -> tuple[str | None, bool]:
    """Why the article is processed (None: it is carried), and whether its seed, catalog and
    settings are as the last run left them (Plan.settled)."""
    if record is None:
        return "new", False
    if record.process_key != keys.process:
        return "settings changed", False
    reason = None
    if record.glossary_key != keys.glossary and (reaches is None or reaches(seed.stem, record.glossary_key)):
        reason = "glossary changed"
    elif record.export_key != keys.export:
        reason = "export options changed"
    seed_stamp = _same(seed, record.seed)
    if seed_stamp is None:
        return reason or "seed changed", False
    po = ws.catalog_path(seed.stem)
    if record.catalog is None:
        if po.exists():
            return reason or "catalog appeared", False
        po_stamp = None
    else:
        po_stamp = _same(po, record.catalog)
        if po_stamp is None:
            return reason or "catalog changed", False
    if reason is not None:
        return reason, True
    out = ws.output_dir
    for rel, (size, mtime) in record.outputs.items():
        try:
            st = os.stat(f"{out}/{rel}")  # a string, not a Path: this runs for every file of the archive
        except OSError:
            return f"output/{rel} is missing", True
        if (st.st_size, st.st_mtime_ns) != (size, mtime):
            return f"output/{rel} changed", True
    if seed_stamp != record.seed or po_stamp != record.catalog or record.glossary_key != keys.glossary:
        restamped[seed.stem] = ArticleRecord(**{**record.__dict__, "seed": seed_stamp, "catalog": po_stamp,
                                                "glossary_key": keys.glossary})
    return None, True


def _same(path: Path, stamp: Stamp) -> Stamp | None:
    """The file's stamp if its bytes are still those of `stamp` (read only when the stat moved), else None."""
    try:
        st = path.stat()
    except OSError:
        return None
    if stamp.same_stat(st):
        return stamp
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Stamp(st.st_size, st.st_mtime_ns, stamp.digest) if digest(data) == stamp.digest else None
