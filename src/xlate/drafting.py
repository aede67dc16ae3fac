"""Machine translation for a run: the model installed (or fetched), loaded once, and a chunk's
missing units drafted — in this process or on a Ray cluster (xlate.mt.cluster).

`xlate.pipeline` decides what is missing; this module only gets it drafted.
"""

from collections.abc import Callable
from contextlib import ExitStack

from xlate.article import ArticleResult
from xlate.mt import Fill, Memory, download, engine, packages, pretranslate
from xlate.workspace import Workspace


def mt_key(ws: Workspace) -> str:
    """The model and the decoding settings MT would run with now ('' with no model installed)."""
    package = packages.find_vi_en()
    if package is None:
        return ""
    # The device as set ("auto" unresolved): resolving it would load CTranslate2 on every run.
    return f"{engine.model_id(package)};{engine.cache_key(ws.settings, ws.settings.mt.device)}"


def ensure_model(ws: Workspace, ui) -> None:
    """The vi→en model is installed, or is installed now from the Argos index, or ModelMissing."""
    if packages.find_vi_en() is not None:
        return
    if not ws.settings.mt.auto_install:
        raise packages.missing_model_error(
            "no Vietnamese→English model is installed, and [mt] auto_install is off",
            path=ws.shown(ws.root / "xlate.toml"))
    ui.say("The vi→en model is not installed; fetching it from the Argos index…")
    install_from_index(ws, ui)


class _DownloadBar:
    """A progress bar that opens once the download says how big it is."""

    def __init__(self, stack: ExitStack, ui):
        self.stack, self.ui = stack, ui
        self.advance: Callable[[int], None] | None = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.advance is None:
            self.advance = self.stack.enter_context(self.ui.progress("downloading model", total))
        self.advance(done - self.done)
        self.done = done


def install_from_index(ws: Workspace, ui) -> packages.PackageInfo:
    """Download and install the model, with a progress bar."""
    with ExitStack() as stack:
        return download.install_from_index(ws.settings, progress=_DownloadBar(stack, ui))


def machine_translate(ws: Workspace, todo: pretranslate.Todo, memory: Memory,
                      results: list[ArticleResult], ui, cluster: str = "", engines: dict | None = None) -> list[Fill]:
    """Draft `todo` (the engine is loaded once into `engines`, for every chunk of a run)."""
    engines = {} if engines is None else engines
    if "mt" not in engines:
        if cluster:
            from xlate.mt import cluster as mt_cluster

            engines["mt"] = mt_cluster.load_cluster_engine(ws.settings, cluster)
        else:
            engines["mt"] = engine.load_engine(ws.settings)
    eng = engines["mt"]
    reqs = {msgid: r for result in results for msgid, r in result.requirements.items()}
    batch = pretranslate.plan(todo, memory, eng.model_id, engine.cache_key(ws.settings, eng.device),
                              pretranslate.glossary_drafting(reqs))
    total = len(batch.fresh)
    where = f" on the Ray cluster at {cluster}" if cluster else ""
    with ui.progress(f"translating {total} sentence(s){where}", total) as advance:
        return pretranslate.machine_translate(batch, memory, eng, advance, ws.settings.mt.low_confidence)
