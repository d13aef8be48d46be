"""Saving: what is saved loads back the same, with stable bytes; a failed save leaves the old file whole."""

from __future__ import annotations

import os

import pytest

from timeline_app.io import parse_dataset
from timeline_app.io.saving import SaveError, atomic_write_bytes, dataset_to_bytes, save_dataset
from timeline_app.paths import bundled_dataset_path


def test_the_bundled_dataset_round_trips_to_the_same_dataset_and_the_same_bytes(tmp_path):
    original = parse_dataset(bundled_dataset_path().read_bytes(), file="bundled").dataset
    target = tmp_path / "copy.json"
    save_dataset(original, target)
    again = parse_dataset(target.read_bytes(), file=str(target)).dataset
    assert again == original
    assert dataset_to_bytes(again) == target.read_bytes()


def test_saving_keeps_the_schema_reference_first_and_omits_defaults(tmp_path):
    data = dataset_to_bytes(parse_dataset(bundled_dataset_path().read_bytes(), file="b").dataset)
    assert data.startswith(b'{\n  "$schema"')
    assert b'"importance": 3' not in data  # the default is not written out


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_behind(tmp_path, monkeypatch):
    target = tmp_path / "data.json"
    target.write_bytes(b"old contents")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SaveError) as raised:
        atomic_write_bytes(target, b"new contents")
    assert "disk is full" in raised.value.reason
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]


def test_a_read_only_folder_gives_a_plain_reason(tmp_path, monkeypatch):
    # Simulated: tests may run as root, who can write into a read-only folder.
    import errno
    import tempfile

    target = tmp_path / "data.json"
    target.write_bytes(b"old")

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as raised:
        atomic_write_bytes(target, b"new")
    assert "read-only" in raised.value.reason
    assert target.read_bytes() == b"old"


def test_the_next_save_removes_the_temporary_files_of_killed_saves_and_nothing_else(tmp_path):
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    stale = [".data.json.abcd_123.tmp", ".data.json.x9y8z7w6.tmp"]  # what tempfile.mkstemp names them
    kept = [".data.json.ABCD1234.tmp", ".data.json.abc.tmp", ".data.json.abcd12345.tmp", ".data.json.abcd1234.tmp.bak",
            ".other.json.abcd1234.tmp", "data.json.abcd1234.tmp", ".data.json.abcd1234.txt", "notes.txt"]
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"partial")
    (tmp_path / ".data.json.folder00.tmp").mkdir()  # not a file: left alone
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_bytes(b"not ours")
    (tmp_path / ".data.json.link0000.tmp").symlink_to(outside)  # a link, not a file of ours: left alone
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*kept, "data.json", ".data.json.folder00.tmp", ".data.json.link0000.tmp"])
    assert outside.read_bytes() == b"not ours"


def test_a_failed_save_removes_no_leftover(tmp_path, monkeypatch):
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    (tmp_path / ".data.json.abcd1234.tmp").write_bytes(b"partial")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SaveError):
        atomic_write_bytes(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".data.json.abcd1234.tmp", "data.json"]


def test_a_read_only_file_is_not_replaced(tmp_path):
    # Renaming over a file needs only the folder's permission, so without a check a save would replace a file
    # its owner made read-only (root included).
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(SaveError) as raised:
        atomic_write_bytes(target, b"new")
    assert raised.value.reason == "the file is read-only; it was not changed"
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["data.json"]
    target.chmod(0o644)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "dataset.json"
    real.write_bytes(b"old")
    link = tmp_path / "dataset.json"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset.json", "shared"]
