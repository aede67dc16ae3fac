"""Reading a seed file: the checks a file must pass before it is parsed as an article.

Text seeds (.txt, .md) are UTF-8. A saved web page (.html, .htm) is read in the
charset it declares (BOM, <meta charset>, http-equiv, XML declaration), as a
browser would; with none declared it must be UTF-8. Any other file in seeds/
is named with what it is and what to do (not_a_seed), never passed over in silence.
"""

import codecs
import re
from pathlib import Path

from xlate.errors import InputError
from xlate.fsutil import NotUtf8, decode_utf8, shown

TEXT_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")
SEED_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES
MAX_SEED_BYTES = 5_000_000  # a news article is ~20 kB, a saved page ~300 kB; more is a wrong file

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
                       re.I)
# WHATWG: these labels mean windows-1252 in a web page.
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252", "windows-1252": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

_NOT_SEEDS = {
    (".docx", ".doc", ".odt", ".rtf", ".pages"): (
        "is a word-processor document, which xlate does not read",
        "save it as plain text (.txt, UTF-8) or as a web page (.html) and put that in seeds/"),
    (".pdf",): ("is a PDF, which xlate does not read",
                "copy the article's text into a .txt file (UTF-8) in seeds/"),
    (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg", ".heic", ".avif"): (
        "is an image; xlate translates text, not pictures",
        "put the article's text (and the caption) in a .txt file in seeds/, and keep images elsewhere"),
    (".mhtml", ".mht", ".webarchive", ".maff"): (
        "is a web archive, which xlate does not read",
        "save the page as 'Web page, HTML only' (.html) instead"),
}


def _checked_bytes(path: Path, workspace: Path | None, data: bytes | None) -> bytes:
    where = shown(path, workspace)
    if workspace is not None:
        real = path.resolve()
        if not real.is_relative_to(workspace.resolve()):
            raise InputError(f"is a link to {real}, outside the workspace", path=where,
                             hint="copy the article into seeds/ instead of linking to it")
    size = path.stat().st_size if data is None else len(data)
    if size > MAX_SEED_BYTES:
        raise InputError(f"is {size:,} bytes; a news article is at most {MAX_SEED_BYTES:,}",
                         path=where, hint="split it into one file per article")
    return path.read_bytes() if data is None else data


def read_seed(path: Path, workspace: Path | None = None, data: bytes | None = None) -> str:
    """The seed's text (a page: decoded in its charset), or an InputError that says what is wrong.
    `data`: the file's bytes, when the caller read them already (as it keeps a digest of them)."""
    where = shown(path, workspace)
    data = _checked_bytes(path, workspace, data)
    if path.suffix.lower() in PAGE_SUFFIXES:
        text = decode_page(data, where)
    else:
        if b"\x00" in data[:8192]:
            raise InputError("is a binary file, not text", path=where,
                             hint="seeds/ holds UTF-8 .txt or .md articles, or saved .html pages")
        try:
            text = decode_utf8(data)
        except NotUtf8 as bad:
            raise InputError(f"is not UTF-8 (byte 0x{bad.byte:02x} at line {bad.line})",
                             path=where, line=bad.line,
                             hint="re-save it as UTF-8 (e.g. iconv -f WINDOWS-1258 -t UTF-8)") from None
    if not text.strip():
        raise InputError("is empty", path=where, hint="add the article's text or remove the file")
    return text


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 kB (BOM first), as written."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    m = _DECLARED.search(data[:4096])
    return (m.group(1) or m.group(2)).decode("ascii").lower() if m else None


def decode_page(data: bytes, where: str) -> str:
    """A saved page's text in the charset it declares (UTF-8 when it declares none)."""
    declared = declared_charset(data)
    if declared is None:
        try:
            return decode_utf8(data)
        except NotUtf8 as bad:
            raise InputError(f"declares no charset and is not UTF-8 (byte 0x{bad.byte:02x} at line {bad.line})",
                             path=where, line=bad.line,
                             hint="save the page again from the browser, or add <meta charset=\"…\"> naming "
                                  "its encoding") from None
    name = _WEB_ALIASES.get(declared, declared)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"declares the charset {declared!r}, which xlate cannot read", path=where,
                         hint="convert the page to UTF-8 (e.g. with a Vietnamese converter for TCVN3/VNI) "
                              "and save it with <meta charset=\"utf-8\">") from None
    if codec == "cp1252" and not data.isascii():
        try:
            return decode_utf8(data)  # declared Western but written in UTF-8: the common mislabel
        except NotUtf8:
            pass
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"is not valid {declared} as it declares (byte 0x{data[exc.start]:02x} at line {line})",
                         path=where, line=line,
                         hint="save the page again from the browser, or fix its <meta charset>") from None


def not_a_seed(path: Path) -> tuple[str, str] | None:
    """(what the file is, what to do) for a file in seeds/ that xlate does not read; None for a seed."""
    if path.is_dir():
        return ("is a folder; xlate reads only the files directly in seeds/",
                "move the articles up into seeds/, or the folder out of it")
    suffix = path.suffix.lower()
    if suffix in SEED_SUFFIXES:
        return None
    for suffixes, found in _NOT_SEEDS.items():
        if suffix in suffixes:
            return found
    what = f"has the suffix {suffix!r}" if suffix else "has no suffix"
    return (f"{what}; xlate reads .txt, .md, .html and .htm seeds only",
            "rename it if it is an article in one of those forms, or move it out of seeds/")
