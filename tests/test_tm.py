"""`xlate tm`: memories from other tools in (kept in tm/), listed, removed, and the desk's approvals out."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from xlate import catalog
from xlate.catalog import comments
from xlate.mt import tmfiles

from conftest import invoke as xlate

EXACT = "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại trụ sở Chính phủ."
SIMILAR = "Thủ tướng Phạm Minh Chính tiếp Đại sứ Hàn Quốc tại trụ sở Chính phủ."
CHANGED_WORD = "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại trụ sở Quốc hội."
LEGACY = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="VI-VN"
          datatype="plaintext" creationdate="20190301T101500Z"/>
  <body>
    <tu changedate="20200115T080000Z">
      <tuv xml:lang="VI-VN"><seg>{EXACT.replace("Phạm Minh Chính", '<bpt i="1">&lt;b&gt;</bpt>Phạm Minh Chính<ept i="1">&lt;/b&gt;</ept>')}</seg></tuv>
      <tuv xml:lang="EN-GB"><seg>Prime Minister <bpt i="1">&lt;b&gt;</bpt>Pham Minh Chinh<ept i="1">&lt;/b&gt;</ept> received the Japanese Ambassador at the Government headquarters.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="vi-vn"><seg>Hai bên trao đổi về hợp tác kinh tế.<ph x="1">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="en-US"><seg>The two sides discussed economic cooperation.</seg></tuv>
    </tu>
  </body>
</tmx>
"""
EXACT_EN = "Prime Minister Pham Minh Chinh received the Japanese Ambassador at the Government headquarters."


@pytest.fixture
def desk(tmp_path):
    """An empty workspace, one article, and a TMX an OmegaT user would bring (tags, en-GB/vi-VN)."""
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "a.txt").write_text(f"Tin đối ngoại\n\n{EXACT} {SIMILAR}\n", encoding="utf-8")
    (tmp_path / "legacy.tmx").write_text(LEGACY, encoding="utf-8")
    return ws


def entries(ws: Path, stem: str = "a") -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(ws / "translate" / f"{stem}.po")) if not e.obsolete}


def state(ws: Path) -> dict[str, bytes]:
    """Everything an import may touch, byte for byte."""
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*"))
            if p.is_file() and ".xlate" not in p.parts}


def test_an_imported_tmx_is_kept_in_tm_and_its_matches_arrive_as_drafts(desk, tmp_path):
    done = xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))
    assert done.exit_code == 0, done.output
    assert "imported legacy: 2 unit(s) in tm/legacy.tmx" in done.output
    assert "arrives as a draft" in done.output
    assert (desk / "tm" / "legacy.tmx").read_bytes() == (tmp_path / "legacy.tmx").read_bytes()

    assert xlate(desk, "run", "--no-mt").exit_code == 0
    exact, similar = entries(desk)[EXACT], entries(desk)[SIMILAR]
    assert (exact.msgstr, exact.fuzzy, exact.previous_msgid) == (EXACT_EN, True, None)
    assert comments.values(exact.comment, comments.Key.TM) == ["100% match, legacy"]
    assert (similar.msgstr, similar.fuzzy, similar.previous_msgid) == (EXACT_EN, True, EXACT)
    assert comments.match_percent(similar.comment) == 86  # 13 of 15 words line up: 86.7 %, floored
    assert "tm: 86% match, legacy" in comments.lines(similar.comment)


def test_a_trusted_tmx_is_kept_in_tm_trusted_and_its_exact_matches_arrive_approved(desk, tmp_path):
    assert xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"), "--name", "vna-2019", "--trusted").exit_code == 0
    assert (desk / "tm" / "trusted" / "vna-2019.tmx").is_file()
    xlate(desk, "run", "--no-mt")
    exact, similar = entries(desk)[EXACT], entries(desk)[SIMILAR]
    assert catalog.status(exact) == "approved" and exact.msgstr == EXACT_EN
    assert catalog.status(similar) == "draft"  # a fuzzy match is a draft, trusted or not
    # Importing the same name untrusted moves it back: one memory per name.
    assert xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"), "--name", "vna-2019").exit_code == 0
    assert sorted(p.relative_to(desk).as_posix() for p in (desk / "tm").rglob("*.tmx")) == ["tm/vna-2019.tmx"]


def test_list_shows_each_origin_with_its_units_trust_and_dates(desk, tmp_path):
    xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))
    xlate(desk, "run", "--no-mt")
    po = polib.pofile(str(desk / "translate" / "a.po"))
    po[0].msgstr = "Foreign affairs news"
    po.save()
    listed = xlate(desk, "tm", "list")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].split() == ["origin", "units", "exact", "match", "dates", "file"]
    assert lines[1].split()[:4] == ["catalogs", "(1)", "1", "approved"]
    assert lines[2].split() == ["legacy", "2", "draft", "2019-03-01", "–", "2020-01-15", "tm/legacy.tmx"]


def test_remove_deletes_the_file_and_its_matches(desk, tmp_path):
    xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))
    removed = xlate(desk, "tm", "remove", "legacy")
    assert removed.exit_code == 0 and "removed tm/legacy.tmx" in removed.output
    assert not (desk / "tm" / "legacy.tmx").exists()
    xlate(desk, "run", "--no-mt")
    assert all(not e.msgstr for e in entries(desk).values())
    unknown = xlate(desk, "tm", "remove", "legacy")
    assert unknown.exit_code == 2 and "no imported translation memory is named 'legacy'" in unknown.output


def test_deleting_the_private_state_loses_nothing_the_next_run_rebuilds_the_index(desk, tmp_path):
    xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))
    shutil.rmtree(desk / ".xlate")
    xlate(desk, "run", "--no-mt")
    assert entries(desk)[EXACT].msgstr == EXACT_EN


