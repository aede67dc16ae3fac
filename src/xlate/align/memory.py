"""Aligned beads into the translation memory: one origin per pair, `published <stem>` (xlate.mt.origins).

Beads that link (1-1, and 2-1 and 1-2 as whole units) and score at least
`[align] threshold` become units of their pair's origin, with the bead's
score; they are offered like any other memory's units, always as drafts
(`tm: published <stem>, aligned 0.93`). The origin is rebuilt from the files:
its fingerprint covers both editions, the glossary, the settings and the
aligner, so `xlate run` re-aligns only a pair that changed, aligning again
replaces a pair's units, and a pair whose published file is gone is forgotten.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import asdict

from xlate.align.model import Alignment
from xlate.mt.memory import Memory, TmUnit
from xlate.mt.origins import OriginKind, published

# Bump when the aligner's results change for the same files: every pair is then aligned again.
ALIGNER_VERSION = "1"


def units(alignment: Alignment, threshold: float) -> list[TmUnit]:
    found = []
    for bead in alignment.beads:
        if bead.links and bead.score >= threshold:
            vi, en = alignment.text(bead)
            found.append(TmUnit(vi, en, score=bead.score))
    return found


def fingerprint(seed: bytes, published_file: bytes, glossary: str, settings) -> str:
    digest = hashlib.sha256()
    for part in (ALIGNER_VERSION.encode(), seed, published_file, glossary.encode(), repr(sorted(asdict(settings.align).items())).encode(),
                 repr(asdict(settings.ingest)).encode(), repr(settings.segment.abbreviations).encode(),
                 repr(asdict(settings.style)).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def store(memory: Memory, alignment: Alignment, threshold: float, print_: str) -> int:
    """Make the pair's origin hold exactly its sure beads; returns how many."""
    return memory.replace_origin(published(alignment.stem), units(alignment, threshold), print_)


def forget_except(memory: Memory, stems: Iterable[str]) -> None:
    """Drop the origins of pairs that are gone (or no longer align)."""
    keep = set(stems)
    for origin in memory.known(OriginKind.PUBLISHED):
        if origin.name not in keep:
            memory.forget(origin)
