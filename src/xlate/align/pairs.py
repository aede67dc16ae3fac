"""The pairs of a workspace: published/<stem>.* beside seeds/<stem>.*, and the files that make no pair."""

from dataclasses import dataclass
from pathlib import Path

from xlate.errors import InputError
from xlate.model import RESERVED_STEMS
from xlate.workspace import Workspace


@dataclass(frozen=True)
class Pair:
    stem: str
    seed: Path
    published: Path


def find(ws: Workspace, stems: tuple[str, ...] = ()) -> tuple[list[Pair], list[InputError]]:
    """Every pair (or those of `stems`), and what is wrong with the published files that make none."""
    published: dict[str, list[Path]] = {}
    for path in ws.published():
        published.setdefault(path.stem, []).append(path)
    if not published and not stems:
        return [], []  # most runs: no published edition, and no need to list an archive's seeds
    seeds: dict[str, list[Path]] = {}
    for path in ws.seeds():
        seeds.setdefault(path.stem, []).append(path)
    pairs, problems = [], []
    for stem in (stems or sorted(published)):
        if stem not in published:
            problems.append(InputError(f"no published edition named {stem!r}", path=ws.shown(ws.published_dir),
                                       hint=f"put the English edition of seeds/{stem}.* in published/ under the same name"))
            continue
        files = published[stem]
        where = ws.shown(files[0])
        if len(files) > 1:
            problems.append(InputError("two published editions share this name: "
                                       + ", ".join(ws.shown(p) for p in files), path=where,
                                       hint="keep one of them"))
        elif stem.lower() in RESERVED_STEMS:
            problems.append(InputError(f"the name {stem!r} is reserved for the combined exports", path=where,
                                       hint="rename both the seed and its published edition"))
        elif stem not in seeds:
            problems.append(InputError("has no seed: no seeds/" + stem + ".* to align it with", path=where,
                                       hint="put the Vietnamese original in seeds/ under the same name, "
                                            "or remove this file"))
        elif len(seeds[stem]) > 1:
            problems.append(InputError("two seeds share this name: " + ", ".join(ws.shown(p) for p in seeds[stem]),
                                       path=where, hint="keep one of them"))
        else:
            pairs.append(Pair(stem, seeds[stem][0], files[0]))
    return pairs, problems
