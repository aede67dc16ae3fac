"""A reviewer saves a catalog while a run translates: the run never writes over work it has not read.

The race is made deterministic: the engine (the real copy model) is wrapped so
that, after its first batch, it calls the test, which saves catalogs as a
reviewer would — with polib (as a text editor or Poedit leaves the content),
re-wrapped by gettext's msgcat (as Poedit lays lines out), a translation
cleared, a `git checkout` of an older catalog, a file broken mid-edit. The run
then goes on and writes. After it, every saved entry is there exactly as saved,
and this run's drafts are in every entry that was still empty.
"""

import subprocess
from pathlib import Path

import polib
import pytest

from xlate import catalog, pipeline
from xlate.glossary import requirements
from xlate.mt import engine
from xlate.workspace import Workspace
from xlate.model import Status
from xlate.glossary import load as load_glossary

from conftest import new_workspace
IDLE = "004_e61d162d6f37c19a"  # fully approved before the run: MT has nothing to do there
BUSY = "001_7dc4866d7b76b99b"  # every entry empty: the run is drafting it


@pytest.fixture
def ws(tmp_path, installed):
    # Small batches, so the test speaks while MT is under way, not after it.
    ws = new_workspace(tmp_path / "ws", settings="[mt]\nmax_decoding_length = 512\nbeam_size = 1\nbatch_size = 8\n")
    assert pipeline.run(Workspace.open(ws), mt=False).exit_code == 0
    approve_all(ws, IDLE)
    assert pipeline.run(Workspace.open(ws), mt=False).exit_code == 0  # QA comments settle
    return ws


def po_path(ws: Path, stem: str) -> Path:
    return ws / "translate" / f"{stem}.po"


def clean_english(ws: Path, msgid: str, prefix: str) -> str:
    """An English a reviewer might write: the glossary renderings, no Vietnamese left."""
    glossary, _ = load_glossary(ws / "glossary", ws)
    reqs = requirements(msgid, glossary)
    return f"{prefix}: " + " / ".join(dict.fromkeys(r.en for r in reqs)) if reqs else f"{prefix}."


def approve_all(ws: Path, stem: str) -> None:
    path = po_path(ws, stem)
    po = polib.pofile(str(path))
    for n, entry in enumerate(e for e in po if not e.obsolete):
        # Told apart by letters: a number here would be a value the source lacks (a QA warning).
        entry.msgstr = clean_english(ws, entry.msgid, f"Approved {chr(ord('a') + n % 26) * (n // 26 + 1)}")
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))


def save(path: Path, edit) -> bytes:
    """Edit one catalog with polib (the content a reviewer's tool leaves) and save it."""
    po = polib.pofile(str(path))
    edit([e for e in po if not e.obsolete])
    po.save(str(path))
    return path.read_bytes()


def run_with_saves_during_mt(ws: Path, monkeypatch, during) -> pipeline.RunResult:
    """`xlate run` in process; `during()` is called once, after the engine's first batch."""
    real = engine.Engine.translate
    calls = []

    def translate(self, texts, progress=None):
        def step(n):
            if progress:
                progress(n)
            if not calls:
                calls.append(n)
                during()
        return real(self, texts, step)

    monkeypatch.setattr(engine.Engine, "translate", translate)
    report = pipeline.run(Workspace.open(ws))
    assert calls, "the engine never reported a finished batch: the saves did not happen mid-MT"
    return report


