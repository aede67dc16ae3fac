"""Safety (docs/design.md, "Safety"): a run killed at any point loses no reviewed work
and the next run completes it; one run at a time, and a killed run's lock is no obstacle.

Kill points are chosen, not slept for: `xlate run` is started through a small
wrapper script (KILLPOINTS below) that numbers every durable step of a run —
each translation-memory commit, the MT batch, and for every file write the
temp file's creation, the moment before its rename and the moment after — and
SIGKILLs itself at the N-th one. A counting run lists the steps; the test then
kills a fresh copy of the same workspace at each chosen step, checks what the
kill left behind, lets a plain `xlate run` finish, and compares translate/ and
output/ byte for byte with an uninterrupted run.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polib
from click.testing import CliRunner
from lxml import etree

from xlate import catalog
from xlate.cli import cli

REPO = Path(__file__).resolve().parent.parent
BRIEF = "005_brief"  # an extra article sharing two units with 004: approvals there reach it via the TM

KILLPOINTS = r'''
"""python killpoints.py SPEC LOG -C WS <xlate args>: run xlate, numbering its durable steps.

SPEC: N   SIGKILL this process at step N (0: never);
      pause:PREFIX   at the first step whose name starts with PREFIX, write the pid
                     to LOG and sleep (holding whatever the run holds) until killed.
