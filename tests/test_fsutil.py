"""Atomic writes that never replace a file someone saved since it was read."""

import os

import pytest

from xlate import fsutil


def test_identical_bytes_are_not_rewritten(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"same")
    mtime = path.stat().st_mtime_ns
    assert fsutil.write_atomic(path, b"same") is False
    assert path.stat().st_mtime_ns == mtime


def test_a_write_expecting_what_was_read_goes_ahead(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"read")
    assert fsutil.write_atomic(path, b"new", expect=b"read") is True
    assert path.read_bytes() == b"new"


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"saved by a reviewer")
    with pytest.raises(fsutil.Changed):
        fsutil.write_atomic(path, b"ours", expect=b"read earlier")
    assert path.read_bytes() == b"saved by a reviewer"
    assert list(tmp_path.iterdir()) == [path]


def test_a_save_that_lands_while_the_temp_file_is_written_is_caught_before_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "a.po"
    path.write_bytes(b"read")
    real = os.fsync

    def fsync_then_someone_saves(fd):
        real(fd)
        path.write_bytes(b"saved meanwhile")

    monkeypatch.setattr(os, "fsync", fsync_then_someone_saves)
    with pytest.raises(fsutil.Changed):
        fsutil.write_atomic(path, b"ours", expect=b"read")
    assert path.read_bytes() == b"saved meanwhile"
    assert list(tmp_path.iterdir()) == [path], "the temp file was left behind"


def test_expecting_no_file_refuses_to_replace_one_that_appeared(tmp_path):
    path = tmp_path / "xlate.toml"
    path.write_bytes(b"made by hand")
    with pytest.raises(fsutil.Changed):
        fsutil.write_atomic(path, b"template", expect=None)
    assert path.read_bytes() == b"made by hand"
    assert fsutil.write_atomic(tmp_path / "new.toml", b"template", expect=None) is True
