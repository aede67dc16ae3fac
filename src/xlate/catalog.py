"""Catalogs: one PO file per article, merged like msgmerge, read and written with polib.

The PO file is the reviewers' workspace, so the rules are conservative:
- an entry keeps its msgstr, flags and translator comments as long as its
  msgid exists; xlate owns only references and extracted comments;
- a changed sentence inherits the closest old translation, flagged fuzzy with
  the old msgid kept as `#| msgid`;
- an old entry that matches nothing becomes obsolete (`#~`), never deleted,
  and is revived when its sentence comes back;
- the same input renders the same bytes (no timestamps that move).
"""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from xlate import __version__, powrap
from xlate.data import APPROVED, DRAFT, UNTRANSLATED, Article, Unit
from xlate.errors import InputError
from xlate.fsutil import ANY, Changed, read_or_none, write_atomic

WRAP = 78  # gettext's default width: msgmerge and Poedit agree on it
FUZZY_THRESHOLD = 0.6  # msgmerge's similarity cut-off
# Extracted-comment prefixes that record where a msgstr came from; they stay
# with the msgstr across runs. Every other `#.` line is rebuilt each run.
PROVENANCE = ("mt:", "tm:", "fuzzy match:")
# Every `#.` line xlate writes starts with one of these (or is the unit kind);
# polib wraps long comments, so any other line continues the one before.
COMMENT_KEYS = PROVENANCE + ("glossary:", "name:", "qa:")
KINDS = ("title", "body", "caption")


@dataclass
class Entry:
    """What the seed says a catalog entry should be (before merging with the PO file)."""

    msgid: str
    kinds: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra `#.` lines (glossary, QA)


def entries_for(article: Article, units: list[Unit]) -> list[Entry]:
    """One entry per distinct unit, in source order, listing every place it occurs."""
    by_id: dict[str, Entry] = {}
    for unit in units:
        entry = by_id.setdefault(unit.text, Entry(unit.text))
        if unit.kind not in entry.kinds:
            entry.kinds.append(unit.kind)
        for line in (unit.line, *unit.repeats):
            ref = (article.source, str(line))
            if ref not in entry.references:
                entry.references.append(ref)
    return list(by_id.values())


def comment_lines(comment: str | None) -> list[str]:
    """The extracted-comment lines as xlate wrote them, re-joining polib's wrapping."""
    lines: list[str] = []
    for line in (comment or "").splitlines():
        head = line.split(",")[0].strip()
        if lines and not line.startswith(COMMENT_KEYS) and head not in KINDS:
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return lines


def status(entry: polib.POEntry) -> str:
    if not entry.msgstr:
        return UNTRANSLATED
    return DRAFT if "fuzzy" in entry.flags else APPROVED


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
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError("is not valid UTF-8", path=shown, line=line,
                         hint="fix the file (or restore it from git); it was left untouched") from None
    bad = _syntax_error(text)
    if bad:
        line, reason = bad
        raise InputError(f"has a PO syntax error: {reason}", path=shown, line=line,
                         hint="fix it in Poedit or a text editor; the file was left untouched "
                              "and its article skipped")
    try:
        return polib.pofile(text, encoding="utf-8", wrapwidth=WRAP)
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


def merge(old: polib.POFile | None, entries: list[Entry], article: Article,
          created: str) -> polib.POFile:
    """msgmerge: the new catalog for `entries`, carrying over everything reviewers did.

    `created` is the POT-Creation-Date for a brand-new catalog; an existing
    catalog keeps its own, so re-runs do not churn.
    """
    po = polib.POFile(wrapwidth=WRAP, check_for_duplicates=False)
    po.metadata = _header(old, article, created)
    po.header = old.header if old is not None and old.header else (
        f"English edition of {article.source}.\n"
        "Review in Poedit: untick \"Needs work\" to approve a translation; xlate never changes "
        "an approved one.")
    old_entries = list(old) if old is not None else []
    exact = {e.msgid: e for e in old_entries if not e.msgctxt}
    # Obsolete entries come after live ones, so a live entry wins a tie.
    for e in old_entries:
        if e.obsolete and not e.msgctxt and e.msgid not in exact:
            exact[e.msgid] = e
    used: set[str] = set()
    pending: list[polib.POEntry] = []
    for new in entries:
        previous = exact.get(new.msgid)
        entry = polib.POEntry(msgid=new.msgid, msgstr="", occurrences=list(new.references))
        if previous is not None:
            used.add(previous.msgid)
            entry.msgstr = previous.msgstr
            entry.flags = [f for f in previous.flags]
            entry.tcomment = previous.tcomment
            if "fuzzy" in previous.flags:
                entry.previous_msgid = previous.previous_msgid
        else:
            pending.append(entry)
        entry.comment = _comments(new, previous)
        po.append(entry)
    _fuzzy_fill(pending, [e for e in old_entries if e.msgid not in used and e.msgstr], used)
    for e in old_entries:
        if e.msgid in used or not e.msgstr:
            continue  # carried over, or nothing a person wrote
        # No `#~| msgid`: polib cannot read it back, so it would vanish on the next run.
        keep = polib.POEntry(msgid=e.msgid, msgstr=e.msgstr, flags=list(e.flags),
                             tcomment=e.tcomment, comment=e.comment, obsolete=True)
        po.append(keep)
    return po


