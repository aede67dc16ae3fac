"""`xlate init`: create a workspace (DESIGN.md, "Workspace")."""

from pathlib import Path

from xlate import settings
from xlate.fsutil import Changed, write_atomic

FOLDERS = ("seeds", "glossary", "translate", "output")
GLOSSARY_HEADER = "vi\ten\ttype\tnote\n"
GITIGNORE = ("# xlate: exports are regenerated, .xlate/ is private state,\n"
             "# and Poedit compiles a .mo next to each catalog it saves\n/output/\n/.xlate/\n/translate/*.mo\n")


def init(root: Path) -> list[Path]:
    """Create what is missing; never overwrite. Returns what was created."""
    created = []
    root.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        folder = root / name
        if not folder.exists():
            folder.mkdir()
            created.append(folder)
    for path, text in ((root / settings.SETTINGS_FILE, settings.template()),
                       (root / "glossary" / "terms.tsv", GLOSSARY_HEADER),
                       (root / ".gitignore", GITIGNORE)):
        if not path.exists():
            try:
                write_atomic(path, text, expect=None)  # a file made meanwhile by hand is kept
            except Changed:
                continue
            created.append(path)
    return created
