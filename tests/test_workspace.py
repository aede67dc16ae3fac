"""A workspace: found like a git repository, its folders and files, and `xlate init`."""

import os

import pytest

from xlate.errors import SetupError
from xlate.settings import Settings
from xlate.workspace import GLOSSARY_HEADER, Workspace, init


def test_the_nearest_folder_holding_xlate_toml_is_the_workspace(tmp_path):
    (tmp_path / "xlate.toml").write_text("[mt]\nbeam_size = 3\n", encoding="utf-8")
    deep = tmp_path / "seeds" / "2024"
    deep.mkdir(parents=True)
    ws = Workspace.open(deep)
    assert ws.root == tmp_path.resolve() and ws.settings.mt.beam_size == 3


def test_without_xlate_toml_the_folder_itself_is_a_workspace_with_defaults(tmp_path):
    ws = Workspace.open(tmp_path)
    assert ws.root == tmp_path.resolve() and ws.settings == Settings()


def test_the_current_folder_is_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Workspace.open().root == tmp_path.resolve()


def test_a_bad_xlate_toml_is_a_setup_error(tmp_path):
    (tmp_path / "xlate.toml").write_text("[mt\n", encoding="utf-8")
    with pytest.raises(SetupError):
        Workspace.open(tmp_path)


def test_seeds_are_the_article_files_in_name_order(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name in ("b.md", "a.txt", ".hidden.txt", "notes.docx", "C.TXT"):
        (tmp_path / "seeds" / name).write_text("x", encoding="utf-8")
    assert [p.name for p in Workspace.open(tmp_path).seeds()] == ["C.TXT", "a.txt", "b.md"]


def test_paths_are_shown_relative_to_the_workspace_when_inside_it(tmp_path):
    ws = Workspace.open(tmp_path)
    assert ws.shown(ws.catalog_path("001_x")) == "translate/001_x.po"
    assert ws.shown(tmp_path.parent / "elsewhere.txt") == (tmp_path.parent / "elsewhere.txt").as_posix()


def test_input_stamps_change_when_a_seed_or_glossary_file_is_edited(tmp_path):
    init(tmp_path)
    seed = tmp_path / "seeds" / "a.txt"
    seed.write_text("Một.", encoding="utf-8")
    ws = Workspace.open(tmp_path)
    before = ws.input_stamps()
    assert set(before) == {"seeds/a.txt", "glossary/terms.tsv"}
    seed.write_text("Một câu khác.", encoding="utf-8")
    with open(tmp_path / "glossary" / "terms.tsv", "a", encoding="utf-8") as fh:
        fh.write("câu\tsentence\tterm\t\n")
    after = ws.input_stamps()
    assert {k for k in before if before[k] != after[k]} == {"seeds/a.txt", "glossary/terms.tsv"}


def test_init_creates_what_is_missing_and_never_overwrites(tmp_path):
    created = init(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in created} == {
        "seeds", "glossary", "translate", "output", "xlate.toml", "glossary/terms.tsv", ".gitignore"}
    assert (tmp_path / "glossary" / "terms.tsv").read_text(encoding="utf-8") == GLOSSARY_HEADER
    (tmp_path / "xlate.toml").write_text("# mine\n", encoding="utf-8")
    os.remove(tmp_path / ".gitignore")
    assert init(tmp_path) == [tmp_path / ".gitignore"]
    assert (tmp_path / "xlate.toml").read_text(encoding="utf-8") == "# mine\n"
