"""MT on a Ray cluster, for backfills: the run's missing units through Ray Data (`xlate run --cluster`).

ClusterEngine has the face of engine.Engine (name, version, model_id,
device, translate(texts, progress)), so pretranslate needs no special case:
the driver — this process — plans the batch, reads the memory and writes
the MT cache and the catalogs; the cluster only turns texts into whatever
Engine.translate returns. Each Ray actor loads the model once, with
engine.load_engine, and translates batch after batch.

What the driver ships (a job-level runtime_env: ray.init uploads it once,
each node keeps it by content hash, so a second run with the same model
sends nothing):
  working_dir  the installed vi→en package folder, the one model_id names;
  py_modules   this xlate package, so workers tokenize and detokenize with
               the driver's own code, whatever xlate a node has installed.
Each node still needs Python and xlate's dependencies (`pip install
'xlate[cluster]'`, the same Ray version as the driver).

A worker that dies (killed, out of memory, node lost) is restarted by Ray
Data and its batch done again; results are keyed by index, so a batch done
twice counts once. Anything else a worker cannot do (load the model, run
the compute type) fails the run with the worker's own message before the
driver writes anything.

Ray is imported in translate() and require_ray() looks for it without
importing it: `xlate --help` never pays for it.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import os
import pickle
import socket
from collections.abc import Callable
from pathlib import Path

import xlate
from xlate.errors import SetupError
from xlate.mt import engine, packages

INSTALL_HINT = "install Ray with `pip install 'xlate[cluster]'`, or run without --cluster (and [mt] cluster)"
START_HINT = ("start one with `ray start --head` (README, \"A backfill on a cluster\"), "
              "or give its address: --cluster HOST:6379, auto or local")


def require_ray() -> None:
    """Ray and Ray Data are importable, or a SetupError saying how to install them."""
    for module in ("ray", "pyarrow", "pandas"):
        if importlib.util.find_spec(module) is None:
            raise SetupError(f"--cluster needs Ray Data, but {module} is not installed", hint=INSTALL_HINT)


class ClusterEngine:
    """The vi→en model on a Ray cluster. Build it with load_cluster_engine()."""

    def __init__(self, address: str, settings, package: packages.PackageInfo):
        mt = settings.mt
        self.address = address
        self.name = engine.NAME
        self.version = package.version
        self.model_id = engine.model_id(package)
        # What the actors will run on: Ray hides GPUs from an actor that asked for none.
        self.device = engine.pick_device(mt.device, 1 if mt.cluster_gpus_per_actor > 0 else 0)
        cpus = max(mt.cluster_cpus_per_actor, 0.0)
        # intra_threads 0 means "every core" in-process; on a node shared by
        # several actors it means the cores Ray reserved for this one.
        self._settings = dataclasses.replace(settings, mt=dataclasses.replace(
            mt, device=self.device, intra_threads=mt.intra_threads or max(1, int(cpus))))
        self._package = package
        self._cpus, self._gpus = cpus, max(mt.cluster_gpus_per_actor, 0.0)
        self._actors, self._batch_size = mt.cluster_actors, max(1, mt.cluster_batch_size)

    def translate(self, texts: list[str], progress: Callable[[int], None] | None = None) -> list:
        """As Engine.translate: every text, in order, as the actors' engines return them."""
        if not texts:
            return []
        _connect(self.address, self._package.path, self._settings.mt.timeout)
        import ray

        try:
            return self._run(texts, progress)
        finally:
            ray.shutdown()

    def _run(self, texts: list[str], progress) -> list:
        import ray
        import ray.data
        import ray.exceptions

        _quiet_console(logging.getLogger("ray.data"))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # xlate shows its own
        # Similar lengths in one Ray batch: the engine's own batches then carry little padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows = [{"index": i, "text": texts[i]} for i in order]
        actors = self._actor_count(ray.cluster_resources(), -(-len(texts) // self._batch_size))
        translated = ray.data.from_items(rows).map_batches(
            _Translator, fn_constructor_args=(self._settings, self._package, self.model_id),
            batch_size=self._batch_size, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=self._cpus, num_gpus=self._gpus)
        out: list = [None] * len(texts)
        try:
            for batch in translated.iter_batches(batch_size=None, batch_format="pyarrow"):
                problem = next((p for p in batch.column("problem").to_pylist() if p), None)
                if problem:
                    raise SetupError(f"a worker cannot translate: {problem}")
                fresh = 0
                for i, blob in zip(batch.column("index").to_pylist(), batch.column("result").to_pylist()):
                    fresh += out[i] is None
                    out[i] = pickle.loads(blob)
                if progress and fresh:
                    progress(fresh)
        except (ray.exceptions.RayError, SetupError, OSError, RuntimeError, ValueError) as exc:
            raise SetupError(f"MT on the Ray cluster at {self.address} failed: {_reason(exc)}",
                             hint="nothing was written; fix it and run again (Ray's logs: "
                                  "/tmp/ray/session_latest/logs, here and on the nodes)") from None
        lost = sum(result is None for result in out)
        if lost:  # Ray Data promises every row; never write a run that lost some
            raise SetupError(f"the Ray cluster at {self.address} returned {len(texts) - lost} of "
                             f"{len(texts)} translations", hint="nothing was written; run again")
        return out

    def _actor_count(self, free: dict[str, float], batches: int) -> int:
        """[mt] cluster_actors, or (0) as many as the cluster's CPUs or GPUs hold; never more than batches."""
        wanted = self._actors
        if wanted <= 0:
            if self._gpus > 0:
                wanted = int(free.get("GPU", 0) // self._gpus)
            else:
                wanted = int(free.get("CPU", 0) // self._cpus) if self._cpus else 1
        return max(1, min(wanted, batches))


class _Translator:
    """One per Ray actor: the model loaded once, then one Ray batch after another."""

    def __init__(self, settings, package: packages.PackageInfo, model_id: str):
        # The runtime_env working_dir is the driver's package folder, unpacked on this node.
        here = dataclasses.replace(package, path=Path.cwd())
        self.engine, self.problem = None, None
        try:
            self.engine = engine.load_engine(settings, here)
            if self.engine.model_id != model_id:  # the MT cache would file its output under another model
                raise SetupError(f"the model on worker {os.uname().nodename} is {self.engine.model_id}, "
                                 f"not the driver's {model_id}")
        except SetupError as problem:
            # Told with every batch, not by dying here: Ray reports a dead actor's
            # constructor with a traceback on the driver's stdout, and a raised
            # error reaches the driver as Ray's text, not as this message.
            self.problem = str(problem)  # with its hint

    def __call__(self, batch):
        import pyarrow as pa

        if self.problem is not None:
            results, problems = [None] * batch.num_rows, [self.problem] * batch.num_rows
        else:
            results, problems = self.engine.translate(batch.column("text").to_pylist()), [""] * batch.num_rows
        # Pickled by xlate, not left to Ray's column types: the driver gets
        # back exactly the objects Engine.translate made (text and all).
        blobs = pa.array([pickle.dumps(r) for r in results], type=pa.binary())
        return pa.table({"index": batch.column("index"), "result": blobs,
                         "problem": pa.array(problems, type=pa.string())})


def load_cluster_engine(settings, address: str) -> ClusterEngine:
    """The engine for `address`; the driver must have the vi→en package installed (it ships it)."""
    require_ray()
    mt = settings.mt
    if mt.device == "cuda" and mt.cluster_gpus_per_actor <= 0:
        raise SetupError('[mt] device is "cuda", but [mt] cluster_gpus_per_actor is 0: the actors get no GPU',
                         hint='set cluster_gpus_per_actor = 1 (a GPU per actor), or device = "auto"')
    package = packages.find_vi_en()
    if package is None:
        raise packages.missing_model_error("no Vietnamese→English model is installed here to ship to the cluster",
                                           path=str(packages.packages_dir()), from_index=True)
    return ClusterEngine(address, settings, package)


def _connect(address: str, package_path: Path, timeout: float) -> None:
    """ray.init with what the workers need; the caller shuts it down."""
    _knock(address, timeout)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline by contract: no usage report
    import ray

    if ray.is_initialized():
        raise SetupError("this process is already connected to Ray; xlate connects itself to ship the model",
                         hint="call ray.shutdown() before pipeline.run(..., cluster=...)")
    runtime_env = {"working_dir": str(package_path), "py_modules": [str(Path(xlate.__file__).parent)],
                   "env_vars": {"RAY_USAGE_STATS_ENABLED": "0"}}
    try:
        ray.init(address=address, runtime_env=runtime_env, logging_level=logging.WARNING,
                 log_to_driver=False, configure_logging=True)
    except (ConnectionError, RuntimeError, ValueError, OSError) as exc:
        ray.shutdown()
        raise SetupError(f"cannot use the Ray cluster at {address}: {_reason(exc)}", hint=START_HINT) from None


def _knock(address: str, timeout: float) -> None:
    """A HOST:PORT that answers nothing is said at once: ray.init would wait minutes for it."""
    if address in ("local", "auto"):
        return
    if address.startswith("ray://"):
        # Measured with Ray 2.60: Ray Data fails over Ray Client ('Worker' object has no
        # attribute 'core_worker'), and Ray's own docs steer Ray Data work away from it.
        raise SetupError(f"{address}: Ray Data does not run over Ray Client (ray://)",
                         hint="run xlate on a node of the cluster (the head node, say) with "
                              "--cluster auto or --cluster HEAD:6379")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise SetupError(f"{address!r} is not a Ray address", hint=START_HINT)
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=max(timeout, 0.1)).close()
    except OSError as exc:
        raise SetupError(f"nothing answers at {address}: {exc.strerror or exc}", hint=START_HINT) from None


def _quiet_console(logger: logging.Logger) -> None:
    """Ray Data's own terminal lines (progress, tracebacks) off: xlate says what failed; its log file keeps all."""
    for handler in logger.handlers:
        if not isinstance(handler, logging.FileHandler):
            handler.setLevel(logging.CRITICAL)


def _reason(exc: BaseException) -> str:
    """What went wrong, in one line: a worker's own message, or the first line of Ray's."""
    if isinstance(exc, SetupError):
        return exc.message
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
