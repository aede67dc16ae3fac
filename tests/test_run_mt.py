"""`xlate run` with a real Argos package: model install, one MT batch, memory, enforcement.

The copy model (tests/modelkit.py) is a real CTranslate2 transformer whose
output equals its input, so what the pipeline adds around MT — protected
glossary renderings and names — is checkable exactly.
"""

import os
import shutil
import subprocess
import sys

import polib
import pytest
from click.testing import CliRunner

from xlate import catalog
from xlate.cli import cli
from xlate.model import Status

from conftest import STEMS, invoke as xlate, new_workspace


@pytest.fixture
def ws(tmp_path):
    # The test tokenizer's small vocabulary cuts the longest sample sentence into
    # ~300 pieces; let the copy model copy all of them.
    return new_workspace(tmp_path / "ws", settings="[mt]\nmax_decoding_length = 512\n")


def entries(ws):
    return {stem: [e for e in polib.pofile(str(ws / "translate" / f"{stem}.po")) if not e.obsolete]
            for stem in STEMS}


def test_model_install_from_file_then_list(installed):
    result = CliRunner().invoke(cli, ["model", "list"])
    assert "* vi→en  0.1" in result.output


def test_run_drafts_every_unit_as_fuzzy_with_engine_model_version_and_confidence(ws, installed):
    result = xlate(ws, "run")
    assert result.exit_code == 0, result.output
    for stem, items in entries(ws).items():
        assert items, stem
        for entry in items:
            assert entry.msgstr.strip() and catalog.status(entry) == Status.DRAFT
            mt = catalog.comments.values(entry.comment, catalog.comments.Key.MT)
            assert mt == [f"argostranslate translate-vi_en 0.1, confidence {catalog.comments.confidence(entry.comment)}%"]
            assert catalog.comments.confidence(entry.comment) >= 95  # the copy model is sure of its copies


def test_glossary_renderings_and_names_come_through_exactly_with_the_copy_model(ws, installed):
    xlate(ws, "run")
    required = rendered = 0
    for items in entries(ws).values():
        for entry in items:
            for line in catalog.comments.lines(entry.comment):
                if line.startswith(("glossary: ", "name: ")):
                    required += 1
                    en = line.split(" = ", 1)[1]
                    rendered += en in entry.msgstr
            assert not [c for c in catalog.comments.lines(entry.comment) if c.startswith("qa: missing")], entry.msgid
    assert required > 300 and rendered == required
    po = polib.pofile(str(ws / "translate" / "000_9456605ca614320c.po"))
    assert po[0].msgstr.startswith("General Secretary and President To Lam gặp mặt")


def test_second_run_with_nothing_new_translates_nothing_and_never_imports_ctranslate2(ws, installed):
    xlate(ws, "run")
    before = {p: p.read_bytes() for p in sorted((ws / "translate").glob("*.po"))}
    code = ("import sys\nfrom xlate.cli import cli\n"
            f"try:\n    cli(['-C', {str(ws)!r}, 'run'])\nexcept SystemExit as e:\n    code = e.code\n"
            "print('LOADED' if 'ctranslate2' in sys.modules else 'NOT LOADED', code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy())
    assert out.stdout.strip().endswith("NOT LOADED 0"), out.stdout + out.stderr
    assert "0 machine-translated" in out.stdout
    assert {p: p.read_bytes() for p in sorted((ws / "translate").glob("*.po"))} == before


def test_approving_in_one_article_approves_the_same_unit_in_another(ws, installed):
    seed = ws / "seeds" / "004_e61d162d6f37c19a.txt"
    shutil.copy(seed, ws / "seeds" / "005_copy.txt")
    xlate(ws, "run")
    path = ws / "translate" / "004_e61d162d6f37c19a.po"
    po = polib.pofile(str(path))
    title = po[0]
    title.msgstr, title.flags = "Improving the work of officials and civil servants of central agencies", []
    po.save(str(path))
    result = xlate(ws, "run")
    assert result.exit_code == 0
    other = polib.pofile(str(ws / "translate" / "005_copy.po")).find(title.msgid)
    assert (other.msgstr, catalog.status(other)) == ("Improving the work of officials and civil servants of central agencies", Status.APPROVED)
    assert "tm: approved in 004_e61d162d6f37c19a" in other.comment


def test_an_added_article_is_translated_alone_from_the_cache_and_the_engine(ws, installed):
    xlate(ws, "run")
    (ws / "seeds" / "006_new.txt").write_text("Tiêu đề mới\n\nĐồng chí Tô Lâm dự hội nghị.\n", encoding="utf-8")
    result = xlate(ws, "run")
    assert "2 machine-translated" in result.output
    new = polib.pofile(str(ws / "translate" / "006_new.po"))
    assert [e.msgstr for e in new] == ["Tiêu đề mới", "Đồng chí To Lam dự hội nghị."]


def test_without_a_model_run_stops_before_writing_anything(ws, argos_home):
    result = xlate(ws, "run")
    assert result.exit_code == 2
    assert "xlate model install FILE.argosmodel" in result.output and "--no-mt" in result.output
    assert "Traceback" not in result.output
    assert not (ws / "translate").exists() and not (ws / "output").exists()
    assert not (ws / ".xlate" / "memory.sqlite").exists()


def test_auto_install_off_says_so_and_how_to_install(ws, argos_home):
    (ws / "xlate.toml").write_text("[mt]\nauto_install = false\n", encoding="utf-8")
    result = xlate(ws, "run")
    assert result.exit_code == 2
    assert "auto_install is off" in result.output and "xlate model install FILE.argosmodel" in result.output


def test_no_mt_needs_no_model(ws, argos_home):
    assert xlate(ws, "run", "--no-mt").exit_code == 0


def test_run_installs_a_missing_model_from_the_index_then_translates(ws, argos_home, index_server, copy_model):
    from conftest import publish

    publish(index_server, copy_model)
    (ws / "xlate.toml").write_text(f'[mt]\nmax_decoding_length = 512\nindex_url = "{index_server.index}"\n',
                                   encoding="utf-8")
    result = xlate(ws, "run")
    assert result.exit_code == 0, result.output
    assert "fetching it from the Argos index" in result.output
    assert "146 machine-translated" in result.output
    assert CliRunner().invoke(cli, ["model", "list"]).output.count("vi→en  0.1") == 1


def test_the_memory_is_rebuilt_from_the_catalogs_when_deleted(ws):
    shutil.copy(ws / "seeds" / "004_e61d162d6f37c19a.txt", ws / "seeds" / "005_copy.txt")
    xlate(ws, "run", "--no-mt")
    path = ws / "translate" / "004_e61d162d6f37c19a.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "Improving the work of officials and civil servants of central agencies"
    po.save(str(path))
    for leftover in (ws / ".xlate").glob("memory.sqlite*"):
        leftover.unlink()
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    other = polib.pofile(str(ws / "translate" / "005_copy.po")).find(po[0].msgid)
    assert catalog.status(other) == Status.APPROVED and other.msgstr == po[0].msgstr