def live(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def assert_drafted_except(path: Path, keep: set[str]) -> None:
    """Every entry not in `keep` holds an MT draft of this run."""
    for msgid, entry in live(path).items():
        if msgid in keep:
            continue
        assert catalog.status(entry) == Status.DRAFT, msgid
        assert any(c.startswith("mt: ") for c in catalog.comments.lines(entry.comment)), msgid


def test_approvals_saved_during_mt_into_an_idle_and_a_drafting_catalog_are_both_kept(ws, monkeypatch):
    saved = {}

    def during():
        def edit_idle(entries):
            entries[2].msgstr = clean_english(ws, entries[2].msgid, "Edited during the run")
            saved["idle"] = (entries[2].msgid, entries[2].msgstr)

        def edit_busy(entries):
            entries[3].msgstr = clean_english(ws, entries[3].msgid, "Typed during the run")
            saved["busy"] = (entries[3].msgid, entries[3].msgstr)

        saved["idle bytes"] = save(po_path(ws, IDLE), edit_idle)
        save(po_path(ws, BUSY), edit_busy)

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert report.exit_code == 0
    # The idle catalog: the run had nothing of its own to add, so the file is exactly as saved.
    assert po_path(ws, IDLE).read_bytes() == saved["idle bytes"]
    for key, stem in (("idle", IDLE), ("busy", BUSY)):
        msgid, msgstr = saved[key]
        entry = live(po_path(ws, stem))[msgid]
        assert (entry.msgstr, catalog.status(entry)) == (msgstr, Status.APPROVED), key
    # The drafting catalog: the reviewer's entry as typed, this run's drafts everywhere else.
    assert_drafted_except(po_path(ws, BUSY), {saved["busy"][0]})
    # The other catalogs, untouched by anyone, were simply written.
    assert_drafted_except(po_path(ws, "000_9456605ca614320c"), set())
    changed = {c.path.name: c for c in report.conflicts}
    assert set(changed) == {f"{BUSY}.po"} and all(c.merged for c in changed.values())
    # The idle catalog was not even read (nothing of it had changed since the last run): the save
    # is just the reviewer's, which the next run takes in.
    assert IDLE in report.carried
    # The exports are made from what was written: the reviewer's English is in them.
    assert saved["busy"][1].replace("&", "&amp;") in (ws / "output" / "xml" / f"{BUSY}.xml").read_text("utf-8")
    # And the next run, with nothing changed, changes nothing.
    before = {p: p.read_bytes() for p in (ws / "translate").glob("*.po")}
    again = pipeline.run(Workspace.open(ws))
    assert again.translated == 0 and again.written == [] and again.conflicts == []
    assert {p: p.read_bytes() for p in (ws / "translate").glob("*.po")} == before


def test_a_save_rewrapped_as_poedit_lays_it_out_is_kept_and_not_rewritten(ws, monkeypatch):
    saved = {}

    def during():
        path = po_path(ws, IDLE)

        def edit(entries):
            entries[0].msgstr = clean_english(ws, entries[0].msgid, "Rewrapped during the run")
            saved["pair"] = (entries[0].msgid, entries[0].msgstr)

        save(path, edit)
        # Poedit saves through gettext at the file's own width; here a different one.
        subprocess.run(["msgcat", "--width=60", "-o", str(path), str(path)], check=True)
        saved["bytes"] = path.read_bytes()

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert report.exit_code == 0
    assert po_path(ws, IDLE).read_bytes() == saved["bytes"]
    entry = live(po_path(ws, IDLE))[saved["pair"][0]]
    assert (entry.msgstr, catalog.status(entry)) == (saved["pair"][1], Status.APPROVED)


def test_a_translation_cleared_during_the_run_stays_cleared(ws, monkeypatch):
    saved = {}

    def during():
        def edit(entries):
            saved["msgid"] = entries[5].msgid
            entries[5].msgstr = ""
        save(po_path(ws, IDLE), edit)

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert report.exit_code == 0
    entry = live(po_path(ws, IDLE))[saved["msgid"]]
    assert catalog.status(entry) == Status.UNTRANSLATED  # the run had no draft for it: it was approved when read
    others = [e for m, e in live(po_path(ws, IDLE)).items() if m != saved["msgid"]]
    assert all(catalog.status(e) == Status.APPROVED for e in others)


def git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(ws), *args], check=True, capture_output=True, text=True).stdout


def test_a_git_checkout_of_an_older_catalog_during_the_run_wins(ws, monkeypatch):
    git(ws, "init", "-q")
    git(ws, "config", "user.email", "desk@example.org")
    git(ws, "config", "user.name", "Desk")
    older = {}

    def approve_two(entries):
        for k in (1, 4):
            entries[k].msgstr = clean_english(ws, entries[k].msgid, f"Older approval {k}")
            older[entries[k].msgid] = entries[k].msgstr

    save(po_path(ws, BUSY), approve_two)
    git(ws, "add", "translate")
    git(ws, "commit", "-qm", "two approvals")
    # Someone clears them by mistake; the run starts from that state.
    save(po_path(ws, BUSY), lambda entries: [setattr(entries[k], "msgstr", "") for k in (1, 4)])
    git(ws, "commit", "-qam", "cleared by mistake")

    report = run_with_saves_during_mt(ws, monkeypatch,
                                      lambda: git(ws, "checkout", "HEAD~1", "--", f"translate/{BUSY}.po"))
    assert report.exit_code == 0
    entries = live(po_path(ws, BUSY))
    for msgid, msgstr in older.items():
        assert (entries[msgid].msgstr, catalog.status(entries[msgid])) == (msgstr, Status.APPROVED)
    assert_drafted_except(po_path(ws, BUSY), set(older))
    assert [c.path.name for c in report.conflicts] == [f"{BUSY}.po"]


