"""The front half of a run in a worker process (xlate.prepare.Preparer): the same results, the
same problems in the same order, and nothing lost when the worker dies."""

import gc
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xlate import pipeline, prepare
from xlate.workspace import Workspace

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def workspace(root: Path) -> Path:
    shutil.copytree(SEEDS, root / "seeds")
    for n, sample in enumerate(sorted(SEEDS.glob("*.txt"))):
        (root / "seeds" / f"copy{n}.txt").write_text(sample.read_text(encoding="utf-8-sig"), encoding="utf-8")
    (root / "seeds" / "broken.txt").write_bytes(b"\xff\xfe not UTF-8 \xc3")  # a problem, in the middle
    (root / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for folder in ("translate", "output")
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


def run(root: Path, monkeypatch, *, least: int, chunk: int) -> pipeline.RunResult:
    monkeypatch.setattr(prepare, "PARALLEL_MIN", least)
    monkeypatch.setattr(pipeline, "CHUNK", chunk)
    monkeypatch.setattr(pipeline, "now_stamp", lambda: "2026-01-01 00:00+0000")
    return pipeline.run(Workspace.open(root), mt=False)


def test_seeds_prepared_in_a_worker_give_the_files_and_problems_of_preparing_them_here(tmp_path, monkeypatch):
    here = run(workspace(tmp_path / "here"), monkeypatch, least=10 ** 9, chunk=200)
    split = run(workspace(tmp_path / "split"), monkeypatch, least=2, chunk=200)  # half there, half here
    ahead = run(workspace(tmp_path / "ahead"), monkeypatch, least=2, chunk=3)  # the next chunk there
    assert [str(p) for p in here.problems] and any("broken.txt" in str(p) for p in here.problems)
    for other in (split, ahead):
        assert [str(p) for p in other.problems] == [str(p) for p in here.problems]
        assert list(other.summaries) == list(here.summaries)
    assert files(tmp_path / "split") == files(tmp_path / "here")
    assert files(tmp_path / "ahead") == files(tmp_path / "here")


def _slow(seeds):
    time.sleep(0.3)  # a worker busier than this process: this process takes back what it has not started
    return _PREPARE_THERE(seeds)


_PREPARE_THERE = prepare._prepare_there


def test_parts_the_worker_has_not_started_are_prepared_here_and_the_files_stay_the_same(tmp_path, monkeypatch):
    here = run(workspace(tmp_path / "here"), monkeypatch, least=10 ** 9, chunk=200)
    taken: list[int] = []
    alone = prepare.Preparer._here_alone

    def counted(self, seeds):
        taken.append(len(seeds))
        return alone(self, seeds)

    monkeypatch.setattr(prepare.Preparer, "_here_alone", counted)
    monkeypatch.setattr(prepare, "_prepare_there", _slow)
    monkeypatch.setattr(prepare, "PART", 1)
    for name, chunk in (("split", 200), ("ahead", 4)):
        taken.clear()
        other = run(workspace(tmp_path / name), monkeypatch, least=2, chunk=chunk)
        assert taken, "this process took back no part from the slow worker"
        assert [str(p) for p in other.problems] == [str(p) for p in here.problems]
        assert list(other.summaries) == list(here.summaries)
        assert files(tmp_path / name) == files(tmp_path / "here")


def _die(seeds):
    os._exit(3)  # the worker process is killed mid-chunk


def test_a_worker_that_dies_leaves_its_seeds_to_this_process_and_loses_nothing(tmp_path, monkeypatch):
    here = run(workspace(tmp_path / "here"), monkeypatch, least=10 ** 9, chunk=4)
    monkeypatch.setattr(prepare, "_prepare_there", _die)
    died = run(workspace(tmp_path / "died"), monkeypatch, least=2, chunk=4)
    assert died.exit_code == here.exit_code
    assert [str(p) for p in died.problems] == [str(p) for p in here.problems]
    assert files(tmp_path / "died") == files(tmp_path / "here")


def test_few_seeds_are_prepared_without_starting_a_worker(tmp_path, monkeypatch):
    monkeypatch.setattr(prepare, "_prepare_there", _die)  # would fail the run's work if it were used
    with prepare.Preparer(Workspace.open(workspace(tmp_path / "ws")), prepare.Glossary(), "x", [],
                          expected=prepare.PARALLEL_MIN - 1) as preparer:
        assert preparer._pool is None
        assert len(preparer.now(sorted((tmp_path / "ws" / "seeds").glob("0*.txt")))) == 5


def test_the_approvals_of_many_catalogs_read_half_in_the_worker_are_those_read_here(tmp_path, monkeypatch):
    root = workspace(tmp_path / "ws")
    run(root, monkeypatch, least=10 ** 9, chunk=200)  # catalogs to read
    po = root / "translate" / "copy1.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n\n#', 'msgstr "Approved."\n\n#', 1),
                  encoding="utf-8")
    ws = Workspace.open(root)
    seeds = ws.seeds()
    here = prepare.approvals(ws, seeds, "x")
    assert any(entries for entries, _ in here[0].values())  # the approval is found
    monkeypatch.setattr(prepare, "PARALLEL_MIN", 2)
    with prepare.Preparer(ws, prepare.Glossary(), "x", [], expected=len(seeds)) as preparer:
        assert preparer._pool is not None
        assert preparer.approvals(seeds) == here
        assert list(preparer.approvals(seeds)[0]) == list(here[0])  # in seed order


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the worker")
def test_a_run_killed_outright_leaves_no_worker_behind_and_the_workspace_unlocked(tmp_path):
    root = workspace(tmp_path / "ws")
    for n in range(30):  # enough seeds for a worker, and for the run to last
        (root / "seeds" / f"more{n:02d}.txt").write_text(
            (SEEDS / "001_7dc4866d7b76b99b.txt").read_text(encoding="utf-8-sig") + f"\nPhụ lục {n}.\n",
            encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "xlate", "-C", str(root), "run", "--no-mt"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (workers := _children(run.pid)) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert workers, "the run finished before its worker could be seen"
    run.kill()  # SIGKILL: the run cannot tell its worker anything
    run.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "the worker outlived the run"
    again = subprocess.run([sys.executable, "-m", "xlate", "-C", str(root), "run", "--no-mt"],
                           capture_output=True, text=True, timeout=300)
    assert "another xlate run" not in again.stderr
    assert again.returncode in (0, 1), again.stderr
    assert len(list((root / "translate").glob("*.po"))) == 40


def test_a_run_and_its_worker_collect_garbage_less_often_and_the_thresholds_come_back_after(tmp_path, monkeypatch):
    seen = tmp_path / "thresholds"
    real = prepare.prepare

    def noting(*args, **kwargs):
        with seen.open("a") as fh:  # the worker writes here too: a forked process has no other way back
            fh.write(f"{os.getpid()} {gc.get_threshold()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(prepare, "prepare", noting)
    caller = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults: a library caller that set none
        run(workspace(tmp_path / "ws"), monkeypatch, least=2, chunk=200)
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(10 ** 6, 10, 10)  # a caller's own laxer first threshold stays
        run(workspace(tmp_path / "again"), monkeypatch, least=2, chunk=200)
    finally:
        gc.set_threshold(*caller)
    lines = seen.read_text().splitlines()
    assert len({line.split()[0] for line in lines}) == 3  # this process and the two runs' workers
    assert {line.split(maxsplit=1)[1] for line in lines} == {str(pipeline.THRESHOLDS),
                                                            str((10 ** 6, *pipeline.THRESHOLDS[1:]))}


def test_the_cli_sets_the_collector_thresholds_a_run_sets(monkeypatch):
    from xlate import cli

    set_to = []
    monkeypatch.setattr(gc, "set_threshold", lambda *t: set_to.append(t))
    monkeypatch.setattr(sys, "argv", ["xlate", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    assert set_to == [pipeline.THRESHOLDS]
