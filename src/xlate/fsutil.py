"""Files: atomic writes, UTF-8 reading, the paths shown to people, the workspace lock."""

import fcntl
import functools
import hashlib
import os
from dataclasses import dataclass
import tempfile
from pathlib import Path

from xlate.errors import WorkspaceLocked

ANY = object()  # write_atomic(expect=ANY): whatever the file holds may be replaced


class Changed(Exception):
    """The file no longer holds what the writer read: someone else saved it meanwhile."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path} changed since it was read")


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes, or None if there is no such file."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return None


class NotUtf8(ValueError):
    """Bytes that are not UTF-8: the first bad byte and the line it is on (1-based)."""

    def __init__(self, byte: int, line: int):
        self.byte, self.line = byte, line
        super().__init__(f"byte 0x{byte:02x} at line {line} is not UTF-8")


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped), or NotUtf8 saying where the first bad byte is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8(data[exc.start], data[:exc.start].count(b"\n") + 1) from None


@dataclass(frozen=True)
class Stamp:
    """A file as a run saw it: a stat, and the digest of its bytes (compared when the stat differs)."""

    size: int
    mtime: int  # st_mtime_ns
    digest: str

    def same_stat(self, st: os.stat_result) -> bool:
        return (st.st_size, st.st_mtime_ns) == (self.size, self.mtime)


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def shown(path: Path, root: Path | None) -> str:
    """How a path is shown to a person: relative to the workspace when it is inside it."""
    path = Path(path)
    if root is not None:
        # resolve() only when the plain form is not inside: it costs a system call per folder.
        for absolute in (Path.absolute, Path.resolve):
            try:
                return absolute(path).relative_to(absolute(Path(root))).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def read_only_db(path: Path):
    """A SQLite connection that cannot write the file (raises sqlite3.Error if it cannot be opened);
    for commands that only look (xlate status)."""
    import sqlite3  # here: most commands never open a database this way

    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=30)


def write_atomic(path: Path, data: bytes | str, *, expect=ANY, durable: bool = True) -> bool:
    """Write via temp file + fsync + rename. Returns False if the bytes were unchanged.

    Skipping identical writes keeps mtimes (and git) quiet on a no-change run.
    `expect`: the bytes the file must still hold (None: it must not exist) for the
    write to go ahead; checked once more right before the rename, so a file a
    person saved while xlate worked is never replaced. Raises Changed otherwise.
    `durable=False` skips the fsync: still atomic for any crash of xlate itself, but
    after a power cut the file may be empty — only for files a run makes again
    (the exports: a run rewrites any that is not as the last run left it).
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        current = read_or_none(path)
    except OSError:  # unreadable (a folder, no permission): the rename below says why
        current = ANY
    if current == data:
        return False
    if expect is not ANY and current != expect:
        raise Changed(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes 0600 files; keep the file's mode, or give a new one the usual one.
        os.fchmod(fd, _mode_of(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if expect is not ANY and read_or_none(path) != expect:
            raise Changed(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def remove_temp(folder: Path) -> list[Path]:
    """Delete temp files a killed write_atomic left behind (only ever ours: .<name>.<random>.tmp)."""
    removed = sorted(folder.glob(".*.tmp")) if folder.is_dir() else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    umask = os.umask(0)  # the only way to read it is to set it
    os.umask(umask)
    return umask


_HELD: set[int] = set()  # the descriptors of the locks this process holds


def drop_inherited_locks() -> None:
    """In a process forked from a run (xlate.prepare's worker): close the lock descriptors it
    inherited. An flock belongs to the open file, not the process: a worker left holding it would
    keep the workspace locked after the run itself was killed."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


class Lock:
    """One run at a time: an flock on .xlate/lock.

    The kernel drops an flock when its process dies, so a lock left by a killed
    run is recovered by construction; the file only carries the owner's pid for
    the message. (A process forked by the run lets go of it first: drop_inherited_locks.)
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> "Lock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise WorkspaceLocked(
                f"another xlate run (pid {owner}) is working in this workspace",
                path=str(self.path), hint="wait for it to finish, then run again") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        _HELD.add(fd)
        return self

    def release(self) -> None:
        if self._fd is not None:
            _HELD.discard(self._fd)
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> "Lock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
