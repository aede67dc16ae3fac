"""Reading a seed file: the checks a file must pass before it is parsed as an article."""

from pathlib import Path

from xlate.errors import InputError
from xlate.fsutil import NotUtf8, decode_utf8, shown

SEED_SUFFIXES = (".txt", ".md")
MAX_SEED_BYTES = 5_000_000  # a news article is ~20 kB; more is a wrong file


def read_seed(path: Path, workspace: Path | None = None) -> str:
    """The seed's text, or an InputError that says what is wrong with the file."""
    where = shown(path, workspace)
    if workspace is not None:
        real = path.resolve()
        if not real.is_relative_to(workspace.resolve()):
            raise InputError(f"is a link to {real}, outside the workspace", path=where,
                             hint="copy the article into seeds/ instead of linking to it")
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise InputError(f"is {size:,} bytes; a news article is at most {MAX_SEED_BYTES:,}",
                         path=where, hint="split it into one file per article")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text", path=where,
                         hint="seeds/ holds UTF-8 .txt or .md articles only")
    try:
        text = decode_utf8(data)
    except NotUtf8 as bad:
        raise InputError(f"is not UTF-8 (byte 0x{bad.byte:02x} at line {bad.line})",
                         path=where, line=bad.line,
                         hint="re-save it as UTF-8 (e.g. iconv -f WINDOWS-1258 -t UTF-8)") from None
    if not text.strip():
        raise InputError("is empty", path=where, hint="add the article's text or remove the file")
    return text
