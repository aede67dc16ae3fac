"""Incremental runs make exactly the bytes a full run makes (docs/design.md, "Incremental runs").

Hypothesis plays a desk over a small workspace: editors change, add and remove
seeds, reviewers approve and rewrite translations (saved by polib, or re-wrapped
by gettext as Poedit does), a terminologist edits the glossary, someone touches
files without changing them, deletes an export, or deletes .xlate/ altogether.
After every step the workspace is copied; the copy loses its run state (so its
run is a full one, with the same memory), both are run, and every file under
translate/ and output/ must be byte for byte the same. The incremental runs
process the articles a chunk at a time (xlate.pipeline.CHUNK: one, two, or all
of them), preparing seeds in a worker process beside the run (xlate.prepare.Preparer);
the full ones all at once, in the run's own process.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from xlate import pipeline, prepare
from xlate.workspace import Workspace

FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
TITLES = ["Hội nghị tổng kết công tác thi đua năm 2024", "Tỉnh ủy Quảng Ninh triển khai nhiệm vụ năm mới",
          "Bộ Chính trị làm việc với Ban Thường vụ Thành ủy"]
POOL = [
    "Sáng nay, tại Hà Nội, hội nghị tổng kết công tác năm đã khai mạc trọng thể.",
    "Các đại biểu thảo luận sôi nổi về phương hướng nhiệm vụ của năm tới.",
    "Đồng chí Nguyễn Văn Nên, Ủy viên Bộ Chính trị, phát biểu chỉ đạo hội nghị.",
    "Lãnh đạo tỉnh biểu dương 12 tập thể có thành tích xuất sắc trong phong trào.",
    "Nhiều ý kiến đề nghị tăng cường kiểm tra, giám sát việc thực hiện nghị quyết.",
    "Hội nghị đã trao bằng khen cho mười hai tập thể và hai mươi cá nhân tiêu biểu.",
    "Trong năm qua, toàn ngành đã hoàn thành vượt mức các chỉ tiêu được giao.",
    "Ngày 16-7, các đoàn đại biểu tham quan khu di tích lịch sử của địa phương.",
    "Kết thúc hội nghị, các đại biểu nhất trí thông qua chương trình hành động.",
    "Tổng kinh phí thực hiện dự án là 1.250 tỷ đồng, tăng 12,5% so với dự kiến.",
]
GLOSSARY = "vi\ten\ttype\tnote\nHà Nội\tHanoi\tplace\t\nBộ Chính trị\tPolitburo\torganization\t\n"
RENDERINGS = [("\tHanoi\t", "\tHa Noi\t"), ("\tPolitburo\t", "\tPolitical Bureau\t")]
# Terms a terminologist adds or drops: one longer than a term there is, one in most articles, one in
# none (no article is reached), one over a detected name, one over a value, one case-sensitive.
EXTRA_TERMS = ["Ủy viên Bộ Chính trị\tPolitburo member\ttitle\t", "hội nghị\tconference\tterm\t",
               "Quảng Ninh\tQuang Ninh\tplace\t", "Nguyễn Văn Nên\tNguyen Van Nen\tname\t",
               "tỷ đồng\tbillion dong\tterm\t", "Lãnh đạo\tThe leaders\tterm\tcase-sensitive"]


def article(title: str, paragraphs: list[list[int]]) -> str:
    return "\n\n".join([title] + [" ".join(POOL[i] for i in p) for p in paragraphs]) + "\n"


def tree(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for folder in ("translate", "output")
            if (ws / folder).is_dir() for p in sorted((ws / folder).rglob("*")) if p.is_file()}


def run(ws: Path, chunk: int | None = None, worker: bool = False) -> pipeline.RunResult:
    """A run, `chunk` articles at a time; `worker`: with seeds prepared in a worker process
    (xlate.prepare.Preparer) from two seeds on, else never."""
    default, least, clock = pipeline.CHUNK, prepare.PARALLEL_MIN, pipeline.now_stamp
    pipeline.CHUNK = chunk or default
    prepare.PARALLEL_MIN = 2 if worker else 10 ** 9
    # One clock for both runs: a new catalog's POT-Creation-Date is the minute it was made, and the
    # two runs of a comparison may fall on either side of a minute's turn.
    pipeline.now_stamp = lambda: "2026-01-01 00:00+0000"
    try:
        result = pipeline.run(Workspace.open(ws), mt=False)
    finally:
        pipeline.CHUNK, prepare.PARALLEL_MIN, pipeline.now_stamp = default, least, clock
    assert result.exit_code == 0, [str(p) for p in result.problems]
    return result


def compare(ws: Path, scratch: Path, chunk: int | None = None) -> pipeline.RunResult:
    """Run the workspace (incrementally, `chunk` articles at a time) and a copy of it without its
    run state (in full, all at once): same bytes."""
    full = scratch / "full"
    shutil.rmtree(full, ignore_errors=True)
    shutil.copytree(ws, full, symlinks=True)
    (full / ".xlate" / "state.sqlite").unlink(missing_ok=True)
    for leftover in (full / ".xlate").glob("state.sqlite-*"):
        leftover.unlink()
    incremental = run(ws, chunk, worker=True)
    done = run(full)
    assert not done.carried, "the full run carried articles: it had a run state"
    mine, theirs = tree(ws), tree(full)
    assert sorted(mine) == sorted(theirs), (sorted(set(mine) ^ set(theirs)))
    different = [name for name in mine if mine[name] != theirs[name]]
    assert not different, f"an incremental run differs from a full one in {different}"
    return incremental


def review(ws: Path, stem: str, pick: int, how: str, counter: list[int]) -> None:
    path = ws / "translate" / f"{stem}.po"
    if not path.exists():
        return
    po = polib.pofile(str(path))
    live = [e for e in po if not e.obsolete]
    if not live:
        return
    entry = live[pick % len(live)]
    counter[0] += 1
    if how == "clear":
        entry.msgstr = ""
    else:
        entry.msgstr = f"Reviewed translation {counter[0]} of Hanoi and the Politburo."
        entry.flags = [f for f in entry.flags if f != "fuzzy"] if how == "approve" else ["fuzzy"]
    po.save(str(path))
    if how == "approve" and pick % 3 == 0:  # Poedit lays lines out as gettext does, at its own width
        subprocess.run(["msgcat", "--width=70", "-o", str(path), str(path)], check=True)


STEP = st.one_of(
    st.tuples(st.just("seed"), st.integers(0, 3), st.sampled_from(["change", "add", "drop", "title"]),
              st.integers(0, 9)),
    st.tuples(st.just("review"), st.integers(0, 3), st.integers(0, 40),
              st.sampled_from(["approve", "approve", "draft", "clear"])),
    st.tuples(st.just("glossary"), st.integers(0, len(EXTRA_TERMS) - 1), st.booleans(), st.just(0)),
    st.tuples(st.just("touch"), st.integers(0, 3), st.booleans(), st.just(0)),
    st.tuples(st.just("export"), st.integers(0, 3), st.just(False), st.just(0)),
    st.tuples(st.just("forget"), st.sampled_from(["all", "state", "memory"]), st.just(False), st.just(0)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(start=st.lists(st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=2), min_size=1, max_size=3),
                      min_size=1, max_size=3),
       steps=st.lists(STEP, min_size=1, max_size=5), chunk=st.sampled_from([1, 2, None]))
def test_an_incremental_run_writes_what_a_full_run_writes_after_any_sequence_of_edits(start, steps, chunk):
    scratch = Path(tempfile.mkdtemp(prefix="xlate-inc-", dir=FAST_TMP))
    try:
        ws = scratch / "ws"
        (ws / "seeds").mkdir(parents=True)
        (ws / "glossary").mkdir()
        # Two of the extra terms from the start, so that dropping a term is as likely as adding one.
        (ws / "glossary" / "terms.tsv").write_text(GLOSSARY + "".join(t + "\n" for t in EXTRA_TERMS[:2]),
                                                   encoding="utf-8")
        articles = {f"a{n}": [TITLES[n % len(TITLES)], paras] for n, paras in enumerate(start)}
        for stem, (title, paras) in articles.items():
            (ws / "seeds" / f"{stem}.txt").write_text(article(title, paras), encoding="utf-8")
        compare(ws, scratch, chunk)
        counter = [0]
        for kind, which, flag, extra in steps:
            stem = f"a{which}" if isinstance(which, int) else ""
            if kind == "seed":
                title, paras = articles.setdefault(stem, [TITLES[extra % 3], [[extra]]])
                if flag == "change":
                    paras[extra % len(paras)] = [extra, (extra + 3) % 10]
                elif flag == "add":
                    paras.append([(extra + 5) % 10])
                elif flag == "drop" and len(paras) > 1:
                    paras.pop(extra % len(paras))
                elif flag == "title":
                    articles[stem][0] = title + " mới"
                (ws / "seeds" / f"{stem}.txt").write_text(article(*articles[stem]), encoding="utf-8")
            elif kind == "review":
                review(ws, stem, flag, extra, counter)
            elif kind == "glossary":
                path = ws / "glossary" / "terms.tsv"
                text = path.read_text(encoding="utf-8")
                if flag:  # a term added, or dropped again
                    row = EXTRA_TERMS[which] + "\n"
                    text = text.replace(row, "") if row in text else text + row
                else:  # a rendering changed, or changed back
                    before, after = RENDERINGS[which % len(RENDERINGS)]
                    text = text.replace(before, after) if before in text else text.replace(after, before)
                path.write_text(text, encoding="utf-8")
            elif kind == "touch":
                target = ws / ("seeds" if flag else "translate") / f"{stem}.{'txt' if flag else 'po'}"
                if target.exists():
                    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
            elif kind == "export":
                (ws / "output" / "xml" / f"{stem}.xml").unlink(missing_ok=True)
            elif kind == "forget":
                names = {"all": ["memory.sqlite", "state.sqlite"], "state": ["state.sqlite"],
                         "memory": ["memory.sqlite"]}[which]
                for name in names:
                    for path in (ws / ".xlate").glob(name + "*"):
                        path.unlink()
            compare(ws, scratch, chunk)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_run_with_nothing_changed_carries_every_article_and_reads_no_catalog(tmp_path, monkeypatch):
    from conftest import new_workspace
    from xlate import catalog

    ws = new_workspace(tmp_path / "ws")
    run(ws)
    read = []
    real = catalog.read_with_bytes
    monkeypatch.setattr(catalog, "read_with_bytes", lambda *a, **k: read.append(a) or real(*a, **k))
    again = run(ws)
    assert again.articles == [] and sorted(again.carried) == sorted(p.stem for p in (ws / "seeds").iterdir())
    assert read == []


def test_a_run_killed_between_chunks_leaves_the_next_run_what_a_full_run_would_make(tmp_path, monkeypatch):
    # a0's reviewer approves a sentence all three articles share; the run fills a1 with it (an exact
    # reuse, approved), a chunk at a time, and is killed before its last chunk. What a1's write
    # approved was never put in the memory: the next run must still reach the memory a full run
    # reaches, which shows when a new article with the same sentence names where it was approved.
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "glossary").mkdir()
    (ws / "glossary" / "terms.tsv").write_text(GLOSSARY, encoding="utf-8")
    for n in range(3):
        (ws / "seeds" / f"a{n}.txt").write_text(article(TITLES[n], [[0], [n + 1]]), encoding="utf-8")
    run(ws)
    po = polib.pofile(str(ws / "translate" / "a0.po"))
    shared = po.find(POOL[0])
    shared.msgstr = "This morning, in Hanoi, the year-end conference opened."
    po.save()

    calls = []
    real = pipeline._translate

    def killed_at_the_last(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_translate", killed_at_the_last)
    try:
        run(ws, chunk=1)
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(pipeline, "_translate", real)
    assert len(calls) == 3, "the run was not processed in three chunks"
    assert polib.pofile(str(ws / "translate" / "a1.po")).find(POOL[0]).msgstr == shared.msgstr

    (ws / "seeds" / "a3.txt").write_text(article(TITLES[0], [[0], [9]]), encoding="utf-8")
    after = compare(ws, tmp_path / "scratch", chunk=1)
    assert "a1" in after.summaries, "the article whose approvals were never synced was carried"
    assert "approved in a0, a1" in (ws / "translate" / "a3.po").read_text(encoding="utf-8")


def test_a_run_of_several_chunks_says_where_it_is(tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    for n in range(3):
        (ws / "seeds" / f"a{n}.txt").write_text(article(TITLES[n], [[n]]), encoding="utf-8")
    said = []

    class Listening(pipeline.QuietUI):
        def say(self, message):
            said.append(message)

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    pipeline.run(Workspace.open(ws), mt=False, ui=Listening())
    assert said == ["articles 1–2 of 3 (part 1 of 2)", "article 3 of 3 (part 2 of 2)"]
    said.clear()
    pipeline.run(Workspace.open(ws), mt=False, ui=Listening())
    assert said == []  # nothing to do: no parts to announce


def test_a_glossary_change_processes_only_the_articles_that_hold_every_token_of_the_term(tmp_path):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "glossary").mkdir()
    terms = ws / "glossary" / "terms.tsv"
    terms.write_text(GLOSSARY, encoding="utf-8")
    # a0 holds POOL[2] ("… Nguyễn Văn Nên …"), a1 and a2 do not.
    for n, paragraphs in enumerate([[[2]], [[1]], [[6]]]):
        (ws / "seeds" / f"a{n}.txt").write_text(article(TITLES[n], paragraphs), encoding="utf-8")
    run(ws)

    def processed() -> list[str]:
        return sorted(compare(ws, tmp_path / "scratch").summaries)

    terms.write_text(GLOSSARY + "Đà Nẵng\tDa Nang\tplace\t\n", encoding="utf-8")
    assert processed() == []  # a term no article holds
    terms.write_text(GLOSSARY + "Đà Nẵng\tDa Nang\tplace\t\nNguyễn Văn Nên\tNguyen Van Nen\tname\t\n",
                     encoding="utf-8")
    assert processed() == ["a0"]
    terms.write_text("vi\ten\ttype\tnote\n" + "".join(
        reversed(terms.read_text(encoding="utf-8").splitlines(keepends=True)[1:])), encoding="utf-8")
    assert processed() == []  # the same terms in another order: no match moves
    terms.write_text(terms.read_text(encoding="utf-8").replace("\tHanoi\t", "\tHa Noi\t"), encoding="utf-8")
    assert processed() == [s for s in ("a0", "a1", "a2") if "Hà Nội" in (ws / "seeds" / f"{s}.txt").read_text("utf-8")]


def test_a_glossary_change_every_article_holds_reads_only_the_changed_catalogs_first(tmp_path, monkeypatch):
    # Over several chunks, a run first puts the approvals of every catalog it processes into the
    # memory. An article whose seed and catalog are as the last run left them has its approvals there
    # already: only a catalog a reviewer changed is read for them. And that one still counts: a2's
    # approval fills a0 and a1 in the same run, chunks before its own, as a full run fills them.
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "glossary").mkdir()
    terms = ws / "glossary" / "terms.tsv"
    terms.write_text(GLOSSARY, encoding="utf-8")
    for n in range(3):
        (ws / "seeds" / f"a{n}.txt").write_text(article(TITLES[n], [[0], [n + 1]]), encoding="utf-8")
    run(ws)
    po = polib.pofile(str(ws / "translate" / "a2.po"))
    po.find(POOL[0]).msgstr = "This morning, in Ha Noi, the year-end conference opened."
    po.save()
    terms.write_text(GLOSSARY.replace("\tHanoi\t", "\tHa Noi\t"), encoding="utf-8")  # POOL[0] holds Hà Nội

    asked = []
    real = prepare.Preparer.approvals
    monkeypatch.setattr(prepare.Preparer, "approvals",
                        lambda self, seeds: asked.extend(s.stem for s in seeds) or real(self, seeds))
    after = compare(ws, tmp_path / "scratch", chunk=1)
    assert sorted(after.summaries) == ["a0", "a1", "a2"]
    assert asked == ["a2"]
    for stem in ("a0", "a1"):
        assert polib.pofile(str(ws / "translate" / f"{stem}.po")).find(POOL[0]).msgstr.startswith("This morning")
