"""Nothing lost: a save interrupted anywhere leaves the old file or the new one, whole, never a mix.

- SIGKILL: a child process saves two datasets alternately over one file, in a loop, and is killed after a
  random delay, 60 times; the file is then byte-equal to one of the two every time, and the temporary files
  killed saves leave are removed by the next save that succeeds.
- Injected faults: every os.write, os.fsync, os.close and os.replace call of a save, and the temporary file's
  creation, fails in turn (disk full, I/O error, read-only); the save raises SaveError with a plain reason, the
  old file is untouched, no temporary file is left, and the dataset in memory is unchanged and can be saved
  elsewhere. Short writes (the kernel taking a few bytes at a time) still give the whole file.
- A real limit: a child whose file-size limit (RLIMIT_FSIZE) is below the dataset's size gets a plain
  SaveError and the old file stays whole.
- Every other file the app writes (view exports, handouts, datasets with stories) is renamed into place the
  same way, and a failed write leaves it as it was. (Settings: tests/ui/test_settings.py.)
"""

from __future__ import annotations

import errno
import os
import random
import resource
import signal
import struct
import sys
import time
from pathlib import Path

import pytest

from timeline_app.io import SaveError, atomic_write_bytes, parse_dataset, save_dataset, saving
from timeline_app.io.saving import dataset_to_bytes
from timeline_app.model import Dataset
from timeline_app.paths import bundled_dataset_path

KILL_RUNS = 60
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


@pytest.fixture(scope="module")
def datasets() -> tuple[Dataset, Dataset]:
    """The bundled dataset, and a larger one made from it (every event six times over, ids changed)."""
    old = parse_dataset(bundled_dataset_path().read_bytes(), file="bundled").dataset
    events = tuple(e for copy in range(6) for e in (_renamed(e, copy) for e in old.events))
    new = Dataset(**{**_fields(old), "title": "A larger dataset", "events": events, "stories": ()})
    return old, new


def _renamed(event, copy: int):
    return type(event)(**{**_fields(event), "id": f"{event.id}-copy-{copy}"})


def _fields(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__pydantic_fields__}


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@needs_fork
def test_a_save_killed_at_a_random_moment_leaves_the_old_or_the_new_file_whole(tmp_path, datasets) -> None:
    old, new = datasets
    old_bytes, new_bytes = dataset_to_bytes(old), dataset_to_bytes(new)
    target = tmp_path / "dataset.json"
    target.write_bytes(old_bytes)
    rng = random.Random(20261124)
    seen = {"old": 0, "new": 0}
    interrupted = 0  # kills that landed between the temporary file's creation and the rename
    for _ in range(KILL_RUNS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: save, alternately, until killed
            try:
                os.close(read_end)
                # One pair first, timed here: a child forked from a large process runs slowly until its
                # copy-on-write pages are its own, so the parent's own timing would not fit it.
                started = time.perf_counter()
                save_dataset(new, target)
                save_dataset(old, target)
                os.write(write_end, struct.pack("d", (time.perf_counter() - started) / 2))
                while True:
                    save_dataset(new, target)
                    save_dataset(old, target)
            finally:
                os._exit(1)
        os.close(write_end)
        (one_save,) = struct.unpack("d", os.read(read_end, 8))
        os.close(read_end)
        time.sleep(rng.uniform(0, 3 * one_save))  # the moment of the kill is the point of the test
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL  # killed, not crashed
        content = target.read_bytes()
        assert content in (old_bytes, new_bytes), "a mix of the old and the new file"
        seen["old" if content == old_bytes else "new"] += 1
        leftovers = _temporaries(tmp_path)
        assert all(name.startswith(".dataset.json.") for name in leftovers)
        # The child saved twice before the kill could come: those saves removed what earlier kills left.
        assert len(leftovers) <= 1, "a save that succeeded left the temporary files of killed ones"
        interrupted += bool(leftovers)
    assert seen["old"] and seen["new"], seen
    assert interrupted >= 1, "no kill landed inside a write: the test proved nothing"
    if _temporaries(tmp_path):
        save_dataset(old, target)
        assert _temporaries(tmp_path) == [], "the next save removes what killed saves left"
    print(f"\n{KILL_RUNS} kills: old file {seen['old']}, new file {seen['new']}, "
          f"{interrupted} mid-write (temporary file left), 0 mixed")


FAULTS = [(name, call, code) for name, calls in (("write", 4), ("fsync", 1), ("close", 1), ("replace", 1))
          for call in range(1, calls + 1) for code in (errno.ENOSPC, errno.EIO, errno.EROFS)]


@pytest.mark.parametrize(("function", "call", "code"), FAULTS,
                         ids=[f"{f}#{c}-{errno.errorcode[e]}" for f, c, e in FAULTS])
def test_a_fault_at_any_step_of_a_save_leaves_the_old_file_and_the_work_in_memory(
        tmp_path, monkeypatch, datasets, function, call, code) -> None:
    old, new = datasets
    target = tmp_path / "dataset.json"
    target.write_bytes(dataset_to_bytes(old))
    real = getattr(os, function)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            if function == "close":
                real(*args)  # the descriptor goes; the error is what a network file system may report
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(saving, "_WRITE_CHUNK", 64 * 1024)  # several writes, to fail any of them
    monkeypatch.setattr(os, function, failing)
    before = dataset_to_bytes(new)
    with pytest.raises(SaveError) as failed:
        save_dataset(new, target)
    monkeypatch.undo()
    assert len(calls) >= call  # the fault was reached
    assert target.read_bytes() == dataset_to_bytes(old)
    assert _temporaries(tmp_path) == []
    assert failed.value.reason == {
        errno.ENOSPC: "the disk is full; the file was not changed",
        errno.EROFS: "the folder is read-only or you may not write there; the file was not changed",
        errno.EIO: "the file could not be written (Input/output error); it was not changed"}[code]
    assert dataset_to_bytes(new) == before  # the work is still there, whole
    elsewhere = tmp_path / "elsewhere.json"
    save_dataset(new, elsewhere)
    assert parse_dataset(elsewhere.read_bytes(), file="e").dataset == new


def test_the_temporary_file_cannot_be_made(tmp_path, monkeypatch, datasets) -> None:
    import tempfile

    target = tmp_path / "dataset.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(tempfile, "mkstemp", lambda **_: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(SaveError, match="the disk is full"):
        save_dataset(datasets[1], target)
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("taken", [1, 7, 4096])
def test_short_writes_still_give_the_whole_file(tmp_path, monkeypatch, taken) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:taken])))
    data = bytes(range(256)) * 600
    atomic_write_bytes(tmp_path / "f.bin", data)
    assert (tmp_path / "f.bin").read_bytes() == data


