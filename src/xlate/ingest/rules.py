"""A workspace's own ingest rules (`[ingest]` in xlate.toml), compiled once per run.

    drop = ["^Nguồn: Sở Y tế$"]    pieces matching any of these are kept out (reason: workspace drop rule)
    keep = ["^Xem thêm ảnh"]        pieces matching any of these are never dropped by any rule
    keep_tables = false             true: each table row is translated as a list item

Patterns are Python regular expressions, searched case-insensitively in each
normalized piece of text. A bad pattern is a SetupError naming xlate.toml.
"""

import re
from dataclasses import dataclass

from xlate.errors import SetupError


@dataclass(frozen=True)
class IngestRules:
    drop: tuple[re.Pattern, ...] = ()
    keep: tuple[re.Pattern, ...] = ()
    keep_tables: bool = False

    def drops(self, text: str) -> bool:
        return any(p.search(text) for p in self.drop)

    def keeps(self, text: str) -> bool:
        return any(p.search(text) for p in self.keep)


def compile_rules(drop=(), keep=(), keep_tables: bool = False, where: str = "xlate.toml") -> IngestRules:
    def patterns(key: str, values) -> tuple[re.Pattern, ...]:
        out = []
        for value in values:
            try:
                out.append(re.compile(value, re.IGNORECASE))
            except (re.error, TypeError) as exc:
                raise SetupError(f"[ingest] {key}: {value!r} is not a regular expression ({exc})", path=where,
                                 hint="fix the pattern (Python `re` syntax) or remove it") from None
        return tuple(out)

    return IngestRules(patterns("drop", drop), patterns("keep", keep), keep_tables)


DEFAULT_RULES = IngestRules()
