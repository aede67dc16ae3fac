"""PO files: read (as reviewers left them), check, render (laid out as gettext does) and write.

A catalog is a polib.POFile. Reading never changes a file: one polib cannot
parse, or one in another charset, is reported with its line and left alone.
Writing is atomic, skips identical bytes, keeps the file's own line width and
never replaces a file someone saved since it was read (fsutil.Changed).
"""

import re
from pathlib import Path

import polib

from xlate.catalog import comments, powrap
from xlate.errors import InputError
from xlate.fsutil import ANY, Changed, NotUtf8, decode_utf8, read_or_none, write_atomic
from xlate.model import Status


def status(entry: polib.POEntry) -> Status:
    if not entry.msgstr:
        return Status.UNTRANSLATED
    return Status.DRAFT if entry.fuzzy else Status.APPROVED


def read(path: Path, shown: str | None = None) -> polib.POFile | None:
    """The catalog as the reviewer left it; None if there is none yet.

    A file polib cannot parse is reported with its line and left untouched.
    """
    return read_with_bytes(path, shown)[0]


def read_with_bytes(path: Path, shown: str | None = None) -> tuple[polib.POFile | None, bytes | None]:
    """(the catalog, the exact bytes it was parsed from); (None, None) if there is none.

    The bytes let a writer check, before replacing the file, that nobody saved it since.
    """
    shown = shown or str(path)
    try:
        raw = read_or_none(path)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", path=shown) from None
    return (None, None) if raw is None else (parse(raw, shown), raw)


def parse(raw: bytes, shown: str) -> polib.POFile:
    """A catalog from its bytes; an InputError (file:line, what to do) if it is not valid PO."""
    charset = _declared_charset(raw)
    if charset and charset.replace("-", "").replace("_", "").lower() not in ("utf8", "ascii", "usascii", "charset"):
        raise InputError(f"declares charset {charset}; xlate keeps catalogs in UTF-8", path=shown,
                         hint=f"convert it: msgconv --to-code=UTF-8 {shown} -o {shown}")
    try:
        text = decode_utf8(raw)
    except NotUtf8 as bad:
        raise InputError("is not valid UTF-8", path=shown, line=bad.line,
                         hint="fix the file (or restore it from git); it was left untouched") from None
    bad = _syntax_error(text)
    if bad:
        line, reason = bad
        raise InputError(f"has a PO syntax error: {reason}", path=shown, line=line,
                         hint="fix it in Poedit or a text editor; the file was left untouched "
                              "and its article skipped")
    try:
        return polib.pofile(text, encoding="utf-8", wrapwidth=powrap.WIDTH)
    except (OSError, ValueError) as exc:
        line = _error_line(str(exc))
        raise InputError(f"has a PO syntax error ({_error_reason(str(exc))})", path=shown, line=line,
                         hint="fix it in Poedit or a text editor; the file was left untouched "
                              "and its article skipped") from None


_KEYWORD_LINE = re.compile(r'(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"')
_STRING_LINE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _syntax_error(text: str) -> tuple[int, str] | None:
    """The first line gettext would reject; polib itself forgives unterminated strings."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if _KEYWORD_LINE.fullmatch(line) or _STRING_LINE.fullmatch(line):
            continue
        if line.count('"') % 2 or line.endswith("\\\""):
            return number, "unterminated string"
        return number, f"unexpected text {line[:40]!r}"
    return None


def _declared_charset(raw: bytes) -> str | None:
    marker = raw.find(b"charset=")
    if marker < 0:
        return None
    value = raw[marker + 8:marker + 40].split(b"\\n")[0].split(b'"')[0].split()[0:1]
    return value[0].decode("ascii", "replace") if value else None


def _error_line(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _error_reason(message: str) -> str:
    return message.split(":")[0].strip().lower() or "unreadable"


def render(po: polib.POFile, width: int = powrap.WIDTH, lines: dict[str, int] | None = None) -> str:
    """The catalog's text, its lines laid out as gettext (and so Poedit) lays them out; `lines`
    receives where each live entry starts."""
    return powrap.render(po, width, lines)


def write(path: Path, po: polib.POFile, *, expect=ANY) -> bool:
    """Atomically write the catalog; False when it did not change (see write_catalog)."""
    return write_catalog(path, po, expect=expect)[0]


def write_catalog(path: Path, po: polib.POFile, *, expect=ANY,
                  lines: dict[str, int] | None = None) -> tuple[bool, bytes]:
    """Atomically write the catalog: (whether it was written, the bytes the file holds now).
    `lines` receives where each live entry starts in those bytes (left empty when the file is
    kept as it was laid out by someone else).

    A file whose content is the same as ours but laid out differently (Poedit
    wraps lines its own way) is left as the reviewer saved it: no churn in git.
    `expect`: the bytes the catalog was read from (None: there was none); if the
    file holds anything else now, fsutil.Changed is raised and nothing is written.
    """
    old = read_or_none(path)
    if expect is not ANY and old != expect:
        raise Changed(path)
    # Keep the width the file already has: Poedit measures it when it opens the
    # file and saves with it, so both tools then agree line for line.
    width = powrap.WIDTH
    if old is not None:
        width = powrap.measured_width(old.decode("utf-8", "replace")) or powrap.WIDTH
    where: dict[str, int] = {}
    data = render(po, width, where).encode("utf-8")
    if old is not None and old != data and _same_content(old, po):
        return False, old
    if lines is not None:
        lines.update(where)
    return write_atomic(path, data, expect=expect), data


def _same_content(old: bytes, po: polib.POFile) -> bool:
    try:
        previous = polib.pofile(old.decode("utf-8-sig"), wrapwidth=powrap.WIDTH)
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return _signature(previous) == _signature(po)


def _signature(po: polib.POFile) -> tuple:
    """Everything a PO file says, nothing about how its lines are wrapped."""
    entries = tuple((e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items())),
                     tuple(sorted(e.flags)), tuple(comments.lines(e.comment)), " ".join((e.tcomment or "").split()),
                     tuple(e.occurrences), bool(e.obsolete), e.previous_msgid, e.previous_msgctxt)
                    for e in po)
    return " ".join((po.header or "").split()), tuple(sorted(po.metadata.items())), entries