def test_an_unchanged_tmx_is_not_read_again_even_when_touched(desk, tmp_path, monkeypatch):
    xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))
    reads = []
    real = tmfiles.read_units
    monkeypatch.setattr(tmfiles, "read_units", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    xlate(desk, "run", "--no-mt")
    (desk / "tm" / "legacy.tmx").touch()  # as a git checkout does
    xlate(desk, "run", "--no-mt")
    assert reads == []
    path = desk / "tm" / "legacy.tmx"
    path.write_text(LEGACY.replace("economic cooperation", "economic co-operation"), encoding="utf-8")
    xlate(desk, "run", "--no-mt")
    assert reads == [path]


BAD = {
    "malformed": (LEGACY.replace("</tuv>\n    </tu>\n  </body>", "</tuv>\n  </body>"), "is not well-formed XML", 14),
    "no Vietnamese side": (LEGACY.replace('"VI-VN"><seg>', '"de-DE"><seg>').replace('"vi-vn"', '"de-de"'),
                           "has no Vietnamese side", 5),
    "empty": ("", "is empty", None),
    "no units": (LEGACY.split("<body>")[0] + "<body/></tmx>\n", "holds no translation units", 5),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_tmx_is_refused_with_file_and_line_and_changes_nothing(desk, tmp_path, kind):
    xlate(desk, "tm", "import", str(tmp_path / "legacy.tmx"))  # an earlier import of the same name
    xlate(desk, "run", "--no-mt")
    before = state(desk)
    text, message, line = BAD[kind]
    bad = tmp_path / "new" / "legacy.tmx"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8")
    refused = xlate(desk, "tm", "import", str(bad))
    assert refused.exit_code == 2
    first = refused.output.splitlines()[0]
    assert first.startswith(f"xlate: {bad}:{line}: " if line else f"xlate: {bad}: ") and message in first, first
    assert "Traceback" not in refused.output and "nothing was imported" in refused.output
    assert state(desk) == before  # the earlier import and its file are intact; no temp file left
    assert "legacy  " in xlate(desk, "tm", "list").output  # and so is its index
    xlate(desk, "run", "--no-mt")
    assert entries(desk)[EXACT].msgstr == EXACT_EN


def test_a_50_mb_tmx_cut_short_is_refused_at_its_last_line_and_nothing_is_imported(desk, tmp_path):
    path = tmp_path / "big.tmx"
    with open(path, "w", encoding="utf-8") as out:
        out.write(LEGACY.split("<body>")[0] + "<body>\n")
        n = 0
        vi = " ".join(["Hội nghị bàn về hợp tác kinh tế, văn hóa và giáo dục giữa hai nước."] * 6)
        en = " ".join(["The conference discussed economic, cultural and educational cooperation."] * 6)
        while out.tell() < 50_000_000:  # news paragraphs of ~1 kB a unit, as long memories hold
            out.write(f'<tu><tuv xml:lang="vi"><seg>{n}. {vi}</seg></tuv><tuv xml:lang="en"><seg>{n}. {en}</seg></tuv></tu>\n')
            n += 1
        out.write('<tu><tuv xml:lang="vi"><seg>Cắt')  # the file ends mid-unit
    lines = n + 7
    refused = xlate(desk, "tm", "import", str(path))
    assert refused.exit_code == 2 and f"{path}:{lines}: is not well-formed XML" in refused.output, refused.output
    assert not (desk / "tm").exists() or not list((desk / "tm").iterdir())
    assert "catalogs (0)" in xlate(desk, "tm", "list").output and "big" not in xlate(desk, "tm", "list").output


def test_a_tmx_written_by_translate_toolkit_imports_matches_and_exports_again(desk, tmp_path):
    from translate.storage import tmx as tt_tmx

    # A reviewed catalog from another desk, turned into TMX by translate-toolkit's po2tmx.
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.append(polib.POEntry(msgid=EXACT, msgstr=EXACT_EN))
    po.append(polib.POEntry(msgid="Tin đối ngoại", msgstr="Foreign news"))
    po.save(str(tmp_path / "other.po"))
    made = subprocess.run([sys.executable, "-m", "translate.convert.po2tmx", "-l", "en-GB", "--source-language",
                           "vi-VN", str(tmp_path / "other.po"), str(tmp_path / "other.tmx")], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert xlate(desk, "tm", "import", str(tmp_path / "other.tmx"), "--trusted").exit_code == 0
    xlate(desk, "run", "--no-mt")
    found = entries(desk)
    assert catalog.status(found["Tin đối ngoại"]) == "approved" and found["Tin đối ngoại"].msgstr == "Foreign news"
    assert found[SIMILAR].previous_msgid == EXACT

    # Approve the fuzzy draft as a reviewer would, and export everything approved.
    po = polib.pofile(str(desk / "translate" / "a.po"))
    entry = po.find(SIMILAR)
    entry.msgstr, entry.flags, entry.previous_msgid = "Prime Minister Pham Minh Chinh received the Korean Ambassador.", [], None
    po.save()
    exported = xlate(desk, "tm", "export", str(tmp_path / "out.tmx"))
    assert exported.exit_code == 0 and "3 approved unit(s)" in exported.output, exported.output
    store = tt_tmx.tmxfile.parsefile(str(tmp_path / "out.tmx"))
    assert {u.source: u.target for u in store.units} == {
        "Tin đối ngoại": "Foreign news", EXACT: EXACT_EN,
        SIMILAR: "Prime Minister Pham Minh Chinh received the Korean Ambassador."}
    # …and it comes back in as it went out.
    again = xlate(desk, "tm", "import", str(tmp_path / "out.tmx"), "--name", "round-trip")
    assert again.exit_code == 0 and "imported round-trip: 3 unit(s)" in again.output
