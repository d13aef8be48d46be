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
