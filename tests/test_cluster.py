"""`xlate run --cluster`: MT on a real local Ray cluster (Ray Data, the copy model), against an in-process run.

One cluster serves the module: a head node with two CPUs, started by Ray's
own test helper (ray.cluster_utils.Cluster, the processes `ray start --head`
starts). Each run connects to it by address, as a desk's driver does, ships
the package and xlate's code in its runtime_env, and disconnects.
"""

import os
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import polib
import pytest

from xlate import catalog, pipeline
from xlate.mt import cluster as mt_cluster, engine
from xlate.model import Status
from xlate.workspace import Workspace

from conftest import STEMS, invoke, new_workspace

# The copy model spends up to ~300 pieces on the longest sample sentence.
SETTINGS = "[mt]\nmax_decoding_length = 512\nintra_threads = 1\n"
ACTOR = "ray::MapWorker(MapBatches(_Translator))"  # the process title Ray gives an xlate actor


@pytest.fixture(scope="module")
def ray_cluster():
    from ray.cluster_utils import Cluster

    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    head = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "include_dashboard": False})
    # Ray names the node by this machine's address; tests reach it on loopback only (the GCS
    # listens on every interface, and Ray itself turns 127.0.0.1 back into the node's address).
    head.loopback = "127.0.0.1:" + head.address.rpartition(":")[2]
    yield head
    head.shutdown()


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def twins(tmp_path: Path, settings: str = SETTINGS) -> tuple[Path, Path]:
    """Two copies of one workspace whose catalogs exist (--no-mt): same creation dates, nothing translated."""
    here = new_workspace(tmp_path / "here", settings=settings)
    assert invoke(here, "run", "--no-mt").exit_code == 0
    there = tmp_path / "there"
    shutil.copytree(here, there)
    return here, there


def approve_first_entries(ws: Path, stem: str, count: int) -> dict[str, str]:
    """A reviewer translates and approves the first `count` entries of a catalog, as Poedit saves them."""
    path = ws / "translate" / f"{stem}.po"
    po = polib.pofile(str(path))
    approved = {}
    for entry in [e for e in po if not e.obsolete][:count]:
        entry.msgstr = f"Reviewed: {entry.msgid[:40]}"
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        approved[entry.msgid] = entry.msgstr
    po.save(str(path))
    return approved


def approvals(ws: Path, stem: str) -> dict[str, str]:
    po = polib.pofile(str(ws / "translate" / f"{stem}.po"))
    return {e.msgid: e.msgstr for e in po if not e.obsolete and catalog.status(e) == Status.APPROVED}


def test_a_run_on_the_cluster_writes_exactly_what_an_in_process_run_writes(tmp_path, installed, ray_cluster,
                                                                          monkeypatch):
    here, there = twins(tmp_path)

    assert invoke(here, "run").exit_code == 0
    result = invoke(there, "run", "--cluster", ray_cluster.loopback)

    assert result.exit_code == 0, result.output
    assert "146 machine-translated" in result.output
    assert files(there / "translate") == files(here / "translate")
    assert files(there / "output") == files(here / "output")
    # The driver filed the cluster's drafts in the MT cache under the in-process model id and key:
    # after a reviewer clears a draft, an in-process run refills it from the cache, not the engine.
    po = polib.pofile(str(there / "translate" / f"{STEMS[0]}.po"))
    po[0].msgstr, po[0].flags = "", []
    po.save(str(there / "translate" / f"{STEMS[0]}.po"))
    monkeypatch.setattr(engine.Engine, "translate", lambda *args, **kwargs: pytest.fail("not from the cache"))
    again = invoke(there, "run")
    assert again.exit_code == 0 and "1 machine-translated" in again.output
    assert files(there / "translate") == files(here / "translate")


class KillAnActor(pipeline.QuietUI):
    """At the first translated batch the driver sees, SIGKILL the actor doing the work (as the OOM killer would)."""

    def __init__(self, raylet: int):
        self.raylet, self.killed, self.seen = raylet, None, set()

    @contextmanager
    def progress(self, label, total):
        def advance(n):
            actors = actor_pids(self.raylet)
            self.seen |= actors
            if self.killed is None and actors:
                self.killed = min(actors)
                os.kill(self.killed, signal.SIGKILL)
        yield advance


