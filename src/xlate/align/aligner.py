"""One pair of editions aligned: read both, gather the anchors, search the beads.

    align_pair(seed, published, root, glossary, …) -> Alignment   (InputError for a bad pair)

A pair whose alignment scores below `min_score` does not align at all (the
published file is another article, or mostly another language's): an
InputError naming both files, so nothing of it reaches the memory.
"""

from collections.abc import Callable
from pathlib import Path

from xlate.align import editions, search, signals
from xlate.align.model import Alignment
from xlate.errors import InputError
from xlate.fsutil import shown
from xlate.glossary import Glossary
from xlate.ingest import DEFAULT_RULES, IngestRules
from xlate.text.values import DEFAULT, Style

Translate = Callable[[list[str]], list[str]]  # Vietnamese sentences → their machine translations


def align_pair(seed: Path, published: Path, root: Path, glossary: Glossary, *,
               rules: IngestRules = DEFAULT_RULES, style: Style = DEFAULT, abbreviations=(),
               min_score: float = 0.0, translate: Translate | None = None,
               params: search.Params = search.DEFAULT_PARAMS) -> Alignment:
    vi = editions.vietnamese(seed, root, rules, abbreviations)
    en = editions.english_edition(published, root, rules)
    mt = translate([s.text for s in vi.sentences]) if translate is not None else None
    evidence = signals.gather(vi.sentences, en.sentences, glossary, style, mt)
    beads = search.align(vi.sentences, en.sentences, evidence, params)
    alignment = Alignment(seed.stem, vi.sentences, en.sentences, beads, seed=shown(seed, root),
                          published=shown(published, root), warnings=vi.article.warnings + en.article.warnings)
    if alignment.score < min_score:
        raise InputError(f"does not align with {alignment.seed}: score {alignment.score:.2f}, below "
                         f"[align] min_score {min_score:.2f}", path=alignment.published,
                         hint="is it the English edition of that article? `xlate align --show "
                              f"{seed.stem}` shows what did align")
    return alignment
