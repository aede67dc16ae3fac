"""Machine translation and reuse: the Argos package, the CTranslate2 engine, the memory (step 5).

    packages        the vi→en Argos package: list, find, install from a file (argostranslate imported lazily)
    download        install it from the Argos index, verified against known sizes and SHA-256 sums
    engine          the package's CTranslate2 model in large batches (ctranslate2 imported lazily)
    confidence      how sure the engine was of a draft, from its scores
    Memory          translation units by origin, their exact and fuzzy lookups, the MT cache: one SQLite file
    origins         where a unit of the memory comes from (a catalog's approvals, an imported TMX, …)
    fuzzy           word-level similarity and the index filter that finds similar units fast
    tmx             reading a TMX as Vietnamese → English units, streamed
    tmfiles         the TMX files kept in tm/ and their index (`xlate tm …`)
    pretranslate    exact match, then fuzzy match, then one MT batch for the whole run; returns the Fills it made

Importing this package loads neither argostranslate nor CTranslate2.
"""

from xlate.mt import download, packages, pretranslate
from xlate.mt.memory import Memory
from xlate.mt.pretranslate import Drafting, Fill

__all__ = ["Drafting", "Fill", "Memory", "download", "packages", "pretranslate"]
