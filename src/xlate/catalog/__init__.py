"""Catalogs: one PO file per article, merged like msgmerge, laid out like gettext (pipeline step 4).

    entries_for(article, units)   what the seed asks of its catalog: one Entry per distinct unit
    merge(old, entries, …)        the new catalog, carrying over everything reviewers did
    read / parse / write          PO files as reviewers leave them; atomic, guarded writes
    status(entry)                 untranslated / draft / approved
    comments                      the `#.` lines xlate writes (kind, glossary:, qa:, mt:, tm: …)
    powrap                        gettext's line layout, so Poedit and xlate never fight in git
"""

from xlate.catalog import comments, powrap
from xlate.catalog.merge import Entry, entries_for, merge
from xlate.catalog.pofile import parse, read, read_with_bytes, render, status, write, write_catalog

__all__ = ["Entry", "comments", "entries_for", "merge", "parse", "powrap", "read", "read_with_bytes",
           "render", "status", "write", "write_catalog"]
