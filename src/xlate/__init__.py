"""xlate: Vietnamese news articles to reviewed English editions, offline.

The library behind the `xlate` command (docs/python-api.md):

    import xlate
    result = xlate.process_article(text, "hoi-nghi", glossary=xlate.load_glossary("glossary")[0])
    result.units, result.catalog, result.findings()       # segmented, catalogued, QA-checked

    ws = xlate.Workspace.open(".")                        # a workspace on disk
    xlate.run(ws).exit_code                               # `xlate run`; also export(ws), check(ws)

The names below are imported on first use, so that `import xlate` (and the
command line's `--help`) stays fast; `xlate.__all__` lists them.
"""

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name → the module that defines it
_API = {
    "Workspace": "xlate.workspace",
    "Settings": "xlate.settings",
    "process_article": "xlate.article",
    "ArticleResult": "xlate.article",
    "run": "xlate.pipeline",
    "export": "xlate.pipeline",
    "check": "xlate.pipeline",
    "RunResult": "xlate.pipeline",
    "ExportResult": "xlate.pipeline",
    "CheckResult": "xlate.pipeline",
    "Memory": "xlate.mt.memory",
    "Glossary": "xlate.glossary",
    "Term": "xlate.glossary",
    "Requirement": "xlate.glossary",
    "load_glossary": "xlate.glossary",
    "Article": "xlate.model",
    "Block": "xlate.model",
    "Unit": "xlate.model",
    "Kind": "xlate.model",
    "Status": "xlate.model",
    "Severity": "xlate.model",
    "Diagnostic": "xlate.model",
    "StatusCounts": "xlate.model",
    "XlateError": "xlate.errors",
    "InputError": "xlate.errors",
    "SetupError": "xlate.errors",
}
_RENAMED = {"load_glossary": "load"}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'xlate' has no attribute {name!r}")
    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # what type checkers and IDEs see
    from xlate.article import ArticleResult, process_article
    from xlate.errors import InputError, SetupError, XlateError
    from xlate.glossary import Glossary, Requirement, Term
    from xlate.glossary import load as load_glossary
    from xlate.model import Article, Block, Diagnostic, Kind, Severity, Status, StatusCounts, Unit
    from xlate.mt.memory import Memory
    from xlate.pipeline import CheckResult, ExportResult, RunResult, check, export, run
    from xlate.settings import Settings
    from xlate.workspace import Workspace
