"""The command line on the sample articles, as a translator uses it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from xlate.cli import cli
from xlate.fsutil import Lock
from xlate.text.normalize import normalize

from conftest import STEMS, invoke as xlate, new_workspace


@pytest.fixture
def ws(tmp_path):
    """A workspace holding the five sample articles (no glossary)."""
    return new_workspace(tmp_path, glossary=False)


def catalog(ws, stem) -> polib.POFile:
    return polib.pofile(str(ws / "translate" / f"{stem}.po"))


def snapshot(folder: Path) -> dict:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.po"))}


def test_run_no_mt_writes_a_catalog_per_article_that_msgfmt_accepts(ws):
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (ws / "translate").glob("*.po")) == STEMS
    for path in (ws / "translate").glob("*.po"):
        subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], check=True)
        assert all(e.msgstr == "" for e in polib.pofile(str(path)))


def test_msgids_hold_only_article_text(ws):
    xlate(ws, "run", "--no-mt")
    for stem in STEMS:
        for entry in catalog(ws, stem):
            text = entry.msgid
            assert "http" not in text and "](" not in text and "\u00d0" not in text
            assert not text.startswith(("layout:", "title:", "date:", "---", "* ", "#", "!["))
            assert text not in ("Phản hồi", "Các tin khác", "Trở về", "PV", "Thu Hằng", "Mới nhất")
            assert text == " ".join(text.split())
            assert entry.occurrences and all(f == f"seeds/{stem}.txt" for f, _ in entry.occurrences)


def test_every_repeated_caption_is_one_entry_with_two_references(ws):
    xlate(ws, "run", "--no-mt")
    po = catalog(ws, "002_0836816378347a55")
    lines = {e.msgid: [int(n) for _, n in e.occurrences] for e in po}
    assert lines["Các đại biểu tham dự Hội nghị."] == [17, 19]
    assert lines["Đồng chí Lại Xuân Lâm báo cáo tại Hội nghị."] == [29, 31]
    po = catalog(ws, "000_9456605ca614320c")
    captions = [[int(n) for _, n in e.occurrences] for e in po if e.comment.startswith("caption")]
    assert sorted(captions) == [[15, 37], [19], [23, 27]]


def test_second_run_with_nothing_changed_rewrites_nothing(ws):
    xlate(ws, "run", "--no-mt")
    before = snapshot(ws / "translate")
    time.sleep(0.01)
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0
    assert snapshot(ws / "translate") == before
    assert "0 catalog(s) written, 5 unchanged" in result.output


def translate_and_approve(path: Path, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save(str(path))


def approve_all(path: Path, english) -> None:
    """A reviewer translates and approves every entry, then saves once."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr, entry.flags = english(entry.msgid), []
    po.save(str(path))


def test_a_reviewers_approved_edit_survives_a_rerun(ws):
    xlate(ws, "run", "--no-mt")
    path = ws / "translate" / "004_e61d162d6f37c19a.po"
    title = catalog(ws, "004_e61d162d6f37c19a")[0].msgid
    translate_and_approve(path, title, "Improving the quality of central agencies' staff")
    xlate(ws, "run", "--no-mt")
    entry = catalog(ws, "004_e61d162d6f37c19a").find(title)
    assert entry.msgstr == "Improving the quality of central agencies' staff"
    assert "fuzzy" not in entry.flags


def test_changing_one_sentence_makes_exactly_that_entry_fuzzy_with_its_old_msgid(ws):
    xlate(ws, "run", "--no-mt")
    stem = "004_e61d162d6f37c19a"
    path = ws / "translate" / f"{stem}.po"
    approve_all(path, lambda msgid: f"EN {len(msgid)}")
    before = {e.msgid: e.msgstr for e in catalog(ws, stem)}
    seed = ws / "seeds" / f"{stem}.txt"
    old = "đã khen thưởng 13 đảng bộ cơ sở"
    seed.write_text(seed.read_text(encoding="utf-8").replace(old, "đã khen thưởng 14 đảng bộ cơ sở"),
                    encoding="utf-8")
    xlate(ws, "run", "--no-mt")
    after = catalog(ws, stem)
    fuzzy = [e for e in after if "fuzzy" in e.flags]
    assert len(fuzzy) == 1
    assert "14 đảng bộ" in fuzzy[0].msgid and "13 đảng bộ" in fuzzy[0].previous_msgid
    assert fuzzy[0].msgstr == before[fuzzy[0].previous_msgid]
    for entry in after:
        if entry is not fuzzy[0]:
            assert entry.msgstr == before[entry.msgid] and not entry.obsolete


def test_deleting_a_paragraph_makes_its_entries_obsolete_not_lost(ws):
    xlate(ws, "run", "--no-mt")
    stem = "004_e61d162d6f37c19a"
    path = ws / "translate" / f"{stem}.po"
    approve_all(path, lambda msgid: f"EN {msgid[:12]}")
    seed = ws / "seeds" / f"{stem}.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    removed = normalize(lines[8])  # "Phát biểu ý kiến chỉ đạo, đồng chí Võ Văn Thưởng …"
    assert removed.startswith("Phát biểu ý kiến chỉ đạo")
    seed.write_text("\n".join(lines[:8] + lines[9:]), encoding="utf-8")
    xlate(ws, "run", "--no-mt")
    po = catalog(ws, stem)
    obsolete = [e for e in po if e.obsolete]
    assert obsolete and all(e.msgid in removed and e.msgstr.startswith("EN ") for e in obsolete)
    assert all(e.msgid not in removed for e in po if not e.obsolete)
    assert "#~ msgid" in path.read_text(encoding="utf-8")


