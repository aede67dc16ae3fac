"""`xlate align`: every pair of the workspace aligned, written to output/align/, and into the memory.

    align(ws, stems)        the command: output/align/<stem>.tsv and .html, the memory's published origins
    sync(ws, memory, …)     what `xlate run` does: re-align only the pairs whose files or settings changed

One bad pair (no seed, not English, does not align) is named with its reason
and costs only itself: its units leave the memory, its last outputs stay.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from xlate import fsutil
from xlate.align import memory as align_memory, page, tsv
from xlate.align.aligner import Translate, align_pair
from xlate.align.model import Alignment
from xlate.align.pairs import Pair, find
from xlate.errors import ATTENTION, OK, InputError
from xlate.glossary import Glossary, load as load_glossary
from xlate.model import Severity
from xlate.mt.memory import Memory
from xlate.mt.origins import published
from xlate.workspace import Workspace
from xlate.ui import QuietUI


@dataclass
class AlignResult:
    alignments: list[Alignment] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)  # units entered into the memory, per pair
    engine: str = ""  # the MT engine used as a signal, if any

    @property
    def exit_code(self) -> int:
        return ATTENTION if self.problems else OK


def output_dir(ws: Workspace) -> Path:
    return ws.output_dir / "align"


def align(ws: Workspace, stems: tuple[str, ...] = (), *, mt: bool = True, ui=QuietUI()) -> AlignResult:
    """`xlate align [STEM…]`: align, write output/align/, and replace each pair's units in the memory."""
    result = AlignResult()
    with fsutil.Lock(ws.lock_path):
        glossary = _glossary(ws, result.problems)
        pairs, found = find(ws, stems)
        result.problems += found
        translate, result.engine = _translator(ws) if mt and ws.settings.align.mt else (None, "")
        digest = glossary_digest(ws)
        with Memory(ws.memory_path) as memory:
            if not stems:  # a pair whose published file is gone leaves the memory
                align_memory.forget_except(memory, (p.stem for p in pairs))
            with ui.progress("aligning", len(pairs)) as advance:
                for pair in pairs:
                    alignment = _one(ws, pair, glossary, translate, memory, digest, result.problems)
                    advance(1)
                    if alignment is None:
                        continue
                    result.alignments.append(alignment)
                    result.stored[pair.stem] = align_memory.store(
                        memory, alignment, ws.settings.align.threshold, _fingerprint(ws, pair, digest))
                    result.written += write(ws, alignment)
    return result


def sync(ws: Workspace, memory: Memory, glossary: Glossary) -> list[InputError]:
    """Keep the memory's published origins in step with published/ (for `xlate run`): a pair is
    aligned again (without MT) only when its files, the glossary or the settings changed."""
    pairs, problems = find(ws)
    align_memory.forget_except(memory, (p.stem for p in pairs))
    digest = glossary_digest(ws)
    for pair in pairs:
        print_ = _fingerprint(ws, pair, digest)
        if memory.fingerprint(published(pair.stem)) == print_:
            continue
        alignment = _one(ws, pair, glossary, None, memory, digest, problems)
        if alignment is not None:
            align_memory.store(memory, alignment, ws.settings.align.threshold, print_)
    return problems


def show(ws: Workspace, stem: str) -> tuple[Alignment, Path]:
    """`xlate align --show STEM`: the pair aligned whatever its score (to see why it does not align),
    its page written; nothing goes into the memory."""
    pairs, problems = find(ws, (stem,))
    if problems:
        raise problems[0]
    glossary, _ = load_glossary(ws.glossary_dir, ws.root)
    alignment = _aligned(ws, pairs[0], glossary, None, min_score=0.0)
    path = output_dir(ws) / f"{stem}.html"
    fsutil.write_atomic(path, page.render(alignment))
    return alignment, path


def write(ws: Workspace, alignment: Alignment) -> list[Path]:
    """output/align/<stem>.tsv and .html, each written only when its bytes change."""
    folder = output_dir(ws)
    written = []
    for path, data in ((folder / f"{alignment.stem}.tsv", tsv.dumps(alignment).encode("utf-8")),
                       (folder / f"{alignment.stem}.html", page.render(alignment))):
        if fsutil.write_atomic(path, data):
            written.append(path)
    return written


def _one(ws: Workspace, pair: Pair, glossary: Glossary, translate: Translate | None, memory: Memory,
         digest: str, problems: list[InputError]) -> Alignment | None:
    try:
        return _aligned(ws, pair, glossary, translate, ws.settings.align.min_score)
    except InputError as problem:
        problems.append(problem)
        memory.forget(published(pair.stem))
        return None


def _aligned(ws: Workspace, pair: Pair, glossary: Glossary, translate: Translate | None,
             min_score: float) -> Alignment:
    return align_pair(pair.seed, pair.published, ws.root, glossary, rules=ws.ingest_rules(),
                      style=ws.settings.style, abbreviations=ws.settings.segment.abbreviations,
                      min_score=min_score, translate=translate)


def _glossary(ws: Workspace, problems: list[InputError]) -> Glossary:
    glossary, found = load_glossary(ws.glossary_dir, ws.root)
    problems += [InputError(p.message, path=p.path, line=p.line, hint="run `xlate glossary check` for the full list")
                 for p in found if p.severity == Severity.ERROR]
    return glossary


def glossary_digest(ws: Workspace) -> str:
    digest = hashlib.sha256()
    if ws.glossary_dir.is_dir():
        for path in sorted(ws.glossary_dir.glob("*.tsv")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _fingerprint(ws: Workspace, pair: Pair, digest: str) -> str:
    return align_memory.fingerprint(pair.seed.read_bytes(), pair.published.read_bytes(), digest, ws.settings)


def _translator(ws: Workspace) -> tuple[Translate | None, str]:
    """MT of the Vietnamese sentences as one more signal, when a vi→en model is installed (never
    installed for this: alignment is good without it). Outputs go through the MT cache."""
    from xlate.mt import engine, packages

    if packages.find_vi_en() is None:
        return None, ""
    eng = engine.load_engine(ws.settings)
    key = engine.cache_key(ws.settings)

    def translate(texts: list[str]) -> list[str]:
        with Memory(ws.memory_path) as memory:
            cached = memory.cached(texts, eng.model_id, key)
            fresh = sorted({t for t in texts if t not in cached})
            if fresh:
                new = dict(zip(fresh, eng.translate(fresh)))
                memory.store(new, eng.model_id, key)
                cached.update(new)
        return [cached[t].text for t in texts]

    return translate, f"{eng.name} {eng.version}"
