"""Settings: a workspace's xlate.toml, every key with a default (`xlate init` writes them all).

Sections are dataclasses; a key that is unknown, or of the wrong type, is a
SetupError naming the file, never ignored.
"""

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from xlate.errors import SetupError
from xlate.text.values.style import Style

SETTINGS_FILE = "xlate.toml"


@dataclass
class MTSettings:
    enabled: bool = True
    # Install the vi→en model from the Argos index when it is missing; air-gapped
    # sites turn this off and use `xlate model install FILE.argosmodel`.
    auto_install: bool = True
    index_url: str = ""  # "" means argostranslate's own index setting
    timeout: float = 5.0  # seconds per network request: fail fast when offline
    batch_size: int = 32  # per CTranslate2 batch: sentences, or source tokens if batch_type = "tokens"
    batch_type: str = "examples"  # "examples" or "tokens" (bench/bench_mt.py --grid measured both)
    beam_size: int = 2
    max_decoding_length: int = 256  # tokens; bounds runaway output
    inter_threads: int = 1
    intra_threads: int = 0  # 0: let CTranslate2 use every core
    device: str = "auto"  # "auto" (a GPU when CTranslate2 sees one), "cpu" or "cuda"
    compute_type: str = "default"  # CTranslate2's: "default" (the model's own), "auto", "int8", "float16", …
    # A Ray cluster for backfills (README, "A backfill on a cluster"): "" translates in this
    # process; "local", "auto" or "HEAD:6379" as ray.init understands them (not ray://: Ray Data
    # does not run over Ray Client).
    cluster: str = ""
    cluster_actors: int = 0  # model copies on the cluster; 0: as many as its CPUs (or GPUs) allow
    cluster_cpus_per_actor: float = 1.0
    cluster_gpus_per_actor: float = 0.0  # 1 to give each actor a GPU of its own
    cluster_batch_size: int = 256  # sentences per Ray batch: the unit of work a dead actor's successor redoes
    # An MT draft whose confidence (0–100, docs/design.md "MT engine") is below this is marked low.
    low_confidence: int = 50


@dataclass
class TMSettings:
    # A unit with no translation gets the best memory match at least this alike (0–100, word-level,
    # docs/design.md "Translation memory") as a draft before it goes to MT; 100 turns fuzzy matching off.
    fuzzy_threshold: int = 75


@dataclass
class ExportSettings:
    approved_only: bool = False


@dataclass
class SegmentSettings:
    # Extra abbreviations that never end a sentence, e.g. ["Th.S."].
    abbreviations: list[str] = field(default_factory=list)


@dataclass
class IngestSettings:
    # A desk's own rules for the outlets it reads (Python regular expressions,
    # searched case-insensitively in each paragraph or line of a seed):
    drop: list[str] = field(default_factory=list)  # kept out of translation ("workspace drop rule")
    keep: list[str] = field(default_factory=list)  # never dropped by any ingest rule
    keep_tables: bool = False  # translate table rows (one list item per row) instead of recording them


@dataclass
class AlignSettings:
    # `xlate align` (published editions, docs/design.md): beads that link and score at least
    # `threshold` (0–1) enter the translation memory as drafts; a pair scoring below `min_score`
    # does not align at all and is reported. `mt`: use an installed vi→en model as one more signal.
    threshold: float = 0.7
    min_score: float = 0.35
    mt: bool = True


@dataclass
class Settings:
    mt: MTSettings = field(default_factory=MTSettings)
    tm: TMSettings = field(default_factory=TMSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    segment: SegmentSettings = field(default_factory=SegmentSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    # House style of values (dates, times, money …): xlate.text.values.style, VNA defaults.
    style: Style = field(default_factory=Style)
    align: AlignSettings = field(default_factory=AlignSettings)


_SECTIONS = {"mt": MTSettings, "tm": TMSettings, "export": ExportSettings, "segment": SegmentSettings,
             "ingest": IngestSettings, "style": Style, "align": AlignSettings}


# Percentages: outside these bounds a value means nothing (section, key) → (lowest, highest).
_RANGES = {("tm", "fuzzy_threshold"): (1, 100), ("mt", "low_confidence"): (0, 100),
           ("align", "threshold"): (0.0, 1.0), ("align", "min_score"): (0.0, 1.0)}
# Keys that take one of a few words: a typo is refused here, not deep inside a run.
_CHOICES = {("mt", "batch_type"): ("examples", "tokens"), ("mt", "device"): ("auto", "cpu", "cuda")}


def load(root: Path) -> Settings:
    """The settings of the workspace at `root`: its xlate.toml, or every default if it has none."""
    settings = Settings()
    path = Path(root) / SETTINGS_FILE
    if not path.is_file():
        return settings
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SetupError(f"cannot read the settings: {exc}", path=str(path),
                         hint="fix the file or delete it to use the defaults") from None
    for name, value in raw.items():
        cls = _SECTIONS.get(name)
        if cls is None or not isinstance(value, dict):
            raise SetupError(f"unknown section [{name}]", path=str(path),
                             hint=f"known sections: {', '.join('[' + s + ']' for s in _SECTIONS)}")
        given = {f.name: _checked(path, name, f, value.pop(f.name)) for f in dataclasses.fields(cls) if f.name in value}
        if value:
            key = next(iter(value))
            raise SetupError(f"unknown key {key!r} in [{name}]", path=str(path),
                             hint=f"known keys: {', '.join(f.name for f in dataclasses.fields(cls))}")
        try:  # a section may refuse a value of the right type (Style: a date order it does not know)
            setattr(settings, name, dataclasses.replace(getattr(settings, name), **given))
        except ValueError as exc:
            raise SetupError(f"[{name}] {exc}", path=str(path)) from None
    return settings


def _checked(path: Path, section: str, f: dataclasses.Field, value):
    value = _typed(path, section, f, value)
    low, high = _RANGES.get((section, f.name), (value, value))
    if not low <= value <= high:
        raise SetupError(f"[{section}] {f.name} must be between {low} and {high}, not {value!r}", path=str(path))
    return value


def _typed(path: Path, section: str, f: dataclasses.Field, value):
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    expected = str if isinstance(default, str) else type(default)  # a str enum is given as its str
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise SetupError(f"[{section}] {f.name} must be a {expected.__name__}, not {value!r}",
                         path=str(path))
    choices = _CHOICES.get((section, f.name))
    if choices and value not in choices:
        raise SetupError(f"[{section}] {f.name} must be one of {', '.join(map(_toml, choices))}, not {value!r}",
                         path=str(path))
    return value


def template() -> str:
    """The commented xlate.toml that `xlate init` writes: every key, at its default."""
    lines = ["# xlate settings. Every key is optional; the values shown are the defaults.", ""]
    for name, cls in _SECTIONS.items():
        lines.append(f"[{name}]")
        for f in dataclasses.fields(cls):
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
            if "doc" in f.metadata:
                lines.append(f"# {f.metadata['doc']}")
            lines.append(f"# {f.name} = {_toml(default)}")
        lines.append("")
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        value = str(value)  # a str enum: its value
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)
