"""Hostile input, as the CLI meets it: a clear message naming the file, exit 1 or 2,
and nothing else in the workspace damaged."""

import hashlib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlate.cli import cli

from conftest import STEMS, invoke as xlate, new_workspace


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".xlate" not in p.parts}


@pytest.fixture
def ws(tmp_path):
    """A workspace after a clean `run --no-mt`: what must survive every bad input."""
    root = new_workspace(tmp_path / "ws")
    assert xlate(root, "run", "--no-mt").exit_code == 0
    return root


def assert_only_named_file_reported(result, name, code):
    assert result.exit_code == code, result.output
    assert name in result.output and "Traceback" not in result.output


def assert_good_articles_intact(ws, before, *, listed_as_kept: str | None = None):
    """Every catalog and export as it was; the preview's index may only add the article it kept."""
    after = tree(ws)
    for rel, digest in before.items():
        if rel == "output/html/index.html" and listed_as_kept:
            index = (ws / rel).read_text(encoding="utf-8")
            assert "Not updated this time" in index and f"<code>{listed_as_kept}</code>" in index
            continue
        if rel.startswith(("translate/", "output/")):
            assert after.get(rel) == digest, rel


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "is empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("cp1258.txt", b"Ti\xea\xecng Vi\xea\xf2t\n\nCa\xf2u m\xf4\xf2t.\n", "not UTF-8"),
    ("latin1.txt", "Café société.\n".encode("latin-1"), "not UTF-8"),
])
def test_unreadable_seed_is_skipped_by_name_and_the_rest_still_runs(ws, name, content, reason):
    before = tree(ws)
    (ws / "seeds" / name).write_bytes(content)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, f"seeds/{name}", 1)
    assert reason in result.output
    assert_good_articles_intact(ws, before)
    assert not (ws / "translate" / f"{Path(name).stem}.po").exists()


@pytest.mark.parametrize("name, content, reason", [
    ("report.docx", b"PK\x03\x04word/document.xml", "is a word-processor document"),
    ("scan.pdf", b"%PDF-1.7\n", "is a PDF"),
    ("photo.jpg", b"\xff\xd8\xff\xe0JFIF", "is an image"),
    ("page.mhtml", b"MIME-Version: 1.0\n", "is a web archive"),
    ("notes.rtf", b"{\\rtf1}", "is a word-processor document"),
    ("draft.txt~", b"Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n", "xlate reads .txt, .md, .html and .htm seeds only"),
])
def test_a_file_xlate_does_not_read_is_named_with_the_reason_and_the_rest_still_runs(ws, name, content, reason):
    before = tree(ws)
    (ws / "seeds" / name).write_bytes(content)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, f"seeds/{name}", 1)
    assert reason in result.output
    assert_good_articles_intact(ws, before)


def test_a_folder_in_seeds_is_named(ws):
    (ws / "seeds" / "archive").mkdir()
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, "seeds/archive", 1)
    assert "is a folder" in result.output


@pytest.mark.parametrize("name, content, reason", [
    ("home.html", b"<html><head><title>Trang ch\xe1\xbb\xa7</title></head><body><nav><a>Th\xe1\xbb\x9di s\xe1\xbb\xb1</a>"
                  b"</nav></body></html>", "has no article in it"),
    ("tcvn.html", b'<html><head><meta charset="tcvn3"></head><body><p>\xb8o</p></body></html>',
     "declares the charset 'tcvn3', which xlate cannot read"),
    ("bad.htm", b'<html><head><meta charset="utf-8"></head><body><p>Ti\xea\xecng</p></body></html>',
     "is not valid utf-8 as it declares"),
])
def test_a_page_with_no_article_or_an_unreadable_charset_is_named_and_the_rest_still_runs(ws, name, content, reason):
    before = tree(ws)
    (ws / "seeds" / name).write_bytes(content)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, f"seeds/{name}", 1)
    assert reason in result.output
    assert_good_articles_intact(ws, before)
    assert not (ws / "translate" / f"{Path(name).stem}.po").exists()


def test_a_50_mb_seed_is_refused_without_reading_it_all(ws):
    before = tree(ws)
    with open(ws / "seeds" / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, "seeds/huge.txt", 1)
    assert "52,428,800 bytes" in result.output and "one file per article" in result.output
    assert_good_articles_intact(ws, before)


def test_a_seed_linking_out_of_the_workspace_is_refused(ws, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Tiêu đề mật\n\nCâu mật.\n", encoding="utf-8")
    (ws / "seeds" / "link.txt").symlink_to(secret)
    before = tree(ws)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, "seeds/link.txt", 1)
    assert "outside the workspace" in result.output
    assert not (ws / "translate" / "link.po").exists()
    assert_good_articles_intact(ws, before)


def test_a_po_file_with_a_syntax_error_is_left_untouched(ws):
    path = ws / "translate" / f"{STEMS[2]}.po"
    broken = path.read_bytes().replace(b'msgstr ""\n\n#.', b'msgstr "half\n\n#.', 1)
    path.write_bytes(broken)
    before = tree(ws)
    for command in (["run", "--no-mt"], ["export"], ["check"]):
        result = xlate(ws, *command)
        assert_only_named_file_reported(result, f"translate/{STEMS[2]}.po:", 1)
        assert path.read_bytes() == broken
    assert_good_articles_intact(ws, before, listed_as_kept=STEMS[2])


def test_a_po_file_declaring_another_charset_is_left_untouched(ws):
    path = ws / "translate" / f"{STEMS[0]}.po"
    latin = path.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-1")
    path.write_bytes(latin)
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, f"translate/{STEMS[0]}.po", 1)
    assert "msgconv --to-code=UTF-8" in result.output
    assert path.read_bytes() == latin


def test_a_glossary_row_with_the_wrong_number_of_columns_is_reported_and_skipped(ws):
    (ws / "glossary" / "extra.tsv").write_text("vi\ten\ttype\tnote\nBộ Chính trị\tPolitburo\n"
                                               "Một\thai\tba\tbốn\tnăm\n", encoding="utf-8")
    result = xlate(ws, "glossary", "check")
    assert_only_named_file_reported(result, "glossary/extra.tsv:3", 1)
    assert "5 columns" in result.output
    run = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(run, "glossary/extra.tsv:3", 1)


def test_an_unreadable_settings_file_stops_before_anything_is_done(ws):
    before = tree(ws)
    (ws / "xlate.toml").write_text("[mt\nbeam_size = 2\n", encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert_only_named_file_reported(result, "xlate.toml", 2)
    assert tree(ws) == {**before, "xlate.toml": tree(ws)["xlate.toml"]}


@pytest.mark.parametrize("case", ["not a zip", "no metadata.json", "path escaping the package"])
def test_a_bad_model_file_is_refused_and_nothing_installed(argos_home, tmp_path, copy_model, case):
    bad = tmp_path / "bad.argosmodel"
    if case == "not a zip":
        bad.write_bytes(b"<html>404 Not Found</html>")
    else:
        with zipfile.ZipFile(copy_model) as src, zipfile.ZipFile(bad, "w") as dst:
            for item in src.infolist():
                if case == "no metadata.json" and item.filename.endswith("metadata.json"):
                    continue
                dst.writestr(item, src.read(item))
            if case == "path escaping the package":
                dst.writestr("translate-vi_en-0_1/../../evil.txt", b"owned")
    result = CliRunner().invoke(cli, ["model", "install", str(bad)], catch_exceptions=False)
    assert_only_named_file_reported(result, "bad.argosmodel", 1)
    assert not any(argos_home.packages.iterdir())
    assert not (tmp_path / "evil.txt").exists()