def actor_pids(raylet: int) -> set[int]:
    """xlate's Ray actors among the children of this test's raylet (never anyone else's processes)."""
    found = set()
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text()
            title = (proc / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except (OSError, ValueError):
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == raylet and title.startswith(ACTOR):
            found.add(int(proc.name))
    return found


def test_an_actor_killed_mid_run_is_replaced_and_nothing_is_lost(tmp_path, installed, ray_cluster):
    # One actor and tiny Ray batches: when the first batch is back, most of the work is still ahead of it.
    here, there = twins(tmp_path, SETTINGS + "cluster_actors = 1\ncluster_batch_size = 2\n")
    for ws in (here, there):
        approve_first_entries(ws, STEMS[2], 5)
    approved = approvals(there, STEMS[2])
    assert len(approved) == 5
    assert invoke(here, "run").exit_code == 0
    killer = KillAnActor(ray_cluster.head_node.all_processes["raylet"][0].process.pid)

    result = pipeline.run(Workspace.open(there), cluster=ray_cluster.loopback, ui=killer)

    assert killer.killed is not None and not Path(f"/proc/{killer.killed}").exists()
    assert killer.seen - {killer.killed}, "a new actor took over the killed one's work"
    assert result.exit_code == 0 and result.translated == 141
    assert files(there / "translate") == files(here / "translate")
    assert approvals(there, STEMS[2]) == approved
    later = invoke(there, "run", "--cluster", ray_cluster.loopback)
    assert later.exit_code == 0 and "0 machine-translated" in later.output
    assert files(there / "translate") == files(here / "translate")


def test_workers_that_cannot_load_the_model_fail_the_run_cleanly(tmp_path, installed, ray_cluster):
    # float16 on a CPU-only worker: CTranslate2 refuses it there (the driver cannot know the nodes' devices).
    ws = new_workspace(tmp_path / "ws", settings=SETTINGS + 'compute_type = "float16"\n')
    assert invoke(ws, "run", "--no-mt").exit_code == 0
    approved = approve_first_entries(ws, STEMS[0], 3)
    before = files(ws / "translate"), files(ws / "output")

    result = invoke(ws, "run", "--cluster", ray_cluster.loopback)

    assert result.exit_code == 2
    assert "Ray cluster" in result.output and "compute_type 'float16' cannot run on cpu" in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert (files(ws / "translate"), files(ws / "output")) == before
    assert approvals(ws, STEMS[0]) == approved
    (ws / "xlate.toml").write_text(SETTINGS, encoding="utf-8")
    later = invoke(ws, "run", "--cluster", ray_cluster.loopback)
    assert later.exit_code == 0 and "143 machine-translated" in later.output
    assert approvals(ws, STEMS[0]) == approved


def test_without_ray_cluster_says_how_to_install_it_and_writes_nothing(ws, installed, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # Python's own way to make an import fail

    result = invoke(ws, "run", "--cluster", "auto")

    assert result.exit_code == 2
    assert "pip install 'xlate[cluster]'" in result.output and "Traceback" not in result.output
    assert not (ws / "translate").exists() or not list((ws / "translate").glob("*.po"))


@pytest.mark.parametrize("address, says, hint", [
    ("127.0.0.1:1", "nothing answers at 127.0.0.1:1", "ray start --head"),
    ("headnode", "'headnode' is not a Ray address", "ray start --head"),
    ("ray://127.0.0.1:10001", "Ray Data does not run over Ray Client", "run xlate on a node of the cluster"),
])
def test_an_address_where_no_cluster_answers_is_said_at_once_and_nothing_is_written(ws, installed, address,
                                                                                    says, hint):
    result = invoke(ws, "run", "--cluster", address)

    assert result.exit_code == 2
    assert says in result.output and hint in result.output and "Traceback" not in result.output
    assert not list((ws / "translate").glob("*.po"))


def test_cluster_with_no_mt_is_a_usage_error(ws):
    result = invoke(ws, "run", "--no-mt", "--cluster", "auto")
    assert result.exit_code == 2 and "--no-mt" in result.output


def test_the_cluster_engine_keys_the_mt_cache_by_the_actors_device(installed):
    from xlate.settings import Settings

    settings = Settings()
    assert mt_cluster.load_cluster_engine(settings, "auto").device == "cpu"
    settings.mt.cluster_gpus_per_actor = 1
    on_gpus = mt_cluster.load_cluster_engine(settings, "auto")
    assert on_gpus.device == "cuda" and "device=cuda" in engine.cache_key(settings, on_gpus.device)
    assert on_gpus.model_id == engine.load_engine(Settings()).model_id


@pytest.mark.parametrize("keys, free, batches, actors", [
    ({}, {"CPU": 8.0}, 100, 8),  # 0: as many as the CPUs hold, one CPU each
    ({"cluster_cpus_per_actor": 2.0}, {"CPU": 8.0}, 100, 4),
    ({"cluster_gpus_per_actor": 1.0}, {"CPU": 64.0, "GPU": 3.0}, 100, 3),  # one per GPU
    ({}, {"CPU": 8.0}, 2, 2),  # never more actors than batches
    ({"cluster_actors": 5}, {"CPU": 2.0}, 100, 5),  # as set (Ray waits for room)
    ({}, {}, 10, 1),
])
def test_the_actor_count_follows_the_settings_and_the_cluster(installed, keys, free, batches, actors):
    from xlate.settings import Settings

    settings = Settings()
    for key, value in keys.items():
        setattr(settings.mt, key, value)
    assert mt_cluster.load_cluster_engine(settings, "auto")._actor_count(free, batches) == actors