@needs_fork
def test_a_file_size_limit_gives_a_plain_error_and_keeps_the_old_file(tmp_path, datasets) -> None:
    old, new = datasets
    target = tmp_path / "dataset.json"
    target.write_bytes(dataset_to_bytes(old))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of a signal
            limit = len(dataset_to_bytes(new)) // 2
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            try:
                save_dataset(new, target)
                os.write(write_end, b"saved")
            except SaveError as exc:
                os.write(write_end, exc.reason.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    reason = os.read(read_end, 1000).decode()
    os.close(read_end)
    os.waitpid(pid, 0)
    assert reason == "the disk is full, or the file is larger than this folder allows; the file was not changed"
    assert target.read_bytes() == dataset_to_bytes(old)
    assert _temporaries(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_really_read_only_folder_gives_a_plain_error(tmp_path, datasets) -> None:
    target = tmp_path / "dataset.json"
    target.write_bytes(b"old")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="read-only"):
            save_dataset(datasets[0], target)
    finally:
        tmp_path.chmod(0o755)
    assert target.read_bytes() == b"old"


def test_exports_handouts_and_story_files_are_renamed_into_place_and_survive_a_failed_write(
        qtbot, tmp_path, monkeypatch) -> None:
    """Every file the app writes besides settings (whose atomic write test_settings.py checks): a view export,
    a handout, a dataset with its stories. Each appears by renaming a complete temporary file over the target;
    a write that fails leaves the target as it was."""
    from timeline_app.ui.exporting import export_view
    from timeline_app.ui.handout import handout_html, write_handout
    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.presenting.story_commands import write_dataset

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_path(bundled_dataset_path())
    dataset = window.store.dataset
    story = dataset.stories[0]
    html = handout_html(dataset, story.title, [s.event for s in story.steps])
    writers = {name: lambda p: export_view(window.canvas, p) for name in ("view.svg", "view.pdf", "view.png")}
    writers["handout.pdf"] = lambda p: write_handout(p, html, "H")
    writers["stories.json"] = lambda p: write_dataset(dataset, p)
    real_replace, real_write = os.replace, os.write
    renamed = []
    monkeypatch.setattr(os, "replace", lambda src, dst: (renamed.append(Path(dst)), real_replace(src, dst))[1])
    for name, write in writers.items():
        target = tmp_path / name
        target.write_bytes(b"the file as it was")
        write(target)
        assert renamed[-1] == target and target.read_bytes() != b"the file as it was", name
        written = target.read_bytes()
        monkeypatch.setattr(os, "write", lambda *_: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        with pytest.raises(SaveError, match="the disk is full"):
            write(target)
        monkeypatch.setattr(os, "write", real_write)
        assert target.read_bytes() == written and _temporaries(tmp_path) == [], name
