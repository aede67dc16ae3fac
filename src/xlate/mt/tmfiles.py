"""Imported translation memories: the TMX files in tm/, kept in step with the memory (`xlate tm …`).

As OmegaT keeps a project's reference memories in tm/, a workspace keeps each
imported TMX there as it was imported: tm/<name>.tmx (its exact matches
arrive as drafts) or tm/trusted/<name>.tmx (approved, `--trusted`). The files
are the truth, and can be kept in git; the memory's index of them is private
and rebuilt when one is added, changed or removed (`sync`). An index is keyed
on its file's size and modification time, then its content: a 200,000-unit
TMX that did not change is not read again, even after a `git checkout`
touched it.

    sync(ws, memory)                 what every run does first: the index := tm/
    import_tmx(ws, file, name, …)    `xlate tm import`: checked whole, then kept in tm/, atomically
    remove(ws, name)                 `xlate tm remove`
    summaries(ws)                    `xlate tm list`
    export(ws, file)                 `xlate tm export`: every approved translation of the catalogs as TMX
"""

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from xlate import catalog, fsutil, __version__
from xlate.errors import InputError, SetupError
from xlate.exports.tmx import OtherTranslation, TmEntry, tmx_file
from xlate.fsutil import Lock
from xlate.model import Status
from xlate.mt import origins
from xlate.mt.memory import Memory, OriginSummary
from xlate.mt.origins import Origin, OriginKind
from xlate.mt.pretranslate import sync_memory
from xlate.mt.tmx import Tally, read_units
from xlate.workspace import Workspace

TRUSTED = "trusted"  # tm/trusted/: exact matches from these arrive approved
_NAME = re.compile(r"[^\W_][\w.-]*")


@dataclass
class Imported:
    origin: Origin
    path: Path  # where it is kept now
    units: int  # distinct pairs in the memory
    tally: Tally = field(default_factory=Tally)
    replaced: bool = False  # a memory of that name was there before


def tm_files(ws: Workspace) -> tuple[dict[Origin, Path], list[InputError]]:
    """The TMX files of tm/ and tm/trusted/, by origin; a name used in both is an error (the untrusted wins)."""
    found: dict[str, tuple[Origin, Path]] = {}
    problems = []
    for trusted, folder in ((False, ws.tm_dir), (True, ws.tm_dir / TRUSTED)):
        for path in sorted(folder.glob("*.tmx")) if folder.is_dir() else []:
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.stem in found:
                problems.append(InputError(f"has the same name as {ws.shown(found[path.stem][1])}; it is not used",
                                           path=ws.shown(path), hint="remove or rename one of them"))
                continue
            found[path.stem] = (origins.tmx(path.stem, trusted), path)
    return dict(found.values()), problems


def sync(ws: Workspace, memory: Memory) -> list[InputError]:
    """Index every TMX of tm/ that is new or changed, forget those that are gone; returns the files
    that could not be read (their units are left out until they are fixed)."""
    fsutil.remove_temp(ws.tm_dir)  # a copy left by an import that was killed
    files, problems = tm_files(ws)
    for origin in memory.known(OriginKind.TMX):
        if origin not in files:
            memory.forget(origin)
    for origin, path in files.items():
        try:
            _index(memory, origin, path, ws.shown(path))
        except InputError as problem:
            memory.forget(origin)
            problems.append(problem)
    return problems


def _index(memory: Memory, origin: Origin, path: Path, shown: str, tally: Tally | None = None) -> int | None:
    """(Re-)index one file unless its fingerprint says it is what the index holds; units indexed or None."""
    stored = memory.fingerprint(origin)
    stat = _stat(path)
    if stored is not None and stored.split(";")[0] == stat:
        return None
    digest = _sha256(path)
    if stored is not None and stored.split(";")[1] == digest:
        memory.replace_fingerprint(origin, f"{stat};{digest}")  # touched, not changed
        return None
    return memory.replace_origin(origin, read_units(path, shown, tally), f"{stat};{digest}")


def import_tmx(ws: Workspace, file: Path, name: str | None = None, trusted: bool = False) -> Imported:
    """Check the whole file and index it, then keep it in tm/ (or tm/trusted/); nothing changes if it
    is refused. A memory of the same name is replaced."""
    file = Path(file)
    name = name or file.stem
    if not _NAME.fullmatch(name) or name.lower().endswith(".tmx"):
        raise SetupError(f"{name!r} cannot name a translation memory", path=str(file),
                         hint="give it a name of letters, digits, '.', '-' or '_': --name NAME")
    if not file.is_file():
        raise SetupError("no such file", path=str(file), hint="give the path of a .tmx file")
    origin = origins.tmx(name, trusted)
    target = (ws.tm_dir / TRUSTED if trusted else ws.tm_dir) / f"{name}.tmx"
    other = (ws.tm_dir if trusted else ws.tm_dir / TRUSTED) / f"{name}.tmx"
    with Lock(ws.lock_path), Memory(ws.memory_path) as memory:
        replaced = target.exists() or other.exists()
        tally = Tally()
        same_file = target.exists() and os.path.samefile(file, target)
        if same_file:  # `xlate tm import tm/x.tmx`: index what is already kept
            units = _index(memory, origin, target, ws.shown(target), tally)
            return Imported(origin, target, units if units is not None else _units_of(memory, origin), tally, True)
        temp = _copy_beside(file, target)
        try:
            units = memory.replace_origin(origin, _refusing(read_units(temp, str(file), tally)),
                                          f"{_stat(temp)};{_sha256(temp)}")
            # The index names the file already: killed before the rename, the next sync finds no
            # file and forgets the index too. The same name in the other folder is replaced.
            other.unlink(missing_ok=True)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    return Imported(origin, target, units, tally, replaced)