def test_bad_seeds_are_reported_by_name_and_the_others_processed(ws):
    (ws / "seeds" / "empty.txt").write_bytes(b"")
    (ws / "seeds" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (ws / "seeds" / "latin1.txt").write_bytes("Tiêu đề\n\nCâu.".encode("utf-8")[:3] + b"\xe9\xe8\n")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 1
    assert "seeds/empty.txt: is empty" in result.output
    assert "seeds/photo.txt: is a binary file" in result.output
    assert "seeds/latin1.txt:1: is not UTF-8" in result.output
    assert sorted(p.stem for p in (ws / "translate").glob("*.po")) == STEMS


def test_po_syntax_error_skips_only_that_article_and_leaves_the_file_untouched(ws):
    xlate(ws, "run", "--no-mt")
    path = ws / "translate" / "003_fcb240ee83401622.po"
    broken = path.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "oops\n\n#.', 1)
    path.write_text(broken, encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 1
    assert "translate/003_fcb240ee83401622.po:" in result.output and "syntax error" in result.output
    assert path.read_text(encoding="utf-8") == broken


def test_no_seeds_is_a_setup_error(tmp_path):
    result = xlate(tmp_path, "run", "--no-mt")
    assert result.exit_code == 2
    assert "no articles to translate" in result.output and "Traceback" not in result.output


def test_a_second_run_while_one_holds_the_lock_exits_2(ws):
    with Lock(ws / ".xlate" / "lock"):
        result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 2
    assert "another xlate run" in result.output
    assert not (ws / "translate").exists()


def test_status_shows_every_article_and_totals(ws):
    xlate(ws, "run", "--no-mt")
    path = ws / "translate" / "004_e61d162d6f37c19a.po"
    translate_and_approve(path, catalog(ws, "004_e61d162d6f37c19a")[0].msgid, "Title")
    result = xlate(ws, "status")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:] if line[:1].isalnum()}
    assert set(rows) == set(STEMS) | {"total"}
    units, approved, draft, untranslated = (int(x) for x in rows["004_e61d162d6f37c19a"][:4])
    assert (approved, draft, untranslated) == (1, 0, units - 1)
    assert rows["004_e61d162d6f37c19a"][5] == "0"  # low-confidence MT drafts: none without MT
    assert " ".join(rows["004_e61d162d6f37c19a"][6:]) == "in review"
    assert int(rows["total"][0]) == sum(int(rows[s][0]) for s in STEMS)


def test_status_changes_nothing_in_the_run_state_even_one_another_xlate_made(ws):
    import sqlite3

    def kept() -> dict[str, tuple[bytes, int]]:
        # Not SQLite's own files as any reader leaves them: -shm (its index of the WAL) and an empty WAL.
        return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted((ws / ".xlate").iterdir())
                if p.is_file() and p.name != "lock" and not p.name.endswith("-shm")
                and not (p.name.endswith("-wal") and p.stat().st_size == 0)}

    xlate(ws, "run", "--no-mt")
    shown = xlate(ws, "status").output
    before = kept()
    assert xlate(ws, "status").output == shown and kept() == before  # the records read, not rewritten
    with sqlite3.connect(ws / ".xlate" / "state.sqlite") as db:  # as a later xlate would leave it
        db.execute("UPDATE meta SET value = '99.0/99' WHERE key = 'version'")
    db.close()
    before = kept()
    again = xlate(ws, "status")
    assert again.exit_code == 0 and again.output == shown  # read from the catalogs instead
    assert kept() == before


def test_init_creates_a_workspace_with_commented_settings(tmp_path):
    result = xlate(tmp_path, "init", "desk")
    assert result.exit_code == 0
    root = tmp_path / "desk"
    for folder in ("seeds", "glossary", "translate", "output"):
        assert (root / folder).is_dir()
    settings = (root / "xlate.toml").read_text(encoding="utf-8")
    assert "# beam_size = 2" in settings and "[mt]" in settings
    assert xlate(tmp_path, "init", "desk").output.endswith("nothing changed\n")


def test_workspace_is_found_from_a_subfolder(ws):
    (ws / "xlate.toml").write_text("[mt]\nbeam_size = 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(ws / "seeds"), "run", "--no-mt"])
    assert result.exit_code == 0, result.output
    assert (ws / "translate").is_dir() and not (ws / "seeds" / "translate").exists()


def test_bad_setting_is_a_setup_error_naming_the_file(ws):
    (ws / "xlate.toml").write_text("[mt]\nbeam_sise = 3\n", encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 2
    assert "xlate.toml: unknown key 'beam_sise' in [mt]" in result.output


def test_help_loads_no_mt_library():
    """Start-up time itself is measured by bench/bench_startup.py, not asserted here."""
    code = ("import sys, time; t = time.perf_counter(); from xlate.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('argostranslate', 'ctranslate2', 'torch', 'stanza', 'spacy') if m in sys.modules]\n"
            "print(heavy, time.perf_counter() - t, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    heavy, _ = out.stderr.strip().rsplit(" ", 1)
    assert heavy == "[]"
    assert "xlate run" in out.stdout


def test_an_export_folder_that_cannot_be_written_is_named_with_what_to_do_and_the_catalogs_stay(ws):
    (ws / "output").mkdir()
    (ws / "output" / "html").write_text("a file where the preview folder goes\n", encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 1
    assert "output/html: cannot be written" in result.output and "xlate export" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.stem for p in (ws / "translate").glob("*.po")) == STEMS  # written before the exports
    (ws / "output" / "html").unlink()
    again = xlate(ws, "run", "--no-mt")
    assert again.exit_code == 0, again.output
    assert sorted(p.stem for p in (ws / "output" / "html").glob("*.html")) == sorted([*STEMS, "index"])