def _fuzzy_fill(pending: list[polib.POEntry], candidates: list[polib.POEntry], used: set[str]) -> None:
    """Give each new entry the translation of its most similar vanished entry."""
    for entry in pending:
        best, best_score = None, FUZZY_THRESHOLD
        for cand in candidates:
            matcher = difflib.SequenceMatcher(None, entry.msgid, cand.msgid, autojunk=False)
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            if score >= best_score:
                best, best_score = cand, score
        if best is None:
            continue
        used.add(best.msgid)
        entry.msgstr = best.msgstr
        entry.flags = ["fuzzy"]
        # As msgmerge: the translation was made for the oldest msgid, so a draft
        # that moves again keeps pointing at it.
        entry.previous_msgid = best.previous_msgid if "fuzzy" in best.flags and best.previous_msgid \
            else best.msgid
        entry.tcomment = best.tcomment
        entry.comment = "\n".join(filter(None, [entry.comment, f"fuzzy match: {round(best_score * 100)}%"]))


def _comments(new: Entry, previous: polib.POEntry | None) -> str:
    lines = [", ".join(new.kinds)] + new.notes
    if previous is not None and previous.msgstr:
        lines += [c for c in comment_lines(previous.comment) if c.startswith(PROVENANCE)]
    return "\n".join(lines)


def _header(old: polib.POFile | None, article: Article, created: str) -> dict:
    """Header fields: xlate sets what it owns and keeps the rest (Poedit's, the reviewer's)."""
    meta = dict(old.metadata) if old is not None else {}
    title = f"{article.stem} — {article.title}" if article.title else article.stem
    meta["Project-Id-Version"] = title
    meta.setdefault("Report-Msgid-Bugs-To", "")
    meta.setdefault("POT-Creation-Date", created)
    meta.setdefault("PO-Revision-Date", created)
    meta.setdefault("Last-Translator", "")
    meta.setdefault("Language-Team", "English")
    meta["Language"] = "en"
    meta["X-Source-Language"] = "vi"
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    meta["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    meta.setdefault("X-Generator", f"xlate {__version__}")
    return meta


def render(po: polib.POFile, width: int = powrap.WIDTH) -> str:
    """The catalog's text, its lines laid out as gettext (and so Poedit) lays them out."""
    text = str(po)
    return powrap.layout(text if text.endswith("\n") else text + "\n", width)


def write(path: Path, po: polib.POFile, *, expect=ANY) -> bool:
    """Atomically write the catalog; False when it did not change.

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
    text = render(po, width)
    if old is not None and old != text.encode("utf-8") and _same_content(old, po):
        return False
    return write_atomic(path, text, expect=expect)


def _same_content(old: bytes, po: polib.POFile) -> bool:
    try:
        previous = polib.pofile(old.decode("utf-8-sig"), wrapwidth=WRAP)
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return _signature(previous) == _signature(po)


def _signature(po: polib.POFile) -> tuple:
    """Everything a PO file says, nothing about how its lines are wrapped."""
    entries = tuple((e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items())),
                     tuple(sorted(e.flags)), tuple(comment_lines(e.comment)), " ".join((e.tcomment or "").split()),
                     tuple(e.occurrences), bool(e.obsolete), e.previous_msgid, e.previous_msgctxt)
                    for e in po)
    return " ".join((po.header or "").split()), tuple(sorted(po.metadata.items())), entries
