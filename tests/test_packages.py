"""The vi→en package: finding it, installing it from a file, and refusing bad ones."""

import json
import subprocess
import sys
import zipfile

import pytest

from xlate.mt import packages
from xlate.errors import InputError

PKG = "translate-vi_en-0_1"  # the copy model's package folder


def test_nothing_is_installed_in_a_fresh_argos_home(argos_home):
    assert packages.installed() == []
    assert packages.find_vi_en() is None
    assert packages.packages_dir() == argos_home.packages


def test_install_from_file_puts_the_package_where_argostranslate_finds_it(argos_home, copy_model):
    info = packages.install_file(copy_model)

    assert (info.from_code, info.to_code, info.version) == ("vi", "en", "0.1")
    assert info.path == argos_home.packages / PKG
    assert (info.path / "model" / "model.bin").is_file()
    assert packages.installed() == [info]
    assert packages.find_vi_en() == info
    from argostranslate import package as argos_package  # shared with other Argos tools
    assert [p.package_path for p in argos_package.get_installed_packages()] == [info.path]


def test_installing_another_vi_en_package_replaces_the_old_one(argos_home, copy_model, random_model):
    packages.install_file(copy_model)
    newer = packages.install_file(random_model)
    again = packages.install_file(copy_model)  # the file just installed is the one used

    assert newer.version == "0.2"
    assert packages.find_vi_en() == again
    assert [p.version for p in packages.installed()] == ["0.1"]


def rezip(src, dst, drop=(), add=None, metadata=None):
    """A copy of the archive src with members dropped, added or metadata.json edited."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for item in old.infolist():
            if item.filename.endswith(drop or ("\0",)):
                continue
            data = old.read(item)
            if metadata and item.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), **metadata}).encode()
            new.writestr(item, data)
        for name, data in (add or {}).items():
            new.writestr(zipfile.ZipInfo(name), data)
    return dst


def html_page(src, dst):
    dst.write_text("<html>Not found</html>")
    return dst


BAD_ARCHIVES = {
    "not a zip": (html_page,
                  "not an Argos model package (an .argosmodel file is a zip archive)"),
    "no metadata.json": (lambda src, dst: rezip(src, dst, drop=("metadata.json",)),
                         f"{PKG}/metadata.json is missing"),
    "member escapes with ../": (lambda src, dst: rezip(src, dst, add={f"{PKG}/../../evil.txt": "x"}),
                                "would be written outside the packages folder"),
    "absolute member path": (lambda src, dst: rezip(src, dst, add={"/tmp/xlate-evil.txt": "x"}),
                             "would be written outside the packages folder"),
    "wrong language pair": (lambda src, dst: rezip(src, dst, metadata={"from_code": "en", "to_code": "vi"}),
                            "en→vi translate package, not the Vietnamese→English"),
    "no tokenizer": (lambda src, dst: rezip(src, dst, drop=("sentencepiece.model",)),
                     f"lacks {PKG}/sentencepiece.model"),
    "no CTranslate2 model": (lambda src, dst: rezip(src, dst, drop=("model.bin",)),
                             f"lacks {PKG}/model/model.bin (its CTranslate2 model)"),
}


@pytest.mark.parametrize("case", BAD_ARCHIVES)
def test_a_bad_archive_is_refused_before_anything_is_extracted(argos_home, copy_model, tmp_path, case):
    make, expected = BAD_ARCHIVES[case]
    bad = make(copy_model, tmp_path / "bad.argosmodel")

    with pytest.raises(InputError) as refused:
        packages.install_file(bad)

    message = str(refused.value)
    assert message.startswith(f"{bad}: ")  # names the file
    assert expected in message  # says what is wrong
    assert refused.value.hint  # says what to do
    assert list(argos_home.packages.iterdir()) == []
    assert not (argos_home.root / "evil.txt").exists()


def test_a_missing_file_is_refused_with_its_name(argos_home, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        packages.install_file(tmp_path / "nowhere.argosmodel")


# --- imports ------------------------------------------------------------------------


def run_python(code):
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_importing_xlate_packages_loads_no_mt_machinery():
    loaded = run_python("import sys, xlate.mt.packages, xlate.mt.engine\n"
                        "for m in ('argostranslate', 'ctranslate2', 'sentencepiece', 'torch', 'spacy', 'stanza'):\n"
                        "    print(m in sys.modules)")
    assert loaded == ["False"] * 6


def test_argostranslate_does_not_touch_the_network_when_imported():
    attempts = run_python(
        "import socket\n"
        "def refuse(*args): print('NETWORK', args); raise OSError('offline')\n"
        "socket.socket.connect = socket.getaddrinfo = socket.create_connection = refuse\n"
        "import argostranslate.settings, argostranslate.package\n"
        "argostranslate.package.get_installed_packages()\n")
    assert attempts == []