LOG:  a file that receives one "N<TAB>name" line per step, or "-".
"""
import os
import signal
import sys
import tempfile
import time

SPEC, LOG, WS = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[4])
del sys.argv[1:3]
KILL_AT = 0 if SPEC.startswith("pause:") else int(SPEC)
PAUSE_AT = SPEC[len("pause:"):] if SPEC.startswith("pause:") else None
count = 0


def step(name):
    global count
    count += 1
    if LOG != "-" and PAUSE_AT is None:
        with open(LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{count}\t{name}\n")
    if count == KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)
    if PAUSE_AT is not None and name.startswith(PAUSE_AT):
        with open(LOG + ".part", "w") as fh:
            fh.write(str(os.getpid()))
        os.replace(LOG + ".part", LOG)
        while True:
            time.sleep(1)


def inside(path):
    path = os.path.realpath(os.fspath(path))
    return os.path.relpath(path, WS) if path.startswith(WS + os.sep) else None


real_replace = os.replace
def replace(src, dst, *args, **kwargs):
    where = inside(dst)
    if where:
        step(f"rename-before {where}")
    real_replace(src, dst, *args, **kwargs)
    if where:
        step(f"rename-after {where}")
os.replace = replace

real_mkstemp = tempfile.mkstemp
def mkstemp(*args, **kwargs):
    fd, name = real_mkstemp(*args, **kwargs)
    if inside(name):  # named after the file it will become (write_atomic: ".NAME.XXXX.tmp")
        target = os.path.join(os.path.dirname(name), kwargs.get("prefix", ".?.")[1:-1])
        step(f"tempfile {inside(target)}")
    return fd, name
tempfile.mkstemp = mkstemp

from xlate.mt import engine, memory


def around(cls, method, label):
    real = getattr(cls, method, None)
    if real is None:
        return
    def wrapped(self, *args, **kwargs):
        arg = args[0] if args and isinstance(args[0], str) else ""
        step(f"{label}-before {arg}".rstrip())
        value = real(self, *args, **kwargs)
        step(f"{label}-after {arg}".rstrip())
        return value
    setattr(cls, method, wrapped)


for method in ("sync_article", "forget_articles_except", "remember_drafts", "store"):
    around(memory.Memory, method, f"memory.{method}")
around(engine.Engine, "translate", "engine.translate")

from xlate.cli import main
main()
'''


def xlate(ws: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xlate", "-C", str(ws), *args],
                          capture_output=True, text=True, timeout=300)


def killpoints(script: Path, spec: str, log: str, ws: Path, *args: str) -> list[str]:
    return [sys.executable, str(script), spec, log, "-C", str(ws), *args]


def tree(ws: Path, folders=("translate", "output")) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes()
            for folder in folders if (ws / folder).is_dir()
            for p in sorted((ws / folder).rglob("*")) if p.is_file()}


def tree_diff(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    out = [f"missing {k}" for k in sorted(set(expected) - set(actual))]
    out += [f"extra {k}" for k in sorted(set(actual) - set(expected))]
    out += [f"differs {k}" for k in sorted(set(expected) & set(actual)) if expected[k] != actual[k]]
    return out


# --- the workspace the crashes start from -----------------------------------------------


def approve(ws: Path, stem: str, picks, avoid: str = "") -> dict[tuple[str, str], str]:
    """A reviewer approves some entries in Poedit-like fashion (polib rewrites the file)."""
    path = ws / "translate" / f"{stem}.po"
    po = polib.pofile(str(path))
    live = [e for e in po if not e.obsolete]
    done = {}
    for i in picks:
        entry = live[i]
        assert not avoid or avoid not in entry.msgid
        entry.msgstr = f"Reviewed {stem[:3]}/{i}: {entry.msgstr[:50]}"
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        done[(stem, entry.msgid)] = entry.msgstr
    po.save(str(path))
    return done


def reviewed_workspace(root: Path) -> tuple[Path, dict[tuple[str, str], str]]:
    """Drafted by MT, partly approved by a reviewer, then seeds edited: the next run has
    MT to do (new sentences), TM reuse (004's approvals reach 005_brief), a fuzzy match,
    an obsolete entry, and every catalog and export to rewrite."""
    ws = root / "start"
    shutil.copytree(REPO / "seeds", ws / "seeds")
    shutil.copytree(REPO / "glossary", ws / "glossary")
    # max_decoding_length: the test tokenizer cuts the longest sample sentence into
    # ~300 pieces; beam_size 1: the copy model gives the same output, twice as fast.
    (ws / "xlate.toml").write_text("[mt]\nmax_decoding_length = 512\nbeam_size = 1\n", encoding="utf-8")
    paras = (ws / "seeds" / "004_e61d162d6f37c19a.txt").read_text(encoding="utf-8").split("\n\n")
    (ws / "seeds" / f"{BRIEF}.txt").write_text(
        f"{paras[0]}\n\nTóm tắt tin chính trong ngày.\n\n{paras[-2]}\n", encoding="utf-8")
    first = CliRunner().invoke(cli, ["-C", str(ws), "run"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    approved = {}
    approved |= approve(ws, "000_9456605ca614320c", [0, 3, 7])
    approved |= approve(ws, "001_7dc4866d7b76b99b", [1, 5])
    approved |= approve(ws, "002_0836816378347a55", [2, 10], avoid="50 chi bộ")
    approved |= approve(ws, "004_e61d162d6f37c19a", [0, 11])  # both also in 005_brief
    s1 = ws / "seeds" / "001_7dc4866d7b76b99b.txt"
    s1.write_text(s1.read_text(encoding="utf-8") + "\nHội nghị trực tuyến sáng nay có hơn ba trăm đại biểu "
                  "tham dự. Các đại biểu thống nhất kiến nghị mới.\n", encoding="utf-8")
    s2 = ws / "seeds" / "002_0836816378347a55.txt"
    text = s2.read_text(encoding="utf-8")
    assert "50 chi bộ" in text
    s2.write_text(text.replace("50 chi bộ", "55 chi bộ", 1), encoding="utf-8")  # a fuzzy match
    s3 = ws / "seeds" / "003_fcb240ee83401622.txt"
    lines = s3.read_text(encoding="utf-8").split("\n")
    del lines[6]  # a paragraph goes: its entry becomes obsolete
    s3.write_text("\n".join(lines), encoding="utf-8")
    return ws, approved


def choose(steps: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Kill points over every kind of step, from the first commit to the last rename."""
    names = dict(steps)
    picked = []
    syncs = [n for n, s in steps if s.startswith("memory.sync_article-after")]
    picked += [syncs[0], syncs[-1]]
    picked += [n for n, s in steps if s.startswith("memory.") and "-after" in s and "sync_article" not in s]
    picked += [n for n, s in steps if s.startswith("engine.translate")]
    writes = []  # [tempfile, rename-before, rename-after] step numbers per written file
    for n, s in steps:
        if s.startswith("tempfile "):
            assert names[n + 1].startswith("rename-before ") and names[n + 2].startswith("rename-after ")
            assert s.split(" ", 1)[1] == names[n + 2].split(" ", 1)[1]
            writes.append((names[n + 2].split(" ", 1)[1], [n, n + 1, n + 2]))
    po = [w for w in writes if w[0].startswith("translate/")]
    out = [w for w in writes if w[0].startswith("output/")]
    picked += po[0][1] + po[-1][1] + [po[len(po) // 2][1][1]]
    picked += out[0][1]
    by_name = {target: ns for target, ns in out}
    picked += [by_name[f"output/en/{BRIEF}.md"][2], by_name["output/tmx/all.tmx"][1],
               by_name["output/parallel/all.vi"][2], by_name["output/parallel/all.tsv"][1], steps[-1][0]]
    return [(n, names[n]) for n in sorted(set(picked))]


# --- what a kill may leave behind ----------------------------------------------------------


def damage(ws: Path, approved: dict[tuple[str, str], str], before: set[str]) -> list[str]:
    """Everything wrong with a workspace right after a kill (empty: nothing)."""
    problems = []
    files = tree(ws)
    for rel in before - set(files):
        problems.append(f"{rel} vanished")
    for rel, data in files.items():
        name = rel.rsplit("/", 1)[-1]
        if name.endswith(".tmp"):
            if not name.startswith("."):
                problems.append(f"visible temp file {rel}")
            continue
        try:
            if name.endswith(".po"):
                catalog.read(ws / rel)
                polib.pofile(data.decode("utf-8"))
            elif name.endswith((".xml", ".tmx")):
                etree.fromstring(data)
            else:
                data.decode("utf-8")
        except Exception as exc:  # noqa: BLE001 - any failure to parse is the finding
            problems.append(f"{rel} does not parse: {exc}")
    for (stem, msgid), msgstr in approved.items():
        po = polib.pofile(str(ws / "translate" / f"{stem}.po"))
        entry = po.find(msgid)
        if entry is None or entry.obsolete or entry.msgstr != msgstr or "fuzzy" in entry.flags:
            problems.append(f"approved entry of {stem} lost or changed: {msgid[:50]!r}")
    with tempfile.TemporaryDirectory() as scratch:  # a copy: reading must not checkpoint the original
        for p in (ws / ".xlate").glob("memory.sqlite*"):
            shutil.copy(p, scratch)
        db = sqlite3.connect(Path(scratch) / "memory.sqlite")
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        if ok != "ok":
            problems.append(f"memory.sqlite: {ok}")
    return problems


def temp_files(ws: Path) -> list[str]:
    return sorted(rel for rel in tree(ws) if rel.endswith(".tmp"))


def test_a_run_killed_at_any_step_loses_no_reviewed_work_and_the_next_run_completes_it(
        tmp_path, argos_home, copy_model):
    installed = CliRunner().invoke(cli, ["model", "install", str(copy_model)], catch_exceptions=False)
    assert installed.exit_code == 0, installed.output
    start, approved = reviewed_workspace(tmp_path)
    script = tmp_path / "killpoints.py"
    script.write_text(KILLPOINTS, encoding="utf-8")
    before = set(tree(start))

    # The reference: the same start, one uninterrupted `xlate run`.
    ref = tmp_path / "ref"
    shutil.copytree(start, ref)
    done = xlate(ref, "run")
    assert done.returncode == 0, done.stderr
    assert "3 machine-translated" in done.stdout and "2 unit(s) from memory" in done.stdout, done.stdout
    reference = tree(ref)
    assert not damage(ref, approved, before)

    # The counting run numbers the steps (and changes nothing: same bytes as the reference).
    counted = tmp_path / "count"
    shutil.copytree(start, counted)
    log = tmp_path / "steps.log"
    out = subprocess.run(killpoints(script, "0", str(log), counted, "run"), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert tree_diff(reference, tree(counted)) == []
    steps = [(int(n), name) for n, name in (line.split("\t") for line in log.read_text().splitlines())]
    kinds = {name.split(" ")[0] for _, name in steps}
    assert {"memory.sync_article-after", "engine.translate-after", "memory.store-after",
            "tempfile", "rename-before", "rename-after"} <= kinds
    points = choose(steps)
    assert len(points) >= 20, points

    def crash(point: tuple[int, str]) -> tuple[tuple[int, str], list[str], list[str]]:
        n, name = point
        ws = tmp_path / f"kill-{n:03d}"
        shutil.copytree(start, ws)
        killed = subprocess.run(killpoints(script, str(n), "-", ws, "run"), capture_output=True, text=True,
                                timeout=300)
        problems = [] if killed.returncode == -signal.SIGKILL else [
            f"not killed (exit {killed.returncode}): {killed.stderr[-400:]}"]
        problems += damage(ws, approved, before)
        left = temp_files(ws)
        finish = xlate(ws, "run")
        if finish.returncode != 0:
            problems.append(f"the run after the kill exited {finish.returncode}: {finish.stderr[-400:]}")
        problems += [f"after the next run: {d}" for d in tree_diff(reference, tree(ws))]
        if not problems:
            shutil.rmtree(ws)
        return point, left, problems

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(crash, points))
    report = [f"killed at step {n} ({name}); temp files left by the kill: {left}\n    " + "\n    ".join(problems)
              for (n, name), left, problems in results if problems]
    assert not report, f"{len(report)} of {len(points)} kill points went wrong:\n" + "\n".join(report)
    # The kills did reach the writes: some left a temp file for the next run to deal with.
    assert any(left for _, left, _ in results)


# --- one run at a time ---------------------------------------------------------------------


def snapshot(ws: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(ws)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(ws.rglob("*")) if p.is_file()}


def test_a_second_run_is_refused_while_one_runs_and_a_killed_run_leaves_no_stale_lock(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "seeds", ws / "seeds")
    shutil.copytree(REPO / "glossary", ws / "glossary")
    assert CliRunner().invoke(cli, ["-C", str(ws), "run", "--no-mt"]).exit_code == 0
    seed = ws / "seeds" / "004_e61d162d6f37c19a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nMột câu mới cho lần chạy sau.\n", encoding="utf-8")
    script = tmp_path / "killpoints.py"
    script.write_text(KILLPOINTS, encoding="utf-8")
    ready = tmp_path / "paused"

    # The first run stops, lock held, right after it renamed its first catalog into place.
    first = subprocess.Popen(killpoints(script, "pause:rename-after translate/", str(ready), ws, "run", "--no-mt"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert first.poll() is None, f"the first run ended early: {first.stderr.read()}"
            assert time.monotonic() < deadline, "the first run never reached its pause point"
            time.sleep(0.05)
        assert ready.read_text() == str(first.pid)
        paused = snapshot(ws)

        for command in (["run"], ["run", "--no-mt"], ["export"]):
            second = xlate(ws, *command)
            assert second.returncode == 2, (command, second.stdout, second.stderr)
            assert f"another xlate run (pid {first.pid}) is working in this workspace" in second.stderr
            assert "wait for it to finish" in second.stderr and "Traceback" not in second.stderr
            assert snapshot(ws) == paused, f"`xlate {' '.join(command)}` touched files while locked"
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
        first.stderr.close()
    assert first.returncode == -signal.SIGKILL

    # The killed run's lock file still names it, but the lock died with it.
    assert (ws / ".xlate" / "lock").read_text().strip() == str(first.pid)
    after = xlate(ws, "run", "--no-mt")
    assert after.returncode == 0, after.stderr
    assert "another xlate run" not in after.stderr
    po = polib.pofile(str(ws / "translate" / "004_e61d162d6f37c19a.po"))
    assert po.find("Một câu mới cho lần chạy sau.") is not None
    assert (ws / ".xlate" / "lock").read_text() == ""  # released: no pid left behind
    done = snapshot(ws)
    assert xlate(ws, "run", "--no-mt").returncode == 0
    assert {k: v for k, v in snapshot(ws).items() if not k.startswith(".xlate/")} == \
        {k: v for k, v in done.items() if not k.startswith(".xlate/")}