def _refusing(units):
    """A file given on the command line that cannot be imported means nothing was done (exit 2)."""
    try:
        yield from units
    except InputError as bad:
        raise SetupError(bad.message, path=bad.path, line=bad.line, hint=bad.hint) from None


def remove(ws: Workspace, name: str) -> Path:
    """Delete tm/<name>.tmx (or tm/trusted/<name>.tmx) and its index; returns the file removed."""
    with Lock(ws.lock_path), Memory(ws.memory_path) as memory:
        files, _ = tm_files(ws)
        for origin, path in files.items():
            if origin.name == name:
                path.unlink()  # the file first: it is the truth, a kill here is finished by the next sync
                memory.forget(origin)
                return path
    known = ", ".join(sorted(o.name for o in files)) or "none"
    raise SetupError(f"no imported translation memory is named {name!r}", path=ws.shown(ws.tm_dir),
                     hint=f"imported: {known} (see `xlate tm list`)")


def summaries(ws: Workspace) -> tuple[list[OriginSummary], list[InputError]]:
    """Every origin of the memory, brought up to date with translate/ and tm/ first."""
    with Lock(ws.lock_path), Memory(ws.memory_path) as memory:
        problems = _sync_catalogs(ws, memory) + sync(ws, memory)
        return memory.origins(), problems


def export(ws: Workspace, file: Path) -> tuple[int, list[InputError]]:
    """Every approved translation of the catalogs, as TMX 1.4b at `file`; returns (units, problems)."""
    with Lock(ws.lock_path), Memory(ws.memory_path) as memory:
        problems = _sync_catalogs(ws, memory)
        rows = memory.db.execute(
            "SELECT u.source, u.target, o.name, u.created, u.changed FROM units u JOIN origins o ON o.id = u.origin "
            "WHERE o.kind = ? ORDER BY o.name, u.id", (OriginKind.ARTICLE,)).fetchall()
    entries = _entries(rows)
    created = min((e.created for e in entries), default=None)
    changed = max((e.changed for e in entries), default=None)
    fsutil.write_atomic(file, tmx_file(entries, tool_version=__version__, created=created, changed=changed))
    return len(entries), problems


def _entries(rows: list[tuple]) -> list[TmEntry]:
    """One <tu> per source; where articles approved it differently, the latest approval wins and the
    others are kept as notes (as output/tmx/all.tmx does)."""
    by_source: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for source, target, stem, created, changed in rows:
        by_source.setdefault(source, {}).setdefault(target, []).append((stem, created, changed))
    entries = []
    for source, targets in by_source.items():
        ranked = sorted(targets.items(), key=lambda t: max(c for _, _, c in t[1]), reverse=True)
        (target, where), rest = ranked[0], ranked[1:]
        changed = max(c for _, _, c in where) or "19700101T000000Z"
        created = min((c for _, c, _ in where if c), default=changed)
        others = tuple(OtherTranslation(en, Status.APPROVED, tuple(s for s, _, _ in w)) for en, w in rest)
        entries.append(TmEntry(source, target, Status.APPROVED, tuple(s for s, _, _ in where), "memory",
                               created, changed, others))
    return entries


def _sync_catalogs(ws: Workspace, memory: Memory) -> list[InputError]:
    problems, catalogs = [], {}
    for stem in sorted(ws.catalog_stems()):
        path = ws.catalog_path(stem)
        try:
            po = catalog.read(path, ws.shown(path))
        except InputError as problem:
            problems.append(problem)
            continue
        if po is not None:
            catalogs[stem] = po
    sync_memory(memory, catalogs, keep=ws.catalog_stems())
    return problems


def _units_of(memory: Memory, origin: Origin) -> int:
    return next((s.units for s in memory.origins(origin.kind) if s.origin.name == origin.name), 0)


def _copy_beside(file: Path, target: Path) -> Path:
    """A durable copy of `file` in target's folder, under a temp name fsutil.remove_temp knows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(file, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, 0o644)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise SetupError(f"cannot be copied into {target.parent}: {exc.strerror or exc}", path=str(file)) from None
    return Path(name)


def _stat(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
