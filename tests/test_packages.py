"""The vi→en package: installing from a file or from an Argos index, and refusing bad ones."""

import hashlib
import json
import socket
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import publish
from xlate.mt import packages
from xlate.errors import InputError, ModelMissing, SetupError
from xlate.settings import Settings

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


# --- the Argos index, served on loopback ---------------------------------------------


def settings_for(url, tmp_path):
    settings = Settings()
    settings.mt.index_url = url
    settings.mt.timeout = 2.0
    return settings


def test_install_from_index_downloads_verifies_and_installs(index_server, copy_model, tmp_path, argos_home):
    data = publish(index_server, copy_model, sha256=hashlib.sha256(copy_model.read_bytes()).hexdigest())
    seen = []

    info = packages.install_from_index(settings_for(index_server.index, tmp_path),
                                       progress=lambda done, total: seen.append((done, total)))

    assert info == packages.find_vi_en()
    assert info.version == "0.1"
    assert seen[-1] == (len(data), len(data))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 2  # reported while downloading, not only at the end
    assert list(argos_home.downloads.iterdir()) == []  # the temporary file is gone


def test_the_default_index_is_argostranslates_setting(index_server, copy_model, tmp_path, monkeypatch):
    from argostranslate import settings as argos

    publish(index_server, copy_model)
    monkeypatch.setattr(argos, "remote_package_index", index_server.index)

    assert packages.install_from_index(settings_for("", tmp_path)).version == "0.1"


@pytest.mark.parametrize("entry, table, expected", [
    ({"sha256": "0" * 64}, {}, "SHA-256 is"),
    ({}, {"0.1": (123, "0" * 64)}, "expected 123"),
    ({"size": 99}, {}, "expected 99"),
], ids=["index sha256", "known-release table", "index size"])
def test_a_download_that_does_not_match_its_checksum_is_not_installed(
        index_server, copy_model, tmp_path, argos_home, monkeypatch, entry, table, expected):
    monkeypatch.setattr(packages, "KNOWN_PACKAGES", table)
    publish(index_server, copy_model, **entry)

    with pytest.raises(SetupError, match=expected) as refused:
        packages.install_from_index(settings_for(index_server.index, tmp_path))

    assert "nothing was installed" in str(refused.value)
    assert packages.find_vi_en() is None
    assert list(argos_home.packages.iterdir()) == []
    assert list(argos_home.downloads.iterdir()) == []


def test_the_known_checksum_of_release_1_9_is_enforced(index_server, copy_model, tmp_path):
    publish(index_server, copy_model, package_version="1.9")  # not the real 65,895,840 bytes

    with pytest.raises(SetupError, match="expected 65,895,840"):
        packages.install_from_index(settings_for(index_server.index, tmp_path))
    assert packages.find_vi_en() is None


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_index_fails_fast_with_how_to_install_offline(argos_home, tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/index.json"
    started = time.monotonic()

    with pytest.raises(ModelMissing) as missing:
        packages.install_from_index(settings_for(url, tmp_path))

    assert time.monotonic() - started < 2
    message = str(missing.value)
    assert url in message and "cannot reach the Argos package index" in message
    assert "xlate model install FILE.argosmodel" in message and "xlate run --no-mt" in message
    assert packages.find_vi_en() is None


@pytest.mark.parametrize("files, expected", [
    ({}, r"cannot reach the Argos package index \(HTTP 404"),
    ({"/index.json": b"<html>Please log in</html>"}, "did not answer with a package list"),
    ({"/index.json": b"[]"}, "lists no Vietnamese"),
], ids=["404", "login page", "no vi-en entry"])
def test_an_index_without_the_package_raises_model_missing(index_server, tmp_path, files, expected):
    index_server.files.update(files)

    with pytest.raises(ModelMissing, match=expected) as missing:
        packages.install_from_index(settings_for(index_server.index, tmp_path))
    assert "xlate model install FILE.argosmodel" in str(missing.value)


def test_a_dead_download_link_raises_model_missing(index_server, copy_model, tmp_path):
    publish(index_server, copy_model)
    del index_server.files["/files/translate-vi_en.argosmodel"]

    with pytest.raises(ModelMissing, match=r"could not download translate-vi_en \(.*HTTP 404"):
        packages.install_from_index(settings_for(index_server.index, tmp_path))


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
