r"""output/parallel/all.{vi,en,tsv}: line-aligned translated units.

One row per distinct translated unit of each article — exactly the units of
tmx/<stem>.tmx, in the same order: articles in stem order, units in source
order, a sentence repeated within an article once (its first id), a sentence
shared by two articles once per article (all.tmx is the deduplicated memory).
Untranslated units are skipped, so every line pair is a translation. Line i
of all.vi and all.en is row i of all.tsv (after its header line
`article	id	status	vi	en`).

Every field, in all three files, is escaped the same way so that a line is
always one unit: backslash → `\\`, newline → `\n`, carriage return → `\r`,
tab → `\t`, and the other characters that line splitters treat as line
breaks (VT, FF, FS, GS, RS, NEL, U+2028, U+2029) → `\uXXXX`. Nothing else is
escaped or quoted (read the TSV with quoting off: csv.QUOTE_NONE).
"""

import re

from xlate.exports.tmx import ArticleTm, tm_entries
from xlate.model import RESERVED_STEM

TSV_HEADER = "article\tid\tstatus\tvi\ten"

_FIELD_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_FIELD_SPECIAL = re.compile("[\\\\\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_field(text: str) -> str:
    """One unit on one line (see the module docstring)."""
    return _FIELD_SPECIAL.sub(
        lambda m: _FIELD_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def parallel_files(articles: list[ArticleTm]) -> dict[str, bytes]:
    """{"all.vi": …, "all.en": …, "all.tsv": …}; articles must be in stem order."""
    vi_lines, en_lines, tsv_lines = [], [], [TSV_HEADER]
    for article in articles:
        for entry in tm_entries([article]):
            vi, en = escape_field(entry.vi), escape_field(entry.en)
            vi_lines.append(vi)
            en_lines.append(en)
            tsv_lines.append("\t".join((escape_field(article.stem), entry.first_id,
                                        entry.status, vi, en)))
    return {name: "".join(line + "\n" for line in lines).encode("utf-8")
            for name, lines in ((f"{RESERVED_STEM}.vi", vi_lines), (f"{RESERVED_STEM}.en", en_lines),
                                (f"{RESERVED_STEM}.tsv", tsv_lines))}
