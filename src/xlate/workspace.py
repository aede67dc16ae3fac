"""A workspace: its folders, settings, seeds and catalogs, and the paths shown to people.

A workspace is found the way git finds a repository: the given folder or the
nearest parent holding xlate.toml, else the folder itself with default
settings (docs/design.md, "Workspace").
"""

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from xlate import fsutil, settings as settings_file
from xlate.ingest import SEED_SUFFIXES
from xlate.settings import SETTINGS_FILE, Settings

FOLDERS = ("seeds", "glossary", "translate", "output")
GLOSSARY_HEADER = "vi\ten\ttype\tnote\n"
GITIGNORE = ("# xlate: exports are regenerated, .xlate/ is private state,\n"
             "# and Poedit compiles a .mo next to each catalog it saves\n/output/\n/.xlate/\n/translate/*.mo\n")


def find_root(start: Path) -> Path:
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return start


def _under(*parts: str) -> functools.cached_property:
    # Cached: plan and export ask for a folder once per article of the archive.
    return functools.cached_property(lambda ws: ws.root.joinpath(*parts))


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings

    @classmethod
    def open(cls, path: Path | str | None = None) -> "Workspace":
        """The workspace holding `path` (default: the current folder); SetupError if xlate.toml is bad."""
        root = find_root(Path(path) if path is not None else Path(os.getcwd()))
        return cls(root, settings_file.load(root))

    @classmethod
    def create(cls, path: Path | str) -> "Workspace":
        """Make `path` a workspace (`xlate init`: folders and a commented xlate.toml), then open it."""
        init(Path(path))
        return cls.open(path)

    # --- folders and private files (docs/design.md, "Workspace") ---------------------------

    seeds_dir = _under("seeds")  # source articles, one per file
    glossary_dir = _under("glossary")  # glossary/*.tsv
    translate_dir = _under("translate")  # one PO catalog per article: what reviewers edit
    output_dir = _under("output")  # exports, always regenerated
    published_dir = _under("published")  # English editions of seeds, for `xlate align`
    tm_dir = _under("tm")  # imported translation memories (TMX), kept as imported
    state_dir = _under(".xlate")  # private, rebuildable: the memory, the MT cache, the lock
    memory_path = _under(".xlate", "memory.sqlite")
    state_path = _under(".xlate", "state.sqlite")  # what the last runs saw: incremental runs (xlate.state)
    lock_path = _under(".xlate", "lock")

    # --- files -----------------------------------------------------------------------

    def seeds(self) -> list[Path]:
        """The seed files (.txt, .md, .html, .htm), in name order (hidden files are left alone)."""
        folder = self.seeds_dir
        return [folder / e.name for e in _entries(folder)
                if e.name.lower().endswith(SEED_SUFFIXES) and not e.name.startswith(".") and not e.is_dir()]

    def not_seeds(self) -> list[Path]:
        """What else seeds/ holds (a .docx, a .pdf, an image, a folder): named to the user, never read."""
        folder = self.seeds_dir
        return [folder / e.name for e in _entries(folder)
                if (e.is_dir() or not e.name.lower().endswith(SEED_SUFFIXES)) and not e.name.startswith(".")]

    def published(self) -> list[Path]:
        """The published English editions (same suffixes as seeds), in name order."""
        if not self.published_dir.is_dir():
            return []
        return sorted(p for p in self.published_dir.iterdir()
                      if p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith(".") and not p.is_dir())

    def ingest_rules(self):
        """The [ingest] patterns of xlate.toml, compiled (a bad one is a SetupError naming the file)."""
        from xlate.ingest import compile_rules

        rules = self.settings.ingest
        return compile_rules(rules.drop, rules.keep, rules.keep_tables, where=self.shown(self.root / SETTINGS_FILE))

    def catalog_path(self, stem: str) -> Path:
        return self.translate_dir / f"{stem}.po"

    def catalog_stems(self) -> set[str]:
        return {e.name[:-3] for e in _entries(self.translate_dir)
                if e.name.endswith(".po") and not e.name.startswith(".") and len(e.name) > 3}

    def shown(self, path: Path) -> str:
        """How a path is shown to a person: relative to the workspace when it is inside it."""
        return fsutil.shown(path, self.root)

    def input_stamps(self) -> dict[str, tuple[int, int]]:
        """(size, mtime) of every seed and glossary file, by shown path: a run reads them once,
        so an edit made while it works can only be noticed, and picked up by the next run."""
        stamps = {}
        # One scandir per folder and the folder's shown path once: this runs twice per run, over
        # every seed of the archive.
        for folder, wanted in ((self.seeds_dir, SEED_SUFFIXES), (self.glossary_dir, (".tsv",))):
            shown = self.shown(folder)
            for entry in _entries(folder):
                name = entry.name.lower() if folder == self.seeds_dir else entry.name  # as glob("*.tsv")
                if not name.endswith(wanted) or name.startswith(".") or (
                        folder == self.seeds_dir and entry.is_dir()):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                stamps[f"{shown}/{entry.name}"] = (st.st_size, st.st_mtime_ns)
        return stamps


def _entries(folder: Path) -> list[os.DirEntry]:
    """The folder's entries in name order ([] if it is not a folder)."""
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def init(root: Path) -> list[Path]:
    """`xlate init`: create what is missing of a workspace; never overwrite. Returns what was created."""
    created = []
    root.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        folder = root / name
        if not folder.exists():
            folder.mkdir()
            created.append(folder)
    for path, text in ((root / SETTINGS_FILE, settings_file.template()),
                       (root / "glossary" / "terms.tsv", GLOSSARY_HEADER),
                       (root / ".gitignore", GITIGNORE)):
        if not path.exists():
            try:
                fsutil.write_atomic(path, text, expect=None)  # a file made meanwhile by hand is kept
            except fsutil.Changed:
                continue
            created.append(path)
    return created