def test_a_save_that_cannot_be_read_is_left_as_saved_and_the_next_run_completes_it_from_the_cache(
        ws, monkeypatch):
    saved = {}

    def during():
        path = po_path(ws, BUSY)
        path.write_bytes(path.read_bytes() + b'\nmsgid "half typed\n')
        saved["bytes"] = path.read_bytes()

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert report.exit_code == 1
    assert po_path(ws, BUSY).read_bytes() == saved["bytes"]
    [conflict] = report.conflicts
    assert not conflict.merged and "left as saved" in conflict.detail and "syntax error" in conflict.detail
    # The reviewer fixes the file; the next run drafts it from the MT cache, sending nothing to the engine.
    po_path(ws, BUSY).write_bytes(saved["bytes"].rsplit(b'\nmsgid "half typed', 1)[0])
    monkeypatch.setattr(engine.Engine, "translate", lambda *a, **k: pytest.fail("translated again"))
    again = pipeline.run(Workspace.open(ws))
    assert again.exit_code == 0 and again.translated > 0
    assert_drafted_except(po_path(ws, BUSY), set())


def test_a_seed_or_glossary_edited_during_the_run_is_named_and_picked_up_by_the_next_run(ws, monkeypatch):
    seed = ws / "seeds" / f"{BUSY}.txt"

    def during():
        seed.write_text(seed.read_text(encoding="utf-8") + "\nMột câu mới viết trong lúc chạy.\n",
                        encoding="utf-8")
        with open(ws / "glossary" / "terms.tsv", "a", encoding="utf-8") as fh:
            fh.write("câu mới\tnew sentence\tterm\t\n")

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert report.exit_code == 0
    assert f"seeds/{BUSY}.txt" in report.changed_inputs and "glossary/terms.tsv" in report.changed_inputs
    assert "Một câu mới viết trong lúc chạy." not in live(po_path(ws, BUSY))
    pipeline.run(Workspace.open(ws))
    entry = live(po_path(ws, BUSY))["Một câu mới viết trong lúc chạy."]
    assert "glossary: câu mới = new sentence" in catalog.comments.lines(entry.comment)


def test_a_catalog_saved_during_mt_is_merged_anew_in_the_workspace_house_style(tmp_path, installed, monkeypatch):
    # The seed's figure changed, so the old approval is carried onto the new sentence with the value
    # rewritten in house style; when a save during the run makes that merge happen again, it keeps
    # the workspace's [style] (here: "per cent", not the default "%").
    ws = new_workspace(tmp_path / "ws", settings="[mt]\nmax_decoding_length = 512\nbeam_size = 1\nbatch_size = 8\n"
                                                 '\n[style]\npercent = "per cent"\n')
    seed = ws / "seeds" / f"{IDLE}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nTỷ lệ cán bộ tham gia học tập đạt 95%.\n", encoding="utf-8")
    assert pipeline.run(Workspace.open(ws), mt=False).exit_code == 0
    approve_all(ws, IDLE)
    assert pipeline.run(Workspace.open(ws), mt=False).exit_code == 0
    seed.write_text(seed.read_text(encoding="utf-8").replace("đạt 95%", "đạt 96%"), encoding="utf-8")
    first = list(live(po_path(ws, IDLE)))[0]

    def during():
        save(po_path(ws, IDLE), lambda entries: setattr(entries[0], "msgstr", entries[0].msgstr + " Edited."))

    report = run_with_saves_during_mt(ws, monkeypatch, during)
    assert [c.merged for c in report.conflicts] == [True]
    after = live(po_path(ws, IDLE))
    carried = after["Tỷ lệ cán bộ tham gia học tập đạt 96%."]
    assert "96 per cent" in carried.msgstr, carried.msgstr
    assert after[first].msgstr.endswith(" Edited.")
